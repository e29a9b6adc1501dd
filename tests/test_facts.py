"""The facts table: contract, determinism, stable ids, names, the curated catalogue."""

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from pgdash.errors import PgdashError
from pgdash.paths import seeds_dir
from pgdash.pipeline.extract.catalogue import CATALOGUE, load_catalogue
from pgdash.pipeline.extract.english import english_name, is_fallback
from pgdash.pipeline.extract.facts import apply_catalogue, build_facts, document_facts
from pgdash.pipeline.extract.units import UNITS
from pgdash.pipeline.read.seeds import Document, load_corpus
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.validate import checks as validate
from pgdash.schema import to_arrow

DOCS = load_corpus(seeds_dir())
TEXTS = {d.doc_id: d.text for d in DOCS}


def outlines(docs: list[Document]) -> dict[str, Outline]:
    return {d.doc_id: Outline(d.text, d.kind) for d in docs}


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    table, unclassified = build_facts(DOCS, outlines(DOCS))
    assert unclassified == []
    return table


def report(text: str) -> Document:
    """A one-paragraph work report reviewing 2022."""
    return Document(
        "t", "t", "", "2023", "work_report", "", "t.txt", "", "一、2022年工作回顾\n" + text
    )


def metrics_of(text: str) -> dict[str, str]:
    doc = report(text)
    rows, _ = document_facts(doc, Outline(doc.text, doc.kind))
    return {r["raw"]: r["metric"] for r in rows}


def test_rows_follow_the_schema_and_point_at_their_numbers(facts: pd.DataFrame) -> None:
    to_arrow(facts, "facts")
    validate.check_facts(facts, TEXTS)  # offsets hold raw; the number lies in its quote
    assert facts["section"].str.len().gt(0).all()
    assert set(facts["doc_id"]) == {"gwr2023", "press2024"}
    plain = facts["unit"].isin(list(UNITS)) & (facts["unit_std"] != "名次")  # 提升9名: places
    for row in facts[plain].itertuples():
        unit = UNITS[row.unit]
        implied = row.unit[0] in "万亿" and row.raw.endswith(row.unit[0])  # 4.2万(液化气用户)
        fraction = "分之" in row.raw and row.unit == "%"  # 三分之一: a share
        assert row.raw.endswith((row.unit, "个", "名")) or implied or fraction, row.raw
        assert (row.value_std, row.unit_std) == (pytest.approx(row.value * unit.factor), unit.std)


@pytest.mark.parametrize(
    ("doc_id", "raw", "value", "unit", "value_std", "unit_std"),
    [
        ("gwr2023", "175亿元", 175, "亿元", 1.75e10, "元"),
        ("gwr2023", "1.57万人", 1.57, "万人", 15700, "人"),
        ("gwr2023", "11.62万亩", 11.62, "万亩", 116200, "亩"),
        ("gwr2023", "9194.86万元", 9194.86, "万元", 91948600, "元"),
        ("press2024", "三分之一", 100 / 3, "%", 100 / 3, "%"),
        ("gwr2023", "4.2万", 4.2, "万户", 42000, "户"),
        ("press2024", "23.5个", 23.5, "个百分点", 23.5, "百分点"),
        ("gwr2023", "9名", 9, "名", 9, "名次"),
    ],
)
def test_values_in_base_units(
    facts: pd.DataFrame,
    doc_id: str,
    raw: str,
    value: float,
    unit: str,
    value_std: float,
    unit_std: str,
) -> None:
    row = facts[(facts["doc_id"] == doc_id) & (facts["raw"] == raw)].iloc[0]
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)
    assert (row["value_std"], row["unit_std"]) == (pytest.approx(value_std), unit_std)


def test_rows_are_in_document_then_text_order(facts: pd.DataFrame) -> None:
    order = {d.doc_id: i for i, d in enumerate(DOCS)}
    keys = list(zip(facts["doc_id"].map(order), facts["start"], strict=True))
    assert keys == sorted(keys)


def test_two_builds_are_identical(facts: pd.DataFrame) -> None:
    again, _ = build_facts(DOCS, outlines(DOCS))
    pd.testing.assert_frame_equal(facts, again)


