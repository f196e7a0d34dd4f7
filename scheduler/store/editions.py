"""A contract's own roster version: how many of its scenario's published versions changed
it. A council reads "version 3", not the store's count of every council's publications;
the web's pages and the commands that publish name a contract's roster the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial

from calendars import LONDON
from scheduler.store.attribution import attributed
from scheduler.store.entries import RosterVersion, of_contracts
from scheduler.store.store import Store

Changed = Callable[[int], frozenset[str] | None]


def contracts_changed(store: Store, version_id: int) -> frozenset[str] | None:
    """The contracts a published version changed, by its stored change notice; None when
    it has none (a first or whole new roster: every contract)."""
    changes = store.version_changes(version_id)
    if changes is None:
        return None
    return frozenset(changes["contract_id"].astype(str)) if len(changes) else frozenset()


def contract_edition(
    store: Store,
    scenario: str,
    contract_id: str,
    version_id: int,
    changed: Changed | None = None,
) -> tuple[int, RosterVersion | None]:
    """The contract's own version number in store version ``version_id`` of its scenario
    (how many of the versions up to it changed it: its change notice has rows of it, or
    it has none, a whole new roster), and the latest of those versions (None: none did).
    ``changed`` is ``contracts_changed`` (a cached one, on the web)."""
    changed = changed or partial(contracts_changed, store)
    number, last = 0, None
    for version in store.roster_versions(scenario):
        if version.id > version_id:
            break
        touched = changed(version.id)
        if touched is None or contract_id in touched:
            number, last = number + 1, version
    return number, last


def own_versions(store: Store, scenario: str, version_id: int) -> str:
    """What a publication means to the councils whose contracts it changed, said after the
    store's version id: each one's own roster version, as its pages name it (the store's
    id counts every council's publications; "" when it changed none)."""
    touched = contracts_changed(store, version_id)
    if touched is None:
        ids = sorted(str(c) for c in store.roster(version_id)["contract_id"].unique())
    else:
        ids = sorted(touched)
    if not ids:
        return ""
    each = [f"{c} {contract_edition(store, scenario, c, version_id)[0]}" for c in ids]
    return f"; the contracts' own roster versions, as their pages name them: {', '.join(each)}"


def roster_named(contract_id: str, number: int, published_at: datetime) -> str:
    """A contract's roster as its council's report names it, on its page and from ``s92
    report --contract``: ``EARLY roster version 2 (published 07 Dec 2026)``."""
    return f"{contract_id} roster version {number} (published {published_day(published_at)})"


def log_read(store: Store, officer_ids: Iterable[str], contracts: Iterable[str]) -> str:
    """How much of the entry log a report of ``contracts`` read, as its source names it:
    ``entry log to entry 57``, the latest entry (or void) of those contracts' officers
    logged for them. Voiding an entry logs one, so two reports of the same roster with as
    many live abstractions, one before a void and one after, name two points of the log;
    nothing of another council's entries."""
    mine = list(contracts)
    logged = of_contracts(attributed(store, store.entries_of(officer_ids, mine)), mine)
    last = max((e.id for e in logged), default=0)
    return f"entry log to entry {last}" if last else "no entry logged"


def published_day(moment: datetime) -> str:
    """The London day of a publication the store keeps (UTC): ``07 Dec 2026``."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON).strftime("%d %b %Y")
