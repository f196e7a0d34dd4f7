"""Reading an abstractions CSV: row numbers, header checks, source keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_helpers import make_scenario

from scheduler.errors import InputError
from scheduler.store import Store
from scheduler.store.csv_import import read_abstractions_csv, source_key

HEADER = "officer_id,date,end_date,kind,reason,authorised_by,notified,start,end\n"
ROW = "A-01,2026-05-04,,court,Snaresbrook,Insp Okafor,2026-04-20,,\n"


def write(tmp_path: Path, text: str, name: str = "abs.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_rows_become_entries_with_stable_keys(tmp_path: Path) -> None:
    text = HEADER + ROW + "A-02,2026-05-04,2026-05-05,training,PST,Sgt Lee,2026-04-20,09:00,13:00\n"
    first = read_abstractions_csv(write(tmp_path, text), make_scenario())
    again = read_abstractions_csv(write(tmp_path, text, "copy.csv"), make_scenario())
    assert [e.source_key for e in first.entries] == [e.source_key for e in again.entries]
    assert first.labels == [
        (str(tmp_path / "abs.csv"), "row 2"),
        (str(tmp_path / "abs.csv"), "row 3"),
    ]
    assert first.entries[1].contract_id == "TB-A"
    assert first.entries[1].start is not None


def test_keys_ignore_spelling_but_count_repeats(tmp_path: Path) -> None:
    plain = read_abstractions_csv(write(tmp_path, HEADER + ROW), make_scenario())
    spelled = read_abstractions_csv(
        write(
            tmp_path,
            " Officer_ID ,DATE,end_date,kind,reason,authorised_by,notified\n"
            " A-01 ,2026-05-04,2026-05-04,court, Snaresbrook ,Insp Okafor,2026-04-20\n",
            "spelled.csv",
            encoding="utf-8-sig",
        ),
        make_scenario(),
    )
    assert plain.entries[0].source_key == spelled.entries[0].source_key
    assert source_key("x", 1) != source_key("x", 2)


def test_identical_rows_are_two_entries_that_overlap(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ROW + ROW)
    rows = read_abstractions_csv(path, make_scenario())
    assert len({e.source_key for e in rows.entries}) == 2
    with Store(tmp_path / "s92.db") as store, pytest.raises(InputError) as err:
        store.add_many(rows.entries, labels=rows.labels)
    assert [(p.field, p.message.split(" (")[0]) for p in err.value.problems] == [
        ("row 3", "overlaps row 2")
    ]


def test_blank_rows_are_skipped_but_still_numbered(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ",,,,,,,,\n\n" + ROW.replace("A-01", "Z-9"))
    with pytest.raises(InputError) as err:
        read_abstractions_csv(path, make_scenario())
    [problem] = err.value.problems
    assert (problem.file, problem.field, problem.value) == (str(path), "row 4: officer_id", "Z-9")


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_file_saved_by_excel_reads_as_typed(tmp_path: Path, sep: str) -> None:
    """UK dates, times as Excel's h:mm and hh:mm:ss formats write them, Windows-1252 text
    and a European locale's semicolons: each was refused (not a date YYYY-MM-DD, not a
    clock time, not UTF-8, every column missing), where s92 scenario import and the
    roster CSV read them."""
    typed = (
        HEADER
        + ROW
        + (
            "A-02,04/05/2026,05/05/2026,training,PST \u2013 Caf\u00e9 block,Sgt Lee,20/04/2026,9:00,13:00:00\n"
        )
    )
    iso = (
        HEADER
        + ROW
        + (
            "A-02,2026-05-04,2026-05-05,training,PST \u2013 Caf\u00e9 block,Sgt Lee,2026-04-20,09:00,13:00\n"
        )
    )
    # headers as typed into a spreadsheet: spaces for underscores, capitals
    typed = typed.replace("officer_id,", "Officer ID,").replace("end_date", "End Date")
    saved = tmp_path / "saved.csv"
    saved.write_bytes(typed.replace(",", sep).replace("\n", "\r\n").encode("cp1252"))
    read = read_abstractions_csv(saved, make_scenario())
    expected = read_abstractions_csv(write(tmp_path, iso), make_scenario())
    assert read.entries == expected.entries
    assert read.entries[1].reason == "PST \u2013 Caf\u00e9 block"


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("", "", "file is empty"),
        (",,,\nA-01,2026-05-04,,,\n", "row 1", "no header row"),
        (
            "officer_id,date,end_date,kind,reason,authorised_by\n",
            "row 1: notified",
            "missing column",
        ),
        (HEADER.replace("end\n", "end,comment\n"), "row 1: comment", "unknown column"),
        (HEADER.replace(",end\n", ",date\n"), "row 1: date", "column given twice"),
        (HEADER + ROW.replace("\n", ",extra\n"), "row 2", "a value past the last column"),
        (HEADER + ROW.replace("court", "nap"), "row 2: kind", "unknown entry kind"),
        (HEADER + ROW.replace(",,\n", ",9am,\n"), "row 2: start", "not a clock time"),
    ],
)
def test_malformed_files_name_row_and_column(
    tmp_path: Path, text: str, field: str, message: str
) -> None:
    with pytest.raises(InputError) as err:
        read_abstractions_csv(write(tmp_path, text), make_scenario())
    fields = [p.field for p in err.value.problems]
    assert field in fields
    assert message in err.value.problems[fields.index(field)].message


@pytest.mark.parametrize("kind", ["missing", "binary", "directory"])
def test_unreadable_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "abs.csv"
    if kind == "binary":
        path.write_bytes(b"\xff\xfe\x00\x81" * 10)
    elif kind == "directory":
        path.mkdir()
    with pytest.raises(InputError) as err:
        read_abstractions_csv(path, make_scenario())
    assert err.value.problems[0].file == str(path)


def test_a_file_without_end_dates_logs_one_day_each(tmp_path: Path) -> None:
    """A sickness sheet with one date a row needs no empty end_date column."""
    text = (
        "Officer ID,Date,Kind,Reason,Authorised by,Notified\n"
        "A-01,2026-05-04,sickness,flu,Insp Okafor,2026-05-04\n"
        "A-01,05/05/2026,sickness,flu,Insp Okafor,05/05/2026\n"
    )
    read = read_abstractions_csv(write(tmp_path, text), make_scenario())
    assert [(e.first_date, e.last_date) for e in read.entries] == [
        (date(2026, 5, 4), date(2026, 5, 4)),
        (date(2026, 5, 5), date(2026, 5, 5)),
    ]
    # the same rows with an empty end_date column are the same entries: re-importing adds none
    row = "A-01,2026-05-04,,sickness,flu,Insp Okafor,2026-05-04,,\n"
    blank = write(tmp_path, HEADER + row, "b.csv")
    [same] = read_abstractions_csv(blank, make_scenario()).entries
    only = write(tmp_path, text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n", "o.csv")
    [entry] = read_abstractions_csv(only, make_scenario()).entries
    assert same.source_key == entry.source_key


def test_kinds_as_planners_type_them_name_the_kind(tmp_path: Path) -> None:
    """'Annual Leave', 'A/L', 'Sick' in a log's kind column: refused as unknown kinds
    ('annual_leave'), where a planner's spreadsheet says what the entry is."""
    rows = "".join(
        f"A-0{n % 2 + 1},2026-05-0{n},,{kind},why,Insp Okafor,2026-04-20,,\n"
        for n, kind in enumerate(("Annual Leave", "A/L", "Sick", "Training Course"), start=1)
    )
    read = read_abstractions_csv(write(tmp_path, HEADER + rows), make_scenario())
    assert [e.kind for e in read.entries] == ["leave", "leave", "sickness", "training"]
    with pytest.raises(InputError, match="unknown entry kind"):
        read_abstractions_csv(
            write(tmp_path, HEADER + ROW.replace("court", "nap")), make_scenario()
        )
