"""A lawful roster of a core problem, its cost ignored (so the moves of a search have room
to gain), and the search's start made of it: CP-SAT's first lawful roster, one worker, a
fixed seed and a work limit."""

from __future__ import annotations

from roster_check import true_cost

from scheduler.core.cpsat import decode, find_lawful, make_solver
from scheduler.core.data import Problem
from scheduler.core.lns import Incumbent
from scheduler.core.model import build_model
from scheduler.core.pinned import complete

Roster = dict[str, list[str | None]]


def lawful(problem: Problem, seed: int) -> Roster:
    """A roster keeping every hard rule, its cost ignored (so the moves have room to gain)."""
    built = build_model(problem)
    status, values = find_lawful(built, make_solver(10, seed, 1, deterministic_time=5))
    assert values is not None, status
    return {k: list(v) for k, v in decode(built, values).items()}


def start_of(problem: Problem, seed: int) -> tuple[Incumbent, Roster]:
    roster = lawful(problem, seed)
    values = complete(build_model(problem), roster, seed)
    assert values is not None
    return Incumbent(values, true_cost(problem, roster)), roster
