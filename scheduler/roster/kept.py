"""A ``roster.csv`` kept from an earlier published version than the latest, refused.

A CSV carries no record of what s92 wrote (a workbook does), so a kept one shows by what it
holds: that version's day on every officer-day the versions since changed (leave or sickness
typed in, a re-roster's moves). Published, it would undo them unseen. ``s92 publish`` and
the web app's upload both refuse one here.

Each version is stored with its change notice (``changes.csv``: every officer-day it changed
from the version before, with what the day ``was``), so what an earlier version held on the
days changed since is read from the notices, walking back from the latest; a whole earlier
version is read only to confirm a match, or for versions published without a notice.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scheduler.errors import InputError
from scheduler.roster.changes import describe_day
from scheduler.roster.stored import roster_table
from scheduler.scenario.model import Scenario
from scheduler.store.store import Store
from scheduler.wording import counted

FULL_READS = 20  # earlier versions read whole: to confirm a match, or with no notice kept

Key = tuple[str, str]  # (officer_id, ISO date)


def refuse_kept_csv(
    store: Store,
    scenario: Scenario,
    latest_id: int,
    latest: pd.DataFrame,
    new: pd.DataFrame,
    name: str,
    *,
    scenario_name: str | None = None,
    shown: Callable[[int], int] = int,
) -> None:
    """Refuse ``new`` (a roster.csv read, named ``name``) when it is an earlier version of
    ``scenario_name``'s roster (default: the scenario's name) on every officer-day the
    versions since changed, up to ``latest`` (version ``latest_id``). Versions are named
    to the reader as ``shown`` numbers them (default: the store's ids)."""
    now = _cells(roster_table(new))
    have = _cells(roster_table(latest))
    # days the latest version gave an entry voided since are given back: a roster holding
    # them as before (a re-roster after the void, not published) undoes nothing
    live = {str(e.id) for e in store.scenario_entries(scenario) if e.is_live}
    ids = roster_table(latest)["abstraction_id"]
    have = have[~((ids != "") & ~ids.isin(live)).to_numpy()]
    keys = have.index.intersection(now.index)
    if not (have[keys] != now[keys]).any():  # it holds the latest on every day both hold
        return
    versions = [v.id for v in store.roster_versions(scenario_name or scenario.name)]
    found = _kept_from(store, [v for v in versions if v < latest_id], latest_id, have, now)
    if found is None:
        return
    version, since = found
    officer_id, day = since[0]
    version, latest_id = shown(version), shown(latest_id)
    raise InputError.one(
        name,
        "",
        f"is roster version {version} on the {counted(len(since), 'officer-day')} "
        f"version {latest_id} changed since (first "
        f"{officer_id} {day}: {_shown(have[since[0]])} in version {latest_id}, "
        f"{_shown(now[since[0]])} here): a roster.csv kept from version {version} "
        f"would undo them; make the edits in the roster.csv or roster.xlsx of version "
        f"{latest_id} (to undo them on purpose, type them over in its roster.xlsx)",
    )


def _kept_from(
    store: Store, older: list[int], latest_id: int, have: pd.Series, now: pd.Series
) -> tuple[int, pd.Index] | None:
    """The earliest of the ``older`` versions ``now`` holds on every officer-day changed
    since (and the days), if any."""
    notices: list[tuple[int, pd.DataFrame]] = []  # each version, with the next one's notice
    unread: list[int] = []  # versions no notice reaches back to: compared whole
    newer = latest_id
    for version in sorted(older, reverse=True):
        notice = store.version_changes(newer)
        if notice is None:
            unread = [v for v in older if v <= version]
            break
        notices.append((version, notice))
        newer = version
    walk = _Walk(have, now, [n for _, n in notices])
    candidates = [version for version, notice in notices if walk.back(notice)]
    # the earliest it matches is the one it was kept from
    to_read = sorted(unread, reverse=True)[:FULL_READS][::-1] + sorted(candidates)
    for version in to_read[:FULL_READS]:
        since = _since(_cells(roster_table(store.roster(version))), have, now)
        if since is not None:
            return version, since
    return None


def _since(then: pd.Series, have: pd.Series, now: pd.Series) -> pd.Index | None:
    """The officer-days changed since ``then``, if ``now`` holds ``then``'s day on all."""
    keys = then.index.intersection(have.index).intersection(now.index)
    since = keys[(then[keys] != have[keys]).to_numpy()]
    if since.empty or not (now[since] == then[since]).all():
        return None
    return since


class _Walk:
    """What an earlier version held on the days changed since, as the notices tell it
    (each day's ``was`` in the earliest notice after that version), kept up to date one
    notice at a time, with the days it differs from the latest and those of them the
    roster does not hold as it was."""

    def __init__(self, have: pd.Series, now: pd.Series, notices: list[pd.DataFrame]) -> None:
        keys = {k for n in notices for k in _keys(n)}
        self.have = _described(have, keys)
        self.now = _described(now, keys)
        self.since: set[Key] = set()
        self.unlike: set[Key] = set()

    def back(self, notice: pd.DataFrame) -> bool:
        """One version further back (``notice`` is the change notice of the version after):
        whether the roster may be kept from it."""
        for key, was in zip(_keys(notice), notice["was"].astype(str), strict=True):
            have, now = self.have.get(key), self.now.get(key)
            if have is None or now is None:
                continue
            self.since.discard(key)
            self.unlike.discard(key)
            if was != have:
                self.since.add(key)
                if now != was:
                    self.unlike.add(key)
        return bool(self.since) and not self.unlike


def _keys(notice: pd.DataFrame) -> list[Key]:
    days = notice["date"].astype(str).str[:10]
    return list(zip(notice["officer_id"].astype(str), days, strict=True))


def _described(cells: pd.Series, keys: set[Key]) -> dict[Key, str]:
    """The days of ``keys`` as the change notice describes them (``DUTY L 15:00-23:00``)."""
    if not keys:
        return {}
    held = cells[cells.index.isin(list(keys))]
    return {
        key: describe_day(*cell.split(" ")[:4])
        for key, cell in zip(held.index, held.to_numpy(), strict=True)
    }


def _cells(table: pd.DataFrame) -> pd.Series:
    """Each officer-day's state, tour and times, by (officer, date)."""
    text = table["state"] + " " + table["shift"] + " " + table["start"] + " " + table["end"]
    return pd.Series(
        text.to_numpy(), index=pd.MultiIndex.from_arrays([table["officer_id"], table["date"]])
    )


def _shown(cell: str) -> str:
    return " ".join(cell.split()[:2])
