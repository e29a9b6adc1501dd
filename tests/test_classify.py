"""Period, kind and comparator: from the document's structure and the words near a figure."""

import pytest

from pgdash.display.formatting import format_period
from pgdash.pipeline.extract.mentions import scan
from pgdash.pipeline.extract.qualify import (
    Around,
    DocYears,
    comparator,
    period_and_kind,
    strives,
    structural_frame,
)
from pgdash.pipeline.text.outline import Outline

REPORT = (
    "平谷区政府工作报告\n"
    "一、2022年工作回顾\n"
    "2022年，地区生产总值预计同比增长7%左右，增速全市第一；新增就业1.57万人。\n"
    "累计引进企业80家，改良土壤4.5万亩。大桃连续四年成为礼桃，引进新品种41个。\n"
    "预计全年高技术制造业增长73.8%，培育“专精特新”企业58家，其中国家级“小巨人”6家。\n"
    "二、2023年工作思路和主要任务\n"
    "主要预期目标是：地区生产总值增速5%左右；失业率控制在4.8%以内。\n"
    "（一）守好绿水青山。\n"
    "狠抓生态治理。预计完成30平方公里小流域治理，累计建设5个公园。\n"
)
ARTICLE = (
    "连续三年GDP平均增速9.1%\n"
    "地区生产总值近三年平均增速在9.1%。今年上半年，GDP增速6.2%，居生态涵养区第一。\n"
    "已累计为企业解决问题 290件。2024年上半年，收入54.8亿元，同比增长10.2%。\n"
    "物流高地规划至 2035年货运量达4000万吨，规划高标库560万平方米，目前，项目已开工287万平方米。\n"
    "比如，项目原规划土地出让率仅有61.29%，经整合后达到74.88%。\n"
    "未来，平谷将开通三大班列。平谷将打造五大应用场景。\n"
    "目前，转型已迈向快车道，2023年，两类产业分别占总产值的48%、51.3%，分别比2021年增长23.5个、23.3个百分点。"
    "能耗下降率居全市第一。\n"
)


def classify(text: str, kind: str, published: str) -> dict[str, tuple[str, str, str]]:
    """raw → (period, kind, comparator); the last of equal raws wins."""
    outline = Outline(text, kind)
    years = DocYears(kind, int(published[:4]))
    out = {}
    for m in scan(text).mentions:
        around = Around.of(text, m.start, m.end)
        frame = structural_frame(years, outline, m.start)
        out[m.raw] = (*period_and_kind(text, m, around, frame), comparator(text, m, around))
    return out


@pytest.fixture(scope="module")
def report() -> dict[str, tuple[str, str, str]]:
    return classify(REPORT, "work_report", "2023")


@pytest.fixture(scope="module")
def article() -> dict[str, tuple[str, str, str]]:
    return classify(ARTICLE, "news_article", "2024-08-19")


@pytest.mark.parametrize(
    ("raw", "period", "kind", "comparator"),
    [
        ("7%", "2022", "estimate", "~"),  # 预计 … 左右
        ("第一", "2022", "estimate", "="),  # 预计 reaches the rank in its sentence
        ("1.57万人", "2022", "actual", "="),  # a new sentence after ；
        ("80家", "cumulative", "actual", "="),  # 累计
        ("4.5万亩", "2022", "actual", "="),  # 累计 reaches its clause only
        ("四年", "2019-2022", "actual", "="),  # 连续四年 ends with the year reviewed
        ("41个", "2022", "actual", "="),
        ("73.8%", "2022", "estimate", "="),
        ("58家", "2022", "actual", "="),  # 预计 … 增长…，培育: a new action ends its reach
        ("6家", "2022", "actual", "="),
        ("5%", "2023", "target", "~"),  # part 二 sets targets
        ("4.8%", "2023", "target", "<="),
        ("30平方公里", "2023", "target", "="),  # cue words do not turn targets into estimates
        ("5个", "2023", "target", "="),
    ],
)
def test_work_report(report: dict, raw: str, period: str, kind: str, comparator: str) -> None:
    assert report[raw] == (period, kind, comparator)


