"""任务 The year's work plan: its sections, sub-headings, task sentences; targets highlighted."""

import streamlit as st

from pgdash.app import components, views
from pgdash.app.context import page_context
from pgdash.display.formatting import chinese_ordinal
from pgdash.display.i18n import t
from pgdash.tables import ALL

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data

# 2/ HEADER AND CONTROLS
sections = views.section_count(ctx.everything)
count = chinese_ordinal(sections) if lang == "zh" else str(sections)
title = t("tasks_title", lang, **ctx.years)
components.page_header(title, t("tasks_sub", lang, n=count), ctx.sector, lang)
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    query = st.text_input(
        t("search", lang),
        key="task-search",
        placeholder=t("search_placeholder", lang),
        icon=":material/search:",
        width=420,
    )
    only_quantified = st.toggle(t("only_quantified", lang), key="task-quantified")
narrowed = bool(query) or only_quantified or ctx.sector != ALL
n_shown, plan_html = views.work_plan(
    data, lang, query or "", only_quantified, narrowed, ctx.sector == ALL
)
st.caption(t("n_of_m_tasks", lang, n=n_shown, m=len(data.tasks)))

# 3/ SECTIONS
if not n_shown:
    st.info(t("no_tasks", lang) if len(data.tasks) else t("no_data", lang), icon=":material/info:")
else:
    components.html(plan_html)
