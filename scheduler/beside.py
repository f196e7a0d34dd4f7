"""Work a command hands to a child process while it goes on with its own.

``s92 roster`` writes roster.xlsx (London: 3 s of openpyxl, which holds the GIL) while it
checks the roster and explains its cover (about as long), so the time it keeps back from
``--time-limit`` for them is the longer of the two on a machine with two cores, not their
sum. The child is forked: it shares the parent's memory, so the roster table is neither
copied nor pickled to it; only its error, if any, comes back.

``with Beside(fn, *args) as job:`` runs ``fn(*args)`` in the child; leaving the block waits
for it, however the block ends (a child killed mid-write could leave a temporary file
where the command said nothing would be written). After the block, ``job.result()``
raises the child's error as if ``fn`` had been called here; a caller that throws the work
away (a roster that failed its check) need not ask. Where ``fork`` is not available,
``fn`` runs here on leaving the block, if the block succeeded.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

_FORK = "fork" in multiprocessing.get_all_start_methods()


class ChildFailed(OSError):
    """The child died without saying why (killed, say by the kernel short of memory, or
    an error that would not pickle): the machine's fault, one line from the command."""


class Beside:
    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._fn, self._args = fn, args
        self._error: BaseException | None = None
        self._process: Any = None  # a forked multiprocessing.Process
        self._conn: Connection | None = None
        if _FORK:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(send, fn, args), daemon=False)
            self._process.start()
            send.close()
            self._conn = receive

    def __enter__(self) -> Beside:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._wait(run=kind is None)

    def result(self) -> None:
        """After the block: the child's error raised here, if it had one."""
        if self._error is not None:
            raise self._error

    def _wait(self, run: bool) -> None:
        if self._process is None:  # no fork: the work is done here, if still wanted
            if not run:
                return
            try:
                self._fn(*self._args)
            except Exception as exc:
                self._error = exc
            return
        assert self._conn is not None
        message: object = None
        said = True
        try:
            message = self._conn.recv()
        except EOFError:  # the child ended without a word: killed, or exited early
            said = False
        finally:
            self._process.join()
            self._conn.close()
        if isinstance(message, BaseException):
            self._error = message
        elif not said or self._process.exitcode != 0:
            self._error = ChildFailed(
                f"{_name(self._fn)} stopped with exit code {self._process.exitcode}"
            )


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        fn(*args)
        conn.send(None)
    except BaseException as exc:
        try:
            conn.send(exc)
        except (pickle.PicklingError, TypeError, AttributeError):
            conn.send(_plain(fn, exc))
    finally:
        conn.close()


def _plain(fn: Callable[..., Any], exc: BaseException) -> BaseException:
    """An error that would not pickle, as one that does: a fault of the disk keeps its
    errno, strerror and file (the command words it as a disk fault); anything else says
    what it was."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return OSError(exc.errno, exc.strerror, exc.filename)
    return ChildFailed(f"{_name(fn)} failed: {exc!r}")


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__name__", repr(fn))
