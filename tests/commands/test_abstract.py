"""``s92 abstract``: add, void, list, import; every bad input exits 2 and writes nothing, and
an entry the published roster could not take is refused when it is added."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date, time, timedelta
from pathlib import Path

import pandas as pd
import pytest

from scheduler.cli import main
from scheduler.store import Store
from scheduler.table import COLUMNS, EXTRA_COLUMNS

SCENARIO = """
[scenario]
name = "Test Borough"
start = 2026-04-01
end = 2026-12-31

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "TB-A"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
years = 3
posts = { constable = 2, sergeant = 1 }
penalised_kinds = ["operational", "mutual_aid"]

[[contract]]
id = "TB-B"
council = "London Borough of Elsewhere"
bcu = "YY"
start = 2026-06-01
years = 1
posts = { constable = 1 }

[[officer]]
id = "A-01"
contract = "TB-A"
rank = "sergeant"

[[officer]]
id = "A-02"
contract = "TB-A"
rank = "constable"

[[officer]]
id = "B-01"
contract = "TB-B"
rank = "constable"
"""
HEADER = "officer_id,date,end_date,kind,reason,authorised_by,notified,start,end\n"
ROWS = [
    "A-01,2026-05-04,2026-05-06,court,Snaresbrook Crown Court,Insp Okafor,2026-04-20,,\n",
    "A-02,2026-05-04,,training,Public order refresher,Sgt Lee,2026-04-01,09:00,13:00\n",
    "B-01,2026-07-01,,mutual_aid,Borough event,Insp Okafor,2026-06-20,,\n",
]


def weekday_roster() -> pd.DataFrame:
    """Every officer on the early tour Monday to Friday, at rest at weekends: enough for the
    store to say which days have a tour to keep (it need not be lawful)."""
    rows = []
    for officer, contract in (("A-01", "TB-A"), ("A-02", "TB-A"), ("B-01", "TB-B")):
        day = date(2026, 4, 1)
        while day <= date(2026, 12, 31):
            duty = day.weekday() < 5
            rows.append(
                {
                    "officer_id": officer,
                    "contract_id": contract,
                    "rank": "sergeant" if officer == "A-01" else "constable",
                    "date": day.isoformat(),
                    "state": "DUTY" if duty else "REST",
                    "shift": "E" if duty else "",
                    "start": f"{day}T07:00:00+01:00" if duty else "",
                    "end": f"{day}T15:00:00+01:00" if duty else "",
                    "hours": 8.0 if duty else 0.0,
                    "event": "",
                    "kind": "",
                    "abstraction_id": "",
                }
            )
            day += timedelta(1)
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The scenario, and a store holding its published roster (no entries yet)."""
    scenario = tmp_path / "borough.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster("Test Borough", weekday_roster())
    return scenario, db


def add_args(scenario: Path, db: Path, **changes: str | None) -> list[str]:
    options: dict[str, str | None] = {
        "--officer": "A-01",
        "--date": "2026-05-04",
        "--kind": "court",
        "--reason": "Snaresbrook Crown Court",
        "--authorised-by": "Insp Okafor",
        "--notified": "2026-04-20",
        "--db": str(db),
    }
    options.update({f"--{k.replace('_', '-')}": v for k, v in changes.items()})
    argv = ["abstract", "add", str(scenario)]
    for option, value in options.items():
        if value is not None:
            argv += [option, value]
    return argv


def logged(db: Path) -> int:
    """Entries in the store's log (0 if there is no store)."""
    if not db.exists():
        return 0
    with Store(db) as store:
        return len(store.entries())


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- add -------------------------------------------------------------------------------------


