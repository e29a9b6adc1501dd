"""Filling the export cache while a build runs and right after it, in background processes.

A command that builds (``pgdash build``, and ``pgdash run`` / ``serve`` on stale data)
starts, before it builds, one ``python -m pgdash.export.warm`` per export a user takes
first (the whole deck and the handout, in Chinese: ``pgdash export`` without options). Each
runs as a batch job (it does not preempt the build), imports what its export needs while
the build reads the documents on the other core, and waits on a pipe: when the build has
written the new tables the command says so (:meth:`Warming.built`) and each makes its export
into the cache, the two side by side; when the build fails or the command ends first, the
pipe closes unread and they stop. An export that starts while its warm-up runs waits for it
(:func:`pgdash.export.quick.wait_for_warming`) rather than making the same file beside it.

An export reads the handout's whole fonts when their cut is not in the cache yet, which is
quicker than cutting them; the handout's warm-up cuts them once its export is made, for the
next handouts of the build. The build never waits for the warm-ups and never fails because
of them: starting one may fail, and a warm-up itself may fail, at the cost of the first
export's time only. ``PGDASH_WARM=0`` turns them off (the tests do).
"""

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pgdash.export import quick

WARMED = (("pptx", "zh"), ("pdf", "zh"))  # what ``pgdash export`` makes without options


def enabled() -> bool:
    """Whether a build starts warm-ups (``PGDASH_WARM=0`` says no)."""
    return os.environ.get("PGDASH_WARM", "1").strip() != "0"


class Warming:
    """The command's end of the warm-ups' pipes: :meth:`built` lets them go on."""

    def __init__(self, pipes: list[int]) -> None:
        self._pipes = pipes

    def built(self) -> None:
        """The new tables are in place: each warm-up makes its export."""
        for fd in self._pipes:
            with contextlib.suppress(OSError):
                os.write(fd, b"1")
        self.close()

    def close(self) -> None:
        """Stop the warm-ups that have not been told to go on (a failed build)."""
        for fd in self._pipes:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._pipes = []


def start(data_dir: Path) -> Warming:
    """Start a warm-up of ``data_dir`` for each of :data:`WARMED`, waiting for
    :meth:`Warming.built` (none when turned off or when one cannot start)."""
    pipes: list[int] = []
    if not enabled():
        return Warming(pipes)
    for fmt, lang in WARMED:
        ready, go = os.pipe()
        command = [sys.executable, "-m", "pgdash.export.warm", "--data", str(Path(data_dir))]
        command += ["--format", fmt, "--lang", lang, "--ready-fd", str(ready)]
        try:
            subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # not stopped by the terminal's Ctrl-C of the build
                close_fds=True,
                pass_fds=(ready,),
            )
        except OSError:
            os.close(go)
            continue
        finally:
            os.close(ready)
        pipes.append(go)
    return Warming(pipes)


def _stand_back() -> None:
    """Run as a batch job (Linux's SCHED_BATCH): it never preempts the build beside it or an
    export someone waits for, yet keeps its fair share of a busy machine (an idle priority
    would starve it, and an export waiting for it, while an app server is busy, and could not
    be undone without privileges)."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))


def _hold(lock: Path, text: str) -> None:
    """Write the warming lock whole (through a temporary file): a reader never sees half."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".warming-", dir=lock.parent)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    os.replace(tmp, lock)


def _prepare(fmt: str) -> None:
    """Import what the export of ``fmt`` needs (most of its first second)."""
    import pgdash.briefing.ledger_slide
    import pgdash.export.api
    import pgdash.supervision.db  # SQLAlchemy, for the 督办 page

    if fmt == "pptx":
        import pgdash.export.pptx
        import pgdash.export.render
    else:
        import pgdash.export.handout  # noqa: F401


def _cut_fonts(data_dir: Path, lang: str) -> None:
    """Cut the handout's fonts for the next handouts of this build."""
    from pgdash.export.api import briefing
    from pgdash.export.handout import cut_fonts

    cut_fonts(briefing(None, data_dir, lang), lang)


def _told_to_go(fd: int | None) -> bool:
    """Wait for the build's word on ``fd`` (``None``: go at once); False when it closes
    without one."""
    if fd is None:
        return True
    try:
        return os.read(fd, 1) == b"1"
    except OSError:
        return False
    finally:
        os.close(fd)


def warm(data_dir: Path, fmt: str, lang: str, ready_fd: int | None = None) -> None:
    """Make the export ``fmt`` in ``lang`` from ``data_dir`` into the cache once the build
    says so, holding its warming lock meanwhile; an export that fails is left to the user's
    command to report."""
    _stand_back()
    lock: Path | None = quick.warming_lock(data_dir, quick.warming_job(fmt, None, lang))
    try:
        _hold(lock, str(os.getpid()))
    except OSError:
        lock = None
    try:
        _prepare(fmt)
        if _told_to_go(ready_fd):
            with contextlib.suppress(Exception):  # the export the user runs reports it
                quick.export_bytes(fmt, None, data_dir, lang)
                if fmt == "pdf":  # once the export is made: nobody waits for this
                    _cut_fonts(data_dir, lang)
    finally:
        if lock is not None:
            lock.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m pgdash.export.warm --data DIR --format pptx --lang zh [--ready-fd N]``."""
    parser = argparse.ArgumentParser(prog="pgdash.export.warm")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--format", choices=[fmt for fmt, _ in WARMED], required=True)
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--ready-fd", type=int, default=None)
    args = parser.parse_args(argv)
    warm(args.data, args.format, args.lang, args.ready_fd)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
