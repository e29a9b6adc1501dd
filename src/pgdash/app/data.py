"""The built tables for the app: loaded once per process and build, and per-build memos.

Both are shared by every session (``st.cache_resource``), not copied per run: the tables
and what is computed from them are read-only (pandas copies on write), and unpickling a
copy of every table on every run cost tens of milliseconds under load.
"""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from pgdash.paths import data_dir
from pgdash.tables import Dataset, build_stamp, load_tables

T = TypeVar("T")


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, stamp: int) -> Dataset:
    return load_tables(Path(folder), stamp)


def load_dataset(folder: Path | None = None) -> Dataset:
    """Every table from ``folder`` (default ``data/``); ``PgdashError`` if any is unusable."""
    folder = Path(folder) if folder else data_dir()
    return _load(str(folder), build_stamp(folder))


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


@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(name: str, stamp: int, sector: str, args: tuple, _func: Callable, _data: Dataset):
    return _func(_data, *args)
