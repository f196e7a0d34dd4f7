"""roster.xlsx round trip: written by s92, edited cell by cell as a planner would in Excel
(openpyxl here), read back into the roster table and checked."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from check_builder import found, set_day, tour
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import convert
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from planner import AUT, BASE, TABLE, column, edit

from scheduler.check import check_roster, load_roster, read_roster_csv, read_roster_xlsx
from scheduler.errors import InputError
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.table import DATA_SHEET


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_roster_xlsx(TABLE, tmp_path / "roster.xlsx", AUT)


def day_row(frame: pd.DataFrame, officer: str, day: str) -> dict[Hashable, Any]:
    at = (frame["officer_id"] == officer) & (frame["date"] == day)
    [row] = frame[at].to_dict("records")
    return row


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_roster_xlsx(path, AUT)
    return [str(p) for p in caught.value.problems]


def test_the_base_rosters_are_lawful() -> None:
    assert check_roster(AUT, BASE).breaches == []
    assert check_roster(AUT, TABLE).breaches == []


def test_an_unedited_workbook_reads_back_as_the_table_written(book: Path) -> None:
    read = read_roster_xlsx(book, AUT)
    expected = TABLE.sort_values(["contract_id", "officer_id", "date"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(read, expected, check_dtype=False)
    assert check_roster(AUT, read).breaches == []


def test_swapping_two_tours_takes_each_tours_times(book: Path) -> None:
    read = read_roster_xlsx(edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"}), AUT)
    t1, t2 = day_row(read, "T1", "2026-10-20"), day_row(read, "T2", "2026-10-20")
    assert (t1["state"], t1["shift"]) == ("DUTY", "D")
    assert (t1["start"], t1["end"], t1["hours"]) == tuple(
        tour(date(2026, 10, 20), "08:00", "16:00").values()
    )
    assert (t2["shift"], t2["start"]) == ("E", "2026-10-20T07:00:00+01:00")
    assert check_roster(AUT, read).breaches == []


def test_a_rest_day_made_a_duty(book: Path) -> None:
    read = read_roster_xlsx(edit(book, {("T1", "2026-10-22"): "D"}), AUT)  # T1's third rest day
    d = day_row(read, "T1", "2026-10-22")
    assert (d["state"], d["shift"], d["start"], d["hours"]) == (
        "DUTY",
        "D",
        "2026-10-22T08:00:00+01:00",
        8.0,
    )
    assert check_roster(AUT, read).breaches == []


def test_a_night_typed_across_the_clock_change_is_an_hour_longer(book: Path) -> None:
    read = read_roster_xlsx(edit(book, {("T1", "2026-10-24"): "N"}), AUT)
    n = day_row(read, "T1", "2026-10-24")
    assert (n["start"], n["end"], n["hours"]) == (
        "2026-10-24T22:00:00+01:00",
        "2026-10-25T07:00:00+00:00",
        10.0,
    )
    # the night ends at 07:00 on Sunday, when T1's E tour starts: no rest at all
    assert found(check_roster(AUT, read)) == {("T1", "2026-10-25", "rest-between-tours")}


def test_an_edit_that_breaks_the_rest_between_tours_is_found(book: Path) -> None:
    read = read_roster_xlsx(edit(book, {("T1", "2026-10-20"): "N"}), AUT)  # then E at 07:00
    assert found(check_roster(AUT, read)) == {("T1", "2026-10-21", "rest-between-tours")}


def test_an_unchanged_abstraction_keeps_its_times_event_and_entry(book: Path) -> None:
    read = read_roster_xlsx(edit(book, {("T1", "2026-10-19"): "D"}), AUT)
    row = day_row(read, "T2", "2026-10-21")
    assert row["state"] == "TRAINING"
    assert row["start"] == "2026-10-21T09:00:00+01:00"
    assert (row["event"], row["kind"], row["abstraction_id"], row["hours"]) == (
        "First aid",
        "training",
        "12",
        8.0,
    )


def test_an_edited_cell_takes_its_codes_meaning(book: Path) -> None:
    # the training day given back as a D tour loses the entry; a court code typed over
    # T1's E tour keeps that tour's times, as a logged entry without times would
    edits = {("T2", "2026-10-21"): "D", ("T1", "2026-10-26"): "CT"}
    read = read_roster_xlsx(edit(book, edits), AUT)
    back = day_row(read, "T2", "2026-10-21")
    assert (back["state"], back["shift"], back["event"], back["kind"], back["abstraction_id"]) == (
        "DUTY",
        "D",
        "",
        "",
        "",
    )
    court = day_row(read, "T1", "2026-10-26")
    assert (court["state"], court["shift"], court["start"], court["end"], court["hours"]) == (
        "COURT",
        "E",
        "2026-10-26T07:00:00+00:00",
        "2026-10-26T15:00:00+00:00",
        8.0,
    )
    assert check_roster(AUT, read).breaches == []


def test_codes_in_another_case_and_state_codes(book: Path) -> None:
    edited = edit(book, {("T1", "2026-10-20"): "d", ("T1", "2026-10-22"): "sk"})
    read = read_roster_xlsx(edited, AUT)
    assert day_row(read, "T1", "2026-10-20")["shift"] == "D"
    sick = day_row(read, "T1", "2026-10-22")
    assert (sick["state"], sick["start"], sick["hours"]) == ("SICK", "", 0.0)


def test_aid_on_a_high_demand_day_works_its_aid_tour(book: Path) -> None:
    # Sun 8 Nov is Remembrance Sunday (aid 07:00-17:00)
    rested = read_roster_xlsx(edit(book, {("T2", "2026-11-08"): "R"}), AUT)
    assert day_row(rested, "T2", "2026-11-08")["state"] == "REST"
    assert ("", "2026-11-08", "high-demand-day") in found(check_roster(AUT, rested))
    aid = day_row(
        read_roster_xlsx(edit(book, {("T2", "2026-11-08"): "aid"}), AUT), "T2", "2026-11-08"
    )
    assert (aid["state"], aid["shift"], aid["start"], aid["end"], aid["event"]) == (
        "HDD_AID",
        "AID",
        "2026-11-08T07:00:00+00:00",
        "2026-11-08T17:00:00+00:00",
        "Remembrance Sunday",
    )


def test_bad_cells_name_the_file_sheet_cell_and_value(book: Path) -> None:
    # the sergeant T2 is row 4, T1 row 5; 19 Oct is column C
    edit(
        book,
        {
            ("T1", "2026-10-20"): "Q",
            ("T1", "2026-10-22"): "TR",  # a rest day: no tour to keep
            ("T2", "2026-10-23"): "AID",  # not a High Demand Day
            ("T2", "2026-10-19"): None,  # emptied
        },
    )
    texts = problems(book)
    assert texts[0] == (
        f"{book}: sheet TST, cell C4: empty, but T2 is in post on 2026-10-19: type a code "
        "(R for a rest day)"
    )
    assert texts[1].startswith(f"{book}: sheet TST, cell G4: AID for T2: 2026-10-23 is not a")
    assert texts[2].startswith(f"{book}: sheet TST, cell D5: unknown code for T1 on 2026-10-20")
    assert texts[2].endswith("(got 'Q')")
    assert texts[3].startswith(f"{book}: sheet TST, cell F5: TR for T1 on 2026-10-22 needs")
    assert len(texts) == 4


def test_without_the_data_sheet_plain_codes_read_the_same(book: Path, tmp_path: Path) -> None:
    edit(book, {("T2", "2026-10-21"): "D"})  # TR alone could not say its times
    with_data = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    del wb[DATA_SHEET]
    wb.save(book)
    pd.testing.assert_frame_equal(read_roster_xlsx(book, AUT), with_data)
    wb = openpyxl.load_workbook(book)
    wb["TST"].cell(4, column("2026-10-21")).value = "TR"
    wb.save(book)
    assert "needs a tour's times" in problems(book)[0]


def test_empty_rows_a_planner_puts_between_officers_are_read_past(book: Path) -> None:
    """A row inserted to set the sergeants apart: the officers below it are still read
    (they were taken for officers with no row at all, a breach on every day)."""
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    wb["TST"].insert_rows(5, amount=2)
    wb.save(book)
    read = read_roster_xlsx(book, AUT)
    pd.testing.assert_frame_equal(read, written)
    assert check_roster(AUT, read).breaches == []


def test_a_heading_row_a_planner_puts_between_officers_is_read_past(book: Path) -> None:
    """A row typed between officers to set them apart ('Sergeants', a note): the reader
    took it for the rows under the officers and stopped, so every officer below had no
    row at all (a breach on every day of each, exit 1, for a lawful workbook)."""
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    sheet.insert_rows(5)
    sheet.cell(5, 1).value = "Cover from 26 Oct: ask Insp Patel"
    sheet.cell(5, column("2026-10-20")).value = "see note"
    wb.save(book)
    read = read_roster_xlsx(book, AUT)
    pd.testing.assert_frame_equal(read, written)
    assert check_roster(AUT, read).breaches == []


def test_a_workbook_saved_as_excel_97_is_named_as_such(book: Path, tmp_path: Path) -> None:
    """roster.xlsx saved as 'Excel 97-2003 (.xls)': it was read as a CSV and refused as
    'not a text file, so not a roster CSV (save it ... as CSV ...)', though it is the
    workbook, whose format cuts a year's days off at 256 columns. One line naming it."""
    old = convert(book, "xls", tmp_path / "saved")
    named = old.with_suffix(".xlsx")  # renamed back, as some planners do
    named.write_bytes(old.read_bytes())
    for name in (old, named):
        with pytest.raises(InputError) as caught:
            load_roster(name, AUT)
        assert [str(p) for p in caught.value.problems] == [
            f"{name}: an Excel 97-2003 workbook (.xls), which s92 does not read (it keeps at "
            "most 256 columns: a year's days do not fit): save it as Excel Workbook (.xlsx) "
            "or as CSV"
        ]


