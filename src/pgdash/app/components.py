"""What the pages share: header, card grids, scorecard, quotes, work plan, legend, rebuild page."""

import base64
from pathlib import Path

import pandas as pd
import streamlit as st

from pgdash.app.data import ALL, Dataset
from pgdash.app.filters import current_sector
from pgdash.briefing import Slide
from pgdash.display import cards, queries, scorecard
from pgdash.display.formatting import format_period, rank_badge, sector_colour
from pgdash.display.i18n import kind_name, metric_name, sector_name, t
from pgdash.display.kpi import Tile, fact_value
from pgdash.display.safe import escape_markdown, escape_text, highlight
from pgdash.errors import PgdashError
from pgdash.schema import BUILD_COMMAND
from pgdash.sectors import BY_ID, PILLARS, SECTOR_IDS

CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


def inject_css() -> None:
    """Add the app's stylesheet (takes no space on the page)."""
    st.html(f"<style>{CSS}</style>")


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


def source_html(fact: pd.Series, data: Dataset, lang: str) -> str:
    """The passage of ``fact`` with its number highlighted, and where it comes from."""
    doc = data.document(fact["doc_id"])
    if doc is None:
        return quote_html(str(fact["quote"]))
    title = doc["title_en"] if lang == "en" and doc["title_en"] else doc["title"]
    return passage_html(queries.passage(doc["text"], fact)) + meta_html(
        str(title), str(doc["published"]), str(fact["section"] or "")
    )


def show_fact_source(fact: pd.Series, data: Dataset, lang: str) -> None:
    """Show the passage of ``fact`` (see :func:`source_html`)."""
    st.html(source_html(fact, data, lang))


def fact_source(fact: pd.Series, data: Dataset, lang: str) -> str:
    """The "原文" disclosure of a fact, for a card."""
    return cards.source_details(t("source_sentence", lang), source_html(fact, data, lang))


