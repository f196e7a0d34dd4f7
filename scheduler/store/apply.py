"""Live entries applied to a roster table (DESIGN.md §5): the one path by which leave,
sickness, training, court, aid and operational abstractions reach a published roster.

Each officer-day an entry covers takes the state ``entries.day_change`` gives it, the
entry's reason as ``event``, its kind and id (no id for leave from the scenario file).
An entry with its own start/end works that tour (real London times, hours recomputed);
a duty kind without keeps the tour rostered that day. Sickness on a rest day leaves it
REST, marked with the entry: sickness loses duty days, not rest days (were rest days
turned SICK, a long spell would leave too few days to give them back). Leave makes every
day LEAVE (PUBLIC_HOLIDAY on a bank holiday) but its rest days (``entries.rest_in_leave``,
over the officer's runs of leave, the scenario's and the log's together): those the roster
had as REST there stay REST (every one: leave is not charged for a day the officer was
told was a rest day; beyond a week's for each week or part of one they are owed again
elsewhere, ``scheduler.rules.compile``), and a week or
more of it holds a week's rest days for each whole week however few it had.

An entry that cannot be applied (a duty kind without times on a day with no tour, or
on the officer's scenario leave) is refused when it is logged (``validate``); should one
reach here all the same, ``Applied.refused`` names it and the caller must not go on.
Entries of officers the scenario does not hold belong to other scenarios and are left
out; days with no roster row (outside the horizon, out of post) have nothing to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import pandas as pd

from calendars import bank_holidays
from scheduler.errors import InputError, Problem
from scheduler.scenario.model import Rules, Scenario
from scheduler.store.entries import (
    SICK_KEEPS,
    DayChange,
    Entry,
    day_change,
    rest_in_leave,
    scenario_leave,
)
from scheduler.store.validate import known_kinds
from scheduler.table import AID_SHIFT, EXTRA_COLUMNS, KIND_STATE, LEAVE_KIND, OFF_KINDS

_CHANGED = ("state", "shift", "start", "end", "hours", "event", "kind", "abstraction_id")


@dataclass(frozen=True)
class Refusal:
    """An officer-day an entry covers but cannot change; ``state`` is what it holds."""

    entry: Entry
    day: date
    state: str
    why: str

    def describe(self) -> str:
        return f"{self.entry.describe()} cannot be applied: {self.why}"


@dataclass(frozen=True)
class Applied:
    table: pd.DataFrame
    refused: tuple[Refusal, ...]


def apply_entries(
    roster_df: pd.DataFrame, entries: Iterable[Entry], scenario: Scenario | None
) -> Applied:
    """Apply live entries, scenario leave (id 0) first and then the log in id order;
    voided and voiding entries are ignored and the input table is not modified.
    ``scenario`` limits the entries to its officers when given."""
    table = roster_df.copy()
    for column in EXTRA_COLUMNS:
        table[column] = _as_text(table[column]) if column in table else ""
    rows = _row_index(table)
    states = table["state"].astype(str).tolist()
    officers = None if scenario is None else {o.id for o in scenario.officers}
    on_leave = _scenario_leave_days(scenario)
    holidays = _holidays(rows)
    hdds = {} if scenario is None else {h.date: h for h in scenario.high_demand_days()}
    changes: dict[str, dict[int, Any]] = {c: {} for c in _CHANGED}
    refused: list[Refusal] = []
    live = sorted((e for e in entries if e.is_live), key=lambda e: e.id)
    per_week = (Rules() if scenario is None else scenario.rules).rest_days_per_week
    leave_rest = _leave_rest(live, rows, states, on_leave, holidays, per_week)
    for e in live:
        if officers is not None and e.officer_id not in officers:
            continue  # another scenario's entry
        for day in e.days():
            i = rows.get((e.officer_id, day.isoformat()))
            if i is None:
                continue  # the roster does not hold that day
            if e.in_log and e.kind not in OFF_KINDS and day in on_leave.get(e.officer_id, ()):
                refused.append(Refusal(e, day, states[i], f"{e.officer_id} is on leave {day}"))
                continue
            change = day_change(
                e.kind,
                e.start,
                e.end,
                day,
                states[i],
                day in holidays,
                hdds.get(day),
                leave_rest=(e.officer_id, day) in leave_rest,
            )
            if isinstance(change, str):
                refused.append(Refusal(e, day, states[i], change))
                continue
            states[i] = change.state
            for column, value in _fields(e, change).items():
                changes[column][i] = value
    for column, changed in changes.items():
        if changed:
            table[column] = _rebuilt(table[column], changed)
    return Applied(table, tuple(refused))


def _leave_rest(
    live: list[Entry],
    rows: Mapping[tuple[str, str], int],
    states: list[str],
    on_leave: Mapping[str, set[date]],
    holidays: set[date],
    per_week: float,
) -> set[tuple[str, date]]:
    """The officer-days of leave that are REST (``rest_in_leave``): over each officer's
    runs of leave on the days the roster holds, the scenario's and the log's together,
    those REST in the roster first."""
    leave = {oid: set(days) for oid, days in on_leave.items()}
    for e in live:
        if e.kind == LEAVE_KIND:
            leave.setdefault(e.officer_id, set()).update(e.days())
    served: dict[str, int] = {}
    free: dict[str, int] = {}  # days outside every leave, bank holiday and HDD aid
    off = {oid: {d.isoformat() for d in days | holidays} for oid, days in leave.items()}
    for (oid, day), i in rows.items():
        served[oid] = served.get(oid, 0) + 1
        could_rest = day not in off.get(oid, ()) and states[i] != "HDD_AID"
        free[oid] = free.get(oid, 0) + could_rest
    out = set()
    for oid, days in leave.items():
        held = {d: rows[(oid, d.isoformat())] for d in days if (oid, d.isoformat()) in rows}
        rested = {d for d, i in held.items() if states[i] == "REST"}
        found = rest_in_leave(held, per_week, holidays, rested, served.get(oid), free.get(oid))
        out |= {(oid, d) for d in found}
    return out


@dataclass(frozen=True)
class Unhonoured:
    """An officer-day a roster given by hand does not hold as a live entry of the log
    makes it: ``state`` is what the roster holds, ``wanted`` what the entry makes of the
    day (or, when it cannot be applied there at all, why)."""

    entry: Entry
    day: date
    state: str
    wanted: str
    applies: bool = True

    def describe(self) -> str:
        if not self.applies:
            return f"{self.entry.describe()} cannot be applied: {self.wanted}"
        return f"{self.state} there, but {self.entry.describe()} makes it {self.wanted}"


def honour_entries(
    table: pd.DataFrame,
    entries: Iterable[Entry],
    scenario: Scenario,
    first: date,
    base: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, tuple[Unhonoured, ...]]:
    """A roster edited by hand (``s92 publish``), against the live entries of the log: the
    officer-days from ``first`` on that differ from ``base`` (the roster published before;
    None: every day) where it does not hold what an entry makes of them (a tour typed over
    a sick day, say), and the table with each honoured entry's reason, kind and id on those
    days (a code typed by hand carries none). Days the edit left alone keep what they had:
    an entry logged since the last re-roster waits for the next. The scenario's leave is
    the checker's to enforce."""
    logged = [e for e in entries if e.is_live and e.in_log]
    applied = apply_entries(table, logged, scenario)
    marked = applied.table
    dates = _dates(table["date"])
    edited = [
        changed and day >= first.isoformat()
        for changed, day in zip(_edited(table, base), dates, strict=True)
    ]
    officers = table["officer_id"].astype(str).tolist()
    keys = {(o, d) for o, d, e in zip(officers, dates, edited, strict=True) if e}
    found = [
        Unhonoured(r.entry, r.day, r.state, r.why, applies=False)
        for r in applied.refused
        if (r.entry.officer_id, r.day.isoformat()) in keys
    ]
    by_id = {str(e.id): e for e in logged}
    ids = _as_text(marked["abstraction_id"]).tolist()
    had, wanted = (t["state"].astype(str).tolist() for t in (table, marked))
    times = [_times(t) for t in (table, marked)]
    honoured: list[int] = []
    for i, entry_id in enumerate(ids):
        entry = by_id.get(entry_id)
        if entry is None or not edited[i]:
            continue
        same = had[i] == wanted[i] or {had[i], wanted[i]} <= {"LEAVE", "PUBLIC_HOLIDAY"}
        if same and _instants(times[0][i]) == _instants(times[1][i]):
            honoured.append(i)
        else:
            found.append(Unhonoured(entry, date.fromisoformat(dates[i]), had[i], wanted[i]))
    out = table.copy()
    for column in ("event", *EXTRA_COLUMNS):
        values = _as_text(out[column]).tolist() if column in out else [""] * len(out)
        now = _as_text(marked[column]).tolist()
        for i in honoured:
            values[i] = now[i]
        out[column] = values
    return out, tuple(sorted(found, key=lambda u: (u.day, u.entry.officer_id, u.entry.id)))


