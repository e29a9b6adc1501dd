"""A default monthly round is created once: its month is unique (NULL for rounds the office
sets), so two servers filing the month's first reports at once share one round.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sv_round") as batch:
        batch.add_column(sa.Column("month_key", sa.String(7), nullable=True))
        batch.create_unique_constraint("uq_sv_round_month_key", ["month_key"])


def downgrade() -> None:
    with op.batch_alter_table("sv_round") as batch:
        batch.drop_constraint("uq_sv_round_month_key", type_="unique")
        batch.drop_column("month_key")
