"""One contract's rostering problem: police rules compiled into the generic core ``Problem``.

Contracts are independent apart from High Demand Day demand, which ``plan_aid`` settles
across contracts before any of them is compiled, so each compiles and solves on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, time

from calendars import bank_holidays
from scheduler.core.data import Problem, StaffMember
from scheduler.errors import InputError
from scheduler.rules.cover import bank_holiday_duty, council_cover
from scheduler.rules.high_demand import AidDuty, plan_aid
from scheduler.rules.hours import (
    average_hours_window,
    average_leaves_room,
    short_service_windows,
)
from scheduler.rules.rest import (
    forbidden_successions,
    least_rest_days,
    rest_day_target,
    rest_past_the_next_day,
    weekly_rest_beyond,
    weekly_rest_periods,
)
from scheduler.rules.rota import rota_lines
from scheduler.rules.teams import Team, share_cover
from scheduler.rules.tours import Tour, aid_tour_code, council_tours
from scheduler.rules.weights import DEFAULT_WEIGHTS, Weights
from scheduler.rules.welfare import (
    CONSTABLE,
    SUPERVISOR,
    fairness,
    night_runs,
    requests,
    supervision,
)
from scheduler.scenario.model import SUPERVISORY_RANKS, Contract, Officer, Scenario
from scheduler.store.entries import (
    Entry,
    day_change,
    leave_rest_cap,
    rest_in_leave,
    scenario_leave,
)
from scheduler.table import LEAVE_KIND

# states of officer-days settled before solving
PUBLIC_HOLIDAY, REST = "PUBLIC_HOLIDAY", "REST"


@dataclass(frozen=True)
class Pin:
    """An officer-day settled before solving (re-rostering): a tour that must be worked, or
    a day off. ``state`` is the roster state to write; ``counts_as_rest`` for a REST day."""

    state: str
    tour: Tour | None = None
    event: str = ""
    kind: str = ""
    abstraction_id: int | None = None

    @property
    def counts_as_rest(self) -> bool:
        return self.state == REST


@dataclass
class CompiledContract:
    contract: Contract
    officers: list[Officer]
    days: list[date]
    tours: dict[str, Tour]
    problem: Problem
    # officer-days settled before solving: (officer_id, day index) -> Pin
    settled: dict[tuple[str, int], Pin] = field(default_factory=dict)
    out_of_post: set[tuple[str, int]] = field(default_factory=set)
    rest_targets: dict[str, int] = field(default_factory=dict)


def compile_contract(
    scenario: Scenario,
    contract: Contract,
    aid_plan: Mapping[tuple[str, date], AidDuty] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    *,
    pins: Mapping[tuple[str, date], Pin] | None = None,
    baseline: Mapping[tuple[str, date], str | None] | None = None,
    change_weights: Mapping[tuple[str, date], int] | None = None,
    team: Team | None = None,
) -> CompiledContract:
    days = list(scenario.days)
    index = {day: d for d, day in enumerate(days)}
    officers = sorted(scenario.officers_of(contract.id), key=lambda o: o.id)
    if team is not None:
        officers = [o for o in officers if o.id in team.officer_ids]
    aid_plan = plan_aid(scenario) if aid_plan is None else aid_plan
    pins = pins or {}
    holidays = set(bank_holidays(scenario.start, scenario.end))

    tours = scenario_tours(scenario)
    for pin in pins.values():
        if pin.tour is not None:
            tours.setdefault(pin.tour.code, pin.tour)

    settled: dict[tuple[str, int], Pin] = {}
    out_of_post: set[tuple[str, int]] = set()
    in_force = [contract.in_force(day) for day in days]  # once: asked of every officer-day
    serving = {o.id: o for o in officers}
    leave = _leave_pins(
        scenario_leave(scenario, list(serving)),
        holidays,
        scenario.rules.rest_days_per_week,
        lambda oid, day: day in index and in_force[index[day]] and serving[oid].in_post(day),
        days,
        lambda oid, day: (
            (oid, day) in aid_plan or ((oid, day) in pins and not pins[oid, day].counts_as_rest)
        ),
    )
    in_post = dict.fromkeys((o.id for o in officers), 0)
    for o in officers:
        for d, day in enumerate(days):
            key = (o.id, day)
            if not (in_force[d] and o.in_post(day)):
                out_of_post.add((o.id, d))
                continue
            in_post[o.id] += 1
            if key in pins:
                settled[(o.id, d)] = pins[key]
            elif key in leave:
                settled[(o.id, d)] = leave[key]
            elif key in aid_plan:
                settled[(o.id, d)] = Pin("HDD_AID", tours[aid_tour_code(day)], aid_plan[key].event)
            elif day in holidays and not contract.cover_bank_holidays:
                settled[(o.id, d)] = Pin(PUBLIC_HOLIDAY)

    tours_on = tours_by_day(days, tours, settled)
    rest_periods = weekly_rest_periods(days, tours_on, scenario.rules)
    if any(not p.days for p in rest_periods):
        raise _weekly_rest_too_long(scenario)
    if past := rest_past_the_next_day(days, tours_on, scenario.rules):
        where = scenario.source or "scenario"
        hours = scenario.rules.min_rest_hours
        value = int(hours) if float(hours).is_integer() else hours
        raise InputError.one(where, "rules.min_rest_hours", past, value)
    council = [t for t in tours.values() if t.aid_day is None]
    rest_targets = {oid: rest_day_target(n, scenario.rules) for oid, n in in_post.items()}
    longest = max((t.nominal_minutes for t in council), default=0)
    # every other day a duty day, unless the 48-hour average over a short service forbids it
    capped = {
        oid: average_leaves_room(n, n - rest_targets[oid], longest, scenario.rules)
        for oid, n in in_post.items()
    }
    staff = tuple(
        _staff_member(
            o,
            days,
            settled,
            out_of_post,
            holidays,
            contract,
            scenario,
            in_post[o.id],
            capped[o.id],
            tours_on,
        )
        for o in officers
    )
    problem = Problem(
        horizon=len(days),
        shifts=tuple(t.shift_type() for t in tours.values()),
        staff=staff,
        cover=share_cover(council_cover(contract, days, holidays, weights), team)
        if team is not None
        else council_cover(contract, days, holidays, weights),
        requests=requests(officers, days, weights) + bank_holiday_duty(staff, weights),
        first_weekday=days[0].weekday(),
        minutes_by_day=_real_minutes(days, tours_on),
        forbidden_by_day=forbidden_successions(days, tours_on, scenario.rules),
        shift_days=_availability(days, tours, index),
        windows=(
            average_hours_window(len(days), scenario.rules),
            *short_service_windows(in_post, len(days), scenario.rules),
        ),
        rest_periods=rest_periods,
        consecutive_limits=night_runs(council, scenario.rules, weights),
        companions=supervision(council, weights),
        fairness=fairness(days, council, weights),
        rota=rota_lines(scenario, officers, days, weights),
        baseline=_by_index(baseline or {}, index),
        change_weights=_by_index(change_weights or {}, index),
        change_weight=weights.change if baseline else 0,
        name=contract.id,
    )
    return CompiledContract(
        contract, officers, days, tours, problem, settled, out_of_post, rest_targets
    )


def _weekly_rest_too_long(scenario: Scenario) -> InputError:
    """A week no day off of can give the weekly rest: the model holds it as a day off and
    the day after (48 h, midnight to midnight), so a longer rest has no roster to make."""
    why = weekly_rest_beyond(scenario.rules) or (
        f"a weekly rest of {scenario.rules.weekly_rest_hours:g} h is more than a week here can hold"
    )
    return InputError.one(scenario.source or "scenario", "rules.weekly_rest_hours", why)


def _leave_pins(
    entries: list[Entry],
    holidays: set[date],
    rest_days_per_week: float,
    serves: Callable[[str, date], bool],
    days: list[date],
    on_duty: Callable[[str, date], bool],
) -> dict[tuple[str, date], Pin]:
    """Leave days settled before solving (of the ``days`` an officer ``serves``), by the
    rule every entry follows (a re-roster applies leave booked later by the same rule,
    ``scheduler.store.apply``): REST on the rest days a week or more of leave holds.
    ``on_duty``: a day settled otherwise, not to be a rest day (HDD aid, a kept tour)."""
    held: dict[str, set[date]] = {}
    for e in entries:
        held.setdefault(e.officer_id, set()).update(d for d in e.days() if serves(e.officer_id, d))
    served = {oid: sum(serves(oid, day) for day in days) for oid in held}
    free = {  # the days outside the leave that could be rest days
        oid: sum(
            1
            for day in days
            if serves(oid, day)
            and day not in leave
            and day not in holidays
            and not on_duty(oid, day)
        )
        for oid, leave in held.items()
    }
    rest = {
        (oid, d)
        for oid, leave in held.items()
        for d in rest_in_leave(
            leave, rest_days_per_week, holidays, served=served[oid], free_elsewhere=free[oid]
        )
    }
    pins = {}
    for e in entries:
        for day in e.days():
            if day not in held[e.officer_id]:
                continue
            change = day_change(
                e.kind,
                e.start,
                e.end,
                day,
                None,
                day in holidays,
                leave_rest=(e.officer_id, day) in rest,
            )
            if not isinstance(change, str):  # leave always applies
                pins[(e.officer_id, day)] = Pin(change.state, event=e.reason, kind=e.kind)
    return pins


def _rest_beyond_caps(
    officer_id: str,
    days: list[date],
    settled: Mapping[tuple[str, int], Pin],
    per_week: float,
    scenario_leave: Collection[date] = frozenset(),
) -> int:
    """REST pinned in the officer's runs of leave beyond what each run may count toward the
    rest days owed (``leave_rest_cap``): published rest days leave booked later kept
    (``scheduler.store.apply``), which the checker's 'leave' counts only up to the cap, so
    that many more are owed elsewhere (none such in a first roster). A day of the scenario
    file's leave is in its run whatever an entry made of it (sickness over it), as the
    checker's runs are."""
    beyond = length = rested = 0
    for d in range(len(days) + 1):
        pin = settled.get((officer_id, d)) if d < len(days) else None
        leave = pin is not None and (pin.kind == LEAVE_KIND or days[d] in scenario_leave)
        if pin is not None and leave and pin.tour is None:
            length += 1
            rested += pin.counts_as_rest
            continue
        beyond += max(0, rested - leave_rest_cap(length, per_week))
        length = rested = 0
    return beyond


