"""Roster a whole scenario: compile and solve each contract, in parallel processes (or on
a Dask cluster: ``scheduler.backend``).

Contracts are independent once High Demand Day aid is planned, so each is a job (a large
contract is several, one per team). One ``SolveConfig`` comes from the command line: its
time limit is the run's, its workers the CPU budget. Jobs run on as many processes as the
budget allows, largest first; each job gets a config of its own with its share of the
run's CPU time (by its weight: officer-days to roster times tours a day to choose from)
and the run's deadline, which no job passes. With one worker (``--workers 1``) jobs are
budgeted by CP-SAT work units instead, so the run is reproducible.

Each contract's cover is counted over the whole contract (its teams' officers together),
against its cover bound: the most cover any lawful roster could deliver
(``scheduler.core.bounds``), computed over the whole contract too.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from scheduler.backend import Backend, LocalBackend
from scheduler.core.bounds import problem_bound
from scheduler.core.config import SolveConfig, wall_for_work
from scheduler.core.explain import explain_infeasible, uncapped
from scheduler.core.result import Conflict, Progress, Solution, gap
from scheduler.core.rolling import solve_rolling
from scheduler.core.solve import solve
from scheduler.roster.assemble import contract_rows, to_table
from scheduler.rules.compile import CompiledContract, Pin, compile_contract
from scheduler.rules.explain import explain, precheck
from scheduler.rules.high_demand import AidDuty, plan_aid
from scheduler.rules.teams import Team, form_teams
from scheduler.scenario.model import Scenario

ROLLING_FROM_DAYS = 70  # longer rosters are solved in blocks
BLOCK_WEEKS = (2, 4)  # block lengths tried in turn (``_by_blocks``)
# officers in a team at most: each job (a team) pays for compiling and a first block of its
# own, and blocks of two dozen still solve in a few tenths of a second (London's
# Hammersmith & Fulham, 46 officers, with little time: 95.1 % of its cover bound in 3.6 s
# of CPU as two teams, 94.6 % in 4.4 s as four)
TEAM_MAX = 24
TEAM_OVERHEAD = 12  # officers' worth of time a team's blocks cost whatever its size
# of a job's CPU share, what its solve may take: compiling, the cover bound and the
# roster rows come out of the rest
SOLVE_SHARE = 0.97
# seconds an explanation of a contract with no lawful roster gets, however little of the
# run's time is left (shorter, it may find no smaller set of rules than all of them)
EXPLAIN_LEAST = 2.0


@dataclass(frozen=True)
class SolveSettings(SolveConfig):
    """A run's ``SolveConfig`` with the command line's defaults: 30 s, every core."""

    time_limit: float = 30.0
    workers: int = 0


Slot = tuple[int, str]

# the least share of a core a job counts on while it measures its own (many jobs on one
# core would leave what follows the run all the time and the solve none)
LEAST_SHARE = 0.25
# seconds of a process's life under which its share of a core is not measured yet
SHARE_FROM = 0.5


@dataclass(frozen=True)
class AfterRun:
    """What the caller does once the run is done (``s92 roster``: the check and the
    files), for the jobs to leave it the time: its CPU seconds on a core of its own, the
    share of a core the run's budget counted on for them, and at most how many seconds
    more than that budget the jobs may keep back. A job measures the share of a core its
    process gets while it solves (the process's CPU time over its wall time, from
    ``since``, a ``time.monotonic()`` and ``time.process_time()`` of the caller's process,
    or from a worker's first job) and keeps back what that share makes of ``cpu`` less
    what the budget kept: pinned to one core beside another busy job, half a core makes
    the check and the files take twice their CPU time on the clock."""

    cpu: float = 0.0
    share: float = 1.0
    most: float = 0.0
    since: tuple[int, float, float] | None = None  # (process id, wall, CPU time)

    def extra(self) -> float:
        """Seconds to keep back beyond the budget's, at the share measured now (less
        when the share is larger than the budget counted on)."""
        if not self.cpu:
            return 0.0
        share = measured_share(self.since)
        if share is None:
            return 0.0
        more = self.cpu / max(LEAST_SHARE, share) - self.cpu / self.share
        return min(more, self.most)


_WORKERS: dict[int, tuple[float, float]] = {}  # a worker process's first job: wall, CPU


def measured_share(since: tuple[int, float, float] | None) -> float | None:
    """The share of a core this process has had (its CPU time over its wall time, at
    most 1): from ``since`` in the process that took it, else from the process's first
    call; None until ``SHARE_FROM`` seconds have passed."""
    pid = os.getpid()
    if since is not None and since[0] == pid:
        wall, cpu = since[1], since[2]
    else:
        wall, cpu = _WORKERS.setdefault(pid, (time.monotonic(), time.process_time()))
    stretch = time.monotonic() - wall
    if stretch < SHARE_FROM:
        return None
    return min(1.0, (time.process_time() - cpu) / stretch)


@dataclass
class ContractOutcome:
    contract_id: str
    status: str
    objective: float | None
    bound: float | None  # a valid lower bound on the objective, for the whole horizon
    gap: float | None
    seconds: float
    officers: int
    cover_wanted: int = 0
    cover_met: int = 0
    cover_bound: int | None = None  # the most cover any lawful roster could deliver
    # the least the cover goal (short and over) can cost any lawful roster: a lower bound
    # on the objective, whole contract and whole horizon
    least_cover_cost: float | None = None
    hdd_required: int = 0
    hdd_filled: int = 0
    breakdown: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    # (day, tour) -> [officers on it, officers wanted], for counting cover over the teams
    tasked: dict[Slot, list[int]] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def cover_of_bound(self) -> float | None:
        """Cover delivered as a share of the cover bound."""
        if self.cover_bound is None:
            return None
        return self.cover_met / self.cover_bound if self.cover_bound else 1.0


@dataclass
class RosterResult:
    outcomes: list[ContractOutcome]
    table: pd.DataFrame
    seconds: float

    @property
    def feasible(self) -> bool:
        return all(o.feasible for o in self.outcomes)


@dataclass(frozen=True)
class Job:
    scenario: Scenario
    contract_id: str
    aid_plan: Mapping[tuple[str, date], AidDuty]
    config: SolveConfig  # this job's: its time (or work) budget and its workers
    deadline: float  # time.time() by which the run's jobs must be done
    # of the CPU left when the job starts, its part: its weight over that of the jobs not
    # yet started (itself and those queued after it), times the processes that share them
    part: float = 1.0
    pins: Mapping[tuple[str, date], Pin] | None = None
    baseline: Mapping[tuple[str, date], str | None] | None = None
    change_weights: Mapping[tuple[str, date], int] | None = None
    team: Team | None = None
    after: AfterRun = AfterRun()

    @property
    def label(self) -> str:
        if self.team is None or self.team.count == 1:
            return self.contract_id
        return f"{self.contract_id}/{self.team.index + 1}"


ProgressFn = Callable[[str, Progress], None]


def roster_scenario(
    scenario: Scenario,
    settings: SolveConfig | None = None,
    progress: ProgressFn | None = None,
    *,
    pins: Mapping[tuple[str, date], Pin] | None = None,
    baseline: Mapping[tuple[str, date], str | None] | None = None,
    change_weights: Mapping[tuple[str, date], int] | None = None,
    contracts: list[str] | None = None,
    backend: Backend | None = None,
    after: AfterRun | None = None,
) -> RosterResult:
    """Roster every contract (or ``contracts``) within ``settings.time_limit``; jobs run
    on ``backend``, by default local processes (as many as the CPU budget allows, none
    for one job). ``after``: what the caller does once the run is done, which the jobs
    leave the time it needs at the share of a core they measure."""
    settings = settings or SolveSettings()
    started = time.perf_counter()
    jobs = make_jobs(scenario, settings, pins, baseline, change_weights, contracts)
    if after is not None:
        jobs = [dataclasses.replace(job, after=after) for job in jobs]
    runner = backend or LocalBackend(min(len(jobs), settings.cpu))
    outcomes = merge_teams(runner.map(solve_job, jobs, progress))
    rows = [r for o in outcomes for r in o.rows]
    return RosterResult(outcomes, to_table(rows), time.perf_counter() - started)


def make_jobs(
    scenario: Scenario,
    settings: SolveConfig,
    pins: Mapping[tuple[str, date], Pin] | None = None,
    baseline: Mapping[tuple[str, date], str | None] | None = None,
    change_weights: Mapping[tuple[str, date], int] | None = None,
    contracts: list[str] | None = None,
) -> list[Job]:
    """One job per contract team, largest first, each with its share of the CPU time."""
    began = time.time()
    aid_plan = plan_aid(scenario)
    chosen = [c for c in scenario.contracts if contracts is None or c.id in contracts]
    work = [(c, team) for c in chosen for team in form_teams(scenario.officers_of(c.id), TEAM_MAX)]
    cpu = settings.cpu
    processes = max(1, min(len(work), cpu))
    per_job_workers = max(1, cpu // processes)
    weights = [_weight(scenario, team) for _, team in work]
    total = sum(weights) or 1.0
    # the time left once the aid plan and teams are settled, on every process; a work
    # budget is the whole limit, whatever the clock says (before, a loaded machine that
    # planned slowly gave the jobs less work and a different roster from the same seed)
    spent = 0.0 if settings.reproducible else time.time() - began
    seconds = max(1.0, settings.time_limit - spent)
    deadline = time.time() + seconds
    jobs = []
    queued = total  # the weight of the jobs from this one on, largest first
    for (c, team), weight in sorted(zip(work, weights, strict=True), key=lambda w: -w[1]):
        share = seconds * processes * weight / total
        config = dataclasses.replace(settings, time_limit=share, workers=per_job_workers)
        if settings.reproducible:  # work units, whatever the clock says
            config = dataclasses.replace(
                config, deterministic_time=share, time_limit=wall_for_work(share)
            )
        part = min(1.0, processes * weight / queued)
        jobs.append(
            Job(
                scenario,
                c.id,
                aid_plan,
                config,
                deadline,
                part,
                pins,
                baseline,
                change_weights,
                team,
            )
        )
        queued -= weight
    return jobs


def _weight(scenario: Scenario, team: Team) -> float:
    """A job's claim on the CPU, by what its solve costs: each block has a cost of its own
    (presolve, the LP, a first roster) besides one per officer, about that of
    ``TEAM_OVERHEAD`` officers (London, to 97-98 % of the cover bound: Havering, 5
    officers, 3 s; Islington, 12, 3 s; a team of 23 of Hammersmith & Fulham, 6 s)."""
    officers = [scenario.officer(o) for o in team.officer_ids]  # a lookup each: once
    officer_days = sum(1 for o in officers for day in scenario.days if o.in_post(day))
    return float(officer_days + TEAM_OVERHEAD * len(scenario.days))


def merge_teams(outcomes: list[ContractOutcome]) -> list[ContractOutcome]:
    """One outcome per contract from its teams' outcomes: the objectives and their bounds
    add up (each team's bound is valid for its part); cover is counted over the whole
    contract, each tasked tour's officers from every team against what the council asked
    for; the contract's bound (one team carries it) stands for all of it."""
    merged: dict[str, ContractOutcome] = {}
    for o in outcomes:
        m = merged.get(o.contract_id)
        if m is None:
            merged[o.contract_id] = dataclasses.replace(
                o,
                rows=list(o.rows),
                conflicts=list(o.conflicts),
                breakdown=dict(o.breakdown),
                tasked={slot: list(pair) for slot, pair in o.tasked.items()},
            )
            continue
        m.status = _worse(m.status, o.status)
        m.objective = (
            None if m.objective is None or o.objective is None else m.objective + o.objective
        )
        m.bound = None if m.bound is None or o.bound is None else m.bound + o.bound
        m.seconds = max(m.seconds, o.seconds)
        m.officers += o.officers
        m.hdd_required += o.hdd_required
        m.hdd_filled += o.hdd_filled
        m.conflicts += o.conflicts
        m.rows += o.rows
        if o.cover_bound is not None:
            m.cover_bound, m.least_cover_cost = o.cover_bound, o.least_cover_cost
        for k, v in o.breakdown.items():
            m.breakdown[k] = m.breakdown.get(k, 0) + v
        for slot, (on, wanted) in o.tasked.items():
            pair = m.tasked.setdefault(slot, [0, 0])
            pair[0] += on
            pair[1] += wanted
    for m in merged.values():
        if m.bound is not None and m.least_cover_cost is not None:
            m.bound = max(m.bound, m.least_cover_cost)
        m.cover_wanted = sum(wanted for _, wanted in m.tasked.values())
        m.cover_met = sum(min(on, wanted) for on, wanted in m.tasked.values())
        m.gap = None if m.objective is None or m.bound is None else gap(m.objective, m.bound)
    return list(merged.values())


_STATUS_ORDER = ("OPTIMAL", "FEASIBLE", "UNKNOWN", "INFEASIBLE", "MODEL_INVALID")


def _worse(a: str, b: str) -> str:
    return max(a, b, key=lambda s: _STATUS_ORDER.index(s) if s in _STATUS_ORDER else 9)


def _compile(job: Job, team: Team | None) -> CompiledContract:
    """The job's contract compiled for ``team`` (None: all its officers)."""
    return compile_contract(
        job.scenario,
        job.scenario.contract(job.contract_id),
        job.aid_plan,
        pins=job.pins,
        baseline=job.baseline,
        change_weights=job.change_weights,
        team=team,
    )


def solve_job(job: Job, progress: ProgressFn | None = None) -> ContractOutcome:
    started = time.perf_counter()
    compiled = _compile(job, job.team)
    impossible = precheck(compiled, job.scenario)
    if impossible:
        return ContractOutcome(
            job.contract_id,
            "INFEASIBLE",
            None,
            None,
            None,
            round(time.perf_counter() - started, 2),
            len(compiled.officers),
            conflicts=impossible,
        )
    callback = None if progress is None else (lambda p: progress(job.label, p))
    config = _job_config(job, time.perf_counter() - started)
    solution = _solve(compiled, job, config, callback)
    outcome = _outcome(compiled, solution, time.perf_counter() - started)
    if job.team is None or job.team.index == 0:  # one team carries the contract's bound
        _bound(outcome, job, compiled)
    if not outcome.feasible and solution.status == "INFEASIBLE":
        conflicts = explain_infeasible(compiled.problem, time_limit=_explain_seconds(job))
        uncapped = _uncapped(compiled, conflicts)
        if uncapped is not None:
            again = _solve(uncapped, job, config, None)
            if again.feasible:
                outcome = _outcome(uncapped, again, time.perf_counter() - started)
                if job.team is None or job.team.index == 0:
                    _bound(outcome, job, uncapped)
                return outcome
        outcome.conflicts = explain(compiled, job.scenario, conflicts)
    return outcome


def _uncapped(compiled: CompiledContract, conflicts: Sequence[Conflict]) -> CompiledContract | None:
    """``compiled`` with no cap on the rest days of the officers whose cap takes part in
    ``conflicts`` with a tour settled before the search (High Demand Day aid, an entry's;
    ``scheduler.core.explain.uncapped``, the rule ``s92 reroster`` shares; None: none
    does). Every other day a duty day is what the council buys, within the law: an officer
    whose every other day cannot be a lawful duty day (all their rest days owed in leave,
    and the one day left a tour too close to a High Demand Day's aid) has a day off more
    rather than no roster for the contract. Rules too tight for the duty days owed at all
    (a 30-hour week) are the scenario's to mend."""
    problem = uncapped(compiled.problem, conflicts)
    return None if problem is None else dataclasses.replace(compiled, problem=problem)


def _explain_seconds(job: Job) -> float:
    """What explaining a contract with no lawful roster may take: what is left of the
    run's time, but at least ``EXPLAIN_LEAST`` and at most ``explain_time`` (before, a
    --time-limit 3 run took 19 s, 16 of them explaining)."""
    left = job.deadline - time.time()
    return min(job.config.explain_time, max(EXPLAIN_LEAST, left))


def _job_config(job: Job, spent: float) -> SolveConfig:
    """The job's config for its solve: its part of the time left to the run's deadline
    (so jobs that ran long before it shrink every later one a little, not the last ones to
    nothing, and time that earlier jobs left over goes to the later ones), less what
    compiling took, and less what more the caller's work after the run needs at the share
    of a core measured now (``AfterRun``). Work budgets, being reproducible, keep their
    share."""
    config = job.config
    if config.deterministic_time is not None:
        return config
    left = job.deadline - time.time() - job.after.extra()
    seconds = left * job.part * SOLVE_SHARE - spent
    return dataclasses.replace(config, time_limit=max(0.5, min(seconds, left)))


def _bound(outcome: ContractOutcome, job: Job, compiled: CompiledContract) -> None:
    """The contract's cover bound, and from it a lower bound on its objective, over all
    its officers (``scheduler.core.bounds``)."""
    whole = compiled if job.team is None or job.team.count == 1 else _compile(job, None)
    bound = problem_bound(whole.problem)
    outcome.cover_bound = bound.most
    outcome.least_cover_cost = float(bound.least_cover_cost)


def _solve(
    compiled: CompiledContract,
    job: Job,
    config: SolveConfig,
    callback: Callable[[Progress], None] | None,
) -> Solution:
    """Short rosters in one model; long ones block by block (``_by_blocks``)."""
    if len(compiled.days) > ROLLING_FROM_DAYS:
        solution = _by_blocks(compiled, config, callback)
        if solution.feasible:
            return solution
        # blocks can paint themselves into a corner: the whole horizon at once decides
    return solve(compiled.problem, config, progress=callback, hint=_hint(compiled, job.baseline))


def _by_blocks(
    compiled: CompiledContract,
    config: SolveConfig,
    callback: Callable[[Progress], None] | None,
) -> Solution:
    """The year block by block, Monday-aligned (every reference week for weekly rest lies
    inside one block), with a portfolio of block lengths (``BLOCK_WEEKS``): the shortest
    first, for its share of the time (less work a block, and on large teams the better
    roster: London at 20 and 60 s); then, with whatever time is left if that is as much
    again, the next (on a small team the longer blocks find more: Havering); the cheaper
    roster kept. With a work budget (reproducible, whatever the clock says) each length
    gets its share of the work instead."""
    began = time.monotonic()
    best: Solution | None = None
    for weeks in BLOCK_WEEKS:
        left = config.time_limit - (time.monotonic() - began)
        if best is not None and config.deterministic_time is None and left < best.seconds:
            break
        starts = [
            d for d, day in enumerate(compiled.days) if day.weekday() == 0 and d >= weeks * 7
        ][::weeks]
        found = solve_rolling(
            compiled.problem, starts, _length_budget(config, left), progress=callback
        )
        if best is None or (found.feasible and _cheaper(found, best)):
            best = found
        callback = None  # the live table shows the first run's progress only
    assert best is not None
    return best


def _length_budget(config: SolveConfig, left: float) -> SolveConfig:
    """One block length's budget: the time left, or (a work budget) its share of the work."""
    if config.deterministic_time is None:
        return dataclasses.replace(config, time_limit=max(left, 0.5))
    work = config.deterministic_time / len(BLOCK_WEEKS)
    return dataclasses.replace(config, deterministic_time=work, time_limit=wall_for_work(work))


def _cheaper(found: Solution, best: Solution) -> bool:
    return not best.feasible or (found.objective or 0.0) < (best.objective or 0.0)


def _hint(
    compiled: CompiledContract, baseline: Mapping[tuple[str, date], str | None] | None
) -> dict[tuple[str, int], str | None] | None:
    if not baseline:
        return None
    index = {day: d for d, day in enumerate(compiled.days)}
    codes = {s.id for s in compiled.problem.shifts}
    return {
        (oid, index[day]): (code if code in codes else None)
        for (oid, day), code in baseline.items()
        if day in index
    }


def _outcome(compiled: CompiledContract, solution: Solution, seconds: float) -> ContractOutcome:
    outcome = ContractOutcome(
        contract_id=compiled.contract.id,
        status=solution.status,
        objective=solution.objective,
        bound=solution.bound,
        gap=solution.gap,
        seconds=round(seconds, 2),
        officers=len(compiled.officers),
        breakdown=dict(solution.breakdown),
    )
    outcome.hdd_required = sum(1 for p in compiled.settled.values() if p.state == "HDD_AID")
    for cover in compiled.problem.cover:
        pair = outcome.tasked.setdefault((cover.day, cover.shift), [0, 0])
        pair[1] += cover.required
    if not solution.feasible:
        return outcome
    outcome.rows = contract_rows(compiled, solution)
    outcome.hdd_filled = sum(1 for r in outcome.rows if r["state"] == "HDD_AID")
    for o in compiled.officers:
        for d, shift in enumerate(solution.assignment[o.id]):
            tasked = outcome.tasked.get((d, shift)) if shift is not None else None
            if tasked is not None:
                tasked[0] += 1
    outcome.cover_wanted = sum(wanted for _, wanted in outcome.tasked.values())
    outcome.cover_met = sum(min(on, wanted) for on, wanted in outcome.tasked.values())
    return outcome
