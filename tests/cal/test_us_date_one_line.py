"""A date as LibreOffice in a US locale saves one (``04/01/27``: month first, two-digit
year) is refused with the same line by every date reader: the command line, the entry
log's CSV, the duty record, the roster CSV and a scenario spreadsheet. The spreadsheet
said "not a date (use YYYY-MM-DD or DD/MM/YYYY)", the others "not a date YYYY-MM-DD or
DD/MM/YYYY"."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendars import NOT_A_DATE
from scheduler.accounting.actuals import read_actuals
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
    with pytest.raises(ValueError, match="not a date") as sheet:
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
    assert lines == [NOT_A_DATE] * 4
