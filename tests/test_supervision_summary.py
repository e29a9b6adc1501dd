"""The plain-data pieces the overview strip, the 督办 slide and the export page use."""

import sqlite3
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.exc import OperationalError

from pgdash.errors import PgdashError
from pgdash.supervision import db, ledger, summary

TASKS = pd.DataFrame(
    {
        "task_id": ["t01-001", "t01-002", "t02-001", "t02-002"],
        "section_no": [1, 1, 2, 2],
        "section_title": ["（一）", "（一）", "（二）", "（二）"],
        "subheading": ["", "", "", ""],
        "sentence": [
            "建设物流基地",
            "完成道路大修8条",
            "抓好生态林抚育3万亩",
            "治理小流域30平方公里",
        ],
        "sector": ["logistics", "logistics", "ecology", "ecology"],
        "fact_ids": [[], [], [], []],
        "start": [0, 0, 0, 0],
        "end": [0, 0, 0, 0],
    }
)
ON = date(2026, 7, 2)  # pace 50 % for a year-end deadline
YEAR_END = date(2026, 12, 31)


@pytest.fixture
def filled(ledger_url):
    ledger.sync(ledger.plan_from_tables(TASKS), ledger_url)
    for task_id, progress, deadline in [
        ("t01-001", 5, YEAR_END),  # red: 45 behind
        ("t01-002", 90, date(2026, 6, 30)),  # red: overdue
        ("t02-001", 35, YEAR_END),  # yellow
    ]:
        ledger.save(task_id, 1, {"progress": progress, "deadline": deadline}, "z", ledger_url)
    ledger.add_note("t01-002", "2026-06-30", "还差两条路", "z", ledger_url)
    return ledger_url


def test_briefing_counts_lights_overall_and_per_sector(filled):
    b = summary.briefing(TASKS, on=ON, url=filled)
    assert b.on == ON
    assert b.counts.total == {"red": 2, "yellow": 1, "green": 0, "none": 1}
    assert b.counts.by_sector == {
        "ecology": {"red": 0, "yellow": 1, "green": 0, "none": 1},
        "logistics": {"red": 2, "yellow": 0, "green": 0, "none": 0},
    }
    assert (b.counts.overdue, b.counts.tasks, b.counts.reported) == (1, 4, 3)
    # the slide's rows: the overdue task first, then the furthest behind
    assert [(r.task_id, r.overdue, r.light) for r in b.rows] == [
        ("t01-002", True, "red"),
        ("t01-001", False, "red"),
    ]
    first = b.rows[0]
    assert (first.deadline, first.progress, first.note) == ("2026-06-30", 90, "还差两条路")


def test_briefing_of_one_sector_and_a_limit(filled):
    b = summary.briefing(TASKS, sector="ecology", on=ON, url=filled)
    assert b.counts.total == {"red": 0, "yellow": 1, "green": 0, "none": 1} and b.rows == []
    assert len(summary.briefing(TASKS, on=ON, limit=1, url=filled).rows) == 1


def test_group_counts_by_lead_unit_put_red_first(filled):
    ledger.save("t02-001", 2, {"lead_unit": "区园林局"}, "z", filled)
    ledger.save("t01-001", 2, {"lead_unit": "区交通局"}, "z", filled)
    rows = ledger.rows(ledger.plan_from_tables(TASKS), ON, filled)
    table = summary.group_counts(rows, "lead_unit")
    assert [g["group"] for g in table] == ["", "区交通局", "区园林局"]  # red first, ties by size
    assert table[1]["red"] == 1 and table[1]["in_progress"] == 0 and table[1]["tasks"] == 1
    # t02-002 has no report: 未填报, not counted as 未启动
    nobody = table[0]
    assert (nobody["tasks"], nobody["reported"], nobody["not_reported"]) == (2, 1, 1)
    assert nobody["not_started"] == 1  # t01-002: saved with progress and deadline only


def test_briefing_raises_one_line_when_the_database_is_unusable(tmp_path):
    with pytest.raises(PgdashError, match="cannot reach the ledger database"):
        summary.briefing(TASKS, url="postgresql+psycopg://x@127.0.0.1:1/none")
    db.dispose_all()


def test_a_locked_database_is_explained():
    locked = OperationalError(
        "UPDATE sv_record", {}, sqlite3.OperationalError("database is locked")
    )
    error = db.explain(locked, "sqlite:////srv/state/supervision.db")
    assert str(error) == (
        "the ledger database /srv/state/supervision.db is locked by another program; "
        "close that program (or wait a moment) and try again"
    )
