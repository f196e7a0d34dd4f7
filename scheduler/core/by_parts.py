"""Anytime search of a large model by parts, each move a model of its own.

A hole of the whole model costs CP-SAT a copy and a presolve of all of it; a part of the
roster re-solved as a model of its own costs a model of that part. Two kinds of part:
everyone over a few weeks (``window_search``: cover and runs across people) and one person
over the whole horizon (``person_search``: a person's totals over the horizon, which a
window keeps as they are). Which kind gains more for its time differs from one roster to
the next and as the search goes on, so the search keeps each kind's gain per second over
its last few moves (per unit of work with a work budget, so a one-worker run is
reproducible; ``FOLLOW`` also counts what the moves just after them gained above their own
kinds' rates, off in the solve) and runs the kind that gains fastest: each kind a few
times first (one move says little: a person already at their best gains nothing), and now
and then one at random, so a kind that gained little for a while is tried again. A kind
may be held back until one kind gains no faster than another (``AFTER``: days alike,
beside the solve's kinds, until the people's moves slow to the windows' rate). Each move
is told the roster's cost the search keeps (every move's gain taken off the start's cost).
"""

from __future__ import annotations

import logging
import random
import time
from collections import deque
from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from ortools.sat.python import cp_model

from .clock import Budget
from .cpsat import decode, values_of
from .lns import Incumbent
from .model import BuiltModel
from .person_search import PersonMoves, moves_apply
from .pinned import MIN_PASS, pass_by, roster_pins
from .window import windows_apply
from .window_search import DaysAlike, Windows

log = logging.getLogger(__name__)

Roster = dict[str, list[str | None]]
KINDS = ("windows", "people")  # what a solve runs
KNOWN = (*KINDS, "alike")  # every kind of move
EXPLORE = 0.1  # chance a move's kind is drawn at random
# moves of a kind before it is judged: three where a move is one part among many (a window,
# a person: the one drawn may be at its best already); one for days alike, whose first move
# is the day the cover falls shortest on, at two passes over the whole model (three first
# moves took 6 of Instance22's first 20 units from the people's moves, gaining fastest
# then: BENCHMARKS.md, "Days alike in the solve")
FIRST = 3
FIRST_OF = {"alike": 1}
# a kind's rate: its gain per second over this many of its latest moves; three for days
# alike, each move two passes over the whole model (eight kept a first move's gain in its
# rate for 10-20 units of moves finding nothing: BENCHMARKS.md, "Days alike in the solve")
RECENT = 8
RECENT_OF = {"alike": 3}
# a kind held back until one kind gains no faster a unit than another: days alike until
# the people's moves gain no faster than the windows (from the lawful roster the people's
# moves gain fastest, and days alike's first move gains a lot there too, which kept it
# drawn: Gen1003 4.2 times worse at 60 s; BENCHMARKS.md, "Days alike in the solve")
AFTER = {"alike": ("people", "windows")}
# a move may be judged by what it gained and what the moves after it, over this many times
# its own work, gained above their kinds' rates (below them where it took their gains): a
# kind's rate over its own moves overstates what it adds where it takes gains another kind
# would have found (days alike, 3,586 a unit on Gen1395, and the windows after them 1,050
# a unit where they had kept 2,655 without them). 0, each kind judged by its own moves
# alone, is what the solve runs: at 1 the windows were drawn twice as often on Instance22
# (3 % worse at equal work) and days alike still lost on Gen1395 (BENCHMARKS.md, "Days
# alike judged by what the roster gains")
FOLLOW = 0.0


class Move(Protocol):
    def step(self, roster: Roster, budget: Budget, cost: float) -> float:
        """One move on ``roster`` (whose cost is ``cost``); what it gained."""
        ...


def search_by_parts(
    built: BuiltModel,
    start: Incumbent,
    budget: Budget,
    seed: int,
    workers: int = 1,
    on_improve: Callable[[float], None] | None = None,
    kinds: Sequence[str] = KINDS,
    people_by_model: bool = True,
    follow: float | None = None,
    until: float | None = None,
    rebuild: bool = False,
) -> Incumbent:
    """``start`` improved part by part until the budget is spent (``on_improve`` is told
    each lower cost), as all the values of ``built`` at the roster's true cost.
    ``people_by_model``: people whose rules fit no graph are moved by CP-SAT models of
    their own (otherwise only people with a graph are moved). ``follow``: ``FOLLOW`` for
    this search. ``until`` (a ``time.monotonic()``): the last pass, joining the roster on
    the whole model, ends by then or is not started (``solve_pinned``), and the start is
    returned. ``rebuild``: before the moves, the roster is built again from everyone off,
    person by person on their shortest paths (``PersonMoves.rebuild``; for a start made
    with its costs ignored), and taken if it costs less."""
    span = FOLLOW if follow is None else follow
    named = _moves(built, seed, workers, kinds, people_by_model)
    moves = [move for _, move in named]
    first = [FIRST_OF.get(kind, FIRST) for kind, _ in named]
    held = _held(named)
    rng = random.Random(seed)
    roster: Roster = {k: list(v) for k, v in decode(built, start.values).items()}
    objective = float(start.objective)
    recent: list[deque[tuple[float, float]]] = [
        deque(maxlen=RECENT_OF.get(kind, RECENT)) for kind, _ in named
    ]
    history: list[tuple[int, float, float]] = []  # every move's kind, gain and cost, in turn
    places: list[deque[int]] = [deque(maxlen=r.maxlen) for r in recent]  # in ``history``
    improved = False
    totals = [[0.0, 0.0, 0] for _ in moves]  # each kind's gain, cost and moves, for the log
    people = [move for move in moves if isinstance(move, PersonMoves)]
    if rebuild and people:
        work = budget.spent
        gain = people[0].rebuild(roster, budget)
        log.debug("by parts: rebuilt, gain %.0f in %.2f", gain, budget.spent - work)
        if gain > 0:
            objective -= gain
            improved = True
            if on_improve is not None:
                on_improve(objective)
    while moves and not budget.exhausted():
        own = [_rate(r) for r in recent]
        rates = [_added(history, at, own, span) for at in places]
        k = _choose(rates, [len(r) for r in recent], rng, first, _waiting(held, recent, first))
        work, began = budget.spent, time.monotonic()
        gain = moves[k].step(roster, budget, objective)
        cost = budget.spent - work if budget.deterministic is not None else time.monotonic() - began
        recent[k].append((gain, cost))
        places[k].append(len(history))
        history.append((k, gain, cost))
        totals[k][0] += gain
        totals[k][1] += cost
        totals[k][2] += 1
        if gain > 0:
            objective -= gain
            improved = True
            if on_improve is not None:
                on_improve(objective)
    for move, (gain, cost, n) in zip(moves, totals, strict=True):
        log.debug("by parts: %s, %d moves, gain %.0f in %.1f", type(move).__name__, n, gain, cost)
    if not improved:
        return start
    began = time.monotonic()
    # in a child killed at ``until`` if it has not answered (``pinned.pass_by``)
    best = pass_by(built, *roster_pins(built, roster), seed, _joined, until, began=began)
    now = time.monotonic()  # out of time: what is left would not hold a pass and its reading
    if best is None and until is not None and now + (now - began) >= until - MIN_PASS:
        log.debug("search by parts: no time left to join the roster on the whole model")
        return start
    if best is None:  # a move broke a rule of the whole model: a bug, keep the start
        log.warning("search by parts: the roster broke a rule of the whole model")
        return start
    return best if best.objective <= start.objective else start


