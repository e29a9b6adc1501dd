"""The 督办 page through AppTest: counts, sign-in and editing, two editors on one task,
inert notes, required sign-in, and a broken database that leaves the other pages alone."""

import html as html_lib
import re
from pathlib import Path

import pytest
import supervision_demo as demo
from streamlit.testing.v1 import AppTest

from pgdash.supervision import auth, db, ledger, reports, summary
from pgdash.supervision.pace import Light

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "pages/supervision.py"


@pytest.fixture
def seeded(ledger_url, built_data, app_data, monkeypatch):
    """The real build, a seeded ledger, today pinned; returns the plan."""
    app_data(built_data)
    monkeypatch.setenv("PGDASH_TODAY", demo.TODAY)
    return demo.seed(built_data, ledger_url)


def _page_alone() -> None:
    """The 督办 page as the only page: AppTest drops a button's click on the run after
    ``switch_page`` to a file page, so the interactive tests open the page directly."""
    import streamlit as st

    from pgdash.app.pages import supervision

    st.navigation([st.Page(supervision.render, title="督办", url_path="supervision")]).run()


def open_page(lang: str = "zh") -> AppTest:
    at = AppTest.from_function(_page_alone, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_in_app(**params: str) -> AppTest:
    """The page as the app shows it: app.py's sidebar and navigation, then 督办."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest, name: str = "editor1", password: str = demo.PASSWORD) -> AppTest:
    at.text_input(key="sv-name").input(name)
    at.text_input(key="sv-password").input(password)
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.html)


def choose(at: AppTest, task_id: str) -> AppTest:
    at.selectbox(key="sv-task").select(task_id).run()
    return at


def test_the_page_counts_the_lights_and_lists_red_tasks_first(seeded, ledger_url):
    at = open_page()
    rows = ledger.rows(seeded, ledger.clock.today(), ledger_url)
    counts = summary.light_counts(rows)
    assert counts.total == {"red": 2, "yellow": 2, "green": 2, "none": 179}
    body = html(at)
    for light in ("red", "yellow", "green", "none"):
        label = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "none": "未设时限"}[light]
        assert f'<div class="n">{counts.total[light]}</div><div class="l">{label}</div>' in body
    # the red list: the overdue task first, then the one furthest behind
    red = [r.task_id for r in summary.attention(rows)]
    assert red == ["t01-002", "t00-001"]
    red_list = next(h.proto.body for h in at.html if 'class="sv-list"' in h.proto.body)
    assert red_list.index("t01&#45;002") < red_list.index("t00&#45;001")
    assert red_list.count('class="sv-item"') == 2
    assert "登录" in [b.label for b in at.button]  # viewers read without signing in
    assert not [w for w in at.text_input if w.key.startswith("sv-l-")]  # … and cannot edit


def test_the_app_lists_the_page_in_both_languages(seeded):
    at = open_in_app()
    assert at.title[0].value == "重点任务督办台账"
    at = open_in_app(lang="en", sector="logistics")
    assert at.title[0].value == "Task supervision ledger"
    assert "Red" in html(at) and "Overdue" in html(at) and "Logistics" in at.caption[0].value
    shown = {df.value["Task id"].iloc[0] for df in at.dataframe[:1]}
    assert shown <= {t.task_id for t in seeded if t.sector == "logistics"}


def test_an_editor_signs_in_edits_and_the_light_and_history_change(seeded, ledger_url):
    at = sign_in(open_page())
    assert any("editor1" in c.value for c in at.caption)
    choose(at, "t00-001")
    assert "红灯" in html(at)
    at.text_input(key="sv-l-t00-001-2").input("区发改委（牵头）")
    at.selectbox(key="sv-t-t00-001-2").select("done")
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception
    row = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}["t00-001"]
    assert (row.lead_unit, row.status, row.light) == ("区发改委（牵头）", "done", Light.GREEN)
    history = ledger.history("t00-001", ledger_url)
    assert [(h.field, h.user_name) for h in history[-2:]] == [
        ("lead_unit", "editor1"),
        ("status", "editor1"),
    ]
    # the page shows the new light and the history table has the change
    record = next(h.proto.body for h in at.html if 'class="sv-grid"' in h.proto.body)
    assert "绿灯" in record and "区发改委（牵头）" in record and "已完成" in record
    frames = [df.value for df in at.dataframe]
    assert any("区发改委（牵头）" in frame.to_string() for frame in frames)


def test_two_editors_on_one_task_lose_nothing(seeded, ledger_url):
    first = choose(sign_in(open_page()), "t00-002")
    second = choose(sign_in(open_page(), "admin1"), "t00-002")
    first.text_input(key="sv-r-t00-002-2").input("赵六")
    next(b for b in first.button if b.label == "保存").click().run()
    second.text_input(key="sv-r-t00-002-2").input("钱七")
    next(b for b in second.button if b.label == "保存").click().run()
    errors = " ".join(e.value for e in second.error)
    assert "editor1" in errors and "未保存" in errors
    assert second.text_input(key="sv-r-t00-002-2").value == "钱七"  # the entry is kept
    row = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}["t00-002"]
    assert row.responsible == "赵六"
    # load the latest, enter it again: saved on top of the first editor's change
    next(b for b in second.button if b.label == "载入最新").click().run()
    second.text_input(key="sv-r-t00-002-3").input("钱七")
    next(b for b in second.button if b.label == "保存").click().run()
    assert not second.error
    history = [(h.field, h.old_value, h.new_value) for h in ledger.history("t00-002", ledger_url)]
    assert history[-2:] == [("responsible", "李娜", "赵六"), ("responsible", "赵六", "钱七")]


def test_notes_are_inert_text(seeded):
    at = choose(open_page(), "t03-002")
    notes = [h.proto.body for h in at.html if "sv-note" in h.proto.body]
    assert notes, "the note is shown"
    body = notes[0]
    assert set(re.findall(r"</?([a-z]+)", body)) == {"div"}  # no tag but the note's own
    assert demo.HOSTILE in html_lib.unescape(body)  # shown as the very text that was typed
    assert "$" not in body and ":red[" not in body and "](" not in body


def test_wrong_password_is_refused_and_signed_in_users_can_sign_out(seeded):
    at = sign_in(open_page(), "editor1", "wrong password!")
    assert [e.value for e in at.error] == ["用户名或密码错误。"]  # in the page's language
    at = sign_in(open_page())
    next(b for b in at.button if b.label == "退出登录").click().run()
    assert "登录" in [b.label for b in at.button]


def test_an_expired_sign_in_ends(seeded, monkeypatch):
    at = sign_in(open_page())
    signed = at.session_state["sv-user"]
    at.session_state["sv-user"] = auth.SignedIn(
        signed.name, signed.role, signed.expires_at.replace(year=2000)
    )
    at.run()
    assert any("登录已失效" in w.value for w in at.warning)
    assert "登录" in [b.label for b in at.button]


def test_required_sign_in_hides_the_ledger(seeded, monkeypatch):
    monkeypatch.setenv("PGDASH_REQUIRE_LOGIN", "1")
    at = open_page()
    assert any("请先登录" in i.value for i in at.info)
    assert not at.dataframe
    at = sign_in(at)
    assert at.dataframe


def test_a_damaged_database_is_explained_and_other_pages_work(
    built_data, app_data, damaged_ledger
):  # fmt: skip
    app_data(built_data)
    at = open_in_app()
    assert any("督办台账暂时无法使用" in e.value for e in at.error)
    assert "is damaged" in at.code[0].value and "restore it from a backup" in at.code[0].value
    for page in ("overview", "tasks"):
        other = AppTest.from_file(APP, default_timeout=60)
        other.run()
        if page != "overview":
            other.switch_page(f"pages/{page}.py").run()
        assert not other.exception and not other.error, page
        assert other.title, page  # the page itself is drawn
        assert not other.exception and not other.error
    db.dispose_all()


def _gated() -> None:
    """Any page behind the gate ``app.py`` can call before its navigation."""
    import streamlit as st

    from pgdash.app import signin

    signin.require("zh")
    st.markdown("the page")


def test_the_gate_asks_every_page_for_a_sign_in_when_required(seeded, monkeypatch):
    at = AppTest.from_function(_gated, default_timeout=30).run()
    assert [m.value for m in at.markdown] == ["the page"]  # not required: open to viewers
    monkeypatch.setenv("PGDASH_REQUIRE_LOGIN", "1")
    at = AppTest.from_function(_gated, default_timeout=30).run()
    assert not at.markdown and any("请先登录" in i.value for i in at.info)
    at = sign_in(at)
    assert [m.value for m in at.markdown] == ["the page"]


def test_filters_by_light_and_lead_unit(seeded):
    at = open_page()
    next(w for w in at.get("button_group") if w.key == "sv-light").set_value("red").run()
    assert sorted(at.dataframe[0].value["任务编号"]) == ["t00-001", "t01-002"]
    at.selectbox(key="sv-lead-zh").select("区物流基地管委会").run()
    assert any("没有符合筛选条件的任务" in i.value for i in at.info)  # none of its tasks is red
    next(w for w in at.get("button_group") if w.key == "sv-light").set_value("__any__").run()
    assert sorted(at.dataframe[0].value["任务编号"]) == ["t03-001", "t03-002"]


def test_a_language_switch_draws_the_lead_filter_afresh_and_keeps_its_choice(seeded):
    """A select box keeps showing the label it was drawn with (全部 in English): the lead
    unit filter has one per language, and the choice carries over. (A form's select box
    keeps its key: what was typed but not saved lives in the browser alone and would go.)"""
    at = open_page()
    at.selectbox(key="sv-lead-zh").select("区物流基地管委会").run()
    at.session_state["lang"] = "en"
    at.run()
    lead = at.selectbox(key="sv-lead-en")
    assert lead.value == "区物流基地管委会" and "All" in lead.options and "全部" not in lead.options
    assert not at.exception and not at.warning


def test_an_unreported_task_reads_not_reported_not_not_started(seeded, ledger_url):
    at = open_page()
    rows = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}
    assert not rows["t01-003"].is_reported and rows["t00-001"].is_reported
    reported = sum(r.is_reported for r in rows.values() if r.in_plan)
    missing = sum(r.in_plan for r in rows.values()) - reported
    assert any(f"已填报 {reported} 项，未填报 {missing} 项" in c.value for c in at.caption)
    assert f'<div class="n">{missing}</div><div class="l">未填报</div>' in html(at)
    table = at.dataframe[0].value
    # light, task, unit and progress first: what a phone shows
    assert list(table.columns[:4]) == ["亮灯", "任务", "牵头单位", "进度(%)"]
    by_id = table.set_index("任务编号")
    assert by_id.loc["t01-003", "状态"] == "未填报" and by_id.loc["t00-001", "状态"] != "未填报"
    assert by_id["进度(%)"].isna().sum() == missing and by_id.loc["t01-003", "序时进度(%)"] == ""
    long_text = next(r.text for r in rows.values() if len(r.text) > 40)
    assert long_text[:25] + "…" in set(table["任务"])  # cut with an ellipsis
    record = next(h.proto.body for h in choose(at, "t01-003").html if "sv-grid" in h.proto.body)
    record = html_lib.unescape(record)
    assert "未填报" in record and "未启动" not in record
    assert 'class="sv-bar"' not in record and "—%" not in record and "0%" not in record
    record = next(h.proto.body for h in choose(at, "t00-001").html if "sv-grid" in h.proto.body)
    assert 'class="sv-bar"' in record and "未填报" not in record


def test_english_marks_the_chinese_task_and_gives_targets_in_english(seeded):
    at = open_page("en")
    record = next(h.proto.body for h in choose(at, "t00-001").html if "sv-grid" in h.proto.body)
    assert '<div class="t" lang="zh-CN" data-orig="Original Chinese">' in record
    chip = re.search(r'<span class="sv-chip">(.*?)</span></span>', record).group(1)
    assert html_lib.unescape(re.sub("<[^>]+>", "", chip)) == "Target GDP growth about 5%"
    red_list = next(h.proto.body for h in at.html if 'class="sv-list"' in h.proto.body)
    assert red_list.count('data-orig="Original Chinese"') == red_list.count('class="sv-item"')
    columns = list(at.dataframe[0].value.columns)
    assert columns[:4] == ["Light", "Task (original Chinese)", "Lead unit", "Progress (%)"]


def test_a_tasks_target_is_written_as_every_page_writes_it(seeded):
    """The GDP target reads 5%左右 on the 督办 page as on the overview and the slides (it
    read 约5%, put together from the number alone)."""
    at = open_page("zh")
    record = next(h.proto.body for h in choose(at, "t00-001").html if "sv-grid" in h.proto.body)
    chip = re.search(r'<span class="sv-chip">(.*?)</span></span>', record).group(1)
    assert html_lib.unescape(re.sub("<[^>]+>", "", chip)).endswith("地区生产总值增速 5%左右")


def test_a_save_after_the_sign_in_ended_keeps_what_was_typed(seeded, ledger_url):
    from datetime import timedelta

    at = sign_in(open_page())
    choose(at, "t00-001")
    before = ledger.history("t00-001", ledger_url)
    at.text_input(key="sv-l-t00-001-2").input("区发改委（新）")
    signed = at.session_state["sv-user"]
    at.session_state["sv-user"] = auth.SignedIn(
        signed.name, signed.role, signed.expires_at - timedelta(days=1)
    )  # the sign-in ends while the form is open
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception
    assert any("本次修改尚未保存" in w.value for w in at.warning)
    assert ledger.history("t00-001", ledger_url) == before  # nothing saved …
    assert at.text_input(key="sv-l-t00-001-2").value == "区发改委（新）"  # … nothing lost
    sign_in(at)
    assert at.text_input(key="sv-l-t00-001-2").value == "区发改委（新）"
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception
    row = {r.task_id: r for r in ledger.rows(seeded, None, ledger_url)}["t00-001"]
    assert row.lead_unit == "区发改委（新）"
    assert ledger.history("t00-001", ledger_url)[-1].user_name == "editor1"


def test_a_note_refused_for_an_ended_sign_in_comes_back_in_the_form(seeded, ledger_url):
    from datetime import timedelta

    at = sign_in(open_page())
    choose(at, "t00-001")
    signed = at.session_state["sv-user"]
    at.session_state["sv-user"] = auth.SignedIn(
        signed.name, signed.role, signed.expires_at - timedelta(days=1)
    )
    area = next(a for a in at.text_area if a.label == "进展情况")
    area.input("完成前期手续")
    next(b for b in at.button if b.label == "添加进展").click().run()
    assert not at.exception
    assert next(a for a in at.text_area if a.label == "进展情况").value == "完成前期手续"
    assert not [n for n in ledger.notes("t00-001", ledger_url) if n.text == "完成前期手续"]


@pytest.mark.parametrize(
    ("lang", "wrong", "wait"),
    [
        ("zh", "用户名或密码错误。", "登录失败次数过多，请 1 秒后再试。"),
        ("en", "Wrong user name or password.", "Too many failed sign-ins; wait 1 s and try again."),
    ],
)
def test_a_refused_sign_in_says_why_in_the_page_language(seeded, lang, wrong, wait):
    at = open_page(lang)
    label = "登录" if lang == "zh" else "Sign in"
    for _ in range(auth.FREE_FAILURES):
        at.text_input(key="sv-name").input("editor1")
        at.text_input(key="sv-password").input("not the password")
        next(b for b in at.button if b.label == label).click().run()
        assert [e.value for e in at.error] == [wrong]
    at.text_input(key="sv-password").input(demo.PASSWORD)
    next(b for b in at.button if b.label == label).click().run()
    assert [e.value for e in at.error] == [wait]


def test_signing_out_ends_the_token_given_in_this_page(seeded, ledger_url):
    """The page's cookies are those it was opened with: the token issued since must end too,
    or a copy of the cookie would sign in again after 退出登录."""
    from sqlalchemy import func, select

    from pgdash.supervision.models import BrowserSession

    def tokens() -> int:
        with db.session(ledger_url) as s:
            return s.scalar(select(func.count()).select_from(BrowserSession))

    at = sign_in(open_page())
    assert tokens() == 1
    next(b for b in at.button if b.label == "退出登录").click().run()
    assert not at.exception
    assert tokens() == 0


def test_a_unit_reports_and_the_office_accepts_or_returns_on_the_page(seeded, ledger_url):
    """填报 end to end: the reporter sees its unit's tasks only and files a report; the
    office sees who has not reported, returns one report with a reason and accepts another;
    the record's progress follows the accepted one and the history keeps both."""
    auth.add_user("fgw", "reporter", demo.PASSWORD, ledger_url, unit="区发改委")
    at = sign_in(open_page(), "fgw")
    assert any(h.value == "本单位任务（区发改委）" for h in at.subheader)
    options = at.selectbox(key="sv-report-task").options
    assert [o.split(" · ")[0] for o in options] == ["t00-001"]  # the one task 区发改委 leads
    at.number_input[-1].set_value(20)
    areas = [a for a in at.text_area if a.label in ("进展情况", "存在问题", "下步计划")]
    areas[0].input("完成重点项目调度")
    areas[1].input("手续办理滞后")
    next(b for b in at.button if b.label == "提交填报").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("已提交" in t.value for t in at.toast)
    assert "保存" not in [b.label for b in at.button]  # no record editing for a reporter

    office = sign_in(open_page(), "admin1")
    assert any(h.value == "填报轮次" for h in office.subheader)
    texts = [t.value for t in office.get("text")]
    assert any("完成重点项目调度" in x and "手续办理滞后" in x for x in texts)
    frames = [d.value for d in office.dataframe]
    units = next(f for f in frames if "单位" in f.columns and "未填报" in f.columns)
    by_unit = units.set_index("单位")
    assert by_unit.loc["区发改委", "已填报"] == 1 and by_unit.loc["区财政局", "未填报"] == 1
    assert by_unit.loc["区财政局", "状态"] in ("未填报", "逾期未填报")
    report = reports.reports(url=ledger_url)[0]
    next(b for b in office.button if b.key == f"sv-return-{report.id}").click().run()
    assert any("退回须写明理由" in e.value for e in office.error)  # in the page's language
    office.text_input(key=f"sv-reason-{report.id}").input("请补充开工项目数")
    next(b for b in office.button if b.key == f"sv-return-{report.id}").click().run()
    assert reports.reports(url=ledger_url)[0].state == "returned"
    again = reports.submit("t00-001", 25, "已开工12个项目", "", "", "fgw", ledger_url)
    office = sign_in(open_page(), "admin1")
    next(b for b in office.button if b.key == f"sv-accept-{again.id}").click().run()
    assert not office.exception
    row = {r.task_id: r for r in ledger.rows(seeded, ledger.clock.today(), ledger_url)}["t00-001"]
    assert row.progress == 25 and row.note.text == "已开工12个项目"
    fields_seen = [(c.field, c.new_value) for c in ledger.history("t00-001", ledger_url)]
    assert ("report", "已退回：请补充开工项目数") in fields_seen and (
        "report",
        "已采纳",
    ) in fields_seen


def test_an_empty_ledger_states_what_to_do_not_all_clear(ledger_url, built_data, app_data):
    app_data(built_data)
    at = open_page()
    assert not any("当前没有红灯或逾期任务" in s.value for s in at.success)
    warning = " ".join(w.value for w in at.warning)
    assert "项任务未设完成时限" in warning and "请先为任务设定牵头单位和完成时限" in warning
    assert any("不足10个百分点为绿灯" in c.value for c in at.caption)


def test_counts_per_group_are_a_plain_table_with_names_as_text():
    from pgdash.app.pages.supervision.page import counts_html
    from pgdash.supervision.fields import STATUSES

    def entry(group: str, red: int, tasks: int) -> dict:
        statuses = dict.fromkeys(STATUSES, 0)
        return {"group": group, "tasks": tasks, "red": red, "yellow": 0, "green": 0,
                "none": tasks - red, "reported": red, **statuses,
                "not_reported": tasks - red, "overdue": red}  # fmt: skip

    table = counts_html([entry("<b>区发改委</b>", 2, 5), entry("", 0, 3)], "lead_unit", "zh")
    assert "<b>" not in table and "&#60;b&#62;区发改委" in table
    assert "（未填写）" in table  # a task without a lead unit
    header = re.findall(r"<thead>.*?</thead>", table)[0]
    assert re.findall(r"<th>(.*?)</th>", header)[:3] == ["牵头单位", "合计", "红灯"]
    first = re.findall(r"<tbody><tr>.*?</tr>", table)[0]
    assert re.findall(r"<td>(\d+)</td>", first)[:2] == ["5", "2"]  # tasks, then red
    english = counts_html([entry("logistics", 1, 4)], "sector", "en")
    assert "Logistics" in english and "Sector" in english


def test_the_task_table_sends_its_light_as_a_coloured_chip_not_a_styled_frame(seeded):
    at = open_page()
    frame = at.dataframe[0]
    assert not frame.proto.arrow_data.HasField("styler")  # no per-cell styles
    assert frame.value["亮灯"].map(len).eq(1).all()  # one light word per task
    assert any('class="sv-counts"' in h.proto.body for h in at.html)  # the counts tabs
