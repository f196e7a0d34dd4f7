"""Which contract an entry logged without one belongs to.

An entry logged without a scenario file (or by an s92 that did not record contracts on
entries) has no contract. One officer id may stand in two scenarios of a store (two
councils may both have an A-01): such an entry is the officer's of the contract whose
published roster held them when it was logged (or, logged before any did, of the first
roster published after it that held them), not every council's with an officer of that id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

import pandas as pd

from scheduler.store.entries import Entry


class Store(Protocol):
    """What attribution reads of ``scheduler.store.store.Store`` (named so, not imported:
    the store imports this module)."""

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]: ...

    def roster(self, version_id: int) -> pd.DataFrame: ...


@dataclasses.dataclass(frozen=True)
class _Version:
    id: int
    scenario: str
    published_at: datetime


class Holders:
    """The contracts each published roster holds an officer in, read once a version."""

    def __init__(self, store: Store) -> None:
        self._store = store
        rows = store.query("SELECT id, scenario, published_at FROM roster_version ORDER BY id")
        self._versions = [_Version(r[0], r[1], datetime.fromisoformat(r[2])) for r in rows]
        self._held: dict[int, dict[str, set[str]]] = {}

    def contract_of(self, entry: Entry) -> str:
        """The one contract the entry's officer was in when it was logged, else ""."""
        current = self._current(entry.logged_at)
        held = self._holding(current, entry.officer_id)
        if not held:
            later = [v for v in self._versions if v.published_at > entry.logged_at]
            for version in later:
                held = self._holding([version], entry.officer_id)
                if held:
                    break
        return next(iter(held)) if len(held) == 1 else ""

    def _current(self, moment: datetime) -> list[_Version]:
        """Each scenario's latest version published by ``moment``."""
        latest: dict[str, _Version] = {}
        for version in self._versions:
            if version.published_at <= moment:
                latest[version.scenario] = version
        return list(latest.values())

    def _holding(self, versions: Sequence[_Version], officer_id: str) -> set[str]:
        held: set[str] = set()
        for version in versions:
            held |= self._officers(version.id).get(officer_id, set())
        return held

    def _officers(self, version_id: int) -> dict[str, set[str]]:
        if version_id not in self._held:
            table = self._store.roster(version_id)
            pairs = set(
                zip(table["officer_id"].astype(str), table["contract_id"].astype(str), strict=True)
            )
            officers: dict[str, set[str]] = {}
            for officer, contract in pairs:
                officers.setdefault(officer, set()).add(contract)
            self._held[version_id] = officers
        return self._held[version_id]


def attributed(store: Store, entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` with each one logged without a contract given the contract its officer
    was in when it was logged, where one was (see the module's doc)."""
    if all(e.contract_id for e in entries):
        return list(entries)
    holders = Holders(store)
    return [
        e if e.contract_id else dataclasses.replace(e, contract_id=holders.contract_of(e))
        for e in entries
    ]
