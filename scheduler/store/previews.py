"""Previews of rosters to publish (a web re-roster or an uploaded roster): kept in the store
so that whichever server process a planner's next request reaches can show and publish
them. A preview is scratch, not a record: it is updated when its solve ends and when it is
published, and previews older than ``KEEP`` are deleted (the audit log and the published
versions are the record)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pandas as pd

from scheduler.store.codec import decode_table, encode_table
from scheduler.store.store import Store

KEEP = timedelta(days=2)


@dataclass
class Outcome:
    """What a preview shows and a publish stores."""

    ok: bool
    table: pd.DataFrame | None  # the whole scenario's roster to publish
    changes: pd.DataFrame  # this contract's change notice
    lines: list[str] = field(default_factory=list)  # conflicts, breaches, skipped days
    breaches: int = 0


@dataclass
class Preview:
    id: str
    owner: str
    contract_id: str
    scenario: str
    base_version: int
    scenario_version: int
    kind: str  # "reroster" or "upload"
    note: str
    time_limit: float
    started_at: datetime
    finished_at: datetime | None
    outcome: Outcome | None
    error: str
    published: int | None
    worker: str = ""  # the process running it (``jobs.process_tag``); '' for an upload
    running_at: datetime | None = None  # when a worker took it up; None while it waits
    server: str = ""  # the server process whose queue it waits in (its ``process_tag``)

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    @property
    def waiting(self) -> bool:
        """Queued behind another re-roster (or its worker still starting): not solving yet."""
        return not self.done and self.running_at is None

    @property
    def elapsed(self) -> float:
        """Seconds solving (not waiting in the queue)."""
        begun = self.running_at or self.started_at
        end = self.finished_at or datetime.now(UTC)
        return max(0.0, (end - begun).total_seconds())

    def progress(self) -> float:
        if self.done:
            return 1.0
        if self.waiting:
            return 0.0
        # contracts re-roster one window after another within the time limit per window
        return min(0.95, self.elapsed / max(1.0, self.time_limit * 2))


_COLUMNS = (
    "id, owner, contract_id, scenario, base_version, scenario_version, kind, note, time_limit, "
    "started_at, finished_at, ok, lines, breaches, roster, changes, error, published, worker, "
    "running_at, server"
)


def start(store: Store, p: Preview) -> None:
    with store.transaction() as conn:
        _insert(store, conn, p)


def _insert(store: Store, conn: sqlite3.Connection, p: Preview) -> None:
    """Within a write transaction: ``p``, and previews past ``KEEP`` deleted."""
    cutoff = (store.now() - KEEP).astimezone(UTC).isoformat(timespec="milliseconds")
    conn.execute("DELETE FROM web_preview WHERE started_at < ?", (cutoff,))
    conn.execute(
        f"INSERT INTO web_preview ({_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '[]', 0, NULL, NULL, '', NULL, ?, "
        "NULL, ?)",
        (
            p.id,
            p.owner,
            p.contract_id,
            p.scenario,
            p.base_version,
            p.scenario_version,
            p.kind,
            p.note,
            p.time_limit,
            p.started_at.isoformat(timespec="milliseconds"),
            p.worker,
            p.server,
        ),
    )


def start_once(store: Store, p: Preview) -> Preview | None:
    """Start ``p`` unless the same owner has the same re-roster unfinished (the same
    contract, versions, note and time limit: the form sent twice); that one if so, else
    None. Looked for and started in one transaction: two requests at once start one."""
    with store.transaction() as conn:
        found = conn.execute(
            "SELECT id FROM web_preview WHERE owner = ? AND contract_id = ? AND kind = ? "
            "AND base_version = ? AND scenario_version = ? AND note = ? AND time_limit = ? "
            "AND finished_at IS NULL ORDER BY rowid DESC LIMIT 1",
            (p.owner, p.contract_id, p.kind, p.base_version, p.scenario_version, p.note,
             p.time_limit),
        ).fetchone()  # fmt: skip
        if found is None:
            _insert(store, conn, p)
    return None if found is None else get(store, found[0])


def finish(store: Store, preview_id: str, outcome: Outcome | None, error: str = "") -> None:
    roster = changes = None
    if outcome is not None:
        if outcome.table is not None:
            roster = encode_table(outcome.table)[0]
        changes = encode_table(outcome.changes.astype(object))[0]
    with store.transaction() as conn:
        conn.execute(
            "UPDATE web_preview SET finished_at = ?, ok = ?, lines = ?, breaches = ?, roster = ?, "
            "changes = ?, error = ? WHERE id = ?",
            (
                store.stamp(),
                None if outcome is None else int(outcome.ok),
                json.dumps([] if outcome is None else outcome.lines),
                0 if outcome is None else outcome.breaches,
                roster,
                changes,
                error,
                preview_id,
            ),
        )


def running(store: Store, preview_id: str, worker: str) -> None:
    """The process that has taken an unfinished preview up, and when."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE web_preview SET worker = ?, running_at = ? WHERE id = ? AND finished_at IS NULL",
            (worker, store.stamp(), preview_id),
        )