def _edited(table: pd.DataFrame, base: pd.DataFrame | None) -> list[bool]:
    """Whether each row's state or times differ from ``base``'s row of the officer-day
    (or it has none); every row without a ``base``."""
    if base is None:
        return [True] * len(table)
    was = dict(
        zip(_keys(base), zip(base["state"].astype(str), _times(base), strict=True), strict=True)
    )
    now = zip(table["state"].astype(str), _times(table), strict=True)
    return [_differs(was.get(key), row) for key, row in zip(_keys(table), now, strict=True)]


def _differs(was: tuple[str, tuple[str, str]] | None, now: tuple[str, tuple[str, str]]) -> bool:
    if was is None or was[0] != now[0]:
        return True
    return was[1] != now[1] and _instants(was[1]) != _instants(now[1])


def _keys(table: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(table["officer_id"].astype(str), _dates(table["date"]), strict=True))


def _times(table: pd.DataFrame) -> list[tuple[str, str]]:
    start, end = (table[c].fillna("").astype(str).tolist() for c in ("start", "end"))
    return list(zip(start, end, strict=True))


def _instants(times: tuple[str, str]) -> tuple[datetime | None, ...]:
    """Start and end as instants: the same times may be written with or without seconds."""
    return tuple(datetime.fromisoformat(t) if t else None for t in times)