def test_add_prints_the_new_id_and_logs_the_entry(files, capsys) -> None:
    scenario, db = files
    code, out, err = run(
        add_args(scenario, db, to="2026-05-05", start="22:00", end="07:00"), capsys
    )
    assert (code, out, err) == (0, "1\n", "")
    with Store(db) as store:
        [e] = store.entries()
    assert (e.officer_id, e.contract_id, str(e.last_date), f"{e.start:%H:%M}") == (
        "A-01",
        "TB-A",
        "2026-05-05",
        "22:00",
    )
    assert run(add_args(scenario, db, officer="A-02"), capsys)[:2] == (0, "2\n")


def test_scenario_may_be_given_as_an_option_or_left_out(files, capsys) -> None:
    scenario, db = files
    argv = add_args(scenario, db)
    argv.remove(str(scenario))
    assert run([*argv, "--scenario", str(scenario)], capsys)[:2] == (0, "1\n")
    # without a scenario only structure is checked: an officer it does not know is fine,
    # given times of its own (no roster can say which tour it would keep)
    code, out, _ = run([*argv, "--officer", "Z-99", "--start", "09:00", "--end", "17:00"], capsys)
    assert (code, out) == (0, "2\n")
    code, out, err = run([*argv, "--officer", "Z-98"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("<command line>: --start: court without times keeps the officer's")
    with Store(db) as store:
        assert [e.contract_id for e in store.entries()] == ["TB-A", ""]
    other = scenario.with_name("other.toml")
    other.write_text(SCENARIO)
    code, _, err = run([*add_args(scenario, db, officer="A-02"), "--scenario", str(other)], capsys)
    assert code == 2
    assert "two scenarios given" in err


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"officer": "Z-99"},
            "<command line>: --officer: unknown officer in scenario 'Test Borough' (got 'Z-99')",
        ),
        ({"kind": "secondment"}, "<command line>: --kind: unknown entry kind"),
        ({"officer": "B-01"}, "<command line>: --date: outside contract TB-B's term"),
        ({"date": "2027-01-04"}, "<command line>: --date: outside the scenario horizon"),
        ({"to": "2026-05-01"}, "<command line>: --to: ends before the entry starts"),
        ({"start": "09:00"}, "<command line>: --end: give both start and end"),
        ({"start": "09:00", "end": "5pm"}, "<command line>: --end: not a clock time HH:MM"),
        ({"notified": "yesterday"}, "<command line>: --notified: not a date YYYY-MM-DD"),
        (  # once kept, and listed with its times, as if half a day of leave were possible
            {"kind": "leave", "start": "09:00", "end": "13:00"},
            "<command line>: --start: leave is whole days off, with no tour: leave start and "
            "end blank (got '09:00')",
        ),
        (
            {"kind": "Sick", "start": "07:00", "end": "15:00"},
            "<command line>: --start: sickness is whole days off, with no tour",
        ),
        ({"reason": " "}, "<command line>: --reason: must not be empty"),
        (  # 2026-05-09 is a Saturday: a rest day, with no tour to keep
            {"date": "2026-05-09", "kind": "operational"},
            "<command line>: --start: operational without times on 2026-05-09, a REST day: no "
            "rostered tour to keep in the published roster: give the entry's own start and end",
        ),
        (
            {"to": "2026-05-10"},
            "<command line>: --start: court without times on 2026-05-09, a REST day",
        ),
    ],
)
def test_each_bad_add_exits_2_with_one_line_and_writes_nothing(
    files, capsys, changes: dict[str, str], message: str
) -> None:
    scenario, db = files
    code, out, err = run(add_args(scenario, db, **changes), capsys)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert logged(db) == 0


def test_an_overlapping_add_names_the_live_entry_and_writes_nothing(files, capsys) -> None:
    scenario, db = files
    run(add_args(scenario, db, to="2026-05-08"), capsys)
    code, _, err = run(add_args(scenario, db, date="2026-05-08", kind="training"), capsys)
    assert code == 2
    assert err.startswith(
        "<command line>: --date: overlaps live entry #1 (A-01 2026-05-04 to 2026-05-08 court)"
    )
    assert logged(db) == 1


