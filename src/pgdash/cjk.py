"""Measures of Chinese text shared by the pipeline (PDF line widths) and the display (labels)."""

import re

HALF_WIDTH = re.compile(r"[\x00-\u2e7f]")  # below the CJK blocks: half a cell


def display_width(line: str) -> float:
    """Width of a line in CJK cells: ASCII characters count half."""
    return len(line) - 0.5 * len(HALF_WIDTH.findall(line))
