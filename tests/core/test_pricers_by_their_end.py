"""Column generation's probe of what its pricers cost ends by its share of the budget:
building a person's pricer heeds no clock (a schedule graph of a million nodes took a CPU
second, and 23 s of a 4 s budget on a busy machine, past the solve's end: BENCHMARKS.md,
portfolio24), so the probe runs in a forked child, ended once two builds can no longer fit,
and column generation is skipped. A slowed stand-in of the build shows the order of events;
no wall-clock assertion."""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from typing import Any

import pytest
from roster_check import random_problem
from stand_in import reaped

from scheduler.core import apart
from scheduler.core.clock import Budget
from scheduler.core.colgen import generate
from scheduler.core.cpsat import decode, find_lawful, make_solver
from scheduler.core.model import build_model

SLOW = 5.0  # seconds the stand-in takes to build a pricer: far past the probe's share here
colgen = importlib.import_module("scheduler.core.colgen")

pytestmark = pytest.mark.skipif(not apart.can_fork(), reason="no fork: the probe runs here")


def test_a_pricer_too_slow_to_build_is_ended_and_column_generation_skipped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    problem = random_problem(2, horizon=14, people=6)
    built = build_model(problem)
    _, lawful = find_lawful(built, make_solver(10, 0, 1))
    assert lawful is not None
    start = {s: tuple(row) for s, row in decode(built, lawful).items()}
    log = tmp_path / "builds.log"
    build = colgen._pricer

    def slow(*args: Any) -> Any:
        with log.open("a") as out:
            out.write(f"started {os.getpid()}\n")
        time.sleep(SLOW)
        with log.open("a") as out:
            out.write("ended\n")
        return build(*args)

    monkeypatch.setattr(colgen, "_pricer", slow)
    result = generate(problem, start, Budget(time.monotonic() + 2.0), only_if_affordable=True)
    assert result.skipped
    words = log.read_text().split()
    pids = [int(w) for w in words if w.isdigit()]
    assert pids == pids[:1]  # one build began ...
    assert pids[0] != os.getpid()  # ... in a child, not in this process
    reaped(pids[0])  # killed
    assert "ended" not in log.read_text().split()  # and it never finished
