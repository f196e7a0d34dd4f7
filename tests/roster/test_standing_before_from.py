"""An entry whose tours break a working-time rule with the days before ``--from``, which
stand as published: a course at 02:00 on the Sunday after a Saturday tour to 16:00 (10 h
rest), or three days' course after five published duty days (8 in a row). The re-roster
refused it (exit 1, nothing written) naming only the entry, and offered ``--from`` a week
earlier with "no room between it and them"; the planner could not tell why an entry lawful
when it was logged was not now. It now names the tour that stands and the rule, and offers
the day that moves it, where a re-roster holds every entry (the independent checker passes
what that re-roster writes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tightened_fixtures import SCENARIO, five_on_two_off

from scheduler.check import read_roster_csv
from scheduler.cli import main
from scheduler.store.store import Store


def _published(tmp_path: Path) -> tuple[Path, Path]:
    path, db = tmp_path / "s.toml", tmp_path / "s92.db"
    path.write_text(SCENARIO.format(limit="", hdd=""))
    with Store(db) as store:
        store.publish_roster("Average", five_on_two_off(), scenario_text=path.read_text())
    return path, db


def _course(path: Path, db: Path, officer: str, first: str, last: str, start: str) -> None:
    end = "10:00" if start == "02:00" else "16:00"
    argv = [
        "abstract", "add", str(path), "--db", str(db), "--officer", officer, "--date", first,
        "--to", last, "--start", start, "--end", end, "--kind", "training", "--reason", "course",
        "--authorised-by", "Insp P", "--notified", "2026-09-14", "--today", "2026-09-14",
    ]  # fmt: skip
    assert main(argv) == 0


def _reroster(path: Path, db: Path, on: str, out: Path) -> int:
    argv = ["reroster", str(path), "--from", on, "--out", str(out), "--db", str(db)]
    return main([*argv, "--notified", "2026-09-14", "--time-limit", "4", "--seed", "1"])


def test_a_tour_standing_too_close_before_an_entry_is_named_with_the_day_that_moves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, db = _published(tmp_path)
    _course(path, db, "A-03", "2026-09-27", "2026-09-27", "02:00")  # A-03 works Saturdays
    assert _reroster(path, db, "2026-09-27", tmp_path / "no") == 1
    err = capsys.readouterr().err
    assert not (tmp_path / "no").exists()
    assert (
        "10.0 h rest between A-03's tour ending 2026-09-26 16:00, before --from 2026-09-27 "
        "(it stands as published), and the entry's starting 2026-09-27 02:00; at least 11 h"
    ) in " ".join(err.split())
    assert "re-roster --from 2026-09-26 holds a lawful roster with every entry" in err
    assert _reroster(path, db, "2026-09-26", tmp_path / "rr") == 0
    assert main(["check", str(path), str(tmp_path / "rr" / "roster.csv")]) == 0
    a03 = read_roster_csv(tmp_path / "rr" / "roster.csv").query("officer_id == 'A-03'")
    assert a03.set_index("date").loc["2026-09-26", "state"] == "REST"


def test_published_duty_days_before_from_and_a_course_after_them_are_named_as_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, db = _published(tmp_path)
    # A-02 works Thursday 24 to Monday 28 September: three days' course from the Tuesday
    _course(path, db, "A-02", "2026-09-29", "2026-10-01", "07:00")
    assert _reroster(path, db, "2026-09-29", tmp_path / "no") == 1
    err = " ".join(capsys.readouterr().err.split())
    assert (
        "8 days in a row with a tour, 2026-09-24 to 2026-10-01, the 5 before --from 2026-09-29 "
        "standing as published; at most 7 (max_consecutive_duty_days)"
    ) in err
    # the Monday off alone leaves the week's rest days nowhere to go: a week earlier holds
    assert "re-roster --from 2026-09-22 holds a lawful roster with every entry" in err
