"""Values, periods, deltas and ranks as a Chinese (or English) reader expects them."""

import math

import pytest

from pgdash.display.formatting import (
    chinese_ordinal,
    date_text,
    format_delta,
    format_number,
    format_period,
    format_value,
    hex_colour,
    rank_badge,
)


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "expected"),
    [
        (11.2, "%", "=", "11.2%"),
        (175.0, "亿元", "=", "175亿元"),
        (1.57, "万人", "=", "1.57万人"),
        (5.0, "%", "~", "5%左右"),
        (8500.0, "人", ">=", "8500人以上"),
        (3.0, "%", "<=", "3%以内"),
        (101.84, "亿元", "=", "101.84亿元"),
        (9194.86, "万元", "=", "9194.86万元"),
        (40.0, "", "=", "40"),
    ],
)
def test_chinese_values(value, unit, comparator, expected):
    assert format_value(value, unit, comparator, "zh") == expected


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "value_std", "unit_std", "expected"),
    [
        (175.0, "亿元", "=", 1.75e10, "元", "17.5 bn yuan"),
        (1.57, "万人", "=", 15700.0, "人", "15,700 people"),
        (5.0, "%", "~", 5.0, "%", "about 5%"),
        (8500.0, "人", ">=", 8500.0, "人", "at least 8,500 people"),
        (3.0, "%", "<=", 3.0, "%", "at most 3%"),
        (4000.0, "万吨", "=", 4e7, "吨", "40 million t"),
        (54.8, "亿元", "=", 5.48e9, "元", "5.48 bn yuan"),
    ],
)
def test_english_values(value, unit, comparator, value_std, unit_std, expected):
    assert format_value(value, unit, comparator, "en", value_std, unit_std) == expected


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "strive", "value_std", "unit_std", "zh", "en"),
    [
        (300.0, "家", "nearly", False, 300.0, "家", "近300家", "nearly 300"),
        (14.0, "个百分点", "nearly", False, 14.0, "百分点", "近14个百分点", "nearly 14 pp"),
        (8500.0, "人", ">=", True, 8500.0, "人", "力争8500人以上",
         "aiming for at least 8,500 people"),
        (6.0, "%", "=", True, 6.0, "%", "力争6%", "aiming for 6%"),
        (126.0, "万亿元", "=", False, 1.26e14, "元", "126万亿元", "126 trn yuan"),
        (1800.0, "万标准箱", "=", False, 1.8e7, "标箱", "1800万标准箱", "18 million TEU"),
        (32.0, "万元/人", "=", False, 3.2e5, "元/人", "32万元/人", "320,000 yuan per person"),
        (17.5, "微克/立方米", "<=", False, 17.5, "微克/立方米", "17.5微克/立方米以内",
         "at most 17.5 μg/m³"),
    ],
)  # fmt: skip
def test_nearly_strive_and_compound_units_in_both_languages(
    value, unit, comparator, strive, value_std, unit_std, zh, en
):
    shown = [
        format_value(value, unit, comparator, lang, value_std, unit_std, strive)
        for lang in ("zh", "en")
    ]
    assert shown == [zh, en]


def test_missing_value_is_a_dash():
    assert format_value(float("nan"), "%", "=", "zh") == "—"
    assert format_number(math.nan) == "—"


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        ("2022", "2022年", "2022"),
        ("2024H1", "2024年上半年", "H1 2024"),
        ("2024H2", "2024年下半年", "H2 2024"),
        ("2021-2023", "2021–2023年", "2021–2023"),
        ("cumulative", "累计", "to date"),
        ("2035", "2035年", "2035"),
        ("something else", "something else", "something else"),
    ],
)
def test_periods(period, zh, en):
    assert format_period(period, "zh") == zh
    assert format_period(period, "en") == en


@pytest.mark.parametrize(
    ("diff", "unit", "lang", "expected"),
    [
        (1.2, "%", "zh", "+1.2个百分点"),
        (-0.5, "%", "zh", "-0.5个百分点"),
        (1.2, "%", "en", "+1.2 pp"),
        (8.0, "部", "zh", "+8部"),
        (0.0, "部", "zh", "±0部"),
        (2.0, "人", "en", "+2 people"),
        (5.2000000001, "%", "zh", "+5.2个百分点"),
    ],
)
def test_deltas(diff, unit, lang, expected):
    assert format_delta(diff, unit, lang) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")],
)
def test_chinese_ordinals(n, expected):
    assert chinese_ordinal(n) == expected


@pytest.mark.parametrize(
    ("scope", "rank", "lang", "expected"),
    [
        ("全市", 1.0, "zh", "全市第一"),
        ("生态涵养区", 2.0, "zh", "生态涵养区第二"),
        ("全市", 3.0, "en", "No. 3 in the city"),  # any district's city, never Beijing
        ("生态涵养区", 1.0, "en", "No. 1 among ecological conservation districts"),
    ],
)
def test_rank_badges(scope, rank, lang, expected):
    assert rank_badge(scope, rank, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (8500.0, "zh", "8500"),
        (8500.0, "en", "8,500"),
        (1234.5, "en", "1,234.5"),
        (0.25, "zh", "0.25"),
    ],
)
def test_numbers(value, lang, expected):
    assert format_number(value, lang) == expected


