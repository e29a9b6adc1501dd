"""The built tables, loaded once per process and per build, and cut by sector."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from pgdash.errors import PgdashError
from pgdash.paths import data_dir
from pgdash.schema import BOUNDARY_FILE, REBUILD, TABLES, read_boundary, read_table

BOUNDARY = BOUNDARY_FILE
ALL = "all"
T = TypeVar("T")


@dataclass(frozen=True)
class Dataset:
    """Every table the app shows, plus the district boundary."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    comparisons: pd.DataFrame
    tasks: pd.DataFrame
    sites: pd.DataFrame
    boundary: dict
    built_at: str  # local time of the build, "YYYY-MM-DD HH:MM"
    stamp: int = 0  # identifies the build the tables come from (a cache key)
    sector: str = ALL  # the sector the sectored tables are cut to

    @property
    def as_of(self) -> str:
        """The publication date of the newest source document."""
        dates = sorted(str(d) for d in self.documents["published"] if d)
        return dates[-1] if dates else ""

    def for_sector(self, sector: str | None) -> "Dataset":
        """The same data with facts, comparisons, tasks and sites of one sector only."""
        if not sector or sector == ALL:
            return self
        return replace(
            self,
            sector=sector,
            facts=by_sector(self.facts, sector),
            comparisons=by_sector(self.comparisons, sector),
            tasks=by_sector(self.tasks, sector),
            sites=by_sector(self.sites, sector),
        )

    @cached_property
    def _documents_by_id(self) -> dict[str, dict]:
        return {row["doc_id"]: row for row in self.documents.to_dict("records")}

    def document(self, doc_id: str) -> dict | None:
        """The documents row of ``doc_id`` as a dict, if any (a lookup, not a filter)."""
        return self._documents_by_id.get(doc_id)


def per_build(func: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``func(data, *args)`` per build, sector and ``args`` (hashable values).

    Page computations (tiles, slides) then run once per view, not on every rerun; the
    result is pickled by ``st.cache_data``, so each session gets its own copy.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def cached(data: "Dataset", *args: object) -> T:
        return _memo(name, data.stamp, data.sector, args, func, data)

    return cached


@st.cache_data(show_spinner=False, max_entries=256)
def _memo(name: str, stamp: int, sector: str, args: tuple, _func: Callable, _data: "Dataset"):
    return _func(_data, *args)


def by_sector(frame: pd.DataFrame, sector: str | None) -> pd.DataFrame:
    """Rows of ``frame`` in ``sector`` (all rows for ``None`` or ``"all"``)."""
    if not sector or sector == ALL:
        return frame
    return frame[frame["sector"] == sector].reset_index(drop=True)


def _stamp(folder: Path) -> int:
    """Changes whenever any table file changes, so a rebuild reaches running apps."""
    names = [f"{name}.parquet" for name in TABLES] + [BOUNDARY]
    stamps = [(folder / n).stat().st_mtime_ns for n in names if (folder / n).exists()]
    return hash((str(folder.resolve()) if folder.exists() else str(folder), tuple(stamps)))


@st.cache_data(show_spinner=False, max_entries=4)
def _load(folder: str, stamp: int) -> Dataset:
    path = Path(folder)
    tables = {name: read_table(name, path) for name in TABLES}
    for name in ("documents", "facts"):  # without these no page has anything to show
        if tables[name].empty:
            raise PgdashError(f"{path / name}.parquet has no rows; {REBUILD}")
    mtime = max((path / f"{n}.parquet").stat().st_mtime for n in TABLES)
    return Dataset(
        **tables,
        boundary=read_boundary(path),
        built_at=datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M"),
        stamp=stamp,
    )


def load_dataset(folder: Path | None = None) -> Dataset:
    """Every table from ``folder`` (default ``data/``); ``PgdashError`` if any is unusable."""
    folder = Path(folder) if folder else data_dir()
    return _load(str(folder), _stamp(folder))
