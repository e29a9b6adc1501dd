"""The district map: offline by default, framed on the district among its neighbours,
context drawn muted, routes dashed and named, labels inside the view, text-only tooltips."""

import json
import math

import pandas as pd
import pytest
import synthetic

from pgdash.display import map_legend, maps
from pgdash.display.i18n import t
from pgdash.display.placement import Box, label_size, project, view_frame

CONTEXT_LAYERS = {maps.NEIGHBOURS, maps.LAKE, maps.RIVERS, maps.ROADS, maps.RAIL}
LABEL_LAYERS = {
    maps.LABELS, maps.TOWN_LABELS, maps.ROUTE_LABELS, maps.CONTEXT_LABELS, maps.NEIGHBOUR_LABELS
}  # fmt: skip


def _deck_json(lang: str = "zh", **kwargs) -> dict:
    kwargs.setdefault("context", synthetic.CONTEXT)
    deck = maps.build_deck(synthetic.sites_frame(), synthetic.BOUNDARY, lang, **kwargs)
    return json.loads(deck.to_json())


def _layer(spec: dict, layer_id: str) -> dict | None:
    return next((layer for layer in spec["layers"] if layer["id"] == layer_id), None)


def test_no_basemap_means_no_tile_request():
    spec = _deck_json()
    # pydeck's placeholder tells Streamlit to draw no basemap; no provider, no style URL.
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert "mapProvider" not in spec or spec["mapProvider"] is None
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)


def test_basemap_switch_asks_carto():
    spec = _deck_json(basemap=True)
    assert spec["mapProvider"] == "carto"


def test_layers_have_stable_ids_and_expected_data():
    spec = _deck_json()
    ids = [layer["id"] for layer in spec["layers"]]
    assert len(ids) == len(set(ids))
    sites = synthetic.sites_frame()
    assert len(_layer(spec, maps.SITES)["data"]) == int((sites["kind"] == "site").sum())
    assert len(_layer(spec, maps.TOWNS)["data"]) == int((sites["kind"] == "town").sum())
    route = sites[sites["kind"] == "route"].iloc[0]
    routes = _layer(spec, maps.ROUTES)
    (drawn_route,) = routes["data"]  # one row per route, its whole path, dashed by deck.gl
    assert drawn_route["site_id"] == route["site_id"]  # a dash picks its route
    assert drawn_route["path"] == [list(p) for p in route["path"]]
    assert routes["extensions"] == [{"@@type": "PathStyleExtension", "dash": True}]
    assert routes["getDashArray"] == maps.ROUTE_DASHES
    drawn = _layer(spec, maps.BOUNDARY)["data"]["features"]  # a plain outline keeps its points
    assert [f["geometry"] for f in drawn] == [f["geometry"] for f in synthetic.BOUNDARY["features"]]
    assert len(_layer(spec, maps.RIVERS)["data"]) == 1
    assert len(_layer(spec, maps.ROADS)["data"]) == 2
    assert len(_layer(spec, maps.RAIL)["data"]) == 1
    assert len(_layer(spec, maps.NEIGHBOURS)["data"]["features"]) == 1


def test_context_lies_under_the_district_and_its_sites():
    ids = [layer["id"] for layer in _deck_json()["layers"]]
    assert ids.index(maps.NEIGHBOURS) < ids.index(maps.BOUNDARY) < ids.index(maps.RIVERS)
    assert max(ids.index(i) for i in CONTEXT_LAYERS) < ids.index(maps.ROUTES)
    assert ids.index(maps.ROUTES) < ids.index(maps.TOWNS) < ids.index(maps.SITES)


def test_context_is_muted_and_routes_are_not_alarm_red():
    sector_colours = {tuple(maps.sector_rgb(s)) for s in maps.BY_ID}
    muted = [maps.RIVER_COLOUR, maps.RAIL_COLOUR, *maps.ROAD_COLOURS.values()]
    for rgb in [*muted, maps.NEIGHBOUR_FILL[:3]]:
        assert tuple(rgb[:3]) not in sector_colours
        assert max(rgb[:3]) - min(rgb[:3]) < 130  # greyish, not a loud colour
    r, g, b = maps.ROUTE_COLOUR
    assert not (r > 150 and g < 80 and b < 80)  # red means a judged status elsewhere


