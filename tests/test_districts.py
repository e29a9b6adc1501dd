"""Reports of another district added beside the seeds, as a new user adds them.

Two consecutive 罗湖 reports go in with ``pgdash add`` and are built: every page then shows
one district (the latest report's by default, another with ``?district=``), 罗湖's targets
meet their results in the ledger with a verdict, no word of Pinggu's shows for 罗湖, and
Pinggu's own dashboard is what the seeds alone give.
"""

import html
import json
import shutil
from pathlib import Path

import pytest
from browser import chromium_context, full_page_screenshot, streamlit_server, wait_for_app
from corpus.expected import CORPUS
from google.protobuf.json_format import MessageToJson
from streamlit.testing.v1 import AppTest
from test_app import kpi_cards, run_page

from pgdash.cli import main
from pgdash.display.i18n import t
from pgdash.errors import PgdashError
from pgdash.export.api import export_bytes
from pgdash.paths import seeds_dir
from pgdash.pipeline.extract.catalogue import load_catalogue
from pgdash.pipeline.write.build import build
from pgdash.tables import district_slug, districts, load_tables

PAGES = ["overview", "targets", "map", "sectors", "tasks", "sources", "presentation"]
ADDED = ("luohu-2023.txt", "luohu-2024.txt")
SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def mixed_data(tmp_path_factory) -> Path:
    """The seeds and two 罗湖 reports, added with ``pgdash add`` and built."""
    root = tmp_path_factory.mktemp("districts")
    seeds = root / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    assert main(["add", *(str(CORPUS / name) for name in ADDED), "--seeds", str(seeds)]) == 0
    build(seeds, root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def mixed(mixed_data):
    return load_tables(mixed_data)


# A rough hand-made outline of 罗湖区 (WGS84), as a user would drop it into seeds/geo/.
LUOHU_RING = [[114.10, 22.53], [114.17, 22.54], [114.16, 22.60], [114.11, 22.59], [114.10, 22.53]]
LUOHU_FILE = "seeds/geo/boundary-罗湖区.geojson"


@pytest.fixture(scope="module")
def outlined_data(tmp_path_factory) -> Path:
    """The seeds, two 罗湖 reports and an outline of 罗湖区 in seeds/geo/, built."""
    root = tmp_path_factory.mktemp("outlined")
    shutil.copytree(seeds_dir(), root / "seeds")
    assert main(["add", *(str(CORPUS / n) for n in ADDED), "--seeds", str(root / "seeds")]) == 0
    outline = {"type": "Polygon", "coordinates": [LUOHU_RING]}
    (root / LUOHU_FILE).write_text(json.dumps(outline), encoding="utf-8")
    build(root / "seeds", root / "data")
    return root / "data"


def pinggu_words(built) -> list[str]:
    """What only Pinggu's pages say: its name, its 高大尚 pillars, its curated places."""
    return ["平谷", "Pinggu", "高大尚", "十一方面", *built.sites["name"]]


def texts(node) -> list[str]:
    """Every element under ``node`` as JSON text (Chinese kept as it is)."""
    out = []
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        out.append(MessageToJson(proto, ensure_ascii=False))
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else []:
        out.extend(texts(child))
    return out


def main_text(at: AppTest) -> str:
    """The main area's elements, HTML entities read as the browser reads them (PM2&#46;5)."""
    return html.unescape("\n".join(texts(at.main)))


def district_picker(at: AppTest):
    return next((s for s in at.sidebar.selectbox if s.label == t("district", "zh")), None)


def test_the_added_reports_carry_their_district_in_their_ids(mixed) -> None:
    added = mixed.documents[mixed.documents["district"] == "罗湖区"]
    assert sorted(added["doc_id"]) == ["luohu-gwr2023", "luohu-gwr2024"]
    assert {"gwr2023", "press2024"} <= set(mixed.documents["doc_id"])  # Pinggu's ids stay
    assert districts(mixed.documents) == ["平谷区", "罗湖区"]  # the latest report's last
    assert district_slug("罗湖区") == district_slug("罗湖") == "luohu"


def test_a_district_cut_holds_nothing_of_another_district(mixed) -> None:
    for name in districts(mixed.documents):
        cut = mixed.for_district(name)
        own = set(cut.documents["doc_id"])
        assert set(cut.documents["district"]) == {name}
        for table in ("facts", "tasks", "main_targets", "honours"):
            assert set(getattr(cut, table)["doc_id"]) <= own, table
        ledger = cut.comparisons
        assert set(ledger["district"]) <= {name, ""}
        for column in ("target_doc_id", "result_doc_id", "baseline_doc_id", "latest_doc_id"):
            assert set(ledger[column]) - {""} <= own, column
    luohu = mixed.for_district("罗湖区")
    assert luohu.sites.empty and not luohu.boundary and not luohu.context


@pytest.mark.parametrize("page", PAGES)
def test_the_latest_district_alone_and_no_word_of_pinggu(
    page: str, mixed_data, built, app_data
) -> None:
    app_data(mixed_data)
    at = run_page(page)
    picker = district_picker(at)
    assert picker is not None and picker.value == "luohu"
    assert list(picker.options) == ["罗湖区", "平谷区"]  # as shown, the latest first
    text = main_text(at)
    assert "罗湖" in text
    assert [word for word in pinggu_words(built) if word in text] == []


def test_luohu_targets_meet_their_results_with_a_verdict(mixed, mixed_data, app_data) -> None:
    ledger = mixed.for_district("罗湖区").comparisons
    pairs = ledger[
        (ledger["target_doc_id"] == "luohu-gwr2023")
        & (ledger["result_doc_id"] == "luohu-gwr2024")
        & ledger["is_judged"]
    ]
    assert len(pairs) >= 1  # a 2023 target of one report met by the next report's result
    app_data(mixed_data)
    text = main_text(run_page("targets", district="luohu"))
    for row in pairs.itertuples():
        assert row.measure in text and row.status_zh in text


def test_pinggu_by_address_is_the_seeds_own_dashboard(mixed_data, built_data, app_data) -> None:
    app_data(built_data)
    alone = run_page("overview")
    assert district_picker(alone) is None  # one district: no picker
    app_data(mixed_data)
    chosen = run_page("overview", district="pinggu")
    assert chosen.query_params["district"] in ("pinggu", ["pinggu"])
    assert kpi_cards(chosen) == kpi_cards(alone) and kpi_cards(alone)
    assert "罗湖" not in main_text(chosen)
    tasks = run_page("tasks", district="pinggu")
    assert "十一方面任务" in main_text(tasks)  # its own count of its own sections


def test_an_unknown_district_in_the_address_is_named_and_the_latest_shown(
    mixed_data, app_data
) -> None:
    app_data(mixed_data)
    at = run_page("overview", district="atlantis")
    assert any("atlantis" in w.value for w in at.warning)
    assert district_picker(at).value == "luohu"


def test_the_briefing_export_is_of_one_district(mixed_data, built) -> None:
    from io import BytesIO

    from pptx import Presentation

    def deck_text(district: str | None) -> str:
        deck = Presentation(BytesIO(export_bytes("pptx", None, mixed_data, "zh", district)))
        return "\n".join(
            shape.text_frame.text
            for slide in deck.slides
            for shape in slide.shapes
            if shape.has_text_frame
        )

    latest = deck_text(None)
    assert "罗湖" in latest
    assert [word for word in pinggu_words(built) if word in latest] == []
    assert "平谷" in deck_text("pinggu") and "罗湖" not in deck_text("平谷区")
    with pytest.raises(PgdashError, match="luohu"):
        export_bytes("pptx", None, mixed_data, "zh", "atlantis")


def test_curated_entries_speak_only_to_their_district(tmp_path: Path) -> None:
    """A curated quote that another district's document also holds (and whose file name
    sorts first) still names Pinggu's figure, never the other district's."""
    entry = next(e for e in load_catalogue() if e.headline)
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    other = f"龙华区全年{entry.quote}，新增企业120家，完成改造项目30个。\n"
    (seeds / "a-longhua.txt").write_text(other * 3, encoding="utf-8")
    (seeds / "a-longhua.toml").write_text(
        'doc_id = "longhua-news2024"\ntitle = "龙华区新闻"\npublished = "2024-05-01"\n'
        'kind = "news_article"\ndistrict = "龙华区"\n',
        encoding="utf-8",
    )
    report = build(seeds, tmp_path / "data")
    facts = load_tables(tmp_path / "data").facts
    curated = facts[facts["headline_rank"] > 0]
    assert len(curated) and "longhua-news2024" not in set(curated["doc_id"])
    assert report.curated_unmatched == []


def test_another_districts_seeds_alone_build_without_a_word_on_the_curated_files(
    tmp_path: Path, capsys
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    assert main(["add", *(str(CORPUS / name) for name in ADDED), "--seeds", str(seeds)]) == 0
    capsys.readouterr()
    assert main(["build", "--seeds", str(seeds), "--data", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "metrics.toml" not in out and "sites.toml" not in out
    assert "curated entries no document names: 0" in out
    built = load_tables(tmp_path / "data")
    assert built.sites.empty and (built.facts["headline_rank"] == 0).all()


def test_in_a_browser_the_picker_switches_district_and_the_address(sync_api, mixed_data) -> None:
    with streamlit_server(mixed_data) as url, chromium_context(sync_api) as context:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(url)
        wait_for_app(tab)
        main = tab.locator('[data-testid="stMain"]')
        assert "罗湖" in main.inner_text() and "平谷" not in main.inner_text()
        picker = tab.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
            has_text=t("district", "zh")
        )
        picker.click()
        tab.get_by_role("option", name="平谷区", exact=True).click()
        wait_for_app(tab)
        tab.wait_for_timeout(500)
        wait_for_app(tab)
        assert "district=pinggu" in tab.url
        assert "平谷" in main.inner_text() and "罗湖" not in main.inner_text()
        full_page_screenshot(tab, SHOTS / "overview-district-pinggu.png")
        assert not errors, errors


def test_the_ledger_commands_plan_one_district(mixed_data) -> None:
    from pgdash.supervision.ledger import load_plan

    def reports(plan) -> set[str]:
        return {task.task_id.rsplit("-t", 1)[0] if "-t" in task.task_id else "" for task in plan}

    latest = reports(load_plan(mixed_data))  # the latest report's district, its years
    assert latest and latest <= {"luohu-gwr2023", "luohu-gwr2024"}
    assert reports(load_plan(mixed_data, "pinggu")) == {""}  # Pinggu's bare task ids


def test_another_district_opens_at_its_own_latest_report(mixed_data, app_data) -> None:
    app_data(mixed_data)
    at = run_page("overview", district="luohu", year="2023")  # 罗湖's earlier report
    district_picker(at).set_value("pinggu").run()
    assert "year" not in at.query_params and not at.warning
    district_picker(at).set_value("luohu").run()  # back: its latest, not the year before
    years = next(s for s in at.sidebar.selectbox if s.label == t("report_year", "zh"))
    assert years.value == "2024" and "year" not in at.query_params
    assert "district" not in at.query_params  # 罗湖 is the default: the address is bare
    assert "罗湖" in main_text(at) and "平谷" not in main_text(at)


def test_a_language_switch_keeps_the_pickers_choices_in_the_new_language(
    mixed_data, app_data
) -> None:
    """A select box keeps showing the label it was drawn with: each language has its own
    pickers, and the district and year chosen carry over."""
    app_data(mixed_data)
    at = run_page("overview", district="luohu", year="2023")
    next(w for w in at.get("button_group") if w.key == "lang").set_value("en").run()
    district = next(s for s in at.sidebar.selectbox if s.label == t("district", "en"))
    year = next(s for s in at.sidebar.selectbox if s.label == t("report_year", "en"))
    assert (district.value, year.value) == ("luohu", "2023")
    assert "2023 work report" in year.options and "2023年工作报告" not in year.options
    assert district.key.endswith("-en") and year.key.endswith("-en")
    year.set_value("2024").run()  # chosen in English: the page and the address follow
    assert "year" not in at.query_params and not at.exception


def test_a_district_without_an_outline_gets_one_line_naming_the_file(mixed_data, app_data) -> None:
    app_data(mixed_data)
    at = run_page("map", district="luohu")
    lines = [w.value.replace("\\", "") for w in at.info]
    assert len(lines) == 1 and LUOHU_FILE in lines[0] and "罗湖区" in lines[0]
    assert not at.get("deck_gl_json_chart")
    en = run_page("map", district="luohu", lang="en")
    assert next(w.value.replace("\\", "") for w in en.info).count(LUOHU_FILE) == 1


def test_an_added_outline_is_drawn_for_its_district_alone(outlined_data, built) -> None:
    data = load_tables(outlined_data)
    luohu = data.for_district("罗湖区")
    assert [f["properties"]["district"] for f in luohu.boundary["features"]] == ["罗湖区"]
    assert luohu.sites.empty and not luohu.context  # Pinggu's places and context stay home
    pinggu = data.for_district("平谷区")
    assert [f["properties"]["name"] for f in pinggu.boundary["features"]] == ["平谷区"]
    assert pinggu.context and len(pinggu.sites) == len(built.sites)


def test_the_map_page_draws_the_added_outline_and_no_pinggu_geometry(
    outlined_data, built, app_data
) -> None:
    app_data(outlined_data)
    at = run_page("map", district="luohu")
    assert not [w for w in at.info if "boundary-" in w.value.replace("\\", "")]  # a map, no line
    (chart,) = at.get("deck_gl_json_chart")
    deck = json.loads(chart.proto.json)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    assert list(layers) == ["boundary"]  # its outline alone: no neighbours, rivers, towns
    (feature,) = layers["boundary"]["data"]["features"]
    geometry = feature["geometry"]
    polygon = geometry["coordinates"][0] if geometry["type"] == "MultiPolygon" else None
    ring = (polygon or geometry["coordinates"])[0]
    assert [[round(x, 2), round(y, 2)] for x, y in ring] == LUOHU_RING
    view = deck["initialViewState"]
    assert 114.10 < view["longitude"] < 114.17 and 22.53 < view["latitude"] < 22.60
    text = main_text(at)
    assert [word for word in pinggu_words(built) if word in text] == []
    assert "cnmaps" not in text and t("map_credits_added", "zh") in text  # credits its file
    home = run_page("map", district="pinggu")  # Pinggu's map keeps its context
    assert "neighbours" in {
        layer["id"] for layer in json.loads(home.get("deck_gl_json_chart")[0].proto.json)["layers"]
    }


def test_the_wall_and_the_map_slide_draw_the_added_outline(outlined_data, mixed_data) -> None:
    from pgdash.briefing.slides import build_slides
    from pgdash.display import wall

    luohu = load_tables(outlined_data).for_district("罗湖区")
    drawn = wall.map_html(luohu, [], "zh")
    assert "wl-map-base" in drawn and LUOHU_FILE not in html.unescape(drawn)
    assert "map" in [slide.kind for slide in build_slides(luohu)]
    bare = load_tables(mixed_data).for_district("罗湖区")
    assert LUOHU_FILE in html.unescape(wall.map_html(bare, [], "zh"))
    assert "map" not in [slide.kind for slide in build_slides(bare)]


@pytest.mark.parametrize("page", ["map", "sectors", "presentation", "wall"])
def test_with_its_outline_a_district_still_shows_no_word_of_pinggu(
    page: str, outlined_data, built, app_data
) -> None:
    app_data(outlined_data)
    at = run_page(page, district="luohu")
    assert district_picker(at).value == "luohu"
    text = main_text(at)
    assert [word for word in pinggu_words(built) if word in text] == []
