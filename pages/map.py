"""地图 Map: the district boundary, sites by sector, towns and routes; click a site for its facts.

No tile request by default (``map_provider=None``): the boundary, towns and Chinese labels
carry the map, so it works offline. The basemap switch loads Carto tiles; without a
``CARTO_API_KEY`` Carto now shows a watermark on them.
"""

import streamlit as st

from pgdash.ui import components, decks, maps, tables
from pgdash.ui.context import page_context
from pgdash.ui.i18n import t

MAP_HEIGHT, MAP_WIDTH = 700, 1000  # pixels the view is fitted to

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data

# 2/ HEADER AND SWITCHES
components.page_header(t("map_title", lang), t("map_sub", lang), ctx.sector, lang)
with st.container(horizontal=True, gap="medium", vertical_alignment="center"):
    layers = maps.Layers(
        sites=st.toggle(t("layer_sites", lang), value=True, key="layer-sites"),
        towns=st.toggle(t("layer_towns", lang), value=True, key="layer-towns"),
        boundary=st.toggle(t("layer_boundary", lang), value=True, key="layer-boundary"),
        routes=st.toggle(t("layer_routes", lang), value=True, key="layer-routes"),
        labels=st.toggle(t("layer_labels", lang), value=True, key="layer-labels"),
    )
    basemap = st.toggle(
        t("basemap", lang), value=False, key="basemap", help=t("basemap_help", lang)
    )
deck = decks.district_deck(
    data, ctx.sector, lang, layers, basemap=basemap, height=MAP_HEIGHT, width=MAP_WIDTH
)

# 3/ MAP AND THE SELECTED SITE
if deck is None:
    st.info(t("no_map", lang), icon=":material/info:")
    st.stop()
left, right = st.columns([3, 1.25], gap="medium")
with left:
    event = st.pydeck_chart(
        deck,
        height=MAP_HEIGHT,
        on_select="rerun",
        selection_mode="single-object",
        key="district-map",
        alt=t("map_title", lang),
    )
    components.legend(maps.legend_items(data.sites, lang), t("legend", lang))
with right:
    components.site_panel(maps.selected_site_id(event), data, lang)

# 4/ LIST OF SITES
sites_table = tables.sites_view(data.sites, lang)
if not sites_table.empty:
    st.subheader(t("sites_list", lang), anchor=False)
    tables.show(sites_table, key="sites-table")
