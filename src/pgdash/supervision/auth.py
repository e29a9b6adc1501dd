"""Local accounts of editors and admins: argon2 hashes, slowed-down failures, expiring sessions.

Viewers need no account (unless ``PGDASH_REQUIRE_LOGIN=1``). Editors change records;
admins also manage accounts and import sheets. After ``FREE_FAILURES`` wrong passwords in
a row for a name (known or not), each further try must wait twice as long as the last
(1 s, 2 s, 4 s … up to 15 minutes); the count lives in the database, so every app server
sees it. A sign-in lasts ``PGDASH_SESSION_MINUTES`` (default 60) minutes.
"""

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from pgdash.errors import PgdashError
from pgdash.supervision import clock, db
from pgdash.supervision.models import LoginAttempt, User

ROLES = ("viewer", "reporter", "editor", "admin")  # viewers: only under PGDASH_REQUIRE_LOGIN
REPORTER = "reporter"  # a unit's account: reports on its unit's tasks only (see reports.py)
EDIT_ROLES = ("editor", "admin")
IMPORT_ROLES = ("admin",)  # "admins also manage accounts and imports"
MIN_PASSWORD = 8
FREE_FAILURES = 3
MAX_DELAY = 900.0  # seconds
NAME = re.compile(r"^[\w.@-]{1,64}$")  # letters (also Chinese), digits, . @ - _
_hasher = PasswordHasher()
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
    """Who is signed in, in which role, until when (naive UTC)."""

    name: str
    role: str
    expires_at: datetime
    unit: str = ""  # a reporter's unit

    def can(self, roles: tuple[str, ...]) -> bool:
        """Whether the signed-in role is among ``roles``."""
        return self.role in roles


class SignInError(PgdashError):
    """A refused sign-in: wrong name or password, or too many failures in a row."""


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
        return False


def disable_user(name: str, url: str | None = None) -> None:
    """Disable an account (kept, so its name stays in the history)."""
    with db.session(url) as s:
        user = s.scalars(select(User).where(User.name == name)).first()
        if user is None:
            raise PgdashError(f"no account named {name!r}; see pgdash users list")
        user.active = False


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
    """Seconds a name must wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - FREE_FAILURES))


def sign_in(
    name: str, password: str, url: str | None = None, now: datetime | None = None
) -> SignedIn:
    """Check a name and password; a :class:`SignInError` when refused or too soon."""
    now = now or clock.now_utc()
    key = name.strip()[:64].lower()
    with db.session(url) as s:
        attempt = s.get(LoginAttempt, key)
        if attempt and attempt.last_failed_at:
            wait = delay_after(attempt.failures)
            ready_at = attempt.last_failed_at + timedelta(seconds=wait)
            if now < ready_at:
                seconds = max(1, round((ready_at - now).total_seconds()))
                raise SignInError(f"too many failed sign-ins for this name; wait {seconds} s")
        user = s.scalars(select(User).where(User.name == name.strip())).first()
        if user is not None and user.active and _verify(user.password_hash, password):
            if attempt:
                s.delete(attempt)
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            expires = now + timedelta(minutes=session_minutes())
            return SignedIn(user.name, user.role, expires, user.unit)
        if user is None or not user.active:
            _verify(_DUMMY, password)  # the same work whether or not the name exists
        if attempt is None:
            attempt = LoginAttempt(name=key, failures=0)
            s.add(attempt)
        attempt.failures += 1
        attempt.last_failed_at = now
    raise SignInError("wrong user name or password")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def still_signed_in(
    signed: SignedIn | None, url: str | None = None, now: datetime | None = None
) -> SignedIn | None:
    """``signed`` if it has not expired and its account is still active (role re-read)."""
    if signed is None or (now or clock.now_utc()) >= signed.expires_at:
        return None
    with db.session(url) as s:
        user = s.scalars(select(User).where(User.name == signed.name)).first()
        if user is None or not user.active:
            return None
        return SignedIn(user.name, user.role, signed.expires_at, user.unit)