def test_every_route_and_context_line_carries_its_name():
    spec = _deck_json()
    assert [r["name"] for r in _layer(spec, maps.ROUTE_LABELS)["data"]] == ["22号线"]
    names = {r["name"] for r in _layer(spec, maps.CONTEXT_LABELS)["data"]}
    assert names == {"泃河", "京平高速", "平蓟路", "地方铁路"}
    assert [r["name"] for r in _layer(spec, maps.NEIGHBOUR_LABELS)["data"]] == ["邻区"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), [(1000, 700), (350, 460)])
def test_labels_stay_inside_the_view_and_apart(lang, width, height):
    spec = _deck_json(lang, width=width, height=height)
    view = spec["initialViewState"]
    zoom = view["zoom"]
    frame = view_frame(view["longitude"], view["latitude"], zoom, width, height)
    boxes = []
    for layer_id in LABEL_LAYERS:
        for r in (_layer(spec, layer_id) or {"data": []})["data"]:
            x, y = project(r["lon"], r["lat"], zoom)
            w, h = label_size(
                r["name"], layer["getSize"] if (layer := _layer(spec, layer_id)) else 12
            )
            cx, cy = x + r["offset"][0], y + r["offset"][1]
            boxes.append(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    assert boxes
    for i, box in enumerate(boxes):
        assert box.within(frame)
        assert not any(box.overlaps(other) for other in boxes[i + 1 :])


def test_a_sector_filter_zooms_to_the_sectors_sites():
    sites = synthetic.sites_frame()
    logistics = sites[sites["sector"].isin(["logistics"]) | (sites["kind"] == "town")]
    whole = maps.frame_view(sites, synthetic.BOUNDARY, 1000, 700)
    focus = maps.frame_view(logistics, synthetic.BOUNDARY, 1000, 700, focus=True)
    assert whole.zoom < focus.zoom <= whole.zoom + maps.FOCUS_ZOOM  # closer, not street level
    hub = logistics[logistics["kind"] == "site"].iloc[0]
    frame = view_frame(focus.longitude, focus.latitude, focus.zoom, 1000, 700)
    x, y = project(hub.lon, hub.lat, focus.zoom)
    assert frame.left <= x <= frame.right and frame.top <= y <= frame.bottom
    # a site far outside: zoomed out until it fits
    far = logistics[logistics["kind"] == "site"].iloc[[0]].assign(lon=118.2, lat=40.9)
    wide = maps.frame_view(pd.concat([logistics, far]), synthetic.BOUNDARY, 1000, 700, True)
    frame = view_frame(wide.longitude, wide.latitude, wide.zoom, 1000, 700)
    for lon, lat in [(118.2, 40.9), (hub.lon, hub.lat)]:
        x, y = project(lon, lat, wide.zoom)
        assert frame.left <= x <= frame.right and frame.top <= y <= frame.bottom
    deck = maps.build_deck(
        logistics, synthetic.BOUNDARY, "zh", context=synthetic.CONTEXT, focus=True
    )
    ids = {layer["id"] for layer in json.loads(deck.to_json())["layers"]}
    assert ids >= CONTEXT_LAYERS and maps.TOWNS in ids


def test_a_sectors_map_names_each_of_its_sites_on_a_phone_too(built):
    from pgdash.app.pages.map import PHONE

    for sector in ("logistics", "agritech"):
        spec = _real_deck(built, "en", PHONE, sector)
        sites = {r["site_id"] for r in _layer(spec, maps.SITES)["data"]}
        assert sites and {r["site_id"] for r in _layer(spec, maps.LABELS)["data"]} == sites


def test_short_names_drop_a_trailing_bracket():
    assert maps.short_name("轨道交通22号线（平谷段）") == "轨道交通22号线"
    assert maps.short_name("Metro Line 22 (Pinggu section)") == "Metro Line 22"
    assert maps.short_name("金海湖") == "金海湖"


def test_chinese_labels_use_auto_character_set_and_a_cjk_font():
    label = _layer(_deck_json(), maps.LABELS)
    assert label["@@type"] == "TextLayer"
    assert label["characterSet"] == "auto"  # not "@@=auto", which deck.gl would evaluate
    assert "Noto Sans CJK SC" in label["fontFamily"] and not label["fontFamily"].startswith("@@=")


@pytest.mark.parametrize(
    ("layers", "absent"),
    [
        (maps.Layers(sites=False), {maps.SITES, maps.LABELS}),
        (maps.Layers(towns=False), {maps.TOWNS, maps.TOWN_LABELS}),
        (maps.Layers(boundary=False), {maps.BOUNDARY}),
        (maps.Layers(labels=False), LABEL_LAYERS),
        (maps.Layers(routes=False), {maps.ROUTES, maps.ROUTE_LABELS}),
        (maps.Layers(context=False), CONTEXT_LAYERS | {maps.CONTEXT_LABELS, maps.NEIGHBOUR_LABELS}),
    ],
)
def test_layer_toggles(layers, absent):
    ids = {layer["id"] for layer in _deck_json(layers=layers)["layers"]}
    assert not ids & absent
    assert ids == {layer["id"] for layer in _deck_json()["layers"]} - absent


def test_tooltips_are_plain_text_so_document_strings_cannot_act():
    sites = synthetic.sites_frame()
    sites.loc[0, "name"] = "<img src=x onerror=alert(1)>[x](javascript:alert(1))"
    spec = json.loads(maps.build_deck(sites, synthetic.BOUNDARY, "zh").to_json())
    assert "html" not in maps.tooltip() and "{name}" in maps.tooltip()["text"]
    record = _layer(spec, maps.SITES)["data"][0]
    assert record["name"] == sites.loc[0, "name"]  # shown as text, unchanged


def _pixel(lon, lat, view, width, height):
    scale = 512 * 2**view.zoom
    x = (lon - view.longitude) / 360 * scale
    merc = lambda d: math.log(math.tan(math.pi / 4 + math.radians(d) / 2))  # noqa: E731
    y = (merc(view.latitude) - merc(lat)) / (2 * math.pi) * scale
    return x + width / 2, y + height / 2


@pytest.mark.parametrize(("width", "height"), [(900, 560), (560, 380), (1000, 700)])
def test_view_frames_the_district(width, height):
    points = maps.boundary_points(synthetic.BOUNDARY)
    view = maps.fit_view(points, width, height)
    for lon, lat in points:
        x, y = _pixel(lon, lat, view, width, height)
        assert 0 <= x <= width and 0 <= y <= height
    # and it is not zoomed out needlessly: the district fills most of one dimension
    xs, ys = zip(*(_pixel(lon, lat, view, width, height) for lon, lat in points), strict=True)
    assert (max(xs) - min(xs)) / width > 0.8 or (max(ys) - min(ys)) / height > 0.8


def test_nothing_to_draw_gives_no_deck():
    empty = synthetic.sites_frame().iloc[0:0]
    assert maps.build_deck(empty, {"type": "FeatureCollection", "features": []}, "zh") is None


def test_legend_explains_every_mark_the_map_draws():
    entries = map_legend.legend_entries(synthetic.sites_frame(), synthetic.CONTEXT, "zh")
    labels = [label for _, _, label in entries]
    assert labels[:3] == ["农业科技", "现代物流", "休闲文旅"]  # sectors with sites, fixed order
    assert labels[3:] == [
        "乡镇街道驻地", "区界", "相邻区县", "河流", "湖泊水库", "高速公路", "主要道路", "铁路",
        "在建线路（虚线）",
    ]  # fmt: skip
    html = map_legend.legend_html(synthetic.sites_frame(), synthetic.CONTEXT, "en")
    assert "Schematic map, not a survey" in html and "GeoNames" in html and "dashed" in html
    bare = [label for _, _, label in map_legend.legend_entries(synthetic.sites_frame(), None, "zh")]
    assert "河流" not in bare and "相邻区县" not in bare


def test_approximate_towns_are_told_apart():
    sites = synthetic.sites_frame()
    sites.loc[sites["kind"] == "town", "location_source"] = "approximate, not in GeoNames; ~3 km"
    record = maps.site_records(sites[sites["kind"] == "town"], "zh")[0]
    assert record["color"] == maps.TOWN_APPROX_COLOUR and "约略" in record["where"]
    labels = [label for _, _, label in map_legend.legend_entries(sites, None, "zh")]
    assert "乡镇驻地（位置约略）" in labels


class _Event:
    def __init__(self, objects):
        self.selection = type("S", (), {"objects": objects})()


def test_selected_site_id_reads_the_selection_event():
    assert maps.selected_site_id(_Event({maps.SITES: [{"site_id": "s-lake"}]})) == "s-lake"
    assert maps.selected_site_id(_Event({})) is None
    assert maps.selected_site_id(object()) is None


def test_english_town_labels_drop_what_the_legend_says():
    assert maps.town_label("Machangying Town") == "Machangying"
    assert maps.town_label("Pinggu Town (Yuyang area)") == "Pinggu"
    assert maps.town_label("Xiong'erzhai Township") == "Xiong'erzhai"
    assert maps.town_label("马昌营镇") == "马昌营镇"


def test_the_slide_map_draws_the_context_a_sector_legend_and_its_sources():
    from pgdash.briefing.charts import district_map

    sites = synthetic.sites_frame()
    points = sites[sites["kind"] == "site"].assign(
        number=lambda f: [str(i + 1) for i in range(len(f))],
        colour=lambda f: ["#{:02x}{:02x}{:02x}".format(*maps.sector_rgb(s)) for s in f["sector"]],
    )
    for lang in ("zh", "en"):
        spec = district_map(
            synthetic.BOUNDARY, points, context=synthetic.CONTEXT, lang=lang
        ).to_dict()
        text = json.dumps(spec, ensure_ascii=False)
        layers = spec["layer"]
        kinds = [
            {f.get("properties", {}).get("kind") for f in layer["data"]["values"]}
            for layer in layers
            if layer.get("mark", {}).get("type") == "geoshape" and "values" in layer.get("data", {})
        ]
        assert {"neighbour"} in kinds and {"river"} in kinds  # muted context under the dots
        legend = next(
            layer["encoding"]["color"]
            for layer in layers
            if layer.get("mark", {}).get("type") == "circle"
        )
        assert legend["scale"]["domain"] and legend["legend"] is not None  # sector legend
        source = spec["title"]["text"]  # in lines that fit the image's width
        source = "".join(source).replace(" ", "")
        for part in ("map_credits", "schematic_caption"):
            assert t(part, lang).replace(" ", "") in source
        names = [
            p["label_en" if lang == "en" else "label"]
            for p in (
                f["properties"]
                for f in synthetic.CONTEXT["features"]
                if f["properties"]["kind"] == "neighbour"
            )
        ]
        assert all(name in text for name in names)


def test_a_map_without_labels_can_still_name_its_neighbours():
    layers = maps.Layers(towns=False, routes=False, labels=False)
    deck = maps.build_deck(
        synthetic.sites_frame(), synthetic.BOUNDARY, "en", layers, context=synthetic.CONTEXT
    )
    assert maps.NEIGHBOUR_LABELS not in {layer.id for layer in deck.layers}
    names = maps.neighbour_label_layer(deck, synthetic.CONTEXT, "en", 900, 560)
    assert [r["name"] for r in names.data] == [
        f["properties"]["label_en"]
        for f in synthetic.CONTEXT["features"]
        if f["properties"]["kind"] == "neighbour"
    ]


def test_outlines_are_simplified_and_rounded_for_the_screen() -> None:
    wiggly = [[116.0 + i / 1000, 40.0 + (i % 2) * 1e-5 + 1e-9] for i in range(200)]
    ring = [*wiggly, [116.2, 40.2], [116.0, 40.2], wiggly[0]]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"source": "x" * 300}, "geometry": {
                "type": "Polygon", "coordinates": [ring]}},
            {"type": "Feature", "properties": {}, "geometry": None},
        ],
    }  # fmt: skip
    screen = maps.for_screen(collection)
    (feature,) = screen["features"]  # the feature without geometry is left out
    (outline,) = feature["geometry"]["coordinates"]
    assert len(outline) < 10  # 1 m zigzags along a straight edge are gone
    assert feature["properties"] == {}
    assert all(round(v, maps.SCREEN_DIGITS) == v for point in outline for v in point)
    assert outline[0] == outline[-1] == [116.0, 40.0]
    assert maps.for_screen(None) is None


