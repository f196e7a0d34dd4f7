"""A planner's hand at work: the AUTUMN test roster (check_builder) with lines whose tours
can be swapped lawfully, and editing cells of the roster.xlsx s92 wrote, as in Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from check_builder import AUTUMN, AUTUMN_TOML, roster, scenario, set_day

from scheduler.store.store import Store

# T1 has a third rest day in the first week (so one can become a duty), T2 works days;
# E (07-15) and D (08-16) can be swapped on any day without breaking the 11 h rest
LINES = {"T1": "EEE...E" + "EEEE..E" * 3, "T2": "DDDD..D"}
AUT = scenario(AUTUMN)
BASE = roster(AUT, LINES)


def with_training(frame: pd.DataFrame) -> pd.DataFrame:
    """T2 on a logged training course with its own times on Wed 21 Oct."""
    frame = set_day(frame, "T2", "2026-10-21", "TRAINING", times=("09:00", "17:00"))
    frame = frame.assign(kind="", abstraction_id="")
    at = (frame["officer_id"] == "T2") & (frame["date"] == "2026-10-21")
    frame.loc[at, ["event", "kind", "abstraction_id"]] = ["First aid", "training", "12"]
    return frame


TABLE = with_training(BASE)


def swapped(table: pd.DataFrame, day: str) -> pd.DataFrame:
    """``table`` with T1's and T2's tours on ``day`` swapped (both on duty that day: E and D
    swap lawfully)."""
    out = table.copy()
    for officer, other in (("T1", "T2"), ("T2", "T1")):
        mine = (out["officer_id"] == officer) & (out["date"] == day)
        theirs = (table["officer_id"] == other) & (table["date"] == day)
        for column in ("shift", "start", "end"):
            out.loc[mine, column] = table.loc[theirs, column].iloc[0]
    return out


def column(day: str) -> int:
    """The sheet column of a day (C is the horizon's first day, Mon 19 Oct 2026)."""
    return 3 + (date.fromisoformat(day) - AUTUMN).days


def edit(path: Path, cells: dict[tuple[str, str], Any], sheet: str = "TST") -> Path:
    """Type codes into (officer, day) cells and save, as a planner would."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}
    for (officer, day), value in cells.items():
        ws.cell(rows[officer], column(day)).value = value
    wb.save(path)
    return path


def published(folder: Path) -> tuple[Path, Path]:
    """The AUTUMN scenario file in ``folder`` and a store there holding TABLE as version 1."""
    toml = folder / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = folder / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
    return toml, db


def versions(db: Path) -> list[int]:
    """The ids of the AUTUMN roster's versions in the store."""
    with Store(db) as store:
        return [v.id for v in store.roster_versions(AUT.name)]
