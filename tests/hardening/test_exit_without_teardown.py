"""The installed command (``scheduler.cli:script``) exits without the interpreter's
teardown of every object left (London's roster: a second of a shared core after its files
are in place), but with its exit handlers run, its streams flushed and its threads done."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import atexit
    import sys
    import threading
    import time

    from scheduler import cli

    class Left:
        def __del__(self):
            sys.stderr.write("torn down\\n")

    kept = Left()

    def work(argv=None, **options):
        print("x" * 100, end="")  # piped: in the buffer until flushed
        sys.stderr.write("said")
        atexit.register(lambda: print("handler ran", file=sys.stderr))
        if {thread}:
            threading.Thread(target=lambda: (time.sleep(0.2), print("thread done"))).start()
        return 3

    cli.main = work
    cli.script()
    """
)


def _run(thread: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD.format(thread=thread)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_command_exits_with_its_code_output_and_handlers_but_no_teardown() -> None:
    done = _run(thread=False)
    assert (done.returncode, done.stdout, done.stderr) == (3, "x" * 100, "saidhandler ran\n")


def test_a_thread_still_running_ends_before_the_command_does() -> None:
    done = _run(thread=True)
    assert done.returncode == 3
    assert done.stdout == "x" * 100 + "thread done\n"
    assert "handler ran" in done.stderr
