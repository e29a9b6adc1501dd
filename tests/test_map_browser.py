"""The map's labels and the sector minimap as Chromium draws them.

What only a browser knows is measured there: the deck.gl instance of the page is read
back (its viewport, the size of the canvas it draws on, every text layer's glyph layout
from the font atlas the browser rasterised), so the boxes below are the drawn labels', at
the canvas's real size, not the placement's own estimate. At 1920 × 1080 and on a 390 px
phone, in Chinese and English: labels ≥ 14 px with a halo, no two overlapping, none
crossing a line (river, road, rail, route, leader, the boundary) that it does not name,
all inside the canvas; every site named at a desk, the district government on a phone.
The sector minimap is measured inside the page the same way: with ``?sector=`` its view
holds the sector's sites, spread over it; without, the whole district.
"""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from browser import CHROMIUM, chromium_context, streamlit_server, wait_for_app
from shapely.geometry import LineString
from shapely.geometry import box as shapely_box

from bench.chromium import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

PHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
SCREENS = {"desk": (1920, 1080), "phone": (390, 844)}
CLEAR_PX = 1.5  # a line may graze a label's glyph box by this much
LABEL_LAYERS = ["site-labels", "route-labels", "town-labels", "area-labels", "context-labels"]
NAMED_LINES = {"route-labels", "context-labels"}  # labels that sit on the line they name

# The deck.gl instance behind the page's map: React keeps it in a ref of the chart's
# component; from it the viewport, the layers and each text layer's glyph layout.
DRAWN = """(labelIds) => {
  const root = document.querySelector('[data-testid="stDeckGlJsonChart"]');
  let deck = null;
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const key = Object.keys(el).find(k => k.startsWith('__reactFiber'));
    if (!key) continue;
    for (let f = el[key], d = 0; f && d < 40 && !deck; f = f.return, d++) {
      for (let s = f.memoizedState, i = 0; s && i < 30; s = s.next, i++) {
        const c = s.memoizedState && s.memoizedState.current;
        if (c && c.deck && c.deck.layerManager) { deck = c.deck; break; }
        if (c && c.layerManager) { deck = c; break; }
      }
    }
    if (deck) break;
  }
  if (!deck) return null;
  const vp = deck.getViewports()[0];
  const byId = Object.fromEntries(deck.layerManager.getLayers().map(l => [l.id, l]));
  // a site's label is drawn at its dot's position (the rows keep only what is drawn)
  const at = d => `${d.lon},${d.lat}`;
  const dots = byId['sites'] ? byId['sites'].props.data : [];
  const siteAt = new Map(dots.map(d => [at(d), d.site_id]));
  const labels = [];
  for (const id of labelIds) {
    const layer = byId[id];
    if (!layer) continue;
    const atlas = layer.state.fontAtlasManager.props.fontSize;
    const px = layer.props.getSize * layer.props.sizeScale;
    layer.props.data.forEach((d, index) => {
      const {size} = layer.transformParagraph(d, {index, data: layer.props.data, target: []});
      const [x, y] = vp.project([d.lon, d.lat]);
      const w = size[0] / atlas * px, h = size[1] / atlas * px;
      const cx = x + d.offset[0], cy = y + d.offset[1];
      const site = id === 'site-labels' ? siteAt.get(at(d)) : null;
      labels.push({layer: id, name: d.name, site, px, units: layer.props.sizeUnits,
                   halo: layer.props.outlineWidth,
                   box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]});
    });
  }
  const lines = [];
  for (const id of ['rivers', 'roads', 'rail', 'routes', 'label-leaders']) {
    const layer = byId[id];
    if (!layer) continue;
    for (const d of layer.props.data) {
      lines.push({layer: id, name: d.name || '', path: d.path.map(p => vp.project(p))});
    }
  }
  const boundary = byId['boundary'];
  for (const f of boundary ? boundary.props.data.features : []) {
    const g = f.geometry;
    const polygons = g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates];
    for (const ring of polygons.flat()) {
      lines.push({layer: 'boundary', name: '', path: ring.map(p => vp.project(p))});
    }
  }
  const sites = byId['sites'] ? byId['sites'].props.data.map(d => d.site_id) : [];
  return {width: vp.width, height: vp.height, labels, lines, sites};
}"""