@pytest.mark.parametrize(
    ("raw", "period", "kind", "comparator"),
    [
        ("9.1%", "2021-2023", "actual", "="),  # 近三年 is a period, not 近 = about
        ("6.2%", "2024H1", "actual", "="),  # 今年上半年: first half of the year published
        ("第一", "2023", "actual", "="),  # a year earlier in the paragraph
        ("290件", "cumulative", "actual", "="),
        ("54.8亿元", "2024H1", "actual", "="),
        ("10.2%", "2024H1", "actual", "="),
        ("4000万吨", "2035", "plan", "="),
        ("560万平方米", "2035", "plan", "="),
        ("287万平方米", "cumulative", "actual", "="),  # 目前 … 已 ends the plan
        ("74.88%", "cumulative", "actual", "="),  # the after; 原规划's 61.29% is its context
        ("48%", "2023", "actual", "="),
        ("23.5个", "2023", "actual", "="),  # 比2021年 is a base, not the period
    ],
)
def test_news_article(article: dict, raw: str, period: str, kind: str, comparator: str) -> None:
    assert article[raw] == (period, kind, comparator)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("实现就业8500人以上。", ">="),
        ("涨幅控制在3%以内。", "<="),
        ("增速5%左右。", "~"),
        ("打造30余家露营地。", ">="),
        ("访问量超1亿人次。", ">="),
        ("查验超过400万人次。", ">="),
        ("销售额突破11亿元。", ">="),
        ("提升了近14个百分点。", "nearly"),  # 近 is a little under, not about
        ("吸引近300家企业入驻。", "nearly"),
        ("将近5000人参与。", "nearly"),
        ("接近90%。", "nearly"),
        ("新增就业不少于8000人。", ">="),
        ("粮食产量不低于200万吨。", ">="),
        ("投资超过100亿元。", ">="),
        ("覆盖率达到95%以上。", ">="),
        ("能耗强度低于0.3吨标准煤。", "<="),
        ("失业率不超过5.5%。", "<="),  # 不超过 is not 超过
        ("涨幅控制在3%以内。", "<="),
        ("增长6%左右。", "~"),
        ("增加约3.36亿元。", "~"),
        ("PM2.5年均浓度降至18.6微克/立方米以下。", "<="),
        ("收益增加约3.36亿元。", "~"),
        ("超额完成造林3万亩。", ">="),
        ("引进2-3所名校。", "="),  # a range keeps both bounds in value and value_max
        ("出让率达到74.88%。", "="),
        ("监测鱼类增长1倍多，", ">="),  # 多 after the unit: at least
        ("营收增长2倍多。", ">="),
        ("建成10个多功能运动场。", "="),  # 多功能 is a word
        ("固定资产投资再破千亿大关。", ">="),
        ("打破3项纪录。", "="),  # 打破 is not 破 (over)
        ("完成家庭适老化改造6万多户。", ">="),  # 多 between the multiplier and the counter
        ("累计接待服务群众7万余人次。", ">="),
        ("新增商事主体5万家。", "="),
        ("签约6只产业基金。", "="),  # 签约 is not 约 (about)
        ("处置时限提速到1小时内。", "<="),
        ("新增绿色建筑340万平方米，增长超过4成。", ">="),
        ("近三年平均增速在9.1%。", "="),
    ],
)
def test_comparator(text: str, sign: str) -> None:
    mention = scan(text).mentions[-1]
    assert comparator(text, mention, Around.of(text, mention.start, mention.end)) == sign


PARTIAL = (
    "一、2023年工作回顾\n"
    "前三季度，地区生产总值增长5.1%。2023年1—11月，规上工业增加值增长6.2%。\n"
    "1-11月，社会消费品零售总额增长8.3%。上半年，进出口总额增长3.4%。一季度，税收增长2.5%。\n"
    "“十四五”时期，完成投资1200亿元。医疗投入较“十三五”期间增长171%。\n"
    "为2015年改革以来全市首次获奖，建成体育场馆158所。\n"
    "二、2024年工作安排\n"
    "地区生产总值增长5%。到2035年，建成绿色低碳城区30个。\n"
)


