"""The briefing as a list of slides, for the whole district or one sector.

Order: title, headline figures, the 高大尚 pillars, results against targets, the map, then
one slide per sector. A slide with nothing to show in the chosen sector is left out (the
title and headline slides always stay). Every figure is a row of the facts table.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import pairwise

import pandas as pd

from pgdash.briefing import charts, notes
from pgdash.briefing.model import Kpi, PairRow, Place, Slide, Source
from pgdash.briefing.picking import (
    compared_ids,
    latest_per_metric,
    newest_per_metric,
    sentence_notes,
    sources,
    to_kpi,
    to_kpis,
    top,
)
from pgdash.display import queries
from pgdash.display.formatting import date_text, in_brackets, is_part_year
from pgdash.display.i18n import LANGS, pillar_label, sector_name, status_text, t, translated
from pgdash.display.kpi import (
    FactTexts,
    GrowthIndex,
    companions,
    fact_texts,
    growth_index,
    side_parts,
)
from pgdash.display.queries import side_field
from pgdash.display.scorecard import tone_of
from pgdash.errors import PgdashError
from pgdash.sectors import PILLARS, SECTOR_IDS, SECTORS
from pgdash.sectors import sector as sector_of
from pgdash.tables import ALL, Dataset

HEADLINE_LIMIT = 6  # tiles on the headline slide (two rows of three)
PILLAR_LIMIT = 2  # figures under each pillar
SECTOR_LIMIT = 6  # tiles on a sector slide …
SECTOR_LIMIT_WITH_CHART = 4  # … and when it also has a chart
TASK_LIMIT = 5  # task headings on a sector slide
MEASURES_PER_SLIDE = 4  # measures in one results-against-targets chart
PAIRS_PER_SLIDE = 8  # rows of one results-against-targets table
SIDES = ("result", "target", "latest")
RESULT_KINDS = ("actual", "estimate")  # what a tile among results may show
THIN = 3  # a slide shows at least this many figures, or it merges with another


def check_scope(sector: str | None, lang: str) -> str | None:
    """The sector id to show (``None`` for all), or a ``PgdashError`` naming the choices."""
    if lang not in LANGS:
        raise PgdashError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
    if sector in (None, "", ALL):
        return None
    if sector not in SECTOR_IDS:
        raise PgdashError(f"unknown sector {sector!r}; use one of: {', '.join(SECTOR_IDS)}")
    return sector


@dataclass(frozen=True)
class Scope:
    """The tables cut to one sector (or not), and how slides name that scope."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    all_facts: pd.DataFrame  # every sector's facts: a comparison may pair across sectors
    comparisons: pd.DataFrame
    tasks: pd.DataFrame
    sites: pd.DataFrame
    boundary: dict | None
    sector: str | None
    lang: str
    docs: dict[str, Source]
    ranks: dict[str, list[dict]]  # fact_id → the rank facts that rank it (attach_ranks)
    growth: GrowthIndex  # the growth rates stated right after a figure (kpi.growth_index)
    rank_ids: frozenset[str]  # facts that are ranks
    english: dict[str, str] = field(default_factory=dict)  # curated English of headings
    district: str = ""  # the documents' district, in the briefing's language
    context: dict | None = None  # the map's neighbours, rivers, lake, roads and rail
    texts: dict[str, str] = field(default_factory=dict)  # fact_id → its value as written

    @property
    def subtitle(self) -> str:
        """现代物流专题 …: the sector chosen; nothing for the whole district."""
        if self.sector is None:
            return ""
        return t("present_scope_sector", self.lang, sector=sector_name(self.sector, self.lang))

    def fact(self, fact_id: str) -> pd.Series | None:
        """The facts row with this id (in any sector), if there is one."""
        if not fact_id:
            return None
        rows = self.all_facts[self.all_facts["fact_id"] == fact_id]
        return None if rows.empty else rows.iloc[0]

    def lead(self, facts: pd.DataFrame, limit: int) -> pd.DataFrame:
        """The ``limit`` facts of ``facts`` a slide should lead with, each measure's newest:
        its results, or its targets when its sectors have no result at all (a target is
        never placed among results, nor on a slide beside them)."""
        results = facts[facts["kind"].isin(RESULT_KINDS)]
        mine = self.facts[self.facts["sector"].isin(set(facts["sector"]))]
        measured = mine["kind"].isin(RESULT_KINDS).any()
        chosen = newest_per_metric(results if measured else facts, self.documents)
        return top(chosen, self.documents, limit, compared_ids(self.comparisons))

    def kpis(self, facts: pd.DataFrame, group: str = "") -> list[Kpi]:
        """Key figures of ``facts`` in this scope's language, each with what else its
        sentence says of it (growth, rank)."""
        notes = sentence_notes(facts, self.growth, self.ranks, self.lang)
        return to_kpis(facts, self.docs, self.lang, group, notes)

    def said_with(self, fact_ids: set[str]) -> set[str]:
        """``fact_ids`` and the growth rates and ranks their tiles carry as notes: the
        figures a slide of those tiles has shown."""
        facts = self.all_facts[self.all_facts["fact_id"].isin(fact_ids)]
        out = set(fact_ids)
        for fact in facts.to_dict("records"):
            growth = [g["fact_id"] for g in companions(fact, self.growth)]
            out.update(growth)
            out.update(
                r["fact_id"] for f in (fact["fact_id"], *growth) for r in self.ranks.get(f, [])
            )
        return out

    def measures_of(self, fact_ids: set[str]) -> set[str]:
        """``fact_ids`` and every other figure of their measures (another year's, the same
        year's target): once a slide shows a measure, no later slide shows it again."""
        facts = self.all_facts
        metrics = set(facts.loc[facts["fact_id"].isin(fact_ids), "metric"])
        return set(fact_ids) | set(facts.loc[facts["metric"].isin(metrics), "fact_id"])

    def shown_by(self, *slides: Slide | None) -> set[str]:
        """The figures ``slides`` have shown: their own, the growth rates and ranks their
        tiles carry as notes, and the other figures of the measures they show."""
        ids = {f for slide in slides if slide is not None for f in slide.fact_ids}
        return self.measures_of(self.said_with(ids))

    def sources_of(self, kpis: list[Kpi] | tuple[Kpi, ...]) -> tuple[Source, ...]:
        """The documents the figures come from, in document order."""
        used = {k.source.doc_id for k in kpis}
        return tuple(s for doc_id, s in self.docs.items() if doc_id in used)


