"""Pieces of the targets page: the scorecard with every value's source, the series charts."""

import pandas as pd
import streamlit as st

from pgdash.display import fragments, scorecard, series
from pgdash.display.i18n import t
from pgdash.tables import Dataset


def score_table(comparisons: pd.DataFrame, data: Dataset, lang: str) -> None:
    """The targets scorecard (see :mod:`pgdash.display.scorecard`) with every value's source."""
    rows = scorecard.score_rows(comparisons, lang)
    by_id = data.facts.set_index("fact_id", drop=False)
    sources = {
        fact_id: fragments.source_html(by_id.loc[fact_id], data, lang)
        for row in rows
        for fact_id in row.fact_ids.values()
        if fact_id in by_id.index
    }
    st.html(scorecard.scorecard_html(rows, sources, lang))


CHART_HEIGHT = 220  # pixels: a small chart, its title and legend


@st.cache_data(show_spinner=False, max_entries=64)
def _series_specs(ledger: pd.DataFrame, lang: str) -> list[dict]:
    return series.series_specs(ledger, lang)


def series_charts(ledger: pd.DataFrame, lang: str, columns: int = 3) -> None:
    """Small charts of each measure's targets and results over the years (two or more);
    the specs are built once per ledger and language, not on every run."""
    specs = _series_specs(ledger, lang)
    if not specs:
        return
    st.subheader(t("series_title", lang), anchor=False)
    grid = st.columns(columns)
    for i, spec in enumerate(specs):
        with grid[i % columns]:
            st.vega_lite_chart(spec=spec, width="stretch", height=CHART_HEIGHT)
