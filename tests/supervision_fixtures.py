"""Fixtures of the supervision tests: a ledger database on SQLite and on PostgreSQL.

``ledger_url`` gives each test an empty database, once on SQLite (a file in the test's
temporary folder) and once on PostgreSQL (a fresh database in a throwaway cluster on
127.0.0.1, started once per session from Debian's server binaries). Without them the
PostgreSQL half is skipped with the reason, except under CI=true, where it fails.
Test modules import the fixtures: ``from supervision_fixtures import ledger_url``.
"""

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pgdash.supervision import db

PG_GLOB = "/usr/lib/postgresql/*/bin/initdb"
_numbers = itertools.count(1)


def pg_bin() -> Path | None:
    """The folder of PostgreSQL's server binaries (``PGDASH_PG_BIN`` or Debian's newest)."""
    if os.environ.get("PGDASH_PG_BIN"):
        return Path(os.environ["PGDASH_PG_BIN"])
    found = sorted(glob.glob(PG_GLOB), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and postgres refuse root: run them as the postgres user when we are root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    """A throwaway PostgreSQL cluster on 127.0.0.1 with trust authentication."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="pgdash-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.template = ""
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run(_as_postgres(list(args)), check=True, capture_output=True, timeout=120)

    def start(self) -> "Cluster":
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres", autocommit=True
        ) as conn:
            conn.execute(statement)

    def create_database(self) -> str:
        """A fresh database, copied from a template migrated once (fast)."""
        if not self.template:
            self._sql("CREATE DATABASE ledger_template TEMPLATE template0")
            db.ready(self.url("ledger_template"))
            db.dispose_all()  # a template must have no connection when it is copied
            self.template = "ledger_template"
        name = f"ledger_{next(_numbers)}"
        self._sql(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One PostgreSQL cluster for the whole run."""
    bindir = pg_bin()
    if bindir is None or not (bindir / "pg_ctl").exists():
        _missing(f"no PostgreSQL server binaries ({PG_GLOB}): apt-get install postgresql")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        _missing("running as root without runuser to start PostgreSQL as postgres")
    try:
        cluster = Cluster(bindir).start()
    except (subprocess.CalledProcessError, KeyError) as exc:
        _missing(f"PostgreSQL did not start: {exc}")
    try:
        yield cluster
    finally:
        db.dispose_all()
        cluster.stop()


@pytest.fixture(scope="module", autouse=True)
def private_ledger(tmp_path_factory) -> Iterator[None]:
    """No test touches the developer's own ledger: by default every page and command of
    a test module (and the servers it starts) use an empty SQLite ledger of their own, so
    no module sees a ledger another module happened to create before it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PGDASH_DB_URL", raising=False)
        mp.setenv("PGDASH_STATE", str(tmp_path_factory.mktemp("default-ledger") / "state"))
        yield
    db.dispose_all()


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """Argon2 with small costs in tests (the real costs take ~0.1 s a hash)."""
    from argon2 import PasswordHasher

    from pgdash.supervision import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    """An empty ledger database, on SQLite and on PostgreSQL; also set as PGDASH_DB_URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'state' / 'supervision.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").create_database()
    monkeypatch.setenv("PGDASH_DB_URL", url)
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    yield url
    db.dispose_all()


class PipedStdin:
    """Standard input that is not a terminal and holds one line (a piped password)."""

    def __init__(self, text: str):
        self.text = text

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return self.text


@pytest.fixture
def damaged_ledger(tmp_path, monkeypatch) -> Iterator[Path]:
    """The default ledger file, in a state folder of its own, is not SQLite at all."""
    state = tmp_path / "state"
    state.mkdir()
    (state / "supervision.db").write_bytes(b"garbage, not SQLite " * 200)
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    monkeypatch.setenv("PGDASH_STATE", str(state))
    yield state / "supervision.db"
    db.dispose_all()