def periods(text: str, years: DocYears) -> dict[str, tuple[str, str]]:
    """raw → (period, kind) of every figure of ``text``, with the given document years."""
    outline = Outline(text, years.kind)
    out = {}
    for m in scan(text).mentions:
        frame = structural_frame(years, outline, m.start)
        out[m.raw] = period_and_kind(text, m, Around.of(text, m.start, m.end), frame)
    return out


@pytest.mark.parametrize(
    ("raw", "period", "kind"),
    [
        ("5.1%", "2023Q1-3", "actual"),  # 前三季度 of the reviewed year
        ("6.2%", "2023M1-11", "actual"),
        ("8.3%", "2023M1-11", "actual"),
        ("3.4%", "2023H1", "actual"),
        ("2.5%", "2023Q1", "actual"),
        ("1200亿元", "2021-2025", "actual"),  # 十四五时期 is a five-year span
        ("171%", "2021-2025", "actual"),  # the paragraph's term; 较“十三五”期间 is its base
        ("158所", "2023", "actual"),  # 2015年…以来 says since when, not the period
        ("5%", "2024", "target"),
        ("30个", "2035", "plan"),  # a later horizon in a plan part: a long-range plan
    ],
)
def test_partial_years_spans_and_horizons(raw: str, period: str, kind: str) -> None:
    got = periods(PARTIAL, DocYears("work_report", 2024, 2023, 2024))
    assert got[raw] == (period, kind)


REVIEW_2026 = (
    "一、2025年工作回顾\n"
    "2025年，地区生产总值增长5.4%，比2020年增长38%，较2019年增加1200亿元。\n"
    "相较于2020年，新增就业12万人。与2021年相比，进出口增长20%。\n"
    "2021年，启动建设公园20个；新增企业300家。\n"
    "累计建成5G基站8万个，全市总数达15万个，高新技术企业总量达1.2万家。全年累计接待游客3000万人次。\n"
    "汇聚院士11位、博士175名。\n"
    "“十四五”时期，地区生产总值年均增长5.5%。2021—2025年，完成投资1.2万亿元。\n"
    "“十五五”时期，地区生产总值年均增长5%左右；到2030年，研发投入强度达到3.5%。\n"
    "1—11月，规上工业增加值增长6.2%。前三季度，进出口增长4.1%。上半年，税收增长2.5%。\n"
    "预计全年一般公共预算收入增长3%。\n"
    "2026年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业15万人以上。\n"
    "二、2026年工作安排\n"
    "地区生产总值增长5%。“十五五”时期，居民收入年均增长6%。2026—2030年，建设住房10万套。\n"
    "力争新增就业8500人以上，确保增长5.2%、力争6%。\n"
)


@pytest.mark.parametrize(
    ("raw", "period", "kind"),
    [
        ("5.4%", "2025", "actual"),
        ("38%", "2025", "actual"),  # 比2020年 is the base of the comparison
        ("1200亿元", "2025", "actual"),  # 较2019年 likewise
        ("12万人", "2025", "actual"),  # 相较于2020年
        ("20%", "2025", "actual"),  # 与2021年相比
        ("20个", "2021", "actual"),  # its own sentence names another year
        ("300家", "2021", "actual"),
        ("8万个", "cumulative", "actual"),  # 累计
        ("15万个", "cumulative", "actual"),  # 总数达
        ("1.2万家", "cumulative", "actual"),  # 总量达
        ("3000万人次", "2025", "actual"),  # 全年累计 is the year's total
        ("11位", "cumulative", "actual"),  # 汇聚: a stock
        ("175名", "cumulative", "actual"),
        ("5.5%", "2021-2025", "actual"),  # a completed plan's results
        ("1.2万亿元", "2021-2025", "actual"),  # 2021—2025年
        ("3.5%", "2030", "plan"),  # 到2030年
        ("6.2%", "2025M1-11", "actual"),
        ("4.1%", "2025Q1-3", "actual"),
        ("2.5%", "2025H1", "actual"),
        ("3%", "2025", "estimate"),  # 预计全年
        ("15万人", "2026", "target"),  # the 主要预期目标 paragraph at the end of the review
    ],
)
def test_periods_in_a_review(raw: str, period: str, kind: str) -> None:
    got = periods(REVIEW_2026, DocYears("work_report", 2026, 2025, 2026))
    assert got[raw] == (period, kind)


