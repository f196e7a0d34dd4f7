"""A roster file in, whichever kind a planner gives: ``roster.csv`` or the ``roster.xlsx``
s92 writes, told apart by their content (a workbook is a zip archive), read and checked
cell by cell into the same roster table; ``load_scoped_roster`` also refuses a roster that
is not one row per scenario officer per in-post day, for the commands that take the rows
as they stand (a calendar, a sweep) rather than report what is wrong with them."""

from __future__ import annotations

from pathlib import Path

from scheduler.check.read import RosterFile, load_roster_csv
from scheduler.check.schema import Fault, faults
from scheduler.check.workbook import label_cell, load_roster_xlsx
from scheduler.errors import InputError, Problem
from scheduler.files import OLE_MAGIC, ZIP_MAGIC, compound_file_problem, workbook_magic
from scheduler.scenario.model import Scenario

OLD_ROSTER = (
    "an Excel 97-2003 workbook (.xls), which s92 does not read (it keeps at most 256 "
    "columns: a year's days do not fit): save it as Excel Workbook (.xlsx) or as CSV"
)


def is_workbook(path: str | Path) -> bool:
    """Whether the file is a workbook (a zip archive: .xlsx, .ods), whatever its name says;
    ``InputError`` for an old .xls or a password-protected workbook, which no reader here
    opens (read as CSV, it was "not a text file", which told the planner nothing)."""
    magic = workbook_magic(path, "a roster")
    if magic == OLE_MAGIC:
        raise InputError.one(str(path), "", compound_file_problem(path, OLD_ROSTER))
    return magic == ZIP_MAGIC


def load_roster(path: str | Path, scenario: Scenario) -> RosterFile:
    """The roster table of a CSV or workbook, and the typed parse the checker reads."""
    if is_workbook(path):  # first: it refuses a pipe or device before anything reads it
        return load_roster_xlsx(path, scenario)
    return load_roster_csv(path, scenario)


def load_scoped_roster(
    path: str | Path, scenario: Scenario, *, within: Scenario | None = None
) -> RosterFile:
    """``load_roster``, refused (``InputError``, one problem per breach naming the officer
    and day) unless its rows are one per scenario officer per in-post day with the
    scenario's rank and contract and times that fit the state (the checker's schema rule):
    an unknown id, a stray date, a doubled or missing day would publish a calendar nobody
    owns, drop a day from someone's, or miscount the officer-days a council expects.
    ``within``: the whole scenario, when ``scenario`` is some of its contracts; the rows of
    its other contracts' officers (a roster of every contract) are passed over."""
    roster = load_roster(path, within or scenario)
    if within is None:
        _every_contract(roster, str(path), scenario)
    return scoped(roster, str(path), scenario, within)


def _every_contract(roster: RosterFile, name: str, scenario: Scenario) -> None:
    """One line naming the contracts a roster of some contracts only (``s92 roster
    --contracts``) leaves out, where one per missing officer was 20 lines and a count."""
    held = set(roster.parsed["contract_id"].astype(str))
    staffed = scenario.serving_contracts()
    absent = [c.id for c in scenario.contracts if c.id in staffed and c.id not in held]
    if absent and held & staffed:
        shown = ", ".join(absent[:5]) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
        raise InputError.one(
            name,
            "contract_id",
            f"holds no row of contract{'s' * (len(absent) > 1)} {shown}: give the roster of "
            "every contract (s92 roster without --contracts)",
        )


def scoped(
    roster: RosterFile, name: str, scenario: Scenario, within: Scenario | None = None
) -> RosterFile:
    """``load_scoped_roster`` of a roster already read (as ``within``, if given)."""
    if within is not None:
        roster = rows_of(roster, scenario, within)
    refuse_faults(roster, name, scenario)
    return roster


def refuse_faults(roster: RosterFile, name: str, scenario: Scenario) -> None:
    """Refuse (``InputError``) a roster that is not one row per officer of ``scenario``
    per in-post day with the scenario's rank and contract and times that fit the state
    (the checker's schema rule): one line per fault naming the row as the planner finds
    it (``row 12``, ``sheet HAV-PP, cell D5``), the column, the officer and day and the
    value, and per officer the days with no row. A table fault is bad input in every
    command that reads an edited roster (check, publish, ical, explain, sweep, the web
    upload), never a rule breach: a doubled day, a rank typed over or a row deleted says
    nothing of the rules, and read as breaches it was a page of those that follow."""
    if found := faults(scenario, roster.parsed):
        raise InputError([_problem(name, f, roster.where) for f in found])


def _problem(name: str, fault: Fault, where: tuple[str, ...]) -> Problem:
    day = f"{fault.officer_id} {fault.date}"
    if fault.row is None:  # a day with no row: no cell to name
        return Problem(name, day, fault.detail)
    place = where[fault.row] if fault.row < len(where) else ""
    place = label_cell(place, fault.column)  # a workbook's id or rank: one cell a line
    cell = f"{place}, column {fault.column}" if place else f"column {fault.column}"
    return Problem(name, cell, f"{day}: {fault.detail}")


def rows_of(roster: RosterFile, scenario: Scenario, whole: Scenario) -> RosterFile:
    """``roster`` without the rows of ``whole``'s officers on contracts ``scenario`` (some
    of its contracts) leaves out: a roster of every contract, read for some. Rows of ids
    no contract knows stay, for the schema rule to name."""
    kept = {c.id for c in scenario.contracts}
    others = {(o.id, o.contract) for o in whole.officers if o.contract not in kept}
    parsed = roster.parsed
    pairs = zip(parsed["officer_id"].astype(str), parsed["contract_id"].astype(str), strict=True)
    keep = [pair not in others for pair in pairs]
    where = tuple(w for w, k in zip(roster.where, keep, strict=False) if k)
    return RosterFile(
        roster.table[keep].reset_index(drop=True),
        parsed[keep].reset_index(drop=True),
        where,
        roster.absent,
    )
