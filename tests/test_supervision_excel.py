"""The Excel 台账 both ways, on SQLite and PostgreSQL: a printable sheet, a round trip that
keeps edits and survives a rebuild, and bad files refused whole with one line."""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from pgdash.errors import PgdashError
from pgdash.supervision import auth, excel, ledger
from pgdash.supervision.ledger import PlanTask

PLAN = [
    PlanTask("t01-001", 1, 1, "（一）", "logistics", "建设物流基地"),
    PlanTask("t01-002", 2, 1, "（一）", "logistics", "完成道路大修8条"),
    PlanTask("t02-001", 3, 2, "（二）", "ecology", "抓好生态林抚育3万亩"),
]
ON = date(2026, 7, 2)
HEADER = ["任务编号", "序号", "板块", "任务", "牵头单位", "配合单位", "责任人", "完成时限"]
HEADER += ["进度(%)", "状态", "进展情况", "更新时间", "亮灯"]


@pytest.fixture
def admin(ledger_url):
    auth.add_user("wang", "admin", "correct horse battery", ledger_url)
    auth.add_user("zhao", "editor", "correct horse battery", ledger_url)
    ledger.sync(PLAN, ledger_url)
    return "wang"


def sheet(url, on=ON):
    wb = load_workbook(io.BytesIO(excel.export_bytes(PLAN, on, url)))
    return wb, wb.active


def save(wb, path):
    wb.save(path)
    return path


def snapshot(url):
    return [
        (r.task_id, r.lead_unit, r.partner_units, r.responsible, r.deadline, r.progress, r.status)
        for r in ledger.rows(PLAN, ON, url)
    ] + [len(ledger.history(t.task_id, url)) for t in PLAN]


def test_the_sheet_is_one_an_office_would_print(admin, ledger_url):
    ledger.save("t01-002", 1, {"deadline": "2026-12-31", "progress": 10}, "wang", ledger_url)
    _, ws = sheet(ledger_url)
    assert ws.title == "督办台账"
    assert [c.value for c in ws[1]] == HEADER
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["D"].width >= 40
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    row = [c.value for c in ws[3]]
    assert (row[0], row[1], row[2], row[8], row[9]) == ("t01-002", 2, "现代物流", 10, "未启动")
    assert isinstance(ws["H3"].value, datetime) and ws["H3"].number_format == "yyyy-mm-dd"
    assert ws["M3"].value == "红灯"  # 10 % against a pace of 50 %
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    status = next(v for ref, v in validations.items() if ref.startswith("J2"))
    assert status.formula1 == '"未启动,推进中,已完成,滞后,调整"'


def test_round_trip_keeps_edits_and_records_the_user(admin, ledger_url, tmp_path):
    wb, ws = sheet(ledger_url)
    ws["E2"], ws["F2"], ws["G2"] = "区商务局", "区发改委、区交通局", "李四"
    ws["H2"], ws["I2"], ws["J2"] = datetime(2026, 9, 30), 35, "推进中"
    ws["K2"] = "已完成11个地块土地整理 <b>x</b>"
    ws["J4"] = "已完成"
    assert excel.import_file(save(wb, tmp_path / "a.xlsx"), "wang", PLAN, url=ledger_url) == 2
    rows = {r.task_id: r for r in ledger.rows(PLAN, ON, ledger_url)}
    first = rows["t01-001"]
    assert (first.lead_unit, first.partner_units, first.responsible) == (
        "区商务局",
        "区发改委、区交通局",
        "李四",
    )
    assert (first.deadline, first.progress, first.status) == (date(2026, 9, 30), 35, "in_progress")
    assert first.note.text == "已完成11个地块土地整理 <b>x</b>" and first.note.author == "wang"
    assert rows["t02-001"].status == "done"
    history = ledger.history("t01-001", ledger_url)
    assert {h.via for h in history} == {"import"} and {h.user_name for h in history} == {"wang"}
    # exported again, it reads back the same and importing it changes nothing
    wb, ws = sheet(ledger_url)
    assert [c.value for c in ws[2]][4:11] == [
        "区商务局",
        "区发改委、区交通局",
        "李四",
        datetime(2026, 9, 30),
        35,
        "推进中",
        "已完成11个地块土地整理 <b>x</b>",
    ]
    before = snapshot(ledger_url)
    assert excel.import_file(save(wb, tmp_path / "b.xlsx"), "wang", PLAN, url=ledger_url) == 0
    assert snapshot(ledger_url) == before


