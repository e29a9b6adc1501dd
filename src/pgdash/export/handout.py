"""The briefing on one A4 landscape page (PDF): headline figures, pillars, results against
targets, and numbered source footnotes; with a 督办 slide in the deck, a second page of the
ledger's lights and its red and overdue tasks. A one-sector briefing's page shows all of
the sector's figures in tiles as large as the page allows (in Chinese each with its
sentence), then its tasks and its sites.

Built from the same slides as the deck. Everything is placed on one page: a section that
would run past the footer is cut at the last whole row rather than spilling onto a second
page.
"""

import dataclasses
from collections.abc import Sequence

from fpdf import FPDF

from pgdash.briefing.ledger_slide import clipped, flag_line
from pgdash.briefing.model import Kpi, Slide, Source
from pgdash.display import colours
from pgdash.display.i18n import LABELS, t
from pgdash.display.wrapping import value_chunks
from pgdash.export.fonts import cjk_font, face_for, subset_face
from pgdash.supervision.labels import LABELS as LEDGER_LABELS

PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, mm
MARGIN = 12.0
GAP = 4.0
FOOTER_H = 22.0
BOTTOM = PAGE_H - MARGIN - FOOTER_H
LEFT_W = 176.0  # figures; the rest of the width holds results against targets
INK = colours.rgb(colours.INK)
MUTED = colours.rgb(colours.MUTED)
ACCENT = colours.rgb(colours.BRAND)
TILE_FILL = colours.rgb(colours.TILE_FILL)
ROLE = {role: colours.rgb(c) for role, c in colours.ROLE.items()}
TONE = {tone: colours.rgb(c) for tone, c in colours.TONE.items()}
FAMILY = "cjk"
VALUE_SIZES = (15.0, 13.0, 11.5, 10.0)  # a tile's value: the largest that fits
TILE_H = 27.0
QUOTED_TILE_H = 44.0  # a one-sector page's tiles, each with the sentence it is from
QUOTE_PT = 7.5
BIG = 1.3  # an English one-sector page's tiles: type this much larger …
FEW_BIG = 1.6  # … and a page of four figures or fewer in two columns, in either language
TASK_LINES = 7  # lines of tasks or sites a one-sector page keeps room for


class Handout(FPDF):
    """An A4 landscape page with the CJK font registered and no automatic page breaks."""

    def __init__(self, sources: Sequence[Source], lang: str, chars: str | None = None) -> None:
        """With ``chars``, the fonts are cut to those characters where the export cache has
        the cut (:func:`pgdash.export.fonts.face_for`); without, the whole fonts are read."""
        super().__init__(orientation="L", unit="mm", format="A4")
        font = cjk_font()
        for style, face in (("", font.regular), ("B", font.bold)):
            cut = face_for(face, chars) if chars is not None else None
            if cut is None:
                self.add_font(FAMILY, style, face.path, collection_font_number=face.index)
            else:
                self.add_font(FAMILY, style, cut)
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.lang = lang
        self.numbers = {s.doc_id: i for i, s in enumerate(sources, start=1)}
        self.add_page()

    def text_at(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        size: float,
        bold: bool = False,
        color: tuple[int, int, int] = INK,
        align: str = "L",
        lines: int = 1,
    ) -> float:
        """Write ``text`` in a box of width ``w`` (at most ``lines`` lines); its height."""
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)
        height = size * 0.45
        wrapped = self.multi_cell(w, height, text, dry_run=True, output="LINES")
        if len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], wrapped[lines - 1].rstrip() + "…"]
        for i, line in enumerate(wrapped):
            self.set_xy(x, y + i * height)
            self.cell(w, height, line, align=align)
        return height * len(wrapped)

    def ref(self, kpi: Kpi) -> str:
        """[1]: which source footnote a figure comes from (internal ids stay in the data)."""
        return f"[{self.numbers.get(kpi.source.doc_id, '?')}]"


