"""填报: units report their own progress in rounds the 督查室 sets, and the office reviews.

- A **round** (填报轮次) is a period with a due date. The 督查室 (an admin) opens one with
  :func:`open_round`; without one, each month is a round of its own (``2026年7月``, due on
  the 25th). A round is in force from its first day to the later of its due date and the
  end of its first month; then the month's default round takes over.
- A **report** is a unit's word on one task in the round in force: progress, 进展情况,
  存在问题, 下步计划. A reporter reports only on the tasks its unit leads or supports; the
  check is here, in the ledger layer, whatever page or script calls (:func:`submit`).
- The 督查室 **accepts** a report (its progress becomes the record's, so the light uses the
  latest accepted report, and its 进展情况 becomes a progress note) or **returns** it with a
  reason (退回); both are lines of the task's history.
- :func:`board` says, per lead unit, who has reported in the round and who has not
  (未填报), and whether the due date has passed.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pgdash.errors import PgdashError
from pgdash.supervision import clock, db, fields, ledger
from pgdash.supervision.labels import t
from pgdash.supervision.ledger import Row
from pgdash.supervision.models import Record, Report, Round, User

SUBMITTED, ACCEPTED, RETURNED, SUPERSEDED = "submitted", "accepted", "returned", "superseded"
STATES = (SUBMITTED, ACCEPTED, RETURNED, SUPERSEDED)
STATE_ZH = {SUBMITTED: "待审核", ACCEPTED: "已采纳", RETURNED: "已退回", SUPERSEDED: "已重报"}
REPORT_ROLES = ("reporter", "editor", "admin")  # who may file a report
REVIEW_ROLES = ("admin",)  # the 督查室 accepts or returns reports and opens rounds
DUE_DAY = 25  # the default monthly round is due on the 25th
ROUND_USER = "pgdash"  # who "opened" a default monthly round


class Refused(PgdashError):
    """A refused report, review or round, worded in either language (``say(lang)``); its
    message is the English, for the command line."""

    def __init__(self, key: str, **values: object):
        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))

    def say(self, lang: str) -> str:
        """The refusal in ``lang``."""
        return t(self.key, lang, **self.values)


@dataclass(frozen=True)
class RoundView:
    """A reporting round; ``id`` is None for the month's default round not stored yet."""

    id: int | None
    label: str
    starts_on: date
    due_on: date
    auto: bool


@dataclass(frozen=True)
class ReportView:
    """A report as listed."""

    id: int
    round_id: int
    task_id: str
    unit: str
    author: str
    progress: int
    progress_text: str
    problems: str
    next_steps: str
    submitted_at: datetime
    state: str
    reviewed_by: str
    reviewed_at: datetime | None
    reason: str


@dataclass(frozen=True)
class UnitStatus:
    """One lead unit in a round: its tasks, who reported, what is missing."""

    unit: str  # "" for tasks without a lead unit yet
    tasks: int
    reported: int  # tasks with a report in the round (waiting or accepted)
    accepted: int
    waiting: int  # reports the 督查室 has not reviewed yet
    returned: int  # tasks whose latest report was returned and not filed again
    missing: tuple[str, ...]  # task ids without a report in the round (未填报)
    reporters: tuple[str, ...]  # who filed the round's reports
    overdue: bool  # the due date has passed and something is missing


def _view(r: Report) -> ReportView:
    return ReportView(
        r.id, r.round_id, r.task_id, r.unit, r.author, r.progress, r.progress_text,
        r.problems, r.next_steps, r.submitted_at, r.state, r.reviewed_by, r.reviewed_at,
        r.reason,
    )  # fmt: skip


def _round_view(r: Round) -> RoundView:
    return RoundView(r.id, r.label, r.starts_on, r.due_on, r.auto)


# --- rounds -------------------------------------------------------------------------------


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def monthly(on: date) -> RoundView:
    """The default round of ``on``'s month: 2026年7月, 1 July to the 25th."""
    return RoundView(
        None, f"{on.year}年{on.month}月", on.replace(day=1), on.replace(day=DUE_DAY), True
    )


def in_force(r: Round | RoundView, on: date) -> bool:
    """Whether round ``r`` is the round of ``on`` (see the module's docstring)."""
    return r.starts_on <= on <= max(r.due_on, month_end(r.starts_on))


def round_in(s: Session, on: date, store: bool = False) -> Round | RoundView:
    """The round in force on ``on``: the newest stored one, else the month's default
    (stored when ``store``, as a report needs a round to belong to)."""
    newest = s.scalars(
        select(Round).where(Round.starts_on <= on).order_by(Round.starts_on.desc(), Round.id.desc())
    ).first()
    if newest is not None and in_force(newest, on):
        return newest
    default = monthly(on)
    if not store:
        return default
    stored = Round(
        label=default.label,
        starts_on=default.starts_on,
        due_on=default.due_on,
        auto=True,
        created_at=clock.now_utc(),
        created_by=ROUND_USER,
    )
    s.add(stored)
    s.flush()
    return stored


