"""The wall screen's map: the district drawn as SVG from the built geometry, no tiles.

One base drawing (the boundary, the lake, the town seats' rings and every key site as a
muted dot) and, per sector, a small overlay of the same size that draws that sector's sites
large, in the sector's colour, with their names, then the towns' names where they leave
room (so a site's name never lands on a town's). The wall stacks the overlays over the base
and shows the one of the sector in view, so a rotation swaps a few kilobytes, not the map. Each
drawing is an ``<img>`` (the app's HTML sanitiser keeps images, not inline SVG); document
names in it are escaped like any other text.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from shapely.geometry import shape

from pgdash.display.formatting import sector_colour
from pgdash.display.maps import LAKE, boundary_rings, short_name, town_label
from pgdash.display.safe import escape_text

WIDTH, HEIGHT = 1000, 920  # the drawing's own units: about the shape of its box on the wall
MARGIN = 0.05  # share of each side left around the district
TOLERANCE = 0.001  # degrees (about 100 m): a wall does not need finer outlines
LABEL = 30  # label size in drawing units: 19 px on the 640 px wide map at 1920 × 1080
TOWN_LABEL = 27
TownLabel = tuple[float, float, str]  # x, y (baseline centre) and the name
INK, MUTED, LAND, EDGE, WATER = "#e8eef7", "#8ea0b8", "#16263d", "#6f9fd8", "#1f4d7a"


@dataclass(frozen=True)
class Frame:
    """Where the district sits in the drawing: degrees to drawing units."""

    west: float
    north: float
    scale: float  # drawing units per degree of longitude
    aspect: float  # cos(latitude): a degree of latitude is this many of longitude, inverted
    dx: float
    dy: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """A point in drawing units."""
        x = (lon - self.west) * self.scale + self.dx
        y = (self.north - lat) * self.scale / self.aspect + self.dy
        return round(x, 1), round(y, 1)


def frame(rings: list[list[tuple[float, float]]]) -> Frame | None:
    """The frame that fits every ring into the drawing with a margin (None without rings)."""
    points = [p for ring in rings for p in ring]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    aspect = math.cos(math.radians((north + south) / 2))
    span_x, span_y = max(east - west, 1e-6), max(north - south, 1e-6) / aspect
    usable = 1 - 2 * MARGIN
    scale = min(WIDTH * usable / span_x, HEIGHT * usable / span_y)
    dx = (WIDTH - span_x * scale) / 2
    dy = (HEIGHT - span_y * scale) / 2
    return Frame(west, north, scale, aspect, dx, dy)


def _path(rings: list[list[tuple[float, float]]], f: Frame) -> str:
    parts = []
    for ring in rings:
        points = [f.xy(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


def _simplified(boundary: dict) -> list[list[tuple[float, float]]]:
    """The boundary's rings, simplified for the wall."""
    features = []
    for feature in boundary.get("features") or []:
        if feature.get("geometry"):
            outline = shape(feature["geometry"]).simplify(TOLERANCE, preserve_topology=True)
            features.append({"geometry": outline.__geo_interface__})
    return boundary_rings({"features": features})


def _lake(context: dict | None) -> list[list[tuple[float, float]]]:
    features = [
        f for f in (context or {}).get("features", []) if f["properties"].get("kind") == LAKE
    ]
    return _simplified({"features": features}) if features else []


def _svg(body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" font-family="Noto Sans CJK SC, Noto Sans SC, '
        f'PingFang SC, Microsoft YaHei, sans-serif">{body}</svg>'
    )


def _text(x: float, y: float, text: str, size: int, colour: str, anchor: str = "start") -> str:
    """A label with a dark halo, readable over land and dots."""
    words = escape_text(text.replace("\n", " "))
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" fill="{colour}" text-anchor="{anchor}" '
        f'stroke="#0b1524" stroke-width="6" paint-order="stroke" stroke-linejoin="round">'
        f"{words}</text>"
    )


def site_name(site: pd.Series | object, lang: str) -> str:
    """A site's short name in ``lang`` (its curated English label, else its name)."""
    if lang == "en":
        label = getattr(site, "label_en", "") or getattr(site, "name_en", "") or site.name  # type: ignore[attr-defined]
        return short_name(str(label))
    return short_name(str(site.name))  # type: ignore[attr-defined]


def base_svg(
    boundary: dict,
    context: dict | None,
    sites: pd.DataFrame,
    lang: str,
    towns: Sequence[TownLabel] | None = None,
) -> str:
    """The district, its lake, the town seats (ring and name: ``towns``, else every name
    that fits) and every key site (muted)."""
    rings = _simplified(boundary)
    f = frame(rings)
    if f is None:
        return ""
    body = [f'<path d="{_path(rings, f)}" fill="{LAND}" stroke="{EDGE}" stroke-width="4" '
            'fill-rule="evenodd"/>']  # fmt: skip
    lake = _lake(context)
    if lake:
        body.append(f'<path d="{_path(lake, f)}" fill="{WATER}" stroke="none"/>')
    for site in sites[sites["kind"] != "town"].itertuples():
        x, y = f.xy(float(site.lon), float(site.lat))
        body.append(
            f'<circle cx="{x}" cy="{y}" r="7" fill="{sector_colour(site.sector)}" '
            'fill-opacity=".55" stroke="none"/>'
        )
    for site in sites[sites["kind"] == "town"].itertuples():
        x, y = f.xy(float(site.lon), float(site.lat))
        body.append(
            f'<circle cx="{x}" cy="{y}" r="6" fill="none" stroke="{MUTED}" stroke-width="3"/>'
        )
    names = town_labels(sites, f, lang)[0] if towns is None else towns
    body += [_town_text(label) for label in names]
    return _svg("".join(body))


