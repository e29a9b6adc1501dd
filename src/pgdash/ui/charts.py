"""Altair charts, labelled in the reader's language with units.

Results against targets are drawn as one dot chart per unit (never % and 万人 on one
axis): for each measure, the 2022 result, the 2023 target and the latest figure sit on
one line, so "above / below target" reads at a glance.
"""

import altair as alt
import pandas as pd

from pgdash.sectors import BY_ID, SECTORS
from pgdash.ui.formatting import UNIT_EN, format_period, format_value, hex_colour, is_missing
from pgdash.ui.i18n import sector_name, t
from pgdash.ui.queries import RANK_UNIT

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
NAVY = "#1f3a60"
RED = "#b3261e"
TEAL = "#0f7b6c"
GREY = "#9aa3b2"
SERIES = ("result", "target", "latest")
SERIES_COLOURS = {"result": NAVY, "target": RED, "latest": TEAL}
SERIES_SHAPES = {"result": "circle", "target": "diamond", "latest": "square"}
ROW_HEIGHT = 56
CHROME_HEIGHT = 120  # title, legend and x axis around the rows


def series_label(series: str, lang: str, period: str = "") -> str:
    """Legend text of a series: 2022年结果, 2023年目标, 最新数字."""
    key = {"result": "result_2022", "target": "target_2023", "latest": "latest"}[series]
    return t(key, lang)


def unit_title(unit: str, lang: str) -> str:
    """A chart title for one unit family."""
    if unit == "%":
        return t("chart_family_pct", lang)
    if unit == RANK_UNIT:
        return t("chart_family_rank", lang)
    shown = UNIT_EN.get(unit, unit) if lang == "en" else unit
    return t("chart_family_other", lang, unit=shown or unit)


