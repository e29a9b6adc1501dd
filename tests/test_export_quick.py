"""An export of unchanged inputs is read back without loading the tables, and the build's
background warm-up fills the cache the first export reads."""

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pgdash.cli import main
from pgdash.export import api, quick, warm
from pgdash.paths import seeds_dir
from pgdash.schema import read_table


@pytest.fixture
def data(built_data: Path, tmp_path: Path) -> Path:
    """A copy of the session's build, free to touch."""
    return Path(shutil.copytree(built_data, tmp_path / "data"))


def made_from_tables(*args, **kwargs):
    pytest.fail("made from the tables")


def test_a_repeated_export_is_read_back_and_a_changed_table_is_not(data, monkeypatch):
    first = quick.export_bytes("pdf", None, data, "zh")
    assert first == api.export_bytes("pdf", None, data, "zh")
    monkeypatch.setattr(api, "export_file", made_from_tables)
    assert quick.export_bytes("pdf", None, data, "zh") == first
    table = data / "facts.parquet"
    stat = table.stat()
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with pytest.raises(pytest.fail.Exception, match="made from the tables"):
        quick.export_bytes("pdf", None, data, "zh")


def test_the_key_moves_with_the_ledger_the_day_the_font_and_the_arguments(
    data, tmp_path, monkeypatch
):
    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("PGDASH_TODAY", "2024-03-01")
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    base = quick.input_key("pptx", None, data, "zh", None)
    assert base == quick.input_key("pptx", None, data, "zh", None)
    others = {
        quick.input_key("pdf", None, data, "zh", None),
        quick.input_key("pptx", "logistics", data, "zh", None),
        quick.input_key("pptx", None, data, "en", None),
        quick.input_key("pptx", None, data, "zh", "pinggu"),
    }
    monkeypatch.setenv("PGDASH_TODAY", "2024-03-02")
    others.add(quick.input_key("pptx", None, data, "zh", None))
    monkeypatch.setenv("PGDASH_TODAY", "2024-03-01")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "supervision.db").write_bytes(b"a ledger")
    others.add(quick.input_key("pptx", None, data, "zh", None))
    (tmp_path / "state" / "supervision.db-wal").write_bytes(b"a saved light")
    others.add(quick.input_key("pptx", None, data, "zh", None))
    monkeypatch.setenv("PGDASH_CJK_FONT", "/elsewhere/font.otf")
    others.add(quick.input_key("pptx", None, data, "zh", None))
    assert base not in others and len(others) == 8
    monkeypatch.setenv("PGDASH_DB_URL", "postgresql://ledger.example/pgdash")
    assert quick.input_key("pptx", None, data, "zh", None) is None  # a server: the full way


def _hold_lock(data: Path, job: str, pid: int) -> Path:
    lock = quick.warming_lock(data, job)
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text(str(pid), encoding="ascii")
    return lock


