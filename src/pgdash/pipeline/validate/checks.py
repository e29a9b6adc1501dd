"""Validate stage: cross-table checks that every built table must pass before it is written."""

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.schema import PAIR_REASONS, TABLES
from pgdash.sectors import SECTOR_IDS

FACT_KINDS = ("actual", "estimate", "target", "plan")
COMPARATORS = ("=", ">=", "<=", "~", "nearly")
# A generous box around Pinggu District (WGS84); sites outside it are typos.
LAT_RANGE = (39.9, 40.5)
LON_RANGE = (116.8, 117.5)


def _fail(table: str, message: str) -> None:
    raise PgdashError(f"table {table}: {message}")


def _check_values(df: pd.DataFrame, table: str, column: str, allowed: tuple[str, ...]) -> None:
    bad = sorted(set(df[column]) - set(allowed))
    if bad:
        _fail(table, f"column {column} has unknown value(s) {bad}; allowed: {', '.join(allowed)}")


# Seeds of a district without curated English have none: the English shows the original.
MAY_BE_EMPTY = ("translations",)


def check_shape(tables: dict[str, pd.DataFrame]) -> None:
    """Every table has its schema's columns and at least one row, except the translations
    and a table whose curated entries no document names (``attrs["unmatched"]``: the
    places of seeds of another district)."""
    for name, frame in tables.items():
        missing = [c for c in TABLES[name].names if c not in frame.columns]
        if missing:
            _fail(name, f"missing column(s) {', '.join(missing)}")
        if frame.empty and name not in MAY_BE_EMPTY and not frame.attrs.get("unmatched"):
            _fail(name, "has no rows; check the seeds and the curated files")


def check_facts(facts: pd.DataFrame, texts: dict[str, str]) -> None:
    """Facts have unique ids, known categories, and offsets that point at their number."""
    if facts["fact_id"].duplicated().any():
        dup = facts.loc[facts["fact_id"].duplicated(), "fact_id"].iloc[0]
        _fail("facts", f"fact_id {dup!r} occurs twice")
    _check_values(facts, "facts", "sector", SECTOR_IDS)
    _check_values(facts, "facts", "kind", FACT_KINDS)
    _check_values(facts, "facts", "comparator", COMPARATORS)
    _check_values(facts, "facts", "doc_id", tuple(texts))
    for row in facts.itertuples():
        text = texts[row.doc_id]
        if text[row.start : row.end] != row.raw:
            _fail("facts", f"{row.fact_id}: offsets {row.start}-{row.end} do not hold {row.raw!r}")
        if text[row.quote_start : row.quote_end] != row.quote:
            _fail("facts", f"{row.fact_id}: its quote is not at {row.quote_start}-{row.quote_end}")
        if not row.quote_start <= row.start < row.end <= row.quote_end:
            _fail("facts", f"{row.fact_id}: the number lies outside its quote")


def _check_fact_refs(df: pd.DataFrame, table: str, columns: list[str], ids: set[str]) -> None:
    for column in columns:
        for value in df[column]:
            refs = list(value) if not isinstance(value, str) else ([value] if value else [])
            unknown = [r for r in refs if r not in ids]
            if unknown:
                _fail(table, f"column {column} names unknown fact {unknown[0]!r}")


def check_related(
    comparisons: pd.DataFrame, tasks: pd.DataFrame, sites: pd.DataFrame, facts: pd.DataFrame
) -> None:
    """Comparisons, tasks and sites refer only to existing facts and sectors."""
    ids = set(facts["fact_id"])
    _check_fact_refs(
        comparisons, "comparisons", [c for c in comparisons.columns if c.endswith("fact_id")], ids
    )
    _check_fact_refs(tasks, "tasks", ["fact_ids"], ids)
    _check_fact_refs(sites, "sites", ["fact_ids"], ids)
    for name, df in (("comparisons", comparisons), ("tasks", tasks), ("sites", sites)):
        _check_values(df, name, "sector", SECTOR_IDS)
    _check_values(comparisons, "comparisons", "pair_reason", ("", *PAIR_REASONS))
    scores = comparisons.loc[comparisons["pair_reason"] != "", "pair_score"]
    if not scores.between(0, 100).all():
        _fail("comparisons", "column pair_score must be 0–100 wherever pair_reason is set")
    if sites["site_id"].duplicated().any():
        _fail("sites", "site_id values are not unique")
    outside = sites[~sites["lat"].between(*LAT_RANGE) | ~sites["lon"].between(*LON_RANGE)]
    if not outside.empty:
        _fail("sites", f"{outside['site_id'].iloc[0]} lies outside the Pinggu area")


def _check_clauses(df: pd.DataFrame, table: str, texts: dict[str, str]) -> None:
    """Each row's ``clause`` is the text at its offsets in its document."""
    _check_values(df, table, "doc_id", tuple(texts))
    for row in df.itertuples():
        if texts[row.doc_id][row.start : row.end] != row.clause:
            _fail(table, f"{row.doc_id} @{row.start}: the clause is not at {row.start}-{row.end}")


def check_passages(
    honours: pd.DataFrame, main_targets: pd.DataFrame, facts: pd.DataFrame, texts: dict[str, str]
) -> None:
    """Honours and main targets quote their documents exactly and name known facts."""
    _check_clauses(honours, "honours", texts)
    _check_values(honours, "honours", "sector", SECTOR_IDS)
    twice = honours.duplicated(["doc_id", "title"])  # one report names each honour once
    if twice.any():
        _fail("honours", f"title {honours.loc[twice, 'title'].iloc[0]!r} occurs twice")
    _check_clauses(main_targets, "main_targets", texts)
    _check_fact_refs(main_targets, "main_targets", ["fact_ids"], set(facts["fact_id"]))


def check_tasks(tasks: pd.DataFrame, texts: dict[str, str]) -> None:
    """Each task sentence is the text at its offsets in its report; ids are unique."""
    _check_values(tasks, "tasks", "doc_id", tuple(texts))
    for row in tasks.itertuples():
        if texts[row.doc_id][row.start : row.end] != row.sentence:
            _fail("tasks", f"{row.task_id}: the sentence is not at {row.start}-{row.end}")
    if tasks["task_id"].duplicated().any():
        _fail(
            "tasks",
            f"task_id {tasks.loc[tasks['task_id'].duplicated(), 'task_id'].iloc[0]!r} occurs twice",
        )
