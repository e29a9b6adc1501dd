"""The status of a comparisons row, from one table of rules.

A status judges only like against like: a result of year N against the target for year N, a
full year against a full year, on the measure's sense (higher is better, or lower:
unemployment, prices, energy use, ranks). A half-year, a to-date (累计), a multi-year figure
or a figure of another year is shown beside the target, never judged against it; such rows
get a neutral status that says what the figure is. A plan (规划至2035年) is never progress.

:data:`RULES` is read top to bottom; the first rule whose condition holds gives the status.
A judged rule names how the status is decided from the two values it compares.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from pgdash.errors import PgdashError

YEAR = re.compile(r"^(\d{4})$")
HALF_YEAR = re.compile(r"^(\d{4})H[12]$")
QUARTER = re.compile(r"^(\d{4})Q[1-4]$")
MULTI_YEAR = re.compile(r"^\d{4}\s*[-–]\s*\d{4}$")

GOOD, BAD, NEUTRAL = "good", "bad", "neutral"
HIGHER, LOWER = "higher", "lower"  # the measure's sense: which way is better


def period_shape(period: str, kind: str = "") -> str:
    """year | half_year | quarter | cumulative | multi_year | plan | none | other, for a
    facts period ("2023", "2024H1", "2021-2023", "cumulative", "future") and kind."""
    period = (period or "").strip()
    if kind == "plan" or period == "future":
        return "plan"
    if YEAR.match(period):
        return "year"
    if HALF_YEAR.match(period):
        return "half_year"
    if QUARTER.match(period):
        return "quarter"
    if MULTI_YEAR.match(period):
        return "multi_year"
    if period == "cumulative":
        return "cumulative"
    return "none" if not period else "other"


def period_year(period: str) -> int | None:
    """The calendar year a one-year or part-year period lies in, else ``None``."""
    period = period or ""
    m = YEAR.match(period) or HALF_YEAR.match(period) or QUARTER.match(period)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Figure:
    """One side of a comparison: its value, period and kind as the facts table has them."""

    value: float
    period: str
    kind: str

    @property
    def shape(self) -> str:
        """The shape of its period (see :func:`period_shape`)."""
        return period_shape(self.period, self.kind)

    @property
    def year(self) -> int | None:
        """Its calendar year, when it covers (part of) one year."""
        return period_year(self.period)


@dataclass(frozen=True)
class Case:
    """What a status is decided from: the sides present and the measure's sense."""

    result: Figure | None = None
    target: Figure | None = None
    latest: Figure | None = None
    sense: str = HIGHER
    rank: bool = False  # a position in a ranking (第一 = 1): smaller is better


def _order(a: float, b: float) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``."""
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return 0
    return 1 if a > b else -1


def _same_year(a: Figure | None, b: Figure | None) -> bool:
    return a is not None and b is not None and a.shape == b.shape == "year" and a.year == b.year


def _full_years(a: Figure | None, b: Figure | None) -> bool:
    return a is not None and b is not None and a.shape == b.shape == "year"


def _against_target(case: Case) -> str:
    latest, target = case.latest, case.target
    assert latest is not None and target is not None
    return ("latest_below_target", "latest_at_target", "latest_above_target")[
        _order(latest.value, target.value) + 1
    ]


def _against_result(case: Case) -> str:
    latest, result = case.latest, case.result
    assert latest is not None and result is not None
    order = _order(latest.value, result.value)
    if case.rank:
        return ("rank_up", "rank_held", "rank_down")[order + 1]
    return ("latest_below_result", "latest_at_result", "latest_above_result")[order + 1]


def _target_below_result(case: Case) -> bool:
    return (
        case.target is not None
        and case.result is not None
        and _order(case.target.value, case.result.value) < 0
    )


def _latest(shape: str) -> Callable[[Case], bool]:
    return lambda c: c.latest is not None and c.latest.shape == shape


@dataclass(frozen=True)
class Rule:
    """When ``when`` holds, the row's status is ``status`` (an id, or decided by a function)."""

    when: Callable[[Case], bool]
    status: str | Callable[[Case], str]
    judged: bool = False  # green/red by the measure's sense; otherwise neutral

    def decide(self, case: Case) -> str:
        """The status id this rule gives ``case``."""
        return self.status(case) if callable(self.status) else self.status


RULES: tuple[Rule, ...] = (
    # A plan is never a latest figure, and a plan's horizon is not judged year by year.
    Rule(_latest("plan"), "latest_is_plan"),
    Rule(lambda c: c.target is not None and c.target.shape == "plan", "target_is_plan"),
    # A result of year N against the target for year N: the only judged target rows.
    Rule(lambda c: _same_year(c.latest, c.target), _against_target, judged=True),
    # Anything else beside a target, or beside a result, says what it is.
    Rule(_latest("half_year"), "latest_half_year"),
    Rule(_latest("quarter"), "latest_quarter"),
    Rule(_latest("cumulative"), "latest_cumulative"),
    Rule(_latest("multi_year"), "latest_multi_year"),
    Rule(lambda c: c.latest is not None and c.target is not None, "latest_other_year"),
    # A target without its year's result.
    Rule(_target_below_result, "target_below_result"),
    Rule(lambda c: c.target is not None and c.result is not None, "result_pending"),
    Rule(lambda c: c.target is not None, "target_only"),
    # A later full year against an earlier one (or a rank against a rank).
    Rule(lambda c: _full_years(c.latest, c.result), _against_result, judged=True),
    Rule(lambda c: c.latest is not None and c.result is not None, "latest_other_period"),
)

# The status ids a rule can give, and whether the status says "up" (latest above its
# reference) or "down" for judged rows; used to colour the row by the measure's sense.
DIRECTION = {
    "latest_above_target": 1,
    "latest_at_target": 0,
    "latest_below_target": -1,
    "latest_above_result": 1,
    "latest_at_result": 0,
    "latest_below_result": -1,
    "rank_up": -1,  # a smaller rank number
    "rank_held": 0,
    "rank_down": 1,
}


@dataclass(frozen=True)
class Verdict:
    """A row's status id, whether it is judged, and its tone (good, bad or neutral)."""

    status: str
    judged: bool
    tone: str


def tone_of(status: str, judged: bool, sense: str, rank: bool = False) -> str:
    """good / bad / neutral: a judged status read by the measure's sense."""
    if not judged:
        return NEUTRAL
    direction = DIRECTION[status]
    if direction == 0:
        return GOOD if status == "latest_at_target" else NEUTRAL
    if rank:  # a rank's direction already counts 第一 as the best
        return GOOD if status == "rank_up" else BAD
    return GOOD if (direction > 0) != (sense == LOWER) else BAD


def decide(case: Case) -> Verdict:
    """The verdict of the first rule that holds; ``PgdashError`` when none does."""
    if case.sense not in (HIGHER, LOWER):
        raise PgdashError(f"unknown sense {case.sense!r}; use {HIGHER!r} or {LOWER!r}")
    for rule in RULES:
        if rule.when(case):
            status = rule.decide(case)
            return Verdict(status, rule.judged, tone_of(status, rule.judged, case.sense, case.rank))
    raise PgdashError("a comparison needs a target, or a result and a latest figure")
