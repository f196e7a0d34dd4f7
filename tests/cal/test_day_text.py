"""One reader of typed dates: ISO, and day first as a UK Excel saves one (05/12/2026,
05.12.2026, 05-12-2026), the same in every place a date is read. Before, 05.12.2026 was
refused by the command line, the entry log and the roster CSV, all of which read
05/12/2026."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN, roster, scenario
from store_helpers import make_scenario

from calendars import read_day
from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario.spreadsheet import parse_day
from scheduler.store.csv_import import read_abstractions_csv
from scheduler.store.validate import cli_date


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-05",
        "05/12/2026",
        "5/12/2026",
        "05.12.2026",
        "5.12.2026",
        "05-12-2026",
        "5 Dec 2026",  # the month named: test_day_month_named
        "05-Dec-26",
    ],
)
def test_every_form_names_the_same_day(text: str) -> None:
    assert read_day(text) == date(2026, 12, 5)
    assert read_day(f" {text} ") == date(2026, 12, 5)
    assert cli_date(text, "--from") == date(2026, 12, 5)
    assert parse_day(text) == date(2026, 12, 5)


@pytest.mark.parametrize(
    "text", ["", "05.12.26", "2026/12/05", "05/12.2026", "31.02.2026", "05.13.2026", "Dec 2026"]
)
def test_no_day_is_none(text: str) -> None:
    assert read_day(text) is None
    # a day that does not exist says why (31.02.2026: February has 28 days), the rest the form
    with pytest.raises(
        InputError, match=r"not a date YYYY-MM-DD or DD/MM/YYYY|not a real date|a two-digit year"
    ):
        cli_date(text, "--from")


def test_a_roster_csv_with_dotted_dates_and_times_reads_as_the_engine_wrote_it(
    tmp_path: Path,
) -> None:
    aut = scenario(AUTUMN)
    table = roster(aut)
    saved = table.copy()
    saved["date"] = pd.to_datetime(saved["date"]).dt.strftime("%d.%m.%Y")
    given = saved["start"] != ""
    for column in ("start", "end"):
        wall = pd.to_datetime(saved.loc[given, column].str[:19]).dt.strftime("%d.%m.%Y %H:%M")
        saved.loc[given, column] = wall
    path = tmp_path / "roster.csv"
    saved.to_csv(path, index=False)
    read = read_roster_csv(path, aut)
    pd.testing.assert_frame_equal(read[list(table.columns)], table, check_dtype=False)
    assert check_roster(aut, read).breaches == []


def test_an_entry_log_csv_with_dotted_dates_reads_as_iso(tmp_path: Path) -> None:
    header = "officer_id,date,end_date,kind,reason,authorised_by,notified,start,end\n"
    dotted = tmp_path / "dotted.csv"
    dotted.write_text(header + "A-02,04.05.2026,05.05.2026,training,PST,Sgt Lee,20.04.2026,,\n")
    iso = tmp_path / "iso.csv"
    iso.write_text(header + "A-02,2026-05-04,2026-05-05,training,PST,Sgt Lee,2026-04-20,,\n")
    read = read_abstractions_csv(dotted, make_scenario()).entries
    assert read == read_abstractions_csv(iso, make_scenario()).entries
    assert (read[0].first_date, read[0].last_date) == (date(2026, 5, 4), date(2026, 5, 5))


def test_the_command_line_takes_dotted_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s92.db")
    add = ["abstract", "add", "--officer", "A-01", "--kind", "court"]
    add += ["--date", "04.05.2026", "--to", "06.05.2026", "--start", "09:00", "--end", "17:00"]
    add += ["--reason", "Crown Court", "--authorised-by", "Insp O", "--notified", "20.04.2026"]
    assert main([*add, "--db", db]) == 0
    capsys.readouterr()
    assert main(["abstract", "list", "--csv", "--db", db]) == 0
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (row["first_date"], row["last_date"], row["notified"]) == (
        "2026-05-04",
        "2026-05-06",
        "2026-04-20",
    )
