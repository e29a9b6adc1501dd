"""The 驾驶舱大屏 wall screen as inert HTML: one 16:9 screen, read from the back of the room.

:func:`board` makes everything that comes from the built tables (title bar, headline
results, the year's main targets, the latest figures, the map, one panel per sector and the
honours' ticker), once per build and language; :func:`ledger_html` draws the 督办 panel from
plain values the app reads from the ledger; :func:`page_html` puts them together.

Every length is a multiple of ``--u``, one 120th of the screen's width (one 67.5th of its
height on a screen that is not 16:9): 16 px at 1920 × 1080, 32 px at 3840 × 2160. The
smallest text is ``1u``. Panels have fixed shares of the screen and hold a bounded number
of items, so nothing scrolls and nothing is cut. Sector panels and map overlays all sit in
the page; ``data-slot`` numbers them and the wall's small script shows one at a time.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pgdash.display import cards, queries, wall_map
from pgdash.display.formatting import (
    date_text,
    fact_period,
    fact_value,
    is_part_year,
    sector_colour,
)
from pgdash.display.i18n import (
    kind_name,
    metric_name,
    pillar_label,
    sector_name,
    status_text,
    t,
    translated,
)
from pgdash.display.kpi import Tile, fact_texts, is_judged, side_text
from pgdash.display.safe import escape_text
from pgdash.display.wrapping import unbroken
from pgdash.sectors import BY_ID, SECTOR_IDS
from pgdash.tables import Dataset

CSS = (Path(__file__).with_name("wall.css")).read_text(encoding="utf-8")
RESULTS_SHOWN = 6  # headline results: two columns of three, large enough for English
LATEST_SHOWN = 5
TARGETS_SHOWN = 6
TICKER_SECONDS_PER_HONOUR = 5  # the honours' ticker moves one honour on in about this
SECTOR_FACTS_SHOWN = 4
SECTOR_SITES_SHOWN = 5
RAISED_SHOWN = 3  # red and overdue tasks named on the 督办 panel
LEDGER_SLOT = '<div class="wl-sector-ledger" data-ledger-sector="{sector}"></div>'
ZH = ' lang="zh-CN"'  # marks text left in the documents' Chinese
KIND_ORDER = {"actual": 0, "estimate": 1, "target": 2, "plan": 3}  # a sector's figures, in order


@dataclass(frozen=True)
class Raised:
    """A red or overdue task as the 督办 panel names it (plain values from the ledger)."""

    text: str
    lead_unit: str
    light: str  # red | yellow | green | none
    flag: str  # "红灯" / "已逾期 · 红灯": what makes it raised, in the wall's language


@dataclass(frozen=True)
class SectorLine:
    """A sector on the 督办 panel: its name, colour and how its tasks stand."""

    name: str
    colour: str
    line: str  # 27项任务 · 未设时限 27 · 已填报 0


@dataclass(frozen=True)
class LedgerPanel:
    """What the 督办 panel shows. ``lights`` and ``statuses`` are empty when the ledger
    has nothing to light; ``empty`` then says why, honestly."""

    title: str
    lights: tuple[tuple[str, str, int, str], ...] = ()  # (light, label, count, colour)
    statuses: tuple[tuple[str, int], ...] = ()  # (label, count), reported tasks by status
    raised: tuple[Raised, ...] = ()
    raised_title: str = ""
    none_raised: str = ""  # said when nothing is red or overdue
    note: str = ""  # how many tasks, as of which day
    empty: str = ""
    by_sector: tuple[tuple[str, str], ...] = ()  # (sector id, its lights in a line)
    # with nothing red or overdue: each sector's tasks, most to settle first
    sectors: tuple[SectorLine, ...] = ()
    sectors_title: str = ""


@dataclass(frozen=True)
class Board:
    """The wall's HTML made from the built tables (everything but the 督办 panel)."""

    title: str
    date_line: str
    results: str
    targets: str
    latest: str
    honours: str
    map_html: str
    sectors: tuple[str, ...]  # the sector ids of the panels, in rotation order
    sector_panels: str


