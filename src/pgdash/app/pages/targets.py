"""Pieces of the targets page: the scorecard with every value's source, the series charts."""

from collections.abc import Callable

import pandas as pd

from pgdash.app.data import per_build, shared
from pgdash.display import fragments, scorecard, series
from pgdash.display.i18n import t
from pgdash.display.kpi import fact_texts
from pgdash.tables import Dataset


@per_build
def scorecard_html(data: Dataset, lang: str) -> str:
    """The targets scorecard (see :mod:`pgdash.display.scorecard`) with every value's
    source, under a note when nothing in it can be judged yet; made once per build, view
    and language."""
    rows = scorecard.score_rows(data.comparisons, lang, fact_texts(data.facts, lang))
    by_id = data.facts.set_index("fact_id", drop=False)
    sources = {
        fact_id: fragments.source_html(by_id.loc[fact_id], data, lang)
        for row in rows
        for fact_id in row.fact_ids.values()
        if fact_id in by_id.index
    }
    note = scorecard.verdict_note_html(data.comparisons, lang)
    return note + scorecard.scorecard_html(rows, sources, lang)


@shared(max_entries=64)
def _series(
    view: tuple,
    lang: str,
    _ledger: Callable[[], pd.DataFrame],
    _facts: Callable[[], pd.DataFrame] | None,
) -> str:
    """The charts of one view (``view`` names the ledger ``_ledger()`` returns)."""
    texts = fact_texts(_facts(), lang) if _facts is not None else None
    return series.series_html(_ledger(), lang, texts)


def series_block(
    view: tuple,
    lang: str,
    ledger: Callable[[], pd.DataFrame],
    facts: Callable[[], pd.DataFrame] | None = None,
) -> str:
    """Small charts of each measure's targets and results over the years (two or more),
    under their heading ("" without charts), made once per ``view`` (build, year, sector,
    measures) and language and shared by every session; ``ledger`` is asked for the rows
    only when the view is new, ``facts`` for the facts whose values the points are
    labelled with (written as on every other page)."""
    return _series_block(view, lang, ledger, facts)


@shared(max_entries=64)
def _series_block(
    view: tuple,
    lang: str,
    _ledger: Callable[[], pd.DataFrame],
    _facts: Callable[[], pd.DataFrame] | None,
) -> str:
    charts = _series(view, lang, _ledger, _facts)
    return fragments.heading_html(t("series_title", lang)) + charts if charts else ""
