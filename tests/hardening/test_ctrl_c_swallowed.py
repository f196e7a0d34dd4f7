"""Ctrl-C landing where Python cannot raise it (a finalizer, a weakref callback: an
import's module lock, an object the collector frees) was printed as "Exception ignored"
and lost: the command ran on, wrote everything and exited 0. Now the signal is recorded
and the next point where files go into place or the store commits stops there: one
line, exit 130, nothing written, nothing logged."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from scheduler.store import Store

# ``main`` run in a child, Ctrl-C arriving inside a finalizer while ``target`` runs
CHILD = textwrap.dedent(
    """
    import os
    import signal
    import sys
    import time

    import {module} as patched
    from scheduler.cli import main

    class Lost:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)  # the handler runs here: its KeyboardInterrupt is unraisable

    original = patched.{name}

    def target(*args, **kwargs):
        Lost()
        return original(*args, **kwargs)

    patched.{name} = target
    sys.exit(main({argv!r}))
    """
)


def _run(module: str, name: str, argv: list[str]) -> subprocess.CompletedProcess[str]:
    child = CHILD.format(module=module, name=name, argv=argv)
    return subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=300, check=False
    )


def test_a_swallowed_ctrl_c_writes_no_files(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    done = _run(
        "scheduler.commands.scenario", "schema_text", ["scenario", "docs", "--out", str(out)]
    )
    assert (done.returncode, done.stderr) == (130, "s92: interrupted\n")
    assert not out.exists() or not any(out.iterdir())


def test_a_swallowed_ctrl_c_logs_no_entry(tmp_path: Path) -> None:
    db = tmp_path / "s92.db"
    argv = ["abstract", "add", "--officer", "A-01", "--date", "2026-06-01", "--kind",
            "sickness", "--reason", "flu", "--authorised-by", "Sgt Lee", "--notified",
            "2026-06-01", "--db", str(db)]  # fmt: skip
    done = _run("scheduler.commands.abstract", "parse_entry", argv)
    assert (done.returncode, done.stderr) == (130, "s92: interrupted\n")
    if db.exists():
        with Store(db) as store:
            assert store.entries() == []


def test_a_ctrl_c_swallowed_while_the_command_loads_writes_no_files(tmp_path: Path) -> None:
    # lost while the command's modules loaded (before its work began, where no commit
    # point looks): the command ran on for its whole run, wrote its files and exited 0
    out = tmp_path / "docs"
    done = _run("scheduler.cli", "_module", ["scenario", "docs", "--out", str(out)])
    assert (done.returncode, done.stderr) == (130, "s92: interrupted\n")
    assert not out.exists() or not any(out.iterdir())


# the signal landing in an extension module's initialisation (ortools' pybind11 helper,
# loaded as a command starts): the module turns it into its own ImportError
TURNED = textwrap.dedent(
    """
    import os
    import signal
    import sys

    import scheduler.commands.validate as patched
    from scheduler.cli import main

    def run(args):
        try:
            os.kill(os.getpid(), signal.{signal})
        except KeyboardInterrupt:
            raise ImportError("initialization failed") from None

    patched.run = run
    sys.exit(main(["validate", "any.toml"]))
    """
)


def test_a_signal_turned_into_another_error_is_still_the_one_line() -> None:
    for name, code, said in (("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated")):
        done = subprocess.run(
            [sys.executable, "-c", TURNED.format(signal=name)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert (done.returncode, done.stderr) == (code, f"s92: {said}\n")


# Ctrl-C while the command line is read, between the loading and the command's work
READING = textwrap.dedent(
    """
    import argparse
    import os
    import signal
    import sys

    from scheduler.cli import main

    original = argparse.ArgumentParser.parse_args

    def parse_args(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return original(self, *args, **kwargs)

    argparse.ArgumentParser.parse_args = parse_args
    sys.exit(main(["validate", "any.toml"]))
    """
)


def test_ctrl_c_while_the_command_line_is_read_is_the_one_line() -> None:
    # it was a traceback: Python's own handler was back between the loading and the work
    done = subprocess.run(
        [sys.executable, "-c", READING], capture_output=True, text=True, timeout=300, check=False
    )
    assert (done.returncode, done.stderr) == (130, "s92: interrupted\n")
