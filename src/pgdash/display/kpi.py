"""KPI tiles for headline facts: value, period, comparison with colour sense, rank badges."""

from dataclasses import dataclass

import pandas as pd

from pgdash.display import queries
from pgdash.display.formatting import (
    fact_value,
    format_delta,
    format_period,
    format_value,
    is_missing,
    rank_badge,
)
from pgdash.display.i18n import kind_name, metric_name, t


@dataclass(frozen=True)
class Tile:
    """Everything one KPI card and its tags show."""

    fact_id: str
    doc_id: str
    label: str
    value: str
    period: str
    kind: str  # kind label: 实际 / 预计 / 目标 / 规划
    is_estimate: bool
    is_target: bool
    delta: str | None
    delta_color: str
    delta_arrow: str
    delta_description: str | None
    badges: tuple[str, ...]


def _delta(
    fact: pd.Series, roles: dict[str, tuple[pd.Series, str]], lang: str
) -> tuple[str | None, str, str, str | None]:
    """(delta, delta_color, delta_arrow, description) for a tile, from its comparison."""
    found = roles.get(fact["fact_id"])
    if found is None:
        return None, "off", "off", None
    row, role = found
    unit = row["unit"]
    if role == "latest":
        has_target = not is_missing(row["target_2023"])
        baseline = row["target_2023"] if has_target else row["result_2022"]
        if is_missing(baseline) or is_missing(row["latest_value"]):
            return None, "off", "off", None
        diff = float(row["latest_value"]) - float(baseline)
        lower = queries.lower_is_better(row["measure"], row["target_comparator"], unit)
        color = "inverse" if lower else "normal"
        description = t("vs_target" if has_target else "vs_2022", lang)
        return format_delta(diff, unit, lang), color, "auto", description
    if role == "result" and not is_missing(row["target_2023"]):
        target = format_value(row["target_2023"], unit, row["target_comparator"], lang)
        return t("target_2023_is", lang, value=target), "off", "off", None
    if role == "result" and not is_missing(row["latest_value"]):
        latest = format_value(row["latest_value"], unit, "=", lang)
        period = format_period(row["latest_period"], lang)
        return t("latest_is", lang, value=latest, period=period), "off", "off", None
    if role == "target" and not is_missing(row["result_2022"]):
        result = format_value(row["result_2022"], unit, "=", lang)
        return t("result_2022_is", lang, value=result), "off", "off", None
    return None, "off", "off", None


def tile_facts(facts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The facts that get a tile: headline figures that are not ranks, per document in the
    catalogue's order of headline measures (GDP first)."""
    headline = queries.in_order(facts[facts["headline"] & ~facts["is_rank"]], documents)
    order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    keys = headline.assign(_doc=headline["doc_id"].map(order))
    return keys.sort_values(["_doc", "headline_rank"], kind="stable").drop(columns="_doc")


def build_tiles(
    facts: pd.DataFrame, comparisons: pd.DataFrame, documents: pd.DataFrame, lang: str
) -> list[Tile]:
    """One tile per headline fact that is not itself a rank, in headline order."""
    ranks = queries.attach_ranks(facts, queries.texts(documents))
    headline = tile_facts(facts, documents)
    roles = queries.comparison_roles(comparisons)
    tiles = []
    for _, fact in headline.iterrows():
        delta, color, arrow, description = _delta(fact, roles, lang)
        badges = tuple(
            rank_badge(r["rank_scope"], r["value"], lang) for r in ranks.get(fact["fact_id"], [])
        )
        tiles.append(
            Tile(
                fact_id=fact["fact_id"],
                doc_id=fact["doc_id"],
                label=metric_name(fact, lang),
                value=fact_value(fact, lang),
                period=format_period(fact["period"], lang),
                kind=kind_name(fact["kind"], lang),
                is_estimate=fact["kind"] == "estimate",
                is_target=fact["kind"] in ("target", "plan"),
                delta=delta,
                delta_color=color,
                delta_arrow=arrow,
                delta_description=description,
                badges=badges,
            )
        )
    return tiles


def main_period(tiles: list[Tile]) -> str:
    """The period most of these tiles report (for a group heading), or ""."""
    periods = [tile.period for tile in tiles]
    return max(periods, key=periods.count) if periods else ""
