"""pydeck maps of the district: neighbours, rivers and roads, boundary, towns, sites, routes.

By default a deck makes no tile request at all (``map_provider=None``): the context layers
(grey neighbouring districts, the hand-drawn rivers, lake, roads and rail, drawn muted),
the boundary, towns and labels carry the map, so it works offline in a locked-down meeting
room. Tooltips are plain text (deck.gl sets them with ``innerText``), so document strings in
them can never act as HTML, whatever the Streamlit version does to interpolated values.
"""

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from shapely.geometry import mapping, shape

from pgdash.display.i18n import sector_name, t
from pgdash.display.placement import LINE_EM, TOWN_RADIUS, Placer, spread, view_frame, wrap
from pgdash.sectors import BY_ID

CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
NAVY = [31, 58, 96]
BOUNDARY_FILL = [247, 249, 252, 255]
TOWN_COLOUR = [90, 98, 112]
TOWN_APPROX_COLOUR = [160, 166, 176]
ROUTE_COLOUR = [106, 76, 147]  # under construction: violet, dashed (red is for statuses)
GREY = [150, 150, 150]
NEIGHBOUR_FILL = [233, 233, 229, 255]
NEIGHBOUR_LINE = [205, 205, 200]
NEIGHBOUR_TEXT = [135, 135, 130]
RIVER_COLOUR = [120, 166, 206]
LAKE_FILL = [190, 215, 236, 255]
ROAD_COLOURS = {"expressway": [222, 170, 95], "main": [196, 190, 178]}
ROAD_WIDTHS = {"expressway": 3.5, "main": 2.0}
RAIL_COLOUR = [110, 110, 110]
ROAD_TEXT = [125, 110, 90]
RIVER_TEXT = [70, 120, 170]
# Label sizes in pixels: 14 at least, read on a projector, each with a white halo of
# placement.HALO pixels (HALO_WIDTH in the glyph atlas's pixels, see _labels).
SITE_SIZE, TOWN_SIZE, AREA_SIZE, LINE_SIZE = 14, 14, 15, 14
# The routes under construction are dashed by deck.gl (PathStyleExtension), so each route is
# one row of the deck, not one per dash with its tooltip repeated. Dashes of about 14 px and
# gaps of 8 (about 1 km and 0.6 km at the whole district's zoom), 4.5 px wide: the extension
# smooths a dash's edges, and this looks as wide as the 3.5 px cut dashes drawn before.
ROUTE_WIDTH, ROUTE_DASHES = 4.5, [7, 4.3]
FRAME_PADDING = 1.12  # the whole district, with a rim of its neighbours
# A sector's view: its sites with room round them for their labels, at most this many zoom
# levels closer than the whole district's.
FOCUS_PADDING, FOCUS_ZOOM = 1.9, 1.5
PHONE_WIDTH = 600  # a map narrower than this names only the sites with clear room
FEW = 6  # a sector's few sites are all named, on a phone too
WRAP_EMS, PHONE_WRAP_EMS = 11, 7  # a Latin label longer than this takes two lines
# Layer ids: stable, so a selection survives reruns.
SITES, TOWNS, BOUNDARY, ROUTES, LABELS, TOWN_LABELS = (
    "sites",
    "towns",
    "boundary",
    "routes",
    "site-labels",
    "town-labels",
)
NEIGHBOURS, LAKE, RIVERS, ROADS, RAIL = "neighbours", "lake", "rivers", "roads", "rail"
ROUTE_LABELS, CONTEXT_LABELS, NEIGHBOUR_LABELS = "route-labels", "context-labels", "area-labels"
LEADERS = "label-leaders"  # the short lines from a dot to its label set further out
TOOLTIP_TEXT = "{name}\n{where}\n{description}\n{quote}"
# deck.gl draws a label's halo from its glyphs' signed distance field: the field must reach
# as far as the halo (``buffer`` and ``radius``, in the 64-pixel atlas's pixels), and the
# halo's width is given in those pixels too: 9.5 atlas pixels are 2 px at 14 px.
FONT_SETTINGS = {"sdf": True, "fontSize": 64, "buffer": 12, "radius": 14}
HALO_WIDTH = 12.5  # three quarters of it are drawn: 12.5 × 0.75 ≈ 9.4 atlas pixels
APPROXIMATE = "approximate"  # how a town's location_source starts when GeoNames lacks it


