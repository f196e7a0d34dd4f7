"""Long solves in the background: a re-roster runs in a worker process (never in the
request, never holding the server's interpreter), and the page polls its progress.

A job re-rosters the whole scenario exactly as ``s92 reroster`` does, then keeps only the
planner's contract: the published rows of every other contract stand, so a planner can
never change a roster outside their BCUs. The result is verified by the independent
checker before it can be published, and publishing refuses a preview whose base version
is no longer the latest (someone published meanwhile).
"""

from __future__ import annotations

import multiprocessing
import secrets
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from scheduler.check import check_roster
from scheduler.roster.reroster import change_notice, normalised, reroster
from scheduler.scenario.model import Scenario
from scheduler.store.scenarios import stored_scenario
from scheduler.store.store import Store

MAX_JOBS = 50  # finished jobs kept in memory per process
NOTIFIED = "officers notified"  # in a published version's note: the notice's start


@dataclass(frozen=True)
class RerosterRequest:
    db: Path
    scenario: str
    base_version: int
    scenario_version: int
    contract_id: str
    from_date: date
    notified: date
    time_limit: float
    seed: int = 0


@dataclass
class Outcome:
    """What a preview shows and a publish stores."""

    ok: bool
    table: pd.DataFrame | None  # the whole scenario's roster to publish
    changes: pd.DataFrame  # this contract's change notice
    lines: list[str] = field(default_factory=list)  # conflicts, breaches, skipped days
    breaches: int = 0


@dataclass
class Job:
    id: str
    owner: str
    contract_id: str
    scenario: str
    base_version: int
    scenario_version: int
    kind: str  # "reroster" or "upload"
    started: float
    time_limit: float
    note: str
    future: Future[Outcome] | None = None
    outcome: Outcome | None = None
    published: int | None = None
    error: str = ""

    @property
    def done(self) -> bool:
        return (
            self.outcome is not None
            or bool(self.error)
            or (self.future is not None and self.future.done())
        )

    def result(self) -> Outcome | None:
        if self.outcome is None and self.future is not None and self.future.done():
            try:
                self.outcome = self.future.result()
            except Exception as exc:  # noqa: BLE001 - shown to the planner, not raised
                self.error = f"the re-roster failed: {type(exc).__name__}: {exc}"
        return self.outcome

    def progress(self) -> float:
        if self.done:
            return 1.0
        # contracts re-roster one window after another within the time limit per contract
        return min(0.95, (time.monotonic() - self.started) / max(1.0, self.time_limit * 2))

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


class Jobs:
    """The jobs of this server process, by unguessable id; each seen only by its owner."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a fresh interpreter, not a fork of a threaded server
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    def start_reroster(self, owner: str, req: RerosterRequest) -> Job:
        job = self._new(owner, req.contract_id, req.scenario, req.base_version, "reroster")
        job.scenario_version, job.time_limit = req.scenario_version, req.time_limit
        job.note = (
            f"re-roster {req.contract_id} from {req.from_date}, {NOTIFIED} {req.notified} (web)"
        )
        job.future = self.pool().submit(run_reroster, req)
        return job

    def add_finished(
        self,
        owner: str,
        contract_id: str,
        scenario: str,
        base: int,
        text_version: int,
        outcome: Outcome,
        note: str,
    ) -> Job:
        job = self._new(owner, contract_id, scenario, base, "upload")
        job.scenario_version, job.outcome, job.note = text_version, outcome, note
        return job

    def _new(self, owner: str, contract_id: str, scenario: str, base: int, kind: str) -> Job:
        job = Job(
            secrets.token_urlsafe(16),
            owner,
            contract_id,
            scenario,
            base,
            0,
            kind,
            time.monotonic(),
            0.0,
            "",
        )
        with self._lock:
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if j.done]
            for old in finished[: max(0, len(finished) - MAX_JOBS)]:
                del self._jobs[old.id]
        return job

    def get(self, job_id: str, owner: str, contract_id: str) -> Job | None:
        job = self._jobs.get(job_id)
        if job is None or job.owner != owner or job.contract_id != contract_id:
            return None
        return job

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def run_reroster(req: RerosterRequest) -> Outcome:
    """In the worker process: re-roster from the store, keep this contract, check."""
    with Store(req.db, create=False) as store:
        scenario = stored_scenario(store, req.scenario_version)
        published = store.roster(req.base_version)
        live = store.live_abstractions()
    applied = (
        set(published["abstraction_id"].astype(str)) if "abstraction_id" in published else set()
    )
    mine = {o.id for o in scenario.officers_of(req.contract_id)}
    # this contract's entries, and the others' already in the roster (so that they stand)
    entries = [e for e in live if e.officer_id in mine or str(e.id) in applied]
    result = reroster(
        scenario,
        published,
        entries,
        req.from_date,
        req.notified,
        time_limit=req.time_limit,
        seed=req.seed,
    )
    if not result.feasible:
        return Outcome(
            False, None, _empty_changes(), [f"cannot re-roster {c}" for c in result.conflicts]
        )
    table = compose(published, result.table, req.contract_id)
    changes = change_notice(normalised(published), table, req.from_date, req.notified, scenario)
    changes = changes[changes["contract_id"] == req.contract_id].reset_index(drop=True)
    return verified(scenario, table, changes, [f"not applied: {s}" for s in result.skipped])


def compose(published: pd.DataFrame, new: pd.DataFrame, contract_id: str) -> pd.DataFrame:
    """The published roster with one contract's rows replaced by ``new``'s."""
    base = normalised(published)
    fresh = normalised(new)
    kept = base[base["contract_id"] != contract_id]
    return normalised(
        pd.concat([kept, fresh[fresh["contract_id"] == contract_id]], ignore_index=True)
    )


def verified(
    scenario: Scenario, table: pd.DataFrame, changes: pd.DataFrame, lines: list[str]
) -> Outcome:
    """The independent checker's verdict: a roster with a breach is never publishable."""
    report = check_roster(scenario, table, "<preview>")
    if report.breaches:
        shown = [str(b) for b in report.breaches[:20]]
        more = len(report.breaches) - len(shown)
        return Outcome(
            False,
            None,
            changes,
            [*shown, *([f"... and {more} more"] if more else []), *lines],
            len(report.breaches),
        )
    return Outcome(True, table, changes, lines)


def _empty_changes() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "officer_id",
            "contract_id",
            "date",
            "was",
            "now",
            "clear_days_notice",
            "compensation",
            "reason",
        ]
    )