def _tile(
    pdf: Handout,
    kpi: Kpi,
    x: float,
    y: float,
    w: float,
    h: float,
    quote: bool = False,
    scale: float = 1.0,
) -> None:
    """One figure: name, value, what its sentence adds, period and kind (type ``scale``
    times the usual size), and with ``quote`` the sentence it is from beneath; its footnote
    mark in the top right corner, clear of the text however long the name runs."""
    pdf.set_fill_color(*TILE_FILL)
    pdf.rect(x, y, w, h, style="F")
    mark_w = 6.0
    inner = w - 4 - mark_w
    pdf.text_at(x + w - 2 - mark_w, y + 2, mark_w, pdf.ref(kpi), 6.5, color=MUTED, align="R")
    top = y + 2
    top += pdf.text_at(x + 2, top, inner, kpi.label, 8.5 * scale, lines=2)
    colour = ROLE[colours.KIND_ROLE.get(kpi.fact_kind, "result")]
    top += _value(pdf, kpi.value, x + 2, top + 0.5, w - 4, colour, scale) + 0.5
    if kpi.note:
        top += pdf.text_at(x + 2, top, w - 4, kpi.note, 7 * scale, bold=True, lines=2)
    dated = f"{kpi.period} · {kpi.kind}"
    if not quote:
        bottom = y + h - 4.5 * scale
        pdf.text_at(x + 2, min(top, bottom), w - 4, dated, 7 * scale, color=MUTED)
        return
    top += pdf.text_at(x + 2, top, w - 4, dated, 7, color=MUTED) + 1
    lines = max(1, int((y + h - 1.5 - top) // (QUOTE_PT * 0.45)))
    quote_text = " ".join(kpi.quote.split())  # the document's line breaks are not ours
    pdf.text_at(x + 2, top, w - 4, f"“{quote_text}”", QUOTE_PT, color=MUTED, lines=lines)


def value_lines(pdf: Handout, value: str, w: float, scale: float = 1.0) -> tuple[list[str], float]:
    """A tile's value whole, never cut nor broken inside a number and its unit: on one
    line at the largest of ``VALUE_SIZES`` that fits ``w``, else on two lines broken
    between its chunks ("No. 2 among" / "ecological conservation districts")."""
    chunks = value_chunks(value)
    sizes = [size * scale for size in VALUE_SIZES]
    for size in sizes:
        pdf.set_font(FAMILY, "B", size)
        if pdf.get_string_width(value) <= w:
            return [value], size
        for i in range(1, len(chunks)):
            lines = [" ".join(chunks[:i]), " ".join(chunks[i:])]
            if size <= sizes[2] and all(pdf.get_string_width(v) <= w for v in lines):
                return lines, size
    return [value], sizes[-1]  # a single chunk wider than a tile: fpdf wraps it


def _value(
    pdf: Handout,
    value: str,
    x: float,
    y: float,
    w: float,
    colour: tuple[int, int, int],
    scale: float = 1.0,
) -> float:
    """Write a tile's value (see ``value_lines``); its height."""
    lines, size = value_lines(pdf, value, w, scale)
    return sum(
        pdf.text_at(x, y + i * size * 0.45, w, line, size, bold=True, color=colour, lines=2)
        for i, line in enumerate(lines)
    )


def _tiles(
    pdf: Handout,
    kpis: Sequence[Kpi],
    x: float,
    y: float,
    w: float,
    columns: int,
    quotes: bool = False,
    scale: float = 1.0,
    tile_h: float = TILE_H,
) -> float:
    """Rows of tiles ``tile_h`` high from ``y``, with their sentences when ``quotes``, their
    type ``scale`` times the usual size; whole rows only, none past the footer. The new
    ``y``."""
    tile_w = (w - GAP * (columns - 1)) / columns
    for start in range(0, len(kpis), columns):
        if y + tile_h > BOTTOM:
            break
        for col, kpi in enumerate(kpis[start : start + columns]):
            _tile(pdf, kpi, x + col * (tile_w + GAP), y, tile_w, tile_h, quotes, scale)
        y += tile_h + GAP
    return y


def _heading(pdf: Handout, text: str, x: float, y: float, w: float) -> float:
    height = pdf.text_at(x, y, w, text, 11, bold=True)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(x, y + height + 0.8, x + w, y + height + 0.8)
    return y + height + 2.5


def _pillars(pdf: Handout, slide: Slide, shown: set[str], x: float, y: float, w: float) -> float:
    """A column per pillar with its lead figures not already shown above."""
    groups = list(dict.fromkeys(k.group for k in slide.kpis))
    col_w = (w - GAP * (len(groups) - 1)) / len(groups)
    bottom = y
    for i, group in enumerate(groups):
        left = x + i * (col_w + GAP)
        top = y + pdf.text_at(left, y, col_w, group, 9, bold=True, color=ACCENT) + 1
        members = [k for k in slide.kpis if k.group == group]
        members = [k for k in members if k.fact_id not in shown] or members[:1]
        bottom = max(bottom, _tiles(pdf, members, left, top, col_w, 1))
    return bottom


def _targets(pdf: Handout, slides: Sequence[Slide], x: float, y: float, w: float) -> float:
    """One block per measure: its name and status (green or red only when judged), then
    each side with its period spelled out, in its role's colour."""
    for slide in slides:
        for row in (*slide.pairs, *slide.table):
            sides = [(side, row.cells[side]) for side in ("result", "target", "latest")]
            sides = [(side, text) for side, text in sides if text]
            if y + 5 + 4.2 * len(sides) > BOTTOM:
                return y
            status_colour = TONE.get(row.tone, MUTED)
            y += pdf.text_at(x, y, w, row.measure, 8.5, bold=True, lines=1)
            y += pdf.text_at(x + 2, y, w - 2, row.status, 7.5, color=status_colour, lines=1)
            for side, text in sides:
                y += pdf.text_at(x + 2, y, w - 2, text, 7.5, bold=True, color=ROLE[side], lines=1)
            y += 1.8
    return y


def _footer(pdf: Handout, sources: Sequence[Source]) -> None:
    y = PAGE_H - MARGIN - FOOTER_H + 4
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, y - 1.5, PAGE_W - MARGIN, y - 1.5)
    width = PAGE_W - 2 * MARGIN
    y += pdf.text_at(MARGIN, y, width, t("present_handout_note", pdf.lang), 7, color=MUTED)
    for number, source in enumerate(sources, start=1):
        y += pdf.text_at(MARGIN, y, width, f"[{number}] {source.footnote(pdf.lang)}", 7.5)


def _tasks(pdf: Handout, slide: Slide, x: float, y: float, w: float) -> float:
    """A sector's 2023 task headings (document text), one per line."""
    return _lines(pdf, f"{slide.title} · {t('present_tasks', pdf.lang)}", slide.bullets, x, y, w)


def _lines(pdf: Handout, heading: str, lines: Sequence[str], x: float, y: float, w: float) -> float:
    """A heading and its lines (tasks, numbered sites), none past the footer."""
    if y + 12 > BOTTOM:  # no room for the heading and a line
        return y
    y = _heading(pdf, heading, x, y, w)
    for line in lines:
        if y + 5 > BOTTOM:
            break
        y += pdf.text_at(x, y, w, f"• {line}", 9, lines=2) + 1
    return y


def sector_blocks(pdf: Handout, by_kind: dict[str, list[Slide]]) -> list[tuple[str, tuple]]:
    """What a one-sector page shows beneath its figures: the sector's tasks and its sites,
    each a heading and its lines."""
    sector = by_kind["sector"][0]
    places = by_kind.get("map", [])
    blocks = []
    if sector.bullets:
        blocks.append((f"{sector.title} · {t('present_tasks', pdf.lang)}", sector.bullets))
    if places and places[0].bullets:
        blocks.append((places[0].title, places[0].bullets))
    return blocks


def sector_tiles(
    pdf: Handout, kpis: Sequence[Kpi], x: float, y: float, w: float, reserve: float
) -> float:
    """A one-sector page's figures, as large as the page allows above ``reserve`` mm: each
    with its sentence in Chinese (the sentences are Chinese, so an English page has larger
    type instead); four figures or fewer in two columns of larger tiles. The new ``y``."""
    zh = pdf.lang == "zh"
    columns = 2 if len(kpis) <= 4 else 3
    scale = FEW_BIG if len(kpis) <= 4 else (1.0 if zh else BIG)
    rows = max(1, -(-len(kpis) // columns))
    room = (BOTTOM - y - reserve) / rows - GAP
    if TILE_H * scale > room:  # larger tiles would push the tasks and sites off the page
        scale = 1.0
    tallest = (QUOTED_TILE_H if zh else TILE_H) * scale
    tile_h = max(TILE_H * scale, min(room, tallest))
    return _tiles(pdf, kpis, x, y, w, columns, quotes=zh, scale=scale, tile_h=tile_h)


def _one_sector(pdf: Handout, blocks: list[tuple[str, tuple]], y: float, w: float) -> None:
    """The sector's tasks and sites side by side beneath its figures (either over the width
    when the other is missing)."""
    if not blocks:
        return
    block_w = (w - 2 * GAP * (len(blocks) - 1)) / len(blocks)
    for i, (heading, lines) in enumerate(blocks):
        _lines(pdf, heading, lines, MARGIN + i * (block_w + 2 * GAP), y, block_w)


def _supervision_page(pdf: Handout, slide: Slide) -> None:
    """The 督办 page: a tile per light, then the red and overdue tasks, worst first (text
    clipped to two lines; the deck's notes have it whole)."""
    pdf.add_page()
    width = PAGE_W - 2 * MARGIN
    pdf.text_at(MARGIN, MARGIN, width, slide.title, 18, bold=True)
    pdf.text_at(MARGIN, MARGIN + 9, width, slide.subtitle, 9.5, color=MUTED)
    y = MARGIN + 17
    count = max(len(slide.lights), 1)
    tile_w = (width - GAP * (count - 1)) / count
    for i, light in enumerate(slide.lights):
        x = MARGIN + i * (tile_w + GAP)
        pdf.set_fill_color(*TILE_FILL)
        pdf.rect(x, y, tile_w, 18, style="F")
        pdf.set_fill_color(*colours.rgb(light.colour))
        pdf.rect(x, y, 1.6, 18, style="F")
        pdf.text_at(x + 4, y + 2, tile_w - 6, str(light.count), 18, True, colours.rgb(light.colour))
        pdf.text_at(x + 4, y + 11, tile_w - 6, light.label, 9)
    y += 18 + GAP + 2
    if slide.raised:
        y = _heading(pdf, slide.chart_title, MARGIN, y, width)
    for task in slide.raised:
        if y + 14 > PAGE_H - MARGIN - 8:
            break
        pdf.set_fill_color(*colours.rgb(task.colour))
        top = y
        # no-break spaces: the flags and the text wrap as one run, not at the flags' spaces
        line = f"{flag_line(task, pdf.lang)} {task.text}".strip().replace(" ", "\u00a0")
        y += pdf.text_at(MARGIN + 3, y, width - 3, line, 10, bold=True, lines=2)
        y += pdf.text_at(MARGIN + 3, y + 0.5, width - 3, clipped(task.meta, 160), 8, color=MUTED)
        pdf.rect(MARGIN, top, 1.2, y - top + 0.5, style="F")
        y += 3
    # beside red tasks the line is a footnote; with none (sector rows or nothing) it is the news
    size, colour = (9, MUTED) if slide.raises_tasks else (12, INK)
    for line in slide.bullets:
        y += pdf.text_at(MARGIN, y, width, line, size, color=colour, lines=3) + 1


def text_of(item: object) -> str:
    """Every string in ``item`` (slides, their figures, rows and tasks), joined."""
    if isinstance(item, str):
        return item
    if dataclasses.is_dataclass(item):
        fields = (getattr(item, f.name) for f in dataclasses.fields(item))
        return "".join(text_of(value) for value in fields)
    if isinstance(item, dict):
        return "".join(text_of(k) + text_of(v) for k, v in item.items())
    if isinstance(item, list | tuple):
        return "".join(text_of(value) for value in item)
    return ""


def handout_chars(slides: Sequence[Slide], lang: str) -> str:
    """The characters a handout of ``slides`` may print: the slides' text, their footnotes
    and the interface's labels in ``lang``."""
    labels = (pair[lang == "en"] for pair in (*LABELS.values(), *LEDGER_LABELS.values()))
    footnotes = (line for slide in slides for line in slide.footnotes(lang))
    return "".join({*text_of(list(slides)), *"".join(labels), *"".join(footnotes)})


def cut_fonts(slides: Sequence[Slide], lang: str) -> None:
    """Cut the fonts to the characters of a handout of ``slides`` into the export cache, for
    the next handout of those characters (the warm-up does, once its export is made)."""
    font, chars = cjk_font(), handout_chars(slides, lang)
    for face in {font.regular, font.bold}:
        subset_face(face, chars)


def handout_bytes(slides: Sequence[Slide], lang: str) -> bytes:
    """The one-page handout of ``slides`` as PDF bytes, its fonts cut to the characters it
    prints (the whole fonts when a character would be missing)."""
    pdf = _handout(slides, lang, handout_chars(slides, lang))
    out = bytes(pdf.output())
    if any(font.missing_glyphs for font in pdf.fonts.values() if hasattr(font, "missing_glyphs")):
        out = bytes(_handout(slides, lang, None).output())
    return out


def _handout(slides: Sequence[Slide], lang: str, chars: str | None) -> Handout:
    by_kind: dict[str, list[Slide]] = {}
    for slide in slides:
        by_kind.setdefault(slide.kind, []).append(slide)
    opening = by_kind["title"][0]
    # a sector's briefing may lead with its sector slide (its headline figures merged in)
    headline = (by_kind.get("kpis") or by_kind.get("sector") or [opening])[0]
    pdf = Handout(opening.sources, lang, chars)
    width = PAGE_W - 2 * MARGIN
    pdf.text_at(
        MARGIN, MARGIN, width, t("present_handout_title", lang, deck=opening.title), 18, bold=True
    )
    dated = " · ".join(p for p in (opening.subtitle, *opening.bullets) if p)
    pdf.text_at(MARGIN, MARGIN + 9, width, dated, 9.5, color=MUTED)
    top = MARGIN + 16
    targets = by_kind.get("targets", [])
    left_w = LEFT_W if targets else width
    pillars = by_kind.get("pillars", [])
    sectors = by_kind.get("sector", [])
    y = _heading(pdf, headline.title, MARGIN, top, left_w)
    if len(sectors) == 1 and not pillars:  # a one-sector briefing: all its figures, each
        # with its sentence (Chinese, as the document says it), then its tasks and sites
        kpis = list(dict.fromkeys([*headline.kpis, *sectors[0].kpis]))
        blocks = [] if targets else sector_blocks(pdf, by_kind)
        if targets and sectors[0].bullets:
            blocks = sector_blocks(pdf, by_kind)[:1]
        longest = max((len(lines) for _, lines in blocks), default=0)
        reserve = 9 + 5 * min(longest, TASK_LINES) if blocks else 0
        y = sector_tiles(pdf, kpis, MARGIN, y, left_w, reserve)
        if targets and blocks:
            _tasks(pdf, sectors[0], MARGIN, y + 1, left_w)
        else:
            _one_sector(pdf, blocks, y + 1, width)
    else:
        y = _tiles(pdf, headline.kpis, MARGIN, y, left_w, 3 if targets else 4)
        if pillars and len({k.group for k in pillars[0].kpis}) > 1 and y + 40 < BOTTOM:
            y = _heading(pdf, pillars[0].title, MARGIN, y + 1, left_w)
            _pillars(pdf, pillars[0], {k.fact_id for k in headline.kpis}, MARGIN, y, left_w)
        elif len(sectors) == 1 and sectors[0].bullets:
            _tasks(pdf, sectors[0], MARGIN, y + 1, left_w)
    if targets:
        x = MARGIN + left_w + 2 * GAP
        y = _heading(pdf, targets[0].chart_title, x, top, PAGE_W - MARGIN - x)
        _targets(pdf, targets, x, y, PAGE_W - MARGIN - x)
    _footer(pdf, opening.sources)
    if "supervision" in by_kind:
        _supervision_page(pdf, by_kind["supervision"][0])
    return pdf
