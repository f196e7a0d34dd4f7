"""Phase 1 of a solve: any lawful roster, costs ignored.

CP-SAT finds one at once on the whole model, where with the objective a single worker may
search long without any. On a long horizon the whole model may not yield one quickly; every
hard rule is one person's, so then each person's rules are solved alone (``schedules``)
and the rows joined on the whole model (``lawful_by_person``). Beside a large model's
direct model the same search runs at the lowest CPU priority (``Behind``), as the
portfolio's anytime start.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from functools import partial

from ortools.sat.python import cp_model

from .apart import KILL_GRACE, call
from .clock import Clock
from .colgen import person_problem
from .config import LAWFUL_WORK, SolveConfig, wall_for_work
from .cpsat import decode, find_lawful, make_solver, set_hint
from .data import Problem, StaffMember
from .model import BuiltModel, build_model
from .params import quick_feasible
from .pinned import complete
from .result import Status


def lawful_roster(
    built: BuiltModel, clock: Clock, config: SolveConfig, hinted: bool, whole: bool = True
) -> tuple[Status, list[int] | None]:
    """Any roster meeting the hard rules, costs ignored: CP-SAT finds one at once this way,
    where with the objective a single worker may search long without any. On a long
    horizon the whole model may not yield one quickly; every hard rule is one person's, so
    then each person's rules are solved alone and the rows joined."""
    share = config.shares.lawful
    first = share * config.shares.whole_lawful
    status: Status = "UNKNOWN"
    values: list[int] | None = None
    if hinted:  # complete the caller's roster if possible, so the search starts from it
        status, values = _whole(built, clock, config, first, pin_hint=True)
    if values is None and whole:
        status, values = _whole(built, clock, config, first)
    if values is None and status == "UNKNOWN":
        values = lawful_by_person(built, clock, config, share)
        if values is not None:
            set_hint(built, values)
            status = "FEASIBLE"
    return status, values


def _whole(
    built: BuiltModel, clock: Clock, config: SolveConfig, share: float, pin_hint: bool = False
) -> tuple[Status, list[int] | None]:
    """``find_lawful`` on the whole model (``_first_solver``). On the wall clock in a forked
    child (``apart.call``), killed ``KILL_GRACE`` after its wall limit (by the lawful
    start's end, ``Clock.lawful_until``, at the latest) if it has not answered: a whole
    model loading in CP-SAT heeds no limit, and on a busy machine a search of a tenth of a
    second returned 4 s later, past the solve's end (BENCHMARKS.md, apart23). With a work
    budget, here."""
    solver = _first_solver(clock, config, share)
    if clock.deterministic is not None:
        status, values = find_lawful(built, solver, pin_hint)
        clock.spent += solver.deterministic_time
        return status, values
    seconds = solver.parameters.max_time_in_seconds
    until = time.monotonic() + seconds + KILL_GRACE
    end = clock.lawful_until()
    if end is not None:
        until = min(until, end)
    answer = call(partial(find_lawful, built, solver, pin_hint), until)
    if answer is None:  # killed: nothing found in its time
        return "UNKNOWN", None
    status, values = answer
    if values is not None:  # its hint was set in the child
        set_hint(built, values)
    return status, values


def _first_solver(clock: Clock, config: SolveConfig, share: float) -> cp_model.CpSolver:
    """A solver for the whole model's first lawful roster, the search a solve cannot do
    without (as a block's, ``rolling``): by work, whatever the clock says, the wall clock
    only a safety net (``wall_for_work``) within the time the lawful start has
    (``Clock.lawful_end``). ``share`` of the work left, or of the seconds left counted as
    units (an idle core's pace, so an idle machine searches as long as before), and at
    least ``LAWFUL_WORK``: on a busy machine a share of the clock was a few hundredths of
    a second of CPU, and the search found nothing."""
    seconds, work = clock.lawful_left() * share, clock.det_left(share)
    work = max(LAWFUL_WORK, seconds if work is None else work)
    seconds = max(seconds, min(wall_for_work(work), clock.lawful_left()))
    return make_solver(seconds, config.seed, config.workers, work)


