"""A device or a pipe given as an input file: /dev/zero was read until memory ran out (a
MemoryError traceback, or the machine's memory filled), a pipe nobody writes to hung the
command for ever. Each is refused at once, one line naming it; so is a file larger than
any input can be."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

from scheduler.limits import MAX_INPUT_BYTES

# every case in one child (one start of the program), each under an alarm: a read that
# never ends is cut off and reported, not waited for
CHILD = textwrap.dedent(
    """
    import contextlib
    import io
    import json
    import signal
    import sys

    from scheduler.cli import main

    class Hung(BaseException):
        pass

    def hung(signum, frame):
        raise Hung

    signal.signal(signal.SIGALRM, hung)
    results = []
    for argv in json.loads(sys.argv[1]):
        err = io.StringIO()
        signal.alarm(20)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(argv)
        except Hung:
            code = "hung"
        except BaseException as exc:
            code = type(exc).__name__
        finally:
            signal.alarm(0)
        results.append([code, err.getvalue()])
    print(json.dumps(results))
    """
)


def _cases(scenario: Path, special: str, db: Path) -> list[tuple[list[str], str]]:
    s = str(scenario)
    return [
        (["validate", special], "a scenario file"),
        (["check", s, special], "a roster"),
        (["abstract", "import", s, special, "--db", str(db)], "a CSV of entries"),
        (["calendar", "2026", "--import", special], "an iCalendar file"),
        (["report", s, "--period", "2026-10", "--out", "r", "--actuals", special], "a duty record CSV"),
        (["scenario", "import", "--officers", special, "--leave", special, "--out", "x.toml"], "a spreadsheet"),
    ]  # fmt: skip


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_a_pipe_is_refused_at_once(tmp_path: Path, special: str) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    if special == "fifo":
        special = str(tmp_path / "fifo")
        os.mkfifo(special)  # nobody writes to it
    cases = _cases(scenario, special, tmp_path / "s92.db")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([argv for argv, _ in cases])],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr
    for (argv, what), (code, err) in zip(cases, json.loads(done.stdout), strict=True):
        assert code == 2, (argv, code, err)
        assert err.startswith(f"{special}: is a device, pipe or socket, not {what}"), (argv, err)
        assert err.count("\n") == 1, (argv, err)


def test_a_file_larger_than_any_input_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    big = tmp_path / "roster.csv"
    with big.open("wb") as handle:  # sparse: no disk is filled to make it
        handle.truncate(MAX_INPUT_BYTES + 1)
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    result = run(capsys, "check", scenario, big)
    assert result.code == 2
    assert result.err == f"{big}: is larger than a roster can be (512 MB): is it the right file?\n"
