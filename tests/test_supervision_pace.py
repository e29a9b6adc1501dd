"""The 序时进度 and light rule over a table of cases (pgdash.supervision.pace)."""

from datetime import date

import pytest

from pgdash.supervision.pace import Light, assess, expected_pace

D = date


@pytest.mark.parametrize(
    ("on", "deadline", "start", "pace"),
    [
        (D(2026, 1, 1), D(2026, 12, 31), None, 0.0),  # the year's first day
        (D(2025, 12, 1), D(2026, 12, 31), None, 0.0),  # before the start
        (D(2026, 7, 2), D(2026, 12, 31), None, 100 * 182 / 364),  # mid-year
        (D(2026, 12, 31), D(2026, 12, 31), None, 100.0),  # the deadline itself
        (D(2027, 3, 1), D(2026, 12, 31), None, 100.0),  # after it
        (D(2026, 4, 1), D(2026, 6, 30), D(2026, 3, 1), 100 * 31 / 121),  # own start date
        (D(2026, 3, 1), D(2026, 6, 30), D(2026, 3, 1), 0.0),  # on its start date
        (D(2026, 5, 1), D(2026, 5, 1), D(2026, 6, 1), 100.0),  # start after deadline
    ],
)
def test_expected_pace(on, deadline, start, pace):
    assert expected_pace(on, deadline, start) == pytest.approx(pace)


H = D(2026, 12, 31)  # a year-end deadline; on 2026-07-02 the pace is 50.0 %
MID = D(2026, 7, 2)


@pytest.mark.parametrize(
    ("progress", "done", "deadline", "on", "light", "overdue"),
    [
        (50, False, H, MID, Light.GREEN, False),  # on pace
        (41, False, H, MID, Light.GREEN, False),  # 9 behind
        (40, False, H, MID, Light.YELLOW, False),  # exactly 10 behind: yellow starts
        (20, False, H, MID, Light.YELLOW, False),  # exactly 30 behind: still yellow
        (19, False, H, MID, Light.RED, False),  # 31 behind
        (90, False, H, MID, Light.GREEN, False),  # ahead of pace
        (0, True, H, MID, Light.GREEN, False),  # marked done, progress not filled
        (100, False, H, MID, Light.GREEN, False),  # 100 % counts as done
        (99, False, H, D(2026, 12, 31), Light.GREEN, False),  # deadline day, 1 behind
        (95, False, H, D(2027, 1, 1), Light.RED, True),  # a day late and undone
        (100, False, H, D(2027, 1, 1), Light.GREEN, False),  # late but done
        (0, False, None, MID, Light.NONE, False),  # no deadline: no pace
        (100, True, None, MID, Light.GREEN, False),  # no deadline but done
        (0, False, H, D(2026, 1, 1), Light.GREEN, False),  # the first day: nothing expected
    ],
)
def test_light(progress, done, deadline, on, light, overdue):
    result = assess(progress, done, deadline, on)
    assert result.light is light
    assert result.overdue is overdue
    if deadline is None:
        assert result.pace is None and result.behind is None
    else:
        assert result.behind == pytest.approx(result.pace - progress)
