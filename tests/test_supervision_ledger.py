"""The ledger on SQLite and PostgreSQL: records per task, history, optimistic locking,
rebuilds that change or drop tasks, and a real build that leaves the ledger alone."""

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.orm.exc import StaleDataError

from pgdash.errors import PgdashError
from pgdash.paths import seeds_dir
from pgdash.pipeline.write.build import build
from pgdash.supervision import db, ledger
from pgdash.supervision.ledger import Conflict, PlanTask
from pgdash.supervision.pace import Light

PLAN = [
    PlanTask("t01-001", 1, 1, "（一）", "economy", "建设物流基地", ("地块 11个",)),
    PlanTask("t01-002", 2, 1, "（一）", "logistics", "完成道路大修8条"),
    PlanTask("t02-001", 3, 2, "（二）", "ecology", "抓好生态林抚育3万亩"),
]
ON = date(2026, 7, 2)  # pace 50 % for a year-end deadline


def by_id(rows):
    return {r.task_id: r for r in rows}


def test_every_task_gets_a_record_once(ledger_url):
    assert ledger.sync(PLAN, ledger_url)["created"] == 3
    assert ledger.sync(PLAN, ledger_url) == dict(created=0, changed=0, left=0, returned=0)
    rows = ledger.rows(PLAN, ON, ledger_url)
    assert [r.task_id for r in rows] == ["t01-001", "t01-002", "t02-001"]
    assert rows[0].targets == ("地块 11个",)
    assert all(r.version == 1 and r.light is Light.NONE and r.in_plan for r in rows)


def test_a_save_changes_the_light_and_is_kept_in_the_history(ledger_url):
    ledger.sync(PLAN, ledger_url)
    changed = ledger.save(
        "t01-002",
        1,
        {
            "lead_unit": " 区交通局 ",
            "deadline": "2026-12-31",
            "progress": "20%",
            "status": "推进中",
        },
        "zhang",
        ledger_url,
    )
    assert changed == ["lead_unit", "deadline", "progress", "status"]
    row = by_id(ledger.rows(PLAN, ON, ledger_url))["t01-002"]
    assert (row.lead_unit, row.progress, row.status, row.version) == (
        "区交通局",
        20,
        "in_progress",
        2,
    )
    assert row.light is Light.YELLOW and row.behind == pytest.approx(30.0)
    assert row.updated_by == "zhang" and row.updated_at is not None
    history = ledger.history("t01-002", ledger_url)
    assert [(h.field, h.old_value, h.new_value, h.user_name) for h in history] == [
        ("lead_unit", "", "区交通局", "zhang"),
        ("deadline", "", "2026-12-31", "zhang"),
        ("progress", "0", "20", "zhang"),
        ("status", "未启动", "推进中", "zhang"),
    ]
    # a save that changes nothing writes nothing
    assert ledger.save("t01-002", 2, {"lead_unit": "区交通局"}, "li", ledger_url) == []
    assert len(ledger.history("t01-002", ledger_url)) == 4


def test_the_second_save_on_an_older_version_is_refused_and_nothing_is_lost(ledger_url):
    ledger.sync(PLAN, ledger_url)
    seen = by_id(ledger.rows(PLAN, ON, ledger_url))["t01-001"].version  # both editors open it
    ledger.save("t01-001", seen, {"lead_unit": "区发改委", "progress": 40}, "zhang", ledger_url)
    with pytest.raises(Conflict) as refused:
        ledger.save("t01-001", seen, {"lead_unit": "区商务局"}, "li", ledger_url)
    assert refused.value.who == "zhang" and "zhang" in str(refused.value)
    row = by_id(ledger.rows(PLAN, ON, ledger_url))["t01-001"]
    assert (row.lead_unit, row.progress) == ("区发改委", 40)
    # the second editor reloads and saves on the new version: both changes are kept
    ledger.save("t01-001", row.version, {"responsible": "王五"}, "li", ledger_url)
    row = by_id(ledger.rows(PLAN, ON, ledger_url))["t01-001"]
    assert (row.lead_unit, row.progress, row.responsible) == ("区发改委", 40, "王五")


def test_two_open_transactions_on_one_record_cannot_both_write(ledger_url):
    """The version column guards the UPDATE itself, not only the check before it."""
    ledger.sync(PLAN, ledger_url)
    first_read = threading.Event()
    outcome = {}

    def slow_editor():
        try:
            with db.session(ledger_url) as s:
                ledger.change_in(s, "t02-001", None, {}, "li")  # reads the record
                record = s.get(ledger.Record, "t02-001")
                assert record.version == 1
                first_read.set()
                done.wait(10)
                ledger.change_in(s, "t02-001", 1, {"lead_unit": "区园林局"}, "li")
        except (StaleDataError, PgdashError) as exc:
            outcome["slow"] = exc
        else:
            outcome["slow"] = None

    done = threading.Event()
    if ledger_url.startswith("sqlite"):
        pytest.skip("SQLite serialises writers with a file lock; the version check covers it")
    worker = threading.Thread(target=slow_editor)
    worker.start()
    first_read.wait(10)
    ledger.save("t02-001", 1, {"lead_unit": "区水务局"}, "zhang", ledger_url)
    done.set()
    worker.join(20)
    assert isinstance(outcome["slow"], StaleDataError)  # the UPDATE found no row to change
    assert by_id(ledger.rows(PLAN, ON, ledger_url))["t02-001"].lead_unit == "区水务局"


