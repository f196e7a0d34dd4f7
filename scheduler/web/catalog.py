"""What the store holds, as the web layer reads it: scenarios, contracts, rosters.

Everything here is read-only and cached by the ids of immutable rows: a published version
never changes, so its decoded table, its per-contract and per-officer slices and its
scenario stay valid for as long as the process lives. Only "which version is the latest"
is asked of the store on each request (one small query).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Generic, TypeVar

import pandas as pd

from scheduler.scenario.model import Contract, Scenario
from scheduler.store.accounts import Account
from scheduler.store.editions import Changed, contract_edition, contracts_changed
from scheduler.store.entries import Abstraction
from scheduler.store.scenarios import Head, heads, holders, stored_scenario
from scheduler.store.store import Store

K = TypeVar("K")
V = TypeVar("V")


class Lru(Generic[K, V]):
    """A small thread-safe LRU cache of values computed from immutable keys."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[K, threading.Lock] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        found, value = self._lookup(key)
        if found:
            return value
        # one thread makes a value; the others asking for it meanwhile wait for it rather
        # than each decoding the same London roster at once
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            found, value = self._lookup(key)
            if not found:
                value = make()
                with self._lock:
                    self._data[key] = value
                    while len(self._data) > self.size:
                        self._data.popitem(last=False)
            with self._lock:
                self._making.pop(key, None)
        return value

    def _lookup(self, key: K) -> tuple[bool, V]:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return True, self._data[key]
        return False, None  # type: ignore[return-value]  # not found: never read


@dataclass(frozen=True)
class ContractView:
    """A contract as served: with the scenario and the latest version it belongs to."""

    contract: Contract
    scenario: Scenario
    head: Head
    # the other scenarios of the store holding the contract id, whose rosters of it were
    # published before this one's (``holders``): named to planners on the contract's page
    also_in: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.contract.id

    @property
    def version_id(self) -> int:
        return self.head.version_id

    @property
    def published_at(self) -> datetime:
        return self.head.published_at


@dataclass
class Catalog:
    """Every served contract by id and every officer's contract, from the latest version of
    each scenario that has its scenario stored. A contract id found in two scenarios is
    served from the one whose roster of it was published last (``holders``); ``shadowed``
    lists the others for the admin."""

    contracts: dict[str, ContractView] = field(default_factory=dict)
    # an officer id may stand in two scenarios (for two councils): every contract it has
    officer_contracts: dict[str, list[str]] = field(default_factory=dict)
    shadowed: list[str] = field(default_factory=list)
    without_scenario: list[str] = field(default_factory=list)

    def visible(self, account: Account) -> list[ContractView]:
        return [
            v for _, v in sorted(self.contracts.items()) if account.may_see(v.id, v.contract.bcu)
        ]

    def find(self, account: Account, contract_id: str) -> ContractView | None:
        """The contract if it exists and the account may see it; None either way otherwise,
        so that a refusal says nothing of what exists."""
        view = self.contracts.get(contract_id)
        if view is None or not account.may_see(view.id, view.contract.bcu):
            return None
        return view

    def typed(self, account: Account, contract_id: str) -> ContractView | None:
        """``find`` for an id as a user typed it: as typed, else the one contract the
        account may see whose id it matches but for case (as officer ids are read)."""
        view = self.find(account, contract_id)
        if view is not None:
            return view
        alike = [v for v in self.visible(account) if v.id.casefold() == contract_id.casefold()]
        return alike[0] if len(alike) == 1 else None

    def contract_of_officer(self, account: Account, officer_id: str) -> ContractView | None:
        """The contract of the officer of that id the account may see, if any."""
        found = self.contracts_of_officer(account, officer_id)
        return found[0] if found else None

    def contracts_of_officer(self, account: Account, officer_id: str) -> list[ContractView]:
        """Every contract the account may see with an officer of that id (an id may stand
        in two scenarios of the store, each its own council's officer)."""
        found = (self.find(account, c) for c in self.officer_contracts.get(officer_id, []))
        return [view for view in found if view is not None]

    def officer_id_of(self, account: Account, typed: str) -> str:
        """The id of the officer of a contract the account may see that ``typed`` names,
        by ``rostered_id``'s rule: as typed, else the one id it matches but for case."""
        if self.contracts_of_officer(account, typed):
            return typed
        folded = typed.casefold()
        alike = {
            i
            for i in self.officer_contracts
            if i.casefold() == folded and self.contracts_of_officer(account, i)
        }
        return alike.pop() if len(alike) == 1 else typed

    def contract_of_entry(self, account: Account, entry: Abstraction) -> ContractView | None:
        """The contract an entry was logged for, if the account may see it (an entry logged
        without a scenario belongs to its officer's contract)."""
        if entry.contract_id:
            return self.find(account, entry.contract_id)
        return self.contract_of_officer(account, entry.officer_id)

    def entry_visible(self, account: Account, entry: Abstraction) -> bool:
        return self.contract_of_entry(account, entry) is not None