def test_the_blank_row_above_what_the_council_asked_for_may_be_deleted(book: Path) -> None:
    """Without the blank separator row, the rows under the officers ('Council asked for',
    'On duty' ...) were read as officers: an unknown rank, and an unknown code on every day
    (hundreds of lines, exit 2) for a lawful workbook."""
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    separator = next(r for r in range(4, sheet.max_row) if sheet.cell(r, 1).value is None)
    assert sheet.cell(separator + 1, 1).value == "On duty"
    sheet.delete_rows(separator)
    wb.save(book)
    read = read_roster_xlsx(book, AUT)
    pd.testing.assert_frame_equal(read, written)
    assert check_roster(AUT, read).breaches == []
    # an officer's rank mistyped is still named, not taken for the rows below
    sheet.cell(4, 2).value = "Chief"
    wb.save(book)
    assert problems(book) == [
        f"{book}: sheet TST, cell B4: unknown rank for T2 (use PC, PS, Insp) (got 'Chief')"
    ]


def test_a_column_a_planner_adds_among_the_days_is_passed_over(book: Path) -> None:
    """A notes column inserted mid-month: the days after it were cut off the roster, so
    every officer seemed to have no row for the rest of the horizon."""
    written = read_roster_xlsx(book, AUT)
    wb = openpyxl.load_workbook(book)
    sheet = wb["TST"]
    sheet.insert_cols(column("2026-11-02"))
    sheet.cell(2, column("2026-11-02")).value = "Notes"
    sheet.cell(4, column("2026-11-02")).value = "swap agreed with T1"
    wb.save(book)
    read = read_roster_xlsx(book, AUT)
    pd.testing.assert_frame_equal(read, written)
    assert check_roster(AUT, read).breaches == []
    # a day's date turned into text is a mistake, not a notes column
    moved = column("2026-11-03") + 1  # beyond the notes column
    sheet.cell(2, moved).value = "03/11/2026"
    wb.save(book)
    assert problems(book) == [
        f"{book}: sheet TST, cell {get_column_letter(moved)}2: a day's date as text: make the "
        "cell a date again (got '03/11/2026')"
    ]


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "roster.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert problems(bad) == [f"{bad}: not a readable Excel workbook (.xlsx)"]
    missing = tmp_path / "none.xlsx"
    assert problems(missing) == [f"{missing}: no such file"]


