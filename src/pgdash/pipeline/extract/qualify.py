"""Period, kind and comparator of a figure, from the document's structure and nearby words.

The structure gives the default: part 一 of a work report reviews the past year (actual),
part 二 sets the coming year's targets; a news article reports to-date figures. Cue words
before the number refine it, each within its reach: 预计 (estimate) and 规划 (plan) govern
their sentence, 累计/已/目前/总数达/汇聚 (to date) and 连续三年 only their clause, a year (2023年,
上半年) its paragraph. The nearest applicable cue before the number wins.

In a work report's review a written year other than the reviewed one reaches only its sentence;
a year named as the base of a comparison (比2021年, 较2019年, 相较于2020年) is never a period; a
five-year plan (十四五, 2021—2025年) gives its span, whose figures are results once the span is
over and plans while it is to come (but a level the completed span ended at — 增至14条,
从A增加到B, 金融资产规模超过9.5万亿元 — is its last year's); a later year's figures (到2030年)
are plans, and the targets year's figures (the 主要预期目标 paragraph, wherever the outline
puts it) are targets.
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
    report_year: int  # the year a bare 上半年 / 前三季度 / 1—11月 falls in
    cues_apply: bool  # False in a list of targets, where every figure is a target
    this_year: int = 0  # the year 今年 names: the targets year of a work report
    review: bool = False  # a work report's review: 规划 there is mostly a past plan's


# A review of a government's whole term (过去五年工作回顾, 五年来) covers its years.
TERM_REVIEW = re.compile(r"(?:过去|近)([三四五两二\d])年|([三四五])年来")


@dataclass(frozen=True)
class DocYears:
    """The years of a document the frame needs (from its metadata)."""

    kind: str
    delivered: int
    reviews: int | None = None
    targets: int | None = None

    @classmethod
    def of(cls, doc: object) -> "DocYears":
        """From a :class:`~pgdash.pipeline.read.seeds.Document`."""
        delivered = getattr(doc, "delivered_year", None) or _year(getattr(doc, "published", ""))
        return cls(
            getattr(doc, "kind", ""),
            delivered or 0,
            getattr(doc, "reviews_year", None),
            getattr(doc, "targets_year", None),
        )


def _year(text: str) -> int | None:
    m = re.search(r"(19|20)\d\d", text)
    return int(m.group(0)) if m else None


def structural_frame(years: DocYears, outline: Outline, offset: int) -> Frame:
    """The default period and kind at ``offset``, from the document's kind and its parts.

    A plan part gives targets for its year (else the targets year); any other part of a
    work report gives results of its year (else the reviewed year). 今年 in a report is the
    year it sets targets for; in an article, the year it is published.
    """
    delivered = years.delivered
    if years.kind != "work_report":
        return Frame(CUMULATIVE, ACTUAL, delivered - 1, delivered, True, delivered)
    targets = years.targets or (years.reviews + 1 if years.reviews else delivered)
    reviews = years.reviews or targets - 1
    part = outline.part_at(offset)
    if part is not None and part.role == "plan":
        year = part.year or targets
        return Frame(str(year), TARGET, year - 1, year, False, targets)
    year = part.year if part is not None and part.year else reviews
    period = str(year)
    if part is not None and not part.year and (m := TERM_REVIEW.search(part.title)):
        span = number_value(m.group(1) or m.group(2))
        period = f"{year - int(span) + 1}-{year}"  # 过去五年: the whole term
    return Frame(period, ACTUAL, year, year, True, targets, review=True)


@dataclass(frozen=True)
class Cue:
    """A word pattern that sets the period and/or the kind of the figures after it."""

    pattern: re.Pattern[str]
    reach: str  # clause | sentence | paragraph
    period: Callable[[re.Match[str], Frame], str] | None = None
    kind: str | None = None
    in_plan: bool = False  # also applies in a list of targets (a horizon, a five-year span)
    in_review: bool = True  # applies in a work report's review


def _years_back(m: re.Match[str], f: Frame) -> str:
    return f"{f.base_year - number_value(m.group(2)) + 1}-{f.base_year}"


def _cue_year(m: re.Match[str], f: Frame) -> int:
    """The year a partial period names: written (2023年), 今年, or the frame's year."""
    if m.group("year"):
        return int(m.group("year"))
    return f.this_year if m.group("this") else f.report_year


