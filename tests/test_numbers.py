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
        ("查验超过400万人（辆）次，", "400万人（辆）次", 400, "万人（辆）次", "人（辆）次", 1e4),
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
        ("全年新增40.8万青年留渝来渝、", "40.8万", 40.8, "万人", "人", 1e4),  # people implied
        ("为30万群众提供服务", "30万", 30, "万人", "人", 1e4),
        ("营业收入增长一倍，", "一倍", 1, "倍", "倍", 1),  # growth: its base is last year
        # compound and large units stay whole and scale right
        ("国内生产总值超过126万亿元，", "126万亿元", 126, "万亿元", "元", 1e12),
        ("新增税费优惠超过2.2万亿元", "2.2万亿元", 2.2, "万亿元", "元", 1e12),
        ("集装箱吞吐量5506万标准箱，", "5506万标准箱", 5506, "万标准箱", "标箱", 1e4),
        ("港口吞吐量达1600万标箱。", "1600万标箱", 1600, "万标箱", "标箱", 1e4),
        ("全员劳动生产率达32万元/人，", "32万元/人", 32, "万元/人", "元/人", 1e4),
        ("事故死亡率降至0.5人/百亿元。", "0.5人/百亿元", 0.5, "人/百亿元", "人/百亿元", 1),
        ("PM2.5年均浓度17.5微克/立方米", "17.5微克/立方米", 17.5, "微克/立方米", "微克/立方米", 1),
        ("再生水供应能力770万立方米/年。", "770万立方米/年", 770, "万立方米/年", "立方米/年", 1e4),
        ("比上年提高1.2个百分点。", "1.2个百分点", 1.2, "个百分点", "百分点", 1),
        ("供应保障性住房4千套以上，", "4千套", 4, "千套", "套", 1e3),
        ("新增床位6千张。", "6千张", 6, "千张", "张", 1e3),
        ("走访上千家企业", "千家", 1000, "家", "家", 1),  # 千 is a numeral after no digits
        ("新增光伏装机容量5万千瓦", "5万千瓦", 5, "万千瓦", "千瓦", 1e4),
        ("连续四年成为国庆礼桃", "四年", 4, "年", "年", 1),
        ("同比提升9名。", "9名", 9, "名", "名次", 1),
        # a bare 万/亿 after the noun it measures takes 元 or 人 from it
        ("全年预计产值（营收）超百亿", "百亿", 100, "亿元", "元", 1e8),
        ("扩大有效投资破千亿", "千亿", 1000, "亿元", "元", 1e8),
        ("脱贫人口务工规模超过3300万", "3300万", 3300, "万人", "人", 1e4),
        ("接待游客超过3000万，", "3000万", 3000, "万人", "人", 1e4),
        ("各项贷款余额突破2.5万亿，", "2.5万亿", 2.5, "万亿元", "元", 1e12),
        ("新增就业超过12万，", "12万", 12, "万人", "人", 1e4),
        ("再生水利用规模超1千万立方米", "1千万立方米", 1, "千万立方米", "立方米", 1e7),
        ("保障枢纽2千万人次的通行安全", "2千万人次", 2, "千万人次", "人次", 1e7),
        ("融资5千万元。", "5千万元", 5, "千万元", "元", 1e7),
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
        ("实施新一轮千亿斤粮食产能提升行动", "programme name (百万亩造林)"),
        ("惠及上千万家庭。", "word (上千万家庭)"),
    ],
)
def test_not_figures_are_skipped_with_a_reason(text: str, reason: str) -> None:
    found = scan(text)
    assert found.mentions == []
    assert reason in {s.reason for s in found.skipped}


