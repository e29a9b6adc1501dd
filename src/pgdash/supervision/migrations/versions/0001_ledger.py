"""The ledger: records, notes, change history, accounts, sign-in attempts.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sv_record",
        sa.Column("task_id", sa.String(32), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("section_no", sa.Integer, nullable=False, server_default="0"),
        sa.Column("sector", sa.String(32), nullable=False, server_default=""),
        sa.Column("task_text", sa.Text, nullable=False, server_default=""),
        sa.Column("in_plan", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("text_changed_at", sa.DateTime, nullable=True),
        sa.Column("lead_unit", sa.String(200), nullable=False, server_default=""),
        sa.Column("partner_units", sa.String(500), nullable=False, server_default=""),
        sa.Column("responsible", sa.String(200), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("deadline", sa.Date, nullable=True),
        sa.Column("progress", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(16), nullable=False, server_default="not_started"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=True),
        sa.Column("updated_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name="ck_sv_record_progress"),
    )
    op.create_table(
        "sv_note",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(32), sa.ForeignKey("sv_record.task_id"), nullable=False),
        sa.Column("note_date", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_sv_note_task_id", "sv_note", ["task_id"])
    op.create_table(
        "sv_change",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(32), sa.ForeignKey("sv_record.task_id"), nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old_value", sa.Text, nullable=False, server_default=""),
        sa.Column("new_value", sa.Text, nullable=False, server_default=""),
        sa.Column("via", sa.String(16), nullable=False),
    )
    op.create_index("ix_sv_change_task_id", "sv_change", ["task_id"])
    op.create_table(
        "sv_user",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sv_login_attempt",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.DateTime, nullable=True),
    )


def downgrade() -> None:
    for table in ("sv_login_attempt", "sv_user", "sv_change", "sv_note", "sv_record"):
        op.drop_table(table)
