"""Rule 'ring-fence': a DUTY row is a tour of the officer's own contract, on one of the
scenario's shifts at that shift's clock times (anything else is an abstraction and must
say so with its state)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from scheduler.check.clock import clock, london_instant, second_reading, second_reading_words
from scheduler.check.context import Context, Row, records
from scheduler.check.report import Breach
from scheduler.scenario.model import Shift

RULE = "ring-fence"


def ring_fence(ctx: Context) -> list[Breach]:
    shifts = {s.code: (clock(s.start), clock(s.end)) for s in ctx.scenario.shifts}
    duty = ctx.rows[ctx.rows["state"] == "DUTY"]
    own = duty["officer_id"].map({o.id: o.contract for o in ctx.officers.values()})
    times_known = duty["start"].notna() & duty["end"].notna()
    # wall clock as minutes of the day: cheap to compare on 100k rows
    starts = {s.code: s.start.hour * 60 + s.start.minute for s in ctx.scenario.shifts}
    ends = {s.code: s.end.hour * 60 + s.end.minute for s in ctx.scenario.shifts}
    wrong_times = times_known & (
        (_minute_of_day(duty["local_start"]) != duty["shift"].map(starts))
        | (_minute_of_day(duty["local_end"]) != duty["shift"].map(ends))
        | second_reading(duty["start"])
        | second_reading(duty["end"])
    )
    if wrong_times.any():  # a few rows at most: each looked at on its own day
        wrong_times &= ~_read_on_the_day(duty[wrong_times], ctx)
    suspect = (own != duty["contract_id"]) | ~duty["shift"].isin(shifts) | wrong_times
    out = []
    tours = {s.code: s for s in ctx.scenario.shifts}
    for r in records(duty[suspect]):
        problems = _problems(r, str(own[r.label]), shifts, tours.get(r.shift))
        out.append(Breach(r.officer_id, r.day, RULE, "; ".join(problems)))
    return out


def _minute_of_day(wall: pd.Series) -> pd.Series:
    return wall.dt.hour * 60 + wall.dt.minute


def _read_on_the_day(rows: pd.DataFrame, ctx: Context) -> pd.Series:
    """Which of ``rows`` begin and end at the instants of their shift's times that day: a
    shift starting or ending in the hour the clocks skip (01:30 on the last Sunday of
    March) begins or ends the instant the clocks call 02:30."""
    shifts = {s.code: s for s in ctx.scenario.shifts}
    same = [_on_the_day(r, shifts.get(r.shift)) == (r.start, r.end) for r in records(rows)]
    return pd.Series(same, index=rows.index, dtype=bool)


def _on_the_day(r: Row, shift: Shift | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The instants ``shift`` begins and ends when worked on ``r``'s day."""
    if shift is None:
        return None
    end_day = r.day + timedelta(days=1) if shift.end <= shift.start else r.day
    return london_instant(r.day, shift.start), london_instant(end_day, shift.end)


def _problems(
    r: Row, own: str, shifts: dict[str, tuple[str, str]], shift: Shift | None
) -> list[str]:
    problems = []
    if r.contract_id != own:
        problems.append(
            f"DUTY for contract {r.contract_id!r}, but the officer is ring-fenced to {own!r}"
        )
    if r.shift not in shifts:
        codes = ", ".join(sorted(shifts))
        problems.append(f"shift {r.shift!r} is not a scenario tour ({codes})")
    elif r.local_start is not None and r.local_end is not None:
        times = (clock(r.local_start), clock(r.local_end))
        if times != shifts[r.shift]:
            problems.append(
                f"tour {times[0]}-{times[1]} is not shift {r.shift} "
                f"{shifts[r.shift][0]}-{shifts[r.shift][1]}"
            )
        elif _on_the_day(r, shift) != (r.start, r.end):
            problems.append(_second_reading(r, times))
    return problems


def _second_reading(r: Row, times: tuple[str, str]) -> str:
    """A tour at its shift's clock times but an hour off: one of its ends is the second
    reading of the hour the clocks repeat."""
    starts_right = r.local_start is None or r.start == _first(r.local_start)
    return f"tour {times[0]}-{times[1]} {second_reading_words(starts_right, times)} as shift {r.shift} does"


def _first(wall: pd.Timestamp) -> pd.Timestamp:
    return london_instant(wall.date(), wall.time())
