"""The note of a run past --time-limit says where the time went: a solve that kept to its
share is not blamed on the lawful start every block gets (a loaded machine's 39 s of a
10 s limit, of which the roster took 6 s, was said to be a lawful start's need); a solve
past its share still is. Called directly with the seconds a run took: no clock asserted."""

from __future__ import annotations

import argparse
import time

import pytest
from rich.console import Console

from scheduler.commands import roster
from scheduler.roster.run import SolveSettings


def _note(solved: float, capsys: pytest.CaptureFixture[str]) -> str:
    args = argparse.Namespace(time_limit=10.0)
    settings = SolveSettings(time_limit=7.0, workers=2)  # the solve's share of the 10 s
    began = time.monotonic() - 39.0  # the command started 39 s ago
    console = Console(width=120)  # as s92 roster's stderr off a terminal
    roster._note_overrun(args, settings, began, console, None, solved)
    return capsys.readouterr().out.strip()


def test_a_solve_within_its_share_names_what_came_after(
    capsys: pytest.CaptureFixture[str],
) -> None:
    note = _note(6.4, capsys)
    assert note.startswith("note: took 39 s of --time-limit 10: the roster took 6 s of it,")
    assert "checking the roster and writing its files the rest" in note
    assert "lawful start" not in note
    assert "\n" not in note  # one line, to be read whole


def test_a_solve_past_its_share_names_the_lawful_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    note = _note(30.0, capsys)
    assert note.startswith("note: took 39 s of --time-limit 10: a lawful start for every")
