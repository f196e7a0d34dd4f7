"""Generated Curtois-format instances: in the stated ranges, readable by the published
reader, feasible by construction (their witness passes the independent scorer), and the
same for the same seed. A small one is solved, and its roster scored independently."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.curtois_format import read_instance, score
from benchmarks.curtois_generate import Shape, generate, shift_ids, sweep_shapes, write
from scheduler.core import solve


def test_the_sweep_spans_the_stated_shapes() -> None:
    shapes = sweep_shapes(30)
    assert len(shapes) == 30
    assert len({s.seed for s in shapes}) == 30
    assert all(10 <= s.staff <= 150 and 2 <= s.types <= 35 for s in shapes)
    assert all(14 <= s.days <= 364 and s.days % 7 == 0 for s in shapes)
    assert {s.tight for s in shapes} == {True, False}
    # the held-out failures' shapes: a year, a hundred and more people, many shift types
    assert any(s.staff >= 100 and s.days == 364 and s.types >= 30 and s.tight for s in shapes)
    assert sweep_shapes(30) == shapes  # seeded


@pytest.mark.parametrize("types", [2, 3, 5, 35])
def test_shift_ids_fit_the_solution_format(types: int) -> None:
    ids = shift_ids(types)
    assert len(ids) == len(set(ids)) == types
    assert all(len(i) <= 2 for i in ids)


@pytest.mark.parametrize(
    "shape",
    [Shape(12, 3, 14, True, 1), Shape(20, 9, 28, False, 2), Shape(15, 35, 42, True, 3)],
    ids=lambda s: s.name,
)
def test_an_instance_is_feasible_by_construction(shape: Shape, tmp_path: Path) -> None:
    path = write(shape, tmp_path)  # raises if its witness breaks a rule
    text, witness = generate(shape)
    assert path.read_text() == text  # the same seed, the same file
    problem = read_instance(path)
    assert (len(problem.staff), len(problem.shifts), problem.horizon) == (
        shape.staff,
        shape.types,
        shape.days,
    )
    assert len(problem.cover) == shape.days * shape.types
    _, violations = score(path, witness)
    assert violations == []
    lazy = dict.fromkeys(witness, [None] * shape.days)  # nobody working breaks the minimums
    assert score(path, lazy)[1]


def test_a_generated_instance_solves_to_a_scored_roster(tmp_path: Path) -> None:
    path = write(Shape(10, 4, 14, True, 5), tmp_path)
    solution = solve(read_instance(path), time_limit=30, seed=0, workers=1, deterministic_time=3)
    assert solution.feasible
    scored, violations = score(path, solution.assignment)
    assert violations == []
    assert scored == solution.objective
