"""A London-wide year: 330 officers x 365 days (120,450 rows), both clock changes, ten bank
holidays and three HDDs; lawful as built, and checked within seconds."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
from check_builder import found, london_year, roster, set_day

from scheduler.check import check_roster, read_roster_csv
from scheduler.scenario import Scenario


@cache
def year() -> tuple[Scenario, pd.DataFrame]:
    s = london_year()
    return s, roster(s, {o.id: "LLLLL.." for o in s.officers})


def test_lawful_year_has_no_breach(tmp_path: Path) -> None:
    s, frame = year()
    assert len(frame) == 120_450
    path = tmp_path / "london.csv"
    frame.to_csv(path, index=False)
    report = check_roster(s, read_roster_csv(path))
    assert report.breaches == []
    assert report.warnings == []
    assert (report.rows, report.officers) == (120_450, 330)


def test_one_breach_in_a_year_is_found() -> None:
    s, frame = year()
    # Thu 5 Nov aid ends 01:00 Fri; an early 07:00 Fri gives 6 h rest
    edited = set_day(frame, "C07-03", "2026-11-06", "DUTY", "E")
    assert found(check_roster(s, edited)) == {("C07-03", "2026-11-06", "rest-between-tours")}