def current(on: date | None = None, url: str | None = None) -> RoundView:
    """The round in force on ``on`` (default today in Beijing)."""
    with db.session(url) as s:
        found = round_in(s, on or clock.today())
        return found if isinstance(found, RoundView) else _round_view(found)


def _account(s: Session, user: str, roles: tuple[str, ...], what: str) -> User:
    account = s.scalars(select(User).where(User.name == user)).first()
    if account is None or not account.active:
        raise PgdashError(f"no active account named {user!r}; only accounts may {what}")
    if account.role not in roles:
        raise PgdashError(
            f"{user} is a {account.role}; to {what} takes the role {' or '.join(roles)}"
        )
    return account


def open_round(
    user: str,
    due_on: object = None,
    label: str = "",
    starts_on: date | None = None,
    url: str | None = None,
) -> RoundView:
    """Open a reporting round (督查室 only): from ``starts_on`` (today) to ``due_on`` (the
    25th of the month, or its last day when the 25th has passed), named ``label`` (the
    month, 2026年7月)."""
    with db.session(url) as s:
        _account(s, user, REVIEW_ROLES, "open a reporting round")  # who asks, before what
        start = starts_on or clock.today()
        try:
            due = fields.parse_date(due_on)
        except ValueError as exc:
            raise PgdashError(f"due date: {exc}") from None
        if due is None:
            due = start.replace(day=DUE_DAY) if start.day <= DUE_DAY else month_end(start)
        if due < start:
            raise Refused("err_due_before", due=due.isoformat(), start=start.isoformat())
        label = " ".join((label or "").split()) or f"{start.year}年{start.month}月"
        if len(label) > 64:
            raise PgdashError(f"round name is {len(label)} characters long; shorten it to 64")
        r = Round(
            label=label,
            starts_on=start,
            due_on=due,
            auto=False,
            created_at=clock.now_utc(),
            created_by=user,
        )
        s.add(r)
        s.flush()
        return _round_view(r)


# --- reports ------------------------------------------------------------------------------


def _text(name: str, value: object, required: bool) -> str:
    """A report's text field; ``name`` is "进展情况 (progress)": Chinese, then English."""
    text = "" if value is None else str(value).strip()
    names = {"field": name.partition(" (")[0], "field_en": name}
    if required and not text:
        raise Refused("err_text_empty", **names)
    if len(text) > fields.NOTE_LIMIT:
        raise Refused("err_text_long", n=len(text), limit=fields.NOTE_LIMIT, **names)
    return text


def submit(
    task_id: str,
    progress: object,
    progress_text: object,
    problems: object,
    next_steps: object,
    user: str,
    url: str | None = None,
    on: date | None = None,
) -> ReportView:
    """File ``user``'s report on a task in the round in force. A reporter may report only on
    the tasks its unit leads or supports; anything else is refused with the reason. A new
    report replaces the same unit's report still waiting for review in the round."""
    if progress is None or (isinstance(progress, str) and not progress.strip()):
        raise Refused("err_progress_empty")
    try:
        percent = fields.parse_progress(progress)
    except ValueError as exc:
        raise PgdashError(f"progress: {exc}") from None
    body = _text("进展情况 (progress)", progress_text, required=True)
    issues = _text("存在问题 (problems)", problems, required=False)
    plans = _text("下步计划 (next step)", next_steps, required=False)
    now = clock.now_utc()
    with db.session(url) as s:
        account = _account(s, user, REPORT_ROLES, "report on a task")
        record = s.get(Record, task_id)
        if record is None:
            raise PgdashError(f"no ledger record for task {task_id!r}; check the task id")
        if account.role == "reporter" and not ledger.serves(account.unit, record):
            raise Refused("err_not_your_task", task=task_id, unit=account.unit, user=user)
        unit = account.unit if account.role == "reporter" else record.lead_unit
        found = round_in(s, on or clock.today(), store=True)
        for old in s.scalars(
            select(Report).where(
                Report.round_id == found.id,
                Report.task_id == task_id,
                Report.unit == unit,
                Report.state == SUBMITTED,
            )
        ):
            old.state = SUPERSEDED
        report = Report(
            round_id=found.id,
            task_id=task_id,
            unit=unit,
            author=user,
            progress=percent,
            progress_text=body,
            problems=issues,
            next_steps=plans,
            submitted_at=now,
            state=SUBMITTED,
        )
        s.add(report)
        s.flush()
        line = f"{found.label} · {unit or '—'} · {percent}% · {body}"
        ledger.log(s, task_id, "report", "", line, user, "report", now)
        return _view(report)


