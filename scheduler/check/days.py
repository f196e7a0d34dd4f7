"""Rules on what a day is: 'rest-days', 'leave' and 'bank-holiday'."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd

from scheduler.check.context import Context, dates_of, day_runs, records
from scheduler.check.report import Breach
from scheduler.wording import counted

# States a bank holiday may hold besides PUBLIC_HOLIDAY: the MPS's own claims on the day
# (aid, court, training, operational abstraction) and sickness; LEAVE is judged by 'leave'.
BANK_HOLIDAY_STATES = frozenset(
    {
        "PUBLIC_HOLIDAY",
        "LEAVE",
        "HDD_AID",
        "EMERGENCY_AID",
        "ABSTRACTED",
        "COURT",
        "TRAINING",
        "SICK",
    }
)


def rest_days(ctx: Context) -> list[Breach]:
    """At least floor(rest_days_per_week x n / 7) REST rows, n = days in post."""
    rest = ctx.rows[ctx.rows["state"] == "REST"].groupby("officer_id").size()
    per_week = ctx.rules.rest_days_per_week
    out = []
    for oid, (first, last) in sorted(ctx.spans.items()):
        n = (last - first).days + 1
        needed = _rest_owed(ctx, oid)
        have = int(rest.get(oid, 0))
        if have < needed:
            detail = (
                f"{counted(have, 'rest day')} in {counted(n, 'day')} in post ({first} to {last}); "
                "at least "
                f"{needed} ({per_week:g} a week)"
            )
            out.append(Breach(oid, first, "rest-days", detail))
    return out


def leave(ctx: Context) -> list[Breach]:
    """A scenario leave day is LEAVE (PUBLIC_HOLIDAY on a bank holiday) or SICK: never
    duty. Leave is taken on duty days, never on rest days (DESIGN.md section 2), so a run
    of L consecutive leave days (the scenario's and rows of kind leave, from the log)
    may keep the rest days it falls on as REST. At most a week's (rest_days_per_week) for
    each week or part of a week it spans, ceil(rest_days_per_week x ceil(L / 7)), count
    toward the rest days owed, so a long weekend away keeps its weekend; REST beyond those
    is lawful while the officer's other rest days still meet the rest days owed (days off
    to spare, published before the leave was booked), and otherwise rest days dumped into
    the officer's leave."""
    state = _state_lookup(ctx)
    out = []
    for oid in sorted(ctx.leave):
        for d in sorted(ctx.leave[oid]):
            got = state.get((oid, d))
            if got is None or got == "REST" or _leave_state_ok(got, d in ctx.bank_holidays):
                continue  # a missing row is the schema's to report; REST is judged by run
            wanted = "LEAVE, PUBLIC_HOLIDAY or SICK" if d in ctx.bank_holidays else "LEAVE or SICK"
            detail = (
                f"scenario leave day rostered as {got}; expected {wanted} "
                "(an officer on leave is not on duty)"
            )
            out.append(Breach(oid, d, "leave", detail))
    return out + _rest_in_leave(ctx)


def _rest_in_leave(ctx: Context) -> list[Breach]:
    """More REST in a run of leave than the run may count, when the officer needs them for
    the rest days owed, or REST on a bank holiday in it (PUBLIC_HOLIDAY there, as on any
    bank holiday of leave)."""
    logged = ctx.rows[ctx.rows["kind"] == "leave"]
    days: dict[str, set[date]] = {oid: set(d) for oid, d in ctx.leave.items()}
    for oid, d in zip(logged["officer_id"].tolist(), dates_of(logged["day"]), strict=True):
        days.setdefault(str(oid), set()).add(d)
    rest = ctx.rows[ctx.rows["state"] == "REST"]
    rested = set(zip(rest["officer_id"].astype(str).tolist(), dates_of(rest["day"]), strict=True))
    per_week = ctx.rules.rest_days_per_week
    out = []
    for oid in sorted(days):
        over: list[Breach] = []
        excess = 0
        for first, last in day_runs(sorted(days[oid])):
            length = (last - first).days + 1
            held = min(length, math.ceil(per_week * math.ceil(length / 7) - 1e-9))
            run = [first + timedelta(n) for n in range(length)]
            taken = [d for d in run if (oid, d) in rested]
            out += [
                Breach(
                    oid,
                    d,
                    "leave",
                    f"REST on bank holiday {ctx.bank_holidays[d]!r} in leave; expected "
                    "PUBLIC_HOLIDAY",
                )
                for d in taken
                if d in ctx.bank_holidays
            ]
            if len(taken) <= held:
                continue
            excess += len(taken) - held
            detail = (
                f"{counted(len(taken), 'rest day')} in {counted(length, 'day')} of leave "
                f"({first} to {last}); at most {held} ({per_week:g} a week or part-week of "
                "leave) count toward the rest days owed, and the officer's others fall short "
                "of them: more are rest days dumped into the leave, which is taken on duty "
                "days"
            )
            over.append(Breach(oid, taken[held], "leave", detail))
        if over and _rest_counted(ctx, oid, rested) - excess < _rest_owed(ctx, oid):
            out += over
    return out


