"""Independent roster checker: re-verifies every hard rule from a roster table alone."""

from scheduler.check.checker import check_parsed, check_roster
from scheduler.check.read import RosterFile, load_roster_csv, parse_roster, read_roster_csv
from scheduler.check.report import RULES, Breach, CheckReport

__all__ = [
    "RULES",
    "Breach",
    "CheckReport",
    "RosterFile",
    "check_parsed",
    "check_roster",
    "load_roster_csv",
    "parse_roster",
    "read_roster_csv",
]
