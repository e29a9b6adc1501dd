"""A small, realistic ledger for page and browser tests and screenshots.

With today pinned to 2026-07-02 (a year-end deadline's expected pace is then 50 %), the
seeded tasks show every light: red (far behind, and overdue), yellow, green and done.
"""

from datetime import date

from pgdash.supervision import auth, ledger

TODAY = "2026-07-02"
PASSWORD = "pinggu-2026-ledger"
HOSTILE = "<script>alert(1)</script> [链接](http://example.com) :red[红] $x^2$ **粗体**"
# task id → (lead unit, partner units, responsible, deadline, progress, status)
SEED = {
    "t00-001": ("区发改委", "区统计局", "张伟", date(2026, 12, 31), 5, "in_progress"),
    "t00-002": ("区财政局", "", "李娜", date(2026, 12, 31), 35, "in_progress"),
    "t01-001": ("区科委", "区农业农村局", "王强", date(2026, 12, 31), 55, "in_progress"),
    "t01-002": ("区农业农村局", "", "刘洋", date(2026, 6, 30), 80, "lagging"),
    "t03-001": ("区物流基地管委会", "区商务局", "陈静", date(2026, 12, 31), 100, "done"),
    "t03-002": ("区物流基地管委会", "", "陈静", date(2026, 9, 30), 50, "in_progress"),
}


def seed(data_folder, url: str | None = None) -> list[ledger.PlanTask]:
    """Sync the plan of ``data_folder``, fill a few records, add users and notes."""
    plan = ledger.load_plan(data_folder)
    ledger.sync(plan, url)
    for task_id, (lead, partners, who, deadline, progress, status) in SEED.items():
        values = {
            "lead_unit": lead,
            "partner_units": partners,
            "responsible": who,
            "deadline": deadline,
            "progress": progress,
            "status": status,
        }
        ledger.save(task_id, 1, values, "office", url)
    ledger.add_note(
        "t00-001", date(2026, 6, 30), "上半年增速低于预期，已约谈牵头单位", "office", url
    )
    ledger.add_note("t03-002", date(2026, 6, 28), HOSTILE, "office", url)
    auth.add_user("editor1", "editor", PASSWORD, url)
    auth.add_user("admin1", "admin", PASSWORD, url)
    return plan
