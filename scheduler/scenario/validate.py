"""Cross-field checks on a structurally valid scenario: references, counts, horizon."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from calendars import (
    FIRST_CALENDAR_YEAR,
    LAST_CALENDAR_YEAR,
    HighDemandDay,
    clock_change,
    clock_minutes,
    clocks_go_forward,
    tour_interval,
)
from scheduler.errors import Problem
from scheduler.scenario.agreement import SUPERVISION_THRESHOLD, agreement_problems, posts_held
from scheduler.scenario.model import RANKS, SUPERVISORY_RANKS, Cover, Scenario

MAX_HORIZON_YEARS = 3


def cross_check(s: Scenario, file: str) -> list[Problem]:
    problems: list[Problem] = []
    problems += _horizon(s, file)
    problems += _contract_years(s, file)
    if problems:  # later checks do date arithmetic on the horizon and contract terms
        return problems
    problems += _duplicates(s, file)
    problems += _shifts(s, file)
    problems += _contracts(s, file)
    problems += agreement_problems(s, file)
    problems += _officers(s, file)
    problems += _rota(s, file)
    if not problems:
        problems += _high_demand(s, file)
    return problems


def _high_demand(s: Scenario, file: str) -> list[Problem]:
    """Removing a date that is no HDD is usually a typo; adding and removing one a muddle.
    An aid tour longer than ``max_tour_hours`` would break the rule on every roster."""
    named = [*(e.date for e in s.high_demand.add), *s.high_demand.remove]
    try:
        # every year the lists name, beyond the horizon too: a duty record's HDD aid is
        # checked on any day by the calendar of its year
        s.high_demand_days(min([s.start, *named]), max([s.end, *named]))
        days = s.high_demand_days()
    except ValueError as exc:
        removed = [str(d) for d in s.high_demand.remove]
        return [
            Problem(
                file,
                "high_demand.remove" if "remove" in str(exc) else "high_demand.add",
                str(exc),
                ", ".join(removed) if "remove" in str(exc) else None,
            )
        ]
    return [p for h in days if (p := _long_aid(s, file, h)) is not None]


def _long_aid(s: Scenario, file: str, h: HighDemandDay) -> Problem | None:
    most = s.rules.max_tour_hours
    hours = clock_minutes(h.start, h.end) / 60
    if hours <= most + 1e-9:
        return None
    tour = f"{h.start:%H:%M}-{h.end:%H:%M}"
    if h.source == "added":
        why = f"{h.name}'s aid tour lasts {hours:g} h, over max_tour_hours {most:g}"
        return Problem(file, "high_demand.add", why, f"{h.date} {tour}")
    why = (
        f"{h.name}'s aid tour ({h.date}, {tour}) lasts {hours:g} h, over this: raise it, or "
        "remove the day and add it with a shorter tour"
    )
    return Problem(file, "rules.max_tour_hours", why, most)


def _horizon(s: Scenario, file: str) -> list[Problem]:
    start, end = s.start, s.end
    years = f"{FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR}"
    outside = [
        Problem(
            file, f"scenario.{field}", f"outside the years the calendars cover ({years})", str(day)
        )
        for field, day in (("start", start), ("end", end))
        if not FIRST_CALENDAR_YEAR <= day.year <= LAST_CALENDAR_YEAR
    ]
    if outside:
        return outside
    if end < start:
        return [Problem(file, "scenario.end", f"is before scenario.start {start}", str(end))]
    try:
        limit = start.replace(year=start.year + MAX_HORIZON_YEARS)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + MAX_HORIZON_YEARS, day=28)
    if end >= limit:
        return [
            Problem(
                file,
                "scenario.end",
                f"horizon is over {MAX_HORIZON_YEARS} years (must end before {limit})",
                str(end),
            )
        ]
    return []


def _contract_years(s: Scenario, file: str) -> list[Problem]:
    """A term must lie in the years the calendars cover (a start in 9999 overflowed)."""
    years = f"{FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR}"
    return [
        Problem(
            file,
            f"contract[{c.id}].start",
            f"the {c.years}-year term must lie in the years the calendars cover ({years})",
            str(c.start),
        )
        for c in s.contracts
        if c.start.year < FIRST_CALENDAR_YEAR or c.start.year + c.years > LAST_CALENDAR_YEAR
    ]


def _duplicates(s: Scenario, file: str) -> list[Problem]:
    problems = []
    for table, ids in (
        ("shift", [x.code for x in s.shifts]),
        ("contract", [x.id for x in s.contracts]),
        ("officer", [x.id for x in s.officers]),
    ):
        key = "code" if table == "shift" else "id"
        for value, count in Counter(ids).items():
            if count > 1:
                problems.append(
                    Problem(
                        file, f"{table}[{value}].{key}", f"duplicate {key} ({count} times)", value
                    )
                )
    for table, ids in (
        ("contract", [x.id for x in s.contracts]),
        ("officer", [x.id for x in s.officers]),
    ):
        problems += _same_but_for_case(file, table, ids)
    dates = Counter(e.date for e in s.high_demand.add)
    for d, count in dates.items():
        if count > 1:
            problems.append(Problem(file, "high_demand.add", "date added twice", str(d)))
    return problems


def _same_but_for_case(file: str, table: str, ids: list[str]) -> list[Problem]:
    """Ids differing only in case: s92 reads an id typed in any case (``abstract --officer
    hav-02``, the web's ``contract_id``), and names files by them (``HAV-02.ics`` and
    ``hav-02.ics`` are one file on Windows and macOS), so the two would be one; in an HR
    export it is more often the same officer typed twice."""
    first: dict[str, str] = {}
    problems = []
    for value in dict.fromkeys(ids):  # each spelling once; exact repeats are said above
        seen = first.setdefault(value.casefold(), value)
        if seen != value:
            problems.append(
                Problem(
                    file,
                    f"{table}[{value}].id",
                    f"the same id as {seen!r} but for case: ids are read in any case, so "
                    "two must differ in more than case",
                    value,
                )
            )
    return problems


def _shifts(s: Scenario, file: str) -> list[Problem]:
    limit = s.rules.max_tour_hours * 60
    return [
        Problem(
            file,
            f"shift[{x.code}].end",
            f"tour lasts {x.nominal_minutes / 60:g} h, over max_tour_hours {s.rules.max_tour_hours:g}",
            x.end.strftime("%H:%M"),
        )
        for x in s.shifts
        if x.nominal_minutes > limit
    ] + _no_length_when_clocks_go_forward(s, file)


def _no_length_when_clocks_go_forward(s: Scenario, file: str) -> list[Problem]:
    """A tour starting in the hour the clocks skip (01:00-01:59 on the last Sunday of March)
    is read an hour on, as every roster, check and calendar reads it: one ending by then
    (01:30-02:30) would be no tour at all that day, and every roster stopped on it with a
    traceback."""
    problems = []
    for x in s.shifts:
        for day in clocks_go_forward(s.start, s.end):
            try:
                tour_interval(day, x.start, x.end)
            except ValueError:
                why = (
                    f"tour {x.start:%H:%M}-{x.end:%H:%M} has no length on {day}: {x.start:%H:%M} "
                    "does not exist that day (the clocks go forward an hour over it), and an "
                    f"hour on it is at or after the end {x.end:%H:%M}: start the tour outside "
                    "01:00-01:59, or end it later"
                )
                problems.append(Problem(file, f"shift[{x.code}].start", why, f"{x.start:%H:%M}"))
                break
    return problems


def clock_skips_tours(s: Scenario) -> list[str]:
    """Each tour type starting or ending in the hour the clocks skip, and what it is on the
    first day they do in the horizon (01:30-09:30 is 02:30-09:30 BST, 7 h): a planner
    reading the scenario sees that once, not first in an officer's calendar."""
    notes = []
    for x in s.shifts:
        for change in clocks_go_forward(s.start, s.end):
            ends_on = change - timedelta(days=1) if x.end <= x.start else change
            skipped = [
                (field, day)
                for field, day, moment in (("start", change, x.start), ("end", ends_on, x.end))
                if clock_change(change, moment) == "skipped" and s.start <= day <= s.end
            ]
            if not skipped:
                continue
            field, day = skipped[0]
            begins, ends = tour_interval(day, x.start, x.end)
            hours = (ends.timestamp() - begins.timestamp()) / 3600
            notes.append(
                f"shift[{x.code}] {x.start:%H:%M}-{x.end:%H:%M} {field}s in the hour the "
                f"clocks skip on {change}: the tour of {day} is {begins:%H:%M} "
                f"{begins:%Z}-{ends:%H:%M} {ends:%Z} ({hours:g} h), in the roster, check, "
                "calendars and hours"
            )
            break
    return notes


