"""Pieces of the map page: the map's size for the reader's screen and the clicked site."""

from dataclasses import dataclass

import streamlit as st

from pgdash.app import components, decks
from pgdash.app.data import shared
from pgdash.display import cards, fragments, frames, map_legend, queries
from pgdash.display.i18n import sector_name, t
from pgdash.display.safe import escape_markdown, escape_text
from pgdash.tables import Dataset

# (height, width) in pixels the view is fitted to and its labels kept inside. The width is
# the map's column on a 1366 px laptop; a wider screen shows more of the grey neighbours.
DESKTOP = (700, 740)
PHONE = (460, 350)  # a 390 px phone, less the page's margins


def map_size() -> tuple[int, int]:
    """The map's (height, width): a phone's browser gets a map that fits its screen."""
    return PHONE if components.on_phone() else DESKTOP


@dataclass(frozen=True)
class Panels:
    """What the map page draws beside and under the map, as HTML."""

    legend: str
    sites: str  # the list of sites ("" for none)
    n_sites: int


def panels(data: Dataset, everything: Dataset, lang: str) -> Panels:
    """The legend and the list of sites of ``data`` (cut to the sector; ``everything`` adds
    the towns), made once per build, year, sector and language."""
    return _panels(data.stamp, data.sector, lang, data, everything)


@shared(max_entries=64)
def _panels(stamp: int, sector: str, lang: str, _data: Dataset, _everything: Dataset) -> Panels:
    legend = map_legend.legend_html(decks.map_sites(_data, _everything), _data.context, lang)
    table = frames.sites_view(_data.sites, lang, _everything.sites)
    body = cards.table_html(table, original=[t("description", lang)]) if len(table) else ""
    return Panels(legend, body, len(table))


def site_panel(site_id: str | None, data: Dataset, lang: str) -> None:
    """Beside the map: the clicked site, its figures and the sentences that mention it."""
    sites = data.sites[data.sites["site_id"] == site_id] if site_id else None
    if sites is None or sites.empty:
        st.info(t("click_site", lang), icon=":material/touch_app:")
        return
    site = sites.iloc[0]
    name = site["name_en"] if lang == "en" and site["name_en"] else site["name"]
    with st.container(border=True):
        st.html(
            f'<div class="pg-meta">{escape_text(t("selected_site", lang))}</div>'
            f'<div class="pg-card-title" style="font-size:1.25rem">{escape_text(str(name))}</div>'
        )
        with st.container(horizontal=True, gap="small"):
            st.badge(escape_markdown(sector_name(site["sector"], lang)), color="blue")
            if site["town"]:
                st.badge(
                    escape_markdown(frames.town_name(str(site["town"]), data.sites, lang)),
                    icon=":material/location_on:",
                    color="gray",
                )
        if site["description"]:
            st.html(
                f'<div class="pg-card-text"{fragments.original_attrs(lang, "in_chinese")}>'
                f"{escape_text(str(site['description']))}</div>"
            )
        facts = queries.facts_of(site["fact_ids"], data.facts)
        if not facts.empty:
            st.html(fragments.meta_html(t("site_facts", lang), lang=lang))
            st.html(
                "".join(
                    '<div class="pg-card-text"><b>'
                    + escape_text(fragments.fact_line(fact, lang))
                    + "</b></div>"
                    + fragments.fact_source(fact, data, lang)
                    for _, fact in facts.iterrows()
                )
            )
        quotes = list(site["quotes"]) if site["quotes"] is not None else []
        if quotes:
            st.html(fragments.meta_html(t("quotes", lang), lang=lang))
            for quote in quotes:
                st.html(fragments.quote_html(str(quote), lang=lang))