@dataclass(frozen=True)
class Layers:
    """Which layers to draw."""

    sites: bool = True
    towns: bool = True
    boundary: bool = True
    routes: bool = True
    labels: bool = True
    context: bool = True  # neighbours, rivers, lake, roads, rail


LAYER_NAMES = tuple(Layers.__dataclass_fields__)
# Each layer switch's Material icon: it says what the layer draws before its name is read
# (and spares Streamlit's search for a leading emoji in a Chinese label, 0.08 ms each run).
LAYER_ICONS = {
    "sites": ":material/location_on:",
    "towns": ":material/holiday_village:",
    "boundary": ":material/border_outer:",
    "routes": ":material/route:",
    "labels": ":material/label:",
    "context": ":material/water:",
}


def sector_rgb(sector_id: str) -> list[int]:
    """A sector's colour as [r, g, b]."""
    s = BY_ID.get(sector_id)
    return list(s.color) if s else GREY


def _coordinates(geometry: dict) -> list[tuple[float, float]]:
    """All (lon, lat) pairs of a GeoJSON geometry, whatever its type."""
    out: list[tuple[float, float]] = []

    def walk(node: object) -> None:
        if (
            isinstance(node, list | tuple)
            and len(node) >= 2
            and all(isinstance(v, int | float) for v in node[:2])
        ):
            out.append((float(node[0]), float(node[1])))
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)

    if geometry.get("type") == "GeometryCollection":
        for g in geometry.get("geometries", []):
            out.extend(_coordinates(g))
    else:
        walk(geometry.get("coordinates", []))
    return out


def boundary_points(boundary: dict) -> list[tuple[float, float]]:
    """Every coordinate of the boundary GeoJSON."""
    features = boundary.get("features", [boundary] if boundary.get("type") == "Feature" else [])
    points: list[tuple[float, float]] = []
    for feature in features:
        points.extend(_coordinates(feature.get("geometry") or {}))
    return points


def boundary_rings(boundary: dict | None) -> list[list[tuple[float, float]]]:
    """The boundary's rings as paths of (lon, lat), as the map draws its outline."""
    features = (boundary or {}).get("features") or []
    rings: list[list[tuple[float, float]]] = []
    for feature in features:
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        for polygon in polygons:
            rings += [[(float(p[0]), float(p[1])) for p in ring] for ring in polygon]
    return rings


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(
    points: list[tuple[float, float]], width: int = 900, height: int = 560, padding: float = 1.06
) -> pdk.ViewState | None:
    """A view that frames ``points`` in a ``width`` × ``height`` pixel map."""
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    span_x = max(east - west, 1e-3) / 360 * padding
    span_y = max(_mercator_y(north) - _mercator_y(south), 1e-3) / (2 * math.pi) * padding
    # deck.gl (like Mapbox GL) measures zoom in 512-pixel world tiles.
    zoom = min(math.log2(width / 512 / span_x), math.log2(height / 512 / span_y))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return pdk.ViewState(
        longitude=(west + east) / 2, latitude=centre_lat, zoom=round(zoom, 2), pitch=0, bearing=0
    )


def _first(values: object) -> str:
    items = list(values) if values is not None else []
    return str(items[0]) if items else ""


def _count(values: object) -> int:
    return len(values) if values is not None and not isinstance(values, float) else 0


def _quoted(text: str, limit: int = 90) -> str:
    if not text:
        return ""
    return "「" + (text if len(text) <= limit else text[:limit] + "…") + "」"