def test_a_save_that_loses_the_race_at_the_update_names_the_winner(ledger_url, monkeypatch):
    ledger.sync(PLAN, ledger_url)
    ledger.save("t01-001", 1, {"lead_unit": "区发改委"}, "zhang", ledger_url)

    def lost(*args, **kwargs):
        raise StaleDataError("UPDATE statement on table 'sv_record' expected to update 1 row")

    monkeypatch.setattr(ledger, "change_in", lost)
    with pytest.raises(Conflict, match="changed by zhang"):
        ledger.save("t01-001", 2, {"lead_unit": "区商务局"}, "li", ledger_url)


def test_notes_are_dated_kept_and_in_the_history(ledger_url):
    ledger.sync(PLAN, ledger_url)
    ledger.add_note("t01-001", "2026-05-31", "完成土地整理 <script>x</script>", "zhang", ledger_url)
    ledger.add_note("t01-001", date(2026, 6, 30), "11个地块已入市", "li", ledger_url)
    row = by_id(ledger.rows(PLAN, ON, ledger_url))["t01-001"]
    assert row.note.text == "11个地块已入市" and row.note.note_date == date(2026, 6, 30)
    assert row.version == 1  # notes do not make editors' open forms stale
    assert [n.author for n in ledger.notes("t01-001", ledger_url)] == ["li", "zhang"]
    assert ledger.history("t01-001", ledger_url)[0].new_value.startswith("2026-05-31 完成")
    with pytest.raises(PgdashError, match="empty"):
        ledger.add_note("t01-001", "2026-06-30", "  ", "li", ledger_url)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"progress": 120}, "progress: 120 is outside 0–100"),
        ({"status": "完成了"}, "status: “完成了” is not a status; use one of 未启动"),
        ({"deadline": "2026-02-30"}, "deadline: “2026-02-30” is not a real date"),
        ({"task_text": "x"}, "task_text cannot be changed"),
    ],
)
def test_bad_values_are_refused_with_the_fix(ledger_url, values, message):
    ledger.sync(PLAN, ledger_url)
    with pytest.raises(PgdashError, match=message):
        ledger.save("t01-001", 1, values, "zhang", ledger_url)
    assert ledger.history("t01-001", ledger_url) == []


def test_a_changed_text_keeps_its_record_and_a_dropped_task_is_kept(ledger_url):
    ledger.sync(PLAN, ledger_url)
    ledger.save("t01-002", 1, {"lead_unit": "区交通局"}, "zhang", ledger_url)
    ledger.save("t02-001", 1, {"lead_unit": "区园林局"}, "zhang", ledger_url)
    rebuilt = [replace(PLAN[0], seq=1), replace(PLAN[1], text="完成道路大修10条", seq=2)]
    assert ledger.sync(rebuilt, ledger_url) == dict(created=0, changed=1, left=1, returned=0)
    rows = by_id(ledger.rows(rebuilt, ON, ledger_url))
    assert rows["t01-002"].lead_unit == "区交通局" and rows["t01-002"].text_changed_at
    assert rows["t01-002"].text == "完成道路大修10条"
    assert rows["t02-001"].in_plan is False and rows["t02-001"].seq is None
    assert rows["t02-001"].lead_unit == "区园林局" and rows["t02-001"].text == "抓好生态林抚育3万亩"
    text_change = ledger.history("t01-002", ledger_url)[-1]
    assert (text_change.field, text_change.old_value, text_change.via) == (
        "task_text",
        "完成道路大修8条",
        "sync",
    )
    assert ledger.sync(PLAN, ledger_url)["returned"] == 1  # it comes back: in the plan again


def test_a_real_build_leaves_the_ledger_alone(ledger_url, tmp_path):
    data = tmp_path / "data"
    build(seeds_dir(), data)
    plan = ledger.load_plan(data)
    assert len(plan) == 185 and len({t.task_id for t in plan}) == 185
    assert ledger.sync(plan, ledger_url)["created"] == 185
    ledger.save(plan[10].task_id, 1, {"lead_unit": "区发改委", "status": "已完成"}, "z", ledger_url)
    build(seeds_dir(), data)  # rebuild: same ids, same texts
    again = ledger.load_plan(data)
    assert ledger.sync(again, ledger_url) == dict(created=0, changed=0, left=0, returned=0)
    row = by_id(ledger.rows(again, ON, ledger_url))[plan[10].task_id]
    assert (row.lead_unit, row.status, row.light) == ("区发改委", "done", Light.GREEN)
    assert any(t.targets for t in again)  # quantified tasks carry their target figures