def _real_deck(built, lang: str, size: tuple[int, int], sector: str = "all") -> dict:
    from pgdash.app import decks

    data = built.for_sector(sector)
    height, width = size
    deck = maps.build_deck(
        decks.map_sites(data, built), built.boundary, lang, height=height, width=width,
        context=built.context, focus=sector != "all",
    )  # fmt: skip
    return json.loads(deck.to_json())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_metro_line_is_named_on_a_desk_by_its_short_name(built, lang):
    """轨道交通22号线 / Metro Line 22 found no clear spot among the roads around 马坊 and
    went unnamed; named as the legend leaves it (22号线 / Line 22), it fits. In Chinese
    every route is named."""
    from pgdash.app.pages.map import DESKTOP

    desk = _real_deck(built, lang, DESKTOP)
    routes = {r["site_id"] for r in _layer(desk, maps.ROUTES)["data"]}
    named = {r["site_id"] for r in _layer(desk, maps.ROUTE_LABELS)["data"]}
    assert "metro-line-22" in named
    if lang == "zh":
        assert named == routes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_site_keeps_a_label_on_a_desk_and_the_most_important_on_a_phone(built, lang):
    from pgdash.app.pages.map import DESKTOP, PHONE

    desk = _real_deck(built, lang, DESKTOP)
    sites = _layer(desk, maps.SITES)["data"]
    named = {r["site_id"] for r in _layer(desk, maps.LABELS)["data"]}
    assert named == {r["site_id"] for r in sites}
    # no two labels touch: two names side by side would read as one
    zoom, boxes = desk["initialViewState"]["zoom"], []
    for layer_id in LABEL_LAYERS:
        layer = _layer(desk, layer_id)
        for r in layer["data"] if layer else []:
            x, y = project(r["lon"], r["lat"], zoom)
            w, h = label_size(r["name"], layer["getSize"])
            cx, cy = x + r["offset"][0], y + r["offset"][1]
            boxes.append(Box(cx - w / 2 - 1, cy - h / 2 - 1, cx + w / 2 + 1, cy + h / 2 + 1))
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1 :])
    phone = _layer(_real_deck(built, lang, PHONE), maps.LABELS)["data"]
    ranked = [r["site_id"] for r in maps.by_importance(sites)]
    assert len(phone) >= 5
    assert ranked[0] in {r["site_id"] for r in phone}  # the district government first
    shown = [ranked.index(r["site_id"]) for r in phone]
    assert sum(shown) / len(shown) < (len(ranked) - 1) / 2  # leaning to the leading ones


