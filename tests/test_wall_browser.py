"""The wall screen in Chromium at 1920×1080 and 3840×2160, Chinese and English: one
screen with nothing scrolling or cut, no sidebar or navigation, the tiles, the map and the
督办 panel, no text under 16 px (32 px at 4K), no console error; the sectors rotate and a
pin stops them; a rebuild reaches the wall without a reload, and an unchanged wall is not
redrawn. Screenshots go to ``test-artifacts/screenshots/wall-*.png``. Skipped without
/usr/bin/chromium, except under CI=true."""

import os
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
import supervision_demo as demo
from browser import chromium_context, streamlit_server, wait_for_app
from test_browser import SHOTS

from pgdash.app.pages import wall
from pgdash.schema import TABLES
from pgdash.supervision import db

pytestmark = pytest.mark.browser
SCREENS = {"1920": (1920, 1080), "4k": (3840, 2160)}
PHONE = (390, 844)

SMALLEST_TEXT = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest("script, style")) continue;
    const r = el.getBoundingClientRect();
    const onScreen = r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight;
    if (!onScreen || !el.checkVisibility({visibilityProperty: true})) continue;
    sizes.push([parseFloat(getComputedStyle(el).fontSize), node.textContent.trim()]);
  }
  sizes.sort((a, b) => a[0] - b[0]);
  return sizes[0];
}"""
CUT = """() => [...document.querySelectorAll('.wl-panel, .wl-tile, .wl-top')]
  .filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
  .map(e => e.className)"""
SHOW_SLOT = """slot => { const wall = document.querySelector('[data-wall]');
  wall.dataset.rotate = '0';
  wall.querySelectorAll('[data-slot]').forEach(
    e => e.classList.toggle('wl-on', e.dataset.slot === slot)); }"""
VISIBLE = "sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length"


@pytest.fixture(scope="module")
def data_folder(built_data, tmp_path_factory) -> Path:
    """A copy of the build, so this module may touch its files."""
    return Path(shutil.copytree(built_data, tmp_path_factory.mktemp("wall") / "data"))


@pytest.fixture(scope="module")
def server(sync_api, data_folder, tmp_path_factory):
    """The app on the copied build and a seeded SQLite ledger, today pinned."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PGDASH_DB_URL", raising=False)
        mp.setenv("PGDASH_STATE", str(tmp_path_factory.mktemp("wall-ledger") / "state"))
        mp.setenv("PGDASH_TODAY", demo.TODAY)
        demo.seed(data_folder)
        db.dispose_all()
        with streamlit_server(data_folder) as url:
            yield url
        db.dispose_all()


@pytest.fixture(scope="module")
def context(sync_api):
    with chromium_context(sync_api, SCREENS["1920"]) as ctx:
        yield ctx


class Wall:
    """A tab on the wall that records console errors (not Streamlit's base-URL probes)."""

    def __init__(self, context, url: str, size: tuple[int, int]):
        self.tab = context.new_page()
        self.tab.set_viewport_size({"width": size[0], "height": size[1]})
        self.url, self.errors = url, []
        self.tab.on("console", self._console)
        self.tab.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(self, path: str) -> "Wall":
        self.tab.goto(f"{self.url}/{path}")
        wait_for_app(self.tab)
        self.tab.wait_for_function(
            "() => (document.querySelector('[data-wall-clock]') || {}).textContent"
        )
        return self

    def shown_sector(self) -> tuple[str, str]:
        """The slot and sector of the sector panel in view."""
        return self.tab.evaluate(
            """() => { const s = [...document.querySelectorAll('.wl-sector')]
                .filter(e => e.checkVisibility());
              return s.length === 1 ? [s[0].dataset.slot, s[0].dataset.sector] : null; }"""
        )

    def shown_slots(self, selector: str) -> list[str]:
        return self.tab.evaluate(
            f"""() => [...document.querySelectorAll('{selector}')]
                .filter(e => e.checkVisibility()).map(e => e.dataset.slot)"""
        )


