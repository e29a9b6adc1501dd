"""Pieces of the targets page: the scorecard with every value's source, the series charts."""

from collections.abc import Callable

import pandas as pd

from pgdash.app import components
from pgdash.app.data import per_build, shared
from pgdash.display import fragments, scorecard, series
from pgdash.display.i18n import t
from pgdash.tables import Dataset


def score_table(data: Dataset, lang: str) -> None:
    """The targets scorecard (see :mod:`pgdash.display.scorecard`) with every value's source."""
    components.html(_scorecard_html(data, lang))


@per_build
def _scorecard_html(data: Dataset, lang: str) -> str:
    rows = scorecard.score_rows(data.comparisons, lang)
    by_id = data.facts.set_index("fact_id", drop=False)
    sources = {
        fact_id: fragments.source_html(by_id.loc[fact_id], data, lang)
        for row in rows
        for fact_id in row.fact_ids.values()
        if fact_id in by_id.index
    }
    return scorecard.scorecard_html(rows, sources, lang)


@shared(max_entries=64)
def _series(view: tuple, lang: str, _ledger: Callable[[], pd.DataFrame]) -> str:
    """The charts of one view (``view`` names the ledger ``_ledger()`` returns)."""
    return series.series_html(_ledger(), lang)


def series_charts(view: tuple, lang: str, ledger: Callable[[], pd.DataFrame]) -> None:
    """Small charts of each measure's targets and results over the years (two or more),
    made once per ``view`` (build, year, sector, measures) and language and shared by every
    session; ``ledger`` is asked for the rows only when the view is new."""
    charts = _series(view, lang, ledger)
    if charts:
        components.html(fragments.heading_html(t("series_title", lang)) + charts)
