"""The change notice: every officer-day a new roster changes from the published one, with
clear days' notice, compensation under Police Regulations Annex G, and the entry behind it.

``change_notice`` is what ``s92 reroster`` writes as ``changes.csv`` and prints; the same
rows feed the officers' notices (``scheduler.export.notices``). Each change names the entry
that forced it: the entry's own days, the days an entry voided (or leave cancelled in the
scenario) gives back, and the knock-on changes around an entry (a rest day re-rostered,
a tour moved to keep the rest between tours, a colleague covering a tasked tour).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from scheduler.scenario.model import Scenario
from scheduler.store.entries import Entry
from scheduler.table import DUTY_STATES, LEAVE_KIND, SICKNESS_KIND

CHANGE_COLUMNS: tuple[str, ...] = (
    "officer_id",
    "contract_id",
    "date",
    "was",
    "now",
    "clear_days_notice",
    "compensation",
    "entry_id",
    "reason",
)


def no_changes() -> pd.DataFrame:
    """A change table with no rows (a re-roster that changed, or could change, nothing)."""
    return pd.DataFrame(columns=list(CHANGE_COLUMNS))


_KIND_WORDS = {
    SICKNESS_KIND: "off sick",
    LEAVE_KIND: "annual leave",
    "training": "training",
    "court": "at court",
    "emergency_aid": "on emergency aid",
    "hdd_aid": "on High Demand Day aid",
    "operational": "abstracted",
}


@dataclass(frozen=True)
class Cause:
    """Why an officer-day changed: the entry behind it (None when none is known) and a
    planner's words; ``given_by``: the id of the entry voided since that gave the day back
    (or whose day given back the change is a knock-on of)."""

    entry: Entry | None
    words: str
    given_by: str = ""

    @property
    def entry_id(self) -> str:
        if self.entry is not None and self.entry.in_log:
            return str(self.entry.id)
        return self.given_by


def clear_days(notified: date, day: date) -> int:
    """Clear days' notice: neither the day of notice nor the day worked counts."""
    return max(0, (day - notified).days - 1)


def told(notified: date, entry: Entry | None) -> date:
    """The day an officer is told of a change: the day the re-roster (or edit) is notified
    (``--notified``), but never before the entry behind the change was (an entry notified
    later, sickness rung in on ``--from``, emergency aid logged on its day, is told then).
    ``changes.csv``'s notice counts from it, and the re-roster keeps the days off inside
    their notice by it (``told_by_day``)."""
    return notified if entry is None else max(notified, entry.notified)


def told_by_day(
    notified: date, entries: Sequence[Entry], officer_id: str, contract_id: str, day: date
) -> date:
    """The day the officer would be told of a change to ``day`` (a rest day cancelled
    for cover, say): ``told`` of the latest told of the entries of the contract that
    ``changes.csv`` may put such a change down to (those within ``OWN_REACH`` days of it,
    of those notified by the day where there are any)."""
    near = [
        e
        for e in entries
        if (e.officer_id == officer_id or e.contract_id == contract_id)
        and _distance(e, day) <= OWN_REACH
    ]
    return max((told(notified, e) for e in _told_by(near, day)), default=notified)


