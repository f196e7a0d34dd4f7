"""Why an entry cannot be re-rostered from ``--from``: the officer's days before it stand as
published, and with the entry's tours they break a working-time rule no roster from
``--from`` can mend (a late to 23:00 the day before a course at 09:00: 10 h rest; two
published duty days before a six-day course: 8 days in a row). The re-roster names the
tour that stands, the rule, and the day a re-roster can start from to move it, rather than
leave the planner to guess why an entry alone was lawful when it was logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from calendars import LONDON
from scheduler.scenario.model import Rules
from scheduler.store.entries import Entry

_EPS_HOURS = 1e-6  # a rest of exactly the minimum is lawful


@dataclass(frozen=True)
class StandingClash:
    """The day a re-roster must start from to move what stands, and why."""

    day: date
    why: str


def standing_clash(
    rules: Rules, published: pd.DataFrame, planned: pd.DataFrame, entry: Entry, from_date: date
) -> StandingClash | None:
    """The rule the entry's tours from ``from_date`` on break with the officer's tours
    before it in ``published`` (both normalised roster tables; ``planned`` holds the
    entries applied), if any: the rest between tours, or the days in a row with a tour."""
    mine = planned[planned["officer_id"] == entry.officer_id]
    fixed = mine[  # the entries' tours, which no re-roster moves
        (mine["date"] >= from_date.isoformat())
        & (mine["start"] != "")
        & (mine["abstraction_id"] != "")
    ]
    ours = fixed[fixed["abstraction_id"] == str(entry.id)]
    if ours.empty:
        return None
    before = published[
        (published["officer_id"] == entry.officer_id)
        & (published["date"] < from_date.isoformat())
        & (published["start"] != "")
    ]
    return _short_rest(rules, before, ours, from_date) or _long_run(
        rules, before, fixed, ours, from_date
    )


def _short_rest(
    rules: Rules, before: pd.DataFrame, ours: pd.DataFrame, from_date: date
) -> StandingClash | None:
    if before.empty:
        return None
    starts = min(map(datetime.fromisoformat, ours["start"]))
    ends, day = max(
        (datetime.fromisoformat(end), day)
        for end, day in zip(before["end"], before["date"], strict=True)
    )
    gap = (starts - ends).total_seconds() / 3600
    if gap >= rules.min_rest_hours - _EPS_HOURS:
        return None
    rest = f"tours overlap by {-gap:.1f} h" if gap < 0 else f"{gap:.1f} h rest"
    return StandingClash(
        date.fromisoformat(day),
        f"{rest} between {before['officer_id'].iloc[0]}'s tour ending {_shown(ends)}, before "
        f"--from {from_date} (it stands as published), and the entry's starting "
        f"{_shown(starts)}; at least {rules.min_rest_hours:g} h (min_rest_hours)",
    )


def _long_run(
    rules: Rules,
    before: pd.DataFrame,
    fixed: pd.DataFrame,
    ours: pd.DataFrame,
    from_date: date,
) -> StandingClash | None:
    limit = rules.max_consecutive_duty_days
    worked = set(before["date"])
    standing = 0
    while (from_date - timedelta(days=standing + 1)).isoformat() in worked:
        standing += 1
    held, after = set(fixed["date"]), 0
    while (from_date + timedelta(days=after)).isoformat() in held:
        after += 1
    run = {(from_date + timedelta(days=n)).isoformat() for n in range(after)}
    if not standing or standing + after <= limit or run.isdisjoint(ours["date"]):
        return None
    first, last = from_date - timedelta(days=standing), from_date + timedelta(days=after - 1)
    return StandingClash(
        from_date - timedelta(days=1),
        f"{standing + after} days in a row with a tour, {first} to {last}, the "
        f"{standing} before --from {from_date} standing as published; at most {limit} "
        "(max_consecutive_duty_days)",
    )


def _shown(instant: datetime) -> str:
    return f"{instant.astimezone(LONDON):%Y-%m-%d %H:%M}"
