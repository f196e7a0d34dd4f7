"""A roster.csv a planner saved from Excel with its date column formatted as a date and
time ('05/10/2026 00:00', as a UK-locale Excel saves it) reads as the same roster: the
roster reader took only pandas' '2026-10-05 00:00:00', and refused every row of Excel's
("not a date"), though every other date s92 reads takes it (README). Another time of day
in the date column is still refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hardening_helpers import SOLVE, run, tiny_toml


@pytest.fixture
def solved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    result = run(capsys, "roster", scenario, "--out", tmp_path / "solved", *SOLVE)
    assert result.code == 0, result.err
    frame = pd.read_csv(tmp_path / "solved" / "roster.csv", dtype=str, keep_default_na=False)
    return scenario, frame


@pytest.mark.parametrize(
    "written",
    ["%d/%m/%Y 00:00", "%d/%m/%Y 00:00:00", "%d.%m.%Y 00:00", "%Y-%m-%dT00:00", "%d-%b-%y 00:00"],
)
def test_a_date_saved_with_its_midnight_time_reads_as_the_date(
    capsys: pytest.CaptureFixture[str],
    solved: tuple[Path, pd.DataFrame],
    tmp_path: Path,
    written: str,
) -> None:
    scenario, frame = solved
    edited = frame.copy()
    edited["date"] = [date.fromisoformat(d).strftime(written) for d in frame["date"]]
    path = tmp_path / "edited.csv"
    edited.to_csv(path, index=False)
    result = run(capsys, "check", scenario, path)
    assert result.code == 0, result.err
    assert f"{len(frame)} rows, 3 officers: no breaches" in result.out


def test_another_time_in_the_date_column_is_refused(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    scenario, frame = solved
    edited = frame.copy()
    typed = date.fromisoformat(str(frame["date"].iloc[0])).strftime("%d/%m/%Y 09:00")
    edited.loc[0, "date"] = typed
    path = tmp_path / "edited.csv"
    edited.to_csv(path, index=False)
    result = run(capsys, "check", scenario, path)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{path}: row 2, column date: not a date YYYY-MM-DD or DD/MM/YYYY (got '{typed}')"
    ]