def make_scope(data: Dataset, sector: str | None, lang: str) -> Scope:
    """The scope of a briefing; ``PgdashError`` for an unknown sector or language."""
    sector = check_scope(sector, lang)
    cut = data.for_sector(sector)
    return Scope(
        documents=data.documents,
        facts=cut.facts,
        all_facts=data.facts,
        comparisons=cut.comparisons,
        tasks=cut.tasks,
        sites=cut.sites,
        boundary=data.boundary,
        sector=sector,
        lang=lang,
        docs=sources(data.documents, lang),
        ranks=queries.attach_ranks(data.facts, queries.texts(data.documents)),
        growth=growth_index(data.facts),
        rank_ids=frozenset(data.facts.loc[data.facts["is_rank"].astype(bool), "fact_id"]),
        english=data.english,
        context=data.context,
        district=queries.district_name(data, lang),
        texts=fact_texts(data.facts, lang),
    )


# ------------------------------------------------------------------ the slides


def title_slide(scope: Scope) -> Slide:
    """Briefing title, scope, the date of the newest source and the sources."""
    lang = scope.lang
    dates = sorted(str(d) for d in scope.documents["published"] if d)
    all_sources = tuple(scope.docs.values())
    return Slide(
        kind="title",
        title=t("present_deck_title", lang, district=scope.district).strip(),
        subtitle=scope.subtitle,
        bullets=(t("data_as_of", lang, date=date_text(dates[-1], lang)),) if dates else (),
        notes=notes.title_notes(all_sources, scope.sector, lang),
        sources=all_sources,
    )


