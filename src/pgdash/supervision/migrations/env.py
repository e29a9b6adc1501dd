"""Alembic environment: run on the connection :func:`pgdash.supervision.db.migrate` passes."""

from alembic import context

from pgdash.supervision.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through pgdash.supervision.db.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
