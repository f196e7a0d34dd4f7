"""CP-SAT on a built model in a child process, so that the search can be ended when the
solve's time is up, not only asked to end.

A search in this process can only be asked to stop (``stop_search``), and CP-SAT heeds
that between its steps: on a busy machine a large model's presolve returned 4-19 s after
it was asked (Gen1695 and Gen1676 at a 25th of a core, BENCHMARKS.md), a search started
with little time left took 3-7 s to load the model and return, and freeing what it had
built took 2-4 s more, all past the limit. Here the search runs in a forked child (it
shares the built model without a copy), each better roster it finds is sent back as it is
found (``Apart.best``), and at its deadline the child is asked to stop; if it has not
answered by the time it must (``kill_at``), it is killed, and the best roster it sent is
the answer. Its memory goes with it, freed by the system, not by this process.

Sending a roster copies it while CP-SAT waits: the copies are spaced so that they take at
most ``COPY_SHARE`` of the search's time (a copy of 60,000 values takes a few
milliseconds); the last roster always comes back with the search's answer when it ends
by itself or when asked. With a work budget and one worker the answer is the search's own
and as reproducible as it is in this process (the wall clock only ends a search that has
run past the solve's end).

Any other pass that must end by a time, whatever CP-SAT does (a roster pinned and costed,
a first lawful roster of the whole model), runs the same way by ``call``: in a forked child
whose answer is waited for until then, and which is killed, its answer None, if it has not
given it.

Where ``fork`` is not available (or this process is a daemonic one, which may not have
children) the search runs in this process, as before.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ortools.sat.python import cp_model

from .cpsat import found, status_of
from .result import Status

_FORK = "fork" in multiprocessing.get_all_start_methods()
COPY_SHARE = 0.1  # of the search's time, at most, spent copying its rosters to send them
POLL = 0.05  # seconds between looks at the clock while the child searches
# seconds a search in a child has to answer once asked to stop before it is killed (past
# its presolve CP-SAT answers in a fraction of a second; in it, not for many seconds)
KILL_GRACE = 2.0
REAP = 0.5  # seconds a killed child is waited for here before a thread reaps it

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a search can run in a child: ``fork`` exists and this process may have
    children (a daemonic one may not)."""
    return _FORK and not multiprocessing.current_process().daemon


def call(work: Callable[[], T], until: float | None) -> T | None:
    """``work()`` in a forked child (it shares this process's memory as it was, without a
    copy), its answer waited for until ``until`` (``time.monotonic()``) and sent back
    pickled; None if it has not answered by then: it is killed, whatever it was doing (a
    CP-SAT presolve heeds no stop), and its memory is the system's to free. Without
    ``until`` (a work budget: as long as it takes) or a ``fork``, ``work()`` here. An error
    in the child is raised here."""
    if until is None or not can_fork():
        return work()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_call_child, args=(work, send), daemon=True)
    process.start()
    send.close()
    answer: tuple[str, Any] | None = None
    try:
        while not receive.poll(min(POLL, max(0.0, until - time.monotonic()))):
            if time.monotonic() >= until:
                break
        else:  # an answer, or the child gone (EOFError)
            answer = receive.recv()
    except (EOFError, OSError):  # it died: no answer
        answer = None
    except BaseException:  # Ctrl-C, say: the child goes with this pass
        process.kill()
        raise
    finally:
        receive.close()
        if process.is_alive():  # its answer is here, or it is not wanted: nothing to wait for
            process.kill()
        # a killed child goes at once (its pages are mostly this process's, shared): reaped
        # here, so that no one else's join races a reaper's; in the background if slow
        process.join(REAP)
        if process.is_alive():
            threading.Thread(target=process.join, name="s92-apart-reap", daemon=True).start()
    if answer is None:
        return None
    kind, value = answer
    if kind == "error":
        raise value
    return value


