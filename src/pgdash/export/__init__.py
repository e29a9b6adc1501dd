"""Exports of the briefing: a PPTX deck, a one-page PDF handout, and chart images."""
