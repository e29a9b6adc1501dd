"""Command line: ``pgdash add``, ``build``, ``run``, ``serve``, ``export``, ``supervise``
and ``users``.

``--seeds`` and ``--data`` may come before or after the command."""

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.paths import ROOT, SERVER, data_dir, seeds_dir
from pgdash.serve.cli import register as register_serve
from pgdash.supervision import cli as supervision_cli


def _add(args: argparse.Namespace) -> int:
    from pgdash.pipeline.read.add import add_document

    failed = 0
    for path in args.files:
        try:
            added = add_document(path, args.seeds)
        except PgdashError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        for line in added.lines():
            print(line)
    return 2 if failed else 0


def _build(args: argparse.Namespace) -> int:
    from pgdash.pipeline.write import build as build_stage

    with _warming(args.data):
        report = build_stage.build(args.seeds, args.data)
    for line in report.lines():
        print(line)
    if args.report:
        report.write_json(args.report)
        print(f"wrote {args.report}")
    print(f"built {args.data}")
    return 0


@contextmanager
def _warming(data: Path) -> Iterator[None]:
    """Fill the export cache of the build inside this block in the background: the warm-ups
    start before it and make their exports once it succeeds (see pgdash.export.warm)."""
    from pgdash.export import warm

    warming = warm.start(data)
    try:
        yield
    except BaseException:
        warming.close()
        raise
    warming.built()


def _run(args: argparse.Namespace) -> int:
    env = {**os.environ, "PGDASH_DATA": str(args.data)}
    command = [sys.executable, "-m", "streamlit", "run", str(SERVER), *args.streamlit]
    os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    os.execvpe(command[0], command, env)
    return 0  # not reached


def _export(args: argparse.Namespace) -> int:
    from pgdash.export.cli import export  # heavy imports only when exporting

    path = export(args.format, args.sector, args.out, args.data, args.lang, args.district)
    print(f"wrote {path}")
    return 0


def _bulletin(args: argparse.Namespace) -> int:
    from pgdash.export.cli import bulletin

    on = supervision_cli.day(args.date)
    print(f"wrote {bulletin(args.data, args.out, on, args.number)}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pgdash`` command."""
    p = argparse.ArgumentParser(prog="pgdash", description="Pinggu District dashboard")
    p.add_argument("--seeds", type=Path, default=seeds_dir(), help="source documents folder")
    p.add_argument("--data", type=Path, default=data_dir(), help="built tables folder")
    # The same options after the command; SUPPRESS keeps the ones given before it.
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument("--seeds", type=Path, default=argparse.SUPPRESS, help="seeds folder")
    folders.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="tables folder")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser(
        "add", parents=[folders], help="copy documents into seeds/ with detected metadata"
    )
    add.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add.set_defaults(func=_add)
    build = sub.add_parser("build", parents=[folders], help="build data/ from seeds/")
    build.add_argument("--report", type=Path, default=None, help="also write the report as JSON")
    build.set_defaults(func=_build)
    run = sub.add_parser(
        "run",
        parents=[folders],
        help="build data/ if stale, then start the app (other options go to streamlit run)",
    )
    run.set_defaults(func=_run)
    register_serve(sub, [folders])
    exp = sub.add_parser("export", parents=[folders], help="write a PPTX deck or a PDF handout")
    exp.add_argument("--format", choices=("pptx", "pdf"), required=True)
    exp.add_argument("--sector", default=None, help="sector id, e.g. logistics")
    exp.add_argument("--lang", choices=("zh", "en"), default="zh")
    exp.add_argument(
        "--district", default=None, help="district slug or name, e.g. luohu (default: latest)"
    )
    exp.add_argument("--out", type=Path, required=True)
    exp.set_defaults(func=_export)
    supervise = supervision_cli.register(sub)
    bul = supervise.add_parser("bulletin", parents=[folders], help="write the 督办通报")
    bul.add_argument("--out", type=Path, required=True, help="通报.docx or 通报.pdf")
    bul.add_argument("--number", type=int, help="the issue number (第N期; default: the month)")
    bul.add_argument("--date", help="the bulletin's day (YYYY-MM-DD; default today, Beijing)")
    bul.set_defaults(func=_bulletin)
    return p


BUILDS_FIRST = ("run", "serve", "export")  # commands that need data/ built and current


def _ensure_built(args: argparse.Namespace) -> None:
    """Build the data folder when it is missing or stale (before run, serve and export); the
    pipeline is imported only when it has to build."""
    from pgdash.pipeline.write.stamp import is_stale

    if is_stale(args.seeds, args.data):
        from pgdash.pipeline.write import build as build_stage

        # an export makes its own file right away; the app's first exports are warmed
        warming = _warming(args.data) if args.command != "export" else nullcontext()
        with warming:
            build_stage.build(args.seeds, args.data)
        print("data/ rebuilt", flush=True)
    else:
        print("data/ is up to date", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the command; user errors print one line and exit with status 2."""
    p = parser()
    args, extra = p.parse_known_args(argv)
    if extra and args.command != "run":
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    args.streamlit = extra
    try:
        if args.command in BUILDS_FIRST:
            _ensure_built(args)
        return args.func(args)
    except PgdashError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
