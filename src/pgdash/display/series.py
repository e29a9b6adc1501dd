"""The series of targets and results of each measure across the years, for small charts.

Built from the ledger (comparisons): each row gives its year's target and result, and the
previous year's result as baseline, so a measure followed over several reports becomes
one point per period and role; the latest figure (a half-year or to-date one, say) is
drawn as such. Only measures with figures of two or more periods make a series.
"""

import math
import re
from collections.abc import Mapping

import pandas as pd

from pgdash.display.cards import svg_image
from pgdash.display.colours import ROLE
from pgdash.display.formatting import UNIT_EN, format_number, format_period
from pgdash.display.i18n import t
from pgdash.display.queries import RANK_UNIT
from pgdash.display.safe import escape_text
from pgdash.display.wrapping import text_px

COLUMNS = (
    "measure", "unit", "year", "role", "role_label", "amount", "fact_id", "period", "part", "as_of"
)  # fmt: skip
SIDES = {
    "target": ("target", 0),
    "result": ("result", 0),
    "baseline": ("result", -1),
    "latest": ("latest", 1),
}
YEAR = re.compile(r"\d{4}")


def series_frame(comparisons: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per measure, period and role (target, result, latest), each value stated
    once; ``part`` marks a part-year or to-date figure (2024年上半年). Measures with points in
    two or more periods make a series."""
    points: dict[tuple[str, str, str], dict] = {}
    for _, row in comparisons.iterrows():
        measure = row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"]
        for side, (role, shift) in SIDES.items():
            fact_id = row.get(f"{side}_fact_id")
            if not fact_id or pd.isna(row.get(f"{side}_value")):
                continue
            period = str(row.get(f"{side}_period") or "")
            whole = bool(YEAR.fullmatch(period))
            year = int(period[:4]) if period[:4].isdigit() else int(row["year"]) + shift
            points.setdefault(
                (measure, period or str(year), role),
                {
                    "measure": measure,
                    "unit": row["unit"],
                    "year": year,
                    "role": role,
                    "role_label": t(f"series_role_{role}", lang),
                    "amount": float(row[f"{side}_value"]),
                    "fact_id": fact_id,
                    "period": period or str(year),
                    "part": not whole and bool(period),
                    "as_of": str(row.get(f"{side}_as_of") or ""),  # a figure to date's date
                },
            )
    frame = pd.DataFrame(list(points.values()), columns=list(COLUMNS))
    frame = frame[frame["unit"] != RANK_UNIT]  # a ranking is not drawn on a value axis
    periods = frame.groupby("measure")["period"].transform("nunique")
    return frame[periods >= 2].sort_values(["measure", "year", "role"]).reset_index(drop=True)


def measures_in_order(frame: pd.DataFrame, comparisons: pd.DataFrame, lang: str) -> list[str]:
    """The measures of a series frame, in the ledger's order."""
    column = "measure_en" if lang == "en" else "measure"
    order = list(dict.fromkeys(comparisons[column]))
    names = set(frame["measure"])
    return [m for m in order if m in names] + sorted(names - set(order))


# A small chart's drawing box, in SVG units (it scales to its card's width).
WIDTH, HEIGHT = 320, 190
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 52, 30, 46
INSET = 30  # the first period's points stand clear of the axis numbers
STYLE = {  # role: (dash pattern, point fill): told apart without colour too
    "target": ("5 4", "#ffffff"),
    "result": ("", None),
    "latest": ("", "#ffffff"),
}
KEY = {"target": "○╌╌", "result": "●━━", "latest": "□"}  # the legend's marks, as drawn
AXIS_INK, GRID = "#5b6473", "#e3e7ee"


def series_html(ledger: pd.DataFrame, lang: str, texts: Mapping[str, str] | None = None) -> str:
    """Small charts, one per measure with figures of two or more periods: its targets,
    results and latest figure on a labelled value axis from zero, each point labelled with
    its value as the facts write it (``texts``: fact_id → text, else the number), a
    part-year figure drawn hollow and named by its period. One HTML block of SVG images;
    "" without a series."""
    frame = series_frame(ledger, lang)
    if frame.empty:
        return ""
    charts = "".join(
        _chart(measure, frame[frame["measure"] == measure], lang, texts or {})
        for measure in measures_in_order(frame, ledger, lang)
    )
    roles = [r for r in STYLE if r in set(frame["role"])]
    legend = "".join(
        f'<span class="pg-series-key pg-key-{role}"><b>{KEY[role]}</b>'
        f"{escape_text(t(f'series_role_{role}', lang))}</span>"
        for role in roles
    )
    return f'<div class="pg-series-legend">{legend}</div><div class="pg-series">{charts}</div>'


SCALES_EN = {"万": "10k", "亿": "100m"}


def _unit_words(unit: str, lang: str) -> str:
    """The unit for a chart's title: as written in Chinese; in English its words (亿元 →
    100m yuan), or "" when English names none (个: the measure's name says what)."""
    if lang != "en":
        return unit
    scale = SCALES_EN.get(unit[:1], "") if len(unit) > 1 else ""
    base = unit[1:] if scale else unit
    words = UNIT_EN.get(base, "")
    return f"{scale} {words}".strip() if words or not scale else ""


def _dash(role: str) -> str:
    dash = STYLE[role][0]
    return f' stroke-dasharray="{dash}"' if dash else ""


def nice_top(high: float) -> float:
    """A round top for a value axis from zero: 15700 → 20000, 11.2 → 12, 24 → 25."""
    if high <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(high))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= high * 1.05:
            return step * magnitude
    return 10 * magnitude


