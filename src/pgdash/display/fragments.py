"""HTML fragments of facts, passages, tasks and lists: inert HTML strings, no Streamlit.

Every document string goes through :func:`escape_text` or :func:`highlight`; the app draws
each fragment with one ``st.html`` call.
"""

from collections.abc import Mapping

import pandas as pd

from pgdash.display import cards, queries
from pgdash.display.formatting import (
    SCOPE_SHORT_EN,
    date_beside,
    date_text,
    fact_period,
    fact_value,
    rank_badge,
    sector_colour,
)
from pgdash.display.i18n import english, kind_name, metric_name, pillar_label, sector_name, t
from pgdash.display.kpi import Tile
from pgdash.display.safe import escape_text, highlight
from pgdash.sectors import BY_ID, SECTOR_IDS
from pgdash.tables import Dataset

ORIGINAL = "zh-CN"  # the language of the documents: text left in it is marked with it


class Html(str):
    """A string that is already inert HTML (``meta_html`` does not escape it again).

    It is also its own ``_repr_html_``, which Streamlit's ``st.html`` sends as it is,
    without re-indenting a long body on every run.
    """

    def _repr_html_(self) -> str:
        return str(self)


def original_attrs(lang: str, label: str = "original") -> str:
    """Attributes marking text left in Chinese; in English it also carries its tag.

    ``label`` names the tag: "original" for the documents' words, "in_chinese" for curated
    notes that have no English yet.
    """
    tag = f' data-orig="{escape_text(t(label, lang))}"' if lang == "en" else ""
    return f' lang="{ORIGINAL}"{tag}'


def words_html(zh: str, lang: str, glossary: Mapping[str, str]) -> Html:
    """A heading or name in ``lang``: its curated English, else the Chinese marked as such."""
    en = english(zh, lang, glossary)
    if en:
        return Html(escape_text(en))
    if lang == "en" and zh:
        return Html(f'<span lang="{ORIGINAL}" class="pg-orig">{escape_text(zh)}</span>')
    return Html(escape_text(zh))


def section_html_path(section: str, lang: str, glossary: Mapping[str, str]) -> Html:
    """A fact's section path, each heading through :func:`words_html`."""
    parts = [p.strip() for p in str(section or "").split("›") if p.strip()]
    return Html(" › ".join(words_html(p, lang, glossary) for p in parts))


def quote_html(text: str, number: tuple[int, int] | None = None, lang: str = "zh") -> str:
    """A document quote, with the number marked when its span is given."""
    body = highlight(text, [number], "num") if number else escape_text(text)
    return f'<div class="pg-quote"{original_attrs(lang)}>{body}</div>'


def passage_html(p: queries.Passage, lang: str = "zh") -> str:
    """A passage: the quote underlined, the number marked."""
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
    return f'<div class="pg-quote"{original_attrs(lang)}>{body}</div>'


def meta_html(*parts: str, lang: str = "zh") -> str:
    """A grey line of metadata (document title, section …); plain strings are escaped."""
    shown = (p if isinstance(p, Html) else escape_text(p) for p in parts if p)
    return '<div class="pg-meta">' + t("sep", lang).join(shown) + "</div>"


def heading_html(title: str) -> str:
    """A section heading, as ``st.subheader`` draws it."""
    return f'<h3 class="pg-heading">{escape_text(title)}</h3>'


def caption_html(text: str) -> str:
    """A small grey line above a grid (as ``st.caption`` draws it)."""
    return f'<div class="pg-caption">{escape_text(text)}</div>'


def document_line(doc: object, lang: str) -> str:
    """The line naming the document a group's figures come from, with its date."""
    name = doc.title_en if lang == "en" and doc.title_en else doc.title  # type: ignore[attr-defined]
    published = date_beside(name, doc.published, lang)  # type: ignore[attr-defined]
    return meta_html(t("source_is", lang, name=name), published, lang=lang)


