"""Graphs with a person's minutes priced rather than kept (``PersonGraph(minutes=True)``):
what their paths may break, the day-by-day repair of minutes, and the moves by person they
make where even a priced graph is too large. Checked by brute force over every row of a
short horizon (``rule_breaks``) and the independent roster checks, never by the graph."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest
from lawful_start import lawful
from roster_check import check_roster, graph_variants, random_problem, rule_breaks, true_cost

from scheduler.core.clock import Budget
from scheduler.core.data import Problem
from scheduler.core.paths import GraphTooLarge, PersonGraph
from scheduler.core.person_search import PersonMoves


def _loose(problem: Problem) -> Problem:
    """``problem`` without what a minutes-priced graph prices: a type's most with no
    least, weekends, and the least and most minutes."""
    m = problem.staff[0]
    kept = {s: v for s, v in m.max_shifts.items() if v == 0 or m.min_shifts.get(s)}
    loose = dataclasses.replace(
        m, max_shifts=kept, max_weekends=None, min_minutes=None, max_minutes=None
    )
    return dataclasses.replace(problem, staff=(loose,))


def _minutes(problem: Problem, row: tuple[str | None, ...]) -> int:
    return sum(problem.minutes(d, s) for d, s in enumerate(row) if s is not None)


@pytest.mark.parametrize("variant", range(1, 5))
def test_a_minutes_priced_graph_holds_the_rows_lawful_but_for_what_it_prices(
    variant: int,
) -> None:
    """Every row lawful but for the priced limits and the minutes is a path (and no
    other), and ``minutes_outside`` says by how much a row is over the most or under the
    least."""
    problem = graph_variants()[variant]
    member = problem.staff[0]
    assert member.min_minutes  # the variants bind both
    assert member.max_minutes
    graph = PersonGraph(problem, minutes=True)
    assert graph.priced
    assert graph.layout.priced_minutes == (member.min_minutes, member.max_minutes)
    loose = _loose(problem)
    states = [None] + [s.id for s in problem.shifts]
    outside_seen = set()
    for row in itertools.product(states, repeat=problem.horizon):
        lawful = not rule_breaks(loose, loose.staff[0], row)
        assert (graph.cost_of(row) is not None) == lawful, row
        total = _minutes(problem, row)
        expected = max(0, total - member.max_minutes) or min(0, total - member.min_minutes)
        assert graph.minutes_outside(row) == expected
        if lawful:
            outside_seen.add((expected > 0) - (expected < 0))
    assert {-1, 0} <= outside_seen  # paths under the least minutes, which the state kept out


@pytest.mark.parametrize("seed", range(3))
def test_minutes_repaired_rows_keep_every_other_rule_and_move_towards_the_limits(
    seed: int,
) -> None:
    """Paths over or under the minutes, repaired: still lawful but for the priced
    limits (by ``rule_breaks``), never over a priced type's limit the path kept, never
    past the other limit, and at least as near the limits as before; and some rows are
    brought within them (nights are longer than days and lates here)."""
    problem = random_problem(seed, horizon=21, people=1)
    top = 21 * 480 * 5 // 7
    member = dataclasses.replace(
        problem.staff[0], min_minutes=top - 300, max_minutes=top, max_shifts={"N": 6}
    )
    problem = dataclasses.replace(problem, staff=(member,))
    graph = PersonGraph(problem, minutes=True)
    loose = _loose(problem)
    rng = random.Random(seed)
    brought = 0
    for _ in range(40):
        bias = rng.uniform(-3, 3)  # some paths work too much, some too little
        duals = {(d, s.id): rng.uniform(0, 3) + bias for d in range(21) for s in problem.shifts}
        arcs = graph.arcs(duals)
        _, schedule = graph.least(arcs)
        assert schedule is not None
        before = graph.minutes_outside(schedule.row)
        row = graph.minutes_repaired(schedule.row, arcs)
        after = graph.minutes_outside(row)
        assert rule_breaks(loose, loose.staff[0], row) == []
        assert graph.cost_of(row) is not None
        assert row.count("N") <= max(6, schedule.row.count("N"))
        assert abs(after) <= abs(before)
        assert after * before >= 0  # not past the other limit
        brought += before != 0 and after == 0
    assert brought


@pytest.mark.parametrize("seed", [0, 1])
def test_minutes_priced_graphs_move_people_lawfully_and_gain_exactly(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a person's exact and priced graphs are both too large (tours an hour apart
    in length, generated shapes), their graph with the minutes priced too moves them:
    every roster on the way keeps every rule (the independent checks), each move gains
    exactly what the roster's true cost falls by, and the moves gain. Before, such
    people were searched only by CP-SAT models (off here): nothing moved."""
    real = PersonGraph

    def only_minutes_priced(
        problem: Problem, max_nodes: int | None = None, priced: bool = False, minutes=False
    ):
        if not minutes:
            raise GraphTooLarge("as a generated shape's graphs are", reached=1)
        return real(problem, max_nodes=max_nodes, minutes=True)

    monkeypatch.setattr("scheduler.core.person_search.PersonGraph", only_minutes_priced)
    problem = random_problem(seed, horizon=28, people=5)
    top = 28 * 480 * 5 // 7
    staff = tuple(dataclasses.replace(m, min_minutes=top - 960) for m in problem.staff)
    problem = dataclasses.replace(problem, staff=staff)
    roster = lawful(problem, seed)
    check_roster(problem, roster)
    moves = PersonMoves(problem, seed, by_model=False)
    gained = 0.0
    for _ in range(3 * len(problem.staff)):
        before = true_cost(problem, roster)
        gain = moves.step(roster, Budget(float("inf"), deterministic=1.0))
        check_roster(problem, roster)
        for m in problem.staff:
            assert _minutes(problem, tuple(roster[m.id])) >= top - 960
        assert true_cost(problem, roster) == before - gain
        gained += gain
    assert gained > 0
    assert moves._graphs
    assert all(g.layout.priced_minutes is not None for g in moves._graphs.values())


def test_a_priced_graph_larger_than_its_cap_gives_way_to_one_with_the_minutes_priced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Exact graphs too large, and priced ones over ``PRICED_NODES`` (a few nodes here):
    every person moved has their graph with the minutes priced too, whose moves keep
    every rule (the independent checks). Before, a priced graph of any size up to the
    cap on every graph was kept (a million nodes, its paths as slow)."""
    real = PersonGraph

    def exact_too_large(
        problem: Problem, max_nodes: int | None = None, priced: bool = False, minutes=False
    ):
        if not (priced or minutes):
            raise GraphTooLarge("as a generated shape's exact graphs are", reached=1)
        return real(problem, max_nodes=max_nodes, priced=priced, minutes=minutes)

    monkeypatch.setattr("scheduler.core.person_search.PersonGraph", exact_too_large)
    monkeypatch.setattr("scheduler.core.person_search.PRICED_NODES", 50, raising=False)
    problem = random_problem(3, horizon=28, people=4)
    roster = lawful(problem, 3)
    moves = PersonMoves(problem, 3, by_model=False)
    for _ in range(len(problem.staff)):
        moves.step(roster, Budget(float("inf"), deterministic=1.0))
        check_roster(problem, roster)
    assert len(moves._graphs) == len(problem.staff)
    assert all(g.layout.priced_minutes is not None for g in moves._graphs.values())