def change_notice(
    base: pd.DataFrame,
    new: pd.DataFrame,
    from_date: date,
    notified: date,
    scenario: Scenario,
    *,
    entries: Sequence[Entry] = (),
    released: Mapping[tuple[str, str], str] | None = None,
    knock_ons: bool = True,
    unexplained: str = "",
    placed: Mapping[tuple[str, str], str] | None = None,
    given_by: Mapping[tuple[str, str], str] | None = None,
) -> pd.DataFrame:
    """Every officer-day from ``from_date`` that differs between ``base`` (the published
    roster) and ``new``, with notice, compensation and its cause: ``entries`` are the live
    entries (and scenario leave) behind the new roster, ``released`` the officer-days
    (officer_id, ISO date) given back with the words why. With ``knock_ons`` a change on no
    entry's day is put down to the nearest entry (a re-roster changes nothing else); without
    (a roster edited by hand, say) it gets ``unexplained`` (e.g. "edited by hand").
    ``placed``: officer-days put on High Demand Day aid with the words why, for a day no
    colleague's entry explains (an HDD added to the scenario since publication).
    ``given_by``: the id of the entry voided since behind each of the days ``released`` it
    gave back, for their ``entry_id`` (and that of a knock-on of one)."""
    keys = ["officer_id", "date"]
    merged = _as_text(base).merge(_as_text(new), on=keys, suffixes=("_was", "_now"))
    merged = merged[merged["date"] >= from_date.isoformat()]
    differs = changed(merged, "_was", "_now")
    was = _as_text(base)
    duty = was[was["state"] == "DUTY"]
    tours = {
        (str(o), date.fromisoformat(d)): str(code)
        for o, d, code in zip(duty["officer_id"], duty["date"], duty["shift"], strict=True)
    }
    aid = was[was["state"] == "HDD_AID"]
    aid_was = {
        (str(o), date.fromisoformat(d)) for o, d in zip(aid["officer_id"], aid["date"], strict=True)
    }
    contract_of = dict(zip(was["officer_id"], was["contract_id"], strict=True))
    given = (released or {}, given_by or {})
    why = _Attribution(
        entries, *given, knock_ons, unexplained, tours, aid_was, placed or {}, contract_of
    )
    rows = []
    for r in merged[differs].to_dict("records"):
        day = date.fromisoformat(str(r["date"]))
        cause = why.cause(str(r["officer_id"]), str(r["contract_id_now"]), day, r)
        notice = clear_days(told(notified, cause.entry), day)
        rows.append(
            {
                "officer_id": r["officer_id"],
                "contract_id": r["contract_id_now"],
                "date": r["date"],
                "was": describe_day(r["state_was"], r["shift_was"], r["start_was"], r["end_was"]),
                "now": describe_day(r["state_now"], r["shift_now"], r["start_now"], r["end_now"]),
                "clear_days_notice": notice,
                "compensation": compensation(
                    str(r["state_was"]),
                    str(r["state_now"]),
                    float(r["hours_now"]),
                    notice,
                    scenario,
                ),
                "entry_id": cause.entry_id,
                "reason": cause.words,
            }
        )
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


# an officer-day is a change when one of these differs: a tour of another code at the same
# times is another post for the council's cover, so the officer is told of it too
COMPARED = ("state", "shift", "start", "end")


def changed(merged: pd.DataFrame, was: str, now: str) -> pd.Series:
    """The rows of two rosters merged by officer-day (their columns suffixed ``was`` and
    ``now``) where the day changed: what ``changes.csv`` lists, and where a notice starts."""
    differs = [merged[f"{c}{was}"] != merged[f"{c}{now}"] for c in COMPARED]
    return pd.concat(differs, axis=1).any(axis=1)


def describe_day(state: object, shift: object, start: object, end: object) -> str:
    """``DUTY L 15:00-23:00``, ``TRAINING 09:00-17:00``, ``REST``."""
    if not start:
        return str(state)
    a = datetime.fromisoformat(str(start)).strftime("%H:%M")
    b = datetime.fromisoformat(str(end)).strftime("%H:%M")
    label = f" {shift}" if shift else ""
    return f"{state}{label} {a}-{b}"


def compensation(was: str, now: str, hours: float, notice: int, scenario: Scenario) -> str:
    """Police Regulations Annex G: what working a rest day or public holiday earns."""
    r = scenario.rules
    if now not in DUTY_STATES:
        return ""
    if was == "REST":
        if notice < r.rest_day_notice_days:
            paid = max(r.rest_day_minimum_hours, hours)
            return (
                f"rest day cancelled at {notice} clear days' notice: time and a half, "
                f"{paid:g} h at x{r.rest_day_overtime_rate:g}"
            )
        return (
            f"re-rostered rest day, to be notified within {r.rerostered_rest_day_within_days} days"
        )
    if was == "PUBLIC_HOLIDAY":
        if notice < r.public_holiday_notice_days:
            return "public holiday worked at short notice: double time plus a day in lieu"
        return "public holiday worked: double time"
    return ""


