"""Relate stage: the ledger — each measure followed from target to result across years.

One row per measure, district and target year ``year``: the target for that year (kind
target or plan, period ``year``, preferring the report whose ``targets_year`` it is), the
result for that year (period ``year``, actual or estimate, from whichever later document
states it — the next report, an article, a communiqué; ``result_kind`` says estimate for
预计), the previous year's result as ``baseline``, and the newest partial-year or to-date
figure after the target (``latest``: 2024H1 beside a 2023 target). A measure with results
but no target gets a row for the year of its earliest result when a later figure follows it.

Figures are the same measure when the extractor gave them the same standard measure
(``measure_id``, from ``curated/measures.toml``) or the same name from the curated
catalogue (``curated/metrics.toml``: 博士农场, ranks …) — never by a hand-written pair. A
catalogue name with a single figure makes no row; a standard measure's lone target does (a
main target still to be reported on). Beyond those lists, a work report's target for its
year is paired with the next report's result of that year by what is measured — the same
normalised phrase, or rapidfuzz's score (:mod:`pairs`); such a row has a target and a
result only. ``pair_reason`` says why a row's target and result were paired (standard,
catalogue, phrase, fuzzy; empty without both) and ``pair_score`` how closely (100 but for
fuzzy). A result always comes from another document than its target. Values are converted
to the row's unit through ``value_std`` (1.57万人 → 15700人). The status comes from
:mod:`status_rules`, judging the year's result against the year's target, or else the
latest figure neutrally beside it.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pgdash.pipeline.extract.catalogue import load_catalogue
from pgdash.pipeline.extract.measures import load_measures
from pgdash.pipeline.relate.pairs import Fact, Pair, phrase_pairs
from pgdash.pipeline.relate.phrases import display_phrase
from pgdash.pipeline.relate.status_rules import HIGHER, LOWER, Case, Figure, decide, period_year
from pgdash.schema import COMPARISONS, empty_frame, status_words

RANK_UNIT = "名次"
RESULT_KINDS = ("actual", "estimate")
TARGET_KINDS = ("target", "plan")
SIDES = ("target", "result", "baseline", "latest")


@dataclass(frozen=True)
class Key:
    """What makes figures the same measure: district, and a standard id or catalogue name."""

    district: str
    measure_id: str
    metric: str


def measure_key(fact: Fact, district: str) -> Key:
    """The ledger key of a fact (empty ``metric`` for a standard measure)."""
    if fact["measure_id"]:
        return Key(district, str(fact["measure_id"]), "")
    rank = "rank:" if fact["is_rank"] else ""
    return Key(district, "", rank + str(fact["metric"]))


YEARS = ("delivered_year", "reviews_year", "targets_year")


def _docs_info(documents: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["doc_id", "district", "doc_kind", *YEARS]
    if documents is None or documents.empty:
        return pd.DataFrame(columns=columns)
    info = documents.rename(columns={"kind": "doc_kind"})
    for column in columns:
        if column not in info.columns:
            info[column] = "" if column == "doc_kind" else 0
    return info[columns]


def _with_documents(facts: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Facts with their document's district, kind and years (0 when a document does not say)."""
    frame = facts.merge(_docs_info(documents), on="doc_id", how="left")
    for column in ("district", "doc_kind"):
        frame[column] = frame[column].fillna("").astype(str)
    for column in YEARS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype(int)
    return frame


def _curated(frame: pd.DataFrame, names: set[str]) -> pd.Series:
    """Which facts carry a standard measure or a catalogue name."""
    return (frame["measure_id"].astype(str) != "") | frame["metric"].isin(names)


def _year(fact: Fact) -> int | None:
    """The calendar year of a figure; a to-date figure counts as of its document's year."""
    year = period_year(str(fact["period"]))
    if year is None and fact["period"] == "cumulative" and fact["delivered_year"]:
        return int(fact["delivered_year"])
    return year


def _full_year(fact: Fact) -> bool:
    return str(fact["period"]).isdigit() and len(str(fact["period"])) == 4


