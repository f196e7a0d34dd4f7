"""Entries checked before anything is written: one ``Problem`` per mistake.

``parse_entry`` turns the text a user typed (command line or CSV row) into a ``NewEntry``,
checking it against a scenario when one is given and only its structure otherwise.
``applicability_problems`` refuses an entry the roster could not take (a duty kind without
times of its own on a day the published roster gives no tour, or on the officer's leave),
by the same rule the re-roster applies entries with, so no entry is ever skipped later.
``overlap_problems`` is called by the store inside its write transaction, so two users
logging overlapping entries at once cannot both succeed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

import pandas as pd

from calendars import (
    CLOCK_FORMS,
    HighDemandDay,
    bank_holidays,
    clock_change,
    clock_minutes,
    day_problem,
    london_today,
    read_clock,
    read_day,
)
from scheduler.errors import COMMAND_LINE, InputError, Problem
from scheduler.limits import (
    MAX_ENTRY_DAYS,
    MAX_TEXT_LENGTH,
    date_problem,
    id_problem,
    text_problem,
)
from scheduler.scenario.model import ABSTRACTION_KINDS, Officer, Scenario
from scheduler.store.entries import (
    DayChange,
    Entry,
    NewEntry,
    day_change,
    keeps_rostered_tour,
)
from scheduler.store.published_days import PublishedDays
from scheduler.table import KIND_STATE, OFF_KINDS, SICKNESS_KIND, said_kind, state_for_kind
from scheduler.wording import counted

_KIND = re.compile(r"^[a-z][a-z0-9_]*$")  # as Contract.penalised_kinds

LATE_NOTICE = "a notice is given before the change it announces, or on its day at the latest"
# problem(field, message, value=None): records one Problem against a logical field
Report = Callable[..., None]

# the logical fields of an entry, in the order problems are reported
FIELDS: tuple[str, ...] = (
    "officer_id",
    "date",
    "end_date",
    "start",
    "end",
    "kind",
    "reason",
    "authorised_by",
    "notified",
)


@dataclass(frozen=True)
class Where:
    """How to name an entry's fields in problems: the file, and a label per field."""

    file: str
    fields: Mapping[str, str]  # logical field -> what the user calls it ("--to", "row 3: end_date")

    def __call__(self, field: str) -> str:
        return self.fields.get(field, field)


STANDARD_KINDS = frozenset(ABSTRACTION_KINDS) | frozenset(KIND_STATE)


def known_kinds(scenario: Scenario) -> frozenset[str]:
    """The standard kinds (leave, sickness, training, court, aid, operational) plus every
    kind a contract penalises."""
    return STANDARD_KINDS.union(*(c.penalised_kinds for c in scenario.contracts))


def parse_entry(
    raw: Mapping[str, str | None],
    where: Where,
    scenario: Scenario | None = None,
    source_key: str | None = None,
) -> tuple[NewEntry | None, list[Problem]]:
    """Text fields (see ``FIELDS``; ``end_date``, ``start``, ``end`` may be empty) -> an entry,
    or None and every problem found."""
    text = {f: (raw.get(f) or "").strip() for f in FIELDS}
    # kinds are lower_snake_case: "Sickness" or "HDD aid" typed in a spreadsheet name one,
    # and so do the words planners use for one ("Annual Leave", "A/L", "Sick")
    known = known_kinds(scenario) if scenario is not None else STANDARD_KINDS
    text["kind"] = typed_kind(text["kind"], known)
    problems: list[Problem] = []

    def problem(field: str, message: str, value: object = None) -> None:
        problems.append(Problem(where.file, where(field), message, value))

    for field in ("officer_id", "kind", "reason", "authorised_by"):
        if not text[field]:
            problem(field, "must not be empty")
        elif (bad := text_problem_of(field, text[field])) is not None:
            problem(field, bad, text[field])
    first = _date(text["date"], "date", problem)
    last = _date(text["end_date"], "end_date", problem) if text["end_date"] else first
    notified = _date(text["notified"], "notified", problem)
    if first and notified and notified > first and text["kind"] != SICKNESS_KIND:
        # a notice dated after the day it announces is a slip (sickness is reported by the
        # officer, not notified to them, and may be logged any day)
        problem("notified", f"after the entry's first day {first}: {LATE_NOTICE}", text["notified"])
    start, end = _tour(text["start"], text["end"], problem)
    if start is not None and text["kind"] in OFF_KINDS:
        # kept, the times would be listed as if a part of the day were off: s92 has none
        problem(
            "start",
            f"{text['kind']} is whole days off, with no tour: leave start and end blank",
            text["start"],
        )
    if first and last and start is not None and end is not None and first <= last:
        _skipped_times(first, last, start, end, text, problem)
    if first and last and last < first:
        problem("end_date", f"ends before the entry starts ({first})", text["end_date"])
    elif first and last and (last - first).days >= MAX_ENTRY_DAYS:
        days = f"{(last - first).days + 1:,} days"
        problem(
            "end_date",
            f"spans {days}, over {MAX_ENTRY_DAYS:,}: log a shorter one",
            text["end_date"],
        )
    contract_id = ""
    if scenario is None:
        _check_structure(text, problem)
    else:
        text["officer_id"] = rostered_id(scenario.officers, text["officer_id"])
        contract_id = _check_scenario(text, first, last, scenario, problem)
        if start is not None and end is not None:
            _check_length(start, end, scenario.rules.max_tour_hours, text["end"], problem)
    if problems or first is None or last is None or notified is None:
        return None, problems
    entry = NewEntry(
        officer_id=text["officer_id"],
        contract_id=contract_id,
        first_date=first,
        last_date=last,
        kind=text["kind"],
        reason=text["reason"],
        authorised_by=text["authorised_by"],
        notified=notified,
        start=start,
        end=end,
        source_key=source_key,
    )
    return entry, []


