"""Ctrl-C (SIGINT) and SIGTERM while a command runs, kept until it stops. Python raises
the signal's exception wherever it lands; landing in a finalizer or a weakref callback (an
import's module lock, an object the collector frees) it is printed as "Exception ignored"
and lost, and the command ran on to write and publish everything, exit 0. The handler
also records the signal, and every point where files go into place or the store commits
(``check``) raises it again, so nothing is written after it, whatever swallowed it."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a service stopped), met as Ctrl-C is: the command
    stops where it is, and what it staged or half-wrote is taken back on the way out."""


_received: list[int] = []  # the signals received while ``handled`` holds


def _raise(signum: int) -> None:
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def _handler(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    _raise(signum)


def check() -> None:
    """Raise the signal received, if one was (its exception may have been swallowed)."""
    if _received:
        _raise(_received[0])


def _quiet_hook(previous: Any) -> Any:
    """``sys.unraisablehook`` passing over our own exception where it was swallowed: it is
    recorded, and raised again by the next ``check``; one line is said for it then."""

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and _received:
            return
        previous(unraisable)

    return hook


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """SIGINT and SIGTERM recorded and raised (as ``KeyboardInterrupt``, ``Terminated``)
    while the block runs; a signal the parent ignores (``nohup``) stays ignored; the
    handlers and hook before are put back after (``s92 serve``'s server sets its own)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {
        s: signal.signal(s, _handler)
        for s in (signal.SIGINT, signal.SIGTERM)
        if signal.getsignal(s) is not signal.SIG_IGN
    }
    hook = sys.unraisablehook
    sys.unraisablehook = _quiet_hook(hook)
    try:
        yield
    except Exception:
        # the signal landed in C code that turned it into its own error (an extension
        # module loading: pybind11's ``ImportError: initialization failed``): the signal
        # is what happened, not that error, so it is what the user hears of
        check()
        raise
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        sys.unraisablehook = hook
        _received.clear()
