"""A weekly rest longer than two whole days off (``weekly_rest_hours = 56``): the roster
model holds the weekly rest as a day off and the day after it (48 h, midnight to
midnight), so no week could hold it and ``s92 roster`` and ``s92 reroster`` died in a
traceback (``min() arg is an empty sequence``). Now each refuses with one line naming the
setting (exit 2, nothing written, the store untouched), ``s92 validate`` says so in a note,
and ``s92 check`` still judges a roster against it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.cli import main
from scheduler.store.store import Store

LONG = "weekly_rest_hours = 56\nfortnightly_rest_hours = 112"
LINE = "rules.weekly_rest_hours: a weekly rest of 56 h is more than the 48 h s92 rosters"


def only_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_roster_refuses_a_weekly_rest_it_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.toml"
    path.write_text(SCENARIO.format(limit=LONG, hdd=""))
    assert main(["validate", str(path)]) == 0  # valid: s92 check judges against it
    assert "note: weekly_rest_hours: a weekly rest of 56 h" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["roster", str(path), "--out", str(out), "--time-limit", "2"]) == 2
    line = only_line(capsys.readouterr().err)
    assert line.startswith(f"{path}: {LINE}"), line
    assert not out.exists()


def test_reroster_refuses_it_and_check_judges_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loose, tight = tmp_path / "loose.toml", tmp_path / "tight.toml"
    loose.write_text(SCENARIO.format(limit="", hdd=""))
    tight.write_text(SCENARIO.format(limit=LONG, hdd=""))
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster("Average", five_on_two_off(), scenario_text=loose.read_text())
    out = tmp_path / "rr"
    argv = ["reroster", str(tight), "--from", "2026-09-22", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--publish", "--time-limit", "2"]) == 2
    assert only_line(capsys.readouterr().err).startswith(f"{tight}: {LINE}")
    assert not out.exists()
    with Store(db) as store:
        assert store.latest_version("Average") == 1
    # the published roster is judged against it (its weeks of 48 h off are breaches now)
    csv = tmp_path / "published.csv"
    five_on_two_off().to_csv(csv, index=False)
    assert main(["check", str(tight), str(csv)]) == 1
    assert "weekly-rest" in capsys.readouterr().out