def ahead(store: Store, p: Preview) -> int:
    """How many unfinished previews of the same server's queue were queued before ``p``
    (the one solving among them): its place in the queue less one."""
    if not p.server:
        return 0
    rows = store.query(
        "SELECT count(*) FROM web_preview WHERE server = ? AND finished_at IS NULL "
        "AND rowid < (SELECT rowid FROM web_preview WHERE id = ?)",
        (p.server, p.id),
    )
    return int(rows[0][0])


PUBLISHING = 0  # ``published`` while its publication is being written (versions start at 1)


def claim(store: Store, preview_id: str) -> bool:
    """Take the preview to publish it; False if it is published or being published (the
    button pressed twice, two tabs): one request publishes, the other does not try."""
    with store.transaction() as conn:
        cur = conn.execute(
            "UPDATE web_preview SET published = ? WHERE id = ? AND published IS NULL",
            (PUBLISHING, preview_id),
        )
        return cur.rowcount == 1


def release(store: Store, preview_id: str) -> None:
    """A claimed preview whose publication failed: it may be published again."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE web_preview SET published = NULL WHERE id = ? AND published = ?",
            (preview_id, PUBLISHING),
        )


def mark_published(store: Store, preview_id: str, version: int) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE web_preview SET published = ? WHERE id = ?", (version, preview_id))


def get(store: Store, preview_id: str, *, with_roster: bool = False) -> Preview | None:
    """A preview; its roster (a London year takes a while to decode) only ``with_roster``."""
    columns = _COLUMNS if with_roster else _COLUMNS.replace("roster,", "NULL,")
    rows = store.query(f"SELECT {columns} FROM web_preview WHERE id = ?", (preview_id,))
    if not rows:
        return None
    r = rows[0]
    outcome = None
    if r[10] is not None and r[11] is not None:
        outcome = Outcome(
            ok=bool(r[11]),
            table=decode_table(r[14]) if r[14] is not None else None,
            changes=decode_table(r[15]) if r[15] is not None else pd.DataFrame(),
            lines=json.loads(r[12]),
            breaches=int(r[13]),
        )
    return Preview(
        id=r[0],
        owner=r[1],
        contract_id=r[2],
        scenario=r[3],
        base_version=r[4],
        scenario_version=r[5],
        kind=r[6],
        note=r[7],
        time_limit=float(r[8]),
        started_at=datetime.fromisoformat(r[9]),
        finished_at=None if r[10] is None else datetime.fromisoformat(r[10]),
        outcome=outcome,
        error=r[16],
        published=r[17],
        worker=r[18],
        running_at=None if r[19] is None else datetime.fromisoformat(r[19]),
        server=r[20],
    )
