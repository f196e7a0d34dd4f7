"""Independent roster checker: re-verifies every hard rule from a roster table alone."""

from scheduler.check.checker import check_roster
from scheduler.check.read import parse_roster, read_roster_csv
from scheduler.check.report import RULES, Breach, CheckReport

__all__ = ["RULES", "Breach", "CheckReport", "check_roster", "parse_roster", "read_roster_csv"]
