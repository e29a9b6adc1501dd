"""The ledger as the overview strip and the 督办 slide show it, read briefly cached.

The overview is the page fifty people open at once, so it does not read the ledger on
every run. Each run asks only for the ledger's last change (:func:`summary.last_change`:
one count and one maximum over the history's primary key); the summary itself
(:func:`summary.briefing`) is memoised for every session (:func:`pgdash.app.data.shared`),
keyed by the build, the sector, the database, the day and that last change. A change made
on any server therefore shows on the next run, and the ledger is read once per change,
sector and day per server. An SQLite ledger is not even asked for its last change while its
files (database, journal, WAL) keep their size and modification time, for at most a second
(:func:`last_change`): under load that query was a tenth of the overview's server time. One
run at a time asks; runs that come while it does show the last answer known (fifty sessions
opening the overview at once otherwise all asked together, every second).
A ledger that cannot be used is not asked again for 30 s, and its strip and slide are left
out quietly: the rest of the page never waits on it.
"""

import threading
import time
from datetime import date
from pathlib import Path

import streamlit as st

from pgdash.app.data import shared
from pgdash.briefing.ledger_slide import supervision_slide
from pgdash.briefing.model import Slide
from pgdash.display.formatting import date_text
from pgdash.display.lights import strip_html
from pgdash.errors import PgdashError
from pgdash.paths import ROOT
from pgdash.supervision import clock, db, summary
from pgdash.supervision.labels import COLOURS, t
from pgdash.supervision.summary import Briefing
from pgdash.tables import ALL, Dataset

TTL = 30  # seconds a ledger that cannot be used is left alone
SUPERVISION_PAGE = str(ROOT / "pages" / "supervision.py")  # absolute: any main script
ABSENT, UNUSABLE = "absent", "unusable"  # why there is no briefing
_unusable: dict[str, float] = {}  # database URL → until when it is not asked again
MARK_TTL = 1.0  # seconds an SQLite ledger's last change is trusted while its files are unchanged
JOURNALS = ("", "-journal", "-wal")
_marks: dict[str, tuple[tuple, float, tuple[int, int] | None]] = {}  # url → files, when, last
_asking = threading.Lock()  # held by the one run asking a ledger for its last change


def _files_mark(path: Path) -> tuple:
    """Size and modification time of an SQLite database and its journals (missing: None)."""
    marks = []
    for suffix in JOURNALS:
        try:
            stat = path.with_name(path.name + suffix).stat()
            marks.append((stat.st_size, stat.st_mtime_ns))
        except OSError:
            marks.append(None)
    return tuple(marks)


def last_change(url: str) -> tuple[int, int] | None:
    """:func:`summary.last_change`, asked again of an SQLite ledger only when one of its
    files changed or a second has passed; other databases are asked on every run. While
    one run asks, the others take the last answer known (the first ones wait for it)."""
    path = db.sqlite_path(url)
    mark = _files_mark(path) if path is not None else None
    known = _marks.get(url)
    unchanged = path is not None and known is not None and known[0] == mark
    if unchanged and time.monotonic() - known[1] < MARK_TTL:
        return known[2]
    if known is None:
        _asking.acquire()  # the first ask: wait for it
    elif not _asking.acquire(blocking=False):
        return known[2]  # another run is asking right now
    try:
        if known is None and (asked := _marks.get(url)) is not None and asked[0] == mark:
            return asked[2]  # answered while this run waited
        last = summary.last_change(url)
        _marks[url] = (mark, time.monotonic(), last)
        return last
    finally:
        _asking.release()


@shared(max_entries=64)
def _briefing(
    stamp: int, sector: str, url: str, day: str, last: tuple[int, int], _data: Dataset
) -> Briefing:
    on = date.fromisoformat(day)
    scope = None if sector == ALL else sector
    return summary.briefing(_data.tasks, _data.facts, sector=scope, on=on, limit=None, url=url)


def ledger_briefing(everything: Dataset, sector: str) -> Briefing | None:
    """The ledger summed up for ``sector`` today (``everything``: the uncut tables), or
    ``None`` when there is no ledger yet or it cannot be used."""
    return briefing_or_reason(everything, sector)[0]


def briefing_or_reason(everything: Dataset, sector: str) -> tuple[Briefing | None, str]:
    """:func:`ledger_briefing` and, without one, why: ``absent`` (no ledger yet) or
    ``unusable`` (it cannot be read); ``""`` with a briefing."""
    url = db.db_url()
    if _unusable.get(url, 0.0) > time.monotonic():
        return None, UNUSABLE
    try:
        last = last_change(url)
        if last is None:
            return None, ABSENT
        day = clock.today().isoformat()
        return _briefing(everything.stamp, sector, url, day, last, everything), ""
    except PgdashError:
        _unusable[url] = time.monotonic() + TTL
        return None, UNUSABLE


def strip(everything: Dataset, sector: str, lang: str) -> bool:
    """The overview's 督办 strip (lights of the sector in force, overdue, a link to the
    督办 page); when no task has a deadline yet, how many lack one and a report and what to
    do first. Nothing without a ledger or tasks in view. Whether it was drawn."""
    brief = ledger_briefing(everything, sector)
    if brief is None or not brief.counts.tasks:
        return False
    counts = brief.counts
    lights = [
        (light, t(f"light_{light}", lang), counts.total[light], COLOURS[light])
        for light in ("red", "yellow", "green", "none")
    ]
    lights.append(("overdue", t("overdue", lang), counts.overdue, COLOURS["overdue"]))
    note = t("strip_note", lang, n=counts.tasks, day=date_text(brief.on.isoformat(), lang))
    if not summary.reportable(counts):  # nothing judged yet: say so, never all clear
        note += " · " + summary.quiet_line(counts, lang)
    # the strip fills the width, so its link goes below it (no row around them: one element
    # fewer in every run of the page fifty people open at once)
    st.html(strip_html(t("strip_title", lang), lights, note, t("light_rule", lang)))
    st.page_link(
        SUPERVISION_PAGE,
        label=t("strip_link", lang),
        icon=":material/arrow_forward:",
        width="content",
    )
    return True


def slide(everything: Dataset, sector: str, lang: str) -> Slide | None:
    """The 督办 slide of ``sector`` in ``lang``, from the same cached summary."""
    brief = ledger_briefing(everything, sector)
    if brief is None:
        return None
    return supervision_slide(brief, None if sector == ALL else sector, lang)