def test_missing_options_and_bad_scenarios_exit_2(files, capsys) -> None:
    scenario, db = files
    code, _, err = run(add_args(scenario, db, reason=None), capsys)
    assert code == 2
    assert "--reason" in err
    code, _, err = run(add_args(scenario.with_name("nope.toml"), db), capsys)
    assert code == 2
    assert "no such file" in err
    assert logged(db) == 0


def test_the_store_comes_from_s92_db_when_no_db_is_given(files, capsys, monkeypatch) -> None:
    scenario, db = files
    monkeypatch.setenv("S92_DB", str(db))
    argv = add_args(scenario, db)
    argv = argv[: argv.index("--db")]  # --db is the last option
    assert run(argv, capsys)[:2] == (0, "1\n")
    assert logged(db) == 1


@pytest.mark.parametrize(
    "changes", [{"date": "2026-05-09", "kind": "operational"}, {"to": "2026-05-10"}]
)
def test_on_a_rest_day_an_entry_works_its_own_times(files, capsys, changes) -> None:
    scenario, db = files
    code, out, _ = run(add_args(scenario, db, **changes, start="10:00", end="18:00"), capsys)
    assert (code, out) == (0, "1\n")


def test_without_a_published_roster_a_kept_tour_is_refused(files, capsys, tmp_path) -> None:
    scenario, _ = files
    db = tmp_path / "empty.db"
    code, _, err = run(add_args(scenario, db), capsys)
    assert code == 2
    assert "no published roster of 'Test Borough' gives A-01 a tour" in err
    assert not db.exists()  # refused before the store is even created
    assert run(add_args(scenario, db, kind="sickness"), capsys)[:2] == (0, "1\n")


def test_leave_of_any_length_is_an_entry_and_duty_on_scenario_leave_is_refused(
    files, capsys
) -> None:
    scenario, db = files
    text = scenario.read_text().replace(
        'rank = "constable"', 'rank = "constable"\nleave = ["2026-06-01/2026-06-05"]', 1
    )
    scenario.write_text(text)
    # a fortnight's leave over two weekends: one entry, rest days and all
    leave = add_args(scenario, db, officer="A-01", date="2026-06-01", to="2026-06-14")
    assert run([*leave, "--kind", "leave"], capsys)[:2] == (0, "1\n")
    code, _, err = run(
        add_args(scenario, db, officer="A-02", date="2026-06-03", start="09:00", end="17:00"),
        capsys,
    )
    assert code == 2
    assert err.startswith(
        "<command line>: --date: A-02 is on leave on 2026-06-03 in the scenario file"
    )
    sick = add_args(scenario, db, officer="A-02", date="2026-06-03", kind="sickness")
    assert run(sick, capsys)[:2] == (0, "2\n")  # sickness on leave: the checker allows it


def test_import_refuses_every_row_the_roster_cannot_take(files, capsys, tmp_path) -> None:
    scenario, db = files
    path = tmp_path / "abs.csv"
    bad = "A-02,2026-05-16,,court,x,y,2026-05-01,,\n"  # a Saturday, no times
    path.write_text(HEADER + "".join(ROWS) + bad, encoding="utf-8")
    code, _, err = run(["abstract", "import", str(scenario), str(path), "--db", str(db)], capsys)
    assert code == 2
    assert err.startswith(f"{path}: row 5: start: court without times on 2026-05-16, a REST")
    assert logged(db) == 0


def test_import_refuses_leave_with_times_naming_the_row(files, capsys, tmp_path) -> None:
    scenario, db = files
    path = tmp_path / "abs.csv"
    half_day = "A-02,2026-05-05,,Annual Leave,x,y,2026-05-01,09:00,13:00\n"
    path.write_text(HEADER + "".join(ROWS) + half_day, encoding="utf-8")
    code, _, err = run(["abstract", "import", str(scenario), str(path), "--db", str(db)], capsys)
    assert code == 2
    assert err == (
        f"{path}: row 5: start: leave is whole days off, with no tour: leave start and end "
        "blank (got '09:00')\n"
    )
    assert logged(db) == 0