def _staff_member(
    o: Officer,
    days: list[date],
    settled: dict[tuple[str, int], Pin],
    out_of_post: set[tuple[str, int]],
    holidays: set[date],
    contract: Contract,
    scenario: Scenario,
    in_post: int,
    capped: bool = True,
    tours_on: list[list[Tour]] | None = None,
) -> StaffMember:
    """``in_post``: the days ``o`` serves the contract. ``capped``: the free days off are
    exactly the rest days owed (every other day a duty day); else at least them, and at
    most as many as leave the officer the duty days the 48-hour average over their short
    service allows (``_most_off``), so a joiner weeks before the end works what the law
    lets them rather than resting every day."""
    days_off, fixed = set(), {}
    pinned_rest = 0
    for d in range(len(days)):
        pin = settled.get((o.id, d))
        if (o.id, d) in out_of_post:
            days_off.add(d)
        elif pin is not None and pin.tour is not None:
            fixed[d] = pin.tour.code
        elif pin is not None:
            days_off.add(d)
            pinned_rest += pin.counts_as_rest
    # an HDD aid tour is worked only by the officers planned onto it
    aid_codes = {t for t in _aid_codes(settled, days)} - set(fixed.values())
    per_week = scenario.rules.rest_days_per_week
    beyond = _rest_beyond_caps(o.id, days, settled, per_week, o.leave_days())
    target = max(0, rest_day_target(in_post, scenario.rules) + beyond - pinned_rest)

    # a bank holiday the council may task is not a rest day when the officer is off on it
    unfree = frozenset(
        d
        for d, day in enumerate(days)
        if day in holidays and contract.cover_bank_holidays and d not in days_off and d not in fixed
    )
    # every other day is a duty day: that is what the council buys, within the law: where
    # the days in a row with a tour and the weekly rest need more days off than the rest
    # days owed, those days are off too (rest_days_per_week = 1 beside
    # max_consecutive_duty_days = 3 had no roster)
    most = (
        target
        if capped
        else _most_off(
            days, fixed, settled, o.id, days_off | unfree, tours_on, in_post, target, scenario
        )
    )
    if most is not None:
        most = max(most, least_rest_days(days, days_off | unfree, scenario.rules, target))
    return StaffMember(
        id=o.id,
        max_consecutive_work=scenario.rules.max_consecutive_duty_days,
        min_free_days_off=target,
        max_free_days_off=most,
        unfree_days=unfree,
        max_shifts={code: 0 for code in aid_codes},
        days_off=frozenset(days_off),
        fixed_shifts=fixed,
        group=SUPERVISOR if o.rank in SUPERVISORY_RANKS else CONSTABLE,
    )


