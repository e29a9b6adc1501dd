"""Numbers, units, periods and ranks as a Chinese (or English) reader expects them."""

import math
import re
from collections.abc import Mapping
from fractions import Fraction

import pandas as pd

from pgdash.sectors import BY_ID

CN_NUMERALS = "零一二三四五六七八九十"

# comparator → (Chinese suffix, English prefix)
COMPARATOR_WORDS: dict[str, tuple[str, str]] = {
    "~": ("左右", "about "),
    ">=": ("以上", "at least "),
    "<=": ("以内", "at most "),
    "nearly": ("", "nearly "),
    "=": ("", ""),
    "": ("", ""),
}
# comparator → Chinese prefix: 近300家 (nearly), never 300家左右.
COMPARATOR_PREFIX_ZH: dict[str, str] = {"nearly": "近"}
# A target the text only strives for (facts.strive): 力争8500人以上 / aiming for at least 8,500.
STRIVE_WORDS = ("力争", "aiming for ")

# Base units (facts.unit_std) in English; a unit not listed is shown as written.
UNIT_EN: dict[str, str] = {
    "元": "yuan",
    "人": "people",
    # 人次 counts people once per occurrence (visits, services, checks): the measure's name
    # says which; "visits" made volunteers' 50万人次 "500,000 visits"
    "人次": "person-times",
    "人（辆）次": "",  # people and vehicles checked: the name says so
    "亩": "mu",
    "平方米": "m²",
    "平方公里": "km²",
    "公顷": "ha",
    "公里": "km",
    "米": "m",
    "吨": "t",
    "吨/日": "t/day",
    # 户 and 家 are measure words: 240户民宿 are guesthouses, 30家露营地 campsites; the
    # measure's name says what is counted (LPG households, leading firms).
    "户": "",
    "家": "",
    "项": "items",
    "件": "cases",
    "部": "lifts",
    "套": "units",
    "所": "schools",
    "座": "",
    "条": "",
    "支": "teams",
    "场": "events",
    "册": "volumes",
    "株": "plants",
    "羽": "birds",
    "辆": "vehicles",
    "栋": "buildings",
    "位": "people",
    "名": "people",
    "天": "days",
    "年": "years",
    "次": "times",
    "批": "batches",
    "%": "%",
    "个百分点": "pp",
    "百分点": "pp",
    "方面": "areas",
    "类": "categories",
    "镇": "towns",
    "处": "sites",
    "倍": "-fold",
    "名次": "places",
    "个": "",
    "标箱": "TEU",
    "元/人": "yuan per person",
    "人/百亿元": "per 10 bn yuan",
    "微克/立方米": "μg/m³",
    "立方米": "m³",
    "立方米/年": "m³ a year",
}
# English units written straight after the number, without a space.
UNIT_EN_ATTACHED = ("%", "", "-fold")

# Measure words for people: 11位院士, 175名博士, 13人 are all shown as 人 ("people").
PERSON_WORDS = ("位", "名")
MU_PER_HECTARE = 15  # 1 hectare = 15 mu (亩)

_PERIOD_HALF = re.compile(r"^(\d{4})H([12])$")
_PERIOD_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_PERIOD_RANGE = re.compile(r"^(\d{4})-(\d{4})$")
_PERIOD_YEAR = re.compile(r"^(\d{4})$")
_PERIOD_QUARTERS = re.compile(r"^(\d{4})Q1-([2-4])$")
_PERIOD_MONTHS = re.compile(r"^(\d{4})M(\d{1,2})-(\d{1,2})$")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTERS_ZH = {2: "上半年", 3: "前三季度", 4: "全年"}


_PART_YEAR = re.compile(r"^\d{4}(H[12]|Q[1-4]|Q1-[23]|M\d{1,2}-\d{1,2})$")


def is_part_year(period: str) -> bool:
    """Whether a period is part of a year (2024H1, 2023Q1-3, 2023M1-11)."""
    return bool(_PART_YEAR.match(str(period or "")))


