"""Find the figures written in a text: Arabic and Chinese numerals, fractions and ranks.

A *mention* is a quantity: its raw text (the number with its unit as written, e.g.
``11.2%``, ``1.57万人``, ``两个``, ``三分之一``, ``第一`` for a rank), its value and unit.
Numbers that are not quantities are *skipped* with the reason: years used as dates,
dates, labels and versions (22号线, 5.0版, PM2.5), ordinals (第十二批), ages used as
qualifiers (60岁及以上), anniversaries (75周年), anything inside a short quoted name or
slogan (“四个意识”, “1+3+2”, “6.12”), fixed names (八项规定, 党的二十大), and counts that
do not measure the world: the report's own categories (8类问题, 8个领域21项任务, 六方面;
三大/五大/十大 have no counter at all), congress and session numbers (八届二次全会),
multiples without their base (面积的一倍), someone else's count
(首批三个旅游度假区之一), and the *before* of a before/after pair (由47.6%提升至73.4%,
原…61.29%，…后…达到74.88%: the after is the figure, the before its context). A number that
is none of these is *unresolved* and reported, never guessed.

Comparator words around a number (以上, 近 …) are not part of the raw text; ``余`` inside
it (``10余家``) is, and marks the figure as a lower bound.
"""

import re
from dataclasses import dataclass

from pgdash.pipeline.extract.units import MULTIPLIERS, Unit, unit_at
from pgdash.pipeline.text.numerals import CN_NUMERAL, number_value, parse_chinese_int

ARABIC = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?")
CHINESE = re.compile(rf"[{CN_NUMERAL}]*[万亿]?")
FRACTION = re.compile(rf"([{CN_NUMERAL}]+)分之([{CN_NUMERAL}]+)")
RANK_SCOPES = ("全市", "全国", "全区", "全省", "生态涵养区")
RANK = re.compile(
    rf"(?P<scope>{'|'.join(RANK_SCOPES)})(?P<raw>第(?P<n>[{CN_NUMERAL}]+|\d+)|首位)"
    r"(?![批届次期个家条号名位所])"
)
QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ('"', '"'))
MAX_NAME_QUOTE = 20  # longer quotations are speech, whose numbers are real figures