def drawings(
    boundary: dict, context: dict | None, sites: pd.DataFrame, sectors: Sequence[str], lang: str
) -> tuple[str, list[str]]:
    """The base drawing and an overlay per sector of ``sectors``, the size of the base:
    the sector's sites large and named, then the town seats' names where room is left (a
    site's name comes first: it never sits on a town's). A town's name that every overlay
    places at the same spot is drawn once, in the base. ("", []) without a boundary."""
    f = frame(_simplified(boundary))
    if f is None:
        return "", []
    layouts = [_sector_layout(f, sites, sector, lang) for sector in sectors]
    common = set.intersection(*(set(towns) for _, towns in layouts)) if layouts else None
    base = base_svg(boundary, context, sites, lang, None if common is None else sorted(common))
    overlays = [
        _svg("".join(marks) + "".join(_town_text(t) for t in towns if t not in (common or ())))
        for marks, towns in layouts
    ]
    return base, overlays


def _town_text(label: TownLabel) -> str:
    x, y, name = label
    return _text(x, y, name, TOWN_LABEL, MUTED, "middle")


Box = tuple[float, float, float, float]  # left, top, right, bottom


def town_labels(
    sites: pd.DataFrame, f: Frame, lang: str, taken: list[Box] | None = None
) -> tuple[list[TownLabel], list[Box]]:
    """The town seats' names where they fit (x, y, name), clear of each other, of every
    site's dot (the muted ones of other sectors too), of the other seats' rings and of the
    boxes already ``taken`` (which they join), and the boxes taken; a seat whose name finds
    no free spot keeps its ring only."""
    taken = [] if taken is None else taken
    points = {site.Index: f.xy(float(site.lon), float(site.lat)) for site in sites.itertuples()}
    towns = sites[sites["kind"] == "town"]
    dots = [_dot_box(*xy, 8) for i, xy in points.items() if i not in towns.index]
    labels = []
    for site in towns.itertuples():
        x, y = points[site.Index]
        rings = [_dot_box(*points[i], 6) for i in towns.index if i != site.Index]
        name = town_label(site_name(site, lang))
        around = [*taken, *dots, *rings]
        spot = place(x, y, name, TOWN_LABEL, around)
        if spot is not None:
            taken.append(around[-1])  # the name's box, which place() added
            labels.append((*spot, name))
    return labels, taken


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn: a CJK character is square, Latin ones narrower."""
    return sum(size if ord(ch) > 0x2E80 else 0.56 * size for ch in text)


def place(
    x: float,
    y: float,
    text: str,
    size: float,
    taken: list[Box],
    gap: float = 10,
    sideways_first: bool = False,
) -> tuple[float, float] | None:
    """Where a centred label of a dot at (x, y) goes: above, below, right or left of it
    (right and left first when ``sideways_first``), else above or below and running to
    one side (a dot by the drawing's edge or between two others), then the same twice as
    far out; the first spot clear of ``taken`` (which it joins) and of the drawing's edge;
    else None."""
    width = text_width(text, size)
    for cx, baseline in _spots(x, y, width, size, gap, sideways_first) + _spots(
        x, y, width, size, gap * 2, sideways_first
    ):  # a dot in a cluster: its name a little further out
        box = (cx - width / 2, baseline - size, cx + width / 2, baseline + size * 0.2)
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= HEIGHT
        if inside and all(not _overlap(box, other) for other in taken):
            taken.append(box)
            return round(cx, 1), round(baseline, 1)
    return None


def _spots(
    x: float, y: float, width: float, size: float, gap: float, sideways_first: bool
) -> list[tuple[float, float]]:
    """A label's centre and baseline around a dot, in the order they are tried."""
    above, below, hang = y - gap, y + gap + size, width / 2 - size * 0.3
    spots = [(x, above), (x, below), (x + gap + width / 2, y + size * 0.35)]
    spots.append((x - gap - width / 2, y + size * 0.35))
    if sideways_first:
        spots = spots[2:] + spots[:2]
    return [*spots, (x + hang, below), (x - hang, below), (x + hang, above), (x - hang, above)]


def _dot_box(x: float, y: float, r: float) -> Box:
    return (x - r, y - r, x + r, y + r)


def _overlap(a: Box, b: Box) -> bool:
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def _sector_layout(
    f: Frame, sites: pd.DataFrame, sector: str, lang: str
) -> tuple[list[str], list[TownLabel]]:
    """A sector's overlay: its sites' dots and names (SVG), then the towns' names placed
    around them."""
    mine = sites[(sites["sector"] == sector) & (sites["kind"] != "town")]
    colour = sector_colour(sector)
    points = [f.xy(float(x.lon), float(x.lat)) for x in mine.itertuples()]
    others = sites[(sites["sector"] != sector) & (sites["kind"] != "town")]
    muted = [_dot_box(*f.xy(float(x.lon), float(x.lat)), 8) for x in others.itertuples()]
    taken = [_dot_box(x, y, 15) for x, y in points]
    dots, labels = [], []
    for site, (x, y) in zip(mine.itertuples(), points, strict=True):
        dots.append(
            f'<circle cx="{x}" cy="{y}" r="15" fill="{colour}" stroke="#ffffff" stroke-width="4"/>'
        )
        name = site_name(site, lang)
        # clear of the other sectors' muted dots if it can be, else over one: named
        for around in ([*taken, *muted], [*taken]):
            spot = place(x, y, name, LABEL, around, gap=22, sideways_first=True)
            if spot is not None:
                taken.append(around[-1])  # the name's box, which place() added
                labels.append(_text(*spot, name, LABEL, INK, "middle"))
                break  # a name crowded out even so is left to the sector panel's list
    return dots + labels, town_labels(sites, f, lang, taken)[0]
