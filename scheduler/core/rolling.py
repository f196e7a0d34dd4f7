"""Rolling-horizon solve: a long roster as a chain of short blocks.

A year in one CP-SAT model is large and its LP bound weak, so the search stalls. Blocks of
a few weeks solve to (near) optimality in well under a second each; history carries the
last days of one block into the next, so successions, consecutive-day limits and rolling
windows still hold across block boundaries. Totals over the horizon (free days off) are
shared out between blocks in proportion to their free days, with a little slack that later
blocks absorb.

The bound reported is the sum of the blocks' bounds, each block given the blocks before
it: how far each block is from its best given the weeks already rostered. It is not a
bound on the whole roster, which an optimal roster need not share those weeks with (a
28-day test roster in four blocks, each proved optimal, costs 1,835 where the whole
model's optimum is 1,612), so a roster solved in blocks is never reported OPTIMAL.
Cutting the blocks loose from each other does give a valid bound, but it drops the year's
rest-day totals and lets everyone work more: Havering's came to 5,620 against 8,115.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from ortools.sat.python import cp_model

from scheduler.core.data import FairnessRule, Problem, RestPeriod, StaffMember
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.params import strong_lp
from scheduler.core.result import Progress, Solution
from scheduler.core.solve import make_solver, run, score_roster

HISTORY_DAYS = 400  # enough for any rolling window we use (17 weeks) and runs
FAIR_SHARE = 0.3  # of a block's time, at most, for spreading fairness counts


def block_bounds(horizon: int, starts: Sequence[int]) -> list[tuple[int, int]]:
    """Inclusive (first, last) day of each block from its sorted start days."""
    cuts = sorted({0, *[s for s in starts if 0 < s < horizon]})
    return [(a, b - 1) for a, b in zip(cuts, [*cuts[1:], horizon], strict=True)]


def solve_rolling(
    problem: Problem,
    starts: Sequence[int],
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    deterministic: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> Solution:
    """Solve block by block; ``starts`` are the first days of the blocks (0 implied)."""
    started = time.monotonic()
    blocks = block_bounds(problem.horizon, starts)
    assignment: dict[str, list[str | None]] = {m.id: [] for m in problem.staff}
    taken: dict[str, int] = {m.id: 0 for m in problem.staff}
    objective = bound = 0.0
    breakdown: dict[str, int] = {}
    for first, last in blocks:
        # time a block leaves unused goes to the blocks after it (not when reproducibility
        # matters: then each block gets the same share whatever the clock says)
        left = time_limit if deterministic else time_limit - (time.monotonic() - started)
        days_left = problem.horizon - first if not deterministic else problem.horizon
        share = max(0.1, left) * (last - first + 1) / days_left
        block_started = time.monotonic()
        sub = restrict(problem, first, last, assignment, taken)
        sol = _solve_block(sub, share, seed, workers, deterministic)
        if not sol.feasible:  # give the block all the slack there is, then try once more
            sub = restrict(problem, first, last, assignment, taken, slack=None)
            sol = _solve_block(sub, share, seed, workers, deterministic)
        if sol.feasible and problem.fairness:
            left = share - (time.monotonic() - block_started)
            fair_limit = share * FAIR_SHARE if deterministic else min(left, share * FAIR_SHARE)
            sol = _fair_block(
                sub,
                sol,
                problem.fairness,
                first,
                assignment,
                fair_limit,
                seed,
                workers,
                deterministic,
            )
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
            days = sol.assignment[m.id]
            assignment[m.id].extend(days)
            taken[m.id] += sum(
                1 for d, s in enumerate(days) if s is None and _is_free(m, first + d)
            )
        objective += sol.objective or 0.0
        bound += sol.bound if sol.bound is not None else sol.objective or 0.0
        for k, v in sol.breakdown.items():
            breakdown[k] = breakdown.get(k, 0) + v
        if progress is not None:
            progress(Progress(objective, bound, time.monotonic() - started))
    for rule in problem.fairness:  # the year's spread, priced once on the whole roster
        cost = rule.weight * _spread(rule, assignment, problem.horizon)
        breakdown[f"fairness[{rule.name}]"] = cost
        objective += cost
    gap = 0.0 if objective <= 0 else max(0.0, (objective - bound) / objective)
    return Solution(
        status="FEASIBLE",  # lawful; optimal only block by block (module docstring)
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=time.monotonic() - started,
        assignment=assignment,
        breakdown=breakdown,
    )


def _solve_block(
    sub: Problem, limit: float, seed: int, workers: int, deterministic: bool
) -> Solution:
    """A lawful block first (the model without its objective: CP-SAT finds one at once),
    then the goals; if the goals find nothing in time, the lawful block stands, costed
    under the goals. The model is built once for both.

    No solution hint is passed on: with one worker a hint slowed the goal search down, and
    OR-Tools 9.15 can abort on hinted or hint-fixed searches (issue 5025)."""
    built = build_model(sub)
    lawful = _lawful(built, max(2.0, limit * 0.3), seed, workers, deterministic)
    if lawful is None:
        return _run_built(built, max(0.2, limit * 0.3), seed, workers, deterministic)
    best = _run_built(built, max(0.2, limit * 0.7), seed, workers, deterministic)
    if best.feasible:
        return best
    # the strong LP can hold back the first roster on a busy machine: the default
    # portfolio finds one at once
    solver = _solver(max(0.2, limit * 0.5), seed, workers, deterministic, strong=False)
    best = replace(run(built, solver), bound=best.bound)
    if best.feasible:
        return best
    return replace(score_roster(built, lawful, seed), bound=best.bound)


def _fair_block(
    sub: Problem,
    best: Solution,
    rules: Sequence[FairnessRule],
    first: int,
    done: dict[str, list[str | None]],
    limit: float,
    seed: int,
    workers: int,
    deterministic: bool,
) -> Solution:
    """Second pass over a solved block: keep its goals' cost at the best found and spread
    the year-to-date counts of each fairness rule (weekends, nights, ...) as evenly as the
    block allows. A spread inside one block is weak in the LP and says little about the
    year; the running totals carry it across blocks, lexicographically after the goals."""
    built = build_model(sub)
    model = built.model
    if built.terms:
        model.add(built.objective <= round(best.objective or 0))
    spreads = []
    for rule in rules:
        days = [d - first for d in sorted(rule.days) if first <= d < first + sub.horizon]
        if not days:
            continue
        totals = []
        for m in sub.staff:
            before = sum(1 for d in rule.days if d < first and done[m.id][d] in rule.shifts)
            here = sum(built.x[m.id, d, s] for d in days for s in rule.shifts)
            totals.append(before + here)
        top = len(rule.days) * len(rule.shifts)
        hi = model.new_int_var(0, top, f"year_max[{rule.name}]")
        lo = model.new_int_var(0, top, f"year_min[{rule.name}]")
        for total in totals:
            model.add(hi >= total)
            model.add(lo <= total)
        spreads.append(rule.weight * (hi - lo))
    if not spreads:
        return best
    model.minimize(sum(spreads))
    # a spread of one per rule is as even as counts usually get (parity): stop there
    good_enough = sum(rule.weight for rule in rules)
    fair = run(built, _solver(limit, seed, workers, deterministic), stop_at=good_enough)
    if not fair.feasible:
        return best
    return replace(fair, status=best.status, bound=best.bound, gap=best.gap)


def _spread(rule: FairnessRule, assignment: dict[str, list[str | None]], horizon: int) -> int:
    """Most minus fewest (day, shift) slots of ``rule`` worked, across staff."""
    counts = [
        sum(1 for d in rule.days if d < horizon and row[d] in rule.shifts)
        for row in assignment.values()
    ]
    return max(counts, default=0) - min(counts, default=0)


def _lawful(
    built: BuiltModel, limit: float, seed: int, workers: int, deterministic: bool
) -> dict[str, list[str | None]] | None:
    model = built.model.clone()
    model.clear_objective()
    solver = _solver(limit, seed, workers, deterministic)
    solver.parameters.stop_after_first_solution = True
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {
        m.id: [
            next((s.id for s in built.problem.shifts if solver.value(built.x[m.id, d, s.id])), None)
            for d in range(built.problem.horizon)
        ]
        for m in built.problem.staff
    }


def _solver(
    limit: float, seed: int, workers: int, deterministic: bool, strong: bool = True
) -> cp_model.CpSolver:
    if deterministic:  # stop on work done, not wall time, so one worker is reproducible
        solver = make_solver(limit * 4 + 10, seed, 1, deterministic_time=limit)
    else:
        solver = make_solver(limit, seed, workers)
    return strong_lp(solver) if strong else solver


def _run_built(
    built: BuiltModel, limit: float, seed: int, workers: int, deterministic: bool
) -> Solution:
    return run(built, _solver(limit, seed, workers, deterministic))


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


def restrict(
    p: Problem,
    first: int,
    last: int,
    done: dict[str, list[str | None]],
    taken: dict[str, int],
    slack: int | None = 0,
) -> Problem:
    """The sub-problem of days first..last, with what is already rostered as history."""
    n = last - first + 1

    def inside(d: int) -> bool:
        return first <= d <= last

    staff = tuple(
        _restrict_staff(m, p, first, last, done[m.id], taken[m.id], slack) for m in p.staff
    )
    rest = []
    for r in p.rest_periods:
        days = tuple(d - first for d in r.days if inside(d))
        if days and all(inside(d) for d in r.days):
            bad = frozenset((d - first, a, b) for d, a, b in r.bad_neighbours if inside(d))
            rest.append(RestPeriod(days, bad))
    return dataclasses.replace(
        p,
        horizon=n,
        staff=staff,
        cover=tuple(dataclasses.replace(c, day=c.day - first) for c in p.cover if inside(c.day)),
        requests=tuple(
            dataclasses.replace(r, day=r.day - first) for r in p.requests if inside(r.day)
        ),
        first_weekday=(p.first_weekday + first) % 7,
        minutes_by_day={(d - first, s): v for (d, s), v in p.minutes_by_day.items() if inside(d)},
        forbidden_by_day=frozenset(
            (d - first, a, b) for d, a, b in p.forbidden_by_day if first - 1 <= d <= last - 1
        ),
        shift_days={
            s: frozenset(d - first for d in days if inside(d)) for s, days in p.shift_days.items()
        },
        rest_periods=tuple(rest),
        # a max-minus-min spread inside one block is weak in the LP and says little about
        # the year, so blocks leave it out; symmetric officers spread evenly anyway
        fairness=(),
        rota=_restrict_rota(p, first),
        baseline={(s, d - first): v for (s, d), v in p.baseline.items() if inside(d)},
        change_weights={(s, d - first): v for (s, d), v in p.change_weights.items() if inside(d)},
    )


def _restrict_rota(p: Problem, first: int):  # noqa: ANN202
    if p.rota is None:
        return None
    moved = {
        s: (line, (offset + first) % p.rota.cycle)
        for s, (line, offset) in p.rota.assignment.items()
    }
    return dataclasses.replace(p.rota, assignment=moved)


def _restrict_staff(
    m: StaffMember,
    p: Problem,
    first: int,
    last: int,
    done: list[str | None],
    taken: int,
    slack: int | None,
) -> StaffMember:
    def inside(d: int) -> bool:
        return first <= d <= last

    free_here = sum(1 for d in range(first, last + 1) if _is_free(m, d))
    free_later = sum(1 for d in range(last + 1, p.horizon) if _is_free(m, d))
    # later blocks need some days off of their own (a run of work is capped)
    cap = m.max_consecutive_work or p.horizon
    later_needs = min(free_later, (p.horizon - 1 - last) // (cap + 1))
    lo, hi = _free_day_range(m, taken, free_here, free_later, later_needs, slack)
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


def _free_day_range(
    m: StaffMember,
    taken: int,
    free_here: int,
    free_later: int,
    later_needs: int,
    slack: int | None,
) -> tuple[int | None, int | None]:
    """This block's share of the free days off still owed, never leaving later blocks an
    impossible remainder."""
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
    lo = max(lo, math.floor(expected) - slack)
    hi = min(hi, math.ceil(expected) + slack)
    return min(lo, hi), hi