# -- void and list ------------------------------------------------------------------------------


def test_void_then_list_shows_the_links(files, capsys) -> None:
    scenario, db = files
    run(add_args(scenario, db), capsys)
    run(add_args(scenario, db, officer="A-02"), capsys)
    code, out, _ = run(
        ["abstract", "void", "1", "--reason", "trial adjourned", "--db", str(db)], capsys
    )
    assert (code, out) == (0, "3\n")
    code, out, _ = run(["abstract", "list", "--csv", "--db", str(db)], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["voids"], r["voided_by"], r["reason"]) for r in rows] == [
        ("1", "", "3", "Snaresbrook Crown Court"),
        ("2", "", "", "Snaresbrook Crown Court"),
        ("3", "1", "", "trial adjourned"),
    ]
    assert rows[2]["authorised_by"] == "Insp Okafor"  # defaults to the original's
    assert out.splitlines()[0].startswith("id,officer_id,contract_id,first_date,last_date")
    code, out, _ = run(["abstract", "list", "--db", str(db)], capsys)
    assert code == 0
    assert "voided by #3" in out
    assert "voids #1" in out
    assert "live" in out
    code, out, _ = run(["abstract", "list", "--live", "--csv", "--db", str(db)], capsys)
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["2"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["1", "--reason", "again"], "abstraction #1: already voided by #2"),
        (["2", "--reason", "again"], "abstraction #2: is a voiding entry"),
        (["9", "--reason", "again"], "abstraction #9: no such abstraction"),
        (["1", "--reason", ""], "give a reason"),
        (["x", "--reason", "again"], "not a whole number"),
        (["1", "--reason", "r", "--notified", "soon"], "--notified: not a date"),
        # kept for ever in the log: checked as an entry's are (the web's void checked them,
        # the command's did not)
        (["1", "--reason", "x" * 2_001], "reason: longer than 2,000 characters"),
        (["1", "--reason", "r", "--authorised-by", "Sgt\tB"], "authorised_by: holds a control"),
    ],
)
def test_bad_voids_exit_2_and_write_nothing(files, capsys, argv, message) -> None:
    scenario, db = files
    run(add_args(scenario, db), capsys)
    run(["abstract", "void", "1", "--reason", "wrong", "--db", str(db)], capsys)
    code, _, err = run(["abstract", "void", *argv, "--db", str(db)], capsys)
    assert code == 2
    assert message in err
    assert logged(db) == 2


def test_void_reads_notified_as_add_does(files, capsys) -> None:
    """--notified 01/06/2026 was refused by void (ISO only) while add takes UK dates."""
    scenario, db = files
    run(add_args(scenario, db, notified="20/04/2026"), capsys)
    argv = ["abstract", "void", "1", "--reason", "r", "--notified", "01/06/2026"]
    assert run([*argv, "--db", str(db)], capsys)[:2] == (0, "2\n")
    _, out, _ = run(["abstract", "list", "--csv", "--db", str(db)], capsys)
    assert [r["notified"] for r in csv.DictReader(io.StringIO(out))] == [
        "2026-04-20",
        "2026-06-01",
    ]


def test_reading_a_missing_store_is_an_error_and_creates_nothing(tmp_path, capsys) -> None:
    db = tmp_path / "none.db"
    for argv in (["list"], ["void", "1", "--reason", "r"]):
        code, _, err = run(["abstract", *argv, "--db", str(db)], capsys)
        assert code == 2
        assert "no such store file" in err
    assert not db.exists()