def entry_words(entry: Entry) -> str:
    """What the entry does to its own days, in a planner's words."""
    if not entry.in_log:
        return "annual leave (scenario file)"
    what = _KIND_WORDS.get(entry.kind, f"abstracted ({entry.kind.replace('_', ' ')})")
    reason = "" if entry.reason.strip().lower() == what else f": {entry.reason}"
    return f"{what}{reason} (entry {entry.id})"


# days from an officer's own entry within which a change of theirs is put down to it (a
# rest day the entry took re-rostered, a tour moved for the rest between tours): the
# re-roster's first reach
OWN_REACH = 14


class _Attribution:
    """The cause of each changed officer-day: the entry covering it, the day given back,
    else (with ``knock_ons``) a colleague's entry on that day whose tour the officer now
    works (covering for it), else the officer's own entry within ``OWN_REACH`` days (a
    knock-on) unless their own aid day or day given back is nearer, else a colleague's entry
    on that day, else the officer's own aid day or day given back within ``OWN_REACH`` days
    where no entry is nearer, else the nearest entry of the officer or the contract; of
    entries notified before the day where there are any (one told of after the day cannot
    have changed it)."""

    def __init__(
        self,
        entries: Sequence[Entry],
        released: Mapping[tuple[str, str], str],
        given_by: Mapping[tuple[str, str], str],
        knock_ons: bool,
        unexplained: str,
        tours: Mapping[tuple[str, date], str],
        aid_was: Collection[tuple[str, date]],
        placed: Mapping[tuple[str, str], str],
        contract_of: Mapping[str, str],
    ) -> None:
        self.released = released
        self.given_by = given_by  # the voided entry's id behind a day released
        self.contract_of = contract_of  # each officer's contract, for days given back
        self.placed = placed
        self.tours = tours  # the tour each officer-day of the published roster worked
        self.aid_was = aid_was  # the officer-days the published roster had on HDD aid
        self.knock_ons = knock_ons
        self.unexplained = unexplained
        self.own: dict[tuple[str, date], Entry] = {}
        self.by_officer: dict[str, list[Entry]] = {}
        self.by_contract: dict[str, list[Entry]] = {}
        # in the order apply_entries applies them (scenario leave, id 0, then the log by id):
        # the entry applied last to a day made it what it is
        for e in sorted(entries, key=lambda e: e.id):
            for day in e.days():
                self.own[(e.officer_id, day)] = e
            self.by_officer.setdefault(e.officer_id, []).append(e)
            self.by_contract.setdefault(e.contract_id, []).append(e)

    def cause(self, officer_id: str, contract_id: str, day: date, row: dict[Any, Any]) -> Cause:
        own = self.own.get((officer_id, day))
        if own is not None:
            return Cause(own, entry_words(own))
        key = (officer_id, day.isoformat())
        given_back = self.released.get(key)
        if given_back is not None:
            return Cause(None, given_back, self.given_by.get(key, ""))
        if not self.knock_ons:
            return Cause(None, self.unexplained)
        rest = "REST" in (row["state_was"], row["state_now"])
        # an entry the officer is told of after the day cannot have changed it
        mine = _told_by(self.by_officer.get(officer_id, []), day)
        theirs = _told_by(
            [e for e in self.by_contract.get(contract_id, []) if e.officer_id != officer_id], day
        )
        covering = [e for e in theirs if _distance(e, day) == 0]
        # a tour taken over from a colleague away that day: covering for them
        tour = str(row["shift_now"]) if row["state_now"] == "DUTY" else None
        taken = [e for e in covering if tour and self.tours.get((e.officer_id, day)) == tour]
        if taken:
            return self._covering(taken)
        aid = self.placed.get((officer_id, day.isoformat()))
        if aid is not None and row["state_now"] == "HDD_AID":
            # covering for a colleague only where their entry took them off the day's aid:
            # an HDD announced since publication had no one on it to cover for
            replaced = [e for e in covering if (e.officer_id, day) in self.aid_was]
            return self._covering(replaced) if replaced else Cause(None, aid)
        if aid is not None and not covering:
            return Cause(None, aid)
        near = [e for e in mine if _distance(e, day) <= OWN_REACH]
        given = None if self.unexplained else self._given(officer_id, contract_id, day, own=True)
        apart = OWN_REACH + 1 if given is None else abs((date.fromisoformat(given[1]) - day).days)
        if near and _distance(_nearest(near, day), day) <= apart:
            return self._around(_nearest(near, day), rest)  # unless their own aid is nearer
        if covering:
            return self._covering(covering)
        # the officer's own aid day or day given back, nearby, unless an entry is nearer
        if given is not None and (
            not (mine or theirs) or apart <= _distance(_nearest([*mine, *theirs], day), day)
        ):
            return self._knock_on(given)
        if mine or theirs:
            e = _nearest([*mine, *theirs], day)
            if e.officer_id == officer_id:
                return self._around(e, rest)
            return Cause(e, f"knock-on of {e.describe()}")
        given = None if self.unexplained else self._given(officer_id, contract_id, day)
        if given is not None:
            return self._knock_on(given)
        return Cause(None, self.unexplained)

    def _given(
        self, officer_id: str, contract_id: str, day: date, own: bool = False
    ) -> tuple[str, str] | None:
        """The officer-day given back (or put on aid) nearest ``day``: the officer's own,
        else a colleague's of the contract, else any (never another officer's, or another
        contract's, while the officer's own is there); with ``own``, the officer's own
        within ``OWN_REACH`` days only (the aid day a rest day before it was moved for)."""
        given = {**self.placed, **self.released}
        for mine in (
            lambda o: o == officer_id,
            lambda o: self.contract_of.get(o) == contract_id,
            lambda o: True,
        ):
            keys = [k for k in given if mine(k[0])]
            if keys:
                nearest = min(keys, key=lambda k: (abs((date.fromisoformat(k[1]) - day).days), k))
                if own and abs((date.fromisoformat(nearest[1]) - day).days) > OWN_REACH:
                    return None
                return nearest
            if own:
                return None
        return None

    def _knock_on(self, given: tuple[str, str]) -> Cause:
        words = self.released.get(given) or self.placed[given]
        return Cause(None, f"knock-on: {words}", self.given_by.get(given, ""))

    def _covering(self, entries: list[Entry]) -> Cause:
        e = max(entries, key=lambda e: e.id)  # the latest logged, as _nearest chooses
        return Cause(e, f"covering for {e.describe()}")

    def _around(self, entry: Entry, rest: bool) -> Cause:
        what = "rest day re-rostered" if rest else "tour changed"
        return Cause(entry, f"{what} around {entry.describe()}")


def _told_by(entries: list[Entry], day: date) -> list[Entry]:
    """The entries notified by ``day`` (a sickness rung in that morning changes that
    day's tours); all of them if none was."""
    told = [e for e in entries if e.notified <= day]
    return told or entries


def _distance(entry: Entry, day: date) -> int:
    """Days from ``day`` to the entry's nearest day (0 on one of its days)."""
    if entry.first_date <= day <= entry.last_date:
        return 0
    return min(abs((day - entry.first_date).days), abs((day - entry.last_date).days))


def _nearest(entries: list[Entry], day: date) -> Entry:
    """The entry nearest ``day``; of two as near, the later logged."""
    return min(entries, key=lambda e: (_distance(e, day), -e.id))


def _as_text(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in ("shift", "start", "end", "event", "contract_id", "state"):
        out[column] = out[column].fillna("").astype(str)
    out["date"] = out["date"].astype(str).str[:10]
    out["hours"] = pd.to_numeric(out["hours"], errors="coerce").fillna(0.0)
    return out[["officer_id", "contract_id", "date", "state", "shift", "start", "end", "hours"]]
