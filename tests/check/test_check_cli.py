"""``s92 check``: exit 0 lawful, 1 breaches, 2 bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN, AUTUMN_TOML, roster, scenario, set_day

from scheduler.check import check_roster, load_roster, read_roster_csv
from scheduler.cli import main
from scheduler.commands import findings
from scheduler.scenario import load_scenario

AUT = scenario(AUTUMN)
A = roster(AUT)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    csv = tmp_path / "roster.csv"
    A.to_csv(csv, index=False)
    return toml, csv


def test_toml_is_the_builders_scenario(files: tuple[Path, Path]) -> None:
    loaded = load_scenario(files[0]).model_dump(exclude={"source"})
    assert loaded == AUT.model_dump(exclude={"source"})


def test_lawful_roster_exits_0(files: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    toml, csv = files
    assert main(["check", str(toml), str(csv)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"{csv}: 56 rows, 2 officers: no breaches"


def test_breaches_exit_1_with_table_and_csv(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml, csv = files
    edited = set_day(A, "T1", "2026-10-25", "DUTY", "N")
    edited = set_day(edited, "T2", "2026-11-09", "DUTY", "L")
    edited.to_csv(csv, index=False)
    out_csv = tmp_path / "breaches.csv"
    assert main(["check", str(toml), str(csv), "--csv", str(out_csv)]) == 1
    out = capsys.readouterr().out
    assert "rest-between-tours" in out
    assert "leave" in out
    assert out.splitlines()[-1].endswith("2 breaches (rest-between-tours 1, leave 1)")
    written = pd.read_csv(out_csv)
    assert list(written.columns) == ["severity", "officer_id", "date", "rule", "detail"]
    assert list(zip(written["officer_id"], written["date"], written["rule"], strict=True)) == [
        ("T1", "2026-10-26", "rest-between-tours"),
        ("T2", "2026-11-09", "leave"),
    ]


def test_csv_naming_the_roster_read_is_refused_and_the_roster_kept(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture
) -> None:
    """--csv naming the roster checked replaced it with the findings, exit 0."""
    toml, roster = files
    before = roster.read_bytes()
    assert main(["check", str(toml), str(roster), "--csv", str(roster)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{roster}: --csv: is the roster it reads ({roster}): name another file"
    )
    assert roster.read_bytes() == before


def test_bad_roster_exits_2(files: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    toml, csv = files
    A.assign(state="WORKING").head(3).to_csv(csv, index=False)
    assert main(["check", str(toml), str(csv)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3
    assert err[0].startswith(f"{csv}: row 2, column state: unknown state")


@pytest.mark.parametrize("below", ["", ",,,,,,,,,,,\n,,,,,,,,,,,\n"])
def test_a_roster_with_a_header_and_no_rows_exits_2_in_one_line(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture, below: str
) -> None:
    # a filter saved with nothing under it (or Excel's rows of commas) gave a KeyError
    # traceback from the checker, exit 1
    toml, csv = files
    csv.write_text(",".join(A.columns) + "\n" + below)
    assert main(["check", str(toml), str(csv)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{csv}: no officer-day rows under the header: a roster has a row per officer per day"
    ]


def test_bad_scenario_and_missing_args_exit_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    _, csv = files
    assert main(["check", str(tmp_path / "none.toml"), str(csv)]) == 2
    assert "none.toml: no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["check", str(csv)])
    assert caught.value.code == 2


def test_first_200_breaches_are_shown(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml, csv = files
    edited = set_day(A, "T1", "2026-10-25", "DUTY", "N")
    set_day(edited, "T2", "2026-11-09", "DUTY", "L").to_csv(csv, index=False)
    assert main(["check", str(toml), str(csv)]) == 1
    assert "(first " not in capsys.readouterr().out  # 2 breaches: both shown
    monkeypatch.setattr(findings, "SHOWN", 1)  # as 200 of a London year's breaches
    assert main(["check", str(toml), str(csv)]) == 1
    out = capsys.readouterr().out
    assert "Breaches (first 1 of 2)" in out
    assert out.splitlines()[-1].endswith("2 breaches (rest-between-tours 1, leave 1)")


def test_python_dash_m_scheduler_check(files: tuple[Path, Path]) -> None:
    toml, csv = files
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "check", str(toml), str(csv)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "no breaches" in done.stdout
    assert done.stderr == ""


def test_check_reads_the_workbook_s92_wrote(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from planner import AUT as PLANNED
    from planner import TABLE, edit

    from scheduler.export.xlsx import write_roster_xlsx

    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", PLANNED)
    assert main(["check", str(toml), str(book)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{book}: 56 rows, 2 officers: no breaches"
    edit(book, {("T1", "2026-10-20"): "N"})
    assert main(["check", str(toml), str(book)]) == 1
    assert "rest-between-tours 1" in capsys.readouterr().out
    edit(book, {("T1", "2026-10-20"): "night"})
    assert main(["check", str(toml), str(book)]) == 2
    assert "sheet TST, cell D5: unknown code" in capsys.readouterr().err


def test_the_workbooks_grid_saved_as_csv_is_named_as_such_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # Save As CSV from the roster.xlsx s92 wrote keeps its first sheet, the month grid:
    # s92 check (and the web's upload) said twelve 'missing column' lines of it
    import csv

    import openpyxl
    from planner import AUT as PLANNED
    from planner import TABLE

    from scheduler.export.xlsx import write_roster_xlsx

    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    book = write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", PLANNED)
    sheet = openpyxl.load_workbook(book).worksheets[0]
    saved = tmp_path / "roster-grid.csv"
    with saved.open("w", newline="") as f:
        csv.writer(f).writerows(
            ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
        )
    assert main(["check", str(toml), str(saved)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{saved}: the month grid of roster.xlsx saved as CSV, which keeps no tour times: "
        "give the roster.xlsx itself, as edited, or a roster.csv (a row per officer per day)"
    ]


def test_a_roster_csv_saved_as_a_workbook_is_named_as_such_in_one_line(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture
) -> None:
    # roster.csv opened in a spreadsheet and saved as .xlsx: 'no roster sheet (an Officer
    # and Rank column in row 2)' said nothing of what the file was or what to give
    toml, csv = files
    book = csv.with_suffix(".xlsx")
    A.to_excel(book, index=False)
    assert main(["check", str(toml), str(book)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{book}: a roster.csv saved as a workbook, not the roster.xlsx s92 writes: save it "
        "as CSV (roster.csv) and give that, or give the roster.xlsx s92 wrote"
    ]


def test_the_workbook_s92_roster_writes_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """End to end: the solver's roster, written as roster.xlsx, read back by s92 check;
    s92 roster prints its shortfalls' causes under the summary."""
    havering = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
    toml = tmp_path / "s.toml"
    toml.write_text(havering.read_text().replace("end = 2027-03-31", "end = 2026-05-10"))
    out = tmp_path / "out"
    args = ["--out", str(out), "--workers", "1", "--time-limit", "2", "--quiet"]
    assert main(["roster", str(toml), *args]) == 0
    summary = capsys.readouterr().err
    # Good Friday (3 Apr) and Easter Monday (6 Apr) are bank holidays Havering does not buy
    assert "Cover shortfalls by cause" in summary
    assert "bank holiday the contract does not buy cover for" in summary
    assert main(["check", str(toml), str(out / "roster.xlsx")]) == 0
    s = load_scenario(toml)
    csv = read_roster_csv(out / "roster.csv")
    assert check_roster(s, csv).breaches == []
    pd.testing.assert_frame_equal(load_roster(out / "roster.xlsx", s).table, csv, check_dtype=False)


