"""Window sub-problems and the window search, checked by the independent roster checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from roster_check import check_roster, random_problem, true_cost

from scheduler.core import by_parts, window_search
from scheduler.core.by_parts import search_by_parts
from scheduler.core.clock import Budget
from scheduler.core.cpsat import decode, find_lawful, make_solver, objective_value
from scheduler.core.data import FairnessRule, Problem, RestPeriod
from scheduler.core.lns import Incumbent
from scheduler.core.model import build_model
from scheduler.core.pinned import complete, read_values, score_roster
from scheduler.core.result import Solution
from scheduler.core.window import tail_days, window_problem, window_span, windows_apply
from scheduler.core.window_search import ALIKE_MOST, ALIKE_SECONDS, ALIKE_TOKEN, DaysAlike

Roster = dict[str, list[str | None]]


def lawful(problem: Problem, seed: int = 0) -> Roster:
    """A roster keeping every hard rule, its cost ignored (so windows have room to gain)."""
    built = build_model(problem)
    status, values = find_lawful(built, make_solver(10, seed, 1, deterministic_time=5))
    assert values is not None, status
    return decode(built, values)


def spans(problem: Problem, days: int) -> list[tuple[int, int, int]]:
    return sorted({window_span(problem, first, days) for first in range(problem.horizon)})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_lawful_roster_fits_each_of_its_windows_at_the_same_cost_apart(seed: int) -> None:
    """Every window of a lawful roster, its cells pinned, is lawful; and the whole roster
    costs the window's cost plus what lies outside, the same amount for every window
    placement's cost of the cells it holds (cover and requests counted independently)."""
    problem = random_problem(seed, horizon=42, people=6)
    roster = lawful(problem, seed)
    check_roster(problem, roster)
    for a, _, e in spans(problem, 14):
        sub = window_problem(problem, roster, a, e)
        inside = {m: row[a:e] for m, row in roster.items()}
        scored = score_roster(build_model(sub), inside, seed)  # raises if it breaks a rule
        assert scored.objective == true_cost(sub, inside)


def test_windows_start_on_a_monday_and_keep_a_tail_for_the_rules_that_look_ahead() -> None:
    problem = dataclasses.replace(random_problem(0, horizon=56), first_weekday=2)
    tail = tail_days(problem)
    assert tail == 6  # runs of at most 5 worked days: a sixth day shows a breach
    for a, b, e in spans(problem, 14):
        assert a == 0 or (problem.first_weekday + a) % 7 == 0
        assert b <= e <= problem.horizon
        assert e == problem.horizon or e - b >= tail


def test_totals_outside_a_window_are_taken_off_its_limits() -> None:
    problem = random_problem(3, horizon=42, people=4)
    roster = lawful(problem, 3)
    a, _, e = window_span(problem, 14, 14)
    sub = window_problem(problem, roster, a, e)
    for m, w in zip(problem.staff, sub.staff, strict=True):
        outside = [s for d, s in enumerate(roster[m.id]) if not a <= d < e]
        assert w.max_shifts["N"] == 4 - outside.count("N")
        minutes = sum(
            problem.minutes(d, s) for d, s in enumerate(roster[m.id]) if s and not a <= d < e
        )
        assert m.max_minutes is not None, "random_problem caps everyone's minutes"
        assert w.max_minutes == m.max_minutes - minutes
        assert w.history[-a:] == tuple(roster[m.id][:a])


@pytest.mark.parametrize("seed", [0, 1])
def test_the_window_search_lowers_the_cost_and_keeps_every_rule(seed: int) -> None:
    problem = random_problem(seed, horizon=56, people=6)
    built = build_model(problem)
    start_roster = lawful(problem, seed)
    values = complete(built, start_roster, seed)
    assert values is not None
    start = Incumbent(values, true_cost(problem, start_roster))
    budget = Budget(deadline=float("inf"), deterministic=0.5)
    best = search_by_parts(built, start, budget, seed, workers=1, kinds=("windows",))
    roster = decode(built, best.values)
    check_roster(problem, roster)
    assert true_cost(problem, roster) == best.objective
    assert best.objective < start.objective
    assert read_values(built, best.values, seed).objective == best.objective


def test_the_window_search_with_no_time_returns_its_start() -> None:
    problem = random_problem(4, horizon=28)
    built = build_model(problem)
    roster = lawful(problem, 4)
    values = complete(built, roster, 4)
    assert values is not None
    start = Incumbent(values, true_cost(problem, roster))
    best = search_by_parts(built, start, Budget(deadline=0.0), 4)
    assert best is start


