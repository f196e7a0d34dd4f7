"""Why a roster cannot be built, in a planner's words: officers, dates and rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from scheduler.core.data import Problem, StaffMember
from scheduler.core.result import Conflict
from scheduler.rules.compile import CompiledContract
from scheduler.scenario.model import Scenario
from scheduler.wording import counted


def _span(days: Sequence[date], rng: tuple[int, int] | None) -> str:
    if rng is None:
        return "over the roster"
    a, b = days[max(0, rng[0])], days[min(len(days) - 1, rng[1])]
    return f"on {a}" if a == b else f"from {a} to {b}"


def describe(compiled: CompiledContract, scenario: Scenario, c: Conflict) -> str:
    """One rule taking part in a conflict, as a planner would say it."""
    r, days = scenario.rules, compiled.days
    if c.rule == "days_off" and c.days is not None:
        pin = compiled.settled.get((c.staff or "", c.days[0]))
        what = {"LEAVE": "annual leave", "PUBLIC_HOLIDAY": "bank holiday off"}.get(
            pin.state if pin else "", "a day off that is already settled"
        )
        return f"{what} {_span(days, c.days)}"
    if c.rule == "fixed_shift" and c.days is not None:
        pin = compiled.settled.get((c.staff or "", c.days[0]))
        if pin is not None and pin.state == "HDD_AID":
            return f"High Demand Day aid ({pin.event}) {_span(days, c.days)}"
        return f"a tour already settled {_span(days, c.days)}"
    words = {
        "max_consecutive_work": f"at most {r.max_consecutive_duty_days} consecutive days with a tour",
        "min_free_days_off": f"{compiled.rest_targets.get(c.staff or '', 0)} rest days owed "
        f"({r.rest_days_per_week:g} a week on average)",
        "max_free_days_off": "every other day a duty day",
        "forbidden_by_day": f"{r.min_rest_hours:g} hours' rest between tours",
        "rest_period": f"{r.weekly_rest_hours:g} hours' uninterrupted weekly rest",
        "shift_days": "aid tours only on their High Demand Day",
    }
    if c.rule in words:
        text = words[c.rule]
        return (
            text
            if c.rule in ("min_free_days_off", "max_free_days_off")
            else (f"{text} {_span(days, c.days)}")
        )
    if c.rule.startswith("window"):
        return f"{r.max_average_weekly_hours:g}-hour average week over {r.reference_weeks} weeks"
    return f"{c.rule} {_span(days, c.days)}"


def explain(
    compiled: CompiledContract, scenario: Scenario, conflicts: Sequence[Conflict]
) -> list[str]:
    """Group the conflicting rules by officer: one line each, plus contract-wide ones."""
    by_officer: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        text = describe(compiled, scenario, c)
        if text not in by_officer[c.staff or ""]:
            by_officer[c.staff or ""].append(text)
    lines = []
    for officer, parts in sorted(by_officer.items()):
        who = f"officer {officer}" if officer else f"contract {compiled.contract.id}"
        lines.append(f"{who}: these cannot all hold: " + "; ".join(parts))
    if not lines:
        lines.append(
            f"contract {compiled.contract.id}: the rules cannot all hold "
            "(no smaller explanation found within the time limit)"
        )
    return lines


def precheck(compiled: CompiledContract, scenario: Scenario) -> list[str]:
    """Obvious impossibilities, caught before any search: too few free days for rest days,
    or more hours on the duty days owed than the average week allows."""
    problems = []
    lengths = _TourLengths(compiled.problem)
    for member in compiled.problem.staff:
        free = len(compiled.days) - len(member.days_off) - len(member.fixed_shifts)
        owed = member.min_free_days_off or 0
        if owed > free:
            target = compiled.rest_targets[member.id]
            # a week or more of leave holds rest days of its own (store.entries.rest_in_leave)
            in_leave = sum(
                1
                for (oid, _), pin in compiled.settled.items()
                if oid == member.id and pin.counts_as_rest and pin.kind == "leave"
            )
            held = f", {in_leave} of them in leave" if in_leave else ""
            problems.append(
                f"officer {member.id}: owes {target} rest days "
                f"({scenario.rules.rest_days_per_week:g} a week on average{held}) but only "
                f"{counted(free, 'day')} {'is' if free == 1 else 'are'} free of leave, bank "
                "holidays and High Demand Day aid"
            )
        else:
            problems.extend(_hours_precheck(compiled, scenario, member, lengths))
    return problems


def _hours_precheck(
    compiled: CompiledContract, scenario: Scenario, member: StaffMember, lengths: _TourLengths
) -> list[str]:
    """The duty days an officer owes (every day not a rest day, leave, a bank holiday off or
    HDD aid is a duty day) at their shortest tours, against the most hours the
    average-week limit leaves over the roster: a ``max_average_weekly_hours`` too low for
    them is said at once, with the numbers, not after a search that cannot end well."""
    if member.max_free_days_off is None:  # a short service: duty days are not owed
        return []
    problem, rules = compiled.problem, scenario.rules
    free = [d for d in range(problem.horizon) if d not in member.days_off]
    free = [d for d in free if d not in member.unfree_days]
    owed = len(free) - member.max_free_days_off
    fixed = sum(problem.minutes(d, s) for d, s in member.fixed_shifts.items())
    open_days = [d for d in free if d not in member.fixed_shifts]
    by_day = lengths.shortest(member)
    shortest = sorted(m for d in open_days if (m := by_day[d]))
    to_work = owed - sum(d in member.fixed_shifts for d in free)
    if to_work > len(shortest):
        return []  # fewer workable days than owed: the search names that
    needed = fixed + sum(shortest[: max(0, to_work)])
    longest = lengths.longest
    for window in problem.windows:
        if window.staff is not None and member.id not in window.staff:
            continue
        whole, rest = divmod(problem.horizon, window.length)
        allowed = whole * window.max_minutes + min(window.max_minutes, rest * longest)
        if needed > allowed:
            return [
                f"officer {member.id}: owes {owed} duty days (every day that is not a rest "
                "day, leave or a bank holiday off, HDD aid among them), at least "
                f"{needed / 60:,.0f} hours at their shortest tours, but [rules] "
                f"max_average_weekly_hours = {rules.max_average_weekly_hours:g} allows at most "
                f"{allowed / 60:,.0f} hours over the roster's {len(compiled.days)} days "
                f"(averaged over {rules.reference_weeks} weeks)"
            ]
    return []


class _TourLengths:
    """Each day's tour lengths, worked out once for a contract's officers, not once each."""

    def __init__(self, problem: Problem) -> None:
        days = range(problem.horizon)
        self.longest = max(
            (problem.minutes(d, s.id) for d in days for s in problem.shifts), default=0
        )
        self._by_day = [
            {
                s.id: problem.minutes(d, s.id)
                for s in problem.shifts
                if s.id not in problem.shift_days or d in problem.shift_days[s.id]
            }
            for d in days
        ]
        self._shortest: dict[frozenset[str], list[int]] = {}

    def shortest(self, member: StaffMember) -> list[int]:
        """Minutes of the shortest tour ``member`` may work, each day (0: none)."""
        barred = frozenset(s for s, most in member.max_shifts.items() if most == 0)
        if barred not in self._shortest:
            self._shortest[barred] = [
                min((m for s, m in tours.items() if s not in barred), default=0)
                for tours in self._by_day
            ]
        return self._shortest[barred]
