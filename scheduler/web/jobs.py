"""Long solves in the background: a re-roster runs in a worker process (never in the
request, never holding the server's interpreter), and the page polls its progress.

A job re-rosters the whole scenario exactly as ``s92 reroster`` does, then keeps only the
planner's contract: the published rows of every other contract stand, so a planner can
never change a roster outside their BCUs. The result is verified by the independent
checker before it can be published, and publishing refuses a preview whose base version
is no longer the latest (someone published meanwhile).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import secrets
import socket
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from scheduler.check.standing import Standing, check_standing, standing
from scheduler.errors import InputError
from scheduler.roster.changes import no_changes
from scheduler.roster.reroster import (
    TIMED_OUT,
    UNWORKED,
    normalised,
    reroster,
    unrostered_service,
)
from scheduler.roster.stored import told_before, voided_ids
from scheduler.scenario.model import Scenario
from scheduler.store import previews
from scheduler.store.previews import Outcome, Preview
from scheduler.store.scenarios import stored_scenario
from scheduler.store.store import Store
from scheduler.wording import no_change

NOTIFIED = "officers notified"  # in a published version's note: the notice's start
STOPPED = (
    "the re-roster stopped before it finished (the server was stopped or restarted): start it again"
)
FAILED = "the re-roster failed (an error in s92; the server's log has the details): start it again"
# an outcome that is the published roster itself: nothing published (as s92 publish says)
UNCHANGED = no_change("roster")


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
    # the day the planner asked, London's: from it on, days are still to be worked
    today: date | None = None


class Jobs:
    """Starts this server process's solves; the previews themselves live in the store, so
    any server process can show and publish them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a fresh interpreter, not a fork of a threaded server
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=end_with_parent,
                    initargs=(os.getpid(),),
                )
            return self._pool

    def start_reroster(
        self, store: Store, owner: str, req: RerosterRequest
    ) -> tuple[Preview, bool]:
        """The preview of the re-roster, and whether it started now: False when the same
        one of the owner's is unfinished (the form sent twice), which is returned."""
        note = f"re-roster {req.contract_id} from {req.from_date}, {NOTIFIED} {req.notified} (web)"
        preview = _new(
            owner,
            req.contract_id,
            req.scenario,
            req.base_version,
            req.scenario_version,
            "reroster",
            note,
            req.time_limit,
        )
        queued = previews.start_once(store, preview)
        if queued is not None:  # the form sent twice: the one solving is its answer
            if not _ended(queued.worker):
                return queued, False
            previews.finish(store, queued.id, None, STOPPED)  # its server is gone
            previews.start(store, preview)
        future = self.pool().submit(run_reroster, req, preview.id)
        future.add_done_callback(lambda f: _lost(req.db, preview.id, f))
        return preview, True

    def add_finished(
        self,
        store: Store,
        owner: str,
        view_head: tuple[str, int, int],
        contract_id: str,
        outcome: Outcome,
        note: str,
    ) -> Preview:
        scenario, base, text_version = view_head
        preview = _new(owner, contract_id, scenario, base, text_version, "upload", note, 0.0)
        previews.start(store, preview)
        previews.finish(store, preview.id, outcome)
        return preview

    def shutdown(self) -> None:
        """Stop the pool and end its worker: a worker waiting for its next job did not
        always see the pool's word to stop, and the server hung at its exit waiting for
        it; a solve under way is for nobody once the server stops."""
        if self._pool is not None:
            workers = multiprocessing.active_children()  # the pool's: the server has no other
            self._pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()


PARENT_POLL = 1.0  # seconds between a worker's looks at whether its server still runs


