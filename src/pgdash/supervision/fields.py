"""The fields an office keeps, their names, and the checks every way of changing them uses.

Each ``parse_*`` takes what a form, a sheet or a command gave and returns the stored value,
or raises ``ValueError`` with the fix, worded so a caller can prefix the row and column.
"""

import re
from datetime import date, datetime

STATUSES: tuple[str, ...] = ("not_started", "in_progress", "done", "lagging", "adjusted")
STATUS_ZH = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "done": "已完成",
    "lagging": "滞后",
    "adjusted": "调整",
}
STATUS_EN = {
    "not_started": "Not started",
    "in_progress": "Under way",
    "done": "Done",
    "lagging": "Lagging",
    "adjusted": "Adjusted",
}
# the fields a person changes, in the order of the sheet and the form
EDITABLE: tuple[str, ...] = (
    "lead_unit",
    "partner_units",
    "responsible",
    "start_date",
    "deadline",
    "progress",
    "status",
    "remarks",
)
TEXT_LIMITS = {"lead_unit": 200, "partner_units": 500, "responsible": 200}
NOTE_LIMIT = 2000
REMARKS_LIMIT = 1000
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_STATUS_WORDS = {
    **{code: code for code in STATUSES},
    **{zh: code for code, zh in STATUS_ZH.items()},
    **{en.lower(): code for code, en in STATUS_EN.items()},
}


def parse_text(field: str, value: object) -> str:
    """A unit or person: trimmed text within the field's length."""
    text = "" if value is None else str(value).strip()
    text = re.sub(r"\s+", " ", text)
    if len(text) > TEXT_LIMITS[field]:
        raise ValueError(f"is {len(text)} characters long; shorten it to {TEXT_LIMITS[field]}")
    return text


def parse_date(value: object) -> date | None:
    """A calendar date from a date cell or text like 2026-06-30, 2026/6/30, 2026年6月30日."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _DATE.match(value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise ValueError(
                    f"“{value.strip()}” is not a real date; fix the day or month"
                ) from None
    raise ValueError(f"“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30")


def parse_progress(value: object, fraction: bool = False) -> int | None:
    """Progress in whole percent, 0–100 (``45``, ``45.0`` or ``"45%"``); ``None`` when blank.

    A blank is "not given", never 0. ``fraction`` reads a number as a share (a cell
    formatted as a percentage holds 0.45 for 45 %). A part of a point is refused, not rounded.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("is not a number; write a percentage from 0 to 100")
    number: float
    if isinstance(value, int | float):
        number = float(value) * (100 if fraction else 1)
    else:
        text = str(value).strip().rstrip("%％").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                f"“{value}” is not a number; write a percentage from 0 to 100"
            ) from None
    if not 0 <= number <= 100 or number != number:
        raise ValueError(f"{value} is outside 0–100; write a percentage from 0 to 100")
    whole = round(number, 6)
    if not whole.is_integer():
        raise ValueError(
            f"{whole:g} is not a whole percentage; write {int(whole)} or {int(whole) + 1}"
        )
    return int(whole)


def parse_status(value: object) -> str:
    """A status code from its code, Chinese or English name."""
    text = "" if value is None else str(value).strip()
    code = _STATUS_WORDS.get(text) or _STATUS_WORDS.get(text.lower())
    if code is None:
        shown = text or "(empty)"
        raise ValueError(f"“{shown}” is not a status; use one of {' / '.join(STATUS_ZH.values())}")
    return code


def parse_note(value: object) -> str:
    """A progress note: non-empty text within the limit (shown as text, never as markup)."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError("is empty; write what was done")
    if len(text) > NOTE_LIMIT:
        raise ValueError(f"is {len(text)} characters long; shorten it to {NOTE_LIMIT}")
    return text


def parse_remarks(value: object) -> str:
    """备注: free text, possibly empty (an empty remark clears it), within the limit."""
    text = "" if value is None else str(value).strip()
    if len(text) > REMARKS_LIMIT:
        raise ValueError(f"is {len(text)} characters long; shorten it to {REMARKS_LIMIT}")
    return text


def parse(field: str, value: object) -> object:
    """The stored value of ``field`` from ``value`` (``ValueError`` with the fix)."""
    if field in TEXT_LIMITS:
        return parse_text(field, value)
    if field in ("start_date", "deadline"):
        return parse_date(value)
    if field == "progress":
        return parse_progress(value)
    if field == "status":
        return parse_status(value)
    if field == "remarks":
        return parse_remarks(value)
    raise KeyError(field)


def shown_value(field: str, value: object) -> str:
    """How a field's value is written in the history (dates ISO, statuses in Chinese)."""
    if value is None:
        return ""
    if field == "status":
        return STATUS_ZH.get(str(value), str(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
