"""Widgets shared by the pages: header, KPI tile, source popover, quote, legend, rebuild page."""

import pandas as pd
import streamlit as st

from pgdash.errors import PgdashError
from pgdash.schema import BUILD_COMMAND
from pgdash.sectors import BY_ID, PILLARS, SECTOR_IDS
from pgdash.ui import queries
from pgdash.ui.charts import sector_colour
from pgdash.ui.data import ALL, Dataset
from pgdash.ui.filters import current_sector
from pgdash.ui.formatting import format_period, rank_badge
from pgdash.ui.i18n import kind_name, metric_name, sector_name, t
from pgdash.ui.kpi import Tile, fact_value
from pgdash.ui.safe import escape_markdown, escape_text, highlight

CSS = """
<style>
.pg-quote {border-left: 4px solid #b3261e; background: #faf7f5; padding: .6rem .9rem;
  margin: .2rem 0 .4rem 0; line-height: 1.75; font-size: .95rem; color: #2b2f38;}
.pg-quote mark.num {background: #ffe08a; color: inherit; padding: 0 .1rem; font-weight: 700;}
.pg-quote .q {background: #fdeceb; border-bottom: 2px solid #e8b4b0;}
.pg-meta {color: #5b6473; font-size: .82rem; margin: .1rem 0 .2rem 0;}
.pg-task {line-height: 1.8; margin: .15rem 0 .35rem 0; font-size: .95rem;}
.pg-task mark.num {background: #ffe08a; font-weight: 700; padding: 0 .1rem;}
.pg-legend {display: flex; flex-wrap: wrap; gap: .35rem .9rem; font-size: .85rem;}
.pg-legend span.dot {display: inline-block; width: .8rem; height: .8rem; border-radius: 50%;
  margin-right: .3rem; vertical-align: -1px; border: 1px solid #fff; box-shadow: 0 0 0 1px #ccc;}
.pg-card-title {font-weight: 700; font-size: 1.02rem; color: #1f3a60; line-height: 1.45;}
.pg-card-text {font-size: .85rem; color: #4a5261; line-height: 1.6; margin-top: .2rem;}
.pg-target-value {font-size: 1.9rem; font-weight: 700; color: #b3261e; line-height: 1.2;}
.pg-target-text {font-size: 1.15rem; font-weight: 700; color: #1f3a60; line-height: 1.35;}
.pg-doc {font-weight: 600; color: #1f3a60; margin: .4rem 0 .1rem 0; font-size: .98rem;}
.pg-sub {font-weight: 700; color: #1f3a60; margin: .6rem 0 .1rem 0; font-size: 1rem;}
.pg-tasks {margin: 0 0 .3rem 1.1rem; padding: 0;}
.pg-chip {display: inline-block; font-size: .72rem; border: 1px solid; border-radius: .6rem;
  padding: 0 .45rem; margin-left: .3rem; vertical-align: 1px; white-space: nowrap;}
.pg-flag {display: inline-block; font-size: .72rem; background: #b3261e; color: #fff;
  border-radius: .6rem; padding: 0 .45rem; margin-left: .3rem; vertical-align: 1px;}
.pg-count {font-size: 1.6rem; font-weight: 700; color: #1f3a60;}
.pg-rank {font-weight: 800; color: #b3261e; font-size: 1.25rem; line-height: 1.3;}
.pg-pillar {font-size: 3rem; font-weight: 800; color: #b3261e; line-height: 1;}
[data-testid="stMetricValue"] {color: #1f3a60;}
</style>
"""


def inject_css() -> None:
    """Add the app's small stylesheet (takes no space on the page)."""
    st.html(CSS)


def page_header(title: str, subtitle: str, sector: str, lang: str) -> None:
    """Page title, one-line subtitle and, when filtered, the sector in force."""
    st.title(title, anchor=False)
    line = subtitle
    if sector != ALL:
        line += "　·　" + t("filtered_by", lang, sector=sector_name(sector, lang))
    st.caption(line)


