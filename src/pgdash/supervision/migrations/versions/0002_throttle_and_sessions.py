"""Sign-in counters keyed by name, by client and by the pair; browser sign-in tokens.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The old counters were per name only; they are short-lived, so they start afresh.
    op.drop_table("sv_login_attempt")
    op.create_table(
        "sv_login_attempt",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "sv_session",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(64), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sv_session")
    op.drop_table("sv_login_attempt")
    op.create_table(
        "sv_login_attempt",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.DateTime, nullable=True),
    )
