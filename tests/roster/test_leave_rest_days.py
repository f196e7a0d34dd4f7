"""Annual leave is taken on duty days, never on rest days (DESIGN.md section 2): a run of
L consecutive days of leave holds floor(2 x floor(L / 7)) rest days of its own, REST on
the roster, counted among the rest days owed. Before, every day of a booking was LEAVE and
the rest days it spanned were owed again after it: a fortnight away cost the council two
officer-days, six weeks away left the officer resting four days a week after, and eleven
weeks of a twelve-week roster could not be rostered at all. Each roster here is verified
by the independent checker."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario


def scenario_text(start: str, end: str, leave: dict[str, str]) -> str:
    officers = "".join(
        f'\n[[officer]]\nid = "{oid}"\ncontract = "SM"\nrank = "constable"\n'
        + (f'leave = ["{leave[oid]}"]\n' if oid in leave else "")
        for oid in ("O1", "O2", "O3")
    )
    return f"""
[scenario]
name = "small"
start = {start}
end = {end}

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "SM"
council = "LB Small"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 3 }}

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  shift = "E"
  min = 1
{officers}
[high_demand]
remove = [2026-08-30, 2026-08-31]
"""


def s92(*argv: object) -> int:
    return main([str(a) for a in argv])


def rostered(tmp_path: Path, text: str, *extra: object) -> pd.DataFrame:
    path = tmp_path / "small.toml"
    path.write_text(text, encoding="utf-8")
    code = s92(
        "roster", path, "--out", tmp_path / "v1", "--time-limit", 5, "--workers", 1,
        "--seed", 1, "--quiet", *extra,
    )  # fmt: skip
    assert code == 0
    table = read_roster_csv(tmp_path / "v1" / "roster.csv")
    assert check_roster(load_scenario(path), table).breaches == []
    return table


def states(table: pd.DataFrame, officer: str, first: str, last: str) -> dict[str, str]:
    rows = table[(table["officer_id"] == officer) & (table["date"] >= first)]
    rows = rows[rows["date"] <= last]
    return dict(zip(rows["date"], rows["state"], strict=True))


def test_the_design_example_booking_holds_its_weekend(tmp_path: Path) -> None:
    """Mon 3 - Fri 14 August: 10 days of leave and the weekend between them REST; the
    officer owes no rest day after it (10 in 35 days, exactly 2 a week); a Monday to
    Friday booking is all leave, as before."""
    text = scenario_text(
        "2026-07-27", "2026-08-30", {"O1": "2026-08-03/2026-08-14", "O2": "2026-08-17/2026-08-21"}
    )
    table = rostered(tmp_path, text)
    away = states(table, "O1", "2026-08-03", "2026-08-14")
    assert [d for d, s in away.items() if s == "REST"] == ["2026-08-08", "2026-08-09"]
    assert list(away.values()).count("LEAVE") == 10
    weekend = table[(table["officer_id"] == "O1") & table["date"].isin(["2026-08-08"])]
    assert weekend["kind"].tolist() == ["leave"]  # the leave's own rest day, so marked
    rest = table[(table["officer_id"] == "O1") & (table["state"] == "REST")]
    assert len(rest) == 10  # floor(2 x 35 / 7): none owed again after the leave
    assert set(states(table, "O2", "2026-08-17", "2026-08-21").values()) == {"LEAVE"}


def test_long_leave_is_rostered_with_two_rest_days_a_week_after_it(tmp_path: Path) -> None:
    """Twelve weeks: O1 away the first six (42 days, 12 rest days inside) rests 12 days in
    the six weeks after, not 24 (4 a week); O2 away eleven weeks could not be rostered at
    all ('owes 24 rest days but only 7 days are free')."""
    text = scenario_text(
        "2026-06-01", "2026-08-23", {"O1": "2026-06-01/2026-07-12", "O2": "2026-06-01/2026-08-16"}
    )
    table = rostered(tmp_path, text)
    after = states(table, "O1", "2026-07-13", "2026-08-23")
    assert list(after.values()).count("REST") == 12
    inside = states(table, "O2", "2026-06-01", "2026-08-16")
    assert list(inside.values()).count("REST") == 22  # 2 x 11 weeks
    assert list(states(table, "O2", "2026-08-17", "2026-08-23").values()).count("REST") == 2


def logged_leave(tmp_path: Path, officer: str, first: str, last: str) -> None:
    code = s92(
        "abstract", "add", tmp_path / "small.toml", "--officer", officer, "--date", first,
        "--to", last, "--kind", "leave", "--reason", "annual leave", "--authorised-by",
        "PS Khan", "--notified", "2026-07-01", "--db", tmp_path / "s92.db",
    )  # fmt: skip
    assert code == 0


def rerostered(tmp_path: Path) -> pd.DataFrame:
    code = s92(
        "reroster", tmp_path / "small.toml", "--from", "2026-08-01", "--out", tmp_path / "v2",
        "--db", tmp_path / "s92.db", "--time-limit", 5, "--seed", 1,
    )  # fmt: skip
    assert code == 0
    new = read_roster_csv(tmp_path / "v2" / "roster.csv")
    assert check_roster(load_scenario(tmp_path / "small.toml"), new).breaches == []
    return new


@pytest.fixture(scope="module")
def published_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five weeks of three officers, published, no leave: solved once for the module."""
    folder = tmp_path_factory.mktemp("published")
    rostered(
        folder,
        scenario_text("2026-07-27", "2026-08-30", {}),
        "--publish",
        "--db",
        folder / "s92.db",
    )
    return folder


