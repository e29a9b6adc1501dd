"""What every page starts from: the language, the sector in force and the data."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pgdash.app.data import Dataset, load_dataset, per_build, shared
from pgdash.app.filters import current_district, current_lang, current_sector, current_year
from pgdash.app.views import district_data
from pgdash.display.queries import for_year, report_year
from pgdash.tables import by_sector


@dataclass(frozen=True)
class PageContext:
    """The reader's choices and the data of the chosen district's report, whole and cut to
    the sector."""

    lang: str
    sector: str
    everything: Dataset
    data: Dataset
    ledger: pd.DataFrame  # the whole ledger of the sector and the district in view, all years
    year: int  # the target year of the report in view

    @property
    def years(self) -> dict[str, int]:
        """``year`` and ``reviewed`` (the year before) for the labels that name them."""
        return {"year": self.year, "reviewed": self.year - 1}


def leave_legacy_pages_mode() -> None:
    """Make sure the page runs under ``app.py``'s navigation.

    Because a ``pages/`` folder exists, a fresh server asked first for a deep link
    (``/map``) runs ``pages/map.py`` alone, the old way, until ``st.navigation`` has been
    called once. Then the page has no sidebar and no filter: switch the mode and rerun,
    so ``app.py`` draws the sidebar and runs the same page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_context() -> PageContext:
    """The context of the current run (the sidebar in ``app.py`` has set the choices)."""
    leave_legacy_pages_mode()
    sector, year, district = current_sector(), current_year(), current_district()
    whole = load_dataset()
    view = _view(whole.stamp, district, year, sector, whole)
    return PageContext(current_lang(), sector, *view)


@shared(max_entries=64)
def _view(
    stamp: int, district: str | None, year: int | None, sector: str, _whole: Dataset
) -> tuple[Dataset, Dataset, pd.DataFrame, int]:
    """The data of one view, cut once per build, district, year and sector for every
    session; nothing of another district is in it."""
    own = district_data(_whole, district)
    everything = for_year(own, year)
    ledger = by_sector(own.comparisons, sector)
    year = year or report_year(own.documents)
    return everything, everything.for_sector(sector), ledger, year


@per_build
def sector_data(everything: Dataset, sector: str) -> Dataset:
    """``everything`` cut to ``sector``, once per build, year and sector for every session."""
    return everything.for_sector(sector)