def _most_off(
    days: list[date],
    fixed: Mapping[int, str],
    settled: Mapping[tuple[str, int], Pin],
    officer_id: str,
    not_free: Collection[int],
    tours_on: list[list[Tour]] | None,
    in_post: int,
    target: int,
    scenario: Scenario,
) -> int | None:
    """The most free days off that leave an officer of a short service as many duty days as
    the 48-hour average over it surely allows: its hours less the fixed tours', over the
    longest council tour any open day could hold (real time, a night across a clock change
    included), so that any lawful choice of tours fits; at least ``target``. None: no
    tours known."""
    if tours_on is None:
        return None
    rules = scenario.rules
    hours = int(rules.max_average_weekly_hours * 60 * in_post / 7)
    fixed_minutes = sum(
        pin.tour.elapsed_minutes(days[d])
        for d in fixed
        if (pin := settled.get((officer_id, d))) is not None and pin.tour is not None
    )
    open_days = [d for d in range(len(days)) if d not in not_free and d not in fixed]
    longest = max(
        (t.elapsed_minutes(days[d]) for d in open_days for t in tours_on[d] if t.aid_day is None),
        default=0,
    )
    if longest <= 0:
        return None
    allowed = max(0, hours - fixed_minutes) // longest
    return max(target, len(open_days) - allowed)


