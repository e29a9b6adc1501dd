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


@st.cache_resource(show_spinner=False, max_entries=64)
def _series_specs(view: tuple, lang: str, _ledger: pd.DataFrame) -> list[dict]:
    """The specs of one view (``view`` identifies the ledger; ``_ledger`` is not hashed)."""
    return series.series_specs(_ledger, lang)


def series_charts(ledger: pd.DataFrame, view: tuple, lang: str, columns: int = 3) -> None:
    """Small charts of each measure's targets and results over the years (two or more);
    the specs are built once per view (build, year, sector, measures) and language, and
    shared by every session (callers pass a ``view`` key that names the ledger they pass)."""
    specs = _series_specs(view, lang, ledger)
    if not specs:
        return
    st.subheader(t("series_title", lang), anchor=False)
    grid = st.columns(columns)
    for i, spec in enumerate(specs):
        with grid[i % columns]:
            st.vega_lite_chart(spec=spec, width="stretch", height=CHART_HEIGHT)
