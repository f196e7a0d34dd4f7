"""A long roster is solved in blocks of two lengths in turn, the cheaper roster kept
(``scheduler.roster.run._by_blocks``); every roster checked by the independent checker."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from roster_fixtures import small_scenario

import scheduler.roster.run as run_module
from scheduler.check import check_roster
from scheduler.core.result import Solution
from scheduler.roster.run import SolveSettings, roster_scenario


def _spy(monkeypatch: pytest.MonkeyPatch, seconds: float | None = None) -> list[Any]:
    """Each block-by-block solve's block length (days between its starts) and solution;
    with ``seconds``, each solution says it took that long."""
    runs: list[Any] = []
    real = run_module.solve_rolling

    def spy(problem: Any, starts: list[int], config: Any, **kwargs: Any) -> Solution:
        found = real(problem, starts, config, **kwargs)
        if seconds is not None:
            found = dataclasses.replace(found, seconds=seconds)
        runs.append((starts[1] - starts[0], found))
        return found

    monkeypatch.setattr(run_module, "solve_rolling", spy)
    return runs


def _scenario(only: str | None = None) -> Any:
    """17 weeks (solved in blocks); ``only``: that contract alone (one job, which runs in
    this process, where the spy sees it)."""
    scenario = small_scenario(start=date(2026, 8, 3), end=date(2026, 11, 29), constables=2)
    if only is None:
        return scenario
    return scenario.model_copy(
        update={
            "contracts": tuple(c for c in scenario.contracts if c.id == only),
            "officers": tuple(o for o in scenario.officers if o.contract == only),
        }
    )


def test_with_time_to_spare_both_lengths_are_tried_and_the_cheaper_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs = _spy(monkeypatch)
    scenario = _scenario(only="A")
    result = roster_scenario(scenario, SolveSettings(time_limit=40, seed=0, workers=2))
    assert [days for days, _ in runs] == [14, 28]  # two weeks first, then four
    assert all(found.feasible for _, found in runs)
    (outcome,) = result.outcomes
    assert outcome.objective == min(found.objective for _, found in runs)
    assert check_roster(scenario, result.table).breaches == []


def test_no_second_length_when_the_first_took_more_than_the_time_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs = _spy(monkeypatch, seconds=1_000.0)  # as if the first had taken all the time
    scenario = _scenario(only="A")
    result = roster_scenario(scenario, SolveSettings(time_limit=40, seed=0, workers=2))
    assert [days for days, _ in runs] == [14]
    assert check_roster(scenario, result.table).breaches == []


def test_a_reproducible_run_solves_both_lengths_on_half_the_work_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one worker: work budgets, whatever the clock says (so no second length by the clock)
    runs = _spy(monkeypatch, seconds=1_000.0)
    scenario = _scenario()
    settings = SolveSettings(time_limit=40, seed=0, workers=1)
    result = roster_scenario(scenario, settings)
    assert [days for days, _ in runs] == [14, 28, 14, 28]  # both, for each contract
    assert check_roster(scenario, result.table).breaches == []
    by_contract = {o.contract_id: o.objective for o in result.outcomes}
    assert [by_contract["A"], by_contract["B"]] == [
        min(runs[0][1].objective, runs[1][1].objective),
        min(runs[2][1].objective, runs[3][1].objective),
    ]
    again = roster_scenario(scenario, settings)  # reproducible
    assert again.table.equals(result.table)