def _call_child(work: Callable[[], Any], send: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's (it ends this)
    try:
        answer: tuple[str, Any] = ("done", work())
    except Exception as error:  # the parent raises it
        answer = ("error", error)
    with contextlib.suppress(OSError):  # the parent gone: no one to answer
        send.send(answer)
        send.close()


@dataclass
class Roster:
    """A roster the child found: its values (None: not copied, a later one will be),
    its cost, the bound then, and the work so far."""

    values: list[int] | None
    objective: float
    bound: float
    work: float
    at: float = field(default_factory=time.monotonic)  # when it arrived here


@dataclass
class Answer:
    """What the search ended with: its status, best roster (None if it had none, or was
    killed before sending one), bound, work, and whether it was killed."""

    status: Status
    best: Roster | None
    bound: float
    work: float
    killed: bool = False
    handed: bool = False  # stopped by its own hand-over rule (``hand_over``)


class Apart:
    """``solver.solve(model)`` in a forked child, started at once.

    ``on_roster(roster)`` is called here (from a reader thread) at each better roster, with
    or without its values. ``hand_over`` (finite, with a work budget): the child stops at a
    roster that came after ``hand_over`` of its work so far without one (read in work, so
    reproducible). ``stop()`` asks it to stop; ``kill()`` ends it; ``wait(until)`` waits
    for its answer until ``until`` (``time.monotonic()``), then kills it."""

    def __init__(
        self,
        model: cp_model.CpModel,
        solver: cp_model.CpSolver,
        on_roster: Callable[[Roster], None] | None = None,
        hand_over: float = math.inf,
    ) -> None:
        self._on_roster = on_roster
        self._lock = threading.Lock()
        self._best: Roster | None = None  # the best with its values
        self._answer: Answer | None = None
        self._ended = threading.Event()
        self._killed = False
        self.first: float | None = None  # when its first roster arrived
        self.last: float | None = None  # when its latest better roster arrived
        self._process: Any = None
        self._control: Connection | None = None
        # in this process where it cannot fork (a daemonic process may have no children):
        # asked to stop, never killed
        if not can_fork():
            self._solver = solver
            thread = threading.Thread(
                target=self._here, args=(model, solver, hand_over), name="s92-apart", daemon=True
            )
            thread.start()
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        orders, self._control = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_child, args=(model, solver, send, orders, hand_over), daemon=True
        )
        self._process.start()
        send.close()
        orders.close()
        threading.Thread(target=self._read, args=(receive,), name="s92-apart", daemon=True).start()

    # ------------------------------------------------------------------ the parent's side
    def _read(self, receive: Connection) -> None:
        try:
            while True:
                message = receive.recv()
                if message[0] == "roster":
                    self._found(Roster(*message[1:]))
                else:  # "done"
                    status, roster, bound, work, handed = message[1:]
                    best = Roster(*roster) if roster is not None else None
                    if best is not None:
                        self._found(best)
                    with self._lock:
                        kept = self._best
                    self._answer = Answer(status, kept, bound, work, handed=handed)
                    break
        except (EOFError, OSError):  # killed, or it died: what it sent stands
            pass
        finally:
            receive.close()
            if self._answer is None:
                self._answer = self._sent()
            self._ended.set()
            self._reap()

    def _found(self, roster: Roster) -> None:
        with self._lock:
            better = self._best is None or roster.objective < self._best.objective
            if roster.values is not None and (better or roster.objective == self._best_cost()):
                self._best = roster
            if self.first is None:
                self.first = roster.at
            if self.last is None or better:
                self.last = roster.at
        if self._on_roster is not None:
            self._on_roster(roster)

    def _best_cost(self) -> float:
        return self._best.objective if self._best is not None else math.inf

    @property
    def best(self) -> Roster | None:
        """The best roster it has sent so far, with its values."""
        with self._lock:
            return self._best

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def stop(self) -> None:
        """Ask it to stop (it answers with its best roster when CP-SAT heeds that)."""
        if self._process is None:
            self._solver.stop_search()
            return
        assert self._control is not None
        with contextlib.suppress(OSError):  # it has ended already
            self._control.send("stop")

    def kill(self) -> None:
        """End it now (its memory is the system's to free); what it sent stands."""
        if self._process is None:
            self._solver.stop_search()
            return
        self._killed = True
        if self._process.is_alive():
            self._process.kill()

    def wait(self, until: float) -> Answer:
        """Its answer, waited for until ``until``; killed then if it has not given it."""
        if not self._ended.wait(max(0.0, until - time.monotonic())):
            self.kill()
            self._ended.wait(None if self._process is not None else POLL)
        if self._answer is None:  # in this process and not ended yet: what it has found
            return self._sent()
        return self._answer

    def _sent(self) -> Answer:
        """What it sent before it was ended: its best roster, as killed."""
        with self._lock:
            kept = self._best
        if kept is None:
            return Answer("UNKNOWN", None, -math.inf, 0.0, killed=True)
        return Answer("FEASIBLE", kept, kept.bound, kept.work, killed=True)

    def _reap(self) -> None:
        """The child's exit collected in the background: a killed search's memory is
        freed by the system, and nobody waits for that."""
        if self._control is not None:
            self._control.close()
        process = self._process
        if process is not None:
            threading.Thread(target=process.join, name="s92-apart-reap", daemon=True).start()

    # ------------------------------------------------------ no fork: in this process
    def _here(self, model: cp_model.CpModel, solver: cp_model.CpSolver, hand_over: float) -> None:
        stream = _Stream(hand_over, lambda *roster: self._found(Roster(*roster)))
        code = solver.solve(model, stream)
        roster = None
        if found(code):
            values = list(solver.response_proto.solution)
            roster = Roster(
                values,
                solver.objective_value,
                solver.best_objective_bound,
                solver.deterministic_time,
            )
            self._found(roster)
        with self._lock:
            kept = self._best
        bound = solver.best_objective_bound if found(code) else -math.inf
        self._answer = Answer(
            status_of(code), kept, bound, solver.deterministic_time, handed=stream.handed
        )
        self._ended.set()


