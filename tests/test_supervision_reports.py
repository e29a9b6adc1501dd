"""填报 on SQLite and PostgreSQL: reporters report only on their unit's tasks (refused in the
ledger layer, whoever calls), rounds and their due dates, accept and 退回 in the history, the
light from the latest accepted report, the per-unit board, and 备注 on a record."""

from datetime import date

import pytest

from pgdash.errors import PgdashError
from pgdash.supervision import auth, ledger, reports
from pgdash.supervision.ledger import PlanTask
from pgdash.supervision.pace import Light

PLAN = [
    PlanTask("t01-001", 1, 1, "（一）", "economy", "建设物流基地"),
    PlanTask("t01-002", 2, 1, "（一）", "logistics", "完成道路大修8条"),
    PlanTask("t02-001", 3, 2, "（二）", "ecology", "抓好生态林抚育3万亩"),
]
ON = date(2026, 7, 2)  # pace 50 % for a year-end deadline
PW = "long enough pw"


def by_id(rows):
    return {r.task_id: r for r in rows}


@pytest.fixture
def office(ledger_url):
    """Three tasks with lead units, an admin, an editor and two units' reporters."""
    ledger.sync(PLAN, ledger_url)
    auth.add_user("wang", "admin", PW, ledger_url)
    auth.add_user("zhang", "editor", PW, ledger_url)
    auth.add_user("fgw", "reporter", PW, ledger_url, unit="区发展改革委")
    auth.add_user("jtj", "reporter", PW, ledger_url, unit="区交通局")
    leads = {
        "t01-001": {"lead_unit": "区发展改革委", "partner_units": "区交通局、区商务局"},
        "t01-002": {"lead_unit": "区交通局"},
        "t02-001": {"lead_unit": "区园林绿化局"},
    }
    for task_id, values in leads.items():
        ledger.save(task_id, 1, {**values, "deadline": "2026-12-31"}, "zhang", ledger_url)
    return ledger_url


def test_a_reporter_needs_a_unit_and_signs_in_with_it(ledger_url):
    with pytest.raises(PgdashError, match="a reporter belongs to a unit; add it with --unit"):
        auth.add_user("nobody", "reporter", PW, ledger_url)
    auth.add_user("fgw", "reporter", PW, ledger_url, unit=" 区发展改革委 ")
    signed = auth.sign_in("fgw", PW, ledger_url)
    assert (signed.role, signed.unit) == ("reporter", "区发展改革委")
    assert auth.still_signed_in(signed, ledger_url).unit == "区发展改革委"


def test_a_reporter_sees_the_tasks_its_unit_leads_then_those_it_supports(office):
    rows = ledger.rows(PLAN, ON, office)
    assert [r.task_id for r in reports.unit_rows(rows, "区发展改革委")] == ["t01-001"]
    assert [r.task_id for r in reports.unit_rows(rows, "区交通局")] == ["t01-002", "t01-001"]
    assert reports.unit_rows(rows, "区商务局")[0].task_id == "t01-001"  # a partner too
    assert reports.unit_rows(rows, "区财政局") == []


def test_a_reporter_cannot_touch_another_units_task_through_any_ledger_function(office):
    """As an attacker would: the page hides other tasks, but the ledger refuses them too."""
    with pytest.raises(PgdashError, match="t02-001 is not a task of 区发展改革委"):
        reports.submit("t02-001", 80, "已完成", "", "", "fgw", office, ON)
    with pytest.raises(PgdashError, match="t02-001 is not a task of 区发展改革委"):
        ledger.save("t02-001", 2, {"progress": 100}, "fgw", office)
    with pytest.raises(PgdashError, match="t02-001 is not a task of 区发展改革委"):
        ledger.add_note("t02-001", "2026-07-01", "已完成", "fgw", office)
    # nor its own task's record directly: a unit reports, the 督查室 decides
    with pytest.raises(PgdashError, match="fgw is a reporter: report on task t01-001"):
        ledger.save("t01-001", 2, {"progress": 100}, "fgw", office)
    # nor review its own report, nor open a round
    mine = reports.submit("t01-001", 40, "完成土地平整", "", "", "fgw", office, ON)
    with pytest.raises(PgdashError, match="fgw is a reporter; to accept a report takes"):
        reports.accept(mine.id, "fgw", office)
    with pytest.raises(PgdashError, match="to open a reporting round takes the role admin"):
        reports.open_round("fgw", "2026-07-20", url=office)
    # a disabled reporter reports nothing
    auth.disable_user("jtj", office)
    with pytest.raises(PgdashError, match="no active account named 'jtj'"):
        reports.submit("t01-002", 40, "进场施工", "", "", "jtj", office, ON)
    rows = by_id(ledger.rows(PLAN, ON, office))
    assert rows["t02-001"].progress == 0 and rows["t01-001"].progress == 0
    assert [h.field for h in ledger.history("t02-001", office)] == ["lead_unit", "deadline"]