def tick_text(value: float, lang: str) -> str:
    """An axis number, short: 0, 10000 → 1万 / 10k, 12.5."""
    if abs(value) >= 10_000:
        return (
            f"{format_number(value / 10_000)}万"
            if lang != "en"
            else f"{format_number(value / 1000, 'en')}k"
        )
    return format_number(value, lang)


def _chart(measure: str, points: pd.DataFrame, lang: str, texts: Mapping[str, str]) -> str:
    """One measure's card: its title with the unit, a value axis from zero with gridlines,
    a column per period (part-year periods named as such), and its labelled points."""
    unit = _unit_words(str(points["unit"].iloc[0] or ""), lang)
    title = (f"{measure} ({unit})" if lang == "en" else f"{measure}（{unit}）") if unit else measure
    periods = list(dict.fromkeys(points.sort_values(["year", "part"])["period"]))
    step = (WIDTH - PAD_LEFT - INSET - PAD_RIGHT) / max(len(periods) - 1, 1)
    x = {period: PAD_LEFT + INSET + i * step for i, period in enumerate(periods)}
    top = nice_top(float(points["amount"].max()))
    low = min(0.0, float(points["amount"].min()))
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def y(amount: float) -> float:
        return PAD_TOP + (1 - (amount - low) / (top - low)) * plot_h

    grid = []
    for value in (low, (low + top) / 2, top):
        gy = y(value)
        grid.append(
            f'<line x1="{PAD_LEFT - 6}" x2="{WIDTH - 8}" y1="{gy:.1f}" y2="{gy:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{PAD_LEFT - 10}" y="{gy + 4:.1f}" text-anchor="end" fill="{AXIS_INK}" '
            f'font-size="12">{escape_text(tick_text(value, lang))}</text>'
        )
    marks = []
    for role in STYLE:  # targets under results, the latest figure last
        mine = points[points["role"] == role].sort_values(["year", "part"])
        if mine.empty:
            continue
        colour, (_, fill) = ROLE[role], STYLE[role]
        xy = [(x[p.period], y(float(p.amount))) for p in mine.itertuples()]
        if len(xy) > 1 and role != "latest":
            line = " ".join(f"{a:.1f},{b:.1f}" for a, b in xy)
            marks.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{_dash(role)}/>"
            )
        below = role == "target"  # target labels under their points, results above
        for (a, b), p in zip(xy, mine.itertuples(), strict=True):
            value = texts.get(p.fact_id) or format_number(float(p.amount), lang)
            hollow = fill if (role != "latest" or p.part) else None
            if role == "latest":
                shape = (
                    f'<rect x="{a - 5.5:.1f}" y="{b - 5.5:.1f}" width="11" height="11" rx="1.5" '
                    f'fill="{hollow or colour}" stroke="{colour}" stroke-width="2"/>'
                )
            else:
                shape = (
                    f'<circle cx="{a:.1f}" cy="{b:.1f}" r="5.5" fill="{hollow or colour}" '
                    f'stroke="{colour}" stroke-width="2"/>'
                )
            marks.append(
                f'{shape}<text x="{_label_x(a, value):.1f}" y="{b + (22 if below else -11):.1f}" '
                f'text-anchor="middle" fill="{colour}" font-size="{LABEL_PX}" font-weight="600">'
                f"{escape_text(value)}</text>"
            )
    as_of = dict(zip(points["period"], points["as_of"], strict=True))
    axis = "".join(
        f'<text x="{a:.1f}" y="{HEIGHT - 22}" text-anchor="middle" fill="{AXIS_INK}" '
        f'font-size="13">{escape_text(_period_label(period, lang, as_of.get(period, "")))}</text>'
        for period, a in x.items()
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="sans-serif">{"".join(grid)}{"".join(marks)}{axis}</svg>'
    )
    return (
        f'<figure class="pg-series-chart"><figcaption>{escape_text(title)}</figcaption>'
        f"{svg_image(svg, title)}</figure>"
    )


LABEL_PX = 15  # a point's value label


def _label_x(x: float, text: str) -> float:
    """The centre of a point's label: over the point, moved in so that the label stays
    inside the chart (at least 8,500 people on the last period) and clear of the axis
    numbers on the left."""
    half = text_px(text, LABEL_PX) / 2
    return max(PAD_LEFT + half, min(x, WIDTH - 2 - half))


def _period_label(period: str, lang: str, as_of: str = "") -> str:
    """2022 for a year; 2024年上半年 / H1 2024 for a part of one, so it is not read as a
    year; for a running total the date it was counted to (截至2024年8月 / as of Aug 2024),
    else 累计至今 / to date."""
    if YEAR.fullmatch(period):
        return period
    if period[:4].isdigit() or as_of:
        return format_period(period, lang, as_of)
    return "to date" if lang == "en" else "累计至今"