SECOND_CONTRACT = """
[[contract]]
id = "OTH"
council = "Other Borough"
bcu = "YY"
start = 2026-01-05
posts = { constable = 1 }

[[officer]]
id = "O1"
contract = "OTH"
rank = "constable"
"""


def test_a_roster_of_some_contracts_is_checked_with_contracts(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """``s92 roster --contracts TST`` writes TST's officers only: checked against the whole
    scenario every officer of OTH has no row; ``--contracts`` checks the contracts named."""
    toml = tmp_path / "two.toml"
    toml.write_text(AUTUMN_TOML + SECOND_CONTRACT)
    csv = tmp_path / "roster.csv"
    A.to_csv(csv, index=False)
    assert main(["check", str(toml), str(csv)]) == 1
    out = capsys.readouterr().out
    assert "O1" in out
    assert (
        f"{csv} holds no row of contract OTH: a roster of some contracts (s92 roster "
        "--contracts) is checked with s92 check --contracts" in " ".join(out.split())
    )
    assert main(["check", str(toml), str(csv), "--contracts", "TST"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{csv}: 56 rows, 2 officers: no breaches"
    assert main(["check", str(toml), str(csv), "--contracts", "OTH"]) == 1  # T1, T2 unknown
    assert main(["check", str(toml), str(csv), "--contracts", "NOPE"]) == 2
    assert (
        f"--contracts: no such contract in {toml} (use TST, OTH) (got 'NOPE')"
        in capsys.readouterr().err
    )


def test_a_long_roster_path_is_never_cut_in_two(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The note on contracts the roster holds no row of names the roster whole on one line,
    however long its path: it was folded at the console's width (80 columns when the
    output is a file), so a path longer than that came out in two pieces, not one a user
    could copy."""
    toml = tmp_path / "two.toml"
    toml.write_text(AUTUMN_TOML + SECOND_CONTRACT)
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    csv = folder / "roster.csv"
    A.to_csv(csv, index=False)
    assert main(["check", str(toml), str(csv)]) == 1
    lines = capsys.readouterr().out.splitlines()
    note = f"{csv} holds no row of contract OTH: a roster of some contracts (s92 roster "
    assert any(line.startswith(note) for line in lines), lines[-3:]
