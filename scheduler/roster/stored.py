"""The roster table in the one form a published version is compared in: text columns (''
for missing), float hours, ISO dates, rows by contract, officer and date. ``s92 publish``
and ``s92 reroster --publish`` both compare a new roster with the published one in it, and
publish nothing when the two are the same."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from scheduler.scenario.model import Scenario
from scheduler.store.apply import voided_rows
from scheduler.store.entries import Entry
from scheduler.store.store import Store
from scheduler.table import COLUMNS, EXTRA_COLUMNS

# versions looked back through for the day a voided entry took (each read whole)
TOLD_VERSIONS = 12
# the states the solver gives an officer-day it decides (assemble._solved): any other state
# in a published roster was made by an entry or typed by hand, and stands
SOLVED_STATES = frozenset({"DUTY", "REST", "PUBLIC_HOLIDAY", "HDD_AID"})


@dataclass(frozen=True)
class Told:
    """An officer-day as an earlier version had it before an entry voided since: a tour
    (``shift``), High Demand Day aid the roster planned (``state`` HDD_AID, ``shift`` its
    label) or a rest day (``shift`` None, ``state`` REST), and that version's id; ``times``:
    the tour's or aid's HH:MM-HH:MM ("" for a rest day). ``typed``: a state typed by hand
    (leave, sickness, an abstraction with no entry behind it), that version's row whole
    (column, value), to stand again as it stood before the entry."""

    state: str
    shift: str | None
    version: int
    times: str = ""
    typed: tuple[tuple[str, Any], ...] = ()


def told_before(
    store: Store, scenario_name: str, version: int, published: pd.DataFrame, live: Iterable[Entry]
) -> dict[tuple[str, str], Told]:
    """(officer, ISO date) -> the tour or rest day the newest version before ``version``
    that did not give it the entry gave it, for each day ``published`` still gives an
    entry voided since (of those ``live`` does not hold): what the officer was told before
    the entry, for the re-roster to give back. A version giving the day another entry
    voided since (sickness logged, voided and logged again) is looked past, to what the
    officer was told before them all; a state typed by hand there (leave with no entry) is
    given whole (``Told.typed``); days an earlier version gave a live entry are left out."""
    live = list(live)
    live_ids = {str(e.id) for e in live if e.is_live}
    voided = published[voided_rows(published, live)]
    if voided.empty:
        return {}
    want = {
        (str(o), str(d)[:10]): str(a)
        for o, d, a in zip(
            voided["officer_id"], voided["date"], voided["abstraction_id"], strict=True
        )
    }
    earlier = sorted(
        (v.id for v in store.roster_versions(scenario_name) if v.id < version), reverse=True
    )
    out: dict[tuple[str, str], Told] = {}
    for v in earlier[:TOLD_VERSIONS]:
        if not want:
            break
        table = store.roster(v)
        ids = table.get("abstraction_id", pd.Series("", index=table.index)).fillna("").astype(str)
        keys = zip(table["officer_id"].astype(str), table["date"].astype(str).str[:10], strict=True)
        for n, key, state, shift, entry_id, times in zip(
            range(len(table)), keys, table["state"].astype(str),
            table["shift"].fillna("").astype(str), ids, told_times(table), strict=True,
        ):  # fmt: skip
            if key not in want or entry_id == want[key]:
                continue
            if entry_id and entry_id not in live_ids:  # another entry voided since
                continue
            del want[key]
            if entry_id == "" and state in ("DUTY", "HDD_AID") and shift:
                out[key] = Told(state, shift, v, times)
            elif entry_id == "" and state == "REST":
                out[key] = Told("REST", None, v)
            elif entry_id == "" and state not in SOLVED_STATES:
                row = roster_table(table.iloc[[n]]).iloc[0]
                out[key] = Told(
                    state, shift or None, v, times, tuple((str(c), x) for c, x in row.items())
                )
    return out


def told_times(table: pd.DataFrame) -> list[str]:
    """Each row's HH:MM-HH:MM ("" without times), as ``Told.times`` holds it."""
    start, end = (table[c].fillna("").astype(str).str[11:16] for c in ("start", "end"))
    return [f"{a}-{b}" if a else "" for a, b in zip(start, end, strict=True)]


def roster_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` in the form the store holds and the change notice compares."""
    out = pd.DataFrame(index=table.index)
    for column in (*COLUMNS, *EXTRA_COLUMNS):
        if column == "hours":
            out[column] = pd.to_numeric(table[column], errors="coerce").fillna(0.0).astype(float)
        elif column in table.columns:
            out[column] = table[column].fillna("").astype(str)
        else:
            out[column] = ""
    order = ["contract_id", "officer_id", "date"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)


def same_roster(published: pd.DataFrame, new: pd.DataFrame) -> bool:
    """Whether ``new`` holds exactly the published roster: every officer-day, its tour,
    times, hours, event and the entry behind it."""
    base, other = roster_table(published), roster_table(new)
    return len(base) == len(other) and base.equals(other)


def same_scenario(stored: str | None, text: str) -> bool:
    """Whether a scenario file's ``text`` is the one stored with a published version (a
    version stored without one, by an older s92, counts as the same: nothing says not)."""
    return stored is None or stored == text


def voided_ids(store: Store, scenario: Scenario) -> frozenset[int]:
    """The ids of the log's entries voided since they were logged, of ``scenario``'s
    officers and contracts: a re-roster names those whose days before its ``--from`` the
    published roster still gives them."""
    found = store.entries_of([o.id for o in scenario.officers], [c.id for c in scenario.contracts])
    return frozenset(e.id for e in found if e.voided_by is not None)
