"""The wall screen's HTML (``pgdash.display.wall``) and map (``wall_map``), from the real
build and from plain ledger values: every figure is a row of the tables, the verdicts are
the build's, an empty ledger says so, English leaves Chinese only where it is marked."""

import re
from html.parser import HTMLParser

import pytest

from pgdash.display import cards, kpi, queries, wall, wall_map
from pgdash.display.formatting import fact_value
from pgdash.display.i18n import status_text, t
from pgdash.sectors import SECTOR_IDS

CJK = re.compile(r"[\u4e00-\u9fff]")
FACT_IDS = re.compile(r'data-kpi data-fact-id="([^"]+)"')


def make_board(data, lang="zh", pinned=None):
    tiles = kpi.build_tiles(data.facts, data.comparisons, data.documents, lang)
    clauses = queries.target_clauses(data.main_targets, data.facts)
    name = queries.district_name(data, lang)
    return wall.board(data, tiles, clauses, lang, name, 2023, pinned)


def page(data, lang="zh", pinned=None, ledger=None, rotate=30):
    board = make_board(data, lang, pinned)
    panel = ledger or wall.LedgerPanel("督办", empty="台账尚未建立")
    return wall.page_html(board, wall.ledger_html(panel, lang), lang, rotate)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.mark.parametrize(
    ("period", "part"),
    [
        ("2024H1", True),
        ("2023Q1-3", True),
        ("2023M1-11", True),
        ("2023Q2", True),
        ("2022", False),
        ("cumulative", False),
        ("2021-2023", False),
        ("", False),
    ],
)
def test_part_year_periods_are_recognised(period, part):
    assert wall.is_part_year(period) is part


def test_headline_results_are_the_work_reports_figures_with_their_values(built):
    html = page(built)
    ids = [_unescape(i) for i in FACT_IDS.findall(html)]
    assert len(ids) >= 6
    facts = built.facts.set_index("fact_id")
    reports = set(built.documents.loc[built.documents["kind"] == "work_report", "doc_id"])
    for fact_id in ids:
        fact = facts.loc[fact_id]
        assert fact["doc_id"] in reports and fact["headline"] and fact["kind"] != "target"
        assert _unescape(fact_value(fact, "zh")) in _unescape(html)


def test_rank_badges_and_growth_of_a_tile_are_shown(built):
    tiles = kpi.build_tiles(built.facts, built.comparisons, built.documents, "zh")
    with_badge = next(x for x in tiles if x.badges and not x.is_target)
    html = wall.tile_html(with_badge, False, "zh")
    assert all(badge in _unescape(html) for badge in with_badge.badges)
    grown = next((x for x in tiles if x.extra), None)
    if grown is not None:
        assert grown.extra in _unescape(wall.tile_html(grown, False, "zh"))


def test_main_targets_carry_the_builds_verdict_or_say_why_there_is_none(built):
    clauses = queries.target_clauses(built.main_targets, built.facts)
    html = _unescape(wall.targets_html(built, clauses, "zh"))
    by_target = built.comparisons.set_index("target_fact_id")
    for clause in clauses[: wall.TARGETS_SHOWN]:
        if clause.facts.empty:
            assert clause.text in html
            continue
        fact_id = clause.facts.iloc[0]["fact_id"]
        if fact_id in by_target.index:
            assert status_text(by_target.loc[fact_id], "zh") in html
    assert html.count('class="wl-target"') == min(len(clauses), wall.TARGETS_SHOWN)
    if any(c.facts.empty for c in clauses):
        assert t("wall_qualitative", "zh") in html


def test_latest_figures_are_marked_part_year(built):
    tiles = kpi.build_tiles(built.facts, built.comparisons, built.documents, "zh")
    html = wall.latest_html(tiles, built, "zh")
    shown = [_unescape(i) for i in re.findall(r'class="wl-row" data-fact-id="([^"]+)"', html)]
    assert shown
    facts = built.facts.set_index("fact_id")
    part = [i for i in shown if wall.is_part_year(facts.loc[i, "period"])]
    assert html.count(t("wall_part_year", "zh")) == len(part)
    assert all(facts.loc[i, "kind"] != "plan" for i in shown)


def test_every_sector_with_figures_or_sites_takes_a_turn_and_a_pin_keeps_one(built):
    board = make_board(built)
    busy = set(built.facts["sector"]) | set(built.sites["sector"])
    assert board.sectors == tuple(s for s in SECTOR_IDS if s in busy)
    assert board.sector_panels.count("data-sector=") == len(board.sectors)
    pinned = make_board(built, pinned="logistics")
    assert pinned.sectors == ("logistics",)
    assert 'data-sector="logistics"' in pinned.sector_panels
    assert pinned.sector_panels.count("data-sector=") == 1
    html = wall.page_html(pinned, "", "zh", 30)
    assert 'data-rotate="0"' in html  # one sector: nothing to rotate