# Fixed names that contain a numeral and a counter but are not quantities.
NAMES = ("二十大", "八项规定", "十条措施", "三项赛", "两个市场", "两种资源")  # 三项赛: triathlon
# What follows a number that makes it a date, a label or a qualifier.
FOLLOWERS = (
    ("月", "date"),
    ("日", "date"),
    ("号", "label"),
    ("版", "version"),
    ("千伏", "label"),
    ("周年", "anniversary"),
    ("岁", "age qualifier"),
    ("期", "ordinal"),
    ("批", "ordinal"),
    ("届", "ordinal"),
)
LOWER_BOUND_INFIX = ("余", "多")
APPROX_BARE = ("近", "约", "超", "逾")
LIST_OPENERS = ("以下", "如下", "下列")  # 以下十一方面任务: the count of a list that follows
# A round magnitude written as a word (百万, 千亿) right before one of these names a
# programme, not a quantity of the district: 新一轮百万亩造林 is Beijing's programme.
PROGRAMME = re.compile(r"[^，。；、\d]{0,6}?(?:造林|绿化|工程|行动|计划|战略|攻坚|示范)")
# A bare 万/亿 before a noun that ends in a counter counts that noun: 4.2万液化气用户 → 万户.
IMPLIED_COUNTER = re.compile(r"[^的\s，。；、：！？“”（）]{0,5}?(户|人次|人|家)")
OPENING_QUOTES = tuple(
    o for o, _ in QUOTE_PAIRS
)  # 近万, 近亿元: a bare 万/亿 is a number only after these
SERVICE_CIRCLE = 8  # 15分钟健康服务圈: how far after the duration its 圈 may come
PLACE_VERBS = ("提升", "上升", "下降", "前进", "后退")
DURATION_PREFIXES = ("连续", "近")  # 连续四年: Chinese N年 is a quantity only after these
# A count of the report's own categories: 8类痛点问题, 8个领域, 六个方面, 13个高风险领域安全整治
# (领域 ends the phrase; 37个细分领域产业政策 counts policies, a real count).
CATEGORY_WORDS = ("领域", "方面", "板块", "维度", "大类", "门类")
CATEGORY = re.compile(
    r"[^，。；、：！？\d\n]{0,5}?(?:领域|方面|板块|维度|大类|门类)"
    r"(?!产业|政策|企业|项目|人才|标准|应用|场景|平台|基地|园区)"
)
# A count in words of the report's own programmes: 八项行动, 十项工程, 三项机制.
RHETORIC = re.compile(
    r"行动|工程|原则|机制|举措|措施|任务|战略|计划|方向|路子|办法|体系|制度|途径|动力|理念"
)
# A policy package named by its count of articles: 方案和二十条、新十条优化措施.
PACKAGE = re.compile(r"条(?:、|优化)")
# 二次供水, 二次开发: "secondary", not two times.
SECONDARY = re.compile(r"二次(?=[\u4e00-\u9fff])")
# The report's own work items counted right after such a category count (8个领域21项任务).
OWN_WORK = re.compile(r"(?:主要|重点)?(?:任务|举措|措施)")
# A session of a congress or a party committee: 八届二次全会, 十三届三次、四次全会.
SESSION = re.compile(rf"(?:[、和及][{CN_NUMERAL}\d]+次)*(?:全体会议|全会|党代会|人代会|会议|大会)")
# Someone else's count: 首批三个旅游度假区之一 counts Beijing's resorts, not the district's.
ONE_OF = re.compile(r"[^，。；：！？\d\n]{0,20}之一")
# Before/after: 由47.6%提升至73.4%, 从0.94万家增加到1.55万家, 从3小时压缩至30分钟.
CHANGE_VERB = (
    r"(?:增长|增加|提升|提高|上升|下降|降低|减少|缩短|压缩|扩大|拓展|扩展|跃升|攀升|降|升|增|减)?"
)
DATED_BEFORE = re.compile(r"(?:19|20)\d\d年(?:底|末)?的?$")
FROM_MARK = re.compile(r"(?:从|由)[^，。；：！？\n]{0,12}$")
TO_MARK = re.compile(
    CHANGE_VERB + r"(?:[^\d，。；：！？、\n]{0,3}?(?:至|到|为))[^，。；：！？\n]{0,10}$"
)
# 原规划土地出让率仅有61.29%，经大地块整合后，土地出让率达到74.88%.
ORIGINAL_MARK = re.compile(r"原[^，。；！？\n]{0,20}$")
AFTER_MARK = re.compile(r"后[^。；！？\n]{0,30}(?:达到|达|提升至|提高到|提高至|增至|降至|为)$")


@dataclass(frozen=True)
class Mention:
    """A quantity in the text: ``text[start:end] == raw``."""

    start: int
    end: int
    raw: str
    value: float
    unit: Unit
    lower_bound: bool = False  # 余/多 inside the raw text
    rank_scope: str = ""  # 全市, 生态涵养区 … for ranks
    value_max: float | None = None  # 2-3所: value is the lower bound, value_max the upper

    def streak(self, text: str) -> bool:
        """Whether the figure is a streak (连续四年, 创近四年新高, 连续61个月): a fact only where
        a curated entry tracks it."""
        if not text.endswith(DURATION_PREFIXES, 0, self.start):
            return False
        return self.unit.std in ("年", "天") or text.startswith("月", self.end)

    @property
    def is_range(self) -> bool:
        """Whether the figure is a range (2-3所)."""
        return self.value_max is not None

    @property
    def is_rank(self) -> bool:
        """Whether the value is a position in a ranking."""
        return bool(self.rank_scope)


@dataclass(frozen=True)
class Skipped:
    """A numeral that is not a quantity, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Scan:
    """Everything numeric found in one text."""

    mentions: list[Mention]
    skipped: list[Skipped]
    unresolved: list[Skipped]


def short_quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quotations (names and slogans), including the quote marks."""
    spans = []
    for opening, closing in QUOTE_PAIRS:
        pos = 0
        while (start := text.find(opening, pos)) >= 0:
            end = text.find(closing, start + 1)
            if end < 0:
                break
            inner = text[start + 1 : end]
            if len(inner) <= MAX_NAME_QUOTE and not re.search(r"[。\n]", inner):
                spans.append((start, end + 1))
            pos = end + 1
    return sorted(spans)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _follower(text: str, pos: int) -> tuple[str, str] | None:
    """The word at ``pos`` that makes the number before it a date, label or qualifier."""
    for word, reason in FOLLOWERS:
        if text.startswith(word, pos):
            return word, reason
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


