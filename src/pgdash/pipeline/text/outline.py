"""Headings of a normalized document and the heading path at any offset.

Work reports use parts (一、2022年工作回顾, found with their years and roles by
:mod:`pgdash.pipeline.read.structure`), （一） sections and short bold sub-headings that
open a paragraph (狠抓生态治理。). Where the parts are bare year headings (2022年工作回顾),
the numbered 一、 lines under them are the sections. News articles use short title
paragraphs without punctuation.
"""

import bisect
import re
from dataclasses import dataclass

from pgdash.pipeline.read.structure import Part, find_parts
from pgdash.pipeline.text.numerals import ORDINAL_NUMERAL, parse_chinese_int
from pgdash.pipeline.text.split import paragraphs

SECTION = re.compile(rf"^（([{ORDINAL_NUMERAL}]+)）([^。]+。?)")
NUMBERED_SECTION = re.compile(rf"^([{ORDINAL_NUMERAL}]+)、([^。]+。?)")
SECTION_NUMBER = re.compile(rf"^（?([{ORDINAL_NUMERAL}]+)[）、]")
SUBHEADING = re.compile(r"^([^，。；：！？、]{3,24}。)")
TITLE = re.compile(r"^[^，。；！？]{4,20}$")
SEPARATOR = " › "

__all__ = ["Heading", "Outline", "Part", "find_headings", "section_no"]


@dataclass(frozen=True)
class Heading:
    """A heading: where it starts and ends in the text, its level (1–3) and title."""

    start: int
    end: int
    level: int
    title: str


def _report_headings(text: str, parts: list[Part]) -> list[Heading]:
    starts = {p.start for p in parts if not p.implied}
    section_pattern = NUMBERED_SECTION if parts and not parts[0].numbered else SECTION
    headings: list[Heading] = []
    in_section = False
    for line in paragraphs(text):
        pos, para = line.start, line.text_of(text)
        if pos in starts:
            headings.append(Heading(pos, pos + len(para), 1, para))
            in_section = False
        elif m := section_pattern.match(para):
            title = m.group(0).rstrip("。")
            headings.append(Heading(pos, pos + len(title), 2, title))
            in_section = True
        elif in_section and (m := SUBHEADING.match(para)):
            title = m.group(1).rstrip("。")
            headings.append(Heading(pos, pos + len(title), 3, title))
    return headings


def find_headings(text: str, kind: str, parts: list[Part] | None = None) -> list[Heading]:
    """All headings of a document of the given kind, in text order."""
    if kind == "work_report":
        return _report_headings(text, find_parts(text) if parts is None else parts)
    return [
        Heading(line.start, line.end, 1, line.text_of(text))
        for line in paragraphs(text)
        if TITLE.match(line.text_of(text))
    ]


def section_no(heading: Heading) -> int:
    """The number N of a （N） or N、 section heading."""
    m = SECTION_NUMBER.match(heading.title)
    if m is None:
        raise ValueError(f"not a section heading: {heading.title}")
    return parse_chinese_int(m.group(1))


class Outline:
    """The parts and the heading path at any offset of one document."""

    def __init__(self, text: str, kind: str) -> None:
        self.parts = find_parts(text) if kind == "work_report" else []
        self.headings = find_headings(text, kind, self.parts)
        self._starts = [h.start for h in self.headings]
        self._part_starts = [p.start for p in self.parts]

    def stack_at(self, offset: int) -> list[Heading]:
        """The headings that enclose ``offset``, outermost first."""
        stack: list[Heading] = []
        for h in self.headings[: bisect.bisect_right(self._starts, offset)]:
            stack = [x for x in stack if x.level < h.level] + [h]
        return stack

    def path_at(self, offset: int) -> str:
        """The heading path at ``offset``, e.g. ``二、… › （三）… › 加速大项目落地``."""
        return SEPARATOR.join(h.title for h in self.stack_at(offset))

    def section_no_at(self, offset: int) -> int | None:
        """The number of the （N） section enclosing ``offset``, if any."""
        for h in self.stack_at(offset):
            if h.level == 2:
                return section_no(h)
        return None

    def part_at(self, offset: int) -> Part | None:
        """The part (with its year and role: review or plan) enclosing ``offset``."""
        i = bisect.bisect_right(self._part_starts, offset)
        return self.parts[i - 1] if i else None