def test_goals_over_the_whole_horizon_have_no_windows() -> None:
    problem = random_problem(0, horizon=28)
    assert windows_apply(problem)
    fair = FairnessRule("nights", frozenset(range(28)), frozenset({"N"}), 1)
    assert not windows_apply(dataclasses.replace(problem, fairness=(fair,)))


def weekly_rest(problem: Problem, offset: int) -> Problem:
    """A long rest each week from ``offset`` on (a day off after no late or night and
    before no early): periods that straddle the Monday a window starts on."""
    periods = tuple(
        RestPeriod(
            days := tuple(range(start, min(start + 7, problem.horizon))),
            frozenset(
                spoiler
                for d in days
                for spoiler in ((d, "N", None), (d, "L", None), (d, None, "D"))
            ),
        )
        for start in range(offset, problem.horizon - 6, 7)
    )
    return dataclasses.replace(problem, rest_periods=periods)


def rested(problem: Problem, roster: Roster) -> bool:
    """Each person has, in every rest period, a day off after no late or night and
    before no early (a day after the horizon is no early)."""

    def long(row: list[str | None], d: int) -> bool:
        before = row[d - 1] if d > 0 else None
        after = row[d + 1] if d + 1 < len(row) else None
        return row[d] is None and before not in ("L", "N") and after != "D"

    return all(
        any(long(row, d) for d in rest.days)
        for rest in problem.rest_periods
        for row in roster.values()
    )


@pytest.mark.parametrize("seed", [0, 1])
def test_rest_periods_across_a_window_edge_are_kept(seed: int) -> None:
    problem = weekly_rest(random_problem(seed, horizon=42, people=5), offset=3)
    built = build_model(problem)
    start_roster = lawful(problem, seed)
    assert rested(problem, start_roster)
    values = complete(built, start_roster, seed)
    assert values is not None
    start = Incumbent(values, true_cost(problem, start_roster))
    best = search_by_parts(
        built, start, Budget(float("inf"), deterministic=0.5), seed, kinds=("windows",)
    )
    roster = decode(built, best.values)
    check_roster(problem, roster)
    assert rested(problem, roster)
    assert true_cost(problem, roster) == best.objective < start.objective


def test_a_window_keeps_a_rest_period_it_straddles_unless_the_rest_lies_outside() -> None:
    kept_some = False
    for offset in range(1, 7):
        problem = weekly_rest(random_problem(offset, horizon=42, people=5), offset=offset)
        kept_some |= _straddled_periods_kept(problem, lawful(problem, offset))
    assert kept_some  # some period straddled a window's edge and was kept


def _straddled_periods_kept(problem: Problem, roster: Roster) -> bool:
    """Every rest period a window touches is in it, unless everyone rests outside it;
    whether one of those kept straddles the window's edge."""
    kept_some = False
    for a, _, e in spans(problem, 14):
        sub = window_problem(problem, roster, a, e)
        kept = {tuple(d + a for d in r.days) for r in sub.rest_periods}
        for rest in problem.rest_periods:
            if not any(a <= d < e for d in rest.days):
                continue
            outside = dataclasses.replace(
                problem,
                rest_periods=(
                    dataclasses.replace(
                        rest, days=tuple(d for d in rest.days if 0 < d < a - 1 or d > e)
                    ),
                ),
            )
            if rested(outside, roster):  # everyone rests outside: nothing to keep
                continue
            assert rest.days in kept
            kept_some = kept_some or not all(a <= d < e for d in rest.days)
    return kept_some


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_completed_roster_costs_its_objective_value(seed: int) -> None:
    # the window search starts from the lawful roster without costing it again
    problem = random_problem(seed, horizon=28)
    built = build_model(problem)
    roster = lawful(problem, seed)
    values = complete(built, roster, seed)
    assert values is not None
    assert objective_value(built, values) == true_cost(problem, roster)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_days_alike_change_only_their_days_gain_exactly_and_keep_every_rule(seed: int) -> None:
    """Each move of days alike (some days of the week over the whole horizon) gains
    exactly what the roster's true cost falls by (the independent costing), keeps every
    rule, and leaves every other day of the week as it was."""
    problem = random_problem(seed, horizon=42, people=6)
    roster = {k: list(v) for k, v in lawful(problem, seed).items()}
    moves = DaysAlike(build_model(problem), seed)
    gained = 0.0
    for _ in range(4):
        before = true_cost(problem, roster)
        kept = {k: list(v) for k, v in roster.items()}
        gain = moves.step(roster, Budget(float("inf"), deterministic=1.0), before)
        check_roster(problem, roster)
        assert true_cost(problem, roster) == before - gain
        changed = {d % 7 for k, row in roster.items() for d, s in enumerate(row) if s != kept[k][d]}
        assert len(changed) <= ALIKE_MOST
        gained += gain
    assert gained > 0