def comparison_points(comparisons: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Long form of the comparisons: one row per measure × series that has a value."""
    rows = []
    for order, row in enumerate(comparisons.itertuples()):
        measure = row.measure_en if lang == "en" and row.measure_en else row.measure
        sides = (
            ("result", row.result_2022, "=", "2022"),
            ("target", row.target_2023, row.target_comparator, "2023"),
            ("latest", row.latest_value, "=", row.latest_period),
        )
        for series, value, comparator, period in sides:
            if is_missing(value):
                continue
            rows.append(
                {
                    "measure": measure,
                    "order": order,
                    "unit": row.unit,
                    "series": series_label(series, lang),
                    "series_id": series,
                    "value": float(value),
                    "label": format_value(value, row.unit, comparator or "=", lang),
                    "period": format_period(period, lang),
                    "status": row.status_zh if lang != "en" else row.status,
                }
            )
    columns = ["measure", "order", "unit", "series", "series_id", "value", "label", "period"]
    return pd.DataFrame(rows, columns=[*columns, "status"])


def comparison_chart(data: pd.DataFrame, unit: str, title: str, lang: str) -> alt.Chart:
    """A dot chart of measures in one unit: result, target and latest on one line each.

    With a single measure the title names it and the row label is left out.
    """
    measures = list(dict.fromkeys(data.sort_values("order")["measure"]))
    labels = [series_label(s, lang) for s in SERIES]
    shown_unit = UNIT_EN.get(unit, unit) if lang == "en" else unit
    axis = alt.Axis(labelLimit=260) if len(measures) > 1 else None
    y = alt.Y("measure:N", sort=measures, title=None, axis=axis)
    x = alt.X(
        "value:Q",
        title=t("chart_axis", lang, unit=shown_unit or unit),
        # Ranks read best with 第一 on the right; amounts start at zero.
        scale=alt.Scale(reverse=True, zero=False, padding=24)
        if unit == RANK_UNIT
        else alt.Scale(zero=True, nice=True),
    )
    colours = alt.Scale(domain=labels, range=[SERIES_COLOURS[s] for s in SERIES])
    colour = alt.Color("series:N", scale=colours, legend=alt.Legend(title=None, orient="top"))
    shape = alt.Shape(
        "series:N", scale=alt.Scale(domain=labels, range=[SERIES_SHAPES[s] for s in SERIES])
    )
    tooltip = [
        alt.Tooltip("measure:N", title=t("measure", lang)),
        alt.Tooltip("series:N", title=t("series", lang)),
        alt.Tooltip("label:N", title=t("value", lang)),
        alt.Tooltip("period:N", title=t("period", lang)),
    ]
    base = alt.Chart(data)
    span = base.mark_rule(color=GREY, strokeWidth=3, opacity=0.6).encode(
        y=y, x="min(value):Q", x2="max(value):Q"
    )
    dots = base.mark_point(size=220, filled=True, opacity=1).encode(
        y=y, x=x, color=colour, shape=shape, tooltip=tooltip
    )
    # Labels: the 2022 result below its dot, the target above-left, the latest above-right,
    # so three close values stay readable.
    placements = {
        "result": (0, 20, "center"),
        "target": (-4, -16, "right"),
        "latest": (4, -16, "left"),
    }
    text = alt.layer(
        *(
            base.transform_filter(alt.datum.series_id == series)
            .mark_text(dx=dx, dy=dy, align=align, fontSize=12, font=FONT)
            .encode(
                y=y,
                x="value:Q",
                text="label:N",
                color=alt.Color("series:N", scale=colours, legend=None),
            )
            for series, (dx, dy, align) in placements.items()
        )
    )
    return (
        (span + dots + text)
        .properties(
            title=alt.Title(title, anchor="start", font=FONT),
            height=chart_height(len(measures)) - CHROME_HEIGHT,
        )
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=12)
        .configure_legend(labelFont=FONT, labelFontSize=12)
        .configure_view(strokeWidth=0)
    )


def chart_height(rows: int) -> int:
    """The pixel height of a dot chart of ``rows`` measures, chrome included."""
    return max(ROW_HEIGHT * rows, 90) + CHROME_HEIGHT


def comparison_charts(comparisons: pd.DataFrame, lang: str) -> list[tuple[str, alt.Chart]]:
    """Growth rates (%) together on one axis, then every other measure on its own axis.

    Never % and 万人 on one axis; and a count of 13 academicians is not drawn on the
    axis of 15,700 jobs, where it would vanish.
    """
    points = comparison_points(comparisons, lang)
    charts: list[tuple[str, alt.Chart]] = []
    rates = points[points["unit"] == "%"]
    if not rates.empty:
        charts.append(("rates", comparison_chart(rates, "%", unit_title("%", lang), lang)))
    for order, group in points[points["unit"] != "%"].groupby("order", sort=True):
        unit = str(group["unit"].iloc[0])
        shown = UNIT_EN.get(unit, unit) if lang == "en" else unit
        title = f"{group['measure'].iloc[0]}（{shown}）" if shown else group["measure"].iloc[0]
        charts.append((f"measure-{order}", comparison_chart(group, unit, title, lang)))
    return charts


def sector_counts_chart(facts: pd.DataFrame, lang: str) -> alt.Chart:
    """A bar per sector: how many figures the documents give for it."""
    counts = facts["sector"].value_counts()
    data = pd.DataFrame(
        {
            "sector": [sector_name(s.id, lang) for s in SECTORS],
            "count": [int(counts.get(s.id, 0)) for s in SECTORS],
            "colour": [hex_colour(s.color) for s in SECTORS],
        }
    )
    order = list(data["sector"])
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("sector:N", sort=order, title=None),
            x=alt.X("count:Q", title=t("count", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("colour:N", scale=None),
            tooltip=[
                alt.Tooltip("sector:N", title=t("sector", lang)),
                alt.Tooltip("count:Q", title=t("count", lang)),
            ],
        )
        .properties(title=alt.Title(t("facts_by_sector", lang), anchor="start", font=FONT))
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12)
        .configure_view(strokeWidth=0)
    )


def sector_colour(sector_id: str) -> str:
    """A sector's colour as CSS hex."""
    s = BY_ID.get(sector_id)
    return hex_colour(s.color) if s else GREY


def height_of(chart: alt.Chart) -> int:
    """The pixel height to give Streamlit for a chart made here (plot area plus chrome)."""
    return int(chart.height) + CHROME_HEIGHT if isinstance(chart.height, int) else 400
