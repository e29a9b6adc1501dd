"""Pieces of the overview page: main-target cards, rank strip, honours."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from pgdash.display import cards, fragments, queries
from pgdash.display.formatting import fact_value
from pgdash.display.i18n import metric_name, sector_name, t, translated
from pgdash.tables import Dataset


def target_cards(targets: list[queries.TargetClause], data: Dataset, lang: str) -> None:
    """The main expected targets: the figure when the clause has one, else its words."""
    html = []
    for clause in targets:
        if clause.facts.empty:
            title = translated(clause.text, lang, data.english)
            html.append(cards.text_card(title, "", note=t("no_number", lang)))
        for _, fact in clause.facts.iterrows():
            source = fragments.fact_source(fact, data, lang)
            value = fact_value(fact, lang)
            html.append(
                cards.figure_card(
                    fact["fact_id"], value, metric_name(fact, lang), [], source, big="target"
                )
            )
    st.html(cards.grid(html, len(html)))


def rank_strip(ranks: pd.DataFrame, data: Dataset, lang: str) -> None:
    """Every rank fact as a small card."""
    st.html(fragments.rank_strip_html(ranks, data, lang))


def honour_cards(
    honours: pd.DataFrame,
    lang: str,
    glossary: Mapping[str, str],
    columns: int = 3,
    shown: int = 9,
) -> None:
    """The year's honours, national ones first; beyond ``shown``, in an expander."""
    ordered = honours.sort_values("is_national", ascending=False, kind="stable")
    st.html(_honour_grid(ordered.head(shown), lang, columns, glossary))
    rest = ordered.iloc[shown:]
    if not rest.empty:
        with st.expander(t("more_honours", lang, n=len(rest))):
            st.html(_honour_grid(rest, lang, columns, glossary))


def _honour_text(h: pd.Series, lang: str, glossary: Mapping[str, str]) -> tuple[str, str]:
    """An honour's title and line: in English the curated title and who received it."""
    if lang != "en":
        return h["title"], h["clause"]
    holder = h["holder"] or t("district_itself", lang)
    return translated(h["title"], lang, glossary), translated(holder, lang, glossary)


def _honour_grid(
    honours: pd.DataFrame, lang: str, columns: int, glossary: Mapping[str, str]
) -> str:
    national = cards.tag("★ " + t("national", lang), "rank")
    return cards.grid(
        (
            cards.text_card(
                *_honour_text(h, lang, glossary),
                [national] * bool(h["is_national"]) + [cards.tag(sector_name(h["sector"], lang))],
            )
            for _, h in honours.iterrows()
        ),
        columns,
    )