def _waiting(s: Session, report_id: int, user: str, what: str) -> Report:
    _account(s, user, REVIEW_ROLES, what)
    report = s.get(Report, report_id)
    if report is None:
        raise PgdashError(f"no report number {report_id}; reload the list of reports")
    if report.state != SUBMITTED:
        state = report.state
        raise Refused("err_reviewed", id=report_id, state=state, state_zh=STATE_ZH[state])
    return report


def accept(report_id: int, user: str, url: str | None = None) -> list[str]:
    """Accept a report (督查室 only): its progress becomes the record's (and the status
    已完成 at 100 %, 推进中 when the task was 未启动), its 进展情况 a progress note, and
    the acceptance a line of the history. Returns the record's changed fields."""
    now = clock.now_utc()
    with db.session(url) as s:
        report = _waiting(s, report_id, user, "accept a report")
        record = s.get(Record, report.task_id)
        values: dict[str, object] = {"progress": report.progress}
        if report.progress >= 100:
            values["status"] = "done"
        elif record.status == "not_started" and report.progress > 0:
            values["status"] = "in_progress"
        changed = ledger.change_in(s, report.task_id, None, values, user, "report", now)
        day = clock.local(report.submitted_at).date()
        ledger.add_note_in(
            s, report.task_id, day, report.progress_text, report.author, "report", now, check=False
        )
        report.state, report.reviewed_by, report.reviewed_at = ACCEPTED, user, now
        ledger.log(
            s,
            report.task_id,
            "report",
            STATE_ZH[SUBMITTED],
            STATE_ZH[ACCEPTED],
            user,
            "report",
            now,
        )
        return changed


def return_report(report_id: int, reason: object, user: str, url: str | None = None) -> None:
    """Return a report to its unit with a reason (督查室 only); kept in the history."""
    why = _text("退回理由 (reason)", reason, required=False)
    if not why:
        raise Refused("err_reason")
    now = clock.now_utc()
    with db.session(url) as s:
        report = _waiting(s, report_id, user, "return a report")
        report.state, report.reviewed_by, report.reviewed_at = RETURNED, user, now
        report.reason = why
        ledger.log(
            s, report.task_id, "report", STATE_ZH[SUBMITTED], f"{STATE_ZH[RETURNED]}：{why}",
            user, "report", now,
        )  # fmt: skip


def reports(
    round_id: int | None = None, task_id: str | None = None, url: str | None = None
) -> list[ReportView]:
    """Reports of a round and/or a task, oldest first (all when neither is given)."""
    query = select(Report).order_by(Report.submitted_at, Report.id)
    if round_id is not None:
        query = query.where(Report.round_id == round_id)
    if task_id is not None:
        query = query.where(Report.task_id == task_id)
    with db.session(url) as s:
        return [_view(r) for r in s.scalars(query)]


def latest_accepted(url: str | None = None) -> dict[str, ReportView]:
    """Each task's latest accepted report (what the bulletin quotes)."""
    with db.session(url) as s:
        found = s.scalars(
            select(Report).where(Report.state == ACCEPTED).order_by(Report.reviewed_at, Report.id)
        )
        return {r.task_id: _view(r) for r in found}


def unit_rows(rows: Iterable[Row], unit: str) -> list[Row]:
    """The planned tasks ``unit`` leads, then those it supports (what a reporter sees)."""
    planned = [r for r in rows if r.in_plan]
    led = [r for r in planned if ledger.leads(unit, r.lead_unit)]
    helped = [r for r in planned if r not in led and ledger.serves(unit, r)]
    return led + helped


def board(
    rows: Iterable[Row], found: RoundView, filed: Iterable[ReportView], on: date
) -> list[UnitStatus]:
    """Per lead unit: who has reported in round ``found`` and who has not; units with
    missing reports first (overdue ones before the rest), then by name."""
    latest: dict[str, ReportView] = {}
    for r in filed:
        if r.round_id == found.id and r.state != SUPERSEDED:
            latest[r.task_id] = r  # reports come oldest first
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.in_plan:
            groups.setdefault(row.lead_unit, []).append(row)
    table = []
    for unit, members in groups.items():
        mine = [latest[r.task_id] for r in members if r.task_id in latest]
        counted = [x for x in mine if x.state in (SUBMITTED, ACCEPTED)]
        missing = tuple(
            r.task_id
            for r in members
            if r.task_id not in latest or latest[r.task_id].state == RETURNED
        )
        table.append(
            UnitStatus(
                unit=unit,
                tasks=len(members),
                reported=len(counted),
                accepted=sum(x.state == ACCEPTED for x in mine),
                waiting=sum(x.state == SUBMITTED for x in mine),
                returned=sum(x.state == RETURNED for x in mine),
                missing=missing,
                reporters=tuple(sorted({x.author for x in counted})),
                overdue=bool(missing) and on > found.due_on,
            )
        )
    return sorted(table, key=lambda u: (not u.overdue, not u.missing, u.unit == "", u.unit))
