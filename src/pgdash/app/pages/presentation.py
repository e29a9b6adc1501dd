"""Presentation mode on screen: the presenter's bar, one slide laid out for 1920×1080, the
speaker notes and auto-advance. ``pages/presentation.py`` puts these together.

The slide number lives in the URL (``?slide=3``); ← → (and a clicker's PageUp / PageDown)
change slides; auto-advance loops through the deck; speaker notes show on request.
"""

import time

import pydeck as pdk
import streamlit as st

from pgdash.app import components, filters, ledger_view
from pgdash.app.context import PageContext
from pgdash.briefing import Slide
from pgdash.briefing import slide_html as slide_html
from pgdash.briefing.ledger_slide import with_ledger as insert_ledger
from pgdash.briefing.map_numbers import NUMBER_SIZE, number_layer
from pgdash.display import map_legend, maps
from pgdash.display.fragments import Html
from pgdash.display.i18n import DEFAULT_LANG, LANGS, sector_label, t
from pgdash.export.api import cached_export_bytes
from pgdash.paths import data_dir
from pgdash.tables import ALL

SLIDE = "slide"  # session key and URL parameter of the slide number (1-based)
PLAYING, INTERVAL, NOTES = "pgs_play", "pgs_interval", "pgs_notes"
SHOWN, SHOWN_AT = "pgs_shown", "pgs_shown_at"
INTERVALS = (5, 10, 20, 30, 60)  # seconds per slide when auto-advancing
# Pixels of a chart on a 1920×1080 screen: the whole width beside a list, or half of it.
WIDE_CHART, HALF_CHART = (1250, 660), (860, 560)
TABLE_CHART = (1250, 440)  # a wide chart with a short table beneath it
MAP_HEIGHT, MAP_WIDTH = 660, 1050  # room below for the legend and sources
# On a 390 px phone, less the page's margins: a chart or the map in one column.
PHONE_CHART, PHONE_MAP = (350, 460), (420, 350)  # (width, height); (height, width)
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


def with_ledger(slides: list[Slide], ctx: PageContext) -> list[Slide]:
    """The deck with the 督办 slide of the sector in force (read from the ledger, cached
    briefly); the deck as it is when the ledger cannot be used or shows no light."""
    return insert_ledger(slides, ledger_view.slide(ctx.everything, ctx.sector, ctx.lang))


def go(delta: int, total: int) -> None:
    """Move ``delta`` slides, staying within the deck of ``total`` slides."""
    st.session_state[SLIDE] = min(max(int(st.session_state.get(SLIDE) or 1) + delta, 1), total)


def choose(source: str, target: str, default: str) -> None:
    """Copy a presenter-bar choice into the shared sidebar setting and the URL."""
    st.session_state[target] = st.session_state[source]
    filters.state_to_url(target, default)


def downloads(toolbar, ctx: PageContext) -> None:
    """PPTX deck and PDF handout of this view, made when asked for."""
    lang = ctx.lang
    sector = None if ctx.sector == ALL else ctx.sector
    scope = sector or ALL
    district = filters.current_district()
    for fmt, key in (("pptx", "present_download_pptx"), ("pdf", "present_download_pdf")):
        toolbar.download_button(
            t(key, lang),
            data=lambda fmt=fmt: cached_export_bytes(fmt, sector, data_dir(), lang, district),
            file_name=f"{district or 'district'}-briefing-{scope}-{lang}.{fmt}",
            mime=MIME[fmt],
            icon=":material/download:",
            on_click="ignore",
        )


def settings(toolbar, ctx: PageContext) -> None:
    """Sector and language without the (hidden) sidebar."""
    lang = ctx.lang
    with toolbar.popover(t("present_settings", lang), icon=":material/tune:"):
        st.session_state["pgs_sector"] = ctx.sector
        st.session_state["pgs_lang"] = lang
        st.pills(
            t("sector_filter", lang),
            filters.SECTOR_OPTIONS,
            format_func=lambda s: sector_label(s, lang),
            key="pgs_sector",
            required=True,
            on_change=choose,
            args=("pgs_sector", filters.SECTOR_KEY, ALL),
        )
        st.segmented_control(
            "语言 / Language",
            LANGS,
            format_func=filters.LANG_LABELS.get,
            key="pgs_lang",
            required=True,
            on_change=choose,
            args=("pgs_lang", filters.LANG_KEY, DEFAULT_LANG),
        )
        st.selectbox(t("present_interval", lang), INTERVALS, index=1, key=INTERVAL, width=160)