def test_hex_colour():
    assert hex_colour((31, 119, 180)) == "#1f77b4"


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "value_std", "unit_std", "expected"),
    [
        (11, "方面", "=", 11, "方面", "11 areas"),  # 十一方面, not "11 方面"
        (8, "类", "=", 8, "类", "8 categories"),
        (5, "镇", "=", 5, "镇", "5 towns"),
        (12, "万处", "=", 120000, "处", "120,000 sites"),
        (4.2, "万", "=", 42000, "", "42,000"),  # a bare magnitude is spelled out
        (1, "万", "~", 10000, "", "about 10,000"),
        (1, "倍", "=", 1, "倍", "1-fold"),
    ],
)
def test_english_values_carry_no_chinese_unit(
    value, unit, comparator, value_std, unit_std, expected
):
    shown = format_value(value, unit, comparator, "en", value_std, unit_std)
    assert shown == expected
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in shown)


def test_every_rank_field_has_a_short_english_tag():
    from pgdash.display.formatting import SCOPE_EN, SCOPE_SHORT_EN

    assert set(SCOPE_SHORT_EN) == set(SCOPE_EN)


@pytest.mark.parametrize(
    ("value", "unit", "value_std", "unit_std", "zh", "en"),
    [
        # people are 人 whatever measure word the sentence used (11位院士, 175名博士)
        (11.0, "位", 11.0, "人", "11人", "11 people"),
        (175.0, "名", 175.0, "人", "175人", "175 people"),
        (3.0, "万名", 3e4, "人", "3万人", "30,000 people"),
        (13.0, "位", None, None, "13人", "13 people"),
        # 名 of a rank stays a rank
        (9.0, "名", 9.0, "名次", "9名", "9 places"),
        # a full-width percent sign is shown like every other percentage
        (100.0, "％", 100.0, "%", "100%", "100%"),
        # 户 and 家 are measure words, not households or firms: 240户民宿, 30家露营地
        (240.0, "户", 240.0, "户", "240户", "240"),
        (30.0, "家", 30.0, "家", "30家", "30"),
        # mu explained in hectares for a reader abroad
        (3.0, "万亩", 3e4, "亩", "3万亩", "30,000 mu (2,000 ha)"),
        (4064.0, "亩", 4064.0, "亩", "4064亩", "4,064 mu (271 ha)"),
    ],
)  # fmt: skip
def test_units_are_consistent_in_both_languages(value, unit, value_std, unit_std, zh, en):
    assert format_value(value, unit, "=", "zh", value_std, unit_std) == zh
    assert format_value(value, unit, "=", "en", value_std, unit_std) == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("2024-08-19", "2024年8月19日", "19 August 2024"),
        ("2024-08", "2024年8月", "August 2024"),
        ("2023", "2023年", "2023"),
        ("见附件", "见附件", "见附件"),
        ("2024-13", "2024-13", "2024-13"),
    ],
)
def test_a_document_date_reads_as_a_date(value, zh, en):
    assert date_text(value, "zh") == zh
    assert date_text(value, "en") == en


def test_a_plan_without_a_year_reads_in_the_reader_language():
    assert format_period("future", "zh") == "今后"
    assert format_period("future", "en") == "ahead"


@pytest.mark.parametrize(("lang", "written"), [("zh", "2024年8月19日"), ("en", "19 August 2024")])
def test_the_sources_table_dates_its_documents_as_every_page_does(synth, lang, written):
    """The documents table writes a document's date as the sidebar and the section
    captions do (2024年8月19日 / 19 August 2024), never the ISO form of the table."""
    from pgdash.display.frames import documents_view

    dates = documents_view(synth.documents, lang).iloc[:, 2].tolist()
    assert written in dates
    assert dates == [date_text(d, lang) for d in synth.documents["published"]]


def test_english_counts_of_person_times_say_no_more_than_the_unit_means():
    """人次 counts occurrences (volunteers' services, festival visits, checks): "visits"
    made 50万人次 of volunteer service "500,000 visits"; 人（辆）次 counts vehicles too."""
    assert format_value(50, "万人次", "=", "en", 5e5, "人次") == "500,000 person-times"
    assert format_value(400, "万人（辆）次", ">=", "en", 4e6, "人（辆）次") == "at least 4 million"
    assert format_value(400, "万人（辆）次", ">=", "zh", 4e6, "人（辆）次") == "400万人（辆）次以上"


def test_a_value_breaks_between_its_number_and_a_phrase_not_inside_either():
    from pgdash.display.wrapping import unbroken, value_chunks

    assert value_chunks("No. 1 in the city") == ["No. 1", "in the city"]  # not No. 1 in / the
    assert value_chunks("aiming for 3,136 mu (209 ha)") == ["aiming", "for 3,136 mu", "(209 ha)"]
    assert value_chunks("at least 8,500 people") == ["at least", "8,500 people"]
    assert value_chunks("17.5 bn yuan") == ["17.5 bn yuan"]
    assert unbroken("15,700 people") == "15,700\u00a0people"
