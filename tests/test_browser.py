"""End to end: Chromium drives ``streamlit run app.py`` against a real build of the seeds.

Every page loads with no exception and no console error, the map canvas is drawn, the
charts are there, the sector filter changes what is shown, and a full-page screenshot of
each page is kept in ``test-artifacts/screenshots/``. Skipped when /usr/bin/chromium is
absent, except under CI=true, where its absence fails the run.
"""

import io
import math
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import (
    CHROMIUM,
    ROOT,
    chromium_context,
    full_page_screenshot,
    streamlit_server,
    wait_for_app,
)

from bench.chromium import CHROMIUM_ARGS
from pgdash.app.pages.map import DESKTOP
from pgdash.display import maps, queries
from pgdash.web.index_page import lazy_elements

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "screenshots"
PAGES = {
    "overview": "",
    "targets": "targets",
    "map": "map",
    "sectors": "sectors",
    "tasks": "tasks",
    "sources": "sources",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
MAP_HEIGHT, MAP_WIDTH = DESKTOP  # as in app/pages/map.py: the box the view is fitted to


@pytest.fixture(scope="module")
def server(sync_api, built_data):
    with streamlit_server(built_data) as url:
        yield url


@pytest.fixture(scope="module")
def context(sync_api):
    with chromium_context(sync_api) as ctx:
        yield ctx


class Page:
    """A browser tab that records console errors."""

    def __init__(self, context, url: str):
        self.tab = context.new_page()
        self.url = url
        self.errors: list[str] = []
        self.tab.on("console", self._console)
        self.tab.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(self, path: str) -> "Page":
        self.tab.goto(f"{self.url}/{path}")
        wait_for_app(self.tab)
        return self

    def nav_links(self) -> list[str]:
        """The top navigation's links, once drawn (some 50 ms after the page's content)."""
        links = self.tab.locator('[data-testid="stTopNavLink"]')
        links.first.wait_for()
        return links.all_inner_texts()

    def count(self, test_id: str) -> int:
        return self.tab.locator(f'[data-testid="{test_id}"]').count()

    def shot(self, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        full_page_screenshot(self.tab, path)
        return path


@pytest.fixture
def page(context, server):
    tab = Page(context, server)
    yield tab
    tab.tab.close()


def _tiles(built, sector: str) -> int:
    text = built.documents.set_index("doc_id")["text"]
    facts = built.for_sector(sector).facts
    main = {
        f.fact_id
        for f in built.facts[built.facts["kind"] == "target"].itertuples()
        if "主要预期目标" in text[f.doc_id][text[f.doc_id].rfind("\n", 0, f.start) + 1 : f.start]
    }
    shown = facts["headline"] | (sector != "all")  # a sector's overview: all its figures
    return len(set(facts.loc[shown & ~facts["is_rank"], "fact_id"]) - main)


def _sector_filter(tab):
    """The sidebar's sector filter: a group of pills, one per sector and 全部板块."""
    return tab.locator('[data-testid="stSidebar"]').get_by_role("radiogroup", name="板块筛选")


def _sector_shown(tab) -> str:
    """The sector the sidebar's filter shows as chosen (its icon is hidden from readers)."""
    return _sector_filter(tab).get_by_role("radio", checked=True).inner_text().split("\n")[-1]


def _drawn(png: bytes) -> int:
    """How many distinct colours a screenshot has (a blank canvas has one or two)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    return len(set(image.tobytes()[i : i + 3] for i in range(0, 200 * 150 * 3, 3)))


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly_and_is_screenshotted(page, built, name):
    page.open(PAGES[name])
    page.tab.wait_for_timeout(800)  # let charts and the map finish drawing
    assert page.count("stException") == 0
    assert len(page.nav_links()) >= len(PAGES)
    if name == "overview":
        assert page.tab.locator(".pg-kpi").count() == _tiles(built, "all")
    if name == "targets":
        assert page.tab.locator(".pg-score-row").count() == len(built.comparisons) + 1
    if name == "sources":
        assert page.tab.locator(".pg-bar").count() >= 1
    if name == "sectors" and len(built.sites):
        minimap = page.tab.locator("img.pg-minimap")
        minimap.wait_for()
        assert minimap.evaluate("img => img.complete && img.naturalWidth > 100")
        assert page.tab.locator(".pg-places li").count() >= 1
    if name == "map" and len(built.sites):
        canvas = page.tab.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.wait_for()
        page.tab.wait_for_timeout(1500)
        box = canvas.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200
        assert _drawn(canvas.screenshot()) > 8, "the deck.gl canvas has the district drawn"
    if name == "tasks":
        sections = page.tab.locator("details.pg-section")
        assert sections.count() == built.tasks["section_no"].nunique()
        assert sections.nth(0).get_attribute("open") is not None  # the first one is open
        closed = sections.nth(1).locator(".pg-task").first
        assert not closed.is_visible()
        sections.nth(1).locator("summary").click()
        closed.wait_for(state="visible")
    assert page.shot(name).stat().st_size > 10_000
    assert not page.errors, page.errors


def test_sector_filter_changes_what_is_shown(page, built):
    page.open("")
    assert page.tab.locator(".pg-kpi").count() == _tiles(built, "all")
    assert _sector_shown(page.tab) == "全部板块"
    _sector_filter(page.tab).get_by_role("radio", name="现代物流", exact=True).click()
    wait_for_app(page.tab)
    page.tab.wait_for_timeout(500)
    wait_for_app(page.tab)
    assert "sector=logistics" in page.tab.url
    assert page.tab.locator(".pg-kpi").count() == _tiles(built, "logistics")
    page.shot("overview-logistics")
    # the filter survives a page change and still narrows the map
    page.tab.locator('[data-testid="stTopNavLink"]', has_text="地图").click()
    wait_for_app(page.tab)
    assert "sector=logistics" in page.tab.url
    assert _sector_shown(page.tab) == "现代物流"
    assert not page.errors, page.errors


def test_english_mode(page):
    page.open("?lang=en")
    title = page.tab.locator("h1").first.inner_text()
    assert title and not CJK.search(title)
    nav = page.nav_links()
    assert nav and not any(CJK.search(text) for text in nav)
    page.shot("overview-en")
    assert not page.errors, page.errors


def test_unknown_sector_shows_a_notice(page):
    page.open("?sector=nowhere")
    alerts = " ".join(page.tab.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "nowhere" in alerts
    assert "sector=" not in page.tab.url
    assert not page.errors, page.errors


def test_source_passage_highlights_the_number(page, built):
    page.open("sources")
    facts = queries.in_order(built.facts, built.documents)
    if facts.empty:
        pytest.skip("no facts built yet")
    first = facts.iloc[0]
    number = built.documents.set_index("doc_id").loc[first["doc_id"], "text"][
        first["start"] : first["end"]
    ]
    assert page.tab.locator(".pg-quote mark.num").first.inner_text() == number


def test_a_cards_source_opens_on_a_click_and_one_at_a_time(page, built):
    page.open("")
    cards = page.tab.locator(".pg-kpi")
    first, second = cards.nth(0), cards.nth(1)
    passage = first.locator(".pg-pop")
    assert not passage.is_visible()
    first.locator("summary").click()
    passage.wait_for(state="visible")
    fact = built.facts.set_index("fact_id").loc[first.get_attribute("data-fact-id")]
    number = built.documents.set_index("doc_id").loc[fact["doc_id"], "text"][
        fact["start"] : fact["end"]
    ]
    assert passage.locator("mark.num").first.inner_text() == number
    page.shot("overview-source")
    second.locator("summary").click()  # opening another closes the first
    second.locator(".pg-pop").wait_for(state="visible")
    assert not passage.is_visible()
    assert not page.errors, page.errors


def test_a_deep_link_on_a_fresh_server_gets_the_full_app(sync_api, built_data):
    """A fresh server first asked for /map must still run app.py's sidebar and navigation."""
    with streamlit_server(built_data) as url, chromium_context(sync_api) as ctx:
        tab = Page(ctx, url).open("map?sector=logistics")
        assert len(tab.nav_links()) >= len(PAGES)
        assert _sector_shown(tab.tab) == "现代物流"
        assert tab.count("stException") == 0
        assert not tab.errors, tab.errors


ADDRESSED = PAGES | {"supervision": "supervision", "presentation": "presentation", "wall": "wall"}


@pytest.mark.parametrize("name", list(ADDRESSED))
def test_a_page_opened_at_its_address_asks_the_root_and_announces_its_elements(
    context, server, name
):
    """No probe of /<page>/_stcore/health first (streamlit#7074), and every element module
    the page fetches was announced by its index page (pgdash.web.index_page)."""
    tab = context.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    try:
        response = tab.goto(f"{server}/{ADDRESSED[name]}")
        wait_for_app(tab)
        announced = set(re.findall(r'href="\./static/(js/[^"]+)"', response.text()))
    finally:
        tab.close()
    assert {p for p in fetched if p.endswith("/_stcore/health")} == {"/_stcore/health"}
    modules = {files[0] for files in lazy_elements().values()}
    drawn = {p.removeprefix("/static/") for p in fetched} & modules
    assert drawn, "the page drew no lazily loaded element"
    assert drawn <= announced, drawn - announced


def _isolated_site(sites):
    """The site farthest from any other point, so a click on it is unambiguous."""
    points = sites[["lon", "lat"]].to_numpy()
    best, best_gap = None, 0.0
    for i, site in enumerate(sites.itertuples()):
        if site.kind != "site":
            continue
        gap = min(
            (abs(p[0] - site.lon) + abs(p[1] - site.lat) for j, p in enumerate(points) if j != i),
            default=1.0,
        )
        if gap > best_gap:
            best, best_gap = site, gap
    return best


def test_clicking_a_site_shows_it_beside_the_map(page, built):
    site = _isolated_site(built.sites)
    if site is None:
        pytest.skip("no isolated site to click")
    page.open("map")
    canvas = page.tab.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for()
    page.tab.wait_for_timeout(3000)  # deck.gl picks only once its layers are drawn
    box = canvas.bounding_box()
    view = maps.frame_view(built.sites, built.boundary, MAP_WIDTH, MAP_HEIGHT)
    scale = 512 * 2**view.zoom

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    x = box["width"] / 2 + (site.lon - view.longitude) / 360 * scale
    y = box["height"] / 2 + (merc(view.latitude) - merc(site.lat)) / (2 * math.pi) * scale
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    name = page.tab.locator('[data-testid="stColumn"]').nth(1).get_by_text(site.name, exact=True)
    for _ in range(5):  # on a busy machine deck.gl may not pick yet: click again, as a person would
        page.tab.mouse.move(box["x"] + x, box["y"] + y)
        page.tab.wait_for_timeout(300)
        page.tab.mouse.click(box["x"] + x, box["y"] + y)
        page.tab.wait_for_timeout(500)
        wait_for_app(page.tab)
        try:
            name.wait_for(timeout=4_000)
            break
        except PlaywrightTimeout:
            continue
    assert name.is_visible(), f"clicking {site.name} did not show it beside the map"
    page.shot("map-selected")
    assert not page.errors, page.errors


PHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def phone(sync_api, server):
    """A 390×844 phone (mobile user agent, touch) on the app."""
    browser = sync_api.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )
    try:
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, user_agent=PHONE_UA, is_mobile=True,
            has_touch=True, locale="zh-CN",
        )  # fmt: skip
        yield Page(context, server)
    finally:
        browser.close()


