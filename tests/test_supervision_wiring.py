"""The ledger beyond its page: the overview's 督办 strip, the presentation's 督办 slide and
the exports' supervision page, on SQLite and PostgreSQL; each left out quietly when the
database cannot be used or no task in view has a deadline yet."""

import html as html_lib
import io
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import streamlit as st
import supervision_demo as demo
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from pgdash.briefing import build_slides, slide_html
from pgdash.briefing.ledger_slide import SLIDE_TASKS, ledger_slide, with_ledger
from pgdash.display.i18n import sector_name
from pgdash.export.api import cached_export_bytes, export_bytes
from pgdash.export.pptx import BODY_BOTTOM
from pgdash.supervision import db, ledger, summary
from pgdash.tables import load_tables

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def seeded(ledger_url, built_data, app_data, monkeypatch):
    """The real build, the demo ledger, today pinned to 2026-07-02; returns the plan."""
    app_data(built_data)
    monkeypatch.setenv("PGDASH_TODAY", demo.TODAY)
    st.cache_data.clear()
    return demo.seed(built_data, ledger_url)


def overview(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def strip(at: AppTest) -> str | None:
    """The strip's HTML (entities resolved), or ``None`` when the page has none."""
    body = next((h.proto.body for h in at.html if 'class="pg-lights"' in h.proto.body), None)
    return None if body is None else html_lib.unescape(body)


def chips(body: str) -> dict[str, int]:
    """light → count, as the strip shows them."""
    found = re.findall(r'pg-light pg-light-(\w+)"[^>]*><b>(\d+)</b>', body)
    return {light: int(n) for light, n in found}


def test_the_overview_strip_counts_the_lights_and_follows_an_edit(seeded, ledger_url):
    at = overview()
    body = strip(at)
    assert body is not None
    assert chips(body) == {"red": 2, "yellow": 2, "green": 2, "none": 179, "overdue": 1}
    assert "督办亮灯" in body and "185 项任务" in body and "截至 2026年7月2日" in body
    assert any("督办" in link.label for link in at.get("page_link"))
    # an editor closes the task furthest behind: the next run shows it (no waiting on a TTL)
    row = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}["t00-001"]
    ledger.save("t00-001", row.version, {"status": "done", "progress": 100}, "editor1", ledger_url)
    at = overview()
    assert chips(strip(at)) == {"red": 1, "yellow": 2, "green": 3, "none": 179, "overdue": 1}


def test_the_strip_is_of_the_sector_in_force_and_in_english(seeded, ledger_url):
    at = overview(sector="logistics", lang="en")
    body = strip(at)
    rows = summary.in_scope(ledger.rows(seeded, None, ledger_url), "logistics")
    expected = summary.light_counts(rows)
    assert chips(body) == {**expected.total, "overdue": expected.overdue}
    assert chips(body)["green"] == 1 and chips(body)["yellow"] == 1  # t03-001 done, t03-002
    assert "Supervision lights" in body and "No deadline" in body and "Overdue" in body
    assert any(link.label == "Open the supervision ledger" for link in at.get("page_link"))


def test_an_empty_ledger_strip_says_what_to_do_not_all_clear(ledger_url, built_data, app_data):
    app_data(built_data)
    st.cache_data.clear()
    ledger.sync(ledger.load_plan(built_data), ledger_url)
    at = overview()
    body = strip(at)
    assert body is not None and not at.error
    assert "项任务未设完成时限" in body and "请先为任务设定牵头单位和完成时限" in body
    assert "当前没有红灯或逾期任务" not in body
    assert at.title[0].value  # the rest of the overview is there


def test_a_broken_database_leaves_the_strip_out_quietly(built_data, app_data, damaged_ledger):
    app_data(built_data)
    at = overview()
    assert strip(at) is None
    assert not at.error and not at.warning and not at.exception
    assert at.title[0].value == "总览" or at.title[0].value  # the page itself is drawn
    assert any("pg-card" in h.proto.body for h in at.html)  # … with its figure cards


def test_an_unreachable_server_leaves_the_strip_out(built_data, app_data, monkeypatch):
    app_data(built_data)
    monkeypatch.setenv("PGDASH_DB_URL", "postgresql://nobody@127.0.0.1:9/none")
    at = overview()
    assert strip(at) is None and not at.error
    db.dispose_all()