def short_name(name: str) -> str:
    """A map label: the name without a trailing bracket (22号线（平谷段） → 22号线)."""
    return re.sub(r"\s*[（(][^（）()]*[）)]$", "", name) or name


def town_label(name: str) -> str:
    """A town's map label: in English without Town/Township/Subdistrict (the legend says
    what the ring is): Machangying Town → Machangying; Chinese names stay whole."""
    return re.sub(r" (Town|Township|Subdistrict)$", "", short_name(name))


# A road's or railway's kind in English, as maps abbreviate it (Chinese names are short)
LINE_ABBREVIATIONS = {"Expressway": "Expwy", "Road": "Rd", "Railway": "Rly", "railway": "rly"}


# A metro line's system, which its map label leaves to the legend (轨道交通22号线 → 22号线)
LINE_SYSTEMS = re.compile(r"^(轨道交通|地铁|Metro )(?=\S)")


def line_label(name: str) -> str:
    """A route's, road's or river's map label: its short name, without a metro line's
    system, and in English its kind abbreviated as maps do (Jingping Expressway →
    Jingping Expwy), so that it fits along its line as the four characters of 京平高速
    do."""
    words = LINE_SYSTEMS.sub("", short_name(name)).split(" ")
    return " ".join(LINE_ABBREVIATIONS.get(w, w) if i else w for i, w in enumerate(words))


def is_approximate(site: object) -> bool:
    """Whether a town's seat is the curator's approximation (GeoNames lacks the town)."""
    return str(getattr(site, "location_source", "") or "").startswith(APPROXIMATE)


def site_records(sites: pd.DataFrame, lang: str) -> list[dict]:
    """Plain records for point layers, with escaped tooltip fields."""
    records = []
    for site in sites.itertuples():
        name = site.name_en if lang == "en" and site.name_en else site.name
        short = getattr(site, "label_en" if lang == "en" else "label_zh", "")
        where = " · ".join(x for x in (site.town, sector_name(site.sector, lang)) if x)
        description = str(site.description or "")
        colour = sector_rgb(site.sector)
        if site.kind == "town":
            approximate = is_approximate(site)
            where = t("seat_approx" if approximate else "seat_geonames", lang)
            colour = TOWN_APPROX_COLOUR if approximate else TOWN_COLOUR
        records.append(
            {
                "site_id": site.site_id,
                "name": str(name),
                "label": str(short or name),  # the map's label; the tooltip keeps the name
                "lon": float(site.lon),
                "lat": float(site.lat),
                "color": colour,
                "where": where,
                "description": description,
                "quote": _quoted(_first(site.quotes)),
                "n_facts": _count(getattr(site, "fact_ids", None)),
                "n_quotes": _count(getattr(site, "quotes", None)),
                "landmark": bool(getattr(site, "landmark", False)),
            }
        )
    return records


def spread_records(records: list[dict], zoom: float) -> list[dict]:
    """Point records moved apart where their dots would cover each other at ``zoom``
    (:func:`placement.spread`); the tooltip still names each place."""
    moved = spread([(r["lon"], r["lat"]) for r in records], zoom)
    return [{**r, "lon": lon, "lat": lat} for r, (lon, lat) in zip(records, moved, strict=True)]


def route_records(routes: pd.DataFrame, lang: str) -> list[dict]:
    """Plain records for the routes (under construction): the whole ``path`` of each, and
    its ``dashes`` to draw."""
    out = []
    for r, row in zip(site_records(routes, lang), routes.itertuples(), strict=True):
        path = [[float(p[0]), float(p[1])] for p in (row.path if row.path is not None else [])]
        if len(path) >= 2:
            out.append({**r, "color": ROUTE_COLOUR, "path": path})
    return out


# ---------------------------------------------------------------- context layers

CONTEXT_KIND_LABEL = {"river": "legend_river", "lake": "legend_lake", "rail": "legend_rail"}


