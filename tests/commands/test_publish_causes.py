"""``s92 publish`` of a roster whose event, kind or abstraction_id alone was edited (the day's
state and tour as published): such an edit changes no officer-day, so no change notice
names it, yet the council's report reads it. It was published, exit 0. Now each of those
cells must say what the published version says or what the scenario and the entry log
give the day (the rule the web upload follows too), else one line names the file, row,
column, the value typed and the value expected, exit 2, nothing published. A re-roster's
own workbook, whose days the scenario and the log changed since publication, publishes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, BASE, edit, swapped

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.scenario import load_scenario
from scheduler.store.store import Store
from scheduler.table import COLUMNS, DATA_SHEET

NOTIFIED = "2026-10-18"
SICK = {"state": "SICK", "shift": "", "start": "", "end": "", "hours": 0.0, "kind": "sickness"}


def log(db: Path, toml: Path, officer: str, day: str, kind: str, reason: str) -> None:
    argv = ["abstract", "add", str(toml), "--officer", officer, "--date", day, "--kind", kind]
    argv += ["--reason", reason, "--authorised-by", "PS", "--notified", NOTIFIED]
    assert main([*argv, "--db", str(db)]) == 0


def versions(db: Path) -> int:
    with Store(db) as store:
        return len(store.roster_versions(AUT.name))


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, pd.DataFrame]:
    """The scenario, a store whose version 2 has T1 sick on Tue 27 Oct (entry 1) and T2 on
    Wed 28 Oct (entry 2), each day marked with its entry, and that version's table."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, BASE, note="s92 roster")
    log(db, toml, "T1", "2026-10-27", "sickness", "flu")
    log(db, toml, "T2", "2026-10-28", "sickness", "back")
    table = BASE.assign(kind="", abstraction_id="")
    for officer, day, reason, entry in (("T1", "2026-10-27", "flu", "1"),
                                        ("T2", "2026-10-28", "back", "2")):  # fmt: skip
        at = (table["officer_id"] == officer) & (table["date"] == day)
        for column, value in {**SICK, "event": reason, "abstraction_id": entry}.items():
            table[column] = table[column].mask(at, value)
    assert check_roster(AUT, table).breaches == []
    with Store(db) as store:
        store.publish_roster(AUT.name, table, note="s92 reroster")
    return toml, db, table


def publish_csv(tmp_path: Path, toml: Path, db: Path, table: pd.DataFrame) -> tuple[int, Path]:
    folder = tmp_path / "edited"
    folder.mkdir(exist_ok=True)
    csv = folder / "roster.csv"
    csv.write_text(roster_csv_text(table))
    rc = main(["publish", str(toml), str(csv), "--db", str(db), "--notified", NOTIFIED])
    return rc, csv


def refused(
    tmp_path: Path, toml: Path, db: Path, table: pd.DataFrame, capsys: pytest.CaptureFixture
) -> tuple[Path, str]:
    """``table`` published as a roster.csv and refused: its file and the one line, exit 2,
    nothing published or written."""
    rc, csv = publish_csv(tmp_path, toml, db, table)
    assert rc == 2
    [line] = capsys.readouterr().err.splitlines()
    assert versions(db) == 2
    assert sorted(p.name for p in csv.parent.iterdir()) == ["roster.csv"]
    return csv, line


def row(table: pd.DataFrame, officer: str, day: str) -> int:
    """The row of the officer-day in roster.csv as a spreadsheet numbers it."""
    at = table.index[(table["officer_id"] == officer) & (table["date"] == day)]
    return int(at[0]) + 2


@pytest.mark.parametrize(
    ("officer", "day", "column", "typed", "expected", "state"),
    [
        ("T1", "2026-10-20", "kind", "made_up", "", "DUTY"),  # a made-up kind on a duty day
        ("T1", "2026-10-27", "event", "food poisoning", "flu", "SICK"),  # an entry's reason
        ("T2", "2026-11-09", "kind", "sickness", "leave", "LEAVE"),  # the scenario's leave
    ],
)
def test_a_cause_typed_alone_is_refused_naming_row_column_and_both_values(
    published: tuple[Path, Path, pd.DataFrame],
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    officer: str,
    day: str,
    column: str,
    typed: str,
    expected: str,
    state: str,
) -> None:
    toml, db, table = published
    edited = table.copy()
    at = (edited["officer_id"] == officer) & (edited["date"] == day)
    edited.loc[at, column] = typed
    csv, line = refused(tmp_path, toml, db, edited, capsys)
    assert line.startswith(
        f"{csv}: row {row(edited, officer, day)}, {column}: {officer} {day}, a {state} day as "
        f"published, says {typed!r} where the scenario and the entry log say {expected!r}"
    )