def test_the_slide_lists_red_and_overdue_tasks_worst_first(seeded, built_data):
    data = load_tables(built_data)
    slide = ledger_slide(data, None, "zh")
    assert slide is not None and slide.kind == "supervision"
    assert [(x.light, x.count) for x in slide.lights] == [
        ("red", 2), ("yellow", 2), ("green", 2), ("none", 179), ("overdue", 1),
    ]  # fmt: skip
    assert [task.task_id for task in slide.raised] == ["t01-002", "t00-001"]
    first = slide.raised[0]
    assert first.flags == ("红灯", "已逾期") and "区农业农村局" in first.meta
    assert "2026-06-30" in first.meta and "落后 20 个百分点" in first.meta
    assert "上半年增速低于预期" in slide.raised[1].note
    assert "红灯 2 项" in slide.notes and slide.raised[0].text in slide.notes
    # in the deck: after results against targets, before the map
    deck = with_ledger(build_slides(data, None, "zh"), slide)
    kinds = [s.kind for s in deck]
    assert kinds.count("supervision") == 1
    assert kinds.index("supervision") == kinds.index("map") - 1
    assert kinds[kinds.index("supervision") - 1] == "targets"
    # of one sector: only its tasks
    logistics = ledger_slide(data, "logistics", "en")
    assert not logistics.raised and logistics.bullets[0] == "No red or overdue task."
    assert logistics.bullets[-1].startswith("Lights: green under 10 points behind")
    assert "Logistics" in logistics.subtitle
    # the ledger's day written as every page writes a date
    assert "2026年7月2日" in slide.subtitle and "2026年7月2日" in slide.notes
    assert "2 July 2026" in logistics.subtitle and "2026-07-02" not in logistics.subtitle


def test_the_slide_shows_typed_text_as_text(seeded, built_data, ledger_url):
    row = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}["t00-001"]
    ledger.save("t00-001", row.version, {"lead_unit": demo.HOSTILE[:60]}, "editor1", ledger_url)
    slide = ledger_slide(load_tables(built_data), None, "zh")
    markup = slide_html.supervision_html(slide, "zh")
    assert "<script" not in markup and "&#60;script&#62;" in markup
    assert "pgs-sectors" not in markup  # red tasks: one column, their sentences whole
    assert demo.HOSTILE[:60] in html_lib.unescape(markup)


def test_no_slide_without_a_ledger_and_an_honest_one_for_an_empty_ledger(
    built_data, tmp_path, monkeypatch
):
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    data = load_tables(built_data)
    assert ledger_slide(data, None, "zh") is None
    assert not (tmp_path / "state" / "supervision.db").exists()  # no ledger is created
    plan = ledger.load_plan(built_data)
    ledger.sync(plan)
    empty = ledger_slide(data, None, "zh")  # every light grey: says so and what to do first
    assert empty is not None
    # its lower half: the sectors with the most tasks left to settle, a row each
    per_sector = Counter(task.sector for task in plan)
    order = sorted(per_sector, key=lambda sector: (-per_sector[sector], sector))[:SLIDE_TASKS]
    assert [row.task_id for row in empty.raised] == order
    assert empty.chart_title == "各板块任务落实情况（问题多者在前）"
    for row in empty.raised:
        n = per_sector[row.task_id]
        assert not row.flags and row.text == sector_name(row.task_id, "zh")
        assert row.meta == f"任务 {n} 项 · 未设时限 {n} 项 · 已填报 0 项"
    markup = slide_html.supervision_html(empty, "zh")  # two columns where there is room
    assert 'class="pgs-raised pgs-sectors"' in markup and "pgs-flag" not in markup
    assert empty.bullets == (
        f"尚不能判断红灯和逾期任务：{len(plan)} 项任务未设完成时限，"
        f"{len(plan)} 项未填报进度。请先为任务设定牵头单位和完成时限，再组织各单位填报进度。",
        "亮灯规则：进度落后序时进度不足10个百分点为绿灯，10至30个百分点为黄灯，"
        "超过30个百分点或逾期未完成为红灯；未设完成时限的任务无法计算。",
    )
    (tmp_path / "state" / "supervision.db").write_bytes(b"garbage " * 100)
    db.dispose_all()
    assert ledger_slide(data, None, "zh") is None
    db.dispose_all()


