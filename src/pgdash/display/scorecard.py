"""The targets scorecard: one row per measure, 2022 result, 2023 target, latest figure.

Each value is shown with its period spelled out (2024年上半年, 2023年目标). The status is
green or red only when the build judged like against like (``is_judged``); a half-year or
to-date figure beside a full-year target is shown side by side in a neutral tone, the pair
spelled out in the status's tooltip. Each row carries a bullet-style track on which the
values sit as marks (an unjudged latest figure as a hollow mark). Growth rates (%) share
one scale; every other measure has its own (13 academicians are not drawn on the scale of
15,700 jobs), and ranks run with 第一 on the right. The whole table is inert HTML in one element.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pgdash.display.cards import NEUTRAL, source_details, tag
from pgdash.display.formatting import (
    display_unit,
    format_number,
    format_value,
    is_missing,
)
from pgdash.display.i18n import kind_name, sector_name, status_text, t
from pgdash.display.kpi import FactTexts, is_judged, pair_text, side_period, side_value
from pgdash.display.queries import RANK_UNIT, side_field
from pgdash.display.safe import escape_text
from pgdash.display.wrapping import unbroken

SIDES = ("result", "target", "latest")
SIDE_LABELS = {"result": "column_result", "target": "column_target", "latest": "latest"}
PAD = 0.06  # share of the track left free at each end, so marks are not clipped


@dataclass(frozen=True)
class Mark:
    """One value on a row's track: which side, its text and its position (0–100 %)."""

    side: str
    label: str
    position: float


@dataclass(frozen=True)
class ScoreRow:
    """Everything one scorecard row shows."""

    measure: str
    sector: str
    cells: dict[str, str]  # side → formatted value, "" when the document has none
    notes: dict[str, str]  # side → a small line under the value (预计, the latest period)
    marks: tuple[Mark, ...]
    status: str
    tone: str  # good | bad | neutral
    fact_ids: dict[str, str]  # side → fact_id of its source
    judged: bool = False  # the status judges like against like
    pair: str = ""  # the sides with their periods, for a row that is not judged
    ticks: tuple[Mark, ...] = ()  # the ends of the track's scale, labelled
    rank: bool = False  # a ranking: its change is written out, not drawn on a value track


def _values(row: pd.Series) -> dict[str, float]:
    raw = {side: side_field(row, side, "value") for side in SIDES}
    return {side: float(v) for side, v in raw.items() if not is_missing(v)}


def tone_of(row: pd.Series) -> str:
    """good / bad / neutral as the build decided; neutral for a row it did not judge."""
    tone = str(row.get("tone", "") or NEUTRAL)
    return tone if is_judged(row) else NEUTRAL


def period_notes(row: pd.Series, lang: str) -> dict[str, str]:
    """The small line under each value: its period, and 预计 for an estimate."""
    periods = {side: side_period(row, side, lang) for side in SIDES}
    for side in ("result", "latest"):
        if side_field(row, side, "kind") == "estimate":
            periods[side] = " · ".join(p for p in (periods[side], kind_name("estimate", lang)) if p)
    if row.get("target_kind") == "plan":
        periods["target"] = " · ".join(p for p in (periods["target"], kind_name("plan", lang)) if p)
    return periods


def scale(values: list[float], rank: bool) -> tuple[float, float]:
    """The (low, high) of a track: amounts from zero, ranks around their values."""
    if rank:
        return min(values) - 0.5, max(values) + 0.5
    low, high = min(0.0, *values), max(0.0, *values)
    return (low, nice_ceiling(high)) if high > low else (low, low + 1.0)


NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The round number a scale ends at, at or above ``value``: 11.2 → 12, 15,700 → 20,000,
    117 → 120, 24 → 25 (an end at a row's own figure read as that row's figure)."""
    if value <= 0:
        return value
    power = 10.0 ** math.floor(math.log10(value))
    return next(round(step * power, 10) for step in NICE_STEPS if step * power >= value * 0.9999)


def position(value: float, domain: tuple[float, float], rank: bool) -> float:
    """Where ``value`` sits on a track, in percent; ranks with 第一 on the right."""
    low, high = domain
    share = (value - low) / (high - low)
    if rank:
        share = 1.0 - share
    return round(100.0 * (PAD + (1.0 - 2.0 * PAD) * share), 2)


def score_rows(
    comparisons: pd.DataFrame, lang: str, texts: FactTexts | None = None
) -> list[ScoreRow]:
    """The scorecard rows in the comparisons' order; % rows share one scale; values written
    as their facts are everywhere (``texts``, see :func:`kpi.fact_texts`)."""
    rates = [v for _, r in comparisons.iterrows() if r["unit"] == "%" for v in _values(r).values()]
    rate_domain = scale(rates, rank=False) if rates else (0.0, 1.0)
    rows = []
    for _, row in comparisons.iterrows():
        unit, values = row["unit"], _values(row)
        rank = unit == RANK_UNIT
        domain = rate_domain if unit == "%" else scale(list(values.values()) or [0.0], rank)
        cells = {
            side: side_value(row, side, lang, texts) if side in values else "" for side in SIDES
        }
        notes = period_notes(row, lang)
        judged = is_judged(row)
        marks = tuple(
            Mark(side, cells[side], position(v, domain, rank)) for side, v in values.items()
        )
        ticks = (
            ()
            if rank
            else tuple(
                Mark("tick", scale_label(v, unit, lang), position(v, domain, rank)) for v in domain
            )
        )
        rows.append(
            ScoreRow(
                measure=row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"],
                sector=sector_name(row["sector"], lang),
                cells=cells,
                notes={side: note for side, note in notes.items() if cells[side] and note},
                marks=marks,
                status=status_text(row, lang),
                tone=tone_of(row),
                judged=judged,
                pair="" if judged or len(values) < 2 else pair_text(row, lang, texts),
                ticks=ticks,
                rank=rank,
                fact_ids={
                    side: str(side_field(row, side, "fact_id"))
                    for side in SIDES
                    if side_field(row, side, "fact_id") and side in values
                },
            )
        )
    return rows


def scale_label(value: float, unit: str, lang: str) -> str:
    """A track's end: 0, 16%, 1.57万人 / 15,700 people: the number as the cells write it."""
    if lang != "en" and abs(value) >= 10_000:
        return f"{format_number(round(value / 10_000, 2))}万{display_unit(unit)}"
    return format_value(value, unit, "=", lang) if value else "0"