def _pick(rows: Iterable[Fact], prefer) -> Fact | None:
    rows = list(rows)
    return min(rows, key=prefer) if rows else None


def _target_for(group: list[Fact], year: int) -> Fact | None:
    found = (r for r in group if r["kind"] in TARGET_KINDS and r["period"] == str(year))
    return _pick(
        found, lambda r: (r["targets_year"] != year, not r["headline"], r["doc_id"], r["start"])
    )


def _result_for(group: list[Fact], year: int, besides: str = "") -> Fact | None:
    """The year's result: from the latest document, an actual figure before an estimate;
    never from the document ``besides`` (the target's own)."""
    found = (
        r
        for r in group
        if r["kind"] in RESULT_KINDS and r["period"] == str(year) and r["doc_id"] != besides
    )
    return _pick(
        found, lambda r: (-r["delivered_year"], r["kind"] != "actual", r["doc_id"], r["start"])
    )


def _partials(group: list[Fact]) -> list[Fact]:
    """Part-year and to-date figures, each with a year."""
    return [
        r for r in group if r["kind"] in RESULT_KINDS and not _full_year(r) and _year(r) is not None
    ]


def _row_years(group: list[Fact], standard: bool) -> list[int]:
    """The target years of a measure, and the year of its first result when it has none."""

    def years_of(kinds: tuple[str, ...]) -> list[int]:
        return sorted(
            {int(r["period"]) for r in group if r["kind"] in kinds and r["period"].isdigit()}
        )

    targets, results = years_of(TARGET_KINDS), years_of(RESULT_KINDS)
    years = [y for y in targets if standard or len(group) > 1]
    if not years and results and len(group) > 1:
        years = [results[0]]
    return years


def _value(fact: Fact, unit: str) -> float:
    if unit in (fact["unit"], RANK_UNIT):
        return float(fact["value"])
    return float(fact["value_std"])


def _unit_of(facts: list[Fact]) -> str:
    """The row's unit: a rank's, else the target's (or first figure's) own unit, or its
    standard unit when the other figures are written in another one (万人 and 人)."""
    first = facts[0]
    if first["is_rank"]:
        return RANK_UNIT
    units = {f["unit"] for f in facts}
    return str(first["unit"]) if len(units) == 1 else str(first["unit_std"])


def ledger_rows(key: Key, group: list[Fact], names: dict[str, tuple[str, str, str, str]]):
    """The ledger rows of one measure in one district, by target year."""
    years = _row_years(group, bool(key.measure_id))
    partials = _partials(group)
    rows = []
    for i, year in enumerate(years):
        following = years[i + 1] if i + 1 < len(years) else None
        target = _target_for(group, year)
        found: dict[str, Fact | None] = {
            "target": target,
            "result": _result_for(group, year, "" if target is None else target["doc_id"]),
            "baseline": _result_for(group, year - 1),
        }
        later = [
            p for p in partials if year <= _year(p) and (following is None or _year(p) < following)
        ]
        found["latest"] = _pick(later, lambda r: (-_year(r), -r["delivered_year"], r["doc_id"]))
        if found["target"] is None:  # a row of results: its first result stands as result
            found["baseline"] = None
        sides = {s: f for s, f in found.items() if f is not None}
        if len(sides) == 1 and "target" not in sides:
            continue
        ordered = [sides[s] for s in SIDES if s in sides]
        why = ("standard" if key.measure_id else "catalogue", 100.0)
        rows.append(_row(key, year, sides, _unit_of(ordered), names, why))
    return rows


def pair_row(pair: Pair, target: Fact, result: Fact) -> dict:
    """The ledger row of a target and result paired by their phrase."""
    key = Key(str(target["district"]), "", display_phrase(str(target["metric"])))
    sides = {"target": target, "result": result}
    year = int(target["targets_year"])
    row = _row(key, year, sides, _unit_of([target, result]), {}, (pair.reason, pair.score))
    # The extractor's English of an uncurated phrase is a kind (Number of items): the words
    # themselves keep two such rows apart in English too (charts are keyed by the name).
    kind = str(target["metric_en"]).strip()
    row["measure_en"] = f"{kind} ({key.metric})" if kind else key.metric
    return row


