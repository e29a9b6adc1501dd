"""KPI tiles: one per headline figure, with the right comparison, colour sense and badges."""

import pytest

from pgdash.display import kpi


@pytest.fixture(scope="module")
def tiles(synth):
    return {
        tile.fact_id: tile
        for tile in kpi.build_tiles(synth.facts, synth.comparisons, synth.documents, "zh")
    }


def test_one_tile_per_headline_figure_that_is_not_a_rank(synth, tiles):
    expected = synth.facts[synth.facts["headline"] & ~synth.facts["is_rank"]]
    assert set(tiles) == set(expected["fact_id"])


def test_tiles_are_in_reading_order(synth):
    built = kpi.build_tiles(synth.facts, synth.comparisons, synth.documents, "zh")
    order = [
        (t.doc_id != "gwr2023", synth.facts.set_index("fact_id").loc[t.fact_id, "start"])
        for t in built
    ]
    assert order == sorted(order)


def test_a_half_year_figure_is_not_judged_against_a_full_year_target(tiles):
    tile = tiles["f-gdp-24"]  # 6.2% in H1 2024 beside a 2023 target of about 5%
    assert tile.value == "6.2%" and tile.period == "2024年上半年"
    assert tile.delta == "2023年目标5%左右；2022年实绩7%左右（预计）"  # as the fact is written
    assert (tile.delta_color, tile.delta_arrow) == ("off", "off")


def test_a_judged_figure_is_compared_with_its_years_target(synth):
    comparisons = synth.comparisons.copy()
    comparisons.loc[0, ["is_judged", "tone", "latest_period", "target_period"]] = [
        True, "good", "2023", "2023",
    ]  # fmt: skip
    tile = next(
        t
        for t in kpi.build_tiles(synth.facts, comparisons, synth.documents, "zh")
        if t.fact_id == comparisons.loc[0, "latest_fact_id"]
    )
    assert tile.delta == "+1.2个百分点"
    assert tile.delta_color == "normal" and tile.delta_description == "2023年目标5%左右"


def test_a_lower_is_better_measure_inverts_the_colour(synth):
    comparisons = synth.comparisons.copy()
    comparisons.loc[0, ["is_judged", "sense"]] = [True, "lower"]  # unemployment, CPI …
    tile = next(
        t
        for t in kpi.build_tiles(synth.facts, comparisons, synth.documents, "zh")
        if t.fact_id == comparisons.loc[0, "latest_fact_id"]
    )
    assert tile.delta_color == "inverse"


def test_a_result_shows_the_other_sides_in_grey(tiles):
    tile = tiles["f-gdp-22"]
    assert tile.delta == "2024年上半年6.2%；2023年目标5%左右"
    assert (tile.delta_color, tile.delta_arrow) == ("off", "off")
    assert tile.is_estimate and tile.kind == "预计"


def test_rank_badges_sit_on_the_ranked_figure(tiles):
    assert tiles["f-rev-22"].badges == ("全市第一",)
    assert tiles["f-gdp-24"].badges == ("生态涵养区第一",)
    assert tiles["f-ind-22"].badges == ()


def test_english_tiles_use_metric_en_and_english_units(synth):
    tile = next(
        t
        for t in kpi.build_tiles(synth.facts, synth.comparisons, synth.documents, "en")
        if t.fact_id == "f-ind-22"
    )
    assert tile.label == "Industrial output"
    assert tile.value == "17.5 bn yuan"
    assert tile.period == "2022" and tile.kind == "estimate"


def test_main_period_is_the_most_common(tiles):
    assert kpi.main_period([tiles["f-rev-22"], tiles["f-gdp-22"], tiles["f-bnb"]]) == "2022年"
    assert kpi.main_period([]) == ""


def test_tiles_follow_the_headline_order_within_each_document(built):
    tiles = kpi.build_tiles(built.facts, built.comparisons, built.documents, "zh")
    facts = built.facts.set_index("fact_id")
    docs = [t.doc_id for t in tiles]
    assert docs == sorted(docs, key=list(built.documents["doc_id"]).index)  # report first
    for doc_id in set(docs):
        ranks = [facts.loc[t.fact_id, "headline_rank"] for t in tiles if t.doc_id == doc_id]
        assert ranks == sorted(ranks)
    first = facts.loc[tiles[0].fact_id]
    assert first["metric"] == "地区生产总值增速"  # the leader's first question


def test_a_tile_writes_the_figures_it_names_as_every_page_does(synth):
    """The 2023 target's tile names the 2022 result as that fact is written everywhere
    (1.57万人), never the comparison's base-unit number (15700人)."""
    every = kpi.build_tiles(synth.facts, synth.comparisons, synth.documents, "zh", every=True)
    tiles = {tile.fact_id: tile for tile in every}
    assert kpi.fact_texts(synth.facts, "zh")["f-jobs-22"] == "1.57万人"
    assert tiles["f-jobs-t"].delta == "2022年实绩1.57万人"
    assert not any("15700" in (t.delta or "") + (t.delta_description or "") for t in every)


def _tile(fact_id: str, kind: str, doc_id: str) -> kpi.Tile:
    return kpi.Tile(
        fact_id=fact_id,
        doc_id=doc_id,
        label=fact_id,
        value="1",
        period="2023",
        kind=kind,
        is_estimate=kind == "estimate",
        is_target=kind in ("target", "plan"),
        delta=None,
        delta_color="off",
        delta_arrow="off",
        delta_description=None,
        badges=(),
        fact_kind=kind,
    )


def test_a_sector_leads_with_what_was_done_before_its_plans():
    every = [
        _tile("invest", "estimate", "report"),
        _tile("plan-a", "plan", "press"),
        _tile("plan-b", "plan", "press"),
        _tile("older", "actual", "report"),
        _tile("started", "actual", "press"),
        _tile("aim", "target", "report"),
    ]
    lead = kpi.lead_tiles(every, {"invest", "plan-a", "plan-b"}, ["report", "press"])
    # the headline three, filled to four with the newest document's result; plans last
    assert [t.fact_id for t in lead] == ["invest", "started", "plan-a", "plan-b"]
    # a sector without headline figures still leads with its results, the newest first,
    # never with a target or a plan
    assert [t.fact_id for t in kpi.lead_tiles(every, set(), ["report", "press"])] == [
        "started",
        "invest",
        "older",
    ]
