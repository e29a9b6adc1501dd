"""序时进度 (expected pace) and the traffic light of a task: the one rule, in one place.

The expected pace on a day is the share of the time from the task's start to its deadline
that has passed, in percent: 0 on the start day or before, 100 on the deadline or after.
The start is the record's own start date, else 1 January of the deadline's year.

The light compares the reported progress with that pace (``behind = pace - progress``, in
percentage points), as the city's monthly supervision does:

=========  ==========================================================================
green      done (status 已完成 or progress 100), or fewer than 10 points behind
yellow     10 to 30 points behind (both ends included)
red        more than 30 points behind, or the deadline has passed and the task is not done
none       no deadline set: there is no pace to measure against (shown as 未设时限)
=========  ==========================================================================

The deadline day itself still counts as in time; the day after it, an undone task is red.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

YELLOW_FROM = 10.0  # points behind pace where yellow starts
RED_BEYOND = 30.0  # points behind pace beyond which the light is red


class Light(StrEnum):
    """The four lights, in the order they are shown and counted."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    NONE = "none"


LIGHTS: tuple[Light, ...] = (Light.RED, Light.YELLOW, Light.GREEN, Light.NONE)


def default_start(deadline: date) -> date:
    """The start assumed when a record has none: 1 January of the deadline's year."""
    return date(deadline.year, 1, 1)


def expected_pace(on: date, deadline: date, start: date | None = None) -> float:
    """序时进度 on ``on``: percent of the time from ``start`` to ``deadline`` passed (0–100)."""
    start = start or default_start(deadline)
    if on >= deadline:
        return 100.0
    if on <= start:
        return 0.0
    return 100.0 * (on - start).days / (deadline - start).days


@dataclass(frozen=True)
class Assessment:
    """What the rule says about one task on one day."""

    light: Light
    pace: float | None  # expected pace in percent, None without a deadline
    behind: float | None  # points behind pace (negative: ahead), None without a deadline
    overdue: bool  # the deadline has passed and the task is not done


def assess(
    progress: float, done: bool, deadline: date | None, on: date, start: date | None = None
) -> Assessment:
    """The light of a task with ``progress`` percent on ``on`` (see the module's table)."""
    done = done or progress >= 100
    if deadline is None:
        return Assessment(Light.GREEN if done else Light.NONE, None, None, False)
    pace = expected_pace(on, deadline, start)
    behind = pace - progress
    overdue = on > deadline and not done
    if done:
        light = Light.GREEN
    elif overdue or behind > RED_BEYOND:
        light = Light.RED
    elif behind >= YELLOW_FROM:
        light = Light.YELLOW
    else:
        light = Light.GREEN
    return Assessment(light, round(pace, 1), round(behind, 1), overdue)