def kpi_grid(tiles: list[Tile], data: Dataset, lang: str, columns: int = 4) -> None:
    """Headline figures as cards in rows of ``columns``, one element for the whole grid."""
    by_id = data.facts.set_index("fact_id", drop=False)
    label = t("source_sentence", lang)
    html = []
    for tile in tiles:
        fact = by_id.loc[tile.fact_id]
        source = source_html(fact, data, lang)
        html.append(cards.kpi_card(tile, source, label, is_actual=fact["kind"] == "actual"))
    st.html(cards.grid(html, columns))


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
    """The data date and sources under the sidebar controls, in one element."""
    titles = data.documents["title_en" if lang == "en" else "title"].tolist()
    lines = [
        t("data_as_of", lang, date=data.as_of),
        t("built_at", lang, time=data.built_at),
        t("documents_n", lang, n=len(titles)),
    ]
    st.html(
        '<div class="pg-status-block">'
        + "".join(f"<div>{escape_text(line)}</div>" for line in lines)
        + "".join(f'<div class="pg-doc-line">· {escape_text(str(title))}</div>' for title in titles)
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
    st.html(
        cards.grid(
            (
                cards.figure_card(
                    fact["fact_id"],
                    rank_badge(fact["rank_scope"], fact["value"], lang),
                    metric_name(fact, lang),
                    [cards.tag(format_period(fact["period"], lang))],
                    fact_source(fact, data, lang),
                )
                for _, fact in ranks.iterrows()
            ),
            columns,
        )
    )


def score_table(comparisons: pd.DataFrame, data: Dataset, lang: str) -> None:
    """The targets scorecard (see :mod:`pgdash.display.scorecard`) with every value's source."""
    rows = scorecard.score_rows(comparisons, lang)
    by_id = data.facts.set_index("fact_id", drop=False)
    sources = {
        fact_id: source_html(by_id.loc[fact_id], data, lang)
        for row in rows
        for fact_id in row.fact_ids.values()
        if fact_id in by_id.index
    }
    st.html(scorecard.scorecard_html(rows, sources, lang))


def fact_table(facts: pd.DataFrame, data: Dataset, lang: str, sector: bool = True) -> str:
    """Facts as rows of inert HTML: measure, value, period and kind, where it is said, source."""
    heads = ("measure", "value", "period", "section")
    rows = ['<div class="pg-list-row pg-list-head">' + "".join(
        f"<div>{escape_text(t(key, lang))}</div>" for key in heads
    ) + "</div>"]  # fmt: skip
    for _, fact in facts.iterrows():
        where = str(fact["section"] or "").split("›")[-1].strip()
        tags = [cards.tag(format_period(fact["period"], lang))]
        if fact["kind"] != "actual":
            tags.append(cards.tag(kind_name(fact["kind"], lang), "blue"))
        if sector:
            tags.append(cards.tag(sector_name(fact["sector"], lang)))
        rows.append(
            f'<div class="pg-list-row" data-fact-id="{escape_text(fact["fact_id"])}">'
            f'<div class="pg-name">{escape_text(metric_name(fact, lang))}</div>'
            f'<div class="pg-cell">{escape_text(fact_value(fact, lang))}</div>'
            f'<div class="pg-tags">{"".join(tags)}</div>'
            f'<div class="pg-text">{escape_text(where)}{fact_source(fact, data, lang)}</div>'
            "</div>"
        )
    return f'<div class="pg-score">{"".join(rows)}</div>'


def sector_counts(facts: pd.DataFrame, lang: str) -> None:
    """A bar per sector: how many figures the documents give for it."""
    counts = facts["sector"].value_counts()
    bars = [(sector_name(s, lang), int(counts.get(s, 0)), sector_colour(s)) for s in SECTOR_IDS]
    st.html(cards.bars_html(t("facts_by_sector", lang), bars))


def section_html(title: str, count: str, body_html: str, is_open: bool = False) -> str:
    """``body_html`` under a native "title  count" disclosure (closed unless ``is_open``)."""
    return (
        f'<details class="pg-section"{" open" if is_open else ""}><summary>{escape_text(title)}'
        f'<span class="pg-count">{escape_text(count)}</span></summary>'
        f'<div class="pg-section-body">{body_html}</div></details>'
    )


def folded(title: str, count: int, body_html: str) -> None:
    """``body_html`` folded under a "title · count" disclosure, closed at first."""
    st.html(section_html(title, str(count), body_html))


def all_facts(facts: pd.DataFrame, data: Dataset, lang: str) -> None:
    """Every figure of a sector, folded under a "全部数字 · N" disclosure."""
    folded(t("facts_table", lang), len(facts), fact_table(facts, data, lang, sector=False))


def sector_sites(slide: Slide | None, svg: str, lang: str) -> None:
    """The sector's sites: the district map with numbered dots, and the names by number."""
    if slide is None or not slide.places:
        st.info(t("no_sites", lang), icon=":material/info:")
        return
    image = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    names = "".join(
        f'<li><span class="pg-num" style="background:{p.colour}">{escape_text(p.number)}</span>'
        f"{escape_text(p.name)}</li>"
        for p in slide.places
    )
    st.html(
        f'<img class="pg-minimap" alt="{escape_text(t("sector_sites", lang))}"'
        f' src="data:image/svg+xml;base64,{image}"><ol class="pg-places">{names}</ol>'
    )


def target_cards(targets: list[queries.TargetClause], data: Dataset, lang: str) -> None:
    """The main expected targets: the figure when the clause has one, else its words."""
    html = []
    for clause in targets:
        if clause.facts.empty:
            html.append(cards.text_card(clause.text, "", note=t("no_number", lang)))
        for _, fact in clause.facts.iterrows():
            source = fact_source(fact, data, lang)
            value = fact_value(fact, lang)
            html.append(
                cards.figure_card(fact["fact_id"], value, metric_name(fact, lang), [], source)
            )
    st.html(cards.grid(html, len(html)))


def honour_cards(honours: pd.DataFrame, lang: str, columns: int = 3, shown: int = 9) -> None:
    """The year's honours, national ones first; beyond ``shown``, in an expander."""
    ordered = honours.sort_values("national", ascending=False, kind="stable")
    st.html(_honour_grid(ordered.head(shown), lang, columns))
    rest = ordered.iloc[shown:]
    if not rest.empty:
        with st.expander(t("more_honours", lang, n=len(rest))):
            st.html(_honour_grid(rest, lang, columns))


def _honour_grid(honours: pd.DataFrame, lang: str, columns: int) -> str:
    national = cards.tag("★ " + t("national", lang), "red")
    return cards.grid(
        (
            cards.text_card(
                h.title,
                h.clause,
                [national] * bool(h.national) + [cards.tag(sector_name(h.sector, lang))],
            )
            for h in honours.itertuples()
        ),
        columns,
    )


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
            st.html(
                "".join(
                    f'<div class="pg-card-text"><b>{escape_text(fact_line(fact, lang))}</b></div>'
                    + fact_source(fact, data, lang)
                    for _, fact in facts.iterrows()
                )
            )
        quotes = list(site["quotes"]) if site["quotes"] is not None else []
        if quotes:
            st.html(meta_html(t("quotes", lang)))
            for quote in quotes:
                st.html(quote_html(str(quote)))


def task_html(task: pd.Series, spans: list[tuple[int, int]], lang: str, chip: bool = True) -> str:
    """One task sentence as inert HTML, its quantitative targets (``spans``) marked."""
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
    """The work plan: one disclosure per section (the first open), sub-headings, sentences.

    Native ``<details>`` in one element: eleven sections open and close without a rerun.
    """
    ordered = tasks.sort_values(["section_no", "start"])
    ordered = ordered.assign(spans=queries.number_spans(ordered, facts))
    first_section = ordered["section_no"].min()
    sections = []
    for section_no, section in ordered.groupby("section_no", sort=True):
        quantified = sum(bool(spans) for spans in section["spans"])
        count = f"{len(section)}" + (
            f"　·　{t('quantified', lang)} {quantified}" * bool(quantified)
        )
        parts = []
        for subheading, group in section.groupby("subheading", sort=False):
            if subheading:
                parts.append(f'<div class="pg-sub">{escape_text(str(subheading))}</div>')
            items = "".join(
                task_html(task, task["spans"], lang, chips) for _, task in group.iterrows()
            )
            parts.append(f'<ul class="pg-tasks">{items}</ul>')
        title = str(section["section_title"].iloc[0])
        is_open = expanded or section_no == first_section
        sections.append(section_html(title, count, "".join(parts), is_open))
    st.html("".join(sections))


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
