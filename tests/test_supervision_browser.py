"""End to end in Chromium: a user added with ``pgdash users add`` signs in on the 督办 page,
changes a task's lead unit and status, and sees its light, its history and the overview's
督办 strip change. Screenshots
of the page (desktop 1920×1080 and a 390 px phone, Chinese and English) are kept in
``test-artifacts/screenshots/``. Skipped without /usr/bin/chromium, except under CI=true.
"""

import sys

import pytest
import supervision_demo as demo
from browser import chromium_context, full_page_screenshot, streamlit_server, wait_for_app
from supervision_fixtures import PipedStdin
from test_browser import SHOTS

from pgdash.cli import main
from pgdash.supervision import auth, db, ledger, reports

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(sync_api, built_data, tmp_path_factory):
    """The app on a fresh SQLite ledger, seeded, with today pinned to 2026-07-02."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PGDASH_DB_URL", raising=False)
        mp.setenv("PGDASH_STATE", str(tmp_path_factory.mktemp("ledger") / "state"))
        mp.setenv("PGDASH_TODAY", demo.TODAY)
        demo.seed(built_data)
        mp.setattr(sys, "stdin", PipedStdin("a new editor's password\n"))
        assert (
            main(["--data", str(built_data), "users", "add", "zhangwei", "--role", "editor"]) == 0
        )
        db.dispose_all()  # the server process opens the database itself
        with streamlit_server(built_data) as url:
            yield url
        db.dispose_all()


def _settle(tab) -> None:
    wait_for_app(tab)
    tab.wait_for_timeout(400)
    wait_for_app(tab)


def _record(tab):
    return tab.locator(".sv-item:has(.sv-grid)")


def _strip(tab) -> dict[str, int]:
    """The overview's 督办 strip: light → count."""
    tab.locator(".pg-lights").wait_for()
    return {
        light: int(tab.locator(f".pg-lights .pg-light-{light} b").inner_text())
        for light in ("red", "yellow", "green", "none", "overdue")
    }


def test_sign_in_edit_and_see_the_light_and_history_change(sync_api, server, built_data):
    errors: list[str] = []
    with chromium_context(sync_api, viewport=(1920, 1080)) as ctx:
        tab = ctx.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(f"{server}/")  # the overview's strip, and its way to the 督办 page
        _settle(tab)
        assert _strip(tab) == {"red": 2, "yellow": 2, "green": 2, "none": 179, "overdue": 1}
        tab.get_by_role("link", name="查看督办台账").click()
        tab.wait_for_url("**/supervision")
        _settle(tab)
        assert tab.locator('[data-testid="stException"]').count() == 0
        assert tab.locator(".sv-list .sv-item").count() == 2  # the two red tasks
        full_page_screenshot(tab, SHOTS / "supervision.png")
        # the seeded red task t00-001 is the first in the plan, so its record is open
        assert "t00&#45;001" not in _record(tab).inner_text()
        assert "红灯" in _record(tab).inner_text() and "t00-001" in _record(tab).inner_text()
        # viewers cannot edit
        assert tab.get_by_role("button", name="保存").count() == 0

        tab.get_by_role("button", name="登录").first.click()
        tab.get_by_label("用户名").fill("zhangwei")
        tab.get_by_label("密码").fill("a new editor's password")
        tab.locator('[data-testid="stPopoverBody"]').get_by_role("button", name="登录").click()
        tab.get_by_text("已登录：zhangwei").wait_for()  # argon2 and a rerun: give it time
        _settle(tab)
        # a reload keeps the sign-in for this browser session, and the address holds no secret
        cookie = _sign_in_cookie(ctx, tab)
        assert cookie["sameSite"] == "Strict" and cookie["expires"] == -1  # a session cookie
        assert cookie["httpOnly"] and "pgdash_sv" not in tab.evaluate("document.cookie")
        tab.reload()
        _settle(tab)
        tab.get_by_text("已登录：zhangwei").wait_for()
        assert cookie["value"] not in tab.url and "token" not in tab.url

        form = tab.locator('[data-testid="stForm"]').filter(
            has=tab.get_by_role("button", name="保存")
        )
        form.get_by_label("牵头单位").fill("区发展和改革委员会")
        status = form.locator('[data-testid="stSelectbox"]')
        status.scroll_into_view_if_needed()
        status.click()
        tab.get_by_role("option", name="已完成", exact=True).click()
        form.get_by_role("button", name="保存").click()
        tab.locator(".sv-item:has(.sv-grid)", has_text="区发展和改革委员会").wait_for()
        _settle(tab)
        record = _record(tab).inner_text()
        assert "绿灯" in record and "区发展和改革委员会" in record and "已完成" in record
        assert tab.locator(".sv-list .sv-item").count() == 1  # it left the red list
        frames = tab.locator('[data-testid="stDataFrame"]:visible')
        assert frames.count() == 1  # the task table; the history is in the closed tab
        tab.get_by_role("tab", name="变更记录").click()
        tab.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stDataFrame]')]"
            ".filter(e => e.offsetParent !== null).length === 2"
        )
        full_page_screenshot(tab, SHOTS / "supervision-edited.png")
        rows = ledger.history("t00-001")
        assert [(h.field, h.user_name, h.new_value) for h in rows[-2:]] == [
            ("lead_unit", "zhangwei", "区发展和改革委员会"),
            ("status", "zhangwei", "已完成"),
        ]
        # the overview's strip follows at once: one red task fewer, one green more
        tab.get_by_role("link", name="总览").first.click()
        _settle(tab)
        assert _strip(tab) == {"red": 1, "yellow": 2, "green": 3, "none": 179, "overdue": 1}
        tab.screenshot(path=str(SHOTS / "overview-supervision-strip.png"))
        assert not errors, errors


