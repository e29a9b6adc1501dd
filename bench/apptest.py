"""Running the app under ``AppTest`` as the server runs it.

``AppTest.run()`` forgets, before every run, that the app navigates with ``st.navigation``;
because a ``pages/`` folder exists next to ``app.py``, it then takes the legacy multipage
path and runs the page file alone, without ``app.py`` — from the second run on, the sidebar
(language, sector filter) is missing. A real server decides this once per process and
``st.navigation`` turns the legacy path off. :func:`run` does the same for each run.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from pgdash.paths import ROOT

APP = ROOT / "app.py"
TIMEOUT_S = 60


@contextmanager
def navigation_pages() -> Iterator[None]:
    """Within the block, the app's ``pages/`` folder is not taken for a legacy multipage app."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    with mock.patch.object(PagesManager, "__init__", init):
        yield


def app_test(data: Path, page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """An ``AppTest`` of the app reading tables from ``data``, on ``page`` (``pages/x.py``)."""
    os.environ["PGDASH_DATA"] = str(data)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at


def run(at: AppTest, timeout: float = TIMEOUT_S) -> AppTest:
    """Run the script once, as the server would."""
    with navigation_pages():
        at.run(timeout=timeout)
    return at
