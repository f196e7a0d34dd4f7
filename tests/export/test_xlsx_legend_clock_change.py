"""The roster workbook's Legend lists each tour's clock times and hours; on the nights the
clocks change a tour is not those (a night across the October change is an hour longer,
across the March change an hour shorter), and the Legend used to list the usual times
only, so a planner summing a column found an hour the Legend did not explain."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from check_builder import AUTUMN, SPRING, roster, scenario

from scheduler.export.xlsx import write_roster_xlsx


def _legend(start, tmp_path: Path) -> list[tuple[object, ...]]:
    s = scenario(start)
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(roster(s), path, s)
    return [r[:4] for r in openpyxl.load_workbook(path)["Legend"].iter_rows(values_only=True)]


def test_the_legend_gives_a_tours_hours_on_the_night_the_clocks_go_back(tmp_path: Path) -> None:
    rows = _legend(AUTUMN, tmp_path)
    assert ("N", "22:00-07:00", None, "9") in rows
    night = [r for r in rows if r[0] is None and r[2] and "2026-10-24" in str(r[2])]
    # under N's line and X's, in the Legend's order
    assert [(r[1], r[3]) for r in night] == [("22:00-07:00", "10"), ("21:00-07:00", "11")]
    assert night[0][2] == "Sat 2026-10-24, the night the clocks go back"
    at = rows.index(("N", "22:00-07:00", None, "9"))
    assert rows[at + 1] == night[0]
    # a day tour is the same that Sunday: no line of its own
    assert not [r for r in rows if r[2] and "2026-10-25" in str(r[2])]


def test_the_legend_gives_a_tours_hours_on_the_night_the_clocks_go_forward(
    tmp_path: Path,
) -> None:
    rows = _legend(SPRING, tmp_path)
    nights = {(r[1], r[3]) for r in rows if r[2] and "2026-03-28" in str(r[2])}
    assert nights == {("22:00-07:00", "8"), ("21:00-07:00", "9")}  # N and X
