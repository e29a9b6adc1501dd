"""What the pages show, computed once per build, sector and language (see ``per_build``).

A rerun after a click then costs the drawing, not the pandas work behind it.
"""

import pandas as pd
import pyarrow as pa

from pgdash.app.data import per_build
from pgdash.briefing import Slide, build_slides
from pgdash.display import cards, fragments, frames, kpi, queries
from pgdash.display.i18n import t
from pgdash.export.render import chart_svg
from pgdash.tables import UNNAMED, Dataset, district_english, district_slug, districts

MINIMAP = (400, 360)  # width, height of a sector's site map, in pixels


@per_build
def district_slugs(data: Dataset) -> dict[str, str]:
    """Slug → district of the documents, the latest district last; one slug per spelling
    (罗湖 beside 罗湖区 gets ``luohu2``; ``pgdash add`` warns of such pairs)."""
    slugs: dict[str, str] = {}
    for name in districts(data.documents):
        base = district_slug(name) or UNNAMED
        slug, n = base, 1
        while slug in slugs:
            n += 1
            slug = f"{base}{n}"
        slugs[slug] = name
    return slugs


@per_build
def district_options(data: Dataset, lang: str) -> dict[str, str]:
    """Slug → the district's name as the picker shows it in ``lang``."""

    def label(name: str) -> str:
        if not name:
            return t("district_unnamed", lang)
        return data.english.get(name) or district_english(name) if lang == "en" else name

    return {slug: label(name) for slug, name in district_slugs(data).items()}


@per_build
def district_data(data: Dataset, slug: str | None) -> Dataset:
    """``data`` cut to the district of ``slug`` (all of it for ``None`` or one district)."""
    names = district_slugs(data)
    return data.for_district(names.get(slug or "", names.get(next(reversed(names), ""))))


@per_build
def report_years(data: Dataset) -> list[int]:
    """The years the work reports set targets for, oldest first (callers must not change it)."""
    return queries.report_years(data.documents)


@per_build
def latest_year(data: Dataset) -> int:
    """The latest report's target year (else the latest year a document was delivered)."""
    return queries.report_year(data.documents)


@per_build
def district(data: Dataset, lang: str) -> tuple[str, bool]:
    """The district of the documents in view, in ``lang``, and whether the map is of it."""
    return queries.district_name(data, lang), queries.map_fits(data)


@per_build
def is_home(data: Dataset) -> bool:
    """Whether the documents in view are of the home district (its 高大尚 pillars, sites)."""
    return queries.is_home(data)


@per_build
def sector_summary(data: Dataset) -> pd.DataFrame:
    """Per sector: how many figures, tasks and sites it has (see ``sector_overview``)."""
    return queries.sector_overview(data.facts, data.tasks, data.sites)


@per_build
def tiles(data: Dataset, lang: str, every: bool = False) -> list[kpi.Tile]:
    """The KPI tiles of ``data``, headline order; ``every`` figure, not only the headline
    ones (a sector's overview)."""
    return kpi.build_tiles(data.facts, data.comparisons, data.documents, lang, every)


@per_build
def sector_tiles(data: Dataset, lang: str) -> list[kpi.Tile]:
    """The lead tiles of a sector's ``data``: its headline figures and its newest results,
    results first (:func:`kpi.lead_tiles`)."""
    headline = set(data.facts.loc[data.facts["headline"], "fact_id"])
    documents = list(data.documents["doc_id"])
    return kpi.lead_tiles(tiles(data, lang, True), headline, documents)


@per_build
def main_targets(data: Dataset) -> list[queries.TargetClause]:
    """The clauses of the work report's 主要预期目标 paragraph, with their facts."""
    return queries.target_clauses(data.main_targets, data.facts)


@per_build
def slides(data: Dataset, sector: str, lang: str) -> list[Slide]:
    """The slides of ``sector`` (those of the PPTX deck), from the whole dataset."""
    return build_slides(data, sector, lang)


@per_build
def sector_map(
    data: Dataset, sector: str, lang: str, focus: bool = True
) -> tuple[Slide | None, str]:
    """The map slide of ``sector`` and its map as SVG (rendered once, without a browser):
    closed in on the sector's sites with ``focus`` (the sector filter chose it), else the
    whole district with the sector's sites numbered."""
    slide = next((s for s in slides(data, sector, lang) if s.kind == "map"), None)
    if slide is None or slide.chart is None or not slide.places:
        return slide, ""
    return slide, chart_svg(slide.chart(width=MINIMAP[0], height=MINIMAP[1], focus=focus))


FACT_SEARCHED = ["metric", "metric_en", "quote", "section", "raw", "fact_id"]
TASK_SEARCHED = ["sentence", "subheading", "section_title", "subheading_en", "section_title_en"]


@per_build
def found_facts(data: Dataset, lang: str, query: str, kinds: tuple[str, ...]) -> pd.DataFrame:
    """The facts of these kinds matching the reader's search, in reading order."""
    facts = queries.in_order(data.facts, data.documents)
    return queries.search(facts[facts["kind"].isin(kinds)], query, FACT_SEARCHED)


