"""Altair charts to PNG without a browser (vl-convert), with Chinese glyphs.

A chart's image is kept in the export cache under the hash of its specification, so the
map of a deck is drawn once per build and language, not on every export.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import vl_convert as vlc

from pgdash.briefing.charts import FONT
from pgdash.export.cache import cached_bytes, content_key, key_of
from pgdash.export.fonts import cjk_font

if TYPE_CHECKING:  # a chart is only built when its image is not in the cache
    import altair as alt

SCALE = 2  # pixels per chart unit: sharp on a projector and in print


@functools.cache
def _register_fonts() -> str:
    """Register the CJK font's folder with vl-convert once; the font list to draw with."""
    font = cjk_font()
    vlc.register_font_directory(str(font.directory))
    return f"'{font.regular.family}', {FONT}"


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite specification (built by our code, so not validated again)."""
    return chart.to_dict(validate=False)


def _png(spec: dict, scale: float) -> bytes:
    spec.setdefault("config", {})["font"] = _register_fonts()
    return vlc.vegalite_to_png(spec, scale=scale)


def chart_png(chart: alt.TopLevelMixin, scale: float = SCALE) -> bytes:
    """The chart as PNG bytes, its text set in the registered CJK font; from the cache when
    the same chart was drawn before."""
    spec = chart_spec(chart)
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)
    font = os.environ.get("PGDASH_CJK_FONT", "")
    name = f"chart-{key_of(text, str(scale), vlc.__version__, FONT, font)}.png"
    return cached_bytes(name, lambda: _png(spec, scale))


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text (its text left to the viewer's CJK fonts)."""
    return vlc.vegalite_to_svg(chart_spec(chart))


def factory_png(make: Callable[..., alt.TopLevelMixin], width: int, height: int) -> bytes:
    """The PNG of the chart ``make(width=…, height=…)`` draws (``make`` a
    ``functools.partial`` of a chart builder, as slides hold them), from the cache when the
    same builder drew the same arguments before; the chart is not even built then."""
    if not isinstance(make, functools.partial):
        return chart_png(make(width=width, height=height))
    font = os.environ.get("PGDASH_CJK_FONT", "")
    name = f"figure-{content_key(make, width, height, vlc.__version__, FONT, font)}.png"
    return cached_bytes(name, lambda: chart_png(make(width=width, height=height)))
