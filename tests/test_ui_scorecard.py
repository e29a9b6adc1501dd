"""The targets scorecard: one row per measure, values placed on sensible scales."""

import math

import pandas as pd
import pytest
import synthetic

from pgdash.display import scorecard


@pytest.fixture(scope="module")
def comparisons() -> pd.DataFrame:
    return synthetic.comparisons_frame()


def _positions(row: scorecard.ScoreRow) -> dict[str, float]:
    return {m.side: m.position for m in row.marks}


def test_one_row_per_comparison_with_the_values_it_has(comparisons):
    rows = scorecard.score_rows(comparisons, "zh")
    assert [r.measure for r in rows] == comparisons["measure"].tolist()
    for row, (_, c) in zip(rows, comparisons.iterrows(), strict=True):
        present = {
            side
            for side, col in (("result", "result_2022"), ("target", "target_2023"),
                              ("latest", "latest_value"))
            if not math.isnan(c[col])
        }  # fmt: skip
        assert {m.side for m in row.marks} == present
        assert {side for side, text in row.cells.items() if text} == present
    gdp = rows[0]
    assert gdp.cells == {"result": "7%", "target": "5%左右", "latest": "6.2%"}
    assert gdp.notes == {"result": "预计", "latest": "2024年上半年"}


def test_growth_rates_share_one_scale_and_amounts_start_at_zero(comparisons):
    rows = scorecard.score_rows(comparisons, "zh")
    gdp, revenue = _positions(rows[0]), _positions(rows[1])
    assert gdp["target"] == revenue["target"]  # both 5 %, so at the same place
    assert gdp["result"] < revenue["result"]  # 7 % left of 11.2 %
    lifts = _positions(rows[3])  # 16 → 24: 24 is the largest, at the right end
    assert lifts["target"] == pytest.approx(100 * (1 - scorecard.PAD))
    assert lifts["result"] == pytest.approx(
        100 * (scorecard.PAD + (1 - 2 * scorecard.PAD) * 16 / 24), abs=0.01
    )


def test_ranks_run_with_first_on_the_right_and_read_as_ranks(comparisons):
    domain = scorecard.scale([1.0, 2.0], rank=True)
    assert scorecard.position(1.0, domain, rank=True) > scorecard.position(2.0, domain, True)
    ranked = comparisons.head(1).assign(
        unit="名次", result_2022=1.0, target_2023=float("nan"), latest_value=2.0
    )
    zh, en = scorecard.score_rows(ranked, "zh")[0], scorecard.score_rows(ranked, "en")[0]
    assert (zh.cells["result"], zh.cells["latest"]) == ("第一", "第二")
    assert (en.cells["result"], en.cells["latest"]) == ("No. 1", "No. 2")
    assert _positions(zh)["result"] > _positions(zh)["latest"]


@pytest.mark.parametrize(
    ("measure", "status", "comparator", "unit", "tone"),
    [
        ("地区生产总值增速", "latest_above_target", "~", "%", "good"),
        ("地区生产总值增速", "latest_below_target", "~", "%", "bad"),
        ("居民消费价格涨幅", "latest_above_target", "<=", "%", "bad"),
        ("城镇登记失业率", "latest_below_target", "<=", "%", "good"),
        ("财政收入全市排名", "rank_down", "", "名次", "bad"),
        ("财政收入全市排名", "rank_up", "", "名次", "good"),
        ("城乡劳动力就业", "target_below_result", ">=", "人", "neutral"),
        ("老旧小区加装电梯", "no_latest", ">=", "部", "neutral"),
    ],
)
def test_tone_reads_the_status_in_the_measures_sense(measure, status, comparator, unit, tone):
    row = pd.Series(
        {"measure": measure, "status": status, "target_comparator": comparator, "unit": unit}
    )
    assert scorecard.tone_of(row) == tone


def test_scorecard_html_is_inert_and_carries_the_sources(comparisons):
    hostile = comparisons.copy()
    hostile.loc[0, "measure"] = "<script>alert(1)</script>:red[x]"
    rows = scorecard.score_rows(hostile, "zh")
    html = scorecard.scorecard_html(rows, {"f-gdp-24": '<div class="pg-quote">Q</div>'}, "zh")
    assert "<script" not in html and ":red[" not in html
    assert html.count('<div class="pg-score-row">') == len(rows)
    assert html.count('<div class="pg-quote">Q</div>') == 1


def test_english_scorecard_has_english_status(comparisons):
    built_ids = ["latest_above_target"] * 2 + ["target_below_result", "no_latest", "rank_up"]
    rows = scorecard.score_rows(comparisons.assign(status=built_ids), "en")
    assert rows[0].measure == "GDP growth" and rows[0].notes["latest"] == "H1 2024"
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in r.status) for r in rows)