def test_a_span_of_years_naming_a_task_is_the_plans_term_not_a_result() -> None:
    """实现5年消薄任务2年完成: the 5 years were planned, the 2 taken; 连续4年 is a streak,
    and so is 连续11年超额完成任务 (the years the task was done, longhua-2023)."""
    text = "一、2025年工作回顾\n实现5年消薄任务2年完成，连续4年获评优秀，连续11年超额完成任务。\n"
    got = periods(text, DocYears("work_report", 2026, 2025, 2026))
    assert got["5年"] == ("2025", "plan")
    assert got["2年"][1] == "actual" and got["4年"][1] == "actual"
    assert got["11年"][1] == "actual"


TERM_BODY = "这五年，居民人均可支配收入年均增长5%，年均新增就业岗位61.4万个。"


@pytest.mark.parametrize(
    ("body", "raw", "period", "kind"),
    [
        (TERM_BODY, "5%", "2021-2025", "actual"),
        (TERM_BODY, "61.4万个", "2021-2025", "actual"),
        ("五年来，全社会研发经费投入预计年均增长10.5%。", "10.5%", "2021-2025", "estimate"),
        ("这五年，五年新设民营经营主体276.4万户。", "276.4万户", "2021-2025", "actual"),
        ("这五年，全市工业经济总量突破3万亿元。", "3万亿元", "2025", "actual"),  # a year's level
        ("这五年，城镇新增就业452万人。", "452万人", "2021-2025", "actual"),
        ("这五年，PM2.5平均浓度累计下降27.4%。", "27.4%", "cumulative", "actual"),
        ("这五年，生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。", "3.68万亿元", "2020",
         "actual"),
        ("这五年，生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。", "4.93万亿元", "2025",
         "actual"),
        ("去年一季度开局良好，但二季度以后走低。一次性增加6万亿元债务限额。", "6万亿元", "2025",
         "actual"),  # a part-year cue inside a clause dates its sentence only
        ("上半年，进出口增长3.4%。税收增长2.5%。", "2.5%", "2025H1", "actual"),  # 上半年，…
        ("“十四五”时期，地区生产总值年均增长5.5%。", "5.5%", "2021-2025", "actual"),
        ("出台《若干措施（2024—2028年）》，落实资金3亿元。", "3亿元", "2025", "actual"),
        ("培育未来工厂10家。", "10家", "2025", "actual"),  # 未来工厂 is a name, not the future
        ("未来，将开通班列3条。", "3条", "future", "plan"),
        ("未来具备全市三分之一农副产品保供能力。", "三分之一", "future", "plan"),
        ("建设未来社区5个。", "5个", "2025", "actual"),
        ("将防控重心从防感染转到保健康，任务完成率超过120%。", "120%", "2025", "actual"),  # 将 = 把
        ("地区生产总值增长5.4%，比2020年增长38%。", "38%", "2025", "actual"),
        ("游客量均超2019年同期水平，其中过夜游客增长48.6%。", "48.6%", "2025", "actual"),
        ("客流恢复至2019年同期的95%。", "95%", "2025", "actual"),
    ],
)  # fmt: skip
def test_term_figures_titles_and_names(body: str, raw: str, period: str, kind: str) -> None:
    text = f"一、2025年工作回顾\n{body}\n二、2026年工作安排\n增长7%。\n"
    got = periods(text, DocYears("work_report", 2026, 2025, 2026))
    assert got[raw] == (period, kind)