def source_html(fact: pd.Series, data: Dataset, lang: str) -> str:
    """The passage of ``fact`` with its number highlighted, and where it comes from."""
    doc = data.document(fact["doc_id"])
    if doc is None:
        return quote_html(str(fact["quote"]), lang=lang)
    title = doc["title_en"] if lang == "en" and doc["title_en"] else doc["title"]
    return passage_html(queries.passage(doc["text"], fact), lang) + meta_html(
        str(title),
        date_beside(str(title), doc["published"], lang),
        section_html_path(fact["section"], lang, data.english),
        lang=lang,
    )


def fact_source(fact: pd.Series, data: Dataset, lang: str) -> str:
    """The "原文" disclosure of a fact, for a card."""
    return cards.source_details(t("source_sentence", lang), source_html(fact, data, lang))


def fact_line(fact: pd.Series, lang: str) -> str:
    """ "地区生产总值增速 6.2%（2024年上半年）" as plain text."""
    period = fact_period(fact, lang)
    kind = "" if fact["kind"] == "actual" else kind_name(fact["kind"], lang)
    if lang == "en":
        when = ", ".join(filter(None, [period, kind]))
        return f"{metric_name(fact, lang)} {fact_value(fact, lang)} ({when})"
    kind = f"，{kind}" if kind else ""
    return f"{metric_name(fact, lang)}　{fact_value(fact, lang)}（{period}{kind}）"


def kpi_grid_html(tiles: list[Tile], data: Dataset, lang: str, columns: int = 4) -> str:
    """Headline figures as cards in rows of ``columns``."""
    by_id = data.facts.set_index("fact_id", drop=False)
    label = t("source_sentence", lang)
    html = []
    for tile in tiles:
        fact = by_id.loc[tile.fact_id]
        source = source_html(fact, data, lang)
        html.append(cards.kpi_card(tile, source, label, is_actual=fact["kind"] == "actual"))
    return cards.grid(html, columns)


def rank_strip_html(ranks: pd.DataFrame, data: Dataset, lang: str, columns: int = 5) -> str:
    """Every rank fact as a small card: the rank, what is ranked and when, the source.

    In English the card leads with "No. 2" and names the field in a tag, so a long field
    ("among ecological conservation districts") does not fill the card in large type.
    """

    def card(fact: pd.Series) -> str:
        tags = [cards.tag(fact_period(fact, lang))]
        if lang == "en" and fact["rank_scope"] in SCOPE_SHORT_EN:
            badge = rank_badge("", fact["value"], lang)
            tags.append(cards.tag(SCOPE_SHORT_EN[fact["rank_scope"]]))
        else:
            badge = rank_badge(fact["rank_scope"], fact["value"], lang)
        name = metric_name(fact, lang)
        return cards.figure_card(fact["fact_id"], badge, name, tags, fact_source(fact, data, lang))

    return cards.grid((card(fact) for _, fact in ranks.iterrows()), columns)


def compact_fact_list(facts: pd.DataFrame, lang: str) -> str:
    """Figures as a phone shows them: measure and value first, the quote folded."""
    items = "".join(
        f'<details class="pg-fact-item"><summary><span class="m">'
        f"{escape_text(metric_name(f, lang))}</span> <b>{escape_text(fact_value(f, lang))}</b>"
        f' <span class="w">{escape_text(fact_period(f, lang))} · '
        f"{escape_text(kind_name(f['kind'], lang))}</span></summary>"
        f"{quote_html(str(f['quote']), lang=lang)}</details>"
        for _, f in facts.iterrows()
    )
    return f'<div class="pg-fact-list">{items}</div>'


