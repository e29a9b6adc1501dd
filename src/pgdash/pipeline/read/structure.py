"""The parts of a work report (一、2022年工作回顾 / 二、2023年工作安排 …) and their years.

A work report first reviews a year and then sets targets for the next. Its parts are
numbered lines (一、…) or, in some reports, bare year headings (2022年工作回顾). A part is
a review or a plan by what its heading says: 回顾, or a year earlier than another part's,
makes a review; the latest year, or a plan word (安排, 任务, 重点工作 …), makes a plan, and
a part without a year after a plan part (政府自身建设) belongs to the plan. Parts no
heading decides (titled by slogans) plan when they follow the last review part, and the
first part reviews when nothing else does. A report whose text starts in the middle of its
review (its first heading 二、… or a plan heading after paragraphs of review) still has a
review: an implied part without a heading, from the start of the text to the first heading.
"""

import re
from collections import Counter
from dataclasses import dataclass

from pgdash.pipeline.read.normalize import paragraph_spans

PART_NUMERAL = "一二三四五六七八九十"
PART = re.compile(rf"^([{PART_NUMERAL}]+)、(.+)$")
BARE_PART = re.compile(
    r"^(?:19|20)\d\d年(?:以来)?[^，。；：！？、]{0,10}"
    r"(?:回顾|安排|任务|重点工作|主要工作|工作思路)[^，。；：！？]{0,8}$"
)
MIN_REVIEW_PARAGRAPHS = 3  # unheaded paragraphs before a first plan heading: a review
MAX_PART_CHARS = 60  # a part heading is one line, not a paragraph
YEAR = re.compile(r"((?:19|20)\d\d)年")
REVIEW, PLAN = "review", "plan"
REVIEW_WORDS = ("回顾",)
THIS_YEAR = ("今年",)
LAST_YEAR = ("一年来", "去年", "过去一年")
PLAN_WORDS = ("安排", "任务", "重点工作", "主要工作", "工作思路", "目标", "计划", "规划")


@dataclass(frozen=True)
class Part:
    """A part heading: where it is, its title, the year it names and its role."""

    start: int
    end: int
    title: str
    numbered: bool  # 一、… rather than a bare year heading
    year: int | None
    role: str  # review | plan

    @property
    def implied(self) -> bool:
        """Whether the part has no heading (a review the text starts in the middle of)."""
        return not self.title


def _year(title: str) -> int | None:
    m = YEAR.search(title)
    return int(m.group(1)) if m else None


def part_headings(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, title, numbered) of every part heading line, in text order."""
    found = []
    for start, end in paragraph_spans(text):
        line = text[start:end]
        if len(line) > MAX_PART_CHARS or "。" in line.rstrip("。"):
            continue
        if PART.match(line):
            found.append((start, end, line, True))
        elif BARE_PART.match(line):
            found.append((start, end, line, False))
    numbered = [h for h in found if h[3]]
    bare = [h for h in found if not h[3]]
    # Bare year headings are the parts only where the numbered lines are its sections.
    return bare if bare and (not numbered or bare[0][0] < numbered[0][0]) else numbered


def find_parts(text: str) -> list[Part]:
    """The parts of a work report with their years and roles, in text order."""
    heads = part_headings(text)
    years = [_year(h[2]) for h in heads]
    roles = _roles([h[2] for h in heads], years)
    parts = [
        Part(s, e, title, numbered, year, role)
        for (s, e, title, numbered), year, role in zip(heads, years, roles, strict=True)
    ]
    if _starts_mid_review(text, parts):
        return [Part(0, 0, "", False, None, REVIEW), *parts]
    return parts


def _starts_mid_review(text: str, parts: list[Part]) -> bool:
    """Whether the text before the first heading is a review that lost its heading: no part
    reviews, and the first heading is numbered past 一 or follows several paragraphs."""
    if not parts or any(p.role == REVIEW for p in parts) or parts[0].start == 0:
        return False
    first = parts[0]
    before = len(paragraph_spans(text[: first.start]))
    return (first.numbered and not first.title.startswith("一、")) or (
        before >= MIN_REVIEW_PARAGRAPHS
    )


def _roles(titles: list[str], years: list[int | None]) -> list[str]:
    """review or plan for each part, from its heading's words and year."""
    latest = max((y for y in years if y), default=None)
    roles: list[str] = []
    for title, year in zip(titles, years, strict=True):
        plans = any(w in title for w in PLAN_WORDS)
        if any(w in title for w in REVIEW_WORDS) or (
            year and latest and year < latest and not plans
        ):
            roles.append(REVIEW)
        elif year or plans or PLAN in roles:
            roles.append(PLAN)
        else:
            roles.append("")
    return _fill_roles(roles)


def _fill_roles(roles: list[str]) -> list[str]:
    """Roles for the parts no heading word decides: a report reviews before it plans."""
    if PLAN not in roles:
        last_review = max((i for i, r in enumerate(roles) if r == REVIEW), default=0)
        roles = [r or (PLAN if i > last_review else "") for i, r in enumerate(roles)]
    return [r or (PLAN if PLAN in roles[:i] else REVIEW) for i, r in enumerate(roles)]


@dataclass(frozen=True)
class ReportYears:
    """The year a work report reviews and the year it sets targets for, and why."""

    reviews: int | None
    targets: int | None
    reviews_from: str  # the heading or words the year was read from, "" if not found
    targets_from: str


def _part_year(parts: list[Part], role: str) -> tuple[int | None, str]:
    for part in parts:
        if part.role == role and part.year:
            return part.year, part.title
    return None, ""


def _common_year(text: str, spans: list[tuple[int, int]]) -> int | None:
    counts = Counter(int(y) for s, e in spans for y in YEAR.findall(text, s, e))
    return counts.most_common(1)[0][0] if counts else None


def report_years(text: str, parts: list[Part] | None = None) -> ReportYears:
    """The reviewed and target years: from the part headings; else one year apart when the
    plan says 今年 or the review says 一年来/去年 and the other year is known; else the year
    each part names most often."""
    parts = find_parts(text) if parts is None else parts
    reviews, reviews_from = _part_year(parts, REVIEW)
    targets, targets_from = _part_year(parts, PLAN)
    ends = [p.start for p in parts[1:]] + ([len(text)] if parts else [])
    body = {
        role: [(p.end, end) for p, end in zip(parts, ends, strict=True) if p.role == role]
        for role in (REVIEW, PLAN)
    }

    def says(role: str, words: tuple[str, ...]) -> bool:
        return any(w in text[s:e] for s, e in body[role] for w in words)

    if targets is None and reviews is not None and says(PLAN, THIS_YEAR):
        targets, targets_from = reviews + 1, "今年 in the plan, the year after the review's"
    if reviews is None and targets is not None and says(REVIEW, LAST_YEAR):
        reviews, reviews_from = targets - 1, "一年来/去年 in the review, the year before the plan's"
    if reviews is None and (year := _common_year(text, body[REVIEW])):
        reviews, reviews_from = year, "the year the review part names most often"
    if targets is None and (year := _common_year(text, body[PLAN])):
        targets, targets_from = year, "the year the plan part names most often"
    return ReportYears(reviews, targets, reviews_from, targets_from)


def has_report_structure(parts: list[Part]) -> bool:
    """Whether the parts make a work report: a review part and a plan part."""
    roles = {p.role for p in parts}
    return REVIEW in roles and PLAN in roles