# The minimap (an <img> of SVG) drawn inline at its size on the page, so that its marks
# can be measured: the site numbers' boxes and the district outline's, relative to the
# drawing's plot area.
MINIMAP = """async () => {
  const img = document.querySelector('img.pg-minimap');
  // as pgdash.display.cards.image_svg reads it: base64, or text with ' for "
  const src = img.getAttribute('src');
  const data = src.slice(src.indexOf(',') + 1);
  const markup = src.includes(';base64,')
    ? new TextDecoder().decode(Uint8Array.from(atob(data), c => c.charCodeAt(0)))
    : decodeURIComponent(data.replace(/'/g, '%22'));
  const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  const holder = document.createElement('div');
  holder.style.cssText = 'position:absolute;left:0;top:0;';
  holder.appendChild(svg);
  document.body.appendChild(holder);
  const plot = svg.querySelector('g.role-frame.root > g > path.background').getBoundingClientRect();
  const rel = r => [r.left - plot.left, r.top - plot.top, r.right - plot.left, r.bottom - plot.top];
  const numbers = [...svg.querySelectorAll('text')]
    .filter(t => /^\\d+$/.test(t.textContent.trim()))
    .map(t => rel(t.getBoundingClientRect()));
  const dots = [...svg.querySelectorAll('g.mark-symbol path')]
    .filter(p => !p.closest('.role-legend'))
    .map(p => rel(p.getBoundingClientRect()));
  const outline = [...svg.querySelectorAll('path')]
    .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === '#1f3a60')
    .map(p => rel(p.getBoundingClientRect()));
  const out = {plot: [plot.width, plot.height], numbers, dots, outline,
               shown: [img.getBoundingClientRect().width, img.naturalWidth]};
  holder.remove();
  return out;
}"""


@pytest.fixture(scope="module")
def server(sync_api, built_data):
    with streamlit_server(built_data) as url:
        yield url


@contextmanager
def _open(sync_api, server, screen: str, path: str) -> Iterator:
    """A tab at ``screen``'s size (a phone: mobile user agent and touch) on ``path``."""
    width, height = SCREENS[screen]
    if screen == "desk":
        with chromium_context(sync_api, (width, height)) as context:
            tab = context.new_page()
            tab.goto(f"{server}/{path}")
            wait_for_app(tab, timeout=90_000)
            yield tab
        return
    browser = sync_api.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )
    try:
        context = browser.new_context(
            viewport={"width": width, "height": height}, user_agent=PHONE_UA, is_mobile=True,
            has_touch=True, locale="zh-CN",
        )  # fmt: skip
        tab = context.new_page()
        tab.goto(f"{server}/{path}")
        wait_for_app(tab, timeout=90_000)
        yield tab
    finally:
        browser.close()


def _drawn(tab) -> dict:
    tab.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for()
    tab.wait_for_function(
        """() => { const el = document.querySelector('[data-testid="stDeckGlJsonChart"]');
                   return el && el.querySelector('canvas'); }"""
    )
    for _ in range(20):  # the layers are made once the canvas has a size
        drawn = tab.evaluate(DRAWN, LABEL_LAYERS)
        if drawn and drawn["labels"]:
            return drawn
        tab.wait_for_timeout(500)
    raise AssertionError("no deck.gl labels found on the page")


