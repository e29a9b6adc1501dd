"""Slides as inert HTML for the presentation page, sized for a 1920×1080 projector.

Every string that reaches the HTML (titles, figures, document text) goes through
:func:`pgdash.display.safe.escape_text`, so document text is shown as text, never as markup.
The stylesheet is separate (:data:`STYLE`) and contains no document text.
"""

import re
from collections.abc import Sequence

from pgdash.briefing.model import Kpi, PairRow, RaisedTask, Slide
from pgdash.display import colours
from pgdash.display.i18n import source_line, t
from pgdash.display.safe import escape_text
from pgdash.display.wrapping import text_px, unbroken, value_chunks
from pgdash.supervision.labels import COLOURS as LIGHT_COLOURS
from pgdash.supervision.labels import t as ledger_t

# Sizes follow the viewport width so the same slide fills a laptop or a projector.
STYLE = (
    """
<style>
:root {--pgs-result: RESULT; --pgs-target: TARGET; --pgs-latest: LATEST; --pgs-good: GOOD;
  --pgs-bad: BAD; --pgs-neutral: NEUTRAL; --pgs-missing: MISSING;}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 1.2vw 2.6vw 5.2rem 2.6vw !important;
  max-width: 100% !important;}
.st-key-pgs_keys {display: none !important;}
/* A click on a slide (a chart, the map) draws no frame, focus ring or element toolbar. */
[data-testid="stMain"] [data-testid="stElementToolbar"] {display: none !important;}
[data-testid="stMain"] :is([data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"],
  [data-testid="stFullScreenFrame"], .deck-events-root, canvas, details, summary):is(:focus,
  :focus-visible, :focus-within, :hover) {outline: none !important; box-shadow: none !important;
  border-color: transparent !important;}
[data-testid="stMain"]:focus, [data-testid="stMain"]:focus-visible {outline: none !important;}
.st-key-pgs_toolbar {position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990;
  background: #ffffffee; border-top: 1px solid #dde2ea; padding: .45rem 2.6vw;}
.pgs {color: #111827; line-height: 1.25;}
.pgs-title {font-size: clamp(1.8rem, 3.1vw, 4.2rem); font-weight: 800; margin: 0;
  color: #1f3a60; letter-spacing: .02em;}
.pgs-sub {font-size: clamp(1rem, 1.45vw, 2rem); color: #4b5563; margin: .2vw 0 1vw 0;}
.pgs-opening {display: flex; flex-direction: column; justify-content: center;
  min-height: 62vh; padding-left: 2vw; border-left: .6vw solid #b3261e;}
.pgs-opening .pgs-title {font-size: clamp(2.4rem, 4.6vw, 6rem);}
.pgs-opening .pgs-sub {font-size: clamp(1.3rem, 2.2vw, 3rem); color: #b3261e;}
.pgs-lead {font-size: clamp(1.1rem, 1.6vw, 2.2rem); margin-top: 1.6vw;}
.pgs-grid {display: grid; gap: 1.1vw;}
.pgs-tile {background: #f3f5f9; border-radius: .6vw; padding: 1.3vw 1.4vw;
  border-top: .35vw solid #1f3a60;}
.pgs-label {font-size: clamp(.95rem, 1.3vw, 1.8rem); font-weight: 600;}
.pgs-value {font-size: clamp(1.8rem, 3vw, 4rem); font-weight: 800; color: var(--pgs-result);
  margin: .3vw 0;}
/* The rows of tiles share the height between the heading and the sources: nothing of a
   16:9 slide is left empty below them. */
.pgs-grid .pgs-tile {min-height: calc((100vh - 23rem) / var(--pgs-rows, 2) - 1.1vw);
  display: flex; flex-direction: column; justify-content: center;}
.pgs-grid .pgs-grid .pgs-tile {min-height: calc((100vh - 26rem) / var(--pgs-rows, 2) - 1.1vw);}
/* A tile's value is as large as its tile's width allows for its length (--ems, estimated
   in ems), never broken inside a number or a Chinese word; below the smallest size it
   breaks at a plain space only. */
.pgs-tile {container-type: inline-size;}
.pgs-tile .pgs-value {font-size: clamp(1.3rem, min(3vw, 100cqi / var(--ems, 3)), 4rem);
  word-break: keep-all; overflow-wrap: normal; text-wrap: balance; line-height: 1.15;}
.pgs-tile.pgs-target {border-top-color: var(--pgs-target);}
.pgs-tile.pgs-target .pgs-value {color: var(--pgs-target);}
.pgs-note {font-size: clamp(.95rem, 1.25vw, 1.7rem); font-weight: 700; color: #374151;
  margin-bottom: .2vw;}
.pgs-meta {font-size: clamp(.85rem, 1.05vw, 1.4rem); color: #4b5563;}
.pgs-ref {font-size: clamp(.7rem, .8vw, 1.05rem); color: #6b7280; margin-top: .3vw;}
.pgs-group {font-size: clamp(1.1rem, 1.7vw, 2.3rem); font-weight: 800; color: #1f3a60;
  margin-bottom: .6vw;}
.pgs-pairs {width: 100%; border-collapse: collapse; font-size: clamp(1rem, 1.3vw, 1.9rem);}
.pgs-pairs.pgs-small {font-size: clamp(.9rem, 1.1vw, 1.6rem);}
.pgs-pairs th {text-align: left; color: #4b5563; font-weight: 600; border-bottom: 2px solid #dde2ea;
  padding: .45vw .8vw; font-size: clamp(.8rem, 1vw, 1.4rem);}
.pgs-pairs td {padding: .65vw .8vw; border-bottom: 1px solid #eef0f4; vertical-align: top;}
.pgs-pairs td.pgs-m {font-weight: 700; color: #1f3a60;}
.pgs-pairs td.pgs-result {color: var(--pgs-result); font-weight: 700;}
.pgs-pairs td.pgs-target {color: var(--pgs-target); font-weight: 700;}
.pgs-pairs td.pgs-latest {color: var(--pgs-latest); font-weight: 700;}
.pgs-pairs td.pgs-none {color: var(--pgs-missing);}
.pgs-pairs .pgs-v {display: inline-block;}  /* a lead, a value, a clause: each moves whole */
.pgs-pairs td.pgs-good {color: var(--pgs-good); font-weight: 700;}
.pgs-pairs td.pgs-bad {color: var(--pgs-bad); font-weight: 700;}
.pgs-pairs td.pgs-neutral {color: var(--pgs-neutral);}
.pgs-list {font-size: clamp(1rem, 1.35vw, 1.9rem); margin: 0; padding-left: 1.4em;}
.pgs-list li {margin: .35vw 0;}
.pgs-list.pgs-two {columns: 2; font-size: clamp(.85rem, 1.05vw, 1.45rem); list-style: none;
  padding-left: 0;}
/* each column starts at the same height: an item's space below it, none above (a column's
   first top margin was kept in one column and dropped in the other) */
.pgs-list.pgs-two li {margin: 0 0 .7vw 0; break-inside: avoid;}
.pgs-foot {font-size: clamp(.7rem, .85vw, 1.1rem); color: #6b7280; margin-top: .8vw;}
.pgs-notes {font-size: 1.15rem; line-height: 1.7;}
/* no lone last character (实验 / 室, 仅 / 供参考): titles and labels balance their lines,
   running text keeps at least two characters on its last line */
.pgs-title, .pgs-sub, .pgs-label, .pgs-group, .pgs-pairs td {text-wrap: balance;}
.pgs-list li, .pgs-foot, .pgs-lead, .pgs-meta {text-wrap: pretty;}
.pgs-counter {font-size: 1.2rem; color: #4b5563; white-space: nowrap;}
.pgs-lights {display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 1.1vw;
  margin-bottom: 1.2vw;}
.pgs-light {background: #f3f5f9; border-radius: .6vw; border-left: .5vw solid var(--c);
  padding: .7vw 1.2vw;}
.pgs-light .pgs-value {color: var(--c); margin: 0;}
.pgs-raised {display: flex; flex-direction: column; gap: .7vw;}
/* sectors' short rows (nothing red to raise): two columns where there is room, as in the deck */
.pgs-raised.pgs-sectors {display: grid;
  grid-template-columns: repeat(auto-fit, minmax(max(20rem, 40%), 1fr));}
.pgs-latest {font-style: italic;}
.pgs-task {border-left: .4vw solid var(--c); padding: .2vw 1vw;}
.pgs-task-text {font-size: clamp(1rem, 1.35vw, 1.9rem); font-weight: 600;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;}
.pgs-flag {display: inline-block; font-size: clamp(.75rem, .95vw, 1.3rem); color: #fff;
  background: var(--c); border-radius: 1vw; padding: 0 .7vw; margin-right: .5vw;
  vertical-align: .15vw; font-weight: 600;}
/* A phone: the presenter's bar above the slide instead of over it, one column of tiles. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] {padding: .8rem .9rem 1.5rem .9rem !important;}
  .st-key-pgs_toolbar {position: static; padding: .3rem 0 .6rem 0; background: #fff;
    border-top: none; border-bottom: 1px solid #dde2ea; margin-bottom: .6rem;}
  .pgs-title {font-size: 1.6rem;} .pgs-sub {font-size: 1rem;}
  .pgs-grid {grid-template-columns: minmax(0, 1fr) !important; gap: .6rem;}
  .pgs-tile {padding: .7rem .8rem; border-radius: .4rem; border-top-width: 3px;}
  .pgs-grid .pgs-tile, .pgs-grid .pgs-grid .pgs-tile {min-height: 0;}
  .pgs-tile .pgs-value {font-size: clamp(1.1rem, 100cqi / var(--ems, 3), 1.7rem);}
  .pgs-lights {grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem;}
  .pgs-list.pgs-two {columns: 1;}
  /* results against targets: a measure a block, each of its figures on a line of its own
     under the column's name (five columns of 70 px broke values inside: 4.8%以 / 内) */
  .pgs-pairs, .pgs-pairs tbody, .pgs-pairs tr, .pgs-pairs td {display: block; width: auto;}
  .pgs-pairs {font-size: .95rem;}
  .pgs-pairs thead {display: none;}
  .pgs-pairs tr {border-bottom: 1px solid #dde2ea; padding: .45rem 0;}
  .pgs-pairs td {border: 0; padding: .1rem 0;}
  .pgs-pairs td.pgs-none {display: none;}
  .pgs-pairs td[data-label]::before {content: attr(data-label); display: inline-block;
    min-width: 3.6rem; color: #6b7280; font-weight: 400; font-size: .8rem;}
  .pgs-opening {min-height: 40vh; border-left-width: 4px;}
}
</style>
""".replace("RESULT", colours.ROLE["result"])
    .replace("TARGET", colours.ROLE["target"])
    .replace("LATEST", colours.ROLE["latest"])
    .replace("GOOD", colours.TONE["good"])
    .replace("BAD", colours.TONE["bad"])
    .replace("NEUTRAL", colours.TONE["neutral"])
    .replace("MISSING", colours.MISSING)
)
SIDES = ("result", "target", "latest")
LONG_LIST = 12  # more lines than this run in two columns
BOLD_EMS = 1.1  # bold figures are a little wider than the width estimate