def _edit(ws, cell, value):
    ws[cell] = value


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda ws: _edit(ws, "A3", "t99-999"),
            "row 3, column 任务编号 (A): t99-999 is not a task",
        ),
        (
            lambda ws: _edit(ws, "A3", "t01-001"),
            "row 3, column 任务编号 (A): t01-001 is also on row 2",
        ),
        (lambda ws: _edit(ws, "J4", "完成了"), "row 4, column 状态 (J): “完成了” is not a status"),
        (
            lambda ws: _edit(ws, "H2", "2026-02-30"),
            "row 2, column 完成时限 (H): “2026-02-30” is not",
        ),
        (lambda ws: _edit(ws, "I3", 130), "row 3, column 进度(%) (I): 130 is outside 0–100"),
        (lambda ws: _edit(ws, "I3", "大半"), "row 3, column 进度(%) (I): “大半” is not a number"),
        (lambda ws: _edit(ws, "G1", "负责人"), "the first row lacks the column(s) 责任人"),
    ],
)
def test_a_bad_file_is_refused_whole_with_one_line(admin, ledger_url, tmp_path, edit, message):
    wb, ws = sheet(ledger_url)
    ws["E2"] = "区商务局"  # a good change on an earlier row: it must not be applied either
    edit(ws)
    before = snapshot(ledger_url)
    with pytest.raises(PgdashError) as refused:
        excel.import_file(save(wb, tmp_path / "bad.xlsx"), "wang", PLAN, url=ledger_url)
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert str(refused.value).startswith(str(tmp_path / "bad.xlsx"))
    assert snapshot(ledger_url) == before


def test_not_a_workbook_and_the_wrong_role_are_refused(admin, ledger_url, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    with pytest.raises(PgdashError, match="cannot be read as an Excel workbook"):
        excel.import_file(junk, "wang", PLAN, url=ledger_url)
    wb, _ = sheet(ledger_url)
    with pytest.raises(PgdashError, match="zhao is an editor; this needs the role admin"):
        excel.import_file(save(wb, tmp_path / "a.xlsx"), "zhao", PLAN, url=ledger_url)
    with pytest.raises(PgdashError, match="no active account named 'nobody'"):
        excel.import_file(save(wb, tmp_path / "a.xlsx"), "nobody", PLAN, url=ledger_url)


def test_a_sheet_older_than_a_change_does_not_overwrite_it(admin, ledger_url, tmp_path):
    wb, ws = sheet(ledger_url)  # exported before zhao's change
    ledger.save("t01-002", 1, {"lead_unit": "区交通局"}, "zhao", ledger_url)
    ws["E3"] = "区公路分局"
    before = snapshot(ledger_url)
    with pytest.raises(PgdashError, match=r"row 3 .*牵头单位 was changed by zhao"):
        excel.import_file(save(wb, tmp_path / "old.xlsx"), "wang", PLAN, url=ledger_url)
    assert snapshot(ledger_url) == before
    # a field zhao did not touch can still be imported from the same sheet
    wb2 = load_workbook(tmp_path / "old.xlsx")
    ws2 = wb2.active
    ws2["E3"] = "区交通局"
    ws2["G3"] = "赵六"
    assert excel.import_file(save(wb2, tmp_path / "old2.xlsx"), "wang", PLAN, url=ledger_url) == 1
    row = {r.task_id: r for r in ledger.rows(PLAN, ON, ledger_url)}["t01-002"]
    assert (row.lead_unit, row.responsible) == ("区交通局", "赵六")


def test_the_commands_round_trip_through_a_rebuild(ledger_url, tmp_path, capsys, monkeypatch):
    """pgdash supervise export → edit → import, pgdash build, export again: the edits stay;
    a bad sheet is refused with one line and exit status 2."""
    import sys

    from pgdash.cli import main

    data = tmp_path / "data"
    base = ["--data", str(data)]
    assert main([*base, "build"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin password 1\n"))
    assert main([*base, "users", "add", "wang", "--role", "admin"]) == 0
    out = tmp_path / "台账.xlsx"
    assert main([*base, "supervise", "export", "--out", str(out), "--date", "2026-07-02"]) == 0
    wb = load_workbook(out)
    ws = wb.active
    assert ws.max_row == 186 and ws["A2"].value == "t00-001"
    ws["E2"], ws["H2"], ws["I2"], ws["J2"] = "区发改委", "2026-12-31", 10, "推进中"
    wb.save(out)
    assert main([*base, "supervise", "import", str(out), "--user", "wang"]) == 0
    assert "1 task(s) changed, recorded under wang" in capsys.readouterr().out
    assert main([*base, "build"]) == 0
    again = tmp_path / "again.xlsx"
    assert main([*base, "supervise", "export", "--out", str(again), "--date", "2026-07-02"]) == 0
    row = [c.value for c in load_workbook(again).active[2]]
    assert row[4] == "区发改委" and row[7] == datetime(2026, 12, 31) and row[8:10] == [10, "推进中"]
    assert row[12] == "红灯"  # 10 % against an expected 50 %
    capsys.readouterr()
    ws["I5"] = 150
    wb.save(out)
    assert main([*base, "supervise", "import", str(out), "--user", "wang"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 5, column 进度(%) (I): 150 is outside 0–100" in err
    assert "Traceback" not in err
