"""Altair charts of the slides, styled to be read from the back of a meeting room.

Each builder takes a small frame of rows that were made from facts (so every bar is a
fact's value) and returns a finished chart; the page shows it live and the exports render
it to PNG with vl-convert.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import pandas as pd

from pgdash.display import colours
from pgdash.display.i18n import sector_name, t
from pgdash.display.placement import (
    DOT_RADIUS,
    WORLD,
    Box,
    Placer,
    place_labels,
    project,
    spread,
)
from pgdash.display.wrapping import text_px, wrap

if TYPE_CHECKING:  # altair is imported where a chart is drawn: a handout draws none
    import altair as alt

# Noto Sans CJK is what the exports register; the others are what viewers' systems have.
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
INK = colours.INK
MUTED = colours.MUTED
ROLE_COLOURS = colours.ROLE  # result, target and latest keep one colour everywhere
BOUNDARY_FILL = "#e5e7eb"
BOUNDARY_STROKE = "#374151"

LEGEND_PX, SPACING_PX = 44, 10  # room around the bar panels
TITLE_PX, HEADER_LABEL_PX, VALUE_PX = 24, 20, 20  # type of titles, panel headers, values
AXIS_LABEL_PX = 18

# Columns of the rows a bar chart draws.
BAR_COLUMNS = ("group", "label", "role", "role_label", "value", "text", "fact_id", "measure")


def style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large, high-contrast type in the CJK font; no chart border."""
    return (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(
            labelFontSize=AXIS_LABEL_PX,
            titleFontSize=AXIS_LABEL_PX,
            labelColor=INK,
            titleColor=INK,
            labelLimit=420,
        )
        .configure_header(labelFontSize=HEADER_LABEL_PX, labelColor=INK, labelLimit=0, labelAngle=0)
        .configure_legend(labelFontSize=18, titleFontSize=18, orient="top", title=None)
        .configure_title(fontSize=TITLE_PX, color=INK, anchor="start", limit=0)
    )


LINE_GAP = 1.3  # line height of wrapped titles and headers, in type sizes
LABEL_ROOM_PX = 320  # at most this much for the bar labels' column (periods) left of the bars


def x_domain_top(rows: pd.DataFrame, plot_px: float) -> float:
    """The top of the value scale at which every bar's value label, written after its bar,
    still ends inside the plot."""
    top = 1.0
    for value, text in zip(rows["value"], rows["text"], strict=True):
        room = plot_px - 8 - text_px(str(text), VALUE_PX)
        top = max(top, float(value) * plot_px / max(room, plot_px * 0.25))
    return top * 1.02


