"""The first roster found person by person as shortest paths under the cover's prices
(``lawful.People.by_path``). Rosters checked by the independent roster checks and costed
by ``true_cost``, never by the solver."""

from __future__ import annotations

import pytest
from lawful_start import lawful
from roster_check import check_roster, random_problem, true_cost

from scheduler.core.clock import Clock
from scheduler.core.config import SolveConfig
from scheduler.core.lawful import schedules


@pytest.mark.parametrize("seed", range(3))
def test_the_first_roster_places_people_where_the_cover_is_short(seed: int) -> None:
    """Each person's schedule a shortest path under the cover's prices given those found
    before: lawful (the independent checks), and at most 60 % of the cost of a roster
    found with its costs ignored (the whole model's first lawful roster). Found as
    before, with the costs ignored, it cost 70-77 % of that on these seeds."""
    problem = random_problem(seed, horizon=28, people=6)
    config = SolveConfig(time_limit=60, workers=1, seed=seed, deterministic_time=5.0)
    rows = schedules(problem, Clock.start(60, 5.0), config, 0.9)
    assert rows is not None
    check_roster(problem, rows)
    assert true_cost(problem, rows) <= 0.6 * true_cost(problem, lawful(problem, seed))
