"""Why a rostering problem has no lawful roster: a small set of hard-rule families that
cannot all hold (CP-SAT's assumptions, one enforcement literal per family)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from ortools.sat.python import cp_model

from .clock import MIN_SECONDS
from .cpsat import make_solver
from .data import Problem
from .model import BuiltModel, build_model
from .result import Conflict


def explain_infeasible(problem: Problem, time_limit: float = 10.0) -> list[Conflict]:
    """A small set of hard-rule families that together cannot be satisfied.

    Empty when the problem is feasible, or when no explanation was found in time. The set
    from CP-SAT's final conflict is shrunk by dropping families one at a time while the rest
    stays infeasible, so (time permitting) every family returned is needed."""
    deadline = time.monotonic() + time_limit
    built = build_model(problem, explain=True)
    built.model.clear_objective()  # feasibility only: faster, and cores don't need costs
    core = _core(built, list(built.assumptions), time_limit)
    if not core:
        return []
    needed: list[int] = []
    for i, lit in enumerate(core):
        rest = needed + core[i + 1 :]
        left = deadline - time.monotonic()
        if left <= 0 or _core(built, rest, left) is None:
            needed.append(lit)  # without it the rest may be satisfiable: keep it
    return [built.assumptions[i] for i in needed]


def _core(built: BuiltModel, assumptions: list[int], time_limit: float) -> list[int] | None:
    """Infeasible core among ``assumptions`` (literal indices), or None if satisfiable or
    undecided in time."""
    built.model.clear_assumptions()
    built.model.add_assumptions(built.model.get_bool_var_from_proto_index(i) for i in assumptions)
    solver = make_solver(max(MIN_SECONDS, time_limit), seed=0, workers=1)
    code = solver.solve(built.model)
    if code != cp_model.INFEASIBLE:
        return None
    return sorted(solver.sufficient_assumptions_for_infeasibility())


def uncapped(problem: Problem, conflicts: Sequence[Conflict]) -> Problem | None:
    """``problem`` with no cap on the free days off of the staff whose cap and a fixed
    shift of theirs both take part in ``conflicts`` (None: no one's do): a day off more
    where every other day cannot be a lawful working day against a shift settled before
    the search. A cap that conflicts with the working-time rules alone is the instance's
    to mend, and stays."""
    capped = {c.staff for c in conflicts if c.rule == "max_free_days_off" and c.staff}
    capped &= {c.staff for c in conflicts if c.rule == "fixed_shift"}
    if not capped:
        return None
    staff = tuple(
        dataclasses.replace(m, max_free_days_off=None) if m.id in capped else m
        for m in problem.staff
    )
    return dataclasses.replace(problem, staff=staff)
