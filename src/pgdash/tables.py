"""The built tables as one ``Dataset``: the single loader of the app, the briefing and exports.

Reads every table of :data:`pgdash.schema.TABLES` (schema-checked) and the district
boundary from a data folder. Caching belongs to the caller: the app wraps
:func:`load_tables` in Streamlit's cache keyed by :func:`build_stamp`.

A build may hold the reports of several districts; :meth:`Dataset.for_district` cuts it to
one (:func:`districts` lists them, the latest last; :func:`district_slug` names one in an
address or a doc_id).
"""

import os
import re
from dataclasses import dataclass, field, replace
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
UNNAMED = "other"  # the slug of documents that name no district, among several districts
DOC_TABLES = ("facts", "tasks", "main_targets", "honours")  # rows keyed by doc_id
LEDGER_DOCS = ("target_doc_id", "result_doc_id", "baseline_doc_id", "latest_doc_id")
# The level words a district's name ends with, longest first, and their English.
DISTRICT_LEVELS = (
    ("新区", "New Area"), ("区", "District"), ("县", "County"), ("市", ""), ("省", ""),
)  # fmt: skip


def district_core(name: str) -> str:
    """The district's name without its level word: 罗湖区 and 罗湖 → 罗湖, 大鹏新区 → 大鹏."""
    core = name.strip()
    for level, _ in DISTRICT_LEVELS:
        if core.endswith(level) and len(core) > len(level) + 1:
            return core[: -len(level)]
    return core


def district_slug(name: str) -> str:
    """The district as an ASCII word for an address or a doc_id: 罗湖区 → ``luohu``,
    大鹏新区 → ``dapeng``, 上海市 → ``shanghai`` ("" for ""; 罗湖 and 罗湖区 alike)."""
    from pypinyin import lazy_pinyin  # imported when needed (not by the build: 0.3 s)

    return re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(district_core(name))).lower())


def district_english(name: str) -> str:
    """罗湖区 → "Luohu District", 上海市 → "Shanghai" (for a district without curated English)."""
    slug = district_slug(name).capitalize()
    level = next((en for zh, en in DISTRICT_LEVELS if name.strip().endswith(zh)), "")
    return f"{slug} {level}".strip()


