"""The briefing as a 16:9 PowerPoint deck: the same slides, notes attached.

Bar charts are native PowerPoint charts (editable, and made in milliseconds); the map is an
image. Results against targets without a chart are a native table. Every figure carries a
footnote mark ([1]) that points to the numbered sources at the foot of its slide (document
title and date); internal fact ids never reach a slide. Colours come from
:mod:`pgdash.display.colours`, like the app's.
"""

import io
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook

from pgdash.briefing.ledger_slide import clipped, flag_line
from pgdash.briefing.model import Kpi, PairRow, Slide
from pgdash.display import colours
from pgdash.display.i18n import source_line, t
from pgdash.display.wrapping import WIDE_FROM, text_px, value_chunks, wrap
from pgdash.export.render import factory_png

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.75), Inches(6.75)
GAP = Inches(0.2)
MAX_TILE_HEIGHT = Inches(2.3)
TITLE_ONLY_LAYOUT = 5  # "Title Only" in python-pptx's default template
FONT_EA = "微软雅黑"  # Microsoft YaHei, on every Windows with Chinese; see _east_asian
FONT_EA_PANOSE = "020B0503020204020204"
FONT_LATIN = "Arial"
CATEGORY_SHARE = 0.3  # of a bar chart's width, for the measures' names
CATEGORY_PT, LABEL_PT, KEY_PT = 13, 13, 13
KEY_HEIGHT = Inches(0.4)  # the colour key above a bar chart
VALUE_MIN_PT = 22  # a tile's value set smaller on one line goes on two …
VALUE_TWO_LINES_PT = 26  # … of at most this size, so the tile still holds its period


def _rgb(colour: str) -> RGBColor:
    return RGBColor(*colours.rgb(colour))


INK = _rgb(colours.INK)
MUTED = _rgb(colours.MUTED)
ACCENT = _rgb(colours.BRAND)
TILE_FILL = _rgb(colours.TILE_FILL)
ROLE = {role: _rgb(c) for role, c in colours.ROLE.items()}
ROLE_HEX = dict(colours.ROLE)
TONE = {tone: _rgb(c) for tone, c in colours.TONE.items()}
MISSING = _rgb(colours.MISSING)
SIDES = ("result", "target", "latest")
LONG_LIST = 12  # more bullet lines than this run in two columns
CHART_PX_PER_INCH = 96  # chart units per inch of slide, so type sizes match the page
FOOTNOTE_HEIGHT = Inches(0.4)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    def split(self, first: int) -> tuple["Box", "Box"]:
        """Two boxes side by side: ``first`` wide, then the rest after a gap."""
        rest = self.width - first - GAP
        return (
            Box(self.left, self.top, first, self.height),
            Box(self.left + first + GAP, self.top, rest, self.height),
        )

    def stack(self, first: int) -> tuple["Box", "Box"]:
        """Two boxes one above the other: ``first`` high, then the rest."""
        return (
            Box(self.left, self.top, self.width, first),
            Box(self.left, self.top + first, self.width, self.height - first),
        )


BODY = Box(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)

Line = tuple[str, float, dict]  # text, point size, style (bold, color, align)


