"""Find the figures written in a text: Arabic and Chinese numerals, fractions and ranks.

A *mention* is a quantity: its raw text (the number with its unit as written, e.g.
``11.2%``, ``1.57万人``, ``两个``, ``三分之一``, ``第一`` for a rank), its value and unit.
Numbers that are not quantities are *skipped* with the reason: years used as dates,
dates, labels and versions (22号线, 5.0版, PM2.5), ordinals (第十二批), ages used as
qualifiers (60岁及以上), anniversaries (75周年), anything inside a short quoted name or
slogan (“四个意识”, “1+3+2”, “6.12”), and fixed names (八项规定, 党的二十大). A number
that is neither is *unresolved* and reported, never guessed.

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
    rf"(?P<scope>{'|'.join(RANK_SCOPES)})(?P<raw>第(?P<n>[{CN_NUMERAL}]+|\d+))"
    r"(?![批届次期个家条号名位所])"
)
QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ('"', '"'))
MAX_NAME_QUOTE = 20  # longer quotations are speech, whose numbers are real figures

# Fixed names that contain a numeral and a counter but are not quantities.
NAMES = ("二十大", "八项规定", "十条措施", "三项赛")  # 三项赛: triathlon
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
APPROX_BARE = ("近", "约", "超", "逾")  # 近万, 近亿元: a bare 万/亿 is a number only after these
PLACE_VERBS = ("提升", "上升", "下降", "前进", "后退")
DURATION_PREFIXES = ("连续", "近")  # 连续四年: Chinese N年 is a quantity only after these


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
    is_range: bool = False  # 2-3所: value is the lower end

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
        key = lambda x: (x.start, x.end)  # noqa: E731
        return Scan(
            sorted(self.mentions, key=key),
            sorted(self.skipped, key=key),
            sorted(self.unresolved, key=key),
        )

    def ranks(self) -> None:
        for m in RANK.finditer(self.text):
            start, end = m.span("raw")
            if _inside(start, self.quotes):
                continue
            value = number_value(m.group("n"))
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
            self.add(Mention(m.start(), m.end(), m.group(0), num / den, Unit("", "%", 100.0)))

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
        year_like = bool(re.fullmatch(r"(19|20)\d\d", number))
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
        self.add(Mention(start, stop, raw, float(low), unit, lower_bound, is_range=bool(high)))

    def chinese(self) -> None:
        text = self.text
        for m in CHINESE.finditer(text):
            start, end = m.span()
            if start == end or not self.free(start):
                continue
            run = m.group(0)
            numeral, multiplier = run, ""
            if run[-1] in MULTIPLIERS:
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
        elif unit.std == "" and text[start - 1 : start] not in APPROX_BARE:
            self.skip(start, stop, "qualifier (百万粉丝)")
        else:
            self.add(Mention(start, stop, raw, float(value), unit))


def scan(text: str) -> Scan:
    """All quantities in ``text``, the numerals skipped on purpose and the unresolved ones."""
    return _Scanner(text).scan()
