"""Units as the documents write them, and their base units.

``175亿元`` is 175 in the unit 亿元, which is 1.75e10 in the base unit 元. A unit that
starts with 千, 万, 亿 or 万亿 carries its multiplier (``126万亿元`` is 1.26e14 元, ``4千套``
4000 套); a bare 万
(``4.2万液化气用户``) is a multiplier on a plain count. Compound units stay whole: a rate
(``万元/人``, ``人/百亿元``, ``微克/立方米``) keeps its denominator, a container count
(``万标箱``, ``万标准箱``) its TEU.
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
    # rates: the denominator stays part of the unit
    "元/人": "元/人",
    "人/百亿元": "人/百亿元",
    "立方米/年": "立方米/年",
    "吨/日": "吨/日",
    # containers (twenty-foot equivalent units)
    "标准箱": "标箱",
    "标箱": "标箱",
    # people and visits
    "人": "人",
    "名": "人",
    "位": "人",
    "人次": "人次",
    "架次": "架次",
    "车次": "车次",
    "次": "次",
    "人（辆）次": "人（辆）次",  # vehicles counted too: not people's visits
    # area, length, weight
    "亩": "亩",
    "公顷": "公顷",
    "平方公里": "平方公里",
    "平方米": "平方米",
    "公里": "公里",
    "吨": "吨",
    "斤": "斤",
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
    "株": "株",
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
MULTIPLIERS: dict[str, float] = {"千": 1e3, "万": 1e4, "千万": 1e7, "亿": 1e8, "万亿": 1e12}

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

# Counters that only follow Chinese numerals (none now: 五大应用场景, 三大班列 and 十大专项整治
# count the report's own categories, not the world).
CHINESE_ONLY: dict[str, Unit] = {}


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
