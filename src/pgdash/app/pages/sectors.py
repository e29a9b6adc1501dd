"""Pieces of the sectors page: the 高大尚 pillars, the sector picker, banner and site map."""

import pandas as pd
import streamlit as st

from pgdash.app import views
from pgdash.app.data import per_build, shared
from pgdash.briefing import Slide
from pgdash.display import cards, fragments
from pgdash.display.i18n import sector_label, sector_name, t
from pgdash.display.safe import escape_text
from pgdash.sectors import PILLARS, SECTOR_IDS
from pgdash.tables import ALL, Dataset

SECTOR_VIEW_KEY = "sector_view"


def pillar_cards(everything: Dataset, lang: str) -> None:
    """The three 高大尚 pillars side by side, each with its sector's counts, in one element
    (the sector picker right below shows any of them)."""
    st.html(fragments.Html(_pillar_cards_html(everything, lang)))


@per_build
def _pillar_cards_html(everything: Dataset, lang: str) -> str:
    """The pillars' cards, once per build, view and language for every session."""
    by_sector = views.sector_summary(everything).set_index("sector")
    cards_html = "".join(
        f'<div class="pg-box">{pillar_card_html(pillar, sector_id, by_sector.loc[sector_id], lang)}'
        "</div>"
        for pillar, sector_id in PILLARS.items()
    )
    return f'<div class="pg-pillars">{cards_html}</div>'


def pillar_card_html(pillar: str, sector_id: str, counts: pd.Series, lang: str) -> str:
    """A pillar's glyph, its name and the sector it stands for, then the sector's counts."""
    return (
        f'<div class="pg-pillar-card">'
        f'<div class="pg-pillar" lang="zh-CN">{escape_text(pillar)}</div><div>'
        f'<div class="pg-card-title">{escape_text(t(f"pillar_{pillar}", lang))}</div>'
        f'<div class="pg-card-text">{escape_text(sector_name(sector_id, lang))}</div>'
        f"</div></div>" + fragments.counts_html(counts, lang)
    )


def first_sector(summary: pd.DataFrame, pillars: bool) -> str:
    """The sector shown first: the first 高大尚 pillar's, or without the pillars the sector
    with the most figures."""
    if pillars or summary.empty:
        return next(iter(PILLARS.values()))
    return str(summary.sort_values("facts", ascending=False, kind="stable")["sector"].iloc[0])


def sector_picker(sidebar_sector: str, lang: str, first: str) -> str:
    """The sector shown: the sidebar's when set, else the reader's pick (``first`` first)."""
    if sidebar_sector != ALL:
        return sidebar_sector
    st.session_state.setdefault(SECTOR_VIEW_KEY, first)
    chosen = st.pills(
        t("choose_sector", lang),
        SECTOR_IDS,
        format_func=lambda s: sector_label(s, lang),
        key=SECTOR_VIEW_KEY,
        required=True,
        persist_state="session",
    )
    return chosen if chosen in SECTOR_IDS else first


def sector_banner(everything: Dataset, sector_id: str, lang: str) -> None:
    """A coloured heading for the sector on view, with its 高大尚 pillar and counts."""
    st.html(fragments.Html(_banner_html(everything, sector_id, lang)))


@per_build
def _banner_html(everything: Dataset, sector_id: str, lang: str) -> str:
    return fragments.sector_banner_html(sector_id, views.sector_summary(everything), lang)


@per_build
def figures_html(data: Dataset, lang: str) -> str:
    """The sector's figures under their heading, in one element: its tiles in two columns,
    then every figure folded ("" for a sector without figures)."""
    if data.facts.empty:
        return ""
    tiles = views.sector_tiles(data, lang)
    grid = fragments.kpi_grid_html(tiles, data, lang, columns=2) if tiles else ""
    heading = fragments.heading_html(t("sector_figures", lang))
    return heading + grid + views.sector_facts(data, lang)


@per_build
def tasks_html(data: Dataset, lang: str, years: tuple[tuple[str, int], ...]) -> str:
    """The sector's part of the year's work plan under its heading, in one element."""
    heading = fragments.heading_html(t("sector_tasks", lang, **dict(years)))
    return heading + views.work_plan(data, lang, "", False, True, False)[1]


def sector_sites(slide: Slide | None, svg: str, lang: str) -> None:
    """The sector's sites under their heading: the district map with numbered dots, and the
    names by number."""
    if slide is None or not slide.places:
        st.subheader(t("sector_sites", lang), anchor=False)
        st.info(t("no_sites", lang), icon=":material/info:")
        return
    st.html(fragments.Html(sites_html(svg, lang, slide)))


@shared(max_entries=64)
def sites_html(svg: str, lang: str, _slide: Slide) -> str:
    """The heading, the map as an image and the numbered names, made once per map
    (``svg``, the memoised drawing of ``_slide``) and language for every session: the map's
    data URI takes milliseconds to write."""
    names = "".join(
        f'<li><span class="pg-num" style="background:{p.colour}">{escape_text(p.number)}</span>'
        f"{escape_text(p.name)}</li>"
        for p in _slide.places
    )
    return (
        fragments.heading_html(t("sector_sites", lang))
        + cards.svg_image(svg, t("sector_sites", lang), "pg-minimap")
        + f'<ol class="pg-places">{names}</ol>'
    )
