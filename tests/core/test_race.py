"""The whole-model race run alongside the decomposition, and LNS adopting its rosters."""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model
from roster_check import check_roster, random_problem, true_cost

from scheduler.core import solve
from scheduler.core.clock import Budget
from scheduler.core.lns import Incumbent, Search, SharedBest, search_in_parallel
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.race import KEEP_GAP, MAX_CELLS, YIELD_AT, Race, hopeless, worth_racing


def _first_lawful(built: BuiltModel) -> list[int]:
    model = built.model.clone()
    model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_first_solution = True
    assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return list(solver.response_proto.solution)


def _roster(built: BuiltModel, values: list[int]) -> dict[str, list[str | None]]:
    roster: dict[str, list[str | None]] = {
        m.id: [None] * built.problem.horizon for m in built.problem.staff
    }
    for (staff, day, shift), var in built.x.items():
        if values[var.index]:
            roster[staff][day] = shift
    return roster


def test_race_proves_a_small_roster_optimal_and_signals_stop() -> None:
    problem = random_problem(1, horizon=7, people=5)
    built = build_model(problem)
    stop = threading.Event()
    race = Race(built.model, _first_lawful(built), 20.0, 0, stop)
    assert stop.wait(20.0), "the race did not prove optimality"
    found = race.finish()
    assert found is not None
    assert race.proven
    roster = _roster(built, found.values)
    check_roster(problem, roster)
    assert race.bound == found.objective == true_cost(problem, roster)
    # the same optimum as the decomposition alone (one worker: no race)
    alone = solve(problem, time_limit=10, seed=0, workers=1)
    assert alone.status == "OPTIMAL"
    assert found.objective == alone.objective


def test_race_stopped_early_keeps_its_best_roster() -> None:
    problem = random_problem(2, horizon=14, people=6)
    built = build_model(problem)
    race = Race(built.model, _first_lawful(built), 60.0, 0, threading.Event())
    started = time.monotonic()
    found = race.finish()
    assert time.monotonic() - started < 30  # stopped, not run out
    if found is not None:  # the hint, or better: a lawful roster either way
        check_roster(problem, _roster(built, found.values))


def test_lns_adopts_a_better_roster_from_the_race() -> None:
    problem = random_problem(3, horizon=7, people=5)
    built = build_model(problem)
    poor = _first_lawful(built)
    best = solve(problem, time_limit=10, seed=0, workers=1)
    assert best.status == "OPTIMAL"
    assert best.objective is not None
    poor_cost = true_cost(problem, _roster(built, poor))
    assert poor_cost > best.objective  # else the test proves nothing
    better = Incumbent(_values_of(built, best.assignment), round(best.objective))
    seen: list[Incumbent] = []
    result = Search(built, 0, 1).run(
        Incumbent(poor, poor_cost),
        Budget(time.monotonic() + 10.0),
        seen.append,
        target=best.objective,
        foreign=lambda: better,
    )
    assert result is better
    assert seen == [better]
    check_roster(problem, _roster(built, result.values))


def test_budget_ends_when_another_search_proves_optimality() -> None:
    stop = threading.Event()
    budget = Budget(time.monotonic() + 100.0, stop=stop)
    assert not budget.exhausted()
    stop.set()
    assert budget.exhausted()


def test_two_workers_race_and_the_roster_stays_lawful_and_costed() -> None:
    problem = random_problem(5, horizon=7, people=5)
    sol = solve(problem, time_limit=20, seed=0, workers=2)
    assert sol.status == "OPTIMAL"
    check_roster(problem, sol.assignment)
    assert sol.objective == true_cost(problem, sol.assignment) == sum(sol.breakdown.values())
    alone = solve(problem, time_limit=10, seed=0, workers=1)
    assert alone.objective == sol.objective


def test_race_needs_a_spare_worker_a_small_model_and_a_wall_clock() -> None:
    assert worth_racing(1_000, 2, deterministic=False)
    assert not worth_racing(1_000, 1, deterministic=False)
    assert not worth_racing(MAX_CELLS + 1, 2, deterministic=False)
    assert not worth_racing(1_000, 2, deterministic=True)


