"""The PPTX deck, the PDF handout and the chart images, from a real build of the seeds."""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches

from pgdash.briefing import build_slides
from pgdash.briefing.charts import bars
from pgdash.cli import main
from pgdash.display import colours
from pgdash.display.wrapping import value_chunks
from pgdash.errors import PgdashError
from pgdash.export import fonts
from pgdash.export.cli import export
from pgdash.export.fonts import cjk_font
from pgdash.export.handout import GAP, LEFT_W, Handout, value_lines
from pgdash.export.pptx import _value_lines, _value_size
from pgdash.export.render import chart_png
from pgdash.paths import seeds_dir
from pgdash.sectors import SECTORS
from pgdash.tables import load_tables

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FACT_ID = re.compile(r"(gwr2023|press2024)-[0-9a-f]{6}|编号")
A4_LANDSCAPE_PT = (841.89, 595.28)


@pytest.fixture(scope="module")
def data(built_data: Path) -> Path:
    """The session's real build of the seeds (read only)."""
    return built_data


@pytest.fixture(scope="module")
def deck_dir(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The decks and handouts the tests look at, each exported once."""
    out = tmp_path_factory.mktemp("decks")
    export("pptx", None, out / "all-zh.pptx", data, "zh")
    export("pptx", "logistics", out / "logistics-zh.pptx", data, "zh")
    export("pptx", "logistics", out / "logistics-en.pptx", data, "en")
    export("pdf", None, out / "all-zh.pdf", data, "zh")
    export("pdf", "logistics", out / "logistics-en.pdf", data, "en")
    return out


def slides_for(data: Path, sector: str | None, lang: str):
    return build_slides(load_tables(data), sector, lang)


def deck_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def pictures(deck) -> list:
    return [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]


@pytest.mark.parametrize(
    ("name", "sector", "lang"),
    [
        ("all-zh", None, "zh"),
        ("logistics-zh", "logistics", "zh"),
        ("logistics-en", "logistics", "en"),
    ],
)
def test_deck_has_the_slides_titles_and_notes_of_the_view(deck_dir, data, name, sector, lang):
    deck = Presentation(str(deck_dir / f"{name}.pptx"))
    model = slides_for(data, sector, lang)
    assert (deck.slide_width, deck.slide_height) == (Emu(12191695), Emu(6858000))  # 16:9
    assert [s.shapes.title.text for s in deck.slides] == [m.title for m in model]
    for slide, expected in zip(deck.slides, model, strict=True):
        assert slide.notes_slide.notes_text_frame.text == expected.notes
        text = deck_text(slide)
        words = " ".join(text.split())  # a long value may run over two lines
        for kpi in expected.kpis:  # each figure: value, what its sentence adds, its mark
            assert kpi.value in words and kpi.note in text
            assert expected.reference(kpi, lang) in text
        assert not FACT_ID.search(text)  # internal ids never reach a slide
        for line in expected.footnotes(lang):  # … pointing at document and date
            assert line in text


def test_filtered_deck_is_a_logistics_briefing(deck_dir):
    titles = [s.shapes.title.text for s in Presentation(str(deck_dir / "logistics-zh.pptx")).slides]
    other_sectors = {s.zh for s in SECTORS} - {"现代物流"}
    assert "现代物流" in titles and not other_sectors & set(titles)
    full = [s.shapes.title.text for s in Presentation(str(deck_dir / "all-zh.pptx")).slides]
    assert len(full) > len(titles) and other_sectors & set(full)


def test_english_deck_has_english_titles(deck_dir):
    titles = [s.shapes.title.text for s in Presentation(str(deck_dir / "logistics-en.pptx")).slides]
    assert titles[0] == "Pinggu District briefing"
    assert "Logistics" in titles
    for title in titles:  # only the slogan's own 高 大 尚 stay
        assert not re.search(r"[\u4e00-\u9fff]", re.sub("[高大尚]", "", title)), title


def test_deck_images_are_real_pngs_with_sources_beneath(deck_dir):
    deck = Presentation(str(deck_dir / "all-zh.pptx"))
    found = pictures(deck)
    assert len(found) >= 1  # the map (bar charts are native charts)
    for picture in found:
        blob = picture.image.blob
        assert blob.startswith(PNG_SIGNATURE) and picture.image.content_type == "image/png"
        image = Image.open(io.BytesIO(blob)).convert("L")
        assert image.width >= 600 and image.height >= 300
        low, high = image.getextrema()
        assert high - low > 100  # drawn on, not blank
        assert picture.left + picture.width <= deck.slide_width
        assert picture.top + picture.height <= deck.slide_height


@pytest.mark.parametrize("name", ["all-zh", "logistics-en", "all-en"])
def test_bar_charts_label_each_bar_by_its_own_period_and_kind_with_a_key(deck_dir, data, name):
    lang = name.split("-")[1]
    if not (deck_dir / f"{name}.pptx").exists():
        export("pptx", None, deck_dir / f"{name}.pptx", data, lang)
    deck = Presentation(str(deck_dir / f"{name}.pptx"))
    model = slides_for(data, None if name.startswith("all") else "logistics", lang)
    for slide, expected in zip(deck.slides, model, strict=True):
        charts = [s.chart for s in slide.shapes if s.has_chart]
        if expected.bars is None:
            assert not charts
            continue
        (chart,) = charts  # one chart, so one scale, per slide
        roles = list(
            dict.fromkeys(
                r for r in ("result", "target", "latest") if r in set(expected.bars["role"])
            )
        )
        names = [expected.bars.loc[expected.bars["role"] == r, "role_label"].iloc[0] for r in roles]
        series = chart.plots[0].series
        assert [s.name for s in series] == names
        # a drawn colour key in the bars' order, the same in LibreOffice and PowerPoint
        # (the chart's own legend is listed bottom-up by one and top-down by the other)
        assert not chart.has_legend
        key = sorted((s for s in slide.shapes if s.name.startswith("key ")), key=lambda s: s.left)
        if len(roles) > 1:
            assert [s.name for s in key] == [
                f"key {kind}{role}" for role in roles for kind in ("swatch ", "")
            ]
            labels = [s.text_frame.text for s in key if s.has_text_frame and s.text_frame.text]
            assert labels == names
            swatches = [s for s in key if s.name.startswith("key swatch")]
            for swatch, role in zip(swatches, roles, strict=True):
                assert str(swatch.fill.fore_color.rgb) == colours.ROLE[role][1:].upper()
        else:
            assert not key
        measures = list(dict.fromkeys(expected.bars["measure"]))
        for one, role in zip(series, roles, strict=True):
            assert str(one.format.fill.fore_color.rgb) == colours.ROLE[role][1:].upper()
            for i, measure in enumerate(measures):
                row = expected.bars[
                    (expected.bars["measure"] == measure) & (expected.bars["role"] == role)
                ]
                if row.empty:
                    continue
                label = one.points[i].data_label.text_frame.text
                # its own value, period and kind, on one line, not the row's status
                assert label.startswith(row["text"].iloc[0]) and row["label"].iloc[0] in label
                assert "\n" not in label and "仅供参考" not in label and "reference" not in label


def test_deck_text_is_in_a_chinese_windows_font_tagged_for_libreoffice(deck_dir):
    xml = Presentation(str(deck_dir / "all-zh.pptx")).slides[1].shapes[1]._element.xml
    assert 'typeface="微软雅黑"' in xml and 'charset="-122"' in xml and 'lang="zh-CN"' in xml


def test_every_shape_lies_on_the_slide(deck_dir):
    deck = Presentation(str(deck_dir / "all-zh.pptx"))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, number
            assert shape.left + shape.width <= deck.slide_width, (number, shape.name)
            assert shape.top + shape.height <= deck.slide_height, (number, shape.name)


def pdf_layout(pdf: bytes) -> tuple[int, set[tuple[float, float]]]:
    """Number of page objects and the (width, height) in points of every MediaBox."""
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    boxes = set()
    for box in re.findall(rb"/MediaBox\s*\[([\d. ]+)\]", pdf):
        x0, y0, x1, y1 = (float(v) for v in box.split())
        boxes.add((round(x1 - x0, 2), round(y1 - y0, 2)))
    return pages, boxes


@pytest.mark.parametrize("name", ["all-zh", "logistics-en"])
def test_handout_is_one_a4_landscape_page_with_an_embedded_cjk_font(deck_dir, name):
    pdf = (deck_dir / f"{name}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages, boxes = pdf_layout(pdf)
    assert pages == 1
    assert boxes == {A4_LANDSCAPE_PT}
    assert b"/FontFile" in pdf  # the font travels with the file


@pytest.mark.skipif(
    not shutil.which("pdftotext") and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) not installed; .ci/run installs it, and under CI it must run",
)
def test_handout_text_has_headline_figures_and_sources(deck_dir, data):
    text = subprocess.run(
        ["pdftotext", "-layout", str(deck_dir / "all-zh.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    squeezed = re.sub(r"\s+", "", text)
    model = slides_for(data, None, "zh")
    headline = next(s for s in model if s.kind == "kpis")
    for kpi in headline.kpis:
        assert kpi.value in squeezed and re.sub(r"\s+", "", kpi.note) in squeezed
    assert not FACT_ID.search(squeezed)  # internal ids stay in the data
    assert "2024年上半年6.2%" in squeezed and "2023年目标5%左右" in squeezed  # periods spelled out
    dates = []
    for source in model[0].sources:
        title, dated = (re.sub(r"\s+", "", text) for text in (source.title, source.published))
        assert title in squeezed and dated in squeezed
        dates.append(dated)
    assert "2024年8月19日" in dates  # a year its title says is not repeated (2023年…报告)


def test_chart_png_draws_chinese_glyphs():
    """Two different Chinese labels give different images (missing glyphs draw the same box)."""

    def picture(label: str) -> bytes:
        rows = {
            "group": [label], "label": [label], "role": ["result"], "role_label": [label],
            "value": [1.0], "text": [label], "fact_id": ["f"],
        }  # fmt: skip
        return chart_png(bars(pd.DataFrame(rows), width=500, height=120), scale=1)

    first, second = picture("平谷物流"), picture("休闲农业")
    assert first.startswith(PNG_SIGNATURE) and second.startswith(PNG_SIGNATURE)
    assert first != second
    assert cjk_font().regular.path.is_file()


def test_cli_exports_a_filtered_deck(data, tmp_path):
    out = tmp_path / "briefing.pptx"
    argv = ["--seeds", str(seeds_dir()), "--data", str(data), "export", "--format", "pptx"]
    assert main([*argv, "--sector", "logistics", "--lang", "en", "--out", str(out)]) == 0
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles == [s.title for s in slides_for(data, "logistics", "en")]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--sector", "harbour", "--out", "{tmp}/x.pptx"], "unknown sector 'harbour'"),
        (["--out", "{tmp}/missing/x.pptx"], "does not exist"),
        (["--out", "{tmp}"], "is a folder"),
    ],
)
def test_cli_export_errors_are_one_line(data, tmp_path, capsys, extra, message):
    argv = ["--seeds", str(seeds_dir()), "--data", str(data), "export", "--format", "pdf"]
    argv += [a.format(tmp=tmp_path) for a in extra]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("**/*.pdf"))


def test_a_font_without_chinese_glyphs_is_refused(monkeypatch, tmp_path):
    latin = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"), None)
    for named in [tmp_path / "missing.ttf", latin]:
        if named is None:
            continue
        monkeypatch.setenv("PGDASH_CJK_FONT", str(named))
        with pytest.raises(PgdashError, match="not a readable font with Chinese glyphs"):
            fonts._from_env()


def test_a_chart_image_is_drawn_once_then_read_from_the_cache(data, tmp_path, monkeypatch):
    from pgdash.export import render

    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path))
    drawn = []
    monkeypatch.setattr(render, "_png", lambda spec, scale: drawn.append(scale) or b"png")
    slide = next(s for s in slides_for(data, None, "zh") if s.kind == "map")
    first = render.factory_png(slide.chart, 400, 300)
    again = render.factory_png(slide.chart, 400, 300)
    assert first == again == b"png" and len(drawn) == 1
    render.factory_png(slide.chart, 500, 300)  # another size is another image
    assert len(drawn) == 2 and len(list(tmp_path.glob("figure-*.png"))) == 2


def test_the_handout_font_is_cut_to_its_characters(data, tmp_path, monkeypatch):
    from pgdash.export.handout import cut_fonts, handout_chars

    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path))
    slides = slides_for(data, None, "zh")
    cut_fonts(slides, "zh")  # as the warm-up after a build
    assert len(list(tmp_path.glob("subset-*"))) == 2
    chars = handout_chars(slides, "zh")
    assert all(ch in chars for ch in slides[1].kpis[0].label + slides[0].title)


def test_an_export_someone_waits_for_reads_the_whole_fonts_until_they_are_cut(
    data, tmp_path, monkeypatch
):
    """Cutting a face takes longer than reading it whole: without a cut in the cache the
    handout embeds what it prints from the whole fonts, and cuts nothing; once the warm-up
    has cut them, the same handout is written from the cuts."""
    from pgdash.export.handout import Handout, handout_bytes, handout_chars

    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path))
    slides = slides_for(data, None, "zh")
    embedded: list[str] = []
    add_font = Handout.add_font

    def recorded(pdf, family, style, path, **kw):
        embedded.append(str(path))
        return add_font(pdf, family, style, path, **kw)

    monkeypatch.setattr(Handout, "add_font", recorded)
    whole = handout_bytes(slides, "zh")
    assert embedded == [str(cjk_font().regular.path), str(cjk_font().bold.path)]
    assert not list(tmp_path.glob("subset-*"))
    assert len(whole) < 400_000  # only the glyphs it prints, not the 20 MB faces
    for face in (cjk_font().regular, cjk_font().bold):
        assert fonts.face_for(face, handout_chars(slides, "zh")) is None
        fonts.subset_face(face, handout_chars(slides, "zh"))
    embedded.clear()
    cut = handout_bytes(slides, "zh")
    assert all(Path(path).name.startswith("subset-") for path in embedded) and len(embedded) == 2
    if shutil.which("pdftotext"):  # the same words, in the same places
        assert handout_words(whole, tmp_path) == handout_words(cut, tmp_path)


def test_a_font_subset_holds_its_characters_and_no_other_forms(tmp_path, monkeypatch):
    """fpdf2 draws each character by its cmap glyph: the subset keeps those glyphs (and
    .notdef), not the vertical, traditional or full-width forms a CJK font can substitute."""
    from fontTools.ttLib import TTFont

    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path))
    text = "平谷区地区生产总值增长（亿元）"
    face = cjk_font().regular
    font = TTFont(str(fonts.subset_face(face, text)))
    cmap = font.getBestCmap()
    assert all(ord(ch) in cmap for ch in text + fonts.BASE_CHARS if ord(ch) in _full_cmap(face))
    assert len(font.getGlyphOrder()) <= len(set(cmap.values())) + 1  # + .notdef
    assert "vmtx" not in font and "vhea" not in font


@pytest.mark.parametrize(
    ("langs", "found"), [("en|zh-cn|zh-sg", True), ("en|ja|ko", False), ("en|zh-tw", False)]
)
def test_a_font_fontconfig_says_covers_simplified_chinese_is_taken_unopened(
    tmp_path, monkeypatch, langs, found
):
    """fontconfig has read every installed font's characters: its zh-cn is enough (no
    65,000-entry cmap read on a first export); without it the file itself is checked."""
    file = tmp_path / "Some CJK.otf"
    file.write_bytes(b"not a font")  # opened, it would be refused
    answer = subprocess.CompletedProcess([], 0, stdout=f"{file}|2|Some CJK SC|{langs}", stderr="")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-match")
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **kw: answer)
    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path / "cache"))
    face = fonts._fc_match("sans-serif:lang=zh-cn")
    assert (face == fonts.Face(file, 2, "Some CJK SC")) if found else face is None


def _full_cmap(face: fonts.Face) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    return TTFont(str(face.path), fontNumber=face.index, lazy=True).getBestCmap()


def test_a_sector_handout_has_no_unfilled_placeholder(data, tmp_path):
    from pgdash.export.handout import handout_bytes

    pdf = tmp_path / "logistics.pdf"
    pdf.write_bytes(handout_bytes(slides_for(data, "logistics", "zh"), "zh"))
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "{" not in text and "330亿元以上" in text and "重点任务" in text


def test_an_export_of_the_same_slides_is_read_from_the_cache_and_a_change_is_not(
    data, tmp_path, monkeypatch
):
    from dataclasses import replace

    from pgdash.export import api

    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path))
    written = []
    monkeypatch.setattr(api, "write", lambda fmt, slides, lang: written.append(slides) or b"x")
    slides = slides_for(data, "logistics", "zh")
    assert api.render("pptx", slides, "zh") == api.render("pptx", slides, "zh") == b"x"
    assert len(written) == 1  # the same slides: written once
    changed = [replace(slides[0], title=slides[0].title + "（修订）"), *slides[1:]]
    api.render("pptx", changed, "zh")
    api.render("pdf", slides, "zh")
    assert len(written) == 3  # other content or another format: written anew


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_value_goes_on_two_lines_but_never_between_a_number_and_its_unit(data, lang):
    """A tile's value is set large enough to read from the back of the room: on one line
    when it fits, else on two, broken at a space that keeps a number with its unit."""
    width = Inches(2.9)  # a tile of a sector slide's grid of three
    values = {k.value for s in slides_for(data, None, lang) for k in s.kpis}
    assert values
    for value in values:
        lines, size = _value_lines(value, width)
        assert " ".join(lines) == value and len(lines) <= 2
        if len(lines) == 2:  # broken between chunks: a number keeps its unit
            chunks = value_chunks(value)
            heads = [" ".join(chunks[:i]) for i in range(1, len(chunks))]
            assert lines[0] in heads, value
            assert size > _value_size(value, width)
        if lang == "zh":  # Chinese values fit one line: 330亿元以上, never 330亿元以 / 上
            assert lines == [value]
    assert _value_lines("at least 2,100 people", width)[0] == ["at least", "2,100 people"]
    assert value_chunks("1.97 bn yuan") == ["1.97 bn yuan"]  # never "1.97 bn" / "yuan"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_handout_tile_value_is_whole_on_one_or_two_lines(data, lang):
    """A handout tile never cuts a value ("No. 2 among…"): it is set smaller, then on two
    lines broken between chunks that keep a number with its unit."""
    slides = slides_for(data, None, lang)
    pdf = Handout([], lang)
    width = (LEFT_W - 2 * GAP) / 3 - 4  # a tile's inner width in mm, three to a row
    for value in {k.value for s in slides for k in s.kpis}:
        lines, size = value_lines(pdf, value, width)
        assert " ".join(lines) == value
        pdf.set_font("cjk", "B", size)
        assert all(pdf.get_string_width(line) <= width for line in lines), value
        if len(lines) == 2:
            assert lines[0] in [" ".join(value_chunks(value)[:i]) for i in range(1, 9)]
    lines, _ = value_lines(pdf, "No. 2 among ecological conservation districts", width)
    assert len(lines) == 2 and "…" not in "".join(lines)


def test_a_sector_slide_without_task_headings_spreads_its_tiles_over_the_width(data, tmp_path):
    model = slides_for(data, "economy", "zh")
    bare = [i for i, s in enumerate(model) if s.kind == "sector" and not s.bullets]
    assert bare, "the economy deck has a sector slide without task headings"
    export("pptx", "economy", tmp_path / "economy.pptx", data, "zh")
    deck = Presentation(str(tmp_path / "economy.pptx"))
    for i in bare:
        tiles = [s for s in deck.slides[i].shapes if s.shape_type == 1]  # autoshapes
        assert max(s.left + s.width for s in tiles) > 0.85 * deck.slide_width


def handout_words(pdf: bytes, tmp_path: Path) -> tuple[str, float]:
    """The handout's text (whitespace removed) and how far down the page its body reaches
    (the lowest word above the source footnotes, as a share of the page's height)."""
    from pgdash.export.handout import BOTTOM, PAGE_H

    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', xml).group(1))
    words = re.findall(r'yMax="([\d.]+)">([^<]*)</word>', xml)
    body = [float(y) for y, _ in words if float(y) < BOTTOM / PAGE_H * height]
    return "".join(w for _, w in words), max(body) / height


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) needed")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("sector", ["logistics", "agritech", "economy"])
def test_a_sector_handout_uses_its_page(data, tmp_path, sector, lang):
    """A one-sector page shows every figure of the sector's deck (each, in Chinese, with
    the start of its sentence), its tasks and its sites, and reaches well down the page
    rather than leaving its lower half empty."""
    from pgdash.export.handout import handout_bytes

    slides = slides_for(data, sector, lang)
    text, reach = handout_words(handout_bytes(slides, lang), tmp_path)
    tiles = [k for s in slides if s.kind in ("kpis", "sector") for k in s.kpis]
    for kpi in tiles:
        assert re.sub(r"\s+", "", kpi.value) in text, kpi.value
        if lang == "zh":
            assert re.sub(r"\s+", "", kpi.quote)[:6] in text, kpi.quote
    lines = [b for s in slides if s.kind in ("sector", "map") for b in s.bullets]
    assert all(re.sub(r"\s+", "", line) in text for line in lines)
    assert reach > 0.55, reach  # the body ends below the middle of the page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_results_table_breaks_a_cell_between_its_period_and_its_value(data, lang, tmp_path):
    """Where a column is too narrow for a cell on one line, each of its cells is written
    as its period and role, then its value whole, not broken by the renderer inside the
    value (2022年实绩全市第一（预 / 计）)."""
    path = tmp_path / f"deck-{lang}.pptx"
    export("pptx", None, path, data, lang)
    pairs = [r for s in build_slides(load_tables(data), None, lang) for r in s.pairs or ()]
    tables = [
        shape.table
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_table
    ]
    by_measure = {pair.measure: pair for pair in pairs}
    rows = [row for table in tables for row in list(table.rows)[1:]]
    assert rows
    split = 0
    for row in rows:
        pair = by_measure[row.cells[0].text_frame.text]
        for cell, side in zip(list(row.cells)[1:4], ("result", "target", "latest"), strict=True):
            lines = [p.text for p in cell.text_frame.paragraphs]
            lead, value = pair.parts(side)
            if len(lines) == 2:
                split += 1
                assert lines == [lead.rstrip(), value] and value
            else:
                assert lines == [pair.cells[side] or "—"]
    assert split  # the seeds' table has columns too narrow for their cells