def in_brackets(text: str) -> str:
    """A sentence set in brackets after a name: its first word lower-cased, unless it is
    an acronym or a code ("Half-year figure" → "half-year figure"; "GDP …", "H1 …" stay)."""
    first = text.split(" ", 1)[0]
    if not first[:1].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def is_missing(value: object) -> bool:
    """Whether a table cell holds no value (None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float, lang: str = "zh") -> str:
    """11.2 → "11.2", 175.0 → "175", 9194.86 → "9194.86"; English adds thousands separators."""
    if is_missing(value):
        return "—"
    if float(value).is_integer():
        number = int(value)
        return f"{number:,}" if lang == "en" else str(number)
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    if lang == "en":
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def english_scale(value_std: float, unit_std: str) -> tuple[float, str]:
    """The number English shows of a base-unit amount and its scale word:
    1.75e10 元 → (17.5, "bn"), 4e6 人次 → (4.0, "million"), 5e5 人次 → (500000.0, "")."""
    sizes = ((1e12, "trn"), (1e9, "bn"), (1e6, "m")) if unit_std == "元" else ((1e6, "million"),)
    for size, word in sizes:
        if abs(value_std) >= size:
            return round(value_std / size, 2), word
    return value_std, ""


def _english_amount(value_std: float, unit_std: str) -> str:
    """A base-unit amount in English words: 1.75e10 元 → "17.5 bn yuan"."""
    unit = UNIT_EN.get(unit_std, unit_std)
    number, word = english_scale(value_std, unit_std)
    if word and unit_std == "元":
        return f"{format_number(number, 'en')} {word} yuan"
    if word:
        return f"{format_number(number, 'en')} {word} {unit}".strip()
    return _amount(format_number(value_std, "en"), unit)


def _amount(number: str, english_unit: str) -> str:
    """ "5" + "%" → "5%", "8" + "towns" → "8 towns"."""
    if english_unit in UNIT_EN_ATTACHED:
        return f"{number}{english_unit}"
    return f"{number} {english_unit}"


def format_value(
    value: float,
    unit: str,
    comparator: str = "=",
    lang: str = "zh",
    value_std: float | None = None,
    unit_std: str | None = None,
    strive: bool = False,
) -> str:
    """A figure with its unit and comparator: "5%左右", "8500人以上", "近300家", "力争6%" /
    "about 5%", "nearly 300", "aiming for 6%"."""
    if is_missing(value):
        return "—"
    zh_suffix, en_prefix = COMPARATOR_WORDS.get(comparator or "", ("", ""))
    zh_strive, en_strive = STRIVE_WORDS if strive else ("", "")
    if lang != "en":
        zh_prefix = zh_strive + COMPARATOR_PREFIX_ZH.get(comparator or "", "")
        return f"{zh_prefix}{format_number(value, 'zh')}{display_unit(unit, unit_std)}{zh_suffix}"
    en_prefix = en_strive + en_prefix
    has_std = not is_missing(value_std) and unit_std is not None
    if unit_std == "名次":  # 提升9名: places in a ranking, not people
        unit = "名次"
    if unit in UNIT_EN or not has_std:
        amount = _amount(format_number(value, "en"), UNIT_EN.get(unit, unit or ""))
    else:
        amount = _english_amount(float(value_std), str(unit_std))
    if unit_std == "亩" and has_std:  # a reader abroad does not know the mu: add hectares
        hectares = float(value_std) / MU_PER_HECTARE
        amount = f"{amount} ({_english_amount(float(f'{hectares:.3g}'), '公顷')})"
    return f"{en_prefix}{amount}"


def display_unit(unit: str | None, unit_std: str | None = None) -> str:
    """A unit as written, made consistent: 位/名 of people → 人 (11位 → 11人, 3万名 → 3万人),
    a full-width ％ → %. 名 of a rank (提升9名) stays."""
    unit = (unit or "").replace("％", "%")
    people = unit_std == "人" or (unit_std is None and unit.endswith("位"))
    if people and unit.endswith(PERSON_WORDS):
        return unit[:-1] + "人"
    return unit


def format_delta(diff: float, unit: str, lang: str = "zh") -> str:
    """A signed difference: "+1.2个百分点" for rates, "+150部" for counts."""
    sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
    magnitude = format_number(round(abs(diff), 4), lang)
    if unit == "%":
        return f"{sign}{magnitude}{' pp' if lang == 'en' else '个百分点'}"
    if lang == "en":
        english = UNIT_EN.get(unit, unit)
        return f"{sign}{magnitude}{(' ' + english) if english else ''}"
    return f"{sign}{magnitude}{unit}"


def fact_period(fact: Mapping[str, object], lang: str = "zh") -> str:
    """A fact's period as :func:`format_period` writes it, a figure to date with the date
    its document counted it to (``as_of``, see ``tables.load_tables``): 截至2024年8月."""
    return format_period(str(fact["period"]), lang, str(fact.get("as_of") or ""))


def format_period(period: str, lang: str = "zh", as_of: str = "") -> str:
    """'2022' → 2022年, '2024H1' → 2024年上半年, '2021-2023' → 2021–2023年, '2023Q1-3' →
    2023年前三季度 (Jan–Sep 2023), '2023M1-11' → 2023年1—11月 (Jan–Nov 2023),
    'cumulative' → 累计 (to date), or with its ``as_of`` ('2024-08', '2023', '2022-end')
    截至2024年8月 (as of Aug 2024), 截至2022年底 (as of end-2022), 'future' → 今后 (ahead)."""
    period = (period or "").strip()
    zh = lang != "en"
    if m := _PERIOD_YEAR.match(period):
        return f"{m[1]}年" if zh else m[1]
    if m := _PERIOD_HALF.match(period):
        half = ("上半年", "下半年")[int(m[2]) - 1]
        return f"{m[1]}年{half}" if zh else f"H{m[2]} {m[1]}"
    if m := _PERIOD_QUARTER.match(period):
        return f"{m[1]}年第{CN_NUMERALS[int(m[2])]}季度" if zh else f"Q{m[2]} {m[1]}"
    if m := _PERIOD_RANGE.match(period):
        return f"{m[1]}–{m[2]}年" if zh else f"{m[1]}–{m[2]}"
    if m := _PERIOD_QUARTERS.match(period):
        last = int(m[2])
        return f"{m[1]}年{_QUARTERS_ZH[last]}" if zh else f"Jan–{_MONTHS_EN[3 * last - 1]} {m[1]}"
    if (m := _PERIOD_MONTHS.match(period)) and 1 <= int(m[2]) <= int(m[3]) <= 12:
        if zh:
            return f"{m[1]}年{int(m[2])}—{int(m[3])}月"
        return f"{_MONTHS_EN[int(m[2]) - 1]}–{_MONTHS_EN[int(m[3]) - 1]} {m[1]}"
    if period == "cumulative" and (m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}|end))?", as_of)):
        if m[2] == "end":
            return f"截至{m[1]}年底" if zh else f"as of end-{m[1]}"
        if zh:
            return f"截至{m[1]}年" + (f"{int(m[2])}月" if m[2] else "")
        return f"as of {_MONTHS_EN[int(m[2]) - 1]} {m[1]}" if m[2] else f"as of {m[1]}"
    if period == "cumulative":
        return "累计" if zh else "to date"
    if period == "future":  # a plan without a year
        return "今后" if zh else "ahead"
    return period


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (ranks are small numbers)."""
    if n <= 10:
        return CN_NUMERALS[n]
    if n < 20:
        return "十" + CN_NUMERALS[n - 10]
    if n < 100:
        tens, ones = divmod(n, 10)
        return CN_NUMERALS[tens] + "十" + (CN_NUMERALS[ones] if ones else "")
    return str(n)