@pytest.mark.parametrize(
    ("body", "raw", "period"),
    [
        # a level a completed term ended at is the last year's
        ("五年来，高速公路通车里程达到4771公里。", "4771公里", "2025"),
        ("五年来，城市轨道交通运营线路增至14条。", "14条", "2025"),
        ("五年来，国家级高新技术企业从0.94万家增加到1.55万家。", "1.55万家", "2025"),
        ("五年来，认定地区总部分别从771家、481家增加到1076家、636家。", "636家", "2025"),
        ("五年来，园区开发区由106家整合为50家。", "50家", "2025"),
        ("五年来，金融资产规模超过9.5万亿元。", "9.5万亿元", "2025"),
        ("五年来，毛入园率、巩固率分别达到93.5%、98.3%。", "98.3%", "2025"),
        ("“十四五”时期，护理型养老床位占比达到71.4%。", "71.4%", "2025"),
        ("五年来，京津冀区域优良天数比率接近80%。", "80%", "2025"),
        ("五年来，综合算力指数全国第一。", "第一", "2025"),  # a rank the term ended in
        ("五年来，特色产业集群数量全国第二。", "第二", "2025"),
        # what the term adds up, holds through or grows by stays the term's
        ("五年来，新增养老床位2.5万张。", "2.5万张", "2021-2025"),
        ("五年来，实施棚户区改造超过11万户。", "11万户", "2021-2025"),
        ("五年来，运输箱量增长3倍以上。", "3倍", "2021-2025"),
        ("五年来，城镇新增就业年均超过70万人。", "70万人", "2021-2025"),
        ("五年来，财政民生支出占比保持在80%以上。", "80%", "2021-2025"),
        ("五年来，群众安全感连续8年保持在98%。", "98%", "2018-2025"),
        ("五年来，累计实施城市更新项目223个。", "223个", "cumulative"),
    ],
)
def test_a_level_reached_in_a_term_is_its_last_years(body: str, raw: str, period: str) -> None:
    text = f"一、2025年工作回顾\n{body}\n二、2026年工作安排\n增长7%。\n"
    got = periods(text, DocYears("work_report", 2026, 2025, 2026))
    assert got[raw] == (period, "actual")


def test_a_plan_part_looking_back_on_the_term_dates_levels_at_its_end() -> None:
    text = (
        "一、2025年工作回顾\n增长5%。\n二、关于“十五五”规划\n"
        "“十四五”时期，口岸贸易总额从8.75万亿元增长到11.3万亿元，新增养老床位2.5万张。\n"
        "三、2026年工作安排\n增长7%。\n"
    )
    got = periods(text, DocYears("work_report", 2026, 2025, 2026))
    assert got["11.3万亿元"] == ("2025", "actual")
    assert got["2.5万张"] == ("2021-2025", "actual")


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("比例分别达55.0%、50.0%以上。", ">="),  # 以上 after a 分别 list bounds every figure
        ("分别新增企业120家、35家以上。", ">="),
        ("分别增长5%、3%左右。", "~"),
        ("分别降至18.6微克/立方米、144微克/立方米以下。", "<="),
        ("新增企业55家、增长50.0%以上。", "="),  # no 分别: the 以上 is the last figure's
    ],
)
def test_a_word_after_a_list_bounds_its_first_figure(text: str, sign: str) -> None:
    mention = scan(text).mentions[0]
    assert comparator(text, mention, Around.of(text, mention.start, mention.end)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("接待游客、旅游收入分别突破1700万人次、110亿元。", ">="),  # a word before bounds all
        ("分别超过30家、20家、10家。", ">="),
        ("PM2.5、臭氧浓度分别控制在30微克/立方米、150微克/立方米。", "<="),
        ("分别约5亿元、3亿元。", "~"),
        ("突破1700万人次，旅游收入110亿元。", "="),  # no 分别, another clause
        ("分别增长8.3%、7.9%。", "="),
    ],
)
def test_a_word_before_a_list_bounds_its_last_figure(text: str, sign: str) -> None:
    mention = scan(text).mentions[-1]
    assert comparator(text, mention, Around.of(text, mention.start, mention.end)) == sign


