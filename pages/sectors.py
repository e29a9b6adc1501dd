"""板块 Sectors: the 高大尚 pillars, then one sector at a time: figures, 2023 tasks, sites."""

import streamlit as st

from pgdash.sectors import PILLARS
from pgdash.ui import components, decks, maps, queries, tables, views
from pgdash.ui.context import page_context
from pgdash.ui.i18n import t

# 1/ DATA
ctx = page_context()
lang, everything = ctx.lang, ctx.everything
summary = queries.sector_overview(everything.facts, everything.tasks, everything.sites)

# 2/ HEADER AND THE 高大尚 PILLARS
components.page_header(t("sectors_title", lang), t("sectors_sub", lang), ctx.sector, lang)
components.pillar_cards(PILLARS, summary, lang)

# 3/ WHICH SECTOR: the sidebar filter decides; without one, the reader picks here
chosen = components.sector_picker(ctx.sector, lang)
data = everything.for_sector(chosen)
tiles = views.tiles(data, lang)
deck = decks.district_deck(data, chosen, lang, height=380, width=560)

# 4/ THE SECTOR: figures beside its sites, then its tasks
components.sector_banner(chosen, summary, lang)
left, right = st.columns([3, 2], gap="medium")
with left:
    st.subheader(t("sector_figures", lang), anchor=False)
    if tiles:
        components.kpi_grid(tiles, data, lang, columns=2)
    if data.facts.empty:
        components.empty_note(chosen, lang)
    else:
        with st.expander(f"{t('facts_table', lang)}　·　{len(data.facts)}"):
            tables.show(tables.facts_view(data.facts, data.documents, lang), key="sector-facts")
with right:
    st.subheader(t("sector_sites", lang), anchor=False)
    if deck is not None and not data.sites.empty:
        st.pydeck_chart(deck, height=380, key="sector-map", alt=t("sector_sites", lang))
        components.legend(maps.legend_items(data.sites, lang), t("legend", lang))
    else:
        components.empty_note(chosen, lang)

st.subheader(t("sector_tasks", lang), anchor=False)
if data.tasks.empty:
    components.empty_note(chosen, lang)
else:
    components.task_sections(data.tasks, data.facts, lang, expanded=True, chips=False)
