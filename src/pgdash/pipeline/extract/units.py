"""Units as the documents write them, and their base units.

``175亿元`` is 175 in the unit 亿元, which is 1.75e10 in the base unit 元. A unit that
starts with 万 or 亿 carries its multiplier; a bare 万 (``4.2万液化气用户``) is a
multiplier on a plain count.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit as written, its base unit and the factor that converts to it."""

    written: str
    std: str
    factor: float


_BASE: dict[str, str] = {
    # percentages and differences of percentages
    "%": "%",
    "％": "%",
    "个百分点": "百分点",
    "百分点": "百分点",
    # money
    "元": "元",
    "美元": "美元",
    # people and visits
    "人": "人",
    "名": "人",
    "位": "人",
    "人次": "人次",
    "次": "次",
    "人（辆）次": "人次",
    # area, length, weight
    "亩": "亩",
    "公顷": "公顷",
    "平方公里": "平方公里",
    "平方米": "平方米",
    "公里": "公里",
    "吨": "吨",
    "微克/立方米": "微克/立方米",
    "立方米": "立方米",
    "千瓦": "千瓦",
    "千米": "公里",
    # counts of things
    "个": "个",
    "家": "家",
    "项": "项",
    "件": "件",
    "部": "部",
    "套": "套",
    "户": "户",
    "支": "支",
    "条": "条",
    "所": "所",
    "场": "场",
    "类": "类",
    "镇": "镇",
    "处": "处",
    "栋（处）": "栋",
    "羽": "羽",
    "座": "座",
    "台": "台",
    "宗": "宗",
    "张": "张",
    "辆": "辆",
    "只": "只",
    "栋": "栋",
    "片": "片",
    "块": "块",
    "册": "册",
    "方面": "方面",
    "倍": "倍",
    # durations
    "年": "年",
    "天": "天",
    "小时": "小时",
    "分钟": "分钟",
}
MULTIPLIERS: dict[str, float] = {"万": 1e4, "亿": 1e8}

UNITS: dict[str, Unit] = {w: Unit(w, std, 1.0) for w, std in _BASE.items()}
UNITS.update(
    {
        m + w: Unit(m + w, std, factor)
        for m, factor in MULTIPLIERS.items()
        for w, std in _BASE.items()
        if w not in ("%", "％", "个百分点", "百分点", "方面", "倍", "年", "天", "小时", "分钟")
    }
)
UNITS.update({m: Unit(m, "", factor) for m, factor in MULTIPLIERS.items()})
UNITS["成"] = Unit("成", "%", 10.0)  # 增长超过4成: tenths, as a share in %
_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)

# Counters that only follow Arabic figures: after a Chinese numeral they are mostly part of a
# name (四座楼, 一张蓝图, 两台大戏).
DIGITS_ONLY = frozenset(
    {"座", "台", "宗", "张", "辆", "只", "栋", "片", "块", "成", "小时", "分钟"}
)

# Counters that only follow Chinese numerals: 五大应用场景 (five major scenarios).
CHINESE_ONLY: dict[str, Unit] = {"大": Unit("大", "个", 1.0)}


def unit_at(text: str, pos: int, chinese: bool = False) -> Unit | None:
    """The longest unit written at ``text[pos:]``, if any."""
    for written in _LONGEST_FIRST:
        if text.startswith(written, pos):
            if chinese and written in DIGITS_ONLY:
                return None
            return UNITS[written]
    if chinese:
        for written, unit in CHINESE_ONLY.items():
            if text.startswith(written, pos):
                return unit
    return None
