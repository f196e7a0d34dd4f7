"""Entries whose tours together break a working-time rule, refused when they are logged.

A re-roster moves any tour the roster gave, but not one an entry fixes: the entry's own
times, a High Demand Day's aid tour, or the published tour an entry without times keeps.
Two such tours closer than the rest between tours (``min_rest_hours``), or a run of days
with one longer than ``max_consecutive_duty_days``, leave no lawful roster whatever the
re-roster does. Each entry alone may be lawful; together they are refused (exit 2) with the
rule, the days and the other entry named, as a single entry the roster cannot take is,
rather than found by the next re-roster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from calendars import LONDON, HighDemandDay, bank_holidays
from scheduler.errors import Problem
from scheduler.scenario.model import Rules, Scenario
from scheduler.store.entries import HDD_AID, Entry, NewEntry, day_change
from scheduler.store.published_days import PublishedDays
from scheduler.store.validate import Where

_EPS_HOURS = 1e-6  # a rest of exactly the minimum is lawful


@dataclass(frozen=True)
class _Tour:
    """A tour an entry fixes: its instants (UTC), its day, and whose it is (``new``: the
    index of an entry being logged, None for one already in the log)."""

    begins: datetime
    ends: datetime
    day: date
    new: int | None
    named: str
    aid: bool = False  # a High Demand Day's aid tour every officer available works
    timed: bool = True  # the entry's own times (False: the rostered tour it keeps)


def together_problems(
    new: Sequence[NewEntry],
    wheres: Sequence[Where],
    scenario: Scenario | None,
    published: pd.DataFrame | PublishedDays | None,
    live: Sequence[Entry],
) -> list[Problem]:
    """One Problem per new entry whose fixed tours, with those of the other new entries and
    the live entries of its officer (and contract), break the rest between tours or the run
    of days with a tour. ``wheres[i]`` names entry i's fields."""
    rules = scenario.rules if scenario is not None else Rules()
    hdds = {h.date: h for h in scenario.high_demand_days()} if scenario is not None else {}
    index = PublishedDays.of(published)
    tours: dict[str, list[_Tour]] = {}
    for i, entry in enumerate(new):
        named = f"{_span(entry)} ({wheres[i]('date')})"
        for tour in _fixed(entry, i, named, index, hdds):
            tours.setdefault(entry.officer_id, []).append(tour)
    contracts: dict[str, set[str]] = {}  # each officer's new entries' contracts
    for n in new:
        contracts.setdefault(n.officer_id, set()).add(n.contract_id)
    for e in live:
        if not any(_same(c, e.contract_id) for c in contracts.get(e.officer_id, ())):
            continue
        for tour in _fixed(e, None, e.describe(), index, hdds):
            tours.setdefault(e.officer_id, []).append(tour)
    if scenario is not None and index is not None:
        taken: dict[str, set[date]] = {}
        everyone: list[NewEntry | Entry] = [*new, *live]
        for logged in everyone:
            taken.setdefault(logged.officer_id, set()).update(logged.days())
        for officer_id, officer_tours in tours.items():
            officer_tours += _aid_tours(scenario, index, officer_id, hdds, taken[officer_id])
    found: dict[int, str] = {}
    for officer_tours in tours.values():
        officer_tours.sort(key=lambda t: (t.begins, t.ends))
        for i, message in (*_short_rests(officer_tours, rules), *_long_runs(officer_tours, rules)):
            found.setdefault(i, message)
    # an entry without times clashes as a whole (the tour it keeps): its days are named
    return [
        Problem(
            wheres[i].file,
            wheres[i]("start" if new[i].start is not None else "date"),
            message,
            _span(new[i]),
        )
        for i, message in sorted(found.items())
    ]


def _aid_tours(
    scenario: Scenario,
    published: PublishedDays,
    officer_id: str,
    hdds: dict[date, HighDemandDay],
    taken: set[date],
) -> list[_Tour]:
    """The officer's published aid tours on High Demand Days that take every officer
    available (no number or share below all): no re-roster moves them while the officer is
    available, that is, while no entry takes the day."""
    out = []
    for day, (state, times) in published.days(officer_id).items():
        hdd = hdds.get(day)
        if hdd is None or state != HDD_AID or times is None or day in taken:
            continue
        if not scenario.takes_every_officer(hdd):
            continue
        begins, ends = (t.astimezone(UTC) for t in times)
        named = f"the {hdd.name} aid tour of {day}, which every officer available works"
        out.append(_Tour(begins, ends, day, None, named, aid=True))
    return out