def test_the_search_by_parts_with_days_alike_keeps_every_rule_and_repeats() -> None:
    problem = random_problem(3, horizon=42, people=6)
    built = build_model(problem)
    roster = lawful(problem, 3)
    values = complete(built, roster, 3)
    assert values is not None
    start = Incumbent(values, true_cost(problem, roster))
    kinds = ("windows", "people", "alike")
    found = [
        search_by_parts(built, start, Budget(float("inf"), deterministic=1.0), 3, 1, kinds=kinds)
        for _ in range(2)
    ]
    best = decode(built, found[0].values)
    check_roster(problem, best)
    assert true_cost(problem, best) == found[0].objective < start.objective
    assert decode(built, found[1].values) == best


def test_the_first_move_of_days_alike_frees_one_day_of_the_week() -> None:
    # two days first were cut short on every instance measured (BENCHMARKS.md)
    problem = random_problem(1, horizon=42, people=6)
    roster = {k: list(v) for k, v in lawful(problem, 1).items()}
    kept = {k: list(v) for k, v in roster.items()}
    budget = Budget(float("inf"), deterministic=1.0)
    gain = DaysAlike(build_model(problem), 1).step(roster, budget, true_cost(problem, roster))
    check_roster(problem, roster)
    changed = {d % 7 for k, row in roster.items() for d, s in enumerate(row) if s != kept[k][d]}
    assert gain > 0
    assert len(changed) == 1


def test_a_move_of_days_alike_is_one_search_of_the_whole_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A move searches the freed days once, for a roster cheaper than the cost the search
    keeps: the roster's own pass over the whole model before it (for its cost and a hint)
    took half a move's time, and on a busy machine all of it (BENCHMARKS.md). Each move
    still gains exactly what the roster's true cost falls by."""
    problem = random_problem(0, horizon=42, people=6)
    roster = {k: list(v) for k, v in lawful(problem, 0).items()}
    moves = DaysAlike(build_model(problem), 0)
    real = window_search.run
    searches: list[int] = []

    def counted(*a: Any, **k: Any) -> Solution:
        searches.append(1)
        return real(*a, **k)

    monkeypatch.setattr(window_search, "run", counted)
    gained = 0.0
    for n in range(1, 4):
        before = true_cost(problem, roster)
        gain = moves.step(roster, Budget(float("inf"), deterministic=1.0), before)
        assert len(searches) == n
        check_roster(problem, roster)
        assert true_cost(problem, roster) == before - gain
        gained += gain
    assert gained > 0


@pytest.mark.parametrize("cut_by_the_budget", [False, True])
def test_days_alike_stop_where_a_search_of_the_whole_model_never_starts_in_a_move(
    monkeypatch: pytest.MonkeyPatch, cut_by_the_budget: bool
) -> None:
    """On a model so large that a move's presolve of the whole model outlasts the move's
    time (a year of 100 people and 16 shift types: 4.5 s a move for nothing), days alike
    stop searching: every later move costs a token and changes nothing. A search cut
    short only because the budget was ending says nothing of the model: the moves go on."""
    problem = random_problem(2, horizon=42, people=6)
    roster = {k: list(v) for k, v in lawful(problem, 2).items()}
    moves = DaysAlike(build_model(problem), 2)
    real = window_search._solver
    # the first move's search: over before its presolve is
    calls = iter([lambda *a: make_solver(10, 2, 1, deterministic_time=1e-9)])
    monkeypatch.setattr(window_search, "_solver", lambda *a: next(calls, real)(*a))
    work = 0.5 * ALIKE_SECONDS if cut_by_the_budget else 10 * ALIKE_SECONDS
    cost = true_cost(problem, roster)
    assert moves.step(roster, Budget(float("inf"), deterministic=work), cost) == 0.0
    kept = {k: list(v) for k, v in roster.items()}
    budget = Budget(float("inf"), deterministic=10 * ALIKE_SECONDS)
    gain = moves.step(roster, budget, cost)
    check_roster(problem, roster)
    if cut_by_the_budget:
        assert gain > 0  # searched again
    else:
        assert gain == 0.0
        assert budget.spent == ALIKE_TOKEN
        assert roster == kept


