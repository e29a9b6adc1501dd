"""The series of targets and results of each measure across the years, for small charts.

Built from the ledger (comparisons): each row gives its year's target and result, and the
previous year's result as baseline, so a measure followed over several reports becomes
one point per year and role. Only measures with two or more years make a series.
"""

import pandas as pd

from pgdash.display.cards import svg_image
from pgdash.display.colours import ROLE
from pgdash.display.formatting import UNIT_EN, format_number
from pgdash.display.i18n import t
from pgdash.display.safe import escape_text

COLUMNS = ("measure", "unit", "year", "role", "role_label", "amount", "fact_id")
SIDES = {"target": ("target", 0), "result": ("result", 0), "baseline": ("result", -1)}


def series_frame(comparisons: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per measure, year and role (target, result), each value stated once."""
    points: dict[tuple[str, int, str], dict] = {}
    for _, row in comparisons.iterrows():
        measure = row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"]
        for side, (role, shift) in SIDES.items():
            fact_id = row[f"{side}_fact_id"]
            if not fact_id or pd.isna(row[f"{side}_value"]):
                continue
            year = int(row["year"]) + shift
            points.setdefault(
                (measure, year, role),
                {
                    "measure": measure,
                    "unit": row["unit"],
                    "year": year,
                    "role": role,
                    "role_label": t(f"series_role_{role}", lang),
                    "amount": float(row[f"{side}_value"]),
                    "fact_id": fact_id,
                },
            )
    frame = pd.DataFrame(list(points.values()), columns=list(COLUMNS))
    years = frame.groupby("measure")["year"].transform("nunique")
    return frame[years >= 2].sort_values(["measure", "year", "role"]).reset_index(drop=True)


def measures_in_order(frame: pd.DataFrame, comparisons: pd.DataFrame, lang: str) -> list[str]:
    """The measures of a series frame, in the ledger's order."""
    column = "measure_en" if lang == "en" else "measure"
    order = list(dict.fromkeys(comparisons[column]))
    names = set(frame["measure"])
    return [m for m in order if m in names] + sorted(names - set(order))


# A small chart's drawing box, in SVG units (it scales to its card's width).
WIDTH, HEIGHT = 300, 156
PAD_X, PAD_TOP, PAD_BOTTOM = 36, 30, 44
STYLE = {  # role: (dash pattern, point fill): told apart without colour too
    "target": ("5 4", "#ffffff"),
    "result": ("", None),
}
KEY = {"target": "○╌╌", "result": "●━━"}  # the legend's marks, as the lines are drawn


def series_html(ledger: pd.DataFrame, lang: str) -> str:
    """Small charts, one per measure with two or more years: its targets and results over
    the years, each point labelled with its value (no hovering needed on a projector).
    One HTML block of SVG images; "" without a series."""
    frame = series_frame(ledger, lang)
    if frame.empty:
        return ""
    charts = "".join(
        _chart(measure, frame[frame["measure"] == measure], lang)
        for measure in measures_in_order(frame, ledger, lang)
    )
    legend = "".join(
        f'<span class="pg-series-key pg-key-{role}"><b>{KEY[role]}</b>'
        f"{escape_text(t(f'series_role_{role}', lang))}</span>"
        for role in STYLE
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


def _chart(measure: str, points: pd.DataFrame, lang: str) -> str:
    """One measure's card: its title with the unit, then its lines and labelled points."""
    unit = _unit_words(str(points["unit"].iloc[0] or ""), lang)
    title = (f"{measure} ({unit})" if lang == "en" else f"{measure}（{unit}）") if unit else measure
    years = sorted(set(points["year"]))
    step = (WIDTH - 2 * PAD_X) / max(len(years) - 1, 1)
    x = {year: PAD_X + i * step for i, year in enumerate(years)}
    low, high = float(points["amount"].min()), float(points["amount"].max())
    span = high - low

    def y(amount: float) -> float:
        share = (amount - low) / span if span else 0.5  # one value: mid-height
        return PAD_TOP + (1 - share) * (HEIGHT - PAD_TOP - PAD_BOTTOM)

    marks = []
    for role in STYLE:  # targets under results
        mine = points[points["role"] == role].sort_values("year")
        if mine.empty:
            continue
        colour, (_, fill) = ROLE[role], STYLE[role]
        xy = [(x[int(p.year)], y(float(p.amount))) for p in mine.itertuples()]
        if len(xy) > 1:
            line = " ".join(f"{a:.1f},{b:.1f}" for a, b in xy)
            marks.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{_dash(role)}/>"
            )
        below = role == "target"  # target labels under their points, results above
        for (a, b), p in zip(xy, mine.itertuples(), strict=True):
            value = format_number(float(p.amount), lang)
            marks.append(
                f'<circle cx="{a:.1f}" cy="{b:.1f}" r="5.5" fill="{fill or colour}" '
                f'stroke="{colour}" stroke-width="2"/>'
                f'<text x="{a:.1f}" y="{b + (22 if below else -11):.1f}" text-anchor="middle" '
                f'fill="{colour}" font-size="16" font-weight="600">{escape_text(value)}</text>'
            )
    axis = "".join(
        f'<text x="{a:.1f}" y="{HEIGHT - 6}" text-anchor="middle" fill="#5b6473" '
        f'font-size="14">{year}</text>'
        for year, a in x.items()
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="sans-serif">{"".join(marks)}{axis}</svg>'
    )
    return (
        f'<figure class="pg-series-chart"><figcaption>{escape_text(title)}</figcaption>'
        f"{svg_image(svg, title)}</figure>"
    )
