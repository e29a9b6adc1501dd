"""Speaker notes (讲稿): what the presenter can say about a slide, made from its facts.

Each figure is read out with its period, its kind (actual, estimate, target) and its source,
followed by the sentence it comes from, so the presenter can answer "where is that from?".
"""

import pandas as pd

from pgdash.briefing.model import Kpi, Source
from pgdash.display.i18n import sector_name, status_text, t

# Quotation marks that pair up; a sentence cut out of a document can start with the closing
# mark of the sentence before it (”平谷区委副书记…) or end with an opening one.
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}


def clean_quote(quote: str) -> str:
    """A source sentence without unpaired quotation marks at its ends: ”…介绍，… → …介绍，…"""
    text = quote.strip()
    closers = {close: open_ for open_, close in QUOTE_PAIRS.items()}
    while text and text[0] in closers:
        text = text[1:].lstrip()
    while text and text[-1] in QUOTE_PAIRS:
        text = text[:-1].rstrip()
    for open_, close in QUOTE_PAIRS.items():  # a mark left open or closed once too often
        if text.count(open_) != text.count(close):
            if text.startswith(open_) and text.count(open_) > text.count(close):
                text = text[1:]
            elif text.endswith(close) and text.count(close) > text.count(open_):
                text = text[:-1]
    return text


def _join(items: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "、").join(items)


def title_notes(sources: tuple[Source, ...], sector: str | None, lang: str) -> str:
    """Which documents the briefing rests on, and what it covers."""
    lines = [
        t("present_note_sources", lang, sources=_join([s.footnote(lang) for s in sources], lang))
    ]
    if sector is not None:
        lines.append(t("present_note_scope", lang, sector=sector_name(sector, lang)))
    return "\n".join(lines)


def figure_note(kpi: Kpi, lang: str) -> str:
    """One figure read out, then its source sentence (in Chinese, as the document has it)."""
    said = t(
        "present_note_fact",
        lang,
        period=kpi.period,
        metric=kpi.label,
        value=kpi.value,
        kind=kpi.kind,
        source=kpi.source.footnote(lang),
    )
    return f"{said}\n{t('present_note_quote', lang, quote=clean_quote(kpi.quote))}"


def note_heading(text: str, lang: str) -> str:
    """A heading line of the notes: 【农业科技】, or — Agri-tech — in English, which has no
    such brackets."""
    return f"【{text}】" if lang == "zh" else f"— {text} —"


def figure_notes(kpis: list[Kpi] | tuple[Kpi, ...], lang: str, grouped: bool = False) -> str:
    """Every figure of a slide read out, under its group heading when ``grouped``."""
    blocks, group = [], None
    for kpi in kpis:
        if grouped and kpi.group != group:
            group = kpi.group
            blocks.append(note_heading(str(group), lang))
        blocks.append(figure_note(kpi, lang))
    return "\n".join(blocks)


def status_line(row: pd.Series, lang: str) -> str:
    """ "GDP增速：最新数据高于目标" — one bullet per measure on a targets slide."""
    measure = row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"]
    return t("present_status_line", lang, measure=measure, status=status_text(row, lang))


def targets_notes(comparisons: pd.DataFrame, kpis: list[Kpi], lang: str) -> str:
    """Each measure: its status, then each of its figures with the source sentence."""
    blocks = []
    for _, row in comparisons.iterrows():
        blocks.append(note_heading(status_line(row, lang), lang))
        measure = row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"]
        blocks.extend(figure_note(k, lang) for k in kpis if k.group == measure)
    return "\n".join(blocks)


def map_notes(names: list[str], lang: str) -> str:
    """The sites the map marks."""
    if not names:
        return t("present_note_no_sites", lang)
    return t("present_note_map", lang, n=len(names), names=_join(names, lang))


def sector_notes(kpis: list[Kpi], headings: list[str], lang: str) -> str:
    """A sector's figures, then its 2023 task headings."""
    lines = [figure_notes(kpis, lang)] if kpis else []
    if headings:
        lines.append(t("present_note_tasks", lang, items=_join(headings, lang)))
    return "\n".join(lines)