def _joined(solver: cp_model.CpSolver) -> Incumbent:
    """The roster a pinned pass joined on the whole model, at its true cost."""
    return Incumbent(values_of(solver), round(solver.objective_value))


def _moves(
    built: BuiltModel, seed: int, workers: int, kinds: Sequence[str], people_by_model: bool
) -> list[tuple[str, Move]]:
    """The moves of ``kinds`` that apply to ``built``, each with its kind."""
    p = built.problem
    moves: list[tuple[str, Move]] = []
    if "windows" in kinds and windows_apply(p):
        moves.append(("windows", Windows(built, seed, workers)))
    if "alike" in kinds and windows_apply(p):
        moves.append(("alike", DaysAlike(built, seed, workers)))
    if "people" in kinds and moves_apply(p):
        moves.append(("people", PersonMoves(p, seed, workers, by_model=people_by_model)))
    return moves


def _held(named: Sequence[tuple[str, Move]]) -> dict[int, tuple[int, int]]:
    """The moves held back (``AFTER``), each with the two moves whose rates free it (by
    their place in ``named``); a move whose two are not both in the search is not held."""
    place = {kind: k for k, (kind, _) in enumerate(named)}
    held: dict[int, tuple[int, int]] = {}
    for kind, (faster, slower) in AFTER.items():
        if kind in place and faster in place and slower in place:
            held[place[kind]] = (place[faster], place[slower])
    return held


def _waiting(
    held: dict[int, tuple[int, int]],
    recent: Sequence[deque[tuple[float, float]]],
    first: Sequence[int],
) -> set[int]:
    """The held moves still held: each until its first of two has been judged (its
    ``first`` moves made) and gains no faster than its second. Freed, a move stays freed
    (it is removed from ``held``)."""
    for k, (faster, slower) in list(held.items()):
        judged = len(recent[faster]) >= first[faster] and len(recent[slower]) >= first[slower]
        if judged and _rate(recent[faster]) <= _rate(recent[slower]):
            del held[k]
    return set(held)


def _choose(
    rates: Sequence[float],
    tries: Sequence[int],
    rng: random.Random,
    first: Sequence[int],
    held: Collection[int] = (),
) -> int:
    """A kind not yet tried its ``first`` times (``tries`` so far), in turn; or (mostly)
    the one with the highest of ``rates``. Kinds in ``held`` are not drawn."""
    kinds = [k for k in range(len(rates)) if k not in held]
    waiting = [k for k in kinds if tries[k] < first[k]]
    if waiting:
        return min(waiting, key=lambda k: tries[k])
    if rng.random() < EXPLORE:
        return rng.choice(kinds)
    return max(kinds, key=lambda k: rates[k])


def _added(
    history: Sequence[tuple[int, float, float]],
    at: Collection[int],
    own: Sequence[float],
    follow: float,
) -> float:
    """What the moves at ``at`` in ``history`` (every move's kind, gain and cost, in turn)
    added to the roster a unit of their work: each one's gain, and what the moves after it
    (over ``follow`` times its cost, a move cut by that span counted in proportion)
    gained above their kinds' rates ``own``."""
    gained = spent = 0.0
    for i in at:
        _, gain, cost = history[i]
        gained += gain
        spent += cost
        left = follow * cost
        for kind, later, work in history[i + 1 :]:
            if left <= 0:
                break
            part = 1.0 if work <= left else left / work
            gained += part * (later - own[kind] * work)
            left -= part * work
    return gained / max(spent, 1e-3)


def _rate(moves: deque[tuple[float, float]]) -> float:
    """Gain per second (or unit of work) over ``moves``, (gain, cost) each."""
    return sum(g for g, _ in moves) / max(sum(c for _, c in moves), 1e-3)
