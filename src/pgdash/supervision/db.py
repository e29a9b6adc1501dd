"""Where the ledger lives: the database URL, one engine per URL, migrations on first use.

By default an embedded SQLite file, ``state/supervision.db`` beside ``data/`` (the folder
is ``PGDASH_STATE`` when set); PostgreSQL (or any SQLAlchemy URL) when ``PGDASH_DB_URL``
names one. The schema is brought up to date with Alembic the first time a process uses a
URL. Database failures become a one-line :class:`PgdashError` saying what to do.

The SQLite file holds the password hashes: its folder is kept at 0700 and the file (with
its journal) at 0600, whatever the umask.
"""

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Lock

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pgdash import paths
from pgdash.errors import PgdashError

DB_FILE = paths.LEDGER_FILE
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
MIGRATIONS = Path(__file__).resolve().with_name("migrations")
# The newest migration's revision (tests check it against Alembic's head): a ledger already
# there is known to be up to date without importing Alembic (0.15 s of every export).
HEAD = "0004"
_engines: dict[str, Engine] = {}
_migrated: set[str] = set()
_lock = Lock()
_migrating = Lock()


def state_dir() -> Path:
    """The folder of the embedded database (``PGDASH_STATE`` or ``state/``)."""
    return paths.state_dir()


def db_url() -> str:
    """The ledger's SQLAlchemy URL: ``PGDASH_DB_URL``, else the SQLite file in ``state/``."""
    url = os.environ.get("PGDASH_DB_URL", "").strip()
    if not url:
        return f"sqlite:///{state_dir() / DB_FILE}"
    if url.startswith(("postgresql://", "postgres://")):  # use psycopg 3, which is installed
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def shown(url: str) -> str:
    """``url`` as it may be printed: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "(unparseable PGDASH_DB_URL)"


@functools.lru_cache(maxsize=16)
def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or ``None`` for other databases (and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return None if parsed.database == ":memory:" else Path(parsed.database)


def make_private(path: Path) -> None:
    """Create the database's folder (0700) and an empty file (0600), or tighten existing ones.

    SQLite gives its journal and WAL files the database file's mode, so they stay private too.
    """
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    os.chmod(path.parent, PRIVATE_DIR)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")  # wait for another writer up to 5 s
    cursor.close()


def engine(url: str | None = None) -> Engine:
    """The engine of ``url`` (default :func:`db_url`), created once per process."""
    url = url or db_url()
    with _lock:
        if url in _engines:
            return _engines[url]
        try:
            parsed = make_url(url)
        except SQLAlchemyError:
            raise PgdashError(
                "PGDASH_DB_URL is not a database URL; write it like "
                "postgresql://user:password@host:5432/pgdash or leave it unset for SQLite"
            ) from None
        path = sqlite_path(url)
        if path is not None:
            try:
                make_private(path)
            except OSError as exc:
                raise PgdashError(
                    f"cannot create {path.parent} for the ledger database ({exc.strerror}); "
                    "make it writable or set PGDASH_STATE to a writable folder"
                ) from None
            eng = create_engine(parsed, connect_args={"timeout": 5})
            event.listen(eng, "connect", _sqlite_pragmas)
        else:
            # a server that does not answer must not hold a page for minutes
            postgres = parsed.get_backend_name() == "postgresql"
            wait = postgres and "connect_timeout" not in parsed.query
            timeout = {"connect_timeout": 5} if wait else {}
            eng = create_engine(parsed, pool_pre_ping=True, connect_args=timeout)
        _engines[url] = eng
        return eng


def revision(eng: Engine) -> str | None:
    """The ledger's schema revision as Alembic wrote it; ``None`` for an empty database."""
    with eng.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(eng: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creating the tables at first use)."""
    if revision(eng) == HEAD:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with eng.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def ready(url: str | None = None) -> Engine:
    """The engine of ``url`` with its schema up to date; ``PgdashError`` if unusable."""
    url = url or db_url()
    eng = engine(url)
    if url not in _migrated:
        with _migrating:  # sessions opened at once after a start migrate one at a time
            if url not in _migrated:
                try:
                    migrate(eng)
                except SQLAlchemyError as exc:
                    raise explain(exc, url) from None
                _migrated.add(url)
    return eng


@contextmanager
def session(url: str | None = None) -> Iterator[Session]:
    """A session in one transaction: committed at the end, rolled back on any error."""
    url = url or db_url()
    eng = ready(url)
    try:
        with Session(eng, expire_on_commit=False) as s, s.begin():
            yield s
    except StaleDataError:
        raise  # a concurrent save: the ledger turns it into a Conflict naming who saved
    except SQLAlchemyError as exc:
        raise explain(exc, url) from None


@contextmanager
def locked(url: str | None = None) -> Iterator[Connection]:
    """A transaction that holds the write lock from its first statement to its end.

    For counters every concurrent caller must see in turn: SQLite takes its write lock at
    ``BEGIN IMMEDIATE`` (other writers wait up to the busy timeout); on PostgreSQL the
    caller locks the rows it reads with ``SELECT … FOR UPDATE``.
    """
    url = url or db_url()
    eng = ready(url)
    sqlite = eng.dialect.name == "sqlite"
    try:
        with eng.connect() as conn:
            if sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
    except SQLAlchemyError as exc:
        raise explain(exc, url) from None


def explain(exc: SQLAlchemyError, url: str) -> PgdashError:
    """A one-line error for a database failure: what is wrong and how to fix it."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    low = detail.lower()
    path = sqlite_path(url)
    where = str(path) if path else shown(url)
    if "locked" in low or "busy" in low:
        return PgdashError(
            f"the ledger database {where} is locked by another program; "
            "close that program (or wait a moment) and try again"
        )
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return PgdashError(
            f"the ledger database {where} is damaged ({detail}); restore it from a backup "
            "(pgdash supervise backup) or move the file aside to start an empty ledger"
        )
    if path is not None and ("unable to open" in low or "readonly" in low):
        return PgdashError(
            f"cannot open the ledger database {where} ({detail}); "
            "make its folder writable or set PGDASH_STATE to a writable folder"
        )
    if path is None and ("connect" in low or "connection" in low or "password" in low):
        return PgdashError(
            f"cannot reach the ledger database {where} ({detail}); "
            "check PGDASH_DB_URL and that the PostgreSQL server is running"
        )
    return PgdashError(f"the ledger database {where} cannot be used ({detail})")


def tables(url: str | None = None) -> list[str]:
    """The tables the ledger database holds (for checks and tests)."""
    return sorted(inspect(ready(url)).get_table_names())


def dispose_all() -> None:
    """Close every engine (tests; a process that changes PGDASH_DB_URL)."""
    with _lock:
        for eng in _engines.values():
            eng.dispose()
        _engines.clear()
        _migrated.clear()
