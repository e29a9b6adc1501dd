"""The build as a whole: atomic, deterministic, stale detection, one-line errors."""

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pgdash.cli import main
from pgdash.errors import PgdashError
from pgdash.paths import SERVER, seeds_dir
from pgdash.pipeline.relate import comparisons
from pgdash.pipeline.write import build as build_stage
from pgdash.schema import COMPARISONS, TABLES, read_table


def snapshot(folder: Path) -> dict[str, str]:
    """File name → content hash of every file in ``folder``."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), folder)
    return folder


@pytest.fixture
def built(seeds: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    build_stage.build(seeds, data)
    return data


def test_build_writes_every_table_and_the_boundary(built: Path) -> None:
    names = {p.name for p in built.iterdir()}
    assert {f"{t}.parquet" for t in TABLES} <= names
    assert {"boundary.geojson", "manifest.json"} <= names
    for table in TABLES:
        read_table(table, built)  # passes its schema check
    docs = read_table("documents", built)
    assert list(docs["doc_id"]) == ["gwr2023", "press2024"]
    assert (docs["chars"] == docs["text"].str.len()).all()


def test_two_builds_give_identical_tables(built: Path, seeds: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_stage.build(seeds, again)
    for table in TABLES:
        pd.testing.assert_frame_equal(read_table(table, built), read_table(table, again))


def test_failed_build_leaves_data_exactly_as_it_was(built: Path, seeds: Path) -> None:
    before = snapshot(built)
    meta = seeds / "pinggu-gwr-2023.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title =", "name ="))
    with pytest.raises(PgdashError, match="lacks the field"):
        build_stage.build(seeds, built)
    assert snapshot(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["data", "seeds"]


def test_table_that_fails_its_schema_is_refused(
    built: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(built)
    bad_row = {name: "not a number" for name in COMPARISONS.names}
    monkeypatch.setattr(
        comparisons, "build_comparisons", lambda facts, documents=None: pd.DataFrame([bad_row])
    )
    monkeypatch.setattr(build_stage.validate, "check_related", lambda *args: None)
    with pytest.raises(PgdashError, match="table comparisons does not fit its schema"):
        build_stage.build(seeds, built)
    assert snapshot(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["data", "seeds"]


def test_stale_when_missing_changed_or_corrupt(built: Path, seeds: Path, tmp_path: Path) -> None:
    assert not build_stage.is_stale(seeds, built)
    assert build_stage.is_stale(seeds, tmp_path / "missing")
    doc = seeds / "press-conference-2024-08.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert build_stage.is_stale(seeds, built)
    assert build_stage.ensure_built(seeds, built) is not None
    assert build_stage.ensure_built(seeds, built) is None
    (built / "manifest.json").write_text("{not json", encoding="utf-8")
    assert build_stage.is_stale(seeds, built)


def test_build_report_counts_facts(seeds: Path, tmp_path: Path) -> None:
    report = build_stage.build(seeds, tmp_path / "data")
    facts = read_table("facts", tmp_path / "data")
    assert report.rows["facts"] == len(facts)
    assert sum(report.facts_by["kind"].values()) == len(facts)
    lines = report.lines()
    assert lines[0].startswith("tables: documents 2, facts ")
    assert any(line.startswith("unclassified figures: ") for line in lines)


def test_cli_prints_one_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["--seeds", str(tmp_path / "nope"), "--data", str(tmp_path / "d"), "build"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and "nope does not exist" in err
    assert not (tmp_path / "d").exists()


def test_cli_build_succeeds(seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--seeds", str(seeds), "--data", str(tmp_path / "d"), "build"]) == 0
    out = capsys.readouterr().out
    assert "facts by sector:" in out and out.rstrip().endswith(f"built {tmp_path / 'd'}")


def test_cli_run_builds_then_starts_streamlit_with_its_options(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr("os.execvpe", lambda file, args, env: started.append((args, env)))
    monkeypatch.setattr("os.chdir", lambda path: None)
    data = tmp_path / "d"
    argv = ["--seeds", str(seeds), "--data", str(data), "run", "--server.port", "8999"]
    assert main(argv) == 0
    ((command, env),) = started
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4] == str(SERVER)
    assert command[5:] == ["--server.port", "8999"]
    assert env["PGDASH_DATA"] == str(data) and not build_stage.is_stale(seeds, data)


def test_cli_other_commands_refuse_unknown_options(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--server.port", "1"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --server.port 1" in capsys.readouterr().err


def test_folders_may_follow_the_command(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[dict[str, str]] = []
    monkeypatch.setattr("os.execvpe", lambda file, args, env: started.append(env))
    monkeypatch.setattr("os.chdir", lambda path: None)
    data = tmp_path / "after"
    assert main(["run", "--seeds", str(seeds), "--data", str(data), "--server.port", "1"]) == 0
    assert started[0]["PGDASH_DATA"] == str(data) and not build_stage.is_stale(seeds, data)


def test_build_report_per_document_as_json(seeds: Path, tmp_path: Path, capsys) -> None:
    report = tmp_path / "report.json"
    argv = ["build", "--seeds", str(seeds), "--data", str(tmp_path / "d"), "--report", str(report)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "gwr2023 (pinggu-gwr-2023.txt): work_report" in out
    assert "  part 二、2023年工作思路和主要任务 — plan 2023" in out
    found = json.loads(report.read_text(encoding="utf-8"))
    gwr, press = found["documents"]
    assert (gwr["reviews_year"], gwr["targets_year"], gwr["task_sections"]) == (2022, 2023, 11)
    assert (
        sum(gwr["facts_by_kind"].values()) + sum(press["facts_by_kind"].values())
        == (found["rows"]["facts"])
    )
    assert press["kind"] == "news_article" and press["parts"] == []


def test_metadata_the_text_contradicts_leaves_data_as_it_was(
    built: Path, seeds: Path, capsys
) -> None:
    before = snapshot(built)
    meta = seeds / "pinggu-gwr-2023.toml"
    meta.write_text(meta.read_text(encoding="utf-8") + "targets_year = 2031\n", encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--data", str(built)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "targets_year 2031 appears nowhere in the text" in err
    assert snapshot(built) == before