def future_notice(notified: date, today: date | None = None) -> str | None:
    """What a notice dated after ``today`` (default: today in London) means, or None. Noted,
    not refused: a log replayed from paper, or a year planned ahead, dates notices as given
    then; typed a day too late, the notice counted from it is shorter than the one given."""
    today = london_today() if today is None else today
    if notified <= today:
        return None
    return f"notified {notified} is after today ({today}): the notice counts from {notified}"


def entry_notes(entry: NewEntry | Entry, today: date | None = None) -> list[str]:
    """What s92 says of an entry as it is logged: a notice dated after today, and how clock
    times the clocks repeat were read."""
    future = future_notice(entry.notified, today) if entry.notified else None
    head = [] if future is None else [f"{entry.officer_id} {entry.first_date}: {future}"]
    return head + clock_notes(entry)


def typed_kind(typed: str, known: Iterable[str] = STANDARD_KINDS) -> str:
    """The entry kind ``typed`` names: kinds are lower_snake_case, so "Sickness" or "HDD
    aid" typed in a spreadsheet name one, and so do the words planners use for one
    ("Annual Leave", "A/L", "Sick"); else as typed, lower_snake_cased."""
    kind = re.sub(r"[\s-]+", "_", typed.strip().lower())
    return kind if kind in set(known) else (said_kind(typed) or kind)


def rostered_id(officers: Iterable[Officer], typed: str) -> str:
    """The id of the officer ``typed`` names: an id as typed, else the one id it matches
    but for case ("a-c0" typed for A-C0: ids are read, not looked at); as typed when none
    or several match, to be refused as an unknown officer."""
    return known_id([o.id for o in officers], typed)


def known_id(ids: Iterable[str], typed: str) -> str:
    """The id of ``ids`` that ``typed`` names: as typed, else the one id it matches but for
    case; as typed when none or several match (to be refused as unknown)."""
    known = list(ids)
    if typed in known:
        return typed
    alike = {i for i in known if i.casefold() == typed.casefold()}
    return alike.pop() if len(alike) == 1 else typed


def text_problem_of(field: str, value: str) -> str | None:
    """A reason is free text (a spreadsheet cell may hold line breaks); the rest are names."""
    if field == "reason":
        return text_problem(value, limit=MAX_TEXT_LENGTH, newlines=True)
    return text_problem(value)


def _date(value: str, field: str, problem: Report) -> date | None:
    if not value:
        problem(field, "must not be empty")
        return None
    day = read_day(value)
    if day is None:
        problem(field, day_problem(value), value)
        return None
    out_of_range = date_problem(day)
    if out_of_range is not None:
        problem(field, out_of_range, value)
        return None
    return day


def entry_date(value: str) -> date | None:
    """A day as typed, or None: ``calendars.read_day``, the one reader of dates."""
    return read_day(value)


def cli_date(text: str, option: str) -> date:
    """A date given on the command line (``--from``, ``--notified``): ``YYYY-MM-DD`` or
    ``DD/MM/YYYY``, within the years s92 covers; ``InputError`` naming the option."""
    day = read_day(text)
    if day is None:
        raise InputError.one(COMMAND_LINE, option, day_problem(text), text)
    problem = date_problem(day)
    if problem:
        raise InputError.one(COMMAND_LINE, option, problem, text)
    return day