CATEGORY = "count of the report's own categories (8类问题, 8个领域)"
OWN_WORK = "count of the report's own work (8个领域21项任务)"
SESSION = "session number (八届二次全会)"
BASELESS = "multiple without its base (面积的一倍)"
OTHERS = "someone else's count (首批三个…之一)"
BEFORE = "before of a before/after"
PER_HEAD = "per-head denominator (千人执业医师数)"
TERM = "policy term (再延长30年)"
LEADER = "someone else's count (总书记两次视察)"
CONTENT = "contents of a document (出台《…》，提出政策46项)"
THRESHOLD = "size threshold (10亿元以上企业12家)"
FOCUS = "areas a plan focuses on (以4个片区为重点)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # category counts of the report's own rhetoric
        ("有效破解路面坑洼等8类痛点问题，", CATEGORY),
        ("统筹推进问题楼盘等11类社会矛盾问题专项治理", CATEGORY),
        ("统筹推动学校建设等8个领域", CATEGORY),
        ("聚焦5个方面重点工作", CATEGORY),
        ("围绕三个板块发力", CATEGORY),
        ("涉及6个领域的改革事项", CATEGORY),
        ("统筹推动学校建设等8个领域21项任务", OWN_WORK),
        ("明确12个方面36项重点任务", OWN_WORK),
        ("初步拟定了今年10大类43项154件民生实事", OWN_WORK),  # the 154件 is the figure
        ("以环龙岐湾等4个片区为重点，加快建设度假区", FOCUS),
        ("以3个产业园区为载体，", FOCUS),
        ("抓好支持高质量共建“一带一路”八项行动。", CATEGORY),
        ("实施五项工程，", CATEGORY),
        ("建立三项机制。", CATEGORY),
        ("聚焦传统产业升级和新兴产业壮大两个方向、", CATEGORY),
        ("内部培育和外部招引两条路子、", CATEGORY),
        ("完善住房市场和住房保障两个体系", CATEGORY),
        ("坚决落实“两个维护”十项制度", CATEGORY),
        ("迅速落实第九版防控方案和二十条、新十条优化措施", "policy name (二十条, 新十条)"),
        # congress and session numbers
        ("按照区委八届二次全会部署", SESSION),
        ("落实省委十三届三次、四次全会精神", SESSION),
        ("市委七届六次、七次、八次全会精神", SESSION),
        ("区委二届二次党代会深入贯彻", SESSION),
        ("在刚刚召开的区八届二次党代会上", SESSION),
        # multiples without their base, someone else's count
        ("是北京市现有高标库面积的一倍，", BASELESS),
        ("相当于全国平均水平的2倍", BASELESS),
        ("金海湖成为北京市首批三个旅游度假区之一。", OTHERS),
        ("入选全国首批10个试点城市之一", OTHERS),
        ("成为全省5家示范园区之一，", OTHERS),
        # the before of a before/after pair
        ("原规划土地出让率仅有61.29%，经大地块整合后，土地出让率达到74.88%", BEFORE),
        ("可再生能源占电力装机比重由47.6%提升至73.4%，", BEFORE),
        ("国家级高新技术企业从0.94万家增加到1.55万家、", BEFORE),
        ("风险区管控时间从3小时压缩至30分钟，", BEFORE),
        ("监管事项从39个拓展到91个。", BEFORE),
        ("居民人均可支配收入从27136元增长到36439元。", BEFORE),
        ("市属重点国企由51家整合为33家，", BEFORE),
        # words that are not counts
        ("完成25个小区二次供水设施提标改造", "adjective (二次供水: secondary)"),
        ("力争招引百亿级企业1家以上", "scale class (百亿级企业)"),
        ("“新三样”出口保持两位数增长", "figure of speech (两位数增长)"),
        ("跻身全球城市前五位，", "rank band (跻身前五位)"),
        ("增强国内国际两个市场两种资源联动效应", "fixed name"),
        # the base of a per-head rate is not a count
        ("千人执业医师数、注册护士数分别提升至2.46名、3.06名", PER_HEAD),
        ("千人托位数提升至5.95个", PER_HEAD),
        ("每千人口医疗机构床位数达到6张", PER_HEAD),
        ("百人互联网宽带用户数增至45户", PER_HEAD),
        # a policy term is not a measure
        ("启动第二轮土地承包到期后再延长30年整省试点", TERM),
        ("开展为期3年的专项整治", TERM),
        ("脱贫攻坚成果同乡村振兴有效衔接5年过渡期任务圆满完成", TERM),
        ("实施3年行动计划，", TERM),
        ("贷款期限延长至5年以上，", TERM),
        # a national leader's visits are someone else's count
        ("习近平总书记党的十八大以来六次亲临广东、两次参加代表团审议", LEADER),
        ("总书记两次视察重庆", LEADER),
        # a size that picks out what another figure counts
        ("引进营收10亿元以上企业10家、纳税1000万元以上企业30家", THRESHOLD),
        ("其中5亿元以上项目不少于5个", THRESHOLD),
        ("开工建设10亿元以上重大产业项目47个，", THRESHOLD),
        ("1000平方米以上新建项目100%实现BIM技术应用", THRESHOLD),
        ("孵化估值10亿元及以上的企业12家", THRESHOLD),
        ("完成1%人口抽样调查", "name of a survey (1%人口抽样调查)"),
        ("开展5%抽样调查，", "name of a survey (1%人口抽样调查)"),
        # what a document holds
        ("市层面出台《若干措施》，提出支持政策46项，创新亮点项目101个", CONTENT),
        ("印发《行动方案》，明确重点任务30条。", CONTENT),
    ],
)
def test_counts_that_do_not_measure_the_world_are_skipped(text: str, reason: str) -> None:
    assert reason in {s.reason for s in scan(text).skipped}


