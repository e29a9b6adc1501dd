"""Map labels are placed without overlapping each other or the dots."""

import itertools

import pytest

from pgdash.cjk import display_width
from pgdash.display.placement import DOT_RADIUS, Box, place_labels, project


def record(name: str, lon: float, lat: float) -> dict:
    return {"name": name, "lon": lon, "lat": lat}


def label_box(r: dict, size: int, zoom: float) -> Box:
    x, y = project(r["lon"], r["lat"], zoom)
    cx, cy = x + r["offset"][0], y + r["offset"][1]
    half_w = (display_width(r["name"]) * size + 4) / 2
    half_h = size * 1.3 / 2
    return Box(cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def test_a_lone_label_sits_above_its_dot() -> None:
    (placed,) = place_labels([([record("金海湖", 117.33, 40.17)], 12)], zoom=10)
    (only,) = placed
    assert only["offset"][0] == 0 and only["offset"][1] < -DOT_RADIUS


def test_crowded_labels_never_overlap_and_earlier_ones_win() -> None:
    crowd = [record(f"站点{i}", 117.10 + i * 0.002, 40.14) for i in range(12)]
    (placed,) = place_labels([(crowd, 12)], zoom=10)
    assert placed[0]["name"] == "站点0"
    assert 1 < len(placed) < len(crowd)  # some fit, the rest are left out
    for a, b in itertools.combinations(placed, 2):
        assert not label_box(a, 12, 10).overlaps(label_box(b, 12, 10))


def test_labels_avoid_other_dots() -> None:
    a, b = record("甲地", 117.10, 40.14), record("乙地", 117.10, 40.1425)
    placed_a, placed_b = place_labels([([a, b], 12)], zoom=12)[0]
    for r in (placed_a, placed_b):
        box = label_box(r, 12, 12)
        for dot in (a, b):
            x, y = project(dot["lon"], dot["lat"], 12)
            assert not box.overlaps(
                Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS)
            )


def test_first_group_has_priority_over_the_second() -> None:
    site, town = record("重点点位", 117.10, 40.14), record("某某镇", 117.10, 40.14)
    sites, towns = place_labels([([site], 12), ([town], 11)], zoom=10)
    assert sites[0]["offset"][1] < 0  # the site keeps the best spot, above
    assert not towns or towns[0]["offset"] != sites[0]["offset"]


@pytest.mark.parametrize("zoom", [9, 12])
def test_projection_grows_with_zoom(zoom: float) -> None:
    x1, y1 = project(117.0, 40.0, zoom)
    x2, y2 = project(117.1, 40.0, zoom)
    assert x2 - x1 == pytest.approx(512 * 2**zoom * 0.1 / 360)
    assert y1 == y2


def test_keep_all_places_every_label_even_without_room() -> None:
    crowd = [record(str(i), 117.10, 40.14) for i in range(40)]  # all on one spot
    (placed,) = place_labels([(crowd, 12)], zoom=10, keep_all=True)
    assert [r["name"] for r in placed] == [r["name"] for r in crowd]
    (dropped,) = place_labels([(crowd, 12)], zoom=10)
    assert len(dropped) < len(crowd)