@dataclasses.dataclass
class People:
    """Each person's lawful schedule as found (``rows``), and how their models are
    searched: after CP-SAT's presolve or without it, whichever took less work on the first
    person searched both ways (CP-SAT's work count, so a one-worker run chooses the same
    each time). Presolve is most of the search on some shapes (a year of 32 tours: without
    it, a fifth of the work) and saves three times its cost on others (a police year's
    rolling limits on hours)."""

    rows: dict[str, list[str | None]] = dataclasses.field(default_factory=dict)
    presolve: bool | None = None  # None: not chosen yet
    _choosing: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    _running: set[cp_model.CpSolver] = dataclasses.field(default_factory=set)
    _cancelled: bool = False
    _guard: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def search(
        self, alone: BuiltModel, solver: Callable[[], cp_model.CpSolver]
    ) -> list[int] | None:
        """A lawful schedule of the one-person model ``alone`` (None if none in time, or
        once ``cancel`` is called), with a fresh ``solver()`` for each search."""
        if self.presolve is None:
            with self._choosing:
                if self.presolve is None:
                    return self._choose(alone, solver)
        return self._search(alone, solver(), self.presolve)[0]

    def cancel(self) -> None:
        """Stop the searches running and refuse new ones: a search left running in a
        thread past the program's end makes it abort as it exits ('terminate called
        without an active exception', exit code 134)."""
        with self._guard:
            self._cancelled = True
            for running in self._running:
                running.stop_search()

    def _choose(
        self, alone: BuiltModel, solver: Callable[[], cp_model.CpSolver]
    ) -> list[int] | None:
        first, work = self._search(alone, solver(), presolve=True)
        alone.model.clear_hints()  # its schedule, now the hint, would make the second search none
        second, work_without = self._search(alone, solver(), presolve=False)
        self.presolve = second is None or (first is not None and work <= work_without)
        return first if first is not None else second

    def _search(
        self, alone: BuiltModel, solver: cp_model.CpSolver, presolve: bool
    ) -> tuple[list[int] | None, float]:
        with self._guard:
            if self._cancelled:
                return None, 0.0
            self._running.add(solver)
        try:
            return _search(alone, solver, presolve)
        finally:
            with self._guard:
                self._running.discard(solver)


def _search(
    alone: BuiltModel, solver: cp_model.CpSolver, presolve: bool
) -> tuple[list[int] | None, float]:
    """Any lawful schedule of ``alone`` and the work its search took."""
    solver.parameters.cp_model_presolve = presolve
    _, values = find_lawful(alone, solver)
    return values, solver.deterministic_time


class Behind:
    """The anytime start beside the direct model on a large model: each person's lawful
    schedule (``schedules``) found in threads at the lowest CPU priority, so it runs on
    what the direct model leaves idle (its presolve, on one thread, can take a core for
    tens of seconds) and the direct model loses next to nothing. Halfway to the direct
    model's giving up (``Shares.behind_hurry``), the people it has not reached are searched
    at normal priority, from the last one back, so that the roster is there when the
    direct model gives up however busy the machine. Once every person has a schedule the
    rows are joined on the whole model at once, at normal priority, beside the direct
    model (``_join``). If the direct model finds no roster, the search starts from that."""

    def __init__(self, built: BuiltModel, clock: Clock, config: SolveConfig) -> None:
        problem = built.problem
        self._clock, self._config = clock, config
        self._cancel = threading.Event()
        self._people = People()
        self._share = config.shares.behind
        self._found = threading.Event()  # every person has a schedule (or it is stopped)
        self._lock = threading.Lock()
        self._joining = False
        self._joined: tuple[list[int], float] | None = None  # values, seconds the join took
        self._join_done = threading.Event()

        def work() -> None:
            lowest_priority()
            people = self._people
            self._rows(schedules(problem, clock, config, self._share, self._cancel, True, people))

        # not daemons: the program's end waits for them (stopped by ``stop``/``finish``,
        # they end within their current person), as a search still running in a daemon
        # thread when the interpreter goes makes the program abort
        threading.Thread(target=work, name="s92-lawful").start()
        # the join at normal priority (a thread takes its priority from the one that starts
        # it): its time is then what a pass over the whole model costs
        threading.Thread(target=self._join, args=(built,), name="s92-lawful-join").start()
        shares = config.shares
        hurry_in = clock.left() * shares.direct_give_up * shares.behind_hurry
        self._hurry = threading.Timer(hurry_in, self._at_normal_priority, (problem,))
        self._hurry.start()

    @property
    def reached(self) -> int:
        """How many people have their schedule so far."""
        return len(self._people.rows)

    @property
    def joined(self) -> bool:
        """Whether its roster is joined on the whole model already (``finish`` returns it
        at once)."""
        return self._joined is not None

    def stop(self) -> None:
        """Stop searching: the direct model has a roster, which will be the answer. (Its
        Python, at the lowest priority on a busy machine, could hold the interpreter's
        lock while the direct model's search waits on it to write its log.)"""
        with self._lock:
            self._cancel.set()
        self._found.set()  # a join not begun is not
        self._hurry.cancel()
        self._people.cancel()

    def _rows(self, found: dict[str, list[str | None]] | None) -> None:
        if found is not None:
            self._found.set()

    def _join(self, built: BuiltModel) -> None:
        """As soon as every person has a schedule, the rows joined on the whole model,
        beside the direct model: on a busy machine its presolve may not heed the stop at
        its giving up for many seconds (Gen1695 at a 25th of a core: 9 s after a give-up
        due at 4 s), and a join begun only then, itself seconds long there, could end past
        the limit, leaving no roster at all."""
        self._found.wait()
        with self._lock:
            if self._cancel.is_set():
                return
            self._joining = True
        try:
            rows = dict(self._people.rows)
            began = time.monotonic()
            until = self._clock.lawful_until()
            values = complete(built, rows, self._config.seed, until)
            if values is not None:
                self._joined = (values, time.monotonic() - began)
        finally:
            self._join_done.set()

    def _at_normal_priority(self, problem: Problem) -> None:
        """The people not reached yet, searched from the last one back (the thread at
        the lowest priority goes on from the first), on every worker at normal priority."""
        if self._cancel.is_set() or self.reached == len(problem.staff):
            return
        backwards = dataclasses.replace(problem, staff=tuple(reversed(problem.staff)))
        clock, config, people = self._clock, self._config, self._people
        self._rows(schedules(backwards, clock, config, self._share, self._cancel, people=people))

    def finish(self, built: BuiltModel, direct_found: bool) -> list[int] | None:
        """Its roster as the whole model's values: None if the direct model found one (it
        is stopped then, and not waited for) or if some person had no schedule in time.
        A roster joined beside the direct model (``_join``; one being joined is waited
        for) is returned at once. Otherwise the people it has not reached (other jobs on
        the machine leave a thread at the lowest priority next to no CPU) are searched at
        normal priority, in new threads (a thread cannot raise its own priority back), and
        the rows are joined on the whole model at normal priority too, so that its time is
        what a pass over it costs."""
        with self._lock:
            self._cancel.set()  # it stops at once (not waited for: it may be starved)
            joining = self._joining
        self._found.set()
        self._hurry.cancel()
        self._people.cancel()
        if direct_found:
            return None
        if joining:
            self._join_done.wait()
        if self._joined is not None:
            values, seconds = self._joined
            self._clock.keep_back(seconds)
            return values
        found = self._people
        # what it found, whether it is still at work or not
        people = People(dict(found.rows), found.presolve)
        return lawful_by_person(built, self._clock, self._config, self._share, people)


