"""目标对比 Results against targets: the ledger of the report in view, each measure by year."""

import streamlit as st

from pgdash.app import components, views
from pgdash.app.context import page_context
from pgdash.app.pages import targets as page
from pgdash.display import fragments
from pgdash.display.i18n import t

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data
n_other, other_html = views.targets_without_baseline(data, lang)

# 2/ HEADER
components.page_header(
    t("targets_title", lang, **ctx.years), t("targets_sub", lang, **ctx.years), ctx.sector, lang
)

# 3/ SCORECARD: one row per measure, its three values on a bullet-style track
# 4/ EACH MEASURE'S TARGETS AND RESULTS OVER THE YEARS
# 5/ TARGETS WITHOUT A BASELINE
# One element for the three (every element is a message of every run).
if data.comparisons.empty:
    st.info(t("no_comparisons", lang), icon=":material/info:")
charts = page.series_block(
    (data.stamp, ctx.sector, "all"), lang, lambda: ctx.ledger, lambda: ctx.everything.facts
)
components.html(
    components.joined(
        "" if data.comparisons.empty else page.scorecard_html(data, lang),
        charts,
        fragments.heading_html(t("targets_without_baseline", lang, **ctx.years)) if n_other else "",
        other_html,
    )
)
