"""An export of unchanged inputs is read back without loading the tables, and the build's
background warm-up fills the cache the first export reads."""

import os
import shutil
import subprocess
import sys
import threading
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


def test_an_export_waits_while_a_warm_up_of_the_same_data_runs(data):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = quick.warming_lock(data)
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_text(str(sleeper.pid), encoding="ascii")
        waited = threading.Event()
        done = threading.Thread(target=lambda: (quick.wait_for_warming(data), waited.set()))
        done.start()
        assert not waited.wait(0.5)  # the warm-up's process is alive and holds the lock
        lock.unlink()
        done.join(10)
        assert waited.is_set()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_the_warm_up_makes_the_default_exports_for_the_first_export(data, monkeypatch):
    warm.warm(data)
    assert not quick.warming_lock(data).exists()
    monkeypatch.setattr(api, "export_file", made_from_tables)
    deck, handout = (quick.export_bytes(fmt, None, data, lang) for fmt, lang in warm.WARMED)
    assert deck.startswith(b"PK") and handout.startswith(b"%PDF")


def test_a_build_starts_the_warm_up_unless_it_is_turned_off(tmp_path, monkeypatch):
    started, envs = [], []
    monkeypatch.setattr(
        subprocess, "Popen", lambda command, **kw: started.append(command) or envs.append(kw)
    )
    monkeypatch.setenv("PGDASH_WARM", "0")
    assert not warm.start(tmp_path) and not started
    monkeypatch.setenv("PGDASH_WARM", "1")
    assert main(["build", "--seeds", str(seeds_dir()), "--data", str(tmp_path / "d")]) == 0
    assert started == [[sys.executable, "-m", "pgdash.export.warm", "--data", str(tmp_path / "d")]]
    assert envs[0]["env"]["PGDASH_CUT_FONTS"] == "1"  # nobody waits for it: it cuts the fonts


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


def test_an_export_stops_waiting_once_its_own_file_is_made(data):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = quick.warming_lock(data)
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_text(str(sleeper.pid), encoding="ascii")
        made = threading.Event()
        waited = threading.Thread(
            target=lambda: quick.wait_for_warming(data, ready=made.is_set), daemon=True
        )
        waited.start()
        made.set()  # the warm-up wrote this export; it goes on with the next one
        waited.join(10)
        assert not waited.is_alive() and lock.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_an_export_does_not_wait_for_a_warm_up_making_another_export(data):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = quick.warming_lock(data)
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_text(f"{sleeper.pid} {quick.warming_job('pptx', None, 'zh')}", encoding="ascii")
        handout = quick.warming_job("pdf", None, "zh")
        waited = threading.Thread(
            target=lambda: quick.wait_for_warming(data, job=handout), daemon=True
        )
        waited.start()
        waited.join(10)
        assert not waited.is_alive() and lock.exists() and sleeper.poll() is None
    finally:
        sleeper.kill()
        sleeper.wait()
