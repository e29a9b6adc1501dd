"""District map decks, built and serialised once per dataset, sector, language and view.

Streamlit serialises a deck to JSON on every rerun, and the district boundary makes that the
slowest step of a map page; here the JSON is computed once and reused.
"""

from dataclasses import astuple

import pydeck as pdk
import streamlit as st

from pgdash.display import maps
from pgdash.tables import Dataset

EVERY_LAYER = maps.Layers()


class SerializedDeck(pdk.Deck):
    """A deck whose JSON was computed once, when it was built."""

    def __init__(self, deck: pdk.Deck) -> None:
        # Take the built deck's state as it is; Deck.__init__ would rebuild it.
        self.__dict__.update(deck.__dict__)
        self._json = deck.to_json()

    def to_json(self) -> str:
        """The JSON computed at construction."""
        return self._json


@st.cache_resource(max_entries=64, show_spinner=False)
def _deck(
    stamp: int,
    sector: str,
    lang: str,
    layers: tuple[bool, ...],
    basemap: bool,
    size: tuple[int, int],
    _data: Dataset,
) -> SerializedDeck | None:
    """The deck for one dataset (``stamp``) and view; ``_data`` is not part of the key."""
    height, width = size
    deck = maps.build_deck(
        _data.sites, _data.boundary, lang, maps.Layers(*layers), basemap, height, width
    )
    return None if deck is None else SerializedDeck(deck)


def district_deck(
    data: Dataset,
    sector: str,
    lang: str,
    layers: maps.Layers = EVERY_LAYER,
    basemap: bool = False,
    height: int = 560,
    width: int = 900,
) -> SerializedDeck | None:
    """The district map of ``data`` (already cut to ``sector``), from the cache when it can."""
    return _deck(data.stamp, sector, lang, astuple(layers), basemap, (height, width), data)