def test_labels_are_large_enough_for_a_projector_and_have_a_halo():
    spec = _deck_json()
    for layer_id in LABEL_LAYERS:
        layer = _layer(spec, layer_id)
        if layer:
            assert layer["getSize"] >= 14
            assert layer["fontSettings"]["sdf"] and layer["outlineWidth"] > 0
            # the distance field reaches as far as the halo drawn from it
            assert layer["outlineWidth"] <= layer["fontSettings"]["radius"]
            assert layer["fontSettings"]["buffer"] >= 0.75 * layer["outlineWidth"]


def test_the_sector_minimap_shows_the_whole_district_and_is_no_wider_than_its_map(built):
    import re

    from pgdash.app import views
    from pgdash.briefing import charts

    _, svg = views.sector_map(built, "agritech", "zh")
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert width <= views.MINIMAP[0] + 20  # the sources' line wraps instead of widening it
    spec = charts.district_map(built.boundary, pd.DataFrame(), 400, 360).to_dict()
    corners = spec["projection"]["fit"]["geometry"]["coordinates"]
    lons, lats = [c[0] for c in corners], [c[1] for c in corners]
    for lon, lat in maps.boundary_points(built.boundary):
        assert min(lons) < lon < max(lons) and min(lats) < lat < max(lats)


