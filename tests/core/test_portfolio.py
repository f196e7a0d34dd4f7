"""The portfolio around the decomposition: the direct model first, its pace, the config
and clock every phase obeys."""

from __future__ import annotations

import importlib
import math
import os
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from behind_spy import every_behind
from roster_check import check_roster, random_problem, true_cost
from work_alone import work_alone

import scheduler.core.config as config_module
import scheduler.core.lawful as lawful_module
from scheduler.core import solve
from scheduler.core.clock import Clock
from scheduler.core.config import Shares, SolveConfig, wall_for_work
from scheduler.core.cpsat import decode, find_lawful, make_solver
from scheduler.core.direct import Direct, run_direct, run_plain
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.pinned import read_values


def test_the_direct_model_starts_from_the_lawful_roster_and_keeps_it_lawful() -> None:
    problem = random_problem(3, horizon=14, people=6)
    built = build_model(problem)
    _, lawful = find_lawful(built, make_solver(10, 0, 1))
    assert lawful is not None
    start = read_values(built, lawful, 0).objective or 0
    with work_alone():  # by work (a unit: 2 took twice the CPU): the wall clock never cuts it
        config = SolveConfig(
            time_limit=wall_for_work(1.0), seed=0, workers=1, deterministic_time=1.0
        )
        clock = Clock.start(config.time_limit, config.deterministic_time)
        found = run_direct(built, lawful, clock, config, 1, 1.0)
    assert found.best is not None
    assert found.best.objective <= start
    roster = read_values(built, found.best.values, 0)
    check_roster(problem, roster.assignment)
    assert roster.objective is not None
    assert true_cost(problem, roster.assignment) == roster.objective <= found.best.objective
    assert found.bound <= roster.objective
    assert clock.spent > 0  # its work is charged to the solve's budget


def test_no_direct_phase_is_the_decomposition_alone_and_both_are_lawful() -> None:
    problem = random_problem(4, horizon=14, people=6)
    with work_alone():
        work = SolveConfig(time_limit=wall_for_work(3.0), seed=0, workers=1, deterministic_time=3.0)
        with_direct = solve(problem, work)
        without = solve(problem, work, shares=Shares(direct=0.0))
    for found in (with_direct, without):
        assert found.feasible
        check_roster(problem, found.assignment)
        assert true_cost(problem, found.assignment) == found.objective
        assert found.bound is not None
        assert found.bound <= found.objective


