"""A contract's roster whose objective is its lower bound is proven best: the summary said
FEASIBLE beside a gap of 0.0 % for a long horizon (solved block by block, which calls its
rosters FEASIBLE), such as a contract whose every post is vacant, where nothing could be
better. Status and gap now agree."""

from __future__ import annotations

from datetime import date

from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import scenario_from_dict

# 25 weeks (block by block), one constable post, nobody in it, an early asked on Mondays
VACANT = {
    "scenario": {"name": "vacant", "start": date(2026, 4, 6), "end": date(2026, 9, 27)},
    "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
    "contract": [
        {
            "id": "V",
            "council": "Council V",
            "bcu": "EA",
            "start": date(2026, 1, 5),
            "posts": {"constable": 1},
            "cover": [{"days": ["Mon"], "shift": "E", "min": 1}],
        }
    ],
}


def test_a_roster_at_its_bound_is_optimal_with_no_gap() -> None:
    scenario = scenario_from_dict(VACANT, "vacant.toml")
    settings = SolveSettings(time_limit=2, workers=1, seed=1)
    [outcome] = roster_scenario(scenario, settings).outcomes
    assert (outcome.cover_met, outcome.cover_wanted) == (0, 21)  # 4 bank holidays not bought
    assert outcome.objective is not None
    assert outcome.objective == outcome.bound
    assert (outcome.status, outcome.gap) == ("OPTIMAL", 0.0)
