"""A duty record is read as the entry log reads the same cells: an officer id in any case
when it matches one id of the scenario but for case (``hav-01``), and 24-hour ``HHMM``
times (``0700``; ``700`` as a spreadsheet saves the number). Both were refused, though
``s92 abstract import`` takes them from the same spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scheduler.accounting.actuals import read_actuals
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
HEADER = "officer_id,date,start,end,deployment,reason\n"


def read(tmp_path: Path, rows: str) -> pd.DataFrame:
    path = tmp_path / "duty.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return read_actuals(path, load_scenario(ROOT / "scenarios" / "havering.toml"))


def test_an_officer_id_in_another_case_and_hhmm_times_read_as_the_entry_log_reads_them(
    tmp_path: Path,
) -> None:
    table = read(
        tmp_path, "hav-01,2026-04-01,0700,1500,council,\nHav-02,2026-04-01,700,2200,council,\n"
    )
    assert list(table["officer_id"]) == ["HAV-01", "HAV-02"]
    assert list(table["start"]) == ["2026-04-01T07:00:00+01:00"] * 2
    assert list(table["end"]) == ["2026-04-01T15:00:00+01:00", "2026-04-01T22:00:00+01:00"]


def test_the_same_officer_day_in_two_cases_is_a_second_row(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="row 3, column date: a second row for the same officer"):
        read(tmp_path, "HAV-01,2026-04-01,07:00,15:00,council,\nhav-01,2026-04-01,,,rest,\n")


@pytest.mark.parametrize("typed", ["2400", "0760", "07.00"])
def test_no_time_is_still_refused_naming_it(tmp_path: Path, typed: str) -> None:
    with pytest.raises(InputError, match=f"row 2, column start: .*HHMM.*{typed}"):
        read(tmp_path, f"HAV-01,2026-04-01,{typed},15:00,council,\n")
