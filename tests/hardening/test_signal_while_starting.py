"""Ctrl-C or SIGTERM while s92 starts, before any command's work: ``scheduler.cli`` loaded
the calendars (holidays, icalendar: half a second of the start, seconds on a busy
machine) as the console script imported it, before ``main`` could catch anything, so
Ctrl-C then was a traceback of the import machinery and exit 1, and SIGTERM while a
command's modules loaded killed it with no line. Now both are the one line and the exit
code the README gives, however early they come."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# a child that runs the console script's two lines, with ``signum`` arriving just as the
# calendars' holiday tables are imported
CHILD = textwrap.dedent(
    """
    import importlib.abc
    import os
    import sys

    class Arrive(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "{module}":
                os.kill(os.getpid(), {signum})
            return None

    sys.meta_path.insert(0, Arrive())
    from scheduler.cli import main

    sys.exit(main(["calendar", "2026"]))
    """
)


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [(signal.SIGINT, 130, "s92: interrupted"), (signal.SIGTERM, 143, "s92: terminated")],
)
def test_a_signal_while_loading_is_one_line(signum: int, code: int, line: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(signum=int(signum), module="holidays")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stderr) == (code, line + "\n")
    assert done.stdout == ""


def test_the_entry_module_loads_no_calendar() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, scheduler.cli; "
            "print(sorted(m for m in ('holidays', 'icalendar', 'pandas') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout == "[]\n"


@pytest.mark.parametrize("module", ["argparse", "sqlite3", "scheduler.errors"])
@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [(signal.SIGINT, 130, "s92: interrupted"), (signal.SIGTERM, 143, "s92: terminated")],
)
def test_a_signal_while_the_command_line_module_loads_is_one_line(
    module: str, signum: int, code: int, line: str
) -> None:
    """In the first tens of milliseconds, while ``scheduler.cli`` itself loaded (before
    ``main`` could catch anything), Ctrl-C was a traceback and SIGTERM killed it silently."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(signum=int(signum), module=module)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stderr) == (code, line + "\n")
    assert done.stdout == ""


def test_importing_the_command_line_module_leaves_the_importers_handlers() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import signal; mine = lambda *a: None; signal.signal(signal.SIGINT, mine); "
            "signal.signal(signal.SIGTERM, mine); import scheduler.cli; "
            "print(signal.getsignal(signal.SIGINT) is mine, signal.getsignal(signal.SIGTERM) is mine)",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout == "True True\n"


def test_a_signal_the_parent_ignores_stays_ignored_while_loading() -> None:
    """``nohup`` or a shell's background job ignores Ctrl-C: loading s92 must not undo it."""
    child = CHILD.format(signum=int(signal.SIGINT), module="argparse").replace(
        "import os\n", "import os\nimport signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n", 1
    )
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "2026-12-25" in done.stdout


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [(signal.SIGINT, 130, "s92: interrupted"), (signal.SIGTERM, 143, "s92: terminated")],
)
def test_a_signal_before_the_command_line_module_starts_loading_is_one_line(
    tmp_path: Path, signum: int, code: int, line: str
) -> None:
    """Run as the ``s92`` console script, the package itself is the program's first code:
    a signal between it and ``scheduler.cli``'s first line (a second or two on a loaded
    machine) was a traceback ending in ``from scheduler.cli import main``."""
    script = tmp_path / "s92"
    script.write_text(CHILD.format(signum=int(signum), module="scheduler.cli"))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert (done.returncode, done.stderr) == (code, line + "\n")