class _Scanner:
    """One pass over one text; collects mentions, skipped and unresolved numerals."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = short_quote_spans(text)
        self.taken: list[tuple[int, int]] = []
        self.mentions: list[Mention] = []
        self.skipped: list[Skipped] = []
        self.unresolved: list[Skipped] = []

    def skip(self, start: int, end: int, reason: str) -> None:
        self.skipped.append(Skipped(start, end, self.text[start:end], reason))
        self.taken.append((start, end))

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.taken.append((mention.start, mention.end))

    def free(self, start: int) -> bool:
        return not _inside(start, self.taken)

    def scan(self) -> Scan:
        self.ranks()
        self.fractions()
        self.arabic()
        self.chinese()
        self.befores()
        key = lambda x: (x.start, x.end)  # noqa: E731
        return Scan(
            sorted(self.mentions, key=key),
            sorted(self.skipped, key=key),
            sorted(self.unresolved, key=key),
        )

    def befores(self) -> None:
        """Move the before of each before/after pair from the mentions to the skipped."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        befores = {m.start for m in before_of_pairs(self.text, ordered)}
        for m in ordered:
            if m.start in befores:
                self.mentions.remove(m)
                self.skipped.append(Skipped(m.start, m.end, m.raw, "before of a before/after"))

    def ranks(self) -> None:
        for m in RANK.finditer(self.text):
            start, end = m.span("raw")
            if _inside(start, self.quotes):
                continue
            value = number_value(m.group("n")) if m.group("n") else 1.0  # 首位
            rank_unit = Unit("", "名次", 1.0)
            self.add(
                Mention(start, end, m.group("raw"), value, rank_unit, rank_scope=m.group("scope"))
            )

    def fractions(self) -> None:
        for m in FRACTION.finditer(self.text):
            if _inside(m.start(), self.quotes) or not self.free(m.start()):
                continue
            try:
                den, num = parse_chinese_int(m.group(1)), parse_chinese_int(m.group(2))
            except ValueError:
                continue
            share = float(f"{100 * num / den:.12g}")  # 三分之一: a share, in %
            self.add(Mention(m.start(), m.end(), m.group(0), share, Unit("%", "%", 1.0)))

    def arabic(self) -> None:
        text = self.text
        for m in ARABIC.finditer(text):
            start, end = m.span()
            if not self.free(start):
                continue
            if _inside(start, self.quotes):
                self.skip(start, end, "inside a quoted name or slogan")
            elif start and (text[start - 1].isascii() and text[start - 1].isalpha()):
                self.skip(start, end, "label (PM2.5)")
            elif start and text[start - 1] == "第":
                self.skip(start - 1, end, "ordinal")
            else:
                self._arabic_quantity(start, end)

    def _arabic_quantity(self, start: int, end: int) -> None:
        text, number = self.text, self.text[start:end]
        low, _, high = number.partition("-")
        pos = end
        lower_bound = text.startswith(LOWER_BOUND_INFIX, pos)
        pos += lower_bound
        pos = _skip_spaces(text, pos)
        year_like = bool(re.fullmatch(r"(19|20)\d\d", low))  # 2022-2023年 too
        if year_like and text.startswith("年", pos):
            self.skip(start, pos + 1, "year used as a date")
            return
        if follower := _follower(text, pos):
            self.skip(start, pos + len(follower[0]), follower[1])
            return
        if number.endswith(".0") and text.startswith("标准", pos):
            self.skip(start, end, "version")
            return
        unit = unit_at(text, pos)
        if unit is not None and (reason := self._not_a_figure(start, pos, unit)):
            self.skip(start, pos + len(unit.written), reason)
            return
        if unit is None:
            if year_like:
                self.skip(start, end, "year inside a name")
            else:
                self.unresolved.append(Skipped(start, end, number, "no unit after the number"))
            return
        if unit.written == "名" and text.endswith(PLACE_VERBS, 0, start):
            unit = Unit("名", "名次", 1.0)  # 提升9名: places in a ranking, not people
        stop = pos + len(unit.written)
        raw = text[start:stop]
        unit = implied_counter(text, stop, unit)
        value_max = float(high) if high else None
        self.add(Mention(start, stop, raw, float(low), unit, lower_bound, value_max=value_max))

    def _not_a_figure(self, start: int, pos: int, unit: Unit) -> str:
        """Why the count at ``text[start:pos]`` + unit is not a figure, or ""."""
        text, stop = self.text, pos + len(unit.written)
        if unit.written == "年" and text.startswith("来", stop):
            return "period qualifier (20年来首次)"
        if unit.written == "方面" or text.endswith(LIST_OPENERS, 0, start):
            return "count of a list or an agenda (以下十一方面任务)"
        if unit.written == "类" or (unit.std in ("个", "类", "") and CATEGORY.match(text, stop)):
            return "count of the report's own categories (8类问题, 8个领域)"
        if (
            unit.written == "项"
            and OWN_WORK.match(text, stop)
            and text.endswith(CATEGORY_WORDS, 0, start)
        ):
            return "count of the report's own work (8个领域21项任务)"
        if unit.written == "次" and (text.endswith("届", 0, start) or SESSION.match(text, stop)):
            return "session number (八届二次全会)"
        if RHETORIC.match(text, stop) and not text[start].isdigit():
            return "count of the report's own categories (8类问题, 8个领域)"
        if (
            unit.written == "条"
            and not text[start].isdigit()
            and (PACKAGE.match(text, pos) or text.endswith(("新", "和"), 0, start))
        ):
            return "policy name (二十条, 新十条)"
        if unit.written.endswith("家") and text.startswith("庭", stop):
            return "word (上千万家庭)"
        if unit.written == "位" and text.startswith("数", stop):
            return "figure of speech (两位数增长)"
        if unit.written in ("位", "名") and text.endswith("前", 0, start):
            return "rank band (跻身前五位)"
        if SECONDARY.match(text, start):
            return "adjective (二次供水: secondary)"
        if text.startswith("级", stop) or (unit.std == "" and text.startswith("级", pos)):
            return "scale class (百亿级企业)"
        if unit.written == "倍" and text.endswith("的", 0, start):
            return "multiple without its base (面积的一倍)"
        if not unit.written.startswith(("%", "％")) and ONE_OF.match(text, stop):
            return "someone else's count (首批三个…之一)"
        if unit.std in ("小时", "分钟") and "圈" in text[stop : stop + SERVICE_CIRCLE]:
            return "slogan (15分钟生活圈)"
        if unit.std == "小时" and text[start:pos] == "24":
            return "round-the-clock qualifier (24小时)"
        return ""

    def _slogan_count(self, start: int, stop: int) -> bool:
        """两个“关键小事”: a small count in words of a quoted slogan that ends the phrase
        (100个“亲邻之家”, 851项“民生微实事” in digits count real things)."""
        text = self.text
        return (
            text[start - 1 : start] != "第"
            and text.startswith(OPENING_QUOTES, stop)
            and _quote_ends_phrase(text, stop, self.quotes)
        )

    def chinese(self) -> None:
        text = self.text
        for m in CHINESE.finditer(text):
            start, end = m.span()
            if start == end or not self.free(start):
                continue
            run = m.group(0)
            numeral, multiplier = run, ""
            if run[-1] in "万亿":  # 千 is a numeral here (上千家), a multiplier after digits
                numeral, multiplier = run[:-1], run[-1]
            self._chinese_quantity(start, end, numeral, multiplier)

    def _chinese_quantity(self, start: int, end: int, numeral: str, multiplier: str) -> None:
        text = self.text
        if not numeral:
            if text[start - 1 : start] in APPROX_BARE:  # 近万, 近亿元
                unit = unit_at(text, start) or Unit(multiplier, "", MULTIPLIERS[multiplier])
                stop = start + len(unit.written)
                self.add(Mention(start, stop, text[start:stop], 1.0, unit))
            return
        try:
            value = parse_chinese_int(numeral)
        except ValueError:
            return  # 一二三批: a list of ordinals, not a number
        pos = end - len(multiplier)
        unit = unit_at(text, pos, chinese=True)
        if unit is None:
            return  # no counter: 三农, 四座楼, 一刻钟 are words, not figures
        stop = pos + len(unit.written)
        raw = text[start:stop]
        if _inside(start, self.quotes):
            self.skip(start, stop, "inside a quoted name or slogan")
        elif reason := self._not_a_figure(start, pos, unit):
            self.skip(start, stop, reason)
        elif self._slogan_count(start, stop):
            self.skip(start, stop, "count of a slogan (两个“关键小事”)")
        elif numeral[0] in "百千" and PROGRAMME.match(text, stop):
            self.skip(start, stop, "programme name (百万亩造林)")
        elif text[start - 1 : start] == "第":
            self.skip(start - 1, stop, "ordinal")
        elif any(text.startswith(name, start) for name in NAMES):
            self.skip(start, stop, "fixed name")
        elif numeral == "一" and unit.written not in ("倍",):
            return  # 一个, 一项: the indefinite article
        elif unit.written == "年" and not text.endswith(DURATION_PREFIXES, 0, start):
            return  # 十二年一贯制, 三年行动计划: names of plans and school types
        elif multiplier and not unit.written.startswith(multiplier):
            return
        elif (unit := implied_counter(text, stop, unit)).std == "" and text[
            start - 1 : start
        ] not in APPROX_BARE:
            self.skip(start, stop, "qualifier (百万粉丝)")
        else:
            self.add(Mention(start, stop, raw, float(value), unit))


