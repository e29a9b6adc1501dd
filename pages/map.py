"""地图 Map: the district boundary, sites by sector, towns and routes; click a site for its facts.

No tile request by default (``map_provider=None``): the boundary, towns and Chinese labels
carry the map, so it works offline. The basemap switch loads Carto tiles; without a
``CARTO_API_KEY`` Carto now shows a watermark on them.
"""

import streamlit as st

from pgdash.app import components, decks
from pgdash.app.context import page_context
from pgdash.app.pages import map as page
from pgdash.display import cards, frames, maps
from pgdash.display.i18n import t

MAP_HEIGHT, MAP_WIDTH = 700, 1000  # pixels the view is fitted to

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data

# 2/ HEADER AND SWITCHES
components.page_header(t("map_title", lang), t("map_sub", lang), ctx.sector, lang)
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    shown = st.pills(
        t("layers", lang),
        maps.LAYER_NAMES,
        selection_mode="multi",
        default=list(maps.LAYER_NAMES),
        format_func=lambda name: t(f"layer_{name}", lang),
        key="layers",
    )
    layers = maps.Layers(**{name: name in (shown or []) for name in maps.LAYER_NAMES})
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
    page.legend(maps.legend_items(data.sites, lang), t("legend", lang))
with right:
    page.site_panel(maps.selected_site_id(event), data, lang)

# 4/ LIST OF SITES, folded
sites_table = frames.sites_view(data.sites, lang)
if not sites_table.empty:
    body = cards.table_html(sites_table, original=[t("description", lang)])
    components.folded(t("sites_list", lang), len(sites_table), body)
