"""Map decks are serialised once and reused for the same dataset and view."""

import json

import pydeck as pdk
import synthetic

from pgdash.app import decks
from pgdash.display import maps
from pgdash.tables import Dataset


def dataset(stamp: int) -> Dataset:
    empty = synthetic.sites_frame().iloc[0:0]
    return Dataset(
        documents=empty,
        facts=empty,
        comparisons=empty,
        tasks=empty,
        sites=synthetic.sites_frame(),
        honours=empty,
        main_targets=empty,
        translations=empty,
        boundary=synthetic.BOUNDARY,
        built_at="2026-01-01 00:00",
        stamp=stamp,
        context=synthetic.CONTEXT,
    )


def test_serialized_deck_keeps_the_deck_and_its_json() -> None:
    deck = maps.build_deck(synthetic.sites_frame(), synthetic.BOUNDARY, "zh")
    frozen = decks.SerializedDeck(deck)
    assert isinstance(frozen, pdk.Deck)
    full, lean = json.loads(deck.to_json()), json.loads(frozen.to_json())
    assert {k: v for k, v in lean.items() if k != "layers"} == {
        k: v for k, v in full.items() if k != "layers"
    }
    for mine, theirs in zip(lean["layers"], full["layers"], strict=True):
        assert {k: v for k, v in mine.items() if k != "data"} == {
            k: v for k, v in theirs.items() if k != "data"
        }
        assert len(mine.get("data") or []) == len(theirs.get("data") or [])
    assert len(frozen.to_json()) < len(deck.to_json()) / 2  # compact, not indented
    assert [layer.id for layer in frozen.layers] == [layer.id for layer in deck.layers]
    deck.layers.clear()  # later changes to the original do not reach the frozen JSON
    assert json.loads(frozen.to_json())["layers"]


def test_same_key_reuses_the_deck_and_a_new_build_does_not() -> None:
    first = decks.district_deck(dataset(stamp=1), "all", "zh")
    assert decks.district_deck(dataset(stamp=1), "all", "zh") is first
    assert decks.district_deck(dataset(stamp=2), "all", "zh") is not first
    english = decks.district_deck(dataset(stamp=1), "all", "en")
    assert "Jinhai Lake" in english.to_json() and "Jinhai Lake" not in first.to_json()
    without_towns = decks.district_deck(dataset(stamp=1), "all", "zh", maps.Layers(towns=False))
    ids = [layer["id"] for layer in json.loads(without_towns.to_json())["layers"]]
    assert maps.TOWNS not in ids


def test_a_sector_filter_keeps_every_town_and_the_context() -> None:
    everything = dataset(stamp=3)
    logistics = everything.for_sector("logistics")
    assert (logistics.sites["kind"] == "town").sum() == 0  # the cut drops the towns …
    sites = decks.map_sites(logistics, everything)
    assert (sites["kind"] == "town").sum() == (everything.sites["kind"] == "town").sum()
    assert set(sites.loc[sites["kind"] == "site", "sector"]) == {"logistics"}
    deck = decks.district_deck(logistics, "logistics", "zh", everything=everything)
    ids = {layer["id"] for layer in json.loads(deck.to_json())["layers"]}
    assert {maps.TOWNS, maps.NEIGHBOURS, maps.RIVERS, maps.ROADS} <= ids  # … the map does not
    whole = decks.district_deck(everything, "all", "zh")
    # the map closes in on the sector's sites, but not so far that the district is lost
    view = json.loads(deck.to_json())["initialViewState"]
    district = json.loads(whole.to_json())["initialViewState"]
    assert district["zoom"] < view["zoom"] <= district["zoom"] + 1.5
    mine = sites[sites["kind"] == "site"]
    near = 1e-6  # the view is rounded
    assert mine["lon"].min() - near <= view["longitude"] <= mine["lon"].max() + near
    assert mine["lat"].min() - near <= view["latitude"] <= mine["lat"].max() + near


def test_layer_rows_keep_only_what_the_browser_reads() -> None:
    """Rows keep their layer's accessor fields, and a pickable layer's tooltip fields and
    site id; nothing else of a record is sent, and numbers are rounded to 1 m."""
    deck = maps.build_deck(
        synthetic.sites_frame(), synthetic.BOUNDARY, "zh", context=synthetic.CONTEXT
    )
    full = {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}
    lean = {
        layer["id"]: layer for layer in json.loads(decks.SerializedDeck(deck).to_json())["layers"]
    }
    sites, labels = lean[maps.SITES]["data"], lean[maps.LABELS]["data"]
    assert set(sites[0]) == {
        "lon",
        "lat",
        "color",
        "name",
        "where",
        "description",
        "quote",
        "site_id",
    }
    assert set(labels[0]) == {"lon", "lat", "name", "text", "offset"}  # not pickable
    assert [r["site_id"] for r in sites] == [r["site_id"] for r in full[maps.SITES]["data"]]
    assert [r["quote"] for r in sites] == [r["quote"] for r in full[maps.SITES]["data"]]
    for row, whole in zip(labels, full[maps.LABELS]["data"], strict=True):
        assert row["name"] == whole["name"] and row["offset"] == [
            round(v, 5) for v in whole["offset"]
        ]
        assert abs(row["lon"] - whole["lon"]) < 1e-5 and round(row["lon"], 5) == row["lon"]
    assert lean[maps.NEIGHBOURS]["data"] == full[maps.NEIGHBOURS]["data"]  # GeoJSON as it is


def test_read_fields_parses_accessors_and_picking() -> None:
    layer = {
        "getPosition": "@@=[lon, lat]",
        "getColor": "@@=color",
        "getWidth": 3,
        "pickable": False,
    }
    assert decks.read_fields(layer) == {"lon", "lat", "color"}
    assert decks.read_fields({**layer, "pickable": True}) >= {"name", "quote", "site_id", "lon"}
