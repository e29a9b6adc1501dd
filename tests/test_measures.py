"""The standard measures (curated/measures.toml) and the corpus of other districts' reports:
measures recognised in any report, periods and kinds relative to each report, a seeds
folder without Pinggu's documents, and a second reader's reference of corpus figures."""

import csv
import hashlib
import math
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from corpus.expected import CORPUS, REPORTS

from pgdash.errors import PgdashError
from pgdash.pipeline.extract.facts import build_facts, document_facts
from pgdash.pipeline.extract.measures import MEASURES_FILE, load_measures, measure_of
from pgdash.pipeline.read.add import add_document
from pgdash.pipeline.read.seeds import Document, load_corpus
from pgdash.pipeline.relate.sites import build_sites
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.write.build import build

REFERENCE = CORPUS / "reference.csv"
FIELDS = ("value", "unit", "period", "kind", "comparator", "measure_id")
MIN_RECALL = 0.95
MIN_ACCURACY = 0.95
MEASURES = load_measures()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    """A seeds folder holding only the six corpus reports, added with ``pgdash add``."""
    folder = tmp_path_factory.mktemp("corpus-only") / "seeds"
    folder.mkdir()
    for name in sorted(REPORTS):
        add_document(CORPUS / name, folder)
    return folder


@pytest.fixture(scope="module")
def docs(seeds: Path) -> dict[str, Document]:
    """Corpus file name → its document, matched by the SHA-256 of the bytes."""
    by_hash = {d.sha256: d for d in load_corpus(seeds)}
    return {n: by_hash[hashlib.sha256((CORPUS / n).read_bytes()).hexdigest()] for n in REPORTS}


@pytest.fixture(scope="module")
def facts(docs: dict[str, Document]) -> pd.DataFrame:
    documents = list(docs.values())
    table, _ = build_facts(documents, {d.doc_id: Outline(d.text, d.kind) for d in documents})
    return table


def test_every_measure_loads_with_a_unique_id() -> None:
    ids = [m.measure_id for m in MEASURES]
    assert len(ids) == len(set(ids)) >= 30
    for required in ("gdp", "gdp_growth", "budget_revenue", "industrial_value_added_growth",
                     "fixed_asset_investment", "retail_sales", "disposable_income",
                     "urban_disposable_income", "rural_disposable_income",
                     "registered_unemployment", "cpi", "foreign_trade", "foreign_capital",
                     "energy_intensity_reduction", "grain_output"):  # fmt: skip
        assert required in ids
    assert "gwr" not in MEASURES_FILE.read_text("utf-8")  # no document ids


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("地区生产总值", "元", "gdp"),
        ("本地生产总值", "元", "gdp"),
        ("地区生产总值（GDP）", "元", "gdp"),
        ("GDP增速", "%", "gdp_growth"),
        ("地区生产总值增速", "%", "gdp_growth"),
        ("地区生产总值近三年平均增速", "%", "gdp_growth"),
        ("人均地区生产总值", "元", "gdp_per_capita"),
        ("每平方公里GDP产出", "元", ""),
        ("地方级一般公共预算收入增速", "%", "budget_revenue_growth"),
        ("地方一般公共预算收入", "元", "budget_revenue"),
        ("一般公共预算收入", "元", "budget_revenue"),
        ("规上工业增加值增速", "%", "industrial_value_added_growth"),
        ("规模以上工业增加值增速", "%", "industrial_value_added_growth"),
        ("战略性新兴产业增加值", "元", ""),
        ("规模以上工业总产值", "元", "industrial_output"),
        ("社会消费品零售额增速", "%", "retail_sales_growth"),
        ("城镇居民人均可支配收入", "元", "urban_disposable_income"),
        ("农村居民人均可支配收入增速", "%", "rural_disposable_income_growth"),
        ("居民人均可支配收入", "元", "disposable_income"),
        ("城镇登记失业率", "%", "registered_unemployment"),
        ("居民消费价格涨幅", "%", "cpi"),
        ("进出口总额增速", "%", "foreign_trade_growth"),
        ("实际利用外资", "美元", "foreign_capital"),
        ("万元GDP能耗下降", "%", "energy_intensity_reduction"),
        ("万元GDP水耗下降", "%", ""),
        ("全社会研发投入占GDP比重", "%", "rd_intensity"),
        ("粮食产量", "吨", "grain_output"),
        ("地区生产总值", "%", ""),  # a share is not the level
    ],
)
def test_synonyms_name_one_measure(name: str, unit: str, expected: str) -> None:
    assert measure_of(name, unit, False, MEASURES) == expected