@pytest.fixture
def open_wall(context, server):
    tabs = []

    def opener(path: str = "wall", screen: str | tuple[int, int] = "1920") -> Wall:
        tabs.append(Wall(context, server, SCREENS[screen] if isinstance(screen, str) else screen))
        return tabs[-1].open(path)

    yield opener
    for tab in tabs:
        tab.tab.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_wall_fills_one_screen_with_large_type(open_wall, screen, lang):
    wall_tab = open_wall("wall" + ("?lang=en" if lang == "en" else ""), screen)
    tab = wall_tab.tab
    tab.wait_for_timeout(800)  # images decoded, fonts laid out
    width, height = SCREENS[screen]
    size = tab.evaluate(
        """() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight,
                  innerWidth, innerHeight]"""
    )
    assert size[0] <= size[2] == width and size[1] <= size[3] == height, size
    assert tab.evaluate(CUT) == []  # every panel holds its content
    slots = int(tab.locator("[data-wall]").get_attribute("data-slots"))
    for slot in range(slots):  # and so does every sector's panel in its turn
        tab.evaluate(SHOW_SLOT, str(slot))
        assert tab.evaluate(CUT) == [], slot
    box = tab.locator("[data-wall]").bounding_box()
    assert box == {"x": 0, "y": 0, "width": width, "height": height}
    for chrome in ("stSidebar", "stSidebarNav", "stTopNavLink", "stHeader", "stToolbar"):
        assert tab.evaluate(VISIBLE, f'[data-testid="{chrome}"]') == 0, chrome
    assert tab.evaluate(VISIBLE, "[data-kpi]") >= 6
    assert tab.evaluate(VISIBLE, '[data-panel="ledger"] .wl-light') == 5  # lights, overdue
    base = tab.locator("[data-map] img.wl-map-base")
    assert base.evaluate("img => img.complete && img.naturalWidth > 0 && img.width > 300")
    smallest = tab.evaluate(SMALLEST_TEXT)
    assert smallest[0] >= 16 * width / 1920, smallest
    assert wall_tab.errors == []
    if screen == "1920":
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / f"wall-{lang}.png"))


def test_the_clock_shows_beijing_time_on_a_computer_set_to_another_zone(sync_api, server):
    """The ledger's dates beside it are Beijing's: so is the clock, whatever the zone of the
    computer behind the wall (here New York's, twelve or thirteen hours behind)."""
    from datetime import datetime

    from pgdash.supervision.clock import BEIJING

    with chromium_context(sync_api, SCREENS["1920"], timezone="America/New_York") as ctx:
        wall = Wall(ctx, server, SCREENS["1920"]).open("wall")
        shown = wall.tab.evaluate("() => document.querySelector('[data-wall-clock]').textContent")
        beijing = datetime.now(BEIJING)
    assert f"{beijing:%H}:" in shown or f"{(beijing.hour + 1) % 24:02d}:" in shown  # a tick
    assert f"{beijing.month}月{beijing.day}日" in shown


def test_screen_wall_on_any_page_opens_the_wall(open_wall):
    tab = open_wall("map?screen=wall&lang=en").tab
    assert tab.url.split("?")[0].endswith("/wall")
    assert tab.locator("[data-wall]").get_attribute("lang") == "en"
    assert tab.evaluate(VISIBLE, '[data-testid="stSidebar"]') == 0


def test_the_sectors_rotate_and_the_map_follows(open_wall):
    w = open_wall("wall?rotate=1")
    first = w.shown_sector()
    assert first and w.shown_slots(".wl-map-caption") == [first[0]]
    w.tab.wait_for_function(
        f"() => document.querySelector('[data-wall]').dataset.current !== '{first[0]}'",
        timeout=5000,
    )
    w.tab.wait_for_timeout(100)
    second = w.shown_sector()
    assert second and second != first
    assert w.shown_slots(".wl-map-caption") == [second[0]]
    assert set(w.shown_slots(".wl-map-over")) <= {second[0]}  # its sites, if it has any


