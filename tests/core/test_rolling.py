"""Blocks that start from the weeks before them (``rolling._repeat``): what is kept of the
copy, what is searched afresh, and that the year stays lawful and well covered."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from roster_check import D, L, N, cover_cost, max_run_with_history
from work_alone import work_alone

from scheduler.core import Cover, Problem, RestPeriod, StaffMember, rolling
from scheduler.core.config import SolveConfig, wall_for_work
from scheduler.core.copies import HINT_BACK, REPEAT_SEAM, kept_days
from scheduler.core.cpsat import decode, find_lawful, make_solver
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.pinned import score_roster
from scheduler.core.result import Solution
from scheduler.core.rolling import (
    _Block,
    _repeat,
    _seamless,
    _search_kept,
    _windows,
    free_days,
    least_days_off,
    restrict,
    solve_rolling,
)
from scheduler.core.window import short_tours


def weekly_problem(weeks: int = 8, people: int = 5, leave: int = 2) -> Problem:
    """The same weekly tasking every week, a weekly rest in each week, two rest days a
    week on average, and a block of leave for one person in week 5."""
    horizon = 7 * weeks
    away = frozenset(range(30, 30 + 5 * leave))
    staff = tuple(
        StaffMember(
            f"P{i}",
            max_consecutive_work=6,
            min_free_days_off=2 * weeks - (len(away) * 2 // 7 if i == 0 else 0),
            max_free_days_off=2 * weeks,
            days_off=away if i == 0 else frozenset(),
        )
        for i in range(people)
    )
    cover = tuple(
        Cover(d, s, need, 100, 0)
        for d in range(horizon)
        for s, need in (("D", 2), ("L", 1), ("N", 1 if d % 7 >= 4 else 0))
        if need
    )
    rest = tuple(RestPeriod(tuple(range(w * 7, w * 7 + 7))) for w in range(weeks))
    return Problem(horizon, (D, L, N), staff, cover=cover, rest_periods=rest)


def test_the_copy_keeps_what_fits_and_frees_the_seam_and_clashes() -> None:
    person = StaffMember("A", days_off=frozenset({10}), fixed_shifts={20: "L"})
    problem = Problem(28, (D, L, N), (person,))
    copied = {("A", d): ("D" if d % 7 < 5 else None) for d in range(28)}
    kept = kept_days(problem, person, copied)
    assert not set(range(REPEAT_SEAM)) & set(kept)  # the seam is searched afresh
    assert not {9, 10, 11} & set(kept)  # a tour copied onto a day off, and its neighbours
    assert not {19, 20, 21} & set(kept)  # around a fixed tour
    assert kept[14] == "D"
    assert kept[26] is None  # the rest is kept as it was


def test_a_copied_forbidden_succession_is_searched_afresh() -> None:
    person = StaffMember("A")
    problem = Problem(14, (D, L, N), (person,))
    copied = {("A", d): "N" if d == 6 else ("D" if d == 7 else None) for d in range(14)}
    kept = kept_days(problem, person, copied)
    assert not {5, 6, 7, 8} & set(kept)  # N then D is forbidden: both sides freed


def test_a_copy_with_too_many_rest_days_is_not_kept() -> None:
    person = StaffMember("A", min_free_days_off=2, max_free_days_off=3)
    problem = Problem(14, (D,), (person,))
    idle: dict[tuple[str, int], str | None] = {("A", d): None for d in range(14)}
    assert kept_days(problem, person, idle) == {}


def test_rest_the_open_days_cannot_do_without_counts_against_the_range() -> None:
    # three days of work carried in, the seam open, then two more days of work: a run of
    # seven where five is the most, so the seam needs a rest day, and with the two the
    # copy keeps that is one more than the person's range allows
    person = StaffMember(
        "A", max_consecutive_work=5, max_free_days_off=2, history=(None, "D", "D", "D")
    )
    problem = Problem(14, (D,), (person,))
    pattern = ["D", "D", "D", "D", None, "D", "D", "D", "D", "D", None, "D", "D", "D"]
    copied = {("A", d): shift for d, shift in enumerate(pattern)}
    assert kept_days(problem, person, copied) == {}  # the whole row searched instead
    # the copy as it would have been kept, seam aside, has no lawful roster at all
    as_copied = {("A", d): pattern[d] for d in range(REPEAT_SEAM, 14)}
    assert _search_kept(problem, as_copied, make_solver(10, 0, 1)).status == "INFEASIBLE"
    # with room for that rest day, the copy is kept
    roomy = dataclasses.replace(person, max_free_days_off=3)
    assert set(kept_days(dataclasses.replace(problem, staff=(roomy,)), roomy, copied)) == set(
        range(REPEAT_SEAM, 14)
    )


def test_a_person_carrying_on_as_four_weeks_before_keeps_the_seam_too() -> None:
    week: list[str | None] = ["D", "D", "L", "L", "N", None, None]
    same = week * 8
    changed = [*same[:-1], "L"]  # the last day before the block differs
    shorter = [*same[:-3], None, *same[-2:]]  # same last two days, a shorter run of rest
    done = {"A": same, "B": changed, "C": shorter}
    first = len(same)
    staff = tuple(StaffMember(name) for name in done)
    problem = Problem(first + 14, (D, L, N), staff)
    assert _seamless(problem, first, done) == frozenset({"A"})
    block = Problem(14, (D, L, N), staff)
    hint = {(m.id, d): done[m.id][first + d - HINT_BACK] for m in staff for d in range(14)}
    carried = kept_days(block, staff[0], hint, seamless=True)
    assert carried[0] == "D"
    assert carried[1] == "D"
    assert not set(range(REPEAT_SEAM)) & set(kept_days(block, staff[1], hint))


def test_a_copy_that_finds_nothing_in_its_budget_searches_again_longer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = weekly_problem(weeks=2, leave=0)
    hint = {(m.id, d): ("D" if d % 7 < 5 else None) for m in problem.staff for d in range(14)}
    budgets: list[float] = []
    search = rolling._search_kept

    def stingy(p: Problem, kept: dict, solver: object, below: float | None = None) -> Solution:
        budgets.append(solver.parameters.max_deterministic_time)  # type: ignore[attr-defined]
        if len(budgets) == 1:  # the first search, out of work before its first roster
            return Solution(status="UNKNOWN", objective=None, bound=None, gap=None, seconds=0)
        return search(p, kept, solver, below)

    monkeypatch.setattr(rolling, "_search_kept", stingy)
    # every row left to the search (this copy is lawful as it stands: ``fill_copy`` keeps it)
    monkeypatch.setattr(rolling, "fill_copy", lambda *_: {})
    block = _Block(SolveConfig(time_limit=10, seed=0, workers=1), deadline=None)
    found = _repeat(problem, hint, block)
    assert budgets == list(rolling.REPEAT_WORK)
    assert budgets[1] > budgets[0]
    assert found.feasible
    lawful_block(problem, {s: list(r) for s, r in found.assignment.items()})


def _no_search(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """The cells each of the copy's searches kept (the only CP-SAT model ``_repeat``
    builds)."""
    searched: list[dict] = []
    search = rolling._search_kept

    def spy(p: Problem, kept: dict, solver: object, below: float | None = None) -> Solution:
        searched.append(dict(kept))
        return search(p, kept, solver, below)

    monkeypatch.setattr(rolling, "_search_kept", spy)
    return searched


def weekday_copy(problem: Problem) -> dict[tuple[str, int], str | None]:
    """Days on weekdays, weekends off: every rule of ``weekly_problem`` kept, but the
    cover's lates and weekends go short."""
    return {(m.id, d): ("D" if d % 7 < 5 else None) for m in problem.staff for d in range(14)}