def bars(rows: pd.DataFrame, width: int = 1000, height: int = 460) -> alt.TopLevelMixin:
    """Horizontal bars of ``rows`` (see ``BAR_COLUMNS``), one panel per group, all panels
    on one scale (the slides put only measures of one unit in a chart); every bar is
    labelled with its value as the document states it, and its period and kind; a bar of
    part of a year (an optional ``part_year`` column) is paler. Group names wrap onto as
    many lines as they need: nothing is cut, and the bars keep their width whatever the
    language.
    """
    import altair as alt

    missing = [c for c in BAR_COLUMNS if c not in rows.columns and c != "measure"]
    if missing:
        raise ValueError(f"bar rows lack column(s) {', '.join(missing)}")
    groups = list(dict.fromkeys(rows["group"]))
    roles = [r for r in ROLE_COLOURS if r in set(rows["role"])]
    role_labels = rows.drop_duplicates("role").set_index("role")["role_label"]
    # the bars take the width the period labels on their left leave
    label_px = max((text_px(str(label), AXIS_LABEL_PX) for label in rows["label"]), default=0)
    plot_px = int(width - min(label_px + 24, LABEL_ROOM_PX))
    faceted = len(groups) > 1
    size = HEADER_LABEL_PX if faceted else TITLE_PX
    # Vega sizes the image by the plot and its axes: a heading wider than the plot is cut
    wrapped = {g: wrap(str(g), plot_px, size) for g in groups}
    lines = sum(len(v) for v in wrapped.values())
    heading_px = lines * size * LINE_GAP + (SPACING_PX if faceted else 12) * len(groups)
    # The legend and the headings take room too: the whole chart keeps to ``height``.
    panel_height = max(48, int((height - LEGEND_PX - heading_px) // max(1, len(groups))))
    colour = alt.Color(
        "role_label:N",
        scale=alt.Scale(
            domain=[role_labels[r] for r in roles], range=[ROLE_COLOURS[r] for r in roles]
        ),
        legend=alt.Legend(title=None) if len(roles) > 1 else None,
    )
    rows = rows.assign(group=[chr(10).join(wrapped[g]) for g in rows["group"]])
    base = alt.Chart().encode(
        y=alt.Y("label:N", title=None, sort=None),
        # one domain for every panel, with room on the right for the value labels
        x=alt.X(
            "value:Q",
            title=None,
            axis=None,
            scale=alt.Scale(domain=[0, x_domain_top(rows, plot_px)], nice=False),
        ),
    )
    bar = base.mark_bar(cornerRadiusEnd=3).encode(color=colour, tooltip=["label:N", "text:N"])
    if "part_year" in rows.columns:  # a part of a year drawn paler than whole years
        bar = bar.encode(opacity=alt.condition("datum.part_year", alt.value(0.45), alt.value(1.0)))
    text = base.mark_text(align="left", dx=6, fontSize=VALUE_PX, color=INK).encode(text="text:N")
    layered = alt.layer(bar, text, data=rows).properties(width=plot_px, height=panel_height)
    if faceted:
        header = alt.Header(
            labelOrient="top",
            labelAnchor="start",
            labelFontWeight="bold",
            labelExpr="split(datum.value, '\\n')",
            labelLineHeight=size * LINE_GAP,
            labelLimit=0,
        )
        order = [chr(10).join(wrapped[g]) for g in groups]
        chart = layered.facet(
            row=alt.Row("group:N", title=None, sort=order, header=header), spacing=SPACING_PX
        ).resolve_scale(x="shared", y="independent")
        return style(chart)
    title = alt.TitleParams(wrapped[groups[0]] if groups else [""], lineHeight=size * LINE_GAP)
    return style(layered.properties(title=title))


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


FRAME_MARGIN = 0.04  # of the district's extent, kept round it on the map image


def _frame(features: list[dict]) -> dict | None:
    """The corners of the district's extent with a margin, as one feature for the
    projection to fit: the whole district shows, its outline's stroke included (a polygon
    fitted as it is lost its southern tip to the edge)."""
    points = [p for f in features for p in _points((f.get("geometry") or {}).get("coordinates"))]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    dx = (max(lons) - min(lons)) * FRAME_MARGIN
    dy = (max(lats) - min(lats)) * FRAME_MARGIN
    west, east, south, north = min(lons) - dx, max(lons) + dx, min(lats) - dy, max(lats) + dy
    corners = [[west, south], [east, south], [east, north], [west, north]]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": corners},
    }


FOCUS_SHARE = 0.45  # a sector's map spans at least this share of the district each way
FOCUS_MARGIN = 0.25  # of the sites' extent, kept round them for their numbers


def _focus_frame(sites: pd.DataFrame, whole: dict | None) -> dict | None:
    """The corners of a sector's view: its sites with a margin, widened to at least
    :data:`FOCUS_SHARE` of the district's extent each way (centred on the sites), so that
    the district's outline and towns round them say where in the district they are."""
    lons, lats = list(sites["lon"]), list(sites["lat"])
    (west, south), (east, north) = (min(lons), min(lats)), (max(lons), max(lats))
    if whole is not None:
        corners = whole["geometry"]["coordinates"]
        span_lon = (corners[1][0] - corners[0][0]) * FOCUS_SHARE
        span_lat = (corners[2][1] - corners[0][1]) * FOCUS_SHARE
    else:
        span_lon = span_lat = 0.02
    dx = max((east - west) * (1 + 2 * FOCUS_MARGIN), span_lon) / 2
    dy = max((north - south) * (1 + 2 * FOCUS_MARGIN), span_lat) / 2
    lon, lat = (west + east) / 2, (south + north) / 2
    box = [[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy]]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": box},
    }