def test_the_map_has_one_overlay_per_sector_and_draws_its_sites(built):
    board = make_board(built)
    assert "data-map" in board.map_html
    with_sites = [
        s
        for s in board.sectors
        if len(built.sites[(built.sites["sector"] == s) & (built.sites["kind"] != "town")])
    ]
    assert board.map_html.count('class="wl-map-over') == len(board.sectors) > len(with_sites)
    base, overlays = wall_map.drawings(
        built.boundary, built.context, built.sites, board.sectors, "zh"
    )
    for sector, svg in zip(board.sectors, overlays, strict=True):
        mine = built.sites[(built.sites["sector"] == sector) & (built.sites["kind"] != "town")]
        assert svg.count("<circle") == len(mine)
    assert base.count("<circle") == len(built.sites)


def test_map_labels_never_overlap(built):
    f = wall_map.frame(wall_map.boundary_rings(built.boundary))
    labels, boxes = wall_map.town_labels(built.sites, f, "en")
    assert labels and len(labels) == len(boxes)
    for i, a in enumerate(boxes):
        assert min(a[0], a[1]) >= 0 and a[2] <= wall_map.WIDTH and a[3] <= wall_map.HEIGHT
        assert not any(wall_map._overlap(a, b) for b in boxes[i + 1 :])


_TEXT = re.compile(r'<text x="([\d.-]+)" y="([\d.-]+)" font-size="(\d+)"[^>]*>([^<]*)</text>')


