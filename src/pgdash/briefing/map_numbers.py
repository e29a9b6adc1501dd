"""The numbers of the map slide's sites as a pydeck layer (the slide lists the names)."""

from collections.abc import Sequence

import pydeck as pdk

from pgdash.briefing.model import Place
from pgdash.display.maps import CJK_FONT, spread_records
from pgdash.display.placement import place_labels

NAVY = [31, 58, 96]
# The slide's own type (the app's CJK face first), not deck.gl's default monospace.
SLIDE_FONT = CJK_FONT
HALO = [255, 255, 255, 240]
NUMBER_SIZE = 17  # px


def number_layer(places: Sequence[Place], zoom: float) -> pdk.Layer:
    """Each site's number beside its dot (above where there is room), dark on a white halo;
    ``zoom`` is the map's initial zoom, at which numbers are kept apart."""
    records = [{"name": p.number, "number": p.number, "lon": p.lon, "lat": p.lat} for p in places]
    records = spread_records(records, zoom)  # where the deck draws the dots
    (numbered,) = place_labels([(records, NUMBER_SIZE)], zoom, keep_all=True)
    return pdk.Layer(
        "TextLayer",
        id="slide-site-numbers",
        data=numbered,
        get_position=["lon", "lat"],
        get_text="number",
        get_size=NUMBER_SIZE,
        get_color=NAVY,
        get_pixel_offset="offset",
        font_family=pdk.types.String(SLIDE_FONT),  # a plain string would be an accessor
        font_weight=800,
        outline_width=4,
        outline_color=HALO,
        font_settings={"sdf": True},
        pickable=False,
    )
