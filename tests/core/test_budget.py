"""The clock's budgets for sub-searches."""

from __future__ import annotations

import time

import pytest

from scheduler.core.clock import Budget
from scheduler.core.config import wall_for_work


def test_a_sub_search_on_the_wall_clock_has_at_most_its_seconds_and_no_work_limit() -> None:
    budget = Budget(time.monotonic() + 100)
    seconds, work = budget.limits(1.0)
    assert seconds == 1.0
    assert work is None
    nearly_out = Budget(time.monotonic() + 0.3)
    assert nearly_out.limits(1.0)[0] <= 0.3


@pytest.mark.parametrize(("spent", "expected"), [(0.0, 1.0), (4.6, 0.4), (5.0, 0.01)])
def test_with_a_work_budget_the_wall_clock_is_only_a_safety_net(
    spent: float, expected: float
) -> None:
    # a busy machine must not cut a one-worker search short: its result would change
    budget = Budget(time.monotonic() + 1000, deterministic=5.0, spent=spent)
    seconds, work = budget.limits(1.0)
    assert work == pytest.approx(expected)
    assert seconds == pytest.approx(wall_for_work(expected), abs=0.01)
    assert seconds > 1.0
