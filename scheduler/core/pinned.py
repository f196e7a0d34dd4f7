"""Re-solving a model with the roster pinned: completing a roster's auxiliary variables and
costing it at its true cost.

Search values can carry slack (under- and over-cover raised together on one slot when a
search is cut short), so a roster is never costed from them: CP-SAT solves the model with
every x variable fixed, which presolve settles almost at once, and sets each auxiliary
variable at its best for that roster.

A pass that must end by a time (``until``: the join of a lawful roster, the final costing,
the search by parts' last join) runs in a forked child (``apart.call``), killed at that
time if it has not answered: CP-SAT loading and presolving the whole model heeds no limit,
and on a busy machine such passes ran seconds past a solve's end (BENCHMARKS.md, apart22).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TypeVar

from ortools.sat.python import cp_model

from .apart import call
from .cpsat import cell_pins, costed, decode, found, make_solver, pin
from .model import BuiltModel, hint_values
from .result import Solution

# a safety net: presolve settles a pinned model (Curtois Instance22, 210,000 variables:
# about a second)
READ_SECONDS = 30.0
# seconds below which a pass with an end (``until``) is not started: CP-SAT would spend
# them loading the model, and on a busy machine return past its limit
MIN_PASS = 0.1

T = TypeVar("T")


def roster_pins(
    built: BuiltModel, roster: Mapping[str, Sequence[str | None]]
) -> tuple[list[int], list[int]]:
    """Proto indices and values that fix every cell of ``roster`` (``cpsat.cell_pins``)."""
    indices: list[int] = []
    values: list[int] = []
    for staff, row in roster.items():
        for d, shift in enumerate(row):
            index, value = cell_pins(built, staff, d, shift)
            indices.append(index)
            values.append(value)
    return indices, values


def solve_pinned(
    built: BuiltModel,
    indices: Sequence[int],
    values: Sequence[int],
    seed: int,
    hint: Sequence[int] | None = None,
    seconds: float = READ_SECONDS,
    until: float | None = None,
    began: float | None = None,
) -> cp_model.CpSolver | None:
    """Solve the model with the given variables fixed (the rest, auxiliary variables, at
    their best); the solver holding the solution, or None if there is none in time.
    ``until`` (a ``time.monotonic()``): the pass and the caller's reading back of its
    values are over by then. Reading back costs about what copying and pinning the model
    did (Python over every variable), measured from ``began`` (default: this call's
    start), so CP-SAT gets what is left after both, and is not started with less than
    ``MIN_PASS`` (None then)."""
    began = time.monotonic() if began is None else began
    model = built.model.clone()
    model.clear_hints()
    pin(model, indices, values)
    if hint is not None:
        hint_values(model, list(hint))
    if until is not None:
        now = time.monotonic()
        seconds = min(seconds, until - now - (now - began))
        if seconds < MIN_PASS:
            return None
    solver = make_solver(seconds, seed, 1)
    if not found(solver.solve(model)):
        return None
    return solver


def pass_by(
    built: BuiltModel,
    indices: Sequence[int],
    values: Sequence[int],
    seed: int,
    read: Callable[[cp_model.CpSolver], T],
    until: float | None = None,
    hint: Sequence[int] | None = None,
    seconds: float = READ_SECONDS,
    began: float | None = None,
) -> T | None:
    """``solve_pinned`` and ``read`` of its solver (None: no roster); with ``until``, both
    in a forked child (``apart.call``) whose answer is waited for until then, and which
    is killed, None, if it has not given it."""
    began = time.monotonic() if began is None else began
    if until is not None and until - time.monotonic() < MIN_PASS:
        return None  # no time for a pass: no child started either

    def work() -> T | None:
        solver = solve_pinned(built, indices, values, seed, hint, seconds, until, began)
        return None if solver is None else read(solver)

    return call(work, until)


def complete(
    built: BuiltModel,
    roster: Mapping[str, Sequence[str | None]],
    seed: int,
    until: float | None = None,
) -> list[int] | None:
    """All variable values of the roster (auxiliary variables at their best), or None if
    the roster breaks a hard rule (or, given ``until``, the pass would not end by then:
    ``solve_pinned``)."""
    began = time.monotonic()
    pins = roster_pins(built, roster)
    return pass_by(built, *pins, seed, _values, until, began=began)


def _values(solver: cp_model.CpSolver) -> list[int]:
    return list(solver.response_proto.solution)


def _costed_values(solver: cp_model.CpSolver, built: BuiltModel) -> tuple[Solution, list[int]]:
    return costed(built, solver), _values(solver)


def score_roster(
    built: BuiltModel, roster: Mapping[str, Sequence[str | None]], seed: int
) -> Solution:
    """The cost of a given roster under the model's goals (a FEASIBLE Solution, no bound)."""
    solver = solve_pinned(built, *roster_pins(built, roster), seed)
    if solver is None:
        raise RuntimeError("a roster found earlier breaks the model's hard rules")
    return costed(built, solver)


def read_values(
    built: BuiltModel,
    values: list[int],
    seed: int,
    objective: float | None = None,
    seconds: float = READ_SECONDS,
    until: float | None = None,
    least: float = MIN_PASS,
) -> Solution:
    """A full assignment of the model's variables as a FEASIBLE Solution without a bound,
    costed at the roster's true cost (module docstring). ``objective`` is the cost the
    values themselves carry: should the pinned solve not finish in ``seconds`` (or by
    ``until``: ``solve_pinned``; not begun with less than ``least`` seconds before it),
    the roster stands at that cost (an upper bound on its true cost)."""
    return read_with_values(built, values, seed, objective, seconds, until, least)[0]


def read_with_values(
    built: BuiltModel,
    values: list[int],
    seed: int,
    objective: float | None = None,
    seconds: float = READ_SECONDS,
    until: float | None = None,
    least: float = MIN_PASS,
) -> tuple[Solution, list[int]]:
    """``read_values``, and the assignment it costed (auxiliary variables at their best)."""
    began = time.monotonic()
    answer = None
    if until is None or until - began >= least:
        pins = roster_pins(built, decode(built, values))
        read = partial(_costed_values, built=built)
        answer = pass_by(built, *pins, seed, read, until, values, seconds, began)
    if answer is not None:
        return answer
    if objective is None:
        raise RuntimeError("a roster found earlier breaks the model's hard rules")
    solution = Solution(
        status="FEASIBLE",
        objective=float(objective),
        bound=None,
        gap=None,
        seconds=0.0,
        assignment=decode(built, values),
    )
    return solution, values