def context_features(context: dict | None, kind: str) -> list[dict]:
    """The context features of one ``kind`` (neighbour, river, lake, road, rail)."""
    features = (context or {}).get("features") or []
    return [f for f in features if (f.get("properties") or {}).get("kind") == kind]


def _kind_label(props: dict) -> str:
    if props.get("kind") == "road":
        return "legend_expressway" if props.get("road_class") == "expressway" else "legend_road"
    return CONTEXT_KIND_LABEL.get(str(props.get("kind")), "legend_road")


def context_lines(context: dict | None, kind: str, lang: str) -> list[dict]:
    """Plain records (``name``, ``path``, ``color``, ``width``, tooltip fields) of the
    context's line features of ``kind``: river, road or rail."""
    out = []
    for f in context_features(context, kind):
        props = f["properties"]
        name = props.get("name_en") if lang == "en" and props.get("name_en") else props["name"]
        road_class = props.get("road_class", "main")
        colour = {"river": RIVER_COLOUR, "rail": RAIL_COLOUR}.get(kind, ROAD_COLOURS[road_class])
        out.append(
            {
                "name": str(name),
                "path": [[float(x), float(y)] for x, y, *_ in f["geometry"]["coordinates"]],
                "color": colour,
                "width": ROAD_WIDTHS[road_class] if kind == "road" else 2.0,
                "where": f"{t(_kind_label(props), lang)} · {t('schematic_caption', lang)}",
                "description": "",
                "quote": "",
            }
        )
    return out


def neighbour_labels(context: dict | None, lang: str) -> list[dict]:
    """Records of the neighbours' names at their label points, the ones that border the
    district first (they win a contested spot)."""
    features = sorted(
        context_features(context, "neighbour"),
        key=lambda f: not f["properties"].get("adjacent", True),
    )
    return [
        {
            "name": deck_text(str(p["label_en"] if lang == "en" else p["label"])),
            "lon": float(p["label_lon"]),
            "lat": float(p["label_lat"]),
        }
        for p in (f["properties"] for f in features)
    ]


def deck_text(text: str) -> str:
    """``text`` as deck.gl's glyph atlas draws it well: it leaves a gap after an interpunct
    (河北· 兴隆县), so the province runs into the name, as news copy writes it (河北兴隆县)."""
    return text.replace("·", "")


def _collection(features: list[dict]) -> dict | None:
    return {"type": "FeatureCollection", "features": features} if features else None


# Outlines are drawn coarser than they are stored: at the district map's zoom a pixel is
# 100-200 m, so detail under 50 m and digits beyond 1 m are bytes for nothing (the deck's
# JSON is sent on every run: the boundary alone was 100 KB of it).
SCREEN_TOLERANCE = 0.0005  # degrees, about 50 m
CONTEXT_TOLERANCE = 0.0015  # degrees, about 150 m: the grey neighbours, mostly off-frame
FAR_TOLERANCE = 0.003  # about 300 m: the neighbours that do not border the district (edges)
# decimal places of a degree, about 10 m: a tenth of a pixel at the district's zoom, well
# under the tolerances (a fifth of the outlines' bytes is a fifth decimal)
SCREEN_DIGITS = 4


def _rounded(node: object) -> object:
    if isinstance(node, float):
        return round(node, SCREEN_DIGITS)
    if isinstance(node, (list, tuple)):
        return [_rounded(item) for item in node]
    return node


def neighbour_outlines(context: dict | None) -> dict | None:
    """The neighbours' outlines for the screen: those that border the district simplified
    to :data:`CONTEXT_TOLERANCE`, the ones beyond them, at the frame's edges, coarser."""
    features = context_features(context, "neighbour")
    near = [f for f in features if f["properties"].get("adjacent", True)]
    far = [f for f in features if not f["properties"].get("adjacent", True)]
    outlines = [
        *((for_screen(_collection(near), CONTEXT_TOLERANCE) or {}).get("features") or []),
        *((for_screen(_collection(far), FAR_TOLERANCE) or {}).get("features") or []),
    ]
    return _collection(outlines)


