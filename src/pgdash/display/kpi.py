"""KPI tiles for headline facts: value, period, comparison with colour sense, rank badges."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pgdash.display import queries
from pgdash.display.formatting import (
    fact_period,
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
    extra: str = ""  # what else its sentence says of it: 同比增长7.5%
    fact_kind: str = "actual"  # actual | estimate | target | plan


def value_text(value: float, unit: str, comparator: str, lang: str) -> str:
    """A compared value: ranks as 第一 / No. 1, the rest with their unit."""
    if unit == queries.RANK_UNIT:
        return rank_badge("", value, lang)
    return format_value(value, unit, comparator, lang)


FactTexts = Mapping[str, str]  # fact_id → its value as every page writes it


def fact_texts(facts: pd.DataFrame, lang: str) -> dict[str, str]:
    """fact_id → the fact's value written as everywhere else (:func:`fact_value`:
    1.57万人, never 15700人 on one page and 1.57万人 on another)."""
    return {f["fact_id"]: fact_value(f, lang) for f in facts.to_dict("records")}


def side_value(row: pd.Series, side: str, lang: str, texts: FactTexts | None = None) -> str:
    """One side's value: its fact's text from ``texts`` (see :func:`fact_texts`), else
    written from the comparison's own value and unit; "" when the row has no such side."""
    value = queries.side_field(row, side, "value")
    if is_missing(value):
        return ""
    fact_id = str(queries.side_field(row, side, "fact_id") or "")
    if texts and fact_id in texts:
        return texts[fact_id]
    comparator = (row["target_comparator"] or "=") if side == "target" else "="
    return value_text(value, row["unit"], comparator, lang)


def side_period(row: pd.Series, side: str, lang: str) -> str:
    """One side's period as a reader writes it, a figure to date with the date it was
    counted to (2024年上半年, 截至2024年8月)."""
    period = str(queries.side_field(row, side, "period") or "")
    return format_period(period, lang, str(queries.side_field(row, side, "as_of") or ""))


def side_parts(
    row: pd.Series, side: str, lang: str, texts: FactTexts | None = None
) -> tuple[str, str]:
    """One side of a comparison in two parts, its period and role then its value:
    ("2022年实绩", "全市第一（预计）"), ("2023 target: ", "about 5%"); ("", "") when the row
    has no such side. A narrow cell breaks between them, never inside the value."""
    value = side_value(row, side, lang, texts)
    if not value:
        return "", ""
    lead = t(f"side_{side}", lang, period=side_period(row, side, lang), value="\0")
    lead = lead.partition("\0")[0]
    if side != "target" and queries.side_field(row, side, "kind") == "estimate":
        estimate = kind_name("estimate", lang)
        value += f" ({estimate})" if lang == "en" else f"（{estimate}）"
    return lead, value


def side_text(row: pd.Series, side: str, lang: str, texts: FactTexts | None = None) -> str:
    """One side of a comparison with its period spelled out: 2023年目标5%左右,
    2024年上半年6.2%, 2022年实绩7%（预计）; "" when the row has no such side."""
    return "".join(side_parts(row, side, lang, texts))


def pair_text(row: pd.Series, lang: str, texts: FactTexts | None = None) -> str:
    """The sides of a comparison side by side, periods spelled out (上半年6.2%；2023年目标…)."""
    parts = [side_text(row, side, lang, texts) for side in ("latest", "target", "result")]
    return t("pair_joiner", lang).join(p for p in parts if p)


def is_judged(row: pd.Series) -> bool:
    """Whether the row's status judges like against like (tables without the column: no)."""
    return bool(row.get("is_judged", False))


def _delta(
    fact: pd.Series, roles: dict[str, tuple[pd.Series, str]], lang: str, texts: FactTexts
) -> tuple[str | None, str, str, str | None]:
    """(delta, delta_color, delta_arrow, description) for a tile, from its comparison.

    Only a judged comparison (like periods) gets a coloured difference; otherwise the tile
    names the other sides with their periods, in a neutral tone, each figure written as
    its fact is everywhere (``texts``).
    """
    found = roles.get(fact["fact_id"])
    if found is None:
        return None, "off", "off", None
    row, role = found
    unit = row["unit"]
    if role == "latest" and is_judged(row):
        has_target = not is_missing(row["target_value"])
        reference = queries.side_field(row, "target" if has_target else "result", "value")
        diff = float(queries.side_field(row, "latest", "value")) - float(reference)
        color = "inverse" if row.get("sense") == "lower" else "normal"
        reference = side_text(row, "target" if has_target else "result", lang, texts)
        return format_delta(diff, unit, lang), color, "auto", reference
    sides = [side for side in ("latest", "target", "result") if side != role]
    others = [side_text(row, side, lang, texts) for side in sides]
    text = t("pair_joiner", lang).join(o for o in others if o)
    return (text or None), "off", "off", None


GrowthIndex = dict[tuple[str, int, str], list[dict]]


