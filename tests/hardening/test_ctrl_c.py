"""Ctrl-C in a command that solves. CP-SAT caught it itself: the search stopped and
``s92 roster --publish`` went on to write and publish what it had, exit 0; and once a
search was over CP-SAT left Ctrl-C set to kill the program outright (no line, no
clean-up, a commit of several files cut half-way). Now the program's own handling holds
throughout: one line, exit 130, nothing written or published."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, published_tiny, snapshot, store_state

# the command line run in a child, with CP-SAT's solve wrapped: ``when`` says where
# Ctrl-C comes (``during``: while a search runs; ``after``: just after the first one)
CHILD = textwrap.dedent(
    """
    import os
    import signal
    import sys
    import threading

    from ortools.sat.python import cp_model

    from scheduler.cli import main

    real = cp_model.CpSolver.solve
    pressed = []

    def busy_model():
        model = cp_model.CpModel()
        xs = [model.new_int_var(0, 60, f"x{{i}}") for i in range(40)]
        model.add_all_different(xs)
        model.maximize(sum(x * (i % 7 + 1) * (i % 3 + 1) for i, x in enumerate(xs)))
        return model

    def solve(self, model, *args, **kwargs):
        if pressed:
            return real(self, model, *args, **kwargs)
        pressed.append(True)
        if {when!r} == "during":  # Ctrl-C while a search (with s92's settings) runs
            busy = cp_model.CpSolver()
            catch = self.parameters.catch_sigint_signal  # as s92 set it
            busy.parameters.catch_sigint_signal = catch
            busy.parameters.max_time_in_seconds = 2.0
            busy.parameters.num_workers = 1
            threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
            real(busy, busy_model())
            return real(self, model, *args, **kwargs)
        status = real(self, model, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C once the search is over
        return status

    cp_model.CpSolver.solve = solve
    sys.exit(main(sys.argv[1:]))
    """
)


def _child(script: str, argv: list[object]) -> subprocess.CompletedProcess[str]:
    """``script`` run in a child with the command line ``argv``."""
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("when", ["during", "after"])
def test_ctrl_c_in_s92_roster_publish_writes_and_publishes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, when: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    stored = store_state(tiny.db)
    out = tmp_path / "again"
    argv = ["roster", tiny.scenario, "--out", out, "--publish", "--db", tiny.db, *SOLVE]
    done = _child(CHILD.format(when=when), argv)
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (130, ["s92: interrupted"]), (
        done.stderr
    )
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert store_state(tiny.db) == stored


def test_ctrl_c_while_the_command_loads_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # loading a command's modules takes seconds on a busy machine: Ctrl-C then gave a
    # traceback of the import machinery
    from scheduler import cli

    def interrupted(name: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_module", interrupted)
    assert cli.main(["validate", "x.toml"]) == 130
    assert capsys.readouterr().err == "s92: interrupted\n"


# SIGTERM (``kill``, ``timeout``, a service stopped) just as the second of the roster's
# files is renamed into place
TERM_CHILD = textwrap.dedent(
    """
    import os
    import signal
    import sys
    from pathlib import Path

    from scheduler import files
    from scheduler.cli import main

    real = os.replace
    into = []

    def replace(src, dst):
        if Path(dst).parent == Path({folder!r}) and not Path(dst).name.startswith("."):
            into.append(dst)
            if len(into) == 2:
                os.kill(os.getpid(), signal.SIGTERM)
        real(src, dst)

    files.os.replace = replace
    sys.exit(main(sys.argv[1:]))
    """
)


def test_sigterm_half_way_through_the_files_takes_back_files_and_publication(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    folder = tiny.roster.parent
    (folder / "roster.csv").write_text("the planner's copy")  # so a new one shows
    before, stored = snapshot(folder), store_state(tiny.db)
    argv = ["roster", tiny.scenario, "--out", folder, "--publish", "--db", tiny.db, *SOLVE]
    done = _child(TERM_CHILD.format(folder=str(folder)), argv)
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (143, ["s92: terminated"]), (
        done.stderr
    )
    assert snapshot(folder) == before  # no temporary left either
    assert store_state(tiny.db) == stored


def test_every_solver_s92_makes_leaves_ctrl_c_to_the_program() -> None:
    # a CP-SAT solver made without it takes Ctrl-C for itself again (see above)
    root = Path(__file__).parents[2] / "scheduler"
    made = 0
    for source in sorted(root.rglob("*.py")):
        lines = source.read_text(encoding="utf-8").splitlines()
        for at, line in enumerate(lines):
            if "cp_model.CpSolver()" in line:
                made += 1
                after = "\n".join(lines[at : at + 8])
                assert "catch_sigint_signal = False" in after, f"{source}:{at + 1}"
    assert made >= 5
