"""Fourteen work reports nobody here wrote the engine for, added and built beside the seeds."""

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from corpus.expected import CORPUS, REPORTS, title

from pgdash.paths import seeds_dir
from pgdash.pipeline.read.add import add_document
from pgdash.pipeline.write.build import build
from pgdash.schema import TABLES, read_table

GLOSSARY_HEADS = ("名词解释", "有关名词解释")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    seeds = root / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    for name in sorted(REPORTS):
        add_document(CORPUS / name, seeds)
    build(seeds, root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def tables(data: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(name, data) for name in TABLES}


@pytest.fixture(scope="module")
def doc_ids(tables) -> dict[str, str]:
    """Corpus file name → doc_id, matched by the SHA-256 of the bytes."""
    by_hash = dict(zip(tables["documents"]["sha256"], tables["documents"]["doc_id"], strict=True))
    return {
        name: by_hash[hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()] for name in REPORTS
    }


def glossary_lines(name: str) -> list[str]:
    lines = [line.strip("\u3000 ") for line in (CORPUS / name).read_text("utf-8").splitlines()]
    heads = [i for i, line in enumerate(lines) if line in GLOSSARY_HEADS]
    return [line for line in lines[heads[0] + 1 :] if line] if heads else []


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_documents_carry_their_years_and_district(name: str, tables, doc_ids) -> None:
    district, delivered, reviews, targets, _, _ = REPORTS[name]
    docs = tables["documents"].set_index("doc_id")
    row = docs.loc[doc_ids[name]]
    assert (row["delivered_year"], row["reviews_year"], row["targets_year"]) == (
        delivered,
        reviews,
        targets,
    )
    assert row["district"] == district and row["kind"] == "work_report"
    assert row["title"] == title(name)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_task_sections_counted_per_report(name: str, tables, doc_ids) -> None:
    tasks = tables["tasks"][tables["tasks"]["doc_id"] == doc_ids[name]]
    sections = sorted(set(tasks["section_no"]) - {0})
    assert sections == list(range(1, REPORTS[name][4] + 1))
    titles = tasks.drop_duplicates("section_no")["section_title"].iloc[1:]
    assert titles.str.match(r"^（[一二三四五六七八九十]+）").all()
    assert (tasks["section_no"] == 0).sum() >= 4  # the main expected targets, one per clause


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_paragraphs_kept_as_written_and_glossary_cut(name: str, tables, doc_ids) -> None:
    text = tables["documents"].set_index("doc_id").loc[doc_ids[name], "text"]
    raw = [line.strip("\u3000 ") for line in (CORPUS / name).read_text("utf-8").splitlines()]
    body = [line for line in raw if line]
    glossary = glossary_lines(name)
    if glossary:
        body = body[: body.index(next(h for h in GLOSSARY_HEADS if h in body))]
    lines = text.split("\n")[:-1]
    assert is_subsequence(lines, body)  # one paragraph per line, none joined or split
    assert len(set(lines)) >= len(lines) - 12  # a report held twice is read once
    dropped = [line for line in body if line not in set(lines)]
    assert len(dropped) <= len(body) // 2 + 12, dropped[:5]  # only chrome and a second copy
    assert not any(entry in text for entry in glossary)


def is_subsequence(lines: list[str], body: list[str]) -> bool:
    rest = iter(body)
    return all(any(line == other for other in rest) for line in lines)


@pytest.mark.parametrize(
    ("name", "gone"),
    [
        ("hebei-2026.txt", ("全屏", "【字号：", "减小", "来源：河北日报", "时间：2026-02-02", "霍艳恩摄")),
        ("shanghai-2026.txt", ("下载", "收藏", "来源：解放日报", "时间：2026-02-09")),
        ("chongqing-2026.txt", ("打印", "来源：重庆日报", "时间：2026-02-03")),
        ("state-council-2024.txt", ("新华社北京3月12日电", "新华社记者 姚大伟 摄", "责任编辑")),
        ("state-council-2025.txt", ("新华社北京3月12日电", "新华社记者 刘彬 摄", "责任编辑")),
    ],
)
def test_page_chrome_dateline_and_caption_are_not_read(name, gone, tables, doc_ids) -> None:
    text = tables["documents"].set_index("doc_id").loc[doc_ids[name], "text"]
    assert not [line for line in text.split("\n") if line.startswith(gone) or line.endswith(gone)]
    assert text.count("现在，我代表") == 1  # the whole report held twice is read once


def test_six_reports_had_a_glossary() -> None:
    assert sum(bool(glossary_lines(name)) for name in REPORTS) == 6


def test_no_table_quotes_a_glossary(tables) -> None:
    entries = [entry for name in REPORTS for entry in glossary_lines(name)]
    for name, frame in tables.items():
        for column in frame.columns:
            if frame[column].dtype == object and isinstance(frame[column].iloc[0], str):
                values = frame[column].str.cat(sep="\n")
                assert "名词解释" not in values, (name, column)
                assert not any(entry in values for entry in entries[:40]), (name, column)


def test_every_report_has_main_targets_and_tasks_in_its_plan(tables, doc_ids) -> None:
    targets = tables["main_targets"]
    tasks = tables["tasks"]
    for name, doc_id in doc_ids.items():
        assert (targets["doc_id"] == doc_id).sum() >= 4, name
        assert tasks.loc[tasks["doc_id"] == doc_id, "task_id"].str.startswith(f"{doc_id}-t").all()
    assert tasks["task_id"].is_unique


def test_pinggu_tasks_are_what_they_were_alone(tables, built_data: Path) -> None:
    alone = read_table("tasks", built_data)
    beside = tables["tasks"][tables["tasks"]["doc_id"] == "gwr2023"].reset_index(drop=True)
    assert (alone["doc_id"] == "gwr2023").all()
    pd.testing.assert_frame_equal(alone, beside)
    assert alone["task_id"].iloc[0] == "t00-001"
