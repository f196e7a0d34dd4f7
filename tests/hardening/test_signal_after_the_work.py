"""Ctrl-C or SIGTERM once a command's work is done, while the interpreter shuts down (a
second or more on a busy machine: the kill hunt met it after 's92 roster --publish' had
said "published roster version 5"): the process ended as killed by the signal (-2, -15)
though its files were in place and the store committed, and a script running it under
``timeout`` took the published roster for a failed run. The installed command
(``scheduler.cli:script``) now exits with the command's own code."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

# the console script's lines, with the command done (exit 0, a line said) and ``signum``
# arriving as the interpreter shuts down
CHILD = textwrap.dedent(
    """
    import atexit
    import os
    import sys

    from scheduler import cli

    def work(argv=None, **options):
        print("published roster version 5")
        return 0

    cli.main = work
    atexit.register(lambda: os.kill(os.getpid(), {signum}))
    cli.script()
    """
)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_a_signal_after_the_work_keeps_its_exit_code(signum: int) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(signum=int(signum))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "published roster version 5\n", "")


def test_the_installed_command_is_the_script() -> None:
    from importlib.metadata import entry_points

    [s92] = [e for e in entry_points(group="console_scripts") if e.name == "s92"]
    assert s92.value == "scheduler.cli:script"