def for_screen(collection: dict | None, tolerance: float = SCREEN_TOLERANCE) -> dict | None:
    """A GeoJSON collection of outlines as the deck needs it: simplified and rounded, and
    without properties (these layers are not pickable; labels come from elsewhere)."""
    if not collection:
        return collection
    features = []
    for feature in collection.get("features", []):
        if not feature.get("geometry"):
            continue
        outline = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
        geometry = mapping(outline)
        geometry = {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}
        features.append({"type": "Feature", "geometry": geometry, "properties": {}})
    return {"type": "FeatureCollection", "features": features}


# How each layer is drawn: pydeck layer type and style, by layer id (data comes per deck).
LAYER_STYLES: dict[str, tuple[str, dict]] = {
    NEIGHBOURS: ("GeoJsonLayer", dict(
        stroked=True, filled=True, get_fill_color=NEIGHBOUR_FILL, get_line_color=NEIGHBOUR_LINE,
        line_width_min_pixels=1, pickable=False,
    )),
    BOUNDARY: ("GeoJsonLayer", dict(
        stroked=True, filled=True, get_fill_color=BOUNDARY_FILL, get_line_color=NAVY,
        line_width_min_pixels=2, pickable=False,
    )),
    LAKE: ("GeoJsonLayer", dict(
        stroked=True, filled=True, get_fill_color=LAKE_FILL, get_line_color=RIVER_COLOUR,
        line_width_min_pixels=1, pickable=False,
    )),
    RIVERS: ("PathLayer", dict(
        get_path="path", get_color="color", get_width="width", width_units="'pixels'",
        pickable=True,
    )),
    ROADS: ("PathLayer", dict(
        get_path="path", get_color="color", get_width="width", width_units="'pixels'",
        pickable=True,
    )),
    RAIL: ("PathLayer", dict(
        get_path="path", get_color="color", get_width="width", width_units="'pixels'",
        pickable=True,
    )),
    ROUTES: ("PathLayer", dict(
        get_path="path", get_color="color", width_units="'pixels'", get_width=ROUTE_WIDTH,
        extensions=[{"@@type": "PathStyleExtension", "dash": True}],
        get_dash_array=ROUTE_DASHES, dash_justified=True, pickable=True,
    )),
    LEADERS: ("PathLayer", dict(
        get_path="path", get_color=NAVY, width_units="'pixels'", get_width=1.2, pickable=False,
    )),
    TOWNS: ("ScatterplotLayer", dict(
        get_position=["lon", "lat"], get_fill_color=[255, 255, 255], get_line_color="color",
        stroked=True, line_width_min_pixels=1.5, radius_min_pixels=4, get_radius=120,
        pickable=True,
    )),
    SITES: ("ScatterplotLayer", dict(
        get_position=["lon", "lat"], get_fill_color="color", get_line_color=[255, 255, 255],
        stroked=True, line_width_min_pixels=1.5, radius_min_pixels=7, radius_max_pixels=8,
        get_radius=350, pickable=True, auto_highlight=True,
    )),
}  # fmt: skip


def layer(layer_id: str, data: object) -> pdk.Layer:
    """The layer ``layer_id`` drawn in its style (see :data:`LAYER_STYLES`)."""
    kind, style = LAYER_STYLES[layer_id]
    return pdk.Layer(kind, id=layer_id, data=data, **style)


def basemap_args(basemap: bool) -> dict:
    """Deck arguments for the tiles: none by default, Carto's light tiles when asked for.

    Without a basemap, pydeck's default map_style placeholder tells Streamlit to draw no
    tiles at all; map_style=None would make Streamlit fall back to Carto's tiles.
    """
    if not basemap:
        return {"map_provider": None}
    key = os.environ.get("CARTO_API_KEY")
    return {
        "map_provider": "carto",
        "map_style": pdk.map_styles.LIGHT,
        "api_keys": {"carto": key} if key else None,
    }


