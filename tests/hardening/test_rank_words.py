"""A rank as a planner types it ("Sgt", "PS", "Sergeant", "Police Constable", "insp.") reads
as the rank wherever s92 reads one: the scenario file, an HR export, a roster's rank column
and a workbook's rank cell. A word that names no rank is refused in one line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from check_builder import AUTUMN, AUTUMN_TOML, roster, scenario

from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.scenario import load_scenario
from scheduler.table import said_rank

WORDS = {
    "Sgt": "sergeant",
    "sgt.": "sergeant",
    "PS": "sergeant",
    "Sergeant": "sergeant",
    "PC": "constable",
    "Police Constable": "constable",
    "Insp": "inspector",
    "INSPECTOR": "inspector",
}


@pytest.mark.parametrize(("word", "rank"), WORDS.items())
def test_the_words_planners_type_name_the_rank(word: str, rank: str) -> None:
    assert said_rank(word) == rank


def test_chief_inspector_is_not_an_inspector() -> None:
    assert said_rank("Chief Inspector") is None
    assert said_rank("DS") is None


def test_a_scenario_officer_of_rank_sgt_is_a_sergeant(tmp_path: Path) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text(AUTUMN_TOML.replace('rank = "sergeant"', 'rank = "Sgt"'))
    assert 'rank = "Sgt"' in toml.read_text()
    officers = load_scenario(toml).officers
    assert {o.id: o.rank for o in officers} == {"T1": "constable", "T2": "sergeant"}


def test_a_scenario_rank_that_is_no_rank_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text(AUTUMN_TOML.replace('rank = "sergeant"', 'rank = "Chief Inspector"'))
    assert main(["validate", str(toml)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "rank" in err[0]
    assert "'Chief Inspector'" in err[0]


def test_an_hr_export_with_sgt_imports(tmp_path: Path) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text(
        "Officer ID,Contract,Rank,Service years\nA-01,C1,Sgt,5\nA-02,C1,Pc,3\nA-03,C1,Sgt.,2\n"
    )
    leave = tmp_path / "leave.csv"
    leave.write_text("Officer ID,Start date,End date\nA-02,2026-05-01,2026-05-03\n")
    out = tmp_path / "s.toml"
    assert main(["scenario", "import", "--officers", str(officers), "--leave", str(leave),
                 "--out", str(out)]) == 0  # fmt: skip
    ranks = {o.id: o.rank for o in load_scenario(out).officers}
    assert ranks == {"A-01": "sergeant", "A-02": "constable", "A-03": "sergeant"}


def test_a_roster_csv_with_ranks_typed_as_abbreviations_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    table = roster(scenario(AUTUMN))
    table["rank"] = table["rank"].map({"constable": "PC", "sergeant": "Sgt"})
    csv = tmp_path / "roster.csv"
    table.to_csv(csv, index=False)
    assert main(["check", str(toml), str(csv)]) == 0, capsys.readouterr()


def test_a_workbook_rank_cell_typed_sgt_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    s = scenario(AUTUMN)
    book = write_roster_xlsx(roster(s), tmp_path / "roster.xlsx", s)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    typed = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "T2"]
    sheet.cell(typed[0], 2).value = "Sgt"
    wb.save(book)
    assert main(["check", str(toml), str(book)]) == 0, capsys.readouterr()