def late_notice(notified: date, first: date, first_named: str) -> str | None:
    """Why a notice given on ``notified`` is too late for changes from ``first`` (named
    ``first_named``), or None: officers are told of a change before it, or on its day at
    the latest. The one rule for the command line's ``--notified`` and the web's form."""
    return f"after {first_named}: {LATE_NOTICE}" if notified > first else None


def notice_in_time(notified: date, first: date, text: str, first_named: str = "") -> None:
    """Refuse a ``--notified`` day (typed ``text``) after ``first``, the first day the
    notice may change (``first_named`` names it; default ``--from``)."""
    problem = late_notice(notified, first, first_named or f"--from {first}")
    if problem is not None:
        raise InputError.one(COMMAND_LINE, "--notified", problem, text)


def _tour(start: str, end: str, problem: Report) -> tuple[time | None, time | None]:
    times: dict[str, time] = {}
    for field, value in (("start", start), ("end", end)):
        read = read_clock(value) if value else None
        if read is not None and read.second == 0:  # the log keeps whole minutes
            times[field] = read
        elif value:
            problem(field, f"not a clock time {CLOCK_FORMS}", value)
    if bool(start) != bool(end):
        missing = "end" if start else "start"
        problem(missing, "give both start and end of the entry's tour, or neither")
    if len(times) != 2:
        return None, None
    if times["start"] == times["end"]:
        problem("end", f"tour start equals end ({start})", end)
        return None, None
    return times["start"], times["end"]


def _check_length(start: time, end: time, most: float, typed: str, problem: Report) -> None:
    """An entry's own tour is a tour the checker holds to ``max_tour_hours``: one longer
    would make every re-roster refuse to write, so it is refused now."""
    hours = clock_minutes(start, end) / 60
    if hours > most + 1e-9:
        problem(
            "end",
            f"a tour of {hours:g} h, over max_tour_hours {most:g}: shorten it, or raise "
            "max_tour_hours under [rules] in the scenario",
            typed,
        )


def _tour_days(first: date, last: date, start: time, end: time) -> Iterator[tuple[str, date, time]]:
    """(field, day, time) of each start and end of an entry's own tour on its days (an end
    at or before the start is the next day's)."""
    overnight = end <= start
    for day in _range(first, last):
        yield "start", day, start
        yield "end", day + timedelta(days=1) if overnight else day, end


def _skipped_times(
    first: date, last: date, start: time, end: time, text: Mapping[str, str], problem: Report
) -> None:
    """A clock time the entry's tour would start or end at on a day it does not exist (the
    clocks go forward over it): refused, rather than read as an hour later."""
    for field, day, moment in _tour_days(first, last, start, end):
        if clock_change(day, moment) == "skipped":
            problem(
                field,
                f"{moment:%H:%M} does not exist on {day} in London (the clocks go forward "
                "an hour over it): give a time outside the hour skipped, splitting the "
                "entry's days around that day if need be",
                text[field],
            )
            return


def clock_notes(entry: NewEntry | Entry) -> list[str]:
    """How the clock times of an entry's own tour in the hour the clocks repeat (the last
    Sunday of October, 01:00-01:59) are read: as their first occurrence, still BST (to be
    logged, or as logged: the web's log says it of the entry it has just logged)."""
    if entry.start is None or entry.end is None:
        return []
    return [
        f"{entry.officer_id} {day}: {field} {moment:%H:%M} happens twice as the clocks go "
        f"back; read as the first, {moment:%H:%M} BST (an hour before {moment:%H:%M} GMT)"
        for field, day, moment in _tour_days(
            entry.first_date, entry.last_date, entry.start, entry.end
        )
        if clock_change(day, moment) == "repeated"
    ]


def _check_structure(text: Mapping[str, str], problem: Report) -> None:
    """Without a scenario: ids and kinds must at least look like ones a scenario could hold."""
    bad_id = id_problem(text["officer_id"]) if text["officer_id"] else None
    if bad_id is not None:
        problem("officer_id", f"not an officer id: {bad_id}", text["officer_id"])
    if text["kind"] and not _KIND.match(text["kind"]):
        problem("kind", "entry kind must be lower_snake_case text", text["kind"])


