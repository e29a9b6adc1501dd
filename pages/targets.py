"""目标对比 Results against targets: 2022 result, 2023 target and the latest figure per measure."""

import streamlit as st

from pgdash.ui import charts, components, tables
from pgdash.ui.context import page_context
from pgdash.ui.i18n import t


@st.cache_data(show_spinner=False, max_entries=64)
def comparison_charts(comparisons, lang: str) -> list:
    """The charts, built once per data, sector and language (Altair needs ~0.1 s a chart)."""
    return charts.comparison_charts(comparisons, lang)


# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data
unit_charts = comparison_charts(data.comparisons, lang)
comparison_rows = tables.comparisons_view(data.comparisons, lang)
other_targets = tables.targets_view(data.facts, data.comparisons, lang)

# 2/ HEADER
components.page_header(t("targets_title", lang), t("targets_sub", lang), ctx.sector, lang)

# 3/ CHARTS: growth rates on one axis, full width; every other measure on its own axis
if not unit_charts:
    st.info(t("no_comparisons", lang), icon=":material/info:")
first = 1 if unit_charts and unit_charts[0][0] == "rates" else 0
for i, row in enumerate(components.chunks(unit_charts, first=first, size=3)):
    columns = st.columns(1 if i == 0 and first else 3)
    for col, (name, chart) in zip(columns, row, strict=False):
        with col, st.container(border=True):
            st.altair_chart(chart, key=f"chart-{name}", height=charts.height_of(chart))

# 4/ TABLE
if not comparison_rows.empty:
    st.subheader(t("targets_table", lang), anchor=False)
    tables.show(comparison_rows, key="comparisons")

# 5/ TARGETS WITHOUT A 2022 BASELINE
if not other_targets.empty:
    st.subheader(t("targets_without_baseline", lang), anchor=False)
    tables.show(other_targets, key="other-targets")
