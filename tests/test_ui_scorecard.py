"""The targets scorecard: one row per measure, values placed on sensible scales."""

import math

import pandas as pd
import pytest
import synthetic

from pgdash.display import scorecard
from pgdash.display.queries import side_field


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
            for side in ("result", "target", "latest")
            if not math.isnan(float(side_field(c, side, "value")))
        }
        assert {m.side for m in row.marks} == present
        assert {side for side, text in row.cells.items() if text} == present
    gdp = rows[0]
    assert gdp.cells == {"result": "7%", "target": "5%左右", "latest": "6.2%"}
    assert gdp.notes == {"result": "2022年 · 预计", "target": "2023年", "latest": "2024年上半年"}


def test_growth_rates_share_one_scale_and_amounts_start_at_zero(comparisons):
    rows = scorecard.score_rows(comparisons, "zh")
    gdp, revenue = _positions(rows[0]), _positions(rows[1])
    assert gdp["target"] == revenue["target"]  # both 5 %, so at the same place
    assert gdp["result"] < revenue["result"]  # 7 % left of 11.2 %
    lifts = _positions(rows[3])  # 16 → 24 on a scale of 0 to 25, a round end
    assert lifts["target"] == pytest.approx(
        100 * (scorecard.PAD + (1 - 2 * scorecard.PAD) * 24 / 25), abs=0.01
    )
    assert lifts["result"] == pytest.approx(
        100 * (scorecard.PAD + (1 - 2 * scorecard.PAD) * 16 / 25), abs=0.01
    )


def test_a_scale_ends_at_a_round_number_not_at_a_rows_figure():
    """A track under 3%以内 ended at 11.2%, another row's figure, read as this one's."""
    ends = [scorecard.nice_ceiling(v) for v in (11.2, 15700.0, 117.0, 24.0, 5.0, 0.07)]
    assert ends == [12.0, 20000.0, 120.0, 25.0, 5.0, 0.08]
    assert scorecard.scale([0.0, 3.0, 11.2], rank=False) == (0.0, 12.0)


def test_ranks_run_with_first_on_the_right_and_read_as_ranks(comparisons):
    domain = scorecard.scale([1.0, 2.0], rank=True)
    assert scorecard.position(1.0, domain, rank=True) > scorecard.position(2.0, domain, True)
    ranked = comparisons.head(1).assign(
        unit="名次", result_value=1.0, result_fact_id="f-r", target_value=float("nan"),
        target_fact_id="", latest_value=2.0
    )  # fmt: skip
    zh, en = scorecard.score_rows(ranked, "zh")[0], scorecard.score_rows(ranked, "en")[0]
    assert (zh.cells["result"], zh.cells["latest"]) == ("第一", "第二")
    assert (en.cells["result"], en.cells["latest"]) == ("No. 1", "No. 2")
    assert _positions(zh)["result"] > _positions(zh)["latest"]


@pytest.mark.parametrize(
    ("judged", "built_tone", "tone"),
    [
        (True, "good", "good"),
        (True, "bad", "bad"),
        (False, "good", "neutral"),
        (False, "", "neutral"),
    ],
)
def test_green_or_red_only_for_a_judged_row(judged, built_tone, tone):
    row = pd.Series({"status": "latest_above_target", "is_judged": judged, "tone": built_tone})
    assert scorecard.tone_of(row) == tone


def test_a_half_year_figure_beside_a_full_year_target_is_shown_side_by_side(comparisons):
    half = comparisons.assign(
        status="latest_half_year", is_judged=False, tone="neutral", target_period="2023",
        baseline_period="2022", latest_period="2024H1",
    )  # fmt: skip
    row = scorecard.score_rows(half, "zh")[0]
    assert row.tone == "neutral" and row.status == "半年数据，仅供参考"
    assert row.pair == "2024年上半年6.2%；2023年目标5%左右；2022年实绩7%（预计）"
    assert row.notes == {"result": "2022年 · 预计", "target": "2023年", "latest": "2024年上半年"}
    html = scorecard.scorecard_html([row], {}, "zh")
    assert "pg-unjudged" in html and "pg-good" not in html and "pg-bad" not in html
    english = scorecard.score_rows(half, "en")[0]
    assert english.pair == "H1 2024: 6.2%; 2023 target: about 5%; 2022 result: 7% (estimate)"


