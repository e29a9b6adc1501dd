"""Presentation mode: the briefing as slides, shared by the page, the deck and the handout."""

from pgdash.briefing.model import Kpi, Slide, Source
from pgdash.briefing.slides import build_slides, check_scope

__all__ = ["Kpi", "Slide", "Source", "build_slides", "check_scope"]
