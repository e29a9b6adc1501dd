"""What a second reader of the facts table checks: names a leader understands without the
quote, one name per figure, no figure counted twice, no non-figure as a fact.

The rules are general (tried on the other districts' reports in ``../shared/corpus``); the
sentences below the seeds' checks are taken from those reports.
"""

import re

import pandas as pd
import pytest

from pgdash.display.formatting import fact_value
from pgdash.paths import seeds_dir
from pgdash.pipeline.extract.catalogue import VAGUE_WORDS
from pgdash.pipeline.extract.english import english_name, is_fallback
from pgdash.pipeline.extract.facts import build_facts, document_facts
from pgdash.pipeline.read.seeds import Document, load_corpus
from pgdash.pipeline.text.outline import Outline

DOCS = load_corpus(seeds_dir())
TEXTS = {d.doc_id: d.text for d in DOCS}
MAX_VAGUE_SHARE = 0.02
FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    table, _ = build_facts(DOCS, {d.doc_id: Outline(d.text, d.kind) for d in DOCS})
    return table


def is_vague(metric: str) -> bool:
    """A name that is only a generic word (项目, 地块 …), with or without a note in （）."""
    return re.sub(r"（[^）]*）$", "", metric) in VAGUE_WORDS and "（" not in metric


def test_vague_words_may_not_stand_alone_as_a_name(facts: pd.DataFrame) -> None:
    for word in ("项目", "地块", "领域", "任务", "河湖", "居民"):
        assert word in VAGUE_WORDS
    vague = facts.loc[facts["metric"].map(is_vague), "metric"].tolist()
    assert len(vague) / len(facts) <= MAX_VAGUE_SHARE, vague
    assert not set(facts["metric"]) & set(VAGUE_WORDS)


def test_every_fact_has_a_finished_english_name(facts: pd.DataFrame) -> None:
    english = facts["metric_en"]
    assert not english.str.contains("see quote").any()
    assert not english.map(is_fallback).any(), facts.loc[english.map(is_fallback), "metric"]
    assert not english.map(lambda e: bool(FULL_WIDTH.search(e))).any()
    assert english.map(lambda e: e[:1].isupper() or e[:1] in "'\"").all()


def test_no_two_figures_of_a_document_share_a_name_period_and_kind(facts: pd.DataFrame) -> None:
    keys = ["doc_id", "metric", "period", "kind"]
    shared = facts[facts.duplicated(keys, keep=False)]
    assert shared.empty, shared[[*keys, "raw"]].to_string()


@pytest.mark.parametrize(
    ("doc_id", "fragment", "raw", "metric", "metric_en"),
    [
        ("gwr2023", "85个集体经济薄弱村全部消薄", "85个", "全部消薄的集体经济薄弱村",
         "Villages lifted out of a weak collective economy"),
        ("gwr2023", "重污染天数减少4天", "4天", "重污染天数较上年减少",
         "Fewer heavy-pollution days than the year before"),
        # what is reduced, what is replaced, and that 330 is expected while 19.69 has landed
        ("gwr2023", "完成115公顷减量任务", "115公顷", "建设用地减量", "Construction land reduced"),
        ("gwr2023", "更换安全型配件1.2万套", "1.2万套", "液化气用户更换安全型配件",
         "LPG safety fittings replaced"),
        ("gwr2023", "预计形成社会投资330亿元以上", "330亿元", "物流产业社会投资（预计总额）",
         "Logistics social investment: expected total"),
        ("gwr2023", "已落地社会投资19.69亿元", "19.69亿元", "物流产业社会投资（已落地）",
         "Logistics social investment: landed so far"),
        ("gwr2023", "建设45个“博士”农场", "45个", "“博士”农场", "PhD farms (run with PhD experts)"),
        ("gwr2023", "新建5个一刻钟便民生活圈", "5个", "一刻钟便民生活圈",
         "Neighbourhood service circles (15 minutes on foot)"),
        ("gwr2023", "334项企业诉求100%满意办结", "100%", "“服务包”企业诉求满意办结率",
         "Business requests resolved to satisfaction, rate"),
        ("gwr2023", "完成32个国家驻华使馆", "32个", "青年外交官走进平谷的驻华使馆所属国家",
         "Countries whose young embassy diplomats visited Pinggu"),
        ("gwr2023", "拉动社零额增长近亿元", "亿元", "消费券拉动社会消费品零售额增长",
         "Increase in retail sales driven by consumption vouchers"),
    ],
)  # fmt: skip
def test_names_say_what_the_sentence_means(
    facts: pd.DataFrame, doc_id: str, fragment: str, raw: str, metric: str, metric_en: str
) -> None:
    at = TEXTS[doc_id].index(fragment) + fragment.index(raw)
    row = facts[(facts["doc_id"] == doc_id) & (facts["start"] == at)].iloc[0]
    assert (row["metric"], row["metric_en"]) == (metric, metric_en)


