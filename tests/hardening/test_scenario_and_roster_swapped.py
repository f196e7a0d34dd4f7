"""The roster given where the scenario goes (``s92 check roster.csv scenario.toml``, the two
swapped) is named for what it is, in one line, exit 2: it was TOML's complaint about the
CSV's first line ("not valid TOML: Expected '=' after a key"), or, for the workbook, "not
a text file". A file that is no spreadsheet keeps TOML's own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import Published, published_tiny, run


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Published:
    return published_tiny(None, tmp_path_factory.mktemp("tiny"))


@pytest.mark.parametrize("command", ["check", "explain"])
def test_a_roster_csv_where_the_scenario_goes_is_named(
    command: str, tiny: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, command, tiny.roster, tiny.scenario)
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip() == (
        f"{tiny.roster}: a CSV file, not a scenario: the scenario is a .toml file, given "
        "first on the command line"
    )


def test_a_workbook_where_the_scenario_goes_is_named(
    tiny: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = tiny.roster.with_name("roster.xlsx")
    assert workbook.is_file()
    result = run(capsys, "check", workbook, tiny.scenario)
    assert result.code == 2
    assert result.err.strip() == (
        f"{workbook}: a workbook, not a scenario: the scenario is a .toml file, given first "
        "on the command line"
    )


def test_a_text_file_of_another_name_keeps_tomls_words(
    tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("officer_id,date\n", encoding="utf-8")
    result = run(capsys, "check", notes, tiny.roster)
    assert result.code == 2
    assert result.err.startswith(f"{notes}: not valid TOML at line 1, column ")