def fact_table(facts: pd.DataFrame, data: Dataset, lang: str, sector: bool = True) -> str:
    """Facts as rows: measure, value, period and kind, where it is said, source."""
    heads = ("measure", "value", "period", "section")
    rows = ['<div class="pg-list-row pg-list-head">' + "".join(
        f"<div>{escape_text(t(key, lang))}</div>" for key in heads
    ) + "</div>"]  # fmt: skip
    for _, fact in facts.iterrows():
        where = str(fact["section"] or "").split("›")[-1].strip()
        tags = [cards.tag(fact_period(fact, lang))]
        if fact["kind"] != "actual":
            tags.append(cards.tag(kind_name(fact["kind"], lang), "blue"))
        if sector:
            tags.append(cards.tag(sector_name(fact["sector"], lang)))
        rows.append(
            f'<div class="pg-list-row" data-fact-id="{escape_text(fact["fact_id"])}">'
            f'<div class="pg-name">{escape_text(metric_name(fact, lang))}</div>'
            f'<div class="pg-cell">{escape_text(fact_value(fact, lang))}</div>'
            f'<div class="pg-tags">{"".join(tags)}</div>'
            f'<div class="pg-text">{words_html(where, lang, data.english)}'
            f"{fact_source(fact, data, lang)}</div>"
            "</div>"
        )
    return f'<div class="pg-score">{"".join(rows)}</div>'


def section_html(title: str, count: str, body_html: str, is_open: bool = False) -> str:
    """``body_html`` under a native "title  count" disclosure (closed unless ``is_open``)."""
    title_html = title if isinstance(title, Html) else escape_text(title)
    return (
        f'<details class="pg-section"{" open" if is_open else ""}><summary>{title_html}'
        f'<span class="pg-count">{escape_text(count)}</span></summary>'
        f'<div class="pg-section-body">{body_html}</div></details>'
    )


def sector_counts_html(facts: pd.DataFrame, lang: str) -> str:
    """A bar per sector: how many figures the documents give for it."""
    counts = facts["sector"].value_counts()
    bars = [(sector_name(s, lang), int(counts.get(s, 0)), sector_colour(s)) for s in SECTOR_IDS]
    return cards.bars_html(t("facts_by_sector", lang), bars)


def counts_html(row: pd.Series, lang: str) -> str:
    """A sector's numbers of facts, tasks and sites, on a grey line."""
    return meta_html(
        f"{t('n_facts', lang)} {row['facts']}",
        f"{t('n_tasks', lang)} {row['tasks']}",
        f"{t('n_sites', lang)} {row['sites']}",
        lang=lang,
    )


def sector_banner_html(sector_id: str, summary: pd.DataFrame, lang: str) -> str:
    """A coloured heading for a sector, with its 高大尚 pillar and counts."""
    s = BY_ID[sector_id]
    colour = sector_colour(sector_id)
    row = summary.set_index("sector").loc[sector_id]
    # each part kept whole: on a phone the line breaks between them, never inside a name
    parts = ([pillar_label(s.pillar, lang)] if s.pillar else []) + [sector_name(sector_id, lang)]
    title = escape_text(t("sep", lang)).join(
        f'<span class="pg-banner-part">{escape_text(p)}</span>' for p in parts
    )
    return (
        f'<div style="border-left:6px solid {colour};padding:.2rem 0 .2rem .8rem;margin:.6rem 0">'
        f'<div class="pg-card-title pg-banner-title">{title}</div>'
        + counts_html(row, lang)
        + "</div>"
    )


def sector_class(sector_id: str) -> str:
    """The class that colours a chip by its sector (:func:`sector_css`), grey for none."""
    return f"pg-s-{sector_id}" if sector_id in BY_ID else "pg-s-none"


def sector_css() -> str:
    """Each sector's colour as ``--pg-sec`` of its class: one rule per sector in the
    stylesheet, not a style attribute on every chip."""
    rules = [f".{sector_class(s)}{{--pg-sec:{sector_colour(s)}}}" for s in SECTOR_IDS]
    return "".join(rules) + f".pg-s-none{{--pg-sec:{sector_colour('')}}}"


