"""Moves by person and the search by parts, checked by the independent roster checks."""

from __future__ import annotations

import dataclasses
import time

import pytest
from lawful_start import lawful, start_of
from roster_check import check_roster, random_problem, true_cost

from scheduler.core.by_parts import search_by_parts
from scheduler.core.clock import Budget
from scheduler.core.cpsat import decode
from scheduler.core.data import CompanionRule, FairnessRule, Problem, RotaLines
from scheduler.core.model import build_model
from scheduler.core.paths import GraphTooLarge, PersonGraph
from scheduler.core.person_search import PersonMoves, moves_apply

Roster = dict[str, list[str | None]]


@pytest.mark.parametrize(("seed", "workers"), [(0, 1), (1, 1), (2, 1), (3, 1), (0, 2), (1, 3)])
def test_each_person_move_gains_exactly_what_the_roster_s_true_cost_falls_by(
    seed: int, workers: int
) -> None:
    """A move's gain is the whole roster's cost before less after, by the independent
    costing, and every roster on the way keeps every rule; also with several people
    searched at once against the same roster."""
    problem = random_problem(seed, horizon=28, people=5)
    roster = lawful(problem, seed)
    moves = PersonMoves(problem, seed, workers)
    gained = 0.0
    for _ in range(2 * len(problem.staff)):  # two passes over everyone
        before = true_cost(problem, roster)
        gain = moves.step(roster, Budget(float("inf"), deterministic=0.5))
        check_roster(problem, roster)
        assert true_cost(problem, roster) == before - gain
        gained += gain
    assert gained > 0


def test_a_person_at_their_best_is_left_as_they_are() -> None:
    """After passes over everyone with time to prove each person's optimum, another pass
    finds nothing: each person's schedule is the best for them with the others kept."""
    problem = random_problem(5, horizon=14, people=4)
    roster = lawful(problem, 5)
    moves = PersonMoves(problem, 5)
    for _ in range(6 * len(problem.staff)):
        moves.step(roster, Budget(float("inf"), deterministic=2.0))
    settled = {k: list(v) for k, v in roster.items()}
    gains = [moves.step(roster, Budget(float("inf"), deterministic=2.0)) for _ in problem.staff]
    assert gains == [0.0] * len(problem.staff)
    assert roster == settled


@pytest.mark.parametrize("seed", [0, 1])
def test_the_search_by_parts_lowers_the_cost_keeps_every_rule_and_repeats(seed: int) -> None:
    """Windows and people together, one worker, a work budget: the roster keeps every
    rule, costs what the search says by the independent costing, less than the start, and
    the same seed gives the same roster."""
    problem = random_problem(seed, horizon=42, people=6)
    built = build_model(problem)
    start, _ = start_of(problem, seed)
    found = [
        search_by_parts(built, start, Budget(float("inf"), deterministic=0.5), seed, workers=1)
        for _ in range(2)
    ]
    roster = decode(built, found[0].values)
    check_roster(problem, roster)
    assert true_cost(problem, roster) == found[0].objective < start.objective
    assert decode(built, found[1].values) == roster


def test_people_alone_lower_the_cost_where_windows_are_not_used() -> None:
    problem = random_problem(7, horizon=56, people=6)
    built = build_model(problem)
    start, _ = start_of(problem, 7)
    budget = Budget(float("inf"), deterministic=1.0)
    best = search_by_parts(built, start, budget, 7, workers=1, kinds=("people",))
    roster = decode(built, best.values)
    check_roster(problem, roster)
    assert true_cost(problem, roster) == best.objective < start.objective


def test_goals_joining_people_other_than_the_cover_have_no_person_moves() -> None:
    problem = random_problem(0, horizon=14)
    assert moves_apply(problem)
    fair = FairnessRule("nights", frozenset(range(14)), frozenset({"N"}), 1)
    pair = CompanionRule("constables", "sergeants", frozenset({"N"}), 5)
    designed = RotaLines(cycle=7, lines=1, assignment={"S0": (0, 0)}, weight=1)
    for joined in (
        dataclasses.replace(problem, fairness=(fair,)),
        dataclasses.replace(problem, companions=(pair,)),
        dataclasses.replace(problem, rota=designed),
    ):
        assert not moves_apply(joined)
    alone = dataclasses.replace(problem, staff=problem.staff[:1])
    assert not moves_apply(alone)


def settle(problem: Problem, roster: Roster, moves: PersonMoves) -> None:
    """Passes over everyone until one gains nothing (at most ten)."""
    for _ in range(10):
        gains = [moves.step(roster, Budget(float("inf"), deterministic=2.0)) for _ in problem.staff]
        if not any(gains):
            return
    raise AssertionError("the moves did not settle in ten passes")


