"""Joining PDF lines into paragraphs."""

import pytest

from pgdash.cjk import display_width
from pgdash.paths import seeds_dir
from pgdash.pipeline.read.normalize import normalize


@pytest.fixture(scope="module")
def report() -> str:
    return normalize((seeds_dir() / "pinggu-gwr-2023.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article() -> str:
    return normalize((seeds_dir() / "press-conference-2024-08.txt").read_text(encoding="utf-8"))


def test_display_width_counts_ascii_as_half() -> None:
    assert display_width("平谷") == 2
    assert display_width("GDP增速") == 3.5


def test_sentences_broken_across_lines_and_pages_are_joined(report: str) -> None:
    assert "写入市党代会报告。我们成功创建" in report  # across a page break
    assert "预计同比增长11.2%，增速全市第一" in report


def test_headings_are_their_own_paragraphs(report: str) -> None:
    paragraphs = report.split("\n")
    assert "一、2022年工作回顾" in paragraphs
    assert "二、2023年工作思路和主要任务" in paragraphs
    assert "重点落实好以下十一方面任务：" in paragraphs


def test_indented_paragraph_starts_are_found(report: str) -> None:
    paragraphs = report.split("\n")
    assert any(p.startswith("物流“大流量”初具规模。") for p in paragraphs)
    assert any(p.startswith("狠抓生态治理。") for p in paragraphs)


def test_article_titles_stand_alone(article: str) -> None:
    paragraphs = article.split("\n")
    titles = (
        "连续三年GDP平均增速9.1%",  # a title on two lines
        "对村民中心设施进行适老化改造",
        "打造首都物流高地",
        "建设“平急两用”发展先行区",
        "打造农业科技创新中心",  # directly above a wider first line
        "北京：上半年近300家直播电商入驻平谷区",  # after a byline
    )
    for title in titles:
        assert title in paragraphs


def test_latin_words_keep_a_space_and_numbers_do_not() -> None:
    assert normalize("HICOOL农业 is\nnice\n") == "HICOOL农业 is nice\n"
    assert normalize("总产值39.4\n亿元。\n") == "总产值39.4亿元。\n"


def test_line_endings_and_bom() -> None:
    assert normalize("\ufeff平谷区\r\n政府。\r\n") == normalize("平谷区\n政府。\n")


@pytest.mark.parametrize("name", ["pinggu-gwr-2023.txt", "press-conference-2024-08.txt"])
def test_no_character_is_lost_or_added(name: str) -> None:
    raw = (seeds_dir() / name).read_text(encoding="utf-8")
    squeeze = str.maketrans("", "", " \n\r\t\u3000")
    assert normalize(raw).translate(squeeze) == raw.translate(squeeze)


def test_page_break_inside_a_sentence_is_joined(article: str) -> None:
    assert "需要为出发点和落脚点，打造有温度的城市。（仁铭）\n" in article
    assert "国际科技创新中心建设中不可或缺的一部分。" in article


def test_web_page_paragraphs_are_kept_one_per_line() -> None:
    raw = (
        "各位代表：\n　　现在，我代表区人民政府向大会报告工作。\n　　一、2023年工作回顾\n"
        "　　一年来，我们攻坚克难。\n　　（一）稳增长。地区生产总值增长6%。\n"
    )
    assert normalize(raw).split("\n")[:-1] == [
        "各位代表：",
        "现在，我代表区人民政府向大会报告工作。",
        "一、2023年工作回顾",
        "一年来，我们攻坚克难。",
        "（一）稳增长。地区生产总值增长6%。",
    ]


def test_chrome_page_numbers_and_back_matter_are_cut() -> None:
    body = [f"　　第{n}段，全区经济稳中向好，各项事业取得新进展。" for n in range(1, 9)]
    raw = "\n".join(
        [
            "【字号：大 中 小】 打印 关闭",
            "发布时间：2024-01-20 来源：区政府办",
            *body[:4],
            "— 2 —",
            *body[4:],
            "　　名词解释",
            "　　1.三棋一牌：围棋、中国象棋、国际象棋、桥牌。",
        ]
    )
    assert normalize(raw).split("\n")[:-1] == [line.strip("\u3000") for line in body]


def test_a_glossary_word_early_in_the_text_is_not_back_matter() -> None:
    raw = "\n".join(["　　名词解释", *[f"　　第{n}段正文，内容充实。" for n in range(5)]])
    assert normalize(raw).startswith("名词解释\n")


PARAGRAPHS = [
    f"　　第{n}段，全国经济回升向好，各项事业取得新进展，人民生活持续改善。" for n in range(8)
]


@pytest.mark.parametrize(
    "chrome",
    [
        ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"],
        ["【字号：大 中 小】 打印 关闭", "来源：河北日报", "时间：2026-02-02"],
        ["分享到：微信 微博", "发布日期：2025-03-12", "信息来源：新华社"],
    ],
)
def test_page_chrome_before_the_title_is_not_read(chrome: list[str]) -> None:
    raw = "\n".join([*chrome, "2026年某省政府工作报告", *PARAGRAPHS])
    lines = normalize(raw).split("\n")[:-1]
    assert lines == ["2026年某省政府工作报告", *[p.strip("\u3000") for p in PARAGRAPHS]]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("3月5日，李强总理代表国务院作报告。新华社记者 姚大伟 摄", ""),
        ("王正谱作政府工作报告。本报记者 霍艳恩摄", ""),
        ("新华社北京3月12日电", ""),
        ("新华社北京3月5日电（记者 张三）各位代表：", "各位代表："),
        ("【我要纠错】责任编辑：王安", ""),
        ("截至12月31日电网负荷创新高。", "截至12月31日电网负荷创新高。"),
        ("本报讯 各位代表：", "各位代表："),
        (
            "记者节期间，全市新闻工作者深入一线采访拍摄。",
            "记者节期间，全市新闻工作者深入一线采访拍摄。",
        ),
    ],
)
def test_datelines_captions_and_editor_lines(line: str, kept: str) -> None:
    lines = normalize("\n".join([PARAGRAPHS[0], line, PARAGRAPHS[1]])).split("\n")[:-1]
    assert lines == [
        PARAGRAPHS[0].strip("\u3000"),
        *([kept] if kept else []),
        PARAGRAPHS[1].strip("\u3000"),
    ]


def test_a_report_held_twice_is_read_once() -> None:
    report = ["各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。", *PARAGRAPHS]
    wire = [
        "新华社北京3月12日电",
        "政府工作报告",
        "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
    ]
    raw = "\n".join([*report, *wire, *report, "【我要纠错】责任编辑：王安"])
    assert normalize(raw).split("\n")[:-1] == [line.strip("\u3000") for line in report]


def test_a_lead_in_then_the_whole_wire_copy_is_read_once() -> None:
    report = ["现在，我代表国务院，向大会报告政府工作，请予审议。", *PARAGRAPHS]
    raw = "\n".join([*report[:5], "新华社北京3月12日电", "政府工作报告", *report])
    assert normalize(raw).split("\n")[:-1] == [line.strip("\u3000") for line in report]


def test_a_slogan_said_twice_is_not_a_second_copy() -> None:
    slogan = "　　各位代表！让我们更加紧密地团结起来，奋力谱写新时代的崭新篇章！"
    raw = "\n".join([slogan, *PARAGRAPHS, slogan, PARAGRAPHS[0]])
    assert normalize(raw).count("奋力谱写") == 2