def headline_slide(
    scope: Scope, shown: frozenset[str] = frozenset(), limit: int = HEADLINE_LIMIT
) -> Slide:
    """The ``limit`` headline results of the scope, but for those ``shown`` on other
    slides."""
    facts = scope.facts[~scope.facts["fact_id"].isin(shown)]
    results = facts[facts["kind"].isin(RESULT_KINDS)]
    headline = latest_per_metric(results, scope.documents, limit)
    if headline.empty:  # a sector without headline measures leads with its first figures
        headline = scope.lead(facts, limit)
    kpis = scope.kpis(headline)
    return Slide(
        kind="kpis",
        title=t("headline_figures", scope.lang),
        subtitle=scope.subtitle,
        kpis=tuple(kpis),
        bullets=() if kpis else (t("no_data", scope.lang),),
        notes=notes.figure_notes(kpis, scope.lang),
        sources=scope.sources_of(kpis),
    )


def pillars_slide(scope: Scope, shown: frozenset[str] = frozenset()) -> Slide | None:
    """高 agri-tech, 大 logistics, 尚 leisure: the lead figures of each pillar in scope,
    but for those ``shown`` on other slides."""
    lang = scope.lang
    kpis: list[Kpi] = []
    for pillar, sector_id in PILLARS.items():
        if scope.sector not in (None, sector_id):
            continue
        group = pillar_label(pillar, lang)
        facts = scope.facts[scope.facts["sector"] == sector_id]
        facts = facts[~facts["fact_id"].isin(shown)]
        kpis.extend(scope.kpis(scope.lead(facts, PILLAR_LIMIT), group))
    if not kpis:
        return None
    return Slide(
        kind="pillars",
        title=t("present_pillars", lang),
        subtitle=scope.subtitle,
        kpis=tuple(kpis),
        notes=notes.figure_notes(kpis, lang, grouped=True),
        sources=scope.sources_of(kpis),
    )


def _side_kpi(scope: Scope, row: pd.Series, side: str) -> Kpi | None:
    fact = scope.fact(str(side_field(row, side, "fact_id")))
    if fact is None:
        return None
    measure = row["measure_en"] if scope.lang == "en" and row["measure_en"] else row["measure"]
    return to_kpi(fact, scope.docs[fact["doc_id"]], scope.lang, group=measure, role=side)


def target_rows(scope: Scope, comparisons: pd.DataFrame) -> tuple[pd.DataFrame, list[Kpi]]:
    """Bars of results, targets and latest figures, and the facts they show."""
    lang = scope.lang
    rows, kpis = [], []
    for _, row in comparisons.iterrows():
        # Figures of unlike periods are not judged: the chart says so above their bars.
        caveat = "" if bool(row.get("is_judged", False)) else in_brackets(status_text(row, lang))
        for side in SIDES:
            kpi = _side_kpi(scope, row, side)
            if kpi is None:
                continue
            value = side_field(row, side, "value")
            part_year = is_part_year(str(side_field(row, side, "period") or ""))
            rows.append(
                {
                    "group": t("present_group_caveat", lang, group=kpi.group, caveat=caveat)
                    if caveat
                    else kpi.group,
                    "label": f"{kpi.period} {kpi.kind}",
                    "role": side,
                    "role_label": t(f"present_role_{side}", lang),
                    "value": float(value),
                    # a part of a year is marked so, beside a year's figures and targets
                    "text": t("bar_part_year", lang, value=kpi.value) if part_year else kpi.value,
                    "fact_id": kpi.fact_id,
                    "measure": kpi.group,
                    "part_year": part_year,
                }
            )
            kpis.append(kpi)
    frame = pd.DataFrame(rows, columns=[*charts.BAR_COLUMNS, "part_year"])
    twice = frame.duplicated(["group", "label"], keep=False)
    frame.loc[twice, "label"] = frame["label"] + "（" + frame["role_label"] + "）"
    return frame, kpis


