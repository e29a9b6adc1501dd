"""板块 Sectors: the 高大尚 pillars (Pinggu's alone), then one sector at a time: figures,
the year's tasks, sites."""

from pathlib import Path

import streamlit as st

from pgdash.app import components, views
from pgdash.app.context import page_context, sector_data
from pgdash.app.pages import sectors as page
from pgdash.display.i18n import t
from pgdash.tables import ALL

MAP_PAGE = str(Path(__file__).resolve().parent / "map.py")

# 1/ DATA
ctx = page_context()
lang, everything = ctx.lang, ctx.everything
summary = views.sector_summary(everything)
home = views.is_home(everything)  # the 高大尚 pillars are the home district's

# 2/ HEADER AND THE 高大尚 PILLARS
subtitle = t("sectors_sub" if home else "sectors_sub_plain", lang)
components.page_header(t("sectors_title", lang), subtitle, ctx.sector, lang)
if home:
    page.pillar_cards(everything, lang)

# 3/ WHICH SECTOR: the sidebar filter decides; without one, the reader picks here
chosen = page.sector_picker(ctx.sector, lang, page.first_sector(summary, home))
data = sector_data(everything, chosen)
# the sidebar's filter closes the minimap in on the sector; the page's own pick shows it all
map_slide, map_svg = views.sector_map(everything, chosen, lang, ctx.sector != ALL)

# 4/ THE SECTOR: figures beside its sites, then its tasks (each under its heading, in one
# element where it can be: every element is a message of every run)
page.sector_banner(everything, chosen, lang)
left, right = st.columns([3, 2], gap="medium")
with left:
    if data.facts.empty:
        st.subheader(t("sector_figures", lang), anchor=False)
        components.empty_note(chosen, lang)
    else:
        components.html(page.figures_html(data, lang))
with right:
    page.sector_sites(map_slide, map_svg, lang)
    st.page_link(MAP_PAGE, label=t("open_map", lang), icon=":material/map:")

if data.tasks.empty:
    st.subheader(t("sector_tasks", lang, **ctx.years), anchor=False)
    components.empty_note(chosen, lang)
else:
    components.html(page.tasks_html(data, lang, tuple(ctx.years.items())))