def _tag(text: str, tone: str = "grey") -> str:
    return f'<span class="wl-tag wl-tag-{tone}">{escape_text(text)}</span>'


def _panel(key: str, title: str, body: str, aside: str = "") -> str:
    """A panel under its heading (none for an empty ``title``)."""
    aside_html = f'<span class="wl-aside">{escape_text(aside)}</span>' if aside else ""
    heading = f'<h2 class="wl-h">{escape_text(title)}{aside_html}</h2>' if title else ""
    return (
        f'<section class="wl-panel wl-p-{key}" data-panel="{key}">'
        f'{heading}<div class="wl-body">{body}</div></section>'
    )


def _empty(text: str) -> str:
    return f'<div class="wl-empty">{escape_text(text)}</div>'


def _row(fact_id: str, label: str, value: str, tags: Sequence[str]) -> str:
    """A figure on one line where it fits: its name and tags, the value on the right."""
    return (
        f'<div class="wl-row" data-fact-id="{escape_text(fact_id)}">'
        f'<span class="wl-row-label">{escape_text(label)} {"".join(tags)}</span>'
        f'<b class="wl-row-value">{escape_text(unbroken(value))}</b></div>'
    )


def tile_html(tile: Tile, part_year: bool, lang: str) -> str:
    """One headline figure: name, value, its growth, period and rank tags, the comparison."""
    tags = [_tag(tile.period)]
    if part_year:
        tags.append(_tag(t("wall_part_year", lang), "orange"))
    if tile.is_estimate:
        tags.append(_tag(tile.kind, "orange"))
    tags += [_tag("★ " + badge, "gold") for badge in tile.badges]
    tone = cards.delta_tone(tile)
    # a judged difference, or the one other side of its measure (累计117个); a pair of sides
    # with their periods is too long for a tile read from across the room
    shown = tile.delta and (tile.delta_color != "off" or t("pair_joiner", lang) not in tile.delta)
    delta = f'<div class="wl-delta wl-{tone}">{escape_text(tile.delta)}</div>' if shown else ""
    extra = f'<span class="wl-extra">{escape_text(tile.extra)}</span>' if tile.extra else ""
    return (
        f'<div class="wl-tile" data-kpi data-fact-id="{escape_text(tile.fact_id)}">'
        f'<div class="wl-label">{escape_text(tile.label)}</div>'
        f'<div class="wl-value">{escape_text(unbroken(tile.value))}{extra}</div>'
        f'<div class="wl-tags">{"".join(tags)}</div>{delta}</div>'
    )


def _periods(data: Dataset) -> dict[str, str]:
    return dict(zip(data.facts["fact_id"], data.facts["period"], strict=True))


def results_html(tiles: Sequence[Tile], data: Dataset, lang: str) -> tuple[str, str]:
    """The work reports' results (not targets) as tiles, and the period most of them report."""
    reports = set(data.documents.loc[data.documents["kind"] == "work_report", "doc_id"])
    shown = [x for x in tiles if x.doc_id in reports and not x.is_target][:RESULTS_SHOWN]
    if not shown:
        return _empty(t("wall_no_results", lang)), ""
    periods = _periods(data)
    grid = "".join(tile_html(x, is_part_year(periods.get(x.fact_id, "")), lang) for x in shown)
    return f'<div class="wl-tiles">{grid}</div>', max(
        (x.period for x in shown), key=[x.period for x in shown].count
    )


