"""Map labels are placed inside the view without overlapping each other or the dots."""

import itertools
import math

import pytest

from pgdash.display.placement import (
    DOT_RADIUS,
    Box,
    Placer,
    label_size,
    place_labels,
    project,
    text_width,
    view_frame,
    wrap,
)


def record(name: str, lon: float, lat: float) -> dict:
    return {"name": name, "lon": lon, "lat": lat}


def label_box(r: dict, size: int, zoom: float) -> Box:
    x, y = project(r["lon"], r["lat"], zoom)
    cx, cy = x + r["offset"][0], y + r["offset"][1]
    width, height = label_size(r["name"], size)
    half_w, half_h = width / 2, height / 2
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


def test_a_label_at_the_edge_of_the_view_moves_inside_or_is_left_out() -> None:
    frame = view_frame(117.10, 40.14, 10, 400, 300)
    east_edge = 117.10 + 200 / (512 * 2**10) * 360  # the frame's east edge, in longitude
    edge = record("靠近边缘的点位", east_edge - 0.002, 40.14)
    (placed,) = place_labels([([edge], 12)], zoom=10, frame=frame)
    (only,) = placed
    assert label_box(only, 12, 10).within(frame)
    assert only["offset"][0] < 0  # pushed to the left of its dot, inside
    outside = record("视野之外", east_edge + 0.05, 40.14)
    assert place_labels([([outside], 12)], zoom=10, frame=frame) == [[]]


def test_a_line_is_named_on_the_line_where_there_is_room() -> None:
    line = {"name": "泃河", "path": [[117.0, 40.1], [117.2, 40.1]]}
    blocker = record("重点点位甲", 117.1, 40.1)
    placer = Placer(10, [(blocker["lon"], blocker["lat"])])
    placer.around_dots([blocker], 12)
    (named,) = placer.on_lines([line], 11)
    assert 117.0 <= named["lon"] <= 117.2 and named["lat"] == pytest.approx(40.1)
    assert (named["lon"], named["offset"]) != (117.1, [0, 0])  # not under the site's label


def test_area_labels_are_nudged_off_a_taken_spot() -> None:
    placer = Placer(10, [(117.0, 40.0)])
    (first,) = placer.at_points([record("顺义区", 117.0, 40.0)], 14)
    assert first["offset"] != [0, 0]  # the dot there is taken
    (second,) = placer.at_points([record("密云区", 117.3, 40.3)], 14)
    assert second["offset"] == [0, 0]


def test_latin_labels_are_measured_wider_than_half_a_cell_a_letter() -> None:
    # "Machangying 220 kV substation" draws about 200 px wide at 13 px (checked on screen)
    assert 195 <= text_width("Machangying 220 kV substation", 13) <= 225
    assert text_width("金海湖", 12) == pytest.approx(3 * 12 + 4)


def test_long_latin_labels_wrap_at_the_middle_space_and_are_measured_so() -> None:
    assert wrap("Machangying 220 kV substation") == "Machangying 220\nkV substation"
    assert wrap("Yukou Poultry") == "Yukou Poultry"
    assert wrap("镇罗营镇国家乡村振兴示范区") == "镇罗营镇国家乡村振兴示范区"  # Chinese stays whole
    one_w, one_h = label_size("Machangying 220 kV substation", 13)
    two_w, two_h = label_size(wrap("Machangying 220 kV substation"), 13)
    assert two_w < one_w * 0.6 and two_h > one_h * 1.8


def _lat_at(y: float, zoom: float) -> float:
    """The latitude of pixel row ``y`` at ``zoom`` (the inverse of :func:`project`)."""
    import math

    n = math.pi * (1 - 2 * y / (512 * 2**zoom))
    return math.degrees(math.atan(math.sinh(n)))


def test_a_label_moves_off_a_road_that_runs_over_its_dot() -> None:
    site = record("金海湖", 117.33, 40.17)
    (default,) = place_labels([([site], 12)], zoom=12)[0]
    _, y = project(117.33, 40.17, 12)
    # a road through the middle of the label's usual spot, above the dot
    lat = _lat_at(y + default["offset"][1], 12)
    placer = Placer(12, [(117.33, 40.17)], lines=[[[117.30, lat], [117.36, lat]]])
    assert placer.crossing(label_box(default, 12, 12)) > 0
    (moved,) = placer.around_dots([site], 12)
    assert moved["offset"] != default["offset"]
    assert placer.crossing(label_box(moved, 12, 12)) == 0


def test_an_area_name_steps_off_the_line_through_its_point() -> None:
    area = record("邻区名", 117.30, 40.20)
    border = [[117.30, 40.10], [117.30, 40.30]]  # a boundary through the label point
    placer = Placer(11, lines=[border])
    (placed,) = placer.at_points([area], 14)
    assert placer.crossing(label_box(placed, 14, 11)) == 0


