"""The ledger: one record per task of the plan, read with its light, changed with history.

- :func:`sync` gives every task of ``tasks.parquet`` a record, marks a record whose task
  text changed and keeps (never deletes) a record whose task left the plan.
- :func:`rows` joins the plan and the records into :class:`Row` s with their light on a day.
- :func:`save` changes fields under optimistic locking: a save made on an older version is
  refused with a :class:`Conflict` naming who changed the record and when.
- Every change is kept in ``sv_change``: who, when, which field, old → new.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pgdash.errors import PgdashError
from pgdash.schema import read_table
from pgdash.supervision import clock, db, fields
from pgdash.supervision.models import Change, Note, Record, User
from pgdash.supervision.pace import Light, assess
from pgdash.tables import district_named, document_districts

TASK_LOCAL = re.compile(r"-?t\d+-\d+$")  # the sentence part of a task id (t01-004)
SYNC_USER = "pgdash"  # the name history shows for changes a rebuild brought
COMPARATORS = {"=": "", ">=": "≥", "<=": "≤", "~": "约"}
UNIT_SPLIT = re.compile(r"[、，,;；/\s]+")


@dataclass(frozen=True)
class PlanTask:
    """A task of the plan in view, with the target figures its sentence states."""

    task_id: str
    seq: int  # 1-based position in the plan
    section_no: int
    section_title: str
    sector: str
    text: str
    targets: tuple[str, ...] = ()
    targets_en: tuple[str, ...] = ()  # the same figures in English, when the plan was given them


def plan_from_tables(
    tasks: pd.DataFrame,
    facts: pd.DataFrame | None = None,
    figure: Callable[[Mapping[str, object], str], str] | None = None,
) -> list[PlanTask]:
    """The plan from the ``tasks`` table (and ``facts``, for the target figures).

    ``figure`` writes a fact row's figure in a language ("地区生产总值增速 5%左右", "GDP growth
    about 5%") as every page writes it; the display layer has the formatter, this package
    does not import it. Without it the Chinese figures are put together from the text's own
    number and no English ones are made.
    """
    figures: dict[str, str] = {}
    figures_en: dict[str, str] = {}
    if facts is not None and not facts.empty:
        for f in facts.to_dict("records"):
            if f["kind"] in ("target", "plan"):
                if figure is not None:
                    figures[f["fact_id"]] = figure(f, "zh")
                    figures_en[f["fact_id"]] = figure(f, "en")
                    continue
                comparator = COMPARATORS.get(f["comparator"], "近" if f["comparator"] else "")
                strive = "力争" if f.get("strive") else ""
                figures[f["fact_id"]] = f"{f['metric']} {strive}{comparator}{f['raw']}"
    return [
        PlanTask(
            task_id=str(t.task_id),
            seq=i,
            section_no=int(t.section_no),
            section_title=str(t.section_title),
            sector=str(t.sector),
            text=str(t.sentence),
            targets=tuple(figures[i] for i in t.fact_ids if i in figures),
            targets_en=tuple(figures_en[i] for i in t.fact_ids if i in figures_en),
        )
        for i, t in enumerate(tasks.itertuples(), start=1)
    ]


def load_plan(data: Path, district: str | None = None) -> list[PlanTask]:
    """The plan of the build in ``data`` of one district (its name or slug; default the
    latest report's, as the app shows first); ``PgdashError`` naming the fix when unusable."""
    tasks, facts = read_table("tasks", data), read_table("facts", data)
    documents = read_table("documents", data)
    owner = document_districts(documents)
    chosen = district_named(documents, district)
    ids = {doc for doc, name in owner.items() if name == chosen}
    if len(set(owner.values())) > 1:  # several districts: this one's tasks alone
        tasks, facts = tasks[tasks["doc_id"].isin(ids)], facts[facts["doc_id"].isin(ids)]
    return plan_from_tables(tasks, facts)


@dataclass(frozen=True)
class NoteView:
    """A dated progress note."""

    note_date: date
    text: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class Row:
    """One task as the ledger shows it on a day: plan, record and light."""

    task_id: str
    seq: int | None  # position in the current plan; None when it left the plan
    section_no: int
    section_title: str
    sector: str
    text: str
    targets: tuple[str, ...]
    in_plan: bool
    text_changed_at: datetime | None
    lead_unit: str
    partner_units: str
    responsible: str
    start_date: date | None
    deadline: date | None
    progress: int
    status: str
    updated_at: datetime | None
    updated_by: str
    version: int
    note: NoteView | None
    light: Light
    pace: float | None
    behind: float | None
    overdue: bool
    # reported: someone saved the record or added a note. An unreported task's progress 0 and
    # status 未启动 are the defaults nobody chose: shown as 未填报, not as "not started".
    is_reported: bool = False
    targets_en: tuple[str, ...] = ()
    remarks: str = ""  # 备注

    def value(self, field: str) -> object:
        """The value of an editable field."""
        return getattr(self, field)


@dataclass(frozen=True)
class ChangeView:
    """One line of a task's history."""

    changed_at: datetime
    user_name: str
    field: str
    old_value: str
    new_value: str
    via: str


class Conflict(PgdashError):
    """A save made on an older version of a record: someone else saved in between."""

    def __init__(self, task_id: str, who: str, when: datetime | None):
        self.task_id, self.who, self.when = task_id, who or "?", when
        super().__init__(
            f"task {task_id} was changed by {self.who} at {clock.shown(when)} (Beijing time) "
            "after you opened it; nothing was saved: load the record again and redo your change"
        )


# --- sync with the plan -------------------------------------------------------------------


def sync(plan: list[PlanTask], url: str | None = None) -> dict[str, int]:
    """Give every planned task a record; note changed texts and tasks that left the plan.

    Nothing is deleted. Returns counts of ``created``, ``changed``, ``left`` and
    ``returned`` records. Safe to run from several servers at once.
    """
    for attempt in range(2):
        try:
            with db.session(url) as s:
                return _sync(s, plan)
        except PgdashError:
            if attempt:
                raise
    raise AssertionError("not reached")


def report_of(task_id: str) -> str:
    """The report part of a task id: ``luohu-gwr2023`` of ``luohu-gwr2023-t01-004``, ""
    for the bare ids of the first report (``t01-004``)."""
    return TASK_LOCAL.sub("", task_id)


def _own(plan: list[PlanTask]) -> Callable[[str], bool]:
    """Whether a record is of the reports the plan comes from: a plan speaks only for its
    own reports' tasks, never for another district's or year's."""
    reports = {report_of(task.task_id) for task in plan}
    return lambda task_id: report_of(task_id) in reports


def _sync(s: Session, plan: list[PlanTask]) -> dict[str, int]:
    now = clock.now_utc()
    records = {r.task_id: r for r in s.scalars(select(Record))}
    counts = dict.fromkeys(("created", "changed", "left", "returned"), 0)
    planned = set()
    for task in plan:
        planned.add(task.task_id)
        record = records.get(task.task_id)
        if record is None:
            s.add(
                Record(
                    task_id=task.task_id,
                    seq=task.seq,
                    section_no=task.section_no,
                    sector=task.sector,
                    task_text=task.text,
                    in_plan=True,
                    created_at=now,
                )
            )
            counts["created"] += 1
            continue
        values: dict[str, object] = {}
        if record.task_text != task.text:
            values["task_text"], values["text_changed_at"] = task.text, now
            log(s, task.task_id, "task_text", record.task_text, task.text, SYNC_USER, "sync", now)
            counts["changed"] += 1
        if not record.in_plan:
            values["in_plan"] = True
            log(s, task.task_id, "in_plan", "否", "是", SYNC_USER, "sync", now)
            counts["returned"] += 1
        if (record.seq, record.section_no, record.sector) != (
            task.seq,
            task.section_no,
            task.sector,
        ):
            values.update(seq=task.seq, section_no=task.section_no, sector=task.sector)
        if values:
            _snapshot(s, task.task_id, values)
    own = _own(plan)
    for task_id, record in records.items():
        if record.in_plan and task_id not in planned and own(task_id):
            _snapshot(s, task_id, {"in_plan": False})
            log(s, task_id, "in_plan", "是", "否", SYNC_USER, "sync", now)
            counts["left"] += 1
    try:
        s.flush()
    except IntegrityError:  # another server created the same records first: try again
        raise PgdashError("the ledger was being filled by another server; try again") from None
    return counts


def _snapshot(s: Session, task_id: str, values: Mapping[str, object]) -> None:
    """Update what the record knows of the plan without a new version: no field of the
    office changes, so an editor's open form stays valid."""
    s.execute(update(Record).where(Record.task_id == task_id).values(**values))


def log(
    s: Session,
    task_id: str,
    field: str,
    old: object,
    new: object,
    user: str,
    via: str,
    now: datetime,
) -> None:
    """One line of a task's history (``via``: web, import, sync, report)."""
    s.add(
        Change(
            task_id=task_id,
            changed_at=now,
            user_name=user,
            field=field,
            old_value=fields.shown_value(field, old),
            new_value=fields.shown_value(field, new),
            via=via,
        )
    )


# --- reading ------------------------------------------------------------------------------


def latest_notes(s: Session) -> dict[str, NoteView]:
    """The newest note of each task (by note date, then by entry)."""
    latest: dict[str, NoteView] = {}
    for n in s.scalars(select(Note).order_by(Note.note_date, Note.id)):
        latest[n.task_id] = NoteView(n.note_date, n.text, n.author, n.created_at)
    return latest


def rows_in(s: Session, plan: list[PlanTask], on: date) -> list[Row]:
    """Every task of the plan with its record, then the records of tasks that left it."""
    records = {r.task_id: r for r in s.scalars(select(Record))}
    notes = latest_notes(s)
    out = [_row(task, records.get(task.task_id), notes.get(task.task_id), on) for task in plan]
    planned, own = {task.task_id for task in plan}, _own(plan)
    for task_id in sorted(t for t in set(records) - planned if own(t)):
        r = records[task_id]
        task = PlanTask(task_id, 0, r.section_no, "", r.sector, r.task_text)
        out.append(_row(task, r, notes.get(task_id), on, in_plan=False))
    return out


def rows(plan: list[PlanTask], on: date | None = None, url: str | None = None) -> list[Row]:
    """The ledger as rows with their light on ``on`` (default: today in Beijing)."""
    with db.session(url) as s:
        return rows_in(s, plan, on or clock.today())


def _row(
    task: PlanTask,
    r: Record | None,
    note: NoteView | None,
    on: date,
    in_plan: bool = True,
) -> Row:
    progress = r.progress if r else 0
    status = r.status if r else "not_started"
    deadline = r.deadline if r else None
    start = r.start_date if r else None
    a = assess(progress, status == "done", deadline, on, start)
    return Row(
        task_id=task.task_id,
        seq=task.seq if in_plan else None,
        section_no=task.section_no,
        section_title=task.section_title,
        sector=task.sector,
        text=task.text,
        targets=task.targets,
        in_plan=in_plan,
        text_changed_at=r.text_changed_at if r else None,
        lead_unit=r.lead_unit if r else "",
        partner_units=r.partner_units if r else "",
        responsible=r.responsible if r else "",
        start_date=start,
        deadline=deadline,
        progress=progress,
        status=status,
        updated_at=r.updated_at if r else None,
        updated_by=r.updated_by if r else "",
        version=r.version if r else 0,
        note=note,
        light=a.light,
        pace=a.pace,
        behind=a.behind,
        overdue=a.overdue,
        is_reported=note is not None or (r is not None and r.updated_at is not None),
        targets_en=task.targets_en,
        remarks=r.remarks if r else "",
    )


def history(task_id: str, url: str | None = None) -> list[ChangeView]:
    """Every change of a task, oldest first."""
    with db.session(url) as s:
        if s.get(Record, task_id) is None:
            raise PgdashError(f"no ledger record for task {task_id!r}; check the task id")
        return history_in(s, task_id)


def history_in(s: Session, task_id: str) -> list[ChangeView]:
    """Every change of a task, oldest first, in an open session."""
    changes = s.scalars(
        select(Change).where(Change.task_id == task_id).order_by(Change.changed_at, Change.id)
    )
    return [
        ChangeView(c.changed_at, c.user_name, c.field, c.old_value, c.new_value, c.via)
        for c in changes
    ]


def notes(task_id: str, url: str | None = None) -> list[NoteView]:
    """A task's progress notes, newest first."""
    with db.session(url) as s:
        found = s.scalars(
            select(Note)
            .where(Note.task_id == task_id)
            .order_by(Note.note_date.desc(), Note.id.desc())
        )
        return [NoteView(n.note_date, n.text, n.author, n.created_at) for n in found]


# --- changing -----------------------------------------------------------------------------


def units_of(text: str) -> list[str]:
    """The units a 牵头单位 or 配合单位 cell names (split on 、，,;； and spaces)."""
    return [u for u in UNIT_SPLIT.split(text or "") if u]


def leads(unit: str, lead_unit: str) -> bool:
    """Whether ``unit`` is (one of) the 牵头单位 ``lead_unit`` names."""
    return bool(unit) and (unit == lead_unit.strip() or unit in units_of(lead_unit))


def serves(unit: str, record: Record | Row) -> bool:
    """Whether ``unit`` leads or supports the task of ``record``."""
    return leads(unit, record.lead_unit) or (bool(unit) and unit in units_of(record.partner_units))


def may_change(s: Session, user: str, record: Record) -> None:
    """Refuse a change of ``record`` by an account that may not make it, whatever page or
    script calls: a viewer or a disabled account changes nothing; a reporter changes no
    record directly (it reports on its unit's tasks through :mod:`reports`), and is told so
    differently for another unit's task. Names without an account (the rebuild, scripts
    of the office) are not accounts to check."""
    account = s.scalars(select(User).where(User.name == user)).first()
    if account is None:
        return
    if not account.active or account.role == "viewer":
        raise PgdashError(f"{user} may not change the ledger (a viewer or a disabled account)")
    if account.role == "reporter":
        if not serves(account.unit, record):
            raise PgdashError(
                f"task {record.task_id} is not a task of {account.unit}; "
                f"{user} may report only on the tasks {account.unit} leads or supports"
            )
        raise PgdashError(
            f"{user} is a reporter: report on task {record.task_id} with a progress report "
            "(填报), which the 督查室 accepts or returns; records are changed by editors"
        )


def parse_values(values: Mapping[str, object]) -> dict[str, object]:
    """The stored values of editable fields (``PgdashError`` naming the field and the fix).

    A blank progress is not given, so it is left out: it never becomes 0.
    """
    parsed = {}
    for field, value in values.items():
        if field not in fields.EDITABLE:
            raise PgdashError(f"{field} cannot be changed; editable: {', '.join(fields.EDITABLE)}")
        try:
            parsed[field] = fields.parse(field, value)
        except ValueError as exc:
            raise PgdashError(f"{field}: {exc}") from None
        if parsed[field] is None and field == "progress":
            del parsed[field]
    return parsed


def change_in(
    s: Session,
    task_id: str,
    expected_version: int | None,
    values: Mapping[str, object],
    user: str,
    via: str = "web",
    now: datetime | None = None,
) -> list[str]:
    """Apply parsed ``values`` to a record in an open session; returns the changed fields.

    ``expected_version`` is the version the editor saw (``None``: no check, for imports,
    which check per field instead). Nothing is written when nothing differs.
    """
    now = now or clock.now_utc()
    record = s.get(Record, task_id)
    if record is None:
        raise PgdashError(f"no ledger record for task {task_id!r}; check the task id")
    may_change(s, user, record)
    if expected_version is not None and record.version != expected_version:
        raise Conflict(task_id, record.updated_by, record.updated_at)
    changed = []
    for field, new in values.items():
        old = getattr(record, field)
        if old == new:
            continue
        log(s, task_id, field, old, new, user, via, now)
        setattr(record, field, new)
        changed.append(field)
    if changed:
        record.updated_at, record.updated_by = now, user
        s.flush()  # UPDATE … WHERE version = the version read: a concurrent save fails here
    return changed


def save(
    task_id: str,
    expected_version: int,
    values: Mapping[str, object],
    user: str,
    url: str | None = None,
) -> list[str]:
    """Change fields of a record the editor saw at ``expected_version``; returns the changed
    fields. A :class:`Conflict` names who saved in between; then nothing is written."""
    parsed = parse_values(values)
    try:
        with db.session(url) as s:
            return change_in(s, task_id, expected_version, parsed, user)
    except StaleDataError:
        with db.session(url) as s:
            record = s.get(Record, task_id)
            raise Conflict(task_id, record.updated_by, record.updated_at) from None


def add_note(
    task_id: str, note_date: object, text: object, user: str, url: str | None = None
) -> None:
    """Add a dated progress note (notes only accumulate, so two editors never collide)."""
    try:
        day = fields.parse_date(note_date) or clock.today()
        body = fields.parse_note(text)
    except ValueError as exc:
        raise PgdashError(f"progress note: {exc}") from None
    with db.session(url) as s:
        add_note_in(s, task_id, day, body, user, "web")


def add_note_in(
    s: Session,
    task_id: str,
    day: date,
    text: str,
    user: str,
    via: str,
    now: datetime | None = None,
    check: bool = True,
) -> None:
    """Add a note in an open session, with its line in the history (``check=False``: the
    caller has already checked who may, as accepting a unit's report does)."""
    now = now or clock.now_utc()
    record = s.get(Record, task_id)
    if record is None:
        raise PgdashError(f"no ledger record for task {task_id!r}; check the task id")
    if check:
        may_change(s, user, record)
    s.add(Note(task_id=task_id, note_date=day, text=text, author=user, created_at=now))
    log(s, task_id, "note", "", f"{day.isoformat()} {text}", user, via, now)
    _snapshot(s, task_id, {"updated_at": now, "updated_by": user})


def changed_since(s: Session, task_id: str, since: datetime, names: Iterable[str]) -> Change | None:
    """The newest change of one of the fields ``names`` after ``since``, if any."""
    return s.scalars(
        select(Change)
        .where(Change.task_id == task_id, Change.changed_at > since, Change.field.in_(names))
        .order_by(Change.changed_at.desc())
        .limit(1)
    ).first()