def latest_html(tiles: Sequence[Tile], data: Dataset, lang: str) -> str:
    """The most recent figures (documents other than the work reports, newest first; not
    plans), one per line, part-year figures marked."""
    docs = data.documents.sort_values("published", ascending=False, kind="stable")
    others = [d for d in docs.itertuples() if d.kind != "work_report"]
    periods = _periods(data)
    rows = []
    for doc in others:
        for x in tiles:
            if x.doc_id == doc.doc_id and x.fact_kind != "plan" and len(rows) < LATEST_SHOWN:
                tags = [_tag(x.period)]
                if is_part_year(periods.get(x.fact_id, "")):
                    tags.append(_tag(t("wall_part_year", lang), "orange"))
                tags += [_tag("★ " + badge, "gold") for badge in x.badges]
                rows.append(_row(x.fact_id, x.label, x.value, tags))
    if not rows:
        return _empty(t("wall_no_latest", lang))
    return "".join(rows)


def targets_html(data: Dataset, clauses: Sequence[queries.TargetClause], lang: str) -> str:
    """The main expected targets: the target, and the verdict the build reached or the
    honest reason there is none yet, with the figure that reason speaks of (半年数据，仅供参考
    · 2024年上半年6.2%); a clause without a number says it is qualitative."""
    texts = fact_texts(data.facts, lang)
    by_target = {
        row["target_fact_id"]: row
        for _, row in data.comparisons.iterrows()
        if isinstance(row["target_fact_id"], str) and row["target_fact_id"]
    }
    rows = []
    for clause in list(clauses)[:TARGETS_SHOWN]:
        if clause.facts.empty:
            name = translated(clause.text, lang, data.english)
            zh = ZH if lang == "en" and name == clause.text else ""
            rows.append(
                f'<div class="wl-target"><span class="wl-target-name"{zh}>{escape_text(name)}'
                '</span><span class="wl-verdict wl-neutral">'
                f"{escape_text(t('wall_qualitative', lang))}</span></div>"
            )
            continue
        fact = clause.facts.iloc[0]
        row = by_target.get(fact["fact_id"])
        if row is None:
            verdict, tone = t("wall_no_verdict", lang), "neutral"
        else:
            verdict, tone = status_text(row, lang), str(row.get("tone") or "neutral")
            latest = "" if is_judged(row) else side_text(row, "latest", lang, texts)
            verdict += t("sep", lang) + latest if latest else ""
        rows.append(
            f'<div class="wl-target" data-fact-id="{escape_text(fact["fact_id"])}">'
            f'<span class="wl-target-name">{escape_text(metric_name(fact, lang))}</span>'
            f'<b class="wl-target-value">{escape_text(unbroken(fact_value(fact, lang)))}</b>'
            f'<span class="wl-verdict wl-{escape_text(tone)}">{escape_text(verdict)}</span></div>'
        )
    more = len(clauses) - TARGETS_SHOWN
    if more > 0:
        rows.append(
            f'<div class="wl-note">{escape_text(t("wall_more_targets", lang, n=more))}</div>'
        )
    return "".join(rows) or _empty(t("wall_no_targets", lang))


def honours_html(honours: pd.DataFrame, lang: str, glossary: Mapping[str, str]) -> str:
    """The year's honours as a ticker along the foot of the screen, national ones first
    (starred): every honour, in a loop; the heading and the counts stay put."""
    count = ""
    if not honours.empty:
        national = int(honours["is_national"].sum())
        count = t("wall_honours_count", lang, n=len(honours), national=national)
    heading = (
        f'<div class="wl-ticker-head"><b>{escape_text(t("honours", lang))}</b>'
        f'<span class="wl-aside">{escape_text(count)}</span></div>'
    )
    if honours.empty:
        return (
            f'<section class="wl-ticker" data-panel="honours">{heading}'
            f"{_empty(t('wall_no_honours', lang))}</section>"
        )
    ordered = honours.sort_values("is_national", ascending=False, kind="stable")
    items = []
    for h in ordered.itertuples():
        title = translated(h.title, lang, glossary)
        zh = ZH if lang == "en" and title == h.title else ""
        star = '<span class="wl-star">★</span>' if h.is_national else ""
        items.append(f'<span class="wl-honour">{star}<span{zh}>{escape_text(title)}</span></span>')
    run = "".join(items)
    seconds = TICKER_SECONDS_PER_HONOUR * len(items)
    return (
        f'<section class="wl-ticker" data-panel="honours">{heading}'
        f'<div class="wl-ticker-window"><div class="wl-ticker-track" style="--t:{seconds}s">'
        f'<div class="wl-ticker-run">{run}</div>'
        f'<div class="wl-ticker-run" aria-hidden="true">{run}</div></div></div></section>'
    )