def test_spread_parts_dots_drawn_on_top_of_each_other() -> None:
    from pgdash.display.placement import spread

    government, street, far = (117.118, 40.142), (117.123, 40.139), (117.30, 40.25)
    zoom = 9.9
    moved = spread([government, street, far], zoom, apart=16)
    (ax, ay), (bx, by) = (project(*p, zoom) for p in moved[:2])
    assert math.hypot(ax - bx, ay - by) >= 16 - 1e-3  # side by side now
    for before, after in zip((government, street), moved[:2], strict=True):
        x0, y0 = project(*before, zoom)
        x1, y1 = project(*after, zoom)
        assert math.hypot(x1 - x0, y1 - y0) <= 8 + 1e-3  # half the gap at most
    assert moved[2] == far  # a dot already clear stays where it is
    assert spread([government, government], zoom, apart=16)[0] != government


def _cage(lon: float, lat: float, zoom: float, half: float) -> list[list[list[float]]]:
    """Four lines boxing in a dot, ``half`` pixels from it on every side."""
    x, y = project(lon, lat, zoom)
    left, right = x - half, x + half
    top, bottom = _lat_at(y - half, zoom), _lat_at(y + half, zoom)
    lon_of = lambda px: px / (512 * 2**zoom) * 360 - 180  # noqa: E731
    north, south = _lat_at(y - half - 400, zoom), _lat_at(y + half + 400, zoom)
    return [
        [[lon_of(left - 400), top], [lon_of(right + 400), top]],
        [[lon_of(left - 400), bottom], [lon_of(right + 400), bottom]],
        [[lon_of(left), north], [lon_of(left), south]],
        [[lon_of(right), north], [lon_of(right), south]],
    ]


def test_a_label_never_sits_on_a_line_when_a_clear_spot_exists() -> None:
    """Lines all round the dot, close by: beside it every spot is crossed, so the label
    goes further out, clear, with a leader from its dot."""
    site = record("马坊中转站", 117.0, 40.1)
    placer = Placer(12, [(117.0, 40.1)], lines=_cage(117.0, 40.1, 12, 30))
    assert placer.around_dots([site], 14) == []  # no clear spot beside it, no callouts
    (placed,) = placer.around_dots([site], 14, callouts=True)
    assert placer.crossing(label_box(placed, 14, 12)) == 0
    (start, end) = placed["leader"]
    x, y = project(117.0, 40.1, 12)
    sx, sy = project(*start, 12)
    assert math.hypot(sx - x, sy - y) == pytest.approx(DOT_RADIUS, abs=0.5)  # from the dot
    assert label_box(placed, 14, 12).left - 1 <= project(*end, 12)[0]  # to the label


def test_a_label_that_must_stay_takes_the_least_crossed_spot() -> None:
    site = record("马坊中转站", 117.0, 40.1)
    # lines every 20 px out to beyond the furthest spot: no spot is clear anywhere
    cage = [line for half in range(30, 320, 20) for line in _cage(117.0, 40.1, 12, half)]
    placer = Placer(12, [(117.0, 40.1)], lines=cage)
    assert placer.around_dots([site], 14, callouts=True) == []  # a phone: left out
    (placed,) = placer.around_dots([site], 14, crossed=True, callouts=True)  # a desk: kept
    assert placer.crossing(label_box(placed, 14, 12)) > 0


