"""Altair charts of the slides, styled to be read from the back of a meeting room.

Each builder takes a small frame of rows that were made from facts (so every bar is a
fact's value) and returns a finished chart; the page shows it live and the exports render
it to PNG with vl-convert.
"""

import altair as alt
import pandas as pd

from pgdash.display import colours

# Noto Sans CJK is what the exports register; the others are what viewers' systems have.
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
INK = colours.INK
MUTED = colours.MUTED
ROLE_COLOURS = colours.ROLE  # result, target and latest keep one colour everywhere
BOUNDARY_FILL = "#e5e7eb"
BOUNDARY_STROKE = "#374151"

LEGEND_PX, HEADER_PX, SPACING_PX = 44, 46, 10  # room around the bar panels

# Columns of the rows a bar chart draws.
BAR_COLUMNS = ("group", "label", "role", "role_label", "value", "text", "fact_id")


def style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large, high-contrast type in the CJK font; no chart border."""
    return (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(
            labelFontSize=18, titleFontSize=18, labelColor=INK, titleColor=INK, labelLimit=420
        )
        .configure_header(labelFontSize=20, labelColor=INK, labelLimit=600, labelAngle=0)
        .configure_legend(labelFontSize=18, titleFontSize=18, orient="top", title=None)
        .configure_title(fontSize=24, color=INK, anchor="start")
    )


def bars(rows: pd.DataFrame, width: int = 1000, height: int = 460) -> alt.TopLevelMixin:
    """Horizontal bars of ``rows`` (see ``BAR_COLUMNS``), one panel per group, all panels
    on one scale (the slides put only measures of one unit in a chart); every bar is
    labelled with its value as the document states it, and its period and kind.
    """
    missing = [c for c in BAR_COLUMNS if c not in rows.columns]
    if missing:
        raise ValueError(f"bar rows lack column(s) {', '.join(missing)}")
    groups = list(dict.fromkeys(rows["group"]))
    roles = [r for r in ROLE_COLOURS if r in set(rows["role"])]
    role_labels = rows.drop_duplicates("role").set_index("role")["role_label"]
    # The legend and each panel's header take room too: the whole chart keeps to ``height``.
    panel_height = max(48, (height - LEGEND_PX) // max(1, len(groups)) - HEADER_PX - SPACING_PX)
    colour = alt.Color(
        "role_label:N",
        scale=alt.Scale(
            domain=[role_labels[r] for r in roles], range=[ROLE_COLOURS[r] for r in roles]
        ),
        legend=alt.Legend(title=None) if len(roles) > 1 else None,
    )
    top = float(rows["value"].max()) if len(rows) else 1.0
    base = alt.Chart().encode(
        y=alt.Y("label:N", title=None, sort=None),
        # one domain for every panel, with room on the right for the value labels
        x=alt.X("value:Q", title=None, axis=None, scale=alt.Scale(domain=[0, top * 1.18])),
    )
    bar = base.mark_bar(cornerRadiusEnd=3).encode(color=colour, tooltip=["label:N", "text:N"])
    text = base.mark_text(align="left", dx=6, fontSize=20, color=INK).encode(text="text:N")
    layered = alt.layer(bar, text, data=rows).properties(width=width - 320, height=panel_height)
    if len(groups) > 1:
        header = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold")
        chart = layered.facet(
            row=alt.Row("group:N", title=None, sort=groups, header=header), spacing=SPACING_PX
        ).resolve_scale(x="shared", y="independent")
        return style(chart)
    return style(layered.properties(title=groups[0] if groups else ""))


MAP_POINTS = 600  # points kept per ring of the outline: plenty at slide size


def _thin(coordinates: list, keep: int = MAP_POINTS) -> list:
    """A ring, or nested rings, with at most ``keep`` points each, rounded to ~10 m; the
    outline of a 1000-pixel map needs no more, and the chart is made many times faster."""
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(float(c), 4) for c in coordinates]
    if coordinates and coordinates[0] and isinstance(coordinates[0][0], int | float):
        step = max(1, -(-len(coordinates) // keep))
        ring = coordinates[::step]
        if ring[-1] != coordinates[-1]:
            ring.append(coordinates[-1])  # keep the ring closed
        return [_thin(point) for point in ring]
    return [_thin(part, keep) for part in coordinates]


def _thin_features(boundary: dict) -> list[dict]:
    features = boundary.get("features", [boundary]) if boundary else []
    return [
        {**f, "geometry": {**f["geometry"], "coordinates": _thin(f["geometry"]["coordinates"])}}
        if isinstance(f.get("geometry"), dict) and "coordinates" in f["geometry"]
        else f
        for f in features
    ]


def district_map(
    boundary: dict, sites: pd.DataFrame, width: int = 1000, height: int = 620
) -> alt.TopLevelMixin:
    """The district outline with its sites as numbered dots; for images (the page uses pydeck).

    Names would overlap where sites cluster, so the dots carry numbers and the slide lists
    the names beside the map.
    """
    features = _thin_features(boundary)
    outline = alt.Chart(alt.Data(values=features)).mark_geoshape(
        fill=BOUNDARY_FILL, stroke=BOUNDARY_STROKE, strokeWidth=2
    )
    layers = [outline]
    if not sites.empty:
        points = alt.Chart(sites).encode(longitude="lon:Q", latitude="lat:Q")
        layers.append(
            points.mark_circle(size=420, opacity=0.95, stroke="white", strokeWidth=1.5).encode(
                color=alt.Color("colour:N", scale=None), tooltip=["number:N", "name:N"]
            )
        )
        layers.append(
            points.mark_text(fontSize=13, fontWeight="bold", color="white").encode(text="number:N")
        )
    chart = alt.layer(*layers).project(type="mercator").properties(width=width, height=height)
    return style(chart)
