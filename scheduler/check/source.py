"""A roster file in, whichever kind a planner gives: ``roster.csv`` or the ``roster.xlsx``
s92 writes, told apart by their content (a workbook is a zip archive), read and checked
cell by cell into the same roster table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scheduler.check.read import RosterFile, load_roster_csv
from scheduler.check.workbook import load_roster_xlsx
from scheduler.scenario.model import Scenario

ZIP_MAGIC = b"PK\x03\x04"


def is_workbook(path: str | Path) -> bool:
    """Whether the file is an Excel workbook (a zip archive), whatever its name says."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    except (FileNotFoundError, IsADirectoryError):
        return False  # the CSV reader says so in its own words


def load_roster(path: str | Path, scenario: Scenario) -> RosterFile:
    """The roster table of a CSV or workbook, and the typed parse the checker reads."""
    if is_workbook(path):
        return load_roster_xlsx(path, scenario)
    return load_roster_csv(path, scenario)


def read_roster(path: str | Path, scenario: Scenario) -> pd.DataFrame:
    """``load_roster``'s roster table (one row per officer per day, text columns as the
    engine writes them)."""
    return load_roster(path, scenario).table