# The scope of a rank, said for any district: 全市 is the city the district belongs to,
# which the reports do not name (Beijing for one district, Shenzhen for another).
SCOPE_EN: dict[str, str] = {
    "全市": "in the city",
    "生态涵养区": "among ecological conservation districts",
    "全国": "in China",
    "全区": "in the district",
}


# The field of a rank as a short tag: "No. 2" + "eco-conservation districts".
SCOPE_SHORT_EN: dict[str, str] = {
    "全市": "City-wide",
    "生态涵养区": "Eco-conservation districts",
    "全国": "China",
    "全区": "District-wide",
}


def rank_badge(scope: str, rank: float, lang: str = "zh") -> str:
    """全市 + 1 → "全市第一"; in English "No. 1 in the city"."""
    if is_missing(rank):
        return scope or ""
    n = int(rank)
    if lang == "en":
        where = SCOPE_EN.get(scope, scope)
        return f"No. {n} {where}".strip()
    return f"{scope}第{chinese_ordinal(n)}"


def hex_colour(rgb: tuple[int, ...] | list[int]) -> str:
    """(31, 119, 180) → "#1f77b4"."""
    r, g, b = (int(c) for c in rgb[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def sector_colour(sector_id: str) -> str:
    """A sector's colour as CSS hex (grey for an unknown sector)."""
    s = BY_ID.get(sector_id)
    return hex_colour(s.color) if s else "#9aa3b2"


def fact_value(fact: pd.Series, lang: str) -> str:
    """A fact's value with unit and comparator, as a reader expects it (全市第一 for ranks)."""
    if fact["is_rank"]:
        return rank_badge(fact["rank_scope"], fact["value"], lang)
    if "分之" in str(fact.get("raw", "")):  # a share written as a fraction: 三分之一 / 1/3
        share = Fraction(float(fact["value"]) / 100).limit_denominator(12)
        return str(fact["raw"]) if lang != "en" else f"{share.numerator}/{share.denominator}"
    if not is_missing(upper := fact.get("value_max")):  # a range keeps both bounds: 2–3所
        low = format_number(fact["value"], lang)
        return f"{low}–{format_value(upper, fact['unit'], '=', lang)}"
    if fact.get("strive", False):  # 力争8500人以上 / aiming for at least 8,500 people
        args = (fact["value_std"], fact["unit_std"])
        return format_value(fact["value"], fact["unit"], fact["comparator"], lang, *args, True)
    return format_value(
        fact["value"], fact["unit"], fact["comparator"], lang, fact["value_std"], fact["unit_std"]
    )


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip


def date_beside(title: str, value: object, lang: str) -> str:
    """A document's date to write beside its title: :func:`date_text`, or nothing when the
    date is only a year the title already says (《2023年平谷区政府工作报告》, not …（2023年）)."""
    year = str(value or "").strip()
    return "" if re.fullmatch(r"\d{4}", year) and year in title else date_text(value, lang)


def date_text(value: object, lang: str) -> str:
    """A document's date as a reader writes it: 2024-08-19 → 2024年8月19日 / 19 August 2024,
    2024-08 → 2024年8月 / August 2024, 2023 → 2023年 / 2023; anything else as it is."""
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not match:
        return text
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return text
    if lang == "en":
        month_name = MONTHS_EN[month - 1] if month else ""
        return " ".join(str(x) for x in (day, month_name, year) if x)
    return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