def _sidebar_open(tab) -> bool:
    """Whether the sidebar covers the page (its left edge is on screen)."""
    box = tab.locator('[data-testid="stSidebar"]').bounding_box()
    return box is not None and box["x"] + box["width"] > 10


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_phone_pages_fit_the_screen(phone, name, lang):
    phone.open(PAGES[name] + ("?lang=en" if lang == "en" else ""))
    phone.tab.wait_for_timeout(500)
    tab = phone.tab
    assert not _sidebar_open(tab), "the sidebar covers the page on arrival"
    h1 = tab.locator("h1").first
    size = float(h1.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    lines = h1.evaluate("e => e.getBoundingClientRect().height") / (size * 1.25)
    assert size <= 32 and lines < 2.6, (size, lines)
    # Nothing but the map's canvas and scrolling tables may run past the right edge
    wide = tab.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
             .filter(e => !e.closest('canvas, [data-testid="stDeckGlJsonChart"],'
                                     + ' [data-testid="stDataFrame"], .pg-table'))
             .filter(e => e.getBoundingClientRect().right > window.innerWidth + 2)
             .map(e => e.className || e.tagName).slice(0, 5)"""
    )
    assert not wide, wide
    phone.shot(f"phone-{name}-{lang}")
    assert not phone.errors, phone.errors


def test_phone_sidebar_closes_after_a_page_is_chosen_and_keeps_the_language(phone):
    tab = phone.open("?lang=en").tab
    tab.locator('[data-testid="stExpandSidebarButton"]').first.click()
    tab.wait_for_timeout(500)
    assert _sidebar_open(tab)
    tab.get_by_role("link", name="Map").first.click()
    wait_for_app(tab)
    tab.wait_for_timeout(800)
    assert not _sidebar_open(tab), "the sidebar stays over the page after choosing one"
    assert "lang=en" in tab.url
    assert not CJK.search(tab.locator("h1").first.inner_text())


def test_phone_sources_list_measure_and_value_instead_of_the_wide_table(phone, built):
    tab = phone.open("sources?lang=en").tab
    first = tab.locator(".pg-fact-item summary").first
    first.wait_for(state="visible")
    assert not tab.locator('[data-testid="stDataFrame"]').first.is_visible()
    box = first.bounding_box()
    assert box and box["x"] + box["width"] <= 392
    facts = queries.in_order(built.facts, built.documents)
    text = first.inner_text()
    assert facts.iloc[0]["metric_en"] in text and "%" in text  # the measure and its value
    first.click()
    assert tab.locator(".pg-fact-item .pg-quote").first.is_visible()


def test_a_desk_shows_the_table_not_the_phone_list(page):
    tab = page.open("sources").tab
    tab.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible")
    assert not tab.locator(".pg-fact-item").first.is_visible()


@pytest.fixture
def projector(sync_api, server):
    """A 1920×1080 screen, as a meeting room's projector shows the app."""
    with chromium_context(sync_api, (1920, 1080)) as ctx:
        tab = Page(ctx, server)
        yield tab
        tab.tab.close()


# every piece of text in the results table's figure and status cells (a text node, or a
# piece kept whole), with the count of its line tops
CELL_PIECES = """() => [...document.querySelectorAll('.pgs-pairs td:not(.pgs-m)')].flatMap(td =>
  [...td.childNodes].filter(n => n.textContent.trim()).map(n => {
    const range = document.createRange();
    range.selectNodeContents(n);
    return [n.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
  }))"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_projector_breaks_results_cells_only_between_their_pieces(projector, built, lang):
    """At 1920 every lead, value and status clause of a results slide is on one line: the
    balanced cells broke 2023年目 / 标8500人以上, 2022年实 / 绩全市第一（预计）, as of Aug /
    2024: 117 and 来 / 源文件尚无2023年实绩."""
    from pgdash.briefing import build_slides

    slides = build_slides(built, None, lang)
    numbers = [i for i, s in enumerate(slides, start=1) if s.pairs and s.bars is None]
    assert numbers
    for number in numbers:
        tab = projector.open(f"presentation?slide={number}&lang={lang}").tab
        tab.locator(".pgs-pairs .pgs-v").first.wait_for()
        pieces = tab.evaluate(CELL_PIECES)
        assert pieces and all(lines == 1 for _, lines in pieces), (number, pieces)


def _sizes(tab, selector: str) -> list[float]:
    return tab.locator(selector).evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_projector_reads_tile_labels_of_16_px_and_chips_of_14(projector, lang):
    tab = projector.open("?lang=en" if lang == "en" else "").tab
    labels, chips = _sizes(tab, ".pg-kpi .pg-label"), _sizes(tab, ".pg-kpi .pg-tag")
    assert labels and min(labels) >= 16, labels
    assert chips and min(chips) >= 14, chips
    # within a tile, the label, the value and the chips never overlap
    overlaps = tab.evaluate(
        """() => [...document.querySelectorAll('.pg-kpi')].flatMap(card => {
            const parts = [...card.querySelectorAll('.pg-label, .pg-value, .pg-tag')]
                .map(e => e.getBoundingClientRect());
            const out = [];
            parts.forEach((a, i) => parts.slice(i + 1).forEach(b => {
                if (a.right > b.left + 1 && b.right > a.left + 1 &&
                    a.bottom > b.top + 1 && b.bottom > a.top + 1) out.push(card.dataset.factId);
            }));
            return out;
        })"""
    )
    assert not overlaps, overlaps
    tab.goto(f"{projector.url}/tasks")
    wait_for_app(tab)
    assert min(_sizes(tab, ".pg-chip")) >= 14
    assert not projector.errors, projector.errors


def test_a_wrong_year_is_one_warning_and_no_toast(projector):
    tab = projector.open("?year=1999").tab
    tab.wait_for_timeout(500)
    alerts = tab.locator('[data-testid="stAlert"]')
    assert alerts.count() == 1 and "1999" in alerts.first.inner_text()
    assert tab.locator('[data-testid="stToast"]').count() == 0


def test_a_sectors_overview_shows_its_latest_progress_in_the_browser(projector, built):
    tab = projector.open("?sector=logistics").tab
    facts = built.for_sector("logistics").facts
    press = set(built.documents.loc[built.documents["kind"] != "work_report", "doc_id"])
    progress = facts[facts["doc_id"].isin(press) & (facts["kind"] == "actual")]
    shown = set(tab.locator(".pg-kpi").evaluate_all("els => els.map(e => e.dataset.factId)"))
    assert len(progress) and set(progress["fact_id"]) <= shown
    projector.shot("overview-logistics-1920")


def test_a_track_scale_stays_in_its_column_in_english(projector):
    """The high end of a bullet track (15,700 people) ends at its tick, inside the track's
    column, instead of running into the status beside it."""
    tab = projector.open("targets?lang=en").tab
    spill = tab.evaluate(
        """() => [...document.querySelectorAll('.pg-track')].flatMap(track => {
            const box = track.getBoundingClientRect();
            return [...track.querySelectorAll('.pg-tick')]
                .filter(t => t.getBoundingClientRect().right > box.right + 1
                          || t.getBoundingClientRect().left < box.left - 1)
                .map(t => t.textContent);
        })"""
    )
    assert tab.locator(".pg-tick").count() and not spill, spill


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_reads_each_chart_key_on_one_line(phone, lang):
    """The key of the charts over the years (目标, 实绩 …) keeps each entry on one line on
    a phone instead of breaking a word a character per line."""
    tab = phone.open("?lang=en" if lang == "en" else "").tab
    keys = tab.locator(".pg-series-key")
    keys.first.wait_for(state="visible")
    lines = keys.evaluate_all(
        """els => els.map(e => e.getBoundingClientRect().height
                              / parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert lines and max(lines) < 1.8, lines


def test_a_narrow_desk_window_still_lists_the_figures(sync_api, server):
    """A desktop browser at 390 px (a window beside another, a tablet's split screen) gets
    the desk's table, which the page drew, instead of nothing: the phone list is drawn only
    for a phone's browser, so neither may be hidden by the window's width alone."""
    with chromium_context(sync_api, (390, 844)) as ctx:
        tab = Page(ctx, server).open("sources?lang=en").tab
        grid = tab.locator('[data-testid="stDataFrame"]').first
        grid.wait_for(state="attached")
        assert grid.is_visible() and grid.bounding_box()["height"] > 100


# each value of the results table drawn on one line: the count of its line tops
WHOLE_VALUES = """() => [...document.querySelectorAll('.pgs-pairs .pgs-v')].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return [el.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
})"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_reads_the_results_table_a_measure_at_a_time(phone, built, lang):
    """On a phone the slide's results table is one column, a block per measure with each
    figure under its column's name, every value on one line (five 70 px columns broke
    them: 4.8%以 / 内, at / most / 3%)."""
    from pgdash.briefing import build_slides

    slides = build_slides(built, None, lang)
    number = next(i for i, s in enumerate(slides, start=1) if s.pairs and s.bars is None)
    tab = phone.open(f"presentation?slide={number}&lang={lang}").tab
    tab.locator(".pgs-pairs .pgs-v").first.wait_for()
    values = tab.evaluate(WHOLE_VALUES)
    assert values and all(lines == 1 for _, lines in values), values
    assert tab.locator(".pgs-pairs thead").evaluate("e => getComputedStyle(e).display") == "none"
    labels = tab.locator(".pgs-pairs td[data-label]").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content)"
    )
    assert labels and all(label not in ("none", "normal", '""') for label in labels)
