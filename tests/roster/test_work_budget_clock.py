"""A one-worker run is budgeted in work units, so the same seed gives the same roster
however long the machine took to plan High Demand Day aid before the solves began."""

from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace

import pytest
from roster_fixtures import small_scenario

from scheduler.roster import run
from scheduler.roster.run import SolveSettings, make_jobs

SETTINGS = SolveSettings(time_limit=4, seed=7, workers=1)


def _budgets() -> list[float | None]:
    scenario = small_scenario(end=date(2026, 10, 25))
    return [job.config.deterministic_time for job in make_jobs(scenario, SETTINGS)]


def test_slow_planning_leaves_the_work_budgets_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    idle = _budgets()
    assert sum(b or 0 for b in idle) == pytest.approx(SETTINGS.time_limit)
    lag = [0.0]  # seconds a loaded machine spent planning, on the clock the run reads
    clock = SimpleNamespace(time=lambda: time.time() + lag[0], perf_counter=time.perf_counter)
    planned = run.plan_aid

    def slow_plan(scenario):  # the plan, as on a machine busy with other work
        lag[0] += 3.0
        return planned(scenario)

    monkeypatch.setattr(run, "time", clock)
    monkeypatch.setattr(run, "plan_aid", slow_plan)
    assert _budgets() == idle
