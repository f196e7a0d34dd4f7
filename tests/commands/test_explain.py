"""``s92 explain``: each shortfall with its cause, totals by cause, filters, CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN, AUTUMN_TOML, roster, scenario

from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx

ASK = """
  [[contract.cover]]
  days = ["Mon", "Tue"]
  shift = "L"
  min = 1

  [[contract.cover]]
  days = ["Thu"]
  shift = "E"
  min = 1
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The AUTUMN scenario asking for L on Mondays and Tuesdays (T2 is on leave Mon 9 and
    Tue 10 Nov) and E on Thursdays (Thu 5 Nov is Bonfire Night), and its roster."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(
        AUTUMN_TOML.replace(
            "posts = { constable = 1, sergeant = 1 }\n",
            "posts = { constable = 1, sergeant = 1 }\n" + ASK,
        )
    )
    s = scenario(
        AUTUMN,
        contract={
            "cover": [
                {"days": ["Mon", "Tue"], "shift": "L", "min": 1},
                {"days": ["Thu"], "shift": "E", "min": 1},
            ]
        },
    )
    csv = tmp_path / "roster.csv"
    roster(s).to_csv(csv, index=False)
    return toml, csv


def test_each_shortfall_and_the_totals(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml, csv = files
    out = tmp_path / "short.csv"
    assert main(["explain", str(toml), str(csv), "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2026-11-05 Thu" in text
    assert "Million Mask" in text
    assert "1 on annual leave (T2)" in text
    assert "Cover shortfalls by cause: 3 officer-tours on 3 contract-days" in text
    written = pd.read_csv(out)
    assert list(written["date"]) == ["2026-11-05", "2026-11-09", "2026-11-10"]
    assert list(written["hdd_aid"]) == [1, 0, 0]
    assert list(written["leave"]) == [0, 1, 1]
    assert (written["short"] == written["wanted"] - written["on_duty"]).all()


def test_filters_and_the_workbook(files: tuple[Path, Path], tmp_path: Path, capsys) -> None:
    toml, csv = files
    from scheduler.check import read_roster_csv
    from scheduler.scenario import load_scenario

    s = load_scenario(toml)
    book = write_roster_xlsx(read_roster_csv(csv, s), tmp_path / "roster.xlsx", s)
    assert main(["explain", str(toml), str(book), "--month", "2026-10"]) == 0
    assert "No shortfalls" in capsys.readouterr().out
    assert main(["explain", str(toml), str(book), "--contract", "TST", "--month", "2026-11"]) == 0
    assert "3 officer-tours" in capsys.readouterr().out


@pytest.mark.parametrize(
    "month", ["2026-11", " 2026-11 ", "11/2026", "11.2026", "Nov 2026", "November 2026"]
)
def test_a_month_as_report_periods_write_it(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], month: str
) -> None:
    """--month reads a month as s92 report's --period does; "Nov 2026" was not a month."""
    toml, csv = files
    assert main(["explain", str(toml), str(csv), "--month", month]) == 0
    assert "3 officer-tours" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--month", "2026-13", "--month: not a month YYYY-MM (got '2026-13')"),
        ("--month", "FY2026", "--month: not a month YYYY-MM (got 'FY2026')"),
        ("--month", "Nov 2026 x", "--month: not a month YYYY-MM (got 'Nov 2026 x')"),
        ("--month", "2027-01", "--month: outside the roster, 2026-10-19 to 2026-11-15"),
        ("--contract", "NOPE", "--contract: no such contract in "),
        ("--contract", "NOPE", " (use TST) (got 'NOPE')"),
    ],
)
def test_bad_filters_are_input_errors(
    files: tuple[Path, Path], option: str, value: str, message: str, capsys
) -> None:
    toml, csv = files
    assert main(["explain", str(toml), str(csv), option, value]) == 2
    assert message in capsys.readouterr().err


def test_csv_naming_the_roster_read_is_refused_and_the_roster_kept(
    files: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    """--csv naming the roster itself (a slip of the tab key) replaced the planner's
    roster with the shortfalls, exit 0."""
    toml, csv = files
    before = csv.read_bytes()
    same = tmp_path / "." / csv.name  # another spelling of the same file
    assert main(["explain", str(toml), str(csv), "--csv", str(same)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{same}: --csv: is the roster it reads ({csv}): name another file"
    )
    assert csv.read_bytes() == before


def test_a_roster_missing_officer_days_is_refused(
    files: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    """A roster cut to its first weeks was explained as if the officers had vanished for
    the rest of the horizon: every later tour short, 'too few officers for the weekly
    pattern', exit 0. Like s92 sweep and ical, explain needs one row per officer per
    in-post day."""
    toml, csv = files
    table = pd.read_csv(csv, dtype=str, keep_default_na=False)
    cut = tmp_path / "cut.csv"
    table[table["date"] < "2026-11-01"].to_csv(cut, index=False)
    out = tmp_path / "short.csv"
    assert main(["explain", str(toml), str(cut), "--csv", str(out)]) == 2
    captured = capsys.readouterr()
    assert "too few officers" not in captured.out
    assert captured.err.splitlines()[0].startswith(f"{cut}: T1 2026-11-01: ")
    assert not out.exists()


def test_totals_say_which_shortfalls_the_cover_column_leaves_out() -> None:
    from datetime import date

    from rich.console import Console

    from scheduler.check.shortfall import Cause, Shortfall
    from scheduler.commands.explain import print_totals

    def short(key: str, day: date) -> Shortfall:
        return Shortfall("TST", day, "E", 2, 0, (Cause(key, 2),))

    console = Console(record=True, width=200)
    print_totals(
        [short("bank_holiday", date(2026, 4, 3)), short("leave", date(2026, 4, 7))], console
    )
    text = console.export_text()
    assert "4 officer-tours on 2 contract-days (2 of them on bank holidays the contract" in text
    console = Console(record=True, width=200)
    print_totals([short("leave", date(2026, 4, 7))], console)
    assert "contract-days\n" in console.export_text()


def test_a_roster_of_some_contracts_is_explained_for_them(
    files: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    """The roster s92 roster --contracts TST wrote, of a scenario with a second contract:
    explained for TST, with a line saying so (it was refused, a line for each of the other
    contract's officers, until --contract was given)."""
    toml, csv = files
    toml.write_text(
        toml.read_text()
        + '\n[[contract]]\nid = "TS2"\ncouncil = "Other"\nbcu = "YY"\nstart = 2026-01-05\n'
        'posts = { constable = 1 }\n\n[[officer]]\nid = "U1"\ncontract = "TS2"\n'
        'rank = "constable"\n'
    )
    assert main(["explain", str(toml), str(csv)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"{csv}: holds no row of TS2: explains the rest\n"
    assert "Cover shortfalls by cause: 3 officer-tours on 3 contract-days" in captured.out
    # a roster missing some of a contract's days is still refused, naming them
    table = pd.read_csv(csv, dtype=str, keep_default_na=False)
    cut = tmp_path / "cut.csv"
    table[table["date"] < "2026-11-01"].to_csv(cut, index=False)
    assert main(["explain", str(toml), str(cut)]) == 2
    assert capsys.readouterr().err.splitlines()[1].startswith(f"{cut}: T1 2026-11-01: ")