def quote_html(text: str, number: tuple[int, int] | None = None) -> str:
    """A document quote as inert HTML, with the number marked when its span is given."""
    body = highlight(text, [number], "num") if number else escape_text(text)
    return f'<div class="pg-quote">{body}</div>'


def passage_html(p: queries.Passage) -> str:
    """A passage as inert HTML: the quote underlined, the number marked."""
    text = p.text
    q0, q1 = max(0, p.quote[0]), min(len(text), p.quote[1])
    n0, n1 = p.number
    parts = [escape_text(text[:q0])]
    inner = text[q0:q1]
    if q0 <= n0 and n1 <= q1:
        parts.append(f'<span class="q">{highlight(inner, [(n0 - q0, n1 - q0)], "num")}</span>')
        parts.append(escape_text(text[q1:]))
    else:
        parts = [highlight(text, [(n0, n1)], "num")]
    body = "".join(parts)
    if p.clipped_start:
        body = "…" + body
    if p.clipped_end:
        body += "…"
    return f'<div class="pg-quote">{body}</div>'


def meta_html(*parts: str) -> str:
    """A grey line of escaped metadata (document title, section …)."""
    return '<div class="pg-meta">' + "　·　".join(escape_text(p) for p in parts if p) + "</div>"


def show_fact_source(fact: pd.Series, data: Dataset, lang: str) -> None:
    """The passage of ``fact`` with its number highlighted, and where it comes from."""
    doc = data.document(fact["doc_id"])
    if doc is None:
        st.html(quote_html(str(fact["quote"])))
        return
    st.html(passage_html(queries.passage(doc["text"], fact)))
    title = doc["title_en"] if lang == "en" and doc["title_en"] else doc["title"]
    st.html(meta_html(str(title), str(doc["published"]), str(fact["section"] or "")))


def source_popover(fact: pd.Series, data: Dataset, lang: str, key: str) -> None:
    """A small "原文" button that opens the source passage."""
    with st.popover(
        t("source_sentence", lang), icon=":material/format_quote:", type="tertiary", key=key
    ):
        show_fact_source(fact, data, lang)


def kpi_tile(tile: Tile, fact: pd.Series, data: Dataset, lang: str) -> None:
    """One headline figure: metric, period and estimate badges, ranks, source on demand."""
    with st.container(border=True, height="stretch"):
        st.metric(
            escape_markdown(tile.label),
            escape_markdown(tile.value),
            delta=escape_markdown(tile.delta) if tile.delta else None,
            delta_color=tile.delta_color,
            delta_arrow=tile.delta_arrow,
            delta_description=tile.delta_description,
        )
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.badge(escape_markdown(tile.period), color="gray")
            if tile.kind and fact["kind"] != "actual":
                st.badge(escape_markdown(tile.kind), color="orange" if tile.is_estimate else "blue")
            for badge in tile.badges:
                st.badge(escape_markdown(badge), icon=":material/military_tech:", color="red")
            source_popover(fact, data, lang, key=f"src-{tile.fact_id}")


def kpi_grid(tiles: list[Tile], data: Dataset, lang: str, columns: int = 4) -> None:
    """Tiles in rows of ``columns``."""
    by_id = data.facts.set_index("fact_id", drop=False)
    for i in range(0, len(tiles), columns):
        cols = st.columns(columns)
        for col, tile in zip(cols, tiles[i : i + columns], strict=False):
            with col:
                kpi_tile(tile, by_id.loc[tile.fact_id], data, lang)


def fact_line(fact: pd.Series, lang: str) -> str:
    """ "地区生产总值增速 6.2%（2024年上半年）" as plain text."""
    period = format_period(fact["period"], lang)
    kind = "" if fact["kind"] == "actual" else f"，{kind_name(fact['kind'], lang)}"
    return f"{metric_name(fact, lang)}　{fact_value(fact, lang)}（{period}{kind}）"


