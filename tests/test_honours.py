"""The year's honours are found in the report's review of the year, not typed in."""

import pytest

from pgdash.pipeline.extract.honours import build_honours, find_honours, review_span
from pgdash.pipeline.text.outline import Outline
from pgdash.schema import HONOURS, read_table


@pytest.fixture(scope="module")
def report(seed_docs):
    return next(d for d in seed_docs if d.kind == "work_report")


@pytest.fixture(scope="module")
def honours(report):
    return find_honours(report.text, report.kind)


@pytest.mark.parametrize(
    "title",
    [
        "国家生态文明建设示范区",
        "国家现代农业（畜禽种业）产业园",
        "全国乡村振兴重点工作“激励县”",
        "国家非遗旅游村寨",
        "全市首批全国未成年人保护示范区",
    ],
)
def test_known_honours_are_found(honours, title):
    assert title in [h.title for h in honours]


@pytest.mark.parametrize(
    "not_an_honour",
    ["全国法治政府建设示范区", "文明城区", "感不断增强", "全面展开", "国家乡村振兴示范区"],
)
def test_plans_and_lookalikes_are_not_honours(honours, not_an_honour):
    assert not any(h.title == not_an_honour for h in honours)


def test_every_honour_is_a_clause_of_the_review(report, honours):
    first, last = review_span(report.text, Outline(report.text, report.kind))
    assert honours
    for h in honours:
        assert first <= h.start < h.end <= last
        assert report.text[h.start : h.end] == h.clause
        unquoted = str.maketrans("", "", "“”")
        assert h.title.translate(unquoted) in h.clause.translate(unquoted)


def test_titles_are_unique_and_national_ones_are_flagged(honours):
    titles = [h.title for h in honours]
    assert len(titles) == len(set(titles))
    eco = next(h for h in honours if h.title == "国家生态文明建设示范区")
    assert eco.is_national and eco.sector == "ecology"
    assert not next(h for h in honours if h.title == "北京市优美河湖").is_national


def test_news_articles_have_no_honours(seed_docs):
    article = next(d for d in seed_docs if d.kind == "news_article")
    assert find_honours(article.text, article.kind) == []


def test_honours_table_has_one_row_per_honour(seed_docs, honours):
    outlines = {d.doc_id: Outline(d.text, d.kind) for d in seed_docs}
    table = build_honours(seed_docs, outlines)
    assert list(table.columns) == HONOURS.names
    assert list(table["title"]) == [h.title for h in honours]
    assert set(table["doc_id"]) == {"gwr2023"}
    assert table["start"].is_monotonic_increasing


def test_the_build_writes_the_honours(built_data, honours):
    table = read_table("honours", built_data)
    assert list(table["title"]) == [h.title for h in honours]
    assert table["is_national"].dtype == bool and table["is_national"].sum() == sum(
        h.is_national for h in honours
    )


def test_a_report_without_a_review_part_has_honours_anywhere_in_it():
    text = "我区荣获国家生态文明建设示范区。"
    (honour,) = find_honours(text)
    assert (honour.title, honour.holder, honour.clause) == ("国家生态文明建设示范区", "", text[:-1])
    assert (honour.start, honour.end) == (0, len(text) - 1)


def test_started_titles_are_not_honours():
    assert find_honours("我区启动创建国家森林城市，争创全国文明城区。") == []


@pytest.mark.parametrize(
    "clause",
    ["我区获评国家园林城区", "我区获批国家园林城区", "我区入选国家园林城区",
     "我区成功创建国家园林城区", "我区摘取国家园林城区"],
)  # fmt: skip
def test_a_title_won_is_an_honour(clause):
    (honour,) = find_honours(clause + "。")
    assert honour.title == "国家园林城区" and honour.is_national


def test_a_medal_taken_is_a_national_honour(honours):
    """再次摘取国字号生态金牌: 摘取 is a title won; 国字号 is national."""
    medal = next(h for h in honours if h.title == "国字号生态金牌")
    assert medal.is_national


def test_a_title_being_worked_for_is_not_an_honour():
    """创建 alone is work under way (创建国家乡村振兴示范区), not a title won."""
    assert find_honours("创建国家乡村振兴示范区，推进国家园林城区建设。") == []
