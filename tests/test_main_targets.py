"""The main_targets table: the clauses of the 主要预期目标 paragraph and their target facts."""

import pandas as pd
import pyarrow as pa
import pytest

from pgdash.pipeline.extract import facts
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.relate import tasks
from pgdash.pipeline.relate.main_targets import (
    build_main_targets,
    target_clauses,
    target_paragraph,
)
from pgdash.pipeline.text.outline import Outline
from pgdash.schema import MAIN_TARGETS, empty_frame, read_table

CLAUSES = [
    "地区生产总值增速5%左右",
    "地方级一般公共预算收入增长5%",
    "居民消费价格涨幅控制在3%以内",
    "城镇登记失业率控制在4.8%以内",
    "居民人均可支配收入与经济增长基本同步",
    "生态环境质量、能源、水资源等指标落实市级要求",
]


@pytest.fixture(scope="module")
def extracted(seed_docs) -> pd.DataFrame:
    outlines = {d.doc_id: Outline(d.text, d.kind) for d in seed_docs}
    return facts.build_facts(seed_docs, outlines)[0]


@pytest.fixture(scope="module")
def table(seed_docs, extracted) -> pd.DataFrame:
    return build_main_targets(seed_docs, extracted)


def test_one_row_per_clause_in_text_order(table: pd.DataFrame, seed_docs) -> None:
    assert table["clause"].tolist() == CLAUSES
    assert table["clause_no"].tolist() == list(range(1, len(CLAUSES) + 1))
    assert set(table["doc_id"]) == {"gwr2023"}
    text = next(d.text for d in seed_docs if d.doc_id == "gwr2023")
    for row in table.itertuples():
        assert text[row.start : row.end] == row.clause
    assert table["start"].is_monotonic_increasing
    pa.Table.from_pandas(table, schema=MAIN_TARGETS, preserve_index=False)  # fits its schema
    assert list(table.columns) == MAIN_TARGETS.names


def test_each_clause_names_the_targets_stated_in_it(table: pd.DataFrame, extracted) -> None:
    by_id = extracted.set_index("fact_id")
    for row in table.itertuples():
        stated = by_id.loc[list(row.fact_ids)]
        assert (stated["kind"] == "target").all()
        assert ((stated["start"] >= row.start) & (stated["end"] <= row.end)).all()
        assert stated["start"].is_monotonic_increasing
    raws = [by_id.loc[list(ids), "raw"].tolist() for ids in table["fact_ids"]]
    assert raws == [["5%"], ["5%"], ["3%"], ["4.8%"], [], []]


def test_facts_that_are_not_targets_are_left_out(table: pd.DataFrame, seed_docs, extracted):
    actuals = extracted.assign(kind="actual")
    assert all(len(ids) == 0 for ids in build_main_targets(seed_docs, actuals)["fact_ids"])


def test_the_clauses_are_the_plans_section_zero(table: pd.DataFrame, seed_docs) -> None:
    outlines = {d.doc_id: Outline(d.text, d.kind) for d in seed_docs}
    plan = tasks.build_tasks(seed_docs, outlines, empty_frame("facts"))
    zero = plan[plan["section_no"] == 0]
    assert zero[["sentence", "start", "end"]].values.tolist() == (
        table[["clause", "start", "end"]].values.tolist()
    )


def test_the_paragraph_is_what_follows_the_colon() -> None:
    text = "前言。\n今年主要预期目标是：增长5%；就业8500人。\n（一）任务。"
    span = target_paragraph(text)
    assert span is not None and span.text_of(text) == "增长5%；就业8500人。"
    assert [c.text_of(text) for c in target_clauses(text)] == ["增长5%", "就业8500人"]
    assert target_paragraph("没有目标。") is None and target_clauses("没有目标。") == []


def test_news_articles_and_reports_without_targets_give_no_rows() -> None:
    article = Document(
        "a", "t", "t", "2024", "news_article", "p", "a.txt", "0", "主要预期目标：增长5%。"
    )
    report = Document("r", "t", "t", "2023", "work_report", "p", "r.txt", "0", "一、回顾\n增长。")
    assert build_main_targets([article, report], empty_frame("facts")).empty


def test_the_build_writes_the_main_targets(built_data, table: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(read_table("main_targets", built_data), table)
