"""The metric-phrase normaliser, the unit dimension, the matcher and the pairs they make."""

import pandas as pd
import pytest

from pgdash.pipeline.relate import comparisons
from pgdash.pipeline.relate.pairs import score
from pgdash.pipeline.relate.phrases import display_phrase, normalise, same_dimension, similarity
from pgdash.schema import FACTS


@pytest.mark.parametrize(
    ("phrase", "measured"),
    [
        ("新增学位", "学位"),
        ("新增托位", "托位"),
        ("托位", "托位"),
        ("建设筹集公共住房", "公共住房"),
        ("筹集建设保障性住房", "保障房"),
        ("多渠道建设筹集保障性住房", "保障房"),
        ("建设筹集保障房", "保障房"),
        ("地区生产总值（GDP）增速", "GDP增速"),
        ("地区生产总值增速", "GDP增速"),
        ("国内生产总值增速", "GDP增速"),
        ("规模以上工业增加值增速", "规上工业增加值增速"),
        ("规上工业增加值增速", "规上工业增加值增速"),
        ("地方一般公共预算收入", "一般公共预算收入"),
        ("引进培育国高企业", "国高企业"),
        ("国家高新技术企业", "国高企业"),
        ("引入和培育专精特新企业", "专精特新企业"),
        ("新概念店等", "新概念店"),
        ("空气质量优良率", "空气优良率"),
        ("生活垃圾回收利用率提高到", "生活垃圾回收利用率"),
        ("生活垃圾回收利用率提升至", "生活垃圾回收利用率"),
        ("民生微实事", "民微实事"),
        ("完成土地整备", "土地整备"),
        ("粮食产量首次跃上", "粮食产量"),
        ("力争全年新增总部企业", "总部企业"),
        ("PM2.5年均浓度", "PM年均浓度"),
        ("供应", "供应"),  # a phrase that is only a doing word keeps it
        ("建成", "建成"),
        ("⑤全年投入", "投入"),
        ("引进持牌金融机构不少于", "持牌金融机构"),
        ("城镇调查失业率", "城镇调查失业率"),
    ],
)
def test_normalise_keeps_what_is_measured(phrase: str, measured: str) -> None:
    assert normalise(phrase) == measured


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("亿元", "万元", True),
        ("亿元", "元", True),
        ("万人", "人", True),
        ("名", "人", True),
        ("%", "％", True),
        ("个", "个", True),
        ("万座", "座", True),
        ("套", "万套", True),
        ("%", "个", False),
        ("%", "个百分点", False),
        ("亿元", "美元", False),
        ("家", "个", False),
        ("公里", "平方公里", False),
        ("万", "万", False),  # a bare multiplier is no dimension (4.06万亿元 misread)
        ("", "", False),
    ],
)
def test_units_of_one_dimension(a: str, b: str, same: bool) -> None:
    assert same_dimension(a, b) is same
    assert same_dimension(b, a) is same


@pytest.mark.parametrize(
    ("target", "result", "low", "high"),
    [
        ("学位", "学位", 100, 100),
        ("供应保障房", "保障房", 100, 100),  # the review drops the target's qualifier
        ("PM年均浓度", "PM平均浓度", 80, 90),
        ("城中村供用电安全隐患整治", "城中村供用电安全整治", 85, 95),
        ("单位GDP能耗降低", "单位GDP能耗降幅", 85, 95),
        ("产业空间", "焕新释放产业空间", 0, 79),  # the result says more: another measure
        ("规上工业增加值增速", "金融业增加值增速", 0, 79),
        ("学位", "托位", 0, 79),
        ("市级专精特新企业", "专精特新小巨人企业", 0, 79),
        ("老年人家庭适老化", "家庭适老化", 100, 100),  # three characters more: whole
        ("串联接通郊野径", "郊野径", 0, 79),  # four more: the target says another thing
        ("", "学位", 0, 0),
    ],
)
def test_similarity_of_target_and_result_phrases(target, result, low, high) -> None:
    assert low <= similarity(target, result) <= high


def figure(fid: str, doc: str, metric: str, value: float, unit: str, **more) -> dict:
    """One facts row as the pairs read it: a target of 2024 unless told otherwise."""
    row = {name: "" for name in FACTS.names}
    row.update(fact_id=fid, doc_id=doc, metric=metric, metric_en="", value=value)
    row.update(value_std=value, unit=unit, unit_std=unit, comparator="=", kind="target")
    row.update(period="2024", is_rank=False, headline=False, headline_rank=0, start=10)
    row.update(quote=f"{metric}{value:g}{unit}", sector="economy")
    row.update(more)
    row["quote_start"] = row["start"] - row["quote"].index(f"{value:g}")
    return row