@pytest.mark.parametrize(
    "text",
    [
        "吸引上千人参加马拉松",  # a crowd, not a rate's base
        "千人以上企业12家",
        "土地流转期限内收益增长20%",
        "总书记考察时的嘱托，建成示范区5个",
        "出台《若干措施》，新增企业200家",  # the district's own result, not the document's
        "延长产业链，新增项目30个",
        "签约意向投资300亿元以上，落户项目12个",  # the investment is the figure
        "营收10亿元以上，增长20%",
        "建成4个片区，为重点企业服务",  # no 以: a count of what was built
        "以科技创新为引领，新建5个实验室",
        "初步拟定了今年10大类154件民生实事",
    ],
)
def test_counts_near_those_words_still_count(text: str) -> None:
    found = scan(text)
    reasons = {s.reason for s in found.skipped}
    assert found.mentions
    assert not reasons & {PER_HEAD, TERM, LEADER, CONTENT, THRESHOLD, FOCUS, OWN_WORK}


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("原规划土地出让率仅有61.29%，经大地块整合后，土地出让率达到74.88%", ["74.88%"]),
        ("比重由47.6%提升至73.4%，", ["73.4%"]),
        ("从2020年的3.68万亿元增长到2025年的4.93万亿元", ["3.68万亿元", "4.93万亿元"]),  # dated
        ("从771家、481家增加到1076家、636家。", ["1076家", "636家"]),
        ("管控时间从3小时压缩至30分钟，", ["30分钟"]),
        ("由5个增加到8家", ["5个", "8家"]),  # different things: no pair
        ("从2小时到30%", ["2小时", "30%"]),  # different measures: no pair
        ("新建公园5个，改造绿道10公里", ["5个", "10公里"]),
    ],
)
def test_the_after_of_a_pair_is_the_figure(text: str, after: list[str]) -> None:
    assert [m.raw for m in scan(text).mentions] == after


@pytest.mark.parametrize(
    "text",
    ["打造“吃、住、行、医、集中承载”五大应用场景", "开通中欧、城市及市内三大班列",
     "具备四大功能的服务区", "开展交通秩序等十大专项整治", "九大类民生支出",
     "党的十九大和十九届历次全会", "聚焦六大领域", "党的二十大精神"],
)  # fmt: skip
def test_n_da_category_counts_are_not_figures(text: str) -> None:
    assert scan(text).mentions == []


@pytest.mark.parametrize(
    ("text", "raw"),
    [("全面完成十大类26项民生实事。", "26项"), ("违建拆除等6项市级任务超额完成", "6项"),
     ("开展第二次全国污染源普查", None), ("召开会议3次", "3次"), ("全市排名第一的5个区", "5个"),
     ("新开通公交线路三条，", "三条"), ("新建道路12条、", "12条"),
     ("完成8项工程", "8项"), ("出台37个细分领域产业政策", "37个"),
     ("粮食产量1.3万亿斤以上", "1.3万亿斤"),
     ("载货无人机年飞行32万架次", "32万架次")],
)  # fmt: skip
def test_real_counts_next_to_category_words_stay(text: str, raw: str | None) -> None:
    assert [m.raw for m in scan(text).mentions] == ([raw] if raw else [])


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
    assert unit_at("大功能", 0, chinese=True) is None  # 四大功能: no counter
    assert unit_at("万亿元", 0).written == "万亿元"
