"""来源 Data & sources: every fact, searchable and sortable; its passage; data_files."""

import streamlit as st

from pgdash.app import components, views
from pgdash.app.context import page_context
from pgdash.display import cards, fragments, frames
from pgdash.display.formatting import fact_value, format_period
from pgdash.display.i18n import kind_name, metric_name, t
from pgdash.display.safe import escape_text
from pgdash.export import data_files
from pgdash.paths import data_dir

KINDS = ("actual", "estimate", "target", "plan")


def compact_list(facts, lang: str) -> str:
    """The figures as a phone shows them: measure and value first, the quote folded."""
    items = "".join(
        f'<details class="pg-fact-item"><summary><span class="m">'
        f"{escape_text(metric_name(f, lang))}</span> <b>{escape_text(fact_value(f, lang))}</b>"
        f' <span class="w">{escape_text(format_period(f["period"], lang))} · '
        f"{escape_text(kind_name(f['kind'], lang))}</span></summary>"
        f"{fragments.quote_html(str(f['quote']), lang=lang)}</details>"
        for _, f in facts.iterrows()
    )
    return f'<div class="pg-fact-list">{items}</div>'


# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data

# 2/ HEADER AND THE DOCUMENTS
components.page_header(t("sources_title", lang), t("sources_sub", lang), ctx.sector, lang)
st.subheader(t("documents", lang), anchor=False)
st.html(cards.table_html(frames.documents_view(data.documents, lang, data.english)))
with st.expander(t("technical", lang), icon=":material/fingerprint:"):
    st.html(cards.table_html(frames.checksums_view(data.documents, lang)))

# 3/ FACTS: search, kind filter, table with one selectable row
st.subheader(t("facts_table", lang), anchor=False)
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    query = st.text_input(
        t("search", lang), key="fact-search", icon=":material/search:", width=420,
        placeholder=t("search_placeholder", lang),
    )  # fmt: skip
    kinds = st.pills(
        t("kind", lang), KINDS, selection_mode="multi", default=list(KINDS),
        format_func=lambda k: kind_name(k, lang), key="fact-kinds",
    )  # fmt: skip
chosen = (query or "", tuple(kinds or ()))
facts = views.found_facts(data, lang, *chosen)
st.caption(t("n_of_m_facts", lang, n=len(facts), m=len(data.facts)))
table = views.facts_frame(data, lang, *chosen)
with st.container(key="facts-table"):  # a desk's table; a phone shows the list below instead
    event = components.dataframe(
        table,
        key=f"facts-{abs(hash((query, tuple(kinds or []), ctx.sector, lang)))}",
        on_select="rerun",
        selection_mode="single-row",
        selection_default={"selection": {"rows": [0]}} if len(facts) else None,
        column_config={  # measure and value first and whole
            "fact_id": None,
            t("measure", lang): st.column_config.TextColumn(
                width=frames.column_px(table[t("measure", lang)].tolist(), cap=340)
            ),
            t("value", lang): st.column_config.TextColumn(
                width=frames.column_px(table[t("value", lang)].tolist())
            ),
        },
    )

# 4/ THE SELECTED FACT IN ITS PASSAGE (a phone: the compact list, each quote folded)
rows = event.selection.rows if event is not None else []
with st.container(key="facts-passage"):
    if rows and rows[0] < len(facts):
        fact = facts.iloc[rows[0]]
        st.subheader(t("passage", lang), anchor=False)
        st.html(fragments.meta_html(fragments.fact_line(fact, lang), lang=lang))
        st.html(fragments.source_html(fact, data, lang))
    elif len(facts):
        st.caption(t("select_row", lang))
with st.container(key="facts-list"):
    st.html(compact_list(facts, lang))

# 5/ DOWNLOADS
export = data_files.facts_for_export(facts, data.documents)
with st.container(horizontal=True, gap="small"):
    st.download_button(
        t("download_csv", lang), lambda: data_files.to_csv(export), file_name="pgdash-facts.csv",
        mime="text/csv", icon=":material/download:", on_click="ignore", key="dl-csv",
    )  # fmt: skip
    st.download_button(
        t("download_xlsx", lang), lambda: data_files.to_xlsx(export), file_name="pgdash-facts.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:", on_click="ignore", key="dl-xlsx",
    )  # fmt: skip
    st.download_button(
        t("download_parquet", lang), lambda: data_files.dataset_zip(data_dir()),
        file_name="pgdash-data.zip", mime="application/zip", icon=":material/folder_zip:",
        on_click="ignore", key="dl-zip",
    )  # fmt: skip

# 6/ COVERAGE
if not data.facts.empty:
    with st.container(border=True):
        st.html(fragments.sector_counts_html(data.facts, lang))
