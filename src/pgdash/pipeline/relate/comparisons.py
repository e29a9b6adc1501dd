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

Status, one per row, from the table of rules in :mod:`status_rules`: a result of year N is
judged against the target for year N, a full year against an earlier full year; a half-year,
to-date or multi-year figure, or one of another year, is shown beside the other sides with a
neutral status that says what it is. The measure's sense (``sense = "lower"`` in the curated
file, or a target written as a ceiling, 控制在…以内, or a rank) decides whether a judged status
is good or bad; the row carries the periods of its sides, the sense, ``is_judged`` and ``tone``.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.paths import CURATED
from pgdash.pipeline.relate.status_rules import HIGHER, LOWER, Case, Figure, decide
from pgdash.pipeline.text.numerals import ORDINAL_NUMERAL, parse_chinese_int
from pgdash.schema import COMPARISONS, empty_frame, status_words
from pgdash.sectors import SECTOR_IDS
from pgdash.tomlfile import read_toml

CURATED_COMPARISONS = CURATED / "comparisons.toml"
SIDES = ("result", "target", "latest")
SIDE_KINDS = {
    "result": ("actual", "estimate"),
    "target": ("target", "plan"),
    "latest": ("actual", "estimate"),
}
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
    sense: str  # higher | lower | "" (from the target's comparator and rank)
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
    sense = str(raw.get("sense", ""))
    if sense not in ("", HIGHER, LOWER):
        raise PgdashError(f"{where}: sense {sense!r} must be {HIGHER!r} or {LOWER!r}")
    return Measure(
        id=raw["id"],
        measure=raw["measure"],
        measure_en=raw["measure_en"],
        sector=raw["sector"],
        unit=raw["unit"],
        rank=rank,
        sense=sense,
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


def sense_of(measure: Measure, target: pd.Series | None) -> str:
    """higher | lower: curated, else lower for ranks and for targets written as a ceiling."""
    if measure.sense:
        return measure.sense
    ceiling = target is not None and target["comparator"] == "<="
    return LOWER if measure.rank or ceiling else HIGHER


def comparison_row(facts: pd.DataFrame, measure: Measure) -> dict[str, object]:
    """One row of the comparisons table."""
    found = {name: resolve_side(facts, measure, name) for name in measure.sides}
    value = {name: value_in_unit(f, measure, name) for name, f in found.items()}
    figures = {
        name: Figure(value[name], str(f["period"]), str(f["kind"])) for name, f in found.items()
    }
    sense = sense_of(measure, found.get("target"))
    verdict = decide(Case(**figures, sense=sense, rank=measure.rank))

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
        "status": verdict.status,
        "status_zh": status_words(verdict.status, "zh", field("target", "period")),
        "measure_id": measure.id,
        "result_period": field("result", "period"),
        "target_period": field("target", "period"),
        "target_kind": field("target", "kind"),
        "sense": sense,
        "is_judged": verdict.judged,
        "tone": verdict.tone,
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