def document_districts(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → the district it belongs to: the one it names; a document naming none
    belongs to the only district named, when there is exactly one (else to "")."""
    named = {d for d in documents["district"] if d}
    alone = next(iter(named)) if len(named) == 1 else ""
    pairs = zip(documents["doc_id"], documents["district"], strict=True)
    return {doc: (d or alone) for doc, d in pairs}


def districts(documents: pd.DataFrame) -> list[str]:
    """The districts of the documents, the district of the latest report last (latest by
    target year, then delivered year, then publication date); "" stands for documents that
    name none while several districts are named."""
    owner = document_districts(documents)
    latest: dict[str, tuple] = {}
    for doc in documents.itertuples():
        is_report = doc.kind == "work_report"
        when = (
            is_report,
            _year(doc.targets_year) if is_report else 0,
            _year(doc.delivered_year),
            str(doc.published),
        )
        district = owner[doc.doc_id]
        latest[district] = max(latest.get(district, when), when)
    return sorted(latest, key=lambda d: (latest[d], d))


def district_named(documents: pd.DataFrame, value: str | None) -> str:
    """The district ``value`` names, by name (罗湖区) or slug (``luohu``); the latest district
    when ``value`` is empty; ``PgdashError`` listing the districts for any other value."""
    names = districts(documents)
    if not value:
        return names[-1] if names else ""
    for name in names:
        if value in (name, district_slug(name) or UNNAMED):
            return name
    known = ", ".join(f"{district_slug(n) or UNNAMED} ({n or '-'})" for n in names)
    raise PgdashError(f"no documents of district {value!r}; the data hold {known}")


def _year(value: object) -> int:
    return 0 if pd.isna(value) else int(value)


def by_sector(frame: pd.DataFrame, sector: str | None) -> pd.DataFrame:
    """Rows of ``frame`` in ``sector`` (all rows for ``None`` or ``"all"``)."""
    if not sector or sector == ALL:
        return frame
    return frame[frame["sector"] == sector].reset_index(drop=True)


@dataclass(frozen=True)
class Dataset:
    """Every built table, plus the district boundaries and when the build was made."""

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
    # every district's outline (the build's boundary.geojson); ``boundary`` is the one in view
    boundaries: dict = field(default_factory=dict)

    @property
    def home(self) -> str:
        """The district the curated files, the map context and the committed boundary are of."""
        return boundary_name(self.boundaries or self.boundary)

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

    def for_district(self, district: str | None) -> "Dataset":
        """The same data cut to one district's documents and what comes from them, its
        ledger rows (all their documents its own) and, for any district but the home one,
        no curated sites or map context and its own outline if one was added. Unchanged when the
        documents are of one district, or for ``None``; the cut gets its own cache stamp."""
        owner = document_districts(self.documents)
        if district is None or len(set(owner.values())) < 2:
            return self
        ids = {doc for doc, d in owner.items() if d == district}
        cut = {name: _of_documents(getattr(self, name), ids) for name in DOC_TABLES}
        ledger = self.comparisons
        own = pd.Series(True, index=ledger.index)
        for column in LEDGER_DOCS:
            own &= ledger[column].isin(ids) | (ledger[column].fillna("") == "")
        return replace(
            self,
            documents=_of_documents(self.documents, ids),
            comparisons=ledger[own].reset_index(drop=True),
            stamp=hash((self.stamp, "district", district)),
            **cut,
            **self._geography(district),
        )

    def _geography(self, district: str) -> dict:
        """For any district but the home one: its own outline, if one was added (else
        none), and no curated sites or map context (those are the home district's)."""
        if same_district(district, self.home):
            return {}
        outline = outline_of(self.boundaries, district)
        return {"sites": self.sites.iloc[0:0], "boundary": outline, "context": {}}

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


def _of_documents(frame: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    if "doc_id" not in frame.columns:
        return frame
    return frame[frame["doc_id"].isin(ids)].reset_index(drop=True)


def same_district(a: str, b: str) -> bool:
    """Whether two names are of one district (罗湖 and 罗湖区 are); "" is of none."""
    return bool(a and b) and district_core(a) == district_core(b)


def _features(geojson: dict) -> list[dict]:
    if not isinstance(geojson, dict):
        return []
    return geojson.get("features", [geojson] if geojson.get("type") == "Feature" else [])


def feature_district(feature: dict) -> str:
    """The district a boundary feature outlines (its ``district``, else its ``name``)."""
    properties = feature.get("properties") or {}
    return str(properties.get("district") or properties.get("name") or "")


def outline_of(boundaries: dict, district: str) -> dict:
    """The features of ``boundaries`` that outline ``district``, as a FeatureCollection
    ({} when it has none)."""
    own = [f for f in _features(boundaries) if same_district(feature_district(f), district)]
    return {"type": "FeatureCollection", "features": own} if own else {}


def boundary_name(boundary: dict) -> str:
    """The district the boundary's first feature outlines (the committed one's, in a
    build's ``boundaries``), or ""."""
    for feature in _features(boundary):
        name = feature_district(feature)
        if name:
            return name
    return ""


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


def with_as_of(facts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``facts`` with ``as_of``: for a figure to date (period ``cumulative``), when its
    document counted it: a work report's at the end of the year it reviews ("2022-end": its
    review of 2022 counts to the end of 2022, though delivered in 2023), another document's
    at its date ("2024-08"); "" for every other figure. A 累计 figure of 2022 and one of
    2024 then read apart."""
    counted = {
        doc: f"{int(reviews)}-end" if pd.notna(reviews) else str(published)[:7]
        for doc, reviews, published in zip(
            documents["doc_id"], documents["reviews_year"], documents["published"], strict=True
        )
    }
    as_of = [
        counted.get(doc, "") if period == "cumulative" else ""
        for doc, period in zip(facts["doc_id"], facts["period"], strict=True)
    ]
    return facts.assign(as_of=as_of)


def sides_as_of(comparisons: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """``comparisons`` with ``<side>_as_of`` for each side that names a fact: that fact's
    ``as_of`` (see :func:`with_as_of`)."""
    as_of = dict(zip(facts["fact_id"], facts["as_of"], strict=True))
    columns = [c for c in comparisons.columns if c.endswith("_fact_id")]
    return comparisons.assign(
        **{
            c.removesuffix("_fact_id") + "_as_of": [as_of.get(f, "") for f in comparisons[c]]
            for c in columns
        }
    )


def load_tables(folder: Path, stamp: int = 0) -> Dataset:
    """Every table from ``folder``; ``PgdashError`` naming the file if any is unusable."""
    folder = Path(folder)
    tables = {name: read_table(name, folder) for name in TABLES}
    for name in REQUIRED:
        if tables[name].empty:
            raise PgdashError(f"{folder / name}.parquet has no rows; {REBUILD}")
    mtime = max((folder / f"{n}.parquet").stat().st_mtime for n in TABLES)
    boundaries = read_boundary(folder)
    tables["facts"] = with_as_of(tables["facts"], tables["documents"])
    tables["comparisons"] = sides_as_of(tables["comparisons"], tables["facts"])
    data = Dataset(
        **tables,
        boundary=outline_of(boundaries, boundary_name(boundaries)) or boundaries,
        boundaries=boundaries,
        context=read_context(folder),
        built_at=datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M"),
        stamp=stamp,
    )
    named = set(document_districts(data.documents).values())
    only = named.pop() if len(named) == 1 else ""  # one district's documents: its map
    return replace(data, **data._geography(only)) if only else data
