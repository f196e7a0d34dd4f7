"""One rule for a number a user types: ASCII digits. Python's int() and float() also read
other scripts' digits (Arabic-Indic, fullwidth), '1_000' and 'inf'; a date, time or id with
them was taken too (the regular expressions' \\d is any script's digit), so an entry id,
a seed, a time limit, a year, a date and a time each took what no other reader did."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML

from calendars import read_day
from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.limits import decimal_number, whole_number
from scheduler.store.connect import TIMEOUT_ENV_VAR, busy_timeout
from scheduler.store.validate import Where, parse_entry

ARABIC_ONE = "\u0661"  # ARABIC-INDIC DIGIT ONE
FULLWIDTH_FIVE = "\uff15"


@pytest.mark.parametrize(
    "text", [ARABIC_ONE, FULLWIDTH_FIVE, "1_000", " ", "", "1.0", "\u00b2", "9" * 5000]
)
def test_a_whole_number_is_ascii_digits(text: str) -> None:
    assert whole_number(text) is None


@pytest.mark.parametrize("text", [ARABIC_ONE, "inf", "nan", "1e999", "1_0", "--1"])
def test_a_decimal_number_is_ascii_digits_and_finite(text: str) -> None:
    assert decimal_number(text) is None


def test_ascii_numbers_read() -> None:
    assert whole_number(" 12 ") == 12
    assert whole_number("-1") == -1
    assert decimal_number(".5") == 0.5
    assert decimal_number("2.5e1") == 25.0


@pytest.mark.parametrize(
    "argv",
    [
        ["abstract", "void", ARABIC_ONE, "--reason", "typo"],
        ["roster", "s.toml", "--out", "out", "--seed", ARABIC_ONE],
        ["roster", "s.toml", "--out", "out", "--time-limit", FULLWIDTH_FIVE],
        ["roster", "s.toml", "--out", "out", "--workers", "1_0"],
        ["sweep", "s.toml", "--runs", "2", "--out", "out", "--sickness-rate", "\u0660.1"],
    ],
)
def test_a_number_in_another_script_on_the_command_line_exits_2(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.toml").write_text(AUTUMN_TOML)
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "not a" in err or "must be" in err
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "s92.db").exists()


@pytest.mark.parametrize("year", ["\u0662\u0660\u0662\u0666", "2_026"])
def test_a_calendar_year_in_another_script_is_refused(
    year: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["calendar", year]) == 2
    assert "give a calendar year" in capsys.readouterr().err


def test_a_date_in_another_scripts_digits_is_no_date() -> None:
    arabic = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in "2026-05-01")
    assert read_day(arabic) is None
    assert read_day("\uff10\uff11/05/2026") is None


def test_an_entry_time_in_another_scripts_digits_is_refused() -> None:
    arabic_nine = "\u0660\u0669\u0660\u0660"  # 0900
    row = {
        "officer_id": "T1",
        "date": "2026-10-20",
        "kind": "training",
        "reason": "course",
        "authorised_by": "Insp Lee",
        "start": arabic_nine,
        "end": "17:00",
        "notified": "2026-10-01",
    }
    entry, problems = parse_entry(row, Where("<command line>", {"start": "--start"}))
    assert entry is None
    assert [p.field for p in problems] == ["--start"]


@pytest.mark.parametrize("seconds", ["\u0661", "\uff15", "1_0", "inf"])
def test_a_busy_timeout_in_another_scripts_digits_is_refused(
    seconds: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMEOUT_ENV_VAR, seconds)
    with pytest.raises(InputError) as refused:
        busy_timeout()
    assert refused.value.problems[0].file == f"${TIMEOUT_ENV_VAR}"
    monkeypatch.setenv(TIMEOUT_ENV_VAR, " 2.5 ")
    assert busy_timeout() == 2.5
