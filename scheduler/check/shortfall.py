"""Under-cover explained: every day a contract's tour had fewer officers than the council
asked for, and why, in a planner's words, read from a roster table and its scenario alone
(as the checker reads it, not from how the roster was solved).

A shortfall of n officer-tours is explained one officer-tour at a time, by what the
contract's officers who were not on the tour were doing that day, in this order:

- a bank holiday the contract does not buy cover for (``cover_bank_holidays = false``):
  every officer is off, so it explains the whole shortfall;
- a post with nobody in it; an officer on annual leave; sick; on High Demand Day aid;
  abstracted (court, training, operational or emergency aid);
- on a rest day the rules force: working the tour that day would break a hard rule
  (days in a row, the rest between tours, the weekly rest, the 48-hour average week),
  tested against the officer's other days as rostered;
- what is left: if the contract's officers cannot give, over the roster, as many
  officer-days as the weekly pattern asks (after rest days owed, leave, sickness and
  abstractions), too few officers for the weekly pattern; otherwise officers on rest
  days owed or on other tours (the roster put them there; moving one could cover it).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import numpy as np
import pandas as pd

from scheduler.check.average_hours import EPS_HOURS, daily_hours
from scheduler.check.codes import Codes
from scheduler.check.context import Context, dates_of
from scheduler.check.schema import scope
from scheduler.check.weekly_rest import officer_weekly_rest
from scheduler.scenario.model import Contract, Scenario
from scheduler.table import DUTY_STATES

CAUSES: dict[str, str] = {
    "bank_holiday": "bank holiday the contract does not buy cover for",
    "vacant": "posts vacant",
    "leave": "officers on annual leave",
    "sick": "officers sick",
    "hdd_aid": "officers on High Demand Day aid",
    "abstracted": "officers abstracted (court, training, operational, emergency aid)",
    "forced_rest": "officers on rest the rules force",
    "pattern": "too few officers for the weekly pattern",
    "elsewhere": "officers on rest days owed or other tours",
}
# how one shortfall's line says each cause: {n} officer-tours
SAYS: dict[str, str] = {
    "bank_holiday": "bank holiday the contract does not buy cover for",
    "vacant": "{n} post(s) vacant",
    "leave": "{n} on annual leave",
    "sick": "{n} sick",
    "hdd_aid": "{n} on High Demand Day aid",
    "abstracted": "{n} abstracted",
    "forced_rest": "{n} on rest the rules force",
    "pattern": "{n} too few officers for the weekly pattern",
    "elsewhere": "{n} on rest days owed or other tours",
}
ABSTRACTION_WORDS = {
    "EMERGENCY_AID": "emergency aid",
    "ABSTRACTED": "operational",
    "COURT": "court",
    "TRAINING": "training",
}
ABSENCE = {  # state -> cause, for an officer off the tour
    "LEAVE": "leave",
    "SICK": "sick",
    "HDD_AID": "hdd_aid",
    "EMERGENCY_AID": "abstracted",
    "ABSTRACTED": "abstracted",
    "COURT": "abstracted",
    "TRAINING": "abstracted",
}
REST_IN_LEAVE = "a rest day inside the leave, not a day of leave"
ORDER = ("vacant", "leave", "sick", "hdd_aid", "abstracted", "forced_rest")
NS_HOUR = 3_600_000_000_000


def council_ask(contract: Contract, day: date) -> dict[str, int]:
    """Officers the council's weekly pattern asks for on each tour that day (bank holidays
    included: whether the contract buys them is a cause of a shortfall, not its absence;
    the tasking of the variation in force; nothing outside the agreement)."""
    ask: dict[str, int] = {}
    for cover in contract.cover_on(day):
        if day.weekday() in cover.days and cover.min:
            ask[cover.shift] = max(ask.get(cover.shift, 0), cover.min)
    return ask


@dataclass(frozen=True)
class Cause:
    """Part of a shortfall: ``count`` officer-tours, the officers it names (if any), and a
    note for each (the HDD, the rule that forces the rest) or for the whole (the pattern's
    numbers, the bank holiday)."""

    key: str
    count: int
    officers: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        words = SAYS[self.key].format(n=self.count)
        notes = set(self.notes)
        if self.officers and len(notes) > 1:  # a note of its own for each officer
            each = "; ".join(
                f"{o}: {n}" if n else o for o, n in zip(self.officers, self.notes, strict=True)
            )
            return f"{words} ({each})"
        who = f" ({', '.join(self.officers)})" if self.officers else ""
        note = f": {next(iter(notes))}" if notes else ""
        return f"{words}{who}{note}"


@dataclass(frozen=True)
class Shortfall:
    contract_id: str
    day: date
    tour: str
    wanted: int
    on_duty: int
    causes: tuple[Cause, ...]

    @property
    def short(self) -> int:
        return self.wanted - self.on_duty

    @property
    def why(self) -> str:
        return "; ".join(str(c) for c in self.causes)


def explain_shortfalls(
    scenario: Scenario,
    parsed: pd.DataFrame,
    contract_id: str | None = None,
    month: tuple[int, int] | None = None,
) -> list[Shortfall]:
    """Every shortfall of a roster (``parse_roster``'s table), by date, contract and tour;
    ``contract_id`` and ``month`` (year, month) narrow it down. A contract the roster holds
    no row of (one that could not be rostered) is left out, not reported as all short;
    one with no officer at all (every post vacant) is all short, for its vacant posts."""
    ctx, _ = scope(scenario, parsed)
    roster = _Roster(ctx)
    held = set(ctx.rows["contract_id"].unique().tolist())
    out: list[Shortfall] = []
    for contract in scenario.contracts:
        if contract_id is not None and contract.id != contract_id:
            continue
        if contract.id not in held and scenario.officers_of(contract.id):
            continue
        explainer = _Contract(roster, contract)
        for day in scenario.days:
            if month is None or (day.year, day.month) == month:
                out += explainer.day(day)
    return sorted(out, key=lambda s: (s.day, s.contract_id, s.tour))


def totals(shortfalls: Iterable[Shortfall]) -> dict[str, int]:
    """Officer-tours short by cause, in the order of ``CAUSES``."""
    found: Counter[str] = Counter()
    for s in shortfalls:
        for c in s.causes:
            found[c.key] += c.count
    return {key: found[key] for key in CAUSES if found[key]}


# --- the roster as the explanation reads it ------------------------------------------------


class _Roster:
    """The parsed roster by officer and day, and each officer's tours for the rule tests."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.codes = Codes(ctx.scenario)
        self._window_sums: dict[str, tuple[np.ndarray, int]] = {}
        self._broken: dict[str, set[date]] = {}  # each officer's weeks without weekly rest
        rows = ctx.rows
        days = dates_of(rows["day"])
        self.day_of: dict[tuple[str, date], tuple[str, str]] = {
            (oid, day): (state, shift)
            for oid, day, state, shift in zip(
                rows["officer_id"].tolist(),
                days,
                rows["state"].tolist(),
                rows["shift"].tolist(),
                strict=True,
            )
        }
        # officer-days of annual leave: the scenario's, and rows of the log's (kind leave)
        logged = rows[rows["kind"] == "leave"]
        self.on_leave = {(oid, d) for oid, days in ctx.leave.items() for d in days} | set(
            zip(logged["officer_id"].astype(str).tolist(), dates_of(logged["day"]), strict=True)
        )
        duty = rows[rows["state"] == "DUTY"]
        self.on_tour = Counter(
            zip(
                duty["contract_id"].tolist(),
                dates_of(duty["day"]),
                duty["shift"].tolist(),
                strict=True,
            )
        )

    @cached_property
    def tours(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Officer -> (starts, ends) of their tours (UTC ns), sorted by start."""
        tours = self.ctx.tours
        starts = tours["start"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
        ends = tours["end"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
        return {
            str(oid): (starts[at], ends[at])
            for oid, at in tours.groupby("officer_id").indices.items()
        }

    @cached_property
    def giving(self) -> dict[str, tuple[int, int, int, int]]:
        """Officer -> horizon days they could give (rostered, neither on leave nor absent)
        and rest days their leave holds, then the same two on bank holidays alone: counted
        once for the whole roster (officer-days as numbers), for every contract's pattern."""
        rows, scenario = self.ctx.rows, self.ctx.scenario
        n = len(scenario.days)
        at = (rows["day"] - pd.Timestamp(scenario.start)).dt.days.to_numpy(
            "float64", na_value=np.nan
        )
        inside = (at >= 0) & (at < n)  # a day off the horizon (or none) is no pattern day
        day = at[inside].astype(np.int64)
        codes, ids = pd.factorize(rows["officer_id"].astype(str).to_numpy()[inside])
        number = {oid: i for i, oid in enumerate(ids)}
        offset = {d: i for i, d in enumerate(scenario.days)}  # a logged row's day may be none
        leave_days = [
            number[oid] * n + offset[d] for oid, d in self.on_leave if oid in number and d in offset
        ]
        leave = np.isin(codes * n + day, np.array(leave_days, dtype=np.int64))
        state = rows["state"][inside]
        free = ~leave & ~state.isin(list(ABSENCE)).to_numpy()
        rest = leave & (state == "REST").to_numpy()
        holiday = np.array([d in self.ctx.bank_holidays for d in scenario.days])[day]
        counts = [
            np.bincount(codes, weights=w, minlength=len(ids)).astype(np.int64)
            for w in (free, rest, free & holiday, rest & holiday)
        ]
        return {
            str(oid): (int(a), int(b), int(c), int(d))
            for oid, a, b, c, d in zip(ids, *counts, strict=True)
        }

    @cached_property
    def hours(self) -> dict[str, np.ndarray]:
        return daily_hours(self.ctx)

    def state(self, oid: str, day: date) -> tuple[str, str] | None:
        return self.day_of.get((oid, day))

    def forced_rest(self, oid: str, day: date, tour: str) -> str | None:
        """The rule working ``tour`` on ``day`` would break, given the officer's other days
        as rostered; None if the officer could have worked it."""
        found = self.codes.tour(tour, day)
        if found is None or oid not in self.ctx.spans:
            return None
        start = int(pd.Timestamp(found.start).value)
        end = int(pd.Timestamp(found.end).value)
        return (
            self._days_in_a_row(oid, day)
            or self._rest_between(oid, start, end)
            or self._weekly_rest(oid, day, start, end)
            or self._average(oid, day, found.hours)
        )

    def _days_in_a_row(self, oid: str, day: date) -> str | None:
        limit = self.ctx.rules.max_consecutive_duty_days
        run = 1
        for step in (-1, 1):
            d = day + timedelta(days=step)
            while (got := self.state(oid, d)) is not None and got[0] in DUTY_STATES:
                run += 1
                d += timedelta(days=step)
        if run <= limit:
            return None
        return f"working it would make {run} days in a row with a tour (at most {limit})"

    def _rest_between(self, oid: str, start: int, end: int) -> str | None:
        starts, ends = self.tours.get(oid, (np.array([], np.int64), np.array([], np.int64)))
        need = self.ctx.rules.min_rest_hours * NS_HOUR
        before = ends[starts < start]
        after = starts[starts >= start]
        hours = f"{self.ctx.rules.min_rest_hours:g} h"
        if len(before) and start - before.max() < need:
            return f"working it would leave under {hours} rest after their tour before"
        if len(after) and after.min() - end < need:
            return f"working it would leave under {hours} rest before their next tour"
        return None

    def _weekly_rest(self, oid: str, day: date, start: int, end: int) -> str | None:
        """A week (the tour's, or the next if it runs past Sunday midnight) that had its
        weekly rest and would not."""
        starts, ends = self.tours.get(oid, (np.array([], np.int64), np.array([], np.int64)))
        days = frozenset({day, day + timedelta(days=1)})
        # the weeks the roster leaves without it, each officer's asked once: asked of the
        # fortnights holding ``days`` alone, as below, the rule finds the same of them
        if oid not in self._broken:
            found = officer_weekly_rest(self.ctx, oid, starts, ends)
            self._broken[oid] = {b.date for b in found}
        broken = self._broken[oid]
        added = officer_weekly_rest(
            self.ctx, oid, np.append(starts, start), np.append(ends, end), days
        )
        if any(b.date not in broken for b in added):
            return f"working it would leave no {self.ctx.rules.weekly_rest_hours:g} h weekly rest"
        return None

    def _average(self, oid: str, day: date, hours: float) -> str | None:
        """A reference period holding the day that would go over the average week."""
        r = self.ctx.rules
        first, _ = self.ctx.spans[oid]
        windows, length = self._windows(oid)
        at = (day - first).days
        lo, hi = max(0, at - length + 1), min(at, len(windows) - 1)
        limit = r.max_average_weekly_hours * length / 7
        if lo <= hi and windows[lo : hi + 1].max() + hours > limit + EPS_HOURS:
            return f"working it would go over the {r.max_average_weekly_hours:g}-hour average week"
        return None

    def _windows(self, oid: str) -> tuple[np.ndarray, int]:
        """The officer's hours in every reference period (as the checker sums them), and
        the period's length in days."""
        if oid not in self._window_sums:
            first, last = self.ctx.spans[oid]
            n = (last - first).days + 1
            offset = (first - self.ctx.scenario.start).days
            daily = self.hours.get(oid, np.zeros(offset + n))[offset : offset + n]
            length = min(self.ctx.rules.reference_weeks * 7, n)
            sums = np.convolve(daily, np.ones(length), mode="valid")
            self._window_sums[oid] = (sums, length)
        return self._window_sums[oid]


@dataclass
class _Contract:
    """One contract's shortfalls, day by day."""

    roster: _Roster
    contract: Contract
    officers: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.members = self.roster.ctx.scenario.officers_of(self.contract.id)
        self.officers = [o.id for o in self.members]
        self.holidays = self.roster.ctx.bank_holidays
        self._asks: dict[date, dict[str, int]] = {}  # asked each day and again for the pattern
        self._vacancies: dict[date, int] = {}  # asked for each short tour of a day

    def ask(self, day: date) -> dict[str, int]:
        """``council_ask`` of the day, worked out once."""
        found = self._asks.get(day)
        if found is None:
            found = self._asks[day] = council_ask(self.contract, day)
        return found

    def unbought(self, day: date) -> bool:
        return day in self.holidays and not self.contract.cover_bank_holidays

    def day(self, day: date) -> list[Shortfall]:
        out = []
        for tour, wanted in self.ask(day).items():
            on = self.roster.on_tour.get((self.contract.id, day, tour), 0)
            if on < wanted:
                causes = self._causes(day, tour, wanted - on)
                out.append(Shortfall(self.contract.id, day, tour, wanted, on, causes))
        return out

    def _causes(self, day: date, tour: str, short: int) -> tuple[Cause, ...]:
        if self.unbought(day):
            name = self.holidays[day]
            note = f"{name} (cover_bank_holidays = false)"
            return (Cause("bank_holiday", short, notes=(note,)),)
        found, resting = self._unavailable(day, tour)
        vacant = self._vacant(day)
        if vacant:
            found["vacant"] = [("", "")] * vacant  # a post, not an officer, to name
        causes = []
        for key in ORDER:
            if key == "forced_rest":  # the rule tests are the cost: only as many as named
                found[key] = self._forced_rest(day, tour, resting, short)
            count = min(short, len(found.get(key, [])))
            if count <= 0:
                continue
            taken = [(o, n) for o, n in found[key][:count] if o]
            notes = tuple(n for _, n in taken) if any(n for _, n in taken) else ()
            causes.append(Cause(key, count, tuple(o for o, _ in taken), notes))
            short -= count
        if short > 0:
            causes.append(self._left(short))
        return tuple(causes)

    def _vacant(self, day: date) -> int:
        if day not in self._vacancies:
            # ``Scenario.serves`` for each member: in post, their agreement (this one) in force
            in_force = self.contract.in_force(day)
            in_post = sum(1 for o in self.members if o.in_post(day)) if in_force else 0
            # variations followed
            self._vacancies[day] = max(0, self.contract.posts_on(day).total - in_post)
        return self._vacancies[day]

    def _unavailable(
        self, day: date, tour: str
    ) -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
        """Officers off the tour that day who could not be on it: cause -> (officer, note);
        and the officers on a rest day, whom the rules may have forced to rest."""
        out: dict[str, list[tuple[str, str]]] = {}
        resting: list[str] = []
        for oid in self.officers:
            got = self.roster.state(oid, day)
            if got is None:
                continue  # not in post (a vacancy), or a missing row the checker reports
            state, shift = got
            if state == "DUTY" and shift == tour:
                continue
            key = ABSENCE.get(state)
            note = ""
            # a bank holiday or a rest day inside leave (a week of it holds its rest days,
            # and a booking keeps the published rest days it falls on): said as such, so a
            # planner does not take the rest day for a day of leave charged
            if state in ("PUBLIC_HOLIDAY", "REST") and (oid, day) in self.roster.on_leave:
                key = "leave"
                note = REST_IN_LEAVE if state == "REST" else ""
            if key == "hdd_aid":
                hdd = self.roster.codes.hdds.get(day)
                note = hdd.name if hdd is not None else ""
            elif key == "abstracted":
                note = ABSTRACTION_WORDS[state]
            if key is None and state == "REST":
                resting.append(oid)
            if key is not None:
                out.setdefault(key, []).append((oid, note))
        return out, resting

    def _forced_rest(
        self, day: date, tour: str, resting: list[str], wanted: int
    ) -> list[tuple[str, str]]:
        """The first ``wanted`` of ``resting`` whom a rule forced to rest, with the rule."""
        forced: list[tuple[str, str]] = []
        for oid in resting:
            if len(forced) >= wanted:
                break
            note = self.roster.forced_rest(oid, day, tour)
            if note:
                forced.append((oid, note))
        return forced

    def _left(self, short: int) -> Cause:
        wanted, capacity = self._pattern
        if wanted > capacity:
            note = f"it asks {wanted:,} officer-tours, the officers can give {capacity:,}"
            return Cause("pattern", short, notes=(note,))
        return Cause("elsewhere", short)

    @cached_property
    def _pattern(self) -> tuple[int, int]:
        """Officer-tours the weekly pattern asks over the roster (bank holidays not bought
        left out), and the officer-days the contract's officers can give: days in post,
        less rest days owed, leave, sickness, aid and abstractions."""
        days = [d for d in self.roster.ctx.scenario.days if not self.unbought(d)]
        wanted = sum(sum(self.ask(d).values()) for d in days)
        per_week = self.roster.ctx.rules.rest_days_per_week
        capacity = 0
        for oid in self.officers:
            span = self.roster.ctx.spans.get(oid)
            if span is None:
                continue
            n = (span[1] - span[0]).days + 1
            free, held, holiday_free, holiday_held = self.roster.giving.get(oid, (0, 0, 0, 0))
            if not self.contract.cover_bank_holidays:  # bank holidays left out
                free, held = free - holiday_free, held - holiday_held
            # a rest day the leave holds: owed, and taken there
            owed = math.floor(per_week * n / 7 + 1e-9) - held
            capacity += max(0, free - owed)
        return wanted, capacity
