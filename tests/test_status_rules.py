"""The table of status rules, case by case: only like periods are judged, on the sense."""

import pytest

from pgdash.errors import PgdashError
from pgdash.pipeline.relate.status_rules import (
    DIRECTION,
    RULES,
    Case,
    Figure,
    decide,
    period_shape,
)
from pgdash.schema import STATUSES, status_words


def fig(value: float, period: str, kind: str = "actual") -> Figure:
    return Figure(value, period, kind)


R22, T23 = fig(7, "2022", "estimate"), fig(5, "2023", "target")

# name, case, status, judged, tone
CASES = [
    # same period: a 2023 result against the 2023 target, judged on the sense
    ("same year above", Case(R22, T23, fig(6, "2023")), "latest_above_target", True, "good"),
    ("same year on target", Case(R22, T23, fig(5, "2023")), "latest_at_target", True, "good"),
    ("same year below", Case(R22, T23, fig(4, "2023")), "latest_below_target", True, "bad"),
    # lower is better: unemployment, CPI, energy use
    (
        "unemployment under its ceiling",
        Case(None, fig(4.8, "2023", "target"), fig(3.9, "2023"), sense="lower"),
        "latest_below_target",
        True,
        "good",
    ),
    (
        "CPI over its ceiling",
        Case(None, fig(3, "2023", "target"), fig(3.4, "2023"), sense="lower"),
        "latest_above_target",
        True,
        "bad",
    ),
    (
        "energy use per unit of GDP fell",
        Case(fig(0.3, "2022"), None, fig(0.28, "2023"), sense="lower"),
        "latest_below_result",
        True,
        "good",
    ),
    # partial year: 2024 H1 against the 2023 full-year target is shown, not judged
    ("half year against a full-year target", Case(R22, T23, fig(6.2, "2024H1")),
     "latest_half_year", False, "neutral"),
    ("half year of the target year", Case(R22, T23, fig(6.2, "2023H1")),
     "latest_half_year", False, "neutral"),
    ("a quarter", Case(R22, T23, fig(6.2, "2023Q1")), "latest_quarter", False, "neutral"),
    # a full year of another year than the target
    ("2024 against the 2023 target", Case(R22, T23, fig(6, "2024")), "latest_other_year",
     False, "neutral"),
    # cumulative and multi-year figures
    ("cumulative against a target", Case(None, fig(50, "2023", "target"), fig(117, "cumulative")),
     "latest_cumulative", False, "neutral"),
    ("cumulative against a result", Case(fig(45, "2022"), None, fig(117, "cumulative")),
     "latest_cumulative", False, "neutral"),
    ("multi-year average", Case(R22, T23, fig(9.1, "2021-2023")), "latest_multi_year",
     False, "neutral"),
    ("cumulative result against a later year", Case(fig(45, "cumulative"), None, fig(50, "2023")),
     "latest_other_period", False, "neutral"),
    # plans are never progress, nor judged year by year
    ("a plan as the latest figure", Case(R22, T23, fig(8, "2035", "plan")), "latest_is_plan",
     False, "neutral"),
    ("a plan as the target", Case(R22, fig(10, "2035", "plan"), None), "target_is_plan",
     False, "neutral"),
    # target without its year's result
    ("target below the last result", Case(fig(15700, "2022"), fig(8500, "2023", "target")),
     "target_below_result", False, "neutral"),
    ("no later figure", Case(fig(16, "2022"), fig(24, "2023", "target")), "result_pending",
     False, "neutral"),
    ("target equal to the last result", Case(fig(16, "2022"), fig(16, "2023", "target")),
     "result_pending", False, "neutral"),
    ("float noise is equality", Case(fig(0.1 + 0.2, "2022"), fig(0.3, "2023", "target")),
     "result_pending", False, "neutral"),
    ("target only", Case(None, fig(3, "2023", "target")), "target_only", False, "neutral"),
    # a later full year against an earlier one
    ("grew", Case(fig(45, "2022"), None, fig(117, "2023")), "latest_above_result", True, "good"),
    ("held", Case(fig(45, "2022"), None, fig(45, "2023")), "latest_at_result", True, "neutral"),
    ("fell", Case(fig(45, "2022"), None, fig(40, "2023")), "latest_below_result", True, "bad"),
    # ranks: 第一 = 1, a smaller number is better
    ("rank up", Case(fig(3, "2022"), None, fig(1, "2023"), rank=True), "rank_up", True, "good"),
    ("rank down", Case(fig(1, "2022"), None, fig(2, "2023"), rank=True), "rank_down", True,
     "bad"),
    ("rank held", Case(fig(2, "2022"), None, fig(2, "2023"), rank=True), "rank_held", True,
     "neutral"),
    ("half-year rank", Case(fig(1, "2022"), None, fig(2, "2024H1"), rank=True),
     "latest_half_year", False, "neutral"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "status", "judged", "tone"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_status_rule(case: Case, status: str, judged: bool, tone: str) -> None:
    verdict = decide(case)
    assert (verdict.status, verdict.judged, verdict.tone) == (status, judged, tone)


def test_every_status_a_rule_gives_has_words_and_every_judged_one_a_direction() -> None:
    given = {decide(c[1]).status for c in CASES}
    assert given <= set(STATUSES)
    judged = {decide(c[1]).status for c in CASES if decide(c[1]).judged}
    assert judged == set(DIRECTION)
    fixed = {r.status for r in RULES if isinstance(r.status, str)}
    assert fixed <= given  # every rule that names a status has a case above


def test_only_like_periods_are_judged() -> None:
    for name, case, *_ in CASES:
        verdict = decide(case)
        if verdict.judged:
            other = case.target or case.result
            assert case.latest is not None and other is not None, name
            assert case.latest.shape == other.shape == "year", name
        if verdict.judged and case.target is not None:
            assert case.latest.year == case.target.year, name


def test_green_or_red_only_when_judged() -> None:
    for _, case, *_ in CASES:
        verdict = decide(case)
        assert verdict.judged or verdict.tone == "neutral"


def test_nothing_to_compare_and_an_unknown_sense_fail() -> None:
    with pytest.raises(PgdashError, match="needs a target"):
        decide(Case(fig(7, "2022")))
    with pytest.raises(PgdashError, match="sense"):
        decide(Case(R22, T23, sense="up"))


@pytest.mark.parametrize(
    ("period", "kind", "shape"),
    [
        ("2023", "actual", "year"),
        ("2024H1", "actual", "half_year"),
        ("2024Q2", "actual", "quarter"),
        ("2021-2023", "actual", "multi_year"),
        ("cumulative", "actual", "cumulative"),
        ("2035", "plan", "plan"),
        ("future", "plan", "plan"),
        ("", "actual", "none"),
    ],
)
def test_period_shape(period: str, kind: str, shape: str) -> None:
    assert period_shape(period, kind) == shape


def test_status_words_fill_in_the_year() -> None:
    assert status_words("result_pending", "zh", "2023") == "来源文件尚无2023年实绩"
    assert status_words("result_pending", "en", "2023") == "No 2023 result in the sources yet"
    assert status_words("latest_half_year", "zh") == "半年数据，仅供参考"
    assert status_words("unknown", "en", built="as built") == "as built"
    for zh, en in STATUSES.values():
        assert "最新数据高于目标" not in zh
        assert not any("\u3000" <= ch <= "\uffef" for ch in en)  # no full-width in English
