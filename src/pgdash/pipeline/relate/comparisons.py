"""Relate stage: 2022 results against 2023 targets and the latest figures.

The pairs are curated in ``curated/comparisons.toml``. Each measure names up to three sides —
``result`` (2022, work report part 一), ``target`` (2023, part 二) and ``latest`` (the 2024
article) — by document, an anchor fragment of the fact's quote and the number as written
inside the anchor. Each side resolves to exactly one row of the facts table (the fact whose
number sits at that place in the text); zero or several matches, a value that differs from
the number as written, a fact of the wrong kind or a unit the row cannot use is a
``PgdashError`` naming the measure and side. Values are the facts' values, converted to the
row's unit through ``value_std`` when the fact was written in another unit (1.57万人 → 15700人,
175名 and 411位 → 人).

Status, one per row, decided in this order (id — status_zh — when):

- a latest figure and a target: ``latest_above_target`` 最新数据高于目标,
  ``latest_at_target`` 最新数据与目标持平, ``latest_below_target`` 最新数据低于目标;
- a target, no latest figure: ``target_below_result`` 目标低于上年实绩，尚无后续数据 when the
  target is below the 2022 result, else ``no_latest`` 尚无后续数据; ``target_only``
  仅有目标，文中无实绩 when there is no 2022 result either (main expected targets such as CPI);
- a 2022 result and a latest figure, no target: ``latest_above_result`` 最新数据高于上年实绩,
  ``latest_at_result`` 最新数据与上年实绩持平, ``latest_below_result`` 最新数据低于上年实绩;
  for rankings (第一 = 1, smaller is better) ``rank_up`` 排名上升, ``rank_held`` 排名持平,
  ``rank_down`` 排名下降.

The latest figure may cover another period than the target (2024 H1 against the 2023
target): ``latest_period`` says which, so it can be shown beside the status.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.paths import CURATED
from pgdash.pipeline.text.numerals import ORDINAL_NUMERAL, parse_chinese_int
from pgdash.schema import COMPARISONS, STATUSES, empty_frame
from pgdash.sectors import SECTOR_IDS
from pgdash.tomlfile import read_toml

CURATED_COMPARISONS = CURATED / "comparisons.toml"
SIDES = ("result", "target", "latest")
SIDE_KINDS = {
    "result": ("actual", "estimate"),
    "target": ("target",),
    "latest": ("actual", "estimate"),
}
STATUS_ZH = {status: words[0] for status, words in STATUSES.items()}
ARABIC = re.compile(r"^\d+(?:\.\d+)?")
RANK = re.compile(rf"^第([{ORDINAL_NUMERAL}]+)")


@dataclass(frozen=True)
class Side:
    """Where one side of a measure is stated: document, anchor, number as written."""

    doc: str
    anchor: str
    number: str


@dataclass(frozen=True)
class Measure:
    """A curated measure and the sides it compares."""

    id: str
    measure: str
    measure_en: str
    sector: str
    unit: str
    rank: bool
    sides: dict[str, Side]
    source: str  # the curated file's name, for messages

    def fail(self, side: str, message: str) -> PgdashError:
        """An error naming this measure and side in the curated file."""
        return PgdashError(f"{self.source}: measure {self.id!r}, {side}: {message}")


def written_value(number: str) -> float | None:
    """The value of a number as written: ``11.2%`` → 11.2, ``第二`` → 2; else ``None``."""
    if m := ARABIC.match(number):
        return float(m.group(0))
    if m := RANK.match(number):
        return float(parse_chinese_int(m.group(1)))
    return None


def _parse_side(path: Path, measure_id: str, name: str, raw: object) -> Side:
    where = f"{path.name}: measure {measure_id!r}, {name}"
    if not isinstance(raw, dict) or not all(
        isinstance(raw.get(k), str) and raw.get(k) for k in ("doc", "anchor", "number")
    ):
        raise PgdashError(f"{where}: give doc, anchor and number as non-empty strings")
    side = Side(raw["doc"], raw["anchor"], raw["number"])
    if side.anchor.count(side.number) != 1:
        raise PgdashError(f"{where}: the number {side.number!r} must occur once in its anchor")
    if written_value(side.number) is None:
        raise PgdashError(f"{where}: {side.number!r} does not start with a number or 第N")
    return side


def _parse_measure(path: Path, raw: dict) -> Measure:
    measure_id = str(raw.get("id", "")) or "?"
    where = f"{path.name}: measure {measure_id!r}"
    missing = [k for k in ("id", "measure", "measure_en", "sector", "unit") if not raw.get(k)]
    if missing:
        raise PgdashError(f"{where} lacks {', '.join(missing)}; add them")
    if raw["sector"] not in SECTOR_IDS:
        raise PgdashError(f"{where}: unknown sector {raw['sector']!r}; use one of {SECTOR_IDS}")
    sides = {s: _parse_side(path, measure_id, s, raw[s]) for s in SIDES if s in raw}
    shape = tuple(s in sides for s in SIDES)
    allowed = {(True, True, True), (True, True, False), (True, False, True), (False, True, False)}
    if shape not in allowed:
        raise PgdashError(
            f"{where} has sides {', '.join(sides) or 'none'}; give a result with a target "
            "and/or a latest figure, or a target alone"
        )
    rank = bool(raw.get("rank", False))
    if rank and "target" in sides:
        raise PgdashError(f"{where}: a ranking compares result and latest only; drop its target")
    return Measure(
        id=raw["id"],
        measure=raw["measure"],
        measure_en=raw["measure_en"],
        sector=raw["sector"],
        unit=raw["unit"],
        rank=rank,
        sides=sides,
        source=path.name,
    )


def load_measures(path: Path = CURATED_COMPARISONS) -> list[Measure]:
    """The curated measures, checked for shape (not yet against the facts)."""
    data = read_toml(path)
    measures = [_parse_measure(path, raw) for raw in data.get("measure", [])]
    ids = [m.id for m in measures]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise PgdashError(f"{path.name}: measure id(s) {', '.join(duplicated)} used twice")
    return measures


def number_spans(facts: pd.DataFrame, side: Side) -> set[tuple[int, int]]:
    """Text offsets of the side's number wherever its anchor occurs in a quote of its document."""
    spans = set()
    quotes = facts.loc[facts["doc_id"] == side.doc, ["quote_start", "quote"]].drop_duplicates()
    offset = side.anchor.index(side.number)
    for quote_start, quote in quotes.itertuples(index=False):
        at = quote.find(side.anchor)
        while at >= 0:
            start = int(quote_start) + at + offset
            spans.add((start, start + len(side.number)))
            at = quote.find(side.anchor, at + 1)
    return spans


