"""A run's time left over, shared between its jobs by difficulty.

Jobs first have their shares by weight (officer-days: what a roster costs to build,
``run._weight``), and a job done early leaves its time to the jobs after it; the last
jobs' time left over went unused, and a hard contract rostered before easy ones never
had what they did not need. Whatever is left once every job is done goes to the jobs whose
roster is furthest from its bound (``need``: the objective less the lower bound valid for
the whole horizon, in the objective's own units, cover short first among them): a job
whose roster is proved optimal takes none. A job is solved again only with at least what
its first solve took (``second_shares``): less would build the same lawful start again
for nothing. The cheaper of its two rosters is kept. Work budgets (``--workers 1``) have
no time left over to share: their rosters stay as they were."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Outcome(Protocol):
    """What a first round's job says of how far it is from its best."""

    status: str
    objective: float | None
    bound: float | None

    @property
    def feasible(self) -> bool: ...


def need(outcome: Outcome) -> float:
    """How far a job's roster is from its bound, in the objective's units: none when it
    is proved optimal or has no roster (a contract with no lawful roster is explained,
    not searched again)."""
    if not outcome.feasible or outcome.status == "OPTIMAL" or outcome.objective is None:
        return 0.0
    return max(0.0, outcome.objective - (outcome.bound or 0.0))


def second_shares(needs: Sequence[float], least: Sequence[float], pool: float) -> list[float]:
    """Each job's part of ``pool`` (seconds or work units) by its ``needs``; none for a job
    whose part would come to less than its ``least`` (what its first round took), the
    job with the smallest need left out first and the pool shared again among the rest."""
    chosen = [i for i, n in enumerate(needs) if n > 0]
    while chosen:
        total = sum(needs[i] for i in chosen)
        short = [i for i in chosen if pool * needs[i] / total < least[i]]
        if not short:
            break
        chosen.remove(min(short, key=lambda i: (needs[i], -i)))
    shares = [0.0] * len(needs)
    if chosen:
        total = sum(needs[i] for i in chosen)
        for i in chosen:
            shares[i] = pool * needs[i] / total
    return shares