def _font(run, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    """Size, weight and colour; the Latin and the East Asian typeface."""
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = color
    run.font.name = FONT_LATIN
    _east_asian(run._r.get_or_add_rPr())


def _east_asian(properties) -> None:
    """The East Asian and complex-script typefaces of a run's properties: 微软雅黑, marked
    as a GB2312 (simplified Chinese) face. Office on Windows has it; LibreOffice, which
    does not, takes that mark to substitute its Chinese face (Noto Sans CJK SC), and the
    text is tagged zh-CN so neither picks a Japanese form of the characters."""
    properties.set("lang", "zh-CN")
    for tag in ("a:latin", "a:ea", "a:cs"):
        element = properties.find(qn(tag))
        if element is None:
            element = properties.makeelement(qn(tag), {})
            properties.append(element)
        if tag == "a:latin":
            element.set("typeface", FONT_LATIN)
            continue
        element.set("typeface", FONT_EA)
        element.set("panose", FONT_EA_PANOSE)
        element.set("pitchFamily", "34")
        element.set("charset", "-122")


def _write(frame: TextFrame, lines: Sequence[Line]) -> None:
    for i, (text, size, style) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        style = dict(style)
        para.alignment = style.pop("align", PP_ALIGN.LEFT)
        run = para.add_run()
        run.text = text
        _font(run, size, **style)


def _text(slide: PptxSlide, box: Box, lines: Sequence[Line]) -> None:
    """A word-wrapped text box."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    shape.text_frame.word_wrap = True
    _write(shape.text_frame, lines)


def _title(slide: PptxSlide, model: Slide) -> None:
    """The title in the layout's placeholder (so outlines list it), the subtitle beneath."""
    opening = model.kind == "title"
    top, height, size = (
        (Inches(1.8), Inches(1.3), 44) if opening else (Inches(0.3), Inches(0.9), 36)
    )
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, top, WIDTH - 2 * MARGIN, height
    frame = title.text_frame
    frame.text = ""
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _write(frame, [(model.title, size, {"bold": True})])
    if model.subtitle:
        below = Box(MARGIN, top + height + Inches(0.1), WIDTH - 2 * MARGIN, Inches(0.6))
        style = {"color": ACCENT if opening else MUTED}
        _text(slide, below, [(model.subtitle, 28 if opening else 18, style)])


def _footer(slide: PptxSlide, model: Slide, number: int, total: int, lang: str) -> None:
    """Numbered sources (the title slide lists them in its body) and the slide number."""
    top = Inches(6.85)
    if model.sources and model.kind != "title":
        line = source_line(model.footnotes(lang), lang)
        box = Box(MARGIN, top, WIDTH - 2 * MARGIN - Inches(1.2), Inches(0.5))
        _text(slide, box, [(line, 11, {"color": MUTED})])
    counter = t("present_counter", lang, i=number, n=total)
    box = Box(WIDTH - MARGIN - Inches(1.0), top, Inches(1.0), Inches(0.5))
    _text(slide, box, [(counter, 11, {"color": MUTED, "align": PP_ALIGN.RIGHT})])


def _value_size(value: str, width: int) -> float:
    """The largest type (≤ 30 pt) at which ``value`` fits one line of a tile ``width`` wide,
    so a value never breaks inside its unit ("330亿元以 / 上"): bold type is a little wider,
    and LibreOffice sets a quarter-em space where Chinese meets Latin or digits."""
    room_pt = (width - Inches(0.45)) / 12700  # EMU per point, less the tile's margins
    switches = sum(
        (ord(a) >= WIDE_FROM) != (ord(b) >= WIDE_FROM) for a, b in itertools.pairwise(value)
    )
    ems = (text_px(value, 1.0) * 1.06 + 0.25 * switches) or 1.0
    return max(12.0, min(30.0, room_pt / ems))


def _value_lines(value: str, width: int) -> tuple[list[str], float]:
    """``value`` on one line, or on two when one line would set it smaller than
    ``VALUE_MIN_PT`` ("at least 2,100 people" → "at least" / "2,100 people"): broken only
    between its chunks (a number keeps its unit), at the break that sets it largest."""
    best = ([value], _value_size(value, width))
    if best[1] >= VALUE_MIN_PT:
        return best
    words = value_chunks(value)
    for i in range(1, len(words)):
        lines = [" ".join(words[:i]), " ".join(words[i:])]
        size = min(VALUE_TWO_LINES_PT, *(_value_size(line, width) for line in lines))
        if size > best[1]:
            best = (lines, size)
    return best


def _tile(slide: PptxSlide, model: Slide, kpi: Kpi, box: Box, lang: str) -> None:
    """One figure: name, value, period and kind, and its footnote mark."""
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, box.left, box.top, box.width, box.height
    )
    shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.rgb = TILE_FILL
    shape.line.fill.background()
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.12))
    value_colour = ROLE[colours.KIND_ROLE.get(kpi.fact_kind, "result")]
    values, size = _value_lines(kpi.value, box.width)
    lines: list[Line] = [
        (kpi.label, 15, {}),
        *((v, size, {"bold": True, "color": value_colour}) for v in values),
    ]
    if kpi.note:
        lines.append((kpi.note, 14, {"bold": True}))
    lines += [
        (f"{kpi.period} · {kpi.kind}", 13, {"color": MUTED}),
        (model.reference(kpi, lang), 10, {"color": MUTED}),
    ]
    _write(frame, lines)