def value_html(value: str) -> str:
    """A tile's value, never broken inside a number and its unit ("330亿元以 / 上",
    "2,100 / people"): Chinese is kept whole, the spaces inside a chunk
    (``value_chunks``) are no-break spaces, and its width in ems sizes it to its tile. A
    long value of words ("No. 2 among ecological conservation districts") is sized for two
    lines, broken between chunks, rather than shrunk to one line smaller than its label."""
    chunks = value_chunks(value)
    ems = max(value_ems(chunks) * BOLD_EMS, 1.0)
    return f'<div class="pgs-value" style="--ems: {ems:.2f}">{escape_text(unbroken(value))}</div>'


TWO_LINES_EMS = 8  # a value wider than this on one line is sized for two


def value_ems(chunks: Sequence[str]) -> float:
    """The width in ems a value is sized by: its one line, or past :data:`TWO_LINES_EMS`
    its wider line when broken in two between chunks where the two are most even."""
    one = text_px(" ".join(chunks), 1.0)
    if one <= TWO_LINES_EMS or len(chunks) < 2:
        return one
    return min(
        max(text_px(" ".join(chunks[:i]), 1.0), text_px(" ".join(chunks[i:]), 1.0))
        for i in range(1, len(chunks))
    )


def _div(css_class: str, text: str) -> str:
    return f'<div class="{css_class}">{escape_text(text)}</div>'