def test_ids_do_not_depend_on_other_documents_or_rows(facts: pd.DataFrame) -> None:
    press = next(d for d in DOCS if d.doc_id == "press2024")
    alone, _ = document_facts(press, Outline(press.text, press.kind))
    assert [r["fact_id"] for r in alone] == list(
        facts.loc[facts["doc_id"] == "press2024", "fact_id"]
    )
    # a new paragraph in front shifts every offset but keeps the ids
    shifted = replace(press, text="新的一段文字。\n" + press.text)
    moved, _ = document_facts(shifted, Outline(shifted.text, shifted.kind))
    assert [r["fact_id"] for r in moved] == [r["fact_id"] for r in alone]
    assert facts["fact_id"].is_unique


@pytest.mark.parametrize(
    ("doc_id", "raw", "metric", "period"),
    [
        ("gwr2023", "7%", "地区生产总值增速", "2022"),
        ("gwr2023", "5%", "地区生产总值增速", "2023"),
        ("press2024", "6.2%", "地区生产总值增速", "2024H1"),
        ("press2024", "9.1%", "地区生产总值近三年平均增速", "2021-2023"),
        ("gwr2023", "11.2%", "地方级一般公共预算收入增速", "2022"),
        ("gwr2023", "5%", "地方级一般公共预算收入增速", "2023"),
        ("press2024", "10.2%", "地方级一般公共预算收入增速", "2024H1"),
        ("press2024", "54.8亿元", "地方级一般公共预算收入", "2024H1"),
        ("gwr2023", "175亿元", "规模以上工业总产值", "2022"),
        ("gwr2023", "330亿元", "物流产业社会投资（预计总额）", "2022"),
        ("gwr2023", "1.57万人", "城乡劳动力就业", "2022"),
        ("gwr2023", "8500人", "城乡劳动力就业", "2023"),
        ("gwr2023", "3%", "居民消费价格涨幅", "2023"),
        ("gwr2023", "4.8%", "城镇登记失业率", "2023"),
        ("press2024", "39.4亿元", "农业总产值", "2023"),
        ("press2024", "13.6%", "农业总产值增速", "2023"),
        ("press2024", "4000万吨", "物流枢纽货运量", "2035"),
        ("press2024", "560万平方米", "高标库规划面积", "2035"),
        ("gwr2023", "45个", "“博士”农场", "2022"),
        ("press2024", "117个", "“博士”农场", "cumulative"),
        ("gwr2023", "11位", "博士农场汇聚院士", "cumulative"),  # 汇聚: a stock to date
        ("press2024", "13位", "博士农场汇聚院士", "cumulative"),
        ("gwr2023", "175名", "博士农场汇聚博士", "cumulative"),
        ("press2024", "411位", "博士农场汇聚博士", "cumulative"),
        ("press2024", "284家", "直播电商功能区落地企业", "cumulative"),
        ("gwr2023", "16部", "老旧小区加装电梯", "2022"),
        ("gwr2023", "24部", "老旧小区加装电梯", "2023"),
    ],
)
def test_headline_measures(
    facts: pd.DataFrame, doc_id: str, raw: str, metric: str, period: str
) -> None:
    rows = facts[(facts["doc_id"] == doc_id) & (facts["raw"] == raw) & facts["headline"]]
    rows = rows[rows["metric"] == metric]
    assert list(rows["period"]) == [period]
    assert not is_fallback(rows["metric_en"].iloc[0])


