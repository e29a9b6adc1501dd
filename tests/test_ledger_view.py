"""The overview strip's cheap look at the ledger: an SQLite ledger is asked for its last
change again only when its files change (or a second has passed); a save shows at once."""

import pytest
from supervision_fixtures import ledger_url  # noqa: F401  (fixture)

from pgdash.app import ledger_view
from pgdash.supervision import ledger, summary
from pgdash.supervision.ledger import PlanTask

PLAN = [PlanTask("t01-001", 1, 1, "（一）", "economy", "建设物流基地")]


@pytest.fixture
def counted(monkeypatch):
    """Calls of summary.last_change, counted."""
    calls = []
    real = summary.last_change

    def counting(url=None):
        calls.append(url)
        return real(url)

    monkeypatch.setattr(summary, "last_change", counting)
    monkeypatch.setattr(ledger_view, "_marks", {})
    return calls


def test_an_unchanged_ledger_file_is_not_asked_again_and_a_save_shows_at_once(
    ledger_url,  # noqa: F811
    counted,
):
    ledger.sync(PLAN, ledger_url)
    first = ledger_view.last_change(ledger_url)
    assert ledger_view.last_change(ledger_url) == first
    # SQLite: the second run only looked at the files; a database server is asked each run
    assert len(counted) == (1 if ledger_url.startswith("sqlite") else 2)
    ledger.save("t01-001", 1, {"progress": 30}, "zhang", ledger_url)
    after = ledger_view.last_change(ledger_url)
    assert after != first and after == summary.last_change(ledger_url)


def test_runs_that_come_while_one_asks_take_the_last_answer_known(
    ledger_url,  # noqa: F811
    counted,
):
    """Fifty sessions opening the overview at once ask the ledger once, not fifty times."""
    ledger.sync(PLAN, ledger_url)
    first = ledger_view.last_change(ledger_url)
    ledger.save("t01-001", 1, {"progress": 30}, "zhang", ledger_url)  # the files change
    asked = len(counted)
    with ledger_view._asking:  # another run is asking right now
        assert ledger_view.last_change(ledger_url) == first  # not asked again
    assert len(counted) == asked
    after = ledger_view.last_change(ledger_url)  # the next run asks
    assert after != first and len(counted) == asked + 1
