"""Reading a roster CSV (as a planner saves it from Excel) and typed roster frames."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN, found, roster, scenario, set_day

from calendars import TWO_DIGIT_YEAR
from scheduler.check import check_parsed, check_roster, load_roster_csv, read_roster_csv
from scheduler.errors import InputError

AUT = scenario(AUTUMN)
A = roster(AUT)


def write(frame: pd.DataFrame, tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    frame.to_csv(path, index=False)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_roster_csv(path)
    return [str(p) for p in caught.value.problems]


def test_round_trip_gives_the_same_findings(tmp_path: Path) -> None:
    edited = set_day(A, "T1", "2026-10-28", "TRAINING", times=("07:00", "18:00"))
    frame = read_roster_csv(write(edited, tmp_path))
    assert list(frame.columns[:10]) == list(A.columns)
    assert (frame["kind"] == "").all()
    assert (frame["abstraction_id"] == "").all()
    assert frame["hours"].dtype == float
    assert (
        found(check_roster(AUT, frame))
        == found(check_roster(AUT, edited))
        == {("T1", "2026-10-28", "tour-length")}
    )


def test_the_parse_kept_from_reading_gives_the_same_report(tmp_path: Path) -> None:
    # s92 check and sweep --roster check the parse that validated the file, not a second one
    edited = set_day(A, "T1", "2026-10-28", "TRAINING", times=("07:00", "18:00"))
    edited = set_day(edited, "T2", "2026-10-22", "DUTY", times=("14:00", "23:00"))
    loaded = load_roster_csv(write(edited, tmp_path))
    pd.testing.assert_frame_equal(loaded.table, read_roster_csv(write(edited, tmp_path)))
    report = check_parsed(AUT, loaded.parsed)
    assert report == check_roster(AUT, loaded.table)
    assert ("T1", "2026-10-28", "tour-length") in found(report)
    assert report.rows == len(edited)


def test_extra_columns_whitespace_and_lower_case_state_are_accepted(tmp_path: Path) -> None:
    frame = A.assign(note="from Excel")
    frame["state"] = frame["state"].str.lower()
    frame["officer_id"] = " " + frame["officer_id"]
    read = read_roster_csv(write(frame, tmp_path))
    assert set(read["state"]) <= {"DUTY", "REST", "LEAVE", "HDD_AID"}
    assert check_roster(AUT, read).breaches == []


def test_missing_columns(tmp_path: Path) -> None:
    """Columns missing are named in one line, with the header read (a findings CSV or
    changes.csv given for the roster said eight lines of it)."""
    path = write(A.drop(columns=["hours", "end"]), tmp_path)
    assert problems(path) == [
        f"{path}: missing columns end, hours: not a roster CSV (a row per officer per day: "
        "officer_id, contract_id, rank, date, state, shift, start, end, hours, event) (got "
        "'officer_id, contract_id, rank, date, state, shift, start, event')"
    ]
    one = write(A.drop(columns=["event"]), tmp_path)
    assert problems(one) == [f"{one}: event: missing column"]


def test_bad_date_names_row_and_column(tmp_path: Path) -> None:
    frame = A.copy()
    frame.loc[1, "date"] = "20.10.26"  # data row 2 is row 3 in Excel (header is row 1)
    path = write(frame, tmp_path)
    assert problems(path) == [f"{path}: row 3, column date: {TWO_DIGIT_YEAR} (got '20.10.26')"]


def test_impossible_date(tmp_path: Path) -> None:
    frame = A.copy()
    frame.loc[0, "date"] = "2026-02-30"
    [text] = problems(write(frame, tmp_path))
    assert "row 2, column date" in text
    assert "'2026-02-30'" in text


def test_unknown_state(tmp_path: Path) -> None:
    frame = A.copy()
    frame.loc[4, "state"] = "HOLIDAY"
    [text] = problems(write(frame, tmp_path))
    assert "row 6, column state: unknown state" in text
    assert "(got 'HOLIDAY')" in text


@pytest.mark.parametrize(
    "value",
    ["25:00", "19/10 07:00", "tomorrow", "2026-10-19T25:00:00+01:00", "2026-10-19 25:00"],
)
def test_start_needs_a_date_time(tmp_path: Path, value: str) -> None:
    frame = A.copy()
    frame.loc[0, "start"] = value
    [text] = problems(write(frame, tmp_path))
    assert "row 2, column start: not a date-time: ISO 8601 with UTC offset" in text
    assert repr(value) in text


def test_years_beyond_pandas_nanoseconds_are_input_errors(tmp_path: Path) -> None:
    # pandas parses these at coarser resolution; they once crashed the checker
    frame = A.copy()
    frame.loc[0, "end"] = "-1"
    frame.loc[1, "end"] = "0001-10-19T15:00:00+01:00"
    frame.loc[2, "date"] = "9999-10-21"
    path = write(frame, tmp_path)
    assert problems(path) == [
        f"{path}: row 4, column date: year out of range (1678-2261) (got '9999-10-21')",
        f"{path}: row 2, column end: not a date-time: ISO 8601 with UTC offset "
        "(2026-10-24T22:00:00+01:00) or London clock time (24/10/2026 22:00) (got '-1')",
        f"{path}: row 3, column end: year out of range (1678-2261) "
        "(got '0001-10-19T15:00:00+01:00')",
    ]


def test_unreadable_end_and_hours_are_reported_together(tmp_path: Path) -> None:
    frame = A.copy().astype({"hours": object})
    frame.loc[0, "end"] = "15h00"
    frame.loc[0, "hours"] = "eight"
    texts = problems(write(frame, tmp_path))
    assert [t.split(": ")[1] for t in texts] == ["row 2, column end", "row 2, column hours"]


def test_a_whole_bad_column_is_capped(tmp_path: Path) -> None:
    frame = A.assign(date=pd.to_datetime(A["date"]).dt.strftime("%Y/%m/%d"))
    texts = problems(write(frame, tmp_path))
    assert len(texts) == 21
    assert texts[-1].endswith("column date: 36 more rows like these")


def test_missing_empty_and_non_csv_files(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.csv") == [f"{tmp_path / 'nope.csv'}: no such file"]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert problems(empty) == [f"{empty}: file is empty"]
    binary = tmp_path / "roster.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00\x81")
    assert "an Excel workbook (expected a CSV" in problems(binary)[0]


def test_typed_frame_gives_the_same_findings() -> None:
    edited = set_day(A, "T1", "2026-10-25", "DUTY", "N")  # a rest-between-tours breach
    typed = edited.assign(
        date=[date.fromisoformat(d) for d in edited["date"]],
        # pandas takes None for a missing time; the stubs' Sequence[Scalar] leaves None out
        start=[pd.Timestamp(v) if v else None for v in edited["start"]],  # type: ignore[misc]
        end=[pd.Timestamp(v) if v else None for v in edited["end"]],  # type: ignore[misc]
    )
    assert (
        found(check_roster(AUT, typed))
        == found(check_roster(AUT, edited))
        == {("T1", "2026-10-26", "rest-between-tours")}
    )


def test_bad_cell_in_a_frame_is_an_input_error() -> None:
    frame = A.copy()
    frame.loc[7, "state"] = "ON"
    with pytest.raises(InputError) as caught:
        check_roster(AUT, frame, source="engine")
    assert str(caught.value) == (
        "engine: row 7, column state: unknown state (use DUTY, REST, "
        "LEAVE, PUBLIC_HOLIDAY, HDD_AID, EMERGENCY_AID, ABSTRACTED, "
        "SICK, TRAINING, COURT) (got 'ON')"
    )


# --- a CSV as Excel saves it -----------------------------------------------------------


def excel_save(frame: pd.DataFrame) -> pd.DataFrame:
    """What a UK-locale Excel makes of roster.csv: dates DD/MM/YYYY, start/end as London
    clock times without the offset, whole hours without '.0'."""
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%d/%m/%Y")
    for column in ("start", "end"):
        given = out[column] != ""
        clock = pd.to_datetime(out.loc[given, column].str[:19]).dt.strftime("%d/%m/%Y %H:%M")
        out.loc[given, column] = clock
    out["hours"] = out["hours"].map(lambda h: f"{h:g}")
    return out


def test_a_uk_locale_excel_save_reads_as_the_engine_wrote_it(tmp_path: Path) -> None:
    saved = excel_save(A)
    assert saved.loc[0, "date"] == "19/10/2026"
    assert saved.loc[0, "start"] == "19/10/2026 07:00"
    read = read_roster_csv(write(saved, tmp_path), AUT)
    pd.testing.assert_frame_equal(read[list(A.columns)], A, check_dtype=False)
    assert check_roster(AUT, read).breaches == []


def test_clock_times_across_the_october_change(tmp_path: Path) -> None:
    # Sat 24 Oct 22:00 BST to Sun 25 Oct 07:00 GMT: 10 hours; the repeated hour 01:xx is
    # read as its first occurrence, as calendars.tour_interval reads a tour
    edited = set_day(A, "T1", "2026-10-24", "DUTY", "N").astype({"hours": object})
    at = (edited["officer_id"] == "T1") & (edited["date"] == "2026-10-24")
    edited.loc[at, ["start", "end", "hours"]] = ["2026-10-24 22:00", "25/10/2026 07:00:00", ""]
    read = read_roster_csv(write(edited, tmp_path), AUT)
    row = read[at].iloc[0]
    assert (row["start"], row["end"], row["hours"]) == (
        "2026-10-24T22:00:00+01:00",
        "2026-10-25T07:00:00+00:00",
        10.0,
    )
    edited.loc[at, ["start", "end"]] = ["2026-10-25 01:30", "2026-10-25 05:00"]
    row = read_roster_csv(write(edited, tmp_path), AUT)[at].iloc[0]
    assert row["start"] == "2026-10-25T01:30:00+01:00"
    assert row["hours"] == 4.5


def test_blank_times_come_from_the_tour_with_the_scenario(tmp_path: Path) -> None:
    blank = A.copy()
    worked = blank["state"].isin(["DUTY", "HDD_AID"])
    blank.loc[worked, ["start", "end"]] = ""
    blank["hours"] = blank["hours"].astype(object)
    blank.loc[worked, "hours"] = ""
    path = write(blank, tmp_path)
    read = read_roster_csv(path, AUT)
    pd.testing.assert_frame_equal(read[list(A.columns)], A, check_dtype=False)
    # without the scenario the tours are unknown: the checker says the times are missing
    assert "schema" in check_roster(AUT, read_roster_csv(path)).counts()


def test_an_excel_save_in_windows_1252_reads(tmp_path: Path) -> None:
    frame = A.copy()
    frame.loc[0, "event"] = "Café patrol £"
    path = tmp_path / "roster.csv"
    path.write_bytes(frame.to_csv(index=False).encode("cp1252"))
    assert read_roster_csv(path).loc[0, "event"] == "Café patrol £"


def test_the_empty_rows_excel_saves_under_a_cleared_range_are_not_rows(tmp_path: Path) -> None:
    """Cells cleared below the roster stay in Excel's used range, and its CSV save writes
    them as rows of commas; they hold no officer-day. A blank row among the rows is still
    refused, with its row number."""
    path = tmp_path / "roster.csv"
    text = excel_save(A).to_csv(index=False, lineterminator="\r\n")
    empty = "," * (len(A.columns) - 1) + "\r\n"
    path.write_text(text + empty * 3, encoding="utf-8-sig")
    read = read_roster_csv(path, AUT)
    pd.testing.assert_frame_equal(read[list(A.columns)], A, check_dtype=False)
    assert check_roster(AUT, read).breaches == []
    lines = text.splitlines()
    path.write_text("\r\n".join([*lines[:3], empty.strip(), *lines[3:]]) + "\r\n")
    assert problems(path) == [
        f"{path}: row 4: an empty row among the officer-days (added between them, or left by "
        "a row cleared): delete it, as each row is one officer's day"
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_european_locale_excel_save_reads_as_the_engine_wrote_it(
    tmp_path: Path, encoding: str
) -> None:
    """A French or German Excel saves semicolons between cells and decimal commas, as
    UTF-8 with a byte order mark or in the Windows code page."""
    saved = excel_save(A)
    saved["hours"] = A["hours"].map(lambda h: f"{h:.2f}".replace(".", ","))
    saved.loc[0, "event"] = "Café patrol"
    path = tmp_path / "roster.csv"
    text = saved.to_csv(index=False, sep=";", lineterminator="\r\n")
    assert "8,00" in text
    path.write_bytes(text.encode(encoding))
    read = read_roster_csv(path, AUT)
    expected = A.copy()
    expected.loc[0, "event"] = "Café patrol"
    pd.testing.assert_frame_equal(read[list(A.columns)], expected, check_dtype=False)
    assert check_roster(AUT, read).breaches == []


def test_a_decimal_comma_that_is_no_number_is_named(tmp_path: Path) -> None:
    frame = A.astype({"hours": object})
    frame.loc[2, "hours"] = "8,5,1"
    path = tmp_path / "roster.csv"
    path.write_text(frame.to_csv(index=False, sep=";"))
    assert problems(path) == [f"{path}: row 4, column hours: not a number of hours (got '8,5,1')"]


def test_a_clock_time_the_clocks_skip_is_named(tmp_path: Path) -> None:
    """01:30 on Sunday 28 March 2027 does not exist in London: read as 02:30 it would check
    a tour an hour off the one typed."""
    frame = excel_save(A)
    frame.loc[0, "start"] = "28/03/2027 01:30"
    frame.loc[1, "end"] = "2027-03-28 01:00:00"
    path = write(frame, tmp_path)
    assert problems(path) == [
        f"{path}: row 2, column start: a London clock time the clocks skip (they go forward an "
        "hour over it): give the time the clock showed, or the UTC offset (got '28/03/2027 01:30')",
        f"{path}: row 3, column end: a London clock time the clocks skip (they go forward an "
        "hour over it): give the time the clock showed, or the UTC offset "
        "(got '2027-03-28 01:00:00')",
    ]


def test_text_cells_read_alike_whether_repeated_or_mixed_with_numbers() -> None:
    # each distinct text is stripped once; a column with numbers in it (1 and 1.0 and
    # True are equal to pandas' hashing, not as text) reads each cell in turn
    from scheduler.check.read import _each_distinct, _text

    texts = pd.Series([" a ", "b", " a ", None, "b "], dtype=object)
    assert _text(texts).tolist() == ["a", "b", "a", "", "b"]
    mixed = pd.Series([1, 1.0, True, " x", float("nan")], dtype=object)
    assert _text(mixed).tolist() == ["1", "1.0", "True", "x", ""]
    upper = _each_distinct(pd.Series(["rest", "Duty", "rest"]), lambda s: s.str.upper())
    assert upper.tolist() == ["REST", "DUTY", "REST"]
    matched = _each_distinct(pd.Series(["2026-01-01", "x", None]), lambda s: s.str.match("2"))
    assert matched.tolist()[:2] == [True, False]
    # pandas' string dtype stays itself, as pandas' own string methods keep it
    typed = pd.Series(["rest", "Duty"], dtype="string")
    assert _each_distinct(typed, lambda s: s.str.upper()).dtype == typed.str.upper().dtype


# --- a tour's times typed as a clock time alone ------------------------------------------
# A planner types a tour's new times in Excel as a clock time alone ('7:00', '07:00:00'
# once Excel formats the cell as a time, '7:00 AM'): the row's date says which day. Each
# was refused, one line per cell, as 'not a date-time'; now read on the row's day, an end
# at or before its start the next day's (as a tour's times are read), by the one reader
# of clock times (``calendars.read_clock``), and written back as ISO with the offset.


def typed(frame: pd.DataFrame, officer: str, day: str, start: str, end: str) -> pd.DataFrame:
    out = frame.copy()
    at = (out["officer_id"] == officer) & (out["date"] == day)
    out.loc[at, ["start", "end"]] = [start, end]
    return out


@pytest.mark.parametrize(
    ("start", "end"), [("7:00", "18:00"), ("07:00:00", "18:00:00"), ("7:00 AM", "6:00 PM")]
)
def test_a_clock_time_alone_is_on_the_row_s_day(tmp_path: Path, start: str, end: str) -> None:
    edited = set_day(A, "T1", "2026-10-28", "TRAINING", times=("07:00", "18:00"))
    read = read_roster_csv(write(typed(edited, "T1", "2026-10-28", start, end), tmp_path), AUT)
    pd.testing.assert_frame_equal(read[list(A.columns)], edited, check_dtype=False)
    assert check_roster(AUT, read).breaches == check_roster(AUT, edited).breaches


def test_an_end_before_the_start_is_the_next_day_s_across_the_clock_change(
    tmp_path: Path,
) -> None:
    # Sat 24 Oct 22:00 BST to Sun 25 Oct 07:00 GMT: 10 hours
    edited = set_day(A, "T1", "2026-10-24", "DUTY", "N")
    read = read_roster_csv(write(typed(edited, "T1", "2026-10-24", "22:00", "7:00"), tmp_path))
    row = read[(read["officer_id"] == "T1") & (read["date"] == "2026-10-24")].iloc[0]
    assert (row["start"], row["end"]) == ("2026-10-24T22:00:00+01:00", "2026-10-25T07:00:00+00:00")
    assert row["hours"] == 10.0


def test_a_clock_time_alone_the_clocks_skip_is_named_as_typed(tmp_path: Path) -> None:
    frame = A.copy()
    frame.loc[0, ["date", "start", "end"]] = ["28/03/2027", "1:30", "9:00"]
    path = write(frame, tmp_path)
    assert problems(path) == [
        f"{path}: row 2, column start: a London clock time the clocks skip (they go forward an "
        "hour over it): give the time the clock showed, or the UTC offset (got '1:30')"
    ]


def test_a_time_saved_as_a_fraction_of_a_day_names_its_time(tmp_path: Path) -> None:
    """A time column formatted General or Number saves 07:00 as 0.2917: it was refused as
    'not a date-time' with no word of what the number is."""
    frame = A.copy()
    frame.loc[0, ["start", "end"]] = ["0.2917", "2026-10-19T15:00:00+01:00"]
    path = write(frame, tmp_path)
    assert problems(path) == [
        f"{path}: row 2, column start: a spreadsheet's time of day as a fraction of a day "
        "(0.2917 is 07:00): format the column as a time (hh:mm) and save it again "
        "(got '0.2917')"
    ]
