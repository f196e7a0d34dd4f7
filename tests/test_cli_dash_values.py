"""A value that starts with '-' ('--reason -flu', '--authorised-by -') is read by argparse
as an option, and the refusal said only "argument --reason: expected one argument", which
a planner cannot act on; now it says how to give it. An option given no value at all is
refused as before, with no hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main


def _err(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_a_value_starting_with_a_dash_says_how_to_give_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = [
        *("abstract", "add", "--officer", "A-01", "--date", "2026-06-10", "--kind", "sickness"),
        *("--reason", "-flu", "--authorised-by", "PS Khan", "--notified", "2026-06-10"),
        *("--db", str(tmp_path / "s92.db")),
    ]
    assert _err(capsys, argv) == (
        "s92 abstract add: argument --reason: expected one argument "
        "(a value starting with '-' goes after '=': --reason=-flu)"
    )
    assert not (tmp_path / "s92.db").exists()


@pytest.mark.parametrize("tail", [[], ["--quiet"]])
def test_an_option_without_its_value_has_no_hint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tail: list[str]
) -> None:
    argv = ["roster", str(tmp_path / "x.toml"), "--out", *tail]
    assert _err(capsys, argv) == "s92 roster: argument --out: expected one argument"
