"""Explaining a contract with no lawful roster keeps to the run's time.

The search that finds no roster stops on its work (CP-SAT units, the clock far off), so a
busy machine takes longer to prove the contract impossible rather than stopping undecided
with no explanation asked for (at a load of 20 the two-worker run's wall second ran out
first). The explanation's budget is still the clock's: what is left of the run's second."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from work_alone import work_alone

from scheduler.core.config import SolveConfig, wall_for_work
from scheduler.core.data import Problem
from scheduler.core.result import Conflict
from scheduler.roster import run
from scheduler.roster.run import Job, SolveSettings, roster_scenario
from scheduler.scenario import load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


def _impossible(tmp_path: Path) -> Path:
    """Havering for two weeks with a 30-hour week: every other day a duty day (4.5 eight-hour
    tours a week) cannot hold."""
    text = HAVERING.read_text().replace("end = 2027-03-31", "end = 2026-04-14", 1)
    rules = (
        "[rules]\nmax_average_weekly_hours = 30\nreference_weeks = 1\nrest_days_per_week = 2.5\n"
    )
    text = text.replace("[[shift]]", rules + "\n[[shift]]", 1)
    path = tmp_path / "impossible.toml"
    path.write_text(text)
    return path


def _on_work(job: Job, spent: float) -> SolveConfig:
    """The job's solve stopped by its share as work units, whatever the worker count, with
    the clock's net far off (``work_alone``)."""
    config = job.config
    work = config.deterministic_time or config.time_limit
    return dataclasses.replace(config, deterministic_time=work, time_limit=wall_for_work(work))


@pytest.mark.parametrize("workers", [1, 2])
def test_an_explanation_gets_what_is_left_of_the_time_not_twenty_seconds(
    workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = load_scenario(_impossible(tmp_path))
    given: list[float] = []
    real = run.explain_infeasible

    def spy(problem: Problem, time_limit: float) -> list[Conflict]:
        given.append(time_limit)
        return real(problem, time_limit=time_limit)

    monkeypatch.setattr(run, "explain_infeasible", spy)
    # the hours precheck says this one before any search: the search's explanation is
    # what this test times
    monkeypatch.setattr(run, "precheck", lambda compiled, scenario: [])
    monkeypatch.setattr(run, "_job_config", _on_work)
    with work_alone():
        settings = SolveSettings(time_limit=1, seed=0, workers=workers)
        result = roster_scenario(scenario, settings)
    assert not result.feasible
    assert given, "no explanation was asked for"
    # the run's second is spent: the explanation gets the least, not 20 s (nor the
    # work budget's wall-clock net plus 5 s)
    assert max(given) == pytest.approx(run.EXPLAIN_LEAST, abs=0.01)
    [outcome] = result.outcomes
    assert outcome.conflicts  # still said, in one line or more