SCREENS = [
    ((1920, 1080), "en", "supervision-en"),
    ((390, 844), "zh", "supervision-phone"),
    ((390, 844), "en", "supervision-phone-en"),
]


def test_screenshots_desktop_and_phone_in_both_languages(sync_api, server):
    for viewport, lang, name in SCREENS:
        with chromium_context(sync_api, viewport=viewport) as ctx:
            tab = ctx.new_page()
            tab.goto(f"{server}/supervision" + ("?lang=en" if lang == "en" else ""))
            _settle(tab)
            assert tab.locator('[data-testid="stException"]').count() == 0
            assert tab.locator(".sv-tile").count() == 6  # four lights, overdue, not reported
            # on a phone the sidebar starts closed (app.py: initial_sidebar_state="auto")
            path = SHOTS / f"{name}.png"
            full_page_screenshot(tab, path)
            assert path.stat().st_size > 10_000


# the table's toolbar: null while hidden, else its gap in pixels below the tabs' row
TOOLBAR_BELOW_TABS = """() => {
  const grid = document.querySelector('[data-testid="stTabPanel"] [data-testid="stDataFrame"]');
  const bar = grid.closest('[data-testid="stElementContainer"]')
    .querySelector('[data-testid="stElementToolbar"]');
  const tabs = grid.closest('[data-testid="stTabs"]')?.querySelector('[role="tablist"]');
  if (!bar || !tabs || !bar.checkVisibility()) return null;
  return bar.getBoundingClientRect().top - tabs.getBoundingClientRect().bottom;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_tables_toolbar_leaves_the_tabs_readable(sync_api, server, lang):
    """Touching the ledger's table on a phone shows its toolbar above it, clear of the tab
    names (it covered "By lead unit")."""
    with chromium_context(sync_api, viewport=(390, 844)) as ctx:
        tab = ctx.new_page()
        tab.goto(f"{server}/supervision?lang={lang}")
        _settle(tab)
        grid = tab.locator('[data-testid="stTabPanel"] [data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        grid.hover()
        tab.wait_for_function(f"() => ({TOOLBAR_BELOW_TABS})() !== null")
        assert tab.evaluate(TOOLBAR_BELOW_TABS) >= 4  # it sat flush on them, covering names


def _sign_in_cookie(ctx, tab, present: bool = True) -> dict | None:
    """The sign-in cookie once the page's post for it has been answered (or its absence)."""
    for _ in range(50):
        cookie = next((c for c in ctx.cookies() if c["name"] == "pgdash_sv"), None)
        if (cookie is not None) == present:
            return cookie
        tab.wait_for_timeout(100)
    raise AssertionError(f"the sign-in cookie is {'missing' if present else 'still there'}")


