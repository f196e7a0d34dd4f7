"""A roster whose officer id is typed in another case than the scenario's (``t1`` for
``T1``, in roster.csv or on a roster.xlsx sheet) is refused, as before, but the line says
which id the scenario has: before, it said only that ``t1`` was not in the scenario,
though the entry log and the command line read ``t1`` as T1."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import TABLE

from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text


def test_an_id_in_another_case_names_the_scenario_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, roster = tmp_path / "autumn.toml", tmp_path / "roster.csv"
    toml.write_text(AUTUMN_TOML)
    roster.write_text(roster_csv_text(TABLE.replace({"officer_id": {"T1": "t1"}})))
    capsys.readouterr()
    assert main(["check", str(toml), str(roster)]) == 2
    assert (
        f"{roster}: row 2, column officer_id: t1 2026-10-19: officer 't1' is not in the "
        "scenario (28 rows; T1 is: type the id as the scenario has it)"
    ) in capsys.readouterr().err.splitlines()