def _months(m: re.Match[str], f: Frame) -> str:
    first, last = int(m.group("m1")), int(m.group("m2"))
    return f"{_cue_year(m, f)}M{first}-{last}"


FIVE_YEAR_PLANS = {"十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}


def _five_year_span(m: re.Match[str], f: Frame) -> str:
    first = FIVE_YEAR_PLANS[m.group(1)]
    if m.group(2) == "以来":
        return f"{first}-{max(first, min(f.base_year, first + 4))}"
    return f"{first}-{first + 4}"


YEAR_PREFIX = r"(?:(?P<year>(?:19|20)\d\d)年|(?P<this>今年))?"
MONTHS = r"(?P<m1>1)(?:月份?)?\s*[—–\-－~～至到]\s*(?P<m2>[2-9]|1[0-2])月(?:份)?"


CUES: tuple[Cue, ...] = (
    Cue(re.compile(YEAR_PREFIX + r"(?:上半年|1\s*[—–\-－~～至到]\s*6月)"), "paragraph",
        lambda m, f: f"{_cue_year(m, f)}H1"),
    Cue(re.compile(YEAR_PREFIX + r"前三季度"), "paragraph", lambda m, f: f"{_cue_year(m, f)}Q1-3"),
    Cue(re.compile(YEAR_PREFIX + r"第?一季度"), "paragraph", lambda m, f: f"{_cue_year(m, f)}Q1"),
    Cue(re.compile(YEAR_PREFIX + r"(?<![\d.])" + MONTHS), "paragraph", _months),
    Cue(re.compile(r"(?<![比较同与于超\-—–~～])(?<!相比)((?:19|20)\d\d)年(?!上半年|前三季度|一季度|第一季度|以来|同期"
                   r"|1\s*[—–\-－~～至到]|1月份?\s*[—–\-－~～至到])"
                   r"(?![^，。；：\n]{0,24}以来)"), "paragraph",
        lambda m, f: m.group(1)),
    Cue(re.compile(r"今年(?!上半年|前三季度|第?一季度|1\s*[—–\-－~～至到])"), "sentence",
        lambda m, f: str(f.this_year), None, False, False),
    Cue(re.compile(r"(?<![比较同与“])“?(十二五|十三五|十四五|十五五)”?(时期|期间|以来|规划|末|)"),
        "sentence", _five_year_span, None, True),
    Cue(re.compile(r"(?<![比较同与于\d])((?:19|20)\d\d)\s*年?\s*[—–\-－~～至到]\s*((?:19|20)\d\d)年"),
        "sentence", lambda m, f: f"{m.group(1)}-{m.group(2)}", None, True),
    Cue(re.compile(r"(连续|近)([一二两三四五六七八九十\d]+)年"), "clause", _years_back),
    Cue(re.compile(r"(?<!全年)(?<!年内)(?<!当年)(?<!年度)累计|已|目前|至今|总数|总量达|共计|汇聚|聚集"),
        "clause", lambda m, f: CUMULATIVE, ACTUAL),
    # 未来 is the future (未来，… 未来具备…), but not in a name (未来工厂, 未来产业, 未来社区).
    Cue(re.compile(r"未来(?!产业|工厂|社区|科技|城市|学校|乡村|之城|实验室|技术|网络|中心|园区|人才"
                   r"|大厦|学院|研究院|产业园)|下一步"), "sentence", lambda m, f: FUTURE, PLAN),
    Cue(re.compile(r"(?<!预计)全年(?!累计)"), "clause", lambda m, f: str(f.report_year)),
    Cue(re.compile(r"预计"), "sentence", None, ESTIMATE),
    Cue(re.compile(r"有望"), "clause", None, ESTIMATE),
    Cue(re.compile(r"力争"), "sentence", None, TARGET),
    Cue(re.compile(r"(?<!原)规划"), "sentence", None, PLAN, in_review=False),
    Cue(re.compile(r"规划(?:至|到)\s*(?:19|20)\d\d年"), "sentence", None, PLAN),
    # 将 in a review is mostly 把 (将防控重心从…转到…), not the future.
    Cue(re.compile(r"即将|(?<=[\u4e00-\u9fff])将(?=[\u4e00-\u9fff])"), "sentence", None, PLAN,
        in_review=False),
)  # fmt: skip

# In a list of targets, a later horizon (到2035年) makes a long-range plan of that year.
PLAN_HORIZON = re.compile(r"(?:到|至)\s*((?:19|20)\d\d)年")
# The paragraph of the coming year's main targets, wherever the outline puts it.
TARGETS_HEAD = re.compile(r"(?:主要预期|预期|主要)目标(?:是|为|：|:)")
# The year cue: reaches its paragraph, but in a review only when it names the reviewed year.
YEAR_CUE = 4


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
        return _in_plan(text, mention, around, frame)
    if frame.review and (head := _targets_head(text, mention, around, frame)):
        return head
    found_period: tuple[int, str] | None = None
    found_kind: tuple[int, str] | None = None
    for index, cue in enumerate(CUES):
        if frame.review and not cue.in_review:
            continue
        reach = around.scope(cue.reach)
        for m in cue.pattern.finditer(text, around.paragraph.start, mention.end):
            if not (reach.holds(m.start()) and m.start() < mention.start):
                continue  # out of its reach, or not before the number
            if cue.kind == ESTIMATE and not _governs(text, m, mention):
                continue
            if _other_year_out_of_reach(index, m, frame, text, mention):
                continue  # another year in a review dates its own sentence only
            if index < YEAR_CUE and _part_year_out_of_reach(m, text, around, mention):
                continue  # 去年一季度经济开局良好 dates its own sentence only
            if cue.period and in_book_title(text, m.start(), around.paragraph.start):
                continue  # 《…方案（2024—2028年）》 names a document, not the period
            if cue.period and (found_period is None or m.start() >= found_period[0]):
                found_period = (m.start(), cue.period(m, frame))
            if cue.kind and (found_kind is None or m.start() >= found_kind[0]):
                found_kind = (m.start(), cue.kind)
    span = _term_span(text, mention, around, frame) if frame.review else ""
    if span and (found_period is None or not re.search(r"\d{4}-\d{4}", found_period[1])):
        found_period = (mention.start, span)
    if found_period is None and (opening := opening_term(text, around, frame)):
        found_period = (around.paragraph.start, opening)
    kind = found_kind[1] if found_kind else frame.kind
    period = found_period[1] if found_period else frame.period
    if kind == PLAN and not found_period:
        period = FUTURE
    if found_period and frame.review and kind in (ACTUAL, TARGET):
        kind = _kind_of_period(period, frame, kind)
    if kind == ACTUAL and is_plans_term(text, mention):
        kind = PLAN  # 实现5年消薄任务2年完成: 5 years was the plan, 2 what it took
    return _level_at_end(text, mention, around, frame, period, kind), kind


# A span of years that names a task or plan (5年消薄任务, 3年行动计划): the plan's term; not
# years in which a task was done (11年超额完成任务).
PLANS_TERM = re.compile(r"(?:(?!完成|超额|实现)[\u4e00-\u9fff]){0,6}?(?:任务|计划|规划|行动)")


def is_plans_term(text: str, mention: Mention) -> bool:
    """Whether ``mention``, a number of years, is the term of the task or plan it names
    (a streak, 连续11年, never is)."""
    return (
        mention.unit.std == "年"
        and not mention.streak(text)
        and PLANS_TERM.match(text, mention.end) is not None
    )


# A level a completed term ended at: 增至14条, 从8.75万亿元增长到11.3万亿元, 运营里程超过580公里,
# 园区开发区由106家整合为50家 (the verb or the stock's noun right before the figure, after
# any earlier items of its list: 增加到1076家、636家).
LEVEL_VERB = (
    r"(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|扩大至"
    r"|达到|达|整合为|压减为|压减至|降至|降到|下降到|下降至|减少到|减少至)"
)
STOCK_NOUN = (
    r"(?:规模|余额|总量|总额|里程|能力|人数|拥有量|保有量|覆盖率|普及率|比率|占比|比重|比例"
    r"|生产总值)"
)
LIST_BEFORE = r"(?:分别)?(?:[^，。；、]{0,12}、)*"
LEVEL = re.compile(rf"(?:{LEVEL_VERB}|{STOCK_NOUN}(?:为|是|超过|突破|接近|近|约)?){LIST_BEFORE}$")
# What a term adds up (新增, 累计, 年均, 五年来, 共) is a total of the term, not a level; a
# streak (连续8年保持在98%) or a yearly figure (每年) holds through it.
TERM_FLOW = re.compile(r"新增|新设|新建|累计|年均|每年|共计|连续|[两三四五]年(?:来|间|累计|新)")


def _level_at_end(
    text: str, mention: Mention, around: Around, frame: Frame, period: str, kind: str
) -> str:
    """The last year of a completed term for a level reached in it (高速公路通车里程达到4771公里
    in a 五年来 paragraph is 2025's length, not five years' sum) or a rank it ended in
    (综合算力指数全国第一), in a review or where a plan part looks back on the term;
    ``period`` otherwise."""
    span = re.fullmatch(r"(?:19|20)\d\d-((?:19|20)\d\d)", period)
    if not (span and kind == ACTUAL and int(span.group(1)) <= frame.base_year):
        return period
    clause = text[around.clause.start : mention.start]
    if TERM_FLOW.search(clause) or not (mention.is_rank or LEVEL.search(clause)):
        return period
    return span.group(1)


# A figure of the whole term: 年均增长, 五年新设, 五年累计 in a paragraph about the term.
TERM_FIGURE = re.compile(r"年均|[两三四五]年(?:累计|来|间|新设|新增|增长|滚动)")
# What names the term: 这五年, 过去五年, 五年来, “十四五”时期, 2021—2025年.
TERM = re.compile(
    r"(?:这|过去|近)(?P<n>[两三四五])年|(?P<m>[两三四五])年来|“?(?P<plan>十[二三四五]五)”?"
    r"|(?P<a>(?:19|20)\d\d)\s*年?\s*[—–\-－~～至到]\s*(?P<b>(?:19|20)\d\d)年"
)


# A paragraph about a whole term opens with it: 这五年，… / 五年来，… / “十四五”时期，…
OPENING_TERM = re.compile(
    r"\s*(?:各位代表[，！]\s*)?(?:(?:这|过去|近)(?P<n>[两三四五])年|(?P<m>[两三四五])年来"
    r"|“?(?P<plan>十[二三四五]五)”?(?:时期|期间|以来))"
)


def opening_term(text: str, around: Around, frame: Frame) -> str:
    """The span of a term its paragraph opens with (这五年，…), whose figures cover it."""
    m = OPENING_TERM.match(text, around.paragraph.start)
    if m is None:
        return ""
    if m.group("plan"):
        first = FIVE_YEAR_PLANS[m.group("plan")]
        return f"{first}-{first + 4}"
    years = number_value(m.group("n") or m.group("m"))
    return f"{frame.base_year - years + 1}-{frame.base_year}"


def _term_span(text: str, mention: Mention, around: Around, frame: Frame) -> str:
    """The term a 年均 / 五年 figure of a review covers: the span its paragraph (or part)
    names, "" when the clause does not speak of the whole term."""
    if not TERM_FIGURE.search(text, around.clause.start, mention.start):
        return ""
    found = [
        m
        for m in TERM.finditer(text, around.paragraph.start, mention.start)
        if not in_book_title(text, m.start(), around.paragraph.start)
    ]
    if not found:
        return frame.period if re.fullmatch(r"\d{4}-\d{4}", frame.period) else ""
    m = found[-1]
    if m.group("plan"):
        first = FIVE_YEAR_PLANS[m.group("plan")]
        return f"{first}-{first + 4}"
    if m.group("a"):
        return f"{m.group('a')}-{m.group('b')}"
    years = number_value(m.group("n") or m.group("m"))
    return f"{frame.base_year - years + 1}-{frame.base_year}"


def in_book_title(text: str, pos: int, floor: int) -> bool:
    """Whether ``pos`` lies inside a 《…》 title (searched back to ``floor``)."""
    opening = text.rfind("《", floor, pos)
    return opening >= 0 and text.find("》", opening, pos) < 0


def _part_year_out_of_reach(m: re.Match[str], text: str, around: Around, mention: Mention) -> bool:
    """Whether a part-year cue does not reach the figure: only a cue set off by a comma
    (上半年，…) dates the paragraph after it; one inside a clause (去年一季度经济开局良好)
    dates its own sentence only."""
    if text.startswith(("，", ","), m.end()):
        return False
    return re.search(r"[。！？]", text[m.end() : mention.start]) is not None


def _other_year_out_of_reach(
    index: int, m: re.Match[str], frame: Frame, text: str, mention: Mention
) -> bool:
    """Whether a written year other than the reviewed one lies in an earlier sentence."""
    if index != YEAR_CUE or not frame.review or m.group(1) == frame.period:
        return False
    return re.search(r"[。！？]", text[m.end() : mention.start]) is not None


def _kind_of_period(period: str, frame: Frame, kind: str) -> str:
    """In a review: a span or year still to come is a plan (十五五, 到2030年), the targets
    year a target; a span that is over holds results (十四五 in a report on its last year)."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", period)]
    if not years or not period[:4].isdigit():
        return kind
    first, last = years[0], years[-1]
    if first > frame.this_year or (last > frame.this_year and first > frame.base_year):
        return PLAN
    if last == first == frame.this_year and frame.this_year > frame.base_year:
        return TARGET
    if last <= frame.base_year:
        return ACTUAL
    return kind


def _targets_head(
    text: str, mention: Mention, around: Around, frame: Frame
) -> tuple[str, str] | None:
    """A figure after 主要预期目标 in its paragraph: a target of the year the head names
    (else the targets year), or a plan when the head sets a five-year span."""
    head = TARGETS_HEAD.search(text, around.paragraph.start, mention.start)
    if head is None:
        return None
    before = _without_titles(text[around.paragraph.start : mention.start])
    for cue in CUES:
        if cue.in_plan and cue.period and (m := cue.pattern.search(before)):
            period = cue.period(m, frame)
            return period, _kind_of_period(period, frame, TARGET)
    named = re.findall(r"((?:19|20)\d\d)年", text[around.paragraph.start : head.start()])
    year = int(named[-1]) if named else frame.this_year
    return str(year), PLAN if year > frame.this_year else TARGET


WORK_VERB = re.compile(r"完成|实现|建成|新增|开工|建设|引进|培育")


def _without_titles(piece: str) -> str:
    """``piece`` with every 《…》 title blanked out (same length, so offsets hold)."""
    return re.sub(r"《[^》]*》?", lambda m: "　" * len(m.group(0)), piece)


def _in_plan(text: str, mention: Mention, around: Around, frame: Frame) -> tuple[str, str]:
    """A figure in a list of targets: a target of the frame's year, unless its sentence sets
    a later horizon (到2035年: a long-range plan of that year) or a five-year span, or
    estimates (预计今年…: an estimate of the year)."""
    before = _without_titles(text[around.sentence.start : mention.start])
    opening = opening_term(text, around, frame)
    if opening and int(opening[-4:]) <= frame.base_year:  # a plan part looks back on a term
        if re.search(r"累计", text[around.clause.start : mention.start]):
            return CUMULATIVE, ACTUAL
        return _level_at_end(text, mention, around, frame, opening, ACTUAL), ACTUAL
    clause = text[around.clause.start : mention.start]
    estimate = clause.rfind("预计")  # a forecast (预计今年高校毕业生超过…), not 预计完成 (a task)
    governs = estimate >= 0 and not WORK_VERB.match(clause, estimate + 2)
    if governs and not PLAN_HORIZON.search(before):
        return frame.period, ESTIMATE  # 预计今年高校毕业生超过1170万人
    if re.search(r"全年|今年", clause):  # 衔接“十四五”…的项目，全年投资保持千亿规模: the year's
        return frame.period, frame.kind
    horizons = [int(m.group(1)) for m in PLAN_HORIZON.finditer(before)]
    if horizons and horizons[-1] > int(frame.period):
        return str(horizons[-1]), PLAN
    for cue in CUES:
        if cue.in_plan and cue.period and (m := cue.pattern.search(before)):
            period = cue.period(m, frame)
            future = int(period[:4]) > frame.base_year and period != frame.period
            return period, PLAN if future else frame.kind
    return frame.period, frame.kind


# Comparator words: after the figure (以上), just before it (近), or in its clause (超额完成).
# 近 (nearly) is its own comparator: 近300家 is a little under 300, not about 300.
NEARLY = "nearly"
AFTER = (("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~"), ("内", "<="))
BEFORE = (  # negated words first: 不超过 ends with 超过
    ("不少于", ">="),
    ("不低于", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("将近", NEARLY),
    ("接近", NEARLY),
    ("近", NEARLY),
    ("约", "~"),
    ("大约", "~"),
    ("超过", ">="),
    ("突破", ">="),
    ("破", ">="),  # 投资破千亿
    ("超", ">="),
    ("逾", ">="),
    ("低于", "<="),
    ("控制在", "<="),
)
IN_CLAUSE = (("超额完成", ">="),)
# 约 ends these words without meaning "about": 签约6只基金, 合约, 预约, 节约, 履约; nor does 破
# mean "over" in 打破/攻破 (打破3项纪录).
NOT_ABOUT = (
    *("签约", "合约", "预约", "节约", "履约", "协约", "公约", "条约", "特约", "邀约", "制约"),
    *("打破", "攻破", "侦破", "破获"),
)


# 力争 (strive for) marks a target as aimed at, not promised: 确保5%，力争6%.
STRIVE = re.compile(r"力争|争取|努力实现")


def strives(text: str, mention: Mention, around: Around) -> bool:
    """Whether a 力争 of the figure's sentence comes before it (the target is aimed at)."""
    return STRIVE.search(text, around.sentence.start, mention.start) is not None


# 多 right after a unit that ends the phrase: 增长1倍多，3年多。 (多功能 is a word).
MORE_AFTER = re.compile(r"多(?![\u4e00-\u9fff])")
# A word after the last figure of a 分别 list bounds every figure of it:
# 分别达55.0%、50.0%以上 — 55.0% is at least 55.0% too.
LIST_TAIL = re.compile(
    r"(?:[、和](?:[\d.]+|[一二两三四五六七八九十百千万亿]+)[^\d、和，。；：！？\n]{0,8}?)+?"
    r"(以上|以内|以下|左右)(?![\u4e00-\u9fff]{0,1}[\d一二两三四五六七八九十])"
)


# A word before the first figure of a 分别 list bounds the later ones too.
LIST_HEAD = re.compile(
    r"分别(不少于|不低于|不超过|不高于|超过|突破|低于|控制在|约|接近|将近|近)"
    r"(?:[^，。；：、]{1,12}、)+$"
)


def comparator(text: str, mention: Mention, around: Around) -> str:
    """``=``, ``>=``, ``<=``, ``~`` or ``nearly`` from the words around the figure."""
    if mention.is_rank:
        return "="
    for word, sign in AFTER:
        if text.startswith(word, mention.end):
            return sign
    if mention.lower_bound or MORE_AFTER.match(text, mention.end):
        return ">="
    if mention.raw.endswith(("万", "亿")) and text.startswith(("多", "余"), mention.end):
        return ">="  # 改造6万多户: the counter comes after 多
    if (head := LIST_HEAD.search(text, around.clause.start, mention.start)) is not None:
        return dict(BEFORE)[head.group(1)]  # 分别突破1700万人次、110亿元: 110亿元 too
    shared = LIST_TAIL.match(text, mention.end, around.clause.end)
    if shared and "分别" in text[around.sentence.start : mention.start]:
        return dict(AFTER)[shared.group(1)]
    before = text[around.clause.start : mention.start].removesuffix("了")
    for word, sign in BEFORE:
        if before.endswith(word) and not before.endswith(NOT_ABOUT):
            return sign
    for word, sign in IN_CLAUSE:
        if word in before:
            return sign
    return "="