def test_signing_out_takes_the_cookie_back_and_ends_every_tab(sync_api, server):
    with chromium_context(sync_api, viewport=(1440, 1000)) as ctx:
        tab = ctx.new_page()
        tab.goto(f"{server}/supervision")
        _settle(tab)
        _sign_in(tab, "zhangwei", "a new editor's password")
        token = _sign_in_cookie(ctx, tab)["value"]
        assert auth.resume(token) is not None  # the cookie holds the sign-in's own token
        other = ctx.new_page()  # a second tab of the same browser resumes from the cookie
        other.goto(f"{server}/supervision")
        _settle(other)
        other.get_by_text("已登录：zhangwei").wait_for()
        tab.get_by_role("button", name="退出登录").click()
        _sign_in_cookie(ctx, tab, present=False)
        assert auth.resume(token) is None  # revoked, not only forgotten by this browser
        tab.reload()
        _settle(tab)
        assert tab.get_by_text("已登录：zhangwei").count() == 0
        assert tab.get_by_role("button", name="登录").count() >= 1
        # the other tab, not reloaded, loses its rights at its next run (its open forms stay,
        # and a save asks to sign in again)
        other.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
        _settle(other)
        other.get_by_text("you signed out elsewhere").wait_for()
        assert other.get_by_text("Signed in: zhangwei").count() == 0
        # the lead-unit filter, drawn in Chinese before the switch, now reads in English
        lead = other.locator('[data-testid="stSelectbox"]').filter(has_text="Lead unit")
        assert lead.get_by_role("combobox").input_value() == "All"
        other.screenshot(path=str(SHOTS / "supervision-signed-out-elsewhere-en.png"))


def _sign_in(tab, name: str, password: str) -> None:
    tab.get_by_role("button", name="登录").first.click()
    tab.get_by_label("用户名").fill(name)
    tab.get_by_label("密码").fill(password)
    tab.locator('[data-testid="stPopoverBody"]').get_by_role("button", name="登录").click()
    tab.get_by_text(f"已登录：{name}").wait_for()
    _settle(tab)


def test_a_unit_reports_and_the_office_accepts_it(sync_api, server, built_data):
    """填报 in the browser: 区财政局's reporter files a report on its task, the 督查室 sees it
    on the board and accepts it; the task's progress is the report's."""
    auth.add_user("czj", "reporter", demo.PASSWORD, unit="区财政局")
    db.dispose_all()
    with chromium_context(sync_api, viewport=(1440, 1000)) as ctx:
        tab = ctx.new_page()
        tab.goto(f"{server}/supervision")
        _settle(tab)
        _sign_in(tab, "czj", demo.PASSWORD)
        tab.get_by_text("本单位任务（区财政局）").wait_for()
        form = tab.locator('[data-testid="stForm"]').filter(
            has=tab.get_by_role("button", name="提交填报")
        )
        form.get_by_label("进度(%)").fill("60")
        form.get_by_label("进展情况").fill("完成年度预算调整")
        form.get_by_label("存在问题").fill("收入进度偏慢")
        form.get_by_role("button", name="提交填报").click()
        tab.get_by_text("已提交，等待督查室审核。").wait_for()
        full_page_screenshot(tab, SHOTS / "supervision-reporter.png")
    filed = reports.reports()[-1]
    assert (filed.task_id, filed.unit, filed.progress, filed.state) == (
        "t00-002",
        "区财政局",
        60,
        "submitted",
    )
    with chromium_context(sync_api, viewport=(1440, 1000)) as ctx:
        tab = ctx.new_page()
        tab.goto(f"{server}/supervision")
        _settle(tab)
        _sign_in(tab, "admin1", demo.PASSWORD)
        tab.get_by_text("各单位填报情况").wait_for()
        tab.get_by_text("完成年度预算调整").wait_for()
        full_page_screenshot(tab, SHOTS / "supervision-review.png")
        tab.get_by_role("button", name="采纳").first.click()
        tab.get_by_text("已采纳，进度已更新。").wait_for()
    row = {r.task_id: r for r in ledger.rows(ledger.load_plan(built_data))}
    assert row["t00-002"].progress == 60 and row["t00-002"].note.text == "完成年度预算调整"
