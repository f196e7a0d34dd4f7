"""A date as LibreOffice in a US locale saves one (``04/01/27``: month first, two-digit
year) is refused with the same line by every date reader: the command line, the entry
log's CSV, the duty record, the roster CSV and a scenario spreadsheet. The spreadsheet
said "not a date (use YYYY-MM-DD or DD/MM/YYYY)", the others "not a date YYYY-MM-DD or
DD/MM/YYYY"; now each says it is the two-digit year (``calendars.TWO_DIGIT_YEAR``), as
an English (UK) short date (``01/07/25``) is refused too: the same text is 1 July in one
locale and 7 January in the other, so a file's column of them is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendars import TWO_DIGIT_YEAR
from scheduler.accounting.actuals import read_actuals
from scheduler.check import read_roster_csv
from scheduler.errors import InputError
from scheduler.scenario import load_scenario
from scheduler.scenario.spreadsheet import parse_day
from scheduler.store.csv_import import read_abstractions_csv
from scheduler.store.validate import cli_date

ROOT = Path(__file__).resolve().parents[2]
US = "04/01/27"


def test_every_reader_refuses_a_us_date_with_the_one_line(tmp_path: Path) -> None:
    havering = load_scenario(ROOT / "scenarios" / "havering.toml")
    lines: list[str] = []
    with pytest.raises(InputError) as cli:
        cli_date(US, "--from")
    lines.append(cli.value.problems[0].message)
    with pytest.raises(ValueError, match="two-digit year") as sheet:
        parse_day(US)
    lines.append(str(sheet.value))
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        f"HAV-01,2027-01-04,training,course,Insp X,{US}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as log:
        read_abstractions_csv(entries, havering)
    lines.append(log.value.problems[0].message)
    duty = tmp_path / "duty.csv"
    duty.write_text(
        f"officer_id,date,start,end,deployment,reason\nHAV-01,{US},07:00,15:00,council,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as record:
        read_actuals(duty, havering)
    lines.append(record.value.problems[0].message)
    assert lines == [TWO_DIGIT_YEAR] * 4


def test_a_roster_saved_with_short_dates_is_one_line_naming_the_year(tmp_path: Path) -> None:
    # LibreOffice in English (UK) saves a date column formatted as its short date so
    roster = tmp_path / "roster.csv"
    header = "officer_id,contract_id,rank,date,state,shift,start,end,hours,event"
    rows = [f"HAV-01,HAV-PP,constable,{d:02d}/07/26,REST,,,,0," for d in range(1, 31)]
    roster.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_roster_csv(roster)
    assert [str(p) for p in caught.value.problems] == [
        f"{roster}: row 2, column date: {TWO_DIGIT_YEAR} (got '01/07/26')"
    ]