def test_ranks_state_no_measure() -> None:
    assert measure_of("地区生产总值增速全市排名", "名次", True, MEASURES) == ""


@pytest.mark.parametrize(
    ("sentence", "raw", "expected"),
    [
        ("一般公共预算收入152亿元，同口径增长8.8%。", "8.8%", "budget_revenue_growth"),
        ("地区生产总值增长3.1%，达到2952亿元。", "2952亿元", "gdp"),
        ("本地生产总值1200亿元，增长5%。", "5%", "gdp_growth"),
        ("税收收入130亿元，扣除留抵退税后同口径增长2%。", "2%", "tax_revenue_growth"),
        ("新增市场主体5万户，同比增长8%。", "8%", ""),  # not a standard measure
    ],
)
def test_a_bare_change_or_verb_borrows_the_figure_before(
    sentence: str, raw: str, expected: str
) -> None:
    text = f"一、2023年工作回顾\n{sentence}\n二、2024年工作安排\n新建公园3个。\n"
    doc = Document("x", "t", "", "2024", "work_report", "", "x.txt", "", text, "", 2024, 2023, 2024)
    rows, _ = document_facts(doc, Outline(text, "work_report"))
    (row,) = [r for r in rows if r["raw"] == raw]
    assert row["measure_id"] == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[measure]]\nid = "gdp"\n', "missing zh, en, sector, sense, aspect"),
        ('[[measure]]\nid = "GDP"\nzh = "a"\nen = "a"\nsector = "economy"\nsense = "higher"\n'
         'aspect = "rate"\nnames = ["a"]\n', "lower_case"),
        ('[[measure]]\nid = "a"\nzh = "a"\nen = "a"\nsector = "money"\nsense = "higher"\n'
         'aspect = "rate"\nnames = ["a"]\n', "unknown sector"),
        ('[[measure]]\nid = "a"\nzh = "a"\nen = "a"\nsector = "economy"\nsense = "higher"\n'
         'aspect = "level"\nnames = ["a"]\n', "a level needs units"),
        ('[[measure]]\nid = "a"\nzh = "a"\nen = "a"\nsector = "economy"\nsense = "up"\n'
         'aspect = "rate"\nnames = ["a"]\n', "sense must be one of"),
    ],
)  # fmt: skip
def test_bad_measures_file_is_a_one_line_error(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "measures.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PgdashError, match=message) as caught:
        load_measures(path)
    assert "\n" not in str(caught.value)


# ------------------------------------------------------------------ the corpus alone


def test_a_seeds_folder_of_other_districts_has_facts_and_no_sites(
    docs: dict[str, Document], facts: pd.DataFrame
) -> None:
    assert set(facts["doc_id"]) == {d.doc_id for d in docs.values()}
    sites = build_sites(list(docs.values()), facts)
    assert sites.empty
    # Pinggu's curated sites and measures speak only to Pinggu's documents: nothing to report
    assert not sites.attrs["unmatched"] and not facts.attrs["unmatched"]
    assert not facts["headline"].any()


def test_a_seeds_folder_of_other_districts_builds(seeds: Path, tmp_path: Path) -> None:
    report = build(seeds, tmp_path / "data")
    assert report.rows["facts"] > 1000 and report.rows["sites"] == 0
    assert not report.curated_unmatched  # no warning about another district's documents


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_periods_and_kinds_follow_the_report(
    name: str, docs: dict[str, Document], facts: pd.DataFrame
) -> None:
    """Review figures are results of the reviewed year (or part of it, to date, or of the term
    it closes); plan figures targets of the next year, plans, forecasts (预计), or results of
    a term a plan part looks back on (its totals, or the level it ended at)."""
    doc = docs[name]
    outline = Outline(doc.text, doc.kind)
    rows = facts[facts["doc_id"] == doc.doc_id]
    reviewed, targets = str(doc.reviews_year), str(doc.targets_year)
    review = Counter()
    for row in rows.itertuples():
        part = outline.part_at(row.start)
        closes_term = bool(re.fullmatch(rf"\d{{4}}-{reviewed}", row.period))
        if part is not None and part.role == "plan":
            looks_back = row.kind == "actual" and (
                closes_term or row.period in ("cumulative", reviewed)
            )
            assert row.kind in ("target", "plan", "estimate") or looks_back, row.quote
            if row.kind == "target":
                assert row.period in (targets, "2021-2025"), row.quote
        else:
            assert row.kind in ("actual", "estimate", "plan", "target"), row.quote
            result = row.kind in ("actual", "estimate") and (
                row.period.startswith(reviewed) or row.period == "cumulative" or closes_term
            )
            review[result or (row.kind == "target" and row.period == targets)] += 1
    assert review[True] / sum(review.values()) >= 0.9, review


def test_gdp_growth_is_one_measure_in_every_report(
    docs: dict[str, Document], facts: pd.DataFrame
) -> None:
    growth = facts[facts["measure_id"] == "gdp_growth"]
    for name, doc in docs.items():
        mine = growth[growth["doc_id"] == doc.doc_id]
        kinds = set(zip(mine["period"], mine["kind"], strict=True))
        results = {p for p, k in kinds if k == "actual" and p.startswith(str(doc.reviews_year))}
        assert results, name  # the year's, or part of it (2023Q1-3) where the year is not over
        assert (str(doc.targets_year), "target") in kinds, name


def test_a_target_and_its_result_meet_across_reports(
    docs: dict[str, Document], facts: pd.DataFrame
) -> None:
    """The 2023 GDP growth target of luohu-2023 and the 2023 result of luohu-2024."""
    growth = facts[(facts["measure_id"] == "gdp_growth") & (facts["period"] == "2023")]
    target = growth[growth["doc_id"] == docs["luohu-2023.txt"].doc_id]
    result = growth[growth["doc_id"] == docs["luohu-2024.txt"].doc_id]
    assert list(zip(target["kind"], target["raw"], strict=True)) == [("target", "6.5%")]
    assert list(zip(result["kind"], result["raw"], strict=True)) == [("actual", "7.2%")]


# ------------------------------------------------------------------ the second reader


def _reference(docs: dict[str, Document]) -> list[dict]:
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        text = docs[row["file"]].text
        assert text.count(row["fragment"]) == 1, f"fragment must occur once: {row['fragment']}"
        row["start"] = text.index(row["fragment"]) + row["fragment"].index(row["raw"])
        row["end"] = row["start"] + len(row["raw"])
        row["doc_id"] = docs[row["file"]].doc_id
    return rows


def _found(facts: pd.DataFrame, row: dict) -> pd.Series | None:
    """The fact whose number lies within the reference figure's span."""
    mine = facts[
        (facts["doc_id"] == row["doc_id"])
        & (facts["start"] < row["end"])
        & (facts["end"] > row["start"])
    ]
    return mine.iloc[0] if len(mine) else None


def _agrees(field: str, fact: pd.Series, row: dict) -> bool:
    if field == "value":
        return math.isclose(fact["value"], float(row["value"]))
    if field == "unit":
        return fact["unit"].replace("％", "%") == row["unit"]
    return str(fact[field]) == row[field]


def score(facts: pd.DataFrame, reference: list[dict]) -> tuple[float, dict, list[str], list]:
    """Recall, accuracy per field, the misses and the non-figures taken as facts."""
    present = [r for r in reference if r["expected"] == "present"]
    misses, right, checked = [], Counter(), Counter()
    found = 0
    for row in present:
        fact = _found(facts, row)
        if fact is None:
            misses.append(f"{row['file']}: {row['fragment']}")
            continue
        found += 1
        for field in FIELDS:
            if field == "measure_id" and not row[field]:
                continue  # checked where the reference names a standard measure
            checked[field] += 1
            if _agrees(field, fact, row):
                right[field] += 1
            else:
                misses.append(f"{row['file']}: {row['raw']} {field} {fact[field]!r}≠{row[field]!r}")
    accuracy = {f: right[f] / checked[f] for f in FIELDS}
    wrongly = [r["fragment"] for r in reference if r["expected"] == "absent" and _found(facts, r)]
    return found / len(present), accuracy, misses, wrongly


def test_second_reader_reference(docs: dict[str, Document], facts: pd.DataFrame) -> None:
    reference = _reference(docs)
    assert sum(r["expected"] == "present" for r in reference) >= 60
    recall, accuracy, misses, wrongly = score(facts, reference)
    assert not wrongly, wrongly
    assert recall >= MIN_RECALL, misses
    for field, share in accuracy.items():
        assert share >= MIN_ACCURACY, (field, share, misses)
