"""The time a run has left once every job is done goes to its contracts by difficulty
(``scheduler.roster.shares``): to the rosters furthest from their bounds, the cheaper
roster of a job kept. A stand-in backend answers each round's jobs at once, so the order
of events is what is tested, with nothing solved."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from roster_fixtures import small_scenario

from scheduler.roster.run import ContractOutcome, Job, SolveSettings, roster_scenario
from scheduler.roster.shares import need, second_shares

LIMIT = 60.0


class _Rounds:
    """A backend that solves nothing: each job's outcome from ``answers`` by contract and
    round; the jobs of every round kept, in order."""

    parallelism = 2

    def __init__(self, answers: Mapping[tuple[str, int], ContractOutcome]) -> None:
        self.answers = answers
        self.rounds: list[list[Job]] = []

    def map(self, fn: Callable[..., Any], items: Sequence[Job], progress: Any = None) -> list[Any]:
        self.rounds.append(list(items))
        return [self.answers[job.contract_id, len(self.rounds) - 1] for job in items]

    def close(self) -> None:
        pass


def _outcome(
    cid: str, status: str, objective: float, bound: float, seconds: float = 1.0
) -> ContractOutcome:
    return ContractOutcome(cid, status, objective, bound, None, seconds, 4)


def _run(
    answers: Mapping[tuple[str, int], ContractOutcome], workers: int = 2
) -> tuple[_Rounds, dict[str, float]]:
    backend = _Rounds(answers)
    settings = SolveSettings(time_limit=LIMIT, workers=workers, seed=0)
    result = roster_scenario(small_scenario(), settings, backend=backend)
    return backend, {o.contract_id: o.objective or 0.0 for o in result.outcomes}


def test_the_time_left_goes_to_the_contract_short_of_its_bound() -> None:
    backend, objectives = _run(
        {
            ("A", 0): _outcome("A", "OPTIMAL", 10, 10),
            ("B", 0): _outcome("B", "FEASIBLE", 50, 20),
            ("B", 1): _outcome("B", "FEASIBLE", 30, 20),
        }
    )
    first, *later = backend.rounds
    assert sorted(job.contract_id for job in first) == ["A", "B"]
    (second,) = later  # B alone again, the whole of what is left its part
    assert [job.contract_id for job in second] == ["B"]
    assert second[0].part == 1.0
    assert second[0].config.time_limit > 1.0  # more than its first solve took
    assert objectives == {"A": 10, "B": 30}  # the cheaper of B's two rosters


def test_a_second_roster_no_cheaper_leaves_the_first() -> None:
    _, objectives = _run(
        {
            ("A", 0): _outcome("A", "OPTIMAL", 10, 10),
            ("B", 0): _outcome("B", "FEASIBLE", 50, 20),
            ("B", 1): _outcome("B", "FEASIBLE", 60, 20),
        }
    )
    assert objectives == {"A": 10, "B": 50}


def test_nothing_solved_again_without_time_for_it_or_need() -> None:
    optimal = {("A", 0): _outcome("A", "OPTIMAL", 10, 10), ("B", 0): _outcome("B", "OPTIMAL", 5, 5)}
    assert len(_run(optimal)[0].rounds) == 1
    # B's first solve took longer than the whole run has: no time left that could do more
    slow = {
        ("A", 0): _outcome("A", "OPTIMAL", 10, 10),
        ("B", 0): _outcome("B", "FEASIBLE", 50, 20, 10 * LIMIT),
    }
    assert len(_run(slow)[0].rounds) == 1
    # a work budget (one worker): the same roster on any machine, so no time to share
    hard = {
        ("A", 0): _outcome("A", "FEASIBLE", 30, 10),
        ("B", 0): _outcome("B", "FEASIBLE", 50, 20),
    }
    assert len(_run(hard, workers=1)[0].rounds) == 1


def test_need_is_the_distance_to_the_bound() -> None:
    assert need(_outcome("A", "FEASIBLE", 50, 20)) == 30
    assert need(_outcome("A", "OPTIMAL", 50, 20)) == 0  # proved: nothing to find
    assert need(ContractOutcome("A", "INFEASIBLE", None, None, None, 1.0, 4)) == 0


def test_shares_by_need_leave_out_a_job_they_would_give_less_than_it_took() -> None:
    assert second_shares([0, 6, 2], [1, 1, 1], 8) == [0, 6, 2]
    # 2 of 8 is less than the 3 the third job's first solve took: all 8 to the second
    assert second_shares([0, 6, 2], [1, 1, 3], 8) == [0, 8, 0]
    assert second_shares([1, 1], [5, 5], 8) == [8, 0]  # one left out, the other has both
    assert second_shares([1, 1], [9, 9], 8) == [0, 0]  # none can use its part