def test_the_presentation_shows_the_slide(seeded, built_data):
    data = load_tables(built_data)
    deck = with_ledger(build_slides(data, None, "zh"), ledger_slide(data, None, "zh"))
    number = next(i for i, s in enumerate(deck, start=1) if s.kind == "supervision")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["slide"] = str(number)
    at.run()
    at.switch_page("pages/presentation.py").run()
    at.session_state["slide"] = number
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    body = html_lib.unescape("".join(h.proto.body for h in at.html))
    assert "重点任务督办" in body and 'class="pgs-lights"' in body
    assert body.count('class="pgs-task"') == 2
    assert body.index("推进中央和北京市生态环境") < body.index("地区生产总值增速5%左右")


def _pptx_text(blob: bytes) -> tuple[list[str], str]:
    deck = Presentation(io.BytesIO(blob))
    titles = [s.shapes.title.text for s in deck.slides]
    slide = deck.slides[titles.index("重点任务督办")] if "重点任务督办" in titles else None
    text = ""
    if slide is not None:
        text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        text += "\n" + slide.notes_slide.notes_text_frame.text
    return titles, text


def test_the_deck_has_the_supervision_slide(seeded, built_data):
    titles, text = _pptx_text(export_bytes("pptx", None, built_data, "zh"))
    assert titles.index("重点任务督办") == titles.index("重点项目与区域分布") - 1
    assert "红灯" in text and "已逾期" in text and "179" in text
    assert "区农业农村局" in text and "地区生产总值增速5%左右" in text
    deck = Presentation(io.BytesIO(export_bytes("pptx", None, built_data, "zh")))
    for shape in deck.slides[titles.index("重点任务督办")].shapes:  # all on the slide
        assert shape.left + shape.width <= deck.slide_width
        assert shape.top + shape.height <= deck.slide_height


def test_an_unjudged_ledgers_slide_lists_sectors_in_two_columns_above_its_lines(
    built_data, tmp_path, monkeypatch
):
    """Nothing red yet: the deck's 督办 slide fills its lower half with the sectors, two to a
    row, and its closing lines end inside the slide's body (above the page number)."""
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    ledger.sync(ledger.load_plan(built_data))
    blob = export_bytes("pptx", None, built_data, "en")
    deck = Presentation(io.BytesIO(blob))
    slide = next(s for s in deck.slides if s.shapes.title.text == "Task supervision")
    texts = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    rows = [s for s in texts if s.text_frame.text.split("\n")[-1].endswith("reported")]
    assert len(rows) == SLIDE_TASKS
    assert len({s.left for s in rows}) == 2 and len({s.top for s in rows}) == SLIDE_TASKS // 2
    closing = next(s for s in texts if s.text_frame.text.startswith("Red and overdue tasks"))
    assert closing.top >= max(s.top + s.height for s in rows)
    assert closing.top + closing.height <= BODY_BOTTOM
    db.dispose_all()


def test_the_downloads_follow_a_ledger_edit(seeded, built_data, ledger_url):
    _, before = _pptx_text(cached_export_bytes("pptx", None, built_data, "zh"))
    assert "地区生产总值增速5%左右" in before
    row = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}["t00-001"]
    ledger.save("t00-001", row.version, {"status": "done"}, "editor1", ledger_url)
    _, after = _pptx_text(cached_export_bytes("pptx", None, built_data, "zh"))
    assert "地区生产总值增速5%左右" not in after
    assert "红灯 1 项" in after


def test_without_a_ledger_the_exports_are_unchanged(built_data, tmp_path, monkeypatch):
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    titles, _ = _pptx_text(export_bytes("pptx", None, built_data, "zh"))
    assert titles == [s.title for s in build_slides(load_tables(built_data), None, "zh")]
    pdf = export_bytes("pdf", None, built_data, "zh")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1


@pytest.mark.skipif(
    not shutil.which("pdftotext") and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) not installed; .ci/run installs it",
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_handout_has_a_supervision_page(seeded, built_data, tmp_path, lang):
    pdf = export_bytes("pdf", None, built_data, lang)
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 2
    out = tmp_path / "handout.pdf"
    out.write_bytes(pdf)
    page = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-layout", str(out), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    squeezed = re.sub(r"\s+", "", page)
    if lang == "zh":
        assert "重点任务督办" in squeezed and "已逾期" in squeezed and "179" in squeezed
    else:
        assert "Tasksupervision" in squeezed and "Overdue" in squeezed
    assert "地区生产总值增速5%左右" in squeezed and "区农业农村局" in squeezed