def require_honoured(
    table: pd.DataFrame,
    entries: Iterable[Entry],
    scenario: Scenario,
    first: date,
    base: pd.DataFrame | None,
    source: str,
    where: Mapping[tuple[str, str], str] | None = None,
    absent: Iterable[str] = (),
) -> pd.DataFrame:
    """``honour_entries``' table, or ``InputError`` naming each officer-day of ``source``
    that does not hold what a live entry makes of it: published, such a roster would say
    all is well while the log (and the council's report) says otherwise. A day whose
    state and tour stand as in ``base`` must say of its cause what ``base`` says or what
    the scenario and the log say (``require_causes``). ``where``: (officer, ISO date) ->
    the row's place in ``source`` ("row 12"), to name it. ``absent``: the columns of a
    day's cause ``source`` does not hold (a roster.csv of the ten public columns, a
    workbook without its data sheet): on the days standing as in ``base`` they are its."""
    if base is not None:
        table = _as_published(table, base, absent)
    marked, unhonoured = honour_entries(table, entries, scenario, first, base)
    if unhonoured:
        raise InputError([_problem(u, source, where or {}) for u in unhonoured])
    if base is not None:
        require_causes(table, base, entries, scenario, source, where or {})
        require_typed_causes(table, base, entries, scenario, source, where or {})
    return marked