def test_list_with_a_scenario_shows_only_its_officers(files, capsys) -> None:
    scenario, db = files
    argv = add_args(scenario, db)
    argv.remove(str(scenario))
    # an officer of some other scenario
    run([*argv, "--officer", "Z-99", "--start", "09:00", "--end", "17:00"], capsys)
    run(add_args(scenario, db), capsys)
    _code, out, _ = run(["abstract", "list", str(scenario), "--csv", "--db", str(db)], capsys)
    assert [r["officer_id"] for r in csv.DictReader(io.StringIO(out))] == ["A-01"]


def test_list_with_a_scenario_leaves_out_another_councils_officer_of_the_same_id(
    files, capsys, tmp_path
) -> None:
    """Two councils in one store may each have an officer A-01: the list of one scenario
    showed the other's entries too, as if its own officer's."""
    scenario, db = files
    other = tmp_path / "other.toml"
    text = SCENARIO.replace('"TB-A"', '"OT-A"').replace('name = "Test Borough"', 'name = "Other"')
    other.write_text(text, encoding="utf-8")
    assert run(add_args(other, db, date="2026-06-01", kind="sickness"), capsys)[0] == 0
    assert run(add_args(scenario, db), capsys)[0] == 0
    _code, out, _ = run(["abstract", "list", str(scenario), "--csv", "--db", str(db)], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["officer_id"], r["contract_id"]) for r in rows] == [("A-01", "TB-A")]


# -- import --------------------------------------------------------------------------------------