class _Stream(cp_model.CpSolverSolutionCallback):
    """At each better roster: its cost, and its values when a copy is due (``COPY_SHARE``);
    with a finite ``hand_over``, the stop at a roster that came after that share of the
    work so far without one."""

    def __init__(self, hand_over: float, send: Callable[..., None]) -> None:
        super().__init__()
        self.hand_over = hand_over
        self.handed = False
        self._send = send
        self._began = time.monotonic()
        self._copying = 0.0  # seconds spent copying so far
        self._last_work: float | None = None

    def on_solution_callback(self) -> None:
        work = self.deterministic_time
        if self._last_work is not None and work - self._last_work >= self.hand_over * work:
            self.handed = True
            self.stop_search()
        self._last_work = work
        now = time.monotonic()
        values = None
        if self._copying <= COPY_SHARE * (now - self._began):
            values = list(self.response_proto.solution)
            self._copying += time.monotonic() - now
        self._send(values, self.objective_value, self.best_objective_bound, work)


def _child(
    model: cp_model.CpModel,
    solver: cp_model.CpSolver,
    send: Connection,
    orders: Connection,
    hand_over: float,
) -> None:
    """The search, in the child: rosters sent as found (by a thread of their own, the
    latest one kept, so that CP-SAT never waits on the pipe), the answer at the end. A
    "stop" from the parent, or the parent gone, stops the search."""
    pending: list[tuple[Any, ...]] = []
    ready = threading.Condition()
    finished = False

    def post(*roster: Any) -> None:
        with ready:
            # only the latest roster without values is worth sending; one with values is kept
            pending[:] = [r for r in pending if r[0] is not None][-1:]
            pending.append(roster)
            ready.notify()

    def sender() -> None:
        while True:
            with ready:
                while not pending and not finished:
                    ready.wait()
                if not pending and finished:
                    return
                batch = pending[:]
                pending.clear()
            for roster in batch:
                with contextlib.suppress(OSError):  # the parent is gone
                    send.send(("roster", *roster))

    def listen() -> None:
        with contextlib.suppress(EOFError, OSError):  # the parent gone: no one wants it
            orders.recv()
        solver.stop_search()

    # Ctrl-C is the parent's to handle (it ends this child, or the child sees it gone)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=listen, name="s92-apart-orders", daemon=True).start()
    out = threading.Thread(target=sender, name="s92-apart-send")
    out.start()
    stream = _Stream(hand_over, post)
    code = solver.solve(model, stream)
    with ready:
        finished = True
        ready.notify()
    out.join()
    roster = None
    if found(code):
        values = list(solver.response_proto.solution)
        roster = (
            values,
            solver.objective_value,
            solver.best_objective_bound,
            solver.deterministic_time,
        )
    bound = solver.best_objective_bound if found(code) else -math.inf
    with contextlib.suppress(OSError):  # the parent is gone: no one to answer
        answer = (status_of(code), roster, bound, solver.deterministic_time, stream.handed)
        send.send(("done", *answer))
        send.close()
