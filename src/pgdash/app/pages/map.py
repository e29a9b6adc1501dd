"""Pieces of the map page: the map's size for the reader's screen and the clicked site."""

import streamlit as st

from pgdash.display import fragments, frames, queries
from pgdash.display.i18n import sector_name, t
from pgdash.display.safe import escape_markdown, escape_text
from pgdash.tables import Dataset

# (height, width) in pixels the view is fitted to and its labels kept inside. The width is
# the map's column on a 1366 px laptop; a wider screen shows more of the grey neighbours.
DESKTOP = (700, 740)
PHONE = (460, 350)  # a 390 px phone, less the page's margins
PHONE_AGENT = "Mobi"  # what phone browsers put in their User-Agent (MDN's advice)


def on_phone() -> bool:
    """Whether the page is read in a phone's browser (by its User-Agent)."""
    return PHONE_AGENT in (st.context.headers.get("User-Agent", "") or "")


def map_size() -> tuple[int, int]:
    """The map's (height, width): a phone's browser gets a map that fits its screen."""
    return PHONE if on_phone() else DESKTOP


def site_panel(site_id: str | None, data: Dataset, lang: str) -> None:
    """Beside the map: the clicked site, its figures and the sentences that mention it."""
    sites = data.sites[data.sites["site_id"] == site_id] if site_id else data.sites.iloc[0:0]
    if sites.empty:
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
