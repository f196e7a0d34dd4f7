"""``s92 ical`` and the iCal options of ``s92 calendar``: outputs and exit codes."""

from __future__ import annotations

import importlib
import importlib.util
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar, Event

from calendars import LONDON, high_demand_days
from scheduler.check import is_workbook, read_roster_csv
from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.scenario import load_scenario
from scheduler.scenario.load import read_toml, scenario_from_dict

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "scenarios" / "havering.toml"


def _export_tests() -> ModuleType:
    """The roster builder of tests/export/test_ical.py (this issue adds no conftest)."""
    path = ROOT / "tests" / "export" / "test_ical.py"
    spec = importlib.util.spec_from_file_location("_ical_export_tests", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def roster_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    helpers = _export_tests()
    scenario = helpers.load_scenario(HAVERING)
    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    helpers.roster_for(scenario).to_csv(path, index=False)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_rows(path: Path, header: str, rows: list[list[str]]) -> None:
    path.write_text("\n".join([header, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")


# --- s92 ical -------------------------------------------------------------------------------


def test_ical_writes_every_calendar_and_summarises(roster_csv, tmp_path, capsys) -> None:
    out = tmp_path / "feeds"
    code, stdout, stderr = run(capsys, "ical", HAVERING, roster_csv, "--out", out)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [
        f"5 officer calendars in {out / 'officers'}",
        f"1 contract calendar in {out / 'contracts'}",
        f"HDD calendar: {out / 'high-demand-days.ics'}",
    ]
    files = sorted(out.rglob("*.ics"))
    assert len(files) == 7
    for path in files:
        calendar = IcsCalendarStream.calendar_from_ics(path.read_bytes().decode("utf-8"))
        assert calendar.events
        Calendar.from_ical(Calendar.from_ical(path.read_bytes()).to_ical())
    before = (out / "officers" / "HAV-01.ics").read_bytes()
    assert run(capsys, "ical", HAVERING, roster_csv, "--out", out)[0] == 0
    after = (out / "officers" / "HAV-01.ics").read_bytes()
    uids = [line for line in before.splitlines() if line.startswith(b"UID:")]
    assert uids == [line for line in after.splitlines() if line.startswith(b"UID:")]


def test_a_roster_breaking_a_hard_rule_publishes_no_calendar(roster_csv, tmp_path, capsys):
    """A calendar is a publication: a roster the checker finds unlawful (here a bank holiday
    made a rest day) was exported, exit 0. Refused: one line per breach as s92 check words it, exit 2, nothing written."""
    table = pd.read_csv(roster_csv, dtype=str, keep_default_na=False)
    holiday = (table.officer_id == "HAV-01") & (table.date == "2026-04-03")
    assert table.loc[holiday, "state"].tolist() == ["PUBLIC_HOLIDAY"]
    table.loc[holiday, ["state", "event"]] = ["REST", ""]
    unlawful = tmp_path / "unlawful.csv"
    table.to_csv(unlawful, index=False)
    out = tmp_path / "feeds"
    code, stdout, stderr = run(capsys, "ical", HAVERING, unlawful, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"{unlawful}: breaks 1 hard rule (s92 check lists every one): no calendar written",
        f"{unlawful}: HAV-01 2026-04-03: bank-holiday: REST on bank holiday 'Good Friday'; "
        "a bank holiday is PUBLIC_HOLIDAY",
    ]
    assert not out.exists()


def test_a_folder_exported_with_another_store_is_refused(roster_csv, tmp_path, capsys) -> None:
    out = tmp_path / "feeds"
    first = ("--db", tmp_path / "first.db")
    assert run(capsys, "ical", HAVERING, roster_csv, "--out", out, *first)[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, _, stderr = run(capsys, "ical", HAVERING, roster_csv, "--out", out, "--db", tmp_path)
    assert code == 2  # --db a folder: not a store
    code, _, stderr = run(
        capsys, "ical", HAVERING, roster_csv, "--out", out, "--db", tmp_path / "other.db"
    )
    assert code == 2
    [line] = stderr.splitlines()
    assert ".s92-ical.json: uid_key_mark: the calendars here were made with a different" in line
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert run(capsys, "ical", HAVERING, roster_csv, "--out", out, *first)[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b"\xff\xfe\x00garbage\x00\x81", "not a text file, so not a roster CSV"),
        (b"officer_id,date\nHAV-01,2026-04-01\n", "missing columns contract_id, rank,"),
        (b"PK\x03\x04 a zip that is no workbook", "not a readable Excel workbook"),
        (b'officer_id,"contract_id\nHAV-01,HAV-PP\n', "not a readable CSV"),
    ],
)
def test_missing_or_garbled_roster_is_exit_2(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "roster.csv"
    if content is not None:
        path.write_bytes(content)
    code, stdout, stderr = run(capsys, "ical", HAVERING, path, "--out", tmp_path / "out")
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(f"{path}: ")
    assert message in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_bad_rows_are_named_by_row_column_and_value(roster_csv, tmp_path, capsys) -> None:
    lines = roster_csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    rows[0][header.index("date")] = "2026-13-01"
    rows[1][header.index("state")] = "ON_DUTY"
    duty = next(i for i, row in enumerate(rows) if row[header.index("state")] == "DUTY" and i > 1)
    rows[duty][header.index("start")] = "7am"
    path = tmp_path / "bad.csv"
    write_rows(path, lines[0], rows)
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "ical", HAVERING, path, "--out", out)
    assert (code, stdout) == (2, "")
    states = "DUTY, REST, LEAVE, PUBLIC_HOLIDAY, HDD_AID, EMERGENCY_AID, ABSTRACTED, SICK, "
    states += "TRAINING, COURT"
    assert stderr.splitlines() == [  # rows as a spreadsheet numbers them: the header is row 1
        f"{path}: row 2, column date: not a real date: there is no month 13 (got '2026-13-01')",
        f"{path}: row 3, column state: unknown state (use {states}) (got 'ON_DUTY')",
        f"{path}: row {duty + 2}, column start: not a date-time: ISO 8601 with UTC offset "
        "(2026-10-24T22:00:00+01:00) or London clock time (24/10/2026 22:00) (got '7am')",
    ]
    assert not out.exists()


def test_rows_the_scenario_does_not_have_are_refused(roster_csv, tmp_path, capsys) -> None:
    # a mistyped id or date would publish a calendar nobody owns and drop someone's day
    lines = roster_csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    rows[0][header.index("officer_id")] = "HAV-99"
    rows[1][header.index("date")] = "2031-04-02"
    path = tmp_path / "typos.csv"
    write_rows(path, lines[0], rows)
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "ical", HAVERING, path, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"{path}: HAV-01 2026-04-01: no row for 2026-04-01 to 2026-04-02 (2 days); "
        "every in-post day needs one",
        f"{path}: row 3, column date: HAV-01 2031-04-02: rows dated 2031-04-02 are outside "
        "the horizon 2026-04-01 to 2027-03-31",
        f"{path}: row 2, column officer_id: HAV-99 2026-04-01: officer 'HAV-99' is not in "
        "the scenario (1 row)",
    ]
    assert not out.exists()  # nothing half-published


def test_a_roster_with_a_missing_day_is_refused(roster_csv, tmp_path, capsys) -> None:
    # a day left out would silently drop a duty from an officer's phone
    lines = roster_csv.read_text(encoding="utf-8").splitlines()
    kept = [
        line
        for line in lines
        if not line.startswith("HAV-03,HAV-PP,") or ",2026-06-10," not in line
    ]
    assert len(kept) == len(lines) - 1
    path = tmp_path / "gap.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "ical", HAVERING, path, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"{path}: HAV-03 2026-06-10: no row for 2026-06-10; every in-post day needs one"
    ]
    assert "Traceback" not in stderr
    assert not out.exists()


def test_a_doubled_day_is_refused_and_many_breaches_are_capped(roster_csv, tmp_path, capsys):
    lines = roster_csv.read_text(encoding="utf-8").splitlines()
    doubled = [line for line in lines[1:] if line.startswith("HAV-02,")][:30]
    path = tmp_path / "doubled.csv"
    path.write_text("\n".join([*lines, *doubled]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "ical", HAVERING, path, "--out", out)
    assert (code, stdout) == (2, "")
    shown = stderr.splitlines()
    assert len(shown) == 21  # the 20 the command line lists, then the count of the rest
    # each named at its second row, below the roster's last (the header is row 1)
    assert shown[0] == (
        f"{path}: row {len(lines) + 1}, column date: HAV-02 2026-04-01: 2 rows for one day "
        "(states DUTY, DUTY): an officer-day has one"
    )
    assert all("2 rows for one day" in line for line in shown[:20])
    assert shown[-1] == "... and 10 more problems"  # 30 doubled days in all
    assert not out.exists()


def test_ical_of_the_workbook_gives_the_csvs_calendars(roster_csv, tmp_path, capsys) -> None:
    scenario = load_scenario(HAVERING)
    book = write_roster_xlsx(read_roster_csv(roster_csv, scenario), tmp_path / "r.xlsx", scenario)
    assert is_workbook(book)
    from_csv, from_book = tmp_path / "csv", tmp_path / "book"
    code, _, stderr = run(capsys, "ical", HAVERING, roster_csv, "--out", from_csv)
    assert (code, stderr) == (0, "")
    code, stdout, stderr = run(capsys, "ical", HAVERING, book, "--out", from_book)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == f"5 officer calendars in {from_book / 'officers'}"
    files = sorted(p.relative_to(from_csv) for p in from_csv.rglob("*.ics"))
    assert files == sorted(p.relative_to(from_book) for p in from_book.rglob("*.ics"))
    assert len(files) == 7
    for name in files:  # one store, so the same UIDs; only the publication stamp differs
        assert _undated(from_book / name) == _undated(from_csv / name), name


def test_an_edited_workbook_cell_reaches_the_calendar(roster_csv, tmp_path, capsys) -> None:
    scenario = load_scenario(HAVERING)
    table = read_roster_csv(roster_csv, scenario)
    duty = table[(table.officer_id == "HAV-01") & (table.state == "DUTY")].iloc[0]
    day = date.fromisoformat(duty["date"])
    book = write_roster_xlsx(table, tmp_path / "r.xlsx", scenario)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[duty["contract_id"]]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "HAV-01")
    cell = sheet.cell(row, 3 + (day - scenario.start).days)  # column C is the first day
    assert cell.value == duty["shift"]
    cell.value = "AL"  # annual leave instead of the tour, as a planner types it in Excel
    workbook.save(book)
    before, after = tmp_path / "before", tmp_path / "after"
    assert run(capsys, "ical", HAVERING, roster_csv, "--out", before)[0] == 0
    code, _, stderr = run(capsys, "ical", HAVERING, book, "--out", after)
    assert (code, stderr) == (0, "")
    assert _summaries(before, day) != _summaries(after, day)
    assert any("leave" in s.lower() for s in _summaries(after, day))


def _summaries(out: Path, day: date) -> list[str]:
    events = Calendar.from_ical((out / "officers" / "HAV-01.ics").read_bytes()).events
    return [str(e["SUMMARY"]) for e in events if _start_day(e.start) == day]


def _start_day(moment: date) -> date:
    return moment.astimezone(LONDON).date() if isinstance(moment, datetime) else moment


def _undated(path: Path) -> list[bytes]:
    return [line for line in path.read_bytes().splitlines() if not line.startswith(b"DTSTAMP")]


def test_missing_scenario_is_exit_2(roster_csv, tmp_path, capsys) -> None:
    code, _, stderr = run(capsys, "ical", tmp_path / "nope.toml", roster_csv, "--out", tmp_path)
    assert code == 2
    assert "no such file" in stderr


def test_out_that_is_a_file_is_exit_2(roster_csv, tmp_path, capsys) -> None:
    out = tmp_path / "taken"
    out.write_text("not a directory")
    code, _, stderr = run(capsys, "ical", HAVERING, roster_csv, "--out", out)
    assert code == 2
    assert "is a file, not a folder" in stderr
    assert "Traceback" not in stderr


def test_an_empty_out_is_exit_2_and_writes_nothing_here(
    roster_csv, tmp_path, capsys, monkeypatch
) -> None:
    """``--out "$DIR"`` with DIR unset: one line, not calendars spread over the folder the
    command was run in."""
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(capsys, "ical", HAVERING, roster_csv, "--out", "")
    assert code == 2
    assert stderr.strip().splitlines() == ["--out: is empty: name a folder ('.' for this one)"]
    assert stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_out_is_required(roster_csv, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ical", str(HAVERING), str(roster_csv)])
    assert exc.value.code == 2


# --- s92 calendar --ics / --import ----------------------------------------------------------


def test_calendar_ics_writes_the_year_and_keeps_stdout(tmp_path, capsys) -> None:
    plain = run(capsys, "calendar", 2026)
    path = tmp_path / "hdd-2026.ics"
    code, stdout, stderr = run(capsys, "calendar", 2026, "--ics", path)
    assert code == 0
    assert stdout == plain[1]
    assert str(path) in stderr
    calendar = Calendar.from_ical(path.read_bytes())
    expected = high_demand_days(date(2026, 1, 1), date(2026, 12, 31))
    # every event at a time: an all-day one would drop out and the lists would differ
    starts = [e.start for e in calendar.events]
    assert [s.date() for s in starts if isinstance(s, datetime)] == [h.date for h in expected]
    assert IcsCalendarStream.calendar_from_ics(path.read_bytes().decode()).events


def test_calendar_ics_needs_a_year(tmp_path, capsys) -> None:
    code, _, stderr = run(capsys, "calendar", "--ics", tmp_path / "x.ics")
    assert code == 2
    assert "year" in stderr


@pytest.fixture
def announced(tmp_path: Path) -> Path:
    """An HDD iCal as a planner might receive it: one timed, one all-day, one next year."""
    calendar = Calendar.new(prodid="-//test//announced//EN", name="Announced events")
    trooping = Event.new(
        summary="Trooping the Colour",
        start=datetime(2026, 6, 13, 7, tzinfo=LONDON),
        end=datetime(2026, 6, 13, 17, tzinfo=LONDON),
    )
    marathon = Event.new(
        summary='London Marathon "elite" start',
        start=date(2026, 4, 26),
        end=date(2026, 4, 27),
    )
    pride = Event.new(
        summary="Pride in London",
        start=datetime(2027, 7, 3, 10, tzinfo=LONDON),
        end=datetime(2027, 7, 3, 20, tzinfo=LONDON),
    )
    for event in (trooping, marathon, pride):
        calendar.add_component(event)
    calendar.add_missing_timezones()
    path = tmp_path / "announced.ics"
    path.write_bytes(calendar.to_ical())
    return path


def test_import_scenario_snippet_is_toml_a_scenario_accepts(announced, capsys) -> None:
    code, stdout, stderr = run(
        capsys, "calendar", 2026, "--import", announced, "--scenario-snippet"
    )
    # the event of another year is left out, and said so (it went silently)
    assert (code, stderr) == (
        0,
        f"s92: {announced}: 1 event not in 2026 left out: 2027-07-03 Pride in London "
        "(give no YEAR to list every year's)\n",
    )
    assert stdout.splitlines()[:2] == ["[high_demand]", "add = ["]
    parsed = tomllib.loads(stdout)["high_demand"]["add"]
    assert parsed == [
        {
            "date": date(2026, 4, 26),
            "name": 'London Marathon "elite" start',
            "start": "08:00",
            "end": "18:00",
        },
        {
            "date": date(2026, 6, 13),
            "name": "Trooping the Colour",
            "start": "07:00",
            "end": "17:00",
        },
    ]
    data = read_toml(HAVERING)
    data["high_demand"] = tomllib.loads(stdout)["high_demand"]
    scenario = scenario_from_dict(data, "pasted")
    assert {h.name for h in scenario.high_demand_days()} >= {"Trooping the Colour"}


def test_import_lists_every_year_without_a_year(announced, capsys) -> None:
    code, stdout, _ = run(capsys, "calendar", "--import", announced)
    assert code == 0
    assert stdout.splitlines() == [
        '2026-04-26  high demand  London Marathon "elite" start  aid 08:00-18:00',
        "2026-06-13  high demand  Trooping the Colour  aid 07:00-17:00",
        "2027-07-03  high demand  Pride in London  aid 10:00-20:00",
    ]


def test_ics_naming_the_import_file_is_refused_and_it_kept(announced, capsys) -> None:
    """--ics naming the --import file replaced the announced events with the year's."""
    before = announced.read_bytes()
    code, _, stderr = run(capsys, "calendar", 2026, "--import", announced, "--ics", announced)
    assert code == 2
    assert stderr.strip() == (
        f"{announced}: --ics: is the --import file ({announced}): name another file"
    )
    assert announced.read_bytes() == before


def test_import_with_ics_adds_the_imported_days(announced, tmp_path, capsys) -> None:
    path = tmp_path / "hdd.ics"
    code, stdout, _ = run(capsys, "calendar", 2026, "--import", announced, "--ics", path)
    assert code == 0
    assert "Trooping the Colour  aid 07:00-17:00" in stdout
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).events]
    assert "Trooping the Colour" in summaries
    assert len(summaries) == len(high_demand_days(date(2026, 1, 1), date(2026, 12, 31))) + 2


