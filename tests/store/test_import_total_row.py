"""A total or a note a council types under its entry log ('Total' in the first column):
refused as six lines (five empty fields and an unknown officer 'Total'); now one line
naming the row and what it holds, as roster.csv's."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import make_scenario

from scheduler.errors import InputError
from scheduler.store.csv_import import read_abstractions_csv


def test_a_total_row_under_the_entries_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\r\n"
        "A-01,2026-05-04,court,Snaresbrook,Insp Okafor,2026-04-20\r\n"
        ",,,,,\r\n"
        "Total,,,1 entry,,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_abstractions_csv(path, make_scenario())
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: row 4: no date nor kind, so no entry (a total or a note typed under the "
        "rows?): delete it, or give the entry's date and kind (got 'Total')"
    ]
