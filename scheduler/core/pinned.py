"""Re-solving a model with the roster pinned: completing a roster's auxiliary variables and
costing it at its true cost.

Search values can carry slack (under- and over-cover raised together on one slot when a
search is cut short), so a roster is never costed from them: CP-SAT solves the model with
every x variable fixed, which presolve settles almost at once, and sets each auxiliary
variable at its best for that roster.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from ortools.sat.python import cp_model

from .cpsat import cell_pins, costed, decode, found, make_solver, pin
from .model import BuiltModel, hint_values
from .result import Solution

# a safety net: presolve settles a pinned model (Curtois Instance22, 210,000 variables:
# about a second)
READ_SECONDS = 30.0
# seconds below which a pass with an end (``until``) is not started: CP-SAT would spend
# them loading the model, and on a busy machine return past its limit
MIN_PASS = 0.1


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
    solver = solve_pinned(built, *roster_pins(built, roster), seed, until=until, began=began)
    return None if solver is None else list(solver.response_proto.solution)


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
    solver = None
    if until is None or until - began >= least:
        pins = roster_pins(built, decode(built, values))
        solver = solve_pinned(built, *pins, seed, values, seconds, until, began)
    if solver is not None:
        return costed(built, solver), list(solver.response_proto.solution)
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
