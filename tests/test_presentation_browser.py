"""Presentation mode in a real Chromium at 1920×1080: slides fit the screen, keys and the
slide number in the URL work, the deck downloads. Screenshots are kept in
``test-artifacts/screenshots/``.

The server and browser come from ``tests/browser.py`` (shared with the dashboard's
browser tests).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium_context, streamlit_server, wait_for_app
from pptx import Presentation

from pgdash.briefing import build_slides
from pgdash.briefing.notes import clean_quote
from pgdash.paths import ROOT
from pgdash.tables import load_tables

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("CI") != "true",
        reason=f"{CHROMIUM} is not installed (set CI=true to make this a failure)",
    ),
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SCREEN = (1920, 1080)


@pytest.fixture(scope="module")
def data(built_data: Path) -> Path:
    """The session's real build of the seeds (read only)."""
    return built_data


@pytest.fixture(scope="module")
def page(data: Path) -> Iterator:
    from playwright.sync_api import sync_playwright

    with (
        streamlit_server(data) as url,
        sync_playwright() as playwright,
        chromium_context(playwright, viewport=SCREEN) as context,
    ):
        tab = context.new_page()
        tab.base_url = url
        yield tab


def slides_for(data: Path, sector: str | None = None, lang: str = "zh"):
    return build_slides(load_tables(data), sector, lang)


def open_slide(page, query: str) -> None:
    page.goto(f"{page.base_url}/presentation?{query}")
    wait_for_app(page)
    page.wait_for_timeout(800)  # charts and the map draw after the script run


def shown_title(page) -> str:
    return page.locator(".pgs-title").first.inner_text()


def toggle(page, label: str) -> None:
    """Click a toggle by its label, as a presenter would."""
    page.locator("label").filter(has=page.get_by_role("switch", name=label)).click()
    wait_for_app(page)