def test_a_pinned_sector_stays(open_wall):
    w = open_wall("wall?sector=logistics&rotate=1")
    assert w.shown_sector() == ["0", "logistics"]
    w.tab.wait_for_timeout(2500)
    assert w.shown_sector() == ["0", "logistics"]
    assert w.shown_slots(".wl-map-over") == ["0"]


def test_a_rebuild_reaches_the_wall_without_a_reload_or_a_redraw_before(open_wall, data_folder):
    tab = open_wall("wall").tab
    tab.evaluate(
        "() => { window.wallProbe = 42; document.querySelector('[data-wall]').dataset.probe = 1 }"
    )
    tab.wait_for_timeout(int(1000 * (wall.CHECK_SECONDS * 1.5 + 2)))  # a watch or two ran
    assert tab.evaluate("() => document.querySelector('[data-wall]').dataset.probe") == "1"
    when = datetime(2030, 1, 2, 3, 4).timestamp()
    for name in TABLES:  # the build stamp and the data's build time both follow the files
        os.utime(data_folder / f"{name}.parquet", (when, when))
    shown = datetime.fromtimestamp(when).strftime("%Y-%m-%d %H:%M")
    tab.wait_for_function(
        f"() => document.querySelector('.wl-date').textContent.includes('{shown}')",
        timeout=60_000,
    )
    assert tab.evaluate("() => window.wallProbe") == 42  # the same page: no reload


@contextmanager
def wall_alone(context, built, lang: str, panel):
    """A tab with the wall of ``built`` and this 督办 ``panel``, drawn alone at 1920×1080
    (no server needed)."""
    from pgdash.display import kpi, queries
    from pgdash.display import wall as wall_html

    tiles = kpi.build_tiles(built.facts, built.comparisons, built.documents, lang)
    clauses = queries.target_clauses(built.main_targets, built.facts)
    board = wall_html.board(built, tiles, clauses, lang, "平谷区", 2023)
    page_html = wall_html.page_html(board, wall_html.ledger_html(panel, lang), lang, 0)
    tab = context.new_page()
    try:
        tab.set_viewport_size({"width": 1920, "height": 1080})
        tab.set_content(f"<html><body>{wall_html.style()}{page_html}</body></html>")
        yield tab
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_crowded_ledger_still_fits_its_panel(context, built, lang):
    """Many red tasks with long sentences and every status: the panel names a few, says how
    many more, and nothing is cut (the page drawn alone, no server needed)."""
    from pgdash.display import wall as wall_html

    sentence = (
        "推进中央和北京市生态环境保护督察反馈问题整改，组织开展第二批区级生态环境保护督查" * 2
    )
    raised = tuple(
        wall_html.Raised(sentence, "区生态环境局（牵头）", "red", "已逾期 · 红灯") for _ in range(9)
    )
    panel = wall_html.LedgerPanel(
        "督办亮灯",
        lights=tuple((x, x, 888, "#c5221f") for x in ("red", "yellow", "green", "none", "overdue")),
        statuses=tuple((f"status {i}", 100 + i) for i in range(6)),
        raised=raised,
        raised_title="红灯与逾期任务",
        note="999 项任务 · 截至 2026-07-02",
    )
    with wall_alone(context, built, lang, panel) as tab:
        assert tab.evaluate(CUT) == []
        assert tab.evaluate(VISIBLE, ".wl-raised") == wall_html.RAISED_SHOWN


