"""``s92 calendar YEAR``: bank holidays and High Demand Days, one ISO date per line.

``--ics FILE`` also writes the year's HDD calendar as iCal. ``--import FILE.ics`` reads
announced HDDs (Trooping the Colour, the Marathon ...) from an iCal file and lists them;
with ``--scenario-snippet`` it prints the ``[high_demand]`` TOML to paste into a scenario.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from calendars import (
    FIRST_CALENDAR_YEAR,
    LAST_CALENDAR_YEAR,
    HighDemandDay,
    bank_holidays,
    high_demand_days,
    read_hdd_ics,
)
from scheduler.errors import COMMAND_LINE, InputError, Problem, disk_advice, printable
from scheduler.export.ical import PRODID, export_hdd_calendar, roster_calendar_name
from scheduler.files import preflight_file
from scheduler.limits import given_file, given_path, text_problem, whole_number

ROSTER_CALENDAR_HEAD = 8192  # bytes read for a calendar's heading (its name, description)


def year_number(text: str) -> int | str:
    """A year typed in ASCII digits; anything else kept as typed, refused by ``_check``."""
    year = whole_number(text)
    return text if year is None else year


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", type=year_number, nargs="?", help="calendar year, e.g. 2026")
    parser.add_argument(
        "--ics", type=given_file, metavar="FILE", help="also write the year's HDD calendar to FILE"
    )
    parser.add_argument(
        "--import",
        dest="import_ics",
        type=given_path,
        metavar="FILE.ics",
        help="read announced HDDs from an iCal file (only YEAR's, if given)",
    )
    parser.add_argument(
        "--scenario-snippet",
        action="store_true",
        help="with --import: print the [high_demand] TOML lines for a scenario file",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the --ics file even if it is not a calendar s92 wrote",
    )


def run(args: argparse.Namespace) -> int:
    _check(args)
    ics = None
    if args.ics is not None:
        ics = preflight_file(
            args.ics,
            option="--ics",
            reads=[("the --import file", args.import_ics)],
            ours=("a calendar", f"PRODID:{PRODID}".encode()),
            force=args.force,
        )
    imported = _imported(args.import_ics, args.year) if args.import_ics else None
    if imported is not None and (args.scenario_snippet or args.ics is None):
        # an import with no events in YEAR lists nothing (the note on stderr says so), and
        # prints no snippet: an empty ``add = [ ]`` pasted adds nothing
        if imported:
            print(snippet(imported) if args.scenario_snippet else _hdd_lines(imported))
    else:
        for line in _year_lines(args.year, imported or [], args.import_ics):
            print(line)
    if ics is not None:
        _write_ics(args.year, ics, imported or [])
    return 0


def _check(args: argparse.Namespace) -> None:
    year_needed = args.import_ics is None or args.ics is not None
    if (args.year is None and year_needed) or (
        args.year is not None
        and not (
            isinstance(args.year, int) and FIRST_CALENDAR_YEAR <= args.year <= LAST_CALENDAR_YEAR
        )
    ):
        years = f"{FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR}"
        # left out beside --import: only --ics wants it, so say so (--import alone lists all)
        why = " for --ics" if args.year is None and args.import_ics is not None else ""
        message = f"give a calendar year {years}{why}"
        raise InputError.one(COMMAND_LINE, "year", message, args.year)
    if args.scenario_snippet and args.import_ics is None:
        raise InputError.one(COMMAND_LINE, "--scenario-snippet", "needs --import FILE.ics")


def _year_lines(year: int, add: list[HighDemandDay], source: Path | None) -> list[str]:
    try:
        return calendar_lines(date(year, 1, 1), date(year, 12, 31), add)
    except ValueError as exc:  # an imported day clashing with another
        raise InputError.one(str(source), "", str(exc)) from None


def calendar_lines(start: date, end: date, add: list[HighDemandDay] | None = None) -> list[str]:
    """Bank holidays and HDDs in date order; ``add`` puts imported HDDs in."""
    rows = [
        (d, f"{d.isoformat()}  bank holiday  {name}")
        for d, name in bank_holidays(start, end).items()
    ]
    rows += [(h.date, _hdd_line(h)) for h in high_demand_days(start, end, add=add or ())]
    return [text for _, text in sorted(rows)]


def _hdd_line(h: HighDemandDay) -> str:
    name = printable(h.name)  # a name from someone's .ics reaches the terminal as text
    return f"{h.date.isoformat()}  high demand  {name}  aid {h.start:%H:%M}-{h.end:%H:%M}"


def _write_ics(year: int, path: Path, add: list[HighDemandDay]) -> None:
    """The year's HDD calendar (imported days added); a note on stderr keeps stdout as is."""
    try:
        written = export_hdd_calendar(year, path, add=add)
    except ValueError as exc:  # an imported day clashing with another
        raise InputError.one(str(path), "", str(exc)) from None
    except OSError as exc:
        raise InputError.one(str(path), "", disk_advice(exc)) from None
    print(f"s92: wrote High Demand Days {year} to {written}", file=sys.stderr)


