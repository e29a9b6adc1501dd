"""Pieces of the targets page: the scorecard with every value's source, the series charts."""

import altair as alt
import pandas as pd
import streamlit as st

from pgdash.display import fragments, scorecard, series
from pgdash.display.colours import ROLE
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


def series_charts(ledger: pd.DataFrame, lang: str, columns: int = 3) -> None:
    """Small charts of each measure's targets and results over the years (two or more)."""
    frame = series.series_frame(ledger, lang)
    if frame.empty:
        return
    st.subheader(t("series_title", lang), anchor=False)
    measures = series.measures_in_order(frame, ledger, lang)
    roles = [t(f"series_role_{r}", lang) for r in ("target", "result")]
    colour = alt.Color(
        "role_label:N",
        scale=alt.Scale(domain=roles, range=[ROLE["target"], ROLE["result"]]),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    grid = st.columns(columns)
    for i, measure in enumerate(measures):
        points = frame[frame["measure"] == measure]
        unit = points["unit"].iloc[0]
        chart = (
            alt.Chart(points, title=f"{measure}（{unit}）" if unit else measure)
            .mark_line(point=alt.OverlayMarkDef(size=60))
            .encode(
                x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
                y=alt.Y("amount:Q", title=None, scale=alt.Scale(zero=False, nice=True)),
                color=colour,
                tooltip=["role_label:N", "year:O", "amount:Q"],
            )
        )
        with grid[i % columns]:
            st.altair_chart(chart, width="stretch", height=CHART_HEIGHT)
