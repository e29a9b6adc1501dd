"""A copy of the ledger while it is in use: SQLite's online backup; pg_dump for PostgreSQL.

The copy holds the password hashes too, so it is written 0600 like the ledger itself.
"""

import os
import sqlite3
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.supervision import db


def backup(out: Path, url: str | None = None) -> Path:
    """Copy the SQLite ledger to ``out`` page by page, consistent even while apps write."""
    url = url or db.db_url()
    source = db.sqlite_path(url)
    if source is None:
        raise PgdashError(
            f"the ledger is on {db.shown(url)}; back it up with PostgreSQL's own tool: "
            "pg_dump --format=custom --file FILE.dump DATABASE_URL"
        )
    db.ready(url)  # creates an empty ledger on first use, so there is always something to copy
    if out.exists():
        raise PgdashError(f"{out} exists; choose a new file name (a backup never overwrites)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY, db.PRIVATE_FILE))
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=5) as src:
            dst = sqlite3.connect(out)
            try:
                src.backup(dst)
            finally:
                dst.close()
    except (sqlite3.Error, OSError) as exc:
        out.unlink(missing_ok=True)
        raise PgdashError(f"backup of {source} to {out} failed ({exc}); check both paths") from None
    return out