WHOLE_ROWS = """sel => {
  const box = document.querySelector('.wl-ledger-sectors').getBoundingClientRect();
  const rows = [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
    .filter(r => r.left < box.right);  // the rows laid out in the panel's column
  return {shown: rows.length, cut: rows.filter(r => r.bottom > box.bottom + 0.5).length}; }"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_quiet_ledger_lists_whole_sectors_in_its_panel(context, built, lang):
    """Nothing red or overdue, twelve sectors to list: the panel shows as many whole rows
    as it has room for and cuts none in half (they once shrank into each other)."""
    from pgdash.display import wall as wall_html

    panel = wall_html.LedgerPanel(
        "督办亮灯",
        lights=tuple((x, x, 185, "#9aa0a6") for x in ("red", "yellow", "green", "none", "overdue")),
        none_raised="尚不能判断红灯和逾期任务：185 项任务未设完成时限，185 项未填报进度。" * 2,
        note="185 项任务 · 截至 2026-12-08",
        sectors=tuple(
            wall_html.SectorLine(
                f"板块 {i}", "#1a73e8", "任务 27 项 · 未设时限 27 项 · 已填报 0 项"
            )
            for i in range(12)
        ),
        sectors_title="各板块任务落实情况（问题多者在前）",
    )
    with wall_alone(context, built, lang, panel) as tab:
        assert tab.evaluate(CUT) == []
        rows = tab.evaluate(WHOLE_ROWS, ".wl-ledger-sector")
        assert rows["shown"] >= 3 and rows["cut"] == 0
        # on a phone each row's counts wrap under its sector, whole (未设时… was cut)
        tab.set_viewport_size({"width": 390, "height": 844})
        cut = tab.evaluate(
            "() => [...document.querySelectorAll('.wl-ledger-sector, .wl-ledger-sector span')]"
            ".filter(r => r.scrollWidth > r.clientWidth + 1).map(r => r.textContent)"
        )
        assert cut == []


# the headline values drawn on more than one line (each is short enough for one)
BROKEN_VALUES = """() => [...document.querySelectorAll('.wl-value')].filter(el => {
  const node = el.firstChild;
  if (!node || !el.checkVisibility()) return false;
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
}).map(el => el.textContent)"""


PANELS_OVERLAP = """() => {
  const boxes = [...document.querySelectorAll('.wl-top, .wl-panel, .wl-ticker')]
    .filter(e => e.checkVisibility()).map(e => [e.className, e.getBoundingClientRect()]);
  const out = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    if (r.right > s.left + 1 && s.right > r.left + 1 && r.bottom > s.top + 1
        && s.bottom > r.top + 1) out.push(a + ' / ' + b);
  }));
  return out;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_reads_the_wall_as_one_column_that_scrolls(open_wall, lang):
    """At 390 px the wall's panels stand one under another at a readable size, none over
    another, nothing past the right edge, each holding its content, in every sector's turn
    (a 16:9 board shrunk to a phone's width drew them over one another, cut)."""
    tab = open_wall("wall" + ("?lang=en" if lang == "en" else ""), PHONE).tab
    tab.wait_for_timeout(800)
    slots = int(tab.locator("[data-wall]").get_attribute("data-slots"))
    for slot in range(slots):
        tab.evaluate(SHOW_SLOT, str(slot))
        assert tab.evaluate(PANELS_OVERLAP) == [], slot
        assert tab.evaluate(CUT) == [], slot
        assert tab.evaluate("() => document.querySelector('[data-wall]').scrollWidth") <= 390
    assert tab.evaluate(SMALLEST_TEXT)[0] >= 14
    assert tab.evaluate(BROKEN_VALUES) == []  # about / 7%, 17.5 bn / yuan on two columns
    # the sector's name above its map, not over its northern towns
    caption = tab.locator(".wl-map-caption.wl-on").bounding_box()
    assert caption["y"] + caption["height"] <= tab.locator(".wl-map").bounding_box()["y"] + 1
    if lang == "zh":  # the title on one line (at 28 px it broke 平谷区经济社 / 会发展驾驶舱)
        title = tab.locator(".wl-title").evaluate(
            "h => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)"
        )
        assert title < 1.5, title
