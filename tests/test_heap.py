"""The app server's long-lived objects are kept out of the garbage collector's way."""

import gc
import itertools
import weakref
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pgdash.app import heap
from pgdash.app.data import load_dataset

_keys = itertools.count()


class Node:
    """A weak-referenceable object that can sit in a reference cycle."""

    other: object = None


def cycle() -> weakref.ref:
    """Two nodes referring to each other (only a collection frees them); a weak reference
    to one of them."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture(autouse=True)
def thawed(monkeypatch):
    """Freezing on, as in a server (the other tests turn it off); afterwards the test
    process as it was: nothing frozen."""
    monkeypatch.setenv("PGDASH_FREEZE", "1")
    yield
    gc.unfreeze()


def test_freezing_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("PGDASH_FREEZE", "0")
    assert not heap.settle(("build", next(_keys)))
    assert gc.get_freeze_count() == 0


def test_settle_freezes_what_is_alive_once_per_key():
    key = ("build", next(_keys))
    assert heap.settle(key)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    kept = [Node() for _ in range(100)]  # made after: not frozen by the same key again
    assert not heap.settle(key)
    assert gc.get_freeze_count() == frozen
    assert kept


def test_settle_collects_garbage_before_it_freezes():
    dead = cycle()  # garbage already: no name holds it
    assert dead() is not None
    assert heap.settle(("build", next(_keys)))
    assert dead() is None  # collected, not frozen alive


def test_what_a_freeze_held_is_collected_at_the_next_settle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    ref = weakref.ref(a)
    heap.settle(("build", next(_keys)))  # the cycle is alive: frozen
    del a, b
    gc.collect()
    assert ref() is not None  # a frozen cycle is out of the collector's reach ...
    heap.settle(("build", next(_keys)))
    assert ref() is None  # ... until the next page of a build unfreezes and collects


def test_a_page_run_settles_the_heap_of_its_build(app_data, built_data):
    app_data(built_data)
    stamp = load_dataset().stamp
    heap._settled.difference_update({k for k in heap._settled if k[0] == stamp})
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert any(key[0] == stamp for key in heap._settled)
    assert gc.get_freeze_count() > 0