def test_only_a_judged_row_draws_a_bar_between_its_marks(comparisons):
    unjudged = comparisons.assign(status="latest_half_year", is_judged=False, tone="neutral")
    judged = comparisons.assign(is_judged=True, tone="good", latest_period="2023")
    for frame, has_bar in ((unjudged, False), (judged, True)):
        row = scorecard.score_rows(frame, "zh")[0]
        assert len(row.marks) >= 2
        assert ('class="pg-span"' in scorecard.scorecard_html([row], {}, "zh")) is has_bar


def test_a_judged_row_has_no_pair_line(comparisons):
    judged = comparisons.assign(is_judged=True, tone="good", latest_period="2023")
    assert scorecard.score_rows(judged, "zh")[0].pair == ""


def test_scorecard_html_is_inert_and_carries_the_sources(comparisons):
    hostile = comparisons.copy()
    hostile.loc[0, "measure"] = "<script>alert(1)</script>:red[x]"
    rows = scorecard.score_rows(hostile, "zh")
    html = scorecard.scorecard_html(rows, {"f-gdp-24": '<div class="pg-quote">Q</div>'}, "zh")
    assert "<script" not in html and ":red[" not in html
    assert html.count('<div class="pg-score-row') == len(rows) + 1  # and the header
    assert html.count('<div class="pg-quote">Q</div>') == 1


def test_english_scorecard_has_english_status(comparisons):
    built_ids = ["latest_half_year"] * 2 + ["target_below_result", "result_pending", "rank_up"]
    rows = scorecard.score_rows(comparisons.assign(status=built_ids), "en")
    assert rows[0].measure == "GDP growth" and rows[0].notes["latest"] == "H1 2024"
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in r.status) for r in rows)


def test_a_rank_change_is_written_not_drawn_on_a_value_track(comparisons):
    ranked = comparisons.head(1).assign(
        unit="名次", result_value=1.0, result_fact_id="f-r", target_value=float("nan"),
        target_fact_id="", latest_value=2.0
    )  # fmt: skip
    html = scorecard.scorecard_html(scorecard.score_rows(ranked, "zh"), {}, "zh")
    assert "pg-track" not in html and "pg-tick" not in html
    # each step in its side's colour (the legend's): a fall in rank is not one teal line
    step = '<span class="pg-rank-{}">{}</span>'
    assert f"{step.format('result', '第一')} → {step.format('latest', '第二')}" in html


def test_every_value_track_carries_its_scale(comparisons):
    rows = scorecard.score_rows(comparisons, "zh")
    html = scorecard.scorecard_html(rows, {}, "zh")
    for row in rows:
        if not row.rank:
            assert row.ticks[0].label == "0" and len(row.ticks) == 2
    tracks = sum(not r.rank for r in rows)
    assert html.count('class="pg-tick"') == html.count('class="pg-tick pg-tick-end"') == tracks
    # the high end is written as the cells write the figure, in both languages
    assert scorecard.scale_label(15700.0, "人", "zh") == "1.57万人"
    assert scorecard.scale_label(15700.0, "人", "en") == "15,700 people"


def test_values_are_written_as_their_facts_are_everywhere(comparisons):
    row = comparisons.head(1)
    fact_id = str(side_field(row.iloc[0], "result", "fact_id"))
    (written,) = scorecard.score_rows(row, "zh", {fact_id: "1.57万人"})
    assert written.cells["result"] == "1.57万人"
    assert "1.57万人" in {m.label for m in written.marks}


def test_the_page_says_once_why_no_row_has_a_verdict(comparisons):
    unjudged = comparisons.assign(is_judged=False)
    note = scorecard.verdict_note_html(unjudged, "zh")
    year = int(comparisons["year"].max())
    assert f"{year}年" in note and f"{year + 1}年" in note and "收录" in note
    assert "seeds" not in note  # a leader is told what happens, not where files go
    assert "automatically" in scorecard.verdict_note_html(unjudged, "en")
    judged = comparisons.assign(is_judged=[True] + [False] * (len(comparisons) - 1))
    assert scorecard.verdict_note_html(judged, "zh") == ""