def test_a_sectors_minimap_closes_in_on_its_sites_with_the_outline_round_them(built):
    from pgdash.briefing import charts

    sites = built.sites[(built.sites["sector"] == "logistics") & (built.sites["kind"] == "site")]
    points = sites.assign(number=[str(i) for i in range(1, len(sites) + 1)], colour="#f80")

    def fitted(focus: bool) -> tuple[float, float, float, float]:
        spec = charts.district_map(built.boundary, points, 400, 360, focus=focus).to_dict()
        corners = spec["projection"]["fit"]["geometry"]["coordinates"]
        lons, lats = [c[0] for c in corners], [c[1] for c in corners]
        return min(lons), min(lats), max(lons), max(lats)

    west, south, east, north = fitted(True)
    for site in sites.itertuples():  # every site inside the view, with room round it
        assert west < site.lon < east and south < site.lat < north
    whole = fitted(False)
    assert (east - west) < 0.6 * (whole[2] - whole[0])  # closer than the whole district
    assert (east - west) >= charts.FOCUS_SHARE * (whole[2] - whole[0]) * 0.99  # not a street


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_names_a_site_only_near_its_dot(built, lang):
    """On a phone a leader across half the screen would not read: a site's label is set
    out at most the callouts' reach from its dot (the district government wherever)."""
    from pgdash.app.pages.map import PHONE
    from pgdash.display.placement import CALLOUT_REACH

    spec = _real_deck(built, lang, PHONE)
    zoom = spec["initialViewState"]["zoom"]
    rows = [r for r in _layer(spec, maps.LABELS)["data"] if not r.get("landmark")]
    assert rows
    for r in rows:
        if "leader" in r:
            (x0, y0), (x1, y1) = (project(*end, zoom) for end in r["leader"])
            assert math.hypot(x1 - x0, y1 - y0) <= max(CALLOUT_REACH), r["name"]
    towns = _layer(spec, maps.TOWN_LABELS)
    assert towns and towns["data"]  # some room is left for the towns' names


