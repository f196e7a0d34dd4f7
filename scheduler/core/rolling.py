"""Rolling-horizon solve: a long roster as a chain of short blocks.

A year in one CP-SAT model is large and its LP bound weak, so the search stalls. Blocks of
a few weeks solve to (near) optimality in a fraction of a second each; history carries the
last days of one block into the next, so successions, consecutive-day limits and rolling
windows still hold across block boundaries. Totals over the horizon (free days off) are
shared out between blocks in proportion to their free days, with a little slack that later
blocks absorb.

Each block gets its share of the time left (by days), built once: CP-SAT with the goals and
the strong LP, hinted with the same weekdays four weeks earlier (cover is asked for by
weekday, so the weeks before are a good first guess); if that finds nothing in time, the
default portfolio with the goals; only then a lawful block with no goals (the roster
stays lawful whatever the clock does, though its cover may be poor). A later block
searches the whole block only with at least the time such a search last took to prove its
answer (more, once one has ended with nothing); with less, it searches a few days around
each shortfall of its copy instead, every other cell kept (``_windows``: mostly pinned,
each search takes a few hundredths of a second). A block with less time left than a
copy's search takes keeps its copy with no CP-SAT where each person's copied row keeps
their hard rules, or can be made to by moving rest days (``fill_copy``, checked by
``rows.breaks`` against the same compiled rules the model holds); should such copies
leave a later block no lawful roster, the year is solved again with every copy searched. A second pass keeps the goals' cost and
evens out the year-to-date fairness counts, in the time the block has left.

The bound reported is valid for the whole horizon: the cover relaxation's least cost of
cover, short and over (``bounds``), every other goal counted at zero. The sum of the blocks' own bounds,
each block given the blocks before it (how far each block is from its best given the
weeks already rostered), is ``Solution.block_bound``: it is no bound on the roster, which
an optimal roster need not share those weeks with (a 28-day test roster in four blocks,
each proved optimal, costs 1,835 where the whole model's optimum is 1,612), so a roster
solved in blocks is never reported OPTIMAL.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from scheduler.core.bounds import problem_bound
from scheduler.core.config import LAWFUL_WORK, SolveConfig, wall_for_work
from scheduler.core.copies import HINT_BACK, fill_copy, kept_days, run_length
from scheduler.core.cpsat import (
    add_hint,
    decode,
    find_lawful,
    make_solver,
    run,
    unknown,
)
from scheduler.core.data import FairnessRule, Problem, StaffMember
from scheduler.core.model import BuiltModel, Kept, build_model
from scheduler.core.params import strong_lp
from scheduler.core.pinned import score_roster
from scheduler.core.result import Progress, Solution, Status, gap
from scheduler.core.rows import cost
from scheduler.core.window import HISTORY_DAYS, days_between, short_tours

log = logging.getLogger(__name__)  # each block's phases, at DEBUG: what the time went on

# ... unless a person's last this many days repeat the same days ``HINT_BACK`` before, in a
# run of work (or rest) as long: the copy then carries on as they were, the seam kept too
# (most people, since the days a block searches are mostly at its start)
SEAMLESS_DAYS = 2
# a copy that does not fit is tried again with this much more room around what it clashes
# with (a copy that leaves a week's searched days no choice can make a run too long)
REPEAT_MARGINS = (0, 1)
MIN_SECONDS = 0.05  # a phase of a block never gets less
# The searches a block cannot do without, the weeks before repeated and (failing that) a
# lawful block, are budgeted in CP-SAT work units, not seconds: each needs a few
# hundredths of a second of CPU, which a busy machine may stretch to ten times that on
# the clock; a wall-clock budget would then cut them short and leave the block with a
# roster that ignores the cover, or none. A lawful search that runs out doubles its budget.
# A copy's search, then (nothing found in that) a longer one: a copy's first roster takes
# a few thousandths of a unit, and what more searching finds there is little (BENCHMARKS.md)
REPEAT_WORK = (0.05, 0.2)
LAWFUL_TRIES = 5
# the first block has no weeks before it: its goals' search is the one it cannot do
# without (with the strong LP, London's first blocks are proved optimal in 0.04-0.1 units)
FIRST_WORK = 0.5
# the first block is solved from scratch and every later one starts from the weeks before
# it, so it counts this many times its days in the time split
FIRST_BLOCK_WEIGHT = 2.0
# a later block's goals search that ends with nothing better and no proof raises the least
# time the next one is given (``_Block.pace``) to this many times what it took
UNKNOWN_GROWTH = 1.5
WINDOW_DAYS = 5  # days searched around a shortfall when there is no time for more
WINDOW_WORK = 0.05
# rest days a block may take beyond or below its even share of those still owed, tried in
# turn (None: any number later blocks leave room for). The even share first: a block that
# took duty from later ones would leave them short of cover (Havering 8,115 -> 9,209 with
# one day's slack from the start); but a block whose history leaves its exact share out of
# reach (a run of duty carried in, a week of weekly rest) has no lawful roster with it
REST_SLACKS = (0, 1, None)


def block_bounds(horizon: int, starts: Sequence[int]) -> list[tuple[int, int]]:
    """Inclusive (first, last) day of each block from its sorted start days."""
    cuts = sorted({0, *[s for s in starts if 0 < s < horizon]})
    return [(a, b - 1) for a, b in zip(cuts, [*cuts[1:], horizon], strict=True)]


def solve_rolling(
    problem: Problem,
    starts: Sequence[int],
    config: SolveConfig | None = None,
    *,
    progress: Callable[[Progress], None] | None = None,
    hurry: bool = True,
    **options: Any,  # SolveConfig fields
) -> Solution:
    """Solve block by block; ``starts`` are the first days of the blocks (0 implied).
    With ``config.deterministic_time`` each block gets its share of that work, whatever
    the clock says (reproducible with one worker); else its share of the time left."""
    config = dataclasses.replace(config or SolveConfig(), **options)
    started = time.monotonic()
    deadline = started + config.time_limit
    blocks = block_bounds(problem.horizon, starts)
    assignment: dict[str, list[str | None]] = {m.id: [] for m in problem.staff}
    taken: dict[str, int] = {m.id: 0 for m in problem.staff}
    objective = block_bound = 0.0
    breakdown: dict[str, int] = {}
    pace: list[float] = []
    copy_pace: list[float] = []
    for first, last in blocks:
        days = last - first + 1
        if config.deterministic_time is not None:
            block = _Block(
                config,
                None,
                config.deterministic_time * days / problem.horizon,
                pace=pace,
                hurry=hurry,
                copy_pace=copy_pace,
            )
        else:  # time a block leaves unused goes to the blocks after it
            left = max(0.0, deadline - time.monotonic())
            weight = days * (FIRST_BLOCK_WEIGHT if first == 0 else 1.0)
            remaining = problem.horizon - first - days + weight
            until = time.monotonic() + left * weight / remaining
            block = _Block(config, until, pace=pace, hurry=hurry, copy_pace=copy_pace)
        hint = _hint(problem, first, last, assignment)
        seamless = _seamless(problem, first, assignment)
        fair = (problem.fairness, first, assignment)
        for slack in REST_SLACKS:  # the block's even share of rest days, then more room
            sub = restrict(problem, first, last, assignment, taken, slack=slack)
            sol = _solve_block(sub, block, hint, *fair, last_try=slack is None, seamless=seamless)
            if sol.feasible:
                break
        if not sol.feasible and hurry and first > 0:
            # copies taken unsearched can leave a later block no lawful roster (hours
            # worked up under a rolling window): again as before, every copy searched
            rest = replace(config, time_limit=max(MIN_SECONDS, deadline - time.monotonic()))
            return solve_rolling(problem, starts, rest, progress=progress, hurry=False)
        if not sol.feasible:
            return Solution(
                status=sol.status,
                objective=None,
                bound=None,
                gap=None,
                seconds=time.monotonic() - started,
                assignment={},
            )
        for m in problem.staff:
            rostered = sol.assignment[m.id]
            assignment[m.id].extend(rostered)
            taken[m.id] += sum(
                1 for d, s in enumerate(rostered) if s is None and _is_free(m, first + d)
            )
        objective += sol.objective or 0.0
        block_bound += sol.bound if sol.bound is not None else sol.objective or 0.0
        for k, v in sol.breakdown.items():
            breakdown[k] = breakdown.get(k, 0) + v
        if progress is not None:
            progress(Progress(objective, block_bound, time.monotonic() - started))
    for rule in problem.fairness:  # the year's spread, priced once on the whole roster
        cost = rule.weight * _spread(rule, assignment, problem.horizon)
        breakdown[f"fairness[{rule.name}]"] = cost
        objective += cost
    bound = float(problem_bound(problem).least_cover_cost)
    return Solution(
        status="FEASIBLE",  # lawful; optimal only block by block (module docstring)
        objective=objective,
        bound=bound,
        gap=gap(objective, bound),
        seconds=time.monotonic() - started,
        assignment=assignment,
        breakdown=breakdown,
        block_bound=block_bound,
    )


@dataclasses.dataclass
class _Block:
    """One block's budget: a wall-clock ``deadline``, or (reproducible) ``work`` units.
    ``pace`` is shared by a year's blocks: the seconds the last proved goals search of a
    later block took, the least the next one is given (less would be spent for nothing:
    the time goes on to the blocks after it instead)."""

    config: SolveConfig
    deadline: float | None
    work: float | None = None
    pace: list[float] = dataclasses.field(default_factory=list)
    hurry: bool = True  # a block short of time may take its copy unsearched
    # the seconds the last copy's search took: a block with less takes its copy unsearched
    copy_pace: list[float] = dataclasses.field(default_factory=list)

    def solver(self, share: float, strong: bool = True) -> Any:  # a CpSolver
        """A solver for ``share`` of what the block has left (at least ``MIN_SECONDS``)."""
        config = self.config
        if self.work is not None:  # stop on work done, so one worker is reproducible
            work = max(MIN_SECONDS, self.work * share)
            solver = make_solver(wall_for_work(work), config.seed, 1, deterministic_time=work)
        else:
            assert self.deadline is not None
            left = max(MIN_SECONDS, (self.deadline - time.monotonic()) * share)
            solver = make_solver(left, config.seed, config.workers)
        return strong_lp(solver) if strong else solver

    def needed(self, work: float) -> Any:  # a CpSolver
        """A solver for a search the block cannot do without: ``work`` units, whatever
        the clock says (the wall clock only as a safety net)."""
        return make_solver(wall_for_work(work), self.config.seed, 1, deterministic_time=work)

    def left(self, share: float = 1.0) -> float:
        """Seconds (or work units) ``share`` of what the block has left comes to."""
        if self.work is not None:
            return self.work * share
        assert self.deadline is not None
        return (self.deadline - time.monotonic()) * share


def _hint(
    problem: Problem, first: int, last: int, done: dict[str, list[str | None]]
) -> dict[tuple[str, int], str | None]:
    """Each person's tours (block days) on the same weekdays ``HINT_BACK`` days before,
    where that day was theirs to roster (not leave or a fixed tour)."""
    hint: dict[tuple[str, int], str | None] = {}
    for m in problem.staff:
        row = done[m.id]
        for d in range(first, last + 1):
            source = d - HINT_BACK
            if 0 <= source < len(row) and _is_free(m, source):
                hint[m.id, d - first] = row[source]
    return hint


def _seamless(problem: Problem, first: int, done: dict[str, list[str | None]]) -> frozenset[str]:
    """The people whose last ``SEAMLESS_DAYS`` days before day ``first``, and the run of
    work or rest they end, are as ``HINT_BACK`` days before: a copy of the weeks before
    carries on from them as it did then."""
    if first - SEAMLESS_DAYS - HINT_BACK < 0:
        return frozenset()
    return frozenset(
        m.id
        for m in problem.staff
        if all(
            done[m.id][d] == done[m.id][d - HINT_BACK] for d in range(first - SEAMLESS_DAYS, first)
        )
        and run_length(done[m.id], first) == run_length(done[m.id], first - HINT_BACK)
    )


def _solve_block(
    sub: Problem,
    block: _Block,
    hint: dict[tuple[str, int], str | None],
    fairness: Sequence[FairnessRule] = (),
    first: int = 0,
    done: dict[str, list[str | None]] | None = None,
    last_try: bool = True,
    seamless: frozenset[str] = frozenset(),
) -> Solution:
    """A start, then the goals with the strong LP from it in the time the block has, then
    the fair pass (``_fair_block``) in what is left. The start: the weeks before repeated
    where they still fit (``_repeat``); the first block, with no weeks before it, the
    goals' search itself. Failing those, a lawful block, hinted with the weeks before
    (so it follows them where it can), costed under the goals. The whole model is built
    once, when a search needs it: the copy and the searches around shortfalls keep most
    cells, and their models hold only the cells they search (``build_model``'s ``kept``)."""
    whole = _Whole(sub)
    shares = block.config.shares
    # no hint from the copy: with one worker and the strong LP, CP-SAT proves a block
    # optimal sooner from nothing (London: 0.3 s against 1 s with the copy as its hint)
    began = time.monotonic()
    needed = max([MIN_SECONDS, *block.pace]) if block.work is None else MIN_SECONDS
    # a block with less time left than its copy's search took last takes its copy
    # unsearched where it keeps every rule (``_repeat``): the searched copy is the better
    # start, at a dozen times the work, for a block that has the time
    hurried = (
        block.hurry
        and block.work is None
        and block.left(shares.block_goals) < max([0.0, *block.copy_pace])
    )
    best = _repeat(sub, hint, block, seamless, searched=not hurried) if hint else unknown()
    _debug(began, "copy", best.objective, block.left())
    short_of_time = block.work is None and block.left(shares.block_goals) < needed
    if hint and best.feasible and short_of_time:
        # too little time for the goals' search over the whole block: small searches
        # around its shortfalls instead, each with all but a few days kept
        began = time.monotonic()
        best = _windows(sub, best, block, block.left(shares.block_goals))
        _debug(began, "windows", best.objective)
    elif not hint or block.left(shares.block_goals) >= needed:
        solver = block.solver(shares.block_goals)
        if not hint:  # the first block: the whole year starts from it
            solver = _first_solver(block.needed(max(FIRST_WORK, block.left(shares.block_goals))))
        began = time.monotonic()
        model = None
        built = whole()
        if best.feasible and built.terms:  # only a better block is worth finding
            model = built.model.clone()
            model.add(built.objective <= round(best.objective or 0) - 1)
        found = run(built, solver, model=model)
        spent = time.monotonic() - began
        if hint and found.status in ("OPTIMAL", "INFEASIBLE"):
            # proved: what a later block's search takes (bounded by its copy, a third of
            # what the first block's takes from nothing: London 0.06-0.1 s against 0.2 s)
            block.pace[:] = [spent]
        elif hint and found.status == "UNKNOWN":
            # nothing better and no proof: that much time is not enough, so later blocks
            # with no more search around their shortfalls instead (``_windows``)
            block.pace[:] = [max([spent * UNKNOWN_GROWTH, *block.pace])]
        if found.feasible:
            best = found
        elif found.status == "INFEASIBLE" and best.feasible:  # the copy is the best there is
            best = replace(best, bound=best.objective)
        elif best.feasible:
            best = replace(best, bound=found.bound)
        _debug(began, "goals", found.status, best.objective)
    if not best.feasible and hint:  # the copy did not fit: the goals, as for a first block
        solver = strong_lp(block.needed(FIRST_WORK))
        best = replace(run(whole(), solver), bound=None)
    if not best.feasible:
        best = _lawful_block(whole(), hint, block, LAWFUL_TRIES if last_try else 1)
    if fairness and done is not None and block.left(shares.block_fair) > MIN_SECONDS:
        best = _fair_block(whole(), best, fairness, first, done, block)
    _debug(began, "block", best.objective, block.left())
    return best


def _first_solver(solver: Any) -> Any:  # a CpSolver
    """``solver`` for a first block's goals (``strong_lp``), with no probing and no
    symmetry search in presolve: the strong LP proves such a block optimal from its first
    roster, and presolve was most of the time (London's 27 first blocks of 2 weeks: 2.6-2.9
    -> 1.4-1.5 CPU-s, of 4 weeks 6.8-7.0 -> 4.6-5.0; generated seeds 1881-1890's likewise;
    every one proved optimal at the same cost either way: BENCHMARKS.md)."""
    solver = strong_lp(solver)
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    return solver


class _Whole:
    """A block's whole model, built the first time a search needs it."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self._built: BuiltModel | None = None

    def __call__(self) -> BuiltModel:
        if self._built is None:
            self._built = build_model(self.problem)
        return self._built


def _windows(p: Problem, best: Solution, block: _Block, seconds: float) -> Solution:
    """``best`` improved by searches that keep every cell but those of ``WINDOW_DAYS``
    days around a day the cover is short (mostly kept, each takes a few hundredths of a
    second), for about ``seconds``."""
    until = time.monotonic() + seconds
    tried: set[int] = set()
    while time.monotonic() < until and best.objective:
        short = [d for d in sorted(set(short_tours(p, best.assignment))) if d not in tried]
        if not short:
            break
        day = short[0]
        tried.add(day)
        lo, hi = day - WINDOW_DAYS // 2, day + WINDOW_DAYS // 2
        kept = {
            (m.id, d): shift
            for m in p.staff
            for d, shift in enumerate(best.assignment[m.id])
            if not lo <= d <= hi
        }
        left = until - time.monotonic()  # the clock too: these searches may be cut short
        solver = make_solver(max(0.01, left), block.config.seed, 1, deterministic_time=WINDOW_WORK)
        found = _search_kept(p, kept, solver, below=best.objective)
        if found.feasible:
            best = found
    return best


def _debug(began: float, phase: str, *figures: object) -> None:
    if log.isEnabledFor(logging.DEBUG):
        log.debug("%6.2f s  %s %s", time.monotonic() - began, phase, " ".join(map(str, figures)))


def _lawful_block(
    built: BuiltModel, hint: dict[tuple[str, int], str | None], block: _Block, tries: int
) -> Solution:
    """Any lawful block, near the hint where it can be (CP-SAT follows the hint's values
    as its first choices), costed under the goals; its budget doubles while it finds
    nothing, ``tries`` times (INFEASIBLE once proven)."""
    if hint:
        add_hint(built, hint)
    work = LAWFUL_WORK
    status: Status = "UNKNOWN"
    for _ in range(tries):
        status, values = find_lawful(built, block.needed(work))
        if values is not None:
            return replace(
                score_roster(built, decode(built, values), block.config.seed), bound=None
            )
        if status != "UNKNOWN":
            break
        work *= 2
    return replace(unknown(), status=status)


def _repeat(
    p: Problem,
    hint: dict[tuple[str, int], str | None],
    block: _Block,
    seamless: frozenset[str] = frozenset(),
    searched: bool = True,
) -> Solution:
    """The block as the weeks before it: each person's tours on the same weekdays
    ``HINT_BACK`` days earlier (``_hint``), kept where they still fit, the rest searched
    with the goals. Searched afresh: the block's first ``copies.REPEAT_SEAM`` days (the seam with
    the roster before), but for people who carry on as they did then (``seamless``);
    days with no tour to copy, days the copy clashes with (leave, HDD aid) and their
    neighbours, and every day of a person whose copied rest days, with those the open
    days need, would fall outside their range. The search has ``REPEAT_WORK``'s budgets
    in turn while it finds nothing. A small search, so a block gets a roster about as good
    as the weeks before it fast, however little time it has; the goals' search then
    starts from it. Its solution (not feasible if the copy cannot be kept).

    Without CP-SAT (``fill_copy``): each person's copied row, its rest days brought into their
    range, where it then keeps every hard rule (``rows.breaks``), costed by ``rows.cost``.
    London's copies are mostly lawful so, each in about a millisecond where its search
    takes 15, but the search does better where the open days serve requests, fairness or
    a fuller cover: only a block short of time (not ``searched``) takes a copy lawful so
    as it is; with some rows that are not, it searches with the lawful rows kept whole
    and only the others' days opened as above, failing that everyone's. ``searched``: the
    copy's search as above, as it always was (a reproducible run's roster unchanged)."""
    if searched:
        began = time.monotonic()
        found = _searched_copy(p, hint, block, seamless)
        block.copy_pace[:] = [time.monotonic() - began]
        return found
    rows = fill_copy(p, hint, seamless)
    if len(rows) == len(p.staff):  # everyone's copy lawful
        breakdown = cost(p, rows)
        objective = float(sum(breakdown.values()))
        return Solution("FEASIBLE", objective, None, None, 0.0, rows, breakdown)
    if rows:
        kept = {(staff, d): shift for staff, row in rows.items() for d, shift in enumerate(row)}
        for m in p.staff:
            if m.id not in rows:
                kept.update(
                    ((m.id, d), t) for d, t in kept_days(p, m, hint, 0, m.id in seamless).items()
                )
        found = _search_copy(p, kept, block)
        if found.feasible:
            return found
    return _searched_copy(p, hint, block, seamless)


def _searched_copy(
    p: Problem,
    hint: dict[tuple[str, int], str | None],
    block: _Block,
    seamless: frozenset[str],
) -> Solution:
    """The copy's search (``_repeat``) over the days ``kept_days`` leaves open, with more room
    around its clashes while it does not fit."""
    found = unknown()
    for margin in REPEAT_MARGINS:
        kept = {
            (m.id, d): shift
            for m in p.staff
            for d, shift in kept_days(p, m, hint, margin, m.id in seamless and not margin).items()
        }
        if not kept:
            return unknown()
        found = _search_copy(p, kept, block)
        if found.feasible:
            return found
    return found


def _search_copy(p: Problem, kept: Kept, block: _Block) -> Solution:
    """The goals' search over the cells a copy does not keep, with ``REPEAT_WORK``'s
    budgets in turn while it finds nothing."""
    found = unknown()
    for work in REPEAT_WORK:
        solver = block.needed(work)
        # what the copy leaves open is a few days at its seams and clashes: the LP
        # costs more to set up than it saves there (a quarter less time, same cover)
        solver.parameters.linearization_level = 0
        found = _search_kept(p, kept, solver)
        if found.status != "UNKNOWN":
            break  # found, or the copy does not fit
    return found


def _search_kept(
    p: Problem,
    kept: Kept,
    solver: Any,  # a CpSolver
    below: float | None = None,
) -> Solution:
    """The goals' search with the ``kept`` cells ((person, day) -> tour or None) as
    constants, and with ``below`` the objective below it; its solution, with no bound (a
    bound of the kept model is none of the block's)."""
    built = build_model(p, kept=kept)
    if below is not None:
        built.model.add(built.objective <= round(below) - 1)
    # mostly kept, the model needs no probing: a third less time (10 ms a block); and
    # presolve, most of such a search, needs one round and no SAT presolve (what the
    # searches save goes to the blocks' goals: BENCHMARKS.md)
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_use_sat_presolve = False
    found = run(built, solver)
    return replace(found, bound=None, gap=None) if found.feasible else found


def _fair_block(
    built: BuiltModel,
    best: Solution,
    rules: Sequence[FairnessRule],
    first: int,
    done: dict[str, list[str | None]],
    block: _Block,
) -> Solution:
    """Second pass over a solved block: keep its goals' cost at the best found and spread
    the year-to-date counts of each fairness rule (weekends, nights, ...) as evenly as the
    block allows. A spread inside one block is weak in the LP and says little about the
    year; the running totals carry it across blocks, lexicographically after the goals."""
    sub = built.problem
    model = built.model.clone()
    if built.terms:
        model.add(built.objective <= round(best.objective or 0))
    spreads = []
    for rule in rules:
        days = [d - first for d in sorted(rule.days) if first <= d < first + sub.horizon]
        if not days:
            continue
        top = len(rule.days) * len(rule.shifts)
        hi = model.new_int_var(0, top, f"year_max[{rule.name}]")
        lo = model.new_int_var(0, top, f"year_min[{rule.name}]")
        for m in sub.staff:
            before = sum(1 for d in rule.days if d < first and done[m.id][d] in rule.shifts)
            here = sum(built.x[m.id, d, s] for d in days for s in rule.shifts)
            model.add(hi >= before + here)
            model.add(lo <= before + here)
        spreads.append(rule.weight * (hi - lo))
    if not spreads:
        return best
    model.minimize(sum(spreads))
    # a spread of one per rule is as even as counts usually get (parity): stop there
    good_enough = sum(rule.weight for rule in rules)
    solver = block.solver(block.config.shares.block_fair)
    fair = run(built, solver, stop_at=good_enough, model=model)
    if not fair.feasible:
        return best
    # its objective is the goals' terms (``read_solution``), held at most the best's
    return replace(fair, status=best.status, bound=best.bound, gap=best.gap)


def _spread(rule: FairnessRule, assignment: dict[str, list[str | None]], horizon: int) -> int:
    """Most minus fewest (day, shift) slots of ``rule`` worked, across staff."""
    counts = [
        sum(1 for d in rule.days if d < horizon and row[d] in rule.shifts)
        for row in assignment.values()
    ]
    return max(counts, default=0) - min(counts, default=0)


def hard_only(p: Problem) -> Problem:
    """The same problem without any soft goal: only whether a lawful roster exists."""
    return replace(
        p,
        cover=(),
        requests=(),
        consecutive_limits=(),
        companions=(),
        fairness=(),
        rota=None,
        baseline={},
        change_weights={},
        change_weight=0,
    )


def _is_free(m: StaffMember, d: int) -> bool:
    return d not in m.days_off and d not in m.unfree_days and d not in m.fixed_shifts


def free_days(m: StaffMember, first: int, last: int) -> int:
    """How many of days ``first``..``last`` are ``m``'s to roster (``_is_free``): counted
    from the few days that are not, since every block of a year asks it of everyone."""
    unfree = set(m.days_off) | set(m.unfree_days) | set(m.fixed_shifts)
    return max(0, last - first + 1) - sum(1 for d in unfree if first <= d <= last)


def restrict(
    p: Problem,
    first: int,
    last: int,
    done: dict[str, list[str | None]],
    taken: dict[str, int],
    slack: int | None = 0,
    fewer: int | None = None,
) -> Problem:
    """The sub-problem of days first..last, with what is already rostered as history: each
    person's rest days in it their even share of those still owed, give or take ``slack``
    (None: any number later blocks leave room for), at most ``fewer`` below it if given."""

    def inside(d: int) -> bool:
        return first <= d <= last

    staff = tuple(
        _restrict_staff(m, p, first, last, done[m.id], taken[m.id], slack, fewer) for m in p.staff
    )
    rest = []
    for r in p.rest_periods:
        days = tuple(d - first for d in r.days if inside(d))
        if days and all(inside(d) for d in r.days):
            bad = frozenset((d - first, a, b) for d, a, b in r.bad_neighbours if inside(d))
            rest.append(dataclasses.replace(r, days=days, bad_neighbours=bad))
    return days_between(p, first, last + 1, staff, tuple(rest))


def _restrict_staff(
    m: StaffMember,
    p: Problem,
    first: int,
    last: int,
    done: list[str | None],
    taken: int,
    slack: int | None,
    fewer: int | None = None,
) -> StaffMember:
    def inside(d: int) -> bool:
        return first <= d <= last

    free_here = free_days(m, first, last)
    free_later = free_days(m, last + 1, p.horizon - 1)
    # later blocks need some days off of their own, up to the person's last day to roster:
    # past it (an agreement that has ended) none are owed. A run of work is capped; the last
    # try counts them exactly (a few milliseconds a person, too many for every block)
    end = _last_free(m, p.horizon)
    cap = m.max_consecutive_work or p.horizon
    later_needs = min(
        free_later,
        max(0, end - last) // (cap + 1)
        if slack is not None
        else least_days_off(m, p, last + 1, end),
    )
    lo, hi = _free_day_range(m, taken, free_here, free_later, later_needs, slack, fewer)
    return dataclasses.replace(
        m,
        min_free_days_off=lo,
        max_free_days_off=hi,
        days_off=frozenset(d - first for d in m.days_off if inside(d)),
        fixed_shifts={d - first: s for d, s in m.fixed_shifts.items() if inside(d)},
        unfree_days=frozenset(d - first for d in m.unfree_days if inside(d)),
        history=tuple(m.history[-HISTORY_DAYS:]) + tuple(done)[-HISTORY_DAYS:]
        if done
        else m.history,
        # totals over the horizon cannot be split fairly without targets: drop them per block
        max_minutes=None,
        min_minutes=None,
        max_weekends=None,
        max_shifts={s: 0 for s, v in m.max_shifts.items() if v == 0},
        min_shifts={},
    )


def least_days_off(m: StaffMember, p: Problem, first: int, last: int) -> int:
    """The fewest free days off that days ``first``..``last`` need of ``m``, from a fresh
    start: a day off in each of their rest periods wholly there, and no more than
    ``max_consecutive_work`` days in a row (a day already off, or one not theirs to roster
    that may be off, costs nothing; a fixed tour is worked). Counted as days in a row alone,
    as if no day were off, the weekly rest was missed (rest_days_per_week = 0: the blocks
    before took the rest days the later weeks needed, and no block had a lawful roster)
    and leave taken for days off to come."""
    periods = [
        r.days
        for r in p.rest_periods
        if (r.staff is None or m.id in r.staff) and r.days and first <= min(r.days)
        and max(r.days) <= last
    ]  # fmt: skip
    starts, ends = {min(days) for days in periods}, {max(days) for days in periods}
    cap = m.max_consecutive_work
    # the fewest days off so far, by days worked in a row and whether this period has one
    best: dict[tuple[int, bool], int] = {(0, True): 0}
    for d in range(first, last + 1):
        if d in starts:
            best = _fewest(((run, False), v) for (run, _), v in best.items())
        steps: list[tuple[tuple[int, bool], int]] = []
        if d not in m.fixed_shifts:
            cost = 0 if d in m.days_off or d in m.unfree_days else 1
            steps += [((0, True), v + cost) for v in best.values()]
        if d not in m.days_off:
            steps += [
                ((0 if cap is None else run + 1, seen), v)
                for (run, seen), v in best.items()
                if cap is None or run < cap
            ]
        best = _fewest(steps)
        if d in ends:
            best = {key: v for key, v in best.items() if key[1]}
    return min(best.values(), default=0)


def _fewest(steps: Iterable[tuple[tuple[int, bool], int]]) -> dict[tuple[int, bool], int]:
    fewest: dict[tuple[int, bool], int] = {}
    for key, v in steps:
        if v < fewest.get(key, v + 1):
            fewest[key] = v
    return fewest


def _last_free(m: StaffMember, horizon: int) -> int:
    """The last day ``m`` is there to roster (``_is_free``), -1 if none."""
    d = horizon - 1
    while d >= 0 and not _is_free(m, d):
        d -= 1
    return d


def _free_day_range(
    m: StaffMember,
    taken: int,
    free_here: int,
    free_later: int,
    later_needs: int,
    slack: int | None,
    fewer: int | None = None,
) -> tuple[int | None, int | None]:
    """This block's share of the free days off still owed, give or take ``slack`` (at most
    ``fewer`` below it, if given), never leaving later blocks an impossible remainder."""
    lo_total, hi_total = m.min_free_days_off, m.max_free_days_off
    if lo_total is None and hi_total is None:
        return None, None
    need_lo = max(0, (lo_total or 0) - taken)
    need_hi = None if hi_total is None else max(0, hi_total - taken)
    # whatever later blocks cannot hold must be taken here
    lo = max(0, need_lo - free_later)
    hi = free_here if need_hi is None else min(free_here, max(lo, need_hi - later_needs))
    if slack is None or free_here + free_later == 0:
        return lo, hi
    expected = need_lo * free_here / (free_here + free_later)
    lo = max(lo, math.floor(expected) - (slack if fewer is None else fewer))
    hi = min(hi, math.ceil(expected) + slack)
    return min(lo, hi), hi