class Library:
    """The process-wide caches over one store file."""

    def __init__(self) -> None:
        self._catalogs: Lru[tuple[tuple[int, int | None], ...], Catalog] = Lru(4)
        self._tables: Lru[int, pd.DataFrame] = Lru(6)
        self._by_contract: Lru[int, dict[str, pd.DataFrame]] = Lru(6)
        self._by_officer: Lru[int, dict[str, pd.DataFrame]] = Lru(6)
        self.derived: Lru[tuple[object, ...], object] = Lru(256)  # grids, reports, charts
        self.feeds: Lru[tuple[object, ...], object] = Lru(400)  # about 110 kB an officer-year
        self._touched: Lru[int, frozenset[str] | None] = Lru(4096)  # a version's contracts

    def catalog(self, store: Store) -> Catalog:
        found = heads(store)
        key = tuple((h.version_id, h.text_version_id) for h in found)
        return self._catalogs.get(
            key, lambda: _catalog(store, found, partial(self.contracts_changed, store))
        )

    def table(self, store: Store, version_id: int) -> pd.DataFrame:
        return self._tables.get(version_id, lambda: store.roster(version_id))

    def contract_rows(self, store: Store, version_id: int, contract_id: str) -> pd.DataFrame:
        def split() -> dict[str, pd.DataFrame]:
            table = self.table(store, version_id)
            return {str(k): g.reset_index(drop=True) for k, g in table.groupby("contract_id")}

        parts = self._by_contract.get(version_id, split)
        return parts.get(contract_id, self.table(store, version_id).iloc[0:0])

    def officer_rows(self, store: Store, version_id: int, officer_id: str) -> pd.DataFrame:
        def split() -> dict[str, pd.DataFrame]:
            table = self.table(store, version_id)
            return {str(k): g.reset_index(drop=True) for k, g in table.groupby("officer_id")}

        parts = self._by_officer.get(version_id, split)
        return parts.get(officer_id, self.table(store, version_id).iloc[0:0])

    def contracts_changed(self, store: Store, version_id: int) -> frozenset[str] | None:
        """The contracts a published version changed (``contracts_changed``), cached."""
        return self._touched.get(version_id, partial(contracts_changed, store, version_id))

    def roster_edition(self, store: Store, view: ContractView, version_id: int = 0) -> Edition:
        """The contract's own version of its roster (``contract_edition``) in its latest
        version (or in store version ``version_id``), and when it was published. A council
        reads "version 3, published 4 Nov", not the store's count of every council's
        publications."""
        number, last = contract_edition(
            store,
            view.head.scenario,
            view.id,
            version_id or view.version_id,
            partial(self.contracts_changed, store),
        )
        return Edition(max(number, 1), view.published_at if last is None else last.published_at)


@dataclass(frozen=True)
class Edition:
    """A contract's roster as its council knows it: its own version number, and when that
    version was published."""

    number: int
    published_at: datetime


def warm(library: Library, store: Store) -> None:
    """Decode what the first requests will need (the latest roster of each scenario, cut
    by contract and by officer), so that no reader waits for it."""
    catalog = library.catalog(store)
    versions = {view.version_id for view in catalog.contracts.values()}
    for version_id in versions:
        library.contract_rows(store, version_id, "")
        library.officer_rows(store, version_id, "")


def _catalog(store: Store, found: list[Head], changed: Changed) -> Catalog:
    catalog = Catalog()
    catalog.without_scenario = [h.scenario for h in found if h.text_version_id is None]
    for contract_id, each in holders(store, found, changed).items():
        live = each[0]
        scenario = stored_scenario(store, live.text_version_id)  # type: ignore[arg-type]
        others = tuple(h.scenario for h in each[1:])
        catalog.contracts[contract_id] = ContractView(
            scenario.contract(contract_id), scenario, live, others
        )
        catalog.shadowed.extend(
            f"{contract_id} in {name}: served from {live.scenario}, whose roster of it was "
            "published later"
            for name in others
        )
    for head in found:
        if head.text_version_id is None:
            continue
        for officer in stored_scenario(store, head.text_version_id).officers:
            view = catalog.contracts.get(officer.contract)
            if view is not None and view.head is head:
                catalog.officer_contracts.setdefault(officer.id, []).append(officer.contract)
    return catalog