def result(fid: str, metric: str, value: float, unit: str, **more) -> dict:
    return figure(fid, "r25", metric, value, unit, kind="actual", **more)


def reports(*rows: tuple[str, str, int, int, int, str]) -> pd.DataFrame:
    """doc_id, district, delivered, reviews, targets year, kind."""
    columns = ["doc_id", "district", "delivered_year", "reviews_year", "targets_year", "kind"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("delivered_year", "reviews_year", "targets_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


SERIES = reports(
    ("r24", "甲区", 2024, 2023, 2024, "work_report"),
    ("r25", "甲区", 2025, 2024, 2025, "work_report"),
)


def ledger(*rows: dict, documents: pd.DataFrame = SERIES) -> pd.DataFrame:
    return comparisons.build_comparisons(pd.DataFrame(list(rows)), documents)


def pairs_of(table: pd.DataFrame) -> set[tuple[str, str, str]]:
    both = table[(table["target_fact_id"] != "") & (table["result_fact_id"] != "")]
    return set(
        zip(both["target_fact_id"], both["result_fact_id"], both["pair_reason"], strict=True)
    )


def test_a_counted_promise_pairs_with_the_next_reports_result() -> None:
    table = ledger(
        figure("t", "r24", "新增学位", 4000, "个", comparator=">="),
        result("r", "新增学位", 8430, "个"),
    )
    row = table.iloc[0]
    assert pairs_of(table) == {("t", "r", "phrase")} and row["pair_score"] == 100
    assert (row["year"], row["measure"], row["district"], row["unit"]) == (
        2024,
        "新增学位",
        "甲区",
        "个",
    )
    assert (row["target_value"], row["result_value"]) == (4000, 8430)
    assert row["status"] == "latest_above_target" and row["tone"] == "good"


def test_a_phrase_that_differs_pairs_by_the_matchers_score() -> None:
    table = ledger(
        figure("t", "r24", "建设筹集供应保障性住房", 5000, "套"),
        result("r", "筹集建设保障性住房", 5601, "套"),
        result("s", "供应", 2683, "套"),
    )
    assert pairs_of(table) == {("t", "r", "fuzzy")}
    assert table.iloc[0]["pair_score"] == 100


def test_a_ceiling_target_is_judged_lower_is_better() -> None:
    table = ledger(
        figure("t", "r24", "PM2.5年均浓度", 15, "微克/立方米", comparator="<="),
        result("r", "PM2.5平均浓度", 15.7, "微克/立方米"),
    )
    row = table.iloc[0]
    assert row["pair_reason"] == "fuzzy" and 80 <= row["pair_score"] < 100
    assert row["sense"] == "lower" and row["tone"] == "bad"


@pytest.mark.parametrize(
    ("label", "target", "later"),
    [
        (
            "a target with the next report's target",
            figure("t", "r24", "新增托位", 1500, "个"),
            figure("n", "r25", "新增托位", 2000, "个", period="2025"),
        ),
        (
            "a target with a part-year figure",
            figure("t", "r24", "新增托位", 1500, "个"),
            result("h", "新增托位", 900, "个", period="2024H1"),
        ),
        (
            "a target with another year's result",
            figure("t", "r24", "新增托位", 1500, "个"),
            result("o", "新增托位", 1400, "个", period="2023"),
        ),
        (
            "a target with a to-date total",
            figure("t", "r24", "新增托位", 1500, "个"),
            result("c", "新增托位", 9000, "个", period="cumulative"),
        ),
        (
            "units of two dimensions",
            figure("t", "r24", "社会消费品零售总额增速", 7, "%"),
            result("l", "社会消费品零售总额", 1258.7, "亿元"),
        ),
        (
            "similar words for another measure",
            figure("t", "r24", "新增学位", 4000, "个"),
            result("p", "新增托位", 1405, "个"),
        ),
        (
            "a flow with a running total",
            figure("t", "r24", "新增市级以上专精特新企业", 400, "家"),
            result("s", "市级专精特新企业", 1880, "家", quote="市级专精特新企业达1880家"),
        ),
        (
            "a flow with a total named so",
            figure("t", "r24", "新增国家高新技术企业", 100, "家"),
            result("s", "国家高新技术企业总数", 120, "家"),
        ),
        (
            "a count ten times over",
            figure("t", "r24", "新建应急管理服务站", 121, "个"),
            result("s", "建成应急管理服务站", 1414, "个"),
        ),
        (
            "a phrase that names no one thing",
            figure("t", "r24", "项目、完成", 5, "个"),
            result("s", "项目", 24, "个"),
        ),
        (
            "a category count",
            figure("t", "r24", "口岸", 3, "大"),
            result("s", "口岸", 3, "大"),
        ),
        (
            "a number read in two pieces",
            figure("t", "r24", "供应4", 1000, "套"),
            result("s", "供应", 2683, "套"),
        ),
        (
            "a phrase that is a unit",
            figure("t", "r24", "亿元", 4.06, "万"),
            result("s", "亿元", 3.2, "万"),
        ),
    ],
)
def test_no_pair_rather_than_a_wrong_one(label: str, target: dict, later: dict) -> None:
    assert pairs_of(ledger(target, later)) == set(), label


def test_another_districts_result_is_never_taken() -> None:
    documents = reports(
        ("r24", "甲区", 2024, 2023, 2024, "work_report"),
        ("r25", "乙区", 2025, 2024, 2025, "work_report"),
    )
    table = ledger(
        figure("t", "r24", "新增学位", 4000, "个"),
        result("r", "新增学位", 8430, "个"),
        documents=documents,
    )
    assert table.empty


def test_an_article_or_an_undistricted_report_is_not_the_next_report() -> None:
    for kind, district in (("news_article", "甲区"), ("work_report", "")):
        documents = reports(
            ("r24", "甲区", 2024, 2023, 2024, "work_report"),
            ("r25", district, 2025, 2024, 2025, kind),
        )
        rows = (figure("t", "r24", "新增学位", 4000, "个"), result("r", "新增学位", 8430, "个"))
        assert ledger(*rows, documents=documents).empty, kind


def test_two_figures_that_fit_as_well_leave_the_target_unpaired() -> None:
    table = ledger(
        figure("t", "r24", "新增学位", 4000, "个"),
        result("a", "新增学位", 4200, "个"),
        result("b", "新增学位", 5200, "个", start=40),
    )
    assert pairs_of(table) == set()


def test_a_text_read_twice_pairs_once() -> None:
    table = ledger(
        figure("t", "r24", "新增学位", 4000, "个"),
        figure("t2", "r24", "新增学位", 4000, "个", start=900),
        result("a", "新增学位", 4200, "个"),
        result("a2", "新增学位", 4200, "个", start=700),
    )
    assert pairs_of(table) == {("t", "a", "phrase")}


def test_each_result_serves_one_target_the_closest() -> None:
    table = ledger(
        figure("t", "r24", "新增托位", 1500, "个"),
        figure("u", "r24", "托位", 1000, "个", start=60),
        result("a", "新增托位", 1600, "个"),
    )
    assert len(pairs_of(table)) == 1


@pytest.mark.parametrize(
    ("target", "result_row", "expected"),
    [
        (figure("t", "r24", "新增学位", 4000, "个"), result("r", "学位", 8430, "个"), "phrase"),
        (figure("t", "r24", "碧道", 6.8, "公里"), result("r", "碧道", 6.8, "公里"), "phrase"),
        (figure("t", "r24", "碧道", 6.8, "公里"), result("r", "碧道", 6.8, "平方公里"), None),
        (figure("t", "r24", "工业投资", 3.8, "百亿元"), result("r", "工业投资", 474, "亿元"), None),
        (
            figure("t", "r24", "单位国内生产总值能耗降低", 2.5, "%"),
            result("r", "单位国内生产总值能耗降幅", 3, "%"),
            "fuzzy",
        ),
    ],
)
def test_score_says_why(target, result_row, expected) -> None:
    found = score(pd.Series(target), pd.Series(result_row))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("phrase", "shown"),
    [
        ("力争全年新增总部企业", "新增总部企业"),
        ("引进持牌金融机构不少于", "引进持牌金融机构"),
        ("⑤全年投入", "投入"),
        ("生活垃圾回收利用率提高到", "生活垃圾回收利用率"),
        ("新概念店等", "新概念店"),
        ("新增学位", "新增学位"),
        ("力争", "力争"),
    ],
)
def test_a_phrase_row_names_its_measure_as_written_without_its_frame(phrase, shown) -> None:
    assert display_phrase(phrase) == shown


def test_a_phrase_row_is_named_by_its_targets_words() -> None:
    table = ledger(
        figure("t", "r24", "力争全年新增总部企业", 10, "家", comparator=">="),
        result("r", "总部企业", 13, "家"),
    )
    assert list(table["measure"]) == ["新增总部企业"]
    assert list(table["measure_id"]) == ["新增总部企业"]


def test_phrase_rows_of_one_english_kind_keep_their_own_names() -> None:
    table = ledger(
        figure("t", "r24", "新增学位", 4000, "个", metric_en="Number of items"),
        result("r", "新增学位", 8430, "个", metric_en="Number of items"),
        figure("u", "r24", "新增托位", 500, "个", metric_en="Number of items", start=50),
        result("s", "新增托位", 1405, "个", metric_en="Number of items", start=50),
    )
    assert sorted(table["measure_en"]) == [
        "Number of items (新增学位)",
        "Number of items (新增托位)",
    ]
