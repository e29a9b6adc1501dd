"""The wall screen through AppTest: reached by ``?screen=wall``, drawn without the sidebar
or its controls, in both languages, pinned or rotating, with the ledger's lights or the
honest line of an empty ledger; its watch value changes with a rebuild and is shared."""

import html as html_lib
import os
import re
from pathlib import Path

import pytest
import supervision_demo as demo
from streamlit.testing.v1 import AppTest

from pgdash.app.pages import wall
from pgdash.display.formatting import date_text
from pgdash.display.i18n import t
from pgdash.supervision import summary

APP = str(Path(__file__).resolve().parents[1] / "app.py")
CJK = re.compile(r"[\u4e00-\u9fff]")


def open_wall(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["screen"] = "wall"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def body(at: AppTest) -> str:
    """The wall's own element (the one carrying ``data-wall``)."""
    walls = [h.proto.body for h in at.html if "data-wall " in h.proto.body]
    assert len(walls) == 1
    return walls[0]


@pytest.fixture
def no_ledger(app_data, built_data, monkeypatch, tmp_path):
    """The real build and a state folder without a ledger."""
    app_data(built_data)
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))


def test_the_wall_has_no_sidebar_controls_and_only_its_script(no_ledger):
    at = open_wall()
    assert not at.selectbox and not at.button and not at.sidebar.children
    page = body(at)
    assert len(re.findall(r"data-kpi ", page)) >= 6 and "data-map" in page
    scripts = [h.proto.body for h in at.html if "<script" in h.proto.body]
    assert scripts == [str(wall.SCRIPT)]  # the one static script, no document text in it


def test_the_wall_names_the_district_from_the_documents(no_ledger, built):
    page = html_lib.unescape(body(open_wall()))
    district = built.documents["district"].mode()[0]
    assert t("wall_title", "zh", district=district) in page
    assert date_text(built.as_of, "zh") in page  # as the sidebar writes it


@pytest.mark.parametrize(
    ("param", "value", "key"),
    [("sector", "bogus", "unknown_sector"), ("lang", "fr", "unknown_lang"),
     ("district", "nowhere", "unknown_district")],
)  # fmt: skip
def test_a_wrong_value_in_the_address_is_one_line_on_the_wall(no_ledger, param, value, key):
    """The wall has no room for a banner: the title bar says, in one line, what was not
    understood and what is shown instead, where the data date stands otherwise."""
    page = html_lib.unescape(body(open_wall(**{param: value})))
    assert page.count('class="wl-date wl-notice"') == 1
    assert t(key, "zh", value=value) in page
    assert "wl-notice" not in body(open_wall())


def test_an_empty_ledger_is_said_honestly(no_ledger):
    page = html_lib.unescape(body(open_wall()))
    assert t("wall_ledger_absent", "zh") in page
    assert "data-light=" not in page


def test_english_wall_title_and_panels(no_ledger):
    page = html_lib.unescape(body(open_wall(lang="en")))
    titles = re.findall(r'<h[12] class="wl-[a-z]+">(.*?)</h[12]>', page)
    assert titles and not any(CJK.search(re.sub("<[^>]+>", "", x)) for x in titles), titles
    assert 'lang="en"' in page


def test_a_pinned_sector_stops_the_rotation(no_ledger):
    page = body(open_wall(sector="logistics", rotate="5"))
    assert 'data-rotate="0"' in page
    assert re.findall(r'data-sector="([a-z]+)"', page) == ["logistics"]
    rotating = body(open_wall(rotate="5"))
    assert 'data-rotate="5"' in rotating and len(re.findall("data-sector=", rotating)) > 1


@pytest.mark.parametrize(("value", "seconds"), [("0", 0), ("abc", 30), ("-3", 0), ("99999", 3600)])
def test_rotate_values_are_bounded(no_ledger, value, seconds):
    assert f'data-rotate="{seconds}"' in body(open_wall(rotate=value))


