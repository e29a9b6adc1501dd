"""The ledger's tables (SQLAlchemy 2 declarative). Changes to them go through a migration.

Times are stored as naive UTC; dates (deadlines, note dates) are plain calendar dates.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The declarative base of the ledger's tables."""


class Record(Base):
    """One task's supervision record, keyed on the task id of ``tasks.parquet``."""

    __tablename__ = "sv_record"

    task_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # what the plan said when the record last saw it (kept when the task leaves the plan)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    section_no: Mapped[int] = mapped_column(Integer, default=0)
    sector: Mapped[str] = mapped_column(String(32), default="")
    task_text: Mapped[str] = mapped_column(Text, default="")
    in_plan: Mapped[bool] = mapped_column(Boolean, default=True)
    text_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # what the office keeps
    lead_unit: Mapped[str] = mapped_column(String(200), default="")
    partner_units: Mapped[str] = mapped_column(String(500), default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    remarks: Mapped[str] = mapped_column(Text, default="")  # 备注: the office's own remark
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's convention)


class Note(Base):
    """A dated 进展情况 note on a task."""

    __tablename__ = "sv_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("sv_record.task_id"), index=True)
    note_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Change(Base):
    """One changed field: who, when, which field, old → new, and by which way."""

    __tablename__ = "sv_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("sv_record.task_id"), index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    via: Mapped[str] = mapped_column(String(16))  # web | import | sync


class User(Base):
    """A local account of an editor or admin (viewers need none)."""

    __tablename__ = "sv_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # viewer | reporter | editor | admin
    unit: Mapped[str] = mapped_column(String(200), default="")  # a reporter's 牵头单位
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class LoginAttempt(Base):
    """Failed sign-ins in a row for one key: a name, a client address, or the pair of both."""

    __tablename__ = "sv_login_attempt"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # e.g. "pair:zhang|10.0.0.7"
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class BrowserSession(Base):
    """A sign-in kept across reloads of one browser: only the token's SHA-256 is stored."""

    __tablename__ = "sv_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class Round(Base):
    """A reporting round (填报轮次) the 督查室 sets: a period and the day reports are due."""

    __tablename__ = "sv_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    label: Mapped[str] = mapped_column(String(64))  # 2026年7月
    starts_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    auto: Mapped[bool] = mapped_column(Boolean, default=False)  # the default monthly round
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))


class Report(Base):
    """A unit's report on one task in one round, and what the 督查室 made of it."""

    __tablename__ = "sv_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("sv_round.id"), index=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("sv_record.task_id"), index=True)
    unit: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(64))
    progress: Mapped[int] = mapped_column(Integer)
    progress_text: Mapped[str] = mapped_column(Text)  # 进展情况
    problems: Mapped[str] = mapped_column(Text, default="")  # 存在问题
    next_steps: Mapped[str] = mapped_column(Text, default="")  # 下步计划
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="submitted")
    reviewed_by: Mapped[str] = mapped_column(String(64), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was returned (退回)