def repeated(
    problem: Problem, hint: dict[tuple[str, int], str | None], searched: bool = False
) -> Solution:
    """``_repeat`` of ``problem``'s block from ``hint`` (not ``searched``: a block short of
    time)."""
    block = _Block(SolveConfig(time_limit=10, seed=0, workers=1), deadline=None)
    return _repeat(problem, hint, block, searched=searched)


def lawful_at_its_cost(problem: Problem, found: Solution) -> int:
    """Checks ``found`` lawful and costed at its cover's cost (``weekly_problem`` has no
    other goal); its cover's shortfall cost."""
    roster = {s: list(r) for s, r in found.assignment.items()}
    lawful_block(problem, roster)
    under, over = cover_cost(problem, roster)
    assert found.objective == under + over
    return under


def test_a_lawful_copy_is_kept_unsearched_in_a_hurry_and_searched_as_before_with_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = weekly_problem(weeks=2, leave=0)
    hint = weekday_copy(problem)
    searched = _no_search(monkeypatch)
    as_copied = repeated(problem, hint)  # a block short of time
    assert searched == []
    assert as_copied.status == "FEASIBLE"
    assert as_copied.assignment == {m.id: [hint[m.id, d] for d in range(14)] for m in problem.staff}
    assert as_copied.breakdown["cover_under"] == lawful_at_its_cost(problem, as_copied)
    found = repeated(problem, hint, searched=True)  # a block with time
    assert searched  # the seam's days searched with the goals: lates where they are short
    assert as_copied.objective is not None
    assert found.objective is not None
    assert found.objective < as_copied.objective
    lawful_at_its_cost(problem, found)