def growth_index(facts: pd.DataFrame) -> GrowthIndex:
    """(doc_id, quote_start, metric) → the growth rates stated in that sentence for that
    metric (``<metric>增速``, not themselves headline figures), as plain records."""
    index: GrowthIndex = {}
    growth = facts[facts["metric"].str.endswith("增速") & ~facts["headline"].astype(bool)]
    for record in growth.to_dict("records"):
        key = (record["doc_id"], int(record["quote_start"]), record["metric"][: -len("增速")])
        index.setdefault(key, []).append(record)
    return index


def companions(fact: Mapping[str, Any], index: GrowthIndex) -> list[dict]:
    """The growth rate stated right after a figure in its sentence (175亿元，同比增长7.5%)."""
    return index.get((fact["doc_id"], int(fact["quote_start"]), fact["metric"]), [])


def sentence_extras(
    fact: Mapping[str, Any], index: GrowthIndex, ranks: dict[str, list[dict]], lang: str
) -> tuple[str, tuple[str, ...]]:
    """What else a figure's sentence says of it: the growth rate stated right after it
    (同比增长7.5%) and the ranks of either (全市第二); ``index`` from :func:`growth_index`,
    ``ranks`` from ``queries.attach_ranks``."""
    growth = companions(fact, index)
    extra = " · ".join(t("growth_is", lang, value=fact_value(g, lang)) for g in growth)
    badges = tuple(
        rank_badge(r["rank_scope"], r["value"], lang)
        for fact_id in (fact["fact_id"], *(g["fact_id"] for g in growth))
        for r in ranks.get(fact_id, [])
    )
    return extra, badges


def tile_facts(facts: pd.DataFrame, documents: pd.DataFrame, every: bool = False) -> pd.DataFrame:
    """The facts that get a tile: headline figures that are not ranks (with ``every``, all
    figures that are not ranks: a sector's overview shows each of its figures), per
    document in the catalogue's order of headline measures (GDP first), then reading order."""
    chosen = facts["headline"] | every
    headline = queries.in_order(facts[chosen & ~facts["is_rank"]], documents)
    order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    keys = headline.assign(_doc=headline["doc_id"].map(order))
    return keys.sort_values(["_doc", "headline_rank"], kind="stable").drop(columns="_doc")


def build_tiles(
    facts: pd.DataFrame,
    comparisons: pd.DataFrame,
    documents: pd.DataFrame,
    lang: str,
    every: bool = False,
) -> list[Tile]:
    """One tile per headline fact (``every``: per fact) that is not itself a rank, in
    headline order."""
    ranks = queries.attach_ranks(facts, queries.texts(documents))
    headline = tile_facts(facts, documents, every)
    roles = queries.comparison_roles(comparisons)
    index = growth_index(facts)
    texts = fact_texts(facts, lang)
    tiles = []
    for _, fact in headline.iterrows():
        delta, color, arrow, description = _delta(fact, roles, lang, texts)
        extra, badges = sentence_extras(fact, index, ranks, lang)
        tiles.append(
            Tile(
                fact_id=fact["fact_id"],
                doc_id=fact["doc_id"],
                label=metric_name(fact, lang),
                value=fact_value(fact, lang),
                period=fact_period(fact, lang),
                kind=kind_name(fact["kind"], lang),
                is_estimate=fact["kind"] == "estimate",
                is_target=fact["kind"] in ("target", "plan"),
                delta=delta,
                delta_color=color,
                delta_arrow=arrow,
                delta_description=description,
                badges=badges,
                extra=extra,
                fact_kind=str(fact["kind"]),
            )
        )
    return tiles


LEAD_ORDER = {"actual": 0, "estimate": 0, "target": 1, "plan": 2}  # results, aims, plans
RESULT_KINDS = ("actual", "estimate")


def lead_tiles(
    every: list[Tile], headline: set[str], documents: list[str], least: int = 4
) -> list[Tile]:
    """A sector's lead tiles from ``every`` tile of its figures: its ``headline`` ones,
    filled up to ``least`` with its results, the newest of ``documents`` (catalogue order)
    first; then results before targets and targets before plans, so a sector whose headline
    figures are 2035 plans still leads with what has been done."""
    chosen = [tile for tile in every if tile.fact_id in headline]
    newest = {doc_id: -i for i, doc_id in enumerate(documents)}
    others = sorted(
        (t for t in every if t.fact_id not in headline and t.fact_kind in RESULT_KINDS),
        key=lambda t: newest.get(t.doc_id, 0),
    )
    chosen += others[: max(0, least - len(chosen))]
    return sorted(chosen, key=lambda t: LEAD_ORDER.get(t.fact_kind, 0))


def main_period(tiles: list[Tile]) -> str:
    """The period most of these tiles report (for a group heading), or ""."""
    periods = [tile.period for tile in tiles]
    return max(periods, key=periods.count) if periods else ""