@pytest.fixture
def sleeper():
    """A process standing for a running warm-up."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


@pytest.mark.parametrize("job", ["pdf zh", ""])  # its own warm-up; any, for a sector's
def test_an_export_waits_while_its_warm_up_runs(data, sleeper, job):
    lock = _hold_lock(data, "pdf zh", sleeper.pid)
    waited = threading.Event()
    done = threading.Thread(
        target=lambda: (quick.wait_for_warming(data, job=job), waited.set()), daemon=True
    )
    done.start()
    assert not waited.wait(0.5)  # the warm-up's process is alive and holds the lock
    lock.unlink()
    done.join(10)
    assert waited.is_set()


def test_an_export_stops_waiting_once_its_own_file_is_made(data, sleeper):
    lock = _hold_lock(data, "pdf zh", sleeper.pid)
    made = threading.Event()
    waited = threading.Thread(
        target=lambda: quick.wait_for_warming(data, ready=made.is_set, job="pdf zh"),
        daemon=True,
    )
    waited.start()
    made.set()  # the warm-up wrote this export; it goes on cutting the fonts
    waited.join(10)
    assert not waited.is_alive() and lock.exists()


def test_an_export_does_not_wait_for_the_warm_up_of_another_export(data, sleeper):
    lock = _hold_lock(data, quick.warming_job("pptx", None, "zh"), sleeper.pid)
    handout = quick.warming_job("pdf", None, "zh")
    waited = threading.Thread(target=lambda: quick.wait_for_warming(data, job=handout))
    waited.start()
    waited.join(10)
    assert not waited.is_alive() and lock.exists() and sleeper.poll() is None


def test_a_dead_warm_up_s_lock_is_not_waited_for(data, sleeper):
    sleeper.kill()
    sleeper.wait()
    _hold_lock(data, "pdf zh", sleeper.pid)
    waited = threading.Thread(target=lambda: quick.wait_for_warming(data, job="pdf zh"))
    waited.start()
    waited.join(10)
    assert not waited.is_alive()


def test_the_warm_up_makes_its_export_for_the_first_export_and_cuts_the_fonts(
    data, monkeypatch, tmp_path
):
    monkeypatch.setenv("PGDASH_CACHE", str(tmp_path / "cache"))
    for fmt, lang in warm.WARMED:
        warm.warm(data, fmt, lang)
        assert not quick.warming_lock(data, quick.warming_job(fmt, None, lang)).exists()
    assert len(list((tmp_path / "cache").glob("subset-*"))) == 2  # for the next handouts
    monkeypatch.setattr(api, "export_file", made_from_tables)
    deck, handout = (quick.export_bytes(fmt, None, data, lang) for fmt, lang in warm.WARMED)
    assert deck.startswith(b"PK") and handout.startswith(b"%PDF")


def _start_warm_up(data: Path, cache: Path, fmt: str) -> tuple[subprocess.Popen, int]:
    """A real warm-up of ``fmt`` filling ``cache``, and the build's end of its pipe."""
    ready, go = os.pipe()
    command = [sys.executable, "-m", "pgdash.export.warm", "--data", str(data)]
    process = subprocess.Popen(
        [*command, "--format", fmt, "--ready-fd", str(ready)],
        pass_fds=(ready,),
        env={**os.environ, "PGDASH_CACHE": str(cache)},
    )
    os.close(ready)
    return process, go


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="Linux's scheduling classes")
def test_a_warm_up_waits_as_a_batch_job_and_stops_when_the_build_fails(data, tmp_path):
    """It never preempts the build beside it, yet is not starved by a busy app server; a
    failed build closes its pipe unread."""
    cache = tmp_path / "cache"
    process, go = _start_warm_up(data, cache, "pptx")
    try:
        lock = cache / quick.warming_lock(data, "pptx zh").name
        for _ in range(200):
            if lock.exists():
                break
            time.sleep(0.05)
        assert lock.exists() and process.poll() is None  # holding its lock, waiting
        assert os.sched_getscheduler(process.pid) == os.SCHED_BATCH
    finally:
        os.close(go)
        assert process.wait(60) == 0
    assert not lock.exists() and not list(cache.glob("pptx-*"))


def test_a_warm_up_makes_its_export_when_the_build_says_so(data, tmp_path):
    cache = tmp_path / "cache"
    process, go = _start_warm_up(data, cache, "pdf")
    os.write(go, b"1")
    os.close(go)
    assert process.wait(120) == 0
    assert list(cache.glob("pdf-*.pdf")) and not list(cache.glob("warming-*"))


def test_a_build_starts_the_warm_ups_before_it_builds_unless_they_are_turned_off(
    tmp_path, monkeypatch
):
    """They import what they need beside the build and go on only once it has succeeded."""
    from pgdash.pipeline.write import build as build_stage

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kw: started.append(command))
    monkeypatch.setenv("PGDASH_WARM", "0")
    warm.start(tmp_path).built()
    assert not started
    monkeypatch.setenv("PGDASH_WARM", "1")
    told: list[int] = []
    real_build = build_stage.build
    monkeypatch.setattr(
        build_stage, "build", lambda *a: (told.append(len(started)), real_build(*a))[1]
    )
    assert main(["build", "--seeds", str(seeds_dir()), "--data", str(tmp_path / "d")]) == 0
    assert told == [len(warm.WARMED)]  # both were started before the build began
    data = str(tmp_path / "d")
    assert [c[:8] for c in started] == [
        [sys.executable, "-m", "pgdash.export.warm", "--data", data, "--format", fmt, "--lang"]
        for fmt, _ in warm.WARMED
    ]


def test_a_table_is_read_without_the_builds_notes(built_data):
    assert read_table("facts", built_data).attrs == {}
    assert read_table("sites", built_data).attrs == {}


def _loaded_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter holds after running ``code``."""
    names = "sorted({m.split('.')[0] for m in sys.modules})"
    script = f"{code}\nimport sys\nprint(' '.join({names}))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_the_command_and_the_quick_export_load_no_table_library():
    loaded = _loaded_after("import pgdash.cli, pgdash.export.quick, pgdash.export.warm")
    assert not loaded & {"pandas", "pyarrow", "sqlalchemy", "pptx", "fpdf", "altair"}


def test_the_full_export_loads_only_what_its_format_and_ledger_need():
    loaded = _loaded_after("import pgdash.export.api")
    assert "pandas" in loaded
    assert not loaded & {"sqlalchemy", "pydeck", "pptx", "fpdf", "vl_convert", "altair"}
