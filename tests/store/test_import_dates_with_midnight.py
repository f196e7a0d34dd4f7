"""An entry log whose date cells Excel formatted as a date and time saves them with
their midnight time ('01/06/2026 00:00'; pandas writes '2026-06-01 00:00:00'): the roster
CSV, the duty record and the HR spreadsheets read such a date, the entry log refused
every row of it ("not a date"). Now the one date reader takes a midnight time after a
date, everywhere; any other time in a date column is still refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_helpers import make_scenario

from calendars import read_day
from scheduler.errors import InputError
from scheduler.store.csv_import import read_abstractions_csv

HEADER = "officer_id,date,end_date,kind,reason,authorised_by,notified\n"


def test_dates_saved_with_their_midnight_time_are_read(tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    path.write_text(
        HEADER
        + "A-01,04/05/2026 00:00,05/05/2026 00:00,court,Snaresbrook,Insp Okafor,20/04/2026\n"
        + "A-02,2026-05-06 00:00:00,,court,Snaresbrook,Insp Okafor,2026-04-20T00:00:00\n",
        encoding="utf-8",
    )
    rows = read_abstractions_csv(path, make_scenario())
    assert [(e.first_date, e.last_date, e.notified) for e in rows.entries] == [
        (date(2026, 5, 4), date(2026, 5, 5), date(2026, 4, 20)),
        (date(2026, 5, 6), date(2026, 5, 6), date(2026, 4, 20)),
    ]


def test_another_time_in_a_date_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    path.write_text(
        HEADER + "A-01,04/05/2026 09:00,,court,Snaresbrook,Insp Okafor,20/04/2026\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_abstractions_csv(path, make_scenario())
    (problem,) = caught.value.problems
    assert problem.field == "row 2: date"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01/06/2026 00:00", date(2026, 6, 1)),
        ("2026-06-01T00:00:00", date(2026, 6, 1)),
        ("1.6.2026 00:00:00", date(2026, 6, 1)),
        ("01/06/2026 0:00", date(2026, 6, 1)),  # Excel's d/m/yyyy h:mm
        ("01/06/2026 12:00:00 AM", date(2026, 6, 1)),  # a 12-hour locale's midnight
        ("01/06/2026 12:00 am", date(2026, 6, 1)),
        ("01/06/2026 12:00 PM", None),  # noon: a time, not a date's midnight
        ("01/06/2026 0:01", None),
        ("01/06/2026 00:01", None),
        ("01/06/2026 00:00 x", None),
        ("00:00", None),
    ],
)
def test_the_one_date_reader(text: str, day: date | None) -> None:
    assert read_day(text) == day
