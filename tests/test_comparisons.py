"""The ledger: targets followed to their results across documents, by measure, not by pair."""

import math

import pandas as pd
import pytest

from pgdash.paths import seeds_dir
from pgdash.pipeline.extract import facts
from pgdash.pipeline.read.seeds import load_corpus
from pgdash.pipeline.relate import comparisons
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.write.build import documents_frame
from pgdash.schema import COMPARISONS, FACTS, empty_frame

DOCS = load_corpus(seeds_dir())


@pytest.fixture(scope="module")
def pinggu() -> pd.DataFrame:
    """The ledger of the seeds as built."""
    table, _ = facts.build_facts(DOCS, {d.doc_id: Outline(d.text, d.kind) for d in DOCS})
    return comparisons.build_comparisons(table, documents_frame(DOCS))


def fact(fid: str, doc: str, measure: str, period: str, kind: str, value: float, **more):
    """One facts row with what the ledger reads."""
    row = {name: "" for name in FACTS.names}
    row.update(fact_id=fid, doc_id=doc, measure_id=measure, period=period, kind=kind)
    row.update(value=value, value_std=value, unit="%", unit_std="%", comparator="=")
    row.update(is_rank=False, headline=False, headline_rank=0, start=0, sector="economy")
    row.update(metric="地区生产总值增速", metric_en="GDP growth")
    row.update(more)
    return row


def docs(*rows: tuple[str, str, int, int | None]) -> pd.DataFrame:
    """doc_id, district, delivered year, targets year."""
    frame = pd.DataFrame(rows, columns=["doc_id", "district", "delivered_year", "targets_year"])
    frame["targets_year"] = frame["targets_year"].astype("Int64")
    return frame


TWO_REPORTS = docs(("r23", "甲区", 2023, 2023), ("r24", "甲区", 2024, 2024))


def test_pinggu_keeps_its_ten_measures_in_spirit(pinggu):
    by_id = pinggu.set_index("measure_id")
    gdp = by_id.loc["gdp_growth"]
    assert (gdp["year"], gdp["target_value"], gdp["baseline_value"]) == (2023, 5.0, 7.0)
    assert (gdp["latest_value"], gdp["latest_period"], gdp["status"]) == (
        6.2,
        "2024H1",
        "latest_half_year",
    )
    assert gdp["baseline_period"] == "2022" and gdp["baseline_kind"] == "estimate"
    jobs = by_id.loc["城乡劳动力就业"]
    assert (jobs["unit"], jobs["baseline_value"], jobs["target_value"]) == ("人", 15700, 8500)
    farms = by_id.loc["“博士”农场"]
    assert (farms["year"], farms["result_value"], farms["latest_value"]) == (2022, 45, 117)
    assert farms["status"] == "latest_cumulative"
    assert by_id.loc["cpi", "status"] == "target_only" and by_id.loc["cpi", "sense"] == "lower"
    rank = by_id.loc["rank:地方级一般公共预算收入增速全市排名"]
    assert (rank["unit"], rank["result_value"], rank["latest_value"]) == ("名次", 1, 2)
    assert {
        "budget_revenue_growth",
        "registered_unemployment",
        "老旧小区加装电梯",
    } <= set(by_id.index)
    # 汇聚11位院士 (2022 report) and 汇聚13位院士 (2024) are both totals to date: no year's
    # result to set against a target, so no ledger row.
    assert len(pinggu) == 8 and list(pinggu.columns) == COMPARISONS.names


def test_every_side_names_a_fact_of_its_kind(pinggu):
    ids = [c for c in pinggu.columns if c.endswith("fact_id")]
    assert ids == [f"{s}_fact_id" for s in ("target", "result", "baseline", "latest")]
    for _, row in pinggu.iterrows():
        for side in ("target", "result", "baseline", "latest"):
            assert bool(row[f"{side}_fact_id"]) != math.isnan(row[f"{side}_value"])


def test_a_target_is_followed_to_the_next_reports_result_and_judged():
    rows = [
        fact("a", "r23", "gdp_growth", "2022", "estimate", 7.0),
        fact("b", "r23", "gdp_growth", "2023", "target", 5.0, comparator="~"),
        fact("c", "r24", "gdp_growth", "2023", "actual", 5.3),
        fact("d", "r24", "gdp_growth", "2024", "target", 5.5),
    ]
    table = comparisons.build_comparisons(pd.DataFrame(rows), TWO_REPORTS)
    y23, y24 = (table[table["year"] == y].iloc[0] for y in (2023, 2024))
    assert (y23["target_fact_id"], y23["result_fact_id"], y23["baseline_fact_id"]) == (
        "b",
        "c",
        "a",
    )
    assert (y23["status"], y23["tone"], y23["is_judged"]) == ("latest_above_target", "good", True)
    assert (y24["target_fact_id"], y24["baseline_fact_id"], y24["result_fact_id"]) == ("d", "c", "")
    assert set(table["district"]) == {"甲区"}


def test_a_part_year_figure_goes_to_the_latest_target_before_it():
    rows = [
        fact("t", "r23", "gdp_growth", "2023", "target", 5.0),
        fact("h", "r24", "gdp_growth", "2024H1", "actual", 6.2),
        fact("e", "r24", "gdp_growth", "2023", "estimate", 4.0),
    ]
    row = comparisons.build_comparisons(pd.DataFrame(rows), TWO_REPORTS).iloc[0]
    assert (row["latest_fact_id"], row["result_fact_id"], row["result_kind"]) == (
        "h",
        "e",
        "estimate",
    )
    assert row["status"] == "latest_below_target"  # the year's result is judged, not the half


def test_districts_are_never_mixed():
    documents = docs(("a23", "甲区", 2023, 2023), ("b24", "乙区", 2024, 2024))
    rows = [
        fact("t", "a23", "gdp_growth", "2023", "target", 5.0),
        fact("r", "b24", "gdp_growth", "2023", "actual", 6.0),
    ]
    table = comparisons.build_comparisons(pd.DataFrame(rows), documents)
    assert sorted(table["district"]) == ["甲区"]  # a lone result makes no row
    assert table.iloc[0]["result_fact_id"] == ""


def test_a_catalogue_name_needs_two_figures_and_other_names_none():
    lone = fact("x", "r23", "", "2023", "target", 3.0, metric="“博士”农场", unit="个")
    unknown = fact("y", "r23", "", "2022", "actual", 3.0, metric="无名指标", unit="个")
    later = fact("z", "r24", "", "2023", "actual", 4.0, metric="无名指标", unit="个")
    table = comparisons.build_comparisons(pd.DataFrame([lone, unknown, later]), TWO_REPORTS)
    assert table.empty


def test_no_facts_no_rows():
    assert comparisons.build_comparisons(empty_frame("facts")).empty
