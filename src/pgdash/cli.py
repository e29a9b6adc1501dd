"""Command line: ``pgdash build``, ``run``, ``export``, ``supervise`` and ``users``."""

import argparse
import os
import sys
from pathlib import Path

from pgdash import build as build_stage
from pgdash.errors import PgdashError
from pgdash.paths import ROOT, data_dir, seeds_dir
from pgdash.supervision import cli as supervision_cli


def _build(args: argparse.Namespace) -> int:
    report = build_stage.build(args.seeds, args.data)
    for line in report.lines():
        print(line)
    print(f"built {args.data}")
    return 0


def _run(args: argparse.Namespace) -> int:
    report = build_stage.ensure_built(args.seeds, args.data)
    print("data/ rebuilt" if report else "data/ is up to date")
    env = {**os.environ, "PGDASH_DATA": str(args.data)}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), *args.streamlit]
    os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    os.execvpe(command[0], command, env)
    return 0  # not reached


def _export(args: argparse.Namespace) -> int:
    from pgdash.export.cli import export  # heavy imports only when exporting

    build_stage.ensure_built(args.seeds, args.data)
    path = export(args.format, args.sector, args.out, args.data, args.lang)
    print(f"wrote {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pgdash`` command."""
    p = argparse.ArgumentParser(prog="pgdash", description="Pinggu District dashboard")
    p.add_argument("--seeds", type=Path, default=seeds_dir(), help="source documents folder")
    p.add_argument("--data", type=Path, default=data_dir(), help="built tables folder")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build data/ from seeds/").set_defaults(func=_build)
    run = sub.add_parser(
        "run", help="build data/ if stale, then start the app (other options go to streamlit run)"
    )
    run.set_defaults(func=_run)
    exp = sub.add_parser("export", help="write a PPTX deck or a PDF handout")
    exp.add_argument("--format", choices=("pptx", "pdf"), required=True)
    exp.add_argument("--sector", default=None, help="sector id, e.g. logistics")
    exp.add_argument("--lang", choices=("zh", "en"), default="zh")
    exp.add_argument("--out", type=Path, required=True)
    exp.set_defaults(func=_export)
    supervision_cli.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command; user errors print one line and exit with status 2."""
    p = parser()
    args, extra = p.parse_known_args(argv)
    if extra and args.command != "run":
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    args.streamlit = extra
    try:
        return args.func(args)
    except PgdashError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