def test_the_years_figure_in_a_plan_sentence_naming_a_term_is_the_years_target() -> None:
    text = (
        "一、2025年工作回顾\n增长5%。\n二、2026年工作安排\n"
        "谋划一批衔接“十四五”和“十五五”的项目，全年固定资产投资保持千亿规模。\n"
    )
    got = periods(text, DocYears("work_report", 2026, 2025, 2026))
    assert got["千亿"] == ("2026", "target")


def test_an_estimate_in_the_plan_part_stays_an_estimate() -> None:
    text = (
        "一、2025年工作回顾\n增长5%。\n"
        "二、2026年工作安排\n预计今年高校毕业生超过1170万人。新增就业80万人。\n"
    )
    got = periods(text, DocYears("work_report", 2026, 2025, 2026))
    assert got["1170万人"] == ("2026", "estimate") and got["80万人"] == ("2026", "target")


def test_a_new_plan_period_is_a_plan_and_the_targets_paragraph_targets() -> None:
    text = REVIEW_2026
    years = DocYears("work_report", 2026, 2025, 2026)
    outline = Outline(text, "work_report")
    got = []
    for m in scan(text).mentions:
        frame = structural_frame(years, outline, m.start)
        got.append((m.raw, *period_and_kind(text, m, Around.of(text, m.start, m.end), frame)))
    five = [g for g in got if g[0] == "5%"]
    assert ("5%", "2026-2030", "plan") in five  # 十五五 in the review: a plan to come
    assert ("5%", "2026", "target") in five  # 主要预期目标 and the plan part
    assert ("6%", "2026-2030", "plan") in got  # 十五五 in the plan part
    assert ("10万套", "2026-2030", "plan") in got  # 2026—2030年


@pytest.mark.parametrize(
    ("text", "strive"),
    [
        ("力争新增就业8500人以上。", True),
        ("确保增长5.2%、力争6%。", False),  # the first is promised
        ("确保增长5.2%、力争6%。", True),  # the last is aimed at (checked on the last figure)
        ("争取引进企业10家。", True),
        ("新增就业8500人以上。", False),
        ("力争完成11个地块3136亩土地入市交易。", True),
    ],
)
def test_strive_is_kept_beside_the_comparator(text: str, strive: bool) -> None:
    found = scan(text).mentions
    mention = found[0] if not strive and "确保" in text else found[-1]
    assert strives(text, mention, Around.of(text, mention.start, mention.end)) == strive


def test_a_review_of_the_whole_term_covers_its_years() -> None:
    text = (
        "一、过去五年工作回顾\n地区生产总值年均增长6.1%。2022年，新建公园12个。\n"
        "二、2023年工作安排\n地区生产总值增长5%。\n"
    )
    got = periods(text, DocYears("work_report", 2023, 2022, 2023))
    assert got == {"6.1%": ("2018-2022", "actual"), "12个": ("2022", "actual"),
                   "5%": ("2023", "target")}  # fmt: skip


def test_this_year_is_the_year_an_article_is_published() -> None:
    text = "今年，全区新增就业1.2万人。去年地区生产总值增长5%。\n"
    got = periods(text, DocYears("news_article", 2024))
    assert got == {"1.2万人": ("2024", "actual"), "5%": ("cumulative", "actual")}


def test_part_without_a_review_word_is_the_review() -> None:
    text = "一、迎难而上、顽强拼搏\n地区生产总值增长4.1%。\n二、奋力实现2023年目标\n增长6%。\n"
    got = periods(text, DocYears("work_report", 2023, 2022, 2023))
    assert got == {"4.1%": ("2022", "actual"), "6%": ("2023", "target")}


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        ("2023Q1-3", "2023年前三季度", "Jan–Sep 2023"),
        ("2023M1-11", "2023年1—11月", "Jan–Nov 2023"),
        ("2023Q1", "2023年第一季度", "Q1 2023"),
        ("2021-2025", "2021–2025年", "2021–2025"),
        ("future", "今后", "ahead"),  # a plan without a year, in the page's language
        ("cumulative", "累计", "to date"),
    ],
)
def test_partial_periods_are_shown(period: str, zh: str, en: str) -> None:
    assert (format_period(period, "zh"), format_period(period, "en")) == (zh, en)
