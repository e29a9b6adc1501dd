"""督办通报: what the office's periodic bulletin says, gathered from the ledger as plain data.

The round's summary (tasks by light and by status, overall progress), the red and overdue
tasks with their lead units and what was reported, the units that have not reported in the
round, and the praise list of tasks finished before their deadline. Drawing it as Word or
PDF is the export layer's (``pgdash.export.bulletin``).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from pgdash.supervision import clock, db, ledger, reports, summary
from pgdash.supervision.fields import STATUSES
from pgdash.supervision.ledger import PlanTask, Row
from pgdash.supervision.models import Change
from pgdash.supervision.reports import ReportView, RoundView, UnitStatus


@dataclass(frozen=True)
class Item:
    """A task the bulletin names, with what its unit last reported."""

    task_id: str
    seq: int | None
    text: str
    lead_unit: str
    deadline: date | None
    progress: int
    pace: float | None
    light: str
    overdue: bool
    reported: str  # the latest accepted report's 进展情况, else the latest note, else ""
    problems: str  # 存在问题 of the latest accepted report
    done_on: date | None = None  # for the praise list: the day it was reported done


@dataclass(frozen=True)
class Bulletin:
    """Everything one issue of the 督办通报 says."""

    district: str
    number: int
    on: date
    round: RoundView
    tasks: int
    lights: dict[str, int]  # red, yellow, green, none
    overdue: int
    statuses: dict[str, int]  # each status of the reported tasks, and "not_reported"
    reported: int
    mean_progress: float | None  # over the reported tasks
    raised: list[Item]
    missing: list[UnitStatus]  # units with tasks not reported in the round
    early: list[Item]


def _item(r: Row, accepted: ReportView | None, done_on: date | None = None) -> Item:
    said = accepted.progress_text if accepted else (r.note.text if r.note else "")
    return Item(
        task_id=r.task_id,
        seq=r.seq,
        text=r.text,
        lead_unit=r.lead_unit,
        deadline=r.deadline,
        progress=r.progress,
        pace=r.pace,
        light=r.light.value,
        overdue=r.overdue,
        reported=said,
        problems=accepted.problems if accepted else "",
        done_on=done_on,
    )


def done_days(url: str | None = None) -> dict[str, date]:
    """The day (Beijing) each task was last recorded as done: status 已完成 or progress 100."""
    with db.session(url) as s:
        found = s.scalars(
            select(Change)
            .where(
                or_(
                    (Change.field == "status") & (Change.new_value == "已完成"),
                    (Change.field == "progress") & (Change.new_value == "100"),
                )
            )
            .order_by(Change.changed_at)
        )
        return {c.task_id: clock.local(c.changed_at).date() for c in found}


def gather(
    plan: list[PlanTask],
    on: date | None = None,
    number: int | None = None,
    district: str = "",
    url: str | None = None,
) -> Bulletin:
    """The bulletin of ``on`` (default today): number ``number`` (default the month's)."""
    on = on or clock.today()
    rows = summary.in_scope(ledger.rows(plan, on, url))
    found = reports.current(on, url)
    filed = reports.reports(found.id, url=url) if found.id is not None else []
    accepted = reports.latest_accepted(url)
    counts = summary.light_counts(rows)
    reported = [r for r in rows if r.is_reported]
    statuses = Counter(r.status for r in reported)
    finished = done_days(url)
    early = [
        _item(r, accepted.get(r.task_id), finished.get(r.task_id))
        for r in rows
        if r.deadline is not None
        and (r.status == "done" or r.progress >= 100)
        and finished.get(r.task_id, on) < r.deadline
    ]
    return Bulletin(
        district=district,
        number=number if number is not None else on.month,
        on=on,
        round=found,
        tasks=counts.tasks,
        lights=counts.total,
        overdue=counts.overdue,
        statuses={
            **{s: statuses.get(s, 0) for s in STATUSES},
            "not_reported": len(rows) - len(reported),
        },
        reported=len(reported),
        mean_progress=(sum(r.progress for r in reported) / len(reported)) if reported else None,
        raised=[_item(r, accepted.get(r.task_id)) for r in summary.attention(rows)],
        missing=[u for u in reports.board(rows, found, filed, on) if u.missing],
        early=sorted(early, key=lambda i: i.seq or 0),
    )