def test_a_copy_with_a_rest_day_too_many_works_it_where_the_cover_is_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = weekly_problem(weeks=2, leave=0)
    hint = weekday_copy(problem)
    hint["P0", 9] = None  # a Wednesday off: five rest days where the range allows four
    searched = _no_search(monkeypatch)
    found = repeated(problem, hint)
    assert searched == []
    row = found.assignment["P0"]
    assert sum(1 for t in row if t is None) == 4
    # one day more worked, on the tour the cover is shortest of: a weekend's days (two
    # asked for, no one on), not Wednesday's late (one asked for)
    changed = [d for d in range(14) if row[d] != hint["P0", d]]
    assert len(changed) == 1
    assert changed[0] % 7 in (5, 6)
    assert row[changed[0]] == "D"
    lawful_block(problem, {s: list(r) for s, r in found.assignment.items()})


def test_a_copy_that_would_work_too_many_days_running_rests_one_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = weekly_problem(weeks=2, leave=0)
    # P0 worked the five days before the block: the copy's first week makes ten running
    tired = dataclasses.replace(problem.staff[0], history=("D",) * 5)
    problem = dataclasses.replace(problem, staff=(tired, *problem.staff[1:]))
    hint = weekday_copy(problem)
    searched = _no_search(monkeypatch)
    found = repeated(problem, hint)
    assert searched == []
    row = found.assignment["P0"]
    assert None in row[:2]  # a rest within the six days P0 may work
    assert max_run_with_history(tired, row) <= 6
    lawful_block(problem, {s: list(r) for s, r in found.assignment.items()})


def test_only_the_rows_a_copy_breaks_are_searched_the_others_kept_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = weekly_problem(weeks=2, leave=0)
    hint = weekday_copy(problem)
    hint["P1", 2] = "N"  # a night before a day: a forbidden succession in P1's copy
    searched = _no_search(monkeypatch)
    fill = rolling.fill_copy

    def without_p1(*args: object) -> dict:  # as if no row of P1's kept every rule
        rows = fill(*args)  # type: ignore[arg-type]
        assert set(rows) == {m.id for m in problem.staff}
        del rows["P1"]
        return rows

    monkeypatch.setattr(rolling, "fill_copy", without_p1)
    found = repeated(problem, hint)
    assert found.feasible
    assert len(searched) == 1
    kept = searched[0]
    for m in problem.staff:  # everyone else's copy kept whole
        if m.id != "P1":
            assert all(kept[m.id, d] == hint[m.id, d] for d in range(14))
    assert ("P1", 2) not in kept  # the clash searched
    assert ("P1", 3) not in kept
    lawful_block(problem, {s: list(r) for s, r in found.assignment.items()})


