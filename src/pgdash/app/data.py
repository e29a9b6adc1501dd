"""The built tables for the app, and what is computed from them, shared by every session.

Both are held once per process (:func:`shared`), not copied per run: the tables and what
is computed from them are read-only (pandas copies on write). Under fifty sessions at once
every millisecond of a run counts fifty times: unpickling a copy of every table
(``st.cache_data``) cost tens of milliseconds per run, and even ``st.cache_resource``'s
own bookkeeping (hashing the arguments, locks, statistics) about 0.2 ms per call.
"""

import functools
import inspect
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pgdash.paths import data_dir
from pgdash.tables import Dataset, build_stamp, load_tables

T = TypeVar("T")
_memos: list[dict] = []  # every shared memo, so a rebuild can empty them all
_stamps: dict[str, int] = {}  # data folder → the build stamp last seen


def shared(max_entries: int = 64) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise a function for the whole process, keyed by its arguments whose names do
    not start with ``_`` (those must be hashable; the others are what the key names).

    A plain bounded dictionary: the oldest entry goes first; two sessions asking for the
    same new value at once may both compute it; an exception is not remembered. Keys
    carry the build stamp, and a rebuild empties every memo (:func:`load_dataset`).
    """

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        names = list(inspect.signature(func).parameters)
        keyed = [i for i, name in enumerate(names) if not name.startswith("_")]
        memo: dict[tuple, T] = {}
        lock = threading.Lock()
        _memos.append(memo)

        @functools.wraps(func)
        def cached(*args: object) -> T:
            key = tuple(args[i] for i in keyed)
            try:
                return memo[key]
            except KeyError:
                pass
            value = func(*args)
            with lock:
                while len(memo) >= max_entries:
                    memo.pop(next(iter(memo)))
                memo[key] = value
            return value

        return cached

    return decorate


@shared(max_entries=4)
def _load(folder: str, stamp: int) -> Dataset:
    return load_tables(Path(folder), stamp)


def load_dataset(folder: Path | None = None) -> Dataset:
    """Every table from ``folder`` (default ``data/``); ``PgdashError`` if any is unusable.

    When the folder has been rebuilt, every shared memo is emptied first: what was made
    from the previous build is not kept alive beside the new one.
    """
    folder = Path(folder) if folder else data_dir()
    path, stamp = os.path.abspath(folder), build_stamp(folder)
    if _stamps.setdefault(path, stamp) != stamp:
        _stamps[path] = stamp
        for memo in _memos:
            memo.clear()
    return _load(path, stamp)


def per_build(func: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``func(data, *args)`` per build, sector and ``args`` (hashable values).

    Page computations (tiles, slides) then run once per view and build for every
    session, not on every rerun; callers must not change what they get.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def cached(data: Dataset, *args: object) -> T:
        return _memo(name, data.stamp, data.sector, args, func, data)

    return cached


@shared(max_entries=512)
def _memo(name: str, stamp: int, sector: str, args: tuple, _func: Callable, _data: Dataset):
    return _func(_data, *args)
