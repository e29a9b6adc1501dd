"""What the pages show, computed once per build, sector and language (see ``per_build``).

A rerun after a click then costs the drawing, not the pandas work behind it.
"""

import pandas as pd

from pgdash.present import Slide, build_slides
from pgdash.schema import TABLES
from pgdash.ui import honours, kpi, queries
from pgdash.ui.data import ALL, Dataset, per_build


@per_build
def tiles(data: Dataset, lang: str) -> list[kpi.Tile]:
    """The KPI tiles of ``data``, headline order."""
    return kpi.build_tiles(data.facts, data.comparisons, data.documents, lang)


@per_build
def main_targets(data: Dataset) -> list[queries.TargetClause]:
    """The clauses of the work report's 主要预期目标 paragraph, with their facts."""
    return queries.main_targets(data.documents, data.facts)


@per_build
def main_target_ids(data: Dataset) -> set[str]:
    """The fact ids shown as main-target cards."""
    return queries.main_target_ids(data.documents, data.facts)


@per_build
def year_honours(data: Dataset) -> pd.DataFrame:
    """The honours of the year named in the work report, of the sector in force."""
    table = honours.honours_table(data.documents)
    return table if data.sector == ALL else table[table["sector"] == data.sector]


@per_build
def slides(data: Dataset, sector: str, lang: str) -> list[Slide]:
    """The slides of ``sector`` (those of the PPTX deck), from the whole dataset."""
    return build_slides({name: getattr(data, name) for name in TABLES}, sector, lang, data.boundary)
