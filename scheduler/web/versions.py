"""The roster versions of a contract's scenario a web account knows: in a scenario spanning
BCUs, another BCU's publications (their notes naming its contracts and files) are that BCU's
planners' business, and its planner knows the roster by the versions its own change notices
list."""

from __future__ import annotations

import re
from typing import Protocol

from scheduler.store.accounts import Account
from scheduler.store.entries import RosterVersion
from scheduler.store.store import Store
from scheduler.web.catalog import ContractView, Library


class Web(Protocol):
    """What the versions need of a route's ``context.Web`` (which imports this module)."""

    @property
    def store(self) -> Store: ...

    @property
    def account(self) -> Account: ...

    @property
    def library(self) -> Library: ...


def known_version(w: Web, view: ContractView, version_id: int) -> int:
    """The roster version a planner knows ``version_id`` as: the latest up to it that the
    contract's change notices list for the account (a later one of another BCU's, in a
    scenario spanning two, is not theirs to know)."""
    every = w.store.roster_versions(view.head.scenario)
    listed = [v.id for v in listed_versions(w, view, every) if v.id <= version_id]
    return max(listed, default=version_id)


def listed_versions(
    w: Web, view: ContractView, versions: list[RosterVersion]
) -> list[RosterVersion]:
    """The versions of the contract's scenario the account may read the notes of: a whole
    new roster, one that changed a contract it may see, or one that changed none and names
    none it may not. A scenario can span BCUs: another BCU's publications, their notes
    naming its contracts and files, are that BCU's planners' business."""
    scenario = view.scenario
    mine = {c.id for c in scenario.contracts if w.account.may_see(c.id, c.bcu)}
    others = [c.id for c in scenario.contracts if c.id not in mine]
    listed = []
    for version in versions:
        touched = w.library.contracts_changed(w.store, version.id)
        named = any(_names(version.note, other) for other in others)
        if touched is None or touched & mine or not (touched or named):
            listed.append(version)
    return listed


def _names(note: str, contract_id: str) -> bool:
    """Whether a version's note names the contract (as a word, not inside a longer id)."""
    return re.search(rf"(?<![\w.-]){re.escape(contract_id)}(?![\w.-])", note) is not None