def _values_of(built: BuiltModel, roster: dict[str, list[str | None]]) -> list[int]:
    """All variable values of a roster: x pinned, the rest solved at its best."""
    model = built.model.clone()
    for staff, row in roster.items():
        for d, shift in enumerate(row):
            for s in built.problem.shifts:
                model.add(built.x[staff, d, s.id] == int(s.id == shift))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return list(solver.response_proto.solution)


def test_shared_best_keeps_and_reports_only_improvements() -> None:
    seen: list[int] = []
    extra: list[Incumbent] = []
    shared = SharedBest(
        Incumbent([0], 10),
        lambda: extra[0] if extra else None,
        lambda found: seen.append(found.objective),
    )
    shared.offer(Incumbent([1], 12))
    shared.offer(Incumbent([2], 8))
    shared.offer(Incumbent([3], 8))
    assert shared.best().values == [2]
    assert seen == [8]
    extra.append(Incumbent([4], 5))  # another search's better roster is adopted
    assert shared.best().values == [4]
    assert seen == [8, 5]


def test_parallel_searches_improve_a_poor_roster_and_keep_it_lawful() -> None:
    problem = random_problem(6, horizon=14, people=6)
    built = build_model(problem)
    poor = _first_lawful(built)
    start = Incumbent(poor, true_cost(problem, _roster(built, poor)))
    reported: list[int] = []
    best = search_in_parallel(
        built,
        start,
        Budget(time.monotonic() + 5.0),
        seed=0,
        threads=2,
        on_improve=lambda found: reported.append(found.objective),
    )
    roster = _roster(built, best.values)
    check_roster(problem, roster)
    assert best.objective < start.objective
    assert true_cost(problem, roster) <= best.objective  # search values may hold slack
    assert reported == sorted(reported, reverse=True)
    assert reported[-1] == best.objective


def test_a_race_yields_only_late_and_far_from_its_bound() -> None:
    late = YIELD_AT * 60 + 1
    assert not hopeless(YIELD_AT * 60 - 1, 60, 1_165, 1_049)  # too early to judge
    assert hopeless(late, 60, 1_165, 1_049)  # Curtois 7: 10 % above its bound
    assert not hopeless(late, 60, 1_953, 1_947)  # Curtois 6: 0.3 %, about to prove it
    assert hopeless(late, 60, None, 0)  # no roster at all
    edge = 1_000 * (1 - KEEP_GAP)
    assert not hopeless(late, 60, 1_000, edge)
    assert hopeless(late, 60, 1_000, edge - 1)


def test_a_standby_search_starts_once_a_worker_is_freed() -> None:
    problem = random_problem(6, horizon=14, people=6)
    built = build_model(problem)
    poor = _first_lawful(built)
    start = Incumbent(poor, true_cost(problem, _roster(built, poor)))
    freed = threading.Event()
    polls: list[float] = []

    def foreign() -> Incumbent | None:  # frees the worker on its third look, as a race would
        polls.append(time.monotonic())
        if len(polls) == 3:
            freed.set()
        return None

    # no search of its own: only the standby one can improve the roster
    best = search_in_parallel(
        built,
        start,
        Budget(time.monotonic() + 5.0),
        seed=0,
        threads=0,
        foreign=foreign,
        standby=freed,
    )
    assert freed.is_set()
    assert len(polls) > 3  # polled while waiting, then by the search
    roster = _roster(built, best.values)
    check_roster(problem, roster)
    assert true_cost(problem, roster) <= best.objective < start.objective


def test_a_standby_search_never_freed_returns_the_start() -> None:
    problem = random_problem(6, horizon=14, people=6)
    built = build_model(problem)
    poor = _first_lawful(built)
    start = Incumbent(poor, true_cost(problem, _roster(built, poor)))
    best = search_in_parallel(
        built,
        start,
        Budget(time.monotonic() + 0.5),
        seed=0,
        threads=0,
        standby=threading.Event(),
    )
    assert best is start
