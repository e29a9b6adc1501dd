"""Heading paths of the two documents."""

import pytest

from pgdash.paths import seeds_dir
from pgdash.pipeline.read.seeds import load_corpus
from pgdash.pipeline.text.numerals import parse_chinese_int
from pgdash.pipeline.text.outline import Outline


@pytest.fixture(scope="module")
def docs():
    return {d.doc_id: d for d in load_corpus(seeds_dir())}


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("九", 9), ("十", 10), ("十一", 11)])
def test_section_numerals_parse(numeral: str, value: int) -> None:
    assert parse_chinese_int(numeral) == value


def test_report_has_two_parts_and_eleven_plan_sections(docs) -> None:
    doc = docs["gwr2023"]
    outline = Outline(doc.text, doc.kind)
    parts = [h.title for h in outline.headings if h.level == 1]
    assert parts == ["一、2022年工作回顾", "二、2023年工作思路和主要任务"]
    plan_start = outline.headings[[h.title for h in outline.headings].index(parts[1])].start
    plan_sections = [h for h in outline.headings if h.level == 2 and h.start > plan_start]
    assert [outline.section_no_at(h.start) for h in plan_sections] == list(range(1, 12))


def test_path_at_gives_part_section_and_subheading(docs) -> None:
    doc = docs["gwr2023"]
    outline = Outline(doc.text, doc.kind)
    offset = doc.text.index("启动4064亩土地整理")
    assert outline.path_at(offset).split(" › ") == [
        "二、2023年工作思路和主要任务",
        "（三）坚定不移服务新发展格局，打造首都物流高地",
        "加速大项目落地",
    ]
    assert outline.section_no_at(offset) == 3


def test_review_subheading_found_mid_page(docs) -> None:
    doc = docs["gwr2023"]
    outline = Outline(doc.text, doc.kind)
    offset = doc.text.index("已落地社会投资19.69亿元")
    assert outline.path_at(offset).endswith("物流“大流量”初具规模")


def test_article_titles(docs) -> None:
    doc = docs["press2024"]
    outline = Outline(doc.text, doc.kind)
    titles = [h.title for h in outline.headings]
    assert titles[0] == "连续三年GDP平均增速9.1%"
    assert "打造首都物流高地" in titles
    offset = doc.text.index("4000万吨")
    assert outline.path_at(offset) == "打造首都物流高地"