def lowest_priority() -> None:
    """This thread at nice 19 (Linux sets a thread's niceness by its id); elsewhere as is."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux: as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def lawful_by_person(
    built: BuiltModel,
    clock: Clock,
    config: SolveConfig,
    share: float,
    people: People | None = None,
) -> list[int] | None:
    """A lawful roster found one person at a time (``schedules``), joined on the whole
    model, as its values; or None if some person's rules gave no schedule in time (or none
    exists: the whole-model search is left to prove and explain that). The join is a pass
    over the whole model: its time is kept back for the last one (``Clock.keep_back``); a
    join that could not end by the solve's end (``Clock.end``) is not started.
    ``people``: schedules already found, and how to search the rest."""
    roster = schedules(built.problem, clock, config, share, people=people)
    if roster is None:
        return None
    began = time.monotonic()
    # by the solve's end for its lawful start, tolerance included: a lawful roster a
    # little late is worth more than none (with a work budget, as long as it takes:
    # reproducible)
    until = clock.lawful_until()
    values = complete(built, roster, config.seed, until)
    clock.keep_back(time.monotonic() - began)
    return values


def schedules(
    problem: Problem,
    clock: Clock,
    config: SolveConfig,
    share: float,
    cancel: threading.Event | None = None,
    nice: bool = False,
    people: People | None = None,
) -> dict[str, list[str | None]] | None:
    """Each person's lawful schedule, their rules solved alone on every worker (CP-SAT
    releases the GIL while it searches); None if some person had none in ``share`` of the
    time left. Quick restarts without the LP find a year's schedule in a few tenths of a
    second where CP-SAT on the whole model of a hundred people finds none in a minute.
    ``people``: schedules already found (each one found is added) and how to search.
    ``nice``: the threads run at the lowest priority, on CPU others leave idle."""
    deadline = time.monotonic() + clock.lawful_left() * share
    people = People() if people is None else people
    found = people.rows

    def solver() -> cp_model.CpSolver:
        left = max(0.01, deadline - time.monotonic())
        return quick_feasible(make_solver(left, config.seed, 1, clock.det_left(share)))

    def one(member: StaffMember) -> list[str | None] | None:
        if member.id in found:
            return found[member.id]
        if time.monotonic() >= deadline or clock.stop.is_set():
            return None  # out of time: the rest are not even built
        if cancel is not None and cancel.is_set():
            return None
        alone = build_model(person_problem(problem, member))
        values = people.search(alone, solver)
        if values is None:
            return None
        found[member.id] = decode(alone, values)[member.id]
        return found[member.id]

    workers = max(1, config.workers)
    start = lowest_priority if nice else None
    with ThreadPoolExecutor(workers, initializer=start) if workers > 1 else nullcontext() as pool:
        schedules = list(pool.map(one, problem.staff)) if pool else list(map(one, problem.staff))
    if any(row is None for row in schedules):
        return None
    return {m.id: r for m, r in zip(problem.staff, schedules, strict=True) if r is not None}