def _as_published(table: pd.DataFrame, base: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``table`` with ``columns`` as ``base`` has them on each day whose state and tour
    stand as there (a file without those columns says nothing of them)."""
    columns = [c for c in columns if c in base.columns]
    if not columns:
        return table
    out = table.copy()
    keys = _keys(out)
    standing = [not e for e in _edited(out, base)]
    for column in columns:
        was = dict(zip(_keys(base), _as_text(base[column]), strict=True))
        values = _as_text(out[column]).tolist()
        out[column] = [
            was.get(key, v) if s else v for key, v, s in zip(keys, values, standing, strict=True)
        ]
    return out


# what a day of the roster says of its cause, not of its tour: set by the scenario (a High
# Demand Day's name, the leave it books) and the entry log (an entry's reason, kind and id)
CAUSE_COLUMNS = ("event", *EXTRA_COLUMNS)


def derived_causes(
    table: pd.DataFrame, entries: Iterable[Entry], scenario: Scenario
) -> pd.DataFrame:
    """Each row's ``CAUSE_COLUMNS`` as the scenario and the live logged ``entries`` give
    them for the state and tour it holds (index as ``table``'s): the High Demand Day's name
    on aid that day; the reason, kind and id of the entry (the scenario's leave among them)
    that makes the day what it is; else nothing (a tour or a day off typed by hand carries
    no cause)."""
    bare = table.reset_index(drop=True).copy()
    hdds = {h.date.isoformat(): h.name for h in scenario.high_demand_days()}
    aid = bare["state"].astype(str) == "HDD_AID"
    days = _dates(bare["date"])
    bare["event"] = [hdds.get(d, "") if a else "" for d, a in zip(days, aid, strict=True)]
    for column in EXTRA_COLUMNS:
        bare[column] = ""
    logged = [e for e in entries if e.is_live and e.in_log]
    applied = apply_entries(bare, [*scenario_leave(scenario), *logged], scenario).table
    same = [
        a == b and _instants(x) == _instants(y)
        for a, b, x, y in zip(
            bare["state"].astype(str), applied["state"].astype(str),
            _times(bare), _times(applied), strict=True,
        )
    ]  # fmt: skip
    out = pd.DataFrame(index=table.index)
    for column in CAUSE_COLUMNS:
        given, plain = _as_text(applied[column]).tolist(), _as_text(bare[column]).tolist()
        values = [g if s else p for g, p, s in zip(given, plain, same, strict=True)]
        out[column] = pd.Series(values, index=table.index, dtype=object)
    return out


def require_causes(
    table: pd.DataFrame,
    base: pd.DataFrame,
    entries: Iterable[Entry],
    scenario: Scenario,
    source: str,
    where: Mapping[tuple[str, str], str],
) -> None:
    """``InputError`` (one line, the first such cell and a count of the others) for a row
    of ``table`` whose state and tour stand as in ``base`` but whose event, kind or entry
    id is neither ``base``'s nor what the scenario and the log give (``derived_causes``):
    a cause typed by hand (a made-up kind on a duty day, an entry's id swapped, an event
    retyped) changes no officer-day, so no change notice would name it, yet the council's
    report reads it. Text ``base`` holds that the scenario no longer gives (a High Demand
    Day renamed since) stands: a re-roster keeps it."""
    keys = _keys(table)
    typed = {c: _as_text(table[c]).tolist() for c in CAUSE_COLUMNS}
    now = pd.DataFrame({"key": keys, "row": range(len(table)), **typed})
    was = pd.DataFrame({"key": _keys(base), **{c: _as_text(base[c]) for c in CAUSE_COLUMNS}})
    both = now.merge(was, on="key", suffixes=("", "_was"))  # the days base holds
    other = pd.concat([both[c] != both[f"{c}_was"] for c in CAUSE_COLUMNS], axis=1)
    rows = both.loc[other.any(axis=1), "row"].tolist()
    if not rows:
        return
    edited = _edited(table.iloc[rows], base)
    was_text = both.set_index("row").loc[rows]
    wrong = [
        (i, c)
        for i, e in zip(rows, edited, strict=True)
        if not e
        for c in CAUSE_COLUMNS
        if typed[c][i] != was_text.at[i, f"{c}_was"]
    ]
    if not wrong:
        return
    # an officer's rows whole: leave's rest days are found over the runs of it
    officers = {keys[i][0] for i, _ in wrong}
    mine = [i for i, key in enumerate(keys) if key[0] in officers]
    derived = derived_causes(table.iloc[mine], entries, scenario)
    given = {c: dict(zip(mine, derived[c], strict=True)) for c in CAUSE_COLUMNS}
    wrong = [(i, c) for i, c in wrong if typed[c][i] != given[c][i]]
    if not wrong:
        return
    i, column = wrong[0]
    officer, day = keys[i]
    expected = given[column][i]
    state = str(table["state"].iloc[i])
    more = len(wrong) - 1
    also = f" (and {more} more cell{'s' * (more > 1)} of event, kind or abstraction_id)"
    raise InputError.one(
        source,
        f"{where.get(keys[i], f'{officer} {day}')}, {column}",
        f"{officer} {day}, a {state} day as published, says {typed[column][i]!r} where the "
        f"scenario and the entry log say {expected!r}: a day's {column} is its High Demand "
        f"Day's or its logged entry's, not the roster's to edit: put {expected!r} back, and "
        "to change it void the entry and log it again (s92 abstract), or edit the scenario"
        f"{also if more else ''}",
    )


def require_typed_causes(
    table: pd.DataFrame,
    base: pd.DataFrame,
    entries: Iterable[Entry],
    scenario: Scenario,
    source: str,
    where: Mapping[tuple[str, str], str],
) -> None:
    """``InputError`` (one line, the first such cell and a count of the others) for a day
    edited by hand (its state or tour not as in ``base``) whose ``abstraction_id`` is not
    the one the log gives it, or whose ``kind`` is neither the log's nor a kind the
    scenario knows for its state (``sickness`` on a SICK day, a contract's own kind on an
    abstraction): a made-up kind or an entry's id typed beside a sickness typed by hand
    would reach the council's report and its money with no entry in the log. An empty
    cell is the day's own (a day typed by hand carries no cause)."""
    kinds, ids = _as_text(table["kind"]), _as_text(table["abstraction_id"])
    typed = ((kinds != "") | (ids != "")).to_numpy().nonzero()[0].tolist()
    if not typed:
        return
    rows = [i for i, e in zip(typed, _edited(table.iloc[typed], base), strict=True) if e]
    if not rows:
        return
    keys = _keys(table)
    officers = {keys[i][0] for i in rows}
    mine = [i for i, key in enumerate(keys) if key[0] in officers]  # leave's runs whole
    derived = derived_causes(table.iloc[mine], entries, scenario)
    given = {c: dict(zip(mine, derived[c], strict=True)) for c in ("kind", "abstraction_id")}
    known = known_kinds(scenario)
    states = table["state"].astype(str).tolist()

    def wrong(i: int, column: str) -> bool:
        value = (kinds if column == "kind" else ids).iloc[i]
        if value in ("", given[column][i]):
            return False
        return (
            column != "kind" or value not in known or KIND_STATE.get(value, states[i]) != states[i]
        )

    bad = [(i, c) for i in rows for c in ("kind", "abstraction_id") if wrong(i, c)]
    if not bad:
        return
    i, column = bad[0]
    officer, day = keys[i]
    value = (kinds if column == "kind" else ids).iloc[i]
    expected = given[column][i]
    more = len(bad) - 1
    also = f" (and {more} more cell{'s' * (more > 1)} of kind or abstraction_id)" if more else ""
    why = (
        f"no kind of a {states[i]} day"
        if column == "kind" and value in known
        else "no kind the scenario knows"
        if column == "kind"
        else "no live entry of the log gives it this day"
    )
    log = f"the entry log says {expected!r}" if expected else "the entry log gives it none"
    raise InputError.one(
        source,
        f"{where.get(keys[i], f'{officer} {day}')}, {column}",
        f"{officer} {day}, a {states[i]} day edited by hand, says {value!r}: {why} ({log}): "
        f"leave it empty, or log the entry (s92 abstract) and re-roster{also}",
    )


def _problem(u: Unhonoured, source: str, where: Mapping[tuple[str, str], str]) -> Problem:
    advice = (
        "type its code, re-roster to apply the entry, or void it"
        if u.applies
        else "put the tour back, or void the entry"
    )
    day = f"{u.entry.officer_id} {u.day}"
    place = where.get((u.entry.officer_id, u.day.isoformat()))
    field = f"{place}, {day}" if place else day  # the row as the planner finds it
    return Problem(source, field, f"{u.describe()}: {advice}", u.state)


def not_applied(
    table: pd.DataFrame, entries: Iterable[Entry], first: date, scenario: Scenario | None = None
) -> list[Entry]:
    """The live logged entries of ``table``'s officers with a day from ``first`` on among
    its days that no row of it carries: logged since the roster was made, waiting for a
    re-roster (what the web's pages call waiting). One whose days from ``first`` on already
    hold what it makes of them waits for nothing (leave logged over the scenario file's
    leave on days a re-roster from a later --from left as published)."""
    ids = set(_as_text(table["abstraction_id"])) if "abstraction_id" in table else set()
    days = _dates(table["date"])
    held = set(zip(table["officer_id"].astype(str), days, strict=True))
    waiting = []
    for e in entries:
        if not (e.is_live and e.in_log) or str(e.id) in ids:
            continue
        ahead = [d.isoformat() for d in e.days() if d >= first]
        if any((e.officer_id, d) in held for d in ahead) and _changes(table, e, ahead, scenario):
            waiting.append(e)
    return waiting


def _changes(table: pd.DataFrame, e: Entry, days: list[str], scenario: Scenario | None) -> bool:
    """Whether ``e`` applied to ``table`` changes a state or a tour's times on ``days``
    (or cannot be applied there). Only the officer's rows are read: an entry changes no
    one else's."""
    own = table[table["officer_id"].astype(str) == e.officer_id]
    applied = apply_entries(own, [e], scenario)
    if any(r.day.isoformat() in days for r in applied.refused):
        return True
    mine = pd.Series([d in days for d in _dates(own["date"])], index=own.index)
    was, now = own[mine], applied.table[mine]
    if (was["state"].astype(str) != now["state"].astype(str)).any():
        return True
    return any(_instants(a) != _instants(b) for a, b in zip(_times(was), _times(now), strict=True))


def with_waiting(
    table: pd.DataFrame, entries: Iterable[Entry], first: date, scenario: Scenario
) -> pd.DataFrame:
    """``table`` with the entries ``not_applied`` names (logged since it was made, waiting
    for a re-roster) applied to its days from ``first`` on: what an officer's calendar
    shows until the re-roster (``s92 ical`` refuses such a table instead). Days before
    ``first`` stand as they were worked; a day an entry cannot take keeps its row."""
    waiting = not_applied(table, entries, first, scenario)
    if not waiting:
        return table
    whole = table.reset_index(drop=True)
    ahead = pd.Series([d >= first.isoformat() for d in _dates(whole["date"])])
    # applied over every day, as a re-roster from ``first`` applies them (a run of leave
    # is seen whole, with the days the officer served before it), then kept from ``first``
    applied = apply_entries(whole, waiting, scenario).table[ahead].reset_index(drop=True)
    kept = whole[~ahead].reset_index(drop=True)
    for column in EXTRA_COLUMNS:  # as apply_entries gives them, so the two halves agree
        kept[column] = _as_text(kept[column]) if column in kept else ""
    return pd.concat([kept, applied], ignore_index=True)


CLI_REROSTER = "s92 reroster --from {day} --publish"


def require_applied(
    table: pd.DataFrame,
    entries: Iterable[Entry],
    officers: set[str],
    first: date,
    source: str,
    stand_before: date | None = None,
    today: date | None = None,
    reroster: str = CLI_REROSTER,
    scenario: Scenario | None = None,
) -> None:
    """``InputError`` naming each live entry of ``officers`` with a day from ``first`` on
    that ``table`` (an edited roster about to be published) does not hold: leave booked
    since the roster was made, say. Published, it would show the officer rostered through
    it, on their calendar too, while the command said all was well. Days before
    ``stand_before`` (``--from``) stand as published: no code typed there is taken, so an
    entry missing there is re-rostered, or published with an earlier ``--from``. One all
    before ``today`` (worked) may be left as worked, with ``--from``: its days stand.
    ``reroster``: how the user re-rosters from ``{day}`` (the web's words are its page's)."""
    waiting = [e for e in not_applied(table, entries, first, scenario) if e.officer_id in officers]
    if not waiting:
        return
    problems = []
    # --from today is advice only while today is a day of the roster (after its last day
    # there is nothing left to publish from)
    in_roster = today is not None and today.isoformat() <= str(table["date"].max())
    for e in waiting:
        day = max(e.first_date, first)
        if stand_before is not None and day < stand_before:
            fix = (
                f", and days before --from {stand_before} stand as published: re-roster "
                f"first ({reroster.format(day=day)}) and edit that roster.xlsx, "
                f"or type its code over its days and publish with --from {day}, or void "
                "the entry"
            )
        elif stand_before is None and today is not None and in_roster and e.last_date < today:
            fix = (
                ": type its code over its days, or re-roster "
                f"first ({reroster.format(day=day)}) and edit that roster.xlsx, or "
                f"publish with --from {today} (the days worked stand as published; the "
                "entry stays in the log, and the council's report counts it), or void "
                "the entry"
            )
        else:
            fix = (
                ": type its code over its days, or re-roster "
                f"first ({reroster.format(day=day)}) and edit that roster.xlsx, or "
                "void the entry"
            )
        problems.append(
            Problem(
                source,
                f"{e.officer_id} {day}",
                f"{e.describe()} is logged but not in this roster, which would show the "
                f"officer rostered through it{fix}",
            )
        )
    raise InputError(problems)


def voided_rows(table: pd.DataFrame, live: Iterable[Entry]) -> pd.Series:
    """Rows that carry the id of an entry not among ``live``: a published roster still
    following an entry voided since."""
    if "abstraction_id" not in table.columns:
        return pd.Series(False, index=table.index)
    ids = _as_text(table["abstraction_id"])
    return (ids != "") & ~ids.isin({str(e.id) for e in live if e.is_live})


def stale_rows(table: pd.DataFrame, live: Iterable[Entry], scenario: Scenario) -> pd.Series:
    """Rows a published roster still gives to an entry voided since that the next re-roster
    changes: the days the report says still follow it. A rest day the entry held is not
    one (sickness leaves rest days REST, and a voided leave's rest days stay rest days),
    nor a bank holiday off of a contract that does not buy bank holidays, off whatever
    the entry, nor aid on a High Demand Day that takes every officer available, on its
    aid whatever the entry."""
    state = _as_text(table["state"])
    unbought = {c.id for c in scenario.contracts if not c.cover_bank_holidays}
    holiday_off = (state == "PUBLIC_HOLIDAY") & _as_text(table["contract_id"]).isin(unbought)
    everyone = [
        h.date.isoformat() for h in scenario.high_demand_days() if scenario.takes_every_officer(h)
    ]
    aid = (state == "HDD_AID") & _as_text(table["date"]).str[:10].isin(everyone)
    return voided_rows(table, live) & (state != "REST") & ~holiday_off & ~aid


# the kind a day still following a voided entry is counted under until the re-roster:
# not one anyone can log or a contract penalise (kinds are lower_snake_case)
VOIDED_KIND = "voided entry"
# states an entry of a duty kind or sickness gives a day (leave is never penalised)
_UNDONE_STATES = frozenset({"ABSTRACTED", "TRAINING", "COURT", "EMERGENCY_AID", "SICK", "HDD_AID"})


def reported_table(
    roster_df: pd.DataFrame, entries: Iterable[Entry], scenario: Scenario
) -> pd.DataFrame:
    """The published roster as the council's report counts it: the days it still gives
    to entries voided since publication undone (``without_voided``; ``entries``: the log,
    voided entries included), then the live entries applied. The money follows the log at
    once, as a newly logged entry's does: a voided abstraction is never penalised,
    re-rostered or not."""
    logged = list(entries)
    live = [e for e in logged if e.is_live]
    undone = without_voided(roster_df, logged, scenario)
    return apply_entries(undone, live, scenario).table


def without_voided(
    table: pd.DataFrame, entries: Iterable[Entry], scenario: Scenario
) -> pd.DataFrame:
    """``table`` with each day it gives to an entry voided since (``entries``: the log,
    voided entries included) undone as far as the roster shows: a day the entry took
    without times of its own kept its rostered tour, which it works again, as if the
    entry had never been logged; any other (its own times, sickness, an entry the log does
    not hold) keeps its state under ``VOIDED_KIND``, neither delivered nor penalised,
    until the re-roster rosters it afresh. Aid on a High Demand Day stands (every officer
    available is on aid by default) with no entry behind it."""
    logged = list(entries)
    voided = voided_rows(table, logged) & table["state"].astype(str).isin(_UNDONE_STATES)
    if not voided.any():
        return table
    out = table.copy()
    for column in (*EXTRA_COLUMNS, "event", "shift"):
        out[column] = _as_text(out[column]) if column in out else ""
    by_id = {str(e.id): e for e in logged}
    tours = {(s.start, s.end): s.code for s in scenario.shifts}
    columns = {c: out[c].astype(str).tolist() for c in (*_UNDO, "start", "end")}
    for i, is_voided in enumerate(voided.tolist()):
        if not is_voided:
            continue
        entry = by_id.get(columns["abstraction_id"][i])
        if columns["state"][i] == "HDD_AID":  # the day's aid stands; the entry is gone
            columns["kind"][i] = columns["abstraction_id"][i] = ""
        elif entry is not None and entry.start is None and columns["state"][i] != "SICK":
            code = _tour_code(columns["start"][i], columns["end"][i], tours)
            for column, value in zip(_UNDO, ("DUTY", code, "", "", ""), strict=True):
                columns[column][i] = value
        else:
            columns["kind"][i] = VOIDED_KIND
    for column in _UNDO:
        out[column] = pd.Series(columns[column], index=out.index, dtype=object)
    return out


_UNDO = ("state", "shift", "event", "kind", "abstraction_id")


def _tour_code(start: str, end: str, tours: Mapping[tuple[time, time], str]) -> str:
    """The scenario's tour working ``start``-``end`` (ISO times), or "" if none does."""
    try:
        begins, ends = datetime.fromisoformat(start), datetime.fromisoformat(end)
    except ValueError:
        return ""
    return tours.get((begins.time(), ends.time()), "")


def unbooked_leave(table: pd.DataFrame, scenario: Scenario) -> pd.Series:
    """Rows of leave from the scenario file (kind ``leave``, with no entry id) on days the
    scenario no longer gives as leave: leave cancelled in the scenario. Leave a planner
    typed into a published roster (AL, no kind) is not the scenario's to cancel: it stands
    until edited again."""
    ids = _as_text(table["abstraction_id"]) if "abstraction_id" in table else ""
    kinds = _as_text(table["kind"]) if "kind" in table else ""
    leave_row = (kinds == "leave") & (ids == "")
    booked = {
        (o, d.isoformat()) for o, days in _scenario_leave_days(scenario).items() for d in days
    }
    keys = zip(table["officer_id"].astype(str), _dates(table["date"]), strict=True)
    still = pd.Series([k in booked for k in keys], index=table.index, dtype=bool)
    return leave_row & ~still


def _fields(e: Entry, change: DayChange) -> dict[str, Any]:
    marks = {
        "state": change.state,
        "event": e.reason if change.event is None else change.event,
        "kind": e.kind,
        "abstraction_id": str(e.id) if e.in_log else "",
    }
    if change.state in SICK_KEEPS and e.kind != LEAVE_KIND:
        # sickness on a day off: the day stays as rostered, a bank holiday under its name
        # (the calendars' "Public holiday: ..."), not the sickness's reason
        return marks if change.state == "REST" else {k: v for k, v in marks.items() if k != "event"}
    if change.begins is not None and change.ends is not None:
        shift = AID_SHIFT if change.state == "HDD_AID" else ""  # a one-off tour
        return {
            **marks,
            "shift": shift,
            "start": _iso(change.begins),
            "end": _iso(change.ends),
            "hours": _hours(change.begins, change.ends),
        }
    if change.keeps_tour:
        return {**marks, "shift": AID_SHIFT} if change.state == "HDD_AID" else marks
    return {**marks, "shift": "", "start": "", "end": "", "hours": 0.0}


def _scenario_leave_days(scenario: Scenario | None) -> Mapping[str, set[date]]:
    if scenario is None:
        return {}
    return {o.id: o.leave_days() for o in scenario.officers if o.leave}


def _holidays(rows: Mapping[tuple[str, str], int]) -> set[date]:
    days = sorted({day for _, day in rows})
    if not days:
        return set()
    return set(bank_holidays(date.fromisoformat(days[0]), date.fromisoformat(days[-1])))


def _dates(dates: pd.Series) -> list[str]:
    if pd.api.types.is_datetime64_any_dtype(dates):
        return [str(d)[:10] for d in dates.dt.strftime("%Y-%m-%d")]
    return [str(d)[:10] for d in dates]


def _row_index(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    keys = zip(table["officer_id"].astype(str), _dates(table["date"]), strict=True)
    return {key: i for i, key in enumerate(keys)}


def _as_text(series: pd.Series) -> pd.Series:
    """Extension columns as text: a CSV round trip turns "" into NaN and 12 into 12.0."""
    if pd.api.types.is_numeric_dtype(series):
        return pd.Series(
            [
                "" if pd.isna(v) else str(int(v)) if float(v).is_integer() else str(v)
                for v in series
            ],
            index=series.index,
            dtype=object,
        )
    return series.fillna("").astype(str)


def _rebuilt(series: pd.Series, changed: dict[int, Any]) -> pd.Series:
    values = series.tolist()
    for i, value in changed.items():
        values[i] = value
    try:
        return pd.Series(values, index=series.index, dtype=series.dtype, name=series.name)
    except (TypeError, ValueError):  # e.g. text into a column read as all-NaN floats
        return pd.Series(values, index=series.index, name=series.name)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")  # as scheduler.roster.assemble writes it


def _hours(begins: datetime, ends: datetime) -> float:
    elapsed = ends.astimezone(UTC) - begins.astimezone(UTC)  # real time, not wall time
    return round(elapsed.total_seconds() / 3600, 2)


# The names of this module's functions when the log held only abstractions, for callers
# not yet renamed (the report).
def apply_abstractions(
    roster_df: pd.DataFrame, entries: Iterable[Entry], scenario: Scenario | None
) -> pd.DataFrame:
    """The roster with live entries applied (``apply_entries(...).table``)."""
    return apply_entries(roster_df, entries, scenario).table
