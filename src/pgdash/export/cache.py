"""A folder of files named by the hash of what made them, so an export reuses the chart
images and font subsets of earlier runs, and a change of content can never pick up a
stale file. Any failure to read or write the folder only costs the time to make the file
again."""

import dataclasses
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pgdash.paths import cache_dir


def key_of(*parts: bytes | str) -> str:
    """A short hex digest of ``parts``."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cached_file(name: str, make: Callable[[Path], None], folder: Path | None = None) -> Path:
    """The file ``name`` in the cache folder, written by ``make(path)`` when it is not
    there yet (through a temporary file, so no half-written file is ever read); in a
    temporary folder when the cache folder cannot be written."""
    if (found := cached_path(name, folder)) is not None:
        return found
    where = folder or cache_dir()
    path = where / name
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        where = Path(tempfile.mkdtemp(prefix="pgdash-cache-"))
        path = where / name
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=where)
    os.close(fd)
    try:
        make(Path(tmp))
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def cached_path(name: str, folder: Path | None = None) -> Path | None:
    """The file ``name`` in the cache folder if it is there, else ``None``."""
    path = (folder or cache_dir()) / name
    return path if path.is_file() else None


def cached_bytes(name: str, make: Callable[[], bytes], folder: Path | None = None) -> bytes:
    """The bytes of the cached file ``name``, made by ``make()`` when missing."""
    return cached_file(name, lambda path: path.write_bytes(make()), folder).read_bytes()


@functools.cache
def code_stamp() -> str:
    """A digest of the code that makes the exports (the briefing, display and export
    packages): a change of code makes every cached file anew."""
    package = Path(__file__).resolve().parents[1]
    files = sorted(
        path
        for folder in ("briefing", "display", "export")
        for path in (package / folder).glob("*.py")
    )
    return key_of(*(f.read_bytes() for f in files))


def _plain(value: object) -> object:
    """``value`` as JSON can write it: a frame by its rows, a chart builder by its name and
    arguments, a dataclass by its fields."""
    if isinstance(value, pd.DataFrame):
        return value.to_dict("split")
    if isinstance(value, functools.partial):
        return [value.func.__module__, value.func.__qualname__, value.args, value.keywords]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return str(value)


def content_key(*parts: object) -> str:
    """A digest of ``parts`` (slides, frames, chart builders and plain values) and of the
    code: the same content drawn by the same code has the same key."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=_plain)
    return key_of(text, code_stamp())