def test_import_is_idempotent(files, capsys, tmp_path) -> None:
    scenario, db = files
    path = tmp_path / "abs.csv"
    path.write_text(HEADER + "".join(ROWS[:2]), encoding="utf-8")
    argv = ["abstract", "import", str(scenario), str(path), "--db", str(db)]
    assert run(argv, capsys)[:2] == (0, f"{path}: 2 entries added, 0 already logged\n")
    assert run(argv, capsys)[:2] == (0, f"{path}: 0 entries added, 2 already logged\n")
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")  # one row more
    assert run(argv, capsys)[:2] == (0, f"{path}: 1 entry added, 2 already logged\n")
    with Store(db) as store:
        entries = store.entries()
    assert [e.officer_id for e in entries] == ["A-01", "A-02", "B-01"]
    assert all(e.source_key for e in entries)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("A-02,2026-06-01,,court,x,y,2026-05-31,9,\n", "row 5: start: not a clock time"),
        (
            "A-02,2026-06-01,,court,x,y,05/31/2026,,\n",
            # a US-locale save: said so, as every reader of a user's dates says it
            "row 5: notified: the dates are written month first, as a US-locale "
            "spreadsheet saves them (there is no month 31)",
        ),
        ("Z-99,2026-06-01,,court,x,y,2026-05-31,,\n", "row 5: officer_id: unknown officer"),
        ("A-02,2026-06-01,,nap,x,y,2026-05-31,,\n", "row 5: kind: unknown entry kind"),
        ("A-01,2026-05-06,,court,x,y,2026-04-30,,\n", "row 5: overlaps row 2"),
    ],
)
def test_import_is_all_or_nothing(files, capsys, tmp_path, bad_row, message) -> None:
    scenario, db = files
    path = tmp_path / "abs.csv"
    path.write_text(HEADER + "".join(ROWS) + bad_row, encoding="utf-8")
    code, out, err = run(["abstract", "import", str(scenario), str(path), "--db", str(db)], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: {message}")
    assert logged(db) == 0


def test_import_overlapping_the_log_writes_nothing(files, capsys, tmp_path) -> None:
    scenario, db = files
    run(add_args(scenario, db, officer="B-01", date="2026-07-01"), capsys)
    path = tmp_path / "abs.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    code, _, err = run(["abstract", "import", str(scenario), str(path), "--db", str(db)], capsys)
    assert code == 2
    assert err.startswith(f"{path}: row 4: overlaps live entry #1")
    assert logged(db) == 1


def test_bad_input_never_shows_a_traceback(files, tmp_path) -> None:
    scenario, db = files
    path = tmp_path / "abs.csv"
    path.write_text("officer,when\nA-01,soon\n", encoding="utf-8")
    env = {**os.environ, "S92_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "abstract", "import", str(scenario), str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(
        f"{path}: row 1: not a CSV of entries: columns officer_id, date, kind, reason, "
        "authorised_by, notified missing, officer, when unknown (expected"
    )
    assert len(done.stderr.splitlines()) == 1
    assert logged(db) == 0


def test_a_tour_in_the_hour_the_clocks_repeat_is_logged_with_a_note(files, capsys) -> None:
    """01:30 on Sunday 25 October 2026 happens twice: logged as the first, and said so."""
    scenario, db = files
    times = {"date": "2026-10-25", "start": "01:30", "end": "09:00", "kind": "training"}
    assert main(add_args(scenario, db, **times)) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1"
    assert err == (
        "note: A-01 2026-10-25: start 01:30 happens twice as the clocks go back; read as "
        "the first, 01:30 BST (an hour before 01:30 GMT)\n"
    )
    with Store(db) as store:
        [entry] = store.entries()
    assert (entry.start, entry.end) == (time(1, 30), time(9))


def test_a_clock_time_the_clocks_skip_is_one_line_exit_2_and_nothing_logged(
    files, capsys, tmp_path
) -> None:
    scenario, db = files
    no_scenario = add_args(
        scenario, db, date="2026-03-29", start="01:30", end="09:00", notified="2026-03-20"
    )
    no_scenario.remove(str(scenario))
    assert main(no_scenario) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(
        "<command line>: --start: 01:30 does not exist on 2026-03-29 in London (the clocks "
        "go forward an hour over it)"
    )
    assert line.endswith("(got '01:30')")
    log = tmp_path / "log.csv"
    log.write_text(
        HEADER + "A-02,2026-10-24,,training,Night course,Sgt Lee,2026-10-01,22:00,01:15\n"
    )
    assert main(["abstract", "import", str(scenario), str(log), "--db", str(db)]) == 0
    assert "note: A-02 2026-10-25: end 01:15 happens twice" in capsys.readouterr().err
    assert logged(db) == 1


def test_an_officer_of_two_councils_needs_the_scenario(files, capsys) -> None:
    """Two councils in one store may both have an A-01. An entry logged without a scenario
    has no contract, and was applied by both councils' re-rosters: one officer's course
    on another council's officer's roster. Refused, exit 2, nothing logged; with the
    scenario, or for an id only one roster holds, it is logged."""
    scenario, db = files
    other = weekday_roster().replace({"contract_id": {"TB-A": "XX-A", "TB-B": "XX-B"}})
    with Store(db) as store:
        store.publish_roster("Another Borough", other)
    no_scenario = add_args(scenario, db, start="09:00", end="17:00")
    no_scenario.remove(str(scenario))
    code, out, err = run(no_scenario, capsys)
    assert (code, out) == (2, "")
    assert err == (
        "<command line>: --officer: officer A-01 is in the published rosters of Another "
        "Borough (XX-A) and Test Borough (TB-A): give the scenario file, so that the entry "
        "is one council's officer's (got 'A-01')\n"
    )
    assert logged(db) == 0
    assert run(add_args(scenario, db), capsys)[:2] == (0, "1\n")
    with Store(db) as store:
        store.publish_roster("Another Borough", other[other["officer_id"] != "B-01"])
    elsewhere = add_args(scenario, db, officer="B-01", date="2026-07-01", start="09:00")
    elsewhere.remove(str(scenario))
    assert run([*elsewhere, "--end", "17:00"], capsys)[:2] == (0, "2\n")


# -- entries whose tours together break a rule --------------------------------------------


def test_two_entries_closer_than_the_rest_between_tours_are_refused_when_logged(
    files, capsys
) -> None:
    """Each entry alone is lawful; together their fixed tours leave 8 h rest, which no
    re-roster can mend: the second is refused at once, naming the rule, the times and the
    first entry, and not logged."""
    scenario, db = files
    late = add_args(scenario, db, date="2026-05-11", kind="training", start="13:00", end="23:00")
    assert run(late, capsys)[:2] == (0, "1\n")
    early = add_args(scenario, db, date="2026-05-12", kind="training", start="07:00", end="15:00")
    code, out, err = run(early, capsys)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "<command line>: --start: with entry 1 (A-01 training 2026-05-11 13:00-23:00): 8.0 h "
        "rest between the tour ending 2026-05-11 23:00 and the tour starting 2026-05-12 07:00; "
        "at least 11 h (min_rest_hours); no lawful roster holds both: change this entry's "
        "times, or void the other first (got 'A-01 2026-05-12 training')"
    ]
    assert logged(db) == 1
    # 11 hours is enough; another officer's day is no business of A-01's
    later = add_args(scenario, db, date="2026-05-12", kind="training", start="10:00", end="18:00")
    assert run(later, capsys)[:2] == (0, "2\n")
    assert run([*early[:-4], "--officer", "A-02", "--db", str(db)], capsys)[0] == 0