@per_build
def facts_frame(data: Dataset, lang: str, query: str, kinds: tuple[str, ...]) -> pd.DataFrame:
    """:func:`found_facts` as the sources page's table shows them."""
    found = found_facts(data, lang, query, kinds)
    return frames.facts_view(found, data.documents, lang, data.english)


# The sources table's columns with few distinct values (a report has a few sections, two
# kinds …): sent as categories, each value once, not once per row (81 → 52 KB on the seeds)
FEW_VALUES = ("period", "kind", "sector", "document", "section")


@per_build
def facts_arrow(data: Dataset, lang: str, query: str, kinds: tuple[str, ...]) -> pa.Table:
    """:func:`facts_frame` in Arrow, the form Streamlit sends a table in (converted once),
    without the ``fact_id`` no one reads (the selected row is found by its position)."""
    frame = facts_frame(data, lang, query, kinds).drop(columns=["fact_id"])
    for key in FEW_VALUES:
        frame[t(key, lang)] = frame[t(key, lang)].astype("category")
    return pa.Table.from_pandas(frame, preserve_index=False)


@per_build
def facts_widths(data: Dataset, lang: str, query: str, kinds: tuple[str, ...]) -> tuple[int, int]:
    """Pixel widths of the sources table's measure and value columns (whole, not cut)."""
    table = facts_frame(data, lang, query, kinds)
    measure, value = table[t("measure", lang)].tolist(), table[t("value", lang)].tolist()
    return frames.column_px(measure, cap=340), frames.column_px(value)


@per_build
def passage(data: Dataset, lang: str, query: str, kinds: tuple[str, ...], row: int) -> str:
    """The fact in ``row`` of :func:`found_facts` under the "passage" heading: its line and
    its passage, as HTML."""
    fact = found_facts(data, lang, query, kinds).iloc[row]
    line = fragments.meta_html(fragments.fact_line(fact, lang), lang=lang)
    heading = fragments.heading_html(t("passage", lang))
    return heading + line + fragments.source_html(fact, data, lang)


@per_build
def facts_list(data: Dataset, lang: str, query: str, kinds: tuple[str, ...]) -> str:
    """:func:`found_facts` as a phone shows them: measure and value first, the quote folded."""
    return fragments.compact_fact_list(found_facts(data, lang, query, kinds), lang)


@per_build
def documents_section(data: Dataset, lang: str) -> str:
    """The documents in view under their heading, with their checksums folded under
    "technical details", as one HTML body (one element to send, not four)."""
    documents = cards.table_html(frames.documents_view(data.documents, lang, data.english))
    checksums = cards.table_html(frames.checksums_view(data.documents, lang))
    count = str(len(data.documents))
    return (
        fragments.heading_html(t("documents", lang))
        + documents
        + fragments.section_html(t("technical", lang), count, checksums)
    )


@per_build
def sector_counts(data: Dataset, lang: str) -> str:
    """How many figures each sector has, as HTML in a bordered box."""
    return f'<div class="pg-box">{fragments.sector_counts_html(data.facts, lang)}</div>'


@per_build
def section_count(data: Dataset) -> int:
    """How many numbered task sections the work plan has, once per build and view."""
    return queries.section_count(data.tasks)


@per_build
def work_plan(
    data: Dataset, lang: str, query: str, only_quantified: bool, expanded: bool, chips: bool
) -> tuple[int, str]:
    """The tasks matching the reader's search (English headings searched too): how many,
    and the work plan of them as HTML (empty when none)."""
    tasks = data.tasks.assign(
        subheading_en=data.tasks["subheading"].map(data.english).fillna(""),
        section_title_en=data.tasks["section_title"].map(data.english).fillna(""),
    )
    shown = queries.search(tasks, query, TASK_SEARCHED)
    if only_quantified:
        shown = shown[queries.quantified(shown, data.facts)]
    if shown.empty:
        return 0, ""
    shown = shown.drop(columns=["subheading_en", "section_title_en"])
    html = fragments.task_sections_html(
        shown, data.facts, lang, expanded, chips, data.english, target_lines(data, lang)
    )
    return len(shown), html


def target_lines(data: Dataset, lang: str) -> dict[str, str]:
    """The main targets' sentences of the work plan → their English line, as the overview
    states them (empty in Chinese)."""
    if lang != "en":
        return {}
    lines = {}
    for clause in main_targets(data):
        line = fragments.target_line(clause, lang, data.english)
        for sentence in data.tasks["sentence"]:
            if line and clause.text in sentence:
                lines[sentence] = line
    return lines


@per_build
def targets_without_baseline(data: Dataset, lang: str) -> tuple[int, str]:
    """Target facts no comparison uses: how many, and their list as HTML."""
    other = queries.targets_without_baseline(data.facts, data.comparisons)
    if other.empty:
        return 0, ""
    return len(other), fragments.fact_table(queries.in_order(other, data.documents), data, lang)


@per_build
def sector_facts(data: Dataset, lang: str) -> str:
    """Every figure of the sector in view, folded under a "全部数字 · N" disclosure."""
    facts = queries.in_order(data.facts, data.documents)
    body = fragments.fact_table(facts, data, lang, sector=False)
    return fragments.section_html(t("facts_table", lang), str(len(facts)), body)
