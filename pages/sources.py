"""来源 Data & sources: every fact, searchable and sortable; its passage; data_files."""

import streamlit as st

from pgdash.app import components, views
from pgdash.app.context import page_context
from pgdash.display.i18n import KIND_ICONS, kind_name, t
from pgdash.export import data_files
from pgdash.paths import data_dir

KINDS = ("actual", "estimate", "target", "plan")


# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data

# 2/ HEADER AND THE DOCUMENTS
phone = components.on_phone()  # a phone gets the figures as a list, a desk a table
subtitle = t("sources_sub_phone" if phone else "sources_sub", lang, n=len(data.documents))
components.page_header(t("sources_title", lang), subtitle, ctx.sector, lang)
components.html(views.documents_section(data, lang))  # with the checksums folded

# 3/ FACTS: search, kind filter; on a desk a table with one selectable row and its passage,
# on a phone (by its browser) a list
st.subheader(t("facts_table", lang), anchor=False)
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    query = st.text_input(
        t("search", lang), key="fact-search", icon=":material/search:", width=420,
        placeholder=t("search_placeholder", lang),
    )  # fmt: skip
    kinds = st.pills(
        t("kind", lang), KINDS, selection_mode="multi", default=list(KINDS),
        format_func=lambda k: f"{KIND_ICONS[k]} {kind_name(k, lang)}", key="fact-kinds",
    )  # fmt: skip
chosen = (query or "", tuple(kinds or ()))
facts = views.found_facts(data, lang, *chosen)
st.caption(t("n_of_m_facts", lang, n=len(facts), m=len(data.facts)))
if phone:  # the figures as a list, each quote folded under its figure
    components.html(views.facts_list(data, lang, *chosen))
else:  # a desk's table with one selectable row, and that fact in its passage
    widths = views.facts_widths(data, lang, *chosen)
    event = components.dataframe(
        views.facts_arrow(data, lang, *chosen),
        key=f"facts-{abs(hash((query, tuple(kinds or []), ctx.sector, lang)))}",
        on_select="rerun",
        selection_mode="single-row",
        selection_default={"selection": {"rows": [0]}} if len(facts) else None,
        column_config={  # measure and value first and whole
            t("measure", lang): st.column_config.TextColumn(width=widths[0]),
            t("value", lang): st.column_config.TextColumn(width=widths[1]),
        },
    )
    rows = event.selection.rows if event is not None else []
    if rows and rows[0] < len(facts):  # under its heading
        components.html(views.passage(data, lang, *chosen, rows[0]))
    elif len(facts):
        st.caption(t("select_row", lang))


# 5/ DOWNLOADS (made when clicked)
def export():
    """The facts shown, as the CSV and Excel files hold them."""
    return data_files.facts_for_export(facts, data.documents)


with st.container(horizontal=True, gap="small"):
    st.download_button(
        t("download_csv", lang), lambda: data_files.to_csv(export()), file_name="pgdash-facts.csv",
        mime="text/csv", icon=":material/download:", on_click="ignore", key="dl-csv",
    )  # fmt: skip
    st.download_button(
        t("download_xlsx", lang), lambda: data_files.to_xlsx(export()),
        file_name="pgdash-facts.xlsx",
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
    components.html(views.sector_counts(data, lang))  # in a bordered box