def published_copy(folder: Path, tmp_path: Path) -> pd.DataFrame:
    """The published roster's folder copied to ``tmp_path`` (its store, scenario and v1)."""
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    return read_roster_csv(tmp_path / "v1" / "roster.csv")


def test_leave_logged_over_published_rest_days_keeps_them(
    published_small: Path, tmp_path: Path
) -> None:
    """Leave logged after publication over a week holding two published rest days: they
    stay REST (the leave's rest days), so the re-roster changes only the duty days the
    leave takes and re-rosters no rest day elsewhere."""
    table = published_copy(published_small, tmp_path)
    mine = states(table, "O3", "2026-08-03", "2026-08-30")
    days = sorted(mine)
    first = next(
        d for i, d in enumerate(days[:-6]) if [mine[x] for x in days[i : i + 7]].count("REST") == 2
    )
    last = (date.fromisoformat(first) + timedelta(days=6)).isoformat()
    logged_leave(tmp_path, "O3", first, last)
    new = rerostered(tmp_path)
    was = states(table, "O3", first, last)
    now = states(new, "O3", first, last)
    rested = [d for d, s in was.items() if s == "REST"]
    assert [d for d, s in now.items() if s == "REST"] == rested
    assert [d for d, s in now.items() if s == "LEAVE"] == [d for d in was if d not in rested]
    changes = pd.read_csv(tmp_path / "v2" / "changes.csv", dtype=str)
    own = changes[changes["officer_id"] == "O3"]
    assert sorted(own["date"]) == [d for d in was if d not in rested]


def test_leave_on_all_but_the_last_day_holds_the_rest_days_of_its_part_week(
    tmp_path: Path,
) -> None:
    """O1 away all but the last day of twelve weeks: 83 days of leave hold 23 of the 24 rest
    days owed (its 11 whole weeks' 22, and one of its part-week, there being only one day
    outside it for the other two), and the last day is the 24th. Before, the roster was
    refused ('owes 24 rest days ... 22 of them in leave, but only 1 day is free')."""
    text = scenario_text("2026-06-01", "2026-08-23", {"O1": "2026-06-01/2026-08-22"})
    table = rostered(tmp_path, text)
    away = states(table, "O1", "2026-06-01", "2026-08-22")
    assert sorted(away.values()) == ["LEAVE"] * 60 + ["REST"] * 23
    assert states(table, "O1", "2026-08-23", "2026-08-23") == {"2026-08-23": "REST"}


def test_leave_running_past_the_roster_holds_the_rest_days_no_other_day_can(
    tmp_path: Path,
) -> None:
    """O1's leave runs from the roster's second day on past its last (13 of its 14 days):
    O1 owes 4 rest days over the 14, and the one day outside the leave can hold only one,
    so the leave holds 3, its part-week's too (at most 4, two weekends'). Before, it held
    the 2 of its whole week and the contract could not be rostered ('owes 4 rest days ...
    but only 1 day is free'; scenario_generate seed 717, a contract starting the day
    before an officer's fortnight away)."""
    text = scenario_text("2026-08-02", "2026-08-15", {"O1": "2026-08-03/2026-08-28"})
    table = rostered(tmp_path, text)
    away = states(table, "O1", "2026-08-03", "2026-08-15")
    assert sorted(away.values()) == ["LEAVE"] * 10 + ["REST"] * 3
    assert states(table, "O1", "2026-08-02", "2026-08-02") == {"2026-08-02": "REST"}


def test_leave_with_days_enough_outside_it_holds_only_its_whole_weeks_rest(
    tmp_path: Path,
) -> None:
    """The same 13 days of leave in a roster of four weeks: the 15 days outside it hold the
    rest days its part-week would, so it holds its whole week's 2, as before."""
    text = scenario_text("2026-08-02", "2026-08-29", {"O1": "2026-08-03/2026-08-15"})
    table = rostered(tmp_path, text)
    away = states(table, "O1", "2026-08-03", "2026-08-15")
    assert sorted(away.values()) == ["LEAVE"] * 11 + ["REST"] * 2