def _contracts(s: Scenario, file: str) -> list[Problem]:
    problems = []
    codes = {x.code for x in s.shifts}
    for c in s.contracts:
        if c.posts.total == 0:
            problems.append(Problem(file, f"contract[{c.id}].posts", "buys no posts", 0))
        supervisors = sum(c.posts.of(r) for r in SUPERVISORY_RANKS)
        if c.posts.total >= SUPERVISION_THRESHOLD and supervisors == 0:
            problems.append(
                Problem(
                    file,
                    f"contract[{c.id}].posts",
                    f"{c.posts.total} posts must include a sergeant or inspector (PCD 555 §2.6)",
                    c.posts.total,
                )
            )
        problems += _cover(c.cover, f"contract[{c.id}]", c.most_posts, codes, file)
        for k, v in enumerate(c.variation, 1):
            where = f"contract[{c.id}].variation[{k}]"
            problems += _cover(v.cover or (), where, c.most_posts, codes, file)
    return problems


def _cover(
    covers: tuple[Cover, ...], where: str, most_posts: int, codes: set[str], file: str
) -> list[Problem]:
    problems = []
    for i, cover in enumerate(covers, 1):
        if cover.shift not in codes:
            problems.append(
                Problem(file, f"{where}.cover[{i}].shift", "unknown shift", cover.shift)
            )
        if cover.min > most_posts:  # never met, and a huge one overflows the solver
            problems.append(
                Problem(
                    file,
                    f"{where}.cover[{i}].min",
                    f"asks for more officers than the contract's {most_posts} posts",
                    cover.min,
                )
            )
    return problems


