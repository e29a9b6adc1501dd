"""The sign-in slow-down: failed tries counted by name, by client address, and by the pair.

A try is allowed or refused, and when allowed counted as a failure, in one locked
transaction (:func:`pgdash.supervision.db.locked`), before the password is checked; a right
password then clears its counters. So guesses sent at once are taken in turn: each is
either checked and counted, or refused with the time to wait; none slips through and none
fails on a race. Like django-axes, the long lock is on the pair: one client's guesses slow
that client down for up to 15 minutes, while the account's owner elsewhere waits at most a
minute however many strangers guess its name. Counters quiet for a day are forgotten, and
their rows dropped at the next try of any name.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, case, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from pgdash.supervision import db
from pgdash.supervision.models import LoginAttempt


@dataclass(frozen=True)
class Scope:
    """What a counter is kept for, how many failures are free, and the longest wait."""

    name: str
    free: int
    cap: float  # seconds

    def delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` in a row: 1, 2, 4 … up to the cap."""
        if failures < self.free:
            return 0.0
        return min(self.cap, 2.0 ** (failures - self.free))


PAIR = Scope("pair", free=3, cap=900.0)  # this client guessing this name
NAME = Scope("name", free=10, cap=60.0)  # anyone guessing this name: the owner waits ≤ 1 min
CLIENT = Scope("client", free=20, cap=900.0)  # this client guessing any name
FORGET_AFTER = timedelta(days=1)  # a counter quiet this long starts again from zero
_ATTEMPTS = LoginAttempt.__table__
_INSERT_IGNORING = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def keys(name: str, client: str) -> dict[str, Scope]:
    """The counters a try of ``name`` from ``client`` (may be empty: unknown) touches."""
    name = name.strip()[:64].lower().replace("\0", "")  # a NUL cannot be stored
    client = client_key(client)
    found = {f"pair:{name}|{client}": PAIR, f"name:{name}": NAME}
    if client:
        found[f"client:{client}"] = CLIENT
    return found


def client_key(client: str) -> str:
    """The client a counter is kept for: an IPv6 address by its /64 (one subscriber's
    network hands out as many addresses as it likes), anything else as given."""
    client = client.strip()[:64].replace("\0", "")
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return client
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def reserve(name: str, client: str, now: datetime, url: str | None = None) -> float:
    """Seconds to wait before ``name`` may be tried from ``client``; 0 means go ahead.

    A try that may go ahead is counted as a failure here, in the same transaction that
    decided it; :func:`clear` takes it back when the password is right.
    """
    scopes = keys(name, client)
    with db.locked(url) as conn:
        _ensure(conn, list(scopes))
        rows = conn.execute(
            select(_ATTEMPTS.c.key, _ATTEMPTS.c.failures, _ATTEMPTS.c.last_failed_at)
            .where(_ATTEMPTS.c.key.in_(scopes))
            .with_for_update()
        ).all()
        wait = 0.0
        for key, failures, last in rows:
            if last is not None and now - last < FORGET_AFTER:
                ready_at = last + timedelta(seconds=scopes[key].delay(failures))
                wait = max(wait, (ready_at - now).total_seconds())
        if wait > 0:
            return wait
        forgotten = _ATTEMPTS.c.last_failed_at <= now - FORGET_AFTER
        # other tries' forgotten rows, skipping those a try holds now (two tries purging
        # each other's rows would otherwise wait on each other: a deadlock in PostgreSQL)
        stale = (
            select(_ATTEMPTS.c.key)
            .where(forgotten & _ATTEMPTS.c.key.not_in(scopes))
            .with_for_update(skip_locked=True)
        )
        conn.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.key.in_(stale)))
        conn.execute(
            update(_ATTEMPTS)
            .where(_ATTEMPTS.c.key.in_(scopes))
            .values(
                failures=case((forgotten, 1), else_=_ATTEMPTS.c.failures + 1), last_failed_at=now
            )
        )
        return 0.0


def clear(name: str, client: str, url: str | None = None) -> None:
    """A right password: the name's and the pair's counters start again, and the client's
    takes back this try (its earlier failures stay; an office behind one address signs in
    all day)."""
    scopes = keys(name, client)
    ours = [key for key, scope in scopes.items() if scope is not CLIENT]
    clients = [key for key, scope in scopes.items() if scope is CLIENT]
    with db.locked(url) as conn:
        conn.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.key.in_(ours)))
        failures = _ATTEMPTS.c.failures
        conn.execute(
            update(_ATTEMPTS)
            .where(_ATTEMPTS.c.key.in_(clients))
            .values(failures=case((failures > 0, failures - 1), else_=0))
        )


def failures(key: str, url: str | None = None) -> int:
    """The count of a key (for checks and tests)."""
    with db.session(url) as s:
        row = s.get(LoginAttempt, key)
        return row.failures if row else 0


def _ensure(conn: Connection, wanted: list[str]) -> None:
    """Insert the missing counters at zero without racing another try on the same key."""
    rows = [{"key": key, "failures": 0} for key in wanted]
    insert_ignoring = _INSERT_IGNORING.get(conn.dialect.name)
    if insert_ignoring is not None:
        conn.execute(insert_ignoring(_ATTEMPTS).values(rows).on_conflict_do_nothing())
        return
    have = set(conn.scalars(select(_ATTEMPTS.c.key).where(_ATTEMPTS.c.key.in_(wanted))))
    missing = [row for row in rows if row["key"] not in have]
    if missing:
        conn.execute(insert(_ATTEMPTS), missing)
