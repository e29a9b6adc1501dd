"""Time as the ledger keeps it (naive UTC) and as the district reads it (Beijing, UTC+8)."""

import os
from datetime import UTC, date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "CST")  # China keeps no daylight saving time


def now_utc() -> datetime:
    """The current time as stored: naive UTC, to the microsecond."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """Today in Beijing (``PGDASH_TODAY=YYYY-MM-DD`` pins it, for demos and screenshots)."""
    pinned = os.environ.get("PGDASH_TODAY", "").strip()
    if pinned:
        return date.fromisoformat(pinned)
    return datetime.now(BEIJING).date()


def local(stored: datetime | None) -> datetime | None:
    """A stored (naive UTC) time in Beijing time, naive, for display and sheets."""
    if stored is None:
        return None
    return stored.replace(tzinfo=UTC).astimezone(BEIJING).replace(tzinfo=None)


def to_stored(beijing: datetime) -> datetime:
    """A naive Beijing time (from a sheet) as a stored naive UTC time."""
    return beijing.replace(tzinfo=BEIJING).astimezone(UTC).replace(tzinfo=None)


def shown(stored: datetime | None) -> str:
    """A stored time as ``YYYY-MM-DD HH:MM`` Beijing time (empty for none)."""
    value = local(stored)
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