def _crossing(box: list[float], lines: list[dict], name: str, own_line: bool) -> list[str]:
    """The lines that run through ``box`` by more than :data:`CLEAR_PX` pixels (a line's
    own label sits on it; a label's leader ends at its edge, inside the tolerance)."""
    from pgdash.display.maps import line_label

    area = shapely_box(box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1)
    crossed, shown = [], name.replace("\n", " ")  # a long name is drawn in two lines
    for line in lines:
        if own_line and line_label(line["name"]) == shown:
            continue
        if len(line["path"]) >= 2:
            length = LineString(line["path"]).intersection(area).length
            if length > CLEAR_PX:
                crossed.append(f"{line['layer']} {line['name']} {length:.0f}px")
    return crossed


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_map_labels_are_large_apart_and_off_the_lines_in_the_browser(
    sync_api, server, built, screen, lang
):
    path = "map" + ("?lang=en" if lang == "en" else "")
    with _open(sync_api, server, screen, path) as tab:
        drawn = _drawn(tab)
    labels, lines = drawn["labels"], drawn["lines"]
    for label in labels:
        assert label["px"] >= 14 and label["units"] == "pixels" and label["halo"] > 0, label
        left, top, right, bottom = label["box"]
        assert left >= 0 and right <= drawn["width"], label  # inside the canvas drawn
        assert top >= 0 and bottom <= drawn["height"], label
    for a, b in itertools.combinations(labels, 2):
        assert not shapely_box(*a["box"]).intersection(shapely_box(*b["box"])).area, (a, b)
    crossed = {
        label["name"]: hits
        for label in labels
        if (hits := _crossing(label["box"], lines, label["name"], label["layer"] in NAMED_LINES))
    }
    assert not crossed, crossed
    named = {label["site"] for label in labels if label["layer"] == "site-labels"}
    if screen == "desk":
        assert named == set(drawn["sites"])  # every site keeps its label at a desk
    else:
        landmarks = set(built.sites.loc[built.sites["landmark"], "site_id"])
        assert len(named) >= 5 and landmarks <= named, named  # the district government


def _minimap(sync_api, server, path: str) -> dict:
    with _open(sync_api, server, "desk", path) as tab:
        tab.locator("img.pg-minimap").wait_for(timeout=90_000)
        return tab.evaluate(MINIMAP)


@pytest.mark.parametrize("sector", ["logistics", "agritech"])
def test_a_sector_filter_closes_the_minimap_in_on_the_sectors_sites(
    sync_api, server, built, sector
):
    shown = _minimap(sync_api, server, f"sectors?sector={sector}")
    width, height = shown["plot"]
    numbers, dots = shown["numbers"], shown["dots"]
    sites = built.sites[(built.sites["sector"] == sector) & (built.sites["kind"] == "site")]
    assert len(dots) == len(sites) and len({tuple(n) for n in numbers}) == len(sites)
    for left, top, right, bottom in dots + numbers:  # every site and its number in view
        assert left >= 0 and right <= width and top >= 0 and bottom <= height
    x = sum((d[0] + d[2]) / 2 for d in dots) / len(dots)
    y = sum((d[1] + d[3]) / 2 for d in dots) / len(dots)
    # centred on the sector's sites, wherever in the district they are
    assert abs(x - width / 2) < width / 4 and abs(y - height / 2) < height / 4, (x, y)
    # the outline round them is cut at the view: the district is larger than the view
    (outline,) = {tuple(round(v) for v in box) for box in shown["outline"]}
    assert outline[2] - outline[0] > width or outline[3] - outline[1] > height


def test_without_a_sector_the_minimap_shows_the_whole_district_filling_its_card(sync_api, server):
    shown = _minimap(sync_api, server, "sectors")
    width, height = shown["plot"]
    (outline,) = {tuple(round(v) for v in box) for box in shown["outline"]}
    left, top, right, bottom = outline
    assert left >= 0 and right <= width and top >= 0 and bottom <= height  # southern tip too
    assert (right - left) >= 0.8 * width or (bottom - top) >= 0.8 * height  # fills the view
    card, natural = shown["shown"]
    assert card >= natural * 0.95 or card >= 300  # the image spans its card