def test_a_kept_tour_and_an_entry_next_to_it_are_refused_together(files, capsys) -> None:
    """Court without times keeps the published early tour (07:00 on 2026-05-13); a night
    of training ending at 06:00 that morning overlaps it."""
    scenario, db = files
    assert run(add_args(scenario, db, date="2026-05-13"), capsys)[0] == 0
    night = add_args(scenario, db, date="2026-05-12", kind="training", start="22:00", end="06:00")
    code, _, err = run(night, capsys)
    assert code == 2
    assert "with entry 1 (A-01 court 2026-05-13): 1.0 h rest between the tour ending " in err
    assert "2026-05-13 06:00 and the tour starting 2026-05-13 07:00" in err
    assert logged(db) == 1


def test_entries_making_too_many_days_in_a_row_are_refused(files, capsys) -> None:
    """Training Monday to Friday with times of its own, then court over the weekend and on
    Monday: nine days in a row with a tour, over the seven allowed."""
    scenario, db = files
    course = add_args(
        scenario, db, date="2026-05-04", to="2026-05-08", kind="training", start="09:00",
        end="17:00",
    )  # fmt: skip
    assert run(course, capsys)[0] == 0
    court = add_args(scenario, db, date="2026-05-09", to="2026-05-12", start="10:00", end="16:00")
    code, _, err = run(court, capsys)
    assert code == 2
    assert "9 days in a row with a tour, 2026-05-04 to 2026-05-12; at most 7 " in err
    assert "(max_consecutive_duty_days)" in err
    assert logged(db) == 1


def test_a_voided_entry_no_longer_stands_in_the_way(files, capsys) -> None:
    scenario, db = files
    late = add_args(scenario, db, date="2026-05-11", kind="training", start="13:00", end="23:00")
    early = add_args(scenario, db, date="2026-05-12", kind="training", start="07:00", end="15:00")
    assert run(late, capsys)[0] == 0
    assert run(["abstract", "void", "1", "--reason", "moved", "--db", str(db)], capsys)[0] == 0
    assert run(early, capsys)[:2] == (0, "3\n")


def test_an_import_whose_rows_together_break_the_rest_writes_nothing(
    files, capsys, tmp_path
) -> None:
    scenario, db = files
    path = tmp_path / "abs.csv"
    rows = [
        "A-02,2026-06-01,,training,x,y,2026-05-20,14:00,22:00\n",
        "A-02,2026-06-02,,training,x,y,2026-05-20,06:00,14:00\n",
    ]
    path.write_text(HEADER + "".join(ROWS) + "".join(rows), encoding="utf-8")
    code, _, err = run(["abstract", "import", str(scenario), str(path), "--db", str(db)], capsys)
    assert code == 2
    assert err.startswith(f"{path}: row 6: start: with A-02 2026-06-01 training (row 5: date): ")
    assert "8.0 h rest between the tour ending 2026-06-01 22:00" in err
    assert logged(db) == 0


