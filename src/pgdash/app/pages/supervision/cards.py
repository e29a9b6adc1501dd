"""The 督办 page's inert HTML: light flags, task items and records (every text escaped)."""

import re

from pgdash.display.fragments import ORIGINAL, original_attrs
from pgdash.display.safe import escape_text
from pgdash.sectors import BY_ID
from pgdash.supervision import clock, fields
from pgdash.supervision.labels import pace_line, t
from pgdash.supervision.ledger import Row
from pgdash.supervision.pace import Light

MARKUP = re.compile(r"[<>\[\]()$:*_`\\!|~#{}=]")
OVERDUE_COLOUR = "#7a1f1a"
NOT_REPORTED_COLOUR = "#5b6473"
COLOUR = {
    Light.RED: "#c5221f",
    Light.YELLOW: "#e3a008",
    Light.GREEN: "#188038",
    Light.NONE: "#9aa0a6",
}


def sector_label(sector_id: str, lang: str) -> str:
    s = BY_ID.get(sector_id)
    return (s.en if lang == "en" else s.zh) if s else sector_id


def status_label(code: str, lang: str) -> str:
    return t(f"status_{code}", lang) if code in fields.STATUSES else code


def row_status(row: Row, lang: str) -> str:
    """The status a reader sees: 未填报 for a record nobody has reported on."""
    return status_label(row.status, lang) if row.is_reported else t("not_reported", lang)


def light_label(light: Light, lang: str) -> str:
    return t(f"light_{light.value}", lang)


def preview(text: str, limit: int = 40) -> str:
    """A short plain preview for option lists: characters markup gives a meaning to become
    spaces (the full text is shown inertly in the record)."""
    plain = " ".join(MARKUP.sub(" ", text).split())
    return plain if len(plain) <= limit else plain[:limit] + "…"


def record_pace_line(row: Row, lang: str) -> str:
    """The pace line of a record, or a line saying nothing is reported yet when nobody has
    (no 0 %, no "—%")."""
    return pace_line(row, lang) if row.is_reported else t("not_reported_line", lang)


def flag_html(text: str, colour: str) -> str:
    return f'<span class="sv-flag" style="--c:{colour}">{escape_text(text)}</span>'


def flags_html(row: Row, lang: str) -> str:
    """The light, 未填报 and 已逾期 flags of a record."""
    flags = flag_html(light_label(row.light, lang), COLOUR[row.light])
    if not row.is_reported:
        flags += flag_html(t("not_reported", lang), NOT_REPORTED_COLOUR)
    if row.overdue:
        flags += flag_html(t("overdue", lang), OVERDUE_COLOUR)
    return flags


def task_text_html(row: Row, lang: str) -> str:
    """The task sentence, in the original Chinese: in English marked and tagged as such."""
    return f'<span class="t"{original_attrs(lang)}>{escape_text(row.text)}</span>'


def chips_html(row: Row, lang: str) -> str:
    """The task's target figures: in English their English wording when the plan has it,
    else the Chinese marked as the original."""
    english = lang == "en" and len(row.targets_en) == len(row.targets)
    figures = row.targets_en if english else row.targets
    marked = "" if english or lang != "en" else f' lang="{ORIGINAL}"'
    return "".join(
        f'<span class="sv-chip">{escape_text(t("target", lang))} '
        f"<span{marked}>{escape_text(x)}</span></span>"
        for x in figures
    )


def item_html(row: Row, lang: str) -> str:
    flags = flags_html(row, lang)
    lead = row.lead_unit or t("no_lead", lang)
    deadline = row.deadline.isoformat() if row.deadline else "—"
    meta = (
        f"{escape_text(row.task_id)} · {escape_text(sector_label(row.sector, lang))} · "
        f"{escape_text(t('kv', lang, k=t('col_lead_unit', lang), v=lead))} · "
        f"{escape_text(t('kv', lang, k=t('col_deadline', lang), v=deadline))} · "
        + escape_text(record_pace_line(row, lang))
    )
    return (
        f'<div class="sv-item" style="--c:{COLOUR[row.light]}">{flags}'
        f'{task_text_html(row, lang)}<div class="sv-meta">{meta}</div></div>'
    )


def record_html(row: Row, lang: str) -> str:
    colour = COLOUR[row.light]
    flags = flags_html(row, lang)
    head = (
        f"{flags}<b>{escape_text(row.task_id)}</b> · "
        f"{escape_text(t('col_seq', lang))} {row.seq or '—'} · "
        f"{escape_text(sector_label(row.sector, lang))}"
    )
    chips = chips_html(row, lang)
    warn = ""
    if not row.in_plan:
        warn += f'<div class="sv-warn">{escape_text(t("not_in_plan", lang))}</div>'
    if row.text_changed_at:
        changed = t("text_changed", lang, when=clock.shown(row.text_changed_at))
        warn += f'<div class="sv-warn">{escape_text(changed)}</div>'
    pace = record_pace_line(row, lang)
    marker = "" if row.pace is None else f'<div class="m" style="left:{row.pace:.1f}%"></div>'
    bar = (
        ""
        if not row.is_reported
        else f'<div class="sv-bar"><div class="p" style="width:{row.progress}%;--c:{colour}"></div>'
        f"{marker}</div>"
    )
    updated = (
        t("updated", lang, who=row.updated_by, when=clock.shown(row.updated_at))
        if row.updated_at
        else t("never_updated", lang)
    )
    pairs = [
        ("col_lead_unit", row.lead_unit or t("no_lead", lang)),
        ("col_partner_units", row.partner_units or "—"),
        ("col_responsible", row.responsible or "—"),
        ("col_start_date", row.start_date.isoformat() if row.start_date else "—"),
        ("col_deadline", row.deadline.isoformat() if row.deadline else "—"),
        ("col_status", row_status(row, lang)),
        ("col_remarks", row.remarks or "—"),
        ("col_updated", updated),
    ]
    grid = "".join(
        f'<div class="k">{escape_text(t(k, lang))}</div><div>{escape_text(v)}</div>'
        for k, v in pairs
    )
    return (
        f'<div class="sv-item" style="--c:{colour}"><div class="sv-meta">{head}</div>'
        f'<div class="t"{original_attrs(lang)}>{escape_text(row.text)}</div>{chips}{warn}'
        f'<div class="sv-meta">{escape_text(pace)}</div>{bar}'
        f'<div class="sv-grid">{grid}</div></div>'
    )