def test_snippet_and_ics_together(announced, tmp_path, capsys) -> None:
    path = tmp_path / "hdd.ics"
    argv = ("calendar", 2026, "--import", announced, "--scenario-snippet", "--ics", path)
    code, stdout, _ = run(capsys, *argv)
    assert code == 0
    assert len(tomllib.loads(stdout)["high_demand"]["add"]) == 2
    assert path.exists()


@pytest.mark.parametrize("content", [None, b"not a calendar at all", b"BEGIN:VEVENT\r\n"])
def test_import_of_a_missing_or_garbled_file_is_exit_2(tmp_path, capsys, content) -> None:
    path = tmp_path / "in.ics"
    if content is not None:
        path.write_bytes(content)
    code, stdout, stderr = run(capsys, "calendar", "--import", path, "--scenario-snippet")
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(f"{path}: ")
    assert len(stderr.splitlines()) == 1


def test_snippet_without_import_is_exit_2(capsys) -> None:
    code, _, stderr = run(capsys, "calendar", 2026, "--scenario-snippet")
    assert code == 2
    assert "--import" in stderr


def test_import_clashing_dates_is_exit_2(tmp_path, capsys) -> None:
    calendar = Calendar.new(prodid="-//test//x//EN")
    for name in ("A", "B"):
        calendar.add_component(
            Event.new(summary=name, start=date(2026, 6, 13), end=date(2026, 6, 13) + timedelta(1))
        )
    path = tmp_path / "clash.ics"
    path.write_bytes(calendar.to_ical())
    code, _, stderr = run(capsys, "calendar", "--import", path)
    assert code == 2
    assert "two events on 2026-06-13" in stderr