def frame_view(
    sites: pd.DataFrame,
    boundary: dict,
    width: int,
    height: int,
    focus: bool = False,
) -> pdk.ViewState | None:
    """The initial view: the whole district with a rim of its neighbours. With ``focus``
    (a sector filter) the view closes in on the sector's sites and routes, with room for
    their labels: at most :data:`FOCUS_ZOOM` levels closer than the district's view (a
    lone site is shown among its towns, not alone), and zoomed out, when needed, until
    every one of them fits."""
    frame = boundary_points(boundary) or [(float(s.lon), float(s.lat)) for s in sites.itertuples()]
    view = fit_view(frame, width, height, FRAME_PADDING)
    if not focus or view is None:
        return view
    shown = sites[sites["kind"].isin(("site", "route"))]
    points = [(float(s.lon), float(s.lat)) for s in shown.itertuples()]
    for path in shown.loc[shown["kind"] == "route", "path"]:
        points += [(float(p[0]), float(p[1])) for p in (path if path is not None else [])]
    if not points:
        return view
    close = fit_view(points, width, height, FOCUS_PADDING)
    if close is None:
        return view
    zoom = min(close.zoom, view.zoom + FOCUS_ZOOM)
    return pdk.ViewState(
        longitude=close.longitude, latitude=close.latitude, zoom=round(zoom, 2), pitch=0, bearing=0
    )


def build_deck(
    sites: pd.DataFrame,
    boundary: dict,
    lang: str,
    layers: Layers = Layers(),
    basemap: bool = False,
    height: int = 560,
    width: int = 900,
    context: dict | None = None,
    focus: bool = False,
) -> pdk.Deck | None:
    """The district map, or ``None`` when there is nothing to draw. ``context`` holds the
    neighbours, rivers, lake, roads and rail (``data/context.geojson``); ``focus`` frames
    the sites (a sector filter) instead of the whole district."""
    view = frame_view(sites, boundary, width, height, focus)
    if view is None:
        return None
    of_kind = {kind: sites[sites["kind"] == kind] for kind in ("site", "town", "route")}
    site_data = spread_records(
        site_records(of_kind["site"], lang) if layers.sites else [], view.zoom
    )
    town_data = site_records(of_kind["town"], lang) if layers.towns else []
    route_data = route_records(of_kind["route"], lang) if layers.routes else []
    shown = context if layers.context else None
    lines = {kind: context_lines(shown, kind, lang) for kind in ("river", "road", "rail")}
    data = {  # bottom to top
        NEIGHBOURS: neighbour_outlines(shown),
        BOUNDARY: for_screen(boundary) if layers.boundary and boundary.get("features") else None,
        LAKE: for_screen(_collection(context_features(shown, "lake"))),
        RIVERS: lines["river"],
        ROADS: lines["road"],
        RAIL: lines["rail"],
        ROUTES: route_data,  # dashed as deck.gl draws it (ROUTE_DASHES)
        TOWNS: town_data,
        SITES: site_data,
    }
    deck_layers = [layer(layer_id, rows) for layer_id, rows in data.items() if rows]
    if layers.labels:
        deck_layers += label_layers(
            view,
            width,
            height,
            site_data,
            town_data,
            route_data,
            lines,
            shown,
            lang,
            boundary if layers.boundary else None,
        )
    return pdk.Deck(
        layers=deck_layers, initial_view_state=view, **basemap_args(basemap), tooltip=tooltip()
    )