def legend(items: list[tuple[str, str]], title: str) -> None:
    """A row of coloured dots with sector names."""
    spans = "".join(
        f'<span><span class="dot" style="background:{colour}"></span>{escape_text(name)}</span>'
        for name, colour in items
    )
    st.html(f'<div class="pg-meta">{escape_text(title)}</div><div class="pg-legend">{spans}</div>')


def empty_note(sector: str, lang: str) -> None:
    """An info line for an empty view."""
    st.info(t("no_data_sector" if sector != ALL else "no_data", lang), icon=":material/info:")


def rebuild_page(error: PgdashError, lang: str) -> None:
    """The friendly page shown instead of the app when data/ is missing or unusable."""
    st.title(t("data_missing_title", lang), anchor=False)
    st.error(t("data_missing_body", lang), icon=":material/database:")
    st.code(BUILD_COMMAND, language="bash")
    with st.expander(t("data_missing_detail", lang)):
        st.text(str(error))


def sidebar_status(data: Dataset, lang: str) -> None:
    """The data date and sources under the sidebar controls."""
    st.divider()
    st.caption(t("data_as_of", lang, date=escape_markdown(data.as_of)))
    st.caption(t("built_at", lang, time=data.built_at))
    titles = data.documents["title_en" if lang == "en" else "title"].tolist()
    st.html(
        '<div class="pg-meta">'
        + escape_text(t("documents_n", lang, n=len(titles)))
        + "<br>"
        + "<br>".join("· " + escape_text(str(title)) for title in titles)
        + "</div>"
    )


def group_header(title: str, doc: object | None = None, lang: str = "zh") -> None:
    """A section heading, with the document its figures come from when given."""
    st.subheader(title, anchor=False)
    if doc is not None:
        name = doc.title_en if lang == "en" and doc.title_en else doc.title  # type: ignore[attr-defined]
        st.html(meta_html(t("source", lang) + "：" + str(name), str(doc.published)))  # type: ignore[attr-defined]


def rank_strip(ranks: pd.DataFrame, data: Dataset, lang: str, columns: int = 5) -> None:
    """Every rank fact as a small card: the rank, what is ranked and when, the source."""
    rows = list(ranks.iterrows())
    for i in range(0, len(rows), columns):
        for col, (_, fact) in zip(st.columns(columns), rows[i : i + columns], strict=False):
            with col, st.container(border=True, height="stretch"):
                badge = rank_badge(fact["rank_scope"], fact["value"], lang)
                st.html(
                    f'<div class="pg-rank">{escape_text(badge)}</div>'
                    f'<div class="pg-card-text">{escape_text(metric_name(fact, lang))}</div>'
                    + meta_html(format_period(fact["period"], lang))
                )
                source_popover(fact, data, lang, key=f"rank-{fact['fact_id']}")


def target_cards(targets: list[queries.TargetClause], data: Dataset, lang: str) -> None:
    """The main expected targets: the figure when the clause has one, else its words."""
    cols = st.columns(len(targets))
    for col, clause in zip(cols, targets, strict=True):
        with col, st.container(border=True, height="stretch"):
            if clause.facts.empty:
                st.html(
                    f'<div class="pg-target-text">{escape_text(clause.text)}</div>'
                    + meta_html(t("no_number", lang))
                )
                continue
            for _, fact in clause.facts.iterrows():
                st.html(
                    f'<div class="pg-target-value">{escape_text(fact_value(fact, lang))}</div>'
                    f'<div class="pg-card-title">{escape_text(metric_name(fact, lang))}</div>'
                )
                source_popover(fact, data, lang, key=f"target-{fact['fact_id']}")


def honour_cards(honours: pd.DataFrame, lang: str, columns: int = 3, shown: int = 9) -> None:
    """The year's honours, national ones first; beyond ``shown``, in an expander."""
    ordered = honours.sort_values("national", ascending=False, kind="stable")
    _honour_grid(ordered.head(shown), lang, columns)
    rest = ordered.iloc[shown:]
    if not rest.empty:
        with st.expander(t("more_honours", lang, n=len(rest))):
            _honour_grid(rest, lang, columns)