def _rest_counted(ctx: Context, officer_id: str, rested: set[tuple[str, date]]) -> int:
    return sum(1 for oid, _ in rested if oid == officer_id)


def _rest_owed(ctx: Context, officer_id: str) -> int:
    """floor(rest_days_per_week x n / 7), n = the officer's days in post ('rest-days')."""
    span = ctx.spans.get(officer_id)
    if span is None:
        return 0
    n = (span[1] - span[0]).days + 1
    return math.floor(ctx.rules.rest_days_per_week * n / 7 + 1e-9)


def _leave_state_ok(state: str, bank_holiday: bool) -> bool:
    return state in ("LEAVE", "SICK") or (bank_holiday and state == "PUBLIC_HOLIDAY")


def bank_holiday(ctx: Context) -> list[Breach]:
    """On a bank holiday (not a leave day) an officer is off on PUBLIC_HOLIDAY, taken by the
    MPS, sick, or on DUTY only where the contract buys bank-holiday cover."""
    rows = ctx.rows[ctx.rows["day"].isin(pd.to_datetime(list(ctx.bank_holidays)))]
    out = []
    for r in records(rows):
        d = r.day
        if d in ctx.leave.get(r.officer_id, ()) or r.state in BANK_HOLIDAY_STATES:
            continue
        contract = ctx.scenario.contract(ctx.officers[r.officer_id].contract)
        if r.state == "DUTY" and contract.cover_bank_holidays:
            continue
        holiday = ctx.bank_holidays[d]
        if r.state == "REST":
            detail = f"REST on bank holiday {holiday!r}; a bank holiday is PUBLIC_HOLIDAY"
        else:
            detail = (
                f"{r.state} on bank holiday {holiday!r}; contract {contract.id} does not "
                "buy bank-holiday cover (cover_bank_holidays = false)"
            )
        out.append(Breach(r.officer_id, d, "bank-holiday", detail))
    return out


def public_holiday_off_calendar(ctx: Context) -> list[Breach]:
    """Soft: PUBLIC_HOLIDAY on a day that is not a bank holiday (a day in lieu written with
    the wrong state, or a stale calendar)."""
    holidays = pd.to_datetime(list(ctx.bank_holidays))
    rows = ctx.rows[(ctx.rows["state"] == "PUBLIC_HOLIDAY") & ~ctx.rows["day"].isin(holidays)]
    return [
        Breach(
            r.officer_id,
            r.day,
            "bank-holiday",
            "PUBLIC_HOLIDAY on a day that is not an England & Wales bank holiday",
        )
        for r in records(rows)
    ]


def _state_lookup(ctx: Context) -> dict[tuple[str, date], str]:
    """(officer, day) -> state, for the scenario leave days only (cheap on 120k rows)."""
    wanted = pd.DataFrame(
        [(oid, pd.Timestamp(d)) for oid, days in ctx.leave.items() for d in days],
        columns=["officer_id", "day"],
    )
    if wanted.empty:
        return {}
    found = wanted.merge(ctx.rows[["officer_id", "day", "state"]], on=["officer_id", "day"])
    days = [d.date() for d in found["day"].tolist()]
    return {
        (str(oid), day): str(state)
        for oid, day, state in zip(
            found["officer_id"].tolist(), days, found["state"].tolist(), strict=True
        )
    }
