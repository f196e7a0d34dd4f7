"""Independent roster checker: re-verifies every hard rule from a roster table alone, reads
the roster files a planner edits (CSV, workbook), and explains cover shortfalls."""

from scheduler.check.checker import check_parsed, check_roster
from scheduler.check.read import RosterFile, load_roster_csv, parse_roster, read_roster_csv
from scheduler.check.report import COVER_MAX, RULES, Breach, CheckReport
from scheduler.check.source import is_workbook, load_roster, load_scoped_roster
from scheduler.check.workbook import load_roster_xlsx, read_roster_xlsx

__all__ = [
    "COVER_MAX",
    "RULES",
    "Breach",
    "CheckReport",
    "RosterFile",
    "check_parsed",
    "check_roster",
    "is_workbook",
    "load_roster",
    "load_roster_csv",
    "load_roster_xlsx",
    "load_scoped_roster",
    "parse_roster",
    "read_roster_csv",
    "read_roster_xlsx",
]
