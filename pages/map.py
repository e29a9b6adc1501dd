"""地图 Map: the district among its neighbours, rivers and roads; sites by sector, towns and
routes; click a site for its facts.

No tile request by default (``map_provider=None``): the context layers, boundary, towns and
labels carry the map, so it works offline. The basemap switch loads Carto tiles; without a
``CARTO_API_KEY`` Carto now shows a watermark on them. The legend stands beside the map; a
sector filter keeps the context and frames that sector's sites.
"""

import streamlit as st

from pgdash.app import components, decks, views
from pgdash.app.context import page_context
from pgdash.app.pages import map as page
from pgdash.display import maps, queries
from pgdash.display.i18n import t
from pgdash.display.safe import escape_markdown

# 1/ DATA
ctx = page_context()
lang, data = ctx.lang, ctx.data
height, width = page.map_size()

# 2/ HEADER AND SWITCHES
_, has_map = views.district(ctx.everything, lang)
# what the map is made of, when there is one with its context (another district: an outline)
subtitle = t("map_sub", lang) if has_map and ctx.everything.context else ""
components.page_header(t("map_title", lang), subtitle, ctx.sector, lang)
if not has_map:  # another district's reports: no map of it here
    st.info(escape_markdown(queries.no_map_line(ctx.everything, lang)), icon=":material/map:")
    st.stop()
# in one row on a wide screen; on a phone the row would run off the screen: one under another
with st.container(horizontal=not components.on_phone(), gap="medium", vertical_alignment="bottom"):
    shown = st.pills(
        t("layers", lang),
        maps.LAYER_NAMES,
        selection_mode="multi",
        default=list(maps.LAYER_NAMES),
        format_func=lambda name: f"{maps.LAYER_ICONS[name]} {t(f'layer_{name}', lang)}",
        key="layers",
    )
    layers = maps.Layers(**{name: name in (shown or []) for name in maps.LAYER_NAMES})
    basemap = st.toggle(
        t("basemap", lang), value=False, key="basemap", help=t("basemap_help", lang)
    )
deck = decks.district_deck(
    data, ctx.sector, lang, layers, basemap, height, width, everything=ctx.everything
)

# 3/ MAP, ITS LEGEND BESIDE IT, AND THE SELECTED SITE
if deck is None:
    st.info(t("no_map", lang), icon=":material/info:")
    st.stop()
left, right = st.columns([3, 1.1], gap="medium")
with left:
    event = st.pydeck_chart(
        deck,
        height=height,
        on_select="rerun",
        selection_mode="single-object",
        key="district-map",
        alt=t("map_title", lang),
    )
panels = page.panels(data, ctx.everything, lang)
with right:
    components.html(panels.legend)
    page.site_panel(maps.selected_site_id(event), ctx.everything, lang)

# 4/ LIST OF SITES, folded
if panels.n_sites:
    components.folded(t("sites_list", lang), panels.n_sites, panels.sites)