def _officers(s: Scenario, file: str) -> list[Problem]:
    problems = []
    contracts = {c.id: c for c in s.contracts}
    codes = {x.code for x in s.shifts}
    for o in s.officers:
        if o.contract not in contracts:
            problems.append(
                Problem(file, f"officer[{o.id}].contract", "unknown contract", o.contract)
            )
        for i, r in enumerate(o.requests, 1):
            if r.shift is not None and r.shift not in codes:
                problems.append(
                    Problem(file, f"officer[{o.id}].requests[{i}].shift", "unknown shift", r.shift)
                )
    problems += posts_held(s, file)
    return problems


def _rota(s: Scenario, file: str) -> list[Problem]:
    problems = []
    codes = {x.code for x in s.shifts}
    length = s.rota.cycle_weeks * 7
    for i, line in enumerate(s.rota.lines, 1):
        if len(line) != length:
            problems.append(
                Problem(
                    file, f"rota.lines[{i}]", f"must have {length} days (cycle_weeks x 7)", line
                )
            )
        bad = sorted({ch for ch in line if ch != "." and ch not in codes})
        if bad:
            problems.append(
                Problem(file, f"rota.lines[{i}]", "unknown shift code(s) " + ", ".join(bad), line)
            )
    if s.rota.lines and any(len(c) != 1 for c in codes):
        problems.append(
            Problem(file, "rota.lines", "given lines need single-letter shift codes", sorted(codes))
        )
    return problems


__all__ = ["RANKS", "clock_skips_tours", "cross_check"]
