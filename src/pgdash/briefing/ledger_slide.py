"""The 督办 slide: the ledger's lights for the sector in force and its red and overdue
tasks, worst first, from :func:`pgdash.supervision.summary.briefing`.

Unlike the other slides it is read from the ledger database, not from the built tables, so
it is made apart from :func:`pgdash.briefing.build_slides` and put into the deck with
:func:`with_ledger` (after results against targets, before the map). When the database
cannot be used, or no task is in view, there is no slide: the deck is the same as without
a ledger. With nothing red or overdue (or nothing judged yet: no deadline set), the slide
says so and lists the sectors with the most left to settle, so its lower half is never empty.
"""

from collections.abc import Sequence
from datetime import date

from pgdash.briefing.model import LightCount, RaisedTask, Slide
from pgdash.briefing.slides import check_scope
from pgdash.display.formatting import date_text, sector_colour
from pgdash.display.i18n import sector_name
from pgdash.display.i18n import t as app_t
from pgdash.errors import PgdashError
from pgdash.supervision import summary
from pgdash.supervision.fields import STATUSES
from pgdash.supervision.labels import COLOURS, pace_line, t
from pgdash.supervision.summary import Briefing, SlideRow
from pgdash.tables import Dataset

SLIDE_TASKS = 6  # red and overdue tasks a slide lists (the rest are counted)
LIGHT_ORDER = ("red", "yellow", "green", "none")
BEFORE = ("map", "sector")  # the 督办 slide goes before the first of these


def clipped(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the notes keep it whole)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def flag_line(task: RaisedTask, lang: str) -> str:
    """［红灯·已逾期］ / [Red · Overdue]: the flags of a task as text (PPTX, PDF); "" for a
    row without flags (a sector's)."""
    if not task.flags:
        return ""
    if lang == "en":
        return "[" + " · ".join(task.flags) + "]"
    return "［" + "·".join(task.flags) + "］"


def light_counts(brief: Briefing, lang: str) -> tuple[LightCount, ...]:
    """Red, yellow, green, no deadline, then overdue, with their labels and colours."""
    counts = brief.counts
    lights = [
        LightCount(light, t(f"light_{light}", lang), counts.total[light], COLOURS[light])
        for light in LIGHT_ORDER
    ]
    lights.append(LightCount("overdue", t("overdue", lang), counts.overdue, COLOURS["overdue"]))
    return tuple(lights)


def raised_task(row: SlideRow, lang: str) -> RaisedTask:
    """A red or overdue task as the slide shows it, in ``lang`` (its text stays Chinese)."""
    flags = [t(f"light_{row.light}", lang)] + [t("overdue", lang)] * row.overdue
    status = t(f"status_{row.status}", lang) if row.status in STATUSES else row.status
    lead = row.lead_unit or t("no_lead", lang)
    meta = " · ".join(
        [
            sector_name(row.sector, lang),
            t("kv", lang, k=t("col_lead_unit", lang), v=lead),
            t("kv", lang, k=t("col_deadline", lang), v=row.deadline or "—"),
            t("kv", lang, k=t("col_status", lang), v=status),
            pace_line(row, lang),
        ]
    )
    return RaisedTask(
        task_id=row.task_id,
        light=row.light,
        flags=tuple(flags),
        text=row.text,
        meta=meta,
        note=row.note,
        colour=COLOURS["overdue" if row.overdue else row.light],
    )


def sector_rows(brief: Briefing, lang: str, limit: int = SLIDE_TASKS) -> tuple[RaisedTask, ...]:
    """With nothing red or overdue and several sectors in view: a row per sector, the ones
    with most red, yellow and undated tasks first, saying how many of its tasks show each
    light and how many were reported (which offices to push first)."""
    counts = brief.counts
    if len(counts.by_sector) < 2:
        return ()
    worst = sorted(
        counts.by_sector.items(),
        key=lambda item: (-item[1]["red"], -item[1]["yellow"], -item[1]["none"], item[0]),
    )
    rows = []
    for sector, lights in worst[:limit]:
        tasks = sum(lights.values())
        parts = [t("sector_tasks", lang, n=tasks)]
        parts += [
            t("sector_light", lang, light=t(f"light_{light}", lang), n=lights[light])
            for light in LIGHT_ORDER
            if lights[light]
        ]
        parts.append(t("sector_reported", lang, n=counts.reported_by_sector.get(sector, 0)))
        rows.append(
            RaisedTask(
                task_id=sector,
                light="none",
                flags=(),
                text=sector_name(sector, lang),
                meta=" · ".join(parts),
                note="",
                colour=sector_colour(sector),
            )
        )
    return tuple(rows)


def _notes(brief: Briefing, raised: Sequence[RaisedTask], lang: str) -> str:
    counts, day = brief.counts, date_text(brief.on.isoformat(), lang)
    lines = [
        t("slide_lights", lang, **counts.total, overdue=counts.overdue, tasks=counts.tasks, day=day)
    ]
    for i, task in enumerate(raised, start=1):
        lines.append(t("slide_note_task", lang, i=i, text=task.text, meta=task.meta))
        if task.note:
            lines.append(t("latest_note", lang, note=task.note))
    return "\n".join(lines)


def supervision_slide(
    brief: Briefing, sector: str | None, lang: str, limit: int = SLIDE_TASKS
) -> Slide | None:
    """The 督办 slide of ``brief`` (the ledger read for ``sector``), or ``None`` when no
    task is in view. A ledger with nothing to judge yet (no deadline set) says so and what
    to do first, never "no red task"."""
    if not brief.counts.tasks:
        return None
    raised = tuple(raised_task(row, lang) for row in brief.rows[:limit])
    more = len(brief.rows) - len(raised)
    heading = t("slide_raised", lang)
    if not raised:
        bullets: tuple[str, ...] = (summary.quiet_line(brief.counts, lang),)
        raised, heading = sector_rows(brief, lang, limit), t("slide_by_sector", lang)
    else:
        bullets = (t("slide_more", lang, n=more),) if more > 0 else ()
    bullets += (t("light_rule", lang),)  # the rule stated where the lights are
    scope = app_t("all_sectors", lang) if sector is None else sector_name(sector, lang)
    return Slide(
        kind="supervision",
        title=t("slide_title", lang),
        subtitle=t("slide_sub", lang, scope=scope, day=date_text(brief.on.isoformat(), lang)),
        bullets=bullets,
        chart_title=heading,
        notes=_notes(brief, raised, lang),
        sector=sector,
        lights=light_counts(brief, lang),
        raised=raised,
    )


def ledger_slide(
    data: Dataset, sector: str | None, lang: str, on: date | None = None
) -> Slide | None:
    """The 督办 slide of ``sector`` read from the ledger now; ``None`` when there is no
    ledger yet, the database cannot be used, or nothing is to report."""
    sector = check_scope(sector, lang)
    try:
        if summary.last_change() is None:  # no ledger file yet: do not create one
            return None
        brief = summary.briefing(data.tasks, data.facts, sector=sector, on=on, limit=None)
    except PgdashError:
        return None
    return supervision_slide(brief, sector, lang)


def with_ledger(slides: Sequence[Slide], slide: Slide | None) -> list[Slide]:
    """``slides`` with the 督办 ``slide`` before the map and sector slides (at the end
    when there are none); ``slides`` unchanged when there is no such slide."""
    slides = [s for s in slides if s.kind != "supervision"]
    if slide is None:
        return slides
    at = next((i for i, s in enumerate(slides) if s.kind in BEFORE), len(slides))
    return [*slides[:at], slide, *slides[at:]]
