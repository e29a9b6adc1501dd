"""总览 Overview: headline figures, the targets of 2023, the latest figures, ranks, honours."""

from pathlib import Path

import streamlit as st

from pgdash.app import components, ledger_view, views
from pgdash.app.context import page_context
from pgdash.app.pages import overview
from pgdash.app.pages import targets as targets_page
from pgdash.display.i18n import t
from pgdash.tables import ALL

# Absolute, so the link works whichever script Streamlit was started with.
SECTORS_PAGE = str(Path(__file__).resolve().parent / "sectors.py")

# 1/ DATA (made once per build, year, sector and language, shared by every session)
ctx = page_context()
lang, data = ctx.lang, ctx.data
view = overview.view(data, lang, tuple(ctx.years.items()))

# 2/ HEADER
title = t("overview_title", lang, district=views.district(ctx.everything, lang)[0])
components.page_header(title, t("overview_sub", lang, **ctx.years), ctx.sector, lang)
if view.empty:
    components.empty_note(ctx.sector, lang)
ledger_view.strip(ctx.everything, ctx.sector, lang)  # 督办 lights; left out without a ledger

# 3/ PER DOCUMENT: the work report's results, then its targets; the article's latest figures
# 4/ HEADLINE MEASURES OVER THE YEARS (two or more reports)
# 5/ LEADING RANKS AND THE YEAR'S HONOURS
# One element where nothing stands between them: every element is a message of every run.
key = (data.stamp, ctx.sector, "headline", view.headline_ids)
charts = targets_page.series_block(
    key,
    lang,
    lambda: ctx.ledger[ctx.ledger["measure_id"].isin(view.headline_ids)],
    lambda: ctx.everything.facts,
)
if ctx.sector != ALL and len(data.facts):
    components.html(view.body_html)
    st.page_link(
        SECTORS_PAGE,
        label=t("all_sector_figures", lang, n=len(data.facts)),
        icon=":material/arrow_forward:",
    )
    components.html(components.joined(charts, view.tail_html))
else:
    components.html(components.joined(view.body_html, charts, view.tail_html))
