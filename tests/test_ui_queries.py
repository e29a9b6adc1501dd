"""The pages' questions to the tables, on synthetic facts located in the real texts."""

import pandas as pd
import pytest

from pgdash.display import queries
from pgdash.sectors import SECTOR_IDS
from pgdash.tables import ALL, by_sector


def _fact(data, fact_id) -> pd.Series:
    return data.facts.set_index("fact_id", drop=False).loc[fact_id]


def test_a_rank_belongs_to_the_figure_it_ranks(synth):
    ranks = queries.attach_ranks(synth.facts, queries.texts(synth.documents))
    assert [r["fact_id"] for r in ranks["f-rev-22"]] == ["f-rev-rank"]
    assert [r["fact_id"] for r in ranks["f-gdp-24"]] == ["f-gdp-24-rank"]
    assert sum(len(v) for v in ranks.values()) == int(synth.facts["is_rank"].sum())


def test_a_rank_of_another_measure_is_not_pinned_on_the_figure_before_it(synth):
    facts = synth.facts.copy()
    facts.loc[facts["fact_id"] == "f-gdp-24-rank", "metric"] = "地区生产总值规模排名"
    ranks = queries.attach_ranks(facts, queries.texts(synth.documents))
    assert "f-gdp-24" not in ranks


def test_a_rank_in_the_next_sentence_is_not_attached(synth):
    facts = synth.facts.copy()
    text = queries.texts(synth.documents)["gwr2023"]
    rank = facts["fact_id"] == "f-rev-rank"
    later = text.index("。", int(facts.loc[rank, "end"].iloc[0])) + 5  # past the sentence end
    facts.loc[rank, ["start", "end"]] = [later, later + 2]
    assert "f-rev-22" not in queries.attach_ranks(facts, queries.texts(synth.documents))


@pytest.mark.parametrize(
    ("metric", "comparator", "unit", "lower"),
    [
        ("城镇登记失业率", "<=", "%", True),
        ("居民消费价格涨幅", "", "%", True),
        ("地方级一般公共预算收入增速全市排名", "", "名次", True),
        ("地区生产总值增速", "~", "%", False),
        ("城乡劳动力就业", ">=", "人", False),
    ],
)
def test_lower_is_better(metric, comparator, unit, lower):
    assert queries.lower_is_better(metric, comparator, unit) is lower


def test_comparison_roles(synth):
    row, role = queries.comparison_role("f-gdp-24", synth.comparisons)
    assert role == "latest" and row["measure"] == "地区生产总值增速"
    assert queries.comparison_role("f-gdp-t", synth.comparisons)[1] == "target"
    assert queries.comparison_role("f-gdp-22", synth.comparisons)[1] == "result"
    assert queries.comparison_role("f-bnb", synth.comparisons) is None


def test_main_target_clauses_carry_their_target_facts(synth):
    clauses = queries.target_clauses(synth.main_targets, synth.facts)
    text = queries.texts(synth.documents)["gwr2023"]
    paragraph = next(line for line in text.split("\n") if "主要预期目标" in line)
    body = paragraph.split("：", 1)[1].rstrip("。")
    assert [c.text for c in clauses] == body.split("；")
    for clause in clauses:
        assert text[clause.start : clause.end].strip() == clause.text
        for fact in clause.facts.itertuples():
            assert clause.start <= fact.start and fact.end <= clause.end and fact.kind == "target"
    with_figures = [c for c in clauses if len(c.facts)]
    assert {f for c in with_figures for f in c.facts["fact_id"]} == {
        "f-gdp-t",
        "f-rev-t",
        "f-cpi-t",
        "f-unemp-t",
    }
    assert queries.targets_period(clauses, "zh") == "2023年"


def test_targets_without_baseline_are_targets_no_comparison_uses(synth):
    found = queries.targets_without_baseline(synth.facts, synth.comparisons)
    used = set(synth.comparisons["target_fact_id"])
    expected = synth.facts[(synth.facts["kind"] == "target") & ~synth.facts["fact_id"].isin(used)]
    assert (
        set(found["fact_id"]) == set(expected["fact_id"]) == {"f-cpi-t", "f-unemp-t", "f-field-t"}
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", None),
        ("院士", {"f-acad-22", "f-acad-24"}),
        ("GDP", {"f-gdp-24"}),
        ("gdp 6.2", {"f-gdp-24"}),
        ("不存在的词", set()),
    ],
)
def test_search_matches_every_word(synth, query, expected):
    found = queries.search(synth.facts, query, ["metric", "quote"])
    assert set(found["fact_id"]) == (set(synth.facts["fact_id"]) if expected is None else expected)


def test_passage_offsets_point_at_the_number(synth):
    texts = queries.texts(synth.documents)
    for _, fact in synth.facts.iterrows():
        p = queries.passage(texts[fact["doc_id"]], fact)
        assert (
            p.text[p.number[0] : p.number[1]] == texts[fact["doc_id"]][fact["start"] : fact["end"]]
        )
        assert p.text[p.quote[0] : p.quote[1]] == fact["quote"]
        assert "\n" not in p.text


def test_passage_is_clipped_with_markers(synth):
    fact = _fact(synth, "f-rev-22")
    text = queries.texts(synth.documents)["gwr2023"]
    p = queries.passage(text, fact, context=5)
    assert p.clipped_end
    assert p.text.endswith(text[fact["quote_end"] : fact["quote_end"] + 5])


def test_task_number_spans_are_inside_the_sentence(synth):
    for _, task in synth.tasks.iterrows():
        spans = queries.task_number_spans(task, synth.facts)
        assert len(spans) == len(task["fact_ids"])
        for start, end in spans:
            fact = synth.facts[synth.facts["start"] == task["start"] + start].iloc[0]
            assert task["sentence"][start:end] in fact["raw"]
    assert list(queries.quantified(synth.tasks, synth.facts)) == [
        len(ids) > 0 for ids in synth.tasks["fact_ids"]
    ]


def test_sector_overview_counts_every_sector(synth):
    overview = queries.sector_overview(synth.facts, synth.tasks, synth.sites)
    assert list(overview["sector"]) == list(SECTOR_IDS)
    assert overview["facts"].sum() == len(synth.facts)
    assert overview["tasks"].sum() == len(synth.tasks)
    assert overview["sites"].sum() == int((synth.sites["kind"] == "site").sum())


@pytest.mark.parametrize("sector", ["economy", "logistics", "culture"])
def test_for_sector_cuts_every_sectored_table(synth, sector):
    cut = synth.for_sector(sector)
    for name in ("facts", "comparisons", "tasks", "sites"):
        whole, part = getattr(synth, name), getattr(cut, name)
        assert set(part["sector"]) <= {sector}
        assert len(part) == int((whole["sector"] == sector).sum())
    assert cut.documents is synth.documents and cut.boundary is synth.boundary


def test_all_sectors_is_the_whole_dataset(synth):
    assert synth.for_sector(ALL) is synth
    assert by_sector(synth.facts, ALL) is synth.facts


def test_facts_of_keeps_the_given_order_and_skips_unknown_ids(synth):
    found = queries.facts_of(["f-bnb", "nope", "f-gdp-22"], synth.facts)
    assert list(found["fact_id"]) == ["f-bnb", "f-gdp-22"]
