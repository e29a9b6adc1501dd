"""Finding figures: Arabic and Chinese numerals, units, bounds, ranks, and what is skipped."""

import pytest

from pgdash.pipeline.extract.mentions import scan, short_quote_spans
from pgdash.pipeline.extract.units import unit_at
from pgdash.pipeline.text.numerals import parse_chinese_int


@pytest.mark.parametrize(
    "text", ["四座楼文玩核桃品鉴季", "一张蓝图绘到底", "建成15分钟健康服务圈", "实施24小时值守"]
)
def test_counters_of_names_and_slogans_are_not_figures(text: str) -> None:
    assert scan(text).mentions == []


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("两", 2), ("十", 10), ("十一", 11), ("二十", 20), ("二十五", 25), ("百", 100),
     ("三百零", None), ("一二三", None), ("十百千", None), ("", None)],
)  # fmt: skip
def test_parse_chinese_int(numeral: str, value: int | None) -> None:
    if value is None:
        with pytest.raises(ValueError):
            parse_chinese_int(numeral)
    else:
        assert parse_chinese_int(numeral) == value


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "std", "factor"),
    [
        ("同比增长11.2%，", "11.2%", 11.2, "%", "%", 1),
        ("满意率均为100％。", "100％", 100, "％", "%", 1),
        ("预计完成175亿元，", "175亿元", 175, "亿元", "元", 1e8),
        ("新增就业1.57万人，", "1.57万人", 1.57, "万人", "人", 1e4),
        ("改造老旧小区3.61万平方米，", "3.61万平方米", 3.61, "万平方米", "平方米", 1e4),
        ("查验超过400万人（辆）次，", "400万人（辆）次", 400, "万人（辆）次", "人次", 1e4),
        ("为全区4.2万液化气用户", "4.2万", 4.2, "万户", "户", 1e4),  # the noun's counter
        ("服务3万名群众", "3万名", 3, "万名", "人", 1e4),
        ("汇聚11位院士", "11位", 11, "位", "人", 1),
        ("问题 290件，", "290件", 290, "件", "件", 1),
        ("提升了近14个百分点", "14个百分点", 14, "个百分点", "百分点", 1),
        ("两个“百亿”投资项目", "两个", 2, "个", "个", 1),
        ("实际利用外资8724万美元，", "8724万美元", 8724, "万美元", "美元", 1e4),
        (
            "PM2.5年均浓度降至15.8微克/立方米，",
            "15.8微克/立方米",
            15.8,
            "微克/立方米",
            "微克/立方米",
            1,
        ),
        ("增长超过4成。", "4成", 4, "成", "%", 10),  # tenths: a share in %
        ("平均处置时间仅14分钟。", "14分钟", 14, "分钟", "分钟", 1),
        ("新增变压器102台、", "102台", 102, "台", "台", 1),
        ("完成造林百万亩。", "百万亩", 100, "万亩", "亩", 1e4),
        ("拉动社零额增长近亿元。", "亿元", 1, "亿元", "元", 1e8),
        ("人均粉丝量近万的主播", "万", 1, "万", "", 1e4),
        ("是现有面积的一倍，", "一倍", 1, "倍", "倍", 1),
        ("开通三大班列", "三大", 3, "大", "个", 1),
        ("连续四年成为国庆礼桃", "四年", 4, "年", "年", 1),
        ("同比提升9名。", "9名", 9, "名", "名次", 1),
    ],
)
def test_quantities(text: str, raw: str, value: float, unit: str, std: str, factor: float) -> None:
    (mention,) = scan(text).mentions
    assert text[mention.start : mention.end] == mention.raw == raw
    assert (mention.value, mention.unit.written) == (value, unit)
    assert (mention.unit.std, mention.unit.factor) == (std, factor)


def test_lower_bound_and_range_are_marked() -> None:
    (some,) = scan("10余家企业").mentions
    assert (some.raw, some.value, some.lower_bound) == ("10余家", 10, True)
    (span,) = scan("引进2-3所名校").mentions
    assert (span.raw, span.value, span.value_max, span.is_range) == ("2-3所", 2, 3, True)
    (single,) = scan("引进3所名校").mentions
    assert (single.value_max, single.is_range) == (None, False)


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [("三分之一农副产品", "三分之一", 1 / 3), ("占全市货运量六分之一，", "六分之一", 1 / 6)],
)
def test_fractions_are_shares_in_percent(text: str, raw: str, value: float) -> None:
    (mention,) = scan(text).mentions
    assert mention.raw == raw and mention.value == pytest.approx(100 * value)
    assert (mention.unit.written, mention.unit.std, mention.unit.factor) == ("%", "%", 1.0)