def _rank_change(row: ScoreRow) -> str:
    """A ranking's sides in time order (第一 → 第二): words, not marks on a value track."""
    steps = [
        f'<span class="pg-rank-{side}">{escape_text(row.cells[side])}</span>'
        for side in ("result", "latest", "target")
        if row.cells[side]
    ]  # each in its side's colour, as the legend keys them: a fall is not a green line
    return f'<div class="pg-rank-change">{" → ".join(steps)}</div>'


def _track(row: ScoreRow) -> str:
    if row.rank:
        return _rank_change(row)
    marks, judged = row.marks, row.judged
    css = "pg-track" if judged else "pg-track pg-unjudged"
    # The high end's label ends at its tick, so a long one (15,700 people) stays in the cell.
    ticks = "".join(
        f'<span class="pg-tick{" pg-tick-end" if i else ""}" style="left:{m.position}%">'
        f"{escape_text(m.label)}</span>"
        for i, m in enumerate(row.ticks)
    )
    if not marks:
        return f'<div class="{css}">{ticks}</div>'
    left = min(m.position for m in marks)
    width = max(m.position for m in marks) - left
    dots = "".join(
        f'<span class="pg-mark pg-mark-{m.side}" style="left:{m.position}%"'
        f' title="{escape_text(m.label)}"></span>'
        for m in marks
    )
    # A bar between the marks reads as progress from one to the other: only where the
    # figures are of like periods and the status judges them.
    span = f'<span class="pg-span" style="left:{left}%;width:{width}%"></span>' if judged else ""
    return f'<div class="{css}">{span}{dots}{ticks}</div>'


def _cell(side: str, row: ScoreRow) -> str:
    note = row.notes.get(side, "")
    note_html = f'<div class="pg-meta">{escape_text(note)}</div>' if note else ""
    if not row.cells[side]:
        return f'<div class="pg-cell pg-c-{side} pg-missing">—</div>'
    value = escape_text(unbroken(row.cells[side]))
    return f'<div class="pg-cell pg-c-{side}">{value}{note_html}</div>'


def legend_html(lang: str) -> str:
    """The three marks and what they stand for."""
    items = "".join(
        f'<span><span class="pg-mark pg-mark-{side} pg-inline"></span>'
        f"{escape_text(t(SIDE_LABELS[side], lang))}</span>"
        for side in SIDES
    )
    return f'<div class="pg-legend">{items}</div>'


def scorecard_html(rows: list[ScoreRow], sources: Mapping[str, str], lang: str) -> str:
    """The scorecard as inert HTML; ``sources`` maps fact_id → its passage as HTML."""
    labels = ("measure", "column_result", "column_target", "latest")
    head = "".join(f"<div>{escape_text(t(key, lang))}</div>" for key in labels)
    head += f"<div>{legend_html(lang)}</div><div>{escape_text(t('status', lang))}</div>"
    body = []
    for row in rows:
        passages = "".join(
            f'<div class="pg-side">{escape_text(t(SIDE_LABELS[side], lang))}</div>'
            + sources.get(fact_id, "")
            for side, fact_id in row.fact_ids.items()
        )
        source = source_details(t("source_sentence", lang), passages) if passages else ""
        # the cells already show each side with its period; the pair is the status's tooltip
        pair = f' title="{escape_text(row.pair)}"' if row.pair else ""
        body.append(
            '<div class="pg-score-row">'
            f'<div><div class="pg-name">{escape_text(row.measure)}</div>{tag(row.sector)}'
            f"{source}</div>"
            + "".join(_cell(side, row) for side in SIDES)
            + _track(row)
            + f'<div class="pg-status pg-{row.tone}"{pair}>{escape_text(row.status)}</div>'
            "</div>"
        )
    return (
        f'<div class="pg-score"><div class="pg-score-row pg-score-head">{head}</div>'
        f"{''.join(body)}</div>"
    )


def verdict_note_html(comparisons: pd.DataFrame, lang: str) -> str:
    """Said once, above the table, when no row can be judged: that the sources hold no
    full-year result for the targets' year yet, where it will come from, and that it pairs
    automatically; "" when a row is judged (or there is none)."""
    if comparisons.empty or any(is_judged(row) for _, row in comparisons.iterrows()):
        return ""
    year = int(comparisons["year"].max())
    text = t("targets_no_verdict", lang, year=year, next=year + 1)
    return f'<div class="pg-note pg-verdict-note" role="note">{escape_text(text)}</div>'
