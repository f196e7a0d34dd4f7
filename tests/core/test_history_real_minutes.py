"""A window of hours (the 17-week average) reaching back into the history counted the
history's tours at their nominal length: a night across the October clock change, an hour
longer, worked in one rostered block, was an hour short in the next block's windows, and
s92 roster's own check refused the roster it made (817.0 h in 119 days, 816.0 h allowed;
generated scenario seed 1999). A history day's length is now its real one, in the model
(``build_model``), in the row checks (``rows.breaks``) and in a stretch of days taken as a
problem of its own (``days_between``)."""

from __future__ import annotations

import dataclasses

from roster_check import minutes

from scheduler.core import Cover, Problem, ShiftType, StaffMember, WindowLimit, solve
from scheduler.core.rows import breaks
from scheduler.core.window import days_between

N = ShiftType("N", 600)
NIGHTS = ("N", "N")  # days -2 and -1
LONG_NIGHT = {(-1, "N"): 660}  # day -1 across the clock change: 11 h, not 10
# three days at most 1,850 minutes: nominal, a third night fits (1,800); real, not (1,860)
WINDOW = WindowLimit(length=3, max_minutes=1850)


def problem(minutes_by_day: dict[tuple[int, str], int]) -> Problem:
    member = StaffMember("A", history=NIGHTS)
    return Problem(
        horizon=1,
        shifts=(N,),
        staff=(member,),
        cover=(Cover(0, "N", 1, 100, 1),),  # a night wanted on day 0
        windows=(WINDOW,),
        minutes_by_day=minutes_by_day,
    )


def history_and_row_minutes(p: Problem, row: list[str | None]) -> int:
    """The window's minutes by hand: the history at its real lengths, then the row."""
    back = sum(p.minutes_by_day.get((d - len(NIGHTS), s), N.minutes) for d, s in enumerate(NIGHTS))
    return back + minutes(p, row)


def test_the_model_counts_a_history_night_at_its_real_length() -> None:
    nominal, real = problem({}), problem(LONG_NIGHT)
    worked = solve(nominal, time_limit=10, seed=0, workers=1).assignment["A"]
    assert worked == ["N"]  # the rule binds only through the real length
    assert history_and_row_minutes(nominal, worked) <= WINDOW.max_minutes
    held = solve(real, time_limit=10, seed=0, workers=1).assignment["A"]
    assert held == [None]
    assert history_and_row_minutes(real, ["N"]) > WINDOW.max_minutes


def test_the_row_checks_count_it_too() -> None:
    real = problem(LONG_NIGHT)
    member = real.staff[0]
    assert breaks(problem({}), member, ["N"]) is None
    assert breaks(real, member, ["N"]) is not None
    assert breaks(real, member, [None]) is None


def test_a_stretch_of_days_keeps_the_lengths_of_the_days_before_it() -> None:
    whole = dataclasses.replace(problem({}), horizon=3, minutes_by_day={(1, "N"): 660})
    stretch = days_between(whole, 2, 3, whole.staff, ())
    assert stretch.minutes_by_day == {(-1, "N"): 660}
