"""``rows.breaks`` and ``rows.cost`` say what the CP-SAT model says of the same roster.

On random problems holding every hard rule family of the core (runs with history, blocks
of work and rest, weekends, free days off, shift counts and minutes, successions every day
and on one day, tours offered on some days, rolling windows with history and days after,
rest periods with spoiling neighbours, days off, fixed tours): a row breaks nothing
exactly when the whole model with every cell pinned to it has a roster, and a lawful
roster costs, term by term, what that pinned model's objective says."""

from __future__ import annotations

import random
from typing import Any

import pytest

from scheduler.core import Problem, RestPeriod, ShiftType, StaffMember
from scheduler.core.cpsat import add_hint, cell_pins, decode, find_lawful, make_solver, pin, run
from scheduler.core.data import (
    CompanionRule,
    ConsecutiveShiftLimit,
    Cover,
    FairnessRule,
    RotaLines,
    ShiftRequest,
    WindowLimit,
)
from scheduler.core.model import BuiltModel, build_model
from scheduler.core.pinned import score_roster
from scheduler.core.rows import breaks, cost

SHIFTS = ("D", "L", "N")


def _problem(seed: int, horizon: int = 10, people: int = 4) -> Problem:
    rng = random.Random(seed)
    shifts = (
        ShiftType("D", 480, 7 * 60),
        ShiftType("L", 480, 15 * 60, forbidden_next=frozenset({"D"})),
        ShiftType("N", 600, 22 * 60, forbidden_next=frozenset({"D", "L"})),
    )

    def maybe(value: object) -> object:
        return value if rng.random() < 0.5 else None

    staff = []
    for i in range(people):
        days_off = frozenset(rng.sample(range(horizon), rng.randint(0, 2)))
        free = [d for d in range(horizon) if d not in days_off]
        fixed = {d: rng.choice(SHIFTS) for d in rng.sample(free, rng.randint(0, 1))}
        staff.append(
            StaffMember(
                f"S{i}",
                max_shifts={"N": rng.randint(0, 4)} if rng.random() < 0.5 else {},
                min_shifts={"D": 1} if rng.random() < 0.3 else {},
                max_minutes=maybe(rng.randint(3, 7) * 480),  # type: ignore[arg-type]
                min_minutes=maybe(rng.randint(1, 4) * 480),  # type: ignore[arg-type]
                max_consecutive_work=maybe(rng.randint(2, 5)),  # type: ignore[arg-type]
                min_consecutive_work=maybe(rng.randint(2, 3)),  # type: ignore[arg-type]
                min_consecutive_off=maybe(2),  # type: ignore[arg-type]
                max_weekends=maybe(rng.randint(0, 1)),  # type: ignore[arg-type]
                min_free_days_off=maybe(rng.randint(1, 4)),  # type: ignore[arg-type]
                max_free_days_off=maybe(rng.randint(3, 7)),  # type: ignore[arg-type]
                unfree_days=frozenset(rng.sample(range(horizon), rng.randint(0, 1))),
                days_off=days_off,
                fixed_shifts=fixed,
                history=tuple(rng.choice([None, *SHIFTS]) for _ in range(rng.randint(0, 6))),
                future_minutes=tuple(rng.choice([0, 480]) for _ in range(rng.randint(0, 3))),
                group="sergeant" if i == 0 else "constable",
            )
        )
    rests = []
    for start in range(0, horizon - 3, 4):
        days = tuple(range(start, start + 4))
        bad = frozenset(
            (d, rng.choice([None, *SHIFTS]), rng.choice([None, *SHIFTS]))
            for d in rng.sample(days, 2)
        )
        rests.append(RestPeriod(days, bad))
    return Problem(
        horizon,
        shifts,
        tuple(staff),
        cover=tuple(
            Cover(d, s, rng.randint(0, 2), rng.randint(0, 5), rng.randint(0, 2))
            for d in range(horizon)
            for s in SHIFTS
        ),
        requests=tuple(
            ShiftRequest(
                m.id,
                rng.randrange(horizon),
                rng.choice([None, *SHIFTS]),
                rng.randint(1, 3),
                rng.random() < 0.5,
            )
            for m in staff
        ),
        first_weekday=rng.randrange(7),
        minutes_by_day={(rng.randrange(horizon), "N"): 660},
        forbidden_by_day=frozenset({(rng.randrange(-1, horizon - 1), "D", "N")}),
        shift_days={"L": frozenset(rng.sample(range(horizon), horizon - 2))},
        windows=(WindowLimit(rng.randint(3, 7), rng.randint(3, 5) * 480),),
        rest_periods=tuple(rests),
        consecutive_limits=(ConsecutiveShiftLimit(frozenset({"N"}), 2, rng.randint(1, 4)),),
        companions=(
            CompanionRule("constable", "sergeant", frozenset({"D", "N"}), 3, rng.random() < 0.5),
        ),
        fairness=(FairnessRule("nights", frozenset(range(0, horizon, 2)), frozenset({"N"}), 2),),
        rota=RotaLines(
            7,
            2,
            {m.id: (i % 2, i) for i, m in enumerate(staff)},
            1,
            None
            if rng.random() < 0.5
            else {0: ("D",) * 5 + (None,) * 2, 1: ("N", None) * 3 + ("L",)},
        ),
        baseline={(m.id, d): rng.choice([None, *SHIFTS]) for m in staff for d in range(2)},
        change_weight=rng.randint(0, 2),
    )


