"""The district map: offline by default, framed on the district, text-only tooltips."""

import json
import math

import pytest
import synthetic

from pgdash.display import maps


def _deck_json(**kwargs) -> dict:
    deck = maps.build_deck(synthetic.sites_frame(), synthetic.BOUNDARY, "zh", **kwargs)
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
    assert len(_layer(spec, maps.ROUTES)["data"]) == int((sites["kind"] == "route").sum())
    assert _layer(spec, maps.BOUNDARY)["data"] == synthetic.BOUNDARY


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
        (maps.Layers(labels=False), {maps.LABELS, maps.TOWN_LABELS}),
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


def test_legend_lists_sectors_with_sites_in_fixed_order():
    items = maps.legend_items(synthetic.sites_frame(), "zh")
    assert [name for name, _ in items] == ["农业科技", "现代物流", "休闲文旅"]


class _Event:
    def __init__(self, objects):
        self.selection = type("S", (), {"objects": objects})()


def test_selected_site_id_reads_the_selection_event():
    assert maps.selected_site_id(_Event({maps.SITES: [{"site_id": "s-lake"}]})) == "s-lake"
    assert maps.selected_site_id(_Event({})) is None
    assert maps.selected_site_id(object()) is None