@pytest.mark.parametrize(
    ("doc_id", "fragment", "raw"),
    [
        ("gwr2023", "重点落实好以下十一方面任务", "十一方面"),  # list header
        ("press2024", "和谐宜居六方面的发展情况", "六方面"),  # agenda count
        ("gwr2023", "抓好两个“关键小事”", "两个"),  # slogan
        ("gwr2023", "地区生产总值20年来首次跃居", "20年"),  # figure of speech
        ("gwr2023", "超额完成新一轮百万亩造林", "百万亩"),  # Beijing's programme
    ],
)
def test_non_figures_are_not_facts(facts: pd.DataFrame, doc_id: str, fragment: str, raw: str):
    at = TEXTS[doc_id].index(fragment) + fragment.index(raw)
    in_doc = facts[facts["doc_id"] == doc_id]
    assert in_doc[(in_doc["start"] < at + len(raw)) & (in_doc["end"] > at)].empty


def test_a_figure_a_title_repeats_is_one_fact(facts: pd.DataFrame) -> None:
    text = TEXTS["press2024"]
    press = facts[facts["doc_id"] == "press2024"]
    for title, body in (("连续三年GDP平均增速9.1%", "平均增速在9.1%"),
                        ("北京：上半年近300家直播电商", "上半年吸引近300家")):  # fmt: skip
        span = range(text.index(title), text.index(title) + len(title))
        rows = press[press["also_at"].map(lambda starts, span=span: any(s in span for s in starts))]
        assert len(rows) == 1 and body in rows.iloc[0]["quote"]
        assert not press["start"].isin(span).any()


def test_shared_rank_is_one_row_per_subject(facts: pd.DataFrame) -> None:
    at = TEXTS["gwr2023"].index("均居全市首位") + len("均居全市")
    rows = facts[(facts["doc_id"] == "gwr2023") & (facts["start"] == at)]
    assert sorted(rows["metric"]) == sorted(
        f"{s}全市排名" for s in ("果品产量", "禽蛋产量", "蛋鸡存栏", "生猪存栏")
    )
    assert (rows["value"] == 1).all() and rows["is_rank"].all() and rows["fact_id"].is_unique


def test_range_keeps_both_bounds(facts: pd.DataFrame) -> None:
    row = facts[facts["raw"] == "2-3所"].iloc[0]
    assert (row["value"], row["value_max"], row["comparator"]) == (2, 3, "=")
    assert (fact_value(row, "zh"), fact_value(row, "en")) == ("2–3所", "2–3 schools")
    assert facts.loc[facts["raw"] != "2-3所", "value_max"].isna().all()


def test_fractions_are_shares_shown_as_written(facts: pd.DataFrame) -> None:
    row = facts[facts["raw"] == "三分之一"].iloc[0]
    assert (row["unit"], row["value_std"], row["unit_std"]) == ("%", pytest.approx(100 / 3), "%")
    assert (fact_value(row, "zh"), fact_value(row, "en")) == ("三分之一", "1/3")


# --- the same rules on sentences of other districts' reports (../shared/corpus) ---


def report_facts(text: str) -> list[dict]:
    text = "一、2024年工作回顾\n" + text
    doc = Document("t", "t", "", "2025", "work_report", "", "t.txt", "", text)
    rows, _ = document_facts(doc, Outline(doc.text, doc.kind))
    return rows


def test_shared_rank_in_another_report() -> None:
    rows = report_facts("启动14处、完成7处地下电力设施迁改上移，启动和完成数量均居全市首位。")
    ranks = [r["metric"] for r in rows if r["is_rank"]]
    assert ranks == ["启动数量全市排名", "完成数量全市排名"]


@pytest.mark.parametrize(
    ("text", "raw", "unit"),
    [("新增商事主体5万余家，", "5万", "万家"), ("约20万工人的特大型厂区", "20万", "万人")],
)
def test_magnitude_takes_the_counter_of_its_noun(text: str, raw: str, unit: str) -> None:
    (row,) = [r for r in report_facts(text) if r["raw"] == raw]
    assert row["unit"] == unit


def test_total_and_its_rank_borrow_the_name_before() -> None:
    rows = report_facts("互联网和相关服务业营业收入突破450亿元，总量全市第二，增长48.6%。")
    assert [r["metric"] for r in rows] == [
        "互联网和相关服务业营业收入",
        "互联网和相关服务业营业收入全市排名",
        "互联网和相关服务业营业收入增速",
    ]


def test_figures_sharing_a_name_get_names_of_their_own() -> None:
    rows = report_facts("服务企业融资510家、融资金额15.2亿元。推动三大集群规模分别达到2300亿元、"
                        "1300亿元和600亿元。")  # fmt: skip
    names = [(r["metric"], r["period"], r["kind"]) for r in rows]
    assert len(set(names)) == len(names), names


def test_range_in_another_report() -> None:
    (row,) = report_facts("打造1-2个幼小初高全学段紧密型教育集团。")
    assert (row["value"], row["value_max"]) == (1, 2)


@pytest.mark.parametrize(
    "text",
    ["重点做好以下八个方面工作：", "成功防御20年来最强“龙舟水”。", "实现四个“零发生”。",
     "出台实施《建设实施方案（2022-2023年）》。"],
)  # fmt: skip
def test_non_figures_in_another_report(text: str) -> None:
    assert report_facts(text) == []


def test_english_of_an_unknown_measure_describes_its_unit() -> None:
    assert english_name("某某指标", "人") == "Number of people"