def heading_html(slide: Slide) -> str:
    """The slide's title and subtitle."""
    parts = [_div("pgs-title", slide.title)]
    if slide.subtitle:
        parts.append(_div("pgs-sub", slide.subtitle))
    return f'<div class="pgs">{"".join(parts)}</div>'


def opening_html(slide: Slide, lang: str) -> str:
    """The title slide: title, scope, date of the sources and the sources themselves."""
    lines = [_div("pgs-lead", line) for line in slide.bullets]
    lines += [_div("pgs-meta", line) for line in slide.footnotes(lang)]
    return (
        '<div class="pgs pgs-opening">'
        f"{_div('pgs-title', slide.title)}{_div('pgs-sub', slide.subtitle)}{''.join(lines)}"
        "</div>"
    )


def tile_html(slide: Slide, kpi: Kpi, lang: str) -> str:
    """One figure: its name, value (with the growth and rank its sentence states), period
    and kind, and its footnote mark; targets and plans in the target colour."""
    role = colours.KIND_ROLE.get(kpi.fact_kind, "result")
    note = _div("pgs-note", kpi.note) if kpi.note else ""
    return (
        f'<div class="pgs-tile pgs-{role}">'
        f"{_div('pgs-label', kpi.label)}"
        f"{value_html(kpi.value)}"
        f"{note}"
        f"{_div('pgs-meta', f'{kpi.period} · {kpi.kind}')}"
        f"{_div('pgs-ref', slide.reference(kpi, lang))}"
        "</div>"
    )