def test_a_sectors_list_of_sites_names_their_towns_in_english(built):
    """With the sector filter the town rows are cut away with the other sectors' sites; the
    list still names each site's town in English from the whole district's towns."""
    import re

    from pgdash.display.frames import sites_view

    logistics = built.for_sector("logistics").sites
    towns = sites_view(logistics, "en", built.sites)[t("town", "en")]
    assert any(towns) and not any(re.search(r"[\u4e00-\u9fff]", town) for town in towns)
    assert "Mafang Town" in set(towns)


def test_english_line_labels_abbreviate_their_kind_as_maps_do():
    assert maps.line_label("Jingping Expressway") == "Jingping Expwy"
    assert maps.line_label("Chengping Expressway (Beijing section)") == "Chengping Expwy"
    assert maps.line_label("Misan Road (Miyun–Sanhe)") == "Misan Rd"
    assert maps.line_label("Ju River") == "Ju River"
    assert maps.line_label("京平高速") == "京平高速"
    assert maps.line_label("Road 5") == "Road 5"  # the name's own first word stays
    assert maps.line_label("Metro Line 22 (Pinggu section)") == "Line 22"
    assert maps.line_label("轨道交通22号线（平谷段）") == "22号线"


def test_a_neighbours_name_is_drawn_without_the_interpunct_the_atlas_spaces_out():
    context = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": None, "properties": {
                "kind": "neighbour", "label": "河北·兴隆县", "label_en": "Xinglong (Hebei)",
                "label_lon": 117.5, "label_lat": 40.4}},
        ],
    }  # fmt: skip
    assert [r["name"] for r in maps.neighbour_labels(context, "zh")] == ["河北兴隆县"]
    assert [r["name"] for r in maps.neighbour_labels(context, "en")] == ["Xinglong (Hebei)"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_numbered_maps_neighbour_names_keep_off_its_numbers_on_a_phone(built, lang):
    """On a phone's slide map 河北三河市 sat on sites 1 and 20: the neighbours' names were
    placed as if the numbers were not there."""
    from pgdash.app.pages.presentation import PHONE_MAP
    from pgdash.briefing import build_slides
    from pgdash.briefing.map_numbers import NUMBER_SIZE, number_layer

    slide = next(s for s in build_slides(built, None, lang) if s.places)
    height, width = PHONE_MAP
    layers = maps.Layers(towns=False, routes=False, labels=False)
    deck = maps.build_deck(
        built.sites, built.boundary, lang, layers, height=height, width=width,
        context=built.context,
    )  # fmt: skip
    zoom = deck.initial_view_state.zoom
    numbers = number_layer(slide.places, zoom).data
    names = maps.neighbour_label_layer(
        deck, built.context, lang, width, height, built.boundary, numbers, NUMBER_SIZE
    ).data
    assert names

    def box(r: dict, size: int) -> Box:
        x, y = project(r["lon"], r["lat"], zoom)
        w, h = label_size(str(r["name"]), size)
        x, y = x + r["offset"][0], y + r["offset"][1]
        return Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)

    for name in names:
        assert not any(box(name, maps.AREA_SIZE).overlaps(box(n, NUMBER_SIZE)) for n in numbers)
