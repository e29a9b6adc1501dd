"""The one sentence and clause splitter: spans of sentences or clauses of a text.

A sentence ends at a full stop (。！？) or a semicolon (；): each ；-part of a list is a
statement of its own. A clause also ends at a comma or colon (，：). Paragraphs end at a
line break; pass ``PARAGRAPH_BREAKS`` with the others where a piece must not cross one.
"""

import functools
import re
from collections.abc import Iterator

from pgdash.pipeline.text.span import Span

PARAGRAPH_BREAKS = "\n"
FULL_STOPS = "。！？"
SENTENCE_BREAKS = FULL_STOPS + "；"
CLAUSE_MARKS = "，："
CLAUSE_BREAKS = SENTENCE_BREAKS + CLAUSE_MARKS
CLOSING_QUOTES = "”’）"  # kept with the full stop before them when a piece keeps its end


@functools.cache
def _pattern(breaks: str, keep_ends: bool) -> re.Pattern[str]:
    chars = re.escape(breaks)
    end = rf"(?:[{chars}]+[{CLOSING_QUOTES}]*)?" if keep_ends else ""
    return re.compile(rf"[^{chars}]+{end}")


def paragraphs(text: str) -> Iterator[Span]:
    """Every line of ``text`` as written (empty ones too), without its line break."""
    pos = 0
    for line in text.split(PARAGRAPH_BREAKS):
        yield Span(pos, pos + len(line))
        pos += len(line) + 1


def pieces(
    text: str, start: int, end: int, breaks: str, *, keep_ends: bool = False
) -> Iterator[Span]:
    """The pieces of ``text[start:end]`` between ``breaks``, stripped of whitespace.

    Empty pieces are dropped. With ``keep_ends`` a piece keeps the break characters that
    end it and any closing quote right after them (``他说：“好。”``).
    """
    for m in _pattern(breaks, keep_ends).finditer(text, start, end):
        span = Span(m.start(), m.end()).stripped(text)
        if len(span):
            yield span


def sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    breaks: str = SENTENCE_BREAKS,
    *,
    keep_ends: bool = False,
) -> Iterator[Span]:
    """The sentences of ``text[start:end]``, cut at ``breaks`` (see :func:`pieces`)."""
    return pieces(text, start, len(text) if end is None else end, breaks, keep_ends=keep_ends)


def clauses(
    text: str, start: int = 0, end: int | None = None, breaks: str = CLAUSE_BREAKS
) -> Iterator[Span]:
    """The clauses of ``text[start:end]``, cut at ``breaks`` (see :func:`pieces`)."""
    return pieces(text, start, len(text) if end is None else end, breaks)


def break_positions(text: str, start: int, end: int, breaks: str) -> Iterator[int]:
    """The offsets of the break characters in ``text[start:end]``."""
    return (i for i in range(start, end) if text[i] in breaks)


def span_around(text: str, start: int, end: int, breaks: str) -> Span:
    """The stretch of ``text`` holding ``[start, end)`` between two break characters.

    Unlike :func:`pieces`, it is not stripped: it runs from just after the break before
    ``start`` to the break after ``end`` (or the ends of the text).
    """
    left = max((text.rfind(ch, 0, start) for ch in breaks), default=-1) + 1
    rights = [i for ch in breaks if (i := text.find(ch, end)) >= 0]
    return Span(left, min(rights, default=len(text)))