def test_a_date_header_holding_a_number_no_date_can_be_is_refused_in_one_line(
    book: Path,
) -> None:
    # calamine's Rust code panics on it (a BaseException that no `except Exception` stops)
    wb = openpyxl.load_workbook(book)
    sheet = wb.sheetnames[0]
    wb[sheet].cell(2, 3).value = -(2**40)  # the first day's header, formatted as a date
    wb.save(book)
    assert problems(book) == [
        f"{book}: sheet {sheet}: a cell formatted as a date or time holds a number no date can be"
    ]


def test_a_workbook_named_csv_is_read_as_a_workbook(book: Path, tmp_path: Path) -> None:
    renamed = book.rename(tmp_path / "roster.csv")
    loaded = load_roster(renamed, AUT)
    assert len(loaded.table) == len(TABLE)


def test_a_workbook_saved_by_libreoffice_reads_the_same(book: Path, tmp_path: Path) -> None:
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    saved = convert(book, "xlsx", tmp_path / "saved")
    pd.testing.assert_frame_equal(read_roster_xlsx(saved, AUT), read_roster_xlsx(book, AUT))


# --- any edits a planner makes ---------------------------------------------------------

DAYS = sorted(TABLE["date"].unique())
TYPED = {"E": "E", "D": "D", "L": "L", "N": "N", "R": "REST", "AL": "LEAVE", "SK": "SICK"}


