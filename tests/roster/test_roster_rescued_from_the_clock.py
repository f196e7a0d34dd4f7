"""A contract of 70 days or fewer (one model) whose clock runs out before any lawful
roster: on a busy machine (generated seed 2050 at load 20, --time-limit 10) each of its
three contracts' searches was cut at 2-4 s with nothing, and s92 roster wrote nothing
(scen23). Now such a contract gets a lawful roster on a budget of solver work, whatever the
clock says. The busy machine is played by a search that always runs out of time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scheduler.check import check_roster
from scheduler.core.config import SolveConfig
from scheduler.core.cpsat import unknown
from scheduler.core.data import Problem
from scheduler.core.result import Solution
from scheduler.roster import run
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import scenario_from_dict

DAYS = [date(2027, 3, 1) + timedelta(n) for n in range(28)]
SCENARIO = scenario_from_dict(
    {
        "scenario": {"name": "busy", "start": DAYS[0], "end": DAYS[-1]},
        "shift": [
            {"code": "E", "start": "07:00", "end": "15:00"},
            {"code": "N", "start": "22:00", "end": "06:00"},
        ],
        "contract": [
            {
                "id": "C",
                "council": "Council C",
                "bcu": "EA",
                "start": date(2027, 1, 4),
                "posts": {"constable": 3, "sergeant": 1},
                "cover": [
                    {"days": "weekdays", "shift": "E", "min": 1},
                    {"days": ["Fri", "Sat"], "shift": "N", "min": 2},
                ],
            }
        ],
        "officer": [
            {"id": f"O{n}", "contract": "C", "rank": "sergeant" if n == 1 else "constable"}
            for n in (1, 2, 3, 4)
        ],
    }
)


def test_a_contract_whose_clock_runs_out_gets_a_lawful_roster(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    searched: list[float | None] = []
    real = run.solve

    def busy(problem: Problem, config: SolveConfig, **kw: object) -> Solution:
        searched.append(config.deterministic_time)
        if config.deterministic_time is None:  # on the clock: out of time, nothing found
            return unknown()
        return real(problem, config, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "solve", busy)
    result = roster_scenario(SCENARIO, SolveSettings(time_limit=5, seed=0, workers=2))
    assert [o.status for o in result.outcomes] in (["FEASIBLE"], ["OPTIMAL"])
    assert searched == [None, run.RESCUE_WORK]  # the clock's search, then solver work
    assert len(result.table) == 4 * 28
    assert check_roster(SCENARIO, result.table).breaches == []


def test_a_reproducible_run_is_not_searched_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --workers 1 the budget is solver work already: what it finds stands."""
    searched: list[float | None] = []

    def none(problem: Problem, config: SolveConfig, **kw: object) -> Solution:
        searched.append(config.deterministic_time)
        return unknown()

    monkeypatch.setattr(run, "solve", none)
    result = roster_scenario(SCENARIO, SolveSettings(time_limit=1, seed=0, workers=1))
    assert [o.status for o in result.outcomes] == ["UNKNOWN"]
    assert len(searched) == 1
    assert searched[0] is not None