def before_of_pairs(text: str, mentions: list[Mention]) -> list[Mention]:
    """The befores of the before/after pairs among ``mentions`` (in text order): 由A提升至B,
    从A、A′增加到B、B′ (a list pairs item by item), 原…A，…后…达到B. A and B measure alike."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        j = i  # a list of befores: 从771家、481家增加到1076家、636家
        while j + 1 < len(mentions) and text[mentions[j].end : mentions[j + 1].start] == "、":
            j += 1
        group, after = mentions[i : j + 1], mentions[j + 1] if j + 1 < len(mentions) else None
        if after is not None and _same_measure(group[0], after):
            head = text[max(0, group[0].start - 16) : group[0].start]
            between = text[group[-1].end : after.start]
            dated = DATED_BEFORE.search(head)  # 从2020年的3.68万亿元: a figure of its year
            paired = FROM_MARK.search(head) and TO_MARK.fullmatch(between) and not dated
            original = (
                ORIGINAL_MARK.search(head)
                and AFTER_MARK.search(between)
                and not re.search(r"[。；！？\n]", between)
            )
            if paired or original:
                out.extend(group)
        i = j + 1
    return out


DURATIONS = frozenset({"年", "天", "小时", "分钟"})


def _same_measure(a: Mention, b: Mention) -> bool:
    """Whether two figures measure alike: the same base unit, or two durations (从3小时压缩至
    30分钟). Ranks are never a before or an after."""
    if a.is_rank or b.is_rank:
        return False
    return a.unit.std == b.unit.std or {a.unit.std, b.unit.std} <= DURATIONS


# A bare 万 before a noun of people counts people: 40.8万青年, 33万农民工, 30万群众.
IMPLIED_PEOPLE = re.compile(
    r"[^的\s，。；、：！？“”（）\d]{0,3}?(?:青年|农民工|老年人|儿童|群众|学生|女生|妇女|居民|职工"
    r"|工人|患者|市民|纳税人|毕业生|劳动力)"
)


def implied_counter(text: str, stop: int, unit: Unit) -> Unit:
    """A bare 万/亿 takes the counter its noun ends in (4.2万液化气用户 → 万户), or 人 before
    a noun of people (40.8万青年 → 万人)."""
    if unit.std:
        return unit
    if m := IMPLIED_COUNTER.match(text, stop):
        return Unit(unit.written + m.group(1), m.group(1), unit.factor)
    if IMPLIED_PEOPLE.match(text, stop):
        return Unit(unit.written + "人", "人", unit.factor)
    return unit


def _quote_ends_phrase(text: str, at: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether the short quotation opening at ``at`` ends its noun phrase (两个“关键小事”，)."""
    end = next((b for a, b in quotes if a == at), None)
    return end is not None and (end >= len(text) or not "\u4e00" <= text[end] <= "\u9fff")


def scan(text: str) -> Scan:
    """All quantities in ``text``, the numerals skipped on purpose and the unresolved ones."""
    return _Scanner(text).scan()
