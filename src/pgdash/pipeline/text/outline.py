"""Headings of a normalized document and the heading path at any offset.

Work reports use 一、 parts, （一） sections and short bold sub-headings that open a
paragraph (狠抓生态治理。). News articles use short title paragraphs without punctuation.
"""

import bisect
import re
from dataclasses import dataclass

from pgdash.pipeline.text.numerals import ORDINAL_NUMERAL, parse_chinese_int
from pgdash.pipeline.text.split import paragraphs

PART = re.compile(rf"^([{ORDINAL_NUMERAL}]+)、(.+)$")
SECTION = re.compile(rf"^（([{ORDINAL_NUMERAL}]+)）([^。]+。?)")
SUBHEADING = re.compile(r"^([^，。；：！？、]{3,24}。)")
TITLE = re.compile(r"^[^，。；！？]{4,20}$")
SEPARATOR = " › "


@dataclass(frozen=True)
class Heading:
    """A heading: where it starts and ends in the text, its level (1–3) and title."""

    start: int
    end: int
    level: int
    title: str


def find_headings(text: str, kind: str) -> list[Heading]:
    """All headings of a document of the given kind, in text order."""
    headings: list[Heading] = []
    in_section = False
    for line in paragraphs(text):
        pos, para = line.start, line.text_of(text)
        if kind == "work_report":
            if m := PART.match(para):
                headings.append(Heading(pos, pos + len(para), 1, para))
                in_section = False
            elif m := SECTION.match(para):
                title = m.group(0).rstrip("。")
                headings.append(Heading(pos, pos + len(title), 2, title))
                in_section = True
            elif in_section and (m := SUBHEADING.match(para)):
                title = m.group(1).rstrip("。")
                headings.append(Heading(pos, pos + len(title), 3, title))
        elif kind != "work_report" and TITLE.match(para):
            headings.append(Heading(pos, pos + len(para), 1, para))
    return headings


def section_no(heading: Heading) -> int:
    """The number N of a （N） section heading."""
    return parse_chinese_int(heading.title[1 : heading.title.index("）")])


class Outline:
    """The heading path at any offset of one document."""

    def __init__(self, text: str, kind: str) -> None:
        self.headings = find_headings(text, kind)
        self._starts = [h.start for h in self.headings]

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