def end_with_parent(parent: int) -> None:
    """In a pool's worker: end when the server process that started it has ended. The
    worker holds both ends of the pool's queues, so it never sees the server go: stopped
    (even cleanly) or killed, it left the worker behind, idle or solving for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(0)  # nothing to flush: a solve's outcome would have no one to read it

    threading.Thread(target=watch, name="end-with-server", daemon=True).start()


def find(store: Store, preview_id: str, owner: str, contract_id: str) -> Preview | None:
    """The preview, if this account made it for this contract; None otherwise."""
    preview = previews.get(store, preview_id)
    if preview is None or preview.owner != owner or preview.contract_id != contract_id:
        return None
    if not preview.done and _ended(preview.worker):  # killed mid-job: no callback came
        previews.finish(store, preview.id, None, STOPPED)
        return previews.get(store, preview_id)
    return preview


def process_tag() -> str:
    """This process as a preview records who runs it: host, pid and start time (a pid is
    soon reused in a restarted container)."""
    pid = os.getpid()
    return f"{socket.gethostname()} {pid} {_start_time(pid)}"


def _ended(tag: str) -> bool:
    """Whether the process ``tag`` names ran on this host and is gone; False when it cannot
    be told (another host's, or a preview made before previews named their process)."""
    host, pid_text, started = ([*tag.split(" "), "", "", ""])[:3]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it lives, as another user
    return bool(started) and _start_time(pid) != started


def _start_time(pid: int) -> str:
    """When the process started (clock ticks since boot, /proc/PID/stat field 22); '' where
    there is no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()  # after the command name, which may hold spaces
    return fields[19] if len(fields) > 19 else ""


def _new(
    owner: str,
    contract_id: str,
    scenario: str,
    base: int,
    text_version: int,
    kind: str,
    note: str,
    time_limit: float,
) -> Preview:
    tag = process_tag()
    return Preview(
        secrets.token_urlsafe(16),
        owner,
        contract_id,
        scenario,
        base,
        text_version,
        kind,
        note,
        time_limit,
        datetime.now(UTC),
        None,
        None,
        "",
        None,
        tag,
        server=tag if kind == "reroster" else "",  # this process's pool runs it, in turn
    )


def _lost(db: Path, preview_id: str, future: Future[None]) -> None:
    """A worker process that died (or a solve that raised) still ends its preview."""
    exc = None if future.cancelled() else future.exception()
    if future.cancelled() or isinstance(exc, BrokenProcessPool):
        error = STOPPED
    elif isinstance(exc, InputError):  # the store locked or full: said without its path
        error = f"the re-roster failed: {exc.problems[0].message}" if exc.problems else FAILED
    elif exc is not None:
        # a fault of ours: its details (which may name the server's files) go to the log
        logging.getLogger(__name__).error("re-roster %s failed", preview_id, exc_info=exc)
        error = FAILED
    else:
        return
    with Store(db, create=False) as store:
        found = previews.get(store, preview_id)
        if found is not None and not found.done:
            previews.finish(store, preview_id, None, error)


def run_reroster(req: RerosterRequest, preview_id: str) -> None:
    """In the worker process: the preview's outcome, recorded in the store."""
    with Store(req.db, create=False) as store:
        previews.running(store, preview_id, process_tag())
    outcome = reroster_outcome(req)
    with Store(req.db, create=False) as store:
        previews.finish(store, preview_id, outcome)


def reroster_outcome(req: RerosterRequest) -> Outcome:
    """Re-roster from the store, keep this contract, check."""
    with Store(req.db, create=False) as store:
        scenario = stored_scenario(store, req.scenario_version)
        published = store.roster(req.base_version)
        live = store.scenario_entries(scenario)
        # as s92 reroster: a day a voided entry gives back goes back to what was told before
        told = told_before(store, scenario.name, req.base_version, published, live)
        voided = voided_ids(store, scenario)  # named where their days before --from stand
    unrostered = unrostered_service(
        scenario, published, req.base_version, req.from_date, {req.contract_id}
    )
    if unrostered:  # as s92 reroster, before the solve: the checker would refuse its roster
        return Outcome(False, None, no_changes(), unrostered)
    applied = (
        set(published["abstraction_id"].astype(str)) if "abstraction_id" in published else set()
    )
    mine = {o.id for o in scenario.officers_of(req.contract_id)}
    everyone = {o.id for o in scenario.officers}
    # this contract's entries, and the others' already in the roster (so that they stand);
    # and, for the note s92 reroster prints, this contract's entries of an officer the
    # scenario no longer has (a joiner taken out of it): never another contract's
    entries = [
        e
        for e in live
        if e.officer_id in mine
        or (str(e.id) in applied and e.officer_id in everyone)
        or (e.contract_id == req.contract_id and e.officer_id not in everyone)
    ]
    # as s92 reroster: the scenario's rules as they are now hold from --from on
    stands = standing(scenario, published, req.from_date, req.base_version)
    result = reroster(
        scenario,
        published,
        entries,
        req.from_date,
        req.notified,
        time_limit=req.time_limit,
        seed=req.seed,
        # as s92 reroster: an entry on days before from_date not worked yet (leave booked for
        # next week, re-rostered from the week after) is refused, never published over
        today=req.today,
        mend=stands.mend,
        stand=bool(stands.before),
        told=told,
        voided=voided,
    )
    if not result.feasible:
        lines = [f"cannot re-roster {c}" for c in result.conflicts]
        return Outcome(False, None, no_changes(), [*lines, _advice(result.status)])
    table = compose(published, result.table, req.contract_id)
    # the re-roster's change notice, each change with the entry behind it; and, as the
    # command line prints them, the entries not applied to days before --from (they stand)
    changes = result.changes[result.changes["contract_id"] == req.contract_id]
    outside = [f"note: {line}" for line in result.outside]
    outside += [f"note: {line}" for o, line in result.rest_lost.items() if o in mine]
    # an officer the scenario no longer has: only this contract's entries were given
    outside += [f"note: {line}" for o, line in result.out_of_post if o in mine or o not in everyone]
    return verified(scenario, table, changes.reset_index(drop=True), outside, published, stands)


def _advice(status: str) -> str:
    """What to do when the re-roster made no roster, as s92 reroster advises it, in the
    page's words: out of time blames no entry."""
    if status == TIMED_OUT:
        return "nothing to publish: re-roster again with more seconds per contract"
    if status == UNWORKED:
        return (
            "nothing to publish: re-roster again from the day named, so that the entry's days "
            "not worked yet are re-rostered (the days before it stand as published)"
        )
    return (
        "nothing to publish: void the entry in error in the entry log (and log it again, "
        "with its own start and end if it needs them), then re-roster again"
    )


def compose(published: pd.DataFrame, new: pd.DataFrame, contract_id: str) -> pd.DataFrame:
    """The published roster with one contract's rows replaced by ``new``'s."""
    base = normalised(published)
    fresh = normalised(new)
    kept = base[base["contract_id"] != contract_id]
    return normalised(
        pd.concat([kept, fresh[fresh["contract_id"] == contract_id]], ignore_index=True)
    )


def verified(
    scenario: Scenario,
    table: pd.DataFrame,
    changes: pd.DataFrame,
    lines: list[str],
    published: pd.DataFrame,
    stands: Standing | None = None,
) -> Outcome:
    """The independent checker's verdict: a roster with a breach is never publishable, nor
    one that is the ``published`` roster over again (a second version saying nothing)."""
    if normalised(published).equals(normalised(table)):
        return Outcome(False, None, changes, [UNCHANGED, *lines])
    report = check_standing(scenario, table, "<preview>", stands)  # days before --from stand
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
