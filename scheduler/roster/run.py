"""Roster a whole scenario: compile and solve each contract, in parallel processes (or on
a Dask cluster: ``scheduler.backend``).

Contracts are independent once High Demand Day aid is planned, so each is a job. The CPU
budget (``workers``) is split so processes x CP-SAT workers never oversubscribes the cores.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from scheduler.backend import Backend, LocalBackend
from scheduler.core.result import Progress, Solution
from scheduler.core.rolling import solve_rolling
from scheduler.core.solve import explain_infeasible, solve
from scheduler.roster.assemble import contract_rows, to_table
from scheduler.rules.compile import CompiledContract, Pin, compile_contract
from scheduler.rules.explain import explain, precheck
from scheduler.rules.high_demand import AidDuty, plan_aid
from scheduler.rules.teams import Team, form_teams
from scheduler.scenario.model import Scenario

ROLLING_FROM_DAYS = 70  # longer rosters are solved in blocks
BLOCK_WEEKS = 4


@dataclass(frozen=True)
class SolveSettings:
    time_limit: float = 30.0  # wall-clock budget for the whole run, seconds
    seed: int = 0
    workers: int = 0  # CPU budget; 0 = every core
    explain_time: float = 20.0

    @property
    def cpu(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass
class ContractOutcome:
    contract_id: str
    status: str
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float
    officers: int
    cover_wanted: int = 0
    cover_met: int = 0
    hdd_required: int = 0
    hdd_filled: int = 0
    breakdown: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


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
    time_limit: float
    seed: int
    workers: int
    deterministic: bool
    explain_time: float
    pins: Mapping[tuple[str, date], Pin] | None = None
    baseline: Mapping[tuple[str, date], str | None] | None = None
    change_weights: Mapping[tuple[str, date], int] | None = None
    team: Team | None = None

    @property
    def label(self) -> str:
        if self.team is None or self.team.count == 1:
            return self.contract_id
        return f"{self.contract_id}/{self.team.index + 1}"


ProgressFn = Callable[[str, Progress], None]


def roster_scenario(
    scenario: Scenario,
    settings: SolveSettings = SolveSettings(),
    progress: ProgressFn | None = None,
    *,
    pins: Mapping[tuple[str, date], Pin] | None = None,
    baseline: Mapping[tuple[str, date], str | None] | None = None,
    change_weights: Mapping[tuple[str, date], int] | None = None,
    contracts: list[str] | None = None,
    backend: Backend | None = None,
) -> RosterResult:
    """Roster every contract (or ``contracts``); jobs run on ``backend``, by default local
    processes (as many as the CPU budget allows, none for one job)."""
    started = time.perf_counter()
    jobs = make_jobs(scenario, settings, pins, baseline, change_weights, contracts)
    runner = backend or LocalBackend(min(len(jobs), settings.cpu))
    outcomes = merge_teams(runner.map(solve_job, jobs, progress))
    rows = [r for o in outcomes for r in o.rows]
    return RosterResult(outcomes, to_table(rows), time.perf_counter() - started)


def make_jobs(
    scenario: Scenario,
    settings: SolveSettings,
    pins: Mapping[tuple[str, date], Pin] | None = None,
    baseline: Mapping[tuple[str, date], str | None] | None = None,
    change_weights: Mapping[tuple[str, date], int] | None = None,
    contracts: list[str] | None = None,
) -> list[Job]:
    aid_plan = plan_aid(scenario)
    chosen = [c for c in scenario.contracts if contracts is None or c.id in contracts]
    work = [(c, team) for c in chosen for team in form_teams(scenario.officers_of(c.id))]
    processes = max(1, min(len(work), settings.cpu))
    per_job_workers = max(1, settings.cpu // processes)
    # each process works through its share of jobs in turn; bigger teams get more time
    sizes = [max(1, len(team.officer_ids)) for _, team in work]
    total = sum(sizes) or 1
    budget = settings.time_limit * processes
    jobs = [
        Job(
            scenario,
            c.id,
            aid_plan,
            max(1.0, budget * size / total * 0.85),
            settings.seed,
            per_job_workers,
            settings.workers == 1,
            settings.explain_time,
            pins,
            baseline,
            change_weights,
            team,
        )
        for (c, team), size in sorted(zip(work, sizes, strict=True), key=lambda w: -w[1])
    ]
    return jobs


def merge_teams(outcomes: list[ContractOutcome]) -> list[ContractOutcome]:
    """One outcome per contract from its teams' outcomes."""
    merged: dict[str, ContractOutcome] = {}
    for o in outcomes:
        m = merged.get(o.contract_id)
        if m is None:
            merged[o.contract_id] = ContractOutcome(
                **{
                    **o.__dict__,
                    "rows": list(o.rows),
                    "conflicts": list(o.conflicts),
                    "breakdown": dict(o.breakdown),
                }
            )
            continue
        m.status = _worse(m.status, o.status)
        m.objective = (
            None if m.objective is None or o.objective is None else (m.objective + o.objective)
        )
        m.bound = None if m.bound is None or o.bound is None else m.bound + o.bound
        m.gap = (
            None
            if m.objective is None or m.bound is None
            else max(0.0, (m.objective - m.bound) / m.objective)
            if m.objective
            else 0.0
        )
        m.seconds = max(m.seconds, o.seconds)
        m.officers += o.officers
        m.cover_wanted += o.cover_wanted
        m.cover_met += o.cover_met
        m.hdd_required += o.hdd_required
        m.hdd_filled += o.hdd_filled
        m.conflicts += o.conflicts
        m.rows += o.rows
        for k, v in o.breakdown.items():
            m.breakdown[k] = m.breakdown.get(k, 0) + v
    return list(merged.values())