def test_every_curated_entry_names_one_fact(facts: pd.DataFrame) -> None:
    entries = load_catalogue(CATALOGUE)
    assert len(entries) >= 29
    named = facts[~facts["metric_en"].map(is_fallback)]
    for entry in entries:
        (doc,) = [d for d, text in TEXTS.items() if entry.quote in text]
        assert ((named["metric"] == entry.metric) & (named["doc_id"] == doc)).any()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "规模以上工业总产值预计完成175亿元，同比增长7.5%，增速全市第二；",
            {"175亿元": "规模以上工业总产值", "7.5%": "规模以上工业总产值增速",
             "第二": "规模以上工业总产值增速全市排名"},
        ),
        (
            "建成13个科技小院，汇聚11位院士和175名博士到平谷当农场主。",
            {"13个": "科技小院", "11位": "院士", "175名": "博士"},
        ),
        ("10余家国内外著名的物流头部企业签约入驻。", {"10余家": "物流头部企业"}),
        ("地方级一般公共预算收入预计同比增长11.2%。", {"11.2%": "地方级一般公共预算收入增速"}),
        # the after of a before/after pair is named by its subject, not by 由…提升至
        ("可再生能源占电力装机比重由47.6%提升至73.4%。", {"73.4%": "可再生能源占电力装机比重"}),
        (
            "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。",
            {"3.68万亿元": "全省生产总值", "4.93万亿元": "全省生产总值"},
        ),
        ("市属重点国企由51家整合为33家。", {"33家": "市属重点国企"}),
        # a name that is only doing words takes the thing of the figure before it
        ("全年建设筹集保障房1万套以上，供应4千套以上。",
         {"1万套": "建设筹集保障房", "4千套": "保障房供应"}),
        ("统建楼项目封顶2个、新开工4个。", {"2个": "统建楼项目封顶", "4个": "统建楼项目新开工"}),
        ("办理人大代表建议198件、政协提案230件。",
         {"198件": "办理人大代表建议", "230件": "政协提案"}),
        # a share borrows the subject of the figure before it
        ("全社会研发投入113.7亿元，占GDP比重提高到3.85%。",
         {"113.7亿元": "全社会研发投入", "3.85%": "全社会研发投入占GDP比重"}),
    ],
)  # fmt: skip
def test_derived_metric_names(text: str, expected: dict[str, str]) -> None:
    assert metrics_of(text) == expected


def test_english_names_come_from_the_glossary_and_say_what_changed() -> None:
    assert english_name("地区生产总值增速") == "GDP growth"
    assert english_name("万人诉求比全市排名") == "Requests per 10,000 residents, rank in Beijing"
    assert english_name("重污染天数减少") == "Reduction in heavy-pollution days"
    assert english_name("拉动社零额增长", "元") == "Increase in retail sales driven"
    assert english_name("道路环境提升") == "Roads with streetscape upgrades"  # not a "gain in"
    # plain English for the report's own terms: PhD farms are not medical, 减量 is about land
    assert english_name("博士农场") == "PhD farms (run with PhD experts)"
    assert english_name("减量任务", "公顷") == "Construction land reduced"
    assert english_name("一刻钟便民生活圈") == "Neighbourhood service circles (15 minutes on foot)"
    assert english_name("更换安全型配件", "套") == "LPG safety fittings replaced"
    # no head word: a plain description of the unit, never "see quote"
    assert english_name("某某指标", "元") == "Amount of money"
    assert is_fallback(english_name("某某指标"))


def test_an_english_name_says_what_was_done_to_what_it_counts() -> None:
    """引进涉农企业 80家 counts firms brought in, not all agricultural firms; the action of a
    derived name is said in English too, once."""
    assert english_name("引进涉农企业", "家") == "Agricultural firms brought in"
    assert english_name("新施划停车位", "个") == "New parking spaces marked"
    assert english_name("安装电动自行车充电接口", "个") == "Charging points installed"
    assert english_name("下交群评办理群众诉求", "件") == "Public requests handled"
    assert english_name("培育专精特新企业", "家") == "Specialised SMEs fostered"
    assert english_name("聚集智慧中央厨房和食品企业", "家") == "Food firms gathered"
    assert english_name("引进桃优新品种", "个") == "New varieties brought in"
    assert english_name("安装电梯", "部") == "Lifts installed"  # said once
    assert english_name("地区生产总值增速") == "GDP growth"  # a change keeps its own words


def test_unclassified_figures_are_listed_not_kept() -> None:
    doc = report("全年完成指标42，新增就业1.57万人。")
    rows, unclassified = document_facts(doc, Outline(doc.text, doc.kind))
    assert [r["raw"] for r in rows] == ["1.57万人"]
    assert (
        len(unclassified) == 1 and "'42'" in unclassified[0] and unclassified[0].startswith("t @")
    )


