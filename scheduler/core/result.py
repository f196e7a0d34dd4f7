"""What a solve returns: the roster, its cost broken down by term, and solver statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID"]


def gap(objective: float, bound: float) -> float:
    """The one gap formula: how far ``objective`` may be above the optimum, given a valid
    lower ``bound``, relative to the objective (at least 1, so tiny objectives do not blow
    it up); never negative."""
    return max(0.0, objective - bound) / max(1.0, abs(objective))


@dataclass(frozen=True)
class Conflict:
    """One hard-rule family of one staff member (or of the whole problem when ``staff`` is
    None) taking part in an infeasibility. ``days`` is the inclusive day range it covers."""

    rule: str
    staff: str | None
    days: tuple[int, int] | None

    def __str__(self) -> str:
        who = f" for {self.staff}" if self.staff is not None else ""
        if self.days is None:
            when = ""
        elif self.days[0] == self.days[1]:
            when = f" on day {self.days[0]}"
        else:
            when = f" on days {self.days[0]}-{self.days[1]}"
        return f"{self.rule}{who}{when}"


@dataclass(frozen=True)
class Progress:
    """Reported at every improving solution: objective, best bound, wall seconds so far."""

    objective: float
    bound: float
    seconds: float


@dataclass
class Solution:
    """A roster and how good it is. ``assignment[staff][day]`` is a shift id or None (off);
    it is empty when no solution was found. ``breakdown`` maps each objective term's name to
    its cost; the costs sum to ``objective``."""

    status: Status
    objective: float | None
    bound: float | None  # a valid lower bound on the objective of any roster
    gap: float | None  # ``gap(objective, bound)``; 0 when optimal
    seconds: float
    assignment: dict[str, list[str | None]] = field(default_factory=dict)
    breakdown: dict[str, int] = field(default_factory=dict)
    # the base pattern the solver designed (line -> shift or None per cycle day), if any
    rota_pattern: dict[int, tuple[str | None, ...]] | None = None
    # solved in blocks (``rolling``): the sum of each block's own bound given the blocks
    # before it. How far each block is from its best, not a bound on the roster
    block_bound: float | None = None

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    def shift(self, staff: str, day: int) -> str | None:
        return self.assignment[staff][day]
