"""Units report their own progress: reporting rounds, reports, a reporter's unit, 备注.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sv_user") as batch:
        batch.add_column(sa.Column("unit", sa.String(200), nullable=False, server_default=""))
    with op.batch_alter_table("sv_record") as batch:
        batch.add_column(sa.Column("remarks", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "sv_round",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("auto", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "sv_report",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("sv_round.id"), nullable=False),
        sa.Column("task_id", sa.String(32), sa.ForeignKey("sv_record.task_id"), nullable=False),
        sa.Column("unit", sa.String(200), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("progress_text", sa.Text, nullable=False),
        sa.Column("problems", sa.Text, nullable=False, server_default=""),
        sa.Column("next_steps", sa.Text, nullable=False, server_default=""),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="submitted"),
        sa.Column("reviewed_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.DateTime, nullable=True),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name="ck_sv_report_progress"),
    )
    op.create_index("ix_sv_report_round_id", "sv_report", ["round_id"])
    op.create_index("ix_sv_report_task_id", "sv_report", ["task_id"])


def downgrade() -> None:
    op.drop_table("sv_report")
    op.drop_table("sv_round")
    with op.batch_alter_table("sv_record") as batch:
        batch.drop_column("remarks")
    with op.batch_alter_table("sv_user") as batch:
        batch.drop_column("unit")
