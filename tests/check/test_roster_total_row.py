"""A total row a planner types under roster.csv's officer-days ('Total' and the sum of
the hours): it was refused in two lines, its empty date and its empty state, neither
naming what the row is; now one line naming the row and what it holds (as an empty row
is named once)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN, roster, scenario

from scheduler.check import read_roster_csv
from scheduler.errors import InputError

A = roster(scenario(AUTUMN))


def test_a_total_row_under_the_officer_days_is_one_line(tmp_path: Path) -> None:
    total = {c: "" for c in A.columns} | {"officer_id": "Total", "hours": f"{A['hours'].sum()}"}
    frame = pd.concat([A.astype({"hours": object}), pd.DataFrame([total])], ignore_index=True)
    path = tmp_path / "roster.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(InputError) as caught:
        read_roster_csv(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: row {len(A) + 2}: no date nor state, so no officer's day (a total or a note "
        "typed under the rows?): delete it, or give the day's date and state (got 'Total')"
    ]