def tiles_html(
    slide: Slide, kpis: Sequence[Kpi], columns: int, lang: str, fill: bool = False
) -> str:
    """Figures in a grid of ``columns``; with ``fill`` the tiles grow to fill a 16:9 slide
    that has nothing else (the headline figures)."""
    tiles = "".join(tile_html(slide, k, lang) for k in kpis)
    rows = max(1, -(-len(kpis) // columns))
    style = f"grid-template-columns: repeat({columns}, minmax(0, 1fr)); --pgs-rows: {rows};"
    css = "pgs pgs-grid pgs-fill" if fill else "pgs pgs-grid"
    return f'<div class="{css}" style="{style}">{tiles}</div>'


def pillars_html(slide: Slide, lang: str) -> str:
    """A column per pillar, headed by its name; one pillar spreads over the width."""
    groups = list(dict.fromkeys(k.group for k in slide.kpis))
    if len(groups) == 1:
        members = list(slide.kpis)
        return _div("pgs pgs-group", groups[0]) + tiles_html(slide, members, 3, lang, True)
    columns = []
    for group in groups:
        members = [k for k in slide.kpis if k.group == group]
        columns.append(
            f"<div>{_div('pgs-group', group)}{tiles_html(slide, members, 1, lang, True)}</div>"
        )
    style = f"grid-template-columns: repeat({len(groups)}, minmax(0, 1fr));"
    return f'<div class="pgs pgs-grid" style="{style}">{"".join(columns)}</div>'


def _cell_html(row: PairRow, side: str) -> str:
    """A results-table cell: its lead, then its value, each whole: a narrow cell breaks
    between them only (never 全市第 / 二, nor 2023年目 / 标8500人以上)."""
    if not row.cells[side]:
        return "—"
    return _wholes(row.parts(side))


def _clauses_html(text: str) -> str:
    """``text`` in its clauses (after ；or ; ), each whole: a narrow cell breaks between
    them (目标低于上年实绩； / 来源文件尚无2023年实绩, not …；来 / 源文件…)."""
    return _wholes(re.split(r"(?<=[；;])", text))


def _wholes(parts: Sequence[str]) -> str:
    """``parts`` as pieces a line breaks between only; a space at either end of one stays
    between two (inside a piece, a line's end or start would swallow it)."""
    pieces = [p for p in parts if p.strip()]
    out = []
    for i, part in enumerate(pieces):
        if i and (part[0].isspace() or pieces[i - 1][-1].isspace()):
            out.append(" ")
        out.append(f'<span class="pgs-v">{escape_text(part.strip())}</span>')
    return "".join(out)


def pairs_html(pairs: Sequence[PairRow], lang: str, small: bool = False) -> str:
    """Results against targets as a table: each side with its period, then the status
    (green or red only when judged); ``small`` for half a slide."""
    if not pairs:
        return ""
    labels = ("measure", "present_role_result", "present_role_target", "present_role_latest")
    names = [escape_text(t(key, lang)) for key in (*labels, "status")]
    head = "".join(f"<th>{name}</th>" for name in names)
    body = []
    for row in pairs:  # each cell names its column, for a phone's one column (data-label)
        cells = "".join(
            f'<td class="pgs-{side if row.cells[side] else "none"}" data-label="{name}">'
            f"{_cell_html(row, side)}</td>"
            for side, name in zip(SIDES, names[1:4], strict=True)
        )
        body.append(
            f'<tr><td class="pgs-m">{escape_text(row.measure)}</td>{cells}'
            f'<td class="pgs-{row.tone}" data-label="{names[4]}">'
            f"{_clauses_html(row.status)}</td></tr>"
        )
    return (
        f'<div class="pgs"><table class="pgs-pairs{" pgs-small" if small else ""}">'
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def bullets_html(lines: Sequence[str]) -> str:
    """Bullet lines; a long list (the map's numbered sites) runs in two columns."""
    if not lines:
        return ""
    css = "pgs-list pgs-two" if len(lines) > LONG_LIST else "pgs-list"
    items = "".join(f"<li>{escape_text(line)}</li>" for line in lines)
    return f'<div class="pgs"><ul class="{css}">{items}</ul></div>'


def footer_html(slide: Slide, lang: str) -> str:
    """The slide's numbered sources (document and date)."""
    if not slide.sources or slide.kind == "title":
        return ""
    line = source_line(slide.footnotes(lang), lang)
    return f'<div class="pgs">{_div("pgs-foot", line)}</div>'


def counter_html(total: int) -> str:
    """The "/ 18" after the slide-number box."""
    return f'<span class="pgs-counter">/ {int(total)}</span>'


def notes_html(slide: Slide, lang: str) -> str:
    """The speaker notes (讲稿), line by line, as text."""
    heading = _div("pgs-group", t("present_notes", lang))
    return f'<div class="pgs pgs-notes">{heading}{escape_text(slide.notes)}</div>'


def _raised_html(task: RaisedTask, lang: str) -> str:
    tones = [LIGHT_COLOURS.get(task.light, task.colour), LIGHT_COLOURS["overdue"]]
    flags = "".join(
        f'<span class="pgs-flag" style="--c:{tone}">{escape_text(flag)}</span>'
        for flag, tone in zip(task.flags, tones, strict=False)
    )
    note = ledger_t("latest_note", lang, note=task.note) if task.note else ""
    return (
        f'<div class="pgs-task" style="--c:{task.colour}">'
        f'<div class="pgs-task-text" lang="zh-CN">{flags}{escape_text(task.text)}</div>'
        f"{_div('pgs-meta', task.meta)}{_div('pgs-meta pgs-latest', note) if note else ''}</div>"
    )


def supervision_html(slide: Slide, lang: str) -> str:
    """The 督办 slide: a tile per light (and overdue), then the red and overdue tasks,
    worst first; task text and notes are text, escaped."""
    lights = "".join(
        f'<div class="pgs-light" style="--c:{light.colour}">'
        f"{_div('pgs-value', str(light.count))}{_div('pgs-label', light.label)}</div>"
        for light in slide.lights
    )
    tasks = "".join(_raised_html(task, lang) for task in slide.raised)
    heading = _div("pgs-group", slide.chart_title) if slide.raised else ""
    sectors = "" if slide.raises_tasks else " pgs-sectors"
    return (
        f'<div class="pgs"><div class="pgs-lights">{lights}</div>{heading}'
        f'<div class="pgs-raised{sectors}">{tasks}</div></div>'
    )
