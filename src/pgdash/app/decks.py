"""District map decks, built and serialised once per dataset, sector, language and view.

Streamlit serialises a deck to JSON on every rerun, and the district boundary makes that the
slowest step of a map page; here the JSON is computed once, compact, and reused.
"""

import json
from dataclasses import astuple

import pandas as pd
import pydeck as pdk

from pgdash.app.data import shared
from pgdash.display import maps
from pgdash.tables import ALL, Dataset

EVERY_LAYER = maps.Layers()


class SerializedDeck(pdk.Deck):
    """A deck whose JSON was computed once, when it was built."""

    def __init__(self, deck: pdk.Deck) -> None:
        # Take the built deck's state as it is; Deck.__init__ would rebuild it.
        self.__dict__.update(deck.__dict__)
        # pydeck indents its JSON; compact, it is a third of the size to send and parse
        compact = json.loads(deck.to_json())
        self._json = json.dumps(compact, ensure_ascii=False, separators=(",", ":"))

    def to_json(self) -> str:
        """The JSON computed at construction."""
        return self._json


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
