"""A folder of files named by the hash of what made them, so an export reuses the chart
images and font subsets of earlier runs, and a change of content can never pick up a
stale file. Any failure to read or write the folder only costs the time to make the file
again."""

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

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
    where = folder or cache_dir()
    path = where / name
    if path.is_file():
        return path
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


def cached_bytes(name: str, make: Callable[[], bytes], folder: Path | None = None) -> bytes:
    """The bytes of the cached file ``name``, made by ``make()`` when missing."""
    return cached_file(name, lambda path: path.write_bytes(make()), folder).read_bytes()
