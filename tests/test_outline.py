"""Heading paths of the two documents."""

import pytest

from pgdash.paths import seeds_dir
from pgdash.pipeline.read.seeds import load_corpus
from pgdash.pipeline.read.structure import find_parts, has_report_structure, report_years
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


def _parts(text: str) -> list[tuple[str, int | None, str]]:
    return [(p.title, p.year, p.role) for p in Outline(text, "work_report").parts]


def test_bare_year_parts_make_the_numbered_lines_sections() -> None:
    text = (
        "2022年工作回顾\n一年来，我们稳中求进。\n一、经济平稳运行。增长5%。\n"
        "2023年工作安排\n一、推动产业升级。建设园区。\n二、保障民生。新增学位。\n"
    )
    outline = Outline(text, "work_report")
    assert _parts(text) == [("2022年工作回顾", 2022, "review"), ("2023年工作安排", 2023, "plan")]
    sections = [(h.title, outline.section_no_at(h.start)) for h in outline.headings if h.level == 2]
    assert sections == [("一、经济平稳运行", 1), ("一、推动产业升级", 1), ("二、保障民生", 2)]
    assert outline.part_at(text.index("新增学位")).year == 2023


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        (["一、2021年以来工作回顾", "二、2022年主要工作"], [(2021, "review"), (2022, "plan")]),
        (["一、2023年工作回顾", "二、2024年工作安排"], [(2023, "review"), (2024, "plan")]),
        (
            [
                "一、迎难而上，2022年取得新进步",
                "二、全力抓好2023年重点工作",
                "三、加强政府自身建设",
            ],
            [(2022, "review"), (2023, "plan"), (None, "plan")],
        ),
        (["一、迎难而上、顽强拼搏", "二、踔厉奋发、勇毅前行"], [(None, "review"), (None, "plan")]),
        (["一、过去五年工作回顾", "二、2026年重点工作"], [(None, "review"), (2026, "plan")]),
    ],
)
def test_part_roles_from_what_the_headings_say(headings: list[str], expected) -> None:
    text = "".join(f"{h}\n正文一句。\n" for h in headings)
    assert [(y, r) for _, y, r in _parts(text)] == expected


def test_a_long_numbered_paragraph_is_not_a_part() -> None:
    text = "一、2022年工作回顾\n一、坚持稳中求进。全年新增就业岗位一万个，城乡居民收入稳步增长。\n"
    assert [t for t, _, _ in _parts(text)] == ["一、2022年工作回顾"]


@pytest.mark.parametrize(
    ("headings", "roles"),
    [
        (["一、2023年工作回顾", "二、今后的工作"], ["review", "plan"]),
        (
            ["一、2022年工作回顾", "二、2023年工作安排", "三、到2035年远景目标"],
            ["review", "plan", "plan"],
        ),
    ],
)
def test_parts_no_heading_decides(headings: list[str], roles: list[str]) -> None:
    text = "".join(f"{h}\n正文一句。\n" for h in headings)
    assert [r for _, _, r in _parts(text)] == roles


def test_years_from_this_year_and_last_year_words() -> None:
    plan_says = "一、2023年工作回顾\n全年增长5%。\n二、今后的工作\n今年，我们将增长6%。\n"
    years = report_years(plan_says)
    assert (years.reviews, years.targets) == (2023, 2024) and "今年" in years.targets_from
    review_says = "一、过去一年的工作\n一年来，我们攻坚克难。\n二、2025年工作安排\n增长。\n"
    assert (report_years(review_says).reviews, report_years(review_says).targets) == (2024, 2025)


@pytest.mark.parametrize(
    ("headings", "roles"),
    [
        (
            [
                "一、2025年工作回顾",
                "二、关于第十五个五年规划纲要（草案）的说明",
                "三、2026年主要任务",
            ],
            ["review", "plan", "plan"],
        ),
        (
            [
                "一、“十四五”时期经济社会发展回顾",
                "二、“十五五”时期的主要目标任务",
                "三、2026年主要工作",
            ],
            ["review", "plan", "plan"],
        ),
    ],
)
def test_a_five_year_plan_part_plans(headings: list[str], roles: list[str]) -> None:
    text = "".join(f"{h}\n正文一句。\n" for h in headings)
    assert [r for _, _, r in _parts(text)] == roles


@pytest.mark.parametrize(
    "text",
    [
        # cut before its review heading: the text opens with the review's sections
        "（三）惠民生。新增学位5000个。\n（四）优生态。新建公园3个。\n"
        "二、2024年工作安排\n（一）稳增长。地区生产总值增长5%左右。\n",
        # no review heading at all: paragraphs of the past year, then the plan
        "过去一年，全区经济稳中向好。\n一年来，我们新增学位5000个。\n新建公园3个。\n"
        "2024年工作安排\n（一）稳增长。地区生产总值增长5%左右。\n",
    ],
)
def test_a_report_that_starts_mid_review_still_has_a_review(text: str) -> None:
    parts = find_parts(text)
    assert [p.role for p in parts] == ["review", "plan"] and parts[0].implied
    assert has_report_structure(parts)
    assert report_years(text).targets == 2024
    outline = Outline(text, "work_report")
    assert [h.title for h in outline.headings if h.level == 1] == [parts[1].title]
    assert outline.part_at(text.index("新增学位")).role == "review"


def test_a_plan_alone_is_not_made_a_report() -> None:
    text = "一、2024年工作安排\n（一）稳增长。地区生产总值增长5%左右。\n"
    assert [p.role for p in find_parts(text)] == ["plan"]
