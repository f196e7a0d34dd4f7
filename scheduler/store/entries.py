"""Entries and roster versions as plain, frozen values, and what an entry makes of a day.

An entry takes an officer off council duty for some days: annual leave, sickness, training,
court, emergency or High Demand Day aid, an operational abstraction (or any kind a contract
penalises). Entries come from the store's append-only log (``s92 abstract add``/``import``)
and, for annual leave, from the scenario file too (``scenario_leave``); both reach the roster
by one rule, ``day_change``: the initial roster's leave days (``rules.compile``) and the
re-roster's overlay (``store.apply``) both call it.

Kept apart from the store so that validation, the overlay and the compiler can use them
without touching SQLite.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from calendars import HighDemandDay, tour_interval
from scheduler.scenario.model import Scenario
from scheduler.table import DUTY_STATES, LEAVE_KIND, OFF_KINDS, SICKNESS_KIND, state_for_kind

HDD_AID = "HDD_AID"
SCENARIO_LEAVE = "annual leave"  # the reason scenario leave carries: it has none of its own
_SCENARIO_LOGGED = datetime(1970, 1, 1, tzinfo=UTC)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# the days off sickness leaves as they are (it loses duty days, not days off)
SICK_KEEPS = frozenset({"REST", "PUBLIC_HOLIDAY"})


@dataclass(frozen=True)
class NewEntry:
    """An entry to be logged: an officer taken off council duty for ``kind``.

    ``start``/``end`` give the entry its own tour (London wall-clock times, an end at
    or before the start finishing next day); without them the officer keeps the tour they
    were rostered for. ``source_key`` makes an import idempotent: an entry whose key is
    already logged is not written again. ``contract_id`` is "" when logged without a
    scenario.
    """

    officer_id: str
    contract_id: str
    first_date: date
    last_date: date
    kind: str
    reason: str
    authorised_by: str
    notified: date
    start: time | None = None
    end: time | None = None
    source_key: str | None = None

    def __post_init__(self) -> None:
        # the last line of defence for API callers; users get Problems from validate.py
        for name in ("officer_id", "kind", "reason", "authorised_by"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"entry {name} must not be empty")
        for name in ("first_date", "last_date", "notified"):
            value = getattr(self, name)
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ValueError(f"entry {name} must be a date, not {value!r}")
        if self.last_date < self.first_date:
            raise ValueError(f"entry ends ({self.last_date}) before it starts")
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end of the entry's tour, or neither")

    def days(self) -> list[date]:
        return _days(self.first_date, self.last_date)


@dataclass(frozen=True)
class Entry:
    """A logged entry. ``voids`` is the id of the entry this one voids (a correction);
    ``voided_by`` the id of the entry voiding this one. Live entries have neither.

    Leave from the scenario file is an ``Entry`` too (``scenario_leave``), with id 0: it is
    not in the log, and the roster rows it makes carry its kind but no entry id."""

    id: int
    officer_id: str
    contract_id: str
    first_date: date
    last_date: date
    kind: str
    reason: str
    authorised_by: str
    notified: date
    logged_at: datetime
    start: time | None = None
    end: time | None = None
    voids: int | None = None
    voided_by: int | None = None
    source_key: str | None = None

    @property
    def is_live(self) -> bool:
        return self.voids is None and self.voided_by is None

    @property
    def in_log(self) -> bool:
        """False for leave read from the scenario file."""
        return self.id > 0

    def days(self) -> list[date]:
        return _days(self.first_date, self.last_date)

    def overlaps(self, other: NewEntry | Entry) -> bool:
        return self.officer_id == other.officer_id and not (
            other.last_date < self.first_date or self.last_date < other.first_date
        )

    def describe(self) -> str:
        """One line a planner recognises: ``entry 12 (TOW-05 sickness 2026-11-16 to
        2026-11-20)``, or ``scenario leave (HAV-02 2026-11-02 to 2026-11-06)``."""
        days = self.first_date.isoformat()
        if self.last_date != self.first_date:
            days += f" to {self.last_date.isoformat()}"
        tour = (
            ""
            if self.start is None or self.end is None
            else f" {self.start:%H:%M}-{self.end:%H:%M}"
        )
        if not self.in_log:
            return f"scenario leave ({self.officer_id} {days})"
        return f"entry {self.id} ({self.officer_id} {self.kind} {days}{tour})"


# The names this module had when the log held only abstractions; kept for callers not yet
# renamed (accounting, exports). New code says Entry / NewEntry.
Abstraction = Entry
NewAbstraction = NewEntry


@dataclass(frozen=True)
class RosterVersion:
    """A published roster: the rows themselves are read with ``Store.roster(id)``."""

    id: int
    scenario: str
    published_at: datetime
    note: str
    row_count: int
    digest: str  # sha256 of the stored table, to spot a republished identical roster


# --- what an entry makes of one officer-day -------------------------------------------


@dataclass(frozen=True)
class DayChange:
    """The roster state an entry gives one officer-day. ``begins``/``ends`` are the entry's
    own tour (aware London datetimes); ``keeps_tour`` means the officer works the tour
    rostered that day under the entry's state; ``event`` the row's event when not the
    entry's reason (aid on a High Demand Day is that day's event)."""

    state: str
    begins: datetime | None = None
    ends: datetime | None = None
    keeps_tour: bool = False
    event: str | None = None


def keeps_rostered_tour(kind: str, start: time | None) -> bool:
    """A duty kind without times of its own: it needs a rostered tour on each of its days."""
    return kind not in OFF_KINDS and start is None


def day_change(
    kind: str,
    start: time | None,
    end: time | None,
    day: date,
    rostered: str | None,
    bank_holiday: bool,
    hdd: HighDemandDay | None = None,
    *,
    leave_rest: bool = False,
) -> DayChange | str:
    """What an entry of ``kind`` makes of ``day``, given the state the roster has there
    (``rostered``; None when the roster is still to be built), or why it cannot apply.
    ``hdd``: the High Demand Day on ``day``, if it is one; ``leave_rest``: ``day`` is one
    of the rest days ``rest_in_leave`` picks in the officer's leave.

    - sickness: SICK; a rest day stays REST and a bank holiday off PUBLIC_HOLIDAY
      (sickness loses duty days, not days off).
    - leave: LEAVE, PUBLIC_HOLIDAY on a bank holiday, whatever was rostered; but the rest
      days it holds (``rest_in_leave`` picks them: the rostered rest days it falls on, and
      a week's for each whole week of it) are REST.
    - HDD aid on a High Demand Day: that day's aid tour and event, on any day (other times
      are refused: aid on an HDD is the HDD's tour, as the checker holds it).
    - a duty kind with its own times: that tour, on any day.
    - a duty kind without: the rostered tour under the kind's state; a day with no tour
      (rest, leave, a bank holiday off, sickness, or no roster yet) cannot take it.
    """
    if kind == SICKNESS_KIND:  # a day off stays a day off: a rest day, a bank holiday off
        return DayChange(rostered if rostered in SICK_KEEPS else "SICK")
    if kind == LEAVE_KIND:
        if leave_rest and not bank_holiday:
            return DayChange("REST")
        return DayChange("PUBLIC_HOLIDAY" if bank_holiday else "LEAVE")
    state = state_for_kind(kind)
    if state == HDD_AID and hdd is not None:
        return _aid_on(hdd, start, end)
    if start is not None and end is not None:
        try:
            begins, ends = tour_interval(day, start, end)
        except ValueError as exc:
            return str(exc)
        return DayChange(state, begins, ends)
    if rostered is None:
        return f"{kind} without times on {day}: no rostered tour to keep"
    if rostered not in DUTY_STATES:
        return f"{kind} without times on {day}, a {rostered} day: no rostered tour to keep"
    return DayChange(state, keeps_tour=True)


def rest_in_leave(
    leave: Iterable[date],
    rest_days_per_week: float,
    holidays: Collection[date],
    rested: Collection[date] = frozenset(),
    served: int | None = None,
    free_elsewhere: int | None = None,
) -> set[date]:
    """The days of one officer's leave (``leave``: every day of every live booking, as
    the roster holds them) that are REST. Leave is taken on duty days, never on rest days
    (DESIGN.md section 2): a fortnight away spans two weekends of rest, which are not owed
    again after it. In each run of L consecutive leave days (bank holidays inside it
    included) the days ``rested`` (REST in the roster the leave is applied to: a
    re-roster's published roster) stay REST, every one of them, so leave booked over a
    published weekend of rest leaves it as it was (leave is never charged for a day the
    officer was told was a rest day); and a run holds at least ``leave_allowance`` (a week
    or more of it), however few it had. Up to ``leave_rest_cap`` of a run's count toward
    the rest days the officer owes, floor(rest_days_per_week x ``served`` / 7); those
    beyond it are owed again elsewhere unless the officer has rest days to spare (the
    checker's 'leave'; ``scheduler.rules.compile`` owes them). A run that is every one of
    the ``served`` days the roster holds for the officer holds the rest days owed over
    them: there is no day
    outside it for those of its part-week. Nor is there where the officer has too few days
    outside their leave (``free_elsewhere``: days served outside it, bank holidays left
    out) for the rest days owed beyond those their runs hold: leave running on past the
    roster's last day, from the second day of a contract, holds the rest days of its
    part-week up to the cap, the last runs first (as many as the days outside fall short).

    Which days beyond those ``rested``: Sundays, then Saturdays, then other days from the
    run's end; never a bank holiday."""
    runs = [_days(first, last) for first, last in leave_runs(leave)]
    kept = [sum(1 for d in days if d in rested and d not in holidays) for days in runs]
    floor = [leave_allowance(len(days), rest_days_per_week, len(days) == served) for days in runs]
    caps = [leave_rest_cap(len(days), rest_days_per_week) for days in runs]
    capped = [max(least, min(k, cap)) for k, least, cap in zip(kept, floor, caps, strict=True)]
    owed = None if served is None else math.floor(rest_days_per_week * served / 7 + 1e-9)
    if owed is not None and free_elsewhere is not None:
        placeable = [
            min(cap, _workable(days, holidays)) for days, cap in zip(runs, caps, strict=True)
        ]
        floor = capped = _raised(capped, placeable, owed - free_elsewhere)
    out: set[date] = set()
    for days, k, count in zip(runs, kept, capped, strict=True):
        count = max(count, k)  # every published rest day in it stays one
        if count <= 0:
            continue
        order = sorted(
            (d for d in days if d not in holidays),
            key=lambda d: (d not in rested, d.weekday() != 6, d.weekday() != 5, -d.toordinal()),
        )
        out.update(order[:count])
    return out


def _workable(days: list[date], holidays: Collection[date]) -> int:
    """Days of a run that can be REST: a bank holiday in leave is PUBLIC_HOLIDAY."""
    return sum(1 for d in days if d not in holidays)


def _raised(counts: list[int], caps: list[int], wanted: int) -> list[int]:
    """``counts`` raised toward ``caps``, the last runs first, until they sum to ``wanted``."""
    out = list(counts)
    short = wanted - sum(out)
    for i in reversed(range(len(out))):
        if short <= 0:
            break
        more = min(short, max(0, caps[i] - out[i]))
        out[i] += more
        short -= more
    return out


def leave_allowance(length: int, rest_days_per_week: float, whole: bool = False) -> int:
    """Rest days a run of ``length`` consecutive leave days holds however it falls: a
    week's for each whole week of it (``rest_in_leave``); ``whole``: the run is all the
    officer's days in the roster, and holds every rest day owed over them."""
    weeks = length / 7 if whole else length // 7
    return math.floor(rest_days_per_week * weeks + 1e-9)


def leave_rest_cap(length: int, rest_days_per_week: float) -> int:
    """The most rest days a run of ``length`` consecutive leave days may hold: a week's for
    each week or part of a week it spans, so a long weekend away keeps the weekend's two
    rest days, 8 to 14 days two weekends'. More would be rest days dumped into leave: the
    officer's rest taken while away anyway (``rest_in_leave``; the checker's 'leave')."""
    return min(length, math.ceil(rest_days_per_week * math.ceil(length / 7) - 1e-9))


def leave_runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Distinct days -> maximal runs of consecutive days as (first, last), in order."""
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _aid_on(hdd: HighDemandDay, start: time | None, end: time | None) -> DayChange | str:
    """HDD aid on a High Demand Day: the HDD's own aid tour, under its event."""
    if start is not None and (start, end) != (hdd.start, hdd.end):
        got = f"{start:%H:%M}-{end:%H:%M}" if end is not None else f"{start:%H:%M}"
        return (
            f"hdd_aid {got} on {hdd.date}, {hdd.name}: aid on a High Demand Day is its aid "
            f"tour {hdd.start:%H:%M}-{hdd.end:%H:%M}; give those times or none"
        )
    begins, ends = tour_interval(hdd.date, hdd.start, hdd.end)
    return DayChange(HDD_AID, begins, ends, event=hdd.name)


def scenario_leave(scenario: Scenario, officer_ids: Iterable[str] | None = None) -> list[Entry]:
    """The scenario file's leave as entries (id 0, kind ``leave``), one per range."""
    wanted = None if officer_ids is None else set(officer_ids)
    out = []
    for o in scenario.officers:
        if wanted is not None and o.id not in wanted:
            continue
        for r in o.leave:
            out.append(
                Entry(
                    id=0,
                    officer_id=o.id,
                    contract_id=o.contract,
                    first_date=r.first,
                    last_date=r.last,
                    kind=LEAVE_KIND,
                    reason=SCENARIO_LEAVE,
                    authorised_by="scenario file",
                    notified=scenario.start,
                    logged_at=_SCENARIO_LOGGED,
                )
            )
    return out


def of_contracts(entries: Iterable[Entry], contracts: Iterable[str]) -> list[Entry]:
    """The entries logged for ``contracts``, or logged without one (no scenario named)."""
    keep = set(contracts)
    return [e for e in entries if not e.contract_id or e.contract_id in keep]
