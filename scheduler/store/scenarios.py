"""The scenario each published roster was built from, kept in the store beside it.

Every command that publishes stores the scenario TOML text with the version
(``Store.publish_roster(..., scenario_text=...)``), so the store alone is enough to
re-roster, report and serve: ``s92 serve`` reads no scenario file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from scheduler.errors import InputError
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.scenario.load import decode_scenario
from scheduler.store.editions import Changed, contract_edition
from scheduler.store.store import Store


@dataclass(frozen=True)
class Head:
    """The newest published version of one scenario, and the version its scenario text
    comes from (the newest version that has one, which is normally the same)."""

    scenario: str
    version_id: int
    published_at: datetime
    note: str
    text_version_id: int | None


def scenario_text(path: str | Path) -> str:
    """The text of a scenario file as a command read it, to publish with the roster."""
    try:
        return decode_scenario(Path(path).read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.one(str(path), "", f"cannot read the scenario again: {exc}") from None


def heads(store: Store) -> list[Head]:
    """One ``Head`` per scenario name in the store, by name."""
    rows = store.query(
        """SELECT v.scenario, v.id, v.published_at, v.note,
                  (SELECT max(s.version_id) FROM roster_scenario AS s
                   JOIN roster_version AS w ON w.id = s.version_id
                   WHERE w.scenario = v.scenario)
           FROM roster_version AS v
           WHERE v.id = (SELECT max(id) FROM roster_version WHERE scenario = v.scenario)
           ORDER BY v.scenario"""
    )
    return [Head(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4]) for r in rows]


def served_contracts(store: Store) -> dict[str, str]:
    """Each contract of the latest stored scenario of every scenario name, with its BCU
    (the BCU its live scenario gives it, ``holders``): what ``s92 serve`` shows (empty
    before anything is published with its scenario)."""
    return {
        contract_id: stored_scenario(store, each[0].text_version_id).contract(contract_id).bcu
        for contract_id, each in holders(store).items()
        if each[0].text_version_id is not None
    }


def holders(
    store: Store, found: list[Head] | None = None, changed: Changed | None = None
) -> dict[str, list[Head]]:
    """Each contract id of the store's scenarios (their latest stored scenario) -> the
    heads of the scenarios holding it, the live one first: the scenario whose roster of
    that contract was published last (its latest version that changed it, by
    ``contract_edition``). Two scenarios may hold one contract id (London's and
    Havering's both hold HAV-PP): the planner who published one last means it, and the
    web serves it on every page, download, API answer, feed and report."""
    found = heads(store) if found is None else found
    by_id: dict[str, list[Head]] = {}
    for head in found:
        if head.text_version_id is not None:
            for contract in stored_scenario(store, head.text_version_id).contracts:
                by_id.setdefault(contract.id, []).append(head)

    def last(contract_id: str, head: Head) -> int:
        _, version = contract_edition(store, head.scenario, contract_id, head.version_id, changed)
        return 0 if version is None else version.id

    return {
        contract_id: each if len(each) == 1 else sorted(each, key=lambda h: -last(contract_id, h))
        for contract_id, each in by_id.items()
    }


def also_held(store: Store, scenario_name: str) -> list[str]:
    """One note line per contract of ``scenario_name`` (just published) that another
    scenario of the store holds too, saying which roster of it the web now serves."""
    lines = []
    for contract_id, each in sorted(holders(store).items()):
        names = [h.scenario for h in each]
        if len(names) > 1 and scenario_name in names:
            others = ", ".join(repr(n) for n in names if n != scenario_name)
            served = "this one" if names[0] == scenario_name else f"that of scenario {names[0]!r}"
            lines.append(
                f"note: contract {contract_id} is also in scenario {others} in this store: "
                f"the web shows the roster of it published last, {served}"
            )
    return lines


def stored_scenario(store: Store, version_id: int) -> Scenario:
    """The scenario stored with a version; ``InputError`` when there is none."""
    rows = store.query(
        "SELECT toml, source FROM roster_scenario WHERE version_id = ?", (version_id,)
    )
    if not rows:
        raise InputError.one(
            str(store.path),
            "roster version",
            "has no scenario stored with it: publish it again with this s92",
            version_id,
        )
    return parse_scenario(rows[0][0], f"{store.path}: version {version_id}")


def version_horizon(store: Store, version_id: int) -> tuple[date, date] | None:
    """The first and last day of the horizon a version was rostered for, from the scenario
    stored with it (None without one): its rows alone end early where every officer of
    the roster has left, and begin late where none has joined yet."""
    rows = store.query(
        "SELECT toml, source FROM roster_scenario WHERE version_id = ?", (version_id,)
    )
    if not rows:
        return None
    stored = parse_scenario(rows[0][0], f"{store.path}: version {version_id}")
    return stored.start, stored.end


@lru_cache(maxsize=32)
def parse_scenario(text: str, source: str) -> Scenario:
    """Scenario TOML text -> a validated ``Scenario`` (cached: stored versions never change,
    and a London scenario takes a while to validate)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError.one(source, "", f"not valid TOML: {exc}") from None
    return scenario_from_dict(data, source)


def stored_text(store: Store, version_id: int) -> str | None:
    rows = store.query("SELECT toml FROM roster_scenario WHERE version_id = ?", (version_id,))
    return rows[0][0] if rows else None


def rules_changed(store: Store, scenario_name: str, text: str) -> bool:
    """Whether the ``[rules]`` of scenario ``text`` differ from those of any version of
    ``scenario_name`` published (or any version has no scenario stored to say): only then
    can a published roster break the rules as they are now."""
    now = _rules_table(text)
    versions = store.query(
        "SELECT count(*) FROM roster_version WHERE scenario = ?", (scenario_name,)
    )[0][0]
    rows = store.query(
        "SELECT s.toml FROM roster_scenario AS s JOIN roster_version AS v "
        "ON v.id = s.version_id WHERE v.scenario = ?",
        (scenario_name,),
    )
    return len(rows) < versions or any(_rules_table(r[0]) != now for r in rows)


def same_rules(text: str | None, other: str) -> bool:
    """Whether two scenario texts have the same ``[rules]`` as written (False for None)."""
    return text is not None and _rules_table(text) == _rules_table(other)


def _rules_table(text: str) -> object:
    """A scenario text's ``[rules]`` table as written (None if it cannot be read)."""
    try:
        return tomllib.loads(text).get("rules", {})
    except tomllib.TOMLDecodeError:
        return None