def _label_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each centred label of a wall drawing and its box, as the placement measures it."""
    out = []
    for x, y, size, text in _TEXT.findall(svg):
        x, y, size, text = float(x), float(y), float(size), _unescape(text)
        half = wall_map.text_width(text, size) / 2
        out.append((text, (x - half, y - size, x + half, y + size * 0.2)))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_site_name_sits_on_a_town_name_in_any_sector(built, lang):
    """Each sector's view is the base drawing and its overlay: no two names in it meet
    (the leisure sector's 番茄小镇 once sat on 兴谷街道, Jinhai service area on Nandulehe)."""
    sectors = wall.rotation(built)
    base, overlays = wall_map.drawings(built.boundary, built.context, built.sites, sectors, lang)
    assert len(overlays) == len(sectors)
    named = 0
    for sector, overlay in zip(sectors, overlays, strict=True):
        boxes = _label_boxes(base) + _label_boxes(overlay)
        named = max(named, len(boxes))
        for i, (a, box) in enumerate(boxes):
            for b, other in boxes[i + 1 :]:
                assert not wall_map._overlap(box, other), (sector, a, b)
    assert named >= 15  # towns and sites are named


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sector_names_all_its_sites_on_the_map(built, lang):
    """A dot by the drawing's edge or in a cluster still finds a spot for its name
    (Jinhai Lake in English, 京平综合物流枢纽 among the logistics sites were left unnamed)."""
    sectors = wall.rotation(built)
    _, overlays = wall_map.drawings(built.boundary, built.context, built.sites, sectors, lang)
    for sector, overlay in zip(sectors, overlays, strict=True):
        mine = built.sites[(built.sites["sector"] == sector) & (built.sites["kind"] != "town")]
        named = {text for text, _ in _label_boxes(overlay)}
        wanted = {wall_map.site_name(site, lang) for site in mine.itertuples()}
        assert wanted <= named, (sector, wanted - named)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_town_name_sits_on_a_sites_muted_dot(built, lang):
    """Wangxinzhuang sat on Yukou's muted dot: every dot of the base, drawn in every
    sector's view, is kept clear of the towns' names (a site's name keeps clear of them
    where it finds room)."""
    sectors = wall.rotation(built)
    base, overlays = wall_map.drawings(built.boundary, built.context, built.sites, sectors, lang)
    dots = [
        (float(x) - 7, float(y) - 7, float(x) + 7, float(y) + 7)
        for x, y in re.findall(r'<circle cx="([\d.-]+)" cy="([\d.-]+)" r="7"', base)
    ]
    assert dots
    for sector, overlay in zip(sectors, overlays, strict=True):
        for text, box in _label_boxes(base) + _label_boxes(overlay):
            if box[3] - box[1] < 1.2 * wall_map.LABEL:  # a town's name, in the smaller type
                assert not any(wall_map._overlap(box, dot) for dot in dots), (sector, text)


def test_a_town_named_alike_in_every_sector_is_drawn_once_in_the_base(built):
    sectors = wall.rotation(built)
    base, overlays = wall_map.drawings(built.boundary, built.context, built.sites, sectors, "zh")
    in_base = {text for text, _ in _label_boxes(base)}
    assert in_base  # most towns keep their spot whatever the sector
    for overlay in overlays:
        assert not in_base & {text for text, _ in _label_boxes(overlay)}


def test_an_empty_ledger_says_so_and_shows_no_lights():
    panel = wall.LedgerPanel("督办亮灯", empty="督办台账尚未建立")
    html = wall.ledger_html(panel, "zh")
    assert "督办台账尚未建立" in _unescape(html)
    assert "data-light" not in html


def test_the_ledger_panel_counts_lights_and_names_red_tasks_with_lead_units():
    n = wall.RAISED_SHOWN + 2
    raised = tuple(wall.Raised(f"任务{i} <script>", f"单位{i}", "red", "红灯") for i in range(n))
    panel = wall.LedgerPanel(
        "督办亮灯",
        lights=(("red", "红灯", 5, "#c5221f"), ("green", "绿灯", 2, "#188038")),
        statuses=(("推进中", 3),),
        raised=raised,
        raised_title="红灯与逾期任务",
    )
    html = wall.ledger_html(panel, "zh")
    assert re.findall(r'data-light="red" style="--c:[^"]*"><b>(\d+)</b>', html) == ["5"]
    shown = raised[: wall.RAISED_SHOWN]
    assert all(f"单位{i}" in html for i in range(len(shown)))
    assert f"单位{len(shown)}" not in html
    assert t("wall_more_raised", "zh", n=2) in _unescape(html)
    assert "<script" not in html


class _Text(HTMLParser):
    """Text outside elements marked ``lang="zh-CN"``."""

    VOID = frozenset({"img", "br", "hr", "meta", "input", "link"})

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang") == "zh-CN")

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.outside.append(data)


def test_english_wall_shows_chinese_only_as_marked_original_text(built):
    panel = wall.LedgerPanel(
        "Supervision lights",
        lights=(("red", "Red", 1, "#c5221f"),),
        raised=(wall.Raised("推进任务", "区发改委", "red", "Red"),),
        raised_title="Red and overdue tasks",
    )
    parser = _Text()
    parser.feed(page(built, "en", ledger=panel))
    leaked = [text for text in parser.outside if CJK.search(text)]
    assert not leaked, leaked


def test_english_map_names_places_in_english(built):
    base = wall_map.base_svg(built.boundary, built.context, built.sites, "en")
    labels = re.findall(r"<text[^>]*>(.*?)</text>", base)
    assert labels and not any(CJK.search(_unescape(label)) for label in labels)


def test_hostile_document_text_stays_inert(app_data, tmp_path):
    import synthetic

    from pgdash.app.data import load_dataset

    data = load_dataset(synthetic.write_hostile_dataset(tmp_path / "data"))
    for lang in ("zh", "en"):
        html = page(data, lang)
        assert "<script" not in html and "javascript:" not in html
        for svg in cards.images_svg(html):
            assert "<script" not in svg and "onload" not in svg


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sector_panel_counts_figures_tasks_and_sites_as_the_sectors_page_does(built, lang):
    """The wall said 数字 24 for agri-tech where the sectors page said 25 (it left ranks
    out), and counted routes among the sites."""
    board = make_board(built, lang)
    counts = queries.sector_overview(built.facts, built.tasks, built.sites).set_index("sector")
    for sector in board.sectors:
        panel = board.sector_panels.split(f'data-sector="{sector}"')[1].split('data-sector="')[0]
        row = counts.loc[sector]
        for key, n in (("wall_n_facts", row.facts), ("wall_n_tasks", row.tasks)):
            assert _unescape(t(key, lang, n=n)) in _unescape(panel), (sector, key)
        assert _unescape(t("wall_n_sites", lang, n=row.sites)) in _unescape(panel), sector
    ranked = built.facts[built.facts["is_rank"]]["sector"]
    assert ranked.isin(board.sectors).any()  # a sector with ranks is among them


def test_each_sector_panel_gets_its_own_ledger_line(built):
    board = make_board(built)
    sector = board.sectors[1]
    panels = wall.with_sector_lights(board.sector_panels, [(sector, "督办：红灯 2 <b>")])
    mine = panels.split(f'data-sector="{sector}"')[1].split('data-sector="')[0]
    assert "督办：红灯 2 &#60;b&#62;" in mine
    assert panels.count("督办：") == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_title_bar_dates_the_sources_as_every_page_does(built, lang):
    """资料截至2024年8月19日 / Sources up to 19 August 2024, as the sidebar writes it."""
    from pgdash.display.formatting import date_text

    line = make_board(built, lang).date_line
    assert date_text(built.as_of, lang) in line and str(built.as_of) not in line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_target_without_a_verdict_names_the_figure_its_reason_speaks_of(built, lang):
    """半年数据，仅供参考 under the 5%左右 target says which half-year figure: 2024年上半年6.2%,
    written as everywhere else, so no one reads the target itself as half-year data."""
    clauses = queries.target_clauses(built.main_targets, built.facts)
    html = _unescape(wall.targets_html(built, clauses, lang))
    gdp = next(c for c in clauses if not c.facts.empty)
    row = built.comparisons.set_index("target_fact_id").loc[gdp.facts.iloc[0]["fact_id"]]
    assert not row["is_judged"] and row["latest_fact_id"]
    latest = kpi.side_text(row, "latest", lang, kpi.fact_texts(built.facts, lang))
    fact_id = gdp.facts.iloc[0]["fact_id"]
    verdict = re.search(
        rf'data-fact-id="{fact_id}".*?<span class="wl-verdict[^"]*">(.*?)</span>', html
    ).group(1)
    assert status_text(row, lang) in verdict and latest in verdict
