"""What the app shares between sessions: one memo per process, pages that leave it as it
was, navigation pages copied per run, and HTML sent as made."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pgdash.app.context import sector_data
from pgdash.app.data import load_dataset, shared
from pgdash.display.fragments import Html
from pgdash.paths import ROOT
from pgdash.tables import TABLES

APP = str(ROOT / "app.py")
PAGES = ["overview", "targets", "map", "sectors", "tasks", "sources", "presentation"]


def test_shared_keys_on_the_arguments_not_starting_with_an_underscore() -> None:
    calls = []

    @shared(max_entries=2)
    def square(n: int, _note: list) -> list[int]:
        calls.append(n)
        return [n * n]

    first = square(3, ["a"])
    assert square(3, ["b"]) is first  # "_note" is not part of the key
    assert calls == [3]
    square(4, [])
    square(5, [])  # two entries at most: 3, the oldest, goes
    assert square(4, []) == [16] and calls == [3, 4, 5]
    assert square(3, []) is not first and calls == [3, 4, 5, 3]


def test_shared_does_not_remember_a_failure() -> None:
    attempts = []

    @shared()
    def flaky(n: int) -> int:
        attempts.append(n)
        if len(attempts) == 1:
            raise ValueError("first time")
        return n

    with pytest.raises(ValueError):
        flaky(1)
    assert flaky(1) == 1 and attempts == [1, 1]


def test_a_sector_cut_is_made_once_per_build_and_sector(built) -> None:
    first = sector_data(built, "agritech")
    assert sector_data(built, "agritech") is first
    assert set(first.facts["sector"]) <= {"agritech"}
    assert sector_data(built, "logistics") is not first


def _navigation_script() -> None:
    """Runs under AppTest: st.Page needs a running app."""
    import streamlit as st

    from pgdash.app import navigation
    from pgdash.paths import ROOT

    specs = (("overview.py", "page_overview", ":material/dashboard:"), ("nope.py", "x", ""))
    one = navigation.pages(ROOT / "pages", specs, "en", 2023)
    two = navigation.pages(ROOT / "pages", specs, "en", 2023)
    chinese = navigation.pages(ROOT / "pages", specs, "zh", 2023)
    st.text(" ".join(p.title for p in one))
    st.text(" ".join(p.title for p in two))
    st.text(" ".join(p.title for p in chinese))
    st.text(str(one[0] is two[0]))


def test_navigation_pages_are_fresh_copies_of_one_set() -> None:
    at = AppTest.from_function(_navigation_script).run()
    assert not at.exception
    one, two, chinese, same = (e.value for e in at.text)
    assert one == two == "Overview"  # nope.py does not exist: left out
    assert chinese == "总览"
    assert same == "False"  # Streamlit marks the page it runs on the object itself


def test_html_made_by_pgdash_is_sent_as_it_is() -> None:
    body = "  <div>\n    indented</div>"
    assert Html(body)._repr_html_() == body  # st.html would dedent and strip a plain str


def _fingerprint(data) -> dict[str, int]:
    return {
        name: int(pd.util.hash_pandas_object(getattr(data, name).astype(str)).sum())
        for name in TABLES
    }


@pytest.mark.parametrize("sector", ["all", "agritech"])
def test_no_page_changes_the_data_every_session_shares(app_data, built_data, sector) -> None:
    app_data(built_data)
    shared_data = load_dataset(built_data)
    before = _fingerprint(shared_data)
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["sector"] = sector
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.message for e in at.exception])
    assert load_dataset(built_data) is shared_data
    assert _fingerprint(shared_data) == before
