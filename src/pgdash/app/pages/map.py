"""Pieces of the map page: the legend and the panel of the clicked site."""

import streamlit as st

from pgdash.display import fragments, frames, queries
from pgdash.display.i18n import sector_name, t
from pgdash.display.safe import escape_markdown, escape_text
from pgdash.tables import Dataset


def legend(items: list[tuple[str, str]], title: str) -> None:
    """A row of coloured dots with sector names."""
    st.html(fragments.legend_html(items, title))


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
