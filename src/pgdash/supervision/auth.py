"""Local accounts of editors and admins: argon2 hashes, slowed-down failures, expiring sessions.

Viewers need no account (unless ``PGDASH_REQUIRE_LOGIN=1``). Editors change records;
admins also manage accounts and import sheets. Wrong passwords are slowed down by name, by
client address and by the pair (:mod:`pgdash.supervision.throttle`): after three in a row
from one client for one name each further try waits twice as long as the last (1 s, 2 s,
4 s … up to 15 minutes); the counts live in the database, so every app server sees them.
A sign-in lasts ``PGDASH_SESSION_MINUTES`` (default 60) minutes; a browser may keep it
across reloads with a random token whose SHA-256 alone is stored (:func:`issue_token`).
"""

import hashlib
import math
import os
import re
import secrets
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pgdash.errors import PgdashError
from pgdash.supervision import clock, db, throttle
from pgdash.supervision.models import BrowserSession, User

ROLES = ("viewer", "reporter", "editor", "admin")  # viewers: only under PGDASH_REQUIRE_LOGIN
REPORTER = "reporter"  # a unit's account: reports on its unit's tasks only (see reports.py)
EDIT_ROLES = ("editor", "admin")
IMPORT_ROLES = ("admin",)  # "admins also manage accounts and imports"
MIN_PASSWORD = 8
FREE_FAILURES = throttle.PAIR.free
MAX_DELAY = throttle.PAIR.cap  # seconds
NAME = re.compile(r"^[\w.@-]{1,64}$")  # letters (also Chinese), digits, . @ - _
_hasher = PasswordHasher()
CHECKS_AT_ONCE = 2  # argon2 checks running at once in one process (the machine has few cores)
_checking = threading.BoundedSemaphore(CHECKS_AT_ONCE)
_DUMMY = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class Account:
    """An account as listed."""

    name: str
    role: str
    active: bool
    unit: str = ""  # a reporter's unit


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, in which role, until when (naive UTC); and the digest of the
    browser token it holds, if any: once that token is revoked (signed out in another tab,
    a reset password) the sign-in ends too."""

    name: str
    role: str
    expires_at: datetime
    unit: str = ""  # a reporter's unit
    token_hash: str = field(default="", compare=False, repr=False)

    def can(self, roles: tuple[str, ...]) -> bool:
        """Whether the signed-in role is among ``roles``."""
        return self.role in roles


class SignInError(PgdashError):
    """A refused sign-in: wrong name or password, or too many failures in a row.

    ``wait`` is the whole seconds to wait before the next try (0 for a wrong password),
    so a page can say it in its own language.
    """

    def __init__(self, message: str, wait: int = 0) -> None:
        super().__init__(message)
        self.wait = wait


def session_minutes() -> int:
    """How long a sign-in lasts (``PGDASH_SESSION_MINUTES``, default 60)."""
    try:
        return max(1, int(os.environ.get("PGDASH_SESSION_MINUTES", "60")))
    except ValueError:
        return 60


def check_name(name: str) -> str:
    """A valid account name, or a ``PgdashError`` saying which characters are allowed."""
    name = name.strip()
    if not NAME.match(name):
        raise PgdashError(
            f"account name {name!r} is not allowed; use 1–64 letters, digits, '.', '@', '-' or '_'"
        )
    return name


def check_password(password: str) -> str:
    """A password long enough, or a ``PgdashError`` saying how long it must be."""
    if len(password) < MIN_PASSWORD:
        raise PgdashError(f"the password is too short; use at least {MIN_PASSWORD} characters")
    return password


def add_user(name: str, role: str, password: str, url: str | None = None, unit: str = "") -> bool:
    """Create the account, or reset its role, unit and password (and enable it); True if new.

    A reporter belongs to a unit (``unit``, as the ledger's 牵头单位 spells it)."""
    name = check_name(name)
    if role not in ROLES:
        raise PgdashError(f"role {role!r} is unknown; use one of {', '.join(ROLES)}")
    unit = " ".join(unit.split())
    if role == REPORTER and not unit:
        raise PgdashError(
            f"a reporter belongs to a unit; add it with --unit, e.g. "
            f"pgdash users add {name} --role reporter --unit 区发展改革委"
        )
    if len(unit) > 200:
        raise PgdashError(f"the unit is {len(unit)} characters long; shorten it to 200")
    hashed = _hasher.hash(check_password(password))
    with db.session(url) as s:
        user = s.scalars(select(User).where(User.name == name)).first()
        if user is None:
            s.add(
                User(
                    name=name,
                    role=role,
                    unit=unit,
                    password_hash=hashed,
                    created_at=clock.now_utc(),
                )
            )
            return True
        user.role, user.unit, user.password_hash, user.active = role, unit, hashed, True
        _end_browser_sessions(s, name)  # a reset password ends what the old one opened
        return False


def disable_user(name: str, url: str | None = None) -> None:
    """Disable an account (kept, so its name stays in the history); its sign-ins end."""
    with db.session(url) as s:
        user = s.scalars(select(User).where(User.name == name)).first()
        if user is None:
            raise PgdashError(f"no account named {name!r}; see pgdash users list")
        user.active = False
        _end_browser_sessions(s, name)  # enabling it again must not bring them back


def _end_browser_sessions(s: Session, name: str) -> None:
    """Revoke every browser token of account ``name``."""
    s.execute(delete(BrowserSession).where(BrowserSession.user_name == name))


def list_users(url: str | None = None) -> list[Account]:
    """Every account, by name."""
    with db.session(url) as s:
        return [
            Account(u.name, u.role, u.active, u.unit)
            for u in s.scalars(select(User).order_by(User.name))
        ]


def account(name: str, roles: tuple[str, ...], url: str | None = None) -> Account:
    """The active account ``name`` with one of ``roles``, or a ``PgdashError`` saying why not."""
    with db.session(url) as s:
        user = s.scalars(select(User).where(User.name == name)).first()
    if user is None or not user.active:
        raise PgdashError(f"no active account named {name!r}; add it with: pgdash users add {name}")
    if user.role not in roles:
        raise PgdashError(
            f"{name} is an {user.role}; this needs the role {' or '.join(roles)} "
            f"(pgdash users add {name} --role {roles[-1]})"
        )
    return Account(user.name, user.role, user.active, user.unit)


def delay_after(failures: int) -> float:
    """Seconds one client must wait for a name after ``failures`` wrong passwords in a row."""
    return throttle.PAIR.delay(failures)


def sign_in(
    name: str,
    password: str,
    url: str | None = None,
    now: datetime | None = None,
    client: str = "",
) -> SignedIn:
    """Check a name and password from ``client`` (an address, or empty when unknown).

    A :class:`SignInError` when refused or too soon; every try that is checked is counted.
    """
    now = now or clock.now_utc()
    wait = throttle.reserve(name, client, now, url)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise SignInError(f"too many failed sign-ins for this name; wait {seconds} s", seconds)
    with db.session(url) as s:
        valid = NAME.match(name.strip()) is not None  # PostgreSQL refuses a NUL, say
        user = s.scalars(select(User).where(User.name == name.strip())).first() if valid else None
        found = user if user is not None and user.active else None
    # the hash is checked outside the transaction: no connection is held while tries queue
    right = _verify(found.password_hash if found else _DUMMY, password) and found is not None
    if not right:  # the same work whether or not the name exists
        raise SignInError("wrong user name or password")
    if _hasher.check_needs_rehash(found.password_hash):
        with db.session(url) as s:
            s.get(User, found.id).password_hash = _hasher.hash(password)
    throttle.clear(name, client, url)
    expires = now + timedelta(minutes=session_minutes())
    return SignedIn(found.name, found.role, expires, found.unit)


def _verify(hashed: str, password: str) -> bool:
    """Whether ``password`` matches; at most :data:`CHECKS_AT_ONCE` run at a time, since each
    takes 64 MiB (twenty guesses sent at once would take 1.3 GB)."""
    with _checking:
        try:
            return _hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def still_signed_in(
    signed: SignedIn | None, url: str | None = None, now: datetime | None = None
) -> SignedIn | None:
    """``signed`` if it has not expired, its account is still active (role re-read) and the
    browser token it holds, if any, has not been revoked."""
    if signed is None or (now or clock.now_utc()) >= signed.expires_at:
        return None
    with db.session(url) as s:
        user = s.scalars(select(User).where(User.name == signed.name)).first()
        if user is None or not user.active:
            return None
        if signed.token_hash and s.get(BrowserSession, signed.token_hash) is None:
            return None
        return SignedIn(user.name, user.role, signed.expires_at, user.unit, signed.token_hash)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(signed: SignedIn, url: str | None = None) -> str:
    """A random token that resumes ``signed`` until it expires; only its digest is stored.

    Tokens that have expired are dropped here (and at every sign-out)."""
    token = secrets.token_urlsafe(32)
    with db.session(url) as s:
        s.execute(delete(BrowserSession).where(BrowserSession.expires_at <= clock.now_utc()))
        s.add(
            BrowserSession(
                token_hash=_digest(token),
                user_name=signed.name,
                created_at=clock.now_utc(),
                expires_at=signed.expires_at,
            )
        )
    return token


def holding(signed: SignedIn, token: str) -> SignedIn:
    """``signed`` holding the browser token ``token`` (:func:`issue_token`): it ends when the
    token is revoked."""
    return replace(signed, token_hash=_digest(token))


def resume(token: str, url: str | None = None, now: datetime | None = None) -> SignedIn | None:
    """The sign-in a token stands for, while it has not expired and its account is active."""
    if not isinstance(token, str) or not token or len(token) > 128:
        return None
    now = now or clock.now_utc()
    with db.session(url) as s:
        kept = s.get(BrowserSession, _digest(token))
        if kept is None or now >= kept.expires_at:
            return None
        held = SignedIn(kept.user_name, "", kept.expires_at, token_hash=kept.token_hash)
    return still_signed_in(held, url, now)


def revoke(token: str, url: str | None = None) -> None:
    """End the sign-in a token stands for (signing out), and drop every expired token."""
    token = token if isinstance(token, str) else ""
    with db.session(url) as s:
        s.execute(
            delete(BrowserSession).where(
                (BrowserSession.token_hash == _digest(token))
                | (BrowserSession.expires_at <= clock.now_utc())
            )
        )
