"""The ``s92`` command line: a command loads its own module, not every other."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scheduler.cli import COMMANDS, build_parser, main

LOADED = (
    "import sys; from scheduler.cli import build_parser; build_parser({argv!r}); "
    "print(' '.join(sorted(m for m in sys.modules if m.startswith('scheduler.commands.'))))"
)


def loaded_commands(argv: list[str]) -> set[str]:
    """The command modules a fresh interpreter has loaded once the parser is built."""
    code = LOADED.format(argv=argv)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_a_command_loads_its_own_module_and_not_the_others() -> None:
    loaded = loaded_commands(["roster", "x.toml", "--out", "o"])
    assert "scheduler.commands.roster" in loaded
    # the web server, the reports and the sweep are not what a roster needs
    others = {"scheduler.commands.serve", "scheduler.commands.report", "scheduler.commands.sweep"}
    assert others.isdisjoint(loaded)


def test_without_a_command_every_command_is_loaded() -> None:
    assert loaded_commands(["--help"]) >= {module for module, _ in COMMANDS.values()}


def test_every_command_is_listed_whichever_is_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser(["calendar", "2026"])
    with pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    listed = capsys.readouterr().out
    assert all(name in listed for name in COMMANDS)


def test_an_unknown_command_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["rostr", "x.toml"])
    assert stop.value.code == 2
    assert "invalid choice: 'rostr'" in capsys.readouterr().err


def test_a_roster_without_calendars_starts_without_icalendar() -> None:
    # icalendar loads when a calendar is read or written: 0.07 s of every start otherwise
    code = (
        "import sys; from scheduler.cli import build_parser; "
        "build_parser(['roster', 'x.toml', '--out', 'o']); print('icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
