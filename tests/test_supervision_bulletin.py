"""The 督办通报 from the ledger (SQLite and PostgreSQL): what it says, in Word and in PDF alike;
an empty ledger is not reported as all clear; ``pgdash supervise bulletin`` and a unit's own
台账 from ``pgdash supervise export --unit``."""

import io
import shutil
import subprocess
import sys
from datetime import date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook
from supervision_fixtures import PipedStdin

from pgdash.cli import main
from pgdash.export.bulletin import blocks, docx_bytes, pdf_bytes
from pgdash.supervision import auth, bulletin, clock, ledger, reports
from pgdash.supervision.ledger import PlanTask

PLAN = [
    PlanTask("t01-001", 1, 1, "（一）", "economy", "建设物流基地"),
    PlanTask("t01-002", 2, 1, "（一）", "logistics", "完成道路大修8条"),
    PlanTask("t02-001", 3, 2, "（二）", "ecology", "抓好生态林抚育3万亩"),
    PlanTask("t02-002", 4, 2, "（二）", "ecology", "新建口袋公园5处"),
]
ON = date(2026, 7, 28)  # after the monthly due date (the 25th)
PW = "long enough pw"


@pytest.fixture
def office(ledger_url, monkeypatch):
    """Four tasks as of 28 July 2026 (changes recorded on 20 July): one overdue, two behind,
    one done early; one unit's report accepted."""
    monkeypatch.setattr(clock, "now_utc", lambda: datetime(2026, 7, 20, 2, 0))
    ledger.sync(PLAN, ledger_url)
    auth.add_user("wang", "admin", PW, ledger_url)
    auth.add_user("fgw", "reporter", PW, ledger_url, unit="区发展改革委")
    values = {
        "t01-001": ("区发展改革委", "2026-12-31"),
        "t01-002": ("区交通局", "2026-06-30"),  # overdue by the 28th
        "t02-001": ("区园林绿化局", "2026-12-31"),
        "t02-002": ("区园林绿化局", "2026-10-31"),
    }
    for task_id, (lead, deadline) in values.items():
        ledger.save(task_id, 1, {"lead_unit": lead, "deadline": deadline}, "wang", ledger_url)
    ledger.save("t02-002", 2, {"progress": 100, "status": "已完成"}, "wang", ledger_url)
    filed = reports.submit(
        "t01-001", 5, "完成立项批复", "征地进度慢", "8月开工", "fgw", ledger_url, ON
    )
    reports.accept(filed.id, "wang", ledger_url)
    return ledger_url


def test_the_bulletin_says_what_the_round_shows(office):
    b = bulletin.gather(PLAN, ON, 7, "平谷区", office)
    assert (b.tasks, b.lights, b.overdue) == (4, {"red": 3, "yellow": 0, "green": 1, "none": 0}, 1)
    # overdue first, then the furthest behind
    assert [i.task_id for i in b.raised] == ["t01-002", "t02-001", "t01-001"]
    said = {i.task_id: i for i in b.raised}["t01-001"]
    assert (said.reported, said.problems, said.lead_unit) == (
        "完成立项批复",
        "征地进度慢",
        "区发展改革委",
    )
    missing = {u.unit: u.missing for u in b.missing}
    assert missing == {"区交通局": ("t01-002",), "区园林绿化局": ("t02-001", "t02-002")}
    assert [i.task_id for i in b.early] == ["t02-002"]  # done before its deadline of 31 October
    assert b.reported == 4 and b.mean_progress == pytest.approx((5 + 0 + 0 + 100) / 4)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_word_and_pdf_say_the_same_in_an_office_font(office):
    b = bulletin.gather(PLAN, ON, 7, "平谷区", office)
    data = docx_bytes(b)
    text = _docx_text(data)
    for words in (
        "平谷区重点任务督办通报", "第7期", "平谷区人民政府督查室", "2026年7月28日",
        "一、总体情况", "红灯3项", "二、红灯和逾期任务", "完成道路大修8条（t01-002）（已逾期）",
        "存在问题：征地进度慢", "三、未按时填报单位", "区园林绿化局", "四、提前完成任务",
        "新建口袋公园5处", "不足10个百分点为绿灯",
    ):  # fmt: skip
        assert words in text, words
    document = Document(io.BytesIO(data))
    fonts = {
        r._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        for p in document.paragraphs
        for r in p.runs
    }
    assert {"仿宋", "黑体", "宋体"} <= fonts
    assert (
        b"Noto Serif CJK SC"
        in next(p for p in document.part.package.parts if p.partname == "/word/fontTable.xml").blob
    )
    header = document.tables[0].rows[0]._tr
    assert header.find(".//{*}tblHeader") is not None  # repeated on every page
    pdf = pdf_bytes(b)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        plain = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        squeezed = "".join(plain.split())
        for block in blocks(b):
            for line in filter(None, [block.text, *block.header]):
                assert "".join(line.split()) in squeezed, line


def test_an_empty_ledger_is_not_all_clear(ledger_url):
    ledger.sync(PLAN, ledger_url)
    b = bulletin.gather(PLAN, ON, 1, "", ledger_url)
    text = "\n".join(x.text for x in blocks(b))
    assert "本期没有红灯或逾期任务" not in text
    assert "4项任务均未设完成时限，本期无法判定红灯和逾期任务" in text
    assert "仍有4项任务未设完成时限、4项任务未填报进度" in text
    assert b.missing[0].unit == "" and "请先明确牵头单位" in _docx_text(docx_bytes(b))


def test_the_commands_write_the_bulletin_and_a_units_own_ledger(
    ledger_url, built_data, tmp_path, capsys, monkeypatch
):
    base = ["--data", str(built_data)]
    monkeypatch.setattr(sys, "stdin", PipedStdin("a good password\n"))
    assert main([*base, "users", "add", "fgw", "--role", "reporter", "--unit", "区发展改革委"]) == 0
    plan = ledger.load_plan(built_data)
    ledger.sync(plan, ledger_url)
    ledger.save(plan[0].task_id, 1, {"lead_unit": "区发展改革委"}, "office", ledger_url)
    ledger.save(
        plan[1].task_id, 1, {"partner_units": "区财政局、区发展改革委"}, "office", ledger_url
    )
    out = tmp_path / "区发展改革委.xlsx"
    assert main([*base, "supervise", "export", "--unit", "区发展改革委", "--out", str(out)]) == 0
    ids = [r[0].value for r in load_workbook(out).active.iter_rows(min_row=2) if r[0].value]
    assert ids[-2:] == [plan[0].task_id, plan[1].task_id]
    assert main([*base, "supervise", "export", "--unit", "区环保局", "--out", str(out)]) == 2
    assert (
        "leads or supports no task of the plan; units in the ledger: 区发展改革委"
        in capsys.readouterr().err
    )
    for name in ("通报.docx", "通报.pdf"):
        assert (
            main([*base, "supervise", "bulletin", "--out", str(tmp_path / name), "--number", "3"])
            == 0
        )
    assert "第3期" in _docx_text((tmp_path / "通报.docx").read_bytes())
    assert (tmp_path / "通报.pdf").read_bytes().startswith(b"%PDF")
    assert main([*base, "supervise", "bulletin", "--out", str(tmp_path / "通报.txt")]) == 2
    assert "name it *.docx or *.pdf" in capsys.readouterr().err