def _lines(text: str, width: int, size: int) -> list[str]:
    """``text`` broken into lines that fit ``width`` pixels at ``size`` (CJK one em,
    Latin about half), at its separators where it can: a long line would widen the image
    past its map, and the map would be drawn small in its card."""
    per_line = max(8, int(width / size))
    words = re.split(r"(?<=[；;·，,])", text)  # the space after a separator kept
    lines, line = [], ""
    for word in words:
        if line and _ems(line + word) > per_line:
            lines.append(line.rstrip())
            line = ""
        line += word.lstrip() if not line else word
    return [*lines, line.rstrip()] if line else lines


def _ems(text: str) -> float:
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in text)


def _thin_features(boundary: dict) -> list[dict]:
    features = boundary.get("features", [boundary]) if boundary else []
    return [
        {**f, "geometry": {**f["geometry"], "coordinates": _thin(f["geometry"]["coordinates"])}}
        if isinstance(f.get("geometry"), dict) and "coordinates" in f["geometry"]
        else f
        for f in features
    ]


NUMBER_PX = 15  # type size of the site numbers on the map image
DOT_APART = 2 * DOT_RADIUS - 2  # dots of the map image this close are set side by side


def _points(coordinates: list) -> list[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], int | float):
        return [(float(coordinates[0]), float(coordinates[1]))]
    return [p for part in coordinates for p in _points(part)]


def _unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The inverse of ``placement.project``: Web Mercator pixels at ``zoom`` → lon, lat."""
    scale = WORLD * 2**zoom
    lon = x / scale * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))
    return lon, lat


def map_zoom(sites: pd.DataFrame, features: list[dict], width: int, height: int) -> float:
    """The Web Mercator zoom at which the outline (else the sites) fills ``width`` × ``height``
    pixels, as the chart's fitted projection draws it."""
    outline = [p for f in features for p in _points(f.get("geometry", {}).get("coordinates", []))]
    where = outline or list(zip(sites["lon"], sites["lat"], strict=True))
    corners = [project(lon, lat, 0) for lon, lat in where]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    span = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return math.log2(min(width / span[0], height / span[1]))


def number_positions(
    sites: pd.DataFrame, features: list[dict], width: int, height: int
) -> pd.DataFrame:
    """``sites`` with ``label_lon``/``label_lat``: where each number goes so that numbers
    neither overlap each other nor the dots, at the scale the map is drawn at (the same
    placement as the presentation page's map)."""
    zoom = map_zoom(sites, features, width, height)
    records = [
        {"name": str(r.number), "lon": float(r.lon), "lat": float(r.lat), "i": i}
        for i, r in enumerate(sites.itertuples())
    ]
    (placed,) = place_labels([(records, NUMBER_PX)], zoom, keep_all=True)
    spots = {}
    for record in placed:
        x, y = project(record["lon"], record["lat"], zoom)
        dx, dy = record["offset"]
        spots[record["i"]] = _unproject(x + dx, y + dy, zoom)
    return sites.assign(
        label_lon=[spots.get(i, (lon, 0))[0] for i, lon in enumerate(sites["lon"])],
        label_lat=[spots.get(i, (0, lat))[1] for i, lat in enumerate(sites["lat"])],
    )


# The context drawn muted under the district, as on the page's map (display.maps).
NEIGHBOUR_FILL, NEIGHBOUR_STROKE, NEIGHBOUR_TEXT = "#e9e9e5", "#cdcdc8", "#87877f"
DISTRICT_FILL, DISTRICT_STROKE = "#f7f9fc", "#1f3a60"
LAKE_FILL, RIVER_STROKE, RAIL_STROKE = "#bed7ec", "#78a6ce", "#6e6e6e"
ROAD_STROKES = {"expressway": ("#deaa5f", 3.0), "main": ("#c4beb2", 1.6)}
SOURCE_PX = 12