def _grid(
    slide: PptxSlide, model: Slide, kpis: Sequence[Kpi], box: Box, columns: int, lang: str
) -> None:
    """Tiles in rows of ``columns``, filling ``box`` from the top."""
    if not kpis:
        return
    rows = -(-len(kpis) // columns)
    tile_w = (box.width - GAP * (columns - 1)) // columns
    tile_h = min((box.height - GAP * (rows - 1)) // rows, MAX_TILE_HEIGHT)
    for i, kpi in enumerate(kpis):
        row, col = divmod(i, columns)
        left, top = box.left + col * (tile_w + GAP), box.top + row * (tile_h + GAP)
        _tile(slide, model, kpi, Box(left, top, tile_w, tile_h), lang)


def _pillars(slide: PptxSlide, model: Slide, lang: str) -> None:
    """A column per pillar, headed by its name; one pillar spreads over the width."""
    groups = list(dict.fromkeys(k.group for k in model.kpis))
    col_w = (BODY.width - GAP * (len(groups) - 1)) // len(groups)
    for i, group in enumerate(groups):
        column = Box(BODY.left + i * (col_w + GAP), BODY.top, col_w, BODY.height)
        heading, tiles = column.stack(Inches(0.6))
        _text(slide, heading, [(group, 22, {"bold": True, "color": ACCENT})])
        members = [k for k in model.kpis if k.group == group]
        _grid(slide, model, members, tiles, 1 if len(groups) > 1 else 3, lang)


def _sources_below(slide: PptxSlide, model: Slide, box: Box, top: int, lang: str) -> None:
    if model.sources:
        line = source_line(model.footnotes(lang), lang)
        _text(slide, Box(box.left, top, box.width, FOOTNOTE_HEIGHT), [(line, 10, {"color": MUTED})])


class _TextSheet(CategoryWorkbookWriter):
    """The workbook behind a chart (PowerPoint's 编辑数据), its labels text, never formulas.

    python-pptx's writer lets XlsxWriter take a label that starts with ``=`` (a measure's
    name from a document, say) for a formula; the rule of :mod:`pgdash.cells` holds here too.
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple]:
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        workbook = Workbook(xlsx_file, options)
        yield workbook, workbook.add_worksheet()
        workbook.close()


class ChartData(CategoryChartData):
    """Category chart data whose embedded workbook holds text as text."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextSheet(self)


def _bars(slide: PptxSlide, model: Slide, bars: pd.DataFrame, box: Box, lang: str) -> None:
    """The slide's bars as a native bar chart on one scale: a category per measure, a
    series per role (result, target, latest) in its colour with a key, each bar labelled
    with its own value, period and kind."""
    measures = list(dict.fromkeys(bars["measure"]))
    roles = [r for r in SIDES if r in set(bars["role"])]
    names = bars.drop_duplicates("role").set_index("role")["role_label"]
    if len(roles) > 1:
        key, box = box.stack(KEY_HEIGHT)
        plot_left = key.left + int(key.width * CATEGORY_SHARE)
        key = replace(key, left=plot_left, width=key.width - (plot_left - key.left))
        _key(slide, [(str(names[r]), r) for r in roles], key)
    data = ChartData()
    # a category label wraps at the measure's words; the value axis gets the rest
    room_pt = box.width * CATEGORY_SHARE / 12700
    data.categories = ["\n".join(wrap(m, room_pt, CATEGORY_PT)) for m in measures]
    cells = {(r.measure, r.role): r for r in bars.itertuples()}
    for role in roles:
        values = [cells[(m, role)].value if (m, role) in cells else None for m in measures]
        data.add_series(str(names[role]), values)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, box.left, box.top, box.width, box.height, data
    )
    chart = frame.chart
    chart.has_legend = False  # the key above is drawn: see _key
    chart.font.size = Pt(13)
    _chart_fonts(chart)
    chart.category_axis.reverse_order = True  # first measure on top, as on the page
    chart.category_axis.tick_labels.font.size = Pt(CATEGORY_PT)
    chart.category_axis.tick_labels.font.bold = True
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.minimum_scale = 0
    # room on the right of the longest bar for its label
    longest = max(text_px(_bar_label(r), LABEL_PT) for r in bars.itertuples())
    plot_pt = box.width * (1 - CATEGORY_SHARE) / 12700
    share = min(0.7, (longest + 12) / max(plot_pt, 1))
    chart.value_axis.maximum_scale = float(bars["value"].max()) / (1 - share)
    plot = chart.plots[0]
    plot.gap_width = 45
    plot.overlap = 0
    for series, role in zip(plot.series, roles, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = ROLE.get(role, ACCENT)
        for i, measure in enumerate(measures):
            row = cells.get((measure, role))
            if row is None:
                continue
            label = series.points[i].data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            label.text_frame.text = _bar_label(row)
            label.text_frame._bodyPr.set("wrap", "none")  # one line, never broken
            label.font.size = Pt(LABEL_PT)
            label.font.bold = True
            for run in (r for p in label.text_frame.paragraphs for r in p.runs):
                _font(run, LABEL_PT, bold=True)
    # the slide's footer names the sources of a native chart (an image carries its own)


def _key(slide: PptxSlide, entries: Sequence[tuple[str, str]], box: Box) -> None:
    """The colour key of a bar chart: a swatch and a name per role, left to right in the
    order of the bars (result, target, latest). It is drawn rather than the chart's own
    legend, which LibreOffice lists bottom-up for horizontal bars and PowerPoint
    top-down, so the two would disagree with each other or with the bars."""
    swatch = Inches(0.2)
    left = box.left
    for label, role in entries:
        square = Box(left, box.top + (box.height - swatch) // 2, swatch, swatch)
        _bar(slide, square, ROLE_HEX[role]).name = f"key swatch {role}"
        width = int((text_px(label, KEY_PT) * 1.1 + 4) * 12700)  # points to EMU
        shape = slide.shapes.add_textbox(left + swatch + Inches(0.06), box.top, width, box.height)
        frame = shape.text_frame
        frame.word_wrap = False
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, 0)
        _write(frame, [(label, KEY_PT, {})])
        shape.name = f"key {role}"
        left += swatch + Inches(0.06) + width + Inches(0.3)


def _bar_label(row) -> str:
    """A bar's own label: its value as written, then its period and kind, never broken
    inside the value ("330亿元以上")."""
    return f"{row.text}\u00a0\u00a0{row.label}"


def _chart_fonts(chart) -> None:
    """The chart's text in the deck's Latin and East Asian typefaces."""
    chart.font.name = FONT_LATIN
    properties = chart.font._rPr  # the chart's default run properties
    _east_asian(properties)


def _picture(slide: PptxSlide, model: Slide, box: Box, lang: str) -> None:
    """The slide's chart fitted into ``box``, its sources beneath: native bars when the
    slide has bar rows, else an image (the map)."""
    if model.bars is not None and not model.bars.empty:
        _bars(slide, model, model.bars, box, lang)
        return
    room = box.height - FOOTNOTE_HEIGHT
    png = factory_png(
        model.chart,
        int(box.width / Inches(1) * CHART_PX_PER_INCH),
        int(room / Inches(1) * CHART_PX_PER_INCH),
    )
    picture = slide.shapes.add_picture(io.BytesIO(png), box.left, box.top)
    scale = min(box.width / picture.width, room / picture.height)
    picture.width = Emu(int(picture.width * scale))
    picture.height = Emu(int(picture.height * scale))
    _sources_below(slide, model, box, box.top + picture.height, lang)


def _pairs(slide: PptxSlide, pairs: tuple[PairRow, ...], box: Box, lang: str, size: float) -> None:
    """Results against targets as a native table: each side with its period, the status
    green or red only when judged."""
    labels = ("measure", "present_role_result", "present_role_target", "present_role_latest")
    header = [t(key, lang) for key in (*labels, "status")]
    row_h = min(Inches(0.62), box.height // (len(pairs) + 1))
    shape = slide.shapes.add_table(
        len(pairs) + 1, len(header), box.left, box.top, box.width, row_h * (len(pairs) + 1)
    )
    table = shape.table
    widths = (0.21, 0.2, 0.2, 0.17, 0.22)
    for i, share in enumerate(widths):
        table.columns[i].width = Emu(int(box.width * share))

    def fill(
        cell, texts: Sequence[str], colour: RGBColor, bold: bool, background: RGBColor
    ) -> None:
        cell.margin_top = cell.margin_bottom = Inches(0.03)
        cell.fill.solid()
        cell.fill.fore_color.rgb = background
        cell.text_frame.text = ""
        cell.text_frame.word_wrap = True
        _write(cell.text_frame, [(text, size, {"bold": bold, "color": colour}) for text in texts])

    white = RGBColor(0xFF, 0xFF, 0xFF)
    for j, text in enumerate(header):
        fill(table.cell(0, j), [text], MUTED, True, TILE_FILL)
    # a column breaks every cell after its lead once one cell would wrap: alike, they read
    split = {
        side: any(_wrapped_lines(r.cells[side], size, table.columns[j].width) > 1 for r in pairs)
        for j, side in enumerate(SIDES, start=1)
    }
    for i, row in enumerate(pairs, start=1):
        fill(table.cell(i, 0), [row.measure], ACCENT, True, white)
        for j, side in enumerate(SIDES, start=1):
            text = row.cells[side]
            colour = ROLE[side] if text else MISSING
            fill(table.cell(i, j), _cell_lines(row, side, split[side]), colour, bool(text), white)
        fill(
            table.cell(i, 4), [row.status], TONE.get(row.tone, MUTED), row.tone != "neutral", white
        )


def _cell_lines(row: PairRow, side: str, split: bool) -> list[str]:
    """A results-table cell's lines: its text on one line, or with ``split`` (its column
    too narrow for some cell) its period and role on one line and its value on the next,
    so that a value (全市第一（预计）) is never broken inside."""
    text = row.cells[side]
    lead, value = row.parts(side)
    if not text or not lead or not split:
        return [text or "—"]
    return [lead.rstrip(), value]


def _below(box: Box) -> Box:
    """``box`` without the gap at its top."""
    return Box(box.left, box.top + GAP, box.width, box.height - GAP)


SUPERVISION_PT = 14  # the 督办 slide's closing lines: what the lights say, and their rule


def _bullets(slide: PptxSlide, lines: Sequence[str], box: Box, size: float = 18) -> None:
    """Bullet lines; a long list (the map's sites) runs in two smaller columns."""
    if not lines:
        return
    if len(lines) <= LONG_LIST:
        _text(slide, box, [(f"• {line}", size, {}) for line in lines])
        return
    half = -(-len(lines) // 2)
    left, right = box.split((box.width - GAP) // 2)
    _text(slide, left, [(line, size - 4, {}) for line in lines[:half]])
    _text(slide, right, [(line, size - 4, {}) for line in lines[half:]])


def _bar(slide: PptxSlide, box: Box, colour: str, shape=MSO_SHAPE.RECTANGLE):
    """A filled shape without an outline."""
    shape = slide.shapes.add_shape(shape, box.left, box.top, box.width, box.height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    return shape


def _wrapped_lines(text: str, size: float, width: int) -> int:
    """About how many lines ``text`` takes at ``size`` points in a box ``width`` EMU wide
    (less its margins; bold and LibreOffice's spacing as in :func:`_value_size`)."""
    room_pt = width / 12700 - 14
    return max(1, -(-int(text_px(text, size) * 1.06) // int(room_pt)))


def _supervision(slide: PptxSlide, model: Slide, lang: str) -> None:
    """The 督办 slide: a tile per light, then the red and overdue tasks, worst first, each
    with a bar of its light, its flags and text (clipped; whole in the notes), and a line
    of lead unit, deadline and progress against the pace."""
    lights, rest = BODY.stack(Inches(1.05))
    width = (lights.width - GAP * (len(model.lights) - 1)) // max(len(model.lights), 1)
    for i, light in enumerate(model.lights):
        left = lights.left + i * (width + GAP)
        tile = _bar(slide, Box(left, lights.top, width, Inches(0.9)), colours.TILE_FILL)
        _bar(slide, Box(left, lights.top, Inches(0.09), Inches(0.9)), light.colour)
        frame = tile.text_frame
        frame.word_wrap = True
        frame.margin_left = Inches(0.25)
        _write(
            frame,
            [
                (str(light.count), 28, {"bold": True, "color": _rgb(light.colour)}),
                (light.label, 14, {}),
            ],
        )
    top = rest.top
    if model.raised:
        _text(
            slide,
            Box(rest.left, top, rest.width, Inches(0.45)),
            [(model.chart_title, 18, {"bold": True, "color": ACCENT})],
        )
        top += Inches(0.5)
    closing = sum(_wrapped_lines(b, SUPERVISION_PT, rest.width) for b in model.bullets)
    footer = Inches(0.26) * closing + (Inches(0.1) if closing else 0)  # the lines keep their room
    # a task's sentence takes the width; sectors' short rows go in two columns
    columns = 1 if model.raises_tasks else 2
    per_column = -(-len(model.raised) // columns)
    width = (rest.width - GAP * (columns - 1)) // columns
    room = BODY.top + BODY.height - top - footer
    row_h = min(Inches(0.72), room // max(per_column, 1))
    for i, task in enumerate(model.raised):
        left = rest.left + (i % columns) * (width + GAP)  # left to right, as the page reads
        row_top = top + (i // columns) * row_h
        _bar(
            slide,
            Box(left, row_top + Inches(0.05), Inches(0.07), row_h - Inches(0.12)),
            task.colour,
        )
        lines: list[Line] = [
            (f"{flag_line(task, lang)} {clipped(task.text, 48)}".strip(), 14, {"bold": True}),
            (clipped(task.meta, 150 if lang == "en" else 110), 11, {"color": MUTED}),
        ]
        _text(slide, Box(left + Inches(0.15), row_top, width - Inches(0.15), row_h), lines)
    top += per_column * row_h
    if model.bullets:
        _text(
            slide,
            Box(rest.left, top, rest.width, footer),
            [(b, SUPERVISION_PT, {"color": MUTED}) for b in model.bullets],
        )


def _body(slide: PptxSlide, model: Slide, lang: str) -> None:
    """Lay out the slide's figures, chart and lines by its kind."""
    if model.kind == "supervision":
        _supervision(slide, model, lang)
    elif model.kind == "title":
        lines = [(b, 22, {}) for b in model.bullets]
        lines += [(f, 16, {"color": MUTED}) for f in model.footnotes(lang)]
        _text(slide, Box(MARGIN, Inches(4.0), BODY.width, Inches(2.6)), lines)
    elif model.kind == "pillars":
        _pillars(slide, model, lang)
    elif model.kind == "kpis":
        _grid(slide, model, model.kpis, BODY, 3, lang)
        _bullets(slide, model.bullets, BODY)
    elif model.kind == "targets" and model.chart is None:
        _pairs(slide, model.pairs, BODY, lang, 12 if lang == "en" else 14)
    elif model.kind in ("targets", "map"):
        side = Inches(5.6) if model.kind == "map" else Inches(3.8)
        body, table = BODY, None
        if model.table:  # a few more measures: a table beneath the chart, over the width
            rows = Inches(0.55) * (len(model.table) + 1)
            body, table = BODY.stack(BODY.height - rows - GAP)
            _pairs(slide, model.table, _below(table), lang, 12 if lang == "en" else 14)
        main, aside = body.split(body.width - side - GAP)
        if model.chart:
            _picture(slide, model, main, lang)
        _bullets(slide, model.bullets, aside, 16)
    elif model.chart:  # a sector with results against targets
        tiles, right = BODY.split((BODY.width - GAP) // 2)
        chart, lines = right.stack(right.height * 2 // 3)
        _grid(slide, model, model.kpis, tiles, 2, lang)
        _picture(slide, model, chart, lang)
        _bullets(slide, model.bullets, lines, 14)
    elif model.pairs:  # a sector whose measures share no scale: a table beside the tiles
        tiles, right = BODY.split((BODY.width - GAP) * 2 // 5)
        table, lines = right.stack(right.height * 3 // 5)
        _grid(slide, model, model.kpis, tiles, 2, lang)
        _pairs(slide, model.pairs, table, lang, 12)
        _bullets(slide, model.bullets, _below(lines), 14)
    elif not model.bullets:  # a sector without task headings: its figures over the width
        _grid(slide, model, model.kpis, BODY, 3, lang)
    else:  # a sector: figures and its task headings
        tiles, aside = BODY.split(BODY.width - Inches(3.8) - GAP)
        _grid(slide, model, model.kpis, tiles, 3, lang)
        _bullets(slide, model.bullets, aside, 16)


def deck_bytes(slides: Sequence[Slide], lang: str) -> bytes:
    """The slides as a .pptx file."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    layout = deck.slide_layouts[TITLE_ONLY_LAYOUT]
    for number, model in enumerate(slides, start=1):
        slide = deck.slides.add_slide(layout)
        _title(slide, model)
        _body(slide, model, lang)
        _footer(slide, model, number, len(slides), lang)
        slide.notes_slide.notes_text_frame.text = model.notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