def test_a_leader_runs_through_no_other_label() -> None:
    """Crowded dots between lines: labels placed, some further out with leaders, none
    overlapping another label, no leader through another's label, no two leaders crossing."""
    from shapely.geometry import LineString
    from shapely.geometry import box as shapely_box

    dots = [record(f"站点{i}", 117.0 + 0.007 * (i % 3), 40.1 + 0.005 * (i // 3)) for i in range(9)]
    lines = [[[116.9, 40.1015], [117.1, 40.1015]], [[117.006, 40.0], [117.006, 40.2]]]
    placer = Placer(12, [(r["lon"], r["lat"]) for r in dots], lines=lines)
    placed = placer.around_dots(dots, 14, crossed=True, callouts=True)
    assert len(placed) >= len(dots) - 1  # the middle of a 3 × 3 grid may be boxed in
    assert any("leader" in r for r in placed)
    boxes = [label_box(r, 14, 12) for r in placed]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    leaders = [(i, LineString([project(*p, 12) for p in r["leader"]]))
               for i, r in enumerate(placed) if "leader" in r]  # fmt: skip
    for i, leader in leaders:
        for j, box in enumerate(boxes):
            if j != i:
                assert not leader.intersects(shapely_box(box.left, box.top, box.right, box.bottom))
    for (_, a), (_, b) in itertools.combinations(leaders, 2):
        assert not a.intersects(b)


def test_a_line_name_is_not_crossed_by_another_line() -> None:
    road = {"name": "平三路", "path": [[117.0, 40.0], [117.0, 40.2]]}
    rail = [[116.9, 40.1], [117.1, 40.1]]  # crosses the road at its middle
    placer = Placer(11, lines=[road["path"], rail])
    (placed,) = placer.on_lines([road], 14)
    x, y = project(placed["lon"], placed["lat"], 11)
    w, h = label_size("平三路", 14)
    box = Box(
        x - w / 2, y + placed["offset"][1] - h / 2, x + w / 2, y + placed["offset"][1] + h / 2
    )
    from shapely.geometry import LineString

    own = LineString([project(*p, 11) for p in road["path"]])
    assert placer.crossing(box, own) <= 1.5  # not on the rail line


def test_a_label_left_out_takes_a_spot_another_label_can_give_up() -> None:
    """Greedy placement gives the first label its cheapest spot; the second's only spot
    overlaps it, so the first moves to its other clear spot and both are named."""
    from pgdash.display.placement import Spot, solve

    first_best = Spot(Box(0, 0, 40, 20), (0, -20), None, 0)
    first_other = Spot(Box(200, 0, 240, 20), (200, -20), None, 8)
    second_only = Spot(Box(20, 10, 60, 30), (20, 10), None, 0)
    chosen = solve([[first_best, first_other], [second_only]], crossed=False)
    assert chosen == {0: first_other, 1: second_only}
    # a crossed spot is no way out on a phone's map; on a desk's it is the last resort
    crossed_only = Spot(Box(20, 10, 60, 30), (20, 10), None, 1000, clear=False)
    assert solve([[first_best], [crossed_only]], crossed=False) == {0: first_best}
    assert 1 not in solve([[first_best], [crossed_only]], crossed=True)  # they overlap


def test_a_latin_name_takes_two_lines_where_one_line_would_cross_a_line() -> None:
    """Roads 60 px either side of the dot: the name on one line crosses one of them at
    every spot, in two lines it fits between them."""
    zoom, lon, lat = 12, 117.0, 40.1
    x, _ = project(lon, lat, zoom)
    lon_of = lambda px: px / (512 * 2**zoom) * 360 - 180  # noqa: E731
    roads = [[[lon_of(x + dx), 40.0], [lon_of(x + dx), 40.2]] for dx in (-60, 60)]
    one, two = "Jingping Logistics Hub", wrap("Jingping Logistics Hub", 0)
    assert "\n" in two
    site = {**record(one, lon, lat), "shapes": [one, two]}
    placer = Placer(zoom, [(lon, lat)], lines=roads)
    (placed,) = placer.around_dots([site], 14)
    assert placed["name"] == two and "shapes" not in placed
    assert placer.crossing(label_box(placed, 14, zoom)) <= 1.5


def test_a_long_latin_line_name_takes_two_lines_where_one_line_would_cross_a_line() -> None:
    """Two roads either side of an expressway, nearer than half its name on one line and
    further than half of it in two: the name is drawn in two lines, on its own line."""
    zoom, size = 11, 14
    x, _ = project(117.0, 40.1, zoom)
    lon_of = lambda px: px / (512 * 2**zoom) * 360 - 180  # noqa: E731
    one, two = "Jingping Expwy", wrap("Jingping Expwy", 0)
    apart = (label_size(one, size)[0] + label_size(two, size)[0]) / 4  # between the halves
    expressway = {"name": one, "path": [[117.0, 39.9], [117.0, 40.3]]}
    roads = [[[lon_of(x + dx), 39.9], [lon_of(x + dx), 40.3]] for dx in (-apart, apart)]
    placer = Placer(zoom, lines=[expressway["path"], *roads])
    (placed,) = placer.on_lines([expressway], size)
    assert placed["name"] == two
    from shapely.geometry import LineString

    own = LineString([project(*p, zoom) for p in expressway["path"]])
    assert placer.crossing(label_box(placed, size, zoom), own) <= 1.5


def test_a_line_name_steps_beside_a_steep_line_when_on_it_a_line_would_cross() -> None:
    """A road runs close beside a north-south river on its west: the river's name, which
    on the river would cross the road at every spot, is set just east of the river."""
    zoom, size = 11, 14
    x, _ = project(117.0, 40.1, zoom)
    lon_of = lambda px: px / (512 * 2**zoom) * 360 - 180  # noqa: E731
    river = {"name": "泃河", "path": [[117.0, 39.9], [117.0, 40.3]]}
    road = [[lon_of(x - 10), 39.9], [lon_of(x - 10), 40.3]]
    placer = Placer(zoom, lines=[river["path"], road])
    (placed,) = placer.on_lines([river], size)
    assert placed["offset"][0] > 0  # east of the river
    box = label_box(placed, size, zoom)
    assert box.left > x and placer.crossing(box) <= 1.5