def _check_scenario(
    text: Mapping[str, str],
    first: date | None,
    last: date | None,
    scenario: Scenario,
    problem: Report,
) -> str:
    """Officer, kind and dates against the scenario; returns the officer's contract id."""
    kinds = known_kinds(scenario)
    if text["kind"] and text["kind"] not in kinds:
        problem("kind", f"unknown entry kind (known: {', '.join(sorted(kinds))})", text["kind"])
    # an empty end_date means "same day": report a bad date once, against --date / date
    given = [("date", first)] + ([("end_date", last)] if text["end_date"] else [])
    days = [(field, day) for field, day in given if day is not None]
    for field, day in days:
        if not scenario.start <= day <= scenario.end:
            horizon = f"{scenario.start} to {scenario.end}"
            advice = _split_advice(first, last, scenario.start, scenario.end)
            problem(field, f"outside the scenario horizon {horizon}: {advice}", day.isoformat())
    if not text["officer_id"]:
        return ""
    try:
        officer = scenario.officer(text["officer_id"])
    except KeyError:
        problem("officer_id", f"unknown officer in scenario {scenario.name!r}", text["officer_id"])
        return ""
    contract = scenario.contract(officer.contract)
    for field, day in days:
        if not contract.start <= day <= contract.end:
            term = f"{contract.start} to {contract.end}"
            message = f"outside contract {contract.id}'s term {term}"
            if first is not None and last is not None and first <= contract.end < last:
                message += f": log it to {contract.end}, the term's last day"
            elif first is not None and last is not None and first < contract.start <= last:
                message += f": log it from {contract.start}, the term's first day"
            problem(field, message, day.isoformat())
    if first and last and first <= last:
        out = [d for d in _range(first, last) if not officer.in_post(d)]
        if out:
            more = f" and {len(out) - 1} more days" if len(out) > 1 else ""
            problem("date", f"officer {officer.id} is not in post on {out[0]}{more}")
    return officer.contract


def _split_advice(first: date | None, last: date | None, start: date, end: date) -> str:
    """What to do with an entry the horizon cuts: each scenario's log holds its own days."""
    if first is not None and last is not None and first <= end < last:
        return f"log it to {end} with this scenario and the days after with the next horizon's scenario"
    if first is not None and last is not None and first < start <= last:
        return (
            f"log it from {start} with this scenario and the days before with the previous "
            "horizon's scenario"
        )
    return "log it with the scenario whose horizon holds it"


def _range(first: date, last: date) -> list[date]:
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def overlap_problems(
    new: Sequence[NewEntry],
    labels: Sequence[tuple[str, str]],
    live: Sequence[Entry],
) -> list[Problem]:
    """Each new entry against live entries of its officer and the new entries before it.

    ``labels[i]`` is (file, field) naming entry i. Any shared day is an overlap, whatever the
    times: the roster has one state per officer per day. An entry of another contract is
    another officer's, who has the same id in another scenario of the store.
    """
    # each officer's days, with the entries on them: an import of thousands of rows looks
    # up its days rather than comparing every pair of entries
    live_days: dict[str, dict[date, list[int]]] = {}
    for k, a in enumerate(live):
        officer_days = live_days.setdefault(a.officer_id, {})
        for day in a.days():
            officer_days.setdefault(day, []).append(k)
    problems = []
    earlier: dict[str, dict[date, list[int]]] = {}
    for i, entry in enumerate(new):
        file, field = labels[i]
        days = entry.days()
        for k in _on_days(live_days.get(entry.officer_id), days):
            a = live[k]
            if _same_contract(a.contract_id, entry.contract_id):
                problems.append(
                    Problem(
                        file,
                        field,
                        f"overlaps live entry #{a.id} ({_span(a)}); void it first",
                        _span(entry),
                    )
                )
        mine = earlier.setdefault(entry.officer_id, {})
        for j in _on_days(mine, days):
            problems.append(
                Problem(file, field, f"overlaps {labels[j][1]} ({_span(new[j])})", _span(entry))
            )
        for day in days:
            mine.setdefault(day, []).append(i)
    return problems


def _on_days(by_day: dict[date, list[int]] | None, days: list[date]) -> list[int]:
    """The entries (by position, in order) holding any of ``days``."""
    if not by_day:
        return []
    return sorted({k for day in days for k in by_day.get(day, ())})


def _same_contract(a: str, b: str) -> bool:
    """An entry logged without a scenario has no contract: it may be either's."""
    return not a or not b or a == b


