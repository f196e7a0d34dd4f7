"""A wall clock the test moves: for tests of what a solve does when time runs out, whose
outcome must depend on the order of events, not on how busy the machine is.

``held_clock(monkeypatch, modules)`` gives the named modules of ``scheduler.core`` a
``time`` whose ``monotonic()`` stands still until the test calls ``move_past``; everything
else (``sleep``, ``perf_counter``...) is the real ``time``. A solve started under it has all
the time it wants for each step (its deadline is never reached by waiting), and its
deadline passes exactly when the test says: beside two busy processes at the lowest
priority a step takes seconds longer, and the test waits for it, not the solve's clock."""

from __future__ import annotations

import importlib
import time
from typing import Any

import pytest


class HeldClock:
    """``time`` as a solve's modules read it, with ``monotonic()`` held."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now

    def move_past(self, moment: float) -> None:
        """The clock moved on to just after ``moment`` (never back)."""
        self.now = max(self.now, moment + 0.001)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


# the modules a solve's clock, its lawful roster beside the direct model and the join read
# the time through (not ``later``, whose waits would then never end)
SOLVE_MODULES = (
    "scheduler.core.clock",
    "scheduler.core.solve",
    "scheduler.core.lawful",
    "scheduler.core.pinned",
    "scheduler.core.model",
    "scheduler.core.person_search",
)


def held_clock(
    monkeypatch: pytest.MonkeyPatch, modules: tuple[str, ...] = SOLVE_MODULES
) -> HeldClock:
    """The clock ``modules`` read from now on (until the test ends), held where it is."""
    clock = HeldClock()
    for name in modules:
        module = importlib.import_module(name)
        assert module.time is time, name  # the module reads ``time.monotonic()``
        monkeypatch.setattr(module, "time", clock)
    return clock