def resolve_side(facts: pd.DataFrame, measure: Measure, name: str) -> pd.Series:
    """The one fact a side of ``measure`` names, checked against the number as written."""
    side = measure.sides[name]
    spans = number_spans(facts, side)
    if not spans:
        raise measure.fail(
            name, f"the anchor {side.anchor!r} occurs in no quote of {side.doc}; update it"
        )
    in_doc = facts[facts["doc_id"] == side.doc]
    hit = pd.Series(False, index=in_doc.index)
    for start, end in spans:
        hit |= (in_doc["start"] < end) & (in_doc["end"] > start)
    found = in_doc[hit]
    if len(found) != 1:
        ids = ", ".join(found["fact_id"]) or "none"
        raise measure.fail(
            name,
            f"{side.number!r} in {side.anchor!r} matches {len(found)} facts ({ids}); "
            "it must match exactly one (lengthen the anchor or fix the extractor)",
        )
    fact = found.iloc[0]
    expected = written_value(side.number)
    if not math.isclose(fact["value"], expected):
        raise measure.fail(
            name, f"fact {fact['fact_id']} has value {fact['value']}, but the text says {expected}"
        )
    if fact["kind"] not in SIDE_KINDS[name]:
        raise measure.fail(
            name, f"fact {fact['fact_id']} is of kind {fact['kind']!r}, not {SIDE_KINDS[name]}"
        )
    return fact


def value_in_unit(fact: pd.Series, measure: Measure, name: str) -> float:
    """The fact's value in the measure's unit."""
    if measure.rank:
        if not fact["is_rank"]:
            raise measure.fail(name, f"fact {fact['fact_id']} is not a rank")
        return float(fact["value"])
    if fact["unit"] == measure.unit:
        return float(fact["value"])
    if fact["unit_std"] == measure.unit:
        return float(fact["value_std"])
    raise measure.fail(
        name,
        f"fact {fact['fact_id']} is in {fact['unit']!r} ({fact['unit_std']!r}), "
        f"and cannot be given in the measure's unit {measure.unit!r}",
    )


def _order(a: float, b: float) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``."""
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return 0
    return 1 if a > b else -1


def status_of(
    result: float | None, target: float | None, latest: float | None, rank: bool = False
) -> str:
    """The status id of a row (see the module docstring)."""
    if latest is not None and target is not None:
        return ("latest_below_target", "latest_at_target", "latest_above_target")[
            _order(latest, target) + 1
        ]
    if target is not None:
        if result is None:
            return "target_only"
        return "target_below_result" if _order(target, result) < 0 else "no_latest"
    if latest is not None and result is not None:
        if rank:
            return ("rank_up", "rank_held", "rank_down")[_order(latest, result) + 1]
        return ("latest_below_result", "latest_at_result", "latest_above_result")[
            _order(latest, result) + 1
        ]
    raise PgdashError("a comparison needs a target, or a result and a latest figure")


def comparison_row(facts: pd.DataFrame, measure: Measure) -> dict[str, object]:
    """One row of the comparisons table."""
    found = {name: resolve_side(facts, measure, name) for name in measure.sides}
    value = {name: value_in_unit(f, measure, name) for name, f in found.items()}
    status = status_of(value.get("result"), value.get("target"), value.get("latest"), measure.rank)

    def field(name: str, column: str) -> str:
        return str(found[name][column]) if name in found else ""

    return {
        "measure": measure.measure,
        "measure_en": measure.measure_en,
        "sector": measure.sector,
        "unit": measure.unit,
        "result_2022": value.get("result", math.nan),
        "result_kind": field("result", "kind"),
        "result_fact_id": field("result", "fact_id"),
        "target_2023": value.get("target", math.nan),
        "target_comparator": field("target", "comparator"),
        "target_fact_id": field("target", "fact_id"),
        "latest_value": value.get("latest", math.nan),
        "latest_period": field("latest", "period"),
        "latest_fact_id": field("latest", "fact_id"),
        "status": status,
        "status_zh": STATUS_ZH[status],
        "measure_id": measure.id,
    }


def build_comparisons(facts: pd.DataFrame, curated: Path = CURATED_COMPARISONS) -> pd.DataFrame:
    """The comparisons table, one row per curated measure, in the curated order.

    Without any facts (an extractor that found nothing) there is nothing to compare.
    """
    measures = load_measures(curated)
    if facts.empty:
        return empty_frame("comparisons")
    rows = [comparison_row(facts, m) for m in measures]
    return pd.DataFrame(rows, columns=COMPARISONS.names)
