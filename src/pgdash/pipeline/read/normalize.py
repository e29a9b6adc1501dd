"""Turn a document's text into paragraphs, one per line.

Text copied from a web page already has one paragraph per line, most lines indented with
full-width spaces: its lines are kept as they are. The seeds (PDF text) break sentences
across lines and mark page breaks with blank lines (the work report is even
double-spaced). A line ends its paragraph when it is visibly shorter than the lines around
it and ends a sentence, or when it is a short title followed by a blank line. Lines that
are not the document (page chrome, page numbers, a closing glossary) are dropped first
(:mod:`.trim`). Offsets in every table point into the text this module returns.
"""

import re
import statistics
import unicodedata

from pgdash.cjk import display_width
from pgdash.pipeline.read.trim import is_chrome, keep_lines

STOPS = "。！？：!?"
CLOSERS = "”’）】」"
BYLINE = re.compile(r"（[^（）]{1,8}）$")
CLAUSE_PUNCT = re.compile(r"[，。；：！？]")
NEIGHBOURS = 3
INDENT = ("  ", "\t")  # full-width spaces are turned into two spaces first
INDENTED_SHARE = 0.5  # most lines indented: one paragraph per line
LONG_LINE = 80  # median display width no PDF page line reaches


def one_paragraph_per_line(raw_lines: list[str]) -> bool:
    """Whether the lines (unstripped, blank ones left out) are paragraphs already."""
    if not raw_lines:
        return False
    indented = sum(line.startswith(INDENT) for line in raw_lines) / len(raw_lines)
    median = statistics.median(display_width(line.strip()) for line in raw_lines)
    return indented >= INDENTED_SHARE or median >= LONG_LINE


def _full_width(lines: list[str], i: int) -> float:
    window = lines[max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1]
    return max(display_width(x) for x in window)


def _ends_sentence(line: str) -> bool:
    """A closing quote ends a sentence only after a full stop (“…。”); a short
    bracketed byline after a full stop (…。（仁铭）) does too."""
    return BYLINE.sub("", line).rstrip(CLOSERS).endswith(tuple(STOPS))


def _opens_block(lines: list[str], blank_after: list[bool], i: int) -> bool:
    """Whether line ``i`` follows a blank line, or a punctuation-free line no narrower
    that does (titles may take two lines)."""
    if i == 0 or blank_after[i - 1]:
        return True
    previous = lines[i - 1]
    return (
        not CLAUSE_PUNCT.search(previous)
        and display_width(previous) >= display_width(lines[i]) - 2
        and (i == 1 or blank_after[i - 2])
    )


def _ends_paragraph(lines: list[str], blank_after: list[bool], i: int, double_spaced: bool) -> bool:
    """Whether line ``i`` is the last line of its paragraph."""
    line, full = lines[i], _full_width(lines, i)
    width = display_width(line)
    if _ends_sentence(line) and width <= full - 1:
        return True  # a short last line
    title_width = full * 0.7 if double_spaced else full - 1.5
    gap_after = blank_after[i] or double_spaced
    title_like = not CLAUSE_PUNCT.search(line) and width <= title_width
    if title_like and (double_spaced or _opens_block(lines, blank_after, i)):
        following = display_width(lines[i + 1]) if i + 1 < len(lines) else 0
        if gap_after or width <= 0.7 * following:
            return True  # a title on its own, or above a wider first line
    if i + 1 < len(lines) and _ends_sentence(line):
        following = display_width(lines[i + 1])
        return full - 4 <= following <= full - 1.5  # the next line is indented
    return False


def normalize(raw: str) -> str:
    """Join broken lines into paragraphs separated by single newlines."""
    text = unicodedata.normalize("NFC", raw.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    unstripped = text.split("\n")
    raw_lines = keep_lines([line.strip() for line in unstripped])
    content = [line for line in unstripped if line.strip() and not is_chrome(line.strip())]
    if one_paragraph_per_line(content):  # decided on the document's lines, not the page's
        kept = [line for line in raw_lines if line]
        return "\n".join(kept) + ("\n" if kept else "")
    lines: list[str] = []
    blank_after: list[bool] = []
    for line in raw_lines:
        if line:
            lines.append(line)
            blank_after.append(False)
        elif blank_after:
            blank_after[-1] = True
    double_spaced = bool(lines) and sum(blank_after) / len(lines) > 0.8
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        current = _join(current, line)
        if i == len(lines) - 1 or _ends_paragraph(lines, blank_after, i, double_spaced):
            paragraphs.append(current)
            current = ""
    return "\n".join(paragraphs) + ("\n" if paragraphs else "")


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _join(left: str, right: str) -> str:
    """Join two pieces of one paragraph, keeping a space only between Latin words."""
    if left and _latin(left[-1]) and _latin(right[0]):
        return f"{left} {right}"
    return left + right


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of normalized ``text``."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
