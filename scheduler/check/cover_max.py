"""Soft: no more officers on a tour than the council's tasking wants (a ``[[contract.cover]]``
row's ``max``), read from the roster table and the scenario alone.

Where two rows name a tour on one weekday, the smaller ``max`` of the rows that give one
holds, raised to the larger ``min`` if below it (a row without ``max`` sets no limit); each
officer above it costs the larger ``weight`` of the rows, as a missing officer does. A bank
holiday the contract does not buy cover for asks nothing (its duty is a breach of its own).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from scheduler.check.context import Context, dates_of
from scheduler.check.report import COVER_MAX, Breach
from scheduler.scenario.model import Contract

RULE = COVER_MAX


def council_most(contract: Contract, day: date) -> dict[str, tuple[int, int]]:
    """Tour -> (most officers the tasking wants on it that day, the cost of each officer
    above that), for the tours a row with a ``max`` names that day (variations followed)."""
    rows = [c for c in contract.cover_on(day) if day.weekday() in c.days]
    out: dict[str, tuple[int, int]] = {}
    for tour in dict.fromkeys(c.shift for c in rows):
        named = [c for c in rows if c.shift == tour]
        maxes = [c.max for c in named if c.max is not None]
        if maxes:
            floor = max(c.min for c in named)
            out[tour] = (max(min(maxes), floor), max(c.weight for c in named))
    return out


def over_max(ctx: Context) -> list[Breach]:
    """One warning a contract, day and tour with more officers on duty than its ``max``:
    how many over and what they cost (``excess``: officer-tours over)."""
    duty = ctx.rows[ctx.rows["state"] == "DUTY"]
    on = Counter(
        zip(
            duty["contract_id"].astype(str).tolist(),
            dates_of(duty["day"]),
            duty["shift"].astype(str).tolist(),
            strict=True,
        )
    )
    contracts = {c.id: c for c in ctx.scenario.contracts}
    asked: dict[tuple[str, date], dict[str, tuple[int, int]]] = {}
    out = []
    for (cid, day, tour), n in sorted(on.items()):
        contract = contracts.get(cid)
        if contract is None:
            continue
        if day in ctx.bank_holidays and not contract.cover_bank_holidays:
            continue
        if (cid, day) not in asked:
            asked[cid, day] = council_most(contract, day)
        most = asked[cid, day].get(tour)
        if most is None or n <= most[0]:
            continue
        over = n - most[0]
        detail = (
            f"{cid} tour {tour}: {n} officers on duty, max {most[0]}; "
            f"{over} over, costing {over * most[1]:,} ({most[1]:,} each)"
        )
        out.append(Breach("", day, RULE, detail, excess=float(over)))
    return out
