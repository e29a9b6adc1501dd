"""Filling the export cache after a build, in a background process.

``pgdash build`` starts ``python -m pgdash.export.warm --data DIR`` detached once the
tables are written; it makes the exports a user takes first (the whole deck and the
handout, in Chinese: ``pgdash export`` without options) so their chart images, font
subsets and files are in the cache before the first export asks. It alone cuts the
handout's fonts (``PGDASH_CUT_FONTS=1``): an export someone waits for reads the whole
fonts when their cut is not in the cache yet, which is quicker than cutting them. An
export that starts while the warm-up runs waits for it
(:func:`pgdash.export.quick.wait_for_warming`) rather than drawing the same charts beside it.

The build never waits for it and never fails because of it: starting it may fail, and
the warm-up itself may fail, at the cost of the first export's time only.
``PGDASH_WARM=0`` turns it off (the tests do).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pgdash.export import quick

WARMED = (("pptx", "zh"), ("pdf", "zh"))  # what ``pgdash export`` makes without options


def enabled() -> bool:
    """Whether a build starts a warm-up (``PGDASH_WARM=0`` says no)."""
    return os.environ.get("PGDASH_WARM", "1").strip() != "0"


def start(data_dir: Path) -> bool:
    """Start the warm-up of ``data_dir`` in the background; whether it started."""
    if not enabled():
        return False
    command = [sys.executable, "-m", "pgdash.export.warm", "--data", str(Path(data_dir))]
    try:
        subprocess.Popen(
            command,
            env={**os.environ, "PGDASH_CUT_FONTS": "1"},  # nobody waits: cut the fonts
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the terminal's Ctrl-C of the build
            close_fds=True,
        )
    except OSError:
        return False
    return True


def _hold(lock: Path, text: str) -> None:
    """Write the warming lock whole (through a temporary file): a reader never sees half."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".warming-", dir=lock.parent)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    os.replace(tmp, lock)


def warm(data_dir: Path) -> None:
    """Make the exports of :data:`WARMED` from ``data_dir`` into the cache, holding the
    warming lock meanwhile; an export that fails is left to the user's command to report."""
    lock: Path | None = quick.warming_lock(data_dir)
    try:
        _hold(lock, str(os.getpid()))
    except OSError:
        lock = None
    try:
        for fmt, lang in WARMED:
            if lock is not None:  # which export it is making: another export need not wait
                job = quick.warming_job(fmt, None, lang)
                _hold(lock, f"{os.getpid()} {job}")
            try:
                quick.export_bytes(fmt, None, data_dir, lang)
            except Exception:  # the export the user runs reports it
                continue
    finally:
        if lock is not None:
            lock.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m pgdash.export.warm --data DIR``."""
    parser = argparse.ArgumentParser(prog="pgdash.export.warm")
    parser.add_argument("--data", type=Path, required=True)
    warm(parser.parse_args(argv).data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