def _context_of(context: dict | None, *kinds: str) -> list[dict]:
    features = (context or {}).get("features") or []
    return [f for f in features if (f.get("properties") or {}).get("kind") in kinds]


def _shapes(features: list[dict], **mark: object) -> alt.Chart:
    import altair as alt

    return alt.Chart(alt.Data(values=_thin_features({"features": features}))).mark_geoshape(
        clip=True, **mark
    )


def context_layers(
    context: dict | None,
) -> tuple[list[alt.Chart], list[dict], list[alt.Chart]]:
    """The context, muted and cut to the frame: the neighbours' grey areas (under the
    district), the lake's features and the rivers, rail and roads (over it); empty when
    there is no context."""
    layers = []
    neighbours = _context_of(context, "neighbour")
    if neighbours:
        layers.append(
            _shapes(neighbours, fill=NEIGHBOUR_FILL, stroke=NEIGHBOUR_STROKE, strokeWidth=0.8)
        )
    lines = [
        (_context_of(context, "river"), RIVER_STROKE, 1.6),
        (_context_of(context, "rail"), RAIL_STROKE, 1.3),
        *(
            (
                [f for f in _context_of(context, "road") if f["properties"].get("road_class") == k],
                colour,
                width,
            )
            for k, (colour, width) in ROAD_STROKES.items()
        ),
    ]
    lake = _context_of(context, "lake")
    return (
        layers,
        lake,
        [
            _shapes(features, filled=False, stroke=colour, strokeWidth=width, strokeOpacity=0.9)
            for features, colour, width in lines
            if features
        ],
    )


def neighbour_names(context: dict | None, lang: str) -> pd.DataFrame:
    """The names of the districts and counties that border the district, at their label
    points."""
    rows = [
        {
            "name": p["label_en"] if lang == "en" else p["label"],
            "lon": float(p["label_lon"]),
            "lat": float(p["label_lat"]),
        }
        for p in (f["properties"] for f in _context_of(context, "neighbour"))
        if p.get("adjacent", True)
    ]
    return pd.DataFrame(rows, columns=["name", "lon", "lat"])


NEIGHBOUR_PX = 13  # type size of the neighbours' names on the map image


def placed_names(
    names: pd.DataFrame, boundary: dict, frame: list[dict], width: int, height: int
) -> pd.DataFrame:
    """The neighbours' names moved off the district's boundary and inside the view, at the
    scale the map is drawn at (a name across the outline reads as the district's); a name
    with no room is left out rather than cut at the edge."""
    zoom = map_zoom(names, frame, width, height)
    corners = [project(lon, lat, zoom) for lon, lat in _points(frame[0]["geometry"]["coordinates"])]
    cx = (min(c[0] for c in corners) + max(c[0] for c in corners)) / 2
    cy = (min(c[1] for c in corners) + max(c[1] for c in corners)) / 2
    view = Box(cx - width / 2 + 4, cy - height / 2 + 4, cx + width / 2 - 4, cy + height / 2 - 4)
    from pgdash.display.maps import boundary_rings  # pydeck: only when a map is drawn

    rings = boundary_rings(boundary)
    placer = Placer(zoom, frame=view, lines=rings)
    placed = placer.at_points(names.to_dict("records"), NEIGHBOUR_PX, outside=rings)
    rows = []
    for r in placed:
        x, y = project(r["lon"], r["lat"], zoom)
        lon, lat = _unproject(x + r["offset"][0], y + r["offset"][1], zoom)
        rows.append({"name": r["name"], "lon": lon, "lat": lat})
    return pd.DataFrame(rows, columns=["name", "lon", "lat"])


