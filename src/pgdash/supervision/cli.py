"""``pgdash supervise …`` and ``pgdash users …``: the ledger from the command line.

:func:`register` adds the subcommands to ``pgdash``'s parser; the heavy modules are
imported only when one of them runs, so ``pgdash build`` stays fast.
"""

import argparse
import getpass
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from pgdash.errors import PgdashError


def _plan(args: argparse.Namespace):
    """The plan of the build in ``--data`` (a missing build names ``pgdash build``)."""
    from pgdash.supervision import ledger

    plan = ledger.load_plan(args.data)
    ledger.sync(plan)
    return plan


def day(text: str | None) -> date | None:
    """A ``--date`` value as a date (``None`` when not given)."""
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
    if not args.unit:
        print(f"wrote {excel.export(plan, args.out, day(args.date), heading=heading)}")
        return 0
    from pgdash.supervision import clock, ledger, reports

    on = day(args.date) or clock.today()
    every = ledger.rows(plan, on)
    unit = " ".join(args.unit.split())
    rows = reports.unit_rows(every, unit)
    if not rows:
        known = sorted({u for r in every if r.in_plan for u in ledger.units_of(r.lead_unit)})
        raise PgdashError(
            f"--unit {unit!r} leads or supports no task of the plan; "
            f"units in the ledger: {'、'.join(known) or '(none yet: set the lead units first)'}"
        )
    if args.out.suffix.lower() != ".xlsx":
        raise PgdashError(f"{args.out}: the ledger is written as Excel; name the file *.xlsx")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    excel.workbook(rows, on, replace(heading, district=unit)).save(args.out)  # its own title
    print(f"wrote {args.out}: {len(rows)} task(s) of {unit}")
    return 0


def _round(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth, reports

    _plan(args)
    if args.due or args.name:
        if not args.user:
            raise PgdashError(
                "opening a round needs --user NAME, an admin (asked for its password)"
            )
        auth.sign_in(
            args.user, _read_password(f"password of {args.user}: ")
        )  # the round is opened by who signs
        opened = reports.open_round(args.user, args.due, args.name or "")
        print(f"opened round {opened.label}: due {opened.due_on.isoformat()}")
        return 0
    found = reports.current(day(args.date))
    kind = "monthly default" if found.auto else "set by the office"
    print(f"round {found.label} ({kind}): {found.starts_on} to due {found.due_on}")
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

    rows = ledger.rows(_plan(args), day(args.date))
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
    created = auth.add_user(args.name, args.role, _ask_password(), unit=args.unit or "")
    unit = f", {args.unit}" if args.unit else ""
    print(f"{'added' if created else 'updated'} {args.name} ({args.role}{unit})")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth

    for a in auth.list_users():
        print(f"{a.name}\t{a.role}\t{'active' if a.active else 'disabled'}\t{a.unit}")
    return 0


def _users_disable(args: argparse.Namespace) -> int:
    from pgdash.supervision import auth

    auth.disable_user(args.name)
    print(f"disabled {args.name}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``supervise`` and ``users`` to the ``pgdash`` command's subcommands; returns the
    ``supervise`` subcommands (the entry adds ``bulletin``, drawn by the export layer)."""
    sv = sub.add_parser("supervise", help="the 督办 ledger: history, Excel, backup")
    svs = sv.add_subparsers(dest="action", required=True)
    h = svs.add_parser("history", help="print every change of a task")
    h.add_argument("--task", required=True, help="task id, e.g. t03-002")
    h.set_defaults(func=_history)
    e = svs.add_parser("export", help="write the ledger as an Excel sheet")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--date", help="compute the lights for this day (YYYY-MM-DD)")
    e.add_argument("--unit", help="only the tasks this unit leads or supports (its own 台账)")
    e.set_defaults(func=_export)
    r = svs.add_parser("round", help="show the reporting round, or open one (--due)")
    r.add_argument("--due", help="the day reports are due (YYYY-MM-DD); opens a round")
    r.add_argument("--name", help="the round's name (default: the month, 2026年7月)")
    r.add_argument("--user", help="the admin opening the round")
    r.add_argument("--date", help="show the round of this day (YYYY-MM-DD)")
    r.set_defaults(func=_round)
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
    add.add_argument("--role", choices=("viewer", "reporter", "editor", "admin"), default="editor")
    add.add_argument("--unit", help="a reporter's unit, as the ledger names it (区发展改革委)")
    add.set_defaults(func=_users_add)
    us.add_parser("list", help="list the accounts").set_defaults(func=_users_list)
    d = us.add_parser("disable", help="disable an account")
    d.add_argument("name")
    d.set_defaults(func=_users_disable)
    return svs
