"""Rota-line mode: how forces publish rosters. Officers follow a cyclic base pattern,
deviating only where leave, High Demand Days or the rules make them.

With no lines given the solver designs one base pattern of ``cycle_weeks`` weeks and
officer i follows it ``i mod cycle_weeks`` weeks along (the classic 5-line rota). Lines
given in the scenario are fixed; officer i follows line ``i mod len(lines)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scheduler.core.data import RotaLines
from scheduler.rules.weights import Weights
from scheduler.scenario.model import Officer, Scenario


def rota_lines(
    scenario: Scenario, officers: Sequence[Officer], days: Sequence[date], weights: Weights
) -> RotaLines | None:
    rota = scenario.rota
    if rota.mode != "lines" or not officers:
        return None
    cycle = rota.cycle_weeks * 7
    # anchor the cycle to Mondays so line weeks are calendar weeks
    anchor = days[0].weekday()
    if rota.lines:
        pattern = {
            i: tuple(None if ch == "." else ch for ch in line) for i, line in enumerate(rota.lines)
        }
        assignment = {o.id: (i % len(rota.lines), anchor) for i, o in enumerate(officers)}
        return RotaLines(cycle, len(rota.lines), assignment, rota.weight, pattern)
    assignment = {
        o.id: (0, (anchor + 7 * (i % rota.cycle_weeks)) % cycle) for i, o in enumerate(officers)
    }
    return RotaLines(cycle, 1, assignment, rota.weight, None)
