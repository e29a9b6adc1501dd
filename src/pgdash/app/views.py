"""What the pages show, computed once per build, sector and language (see ``per_build``).

A rerun after a click then costs the drawing, not the pandas work behind it.
"""

from pgdash.app.data import per_build
from pgdash.briefing import Slide, build_slides
from pgdash.display import kpi, queries
from pgdash.export.render import chart_svg
from pgdash.tables import Dataset

MINIMAP = (400, 360)  # width, height of a sector's site map, in pixels


@per_build
def tiles(data: Dataset, lang: str) -> list[kpi.Tile]:
    """The KPI tiles of ``data``, headline order."""
    return kpi.build_tiles(data.facts, data.comparisons, data.documents, lang)


@per_build
def main_targets(data: Dataset) -> list[queries.TargetClause]:
    """The clauses of the work report's 主要预期目标 paragraph, with their facts."""
    return queries.target_clauses(data.main_targets, data.facts)


@per_build
def slides(data: Dataset, sector: str, lang: str) -> list[Slide]:
    """The slides of ``sector`` (those of the PPTX deck), from the whole dataset."""
    return build_slides(data, sector, lang)


@per_build
def sector_map(data: Dataset, sector: str, lang: str) -> tuple[Slide | None, str]:
    """The map slide of ``sector`` and its map as SVG (rendered once, without a browser)."""
    slide = next((s for s in slides(data, sector, lang) if s.kind == "map"), None)
    if slide is None or slide.chart is None or not slide.places:
        return slide, ""
    return slide, chart_svg(slide.chart(width=MINIMAP[0], height=MINIMAP[1]))