_STATUS_ORDER = ("OPTIMAL", "FEASIBLE", "UNKNOWN", "INFEASIBLE", "MODEL_INVALID")


def _worse(a: str, b: str) -> str:
    return max(a, b, key=lambda s: _STATUS_ORDER.index(s) if s in _STATUS_ORDER else 9)


def solve_job(job: Job, progress: ProgressFn | None = None) -> ContractOutcome:
    started = time.perf_counter()
    contract = job.scenario.contract(job.contract_id)
    compiled = compile_contract(
        job.scenario,
        contract,
        job.aid_plan,
        pins=job.pins,
        baseline=job.baseline,
        change_weights=job.change_weights,
        team=job.team,
    )
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
    solution = _solve(compiled, job, callback)
    outcome = _outcome(compiled, solution, time.perf_counter() - started)
    if not outcome.feasible and solution.status == "INFEASIBLE":
        conflicts = explain_infeasible(
            compiled.problem, time_limit=min(job.explain_time, job.time_limit + 5)
        )
        outcome.conflicts = explain(compiled, job.scenario, conflicts)
    return outcome


def _solve(compiled: CompiledContract, job: Job, callback) -> Solution:  # noqa: ANN001
    """Short rosters in one model; long ones block by block (four weeks, Monday-aligned, so
    every reference week for weekly rest lies inside one block)."""
    if len(compiled.days) > ROLLING_FROM_DAYS:
        starts = [
            d for d, day in enumerate(compiled.days) if day.weekday() == 0 and d >= BLOCK_WEEKS * 7
        ][::BLOCK_WEEKS]
        solution = solve_rolling(
            compiled.problem,
            starts,
            time_limit=job.time_limit,
            seed=job.seed,
            workers=job.workers,
            deterministic=job.deterministic,
            progress=callback,
        )
        if solution.feasible:
            return solution
        # blocks can paint themselves into a corner: the whole horizon at once decides
    hint = _hint(compiled, job.baseline)
    if job.deterministic:  # stop on work done, not wall time, so one worker is reproducible
        return solve(
            compiled.problem,
            time_limit=job.time_limit * 4 + 30,
            seed=job.seed,
            workers=1,
            deterministic_time=job.time_limit,
            progress=callback,
            hint=hint,
        )
    return solve(
        compiled.problem,
        time_limit=job.time_limit,
        seed=job.seed,
        workers=job.workers,
        progress=callback,
        hint=hint,
    )


def _hint(compiled: CompiledContract, baseline) -> dict | None:  # noqa: ANN001
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
    if not solution.feasible:
        return outcome
    outcome.rows = contract_rows(compiled, solution)
    outcome.hdd_filled = sum(1 for r in outcome.rows if r["state"] == "HDD_AID")
    for cover in compiled.problem.cover:
        on = sum(
            1 for o in compiled.officers if solution.assignment[o.id][cover.day] == cover.shift
        )
        outcome.cover_wanted += cover.required
        outcome.cover_met += min(on, cover.required)
    return outcome
