"""The numbers of the map slide's sites as a pydeck layer (the slide lists the names)."""

from collections.abc import Sequence

import pydeck as pdk

from pgdash.present.model import Place

NAVY = [31, 58, 96]
HALO = [255, 255, 255, 240]


def number_layer(places: Sequence[Place]) -> pdk.Layer:
    """Each site's number just above its dot, dark on a white halo."""
    return pdk.Layer(
        "TextLayer",
        id="slide-site-numbers",
        data=[{"number": p.number, "lon": p.lon, "lat": p.lat} for p in places],
        get_position=["lon", "lat"],
        get_text="number",
        get_size=17,
        get_color=NAVY,
        get_pixel_offset=[0, -20],
        font_weight=800,
        outline_width=4,
        outline_color=HALO,
        font_settings={"sdf": True},
        pickable=False,
    )