def test_an_unusable_database_says_what_to_do(tmp_path, monkeypatch):
    broken = tmp_path / "state" / "supervision.db"
    broken.parent.mkdir()
    broken.write_bytes(b"this is not a database file at all" * 100)
    url = f"sqlite:///{broken}"
    with pytest.raises(PgdashError, match=r"is damaged .* restore it from a backup"):
        ledger.rows(PLAN, ON, url)
    db.dispose_all()
    with pytest.raises(PgdashError, match=r"cannot reach the ledger database .*PGDASH_DB_URL"):
        ledger.rows(PLAN, ON, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    db.dispose_all()


def test_the_migrations_build_exactly_the_models(ledger_url):
    """Alembic's comparison finds nothing to change: models and migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from pgdash.supervision.models import Base

    with db.ready(ledger_url).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert "alembic_version" in db.tables(ledger_url)


def test_the_head_revision_the_ledger_checks_is_alembics(ledger_url):
    """A ledger at ``db.HEAD`` skips Alembic: HEAD must be the newest migration, and a
    ledger one revision behind is still upgraded."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == db.HEAD
    eng = db.ready(ledger_url)
    assert db.revision(eng) == db.HEAD
    older = ScriptDirectory.from_config(config).get_revision(db.HEAD).down_revision
    with eng.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, older)
    assert db.revision(eng) == older
    db.migrate(eng)
    assert db.revision(eng) == db.HEAD


def test_a_record_is_reported_once_someone_saves_or_notes_it(ledger_url):
    ledger.sync(PLAN, ledger_url)
    assert not any(r.is_reported for r in ledger.rows(PLAN, ON, ledger_url))  # defaults only
    ledger.save("t01-001", 1, {"status": "未启动"}, "zhang", ledger_url)  # the default: no change
    ledger.save("t01-002", 1, {"lead_unit": "区交通局"}, "zhang", ledger_url)
    ledger.add_note("t02-001", "2026-07-01", "已启动招标", "li", ledger_url)
    rows = by_id(ledger.rows(PLAN, ON, ledger_url))
    assert [rows[i].is_reported for i in ("t01-001", "t01-002", "t02-001")] == [False, True, True]


def test_the_plan_carries_target_figures_in_english_when_given_a_formatter():
    import pandas as pd

    tasks = pd.DataFrame(
        {
            "task_id": ["t00-001"],
            "section_no": [0],
            "section_title": ["主要预期目标"],
            "sector": ["economy"],
            "sentence": ["地区生产总值增速5%左右"],
            "fact_ids": [["f1", "f2"]],
        }
    )
    facts = pd.DataFrame(
        {
            "fact_id": ["f1", "f2"],
            "kind": ["target", "actual"],
            "metric": ["地区生产总值增速", "地区生产总值增速"],
            "metric_en": ["GDP growth", "GDP growth"],
            "comparator": ["~", "="],
            "raw": ["5%", "7%"],
        }
    )
    plain = ledger.plan_from_tables(tasks, facts)[0]
    assert (plain.targets, plain.targets_en) == (("地区生产总值增速 约5%",), ())

    def written(fact, lang: str) -> str:  # as the pages write a figure
        return f"{fact['metric_en']} about 5%" if lang == "en" else f"{fact['metric']} 5%左右"

    (task,) = ledger.plan_from_tables(tasks, facts, written)
    assert task.targets == ("地区生产总值增速 5%左右",)  # not 约5%, as no page writes it
    assert task.targets_en == ("GDP growth about 5%",)


def test_another_districts_plan_leaves_this_plan_alone(ledger_url):
    other = [
        PlanTask("luohu-gwr2024-t01-001", 1, 1, "（一）", "economy", "新增商业面积10万平方米"),
        PlanTask("luohu-gwr2024-t01-002", 2, 1, "（一）", "urban", "改造老旧小区5个"),
    ]
    ledger.sync(PLAN, ledger_url)
    assert ledger.sync(other, ledger_url)["left"] == 0  # Pinggu's tasks did not leave
    rows = ledger.rows(other, ON, ledger_url)
    assert [r.task_id for r in rows] == [t.task_id for t in other]  # none of Pinggu's shown
    assert all(r.in_plan for r in ledger.rows(PLAN, ON, ledger_url))
    assert ledger.sync(other[:1], ledger_url)["left"] == 1  # its own dropped task still leaves