def expected(edits: dict[tuple[str, str], str]) -> pd.DataFrame:
    """The table the edits stand for, built apart from the reader: set_day works each
    tour's times out with zoneinfo (check_builder), and an edited cell keeps nothing else."""
    table = TABLE
    for (officer, day), code in edits.items():
        state = TYPED[code]
        if state in ("REST", "LEAVE", "SICK"):
            table = set_day(table, officer, day, state, kind="", abstraction_id="")
        else:
            table = set_day(table, officer, day, "DUTY", code, kind="", abstraction_id="")
    return table.sort_values(["contract_id", "officer_id", "date"]).reset_index(drop=True)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.dictionaries(
        st.tuples(st.sampled_from(["T1", "T2"]), st.sampled_from(DAYS)),
        st.sampled_from(sorted(TYPED)),
        min_size=1,
        max_size=8,
    )
)
def test_any_edits_read_back_as_their_codes_mean(
    edits: dict[tuple[str, str], str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    book = write_roster_xlsx(TABLE, tmp_path_factory.mktemp("any") / "roster.xlsx", AUT)
    read = read_roster_xlsx(edit(book, edits), AUT)
    want = expected(edits)
    unchanged = ~pd.Series(
        [(o, d) in edits for o, d in zip(want["officer_id"], want["date"], strict=True)]
    )
    # cells left alone keep their rows exactly (the training day's times, reason and entry)
    pd.testing.assert_frame_equal(read[unchanged], want[unchanged], check_dtype=False)
    columns = ["state", "shift", "start", "end", "hours", "event", "kind", "abstraction_id"]
    pd.testing.assert_frame_equal(
        read.loc[~unchanged, columns], want.loc[~unchanged, columns], check_dtype=False
    )
    # and the checker judges the read roster as it judges the intended one
    assert found(check_roster(AUT, read)) == found(check_roster(AUT, want))


HOSTILE = st.one_of(
    st.sampled_from(["", " ", "=1+1", "@SUM(A1)", "\x1b[31mR", "R\x07", "'", "x" * 5000, "AID"]),
    st.text(max_size=12),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2199, 12, 31)),
    st.booleans(),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sheet=st.sampled_from(["TST", "Legend", DATA_SHEET]),
    row=st.integers(1, 12),
    col=st.integers(1, 40),
    value=HOSTILE,
)
def test_hostile_cells_read_or_are_refused_in_one_line(
    sheet: str,
    row: int,
    col: int,
    value: str | int | float | datetime,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Whatever a cell holds (in the grid, its headers, the legend or the data sheet), the
    workbook reads into a roster the checker can judge, or is refused naming the file."""
    book = write_roster_xlsx(TABLE, tmp_path_factory.mktemp("hostile") / "roster.xlsx", AUT)
    wb = openpyxl.load_workbook(book)
    try:
        wb[sheet].cell(row, col).value = value
    except (ValueError, TypeError, AttributeError, IllegalCharacterError):
        return  # openpyxl itself refuses it (a control character, a merged cell)
    wb.save(book)
    try:
        read = read_roster_xlsx(book, AUT)
    except InputError as exc:
        problems = exc.problems
    else:
        check_roster(AUT, read)  # judged, whatever it says
        return
    assert problems
    assert all(str(p).startswith(str(book)) for p in problems)
    assert all("\x1b" not in str(p) and "\x07" not in str(p) for p in problems)


def test_a_state_pasted_in_words_reads_as_its_code(book: Path, tmp_path: Path) -> None:
    """'Annual Leave' or 'sick' pasted into day cells (a paste passes Excel's list of
    codes): read as AL and SK, where they were refused as unknown codes; in roster.csv's
    state column the same words read as LEAVE and SICK."""
    edit(book, {("T1", "2026-10-20"): "Annual Leave", ("T2", "2026-10-20"): "sick"})
    table = read_roster_xlsx(book, AUT)
    assert day_row(table, "T1", "2026-10-20")["state"] == "LEAVE"
    assert day_row(table, "T2", "2026-10-20")["state"] == "SICK"
    csv = tmp_path / "roster.csv"
    frame = TABLE.copy()
    frame["state"] = frame["state"].replace({"REST": "Rest Day"})
    frame.to_csv(csv, index=False)
    assert (read_roster_csv(csv)["state"] == TABLE["state"]).all()


def test_a_copied_sheet_is_one_line_naming_both_sheets(book: Path) -> None:
    """A planner keeps a copy of the sheet as a backup (Excel names it 'TST (2)'): every
    officer-day was read twice and s92 check listed a schema breach for each of them; now
    one line names the copy and the sheet it repeats."""
    wb = openpyxl.load_workbook(book)
    wb.copy_worksheet(wb["TST"]).title = "TST (2)"
    wb.save(book)
    assert problems(book) == [
        f"{book}: sheet TST (2), cell A4: officer T2 and 1 more officer already on sheet TST, "
        "row 4: each officer's days go on one sheet, once (a copied sheet? delete the copy) "
        "(got 'T2')"
    ]


def test_an_officer_row_pasted_twice_is_named(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["TST"]
    ws.insert_rows(6)
    for c in range(1, ws.max_column + 1):
        ws.cell(6, c).value = ws.cell(4, c).value
    wb.save(book)
    assert problems(book) == [
        f"{book}: sheet TST, cell A6: officer T2 already on sheet TST, row 4: each officer's "
        "days go on one sheet, once (a copied sheet? delete the copy) (got 'T2')"
    ]