def chartable(scope: Scope, comparisons: pd.DataFrame) -> pd.DataFrame:
    """Measures worth a bar chart: at least two sides to compare, and not ranks."""
    ids = pd.DataFrame(
        [[side_field(row, side, "fact_id") for side in SIDES] for _, row in comparisons.iterrows()],
        index=comparisons.index,
        columns=list(SIDES),
        dtype=object,
    )
    sides = (ids != "").sum(axis=1)
    is_rank = ids.isin(scope.rank_ids).any(axis=1)
    return comparisons[(sides >= 2) & ~is_rank]


def one_scale(scope: Scope, comparisons: pd.DataFrame) -> pd.DataFrame:
    """The chartable measures that can share one scale on a slide: those of the most common
    unit among them, when that unit is a rate (%) or the only unit; else none."""
    measures = chartable(scope, comparisons)
    units = measures["unit"].value_counts()
    if units.empty or (len(units) > 1 and "%" not in units.index):
        return measures.iloc[0:0]
    unit = "%" if "%" in units.index else units.index[0]
    return measures[measures["unit"] == unit]


def pair_rows(
    comparisons: pd.DataFrame, lang: str, texts: FactTexts | None = None
) -> tuple[PairRow, ...]:
    """Each measure with its sides, periods spelled out and values written as their facts
    are everywhere (``texts``), and its status."""
    return tuple(
        PairRow(
            measure=row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"],
            sides={side: side_parts(row, side, lang, texts) for side in SIDES},
            status=status_text(row, lang),
            tone=tone_of(row),
            fact_ids=tuple(str(f) for side in SIDES if (f := side_field(row, side, "fact_id"))),
        )
        for _, row in comparisons.iterrows()
    )


def _targets_slide(
    scope: Scope, title: str, chunk: pd.DataFrame, chart: bool, table: pd.DataFrame | None = None
) -> Slide:
    """One slide of results against targets: ``chunk`` drawn as a chart (when ``chart``) or
    a table, and ``table``, a few other measures, in a table beneath the chart."""
    lang = scope.lang
    rows, kpis = target_rows(scope, chunk)
    extra = table if table is not None and chart else chunk.iloc[0:0]
    _, more = target_rows(scope, extra)
    return Slide(
        kind="targets",
        title=title,
        subtitle=scope.subtitle,
        figures=tuple(kpis),
        bullets=tuple(notes.status_line(r, lang) for _, r in chunk.iterrows()) if chart else (),
        chart=partial(charts.bars, rows) if chart else None,
        bars=rows if chart else None,
        chart_title=t("present_chart_targets", lang),
        notes=notes.targets_notes(pd.concat([chunk, extra]), [*kpis, *more], lang),
        sources=scope.sources_of([*kpis, *more]),
        pairs=pair_rows(chunk, lang, scope.texts),
        table=pair_rows(extra, lang, scope.texts),
    )