def rotation(data: Dataset) -> tuple[str, ...]:
    """The sectors the wall steps through: those with figures or key sites, in order."""
    summary = queries.sector_overview(data.facts, data.tasks, data.sites)
    busy = set(summary.loc[(summary["facts"] > 0) | (summary["sites"] > 0), "sector"])
    return tuple(s for s in SECTOR_IDS if s in busy)


def sector_panel(
    data: Dataset, sector: str, slot: int, lang: str, overview: pd.DataFrame | None = None
) -> str:
    """One sector: its name and pillar, how many figures, tasks and sites, a few of its
    figures (results before targets and plans, headline first, the newest document first,
    each non-actual one tagged with its kind), its key sites (those the map highlights) and
    a slot for its 督办 line (:func:`with_sector_lights`)."""
    facts = queries.in_order(data.facts[data.facts["sector"] == sector], data.documents)
    facts = facts[~facts["is_rank"]]  # a rank is shown with its figure, not as a line
    order = {d: i for i, d in enumerate(data.documents.sort_values("published")["doc_id"])}
    facts = facts.assign(
        _kind=facts["kind"].map(KIND_ORDER).fillna(len(KIND_ORDER)),
        _head=~facts["headline"].astype(bool),
        _doc=facts["doc_id"].map(order),
    )  # results before targets and plans, headline first, the newest document first
    facts = facts.sort_values(["_kind", "_head", "_doc"], ascending=[True, True, False])
    # counted as the sectors page counts them (ranks among the figures, routes not sites)
    if overview is None:
        overview = queries.sector_overview(data.facts, data.tasks, data.sites)
    counted = overview.set_index("sector").loc[sector]
    sites = data.sites[(data.sites["sector"] == sector) & (data.sites["kind"] != "town")]
    s = BY_ID[sector]
    name = sector_name(sector, lang)
    pillar = (
        f'<span class="wl-pillar">{escape_text(pillar_label(s.pillar, lang))}</span>'
        if s.pillar
        else ""
    )
    counts = t("sep", lang).join(
        (
            t("wall_n_facts", lang, n=counted["facts"]),
            t("wall_n_tasks", lang, n=counted["tasks"]),
            t("wall_n_sites", lang, n=counted["sites"]),
        )
    )
    lines = []
    for _, fact in facts.head(SECTOR_FACTS_SHOWN).iterrows():
        period = fact_period(fact, lang)
        part = _tag(t("wall_part_year", lang), "orange") if is_part_year(fact["period"]) else ""
        if fact["kind"] != "actual":
            part += _tag(
                kind_name(fact["kind"], lang), "orange" if fact["kind"] == "estimate" else "violet"
            )
        value = fact_value(fact, lang)
        lines.append(_row(fact["fact_id"], metric_name(fact, lang), value, [_tag(period) + part]))
    if not lines:
        lines.append(_empty(t("wall_sector_no_facts", lang)))
    names = [wall_map.site_name(site, lang) for site in sites.head(SECTOR_SITES_SHOWN).itertuples()]
    more = len(sites) - len(names)
    site_line = t("list_sep", lang).join(names) + (t("wall_more", lang, n=more) if more > 0 else "")
    sites_html = (
        f'<div class="wl-sites"><span class="wl-dot" style="--c:{sector_colour(sector)}"></span>'
        f"{escape_text(t('wall_sites', lang))}{escape_text(site_line)}</div>"
        if names
        else ""
    )
    on = " wl-on" if slot == 0 else ""
    return (
        f'<div class="wl-sector{on}" data-slot="{slot}" data-sector="{sector}" '
        f'style="--c:{sector_colour(sector)}">'
        f'<div class="wl-sector-head"><span class="wl-sector-name">{escape_text(name)}</span>'
        f'{pillar}<span class="wl-counts">{escape_text(counts)}</span></div>'
        f"{''.join(lines)}{sites_html}{LEDGER_SLOT.format(sector=sector)}</div>"
    )