def _same(a: str, b: str) -> bool:
    """One officer, given their entries' contracts: an entry of another contract is another
    council's officer's."""
    return not a or not b or a == b


def _fixed(
    entry: NewEntry | Entry,
    new: int | None,
    named: str,
    published: PublishedDays | None,
    hdds: dict[date, HighDemandDay],
) -> list[_Tour]:
    holidays = set(bank_holidays(entry.first_date, entry.last_date))
    kept = published.days(entry.officer_id) if published is not None else {}
    out = []
    for day in entry.days():
        rostered = kept.get(day)
        change = day_change(
            entry.kind,
            entry.start,
            entry.end,
            day,
            None if rostered is None else rostered[0],
            day in holidays,
            hdds.get(day),
        )
        if isinstance(change, str):
            continue  # refused on its own, by applicability_problems
        if change.begins is not None and change.ends is not None:
            begins, ends = change.begins, change.ends
        elif change.keeps_tour and rostered is not None and rostered[1] is not None:
            begins, ends = rostered[1]
        else:
            continue
        timed = entry.start is not None
        out.append(
            _Tour(begins.astimezone(UTC), ends.astimezone(UTC), day, new, named, timed=timed)
        )
    return out


def _short_rests(tours: list[_Tour], rules: Rules) -> list[tuple[int, str]]:
    """(new entry, why) for each tour starting less than ``min_rest_hours`` after the
    latest end before it, where one of the two is a new entry's."""
    out = []
    latest: _Tour | None = None
    for tour in tours:
        # two entries on one day overlap, refused as such by ``overlap_problems``
        shared = latest is not None and latest.day == tour.day and latest.named != tour.named
        if latest is not None and not shared and (latest.new is not None or tour.new is not None):
            gap = (tour.begins - latest.ends).total_seconds() / 3600
            if gap < rules.min_rest_hours - _EPS_HOURS:
                between = (
                    f"the tour ending {_shown(latest.ends)} and the tour starting "
                    f"{_shown(tour.begins)}"
                )
                rest = (
                    f"tours overlap by {-gap:.1f} h: {between}"
                    if gap < 0
                    else f"{gap:.1f} h rest between {between}; at least "
                    f"{rules.min_rest_hours:g} h (min_rest_hours)"
                )
                mine, other = (tour, latest) if tour.new is not None else (latest, tour)
                assert mine.new is not None
                out.append((mine.new, _with(mine, other, rest)))
        if latest is None or tour.ends > latest.ends:
            latest = tour
    return out


def _long_runs(tours: list[_Tour], rules: Rules) -> list[tuple[int, str]]:
    """(new entry, why) for each run of days with a fixed tour longer than
    ``max_consecutive_duty_days`` holding a new entry's day."""
    limit = rules.max_consecutive_duty_days
    by_day: dict[date, list[_Tour]] = {}
    for tour in tours:
        by_day.setdefault(tour.day, []).append(tour)
    days = sorted(by_day)
    out = []
    start = 0
    for k in range(1, len(days) + 1):
        if k < len(days) and days[k] - days[k - 1] == timedelta(days=1):
            continue
        run = days[start:k]
        start = k
        if len(run) <= limit:
            continue
        in_run = [t for d in run for t in by_day[d]]
        mine = next((t for t in in_run if t.new is not None), None)
        if mine is None or mine.new is None:
            continue
        other = next((t for t in in_run if t.new != mine.new), None)
        why = (
            f"{len(run)} days in a row with a tour, {run[0]} to {run[-1]}; at most {limit} "
            "(max_consecutive_duty_days)"
        )
        out.append((mine.new, _with(mine, other or mine, why)))
    return out


def _with(mine: _Tour, other: _Tour, why: str) -> str:
    # an entry without times has none to change: it keeps the rostered tour
    change = "change this entry's times" if mine.timed else "give this entry times of its own"
    if other.new == mine.new:
        return f"{why}: no lawful roster holds the entry's tours; change its times or split it"
    if other.new is not None:  # another entry of the same import
        return (
            f"with {other.named}: {why}; no lawful roster holds both: change one's times, or "
            "leave one out"
        )
    if other.aid:
        return f"with {other.named}: {why}; no lawful roster holds both: {change}"
    return (
        f"with {other.named}: {why}; no lawful roster holds both: {change}, or void the other first"
    )


def _shown(instant: datetime) -> str:
    return f"{instant.astimezone(LONDON):%Y-%m-%d %H:%M}"


def _span(e: NewEntry) -> str:
    days = str(e.first_date) if e.first_date == e.last_date else f"{e.first_date} to {e.last_date}"
    return f"{e.officer_id} {days} {e.kind}"
