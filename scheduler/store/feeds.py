"""Officers' calendar feeds: feed tokens, the iCal UID secret and served event sequences.

A feed token is a capability: whoever holds the URL reads that officer's calendar, so it is
256 random bits, shown once to the planner who creates it and stored as its SHA-256.
Creating a new one for an officer revokes the old (rotation); a planner may also revoke.

The UID secret lives here, not in the published folder, so ``s92 ical`` and ``s92 serve``
on one store give every event the same UID; so do the SEQUENCE numbers of officers'
calendars, which both read from and record in ``ical_sequence``. A folder written by an older s92 keeps the
secret in ``.s92-ical.json``: the first export into it with a store adopts that secret
(when the store has none yet), so subscribers see no duplicate events.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scheduler.errors import InputError
from scheduler.store.accounts import token_hash
from scheduler.store.audit import record
from scheduler.store.scenarios import stored_scenario
from scheduler.store.store import Store


@dataclass(frozen=True)
class Feed:
    scenario: str
    officer_id: str


def create_feed_token(store: Store, feed: Feed, *, actor: str) -> str:
    """A new token for the officer's feed, revoking any before it; returned once."""
    token = replace_feed_token(store, feed, actor=actor)
    assert token is not None  # nothing shown to compare
    return token


def replace_feed_token(
    store: Store, feed: Feed, *, actor: str, shown: str | None = None
) -> str | None:
    """``create_feed_token``; given ``shown`` (when the live feed the planner saw was
    made, "" for none), None and nothing made if it has changed since, checked in the
    write's transaction: two clicks, or two planners, replace one feed once."""
    token = secrets.token_urlsafe(32)
    with store.transaction() as conn:
        if shown is not None:
            [(made,)] = conn.execute(
                "SELECT coalesce(max(created_at), '') FROM feed_token WHERE scenario = ? "
                "AND officer_id = ? AND revoked_at IS NULL",
                (feed.scenario, feed.officer_id),
            ).fetchall()
            if made != shown:
                return None
        now = store.stamp()
        revoked = conn.execute(
            "UPDATE feed_token SET revoked_at = ? WHERE scenario = ? AND officer_id = ? "
            "AND revoked_at IS NULL",
            (now, feed.scenario, feed.officer_id),
        ).rowcount
        conn.execute(
            "INSERT INTO feed_token (token_hash, scenario, officer_id, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?)",
            (token_hash(token), feed.scenario, feed.officer_id, now, actor),
        )
        action = "feed.rotate" if revoked else "feed.create"
        record(conn, now, actor, action, f"{feed.scenario}/{feed.officer_id}")
    return token


def revoke_feed(store: Store, feed: Feed, *, actor: str) -> int:
    """Revoke the officer's live feed token(s); how many were live."""
    with store.transaction() as conn:
        now = store.stamp()
        n = conn.execute(
            "UPDATE feed_token SET revoked_at = ? WHERE scenario = ? AND officer_id = ? "
            "AND revoked_at IS NULL",
            (now, feed.scenario, feed.officer_id),
        ).rowcount
        if n:
            record(conn, now, actor, "feed.revoke", f"{feed.scenario}/{feed.officer_id}")
    return n


def feed_of(store: Store, token: str) -> Feed | None:
    rows = store.query(
        "SELECT scenario, officer_id FROM feed_token WHERE token_hash = ? AND revoked_at IS NULL",
        (token_hash(token),),
    )
    return Feed(*rows[0]) if rows else None


def revoked(store: Store, token: str) -> bool:
    """Whether ``token`` is a feed token revoked since (by a planner, or by a new one made
    for its officer): its calendar has ended, unlike a token that never was one."""
    rows = store.query(
        "SELECT 1 FROM feed_token WHERE token_hash = ? AND revoked_at IS NOT NULL",
        (token_hash(token),),
    )
    return bool(rows)


def former_contracts(store: Store, scenario: str, officer_ids: Iterable[str]) -> dict[str, str]:
    """officer id -> the contract each stood in in the newest stored scenario text of
    ``scenario`` that holds them (officers since removed from it: whose planner may end
    their feeds), else in the newest roster that does; an id none holds is left out."""
    wanted = set(officer_ids)
    found: dict[str, str] = {}
    rows = store.query(
        "SELECT s.version_id, s.toml FROM roster_scenario AS s "
        "JOIN roster_version AS v ON v.id = s.version_id "
        "WHERE v.scenario = ? ORDER BY s.version_id DESC",
        (scenario,),
    )
    for version_id, toml in rows:
        if not (wanted - found.keys()):
            break
        if not any(officer in toml for officer in wanted - found.keys()):
            continue  # only the texts that name one are parsed
        held = {o.id: o.contract for o in stored_scenario(store, version_id).officers}
        for officer in wanted - found.keys():
            if officer in held:
                found[officer] = held[officer]
    if wanted - found.keys():
        found.update(_rostered_contracts(store, scenario, wanted - found.keys()))
    return found


def _rostered_contracts(store: Store, scenario: str, officer_ids: set[str]) -> dict[str, str]:
    """officer id -> their contract in the newest version of ``scenario`` whose roster
    rows hold them: an officer of versions published without their scenario (an older
    s92) has no text that says, but every roster row names its contract."""
    found: dict[str, str] = {}
    for version in reversed(store.roster_versions(scenario)):
        if not (officer_ids - found.keys()):
            break
        rows = store.roster(version.id)[["officer_id", "contract_id"]].drop_duplicates()
        for officer, contract in rows.itertuples(index=False):
            if officer in officer_ids and officer not in found:
                found[str(officer)] = str(contract)
    return found