def district_map(
    boundary: dict,
    sites: pd.DataFrame,
    width: int = 1000,
    height: int = 620,
    context: dict | None = None,
    lang: str = "zh",
    focus: bool = False,
) -> alt.TopLevelMixin:
    """The district among its muted neighbours, rivers and roads, with its sites as
    numbered dots coloured by sector; a sector legend and the sources' line below. For
    images (the page uses pydeck). With ``focus`` (a sector's map) the view closes in on
    the sites, the district's outline cut at the frame around them (:func:`_focus_frame`).

    Names would overlap where sites cluster, so the dots carry numbers, placed beside their
    dot where no other number or dot is (dark on a white halo), and the slide lists the
    names beside the map. Dots that would cover each other are set side by side.
    """
    import altair as alt

    features = _thin_features(boundary)
    background, lake, lines = context_layers(context)
    layers = [
        *background,
        alt.Chart(alt.Data(values=features)).mark_geoshape(
            fill=DISTRICT_FILL, stroke=DISTRICT_STROKE, strokeWidth=2, clip=True
        ),
    ]
    if lake:
        layers.append(_shapes(lake, fill=LAKE_FILL, stroke=RIVER_STROKE, strokeWidth=0.8))
    layers += lines
    whole = _frame(features)
    shown = _focus_frame(sites, whole) if focus and not sites.empty else whole
    frame = [f for f in (shown,) if f]  # what the projection fits
    names = neighbour_names(context, lang)
    if not names.empty and frame:
        names = placed_names(names, boundary, frame, width, height)
    if not names.empty:
        layers.append(
            alt.Chart(names)
            .mark_text(fontSize=NEIGHBOUR_PX, color=NEIGHBOUR_TEXT, clip=True)
            .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
        )
    if not sites.empty:
        zoom = map_zoom(sites, frame, width, height)
        moved = spread(list(zip(sites["lon"], sites["lat"], strict=True)), zoom, DOT_APART)
        sites = sites.assign(lon=[p[0] for p in moved], lat=[p[1] for p in moved])
        sites = number_positions(sites, frame, width, height)
        sectors = list(dict.fromkeys(sites["sector"])) if "sector" in sites else []
        sites = sites.assign(
            sector_name=[sector_name(str(s), lang) for s in sites.get("sector", [""] * len(sites))]
        )
        domain = [sector_name(s, lang) for s in sectors]
        palette = [sites.loc[sites["sector"] == s, "colour"].iloc[0] for s in sectors]
        points = alt.Chart(sites).encode(longitude="lon:Q", latitude="lat:Q")
        layers.append(
            points.mark_circle(size=150, opacity=0.95, stroke="white", strokeWidth=1.5).encode(
                color=alt.Color(
                    "sector_name:N",
                    scale=alt.Scale(domain=domain, range=palette),
                    legend=alt.Legend(
                        title=None,
                        orient="bottom",
                        direction="horizontal",
                        labelFontSize=14,
                        symbolSize=160,
                        columns=min(len(domain), 5),
                    ),
                ),
                tooltip=["number:N", "name:N"],
            )
        )
        labels = alt.Chart(sites).encode(
            longitude="label_lon:Q", latitude="label_lat:Q", text="number:N"
        )
        halo = {"fontSize": NUMBER_PX, "fontWeight": "bold", "baseline": "middle"}
        layers.append(labels.mark_text(**halo, stroke="white", strokeWidth=4, color="white"))
        layers.append(labels.mark_text(**halo, color=colours.BRAND))
    from pgdash.display import map_legend  # pydeck and shapely: only when a map is drawn

    source = f"{t('schematic_caption', lang)} · {map_legend.credits(context, lang)}"
    chart = (
        alt.layer(*layers)
        .project(type="mercator", fit=frame[0] if frame else None)
        .properties(
            width=width,
            height=height,
            title=alt.TitleParams(
                _lines(source, width, SOURCE_PX),
                orient="bottom",
                anchor="start",
                fontSize=SOURCE_PX,
                color=MUTED,
                fontWeight="normal",
            ),
        )
    )
    return style(chart)