def controls(ctx: PageContext, total: int) -> tuple[int, bool]:
    """The presenter's bar, fixed at the bottom of the screen: the slide shown (1-based) and
    whether auto-advance is on."""
    lang = ctx.lang
    st.html(Html(slide_html.STYLE))  # as it is: no re-indenting of the stylesheet per run
    with st.container(key="pgs_keys"):  # a presenter's clicker sends PageUp / PageDown
        st.button("PageUp", key="pgs_page_up", on_click=go, args=(-1, total), shortcut="PageUp")
        st.button(
            "PageDown", key="pgs_page_down", on_click=go, args=(1, total), shortcut="PageDown"
        )
    toolbar = st.container(key="pgs_toolbar", horizontal=True, vertical_alignment="center")
    if isinstance(st.session_state.get(SLIDE), int | float) and st.session_state[SLIDE] > total:
        st.session_state[SLIDE] = total  # a narrower sector has fewer slides
    toolbar.button(
        t("present_prev", lang), icon=":material/chevron_left:", on_click=go, args=(-1, total),
        shortcut="Left", key="pgs_prev",
    )  # fmt: skip
    # No ``value``: the slide is set through the session state (arrow keys, auto-advance),
    # and a widget given both a default and a session value makes Streamlit warn.
    number = toolbar.number_input(
        t("present_slide_number", lang),
        min_value=1, max_value=total, step=1, key=SLIDE, bind="query-params",
        label_visibility="collapsed", width=130,
    )  # fmt: skip
    toolbar.html(slide_html.counter_html(total), width="content")
    toolbar.button(
        t("present_next", lang), icon=":material/chevron_right:", on_click=go, args=(1, total),
        shortcut="Right", key="pgs_next",
    )  # fmt: skip
    playing = toolbar.toggle(t("present_autoplay", lang), key=PLAYING)
    toolbar.toggle(t("present_notes", lang), key=NOTES)
    settings(toolbar, ctx)
    downloads(toolbar, ctx)
    if not components.on_phone():  # a phone has no arrow keys
        toolbar.caption(t("present_keys_hint", lang))
    # the way out stays in sight, at the end of the bar
    toolbar.page_link("pages/overview.py", label=t("present_exit", lang), icon=":material/close:")
    index = min(max(int(number or 1), 1), total)
    if st.session_state.get(SHOWN) != index:
        st.session_state[SHOWN], st.session_state[SHOWN_AT] = index, time.monotonic()
    return index, playing


def draw_html(markup: str, where=st) -> None:
    """Inert slide HTML (every document string in it is escaped); nothing when empty."""
    if markup:
        where.html(Html(markup))


def chart(slide: Slide, size: tuple[int, int]) -> None:
    """The slide's Altair chart at ``size`` (width, height) in pixels."""
    if slide.chart is not None:
        width, height = PHONE_CHART if components.on_phone() else size
        st.altair_chart(slide.chart(width=width, height=height), theme=None, width="content")


def map_size() -> tuple[int, int]:
    """The map's (height, width): the projector's, or one that fits a phone's column."""
    return PHONE_MAP if components.on_phone() else (MAP_HEIGHT, MAP_WIDTH)