def label_layers(
    view: pdk.ViewState,
    width: int,
    height: int,
    site_data: list[dict],
    town_data: list[dict],
    route_data: list[dict],
    lines: dict[str, list[dict]],
    context: dict | None,
    lang: str,
    boundary: dict | None = None,
) -> list[pdk.Layer]:
    """The text layers, placed so that no two labels meet, none covers a dot or leaves the
    view, and lines (rivers, roads, rail, routes, the boundary) run through as few as can
    be: landmarks first (the district government), routes, sites, towns, neighbours,
    rivers, roads and rail."""
    zoom = view.zoom
    frame = view_frame(view.longitude, view.latitude, zoom, width, height)
    dots = [(r["lon"], r["lat"]) for r in site_data]
    drawn = [r["path"] for kind in ("river", "road", "rail") for r in lines[kind]]
    drawn += [r["path"] for r in route_data] + boundary_rings(boundary)
    placer = Placer(zoom, dots, frame, drawn)
    placer.reserve([(r["lon"], r["lat"]) for r in town_data], TOWN_RADIUS)
    ems = WRAP_EMS if width >= PHONE_WIDTH else PHONE_WRAP_EMS  # a phone: narrower labels
    sites = [
        {**r, "name": shapes[0], "shapes": shapes}
        for r in by_importance(site_data)
        for shapes in [label_shapes(short_name(r["label"]), ems)]
    ]
    towns = [{**r, "name": town_label(r["label"])} for r in town_data]
    routes = [{**r, "name": line_label(r["label"])} for r in route_data]
    areas = neighbour_labels(context, lang)
    context_names = [
        {**r, "name": line_label(r["name"]), "text": RIVER_TEXT if kind == "river" else ROAD_TEXT}
        for kind in ("river", "road", "rail")
        for r in lines[kind]
    ]
    every = width >= PHONE_WIDTH or len(sites) <= FEW
    named, town_names = site_labels(placer, sites, every, towns)
    groups = {  # placed in this order: earlier ones win a contested spot
        LABELS: (named, NAVY, SITE_SIZE),
        ROUTE_LABELS: (placer.on_lines(routes, SITE_SIZE), ROUTE_COLOUR, SITE_SIZE),
        TOWN_LABELS: (town_names, TOWN_COLOUR, TOWN_SIZE),
        NEIGHBOUR_LABELS: (
            placer.at_points(areas, AREA_SIZE, outside=boundary_rings(boundary)),
            NEIGHBOUR_TEXT,
            AREA_SIZE,
        ),
        CONTEXT_LABELS: (placer.on_lines(context_names, LINE_SIZE), None, LINE_SIZE),
    }
    leaders = [{"path": r["leader"]} for r in groups[LABELS][0] if "leader" in r]
    return [layer(LEADERS, leaders)] * bool(leaders) + [
        _labels(layer_id, [{"text": colour, **r} for r in rows], size)
        for layer_id, (rows, colour, size) in groups.items()
        if rows
    ]


def label_shapes(text: str, ems: float) -> list[str]:
    """The shapes a site's label may take, the usual first: wrapped past ``ems``, on one
    line, in two lines (a Latin name; a Chinese one keeps its one line)."""
    return list(dict.fromkeys([wrap(text, ems), text, wrap(text, 0)]))


def site_labels(
    placer: Placer, sites: list[dict], every: bool, towns: list[dict] = ()
) -> tuple[list[dict], list[dict]]:
    """The sites' labels, the most important first (landmarks, the district government,
    first), each beside its dot or further out with a leader, clear of lines; with
    ``every`` (a desk's map, or a sector's few sites) a site with no clear spot takes the
    one lines cross least, so that every site is named; a phone's map names the sites
    with clear room near their dots, and its landmarks wherever. Then, in the same
    search, the ``towns``' names that fit beside their seats, clear of lines (a site's
    label moves aside for one only to another clear spot)."""
    towns = list(towns)
    if every:
        return placer.around_dots_then(sites, SITE_SIZE, towns, TOWN_SIZE, True, True)
    landmarks = [r for r in sites if r.get("landmark")]
    named = placer.around_dots(landmarks, SITE_SIZE, crossed=True, callouts=True)
    rest = [r for r in sites if not r.get("landmark")]
    more, town_names = placer.around_dots_then(
        rest, SITE_SIZE, towns, TOWN_SIZE, callouts=True, far=False
    )  # a phone: a leader across half the screen would not read
    return named + more, town_names