def map_html(data: Dataset, sectors: Sequence[str], lang: str) -> str:
    """The map: the base drawing and one overlay per sector (the first shown), carrying
    ``data-map``; an honest line when the build has no boundary for the documents' district."""
    base, overlays = wall_map.drawings(data.boundary, data.context, data.sites, sectors, lang)
    if not queries.map_fits(data) or not base:
        return _empty(queries.no_map_line(data, lang))
    layers = [cards.svg_image(base, t("wall_map_alt", lang), "wl-map-base")]
    for slot, (sector, overlay) in enumerate(zip(sectors, overlays, strict=True)):
        image = cards.svg_image(overlay, sector_name(sector, lang), "wl-map-layer")
        on = " wl-on" if slot == 0 else ""
        layers.append(f'<div class="wl-map-over{on}" data-slot="{slot}">{image}</div>')
    captions = "".join(
        f'<div class="wl-map-caption{" wl-on" * (slot == 0)}" data-slot="{slot}" '
        f'style="--c:{sector_colour(s)}">{escape_text(sector_name(s, lang))}</div>'
        for slot, s in enumerate(sectors)
    )
    legend = (
        f'<div class="wl-legend"><span class="wl-ring"></span>{escape_text(t("wall_towns", lang))}'
        f'<span class="wl-dot" style="--c:#8ea0b8"></span>{escape_text(t("wall_all_sites", lang))}'
        "</div>"
    )
    return f'<div class="wl-map" data-map>{"".join(layers)}{captions}{legend}</div>'


def board(
    data: Dataset, tiles: Sequence[Tile], clauses: Sequence[queries.TargetClause], lang: str,
    district: str, year: int, pinned: str | None = None,
) -> Board:  # fmt: skip
    """Everything on the wall that comes from the built tables, in ``lang``; ``pinned``
    keeps one sector (no rotation), else every sector with figures or sites takes a turn."""
    sectors = (pinned,) if pinned else rotation(data)
    results, period = results_html(tiles, data, lang)
    line = t("sep", lang).join(
        (
            t("data_as_of", lang, date=date_text(data.as_of, lang)),
            t("built_at", lang, time=data.built_at),
        )
    )
    overview = queries.sector_overview(data.facts, data.tasks, data.sites)  # once for all
    panels = "".join(sector_panel(data, s, i, lang, overview) for i, s in enumerate(sectors))
    return Board(
        title=t("wall_title", lang, district=district),
        date_line=line,
        results=_panel("results", t("wall_results", lang), results, period),
        targets=_panel(
            "targets", t("main_targets", lang, year=year), targets_html(data, clauses, lang)
        ),
        latest=_panel("latest", t("group_latest", lang), latest_html(tiles, data, lang)),
        honours=honours_html(data.honours, lang, data.english),
        map_html=map_html(data, sectors, lang),
        sectors=tuple(sectors),
        sector_panels=_panel("sectors", "", panels or _empty(t("wall_no_sectors", lang))),
    )