def numbered_map(slide: Slide, ctx: PageContext) -> pdk.Deck | None:
    """The district's sites as dots numbered like the list beside the map (names overlap),
    among the muted neighbours, rivers and roads; a sector's slide closes in on its sites."""
    layers = maps.Layers(towns=False, routes=False, labels=False)
    sites, boundary = ctx.data.sites, ctx.everything.boundary
    height, width = map_size()
    deck = maps.build_deck(
        sites,
        boundary,
        ctx.lang,
        layers,
        height=height,
        width=width,
        context=ctx.everything.context,
        focus=slide.sector is not None,
    )
    if deck is None:
        return None
    numbers = number_layer(slide.places, deck.initial_view_state.zoom)
    names = maps.neighbour_label_layer(
        deck, ctx.everything.context, ctx.lang, width, height, boundary, numbers.data, NUMBER_SIZE
    )  # off the numbers and their dots
    if names is not None:
        deck.layers.append(names)
    deck.layers.append(numbers)
    return deck


def slide_body(slide: Slide, ctx: PageContext) -> None:
    """The slide's figures, chart or map, and lines, laid out by its kind."""
    lang = ctx.lang
    if slide.kind == "title":
        draw_html(slide_html.opening_html(slide, lang))
        return
    draw_html(slide_html.heading_html(slide))
    if slide.kind == "kpis":
        draw_html(slide_html.tiles_html(slide, slide.kpis, 3, lang, fill=len(slide.kpis) <= 6))
        draw_html(slide_html.bullets_html(slide.bullets))
    elif slide.kind == "pillars":
        draw_html(slide_html.pillars_html(slide, lang))
    elif slide.kind == "supervision":
        draw_html(slide_html.supervision_html(slide, lang))
        draw_html(slide_html.bullets_html(slide.bullets))
    elif slide.kind == "targets" and slide.chart is None:
        draw_html(slide_html.pairs_html(slide.pairs, lang))
    elif slide.kind == "targets":
        left, right = st.columns([3, 1.2], gap="large")
        with left:
            chart(slide, TABLE_CHART if slide.table else WIDE_CHART)
        draw_html(slide_html.bullets_html(slide.bullets), right)
        draw_html(slide_html.pairs_html(slide.table, lang))  # a few more measures beneath
    elif slide.kind == "map":
        left, right = st.columns([2.2, 1.4], gap="large")
        deck = numbered_map(slide, ctx)
        if deck is not None:
            left.pydeck_chart(deck, height=map_size()[0])
            left.html(map_legend.sector_strip_html(ctx.data.sites, lang, ctx.data.context))
        draw_html(slide_html.bullets_html(slide.bullets), right)
    elif slide.chart is not None:  # a sector with results against targets
        left, right = st.columns([1, 1], gap="large")
        draw_html(slide_html.tiles_html(slide, slide.kpis, 2, lang), left)
        with right:
            chart(slide, HALF_CHART)
            draw_html(slide_html.bullets_html(slide.bullets))
    elif slide.pairs:  # a sector whose measures share no scale: a table beside the tiles
        left, right = st.columns([1, 1.25], gap="large")
        draw_html(slide_html.tiles_html(slide, slide.kpis, 2, lang), left)
        with right:
            draw_html(slide_html.pairs_html(slide.pairs, lang, small=True))
            draw_html(slide_html.bullets_html(slide.bullets))
    elif not slide.bullets:  # a sector without task headings: its figures over the width
        draw_html(slide_html.tiles_html(slide, slide.kpis, 3, lang, fill=True))
    else:
        left, right = st.columns([3, 1.2], gap="large")
        draw_html(slide_html.tiles_html(slide, slide.kpis, 3, lang), left)
        draw_html(slide_html.bullets_html(slide.bullets), right)
    draw_html(slide_html.footer_html(slide, lang))


def speaker_notes(slide: Slide, lang: str) -> None:
    """The slide's 讲稿, when the presenter has asked for them."""
    if st.session_state.get(NOTES):
        with st.container(border=True):
            st.html(slide_html.notes_html(slide, lang))


def auto_advance(index: int, total: int) -> None:
    """A timer that moves on to the next slide (and loops) while playing."""
    interval = int(st.session_state.get(INTERVAL) or INTERVALS[1])

    @st.fragment(run_every=interval)
    def advance() -> None:
        if time.monotonic() - st.session_state.get(SHOWN_AT, 0) >= interval - 0.5:
            st.session_state[SLIDE] = index % total + 1
            st.rerun()

    advance()
