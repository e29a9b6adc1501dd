"""pydeck maps of the district: boundary, sites by sector, towns, routes, Chinese labels.

By default a deck makes no tile request at all (``map_provider=None``): the boundary,
towns and labels carry the map, so it works offline in a locked-down meeting room.
Tooltips are plain text (deck.gl sets them with ``innerText``), so document strings in them
can never act as HTML, whatever the Streamlit version does to interpolated values.
"""

import math
import os
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from pgdash.display.formatting import hex_colour
from pgdash.display.i18n import sector_name
from pgdash.display.placement import place_labels
from pgdash.sectors import BY_ID

CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
NAVY = [31, 58, 96]
BOUNDARY_FILL = [31, 58, 96, 18]
TOWN_COLOUR = [90, 98, 112]
ROUTE_COLOUR = [179, 38, 30]
GREY = [150, 150, 150]
# Layer ids: stable, so a selection survives reruns.
SITES, TOWNS, BOUNDARY, ROUTES, LABELS, TOWN_LABELS = (
    "sites",
    "towns",
    "boundary",
    "routes",
    "site-labels",
    "town-labels",
)
TOOLTIP_TEXT = "{name}\n{where}\n{description}\n{quote}"


@dataclass(frozen=True)
class Layers:
    """Which layers to draw."""

    sites: bool = True
    towns: bool = True
    boundary: bool = True
    routes: bool = True
    labels: bool = True


LAYER_NAMES = tuple(Layers.__dataclass_fields__)


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


def _quoted(text: str, limit: int = 90) -> str:
    if not text:
        return ""
    return "「" + (text if len(text) <= limit else text[:limit] + "…") + "」"


def site_records(sites: pd.DataFrame, lang: str) -> list[dict]:
    """Plain records for point layers, with escaped tooltip fields."""
    records = []
    for site in sites.itertuples():
        name = site.name_en if lang == "en" and site.name_en else site.name
        where = " · ".join(x for x in (site.town, sector_name(site.sector, lang)) if x)
        records.append(
            {
                "site_id": site.site_id,
                "name": str(name),
                "lon": float(site.lon),
                "lat": float(site.lat),
                "color": sector_rgb(site.sector),
                "where": where,
                "description": str(site.description or ""),
                "quote": _quoted(_first(site.quotes)),
            }
        )
    return records


def route_records(routes: pd.DataFrame, lang: str) -> list[dict]:
    """Plain records for the path layer."""
    out = []
    for r in site_records(routes, lang):
        row = routes[routes["site_id"] == r["site_id"]].iloc[0]
        path = [
            [float(p[0]), float(p[1])] for p in (row["path"] if row["path"] is not None else [])
        ]
        if len(path) >= 2:
            out.append({**r, "path": path})
    return out


# How each layer is drawn: pydeck layer type and style, by layer id (data comes per deck).
LAYER_STYLES: dict[str, tuple[str, dict]] = {
    BOUNDARY: ("GeoJsonLayer", dict(
        stroked=True, filled=True, get_fill_color=BOUNDARY_FILL, get_line_color=NAVY,
        line_width_min_pixels=2, pickable=False,
    )),
    ROUTES: ("PathLayer", dict(
        get_path="path", get_color=ROUTE_COLOUR, width_min_pixels=3, get_width=4, pickable=True,
    )),
    TOWNS: ("ScatterplotLayer", dict(
        get_position=["lon", "lat"], get_fill_color=[255, 255, 255], get_line_color=TOWN_COLOUR,
        stroked=True, line_width_min_pixels=1.5, radius_min_pixels=4, get_radius=120,
        pickable=True,
    )),
    SITES: ("ScatterplotLayer", dict(
        get_position=["lon", "lat"], get_fill_color="color", get_line_color=[255, 255, 255],
        stroked=True, line_width_min_pixels=1.5, radius_min_pixels=7, radius_max_pixels=16,
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


def build_deck(
    sites: pd.DataFrame,
    boundary: dict,
    lang: str,
    layers: Layers = Layers(),
    basemap: bool = False,
    height: int = 560,
    width: int = 900,
) -> pdk.Deck | None:
    """The district map, or ``None`` when there is nothing to draw."""
    frame = boundary_points(boundary) or [(float(s.lon), float(s.lat)) for s in sites.itertuples()]
    view = fit_view(frame, width, height)
    if view is None:
        return None
    of_kind = {kind: sites[sites["kind"] == kind] for kind in ("site", "town", "route")}
    site_data = site_records(of_kind["site"], lang) if layers.sites else []
    town_data = site_records(of_kind["town"], lang) if layers.towns else []
    route_data = route_records(of_kind["route"], lang) if layers.routes else []
    data = {  # bottom to top
        BOUNDARY: boundary if layers.boundary and boundary.get("features") else None,
        ROUTES: route_data,
        TOWNS: town_data,
        SITES: site_data,
    }
    deck_layers = [layer(layer_id, rows) for layer_id, rows in data.items() if rows]
    if layers.labels:
        site_labels, town_labels = place_labels([(site_data, 12), (town_data, 11)], view.zoom)
        if town_data:
            deck_layers.append(_labels(TOWN_LABELS, town_labels, TOWN_COLOUR, 11))
        if site_data:
            deck_layers.append(_labels(LABELS, site_labels, NAVY, 12))
    return pdk.Deck(
        layers=deck_layers, initial_view_state=view, **basemap_args(basemap), tooltip=tooltip()
    )


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


def _labels(layer_id: str, data: list[dict], colour: list[int], size: int) -> pdk.Layer:
    """A TextLayer of Chinese names at their placed offsets (``character_set="auto"``
    builds the CJK glyph atlas)."""
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=data,
        get_position=["lon", "lat"],
        get_text="name",
        get_size=size,
        get_color=colour,
        get_pixel_offset="offset",
        # Plain strings would be read as expressions by pydeck: pass them as strings.
        character_set=pdk.types.String("auto"),
        font_family=pdk.types.String(CJK_FONT),
        font_weight=600,
        outline_width=3,
        outline_color=[255, 255, 255, 230],
        font_settings={"sdf": True},
        get_text_anchor="'middle'",
        get_alignment_baseline="'center'",
        pickable=False,
    )


def legend_items(sites: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(sector name, CSS colour) of every sector that has a site on the map, in fixed order."""
    present = set(sites.loc[sites["kind"] == "site", "sector"])
    return [
        (sector_name(sid, lang), hex_colour(sector_rgb(sid))) for sid in BY_ID if sid in present
    ]


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