def fits_the_screen(page) -> bool:
    """No scrolling: the main area's content is no taller than the window."""
    return page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return main.scrollHeight <= window.innerHeight + 2
                && document.documentElement.scrollWidth <= window.innerWidth;
        }"""
    )


def test_each_kind_of_slide_fits_1920x1080_without_chrome(page, data) -> None:
    slides = slides_for(data)
    kinds = {}
    for number, slide in enumerate(slides, start=1):  # a chart, a table, or neither
        kinds.setdefault((slide.kind, slide.chart is None, bool(slide.pairs)), number)
    for (kind, _, _), number in kinds.items():
        open_slide(page, f"slide={number}")
        assert shown_title(page) == slides[number - 1].title
        assert fits_the_screen(page), kind
        for chrome in ("stSidebar", "stHeader"):
            assert not page.locator(f'[data-testid="{chrome}"]').is_visible()
        assert page.get_by_role("link", name="退出演示").is_visible()  # a visible way out
        assert page.locator('[data-testid="stException"]').count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"presentation-{number:02d}-{kind}.png"))


def test_arrow_keys_move_through_the_deck_and_the_url_keeps_the_place(page, data) -> None:
    slides = slides_for(data)
    open_slide(page, "slide=2")
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    assert shown_title(page) == slides[2].title
    assert "slide=3" in page.url
    page.keyboard.press("ArrowLeft")
    wait_for_app(page)
    assert shown_title(page) == slides[1].title and "slide=2" in page.url


def test_logistics_briefing_in_english(page, data) -> None:
    slides = slides_for(data, "logistics", "en")
    open_slide(page, f"sector=logistics&lang=en&slide={len(slides)}")
    assert "Logistics" in [s.title for s in slides]
    assert shown_title(page) == slides[-1].title
    assert page.locator(".pgs-counter").inner_text() == f"/ {len(slides)}"
    page.screenshot(path=str(SCREENSHOTS / "presentation-logistics-en-last.png"))


def test_speaker_notes_show_only_when_asked(page, data) -> None:
    open_slide(page, "slide=2")
    assert page.locator(".pgs-notes").count() == 0
    toggle(page, "讲稿")
    notes = page.locator(".pgs-notes").inner_text()
    first = slides_for(data)[1].kpis[0]
    assert first.value in notes and clean_quote(first.quote)[:20] in notes
    page.screenshot(path=str(SCREENSHOTS / "presentation-02-notes.png"))
    toggle(page, "讲稿")
    assert page.locator(".pgs-notes").count() == 0


def test_presenter_settings_narrow_the_briefing_and_auto_advance_moves_on(page, data) -> None:
    open_slide(page, "slide=2")
    page.get_by_role("button", name="演示设置").click()
    settings = page.get_by_test_id("stPopoverBody")
    sectors = settings.get_by_role("radiogroup", name="板块筛选")
    sectors.get_by_role("radio", name="现代物流", exact=True).click()
    wait_for_app(page)
    assert "sector=logistics" in page.url
    assert page.locator(".pgs-counter").inner_text() == f"/ {len(slides_for(data, 'logistics'))}"
    settings.get_by_label("每页秒数").click()
    page.get_by_role("option", name="5", exact=True).click()
    wait_for_app(page)
    page.keyboard.press("Escape")
    toggle(page, "自动播放")
    page.wait_for_function("() => location.search.includes('slide=3')", timeout=12_000)
    toggle(page, "自动播放")


def test_the_deck_downloads_from_the_page(page, data, tmp_path) -> None:
    open_slide(page, "sector=logistics")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="下载演示文稿").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "pinggu-briefing-logistics-zh.pptx"
    titles = [s.shapes.title.text for s in Presentation(str(path)).slides]
    assert titles == [s.title for s in slides_for(data, "logistics")]


# Every Vega chart on the page: the width of each bar, and any text that runs past the
# image or was cut short by Vega (it ends such text with "…").
CHART_PROBE = """() => [...document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] svg.marks')].map(svg => {
  const box = svg.getBoundingClientRect();
  const bars = [...svg.querySelectorAll('g.mark-rect path')].map(p => p.getBBox().width);
  const cut = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).filter(t => {
    const r = t.getBoundingClientRect();
    return r.left < box.left - 1 || r.right > box.right + 1 || t.textContent.endsWith('…');
  }).map(t => t.textContent);
  return {bars, cut};
})"""


# Tile values broken inside a word (a number and its unit, a Chinese value) or wider
# than their tile: a value may break only at a plain space ("at least" / "2,100 people").
VALUE_PROBE = """() => [...document.querySelectorAll('.pgs-value')].filter(el => {
  const node = el.firstChild;
  if (!node) return false;
  let at = 0, broken = false;
  for (const word of node.textContent.split(' ')) {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    broken = broken || tops.size > 1;
    at += word.length + 1;
  }
  return broken || el.scrollWidth > el.clientWidth + 1;
}).map(el => el.textContent)"""


# Chinese labels, bullets and table cells whose last line holds a single character
# (实验 / 室, 仅 / 供参考): the text of each, its lines counted character by character
LONE_PROBE = """() => [...document.querySelectorAll(
    '.pgs-label, .pgs-list li, .pgs-pairs td, .pgs-foot')].filter(el => {
  const tops = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (let i = 0; i < node.textContent.length; i++) {
      if (!node.textContent[i].trim()) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect) tops.push(Math.round(rect.top));
    }
  }
  const last = Math.max(...tops);
  return new Set(tops).size > 1 && tops.filter(top => Math.abs(top - last) < 3).length === 1;
}).map(el => el.textContent)"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_draws_its_chart_marks_and_whole_headings(page, data, lang) -> None:
    slides = slides_for(data, None, lang)
    for number, slide in enumerate(slides, start=1):
        open_slide(page, f"lang={lang}&slide={number}")
        assert shown_title(page) == slide.title
        assert fits_the_screen(page), (lang, number)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not page.evaluate(VALUE_PROBE), (lang, slide.title)  # 近14个百分 / 点
        if lang == "zh":
            assert not page.evaluate(LONE_PROBE), (number, slide.title)
        if slide.bars is not None:
            page.wait_for_selector('[data-testid="stVegaLiteChart"] svg.marks g.mark-rect path')
            (chart,) = page.evaluate(CHART_PROBE)
            assert len(chart["bars"]) == len(slide.bars), (lang, slide.title)
            assert min(chart["bars"]) > 4, (lang, slide.title)  # every bar is drawn
            assert not chart["cut"], (lang, slide.title, chart["cut"])  # headings wrap
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"presentation-{lang}-{number:02d}.png"))


def test_tiles_fill_the_slide_and_a_click_draws_no_frame(page, data) -> None:
    open_slide(page, "slide=2")
    bottom = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.pgs-tile')]"
        ".map(t => t.getBoundingClientRect().bottom))"
    )
    assert bottom > 0.7 * SCREEN[1]  # the bottom third is not left empty
    slides = slides_for(data)
    charted = next(i for i, s in enumerate(slides, start=1) if s.bars is not None)
    open_slide(page, f"slide={charted}")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.click()
    page.wait_for_timeout(300)
    framed = page.evaluate(
        """() => [document.activeElement, ...document.querySelectorAll(
            '[data-testid="stVegaLiteChart"], [data-testid="stElementToolbar"]')]
          .some(e => { const s = getComputedStyle(e);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
              || (s.boxShadow !== 'none') || (e.dataset.testid === 'stElementToolbar'
              && s.display !== 'none' && e.getBoundingClientRect().width > 0); })"""
    )
    assert not framed


def test_the_map_slides_two_columns_of_names_start_level(page, data) -> None:
    """The second column of the numbered sites began a few pixels above the first."""
    slides = slides_for(data)
    number = next(i for i, s in enumerate(slides, start=1) if s.places)
    open_slide(page, f"slide={number}")
    tops = page.evaluate(
        """() => { const boxes = [...document.querySelectorAll('.pgs-two li')]
            .map(l => l.getBoundingClientRect());
          const lefts = [...new Set(boxes.map(b => Math.round(b.left)))];
          return lefts.map(x => Math.min(...boxes.filter(b => Math.round(b.left) === x)
            .map(b => b.top))); }"""
    )
    assert len(tops) == 2 and abs(tops[0] - tops[1]) < 1, tops
