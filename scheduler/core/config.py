"""How a solve spends its time: one frozen configuration, from the command line down.

``SolveConfig`` carries the wall-clock limit, the seed, the CPU budget and every share of
the time that a phase may take, so that ``s92 roster --time-limit 60`` reaches each phase
of each contract's solve through one object (``scheduler.roster.run`` derives each job's
config from the run's with ``dataclasses.replace``). Shares are fractions of the time
*left* when the phase starts, unless a comment says otherwise.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

# With a work budget (``deterministic_time``, CP-SAT's deterministic units, about seconds
# on an idle core), the wall clock is only a safety net against a stalled machine: this
# many seconds per unit, plus a constant for model building and start-up.
WALL_PER_WORK = 4.0
WALL_SLACK = 10.0


# CP-SAT work units a search for a lawful roster gets at least, whatever the clock says (the
# wall clock only as a safety net, ``wall_for_work``): a solve's first roster on the whole
# model (``lawful``) or a block's (``rolling``). It takes a few hundredths of a unit
# (generated seeds 1994 and 2000, 8-12 officers, 68 days: 0.05-0.13); a busy machine
# stretching that tenfold on the clock left a solve given two seconds with no roster at all
LAWFUL_WORK = 0.5


def wall_for_work(work: float) -> float:
    """The wall-clock safety net of a budget of ``work`` deterministic units."""
    return work * WALL_PER_WORK + WALL_SLACK


@dataclass(frozen=True)
class LnsConfig:
    """Roster large-neighbourhood search (``lns``)."""

    kinds: tuple[str, ...] = ("staff", "days", "block")
    initial_size: float = 0.15  # fraction of the roster freed at first
    sub_deterministic: float = 1.0  # work limit of one sub-solve
    sub_seconds: float = 5.0  # wall limit of one sub-solve
    target: float = 0.5  # chance a neighbourhood is built around an under-covered slot
    grow: float = 1.25
    shrink: float = 0.8


@dataclass(frozen=True)
class Shares:
    """Fractions of the time budget, by phase (see ``solve`` and ``rolling``)."""

    # -- one model (``solve``)
    # at most, for the first lawful roster: usually found at once, but on a long horizon
    # with a hundred people only person by person, and nothing else can start without it
    lawful: float = 0.9
    whole_lawful: float = 0.1  # of that, the whole model before going person by person
    # the direct model: CP-SAT on the whole model, default parameters, every worker, from
    # the lawful roster (less if it stalls; none where a race runs). Its roster is the
    # decomposition's start, so the result is never worse than what the direct model
    # finds in this time; on a large model (``SolveConfig.direct_cells``) it has all of it
    direct: float = 0.1
    # on a large model (``SolveConfig.direct_cells``) the direct model, from nothing, has
    # all the time; with no roster by this share of it, it gives way to the lawful roster
    # and the search by parts. Where it has one by then it keeps the time (its own search
    # improves its roster faster than the parts do); where its first roster comes later
    # or never (Curtois Instance20, 22), giving up here rather than at 60 % of the time
    # did better on 15 of 23 large instances and worse on 1 (BENCHMARKS.md, "The direct
    # model of a large model gives up at 10 %")
    direct_give_up: float = 0.1
    # on a large model whose direct model has a roster: once it has found no better one
    # for this share of its time so far, it hands its best roster to the search by parts
    # (``by_parts``) for the rest of the time; inf, never: it keeps all the time. Not
    # landed: at equal work on a handful of generated models, better at half on 5 of 6,
    # at its first roster on 2 of 6 (BENCHMARKS.md, "Large models whose direct model
    # finds a roster")
    direct_hand_over: float = math.inf
    # the search by parts (``by_parts``) moves people by CP-SAT models of their own (those
    # without a graph: ``person_search``) only when it has at least this share of the
    # solve's time: given the minute's last 40 % (the direct model gave up at 60 %,
    # idle) windows alone did better on Instance20 and 22; given
    # most of it (a busy machine), windows and people did better on 9 of 11 large
    # instances (BENCHMARKS.md, "Moves by person beside the windows")
    people_from: float = 0.5
    # of the time until then, the lawful roster beside it has at the lowest CPU priority;
    # the people it has not reached are then searched at normal priority, with as much time
    # again before the direct model gives up (another job on the machine leaves the lowest
    # priority next to no CPU, and a roster joined only when the direct model gives up may
    # come too late for anything)
    behind_hurry: float = 0.5
    # of the time, at most, for the lawful roster beside the direct model: the rest joins
    # the rows into the whole model and costs them
    behind: float = 0.9
    colgen: float = 0.35  # at most, column generation
    # added after the column-generation deadline, for diving. A dive out of time leaves
    # the people it has not fixed to CP-SAT; past the first few dozen fixings its LP climbs
    # and its choices get worse, so time goes to LNS instead
    dive: float = 0.2
    rins: float = 0.4  # of what is left after diving, for the cells the dive left open
    # of what is left then, for a second start: the LP before the dive, rounded, with its
    # open cells searched (with fast pricing a dive can fix most people at once, poorly)
    root_rins: float = 0.1
    first: float = 0.2  # CP-SAT with the strong LP on the whole model, before LNS
    raced_first: float = 0.05  # instead, while a race runs (it searches the whole model)
    # at most, for the exact search near the bound, with a worker of its own ...
    exact: float = 0.6
    # ... or when it takes one of several workers from LNS
    exact_beside_lns: float = 0.4
    # -- rolling blocks (``rolling``): of a block's time
    block_goals: float = 0.7  # CP-SAT with the goals, from the block's start
    block_fair: float = 0.3  # at most, spreading the year's fairness counts


@dataclass(frozen=True)
class SolveConfig:
    """One solve, or one run of many (``scheduler.roster.run``): the time limit is wall
    seconds for the whole of it; ``workers`` is the CPU budget (0: every core this process
    may use). With ``deterministic_time`` (work units) a one-worker solve stops on work
    done, not wall time, and is reproducible; ``time_limit`` is then the wall-clock safety
    net (``wall_for_work``)."""

    time_limit: float = 10.0
    seed: int = 0
    workers: int = 1
    deterministic_time: float | None = None
    log: bool = False  # CP-SAT's search log on stderr
    lns: bool = True  # roster LNS after the first phases
    colgen: bool = True  # column generation, where there is cover
    explain_time: float = 20.0  # seconds to explain an infeasible problem
    # the portfolio's arm: a model with more roster cells (staff x days x shift types a
    # person may work) than this gets the direct model, on every worker, for all the time
    # after the first lawful roster. Measured, not tuned to one instance (BENCHMARKS.md,
    # solver sweep): over 47 instances the decomposition was never worse than the direct
    # model below 35,000 cells and worse on 10 of the 11 it could be compared on above
    # 39,000; and CP-SAT's search does not survive being stopped and restarted (three
    # generated models given 20 s, then 40 s from their best, ended 1.03-2.0 times worse
    # than given 60 s at once)
    direct_cells: int = 36_000
    lns_config: LnsConfig = field(default_factory=LnsConfig)
    shares: Shares = field(default_factory=Shares)

    @property
    def cpu(self) -> int:
        """The CPU budget: ``workers``, or (0) the cores this process may run on, which
        ``taskset`` or a container limit can make fewer than the machine has."""
        if self.workers:
            return self.workers
        try:
            return len(os.sched_getaffinity(0)) or 1
        except AttributeError:  # pragma: no cover - not on Linux
            return os.cpu_count() or 1

    @property
    def reproducible(self) -> bool:
        """One worker: runs with the same seed give the same roster (the run budgets each
        job by work units instead of the clock)."""
        return self.workers == 1
