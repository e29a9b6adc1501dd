"""The ledger summed up as plain data: light counts, counts by group, the tasks to raise.

These are the pieces the overview strip, the 督办 slide and the exports' supervision page
use (no Streamlit, no drawing): call :func:`briefing` with the tasks (and facts) table.

The database layer (SQLAlchemy, the ledger) is imported when the ledger is read, so a deck
made where no ledger exists yet does not load it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pgdash import paths
from pgdash.sectors import SECTOR_IDS
from pgdash.supervision import clock
from pgdash.supervision.fields import STATUSES
from pgdash.supervision.labels import t
from pgdash.supervision.pace import LIGHTS, Light

if TYPE_CHECKING:
    import pandas as pd

    from pgdash.supervision.ledger import Row

ALL = "all"


@dataclass(frozen=True)
class LightCounts:
    """How many tasks of the plan show each light, overall and per sector.

    Keys of ``total`` and of each ``by_sector`` value: ``red``, ``yellow``, ``green``,
    ``none`` (no deadline yet), always all four. ``by_sector`` lists the sectors that have
    tasks, in the app's sector order. Tasks that left the plan are not counted.
    """

    total: dict[str, int]
    by_sector: dict[str, dict[str, int]]
    overdue: int
    tasks: int
    reported: int = 0  # tasks whose record someone saved or noted (see ``Row.is_reported``)
    statuses: dict[str, int] = field(default_factory=dict)  # reported tasks by status
    reported_by_sector: dict[str, int] = field(default_factory=dict)  # same keys as by_sector


@dataclass(frozen=True)
class SlideRow:
    """A task to raise in the meeting: red or overdue, the worst first."""

    task_id: str
    seq: int | None
    sector: str
    text: str
    lead_unit: str
    deadline: str  # ISO date or ""
    progress: int
    pace: float | None
    behind: float | None
    light: str
    status: str
    overdue: bool
    note: str  # the latest progress note (plain text; show it as text)


@dataclass(frozen=True)
class Briefing:
    """What the overview, the slide and the export page need, on one day."""

    on: date
    counts: LightCounts
    rows: list[SlideRow]


def _count(rows: Iterable[Row]) -> dict[str, int]:
    c = Counter(r.light.value for r in rows)
    return {light.value: c.get(light.value, 0) for light in LIGHTS}


def in_scope(rows: Iterable[Row], sector: str | None = None) -> list[Row]:
    """Rows of the plan in view (and of one sector unless ``sector`` is None or "all")."""
    return [r for r in rows if r.in_plan and (not sector or sector == ALL or r.sector == sector)]


def light_counts(rows: Iterable[Row], sector: str | None = None) -> LightCounts:
    """The light counts of the planned tasks (of ``sector`` when given)."""
    rows = in_scope(rows, sector)
    order = {s: i for i, s in enumerate(SECTOR_IDS)}
    sectors = sorted({r.sector for r in rows}, key=lambda s: (order.get(s, 99), s))
    return LightCounts(
        total=_count(rows),
        by_sector={s: _count(r for r in rows if r.sector == s) for s in sectors},
        overdue=sum(r.overdue for r in rows),
        tasks=len(rows),
        reported=sum(r.is_reported for r in rows),
        statuses=status_counts(rows),
        reported_by_sector={s: sum(r.is_reported for r in rows if r.sector == s) for s in sectors},
    )


def status_counts(rows: Iterable[Row]) -> dict[str, int]:
    """The reported tasks by status, every status present (an unreported task's 未启动 is a
    default, not a report, so it is not counted here)."""
    c = Counter(r.status for r in rows if r.is_reported)
    return {status: c.get(status, 0) for status in STATUSES}


def group_counts(rows: Iterable[Row], key: str) -> list[dict[str, object]]:
    """Per ``key`` (``sector`` or ``lead_unit``): tasks, each light, ``reported``, each
    status of the reported tasks and ``not_reported`` (no one has saved or noted them: their
    status 未启动 is a default, not a report).

    Groups with red first, then by size; an empty lead unit is the group ``""``.
    """
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(getattr(r, key), []).append(r)
    table = []
    for name, members in groups.items():
        statuses = Counter(r.status for r in members if r.is_reported)
        reported = sum(r.is_reported for r in members)
        table.append(
            {
                "group": name,
                "tasks": len(members),
                **_count(members),
                "reported": reported,
                **{s: statuses.get(s, 0) for s in STATUSES},
                "not_reported": len(members) - reported,
                "overdue": sum(r.overdue for r in members),
            }
        )
    return sorted(table, key=lambda g: (-g["red"], -g["yellow"], -g["tasks"], g["group"]))


def attention(rows: Iterable[Row]) -> list[Row]:
    """Red or overdue tasks of the plan: overdue first, then the furthest behind."""
    raised = [r for r in rows if r.in_plan and (r.light is Light.RED or r.overdue)]
    return sorted(raised, key=lambda r: (not r.overdue, -(r.behind or 0), r.seq or 0))


def slide_rows(rows: Iterable[Row], limit: int | None = 8) -> list[SlideRow]:
    """The tasks a slide or an export page raises, as plain values (at most ``limit``)."""
    raised = attention(rows)
    return [
        SlideRow(
            task_id=r.task_id,
            seq=r.seq,
            sector=r.sector,
            text=r.text,
            lead_unit=r.lead_unit,
            deadline=r.deadline.isoformat() if r.deadline else "",
            progress=r.progress,
            pace=r.pace,
            behind=r.behind,
            light=r.light.value,
            status=r.status,
            overdue=r.overdue,
            note=r.note.text if r.note else "",
        )
        for r in (raised if limit is None else raised[:limit])
    ]


def briefing(
    tasks: pd.DataFrame,
    facts: pd.DataFrame | None = None,
    sector: str | None = None,
    on: date | None = None,
    limit: int | None = 8,
    url: str | None = None,
) -> Briefing:
    """Light counts and the tasks to raise for the plan in ``tasks`` (read only).

    ``tasks`` is the whole tasks table (or the sector's); ``sector`` narrows further.
    Raises :class:`pgdash.errors.PgdashError` when the ledger database cannot be used: the
    caller then leaves its supervision strip or slide out.
    """
    from pgdash.supervision import ledger

    on = on or clock.today()
    rows = in_scope(ledger.rows(ledger.plan_from_tables(tasks, facts), on, url), sector)
    return Briefing(on, light_counts(rows), slide_rows(rows, limit))


def last_change(url: str | None = None) -> tuple[int, int] | None:
    """A cheap mark of the ledger's last change, for caches of what it shows: the number of
    history lines and the newest one's id (every save, note, import and rebuild writes one).

    ``None`` when the ledger is an SQLite file that does not exist yet (nothing to show;
    the file is not created). Raises :class:`pgdash.errors.PgdashError` when the database
    cannot be used.
    """
    default = url is None and not os.environ.get("PGDASH_DB_URL", "").strip()
    if default and not (paths.state_dir() / paths.LEDGER_FILE).is_file():
        return None  # the default SQLite file, not there yet (known without SQLAlchemy)
    from sqlalchemy import func, select

    from pgdash.supervision import db
    from pgdash.supervision.models import Change

    url = url or db.db_url()
    path = db.sqlite_path(url)
    if path is not None and not path.is_file():
        return None
    with db.session(url) as s:
        count, newest = s.execute(select(func.count(Change.id), func.max(Change.id))).one()
    return int(count), int(newest or 0)


def quiet_line(counts: LightCounts, lang: str) -> str:
    """What to say when no task in view is red or overdue: "none red" only when some task
    can be judged (has a deadline); else how many tasks have no deadline and no report, and
    what to do first. The page, the overview strip, the slide and the handout all say it."""
    if reportable(counts):
        return t("red_none", lang)
    missing = counts.tasks - counts.reported
    return t("empty_ledger", lang, none=counts.total["none"], missing=missing)


def reportable(counts: LightCounts) -> bool:
    """Whether the ledger has lights to report for the plan in view: some task has a
    deadline (a view whose every task still lacks one is all grey, and left out)."""
    return counts.tasks > counts.total["none"]