def even_chunks(frame: pd.DataFrame, most: int) -> list[pd.DataFrame]:
    """``frame`` cut into as few pages of at most ``most`` rows as it needs, their sizes
    differing by one at most (7 rows in pages of 6: 4 + 3, not 6 + 1)."""
    if frame.empty:
        return []
    pages = -(-len(frame) // most)
    size, extra = divmod(len(frame), pages)
    bounds = [0]
    for page in range(pages):
        bounds.append(bounds[-1] + size + (page < extra))
    return [frame.iloc[a:b] for a, b in pairwise(bounds)]


def targets_slides(scope: Scope) -> list[Slide]:
    """Results against targets: the growth rates in one chart on one scale, then every
    other measure in a table, each side with its period spelled out. Charts and table pages
    share their measures evenly; a table of fewer than ``THIN`` measures is not a page of
    its own but sits beneath the last chart, when there is one."""
    rates = one_scale(scope, scope.comparisons)
    rest = scope.comparisons.drop(index=rates.index)
    charted = even_chunks(rates, MEASURES_PER_SLIDE)
    tables = even_chunks(rest, PAIRS_PER_SLIDE)
    beneath = None
    if charted and len(tables) == 1 and len(tables[0]) < THIN:
        beneath = tables.pop()
    chunks = [(chunk, True) for chunk in charted] + [(chunk, False) for chunk in tables]
    title = t("present_targets", scope.lang)
    return [
        _targets_slide(
            scope,
            t("present_part", scope.lang, title=title, i=i, n=len(chunks))
            if len(chunks) > 1
            else title,
            chunk,
            chart,
            beneath if i == len(charted) else None,
        )
        for i, (chunk, chart) in enumerate(chunks, start=1)
    ]


def map_places(scope: Scope) -> list[Place]:
    """Sites (not towns or routes) in scope, numbered, named in the slide's language."""
    sites = scope.sites[scope.sites["kind"] == "site"]
    colours = {s.id: "#{:02x}{:02x}{:02x}".format(*s.color) for s in SECTORS}
    places = []
    for number, site in enumerate(sites.itertuples(), start=1):
        name = site.name_en if scope.lang == "en" and site.name_en else site.name
        colour = colours.get(site.sector, "#666666")
        places.append(
            Place(str(number), name, float(site.lon), float(site.lat), site.sector, colour)
        )
    return places


def map_slide(scope: Scope) -> Slide | None:
    """The district and its numbered sites, listed beside it; none for a district without
    a boundary (another district's reports: the map page says how to add one)."""
    if not (scope.boundary or {}).get("features"):
        return None
    places = map_places(scope)
    if not places and scope.sector is not None:
        return None
    points = pd.DataFrame([p.__dict__ for p in places], columns=list(Place.__dataclass_fields__))
    names = [p.name for p in places]
    return Slide(
        kind="map",
        title=t("map_title", scope.lang),
        subtitle=scope.subtitle,
        bullets=tuple(f"{p.number} {p.name}" for p in places),
        chart=partial(
            charts.district_map,
            scope.boundary or {},
            points,
            context=scope.context,
            lang=scope.lang,
            focus=scope.sector is not None,  # a sector's slide: its sites, close
        ),
        chart_title=t("map_title", scope.lang),
        notes=notes.map_notes(names, scope.lang),
        sector=scope.sector,
        places=tuple(places),
    )


def task_headings(tasks: pd.DataFrame, limit: int) -> list[str]:
    """The first distinct bold sub-headings of a sector's 2023 tasks (document text)."""
    headings = [h for h in dict.fromkeys(tasks.sort_values("start")["subheading"]) if h]
    return headings[:limit]


def sector_slide(
    scope: Scope, sector_id: str, shown: frozenset[str] = frozenset(), compare: bool = True
) -> Slide | None:
    """One sector: its lead figures, its 2023 task headings, and its targets chart; without
    the figures ``shown`` on earlier slides, and without results against targets unless
    ``compare``."""
    lang = scope.lang
    facts = scope.facts[scope.facts["sector"] == sector_id]
    if facts.empty:
        return None
    facts = facts[~facts["fact_id"].isin(shown)]
    mine = scope.comparisons[scope.comparisons["sector"] == sector_id]
    if not compare:
        facts = facts[~facts["fact_id"].isin(compared_ids(mine))]
        mine = mine.iloc[0:0]
    comparisons = one_scale(scope, mine)
    if len(comparisons) < len(chartable(scope, mine)):  # units that share no scale: a table
        comparisons = comparisons.iloc[0:0]
    chart, figures, rows = None, [], None
    if not comparisons.empty:
        rows, figures = target_rows(scope, comparisons.head(MEASURES_PER_SLIDE))
        chart = partial(charts.bars, rows)
    pairs = pair_rows(mine, lang, scope.texts) if chart is None else ()
    if pairs or chart:  # the table or chart shows the compared figures; tiles the others
        shown = compared_ids(mine if pairs else comparisons.head(MEASURES_PER_SLIDE))
        facts = facts[~facts["fact_id"].isin(shown)]
    limit = SECTOR_LIMIT_WITH_CHART if chart or pairs else SECTOR_LIMIT
    kpis = scope.kpis(scope.lead(facts, limit))
    headings = [
        translated(h, lang, scope.english)
        for h in task_headings(scope.tasks[scope.tasks["sector"] == sector_id], TASK_LIMIT)
    ]
    pillar = sector_of(sector_id).pillar
    return Slide(
        kind="sector",
        title=sector_name(sector_id, lang),
        subtitle=pillar_label(pillar, lang) if pillar else "",
        kpis=tuple(kpis),
        figures=tuple(figures),
        bullets=tuple(headings),
        chart=chart,
        chart_title=t("present_chart_targets", lang) if chart else "",
        notes=notes.sector_notes(kpis, headings, lang),
        sources=scope.sources_of([*kpis, *figures]),
        sector=sector_id,
        pairs=pairs,
        bars=rows,
    )


def _thin(slide: Slide | None) -> bool:
    """A slide that shows fewer than ``THIN`` figures (tiles, bars and table cells)."""
    return slide is not None and len(slide.fact_ids) < THIN


def _with_tiles(scope: Scope, slide: Slide, kpis: Sequence[Kpi], first: bool = False) -> Slide:
    """``slide`` with ``kpis`` added to its tiles (before its own when ``first``), its notes
    and sources following."""
    merged = (*kpis, *slide.kpis) if first else (*slide.kpis, *kpis)
    if slide.kind == "sector":
        said = notes.sector_notes(list(merged), list(slide.bullets), scope.lang)
    else:
        said = notes.figure_notes(list(merged), scope.lang)
    return replace(
        slide,
        kpis=merged,
        notes=said,
        sources=scope.sources_of([*merged, *slide.figures]),
    )


def _without_tiles(scope: Scope, slide: Slide, count: int) -> Slide:
    """``slide`` without its last ``count`` tiles."""
    return _with_tiles(scope, replace(slide, kpis=slide.kpis[: len(slide.kpis) - count]), ())


def _has_content(slide: Slide | None) -> bool:
    return slide is not None and bool(slide.kpis or slide.bullets or slide.chart or slide.pairs)


def sector_deck(scope: Scope) -> list[Slide | None]:
    """One sector's briefing, each measure shown once: its headline figures, its results
    against targets, its map, then its other figures and its tasks. One pillar would repeat
    the sector slide, so there is no pillars slide. No slide is thin: a comparison of fewer
    than ``THIN`` figures is drawn on the sector slide beside its figures; a headline slide
    of fewer than ``THIN`` tiles gives way to the sector slide; when the two slides' tiles
    fit on one, they are one; else the sector slide takes the headline's last tiles until
    it shows ``THIN`` figures."""
    sector = str(scope.sector)
    targets = targets_slides(scope)
    if any(_thin(slide) for slide in targets):
        targets = []
    compared = scope.measures_of(scope.said_with(set(compared_ids(scope.comparisons))))
    headline: Slide | None = headline_slide(scope, frozenset(compared))
    if _thin(headline):
        headline = None
    shown = scope.shown_by(*targets, headline)
    body = sector_slide(scope, sector, frozenset(shown), compare=not targets)
    if not _has_content(body):
        body = None
    if headline is None or body is None:  # the one slide of figures comes first
        return [title_slide(scope), headline or body, *targets, map_slide(scope)]
    limit = SECTOR_LIMIT_WITH_CHART if body.chart or body.pairs else SECTOR_LIMIT
    if len(headline.kpis) + len(body.kpis) <= limit:  # one slide of the sector's figures
        merged = _with_tiles(scope, body, headline.kpis, first=True)
        return [title_slide(scope), merged, *targets, map_slide(scope)]
    if _thin(body):
        moved = THIN - len(body.fact_ids)
        body = _with_tiles(scope, body, headline.kpis[-moved:], first=True)
        headline = _without_tiles(scope, headline, moved)
    return [title_slide(scope), headline, *targets, map_slide(scope), body]


SectorMemo = dict[tuple[str, frozenset[str], bool], Slide | None]


def _sector_slides(
    scope: Scope, shown: frozenset[str], compare: bool, memo: SectorMemo
) -> list[Slide | None]:
    """:func:`sector_slide` of every sector, each made once per the part of ``shown`` that
    is its own (a second pass of the summary rebuilds only the sectors it changed)."""
    out = []
    for sector in SECTORS:
        own = frozenset(scope.facts.loc[scope.facts["sector"] == sector.id, "fact_id"])
        key = (sector.id, shown & own, compare)
        if key not in memo:
            memo[key] = sector_slide(scope, sector.id, shown, compare)
        out.append(memo[key])
    return out


def _summary(
    scope: Scope, targets: list[Slide], pillars: bool, limit: int, memo: SectorMemo
) -> tuple[Slide, Slide | None, list[Slide]]:
    """The headline slide of ``limit`` tiles, the 高大尚 slide and the sector slides, each
    without what the slides before it showed."""
    compared = scope.measures_of(scope.said_with(set(compared_ids(scope.comparisons))))
    headline = headline_slide(scope, frozenset(compared | scope.shown_by(*targets)), limit)
    summary = None
    if pillars:
        summary = pillars_slide(scope, frozenset(scope.shown_by(*targets, headline)))
    shown = frozenset(scope.shown_by(*targets, headline, summary))
    sectors = _sector_slides(scope, shown, not targets, memo)
    return headline, summary, [s for s in sectors if s is not None and _has_content(s)]


def _bare_and_thin(slide: Slide) -> bool:
    """Fewer than ``THIN`` tiles and nothing else: no task headings, chart or table."""
    return _thin(slide) and not (slide.bullets or slide.chart or slide.pairs)


def district_deck(scope: Scope, pillars: bool) -> list[Slide | None]:
    """The whole district's briefing, each measure shown once. The summary comes first and
    keeps its figures: results against targets own the compared measures (a result beside
    its target says more than either alone), the headline slide the other headline
    measures, the 高大尚 slide (when ``pillars``) each pillar's next lead figures. A sector
    slide then shows what the summary did not: its other figures and its task headings,
    never its targets chart again. The tiles of a sector slide left with fewer than
    ``THIN`` figures and nothing else end the headline slide, which leads with that many
    fewer headline measures (they fall to the slides after it)."""
    targets = targets_slides(scope)
    memo: SectorMemo = {}
    headline, summary, sectors = _summary(scope, targets, pillars, HEADLINE_LIMIT, memo)
    spare = sum(len(s.kpis) for s in sectors if _bare_and_thin(s))
    if spare and HEADLINE_LIMIT - spare >= THIN:
        headline, summary, sectors = _summary(scope, targets, pillars, HEADLINE_LIMIT - spare, memo)
        folded = [k for s in sectors if _bare_and_thin(s) for k in s.kpis]
        if len(headline.kpis) + len(folded) <= HEADLINE_LIMIT:
            headline = _with_tiles(scope, headline, folded)
            sectors = [s for s in sectors if not _bare_and_thin(s)]
    return [title_slide(scope), headline, summary, *targets, map_slide(scope), *sectors]


def build_slides(data: Dataset, sector: str | None = None, lang: str = "zh") -> list[Slide]:
    """The briefing for ``sector`` (``None`` or ``"all"``: the whole district) in ``lang``,
    from the whole (uncut) dataset."""
    scope = make_scope(data, sector, lang)
    if scope.sector is not None:
        slides = sector_deck(scope)
    else:  # 高大尚 are Pinggu's
        slides = district_deck(scope, pillars=queries.is_home(data))
    return [s for s in slides if s is not None]
