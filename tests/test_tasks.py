"""The 2023 work plan table: sentences, offsets, sections, sub-headings, sectors, facts."""

import dataclasses

import pandas as pd
import pytest

from pgdash.errors import PgdashError
from pgdash.paths import seeds_dir
from pgdash.pipeline.extract import facts
from pgdash.pipeline.read.seeds import Document, load_corpus
from pgdash.pipeline.relate import tasks
from pgdash.pipeline.text.outline import Outline
from pgdash.schema import FACTS, empty_frame, to_arrow

SECTIONS = {
    1: (
        "（一）守好绿水青山，筑牢首都东部生态屏障",
        ["狠抓生态治理", "提升生态品质", "构建现代环境治理体系"],
    ),
    2: (
        "（二）坚定不移建设农业中关村，打造农业中国芯",
        ["加强顶层谋划设计", "加速创新要素集聚", "打造“现代食品营养谷”", "加快农业现代化步伐"],
    ),
    3: (
        "（三）坚定不移服务新发展格局，打造首都物流高地",
        ["加速大项目落地", "夯实大物流基础", "营造物流大生态"],
    ),
    4: (
        "（四）坚定不移拥抱新消费新生活，打造世界休闲谷",
        [
            "加快建设金海湖文旅小镇",
            "持续打造泃洳河休闲经济区",
            "推进休闲业态多点开花",
            "推进兴谷新消费综合体建设",
        ],
    ),
    5: (
        "（五）深化改革创新，全面营造高质量发展环境",
        ["优化营商环境", "推进数字赋能", "强化人才支撑", "深化协同发展"],
    ),
    6: (
        "（六）加速城乡融合发展，建设宜居宜业和美乡村",
        [
            "做好平谷大桃这篇大文章",
            "发展新型农村集体经济",
            "深入实施乡村建设行动",
            "深化开展三农领域改革",
            "持续提升基层治理水平",
        ],
    ),
    7: (
        "（七）注重建管并举，打造宜居韧性智慧城市",
        ["加速城市建设", "增强城市韧性", "以绣花功夫精细化管理城市"],
    ),
    8: (
        "（八）坚定文化自信，持续增强高质量发展软实力",
        ["提高全社会文明程度", "激发文化产业活力", "提升文化服务品质"],
    ),
    9: (
        "（九）坚持人民至上，不断提升民生服务品质",
        ["落实就业优先战略", "办好人民满意的教育", "加速建设健康平谷", "健全社会保障体系"],
    ),
    10: (
        "（十）确保安全发展，守好首都“东大门”",
        ["做好新阶段疫情防控工作", "提升安全服务保障能力", "打造更高水平的平安平谷"],
    ),
    11: (
        "（十一）勇于自我革命，营造干事创业良好氛围",
        ["坚持以政治建设为统领", "加强民主法治建设", "加强能力作风建设"],
    ),
}


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Document], dict[str, Outline]]:
    docs = load_corpus(seeds_dir())
    return docs, {d.doc_id: Outline(d.text, d.kind) for d in docs}


@pytest.fixture(scope="module")
def report(corpus) -> Document:
    return next(d for d in corpus[0] if d.doc_id == "gwr2023")


@pytest.fixture(scope="module")
def table(corpus) -> pd.DataFrame:
    docs, outlines = corpus
    return tasks.build_tasks(docs, outlines, empty_frame("facts"))


def synthetic_fact(text: str, fragment: str, raw: str, fact_id: str) -> dict[str, object]:
    """A facts row for ``raw`` inside ``fragment`` of the real text, as the extractor makes it."""
    quote_start = text.index(fragment)
    start = quote_start + fragment.index(raw)
    return {
        **{name: "" for name in FACTS.names},
        "fact_id": fact_id,
        "doc_id": "gwr2023",
        "sector": "economy",
        "kind": "target",
        "comparator": "=",
        "value": 1.0,
        "value_std": 1.0,
        "is_rank": False,
        "headline": False,
        "quote": fragment,
        "quote_start": quote_start,
        "quote_end": quote_start + len(fragment),
        "start": start,
        "end": start + len(raw),
        "raw": raw,
    }


def test_every_sentence_is_its_span_of_the_text(table: pd.DataFrame, report: Document) -> None:
    for row in table.itertuples():
        assert report.text[row.start : row.end] == row.sentence
        assert row.sentence and not any(ch in row.sentence for ch in "。；")
    assert table["start"].is_monotonic_increasing


def test_table_fits_its_schema_and_ids_are_stable(table: pd.DataFrame, corpus) -> None:
    to_arrow(table, "tasks")
    assert table["task_id"].is_unique
    first = table.groupby("section_no")["task_id"].first()
    assert all(first[n] == f"t{n:02d}-001" for n in first.index)
    again = tasks.build_tasks(*corpus, empty_frame("facts"))
    pd.testing.assert_frame_equal(table, again)


def test_eleven_sections_with_their_titles(table: pd.DataFrame) -> None:
    titles = table.drop_duplicates("section_no").set_index("section_no")["section_title"]
    assert titles.to_dict() == {0: "主要预期目标"} | {n: t for n, (t, _) in SECTIONS.items()}


@pytest.mark.parametrize("section_no", sorted(SECTIONS))
def test_sub_headings_in_order_after_the_lead(table: pd.DataFrame, section_no: int) -> None:
    rows = table[table["section_no"] == section_no]
    order = list(dict.fromkeys(rows["subheading"]))
    assert order == ["", *SECTIONS[section_no][1]]
    assert not rows["sentence"].isin(SECTIONS[section_no][1]).any()


