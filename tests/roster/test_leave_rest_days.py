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


def window(mine: dict[str, str], length: int, wanted: Callable[[list[str]], bool]) -> list[str]:
    days = sorted(mine)
    return next(
        days[i : i + length]
        for i in range(len(days) - length + 1)
        if wanted([mine[d] for d in days[i : i + length]])
    )


def test_a_long_weekend_away_keeps_its_published_rest_days(
    published_small: Path, tmp_path: Path
) -> None:
    """Leave logged after publication for four days over two published rest days (a
    Friday to Monday over a weekend off): the rest days stay REST and only the two duty
    days become LEAVE; no rest day of the officer's is re-rostered. Before, all four were
    LEAVE (the officer spent 4 days of leave where 2 were needed) and two rest days were
    rostered elsewhere."""
    table = published_copy(published_small, tmp_path)
    mine = states(table, "O3", "2026-08-03", "2026-08-30")
    run = window(mine, 4, lambda s: s[0] != "REST" and s[-1] != "REST" and s.count("REST") == 2)
    logged_leave(tmp_path, "O3", run[0], run[-1])
    new = rerostered(tmp_path)
    now = states(new, "O3", "2026-07-27", "2026-08-30")
    was = states(table, "O3", "2026-07-27", "2026-08-30")
    assert [now[d] for d in run] == ["LEAVE" if was[d] != "REST" else "REST" for d in run]
    assert {d for d in now if now[d] != was[d]} == {run[0], run[-1]}
    kinds = new[(new["officer_id"] == "O3") & new["date"].isin(run)]["kind"].tolist()
    assert kinds == ["leave"] * 4  # the rest days marked with the leave they fall in
    changes = pd.read_csv(tmp_path / "v2" / "changes.csv", dtype=str)
    assert sorted(changes[changes["officer_id"] == "O3"]["date"]) == [run[0], run[-1]]


def test_a_week_away_holding_more_rest_than_published_cancels_no_rest_day(
    published_small: Path, tmp_path: Path
) -> None:
    """A week of leave logged after publication holds two rest days, but the published
    roster had fewer inside it: the week's rest days are an extra day off, and no rest day
    the officer was published elsewhere is turned into duty. Before, the exact count of rest
    days in the re-rostered window took a published rest day away to make room."""
    table = published_copy(published_small, tmp_path)
    mine = states(table, "O3", "2026-08-03", "2026-08-30")
    run = window(mine, 7, lambda s: s.count("REST") < 2)
    logged_leave(tmp_path, "O3", run[0], run[-1])
    new = rerostered(tmp_path)
    was = states(table, "O3", "2026-07-27", "2026-08-30")
    now = states(new, "O3", "2026-07-27", "2026-08-30")
    assert sum(now[d] == "REST" for d in run) == 2
    cancelled = [d for d in was if was[d] == "REST" and now[d] != "REST"]
    assert cancelled == []


def test_an_officer_on_leave_every_day_of_the_roster_can_be_rostered(tmp_path: Path) -> None:
    """O1 on leave all 12 days of the roster owes 3 rest days over them (2 a week): the
    leave holds all 3, there being no other day for them. Before, it held the 2 of its
    whole week and the roster was refused ('owes 3 rest days ... but only 0 days are
    free'): found by scenario_generate seed 133, an officer on long leave through the
    whole time their contract runs in the horizon."""
    text = scenario_text("2026-08-03", "2026-08-14", {"O1": "2026-07-20/2026-09-30"})
    table = rostered(tmp_path, text)
    away = states(table, "O1", "2026-08-03", "2026-08-14")
    assert sorted(away.values()) == ["LEAVE"] * 9 + ["REST"] * 3


def test_leave_wholly_on_published_rest_days_of_an_officer_with_rest_to_spare(
    published_small: Path, tmp_path: Path
) -> None:
    """An officer published 2 rest days more than owed, four of them in a row: leave
    logged over those four takes no duty day, so all four stay REST (no leave is charged
    for a day the officer was off anyway) and the re-roster changes nothing. Before, only
    2 stayed REST (a week's for a part-week of leave): the other 2 became LEAVE and two
    rest days were re-rostered onto published tours elsewhere."""
    table = published_copy(published_small, tmp_path)
    mine = states(table, "O3", "2026-08-03", "2026-08-30")
    run = window(mine, 4, lambda s: s[0] == "REST" and s[-1] == "REST" and s.count("REST") == 2)
    edited = table.copy()
    spare = (edited["officer_id"] == "O3") & edited["date"].isin(run[1:3])
    edited.loc[spare, "state"] = "REST"
    for column in ("shift", "start", "end", "event"):
        edited.loc[spare, column] = ""
    edited.loc[spare, "hours"] = 0.0
    edited.to_csv(tmp_path / "edited.csv", index=False)
    code = s92(
        "publish", tmp_path / "small.toml", tmp_path / "edited.csv", "--db",
        tmp_path / "s92.db", "--notified", "2026-07-20", "--out", tmp_path / "pub",
    )  # fmt: skip
    assert code == 0
    logged_leave(tmp_path, "O3", run[0], run[-1])
    new = rerostered(tmp_path)
    assert [states(new, "O3", run[0], run[-1])[d] for d in run] == ["REST"] * 4
    changes = pd.read_csv(tmp_path / "v2" / "changes.csv", dtype=str)
    assert changes.empty


