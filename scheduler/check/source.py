"""A roster file in, whichever kind a planner gives: ``roster.csv`` or the ``roster.xlsx``
s92 writes, told apart by their content (a workbook is a zip archive), read and checked
cell by cell into the same roster table; ``load_scoped_roster`` also refuses a roster that
is not one row per scenario officer per in-post day, for the commands that take the rows
as they stand (a calendar, a sweep) rather than report what is wrong with them."""

from __future__ import annotations

from pathlib import Path

from scheduler.check.read import RosterFile, load_roster_csv
from scheduler.check.schema import scope
from scheduler.check.workbook import load_roster_xlsx
from scheduler.errors import InputError, Problem
from scheduler.files import readable_input
from scheduler.scenario.model import Scenario

ZIP_MAGIC = b"PK\x03\x04"
# an Excel 97-2003 workbook (.xls, an OLE2 compound file): "Save As" in Excel or
# LibreOffice keeps at most 256 columns, so a roster's later days are cut off
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_workbook(path: str | Path) -> bool:
    """Whether the file is an Excel workbook (a zip archive), whatever its name says."""
    readable_input(path, "a roster")  # a pipe would never answer the peek
    try:
        with open(path, "rb") as handle:
            return handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    except (FileNotFoundError, IsADirectoryError):
        return False  # the CSV reader says so in its own words


def _is_old_workbook(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(OLE2_MAGIC)) == OLE2_MAGIC
    except OSError:
        return False  # the readers say so in their own words


def load_roster(path: str | Path, scenario: Scenario) -> RosterFile:
    """The roster table of a CSV or workbook, and the typed parse the checker reads."""
    if is_workbook(path):  # first: it refuses a pipe or device before anything reads it
        return load_roster_xlsx(path, scenario)
    if _is_old_workbook(path):
        raise InputError.one(
            str(path),
            "",
            "an Excel 97-2003 workbook (.xls), which s92 does not read (it keeps at most 256 "
            "columns: a year's days do not fit): save it as Excel Workbook (.xlsx) or as CSV",
        )
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
    return scoped(load_roster(path, within or scenario), str(path), scenario, within)


def scoped(
    roster: RosterFile, name: str, scenario: Scenario, within: Scenario | None = None
) -> RosterFile:
    """``load_scoped_roster`` of a roster already read (as ``within``, if given)."""
    if within is not None:
        roster = rows_of(roster, scenario, within)
    _, breaches = scope(scenario, roster.parsed)
    problems = [Problem(name, f"{b.officer_id} {b.date}", b.detail) for b in sorted(breaches)]
    if problems:
        raise InputError(problems)
    return roster


def rows_of(roster: RosterFile, scenario: Scenario, whole: Scenario) -> RosterFile:
    """``roster`` without the rows of ``whole``'s officers on contracts ``scenario`` (some
    of its contracts) leaves out: a roster of every contract, read for some. Rows of ids
    no contract knows stay, for the schema rule to name."""
    kept = {c.id for c in scenario.contracts}
    others = {(o.id, o.contract) for o in whole.officers if o.contract not in kept}
    parsed = roster.parsed
    pairs = zip(parsed["officer_id"].astype(str), parsed["contract_id"].astype(str), strict=True)
    keep = [pair not in others for pair in pairs]
    return RosterFile(
        roster.table[keep].reset_index(drop=True), parsed[keep].reset_index(drop=True)
    )
