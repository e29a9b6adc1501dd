"""What every page starts from: the language, the sector in force and the data."""

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pgdash.app.data import Dataset, load_dataset
from pgdash.app.filters import current_lang, current_sector


@dataclass(frozen=True)
class PageContext:
    """The reader's choices and the data, whole and cut to the chosen sector."""

    lang: str
    sector: str
    everything: Dataset
    data: Dataset


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
    sector = current_sector()
    everything = load_dataset()
    return PageContext(current_lang(), sector, everything, everything.for_sector(sector))