def _pinned_feasible(built: BuiltModel, staff: str, row: list[str | None]) -> bool:
    """Whether the whole model (``built``, left as it is) with ``staff``'s row pinned has
    a roster."""
    model = built.model.clone()
    model.clear_objective()
    pins = [cell_pins(built, staff, d, s) for d, s in enumerate(row)]
    pin(model, [i for i, _ in pins], [v for _, v in pins])
    return run(built, make_solver(10.0, 0, 1), model=model).feasible


@pytest.mark.parametrize("seed", range(12))
def test_a_row_breaks_a_rule_exactly_when_the_model_says_so(seed: int) -> None:
    p = _problem(seed)
    rng = random.Random(seed)
    # each person alone, and again with only the rules every person shares (windows, rest
    # periods, successions, tours' days), which a person's own limits would otherwise hide
    bare = [
        StaffMember(m.id, days_off=m.days_off, history=m.history, future_minutes=m.future_minutes)
        for m in p.staff
    ]
    alone = [Problem(p.horizon, p.shifts, (m,), **_rules(p)) for m in [*p.staff, *bare]]
    broken = kept = 0
    for one in alone:
        m = one.staff[0]
        built = build_model(one)  # once: each row is pinned on a copy of it
        lawful = _lawful_rows(one, rng, 4)
        rows = [*lawful, *_random_rows(m, p.horizon, rng, 8)]
        rows += _mutants(m, lawful, rng, 16) if lawful else []
        for row in rows:
            said = breaks(one, m, row)
            assert (said is None) == _pinned_feasible(built, m.id, row), (m, row, said)
            broken += said is not None
            kept += said is None
    assert broken  # both verdicts seen
    assert kept


@pytest.mark.parametrize("seed", range(12))
def test_a_lawful_roster_costs_what_the_pinned_model_says(seed: int) -> None:
    rng = random.Random(seed)
    priced = 0
    for k in range(40):  # random problems, some with no lawful roster
        p = _problem(100 * seed + k // 2, people=5)
        built = build_model(p)
        add_hint(built, _random_hint(p, rng))  # varied rosters: random first choices
        _, values = find_lawful(built, make_solver(10.0, k, 1))
        if values is None:
            continue
        roster = decode(built, values)
        if k % 2:  # and a neighbour of it, where still lawful
            m = rng.choice(p.staff)
            d = rng.randrange(p.horizon)
            row = list(roster[m.id])
            row[d] = rng.choice([None, *SHIFTS])
            if breaks(p, m, row) is None:
                roster[m.id] = row
        assert all(breaks(p, m, roster[m.id]) is None for m in p.staff)
        scored = score_roster(built, roster, 0)
        terms = cost(p, roster)
        assert sum(terms.values()) == scored.objective
        assert {k: v for k, v in terms.items() if v} == {
            k: v for k, v in scored.breakdown.items() if v
        }
        priced += 1
    assert priced >= 4


def _rules(p: Problem) -> dict[str, Any]:
    """``p``'s rules but its goals (a person alone keeps the hard rules)."""
    return {
        "first_weekday": p.first_weekday,
        "minutes_by_day": p.minutes_by_day,
        "forbidden_by_day": p.forbidden_by_day,
        "shift_days": p.shift_days,
        "windows": p.windows,
        "rest_periods": p.rest_periods,
    }


def _lawful_rows(p: Problem, rng: random.Random, n: int) -> list[list[str | None]]:
    rows = []
    for _ in range(n):
        built = build_model(p)
        add_hint(built, _random_hint(p, rng))
        _, values = find_lawful(built, make_solver(10.0, 0, 1))
        if values is not None:
            rows.append(list(decode(built, values)[p.staff[0].id]))
    return rows


def _random_hint(p: Problem, rng: random.Random) -> dict[tuple[str, int], str | None]:
    return {(m.id, d): rng.choice([None, *SHIFTS]) for m in p.staff for d in range(p.horizon)}


def _mutants(
    m: StaffMember, rows: list[list[str | None]], rng: random.Random, n: int
) -> list[list[str | None]]:
    """Lawful rows with a day or two changed (days off and fixed tours left alone: a
    row that breaks those breaks them first, and hides what else it breaks)."""
    free = [d for d in range(len(rows[0])) if d not in m.days_off and d not in m.fixed_shifts]
    out = []
    for _ in range(n):
        row = list(rng.choice(rows))
        for d in rng.sample(free, min(len(free), rng.randint(1, 2))):
            row[d] = rng.choice([None, *SHIFTS])
        out.append(row)
    return out


def _random_rows(
    m: StaffMember, horizon: int, rng: random.Random, n: int
) -> list[list[str | None]]:
    rows = []
    for _ in range(n):
        row = [rng.choice([None, None, *SHIFTS]) for _ in range(horizon)]
        for d in m.days_off:
            row[d] = None
        for d, s in m.fixed_shifts.items():
            row[d] = s
        rows.append(row)
    return rows
