"""目标对比 Results against targets: 2022 result, 2023 target and the latest figure per measure."""

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
components.page_header(t("targets_title", lang), t("targets_sub", lang), ctx.sector, lang)

# 3/ SCORECARD: one row per measure, its three values on a bullet-style track
if data.comparisons.empty:
    st.info(t("no_comparisons", lang), icon=":material/info:")
else:
    page.score_table(data.comparisons, data, lang)

# 4/ TARGETS WITHOUT A 2022 BASELINE
if n_other:
    st.subheader(t("targets_without_baseline", lang), anchor=False)
    st.html(other_html)