def write_catalogue(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "metrics.toml"
    path.write_text(body, encoding="utf-8")
    return path


ENTRY = """[[metric]]
quote = "{quote}"
number = "{number}"
metric = "测试"
metric_en = "Test"
sector = "{sector}"
"""


@pytest.mark.parametrize(
    ("quote", "number", "sector", "message"),
    [
        ("加装电梯16部", "24部", "urban", "is not in its quote"),
        ("“四个意识”", "四个", "urban", "occurs 2 times"),
        ("PM2.5年均浓度", "2.5", "ecology", "is not an extracted figure"),
        ("加装电梯16部", "16", "urban", "written '16部', not '16'"),
        ("加装电梯16部", "16部", "housing", "unknown sector"),
    ],
)
def test_stale_or_wrong_catalogue_entries_fail_in_one_line(
    facts: pd.DataFrame,
    tmp_path: Path,
    quote: str,
    number: str,
    sector: str,
    message: str,
) -> None:
    body = ENTRY.format(quote=quote, number=number, sector=sector)
    with pytest.raises(PgdashError, match=message) as caught:
        apply_catalogue(facts, TEXTS, load_catalogue(write_catalogue(tmp_path, body)))
    assert "metrics.toml entry 1 (测试)" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_entries_match_their_words_in_any_document(facts: pd.DataFrame, tmp_path: Path) -> None:
    found = ENTRY.format(quote="加装电梯16部", number="16部", sector="urban")
    nowhere = ENTRY.format(quote="建成博士农场99个", number="99个", sector="agritech")
    named = apply_catalogue(facts, TEXTS, load_catalogue(write_catalogue(tmp_path, found)))
    (row,) = named[named["metric"] == "测试"].itertuples()
    assert (row.doc_id, row.raw) == ("gwr2023", "16部")
    named = apply_catalogue(facts, TEXTS, load_catalogue(write_catalogue(tmp_path, nowhere)))
    assert not (named["metric"] == "测试").any()
    (note,) = named.attrs["unmatched"]
    assert "metrics.toml entry 1 (测试)" in note and "occurs in no document" in note


def test_occurrence_picks_one_of_several(facts: pd.DataFrame, tmp_path: Path) -> None:
    body = ENTRY.format(quote="增速全市第一", number="第一", sector="economy")
    path = write_catalogue(tmp_path, body + "occurrence = 2\n")
    named = apply_catalogue(facts, TEXTS, load_catalogue(path))
    (row,) = named[named["metric"] == "测试"].itertuples()
    assert TEXTS["gwr2023"][row.start - 4 : row.end] == "增速全市第一"
    assert row.start > TEXTS["gwr2023"].index("增速全市第一")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[metric]\n", "not valid TOML"),
        ('[[metric]]\ndoc = "gwr2023"\nquote = "加装电梯16部"\n', "missing number, metric"),
    ],
)
def test_unreadable_catalogue(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(PgdashError, match=message):
        load_catalogue(write_catalogue(tmp_path, body))
    with pytest.raises(PgdashError, match="is missing"):
        load_catalogue(tmp_path / "nowhere.toml")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("大桃连续三年获评金奖，引进新品种41个。", ["41个"]),
        ("生产安全亡人事故连续61个月未发生，新建消防站3座。", ["3座"]),
        ("增速创下近四年新高，达到8.5%。", ["8.5%"]),
        ("空气质量连续11年全市最优。", []),
    ],
)
def test_a_streak_no_curated_entry_tracks_is_not_a_fact(text: str, kept: list[str]) -> None:
    doc = report(text)
    table, _ = build_facts([doc], outlines([doc]))
    assert table["raw"].tolist() == kept


def test_a_curated_streak_stays(facts: pd.DataFrame) -> None:
    gwr = facts[facts["doc_id"] == "gwr2023"]
    assert "四年" in gwr["raw"].tolist()  # 连续四年成为国庆礼桃: tracked in metrics.toml


def test_strive_marks_the_targets_a_sentence_strives_for(facts: pd.DataFrame) -> None:
    strive = facts[facts["strive"]]
    assert set(strive["raw"]) == {"11个", "3136亩"}  # 力争完成11个地块3136亩土地入市交易
    assert set(strive["kind"]) == {"target"}
