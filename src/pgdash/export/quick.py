"""Exports found again by what they are made of, without loading a table.

:func:`pgdash.export.api.export_file` builds the slides from the tables before it can look
up the file they make in the export cache: a second of imports and frames on every export.
Here an export is also found by a key of its inputs: the files of the data folder, the
ledger's SQLite files, the day in Beijing (the ledger's lights move with it), the code of
the package and the installed libraries, the CJK font and the arguments. A small note
under that key names the cached file. Any change of an input is a new key, so a stale file
is never read; a missing or unreadable note or file only costs the full export.

A ledger in a database server (``PGDASH_DB_URL``) cannot be marked without a query, so
those exports always take the full way. Standard library only, so the quick way imports
neither pandas nor the writers.
"""

import functools
import hashlib
import json
import os
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pgdash.paths import LEDGER_FILE, PACKAGE, cache_dir, state_dir
from pgdash.supervision import clock

CODE_SUFFIXES = (".py", ".toml", ".json", ".csv", ".geojson")
LEDGER_SUFFIXES = ("", "-wal", "-journal")  # SQLite's database file and its journals
WAIT_S = 60.0  # at most this long for a warm-up of the same data folder to finish


def _stats(paths: list[Path]) -> list[list[object]]:
    """Name, size and modification time of each path that is a file (missing: left out)."""
    marks: list[list[object]] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        marks.append([str(path), stat.st_size, stat.st_mtime_ns])
    return marks


@functools.cache
def _code_mark() -> str:
    """A digest of the package's code and curated files, and of where the libraries are
    installed (a folder of installed packages changes when one is added or upgraded)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file():
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
            digest.update(path.read_bytes())
    installed = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    digest.update(json.dumps([sys.version, _stats([Path(p) for p in installed])]).encode())
    return digest.hexdigest()


def input_key(
    fmt: str, sector: str | None, data_dir: Path, lang: str, district: str | None
) -> str | None:
    """The key of an export's inputs; ``None`` when they cannot be marked cheaply."""
    if os.environ.get("PGDASH_DB_URL", "").strip():
        return None
    data = Path(data_dir).resolve()
    try:
        tables = sorted(p for p in data.iterdir() if p.is_file())
    except OSError:
        return None
    ledger = state_dir() / LEDGER_FILE
    parts = {
        "export": [fmt, sector, lang, district],
        "data": _stats(tables),
        "ledger": _stats([ledger.with_name(ledger.name + s) for s in LEDGER_SUFFIXES]),
        "today": clock.today().isoformat(),
        "font": os.environ.get("PGDASH_CJK_FONT", ""),
        "code": _code_mark(),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _note(key: str) -> Path:
    return cache_dir() / f"export-{key}.json"


def remembered(key: str) -> bytes | None:
    """The export the note ``key`` names, or ``None`` when there is none to read."""
    try:
        name = json.loads(_note(key).read_text(encoding="utf-8"))["file"]
        return (cache_dir() / Path(name).name).read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(key: str, made: Path) -> None:
    """Note that the export of ``key`` is the cached file ``made`` (nothing when the file is
    not in the cache folder or the note cannot be written)."""
    folder = cache_dir()
    if made.parent.resolve() != folder.resolve():
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"file": made.name}, handle)
        os.replace(tmp, _note(key))
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def warming_lock(data_dir: Path, job: str) -> Path:
    """The file the warm-up (:mod:`pgdash.export.warm`) of export ``job`` (``"pptx zh"``)
    of ``data_dir`` holds while it runs."""
    return cache_dir() / f"{_warming_prefix(data_dir)}{job.replace(' ', '-')}.pid"


def _warming_prefix(data_dir: Path) -> str:
    name = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"warming-{name}-"


def warming_job(fmt: str, sector: str | None, lang: str, district: str | None = None) -> str:
    """How a warming lock names the export its warm-up makes (``"pptx zh"``); ``""`` for
    an export a warm-up never makes (a sector's, a district's)."""
    return "" if sector or district else f"{fmt} {lang}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: it exists
    return True


def _warming(lock: Path) -> bool:
    """Whether the warm-up holding ``lock`` is alive (and is not this process)."""
    try:
        pid = int(lock.read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    return pid != os.getpid() and _alive(pid)


def wait_for_warming(
    data_dir: Path,
    limit: float = WAIT_S,
    ready: Callable[[], bool] = lambda: False,
    job: str = "",
) -> None:
    """Wait (at most ``limit`` seconds) while the warm-up of ``data_dir`` making the export
    ``job`` (``"pptx zh"``) runs, rather than making it a second time beside it on the same
    cores; for an export no warm-up makes (``""``), while any warm-up of ``data_dir`` runs.
    Stop as soon as ``ready()`` (the export asked for is made)."""
    if job:
        locks = [warming_lock(data_dir, job)]
    else:
        locks = list(cache_dir().glob(f"{_warming_prefix(data_dir)}*.pid"))
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not ready() and any(_warming(lk) for lk in locks):
        time.sleep(0.05)


def export_bytes(
    fmt: str, sector: str | None, data_dir: Path, lang: str = "zh", district: str | None = None
) -> bytes:
    """:func:`pgdash.export.api.export_bytes`, read back without loading a table when the
    same inputs were exported before."""
    key = input_key(fmt, sector, data_dir, lang, district)
    if key is not None and (found := remembered(key)) is not None:
        return found
    wait_for_warming(
        data_dir,
        ready=lambda: key is not None and _note(key).is_file(),
        job=warming_job(fmt, sector, lang, district),
    )
    if key is not None and (found := remembered(key)) is not None:
        return found
    from pgdash.export.api import export_file  # the full way: tables, slides, writers

    made = export_file(fmt, sector, data_dir, lang, district)
    data = made.read_bytes()
    # Noted only when nothing changed while the export was made (a rebuild, a ledger save,
    # midnight in Beijing): the note must name what those inputs make.
    if key is not None and input_key(fmt, sector, data_dir, lang, district) == key:
        remember(key, made)
    return data
