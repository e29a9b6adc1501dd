"""Altair charts to PNG without a browser (vl-convert), with Chinese glyphs."""

import functools

import altair as alt
import vl_convert as vlc

from pgdash.briefing.charts import FONT
from pgdash.export.fonts import cjk_font

SCALE = 2  # pixels per chart unit: sharp on a projector and in print


@functools.cache
def _register_fonts() -> str:
    """Register the CJK font's folder with vl-convert once; the font list to draw with."""
    font = cjk_font()
    vlc.register_font_directory(str(font.directory))
    return f"'{font.regular.family}', {FONT}"


def chart_png(chart: alt.TopLevelMixin, scale: float = SCALE) -> bytes:
    """The chart as PNG bytes, its text set in the registered CJK font."""
    family = _register_fonts()
    spec = chart.to_dict()
    spec.setdefault("config", {})["font"] = family
    return vlc.vegalite_to_png(spec, scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text (its text left to the viewer's CJK fonts)."""
    return vlc.vegalite_to_svg(chart.to_dict())
