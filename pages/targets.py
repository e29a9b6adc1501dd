"""目标对比 Results against targets: the ledger of the report in view, each measure by year."""

import streamlit as st

from pgdash.app import components, views
from pgdash.app.context import page_context
from pgdash.app.pages import targets as page
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
if data.comparisons.empty:
    st.info(t("no_comparisons", lang), icon=":material/info:")
else:
    page.score_table(data, lang)

# 4/ EACH MEASURE'S TARGETS AND RESULTS OVER THE YEARS
page.series_charts(
    (data.stamp, ctx.sector, "all"), lang, lambda: ctx.ledger, lambda: ctx.everything.facts
)

# 5/ TARGETS WITHOUT A BASELINE
if n_other:
    st.subheader(t("targets_without_baseline", lang, **ctx.years), anchor=False)
    components.html(other_html)
