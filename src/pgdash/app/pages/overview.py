"""The overview in view, made once per build, year, sector and language (:func:`view`)
and shared by every session: a few long HTML bodies instead of dozens of elements."""

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pgdash.app import views
from pgdash.app.data import per_build
from pgdash.display import cards, fragments, kpi, queries
from pgdash.display.formatting import fact_value
from pgdash.display.i18n import metric_name, sector_name, t, translated
from pgdash.tables import ALL, Dataset

HONOURS_SHOWN = 9  # honours in the grid; the rest are folded under "more"


@dataclass(frozen=True)
class OverviewView:
    """Everything the overview draws from the tables."""

    empty: bool  # neither tiles nor main targets: the page says so
    body_html: str  # per document: headed groups of cards
    headline_ids: tuple[str, ...]  # the measures the series charts follow, sorted
    tail_html: str  # leading ranks and the year's honours ("" for neither)


@per_build
def view(data: Dataset, lang: str, years: tuple[tuple[str, int], ...]) -> OverviewView:
    """The overview of ``data`` (cut to the year and sector in view) in ``lang``;
    ``years`` fill the labels that name the report's year and the year it reviews."""
    all_targets = views.main_targets(data)
    main_ids = queries.clause_fact_ids(all_targets)
    tiles = views.tiles(data, lang, data.sector != ALL)  # a sector: all its figures
    tiles = [tile for tile in tiles if tile.fact_id not in main_ids]  # those are target cards
    targets = [c for c in all_targets if data.sector == ALL or len(c.facts)]
    headline = data.facts[data.facts["headline"] | data.facts["fact_id"].isin(main_ids)]
    return OverviewView(
        empty=not tiles and not targets,
        body_html="".join(_groups(data, tiles, targets, lang, dict(years))),
        headline_ids=tuple(sorted((set(headline["measure_id"]) | set(headline["metric"])) - {""})),
        tail_html=_ranks(data, lang) + _honours(data, lang, dict(years)),
    )


def _groups(
    data: Dataset,
    tiles: list[kpi.Tile],
    targets: list[queries.TargetClause],
    lang: str,
    years: dict[str, int],
) -> list[str]:
    """Per document: the work report's results, then its targets; the article's latest
    figures, and its plans (规划至2035年) in a group of their own, never as progress."""
    groups = []

    def group(title: str, doc: object, *parts: str) -> None:
        source = fragments.document_line(doc, lang)
        groups.append(fragments.heading_html(title) + source + "".join(parts))

    def grid(shown: list[kpi.Tile]) -> str:
        return fragments.kpi_grid_html(shown, data, lang)

    for doc in data.documents.itertuples():
        mine = [tile for tile in tiles if tile.doc_id == doc.doc_id]
        results = [tile for tile in mine if not tile.is_target]
        planned = [tile for tile in mine if tile.is_target]
        if doc.kind == "work_report":
            if results:
                group(t("group_results", lang, period=kpi.main_period(results)), doc, grid(results))
            parts = []
            if targets:
                parts.append(fragments.caption_html(t("main_targets", lang, **years)))
                parts.append(target_cards(targets, data, lang))
            if planned:
                parts += [fragments.caption_html(t("other_targets", lang)), grid(planned)]
            if parts:
                period = kpi.main_period(planned) or queries.targets_period(targets, lang)
                group(t("group_targets", lang, period=period), doc, *parts)
        else:
            progress = [tile for tile in mine if tile.fact_kind != "plan"]
            plans = [tile for tile in mine if tile.fact_kind == "plan"]
            if progress:
                group(t("group_latest", lang), doc, grid(progress))
            if plans:
                group(t("group_plans", lang), doc, grid(plans))
    return groups


def target_cards(targets: list[queries.TargetClause], data: Dataset, lang: str) -> str:
    """The main expected targets: the figure when the clause has one, else its words."""
    html = []
    for clause in targets:
        if clause.facts.empty:
            title = translated(clause.text, lang, data.english)
            html.append(cards.text_card(title, "", note=t("no_number", lang)))
        for _, fact in clause.facts.iterrows():
            source = fragments.fact_source(fact, data, lang)
            value = fact_value(fact, lang)
            html.append(
                cards.figure_card(
                    fact["fact_id"], value, metric_name(fact, lang), [], source, big="target"
                )
            )
    return cards.grid(html, len(html))


def _ranks(data: Dataset, lang: str) -> str:
    """Every rank fact as a small card, under its heading; "" without ranks."""
    ranks = queries.in_order(data.facts[data.facts["is_rank"]], data.documents)
    if ranks.empty:
        return ""
    return fragments.heading_html(t("ranks", lang)) + fragments.rank_strip_html(ranks, data, lang)


def _honours(data: Dataset, lang: str, years: dict[str, int]) -> str:
    """The year's honours, national ones first; beyond the first few, folded."""
    if data.honours.empty:
        return ""
    honours = data.honours.sort_values("is_national", ascending=False, kind="stable")
    rest = honours.iloc[HONOURS_SHOWN:]
    html = (
        fragments.heading_html(t("honours", lang))
        + fragments.caption_html(t("honours_note", lang, **years))
        + honour_grid(honours.head(HONOURS_SHOWN), lang, data.english)
    )
    if not rest.empty:
        more = honour_grid(rest, lang, data.english)
        html += fragments.section_html(t("more_honours", lang, n=len(rest)), "", more)
    return html


def _honour_text(h: pd.Series, lang: str, glossary: Mapping[str, str]) -> tuple[str, str]:
    """An honour's title and line: in English the curated title and who received it."""
    if lang != "en":
        return h["title"], h["clause"]
    holder = h["holder"] or t("district_itself", lang)
    return translated(h["title"], lang, glossary), translated(holder, lang, glossary)


def honour_grid(
    honours: pd.DataFrame, lang: str, glossary: Mapping[str, str], columns: int = 3
) -> str:
    """Honours as text cards, national ones tagged."""
    national = cards.tag("★ " + t("national", lang), "rank")
    return cards.grid(
        (
            cards.text_card(
                *_honour_text(h, lang, glossary),
                [national] * bool(h["is_national"]) + [cards.tag(sector_name(h["sector"], lang))],
            )
            for _, h in honours.iterrows()
        ),
        columns,
    )