def _imported(path: Path, year: int | None) -> list[HighDemandDay]:
    _not_a_roster_calendar(path)
    try:
        hdds = read_hdd_ics(path)
    except ValueError as exc:  # read_hdd_ics names the file in its message
        message = str(exc).removeprefix(f"{path}: ")
        raise InputError.one(str(path), "", message) from None
    problems = [
        Problem(str(path), f"event on {h.date.isoformat()}: SUMMARY", bad, h.name)
        for h in hdds
        if (bad := text_problem(h.name)) is not None
    ]
    if problems:  # the name goes into scenarios, rosters and reports: plain text only
        raise InputError(problems)
    if not hdds:  # as a CSV import of a header alone says "0 entries added": said, exit 0
        note = (
            f"s92: {path}: holds no events (cancelled ones left out): 0 High Demand Days imported"
        )
        print(printable(note), file=sys.stderr)
    other = [h for h in hdds if year is not None and h.date.year != year]
    if other:  # said, not silently dropped: a planner may have given the wrong year
        days = ", ".join(f"{h.date.isoformat()} {h.name}" for h in other[:3])
        more = f" and {len(other) - 3} more" if len(other) > 3 else ""
        noun = "event" if len(other) == 1 else "events"
        print(
            printable(
                f"s92: {path}: {len(other)} {noun} not in {year} left out: {days}{more} "
                "(give no YEAR to list every year's)"
            ),
            file=sys.stderr,
        )
    return [h for h in hdds if year is None or h.date.year == year]


def _not_a_roster_calendar(path: Path) -> None:
    """Refuse a file that is no calendar (a roster, a workbook: named as such, not its
    first line shown, bytes and all), and an officer's or a contract's calendar s92 wrote
    (``s92 ical``'s officers/ and contracts/): each of its tours and rest days would be
    imported as a High Demand Day, and ``--scenario-snippet`` add them all to a scenario."""
    if not path.is_file():  # a pipe would never answer; read_hdd_ics says what it is
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(ROSTER_CALENDAR_HEAD)
    except OSError:
        return  # read_hdd_ics says why, in its words
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not text.upper().startswith(
        b"BEGIN:VCALENDAR"
    ):  # a roster, workbook or scenario picked by mistake: named, not its bytes shown
        kind = "a workbook or zip archive, " if text.startswith(b"PK\x03\x04") else ""
        raise InputError.one(
            str(path),
            "",
            f"{kind}not an iCalendar file: it does not start with BEGIN:VCALENDAR, as an "
            ".ics file does",
        )
    name = roster_calendar_name(head)
    if name is not None:
        raise InputError.one(
            str(path),
            "",
            f"a roster calendar s92 wrote ({name!r}), not one of High Demand Days: each "
            "tour and rest day in it would be imported as one; give high-demand-days.ics "
            "(s92 ical writes it beside officers/ and contracts/) or the MPS's calendar",
        )


def _hdd_lines(hdds: list[HighDemandDay]) -> str:
    return "\n".join(_hdd_line(h) for h in hdds)


def snippet(hdds: list[HighDemandDay]) -> str:
    """``[high_demand]`` TOML for a scenario: dates, names, aid tours and any demand."""
    lines = ["[high_demand]", "add = ["]
    for h in hdds:
        fields = [
            f"date = {h.date.isoformat()}",
            f"name = {_toml_string(h.name)}",
            f'start = "{h.start:%H:%M}"',
            f'end = "{h.end:%H:%M}"',
        ]
        if h.officers is not None:
            fields.append(f"officers = {h.officers}")
        if h.share is not None:
            fields.append(f"share = {h.share}")
        lines.append(f"  {{ {', '.join(fields)} }},")
    lines.append("]")
    return "\n".join(lines)


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string, except that TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
