"""The clock every phase of a solve obeys: one wall-clock deadline, an optional budget of
CP-SAT work units, and a stop signal (optimality proven elsewhere)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from .config import LAWFUL_WORK, wall_for_work

# never ask CP-SAT for less than this (a zero limit is "no limit" to some of its checks)
MIN_SECONDS = 0.01
RESERVE = 1.5  # times a pass over the whole model, kept back for the solve's last one
# of the time limit, what a solve's last passes (the join of a lawful roster, the final
# costing) may run past it, and no more (issue 24 allows 5 % and 2 s of start-up)
TOLERANCE = 0.04


@dataclass
class Budget:
    """One phase's share: stop at the wall-clock ``deadline``, when the ``deterministic``
    work is used up, or when ``stop`` is set (another search proved optimality)."""

    deadline: float  # time.monotonic()
    deterministic: float | None = None
    spent: float = 0.0
    stop: threading.Event | None = None

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def limits(self, most: float) -> tuple[float, float | None]:
        """Wall seconds and work units (None: no work budget) for a sub-search of at most
        ``most`` seconds, or with a work budget ``most`` units: the wall clock then only
        a safety net (``wall_for_work``), so a busy machine cannot cut a one-worker
        search short and change its result."""
        if self.deterministic is None:
            return max(0.0, min(self.left(), most)), None
        work = max(0.01, min(most, self.deterministic - self.spent))
        return max(0.0, min(self.left(), wall_for_work(work))), work

    def late(self) -> bool:
        """Whether the wall-clock deadline has passed: a move checks it between its
        parts, so none outlasts the time left on a busy machine (the wall clock only: a
        one-worker run with a work budget stays reproducible)."""
        return self.left() <= 0.05

    def exhausted(self) -> bool:
        if self.stop is not None and self.stop.is_set():
            return True
        if self.deterministic is not None and self.spent >= self.deterministic:
            return True
        return self.late()


@dataclass
class Clock:
    """The whole solve's budget: ``limit`` wall seconds from ``started``, and (optional)
    ``deterministic`` work units, of which ``spent`` are used."""

    started: float
    limit: float
    deterministic: float | None = None
    spent: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)
    reserve: float = 0.0  # seconds kept back from every phase for the solve's last step

    @classmethod
    def start(cls, limit: float, deterministic: float | None = None) -> Clock:
        return cls(time.monotonic(), limit, deterministic)

    @property
    def deadline(self) -> float:
        return self.started + self.limit

    @property
    def end(self) -> float:
        """The ``time.monotonic()`` no pass of the solve may end after: the deadline and
        the tolerance (``TOLERANCE``)."""
        return self.deadline + TOLERANCE * self.limit

    def lawful_end(self) -> float:
        """The ``time.monotonic()`` until which the solve's first lawful roster may be
        sought, building the model included: a roster of poor cover is worth more than
        none. The deadline, or if later the safety net of ``LAWFUL_WORK`` from the start
        (``wall_for_work``): a busy machine stretches a first roster's few tenths of a
        second of CPU tenfold, and a share of two seconds then built the model and found
        nothing (generated seeds 1994, 2000, 2054, 2055, 2057 at load 17). With a work
        budget, the net of the work left, so that the work alone ends it and a slow machine
        ends a reproducible solve with its lawful start, not with none."""
        work = LAWFUL_WORK if self.deterministic is None else self.deterministic - self.spent
        net = wall_for_work(max(0.0, work))
        if self.deterministic is None:
            return max(self.deadline, self.started + net)
        return max(self.deadline, time.monotonic() + net)

    def lawful_left(self) -> float:
        """Wall seconds left to find the first lawful roster (``lawful_end``)."""
        if self.stop.is_set():
            return MIN_SECONDS
        return max(MIN_SECONDS, self.lawful_end() - self.reserve - time.monotonic())

    def lawful_until(self) -> float | None:
        """By when the pass joining a lawful roster found by parts must end (the tolerance
        included, as ``end``); None with a work budget: as long as it takes, reproducibly."""
        if self.deterministic is not None:
            return None
        return self.lawful_end() + TOLERANCE * self.limit

    def left(self) -> float:
        """Wall seconds left (a token amount once stopped or out of time)."""
        if self.stop.is_set():
            return MIN_SECONDS
        return max(MIN_SECONDS, self.deadline - self.reserve - time.monotonic())

    def det_left(self, share: float = 1.0) -> float | None:
        """``share`` of the work units left (None without a work budget)."""
        if self.deterministic is None:
            return None
        return max(0.001, (self.deterministic - self.spent) * share)

    def budget(self, share: float) -> Budget:
        """``share`` of what is left, wall time and work, as a phase's budget."""
        return Budget(time.monotonic() + self.left() * share, self.det_left(share), stop=self.stop)

    def keep_back(self, one_pass: float) -> None:
        """Keep back from every phase ``RESERVE`` times ``one_pass``, the seconds a pass
        over the whole model took: the solve's last step (costing its roster) is one."""
        self.reserve = RESERVE * one_pass

    @property
    def one_pass(self) -> float:
        """The seconds of a pass over the whole model, as last kept back for."""
        return self.reserve / RESERVE

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def out(self) -> bool:
        """Whether the solve must stop: proven, out of time or out of work."""
        if self.stop.is_set() or self.deadline - self.reserve - time.monotonic() <= 0.05:
            return True
        return self.deterministic is not None and self.spent >= self.deterministic