def test_a_store_that_cannot_take_the_sequences_leaves_no_calendar(
    roster_csv, tmp_path, capsys, monkeypatch
) -> None:
    """The events' sequences are recorded in the store before the files appear: with the
    store locked by another writer, one line, exit 2, and no folder of calendars the
    store's feeds would contradict."""
    import sqlite3

    from scheduler.store.connect import TIMEOUT_ENV_VAR

    db = tmp_path / "s92.db"
    first = tmp_path / "first"
    assert run(capsys, "ical", HAVERING, roster_csv, "--out", first, "--db", db)[0] == 0
    changed = tmp_path / "changed.csv"
    lines = roster_csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = next(i for i, line in enumerate(lines) if ",DUTY," in line)
    cells = dict(zip(header, lines[row].split(","), strict=True))
    cells.update(state="REST", shift="", start="", end="", hours="0")
    lines[row] = ",".join(cells[c] for c in header)
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setenv(TIMEOUT_ENV_VAR, "0.2")
    try:
        out = tmp_path / "second"
        code, stdout, stderr = run(capsys, "ical", HAVERING, changed, "--out", out, "--db", db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert stdout == ""
    [line] = stderr.splitlines()
    assert line.startswith(f"{db}: ")
    assert "locked" in line
    assert not out.exists()


def _leave_logged(db: Path) -> None:
    from scheduler.store import NewEntry, Store

    leave = NewEntry(
        "HAV-02", "HAV-PP", date(2026, 11, 9), date(2026, 11, 13), "leave",
        "annual leave", "PS Khan", date(2026, 10, 1),
    )  # fmt: skip
    with Store(db) as store:
        store.add_abstraction(leave)


def test_a_roster_without_leave_logged_for_days_ahead_is_refused(
    roster_csv, tmp_path, capsys, monkeypatch
) -> None:
    """Leave logged after the roster was made, not yet re-rostered: the calendars showed
    HAV-02 on duty through it, exit 0. Refused (exit 2, the entry and the re-roster named,
    nothing written); once its days are past they stand as worked and export."""
    ical_command = importlib.import_module("scheduler.commands.ical")
    db, out = tmp_path / "s92.db", tmp_path / "feeds"
    _leave_logged(db)
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 10, 20))
    code, _, err = run(capsys, "ical", HAVERING, roster_csv, "--out", out, "--db", db)
    assert code == 2
    assert err.startswith(
        f"{roster_csv}: entry: entry 1 (HAV-02 leave 2026-11-09 to 2026-11-13) is logged but "
        "not in this roster"
    )
    assert "s92 reroster --from 2026-11-09 --publish" in err
    assert not list(out.rglob("*.ics"))
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 11, 14))
    assert run(capsys, "ical", HAVERING, roster_csv, "--out", out, "--db", db)[0] == 0


