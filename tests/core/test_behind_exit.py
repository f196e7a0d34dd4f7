"""A program whose solve had the lawful search running beside the direct model (a large
model, ``Behind``) aborted as it exited when that search was still at work: its daemon
thread came back from CP-SAT after the interpreter had gone, and the C++ runtime ended
the process ('terminate called without an active exception', exit code 134), after
``s92 roster`` had said it wrote the roster, and at the end of some pytest runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import sys
    import threading

    sys.path.insert(0, {support!r})
    from roster_check import random_problem

    import scheduler.core.lawful as lawful
    from scheduler.core.clock import Clock
    from scheduler.core.config import SolveConfig
    from scheduler.core.model import build_model

    searching = threading.Event()
    real = lawful._search

    def search(alone, solver, presolve):
        # told from inside CP-SAT's search (its log), so the thread is in it for sure
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False
        solver.log_callback = lambda line: searching.set()
        return real(alone, solver, presolve)

    lawful._search = search
    problem = random_problem(0, horizon=364, people=8)
    behind = lawful.Behind(build_model(problem), Clock.start(60), SolveConfig(seed=0, workers=1))
    assert searching.wait(60)
    behind.stop()  # the direct model has its roster: the program goes on, and ends
    print("done")
    """
)


def test_a_program_ends_cleanly_while_the_search_beside_is_at_work() -> None:
    support = str(Path(__file__).parents[1] / "support")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(support=support)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "terminate called" not in done.stderr
    assert (done.returncode, done.stdout) == (0, "done\n"), done.stderr
