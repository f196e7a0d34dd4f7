"""Ctrl-C or SIGTERM while ``s92`` starts, before ``scheduler.cli.main`` can catch it (the
command line module's own imports: tens of milliseconds, more on a busy machine): the
README's one line and exit code, not a traceback of the import machinery. Nothing has been
written then. Imported first by ``scheduler.cli``, which puts the handlers before back
(``restore``) once it has loaded, so an importer (a test, a server) keeps its own."""

from __future__ import annotations

import os
import signal


def _stopped(signum: int, frame: object) -> None:
    os.write(2, b"s92: interrupted\n" if signum == signal.SIGINT else b"s92: terminated\n")
    os._exit(128 + signum)


def _install() -> dict[int, object]:
    """Our handler for each signal not ignored (``nohup``, a shell's background job: a
    signal the parent ignores stays ignored)."""
    before: dict[int, object] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                before[signum] = signal.signal(signum, _stopped)
    except ValueError:  # imported outside the main thread, where no handler can be set
        pass
    return before


_BEFORE = _install()


def restore() -> None:
    """The handlers as they were before this module was imported."""
    for signum, handler in _BEFORE.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]
    _BEFORE.clear()