def applicability_problems(
    entry: NewEntry,
    where: Where,
    scenario: Scenario | None,
    published: pd.DataFrame | PublishedDays | None,
    high_demand: Sequence[HighDemandDay] | None = None,
) -> list[Problem]:
    """Why the roster could not take ``entry``, as one Problem (none if it can): a duty kind
    on the officer's leave in the scenario file, or without times of its own on a day the
    published roster (``None``: none published yet) gives no tour to keep. A caller checking
    many entries passes the roster as ``PublishedDays`` and the scenario's ``high_demand``
    days, each worked out once."""
    span = _span(entry)
    if (refused := _aid_off_hdd(entry, where, scenario)) is not None:
        return [refused]
    if scenario is None:
        if keeps_rostered_tour(entry.kind, entry.start):
            return [
                Problem(
                    where.file,
                    where("start"),
                    f"{entry.kind} without times keeps the officer's rostered tour: give the "
                    "scenario, so the published roster can say which, or --start and --end",
                    span,
                )
            ]
        return []
    if entry.kind not in OFF_KINDS:
        on_leave = _leave_days(scenario, entry.officer_id)
        days = [d for d in entry.days() if d in on_leave]
        if days:
            return [
                Problem(
                    where.file,
                    where("date"),
                    f"{entry.officer_id} is on leave on {days[0]} in the scenario file: cancel "
                    "the leave there first",
                    span,
                )
            ]
    entry_days = set(entry.days())
    if high_demand is None:
        high_demand = scenario.high_demand_days()
    hdds = {h.date: h for h in high_demand if h.date in entry_days}
    if not keeps_rostered_tour(entry.kind, entry.start) and not hdds:
        return []
    holidays = set(bank_holidays(entry.first_date, entry.last_date))
    if published is None and keeps_rostered_tour(entry.kind, entry.start):
        if any(isinstance(_change(entry, d, None, holidays, hdds), str) for d in entry.days()):
            return [
                Problem(
                    where.file,
                    where("start"),
                    f"no published roster of {scenario.name!r} gives {entry.officer_id} a tour "
                    "to keep: give the entry's own start and end, or publish a roster first",
                    span,
                )
            ]
        return []
    index = PublishedDays.of(published)
    rostered_days = {} if index is None else index.days(entry.officer_id)
    for day in entry.days():
        rostered = rostered_days.get(day)
        change = _change(entry, day, None if rostered is None else rostered[0], holidays, hdds)
        if isinstance(change, str):
            on_hdd = day in hdds and state_for_kind(entry.kind) == "HDD_AID"
            return [
                Problem(
                    where.file,
                    where("start"),
                    change
                    if on_hdd
                    else f"{change} in the published roster: give the entry's own start and end",
                    span,
                )
            ]
    return []


def _aid_off_hdd(entry: NewEntry, where: Where, scenario: Scenario | None) -> Problem | None:
    """HDD aid belongs on a High Demand Day: logged on another day it would be counted
    against the council's HDD allowance, never penalised, as no aid on an HDD is. Without
    the scenario its High Demand Days are unknown, so the entry needs it."""
    if state_for_kind(entry.kind) != "HDD_AID":
        return None
    if scenario is None:
        return Problem(
            where.file,
            where("kind"),
            "HDD aid is checked against the scenario's High Demand Days: give the scenario",
            entry.kind,
        )
    hdds = {h.date for h in scenario.high_demand_days()}
    off = [d for d in entry.days() if d not in hdds]
    if not off:
        return None
    more = f" (and {counted(len(off) - 1, 'more day')})" if len(off) > 1 else ""
    return Problem(
        where.file,
        where("date"),
        f"{off[0]}{more} is not a High Demand Day in scenario {scenario.name!r}: log aid on "
        "another day as emergency_aid or operational, or add the day under [high_demand]",
        _span(entry),
    )


def _change(
    entry: NewEntry,
    day: date,
    rostered: str | None,
    holidays: set[date],
    hdds: Mapping[date, HighDemandDay],
) -> DayChange | str:
    """What ``entry`` makes of ``day`` (``day_change``), given its bank holidays and HDDs."""
    return day_change(
        entry.kind, entry.start, entry.end, day, rostered, day in holidays, hdds.get(day)
    )


def _leave_days(scenario: Scenario, officer_id: str) -> set[date]:
    try:
        return scenario.officer(officer_id).leave_days()
    except KeyError:
        return set()


def _span(e: NewEntry | Entry) -> str:
    days = str(e.first_date) if e.first_date == e.last_date else f"{e.first_date} to {e.last_date}"
    return f"{e.officer_id} {days} {e.kind}"