def booked_then_voided(tmp_path: Path, run: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """O3's leave over ``run`` logged, re-rostered and published (v2), then voided and
    re-rostered (v3, checked by the independent checker): the two rosters."""
    logged_leave(tmp_path, "O3", run[0], run[-1])
    code = s92(
        "reroster", tmp_path / "small.toml", "--from", "2026-08-01", "--out", tmp_path / "v2",
        "--db", tmp_path / "s92.db", "--time-limit", 5, "--seed", 1, "--publish",
    )  # fmt: skip
    assert code == 0
    assert s92("abstract", "void", 1, "--reason", "cancelled", "--db", tmp_path / "s92.db") == 0
    code = s92(
        "reroster", tmp_path / "small.toml", "--from", "2026-08-01", "--out", tmp_path / "v3",
        "--db", tmp_path / "s92.db", "--time-limit", 5, "--seed", 1, "--notified",
        "2026-07-10",
    )  # fmt: skip
    assert code == 0
    new = read_roster_csv(tmp_path / "v3" / "roster.csv")
    assert check_roster(load_scenario(tmp_path / "small.toml"), new).breaches == []
    return read_roster_csv(tmp_path / "v2" / "roster.csv"), new


def test_leave_voided_gives_back_its_duty_days_and_keeps_the_rest_days_it_held(
    published_small: Path, tmp_path: Path
) -> None:
    """Leave logged over a fortnight holding published rest days, re-rostered and
    published, then cancelled (its entry voided): the next re-roster gives the leave days
    back as duty and the rest days it held stay rest days, as published. Before, every
    day of the voided leave was rostered afresh at no cost, so the rest days it held were
    moved about (published rest days cancelled, with Annex G compensation) for nothing."""
    table = published_copy(published_small, tmp_path)
    mine = states(table, "O3", "2026-08-03", "2026-08-30")
    run = window(mine, 14, lambda s: s.count("REST") in (3, 4) and s[0] != "REST")
    booked, new = booked_then_voided(tmp_path, run)
    was = states(booked, "O3", run[0], run[-1])
    now = states(new, "O3", run[0], run[-1])
    assert [d for d in run if now[d] == "REST"] == [d for d in run if was[d] == "REST"]
    assert {now[d] for d in run if was[d] != "REST"} == {"DUTY"}  # the leave days back on duty
    changes = pd.read_csv(tmp_path / "v3" / "changes.csv", dtype=str, keep_default_na=False)
    assert not changes["compensation"].str.contains("rest day").any()


def test_the_day_off_more_a_voided_leave_made_stays_a_rest_day(
    published_small: Path, tmp_path: Path
) -> None:
    """A week of leave over a published week with fewer than two rest days makes a
    published duty day REST (the week's own rest day, a day off more); the leave is then
    cancelled. The next re-roster gives the leave days back as duty and leaves that day a
    rest day: the officer was told it is one, and a rostered rest day worked is owed back
    under Annex G (time and a half inside 15 clear days' notice, another rest day beyond),
    so putting it back on duty would cost overtime or a rest day moved elsewhere and give
    the council no duty day. A planner's decision, kept under test."""
    table = published_copy(published_small, tmp_path)
    mine = states(table, "O3", "2026-08-03", "2026-08-30")
    run = window(mine, 7, lambda s: s.count("REST") < 2)
    with_leave, new = booked_then_voided(tmp_path, run)
    booked = states(with_leave, "O3", run[0], run[-1])
    more = [d for d in run if booked[d] == "REST" and mine[d] != "REST"]
    assert more  # the case worth testing: a published duty day the leave made REST
    now = states(new, "O3", run[0], run[-1])
    assert [now[d] for d in more] == ["REST"] * len(more)
    assert {now[d] for d in run if booked[d] == "LEAVE"} == {"DUTY"}
    changes = pd.read_csv(tmp_path / "v3" / "changes.csv", dtype=str, keep_default_na=False)
    assert not set(changes.loc[changes["officer_id"] == "O3", "date"]) & set(more)


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
