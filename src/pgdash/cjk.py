"""Measures of Chinese text shared by the pipeline (PDF line widths) and the display (labels)."""


def display_width(line: str) -> float:
    """Width of a line in CJK cells: ASCII characters count half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line)
