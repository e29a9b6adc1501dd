"""``pgdash supervise …`` and ``pgdash users …``: the ledger from the command line.

:func:`register` adds the subcommands to ``pgdash``'s parser; the heavy modules are
imported only when one of them runs, so ``pgdash build`` stays fast.
"""

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from pgdash.errors import PgdashError


def _plan(args: argparse.Namespace):
    """The plan of the build in ``--data`` (a missing build names ``pgdash build``)."""
    from pgdash.supervision import ledger

    plan = ledger.load_plan(args.data)
    ledger.sync(plan)
    return plan


def _on(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PgdashError(f"--date {text!r} is not a date; write it as YYYY-MM-DD") from None


def _history(args: argparse.Namespace) -> int:
    from pgdash.supervision import clock, ledger

    _plan(args)
    changes = ledger.history(args.task)
    if not changes:
        print(f"{args.task}: no changes yet")
    for c in changes:
        print(
            f"{clock.shown(c.changed_at)}\t{c.user_name}\t{c.via}\t{c.field}\t"
            f"{c.old_value!r} → {c.new_value!r}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    from pgdash.supervision import excel

    plan, heading = _plan(args), excel.heading_of(args.data)
    print(f"wrote {excel.export(plan, args.out, _on(args.date), heading=heading)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth, excel

    plan = _plan(args)
    signed = auth.sign_in(args.user, _read_password(f"password of {args.user}: "))
    changed = excel.import_file(args.file, signed.name, plan)
    print(f"imported {args.file}: {changed} task(s) changed, recorded under {signed.name}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from pgdash.supervision import backup

    print(f"wrote {backup.backup(args.out)}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from pgdash.supervision import ledger, summary

    rows = ledger.rows(_plan(args), _on(args.date))
    counts = summary.light_counts(rows)
    total = counts.total
    print(
        f"{counts.tasks} tasks: red {total['red']}, yellow {total['yellow']}, "
        f"green {total['green']}, no deadline {total['none']}; overdue {counts.overdue}"
    )
    return 0


def _read_password(prompt: str) -> str:
    """A password typed at the terminal, or one line of standard input when scripted."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(prompt)


def _ask_password() -> str:
    """A new password: typed twice at the terminal, or one line of standard input."""
    if not sys.stdin.isatty():
        return _read_password("")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise PgdashError("the two passwords differ; run the command again")
    return first


def _users_add(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth

    auth.check_name(args.name)
    created = auth.add_user(args.name, args.role, _ask_password())
    print(f"{'added' if created else 'updated'} {args.name} ({args.role})")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth

    for a in auth.list_users():
        print(f"{a.name}\t{a.role}\t{'active' if a.active else 'disabled'}")
    return 0


def _users_disable(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth

    auth.disable_user(args.name)
    print(f"disabled {args.name}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``supervise`` and ``users`` to the ``pgdash`` command's subcommands."""
    sv = sub.add_parser("supervise", help="the 督办 ledger: history, Excel, backup")
    svs = sv.add_subparsers(dest="action", required=True)
    h = svs.add_parser("history", help="print every change of a task")
    h.add_argument("--task", required=True, help="task id, e.g. t03-002")
    h.set_defaults(func=_history)
    e = svs.add_parser("export", help="write the ledger as an Excel sheet")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--date", help="compute the lights for this day (YYYY-MM-DD)")
    e.set_defaults(func=_export)
    i = svs.add_parser("import", help="apply an Excel sheet, all or nothing")
    i.add_argument("file", type=Path)
    i.add_argument(
        "--user",
        required=True,
        help="the admin the changes are recorded under (asks for the password; "
        "a script pipes it on standard input)",
    )
    i.set_defaults(func=_import)
    b = svs.add_parser("backup", help="copy the SQLite ledger while it is in use")
    b.add_argument("--out", type=Path, required=True)
    b.set_defaults(func=_backup)
    s = svs.add_parser("summary", help="print how many tasks show each light")
    s.add_argument("--date", help="compute the lights for this day (YYYY-MM-DD)")
    s.set_defaults(func=_summary)

    users = sub.add_parser("users", help="accounts of editors and admins")
    us = users.add_subparsers(dest="action", required=True)
    add = us.add_parser("add", help="add an account or reset its password (asked for)")
    add.add_argument("name")
    add.add_argument("--role", choices=("viewer", "editor", "admin"), default="editor")
    add.set_defaults(func=_users_add)
    us.add_parser("list", help="list the accounts").set_defaults(func=_users_list)
    d = us.add_parser("disable", help="disable an account")
    d.add_argument("name")
    d.set_defaults(func=_users_disable)