def test_the_light_uses_the_latest_accepted_report_and_both_reviews_are_history(office):
    first = reports.submit(
        "t01-001", 10, "完成立项", "资金未到位", "争取市级资金", "fgw", office, ON
    )
    assert by_id(ledger.rows(PLAN, ON, office))["t01-001"].progress == 0  # not yet accepted
    with pytest.raises(PgdashError, match="needs a reason"):
        reports.return_report(first.id, " ", "wang", office)
    reports.return_report(first.id, "进度与实际不符，请核实", "wang", office)
    with pytest.raises(PgdashError, match="already 已退回"):
        reports.accept(first.id, "wang", office)
    second = reports.submit("t01-001", 45, "完成土地平整", "资金未到位", "", "fgw", office, ON)
    reports.accept(second.id, "wang", office)
    row = by_id(ledger.rows(PLAN, ON, office))["t01-001"]
    assert (row.progress, row.status, row.light) == (45, "in_progress", Light.GREEN)
    assert row.note.text == "完成土地平整" and row.note.author == "fgw"
    lines = [(h.field, h.new_value, h.user_name, h.via) for h in ledger.history("t01-001", office)]
    assert ("report", "已退回：进度与实际不符，请核实", "wang", "report") in lines
    assert ("report", "已采纳", "wang", "report") in lines
    assert ("progress", "45", "wang", "report") in lines
    assert [r.state for r in reports.reports(task_id="t01-001", url=office)] == [
        "returned",
        "accepted",
    ]
    # a later report lowers the light only once accepted
    third = reports.submit("t01-001", 5, "暂停施工", "", "", "fgw", office, ON)
    assert by_id(ledger.rows(PLAN, ON, office))["t01-001"].light is Light.GREEN
    reports.accept(third.id, "wang", office)
    assert by_id(ledger.rows(PLAN, ON, office))["t01-001"].light is Light.RED
    assert reports.latest_accepted(office)["t01-001"].id == third.id


def test_the_board_shows_who_reported_and_who_is_missing_and_overdue(office):
    late = date(2026, 7, 28)  # after the default monthly due date, the 25th
    found = reports.current(ON, office)
    assert (found.label, found.due_on, found.auto) == ("2026年7月", date(2026, 7, 25), True)
    reports.submit("t01-001", 40, "完成土地平整", "", "", "fgw", office, ON)
    filed = reports.submit("t01-002", 30, "进场施工", "", "", "jtj", office, ON)
    reports.return_report(filed.id, "请补充完成里程", "wang", office)
    found = reports.current(late, office)
    board = {
        u.unit: u
        for u in reports.board(
            ledger.rows(PLAN, late, office), found, reports.reports(found.id, url=office), late
        )
    }
    assert board["区发展改革委"].missing == () and board["区发展改革委"].reporters == ("fgw",)
    assert board["区发展改革委"].waiting == 1 and not board["区发展改革委"].overdue
    assert board["区交通局"].missing == ("t01-002",) and board["区交通局"].returned == 1
    assert board["区交通局"].overdue and board["区园林绿化局"].overdue
    assert board["区园林绿化局"].reported == 0
    # the next month is a round of its own: everyone is missing again
    august = reports.current(date(2026, 8, 3), office)
    assert august.label == "2026年8月" and august.id is None


def test_the_office_sets_a_round_with_its_due_date(office):
    with pytest.raises(PgdashError, match="is before the round starts"):
        reports.open_round("wang", "2026-06-30", starts_on=ON, url=office)
    with pytest.raises(PgdashError, match=r"due date: .* is not a date"):
        reports.open_round("wang", "next friday", starts_on=ON, url=office)
    opened = reports.open_round("wang", "2026-07-15", "7月上半月", starts_on=ON, url=office)
    assert reports.current(ON, office) == opened
    filed = reports.submit("t01-001", 40, "完成土地平整", "", "", "fgw", office, ON)
    assert filed.round_id == opened.id
    # the round lasts to the end of its month, then the month's default takes over
    assert reports.current(date(2026, 7, 31), office) == opened
    assert reports.current(date(2026, 8, 1), office).label == "2026年8月"


def test_remarks_are_kept_edited_and_in_the_history(office):
    ledger.save("t01-002", 2, {"remarks": "  需市交通委协调  "}, "zhang", office)
    assert by_id(ledger.rows(PLAN, ON, office))["t01-002"].remarks == "需市交通委协调"
    ledger.save("t01-002", 3, {"remarks": ""}, "zhang", office)
    history = [(h.field, h.old_value, h.new_value) for h in ledger.history("t01-002", office)]
    assert history[-2:] == [("remarks", "", "需市交通委协调"), ("remarks", "需市交通委协调", "")]
    with pytest.raises(PgdashError, match="remarks: is 1001 characters long"):
        ledger.save("t01-002", 4, {"remarks": "长" * 1001}, "zhang", office)


def test_refusals_speak_the_pages_language(office):
    with pytest.raises(reports.Refused) as refused:
        reports.submit("t02-001", 80, "已完成", "", "", "fgw", office, ON)
    assert refused.value.say("zh") == (
        "任务 t02-001 不是区发展改革委牵头或配合的任务；fgw 只能填报本单位牵头或配合的任务"
    )
    with pytest.raises(reports.Refused) as refused:
        reports.submit("t01-001", 40, "  ", "", "", "fgw", office, ON)
    assert refused.value.say("zh") == "进展情况未填写；请写明已完成的工作"
    assert str(refused.value) == "进展情况 (progress) is empty; write what was done"
