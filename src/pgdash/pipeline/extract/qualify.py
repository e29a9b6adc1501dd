"""Period, kind and comparator of a figure, from the document's structure and nearby words.

The structure gives the default: part 一 of a work report reviews the past year (actual),
part 二 sets the coming year's targets; a news article reports to-date figures. Cue words
before the number refine it, each within its reach: 预计 (estimate) and 规划 (plan) govern
their sentence, 累计/已/目前 (to date) and 连续三年 only their clause, a year (2023年, 上半年) its
paragraph. The nearest applicable cue before the number wins.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from pgdash.pipeline.extract.mentions import Mention
from pgdash.pipeline.text.numerals import number_value
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import (
    CLAUSE_BREAKS,
    PARAGRAPH_BREAKS,
    SENTENCE_BREAKS,
    span_around,
)

ACTUAL, ESTIMATE, TARGET, PLAN = "actual", "estimate", "target", "plan"
CUMULATIVE, FUTURE = "cumulative", "future"


@dataclass(frozen=True)
class Around:
    """The paragraph, sentence and clause around a figure."""

    paragraph: Span
    sentence: Span
    clause: Span

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Around":
        """The spans around ``text[start:end]``."""
        return cls(
            span_around(text, start, end, PARAGRAPH_BREAKS),
            span_around(text, start, end, SENTENCE_BREAKS + PARAGRAPH_BREAKS),
            span_around(text, start, end, CLAUSE_BREAKS + PARAGRAPH_BREAKS),
        )

    def scope(self, name: str) -> Span:
        """The span a cue of the given reach must lie in."""
        return {"paragraph": self.paragraph, "sentence": self.sentence, "clause": self.clause}[name]


@dataclass(frozen=True)
class Frame:
    """What the document's structure says about the figures at one place."""

    period: str
    kind: str
    base_year: int  # the last full year: 连续三年 ends there
    report_year: int  # the year of publication: 上半年 is its first half
    cues_apply: bool  # False in a list of targets, where every figure is a target


def _year(text: str) -> int | None:
    m = re.search(r"(19|20)\d\d", text)
    return int(m.group(0)) if m else None


def structural_frame(doc_kind: str, published: str, outline: Outline, offset: int) -> Frame:
    """The default period and kind at ``offset``, from the document's kind and headings."""
    report_year = _year(published) or 0
    if doc_kind != "work_report":
        return Frame(CUMULATIVE, ACTUAL, report_year - 1, report_year, True)
    part = next((h for h in outline.stack_at(offset) if h.level == 1), None)
    year = _year(part.title) if part else None
    if part and year and "回顾" not in part.title:
        return Frame(str(year), TARGET, year - 1, report_year, False)
    year = year or report_year - 1
    return Frame(str(year), ACTUAL, year, report_year, True)


@dataclass(frozen=True)
class Cue:
    """A word pattern that sets the period and/or the kind of the figures after it."""

    pattern: re.Pattern[str]
    reach: str  # clause | sentence | paragraph
    period: Callable[[re.Match[str], Frame], str] | None = None
    kind: str | None = None


def _years_back(m: re.Match[str], f: Frame) -> str:
    return f"{f.base_year - number_value(m.group(2)) + 1}-{f.base_year}"


CUES: tuple[Cue, ...] = (
    Cue(re.compile(r"((?:19|20)\d\d)年上半年"), "paragraph", lambda m, f: f"{m.group(1)}H1"),
    Cue(re.compile(r"(?<!\d年)上半年"), "paragraph", lambda m, f: f"{f.report_year}H1"),
    Cue(re.compile(r"(?<![比较同与])((?:19|20)\d\d)年(?!上半年|以来)"), "paragraph",
        lambda m, f: m.group(1)),
    Cue(re.compile(r"(连续|近)([一二两三四五六七八九十\d]+)年"), "clause", _years_back),
    Cue(re.compile(r"累计|已|目前|至今"), "clause", lambda m, f: CUMULATIVE, ACTUAL),
    Cue(re.compile(r"未来|下一步"), "sentence", lambda m, f: FUTURE, PLAN),
    Cue(re.compile(r"预计"), "sentence", None, ESTIMATE),
    Cue(re.compile(r"力争"), "sentence", None, TARGET),
    Cue(re.compile(r"(?<!原)规划"), "sentence", None, PLAN),
    Cue(re.compile(r"即将|(?<=[\u4e00-\u9fff])将(?=[\u4e00-\u9fff])"), "sentence", None, PLAN),
)  # fmt: skip


# A clause opening with one of these reports a new piece of work, which an earlier 预计 of
# the sentence does not govern (预计…分别增长73.8%和57.2%，培育“专精特新”企业58家).
NEW_ACTION = re.compile(
    r"[，；]\s*(?:培育|引进|新建|建成|建设|完成|举办|组织|打造|推动|推出|实施|开展)"
)


def _governs(text: str, cue: re.Match[str], mention: Mention) -> bool:
    """Whether an estimate cue still governs ``mention`` (no new action in between)."""
    return not NEW_ACTION.search(text, cue.end(), mention.start)


def period_and_kind(text: str, mention: Mention, around: Around, frame: Frame) -> tuple[str, str]:
    """The period and kind of ``mention``: the nearest applicable cue, else the frame."""
    if not frame.cues_apply:
        return frame.period, frame.kind
    found_period: tuple[int, str] | None = None
    found_kind: tuple[int, str] | None = None
    for cue in CUES:
        reach = around.scope(cue.reach)
        for m in cue.pattern.finditer(text, around.paragraph.start, mention.end):
            if not (reach.holds(m.start()) and m.start() < mention.start):
                continue  # out of its reach, or not before the number
            if cue.kind == ESTIMATE and not _governs(text, m, mention):
                continue
            if cue.period and (found_period is None or m.start() >= found_period[0]):
                found_period = (m.start(), cue.period(m, frame))
            if cue.kind and (found_kind is None or m.start() >= found_kind[0]):
                found_kind = (m.start(), cue.kind)
    kind = found_kind[1] if found_kind else frame.kind
    period = found_period[1] if found_period else frame.period
    if kind == PLAN and not found_period:
        period = FUTURE
    return period, kind


# Comparator words: after the figure (以上), just before it (近), or in its clause (超额完成).
AFTER = (("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~"))
BEFORE = (
    ("将近", "~"),
    ("接近", "~"),
    ("近", "~"),
    ("约", "~"),
    ("超过", ">="),
    ("突破", ">="),
    ("超", ">="),
    ("逾", ">="),
    ("不低于", ">="),
    ("不超过", "<="),
    ("控制在", "<="),
)
IN_CLAUSE = (("超额完成", ">="),)


def comparator(text: str, mention: Mention, around: Around) -> str:
    """``=``, ``>=``, ``<=`` or ``~`` from the words around the figure."""
    if mention.is_rank:
        return "="
    for word, sign in AFTER:
        if text.startswith(word, mention.end):
            return sign
    if mention.lower_bound:
        return ">="
    before = text[around.clause.start : mention.start].removesuffix("了")
    for word, sign in BEFORE:
        if before.endswith(word):
            return sign
    for word, sign in IN_CLAUSE:
        if word in before:
            return sign
    return "="