def test_lead_sentences_of_a_section_in_its_own_paragraph(table: pd.DataFrame) -> None:
    lead = table[(table["section_no"] == 3) & (table["subheading"] == "")]
    assert lead["sentence"].tolist() == [
        "助力“两区”建设，加速推动物流园区向现代物流体系转变、仓储经济向枢纽经济转变、"
        "传统物流向智慧物流转变，打造更韧性、更安全、更经济、更低碳、更开放的首都物流高地"
    ]


def test_main_expected_targets_are_section_zero(table: pd.DataFrame) -> None:
    targets = table[table["section_no"] == 0]
    assert targets["sentence"].iloc[0] == "地区生产总值增速5%左右"
    assert "城镇登记失业率控制在4.8%以内" in targets["sentence"].tolist()
    assert (targets["subheading"] == "").all()
    assert targets["sector"].iloc[:3].tolist() == ["economy"] * 3


def test_neither_the_review_nor_the_closing_call_is_a_task(
    table: pd.DataFrame, report: Document
) -> None:
    plan_start = report.text.index("二、2023年工作思路和主要任务")
    assert table["start"].min() > plan_start
    assert not table["sentence"].str.contains("让我们").any()
    assert table["sentence"].iloc[-1].endswith("永葆为民务实清廉的政治本色")


def test_a_sentence_broken_across_lines_stays_one_task(table: pd.DataFrame) -> None:
    hit = table[table["sentence"].str.contains("揭榜挂帅")]
    assert len(hit) == 1 and hit["sentence"].iloc[0].endswith("促进核心技术科研攻关")


@pytest.mark.parametrize(
    ("section_no", "sector"),
    [(1, "ecology"), (2, "agritech"), (3, "logistics"), (4, "leisure"), (11, "governance")],
)
def test_sections_take_their_sector(table: pd.DataFrame, section_no: int, sector: str) -> None:
    assert set(table.loc[table["section_no"] == section_no, "sector"]) == {sector}


def test_sub_heading_sector_overrides_its_section(table: pd.DataFrame) -> None:
    rows = table[table["subheading"] == "深化协同发展"]
    assert set(rows["sector"]) == {"urban"}


def test_facts_attach_to_the_sentence_holding_their_number(corpus, report: Document) -> None:
    text = report.text
    facts = pd.DataFrame(
        [
            synthetic_fact(text, "完成老楼加装电梯24部以上", "24部", "f-lift"),
            synthetic_fact(text, "启动4064亩土地整理", "4064亩", "f-land"),
            synthetic_fact(text, "力争完成11个地块3136亩土地入市交易", "3136亩", "f-plots-area"),
            synthetic_fact(text, "力争完成11个地块3136亩土地入市交易", "11个", "f-plots"),
            synthetic_fact(text, "加装电梯16部", "16部", "f-review"),  # part 一, not a task
        ]
    )
    table = tasks.build_tasks(*corpus, facts)
    attached = table[table["fact_ids"].map(len) > 0].set_index("sentence")["fact_ids"]
    assert attached.map(list).to_dict() == {
        "深入开展老旧小区综合整治，完成老楼加装电梯24部以上": ["f-lift"],
        "启动4064亩土地整理，力争完成11个地块3136亩土地入市交易": [
            "f-land",
            "f-plots",
            "f-plots-area",
        ],
    }


def test_extracted_facts_attach_once_each(corpus) -> None:
    extracted, _ = facts.build_facts(*corpus)
    table = tasks.build_tasks(*corpus, extracted)
    attached = [fact_id for ids in table["fact_ids"] for fact_id in ids]
    assert len(attached) == len(set(attached)) > 0
    in_report = extracted[extracted["doc_id"] == "gwr2023"]
    for row in table.itertuples():
        inside = in_report[(in_report["start"] >= row.start) & (in_report["start"] < row.end)]
        assert list(row.fact_ids) == inside.sort_values("start")["fact_id"].tolist()
    targets = table[table["section_no"] == 0]
    raws = in_report.set_index("fact_id")["raw"]
    assert [list(raws[list(ids)]) for ids in targets["fact_ids"]][:4] == [
        ["5%"],
        ["5%"],
        ["3%"],
        ["4.8%"],
    ]


def test_facts_of_another_document_do_not_attach(corpus, report: Document) -> None:
    fact = synthetic_fact(report.text, "完成老楼加装电梯24部以上", "24部", "f-other")
    fact["doc_id"] = "press2024"
    table = tasks.build_tasks(*corpus, pd.DataFrame([fact]))
    assert table["fact_ids"].map(len).sum() == 0


def test_without_a_work_report_the_plan_cannot_be_built(corpus) -> None:
    docs, outlines = corpus
    press = [d for d in docs if d.kind != "work_report"]
    with pytest.raises(PgdashError, match="0 work reports"):
        tasks.build_tasks(press, outlines, empty_frame("facts"))


def test_a_report_without_its_plan_part_is_refused(report: Document) -> None:
    review_only = report.text[: report.text.index("二、2023年工作思路和主要任务")]
    doc = dataclasses.replace(report, text=review_only)
    outlines = {doc.doc_id: Outline(doc.text, doc.kind)}
    with pytest.raises(PgdashError, match="主要任务"):
        tasks.build_tasks([doc], outlines, empty_frame("facts"))
