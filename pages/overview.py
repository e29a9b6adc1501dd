"""总览 Overview: headline figures, the targets of 2023, the latest figures, ranks, honours."""

from pathlib import Path

import streamlit as st

from pgdash.app import components, ledger_view, views
from pgdash.app.context import page_context
from pgdash.app.pages import overview
from pgdash.app.pages import targets as targets_page
from pgdash.display import kpi, queries
from pgdash.display.i18n import t
from pgdash.tables import ALL

# Absolute, so the link works whichever script Streamlit was started with.
SECTORS_PAGE = str(Path(__file__).resolve().parent / "sectors.py")

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data
all_targets = views.main_targets(data)
main_ids = queries.clause_fact_ids(all_targets)
tiles = [
    tile
    for tile in views.tiles(data, lang)
    if tile.fact_id not in main_ids  # those are shown as the main-target cards
]
targets = [c for c in all_targets if ctx.sector == ALL or len(c.facts)]
ranks = queries.in_order(data.facts[data.facts["is_rank"]], data.documents)
year_honours = data.honours
# headline measures: the catalogue's headline figures and the main targets' measures
headline = data.facts[data.facts["headline"] | data.facts["fact_id"].isin(main_ids)]
headline_ids = (set(headline["measure_id"]) | set(headline["metric"])) - {""}

# 2/ HEADER
title = t("overview_title", lang, district=queries.district_name(ctx.everything, lang))
components.page_header(title, t("overview_sub", lang, **ctx.years), ctx.sector, lang)
if not tiles and not targets:
    components.empty_note(ctx.sector, lang)
ledger_view.strip(ctx.everything, ctx.sector, lang)  # 督办 lights; left out without a ledger

# 3/ PER DOCUMENT: the work report's results, then its targets; the article's latest figures
for doc in data.documents.itertuples():
    mine = [tile for tile in tiles if tile.doc_id == doc.doc_id]
    results = [tile for tile in mine if not tile.is_target]
    planned = [tile for tile in mine if tile.is_target]
    if doc.kind == "work_report":
        if results:
            period = kpi.main_period(results)
            components.group_header(t("group_results", lang, period=period), doc, lang)
            components.kpi_grid(results, data, lang)
        if targets or planned:
            period = kpi.main_period(planned) or queries.targets_period(targets, lang)
            components.group_header(t("group_targets", lang, period=period), doc, lang)
            if targets:
                st.caption(t("main_targets", lang, **ctx.years))
                overview.target_cards(targets, data, lang)
            if planned:
                st.caption(t("other_targets", lang))
                components.kpi_grid(planned, data, lang)
    else:  # a plan (规划至2035年) is never latest progress: it gets its own group
        progress = [tile for tile in mine if tile.fact_kind != "plan"]
        plans = [tile for tile in mine if tile.fact_kind == "plan"]
        if progress:
            components.group_header(t("group_latest", lang), doc, lang)
            components.kpi_grid(progress, data, lang)
        if plans:
            components.group_header(t("group_plans", lang), doc, lang)
            components.kpi_grid(plans, data, lang)

if ctx.sector != ALL and len(data.facts):
    st.page_link(
        SECTORS_PAGE,
        label=t("all_sector_figures", lang, n=len(data.facts)),
        icon=":material/arrow_forward:",
    )

# 4/ HEADLINE MEASURES OVER THE YEARS (two or more reports)
headline_ledger = ctx.ledger[ctx.ledger["measure_id"].isin(headline_ids)]
view = (data.stamp, ctx.sector, "headline", tuple(sorted(headline_ids)))
targets_page.series_charts(headline_ledger, view, lang)

# 5/ LEADING RANKS
if not ranks.empty:
    components.group_header(t("ranks", lang))
    overview.rank_strip(ranks, data, lang)

# 6/ HONOURS OF THE YEAR
if not year_honours.empty:
    components.group_header(t("honours", lang))
    st.caption(t("honours_note", lang, **ctx.years))
    overview.honour_cards(year_honours, lang, data.english)