def _row(
    key: Key,
    year: int,
    sides: dict[str, Fact],
    unit: str,
    names,
    why: tuple[str, float] = ("", math.nan),
) -> dict:
    any_fact = next(iter(sides.values()))
    if key.measure_id and key.measure_id in names:
        zh, en, sector, sense = names[key.measure_id]
    else:
        zh = key.metric.removeprefix("rank:")  # the catalogue name, or the phrase shown
        en, sector = any_fact["metric_en"], any_fact["sector"]
        target = sides.get("target")
        ceiling = target is not None and target["comparator"] == "<="
        sense = LOWER if any_fact["is_rank"] or ceiling else HIGHER
    value = {s: _value(f, unit) for s, f in sides.items()}
    figure = {s: Figure(value[s], str(f["period"]), str(f["kind"])) for s, f in sides.items()}
    rank = unit == RANK_UNIT
    if "target" in sides:
        after = figure.get("result") or figure.get("latest")
        case = Case(result=figure.get("baseline"), target=figure["target"], latest=after)
    else:
        case = Case(result=figure.get("result"), latest=figure.get("latest"))
    verdict = decide(Case(case.result, case.target, case.latest, sense=sense, rank=rank))

    def field(side: str, column: str) -> str:
        return str(sides[side][column]) if side in sides else ""

    row: dict[str, object] = {
        "measure": zh,
        "measure_en": en,
        "sector": sector,
        "unit": unit,
        "district": key.district,
        "year": year,
        "status": verdict.status,
        "status_zh": status_words(verdict.status, "zh", field("target", "period") or str(year)),
        "measure_id": key.measure_id or key.metric,
        "target_comparator": field("target", "comparator"),
        "sense": sense,
        "is_judged": verdict.judged,
        "tone": verdict.tone,
    }
    paired = "target" in sides and "result" in sides
    row["pair_reason"] = why[0] if paired else ""
    row["pair_score"] = why[1] if paired else math.nan
    for side in SIDES:
        row[f"{side}_value"] = value.get(side, math.nan)
        row[f"{side}_period"] = field(side, "period")
        row[f"{side}_kind"] = field(side, "kind")
        row[f"{side}_doc_id"] = field(side, "doc_id")
        row[f"{side}_fact_id"] = field(side, "fact_id")
    return row


def build_comparisons(facts: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ledger: rows by district, headline order, measure and year."""
    if facts.empty:
        return empty_frame("comparisons")
    vocabulary = {m.measure_id: (m.zh, m.en, m.sector, m.sense) for m in load_measures()}
    catalogue = _catalogue_names()
    every = _with_documents(facts, documents)
    curated = _curated(every, catalogue)
    rows: list[dict] = []
    order: dict[Key, tuple] = {}
    keys: dict[Key, list[Fact]] = {}
    for index, fact in enumerate(every[curated].to_dict("records")):
        key = measure_key(fact, fact["district"])
        keys.setdefault(key, []).append(fact)
        rank = int(fact["headline_rank"]) if fact["headline_rank"] else 10_000
        order[key] = min(order.get(key, (rank, index)), (rank, index))
    for key in sorted(keys, key=lambda k: (k.district, order[k])):
        rows.extend(ledger_rows(key, keys[key], vocabulary))
    rest = every[~curated]
    by_id = {}
    for pair in phrase_pairs(rest):
        if not by_id:
            by_id = {str(f["fact_id"]): f for f in rest.to_dict("records")}
        rows.append(pair_row(pair, by_id[pair.target_id], by_id[pair.result_id]))
    rows.sort(key=lambda row: str(row["district"]))  # stable: curated rows first in each
    if not rows:
        return empty_frame("comparisons")
    return pd.DataFrame(rows).reindex(columns=COMPARISONS.names)


def _catalogue_names() -> set[str]:
    """The measure names of the curated catalogue (``curated/metrics.toml``)."""
    return {entry.metric for entry in load_catalogue()}
