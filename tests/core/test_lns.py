"""LNS neighbourhoods."""

from __future__ import annotations

from roster_check import random_problem

from scheduler.core.lns import Search
from scheduler.core.model import build_model


def test_day_windows_are_consecutive_and_wrap_around_the_horizon() -> None:
    problem = random_problem(1, horizon=14, people=3)
    search = Search(build_model(problem), seed=0, workers=1)
    wrapped = 0
    for _ in range(200):
        days = search._pick_days(5)
        start = next(d for d in days if (d - 1) % 14 not in days)  # the window's first day
        assert sorted(days) == sorted((start + i) % 14 for i in range(5))
        wrapped += 0 in days and 13 in days  # frees both ends, keeps the middle
    assert wrapped > 0
    for hot in range(14):  # a window around a short day contains it
        assert hot in search._pick_days(4, (hot, "D"))
    assert search._pick_days(20) == list(range(14))