def ledger_html(panel: LedgerPanel, lang: str) -> str:
    """The 督办 panel: a chip per light, the reported tasks by status, the red and overdue
    tasks named with their lead units; or the honest line of an empty ledger."""
    if not panel.lights:
        return _panel("ledger", panel.title, _empty(panel.empty))
    chips = "".join(
        f'<div class="wl-light" data-light="{escape_text(light)}" '
        f'style="--c:{escape_text(colour)}">'
        f"<b>{int(count)}</b><span>{escape_text(label)}</span></div>"
        for light, label, count, colour in panel.lights
    )
    statuses = t("sep", lang).join(f"{label} {int(n)}" for label, n in panel.statuses if n)
    raised = "".join(
        f'<div class="wl-raised" data-light="{escape_text(r.light)}">'
        f'<span class="wl-flag">{escape_text(r.flag)}</span>'
        f'<span class="wl-raised-text"{ZH}>{escape_text(r.text)}</span>'
        f'<span class="wl-lead"{ZH}>{escape_text(r.lead_unit)}</span></div>'
        for r in panel.raised[:RAISED_SHOWN]
    )
    more = len(panel.raised) - RAISED_SHOWN
    if more > 0:
        raised += f'<div class="wl-note">{escape_text(t("wall_more_raised", lang, n=more))}</div>'
    raised_block = (
        f'<div class="wl-sub">{escape_text(panel.raised_title)}</div>{raised}'
        if panel.raised
        else f'<div class="wl-note">{escape_text(panel.none_raised)}</div>{_sectors(panel)}'
    )
    body = (
        f'<div class="wl-lights">{chips}</div>'
        f'<div class="wl-note">{escape_text(statuses)}</div>{raised_block}'
    )
    return _panel("ledger", panel.title, body, panel.note)


def _sectors(panel: LedgerPanel) -> str:
    """Each sector's tasks, a line each under the panel's heading for them ("" for none)."""
    if not panel.sectors:
        return ""
    rows = "".join(
        f'<div class="wl-ledger-sector" style="--c:{escape_text(s.colour)}">'
        f"<b>{escape_text(s.name)}</b><span>{escape_text(s.line)}</span></div>"
        for s in panel.sectors
    )
    heading = f'<div class="wl-sub wl-sub-plain">{escape_text(panel.sectors_title)}</div>'
    return f'{heading}<div class="wl-ledger-sectors">{rows}</div>'


def with_sector_lights(panels: str, by_sector: Sequence[tuple[str, str]]) -> str:
    """The sector panels with each sector's 督办 line (from the ledger) in its place."""
    for sector, line in by_sector:
        empty = LEDGER_SLOT.format(sector=escape_text(sector))
        panels = panels.replace(empty, empty.replace("></div>", f">{escape_text(line)}</div>"))
    return panels


def page_html(
    b: Board, ledger: str, lang: str, rotate: int, by_sector: Sequence[tuple[str, str]] = (),
    notice: str = "",
) -> str:  # fmt: skip
    """The whole wall: title bar, then three columns of panels. ``rotate`` is the seconds
    between sectors (0: no rotation); ``by_sector`` each sector's 督办 line; ``notice`` a
    value of the address that was not understood, said in the title bar in place of the
    data date. The clock is left empty for the wall's script to fill, so the page is the
    same on every run until the data or the ledger changes."""
    rotate = rotate if len(b.sectors) > 1 else 0
    panels = with_sector_lights(b.sector_panels, by_sector)
    lang_attr = "en" if lang == "en" else "zh-CN"
    date = (
        f'<div class="wl-date wl-notice">{escape_text(notice)}</div>'
        if notice
        else f'<div class="wl-date">{escape_text(b.date_line)}</div>'
    )
    return (
        f'<div class="wl-wall" data-wall lang="{lang_attr}" data-rotate="{int(rotate)}" '
        f'data-slots="{len(b.sectors)}">'
        f'<header class="wl-top"><h1 class="wl-title">{escape_text(b.title)}</h1>{date}'
        '<div class="wl-clock" data-wall-clock></div></header>'
        f'<div class="wl-col wl-left">{b.results}{b.latest}</div>'
        f'<div class="wl-col wl-centre"><section class="wl-panel wl-mapbox" data-panel="map">'
        f"{b.map_html}</section>{panels}</div>"
        f'<div class="wl-col wl-right">{ledger}{b.targets}</div>{b.honours}'
        "</div>"
    )


def style() -> str:
    """The wall's stylesheet (dark, large type), in a ``<style>`` element."""
    return f"<style>{CSS}</style>"
