"""The navigation's pages, made once per language and year and copied for each run.

Making a ``st.Page`` resolves and checks its file: under load that was a millisecond of
every run. The copies matter: Streamlit marks the page it is about to run on the object
itself, so sessions running at once must not share one.
"""

import copy
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from pgdash.app.data import shared
from pgdash.display.i18n import t

PageSpec = tuple[str, str, str]  # (file in the pages folder, title key, icon)


def pages(folder: Path, specs: tuple[PageSpec, ...], lang: str, year: int) -> list[StreamlitPage]:
    """The pages of ``specs`` whose file exists in ``folder``, titled in ``lang``; the
    first is the default."""
    return [copy.copy(page) for page in _pages(str(folder), specs, lang, year)]


@shared(max_entries=32)
def _pages(folder: str, specs: tuple[PageSpec, ...], lang: str, year: int) -> list[StreamlitPage]:
    found = [spec for spec in specs if (Path(folder) / spec[0]).is_file()]
    return [
        st.Page(Path(folder) / file, title=t(key, lang, year=year), icon=icon, default=(i == 0))
        for i, (file, key, icon) in enumerate(found)
    ]
