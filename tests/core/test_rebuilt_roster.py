"""The roster built again person by person on shortest paths (``PersonMoves.rebuild``),
checked by the independent roster checks and costing."""

from __future__ import annotations

import dataclasses

import pytest
from lawful_start import lawful, start_of
from roster_check import check_roster, random_problem, true_cost

from scheduler.core import person_search
from scheduler.core.by_parts import search_by_parts
from scheduler.core.clock import Budget
from scheduler.core.cpsat import decode
from scheduler.core.data import Cover
from scheduler.core.model import build_model
from scheduler.core.person_search import PersonMoves

INF = float("inf")


@pytest.mark.parametrize(
    ("seed", "people", "priced"),
    [(0, 5, False), (1, 6, False), (2, 8, False), (3, 4, False), (0, 5, True), (2, 8, True)],
)
def test_a_rebuild_gains_exactly_what_the_true_cost_falls_by_and_keeps_every_rule(
    seed: int, people: int, priced: bool
) -> None:
    """From a lawful roster (costs ignored) the rebuilt roster keeps every rule and costs
    less by exactly the gain it reports, by the independent costing; also on priced
    graphs (limits on a shift type and on weekends priced, not in the graph's state)."""
    problem = random_problem(seed, horizon=28, people=people)
    roster = lawful(problem, seed)
    before = true_cost(problem, roster)
    moves = PersonMoves(problem, seed)
    moves._priced = priced  # as after an exact graph found too large: priced ones first
    gain = moves.rebuild(roster, Budget(INF, deterministic=5.0))
    assert all(graph.priced == priced for graph in moves._graphs.values())
    check_roster(problem, roster)
    assert gain > 0
    assert true_cost(problem, roster) == before - gain


def test_a_rebuild_that_would_cost_more_is_not_taken() -> None:
    """From a roster the moves by person have settled, a rebuild either gains (exactly)
    or leaves the roster as it was: never a roster that costs more."""
    problem = random_problem(4, horizon=28, people=6)
    roster = lawful(problem, 4)
    moves = PersonMoves(problem, 4)
    for _ in range(8):
        for _ in problem.staff:
            moves.step(roster, Budget(INF, deterministic=2.0))
    for attempt in range(4):
        kept = {k: list(v) for k, v in roster.items()}
        before = true_cost(problem, roster)
        gain = moves.rebuild(roster, Budget(INF, deterministic=5.0))
        check_roster(problem, roster)
        assert true_cost(problem, roster) == before - gain
        if gain == 0:
            assert roster == kept, attempt


def test_cover_rows_with_a_ceiling_and_two_rows_a_tour_are_priced_as_the_model_does() -> None:
    """Cover that asks for a range (``ceiling``) and a tour with two cover rows: the gain
    is still the true cost's fall."""
    problem = random_problem(5, horizon=21, people=6)
    extra = tuple(
        Cover(c.day, c.shift, 1, 7, 3, ceiling=3) for c in problem.cover if c.shift == "L"
    )
    ranged = tuple(dataclasses.replace(c, ceiling=c.required + 1) for c in problem.cover)
    problem = dataclasses.replace(problem, cover=ranged + extra)
    roster = lawful(problem, 5)
    before = true_cost(problem, roster)
    gain = PersonMoves(problem, 5).rebuild(roster, Budget(INF, deterministic=5.0))
    check_roster(problem, roster)
    assert true_cost(problem, roster) == before - gain


def test_people_without_a_graph_keep_their_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person whose rules fit no graph is not moved by the rebuild; the others are
    placed around them, and the gain is still exact."""
    problem = random_problem(6, horizon=28, people=6)
    fixed = problem.staff[2].id
    fits = person_search.supports
    monkeypatch.setattr(
        person_search,
        "supports",
        lambda alone, **kw: alone.staff[0].id != fixed and fits(alone, **kw),
    )
    moves = PersonMoves(problem, 6, by_model=False)
    roster = lawful(problem, 6)
    for _ in problem.staff:  # a pass builds the others' graphs (the person is not moved)
        moves.step(roster, Budget(INF, deterministic=2.0))
    roster = lawful(problem, 6)  # and from the lawful roster again
    kept = list(roster[fixed])
    before = true_cost(problem, roster)
    gain = moves.rebuild(roster, Budget(INF, deterministic=5.0))
    assert roster[fixed] == kept
    check_roster(problem, roster)
    assert gain > 0
    assert true_cost(problem, roster) == before - gain


def test_a_rebuild_out_of_work_changes_nothing() -> None:
    problem = random_problem(7, horizon=28, people=6)
    roster = lawful(problem, 7)
    kept = {k: list(v) for k, v in roster.items()}
    budget = Budget(INF, deterministic=1e-9)
    assert PersonMoves(problem, 7).rebuild(roster, budget) == 0.0
    assert roster == kept


def test_the_search_by_parts_from_a_rebuild_keeps_every_rule_and_repeats() -> None:
    """With the rebuild first, then the moves by person (shortest paths: no search a busy
    machine's clock could cut short), one worker and a work budget: the roster keeps every rule,
    costs what the search says by the independent costing, no more than the rebuild alone
    gave, and the same seed gives the same roster."""
    seed = 1
    problem = random_problem(seed, horizon=42, people=6)
    built = build_model(problem)
    start, roster = start_of(problem, seed)
    rebuilt = {k: list(v) for k, v in roster.items()}
    PersonMoves(problem, seed).rebuild(rebuilt, Budget(INF, deterministic=5.0))
    found = [
        search_by_parts(
            built, start, Budget(INF, deterministic=0.5), seed, kinds=("people",), rebuild=True
        )
        for _ in range(2)
    ]
    result = decode(built, found[0].values)
    check_roster(problem, result)
    assert true_cost(problem, result) == found[0].objective < start.objective
    assert found[0].objective <= true_cost(problem, rebuilt)
    assert decode(built, found[1].values) == result