def test_an_entry_too_soon_after_an_aid_tour_everyone_works_is_refused(
    tmp_path: Path, capsys
) -> None:
    """Bonfire Night takes every officer available on aid until 01:00: training from 08:00
    the next morning leaves 7 hours' rest, and no re-roster can take the officer off aid
    (the year's simulations met it as 'no lawful roster' at the next re-roster). With aid
    for half the officers the re-roster may put another on aid: accepted."""
    table = weekday_roster()
    aid = (table["officer_id"] == "A-01") & (table["date"] == "2026-11-05")
    for column, value in {
        "state": "HDD_AID",
        "shift": "AID",
        "start": "2026-11-05T15:00:00+00:00",
        "end": "2026-11-06T01:00:00+00:00",
        "hours": 10.0,
        "event": "Million Mask March / Bonfire Night",
    }.items():
        table[column] = table[column].mask(aid, value)
    for share, expected in (("1.0", 2), ("0.5", 0)):
        scenario = tmp_path / f"borough-{share}.toml"
        scenario.write_text(SCENARIO + f"\n[high_demand]\nshare = {share}\n", encoding="utf-8")
        db = tmp_path / f"s92-{share}.db"
        with Store(db) as store:
            store.publish_roster("Test Borough", table)
        argv = add_args(
            scenario, db, date="2026-11-06", kind="training", start="08:00", end="16:00",
            notified="2026-10-20",
        )  # fmt: skip
        code, _, err = run(argv, capsys)
        assert code == expected
        if expected:
            assert err == (
                "<command line>: --start: with the Million Mask March / Bonfire Night aid tour "
                "of 2026-11-05, which every officer available works: 7.0 h rest between the "
                "tour ending 2026-11-06 01:00 and the tour starting 2026-11-06 08:00; at least "
                "11 h (min_rest_hours); no lawful roster holds both: change this entry's times "
                "(got 'A-01 2026-11-06 training')\n"
            )


def test_hdd_aid_on_a_day_that_is_no_high_demand_day_is_refused(files, capsys, tmp_path) -> None:
    """HDD aid is counted against the council's HDD allowance and never penalised: logged
    on an ordinary day (add, import, with or without times, or without the scenario to say
    which days are HDDs) it escaped the penalty an operational abstraction owes."""
    scenario, db = files
    for changes in (
        {"date": "2026-06-10"},
        {"date": "2026-06-10", "start": "10:00", "end": "18:00"},
        {"date": "2026-11-07", "to": "2026-11-08"},  # Remembrance Sunday, and the day before
    ):
        code, _, err = run(add_args(scenario, db, kind="HDD aid", **changes), capsys)
        assert code == 2
        day = changes["date"]
        assert err.startswith(
            f"<command line>: --date: {day} is not a High Demand Day in scenario 'Test Borough'"
        )
        assert len(err.splitlines()) == 1
    argv = add_args(scenario, db, kind="hdd_aid", date="2026-06-10", start="10:00", end="18:00")
    argv.remove(str(scenario))
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "--kind: HDD aid is checked against the scenario's" in err
    path = tmp_path / "aid.csv"
    path.write_text(HEADER + "A-02,2026-06-10,,hdd_aid,aid,Insp Okafor,2026-06-01,,\n")
    code, _, err = run(["abstract", "import", str(scenario), str(path), "--db", str(db)], capsys)
    assert code == 2
    assert err.startswith(f"{path}: row 2: date: 2026-06-10 is not a High Demand")
    assert logged(db) == 0
    # on the HDD itself, aid is logged
    code, out, _ = run(add_args(scenario, db, kind="hdd_aid", date="2026-11-08"), capsys)
    assert (code, out) == (0, "1\n")