@pytest.mark.parametrize(
    ("text", "raw", "value", "scope"),
    [
        ("增速全市第一；", "第一", 1, "全市"),
        ("接种率全市第2，", "第2", 2, "全市"),
        ("首次跃居生态涵养区第二，", "第二", 2, "生态涵养区"),
        ("蛋鸡和生猪存栏均居全市首位，", "首位", 1, "全市"),
    ],
)
def test_ranks(text: str, raw: str, value: int, scope: str) -> None:
    (mention,) = scan(text).mentions
    assert (mention.raw, mention.value, mention.rank_scope, mention.is_rank) == (
        raw,
        value,
        scope,
        True,
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2022年，我区", "year used as a date"),
        ("获评2022美丽中国", "year inside a name"),
        ("轨道交通22号线", "label"),
        ("营商环境5.0版方案", "version"),
        ("以工业5.0标准探索", "version"),
        ("PM2.5年均浓度", "label (PM2.5)"),
        ("马昌营220千伏变电站", "label"),
        ("8月19日下午", "date"),
        ("60岁及以上老年人", "age qualifier"),
        ("成立75周年", "anniversary"),
        ("“6.12”雹灾", "inside a quoted name or slogan"),
        ("深化“321”战略", "inside a quoted name or slogan"),
        ("增强“四个意识”", "inside a quoted name or slogan"),
        ("第二条焚烧线", "ordinal"),
        ("全国第一家酒店", "ordinal"),
        ("党的二十大精神", "fixed name"),
        ("中央八项规定", "fixed name"),
        ("铁人三项赛", "fixed name"),
        ("多名百万粉丝明星", "qualifier (百万粉丝)"),
        # second reader: list headers, agenda counts, slogans, figures of speech, programmes
        ("重点落实好以下十一方面任务：", "count of a list or an agenda (以下十一方面任务)"),
        ("介绍了生态宜居六方面的发展情况", "count of a list or an agenda (以下十一方面任务)"),
        ("做好以下3项工作", "count of a list or an agenda (以下十一方面任务)"),
        ("抓好两个“关键小事”，专项治理", "count of a slogan (两个“关键小事”)"),
        ("落实三个“一批”。", "count of a slogan (两个“关键小事”)"),
        ("出台《实施方案（2022-2023年）》", "year used as a date"),
        ("地区生产总值20年来首次跃居", "period qualifier (20年来首次)"),
        ("十年来首次实现", "period qualifier (20年来首次)"),
        ("超额完成新一轮百万亩造林，", "programme name (百万亩造林)"),
        ("实施千亩绿化工程", "programme name (百万亩造林)"),
    ],
)
def test_not_figures_are_skipped_with_a_reason(text: str, reason: str) -> None:
    found = scan(text)
    assert found.mentions == []
    assert reason in {s.reason for s in found.skipped}


@pytest.mark.parametrize(
    "text",
    ["一年来，我们", "三农领域改革", "区镇村三级联动", "十二年一贯制学校", "深入实施三年行动计划",
     "一二三批美丽乡村", "第四届大会", "京瓦中心一期", "万人诉求比", "万元GDP能耗", "每一项工作",
     "是一个全新的事业", "平急两用酒店"],
)  # fmt: skip
def test_words_with_numerals_are_not_figures(text: str) -> None:
    assert scan(text).mentions == []


@pytest.mark.parametrize(
    ("text", "raw"),
    [("打造100个“亲邻之家”，", "100个"), ("办好851项“民生微实事”。", "851项"),
     ("建设45个“博士”农场", "45个"), ("打造第二个“反向飞地”。", None)],
)  # fmt: skip
def test_counts_in_digits_before_a_quoted_name_are_figures(text: str, raw: str | None) -> None:
    assert [m.raw for m in scan(text).mentions] == ([raw] if raw else [])


def test_long_quotations_are_speech_not_names() -> None:
    text = "“我们构建了转换标准体系，建成3个基地，形成了一整套经验做法。”"
    assert short_quote_spans(text) == []
    assert [m.raw for m in scan(text).mentions] == ["3个"]


def test_number_without_unit_is_unresolved() -> None:
    found = scan("完成指标42，")
    assert found.mentions == []
    assert [(u.text, u.reason) for u in found.unresolved] == [("42", "no unit after the number")]


def test_longest_unit_wins() -> None:
    assert unit_at("万平方米的", 0).written == "万平方米"
    assert unit_at("个百分点", 0).written == "个百分点"
    assert unit_at("大功能", 0) is None
    assert unit_at("大功能", 0, chinese=True).written == "大"