def _honour_grid(honours: pd.DataFrame, lang: str, columns: int) -> None:
    rows = list(honours.itertuples())
    for i in range(0, len(rows), columns):
        cols = st.columns(columns)
        for col, h in zip(cols, rows[i : i + columns], strict=False):
            with col, st.container(border=True, height="stretch"):
                with st.container(horizontal=True, gap="small"):
                    if h.national:
                        st.badge(t("national", lang), icon=":material/star:", color="red")
                    st.badge(sector_name(h.sector, lang), color="gray")
                st.html(
                    f'<div class="pg-card-title">{escape_text(h.title)}</div>'
                    f'<div class="pg-card-text">{escape_text(h.clause)}</div>'
                )


def chunks(items: list, first: int, size: int) -> list[list]:
    """``items`` in rows: the first row of ``first`` items, then rows of ``size``."""
    rows = [items[:first]] if items[:first] else []
    rest = items[first:]
    rows.extend(rest[i : i + size] for i in range(0, len(rest), size))
    return rows


def site_panel(site_id: str | None, data: Dataset, lang: str) -> None:
    """Beside the map: the clicked site, its figures and the sentences that mention it."""
    sites = data.sites[data.sites["site_id"] == site_id] if site_id else data.sites.iloc[0:0]
    if sites.empty:
        st.info(t("click_site", lang), icon=":material/touch_app:")
        return
    site = sites.iloc[0]
    name = site["name_en"] if lang == "en" and site["name_en"] else site["name"]
    with st.container(border=True):
        st.html(
            f'<div class="pg-meta">{escape_text(t("selected_site", lang))}</div>'
            f'<div class="pg-card-title" style="font-size:1.25rem">{escape_text(str(name))}</div>'
        )
        with st.container(horizontal=True, gap="small"):
            st.badge(escape_markdown(sector_name(site["sector"], lang)), color="blue")
            if site["town"]:
                st.badge(
                    escape_markdown(str(site["town"])), icon=":material/location_on:", color="gray"
                )
        if site["description"]:
            st.html(f'<div class="pg-card-text">{escape_text(str(site["description"]))}</div>')
        facts = queries.facts_of(site["fact_ids"], data.facts)
        if not facts.empty:
            st.html(meta_html(t("site_facts", lang)))
            for _, fact in facts.iterrows():
                st.html(
                    f'<div class="pg-card-text"><b>{escape_text(fact_line(fact, lang))}</b></div>'
                )
                source_popover(fact, data, lang, key=f"site-{site['site_id']}-{fact['fact_id']}")
        quotes = list(site["quotes"]) if site["quotes"] is not None else []
        if quotes:
            st.html(meta_html(t("quotes", lang)))
            for quote in quotes:
                st.html(quote_html(str(quote)))


def task_html(task: pd.Series, facts: pd.DataFrame, lang: str, chip: bool = True) -> str:
    """One task sentence as inert HTML, its quantitative targets marked, its sector chipped."""
    spans = queries.task_number_spans(task, facts)
    colour = sector_colour(task["sector"])
    chip_html = (
        f'<span class="pg-chip" style="border-color:{colour};color:{colour}">'
        f"{escape_text(sector_name(task['sector'], lang))}</span>"
        if chip
        else ""
    )
    flag = f'<span class="pg-flag">{escape_text(t("quantified", lang))}</span>' if spans else ""
    return f'<li class="pg-task">{highlight(task["sentence"], spans, "num")} {chip_html}{flag}</li>'


