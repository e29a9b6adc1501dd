"""The built tables as one ``Dataset``: the single loader of the app, the briefing and exports.

Reads every table of :data:`pgdash.schema.TABLES` (schema-checked) and the district
boundary from a data folder. Caching belongs to the caller: the app wraps
:func:`load_tables` in Streamlit's cache keyed by :func:`build_stamp`.
"""

import os
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.schema import (
    BOUNDARY_FILE,
    CONTEXT_FILE,
    REBUILD,
    TABLES,
    read_boundary,
    read_context,
    read_table,
)

ALL = "all"  # the sector filter's "every sector"
SECTORED = ("facts", "comparisons", "tasks", "sites", "honours")  # tables cut by sector
REQUIRED = ("documents", "facts")  # without these no page has anything to show


def by_sector(frame: pd.DataFrame, sector: str | None) -> pd.DataFrame:
    """Rows of ``frame`` in ``sector`` (all rows for ``None`` or ``"all"``)."""
    if not sector or sector == ALL:
        return frame
    return frame[frame["sector"] == sector].reset_index(drop=True)


@dataclass(frozen=True)
class Dataset:
    """Every built table, plus the district boundary and when the build was made."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    comparisons: pd.DataFrame
    tasks: pd.DataFrame
    sites: pd.DataFrame
    honours: pd.DataFrame
    main_targets: pd.DataFrame
    translations: pd.DataFrame
    boundary: dict
    context: dict  # the map's context: neighbours, rivers, lake, roads, rail (``kind`` each)
    built_at: str  # local time of the build, "YYYY-MM-DD HH:MM"
    stamp: int = 0  # identifies the build the tables come from (a cache key)
    sector: str = ALL  # the sector the sectored tables are cut to

    @property
    def as_of(self) -> str:
        """The publication date of the newest source document."""
        dates = sorted(str(d) for d in self.documents["published"] if d)
        return dates[-1] if dates else ""

    def for_sector(self, sector: str | None) -> "Dataset":
        """The same data with the sectored tables cut to one sector."""
        if not sector or sector == ALL:
            return self
        cut = {name: by_sector(getattr(self, name), sector) for name in SECTORED}
        return replace(self, sector=sector, **cut)

    @cached_property
    def _documents_by_id(self) -> dict[str, dict]:
        return {row["doc_id"]: row for row in self.documents.to_dict("records")}

    @cached_property
    def english(self) -> dict[str, str]:
        """Curated English keyed by the Chinese it translates (from ``translations``)."""
        return dict(zip(self.translations["zh"], self.translations["en"], strict=True))

    def document(self, doc_id: str) -> dict | None:
        """The documents row of ``doc_id`` as a dict, if any (a lookup, not a filter)."""
        return self._documents_by_id.get(doc_id)


def table_files(folder: Path) -> list[Path]:
    """The files of a build: one Parquet file per table, the boundary and the map context."""
    return [folder / f"{name}.parquet" for name in TABLES] + [
        folder / BOUNDARY_FILE,
        folder / CONTEXT_FILE,
    ]


def build_stamp(folder: Path) -> int:
    """Changes whenever any table file changes, so a rebuild reaches running apps."""
    stamps = []
    for path in table_files(folder):  # one system call per file: the app asks every run
        try:
            stamps.append(path.stat().st_mtime_ns)
        except OSError:
            continue
    return hash((os.path.abspath(folder), tuple(stamps)))


def load_tables(folder: Path, stamp: int = 0) -> Dataset:
    """Every table from ``folder``; ``PgdashError`` naming the file if any is unusable."""
    folder = Path(folder)
    tables = {name: read_table(name, folder) for name in TABLES}
    for name in REQUIRED:
        if tables[name].empty:
            raise PgdashError(f"{folder / name}.parquet has no rows; {REBUILD}")
    mtime = max((folder / f"{n}.parquet").stat().st_mtime for n in TABLES)
    return Dataset(
        **tables,
        boundary=read_boundary(folder),
        context=read_context(folder),
        built_at=datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M"),
        stamp=stamp,
    )