def test_a_block_cornered_after_hurried_copies_is_solved_again_with_every_copy_searched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = weekly_problem(weeks=6)
    real = rolling._solve_block
    hurried: list[bool] = []

    def cornered(sub: Problem, block: _Block, hint: dict, *args: object, **kw: object) -> Solution:
        hurried.append(block.hurry)
        if block.hurry and hint:  # a later block the unsearched copies left no roster
            return Solution(status="INFEASIBLE", objective=None, bound=None, gap=None, seconds=0)
        return real(sub, block, hint, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(rolling, "_solve_block", cornered)
    solution = solve_rolling(problem, [14, 28], SolveConfig(time_limit=5, seed=0, workers=1))
    assert solution.feasible
    assert hurried[0]  # first with copies taken unsearched when short of time
    assert not hurried[-1]  # then again with every copy searched
    lawful_block(problem, {s: list(r) for s, r in solution.assignment.items()})


def test_a_block_before_an_agreement_ends_takes_its_share_of_the_rest_days() -> None:
    # 98 days to roster, then the agreement ends (days off to the horizon's end): 28 rest
    # days owed, 20 taken in the first ten weeks, so a fortnight with another fortnight
    # after it owes half the 8 left. The days off after the end need no rest days of their
    # own; counting them, the fortnight took none and the last one all 8 (Havering with
    # notice given rested every officer for the agreement's last week)
    person = StaffMember(
        "A",
        max_consecutive_work=6,
        min_free_days_off=28,
        max_free_days_off=28,
        days_off=frozenset(range(98, 365)),
    )
    problem = Problem(365, (D,), (person,))
    block = restrict(problem, 70, 83, {"A": ["D"] * 70}, {"A": 20})
    assert (block.staff[0].min_free_days_off, block.staff[0].max_free_days_off) == (4, 4)


def test_blocks_starting_from_the_weeks_before_stay_lawful_and_covered() -> None:
    problem = weekly_problem()
    with work_alone():  # by work: the wall clock never cuts a block short
        config = SolveConfig(time_limit=wall_for_work(8), seed=0, workers=1, deterministic_time=8)
        solution = solve_rolling(problem, [14, 28, 42], config)
    assert solution.feasible
    roster = {s: list(row) for s, row in solution.assignment.items()}
    for m in problem.staff:
        row = roster[m.id]
        assert all(row[d] is None for d in m.days_off)
        assert max_run_with_history(m, row) <= 6
        assert all(not (a == "N" and b in ("D", "L")) for a, b in itertools.pairwise(row))
        for rest in problem.rest_periods:
            assert any(row[d] is None for d in rest.days)
    under, _ = cover_cost(problem, roster)
    assert solution.breakdown["cover_under"] == under
    wanted = sum(c.required * c.under_weight for c in problem.cover)
    assert under <= 0.1 * wanted  # nine tenths of the tasking at least
    assert solution.bound is not None
    assert solution.objective is not None
    assert solution.bound <= solution.objective


def test_a_block_with_no_time_left_still_gets_a_lawful_start() -> None:
    problem = weekly_problem(weeks=6)
    starved = SolveConfig(time_limit=0.01, seed=0, workers=1)
    solution = solve_rolling(problem, [14, 28], starved)
    assert solution.feasible
    roster = {s: list(row) for s, row in solution.assignment.items()}
    for m in problem.staff:
        assert all(roster[m.id][d] is None for d in m.days_off)
        for rest in problem.rest_periods:
            assert any(roster[m.id][d] is None for d in rest.days)
    under, _ = cover_cost(problem, roster)
    wanted = sum(c.required * c.under_weight for c in problem.cover)
    # the first block's goals and the copies of it give most of the tasking even so
    assert under <= 0.25 * wanted
    blind = dataclasses.replace(problem, cover=())
    assert solve_rolling(blind, [14, 28], starved).feasible


def lawful_block(problem: Problem, row: dict[str, list[str | None]]) -> None:
    for m in problem.staff:
        assert all(row[m.id][d] is None for d in m.days_off)
        assert max_run_with_history(m, row[m.id]) <= 6
        assert all(not (a == "N" and b in ("D", "L")) for a, b in itertools.pairwise(row[m.id]))
        for rest in problem.rest_periods:
            assert any(row[m.id][d] is None for d in rest.days)
        free = sum(1 for d in range(problem.horizon) if row[m.id][d] is None) - len(m.days_off)
        assert m.min_free_days_off is None or free >= m.min_free_days_off


def cover_blind_start(problem: Problem) -> tuple[BuiltModel, Solution]:
    """The block's model and a lawful roster of it found with no goals, costed."""
    built = build_model(problem)
    _, values = find_lawful(built, make_solver(10, 0, 1))
    assert values is not None
    return built, score_roster(built, decode(built, values), 0)


def test_searches_around_the_shortfalls_improve_a_block_and_keep_it_lawful() -> None:
    # a block with too little time for the goals' search over all of it: from a lawful
    # roster that ignores the cover, searches of a few days around each shortfall
    problem = weekly_problem(weeks=3, leave=0)
    built, start = cover_blind_start(problem)
    assert short_tours(problem, start.assignment)  # the cover ignored leaves it short
    config = SolveConfig(time_limit=10, seed=0, workers=1)
    block = _Block(config, deadline=None)
    better = _windows(built.problem, start, block, seconds=5.0)
    assert better.objective is not None
    assert start.objective is not None
    assert better.objective < start.objective
    roster = {s: list(r) for s, r in better.assignment.items()}
    lawful_block(problem, roster)
    under, _ = cover_cost(problem, roster)
    assert better.breakdown["cover_under"] == under
    assert under < cover_cost(problem, {s: list(r) for s, r in start.assignment.items()})[0]


def test_with_no_time_the_searches_leave_the_block_as_it_was() -> None:
    built, start = cover_blind_start(weekly_problem(weeks=2, leave=0))
    block = _Block(SolveConfig(time_limit=10, seed=0, workers=1), deadline=None)
    assert _windows(built.problem, start, block, seconds=0.0) is start


def test_free_days_counts_the_days_a_person_is_there_to_roster() -> None:
    """Against the days counted one by one: not a day off, an unfree day or a fixed tour;
    ranges inside, across and beyond the horizon, and empty ones."""
    m = StaffMember(
        "A",
        days_off=frozenset({0, 3, 4, 20}),
        unfree_days=frozenset({4, 9}),
        fixed_shifts={5: "D", 9: "L", 27: "N"},
    )
    for first, last in itertools.product(range(-1, 30, 3), range(-2, 31, 4)):
        counted = sum(
            1
            for d in range(first, last + 1)
            if d not in m.days_off and d not in m.unfree_days and d not in m.fixed_shifts
        )
        assert free_days(m, first, last) == counted, (first, last)


def test_the_first_block_is_proved_optimal_with_no_probing_or_symmetry_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first block's goals (no weeks before it to copy) skip presolve's probing and
    symmetry search, most of its time, and reach the same proved optimum."""
    problem = weekly_problem(weeks=4)
    solvers: list[object] = []
    search = rolling.run

    def spy(built: BuiltModel, solver: object, *args: object, **kwargs: object) -> Solution:
        solvers.append(solver)
        return search(built, solver, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rolling, "run", spy)
    with work_alone():
        config = SolveConfig(time_limit=wall_for_work(4), seed=0, workers=1, deterministic_time=4)
        assert solve_rolling(problem, [14], config).feasible
    first = solvers[0].parameters  # type: ignore[attr-defined]
    assert (first.cp_model_probing_level, first.symmetry_level) == (0, 0)
    assert first.linearization_level == 2  # the strong LP still proves it

    block = restrict(
        problem, 0, 13, {m.id: [] for m in problem.staff}, {m.id: 0 for m in problem.staff}
    )
    found = []
    with work_alone():  # proved on work alone, the wall clock far off
        solvers_by_work = (
            rolling.strong_lp(make_solver(wall_for_work(1), 0, 1, deterministic_time=1)),
            rolling._first_solver(make_solver(wall_for_work(1), 0, 1, deterministic_time=1)),
        )
    for solver in solvers_by_work:
        solution = search(build_model(block), solver)
        assert solution.status == "OPTIMAL"
        roster = {s: list(row) for s, row in solution.assignment.items()}
        lawful_block(block, roster)
        assert solution.objective == sum(cover_cost(block, roster))
        found.append(solution.objective)
    assert found[0] == found[1]


def _weekly_rest_only(weeks: int = 12) -> Problem:
    """No rest days owed beyond the weekly rest (rest_days_per_week = 0): a day off in
    each week, at most 7 days in a row, and leave over weeks 6-9, so the fewest days off
    the rules leave, 8, are also the most."""
    away = frozenset(range(42, 70))
    person = StaffMember(
        "A", max_consecutive_work=7, min_free_days_off=0, max_free_days_off=8, days_off=away
    )
    rest = tuple(RestPeriod(tuple(range(w * 7, w * 7 + 7))) for w in range(weeks))
    cover = tuple(Cover(d, "D", 1, 100, 0) for d in range(7 * weeks))
    return Problem(7 * weeks, (D,), (person,), cover=cover, rest_periods=rest)


def test_a_block_leaves_later_blocks_their_weekly_rest_not_days_in_a_row_over_leave() -> None:
    # the 56 days after the first four weeks need 4 days off (weeks 4, 5, 10 and 11; the
    # leave is off already), not 56 // 8 = 7 as if no day were off: the first block had
    # room for 1 day off in its four weekly rests and no block a lawful roster
    block = restrict(_weekly_rest_only(), 0, 27, {"A": []}, {"A": 0}, slack=None)
    assert block.staff[0].max_free_days_off == 4
    assert least_days_off(_weekly_rest_only().staff[0], _weekly_rest_only(), 28, 83) == 4


def test_a_year_of_weekly_rest_only_is_rostered_in_blocks() -> None:
    problem = _weekly_rest_only()
    with work_alone():
        config = SolveConfig(time_limit=wall_for_work(2), seed=0, workers=1, deterministic_time=2)
        solution = solve_rolling(problem, [28, 56], config)
    assert solution.feasible
    row = solution.assignment["A"]
    assert all(any(row[d] is None for d in r.days) for r in problem.rest_periods)
    assert max_run_with_history(problem.staff[0], row) <= 7
    assert sum(1 for d, s in enumerate(row) if s is None and d not in range(42, 70)) <= 8