def task_sections(
    tasks: pd.DataFrame, facts: pd.DataFrame, lang: str, expanded: bool, chips: bool = True
) -> None:
    """The work plan: one expander per section (the first open), sub-headings, sentences."""
    for section_no, section in tasks.sort_values(["section_no", "start"]).groupby(
        "section_no", sort=True
    ):
        title = str(section["section_title"].iloc[0])
        quantified = sum(bool(queries.task_number_spans(r, facts)) for _, r in section.iterrows())
        label = f"{escape_markdown(title)}　·　{len(section)}"
        if quantified:
            label += f"　·　{t('quantified', lang)} {quantified}"
        first = section_no == tasks["section_no"].min()
        with st.expander(label, expanded=expanded or first, key=f"section-{section_no}"):
            parts = []
            for subheading, group in section.groupby("subheading", sort=False):
                if subheading:
                    parts.append(f'<div class="pg-sub">{escape_text(str(subheading))}</div>')
                items = "".join(task_html(task, facts, lang, chips) for _, task in group.iterrows())
                parts.append(f'<ul class="pg-tasks">{items}</ul>')
            st.html("".join(parts))


SECTOR_VIEW_KEY = "sector_view"


def _counts_html(row: pd.Series, lang: str) -> str:
    return meta_html(
        f"{t('n_facts', lang)} {row['facts']}",
        f"{t('n_tasks', lang)} {row['tasks']}",
        f"{t('n_sites', lang)} {row['sites']}",
    )


def _choose(sector_id: str) -> None:
    st.session_state[SECTOR_VIEW_KEY] = sector_id


def pillar_cards(pillars: dict[str, str], summary: pd.DataFrame, lang: str) -> None:
    """The three 高大尚 pillars, each with its sector's counts and a button to open it."""
    by_sector = summary.set_index("sector")
    filtered = current_sector() != ALL
    for col, (pillar, sector_id) in zip(st.columns(len(pillars)), pillars.items(), strict=True):
        with col, st.container(border=True):
            st.html(
                f'<div style="display:flex;gap:.9rem;align-items:center">'
                f'<div class="pg-pillar">{escape_text(pillar)}</div><div>'
                f'<div class="pg-card-title">{escape_text(t(f"pillar_{pillar}", lang))}</div>'
                f'<div class="pg-card-text">{escape_text(sector_name(sector_id, lang))}</div>'
                f"</div></div>" + _counts_html(by_sector.loc[sector_id], lang)
            )
            st.button(
                sector_name(sector_id, lang),
                key=f"pillar-{sector_id}",
                icon=":material/arrow_forward:",
                type="tertiary",
                on_click=_choose,
                args=(sector_id,),
                disabled=filtered,
            )


def sector_picker(sidebar_sector: str, lang: str) -> str:
    """The sector shown: the sidebar's when set, else the reader's pick (a 高大尚 pillar first)."""
    if sidebar_sector != ALL:
        return sidebar_sector
    st.session_state.setdefault(SECTOR_VIEW_KEY, next(iter(PILLARS.values())))
    chosen = st.pills(
        t("choose_sector", lang),
        SECTOR_IDS,
        format_func=lambda s: sector_name(s, lang),
        key=SECTOR_VIEW_KEY,
        required=True,
        persist_state="session",
    )
    return chosen if chosen in SECTOR_IDS else next(iter(PILLARS.values()))


def sector_banner(sector_id: str, summary: pd.DataFrame, lang: str) -> None:
    """A coloured heading for the sector on view, with its 高大尚 pillar and counts."""
    s = BY_ID[sector_id]
    pillar = f"{s.pillar}　{t(f'pillar_{s.pillar}', lang)}　·　" if s.pillar else ""
    colour = sector_colour(sector_id)
    row = summary.set_index("sector").loc[sector_id]
    st.html(
        f'<div style="border-left:6px solid {colour};padding:.2rem 0 .2rem .8rem;margin:.6rem 0">'
        f'<div class="pg-card-title" style="font-size:1.5rem">{escape_text(pillar)}'
        f"{escape_text(sector_name(sector_id, lang))}</div>" + _counts_html(row, lang) + "</div>"
    )