def test_two_entries_ids_swapped_are_refused(
    published: tuple[Path, Path, pd.DataFrame], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml, db, table = published
    edited = table.copy()
    first = (edited["officer_id"] == "T1") & (edited["date"] == "2026-10-27")
    second = (edited["officer_id"] == "T2") & (edited["date"] == "2026-10-28")
    edited.loc[first, "abstraction_id"], edited.loc[second, "abstraction_id"] = "2", "1"
    csv, line = refused(tmp_path, toml, db, edited, capsys)
    assert line.startswith(
        f"{csv}: row {row(edited, 'T1', '2026-10-27')}, abstraction_id: T1 2026-10-27, a SICK "
        "day as published, says '2' where the scenario and the entry log say '1'"
    )
    assert line.endswith("(and 1 more cell of event, kind or abstraction_id)")


def test_a_shift_edit_with_its_causes_as_published_is_published(
    published: tuple[Path, Path, pd.DataFrame], tmp_path: Path
) -> None:
    toml, db, table = published
    rc, csv = publish_csv(tmp_path, toml, db, swapped(table, "2026-10-20"))
    assert rc == 0
    assert versions(db) == 3
    changes = pd.read_csv(csv.parent / "changes.csv", dtype=str, keep_default_na=False)
    assert sorted(zip(changes["officer_id"], changes["date"], strict=True)) == [
        ("T1", "2026-10-20"),
        ("T2", "2026-10-20"),
    ]


def test_a_re_roster_s_workbook_after_a_high_demand_day_and_an_entry_is_published(
    tmp_path: Path,
) -> None:
    """Since publication the scenario gained a High Demand Day needing one officer (the
    other keeps the rest day) and T1 went sick on a rest day (REST stays REST, marked
    with the entry): the re-roster's own roster.xlsx changes those days' causes, as the
    scenario and the log give them, and is published as written."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, BASE, note="s92 roster")
    added = (
        '{ date = 2026-10-31, name = "Added Day", start = "10:00", end = "18:00", officers = 1 }'
    )
    toml.write_text(f"{AUTUMN_TOML}\n[high_demand]\nadd = [{added}]\n")
    log(db, toml, "T1", "2026-10-30", "sickness", "flu")
    out = tmp_path / "rerostered"
    dates = ["--from", "2026-10-26", "--notified", NOTIFIED]
    assert main(["reroster", str(toml), *dates, "--out", str(out), "--db", str(db),
                 "--time-limit", "2", "--seed", "1"]) == 0  # fmt: skip
    written = pd.read_csv(out / "roster.csv", dtype=str, keep_default_na=False)
    day = written[(written["officer_id"] == "T1") & (written["date"] == "2026-10-30")].iloc[0]
    assert (day["state"], day["event"], day["kind"]) == ("REST", "flu", "sickness")
    assert main(["publish", str(toml), str(out / "roster.xlsx"), *dates, "--db", str(db)]) == 0
    with Store(db) as store:
        stored = store.latest_roster(AUT.name)
    assert stored is not None
    assert check_roster(load_scenario(toml), stored).breaches == []
    columns = ["officer_id", "date", "state", "start", "end", "event", "kind", "abstraction_id"]
    pd.testing.assert_frame_equal(
        stored[columns].astype(str).reset_index(drop=True),
        written[columns].astype(str).reset_index(drop=True),
    )


def test_a_roster_csv_of_the_ten_public_columns_keeps_the_causes_as_published(
    published: tuple[Path, Path, pd.DataFrame], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """kind and abstraction_id are optional on input (DESIGN.md section 5): a file without
    them says nothing of its days' entries, which stand as published, rather than typing
    them all empty (refused, or stripped from the version published)."""
    toml, db, table = published
    rc, _ = publish_csv(tmp_path, toml, db, table[list(COLUMNS)])
    assert rc == 0
    assert "no change from the published roster" in capsys.readouterr().err
    rc, _ = publish_csv(tmp_path, toml, db, swapped(table, "2026-10-20")[list(COLUMNS)])
    assert rc == 0
    with Store(db) as store:
        stored = store.latest_roster(AUT.name)
        assert len(store.roster_versions(AUT.name)) == 3
    assert stored is not None
    sick = stored[stored["state"] == "SICK"]
    assert sorted(zip(sick["officer_id"], sick["kind"], sick["abstraction_id"], strict=True)) == [
        ("T1", "sickness", "1"),
        ("T2", "sickness", "2"),
    ]


def test_a_workbook_without_its_data_sheet_keeps_the_causes_as_published(
    published: tuple[Path, Path, pd.DataFrame], tmp_path: Path
) -> None:
    """The contract sheets copied into a workbook of their own lose the hidden data sheet,
    which held each day's event, kind and entry id: the cells say nothing of them, so
    they stand as published (they were read as typed empty: the edit was refused)."""
    toml, db, table = published
    book = write_roster_xlsx(table, tmp_path / "copied" / "roster.xlsx", AUT)
    workbook = openpyxl.load_workbook(book)
    del workbook[DATA_SHEET]
    workbook.save(book)
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert main(["publish", str(toml), str(book), "--db", str(db), "--notified", NOTIFIED]) == 0
    with Store(db) as store:
        stored = store.latest_roster(AUT.name)
    assert stored is not None
    assert versions(db) == 3
    sick = stored[stored["state"] == "SICK"]
    assert sorted(zip(sick["officer_id"], sick["event"], sick["abstraction_id"], strict=True)) == [
        ("T1", "flu", "1"),
        ("T2", "back", "2"),
    ]


def test_a_tour_typed_over_a_logged_sick_day_names_its_row(
    published: tuple[Path, Path, pd.DataFrame], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The refusal of a day edited against a live entry names the file's row, as the
    planner finds it, before the officer-day (it named the officer-day alone)."""
    toml, db, table = published
    edited = table.copy()
    at = (edited["officer_id"] == "T1") & (edited["date"] == "2026-10-27")
    tour = BASE[(BASE["officer_id"] == "T1") & (BASE["date"] == "2026-10-27")].iloc[0]
    for column in ("state", "shift", "start", "end", "hours", "event", "kind", "abstraction_id"):
        edited.loc[at, column] = tour.get(column, "")
    csv, line = refused(tmp_path, toml, db, edited, capsys)
    assert line.startswith(
        f"{csv}: row {row(edited, 'T1', '2026-10-27')}, T1 2026-10-27: DUTY there, but entry 1 "
        "(T1 sickness 2026-10-27) makes it SICK"
    )


@pytest.mark.parametrize(
    ("column", "typed", "why"),
    [
        ("kind", "made_up", "no kind the scenario knows"),
        ("kind", "training", "no kind of a SICK day"),
        ("abstraction_id", "2", "no live entry of the log gives it this day"),  # T2's entry
    ],
)
def test_a_cause_typed_beside_a_day_edited_by_hand_is_refused(
    published: tuple[Path, Path, pd.DataFrame],
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    column: str,
    typed: str,
    why: str,
) -> None:
    # a sickness typed over a duty with no entry logged: the kind and id reach the
    # council's report and its money, with nothing in the log to say so
    toml, db, table = published
    edited = table.copy()
    at = (edited["officer_id"] == "T1") & (edited["date"] == "2026-10-20")
    for name, value in {**SICK, "kind": "", column: typed}.items():
        edited[name] = edited[name].mask(at, value)
    csv, line = refused(tmp_path, toml, db, edited, capsys)
    assert line == (
        f"{csv}: row {row(edited, 'T1', '2026-10-20')}, {column}: T1 2026-10-20, a SICK day "
        f"edited by hand, says {typed!r}: {why} (the entry log gives it none): leave it "
        "empty, or log the entry (s92 abstract) and re-roster"
    )


@pytest.mark.parametrize("kind", ["", "sickness"])
def test_a_day_edited_by_hand_with_its_state_s_own_kind_is_published(
    published: tuple[Path, Path, pd.DataFrame], tmp_path: Path, kind: str
) -> None:
    toml, db, table = published
    edited = table.copy()
    at = (edited["officer_id"] == "T1") & (edited["date"] == "2026-10-20")
    for name, value in {**SICK, "kind": kind}.items():
        edited[name] = edited[name].mask(at, value)
    rc, _ = publish_csv(tmp_path, toml, db, edited)
    assert rc == 0
    assert versions(db) == 3