def neighbour_label_layer(
    deck: pdk.Deck,
    context: dict | None,
    lang: str,
    width: int,
    height: int,
    boundary: dict | None = None,
    numbered: Sequence[dict] = (),
    number_size: int = 0,
) -> pdk.Layer | None:
    """The names of the districts and counties that border the district, for a deck drawn
    without its other labels (the presentation's numbered map), kept inside the view, off
    the district's boundary and off the ``numbered`` sites' dots and numbers (records as
    placed, set at ``number_size`` px)."""
    view = deck.initial_view_state
    frame = view_frame(view.longitude, view.latitude, view.zoom, width, height)
    areas = [
        r
        for r, f in zip(
            neighbour_labels(context, lang),
            sorted(
                context_features(context, "neighbour"),
                key=lambda f: not f["properties"].get("adjacent", True),
            ),
            strict=True,
        )
        if f["properties"].get("adjacent", True)
    ]
    rings = boundary_rings(boundary)
    placer = Placer(view.zoom, [(r["lon"], r["lat"]) for r in numbered], frame, rings)
    placer.keep_off(numbered, number_size)
    rows = placer.at_points(areas, AREA_SIZE, outside=rings)
    if not rows:
        return None
    return _labels(NEIGHBOUR_LABELS, [{"text": NEIGHBOUR_TEXT, **r} for r in rows], AREA_SIZE)


def tooltip() -> dict:
    """The deck's tooltip: plain text (set with ``innerText``), never HTML."""
    return {
        "text": TOOLTIP_TEXT,
        "style": {
            "whiteSpace": "pre-line",
            "maxWidth": "340px",
            "backgroundColor": "#ffffff",
            "color": "#1f2a44",
            "fontFamily": CJK_FONT,
            "fontSize": "13px",
            "border": "1px solid #d0d5dd",
            "borderRadius": "6px",
            "boxShadow": "0 2px 8px rgba(0,0,0,.15)",
        },
    }


def _labels(layer_id: str, data: list[dict], size: int) -> pdk.Layer:
    """A TextLayer of names at their placed offsets, each in its record's ``text`` colour
    (``character_set="auto"`` builds the CJK glyph atlas)."""
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=data,
        get_position=["lon", "lat"],
        get_text="name",
        get_size=size,
        get_color="text",
        get_pixel_offset="offset",
        # Plain strings would be read as expressions by pydeck: pass them as strings.
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(CJK_FONT),
        font_weight=600,
        outline_width=HALO_WIDTH,
        outline_color=[255, 255, 255, 235],
        font_settings=FONT_SETTINGS,
        get_text_anchor="'middle'",
        get_alignment_baseline="'center'",
        line_height=LINE_EM,
        pickable=False,
    )


def by_importance(records: list[dict]) -> list[dict]:
    """Site records, landmarks (the district government) first, then the ones with the
    most figures, then quotes (file order on a tie): they win a contested label spot, so a
    phone's small map names those."""
    order = sorted(
        range(len(records)),
        key=lambda i: (
            not records[i].get("landmark"),
            -records[i].get("n_facts", 0),
            -records[i].get("n_quotes", 0),
            i,
        ),
    )
    return [records[i] for i in order]


def selected_site_id(event: object) -> str | None:
    """The site id picked in a ``st.pydeck_chart`` selection event, if any."""
    try:
        objects = event.selection.objects  # type: ignore[attr-defined]
    except AttributeError:
        return None
    for layer in (SITES, TOWNS, ROUTES):
        picked = objects.get(layer) or []
        if picked:
            return picked[0].get("site_id")
    return None
