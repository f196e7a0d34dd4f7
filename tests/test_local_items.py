"""The local pool hands its forked workers the items they already have: an item is never
pickled to them (London's jobs each hold the whole scenario)."""

from __future__ import annotations

import multiprocessing

import pytest

from scheduler.backend import LocalBackend

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork here"
)


class Unpicklable:
    """An item that refuses to be pickled, as a job too large to copy stands for."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __reduce__(self) -> tuple:
        raise TypeError("this item must not be pickled")


def _value(item: Unpicklable) -> int:
    return item.value * 2


def _told(item: Unpicklable, emit) -> int:
    emit("done", item.value)
    return item.value + 1


def test_items_reach_the_workers_unpickled_in_order() -> None:
    items = [Unpicklable(v) for v in (5, 3, 8, 1)]
    seen: list[tuple[str, int]] = []
    with LocalBackend(2) as backend:
        assert backend.map(_value, items) == [10, 6, 16, 2]
        assert backend.map(_told, items, lambda *a: seen.append(a)) == [6, 4, 9, 2]
        assert backend.map(_value, [Unpicklable(7)]) == [14]  # one item runs here
    assert sorted(seen) == [("done", 1), ("done", 3), ("done", 5), ("done", 8)]


def test_a_later_map_gets_its_own_items() -> None:
    with LocalBackend(2) as backend:
        assert backend.map(_value, [Unpicklable(1), Unpicklable(2)]) == [2, 4]
        assert backend.map(_value, [Unpicklable(10), Unpicklable(20)]) == [20, 40]