def test_the_ledgers_lights_and_red_tasks_are_on_the_wall(
    ledger_url, built_data, built, app_data, monkeypatch
):
    app_data(built_data)
    monkeypatch.setenv("PGDASH_TODAY", demo.TODAY)
    demo.seed(built_data, ledger_url)
    page = html_lib.unescape(body(open_wall()))
    brief = summary.briefing(built.tasks, built.facts, limit=None, url=ledger_url)
    for light in ("red", "yellow", "green", "none"):
        shown = re.search(rf'data-light="{light}" style="[^"]*"><b>(\d+)</b>', page)
        assert shown and int(shown[1]) == brief.counts.total[light]
    raised = brief.rows[: wall.wall_html.RAISED_SHOWN]
    assert raised and all(row.lead_unit in page for row in raised)


def test_the_watch_value_is_shared_per_period_and_changes_with_a_rebuild(
    app_data, built_data, tmp_path, monkeypatch
):
    import shutil

    folder = app_data(Path(shutil.copytree(built_data, tmp_path / "data")))
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    before = wall._signature(10**9)
    facts = folder / "facts.parquet"
    os.utime(facts, (facts.stat().st_atime, facts.stat().st_mtime + 120))
    assert wall._signature(10**9) == before  # one value per period, whoever asks
    assert wall._signature(10**9 + 1)[0] != before[0]


def test_the_watch_value_changes_with_the_ledger(ledger_url, built_data, app_data, monkeypatch):
    from datetime import date

    from pgdash.supervision import ledger

    app_data(built_data)
    monkeypatch.setenv("PGDASH_TODAY", demo.TODAY)
    demo.seed(built_data, ledger_url)
    before = wall._signature(2 * 10**9)
    ledger.add_note("t00-002", date(2026, 7, 1), "已督促", "office", ledger_url)
    after = wall._signature(2 * 10**9 + 1)
    assert after[0] == before[0] and after[1] != before[1]


def test_a_ledger_without_deadlines_says_nothing_can_be_judged(
    ledger_url, built_data, built, app_data, monkeypatch
):
    from pgdash.supervision import ledger
    from pgdash.supervision.labels import t as sv

    app_data(built_data)
    monkeypatch.setenv("PGDASH_TODAY", demo.TODAY)
    ledger.sync(ledger.load_plan(built_data), ledger_url)  # tasks, no deadline, no report
    page = html_lib.unescape(body(open_wall()))
    brief = summary.briefing(built.tasks, built.facts, limit=None, url=ledger_url)
    assert not summary.reportable(brief.counts)
    assert summary.quiet_line(brief.counts, "zh") in page
    assert sv("red_none", "zh") not in page
    assert re.search(r'data-light="green" style="[^"]*"><b>0</b>', page)
    # the panel's room goes to where the tasks stand, the sectors with most to settle first
    from pgdash.briefing.ledger_slide import sector_rows

    rows = sector_rows(brief, "zh", wall.WALL_SECTORS)
    assert len(rows) == wall.WALL_SECTORS
    shown = re.findall(r'class="wl-ledger-sector"[^>]*><b>([^<]*)</b><span>([^<]*)</span>', page)
    assert shown == [(row.text, row.meta) for row in rows]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_document_text_is_shown_inert_on_the_wall(app_data, tmp_path, monkeypatch, lang):
    import synthetic

    app_data(synthetic.write_hostile_dataset(tmp_path / "data"))
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    at = open_wall(lang=lang)
    for element in at.html:
        if element.proto.body == str(wall.SCRIPT):
            continue  # the wall's own static script
        assert "<script" not in element.proto.body and "javascript:" not in element.proto.body


def test_each_sectors_panel_carries_its_lights(
    ledger_url, built_data, built, app_data, monkeypatch
):
    app_data(built_data)
    monkeypatch.setenv("PGDASH_TODAY", demo.TODAY)
    demo.seed(built_data, ledger_url)
    page = html_lib.unescape(body(open_wall()))
    brief = summary.briefing(built.tasks, built.facts, limit=None, url=ledger_url)
    lines = dict(re.findall(r'data-ledger-sector="([a-z]+)">([^<]*)</div>', page))
    panels = set(re.findall(r'data-sector="([a-z]+)"', page))
    assert lines and set(lines) == set(brief.counts.by_sector) & panels
    for sector, lights in brief.counts.by_sector.items():
        if sector not in panels:
            continue
        assert (
            f"红灯 {lights['red']}" in lines[sector] and f"绿灯 {lights['green']}" in lines[sector]
        )