def live_feeds(store: Store, scenario: str) -> dict[str, str]:
    """officer id -> when their live feed token was created."""
    rows = store.query(
        "SELECT officer_id, created_at FROM feed_token WHERE scenario = ? AND revoked_at IS NULL",
        (scenario,),
    )
    return dict(rows)


# --- the UID secret -----------------------------------------------------------------------


def ical_secret(store: Store, folder_secret: bytes | None = None) -> bytes:
    """The store's UID secret. A store without one adopts ``folder_secret`` (the secret an
    older s92 kept in the published folder) or makes a new one. A folder whose secret
    differs from the store's is refused: its subscribers would see every event twice."""
    secret, origin = pending_ical_secret(store, folder_secret)
    if origin is not None:
        with store.transaction() as conn:
            keep_ical_secret(store, conn, secret, origin)
    return secret


def pending_ical_secret(
    store: Store, folder_secret: bytes | None = None
) -> tuple[bytes, str | None]:
    """``ical_secret`` with nothing written: the store's secret and None, or (a store
    without one) the secret it would adopt or make and its origin, for ``keep_ical_secret``
    to store with what was published under it. A command that fails leaves the store
    without one, free to adopt a published folder's later."""
    stored = _stored_secret(store)
    if stored is None:
        if folder_secret:
            return folder_secret, "adopted from a published folder"
        return secrets.token_bytes(32), "new"
    if folder_secret is not None and folder_secret != stored:
        raise InputError.one(
            str(store.path),
            "ical secret",
            "the published folder's .s92-ical.json holds a different UID secret from this "
            "store's; export into a new folder, or use the store the folder was made with",
        )
    return stored, None


def keep_ical_secret(store: Store, conn: sqlite3.Connection, secret: bytes, origin: str) -> None:
    """Store ``secret`` (``pending_ical_secret``) in the transaction ``conn`` holds; an
    ``InputError`` if another command stored a different one meanwhile (what was made with
    ``secret`` would not match the feeds)."""
    conn.execute(
        "INSERT OR IGNORE INTO ical_secret (id, secret, created_at, origin) VALUES (1, ?, ?, ?)",
        (secret.hex(), store.stamp(), origin),
    )
    (stored,) = conn.execute("SELECT secret FROM ical_secret WHERE id = 1").fetchone()
    if bytes.fromhex(stored) != secret:
        raise InputError.one(
            "ical secret",
            "",
            "another s92 command gave the store its UID secret while this one ran: run it again",
        )


def _stored_secret(store: Store) -> bytes | None:
    rows = store.query("SELECT secret FROM ical_secret WHERE id = 1")
    return bytes.fromhex(rows[0][0]) if rows else None


# --- event sequences of served calendars --------------------------------------------------


def feed_calendar(scenario: str, officer_id: str) -> str:
    """The key an officer's calendar has in ``ical_sequence``, served or exported."""
    return f"{scenario}\x1f{officer_id}"


def load_sequences(store: Store, calendar: str) -> dict[str, str]:
    """UID -> "content hash:SEQUENCE" of a served calendar, as ``IcalState.events``."""
    rows = store.query(
        "SELECT uid, digest, sequence FROM ical_sequence WHERE calendar = ?", (calendar,)
    )
    return {uid: f"{digest}:{sequence}" for uid, digest, sequence in rows}


def scenario_sequences(store: Store, scenario: str) -> dict[str, str]:
    """UID -> "content hash:SEQUENCE" of every officer's calendar of ``scenario``."""
    first = feed_calendar(scenario, "")
    rows = store.query(
        "SELECT uid, digest, sequence FROM ical_sequence WHERE calendar >= ? AND calendar < ?",
        (first, first[:-1] + chr(ord(first[-1]) + 1)),
    )
    return {uid: f"{digest}:{sequence}" for uid, digest, sequence in rows}


def save_sequences(store: Store, calendar: str, events: dict[str, str]) -> None:
    """Record the sequences a served calendar now has (only changed ones need passing)."""
    save_calendar_sequences(store, {calendar: events})


def save_calendar_sequences(
    store: Store,
    calendars: Mapping[str, Mapping[str, str]],
    secret: tuple[bytes, str | None] | None = None,
) -> None:
    """``save_sequences`` for several calendars (calendar -> UID -> "hash:SEQUENCE") in one
    transaction, with the UID secret they were made with when the store holds none yet
    (``pending_ical_secret``'s answer)."""
    with store.transaction() as conn:
        write_calendar_sequences(store, conn, calendars, secret)


def write_calendar_sequences(
    store: Store,
    conn: sqlite3.Connection,
    calendars: Mapping[str, Mapping[str, str]],
    secret: tuple[bytes, str | None] | None = None,
) -> None:
    """``save_calendar_sequences`` in the transaction ``conn`` holds (a publication's, so
    that the calendars' record and the roster they show are kept together or not at all)."""
    rows = []
    for calendar, events in calendars.items():
        for uid, value in events.items():
            digest, _, sequence = value.partition(":")
            rows.append((calendar, uid, digest, int(sequence)))
    if secret is not None and secret[1] is not None:
        keep_ical_secret(store, conn, secret[0], secret[1])
    # the greater sequence wins: two servers rendering one change must not go backwards
    conn.executemany(
        "INSERT INTO ical_sequence (calendar, uid, digest, sequence) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (calendar, uid) DO UPDATE SET digest = excluded.digest, "
        "sequence = excluded.sequence WHERE excluded.sequence >= ical_sequence.sequence",
        rows,
    )
