"""The standard measures of any work report (GDP, budget revenue, retail sales …) from
``curated/measures.toml``, and the measure a figure states, from the name the extractor
gave it. Nothing here names a document, so any report is recognised."""

import re
from dataclasses import dataclass
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.paths import CURATED
from pgdash.sectors import SECTOR_IDS
from pgdash.tomlfile import read_toml

MEASURES_FILE = CURATED / "measures.toml"
ASPECTS = ("level", "growth", "rate")
SENSES = ("higher", "lower")
ID = re.compile(r"^[a-z][a-z0-9_]*$")
# A percentage that says how much something changed: 增长8%, 增速, 涨幅, 下降3%.
CHANGE = re.compile(r"(?:增长|增速|增幅|涨幅|上涨|下降|下降率|降低|减少)$")
# A growth figure named only by a qualifier borrows the level figure before it:
# 一般公共预算收入152亿元，同口径增速8.8% → budget revenue growth.
BARE_CHANGE = re.compile(
    r"^(?:同口径|同比|可比口径|剔除不可比因素|扣除[^，。；]{0,10}后(?:同口径)?|按可比价格计算)?"
    r"(?:增速|增长|增幅)$"
)
# A level named only by a verb borrows the growth figure before it:
# 地区生产总值增长3.1%，达到2952亿元 → GDP.
BARE_LEVEL = re.compile(r"^(?:总量|规模|总额)?(?:达到|达|为|突破|超过|实现)?$")


@dataclass(frozen=True)
class Measure:
    """A standard measure and the words that recognise it."""

    measure_id: str
    zh: str
    en: str
    sector: str
    sense: str  # higher | lower: which way is better
    aspect: str  # level | growth | rate
    units: tuple[str, ...]  # the standard units of a level (() for growth and rates)
    names: tuple[str, ...]
    exclude: tuple[str, ...]

    def matches(self, name: str, unit_std: str) -> bool:
        """Whether a figure named ``name`` in ``unit_std`` states this measure."""
        if not any(n in name for n in self.names) or any(x in name for x in self.exclude):
            return False
        if self.aspect == "level":
            return unit_std in self.units
        if unit_std != "%":
            return False
        return bool(CHANGE.search(name)) == (self.aspect == "growth")


def _strings(raw: dict, key: str, where: str) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise PgdashError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(values)


def load_measures(path: Path = MEASURES_FILE) -> list[Measure]:
    """Read the measures, checking each entry's fields."""
    data = read_toml(path, "restore the curated measures")
    measures: list[Measure] = []
    for i, raw in enumerate(data.get("measure", []), start=1):
        where = f"{path.name} measure {i} ({raw.get('id', '?')})"
        missing = [k for k in ("id", "zh", "en", "sector", "sense", "aspect") if not raw.get(k)]
        if missing:
            raise PgdashError(f"{where}: missing {', '.join(missing)}; add them")
        if not ID.match(raw["id"]) or raw["id"] in {m.measure_id for m in measures}:
            raise PgdashError(f"{where}: id must be new and lower_case_with_underscores")
        if raw["sector"] not in SECTOR_IDS:
            raise PgdashError(f"{where}: unknown sector {raw['sector']!r}; use one of {SECTOR_IDS}")
        if raw["sense"] not in SENSES or raw["aspect"] not in ASPECTS:
            raise PgdashError(f"{where}: sense must be one of {SENSES}, aspect one of {ASPECTS}")
        units = _strings(raw, "units", where)
        if (raw["aspect"] == "level") != bool(units):
            raise PgdashError(f"{where}: a level needs units (元, 吨 …), a growth or rate none")
        names = _strings(raw, "names", where)
        if not names:
            raise PgdashError(f"{where}: needs at least one name")
        measures.append(
            Measure(
                raw["id"],
                raw["zh"],
                raw["en"],
                raw["sector"],
                raw["sense"],
                raw["aspect"],
                units,
                names,
                _strings(raw, "exclude", where),
            )
        )
    return measures


def measure_of(name: str, unit_std: str, is_rank: bool, measures: list[Measure]) -> str:
    """The id of the measure a figure states (the first that matches), else ""."""
    if is_rank:
        return ""
    return next((m.measure_id for m in measures if m.matches(name, unit_std)), "")


def borrowed(row: dict, previous_id: str, measures: list[Measure]) -> str:
    """The measure a figure named only by a qualifier or a verb takes from the figure before
    it: the growth of a level (同口径增速), the level of a growth (达到2952亿元), else ""."""
    by_id = {m.measure_id: m for m in measures}
    if row["unit_std"] == "%" and BARE_CHANGE.match(row["metric"]):
        wanted = f"{previous_id}_growth"
    elif BARE_LEVEL.match(row["metric"].replace(row["raw"], "")):
        wanted = previous_id.removesuffix("_growth")
    else:
        return ""
    measure = by_id.get(wanted)
    if measure is None or wanted == previous_id:
        return ""
    ok = measure.aspect == "growth" or row["unit_std"] in measure.units
    return wanted if ok else ""


def assign_measures(rows: list[dict], sentence_of: list[int], measures: list[Measure]) -> None:
    """Set ``measure_id`` on facts rows (in text order); a figure named only by a qualifier
    or a verb borrows from the figure just before it in its sentence (:func:`borrowed`)."""
    previous: tuple[int, str] | None = None
    for row, sentence in zip(rows, sentence_of, strict=True):
        found = measure_of(row["metric"], row["unit_std"], row["is_rank"], measures)
        if not found and not row["is_rank"] and previous and previous[0] == sentence:
            found = borrowed(row, previous[1], measures) if previous[1] else ""
        row["measure_id"] = found
        if not row["is_rank"]:
            previous = (sentence, found)
