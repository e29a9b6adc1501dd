"""任务 The 2023 work plan: eleven sections, sub-headings, task sentences; targets highlighted."""

from dataclasses import replace

import streamlit as st

from pgdash.app import components
from pgdash.app.context import page_context
from pgdash.display import queries
from pgdash.display.i18n import t
from pgdash.tables import ALL

SEARCHED = ["sentence", "subheading", "section_title", "subheading_en", "section_title_en"]

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data
tasks = data.tasks.assign(  # English headings are searched too
    subheading_en=data.tasks["subheading"].map(data.english).fillna(""),
    section_title_en=data.tasks["section_title"].map(data.english).fillna(""),
)

# 2/ HEADER AND CONTROLS
components.page_header(t("tasks_title", lang, **ctx.years), t("tasks_sub", lang), ctx.sector, lang)
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    query = st.text_input(
        t("search", lang),
        key="task-search",
        placeholder=t("search_placeholder", lang),
        icon=":material/search:",
        width=420,
    )
    only_quantified = st.toggle(t("only_quantified", lang), key="task-quantified")
shown = queries.search(tasks, query, SEARCHED)
if only_quantified:
    shown = shown[queries.quantified(shown, data.facts)]
st.caption(t("n_of_m_tasks", lang, n=len(shown), m=len(tasks)))

# 3/ SECTIONS
if shown.empty:
    st.info(t("no_tasks", lang) if len(tasks) else t("no_data", lang), icon=":material/info:")
else:
    narrowed = bool(query) or only_quantified or ctx.sector != ALL
    shown_data = replace(data, tasks=shown)
    components.task_sections(shown_data, lang, expanded=narrowed, chips=ctx.sector == ALL)