def _aid_codes(settled: dict[tuple[str, int], Pin], days: list[date]) -> set[str]:
    return {p.tour.code for p in settled.values() if p.tour is not None and p.tour.aid_day}


def scenario_tours(scenario: Scenario) -> dict[str, Tour]:
    """The council's tour types and each High Demand Day's aid tour, by code."""
    tours = {t.code: t for t in council_tours(scenario)}
    for hdd in scenario.high_demand_days():
        code = aid_tour_code(hdd.date)
        tours[code] = Tour(code, hdd.start, hdd.end, aid_day=hdd.date, event=hdd.name)
    return tours


def rest_past_the_tours(scenario: Scenario) -> str | None:
    """``rest_past_the_next_day`` of the scenario's tours over its horizon, for a note
    of ``s92 validate``: a roster of it is refused so."""
    days = list(scenario.days)
    return rest_past_the_next_day(
        days, tours_by_day(days, scenario_tours(scenario), {}), scenario.rules
    )


def tours_by_day(
    days: list[date], tours: dict[str, Tour], settled: dict[tuple[str, int], Pin]
) -> list[list[Tour]]:
    """Tours that can be worked each day: council tours every day, one-off tours on theirs."""
    one_off: dict[int, dict[str, Tour]] = {}
    index = {day: d for d, day in enumerate(days)}
    for t in tours.values():
        if t.aid_day is not None and t.aid_day in index:
            one_off.setdefault(index[t.aid_day], {})[t.code] = t
    for (_, d), pin in settled.items():
        if pin.tour is not None and pin.tour.aid_day is None and pin.tour.code not in tours:
            one_off.setdefault(d, {})[pin.tour.code] = pin.tour
    council = [t for t in tours.values() if t.aid_day is None]
    return [council + list(one_off.get(d, {}).values()) for d in range(len(days))]


def _availability(
    days: list[date], tours: dict[str, Tour], index: dict[date, int]
) -> dict[str, frozenset[int]]:
    return {
        t.code: frozenset({index[t.aid_day]} if t.aid_day in index else set())
        for t in tours.values()
        if t.aid_day is not None
    }


def _real_minutes(days: list[date], tours_on: list[list[Tour]]) -> dict[tuple[int, str], int]:
    """Tour lengths that differ from nominal: nights across a clock change."""
    out = {}
    for d, day in enumerate(days):
        for t in tours_on[d]:
            real = t.elapsed_minutes(day)
            if real != t.nominal_minutes:
                out[(d, t.code)] = real
    return out


def _by_index(values: Mapping[tuple[str, date], object], index: dict[date, int]) -> dict:
    return {(oid, index[day]): v for (oid, day), v in values.items() if day in index}


def one_off_tour(day: date, start: time, end: time, label: str) -> Tour:
    """A tour with its own times (an abstraction), available on its day only."""
    return Tour(
        f"X-{day.isoformat()}-{start:%H%M}-{end:%H%M}", start, end, aid_day=day, event=label
    )
