"""Accounts, sign-in and its slow-down, expiring sign-ins; the pgdash users/supervise commands."""

import subprocess
import sys
from datetime import timedelta

import pytest
from supervision_fixtures import PipedStdin

from pgdash.cli import main
from pgdash.errors import PgdashError
from pgdash.supervision import auth, clock, db
from pgdash.supervision.models import User


def test_passwords_are_hashed_with_argon2_and_checked(ledger_url):
    assert auth.add_user("zhang", "editor", "long enough pw", ledger_url) is True
    with db.session(ledger_url) as s:
        stored = s.query(User).filter_by(name="zhang").one().password_hash
    assert stored.startswith("$argon2id$") and "long enough pw" not in stored
    signed = auth.sign_in("zhang", "long enough pw", ledger_url)
    assert (signed.name, signed.role) == ("zhang", "editor")
    with pytest.raises(auth.SignInError, match="wrong user name or password"):
        auth.sign_in("zhang", "wrong password", ledger_url)
    with pytest.raises(PgdashError, match="too short"):
        auth.add_user("li", "editor", "short", ledger_url)
    with pytest.raises(PgdashError, match="role 'boss' is unknown"):
        auth.add_user("li", "boss", "long enough pw", ledger_url)


def test_failures_are_slowed_down_for_known_and_unknown_names(ledger_url):
    auth.add_user("zhang", "editor", "long enough pw", ledger_url)
    now = clock.now_utc()
    for name in ("zhang", "ghost"):
        for _ in range(auth.FREE_FAILURES):
            with pytest.raises(auth.SignInError, match="wrong"):
                auth.sign_in(name, "guess", ledger_url, now)
        with pytest.raises(auth.SignInError, match="wrong"):  # the 4th try is still checked
            auth.sign_in(name, "guess", ledger_url, now + timedelta(seconds=1))
        # … but the 5th must wait: even the right password is not looked at yet
        with pytest.raises(auth.SignInError, match="wait 2 s"):
            auth.sign_in(name, "long enough pw", ledger_url, now + timedelta(seconds=1.5))
    later = now + timedelta(seconds=4)
    assert auth.sign_in("zhang", "long enough pw", ledger_url, later).name == "zhang"
    assert auth.delay_after(40) == auth.MAX_DELAY


def test_sign_ins_expire_and_end_with_the_account(ledger_url, monkeypatch):
    monkeypatch.setenv("PGDASH_SESSION_MINUTES", "30")
    auth.add_user("zhang", "admin", "long enough pw", ledger_url)
    now = clock.now_utc()
    signed = auth.sign_in("zhang", "long enough pw", ledger_url, now)
    assert signed.expires_at == now + timedelta(minutes=30)
    assert auth.still_signed_in(signed, ledger_url, now + timedelta(minutes=29)) == signed
    assert auth.still_signed_in(signed, ledger_url, now + timedelta(minutes=30)) is None
    auth.add_user("zhang", "editor", "long enough pw", ledger_url)  # demoted: the role is re-read
    assert auth.still_signed_in(signed, ledger_url, now).role == "editor"
    auth.disable_user("zhang", ledger_url)
    assert auth.still_signed_in(signed, ledger_url, now) is None
    with pytest.raises(auth.SignInError):
        auth.sign_in("zhang", "long enough pw", ledger_url)


def test_commands_add_users_and_print_history(ledger_url, built_data, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", PipedStdin("a good password\n"))
    assert main(["--data", str(built_data), "users", "add", "wang", "--role", "admin"]) == 0
    assert main(["--data", str(built_data), "users", "list"]) == 0
    assert "wang\tadmin\tactive" in capsys.readouterr().out
    assert auth.sign_in("wang", "a good password", ledger_url).role == "admin"
    assert main(["--data", str(built_data), "supervise", "history", "--task", "t01-001"]) == 0
    assert "no changes yet" in capsys.readouterr().out
    from pgdash.supervision import ledger

    ledger.save("t01-001", 1, {"lead_unit": "区发改委"}, "wang", ledger_url)
    assert main(["--data", str(built_data), "supervise", "history", "--task", "t01-001"]) == 0
    assert "wang\tweb\tlead_unit\t'' → '区发改委'" in capsys.readouterr().out
    assert main(["--data", str(built_data), "supervise", "history", "--task", "t99"]) == 2
    assert "error: no ledger record for task 't99'" in capsys.readouterr().err


def test_the_password_never_goes_on_the_command_line():
    with pytest.raises(SystemExit):
        main(["users", "add", "wang", "--password", "x"])


def test_backup_copies_the_sqlite_ledger_and_names_pg_dump_for_postgresql(ledger_url, tmp_path):
    from pgdash.supervision.backup import backup

    if not ledger_url.startswith("sqlite"):
        with pytest.raises(PgdashError, match="pg_dump --format=custom"):
            backup(tmp_path / "x.db", ledger_url)
        return
    auth.add_user("zhang", "editor", "long enough pw", ledger_url)
    out = backup(tmp_path / "copy.db", ledger_url)
    copied = f"sqlite:///{out}"
    assert [a.name for a in auth.list_users(copied)] == ["zhang"]
    with pytest.raises(PgdashError, match="exists; choose a new file name"):
        backup(out, ledger_url)


def test_the_build_command_does_not_load_the_database_layer():
    code = "import sys, pgdash.cli; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
