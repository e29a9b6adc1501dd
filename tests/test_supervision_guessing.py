"""Sign-in as an attacker tries it: guesses in parallel, one client against an owner, private files.

Each test runs on SQLite and on a throwaway PostgreSQL (``ledger_url``).
"""

import os
import stat
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from supervision_fixtures import ledger_url  # noqa: F401 (a fixture)

from pgdash.supervision import auth, backup, clock, db, throttle

GUESSES = 20


def _guess(url: str, name: str, password: str, now, client: str = "") -> str:
    """What one try ends in: 'in', 'wrong', 'wait', or the error it raised."""
    try:
        auth.sign_in(name, password, url, now, client)
    except auth.SignInError as exc:
        return "wait" if exc.wait else "wrong"
    except Exception as exc:  # the test reports any other failure by name
        return f"{type(exc).__name__}: {exc}"
    return "in"


@pytest.mark.parametrize("name", ["zhang", "nobody-yet"])
def test_parallel_guesses_are_each_counted_or_refused(ledger_url, name):  # noqa: F811
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    db.ready(ledger_url)
    now = clock.now_utc()
    with ThreadPoolExecutor(max_workers=GUESSES) as pool:
        results = list(pool.map(lambda _: _guess(ledger_url, name, "guess", now), range(GUESSES)))
    assert sorted(set(results)) <= ["wait", "wrong"], results  # no race error, no way in
    checked = results.count("wrong")
    # exactly the free tries were checked; all the others had to wait, and each checked
    # try raised the count by one
    assert checked == throttle.PAIR.free
    assert throttle.failures(f"pair:{name}|", ledger_url) == checked
    assert throttle.failures(f"name:{name}", ledger_url) == checked


def test_one_client_guessing_slows_itself_not_the_owner_for_long(ledger_url):  # noqa: F811
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    now = clock.now_utc()
    for step in range(12):  # a stranger at one address keeps guessing, waiting out each delay
        at = now + timedelta(seconds=2**step)
        assert _guess(ledger_url, "zhang", "guess", at, "203.0.113.9") == "wrong"
    later = now + timedelta(seconds=2**11 + 1)
    # the stranger must now wait many minutes …
    try:
        auth.sign_in("zhang", "the right password", ledger_url, later, "203.0.113.9")
    except auth.SignInError as exc:
        assert exc.wait > 60
    else:
        pytest.fail("the guessing client was let in without waiting")
    # … while the owner at another address waits at most a minute
    owner_at = later + timedelta(seconds=throttle.NAME.cap)
    signed = auth.sign_in("zhang", "the right password", ledger_url, owner_at, "198.51.100.4")
    assert signed.name == "zhang"


def test_a_client_spraying_many_names_is_slowed_down(ledger_url):  # noqa: F811
    now = clock.now_utc()
    for i in range(throttle.CLIENT.free):
        assert _guess(ledger_url, f"name{i}", "guess", now, "203.0.113.9") == "wrong"
    assert _guess(ledger_url, "another", "guess", now, "203.0.113.9") == "wait"
    assert _guess(ledger_url, "another", "guess", now, "198.51.100.4") == "wrong"


def test_the_wait_is_given_in_whole_seconds_for_the_page_to_word(ledger_url):  # noqa: F811
    now = clock.now_utc()
    for _ in range(throttle.PAIR.free):
        _guess(ledger_url, "zhang", "guess", now)
    with pytest.raises(auth.SignInError) as refused:
        auth.sign_in("zhang", "guess", ledger_url, now + timedelta(seconds=0.2))
    assert refused.value.wait == 1


def test_a_browser_token_resumes_the_sign_in_until_it_ends(ledger_url, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PGDASH_SESSION_MINUTES", "30")
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    now = clock.now_utc()
    signed = auth.sign_in("zhang", "the right password", ledger_url, now)
    token = auth.issue_token(signed, ledger_url)
    assert len(token) >= 40 and token not in repr(signed)
    assert auth.resume(token, ledger_url, now + timedelta(minutes=10)) == signed
    assert auth.resume(token + "x", ledger_url, now) is None
    assert auth.resume("", ledger_url, now) is None
    assert auth.resume(token, ledger_url, now + timedelta(minutes=30)) is None  # expired
    auth.disable_user("zhang", ledger_url)
    assert auth.resume(token, ledger_url, now) is None  # disabled
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    assert auth.resume(token, ledger_url, now) == signed
    auth.revoke(token, ledger_url)
    assert auth.resume(token, ledger_url, now) is None  # signed out


def test_the_sqlite_ledger_and_its_backup_are_private(tmp_path, monkeypatch):
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    old = os.umask(0o022)
    try:
        url = db.db_url()
        auth.add_user("zhang", "admin", "the right password", url)
        copy = backup.backup(tmp_path / "copies" / "ledger.db", url)
    finally:
        os.umask(old)
        db.dispose_all()
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(tmp_path / "state") == 0o700
    assert mode(tmp_path / "state" / db.DB_FILE) == 0o600
    assert mode(copy) == 0o600


def test_an_existing_open_state_folder_is_tightened(tmp_path, monkeypatch):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    (state / db.DB_FILE).touch(mode=0o644)
    monkeypatch.setenv("PGDASH_STATE", str(state))
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    try:
        db.ready()
    finally:
        db.dispose_all()
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / db.DB_FILE).stat().st_mode) == 0o600
