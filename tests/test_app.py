"""Every page through Streamlit's AppTest, against a real build of the seeds.

Expectations are computed from the tables, so the tests hold as the pipeline fills them
and assert more as data arrives.
"""

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pgdash.app import components
from pgdash.display import queries
from pgdash.display.formatting import display_unit
from pgdash.display.i18n import t
from pgdash.display.safe import escape_markdown, escape_text
from pgdash.sectors import SECTOR_IDS

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = ["overview", "targets", "map", "sectors", "tasks", "sources"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def run_page(page: str = "overview", **params: str) -> AppTest:
    """The app opened with ``params`` in the URL, then switched to ``page``."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


KPI_CARD = re.compile(
    r'class="[^"]*pg-kpi" data-fact-id="([^"]+)"><div class="pg-label">(.*?)</div>'
    r'<div class="pg-value">(.*?)</div>'
)


def kpi_cards(at: AppTest) -> dict[str, tuple[str, str]]:
    """fact_id → (label, value) of every KPI card on the page, as the reader reads them."""
    return {
        html.unescape(fact_id): (html.unescape(label), html.unescape(value))
        for element in at.html
        for fact_id, label, value in KPI_CARD.findall(element.proto.body)
    }


def _param(at: AppTest, key: str) -> str | None:
    """A query parameter's value as the URL shows it (AppTest keeps str or list)."""
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


@pytest.fixture(autouse=True)
def real_data(app_data, built_data):
    app_data(built_data)


def _main_target_ids(built) -> set[str]:
    """Targets stated in the paragraph that opens with 主要预期目标 (shown as cards)."""
    text = built.documents.set_index("doc_id")["text"]
    ids = set()
    for f in built.facts[built.facts["kind"] == "target"].itertuples():
        doc = text[f.doc_id]
        if "主要预期目标" in doc[doc.rfind("\n", 0, f.start) + 1 : f.start]:
            ids.add(f.fact_id)
    return ids


def _tiles_expected(built, sector: str) -> set[str]:
    """Headline figures (a sector: all its figures) that are not ranks, minus the main
    targets shown as cards."""
    facts = built.for_sector(sector).facts
    tiles = facts[(facts["headline"] | (sector != "all")) & ~facts["is_rank"]]
    return set(tiles["fact_id"]) - _main_target_ids(built)


@pytest.mark.parametrize("sector", ["all", "logistics"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(page, sector):
    at = run_page(page, sector=sector)
    assert at.title, "every page has a title"
    assert at.pills(key="sector").value == sector


@pytest.mark.parametrize("page", [*PAGES, "presentation"])
def test_every_sector_draws_every_page(page):
    """A sector with nothing of a kind (no tiles, no targets) still draws its page."""
    for sector in SECTOR_IDS:
        at = run_page(page, sector=sector)  # no exception, or it fails here
        slides = [h for h in at.html if 'class="pgs' in h.proto.body]  # presentation
        assert at.title or slides, (page, sector)


@pytest.mark.parametrize("sector", ["all", "economy", "logistics", "agritech"])
def test_overview_has_one_tile_per_headline_figure(built, sector):
    at = run_page(sector=sector)
    assert set(kpi_cards(at)) == _tiles_expected(built, sector)


def test_a_sectors_overview_keeps_its_latest_progress(built):
    """?sector=logistics: the press conference's logistics progress (已开工287万平方米) shows."""
    at = run_page(sector="logistics")
    body = " ".join(h.proto.body for h in at.html)
    press = built.documents.loc[built.documents["kind"] != "work_report", "doc_id"]
    facts = built.for_sector("logistics").facts
    progress = facts[facts["doc_id"].isin(press) & (facts["kind"] == "actual")]
    assert len(progress) and t("group_latest", "zh") in body
    assert set(progress["fact_id"]) <= set(kpi_cards(at))


def test_overview_tiles_show_the_table_values(built):
    shown = kpi_cards(run_page())
    facts = built.facts.set_index("fact_id")
    for fact_id in _tiles_expected(built, "all"):
        f = facts.loc[fact_id]
        label, value = shown[fact_id]
        assert label == f["metric"], (label, f["metric"])
        unit = display_unit(f["unit"], f["unit_std"])  # 11位 is shown as 11人
        assert f"{f['value']:g}" in value and unit in value, (value, unit)


def test_query_string_round_trip():
    at = run_page(sector="logistics", lang="en")
    assert at.pills(key="sector").value == "logistics"
    assert at.segmented_control(key="lang").value == "en"
    assert not CJK.search(at.title[0].value)
    at.pills(key="sector").set_value("economy").run()
    assert _param(at, "sector") == "economy"
    at.switch_page("pages/targets.py").run()
    assert at.pills(key="sector").value == "economy"
    assert _param(at, "sector") == "economy" and _param(at, "lang") == "en"
    at.pills(key="sector").set_value("all").run()
    assert "sector" not in at.query_params


@pytest.mark.parametrize("value", ["bogus", "<script>", "x" * 500])
def test_unknown_sector_is_ignored_with_a_notice(value):
    at = run_page(sector=value)
    assert at.pills(key="sector").value == "all"
    assert "sector" not in at.query_params
    notice = " ".join(w.value for w in at.warning)
    assert escape_markdown(value[:20]) in notice  # shown literally, not as markup
    assert len(at.warning) == 1 and len(at.toast) == 0  # one warning, not a banner and a toast


@pytest.mark.parametrize("value", ["fr", "<b>en</b>"])
def test_an_unknown_language_is_one_warning_in_chinese(value):
    at = run_page(lang=value)
    assert at.segmented_control(key="lang").value == "zh" and "lang" not in at.query_params
    notice = " ".join(w.value for w in at.warning)
    assert len(at.warning) == 1 and escape_markdown(value) in notice and "en" in notice
    assert len(at.toast) == 0


def test_an_unknown_year_is_one_warning():
    at = run_page(year="1999")
    assert len(at.warning) == 1 and "1999" in at.warning[0].value
    assert len(at.toast) == 0


SCORE_ROW = re.compile(r'<div class="pg-score-row">(.*?)(?=<div class="pg-score-row">|$)', re.S)
MARK = re.compile(r'pg-mark-(result|target|latest)" style="left:([\d.]+)%" title="([^"]*)"')


def score_rows(at: AppTest) -> list[str]:
    """The scorecard's rows (without its header) as HTML."""
    body = next(h.proto.body for h in at.html if 'class="pg-score"' in h.proto.body)
    return SCORE_ROW.findall(body)


def test_targets_scorecard_has_every_comparison_with_its_values(built):
    rows = score_rows(run_page("targets"))
    comparisons = built.comparisons
    assert len(rows) == len(comparisons)
    rate_positions: dict[str, float] = {}
    for row_html, (_, c) in zip(rows, comparisons.iterrows(), strict=True):
        name = re.search(r'<div class="pg-name">(.*?)</div>', row_html)[1]
        assert html.unescape(name) == c["measure"]
        marks = MARK.findall(row_html)
        values = {
            side: queries.side_field(c, side, "value") for side in ("result", "target", "latest")
        }
        expected = {side for side, v in values.items() if v == v}  # not NaN
        if c["unit"] == "名次":  # a ranking's change is written out, not drawn on a track
            assert not marks and " → " in row_html, c["measure"]
            continue
        assert {side for side, _, _ in marks} == expected, c["measure"]
        for side, left, _ in marks:
            assert 0 <= float(left) <= 100
            if c["unit"] == "%":  # growth rates share one scale: equal values, equal places
                value = f"{values[side]:g}"
                assert rate_positions.setdefault(value, float(left)) == float(left), value


def test_targets_scorecard_sources_are_the_comparison_facts(built):
    rows = score_rows(run_page("targets"))
    facts = built.facts.set_index("fact_id")
    text = built.documents.set_index("doc_id")["text"]
    for row_html, (_, c) in zip(rows, built.comparisons.iterrows(), strict=True):
        marked = [html.unescape(m) for m in re.findall(r'<mark class="num">(.*?)</mark>', row_html)]
        for side in ("result", "target", "latest"):
            fact_id = queries.side_field(c, side, "fact_id")
            if fact_id and fact_id in facts.index:
                f = facts.loc[fact_id]
                assert text[f["doc_id"]][f["start"] : f["end"]] in marked, (c["measure"], side)


@pytest.mark.parametrize("sector", ["all", "logistics"])
def test_map_draws_the_sites_of_the_sector_offline(built, sector):
    at = run_page("map", sector=sector)
    deck = at.get("deck_gl_json_chart")[0]
    spec = json.loads(deck.proto.json)
    assert spec.get("mapStyle") == "__MAP_STYLE__" and not spec.get("mapProvider")
    sites = built.for_sector(sector).sites
    layer = next((x for x in spec["layers"] if x["id"] == "sites"), {"data": []})
    assert len(layer["data"]) == int((sites["kind"] == "site").sum())
    assert "html" not in json.loads(deck.proto.tooltip)


def test_sectors_page_follows_the_sidebar_filter(built):
    at = run_page("sectors", sector="leisure")
    facts = built.for_sector("leisure").facts
    cards = set(kpi_cards(at))
    headline = set(facts.loc[facts["headline"] & ~facts["is_rank"], "fact_id"])
    done = facts["kind"].isin(["actual", "estimate"]) & ~facts["is_rank"]
    results = set(facts.loc[done, "fact_id"])
    # the sector's headline figures, filled up to four with its results; nothing else
    assert headline <= cards and cards - headline <= results
    assert len(cards) == max(len(headline), min(4, len(headline | results)))
    assert not at.get("button_group") or all(
        getattr(b, "key", None) != "sector_view" for b in at.get("button_group")
    )


def test_sectors_page_shows_the_three_pillars_in_one_element_and_picks_below(built):
    at = run_page("sectors")
    pillars = [h.proto.body for h in at.main.get("html") if "pg-pillars" in h.proto.body]
    assert len(pillars) == 1 and pillars[0].count('class="pg-pillar"') == 3
    assert not at.main.button  # the sector picker right below shows any pillar's sector
    picker = next(b for b in at.get("button_group") if getattr(b, "key", None) == "sector_view")
    picker.set_value("logistics").run()
    banner = next(h.proto.body for h in at.main.get("html") if "pg-banner-title" in h.proto.body)
    assert "现代物流" in banner and "农业科技" not in banner


@pytest.mark.parametrize("query", ["电梯", "物流", "不存在的词语"])
def test_tasks_search(built, query):
    at = run_page("tasks")
    at.text_input(key="task-search").set_value(query).run()
    tasks = built.tasks
    expected = queries.search(tasks, query, ["sentence", "subheading", "section_title"])
    line = f"显示 {len(expected)} / {len(tasks)} 条任务"
    assert any(c.value == line for c in at.caption)
    sections = "".join(h.proto.body for h in at.html).count('<details class="pg-section"')
    assert sections == expected["section_no"].nunique()


def test_sources_table_and_passage(built):
    at = run_page("sources")
    facts = queries.in_order(built.facts, built.documents)
    table = at.dataframe[0].value
    assert len(table) == len(facts)
    if len(facts):
        first = facts.iloc[0]
        raw = built.documents.set_index("doc_id").loc[first["doc_id"], "text"][
            first["start"] : first["end"]
        ]
        marks = [
            m for h in at.html for m in re.findall(r'<mark class="num">(.*?)</mark>', h.proto.body)
        ]
        assert html.unescape(marks[0]) == raw


def test_sources_search_narrows_the_table(built):
    at = run_page("sources")
    at.text_input(key="fact-search").set_value("院士").run()
    expected = queries.search(
        built.facts, "院士", ["metric", "metric_en", "quote", "section", "raw", "fact_id"]
    )
    assert len(at.dataframe[0].value) == len(expected)


def test_sources_in_english_sort_by_the_number_the_value_shows(built):
    from pgdash.display.formatting import format_number

    at = run_page("sources", lang="en")
    table = at.dataframe[0].value
    facts = queries.in_order(built.facts, built.documents).reset_index(drop=True)
    assert list(table.columns[:3]) == ["Measure", "Value", "Number"]
    plain = ~facts["is_rank"] & ~facts["raw"].astype(str).str.contains("分之")
    for value, number in zip(table.loc[plain, "Value"], table.loc[plain, "Number"], strict=True):
        assert format_number(number, "en") in value, (value, number)
    assert set(table.loc[table["Value"] == "17.5 bn yuan", "Number"]) == {17.5}  # not 175 (亿)


def test_sources_send_a_desk_the_table_and_not_the_phone_list():
    at = run_page("sources", lang="en")
    assert len(at.dataframe) == 1
    assert not any('class="pg-fact-list"' in h.proto.body for h in at.html)


def test_sources_have_a_compact_list_for_phones(built, monkeypatch):
    monkeypatch.setattr(components, "on_phone", lambda: True)  # a phone's browser
    at = run_page("sources", lang="en")
    assert not at.dataframe  # a phone gets the list instead of the table
    listing = next(h.proto.body for h in at.html if 'class="pg-fact-list"' in h.proto.body)
    assert listing.count('<details class="pg-fact-item">') == len(built.facts)
    first = queries.in_order(built.facts, built.documents).iloc[0]
    summary = html.unescape(re.search(r"<summary>(.*?)</summary>", listing).group(1))
    assert summary.startswith(f'<span class="m">{first["metric_en"]}</span> <b>')
    assert 'data-orig="Original Chinese"' in listing  # the folded quote is marked


def test_sources_keep_checksums_out_of_the_leaders_table(built):
    at = run_page("sources", lang="en")
    bodies = [html.unescape(h.proto.body) for h in at.html]
    sha = built.documents["sha256"].iloc[0]
    section = next(b for b in bodies if "Publisher" in b)
    leader, folded = section.split('<details class="pg-section">')  # the table, then the fold
    assert "Publisher" in leader and "SHA-256" not in leader and sha[:16] not in leader
    # folded under "technical details", in the documents' own body (one element)
    summary = re.search(r"<summary>(.*?)</summary>", folded).group(1)
    assert summary.startswith("Technical details (file checksums)")
    assert sha in folded and "SHA-256 checksum" in folded


def test_a_value_column_is_as_wide_as_its_longest_value():
    from pgdash.display.frames import column_px

    assert column_px(["at least 33 bn yuan"]) >= 28 + 19 * 7.5
    assert column_px(["400万人（辆）次以上"]) >= 28 + 9 * 14
    assert column_px(["x" * 200]) == 360 and column_px([]) == 28


def test_missing_data_shows_the_rebuild_page(app_data, tmp_path):
    app_data(tmp_path / "nowhere")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("python -m pgdash build" in c.value for c in at.code)


def test_english_mode_has_english_chrome():
    for page in PAGES:
        at = run_page(page, lang="en")
        chrome = [
            at.title[0].value,
            *(s.value for s in at.subheader),
            at.pills(key="sector").label,
        ]
        assert not any(CJK.search(text) for text in chrome), (page, chrome)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_hostile_document_text_is_shown_inert(app_data, tmp_path, page, lang):
    import synthetic

    app_data(synthetic.write_hostile_dataset(tmp_path / "data"))
    at = run_page(page, lang=lang)
    labels = [e.value for e in [*at.markdown, *at.caption, *at.title, *at.subheader]]
    labels += [e.value for e in [*at.warning, *at.info]]
    labels += [e.label for e in at.expander]
    for body in labels:
        unescaped = re.sub(r"\\.", "", body)  # what Markdown still sees as syntax
        for syntax in ("<script", "](", "![", ":red[", "$x"):
            assert syntax not in unescaped, body
    for element in at.html:
        body = element.proto.body
        if body.lstrip().startswith("<style>"):
            continue
        assert "<script" not in body and "javascript:" not in body and ":red[" not in body, body
        assert "$x" not in body, body
    shown = " ".join(e.proto.body for e in at.html) + " ".join(str(d.value) for d in at.dataframe)
    if page in ("overview", "tasks", "sources"):
        assert "&#60;script&#62;" in shown or "<script>alert(1)</script>" in shown  # as text


def test_sectors_page_shows_the_sectors_sites_on_a_numbered_map(built):
    from pgdash.display.cards import images_svg

    at = run_page("sectors", sector="logistics")
    body = next(h.proto.body for h in at.html if 'class="pg-minimap"' in h.proto.body)
    [svg] = images_svg(body)
    assert svg.lstrip().startswith("<svg") and "<path" in svg  # the district outline
    listed = [html.unescape(n) for n in re.findall(r"</span>([^<]+)</li>", body)]
    sites = built.for_sector("logistics").sites
    assert listed and set(listed) <= set(sites["name"])
    numbers = re.findall(r'class="pg-num"[^>]*>(\d+)</span>', body)
    assert numbers == [str(i) for i in range(1, len(listed) + 1)]


def test_map_layers_are_switched_with_one_control():
    at = run_page("map")
    layers = next(w for w in at.get("button_group") if w.key == "layers")
    layers.set_value(["sites", "boundary"]).run()
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ids = {layer["id"] for layer in spec["layers"]}
    assert ids == {"sites", "boundary"}, ids  # no towns, routes or labels


@pytest.mark.parametrize(
    ("page", "key"),
    [
        ("overview", "sector"),  # the sidebar's sector filter, on every page
        ("presentation", "pgs_sector"),  # the same filter in the presenter's settings
        ("map", "layers"),
        ("sources", "fact-kinds"),
        ("sectors", "sector_view"),
    ],
)
def test_pills_show_an_icon_and_their_name(page, key):
    """Each switch shows its Material icon beside its name (Streamlit takes a leading
    ``:material/…:`` as the icon; a name without one it searches for a leading emoji)."""
    at = run_page(page)
    pills = next(w for w in at.get("button_group") if w.key == key)
    for option in pills.proto.options:
        assert option.content_icon.startswith(":material/"), option
        assert CJK.search(option.content), option  # the name in Chinese, icon apart


FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")  # 、。「」（）：， and ideographic space
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _ShownText(HTMLParser):
    """The text of an HTML fragment outside elements marked as original Chinese (lang=zh…)."""

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.marked.append(str(dict(attrs).get("lang") or "").startswith("zh"))

    def handle_endtag(self, tag):
        if tag not in VOID and self.marked:
            self.marked.pop()

    def handle_data(self, data):
        if not any(self.marked):
            self.text.append(data)


def shown_text(at: AppTest, original_columns: set[str]) -> list[str]:
    """Every text a reader sees on the page, except what is marked as original Chinese."""
    texts = []
    for element in at.html:
        if not element.proto.body.lstrip().startswith("<style>"):
            parser = _ShownText()
            parser.feed(element.proto.body)
            texts.append(" ".join(parser.text))
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "toast"):
        texts += [e.value for e in getattr(at, kind)]
    texts += [e.label for e in at.expander]
    for widget in (*at.selectbox, *at.pills, *at.text_input, *at.toggle, *at.button):
        texts.append(widget.label)
    for widget in (*at.selectbox, *at.pills):
        texts += [str(o) for o in widget.options]
    for frame in at.dataframe:
        texts += [str(c) for c in frame.value.columns]
        for column in frame.value.columns:
            if column not in original_columns:
                texts += [str(v) for v in frame.value[column]]
    return texts


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_show_chinese_only_as_marked_original_text(page):
    at = run_page(page, lang="en")
    texts = shown_text(at, {t("quote", "en")})
    assert texts
    legend = t("sectors_sub", "en")  # names the 高, 大, 尚 the sectors page shows
    for text in texts:
        if text == legend:
            continue
        assert not CJK.search(text), (page, text)
        assert not FULL_WIDTH.search(text), (page, text)


def test_english_quotes_and_tasks_are_tagged_as_original_chinese():
    bodies = "".join(h.proto.body for h in run_page("tasks", lang="en").html)
    assert 'class="pg-task"><span lang="zh-CN">' in bodies
    assert "Task sentences and quotes are shown in the original Chinese" in bodies
    overview = "".join(h.proto.body for h in run_page("overview", lang="en").html)
    assert '<div class="pg-quote" lang="zh-CN" data-orig="Original Chinese">' in overview
    chinese = "".join(h.proto.body for h in run_page("overview").html)
    assert 'data-orig="' not in chinese  # the tag is for English readers only


def test_tasks_search_finds_english_headings(built):
    at = run_page("tasks", lang="en")
    at.text_input(key="task-search").set_value("logistics hub").run()
    english = built.tasks["section_title"].map(built.english).fillna("")
    expected = built.tasks[english.str.contains("logistics hub", case=False)]
    assert len(expected) > 0
    line = f"Showing {len(expected)} of {len(built.tasks)} tasks"
    assert any(c.value == line for c in at.caption), [c.value for c in at.caption]


def test_every_slide_in_english_shows_chinese_only_as_marked_original_text():
    at = run_page("presentation", lang="en")
    total = int(at.number_input(key="slide").max)
    assert total > 1
    for number in range(1, total + 1):
        at.number_input(key="slide").set_value(number).run()
        for text in shown_text(at, set()):
            assert not CJK.search(text), (number, text)
            assert not FULL_WIDTH.search(text), (number, text)


def test_the_work_plans_main_targets_read_in_english(built):
    """In English the main targets carry the overview's English line before the Chinese."""
    from pgdash.app import views
    from pgdash.display import fragments

    at = run_page("tasks", lang="en")
    body = " ".join(h.proto.body for h in at.html)
    clauses = views.main_targets(built)
    assert clauses
    for clause in clauses:
        line = fragments.target_line(clause, "en", built.english)
        assert line and not CJK.search(line), clause.text
        assert f'<span class="pg-task-en">{escape_text(line)}</span>' in body


def _stylesheets(at: AppTest) -> int:
    return sum(1 for e in at.html if e.proto.body.startswith("<style>:root{--pg-"))


def test_the_app_sends_its_stylesheet_unless_the_index_page_carries_it(monkeypatch):
    """``streamlit run app.py`` (and AppTest) gets the sheet as an element; the server of
    ``pgdash run`` puts it in its index page, and then no run sends it."""
    from pgdash.display.stylesheet import STYLED_INDEX

    monkeypatch.delenv(STYLED_INDEX, raising=False)
    assert _stylesheets(run_page("overview")) == 1
    monkeypatch.setenv(STYLED_INDEX, "1")
    at = run_page("overview")
    assert _stylesheets(at) == 0 and kpi_cards(at)  # the page itself is drawn


def test_the_server_entry_says_its_index_page_carries_the_stylesheet():
    import subprocess
    import sys

    from pgdash.display.stylesheet import STYLED_INDEX
    from pgdash.paths import SERVER

    code = f"import runpy, os; runpy.run_path({str(SERVER)!r}); print(os.environ[{STYLED_INDEX!r}])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("1")