@pytest.mark.parametrize("seed", [0, 3])
def test_a_shortest_path_move_is_each_person_s_best_as_cp_sat_proves_it(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """People whose rules fit a graph settle by shortest paths; then CP-SAT, searching each
    person's own model with time to prove it (no graph), finds nothing better for anyone."""
    problem = random_problem(seed, horizon=28, people=5)
    roster = lawful(problem, seed)
    by_path = PersonMoves(problem, seed)
    settle(problem, roster, by_path)
    assert len(by_path._graphs) == len(problem.staff)
    check_roster(problem, roster)
    monkeypatch.setattr("scheduler.core.person_search.supports", lambda *_, **__: False)
    by_model = PersonMoves(problem, seed)
    settled = {k: list(v) for k, v in roster.items()}
    gains = [by_model.step(roster, Budget(float("inf"), deterministic=10.0)) for _ in settled]
    assert gains == [0.0] * len(settled)
    assert roster == settled


def test_people_without_a_graph_are_left_alone_unless_moved_by_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A graph too large: with ``by_model`` the person's CP-SAT model moves them (and
    gains exactly), without it nobody moves."""
    monkeypatch.setattr("scheduler.core.person_search.GRAPH_NODES", 10)
    problem = random_problem(1, horizon=28, people=5)
    roster = lawful(problem, 1)
    kept = {k: list(v) for k, v in roster.items()}
    idle = PersonMoves(problem, 1, by_model=False)
    gains = [idle.step(roster, Budget(float("inf"), deterministic=1.0)) for _ in range(10)]
    assert gains == [0.0] * 10
    assert roster == kept
    moved = PersonMoves(problem, 1)
    gained = 0.0
    for _ in range(len(problem.staff)):
        before = true_cost(problem, roster)
        gain = moved.step(roster, Budget(float("inf"), deterministic=1.0))
        assert true_cost(problem, roster) == before - gain
        gained += gain
    check_roster(problem, roster)
    assert gained > 0
    assert not moved._graphs


def test_no_graph_is_built_in_less_time_than_building_one_has_taken() -> None:
    """A move must not overrun its budget: with less time left than twice a graph's
    building has taken, the next person gets no graph (and the roster keeps every rule)."""
    problem = random_problem(3, horizon=28, people=4)
    roster = lawful(problem, 3)
    moves = PersonMoves(problem, 3, by_model=False)
    moves.step(roster, Budget(float("inf")))
    assert len(moves._graphs) == 1
    moves.step(roster, Budget(time.monotonic() + 1e-6))
    assert len(moves._graphs) == 1
    moves.step(roster, Budget(float("inf")))
    assert len(moves._graphs) == 2
    check_roster(problem, roster)


@pytest.mark.parametrize("seed", [0, 2])
def test_priced_graphs_move_people_lawfully_and_gain_exactly(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a person's exact graph is too large, their graph with the limits on nights
    and weekends priced moves them: every roster on the way keeps every rule (the
    independent checks, nights and weekends included), and each move gains exactly what
    the roster's true cost falls by."""
    real = PersonGraph

    def exact_too_large(problem: Problem, max_nodes: int | None = None, priced: bool = False):
        if not priced:
            raise GraphTooLarge("as an exact graph of a large instance is", reached=1)
        return real(problem, max_nodes=max_nodes, priced=priced)

    monkeypatch.setattr("scheduler.core.person_search.PersonGraph", exact_too_large)
    problem = random_problem(seed, horizon=28, people=5)
    # nights pay most where the cover is short: more people want them than may work them
    cover = tuple(
        dataclasses.replace(c, required=3, under_weight=300) if c.shift == "N" else c
        for c in problem.cover
    )
    problem = dataclasses.replace(problem, cover=cover)
    roster = lawful(problem, seed)
    moves = PersonMoves(problem, seed, by_model=False)
    gained = 0.0
    for _ in range(3 * len(problem.staff)):
        before = true_cost(problem, roster)
        gain = moves.step(roster, Budget(float("inf"), deterministic=1.0))
        check_roster(problem, roster)
        assert true_cost(problem, roster) == before - gain
        gained += gain
    assert gained > 0
    assert moves._graphs
    assert all(g.priced for g in moves._graphs.values())


def test_priced_graphs_are_not_tried_once_most_have_been_too_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once an exact graph is too large, priced graphs are tried first; a priced graph
    too large is known only after most of a large one's building, so once two have been
    too large, and more than have been built, exact graphs only are tried again (known
    too large within a few days). Each person whose graphs were too large has their
    graph with the minutes priced too tried last (too large here as well)."""
    real = PersonGraph
    exact_tried: list[str] = []
    priced_tried: list[str] = []
    minutes_tried: list[str] = []

    def only_one_priced_fits(
        problem: Problem, max_nodes: int | None = None, priced=False, minutes=False
    ):
        person = problem.staff[0].id
        (minutes_tried if minutes else priced_tried if priced else exact_tried).append(person)
        if minutes or not priced or person != "S0":
            raise GraphTooLarge("too large", reached=1)
        return real(problem, max_nodes=max_nodes, priced=True)

    monkeypatch.setattr("scheduler.core.person_search.PersonGraph", only_one_priced_fits)
    problem = random_problem(4, horizon=14, people=6)
    roster = lawful(problem, 4)
    moves = PersonMoves(problem, 4, by_model=False)
    moves._queue = list(reversed(problem.staff))  # S0 first, then S1, S2, ...
    for _ in range(2 * len(problem.staff)):
        moves.step(roster, Budget(float("inf"), deterministic=1.0))
    assert priced_tried == ["S0", "S1", "S2"]
    assert list(dict.fromkeys(exact_tried)) == ["S0", "S3", "S4", "S5"]
    assert minutes_tried == ["S1", "S2", "S3", "S4", "S5"]
    assert list(moves._graphs) == ["S0"]
    check_roster(problem, roster)
