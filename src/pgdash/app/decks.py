"""District map decks, built and serialised once per dataset, sector, language and view.

Streamlit serialises a deck to JSON on every rerun, and the district boundary makes that the
slowest step of a map page; here the JSON is computed once, compact, and reused. It is also
sent on every run: each layer's rows keep only the fields the browser reads (its accessors,
and for a pickable layer the tooltip's fields and the selected site's id), with coordinates
and offsets rounded to :data:`DIGITS` places.
"""

import json
import re
from dataclasses import astuple

import pandas as pd
import pydeck as pdk

from pgdash.app.data import shared
from pgdash.display import maps
from pgdash.tables import ALL, Dataset

EVERY_LAYER = maps.Layers()
DIGITS = 5  # decimal places kept: 1 m in degrees, a 100 000th of a pixel in offsets
# What the browser reads of a picked row besides what it draws: the tooltip's fields and
# the id a selection returns (maps.selected_site_id).
PICKED_FIELDS = frozenset(re.findall(r"{(\w+)}", maps.TOOLTIP_TEXT)) | {"site_id"}
ACCESSOR = "@@="  # how pydeck writes an accessor that reads a row's field(s): "@@=[lon, lat]"


class SerializedDeck(pdk.Deck):
    """A deck whose JSON was computed once, when it was built."""

    def __init__(self, deck: pdk.Deck) -> None:
        # Take the built deck's state as it is; Deck.__init__ would rebuild it.
        self.__dict__.update(deck.__dict__)
        # pydeck indents its JSON; compact, it is a third of the size to send and parse
        spec = json.loads(deck.to_json())
        spec["layers"] = [lean_layer(layer) for layer in spec.get("layers", [])]
        self._json = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))

    def to_json(self) -> str:
        """The JSON computed at construction."""
        return self._json


def read_fields(layer: dict) -> set[str]:
    """The row fields a layer's JSON reads: its accessors', and when it is pickable the
    tooltip's and the selection's (:data:`PICKED_FIELDS`)."""
    fields: set[str] = set()
    for value in layer.values():
        if isinstance(value, str) and value.startswith(ACCESSOR):
            fields |= set(re.findall(r"[A-Za-z_]\w*", value[len(ACCESSOR) :]))
    return fields | PICKED_FIELDS if layer.get("pickable") else fields


def _rounded(node: object) -> object:
    if isinstance(node, float):
        return round(node, DIGITS)
    if isinstance(node, list):
        return [_rounded(item) for item in node]
    return node


def lean_layer(layer: dict) -> dict:
    """A layer's JSON whose rows (a list of records) keep only the fields it reads, their
    numbers rounded to :data:`DIGITS` places; other data (GeoJSON) is left as it is."""
    rows = layer.get("data")
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        return layer
    fields = read_fields(layer)
    lean = [{k: _rounded(v) for k, v in row.items() if k in fields} for row in rows]
    return {**layer, "data": lean}


@shared(max_entries=64)
def _deck(
    stamp: int,
    sector: str,
    lang: str,
    layers: tuple[bool, ...],
    basemap: bool,
    size: tuple[int, int],
    _data: Dataset,
    _towns: Dataset,
) -> SerializedDeck | None:
    """The deck for one dataset (``stamp``) and view; ``_data`` is not part of the key."""
    height, width = size
    deck = maps.build_deck(
        map_sites(_data, _towns),
        _data.boundary,
        lang,
        maps.Layers(*layers),
        basemap,
        height,
        width,
        context=_data.context,
        focus=sector != ALL,
    )
    return None if deck is None else SerializedDeck(deck)


def map_sites(data: Dataset, everything: Dataset) -> pd.DataFrame:
    """The sites of ``data`` (cut to a sector) with every town: towns are context and stay."""
    sites = data.sites[data.sites["kind"] != "town"]
    towns = everything.sites[everything.sites["kind"] == "town"]
    return pd.concat([sites, towns], ignore_index=True)


def district_deck(
    data: Dataset,
    sector: str,
    lang: str,
    layers: maps.Layers = EVERY_LAYER,
    basemap: bool = False,
    height: int = 560,
    width: int = 900,
    everything: Dataset | None = None,
) -> SerializedDeck | None:
    """The district map of ``data`` (already cut to ``sector``), with every town of
    ``everything`` and framed on the sector's sites, from the cache when it can."""
    towns = everything or data
    key = (data.stamp, sector, lang, astuple(layers), basemap, (height, width))
    return _deck(*key, data, towns)