def stub_search(
    monkeypatch: pytest.MonkeyPatch,
    gains: dict[str, list[float]],
    moves: int | None = None,
    gain: Callable[[str, list[str]], float] | None = None,
) -> list[str]:
    """The kinds of move the search by parts draws, in order, each move of kind ``k`` a
    unit of work gaining ``gains[k]`` in turn (the kinds in the order of ``gains``), or
    ``gain(k, the kinds drawn before it)``; ``moves`` of them (all of ``gains[k]``)."""
    problem = random_problem(4, horizon=28, people=4)
    built = build_model(problem)
    values = complete(built, lawful(problem, 4), 4)
    assert values is not None
    tried: list[str] = []

    class Stub:
        def __init__(self, kind: str) -> None:
            self.kind = kind

        def step(self, roster: Roster, budget: Budget, cost: float) -> float:
            budget.spent += 1.0
            before = list(tried)
            tried.append(self.kind)
            if gain is not None:
                return gain(self.kind, before)
            return gains[self.kind][tried.count(self.kind) - 1]

    kinds = tuple(gains)
    monkeypatch.setattr(by_parts, "_moves", lambda *a: [(k, Stub(k)) for k in kinds])
    total = moves if moves is not None else len(next(iter(gains.values())))
    budget = Budget(float("inf"), deterministic=float(total))
    search_by_parts(built, Incumbent(values, 10_000), budget, 4, 1, kinds=kinds)
    return tried


def test_the_search_by_parts_judges_days_alike_after_one_move_the_others_after_three(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # three first moves of days alike took 6 of Instance22's first 20 units from the
    # people's moves gaining fastest then (BENCHMARKS.md)
    tried = stub_search(monkeypatch, {k: [0.0] * 8 for k in ("windows", "alike", "people")})
    assert tried[:7] == ["windows", "people", "windows", "people", "windows", "people", "alike"]
    assert tried[7] != "alike"


@pytest.mark.parametrize("explore", [0.0, 1.0])
def test_days_alike_start_once_the_people_gain_no_faster_than_the_windows(
    monkeypatch: pytest.MonkeyPatch, explore: float
) -> None:
    """From the lawful roster the people's moves gain fastest, and a first move of days
    alike gains a lot there too, which kept it drawn (Gen1003 4.2 times worse at 60 s,
    BENCHMARKS.md): days alike are not drawn, even at random, until the people's moves
    gain no more a unit than the windows; then they are."""
    monkeypatch.setattr(by_parts, "EXPLORE", explore)
    gains = {"windows": [1.0] * 30, "alike": [0.0] * 30, "people": [10.0] * 5 + [0.0] * 25}
    tried = stub_search(monkeypatch, gains)
    first = tried.index("alike")
    people = tried[:first].count("people")
    if explore == 0.0:  # the people until their five gains are 8 moves old
        assert people == 13
    assert people >= 13  # the people's rate over their last 8 moves is above the windows'


def test_the_search_by_parts_forgets_a_first_gain_of_days_alike_after_three_moves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # judged over its last 8 moves, one early gain of days alike kept it drawn for 10-20
    # units of moves finding nothing on Instance20 and a generated instance (BENCHMARKS.md)
    monkeypatch.setattr(by_parts, "EXPLORE", 0.0)
    gains = {"windows": [1.0] * 20, "alike": [100.0] + [0.0] * 19, "people": [0.0] * 20}
    tried = stub_search(monkeypatch, gains)
    assert tried.count("alike") == 4  # the first, then until the gain is three moves old
    assert tried[-1] == "windows"


@pytest.mark.parametrize("follow", [1.0, 0.0])
def test_a_kind_is_judged_by_what_it_adds_to_the_whole_roster(
    monkeypatch: pytest.MonkeyPatch, follow: float
) -> None:
    """Days alike gaining fast where the windows after them gain less took the windows'
    gains rather than adding to them (Gen1395: days alike 3,586 a unit, the windows after
    them 1,050 where they kept 2,655 without them, BENCHMARKS.md). A move is judged by its
    gain and what the moves after it, over as much work again, gained above their kinds'
    rates (``FOLLOW``); judged by its own moves alone (``FOLLOW`` 0), days alike are drawn
    again and again and the roster gains less."""
    monkeypatch.setattr(by_parts, "EXPLORE", 0.0)
    monkeypatch.setattr(by_parts, "FOLLOW", follow)

    def gain(kind: str, before: list[str]) -> float:
        if kind == "windows":  # nothing right after days alike: they took it
            return 0.0 if before[-1:] == ["alike"] else 2.0
        return 3.0 if before.count("alike") % 2 == 0 else 0.0  # every other move

    tried = stub_search(monkeypatch, {"windows": [], "alike": []}, 24, gain)
    gained = sum(gain(kind, tried[:at]) for at, kind in enumerate(tried))
    assert tried[:4] == ["windows", "alike", "windows", "windows"]  # the windows' first three
    if follow:  # days alike's 3, then 2 less by the windows after them: 1 a unit
        assert "".join(k[0] for k in tried[4:]) == "aw" + "w" * 18
        assert gained == 43.0
    else:  # 3 a unit, then 1.5 over their last two
        assert "".join(k[0] for k in tried[4:]) == "aaa" + "w" * 17
        assert gained == 42.0