def test_the_cpu_budget_is_the_cores_this_process_may_use(monkeypatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # taskset -c 0
    assert SolveConfig(workers=0).cpu == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert SolveConfig(workers=0).cpu == 3
    assert SolveConfig(workers=2).cpu == 2
    assert SolveConfig(workers=1).reproducible
    assert not SolveConfig(workers=2).reproducible


def test_work_budgets_have_one_wall_clock_safety_net() -> None:
    assert wall_for_work(10) > 10
    assert wall_for_work(0) > 0
    assert wall_for_work(20) - wall_for_work(10) == pytest.approx(
        2 * (wall_for_work(10) - wall_for_work(5))
    )


def test_a_clock_keeps_its_reserve_back_from_every_phase() -> None:
    clock = Clock.start(10.0)
    full = clock.left()
    clock.reserve = 4.0
    assert clock.left() == pytest.approx(full - 4.0, abs=0.05)
    assert clock.budget(0.5).left() == pytest.approx((full - 4.0) / 2, abs=0.05)
    clock.stop.set()
    assert clock.out()
    assert clock.left() < 0.1


def _plain(problem, work: float, seed: int) -> float:
    """The direct model as a user runs it: CP-SAT's defaults, one worker, ``work`` units."""
    from ortools.sat.python import cp_model

    built = build_model(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = work
    code = solver.solve(built.model)
    assert code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return solver.objective_value


@pytest.mark.parametrize("seed", [5, 6])
def test_a_large_model_gets_the_direct_model_and_is_never_worse_than_it(seed: int) -> None:
    # direct_cells=0 makes any model "large": the whole budget goes to the direct model,
    # so with the same work and seed the solve is no worse than CP-SAT run plainly
    problem = random_problem(seed, horizon=21, people=8)
    work = 0.5  # as much as CP-SAT run plainly gets: any budget shows it (1.0 took 4-5 CPU-s)
    with work_alone():  # the same work as CP-SAT run plainly: the wall clock never cuts it
        found = solve(
            problem,
            time_limit=wall_for_work(work),
            seed=seed,
            workers=1,
            deterministic_time=work,
            direct_cells=0,
        )
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective
    assert found.objective <= _plain(problem, work, seed)
    assert found.bound is not None
    assert found.bound <= found.objective


def test_a_large_model_whose_direct_model_gives_up_still_gets_a_lawful_roster() -> None:
    # giving up at once (share 0 of the time) leaves the lawful roster and the
    # decomposition: whichever arm ends the solve, its roster is lawful and truly costed
    problem = random_problem(7, horizon=14, people=6)
    found = solve(
        problem,
        time_limit=3,
        seed=0,
        workers=1,
        direct_cells=0,
        shares=Shares(direct_give_up=0.0),
    )
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective


@pytest.mark.parametrize("direct_finds", [True, False])
def test_a_lawful_roster_starved_of_cpu_beside_the_direct_model_holds_nothing_up(
    direct_finds: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # other jobs on a busy machine leave a thread at the lowest priority next to no CPU:
    # here it never starts. The solve does not wait for it: when the direct model finds a
    # roster that is the answer; when it gives up, the people are searched at normal
    # priority instead. Either way the roster is lawful and truly costed
    module = importlib.import_module("scheduler.core.solve")
    starved, release, woke = threading.Event(), threading.Event(), threading.Event()

    def never_scheduled() -> None:
        starved.set()
        release.wait(30)
        woke.set()

    monkeypatch.setattr(lawful_module, "lowest_priority", never_scheduled)
    if not direct_finds:  # the direct model of a large model that finds nothing in time
        monkeypatch.setattr(module, "run_plain", lambda *a: Direct(None, -math.inf, False))
    problem = random_problem(7, horizon=14, people=6)
    try:
        found = solve(problem, time_limit=3, seed=0, workers=1, direct_cells=0)
        done_while_starved = not woke.is_set()
    finally:
        release.set()
    assert starved.is_set()
    assert done_while_starved
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective


def test_a_starved_lawful_roster_is_hurried_at_normal_priority_before_the_direct_model_gives_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # another job on the machine leaves the thread at the lowest priority no CPU (here it
    # never starts): halfway to the direct model's giving up, the people it has not reached
    # are searched at normal priority, so every schedule is there when it gives up
    module = importlib.import_module("scheduler.core.solve")
    release = threading.Event()
    monkeypatch.setattr(lawful_module, "lowest_priority", lambda: release.wait(30))
    behind = every_behind(monkeypatch)
    problem = random_problem(5, horizon=14, people=6)
    reached: list[int] = []

    def direct_finds_nothing(*args: object) -> Direct:
        # it searches until every schedule is found beside it, or 20 s: then gives up
        give_up = time.monotonic() + 20
        while behind[0].reached < len(problem.staff) and time.monotonic() < give_up:
            time.sleep(0.05)
        reached.append(behind[0].reached)
        return Direct(None, -math.inf, False)

    monkeypatch.setattr(module, "run_plain", direct_finds_nothing)
    try:
        found = solve(problem, time_limit=6, seed=0, workers=1, direct_cells=0)
    finally:
        release.set()
    assert reached == [len(problem.staff)]
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective


@pytest.mark.parametrize("seed", [0, 1])
def test_a_large_model_the_direct_model_finds_nothing_for_is_improved_part_by_part(
    seed: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # the direct model of a large model that finds nothing in its time: the lawful roster
    # found beside it is improved by parts (windows of days, single people), each a model
    # of its own, and the
    # roster that comes out keeps every rule and is costed truly (independent checks)
    module = importlib.import_module("scheduler.core.solve")
    monkeypatch.setattr(module, "run_plain", lambda *a: Direct(None, -math.inf, False))
    problem = random_problem(seed, horizon=42, people=6)
    # budgets of work, not seconds (the wall clock, far off, never cuts them): a loaded
    # machine got less done in 2 s and the test failed now and then
    caplog.set_level("DEBUG", logger="scheduler.core.solve")
    with work_alone():
        lawful = lawful_module.lawful_by_person(
            build_model(problem), Clock.start(wall_for_work(1.0), 1.0), SolveConfig(seed=seed), 1.0
        )
        assert lawful is not None
        start = read_values(build_model(problem), lawful, seed).objective
        found = solve(
            problem,
            time_limit=wall_for_work(0.5),
            seed=seed,
            workers=1,
            direct_cells=0,
            deterministic_time=0.5,
        )
    assert any("by parts" in r.getMessage() for r in caplog.records)
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective
    assert start is not None
    assert found.objective < start


def test_a_lawful_roster_completed_slowly_at_nice_19_leaves_the_window_search_its_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # beside the direct model the lawful roster is completed at the lowest priority, which
    # a busy machine stretches; that time says nothing of what a pass over the model costs,
    # and kept back as if it did it left the window search no time at all
    module = importlib.import_module("scheduler.core.solve")
    real_complete = lawful_module.complete
    # lowered below the test's own priority: the test run as a whole under `nice -n 19`
    # (as a shared machine asks) is no starved thread, and every pass there is that slow
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def starved_complete(
        built: BuiltModel,
        roster: Mapping[str, Sequence[str | None]],
        seed: int,
        until: float | None = None,
    ) -> list[int] | None:
        if os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == 19 > own:
            time.sleep(2.0)  # what a starved thread takes
        return real_complete(built, roster, seed, until)

    def direct_finds_nothing(*args: object) -> Direct:
        time.sleep(2.5)  # the lawful roster is done by the time the direct model gives up
        return Direct(None, -math.inf, False)

    monkeypatch.setattr(lawful_module, "complete", starved_complete)
    monkeypatch.setattr(module, "run_plain", direct_finds_nothing)
    problem = random_problem(3, horizon=42, people=6)
    lawful = lawful_module.lawful_by_person(
        build_model(problem), Clock.start(10), SolveConfig(), 1.0
    )
    assert lawful is not None
    start = read_values(build_model(problem), lawful, 0).objective
    found = solve(problem, time_limit=6, seed=0, workers=1, direct_cells=0)
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective
    assert start is not None
    assert found.objective < start  # the windows had their time


def test_a_large_model_with_a_hint_starts_the_direct_model_from_it() -> None:
    problem = random_problem(8, horizon=14, people=6)
    with work_alone():  # by work: the wall clock, far off, cuts neither short
        first = solve(
            problem, time_limit=wall_for_work(0.3), seed=0, workers=1, deterministic_time=0.3
        )
        assert first.feasible
        hint = {(s, d): shift for s, row in first.assignment.items() for d, shift in enumerate(row)}
        again = solve(
            problem,
            time_limit=wall_for_work(1.0),
            seed=0,
            workers=1,
            deterministic_time=1.0,
            direct_cells=0,
            hint=hint,
        )
    assert again.feasible
    check_roster(problem, again.assignment)
    assert again.objective is not None
    assert first.objective is not None
    assert true_cost(problem, again.assignment) == again.objective <= first.objective


@pytest.mark.parametrize("give_up", [0.1, 0.6])
def test_the_direct_model_gives_up_at_its_share(
    give_up: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the direct model of a large model gives way at Shares.direct_give_up, whatever else
    # runs on the machine; the roster after it is lawful and truly costed
    module = importlib.import_module("scheduler.core.solve")
    given: list[float] = []

    def direct_finds_nothing(
        built: BuiltModel, clock: Clock, config: SolveConfig, workers: int, give_up: float, *_: Any
    ) -> Direct:
        given.append(give_up)
        return Direct(None, -math.inf, False)

    monkeypatch.setattr(module, "run_plain", direct_finds_nothing)
    problem = random_problem(7, horizon=14, people=6)
    shares = Shares(direct_give_up=give_up)
    found = solve(problem, time_limit=2, seed=0, workers=1, direct_cells=0, shares=shares)
    assert given == [give_up]
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective


def test_the_direct_model_says_once_when_it_has_its_first_roster() -> None:
    # the search beside it stops then (its roster will not be needed)
    problem = random_problem(2, horizon=14, people=6)
    built = build_model(problem)
    told: list[float] = []
    # by work, the wall clock only a safety net never reached (at a load of 14 two seconds
    # found none)
    with work_alone():
        config = SolveConfig(
            time_limit=wall_for_work(1.0), workers=1, seed=0, deterministic_time=1.0
        )
        clock = Clock.start(config.time_limit, 1.0)
        direct = run_plain(built, clock, config, 1, 1.0, lambda: told.append(1.0))
    assert direct.best is not None
    assert told == [1.0]
    roster = decode(built, direct.best.values)
    check_roster(problem, roster)
    assert true_cost(problem, roster) <= direct.best.objective


@pytest.mark.parametrize(("gives_up_at", "by_model"), [(0.0, True), (0.7, False)])
def test_people_are_moved_by_models_only_when_the_search_by_parts_has_most_of_the_time(
    gives_up_at: float, by_model: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the minute's last 40 %, windows alone did better than windows and people moved
    # by CP-SAT models; given most of it, windows and people (BENCHMARKS.md). People whose
    # rules fit a graph are moved either way. The roster is lawful and truly costed.
    # budgeted by work, so that how busy the machine is cannot move the search's start
    module = importlib.import_module("scheduler.core.solve")
    work = 1.0  # the shares decide, not the units (2.0 took twice the CPU)

    def direct_finds_nothing(built: BuiltModel, clock: Clock, *args: object) -> Direct:
        clock.spent += gives_up_at * work  # the work the direct model spent finding nothing
        return Direct(None, -math.inf, False)

    kinds: list[tuple[tuple[str, ...], bool]] = []
    real = module.search_by_parts

    def search(*args: Any, **kwargs: Any) -> Any:
        kinds.append((tuple(args[-2]), args[-1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "run_plain", direct_finds_nothing)
    monkeypatch.setattr(module, "search_by_parts", search)
    problem = random_problem(4, horizon=28, people=6)
    with work_alone():
        found = solve(
            problem,
            time_limit=wall_for_work(work),
            deterministic_time=work,
            seed=0,
            workers=1,
            direct_cells=0,
        )
    assert kinds == [(("windows", "people"), by_model)]
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective


def _first_roster(problem: Any, seed: int) -> tuple[float, float]:
    """The direct model's first roster on ``problem``, one worker: its cost and its work."""
    from ortools.sat.python import cp_model

    built = build_model(problem)
    solver = make_solver(60, seed, 1, 5.0)
    solver.parameters.interleave_search = cp_model.SatParameters().interleave_search
    first: list[tuple[float, float]] = []

    class First(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            first.append((self.objective_value, self.deterministic_time))
            self.stop_search()

    solver.solve(built.model, First())
    assert first
    return first[0]


@pytest.mark.parametrize("seed", [5, 6])
def test_the_direct_model_hands_its_roster_to_the_parts_reproducibly(
    seed: int, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a hand-over at its first stall however short (a share 0 of its work so far): the
    # direct model stops at its next roster and the search by parts improves that roster,
    # not the lawful one; with one worker and a work budget the solve is the same twice
    problem = random_problem(seed, horizon=42, people=6)
    cost, work = _first_roster(problem, seed)
    shares = Shares(direct_hand_over=0.0)
    # the wall clock only a safety net, here never reached however busy the machine (at a
    # load of 34 a part's net of 4 s a unit cut a move short, and the runs differed)
    monkeypatch.setattr(config_module, "WALL_PER_WORK", 1000.0)
    caplog.set_level("DEBUG", logger="scheduler.core.solve")
    runs = [
        solve(
            problem,
            time_limit=6000,  # the wall clock only a safety net: the work decides
            seed=seed,
            workers=1,
            deterministic_time=work + 0.5,
            direct_cells=0,
            shares=shares,
        )
        for _ in range(2)
    ]
    handed = [r.getMessage() for r in caplog.records if "hands over" in r.getMessage()]
    assert len(handed) == 2
    # its roster when it stopped: the first, or one found before the stop took hold
    assert all(float(message.split()[-1]) <= cost for message in handed)
    assert any("by parts" in r.getMessage() for r in caplog.records)
    found = runs[0]
    assert found.feasible
    check_roster(problem, found.assignment)
    assert true_cost(problem, found.assignment) == found.objective
    assert found.objective <= cost
    assert runs[1].assignment == found.assignment


def test_the_direct_model_never_hands_over_by_default() -> None:
    # as shipped the direct model of a large model keeps all the time once it has a roster
    problem = random_problem(2, horizon=14, people=6)
    built = build_model(problem)
    with work_alone():  # by work: the wall clock never cuts it before its first roster
        config = SolveConfig(
            time_limit=wall_for_work(1.0), workers=1, seed=0, deterministic_time=1.0
        )
        hand_over = config.shares.direct_hand_over
        clock = Clock.start(config.time_limit, 1.0)
        direct = run_plain(built, clock, config, 1, 1.0, None, hand_over)
    assert direct.best is not None
    assert not direct.handed


def test_the_direct_model_on_the_clock_hands_over_once_it_stalls() -> None:
    # on the clock the hand-over is watched between rosters: at a share 0 it stops at its
    # first pause of a second without a better roster (unless it proved its roster best),
    # and what it hands over keeps every rule at the cost it says
    problem = random_problem(5, horizon=42, people=6)
    built = build_model(problem)
    config = SolveConfig(time_limit=60, workers=1, seed=0)
    direct = run_plain(built, Clock.start(60), config, 1, 1.0, None, 0.0)
    assert direct.best is not None
    assert direct.handed or direct.proven
    roster = decode(built, direct.best.values)
    check_roster(problem, roster)
    assert true_cost(problem, roster) <= direct.best.objective