def task_html(
    task: pd.Series,
    spans: list[tuple[int, int]],
    lang: str,
    chip: bool = True,
    english_line: str = "",
) -> str:
    """One task sentence, its quantitative targets (``spans``) marked; in English with its
    ``english_line`` first when there is one (a main target, as the overview states it)."""
    chip_html = (
        f'<span class="pg-chip {sector_class(task["sector"])}">'
        f"{escape_text(sector_name(task['sector'], lang))}</span>"
        if chip
        else ""
    )
    flag = f'<span class="pg-flag">{escape_text(t("quantified", lang))}</span>' if spans else ""
    sentence = f'<span lang="{ORIGINAL}">{highlight(task["sentence"], spans, "num")}</span>'
    if english_line and lang == "en":
        sentence = (
            f'<span class="pg-task-en">{escape_text(english_line)}</span> '
            f'<span class="pg-task-orig">{sentence}</span>'
        )
    return f'<li class="pg-task">{sentence} {chip_html}{flag}</li>'


def target_line(clause: queries.TargetClause, lang: str, glossary: Mapping[str, str]) -> str:
    """A main target as the overview's card states it: each figure's measure and value
    (GDP growth: about 5%), else the clause's curated translation ("" for none)."""
    if not clause.facts.empty:
        return "; ".join(
            f"{metric_name(fact, lang)}: {fact_value(fact, lang)}"
            for _, fact in clause.facts.iterrows()
        )
    return english(clause.text, lang, glossary) or ""


def quantified_count(n: int, lang: str) -> str:
    """ "量化目标 4" / "4 quantitative targets" (one: "1 quantitative target")."""
    return t("quantified_count_one", lang) if n == 1 else t("quantified_count", lang, n=n)


def task_sections_html(
    tasks: pd.DataFrame,
    facts: pd.DataFrame,
    lang: str,
    expanded: bool,
    chips: bool = True,
    glossary: Mapping[str, str] | None = None,
    english_lines: Mapping[str, str] | None = None,
) -> str:
    """The work plan: one disclosure per section (the first open), sub-headings, sentences.

    Section titles and sub-headings are shown in ``lang`` (``glossary``: curated English);
    task sentences stay in the original Chinese, marked as such, after their English line
    where ``english_lines`` (sentence → English) has one.
    """
    glossary = glossary or {}
    english_lines = english_lines or {}
    ordered = tasks.sort_values(["section_no", "start"])
    ordered = ordered.assign(spans=queries.number_spans(ordered, facts))
    first_section = ordered["section_no"].min()
    sections = []
    for section_no, section in ordered.groupby("section_no", sort=True):
        quantified = sum(bool(spans) for spans in section["spans"])
        count = f"{len(section)}" + (
            t("sep", lang) + quantified_count(quantified, lang) if quantified else ""
        )
        parts = [f'<div class="pg-orig-note">{escape_text(t("original_note", lang))}</div>'] * (
            lang == "en"
        )
        for subheading, group in section.groupby("subheading", sort=False):
            if subheading:
                parts.append(
                    f'<div class="pg-sub">{words_html(str(subheading), lang, glossary)}</div>'
                )
            items = "".join(
                task_html(task, task["spans"], lang, chips, english_lines.get(task["sentence"], ""))
                for _, task in group.iterrows()
            )
            parts.append(f'<ul class="pg-tasks">{items}</ul>')
        title = words_html(str(section["section_title"].iloc[0]), lang, glossary)
        is_open = expanded or section_no == first_section
        sections.append(section_html(title, count, "".join(parts), is_open))
    return "".join(sections)


def status_block_html(data: Dataset, lang: str) -> str:
    """The data date, build time and source documents, for the sidebar."""
    titles = data.documents["title_en" if lang == "en" else "title"].tolist()
    lines = [
        t("data_as_of", lang, date=date_text(data.as_of, lang)),
        t("built_at", lang, time=data.built_at),
        t("documents_n", lang, n=len(titles)),
    ]
    return (
        '<div class="pg-status-block">'
        + "".join(f"<div>{escape_text(line)}</div>" for line in lines)
        + "".join(f'<div class="pg-doc-line">· {escape_text(str(title))}</div>' for title in titles)
        + "</div>"
    )
