"""An entry log saved by a US-locale spreadsheet has its dates month first (Excel's
m/d/yyyy). Read day first, a date past the 12th was refused on its own ("there is no month
20 (dates are day first)"), one line per such cell, while 5/4/2026 beside it read as 5
April. Now such a file is refused in one line naming the row, the column and the date and
saying the dates are month first, as the duty record is (``calendars.month_first_problem``,
the one rule); a UK file of scattered days that read either way (1 April, 1 May, 1 June)
is read day first, as before: an entry log's days are no run, so fewer months read month
first is no sign."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_helpers import make_scenario

from scheduler.errors import InputError
from scheduler.store.csv_import import ImportedRows, read_abstractions_csv

HEADER = "officer_id,date,end_date,kind,reason,authorised_by,notified\n"


def imported(tmp_path: Path, *rows: tuple[str, str, str, str]) -> ImportedRows:
    """The entries of court hearings (officer, date, end_date, notified) read from a CSV."""
    path = tmp_path / "entries.csv"
    lines = [f"{o},{d},{e},court,Snaresbrook,Insp Okafor,{n}\n" for o, d, e, n in rows]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return read_abstractions_csv(path, make_scenario())


def test_a_file_written_month_first_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        imported(
            tmp_path,
            ("A-01", "5/4/2026", "5/5/2026", "4/1/2026"),
            ("A-02", "5/6/2026", "", "4/20/2026"),
        )
    (problem,) = caught.value.problems
    assert problem.field == "row 3: notified"
    assert problem.value == "4/20/2026"
    assert "month first" in str(problem)
    assert "there is no month 20" in str(problem)


def test_scattered_days_that_read_either_way_are_read_day_first(tmp_path: Path) -> None:
    rows = imported(
        tmp_path,
        ("A-01", "01/05/2026", "", "01/04/2026"),
        ("A-02", "01/06/2026", "", "01/05/2026"),
    )
    assert [(e.first_date, e.notified) for e in rows.entries] == [
        (date(2026, 5, 1), date(2026, 4, 1)),
        (date(2026, 6, 1), date(2026, 5, 1)),
    ]
