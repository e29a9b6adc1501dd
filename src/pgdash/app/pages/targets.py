"""Pieces of the targets page: the scorecard with every value's source."""

import pandas as pd
import streamlit as st

from pgdash.display import fragments, scorecard
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