def test_roster_ical_without_publish_refuses_leave_logged_ahead(
    tmp_path, capsys, monkeypatch
) -> None:
    """s92 roster --ical builds from the scenario alone without --publish: its calendars
    left out every logged entry. Refused before the solve, naming --publish."""
    ical_command = importlib.import_module("scheduler.commands.ical")
    db = tmp_path / "s92.db"
    _leave_logged(db)
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 10, 20))
    argv = ("roster", HAVERING, "--out", tmp_path / "out", "--ical", "--db", db)
    code, _, err = run(capsys, *argv, "--time-limit", "1")
    assert code == 2
    assert "--ical: 1 entry of the log falls from today on" in err
    assert "add --publish" in err
    assert not (tmp_path / "out" / "roster.csv").exists()


def test_a_roster_without_leave_added_to_the_scenario_since_is_refused(
    roster_csv, tmp_path, capsys, monkeypatch
) -> None:
    """Leave added to the scenario file after the roster was made: the calendars showed
    HAV-03 on duty through it, exit 0, as they once did for leave logged. Refused the same
    way (exit 2, the leave and the re-roster named, nothing written); once its days are past
    they stand as worked."""
    ical_command = importlib.import_module("scheduler.commands.ical")
    text = HAVERING.read_text(encoding="utf-8")
    booked = '"2026-09-14/2026-09-18", "2026-12-21/2026-12-23"]'
    assert text.count(booked) == 1  # HAV-03's leave
    scenario = tmp_path / "havering.toml"
    added = booked.replace("]", ', "2026-12-07/2026-12-11"]')
    scenario.write_text(text.replace(booked, added), encoding="utf-8")
    db, out = tmp_path / "s92.db", tmp_path / "feeds"
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 12, 1))
    code, _, err = run(capsys, "ical", scenario, roster_csv, "--out", out, "--db", db)
    assert code == 2
    assert err.startswith(
        f"{roster_csv}: entry: scenario leave (HAV-03 2026-12-07 to 2026-12-11) is in the "
        "scenario file but not in this roster (2026-12-07 is a tour there)"
    )
    assert "s92 reroster --from 2026-12-07 --publish" in err
    assert not list(out.rglob("*.ics"))
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 12, 12))
    assert run(capsys, "ical", scenario, roster_csv, "--out", out, "--db", db)[0] == 0
