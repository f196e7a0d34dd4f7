"""A planner exports the entry log (``s92 abstract list --csv``), edits it in a spreadsheet
and imports it back. The list wrote ``first_date``/``last_date`` and the log's own columns
(``id``, ``voids``...), which the import refused as unknown columns, and read no ``date``:
now it reads the list's CSV too. A row with an id is an entry of the log: already logged
as it stands, refused naming the cell if edited (the log is append-only); a row with id
blank is a new entry."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hardening_helpers import Run, run
from libreoffice import convert
from store_helpers import SCENARIO_TOML

from scheduler.commands.abstract import LIST_COLUMNS
from scheduler.store import Store
from scheduler.store.csv_import import LIST_NAMES, LOG_COLUMNS, OPTIONAL, REQUIRED
from scheduler.web.entries import ENTRY_FIELDS

NEW_ROW = {
    "officer_id": "A-01",
    "first_date": "2026-06-15",
    "last_date": "2026-06-16",
    "start": "09:00",
    "end": "13:00",
    "kind": "Training",
    "reason": "Public order refresher",
    "authorised_by": "Sgt Lee",
    "notified": "2026-05-01",
}


@pytest.fixture
def logged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The scenario, and a store whose log holds an entry with its own tour, a leave whose
    reason a spreadsheet would run as a formula, and a sickness since voided."""
    scenario = tmp_path / "borough.toml"
    scenario.write_text(SCENARIO_TOML, encoding="utf-8")
    db = tmp_path / "s92.db"
    common = ["--db", db, "--today", "2026-05-01"]
    for options in (
        "--officer A-01 --date 2026-05-04 --kind court --start 09:00 --end 13:00 "
        "--reason Snaresbrook --notified 2026-04-20",
        "--officer A-02 --date 2026-05-11 --to 2026-05-15 --kind leave "
        "--reason =HYPERLINK(1) --notified 2026-04-01",
        "--officer B-01 --date 2026-06-02 --kind sickness --reason flu --notified 2026-06-02",
    ):
        by = ["--authorised-by", "Insp O"]
        done = run(capsys, "abstract", "add", scenario, *options.split(), *by, *common)
        assert done.code == 0, done.err
    assert run(capsys, "abstract", "void", "3", "--reason", "wrong officer", "--db", db).code == 0
    return scenario, db


def exported(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, str]]:
    done = run(capsys, "abstract", "list", "--csv", "--db", db)
    assert done.code == 0, done.err
    return list(csv.DictReader(io.StringIO(done.out)))


def write(path: Path, rows: list[dict[str, str]], **form: str) -> Path:
    """``rows`` as a spreadsheet saves them (``form``: csv.writer's delimiter and
    lineterminator; encoding)."""
    encoding = form.pop("encoding", "utf-8")
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), **form)  # type: ignore[arg-type]
        writer.writeheader()
        writer.writerows(rows)
    return path


def imported(capsys: pytest.CaptureFixture[str], scenario: Path, db: Path, path: Path) -> Run:
    return run(capsys, "abstract", "import", scenario, path, "--db", db, "--today", "2026-05-01")


def test_the_exported_log_imports_back_as_already_logged(
    logged: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, db = logged
    rows = exported(capsys, db)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[1]["reason"].startswith("'=")  # neutralised as written
    done = imported(capsys, scenario, db, write(tmp_path / "log.csv", rows))
    assert done.code == 0, done.err
    assert done.out.strip().endswith("0 entries added, 4 already logged")
    assert exported(capsys, db) == rows


def test_a_row_added_to_the_exported_log_as_excel_saves_it_is_logged_once(
    logged: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """en-GB Excel: BOM, semicolons, CRLF, dates 15/06/2026, times 09:00:00, the new row's
    log columns blank."""
    scenario, db = logged
    rows = exported(capsys, db)
    rows.append(dict.fromkeys(rows[0], "") | NEW_ROW)

    def excel(cell: str) -> str:
        cell = re.sub(r"^(\d{4})-(\d\d)-(\d\d)$", r"\3/\2/\1", cell)
        return re.sub(r"^(\d\d:\d\d)$", r"\1:00", cell)

    saved = [{k: excel(v) for k, v in row.items()} for row in rows]
    path = write(
        tmp_path / "log.csv", saved, delimiter=";", lineterminator="\r\n", encoding="utf-8-sig"
    )
    done = imported(capsys, scenario, db, path)
    assert done.code == 0, done.err
    assert done.out.strip().endswith("1 entry added, 4 already logged")
    again = imported(capsys, scenario, db, path)
    assert again.out.strip().endswith("0 entries added, 5 already logged")
    with Store(db) as store:
        entry = store.entry(5)
    assert entry is not None
    assert (entry.officer_id, entry.kind, str(entry.first_date), str(entry.last_date)) == (
        "A-01",
        "training",
        "2026-06-15",
        "2026-06-16",
    )


def test_the_exported_log_through_libreoffice_imports_back(
    logged: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, db = logged
    source = write(tmp_path / "log.csv", exported(capsys, db))
    book = convert(source, "xlsx", tmp_path / "book")
    saved = convert(book, "csv", tmp_path / "saved")
    done = imported(capsys, scenario, db, saved)
    assert done.code == 0, done.err
    assert done.out.strip().endswith("0 entries added, 4 already logged")


@pytest.mark.parametrize(
    ("index", "column", "value", "why"),
    [
        (0, "reason", "Old Bailey", "entry 1 has 'Snaresbrook' here in the log, which is append"),
        (0, "last_date", "2026-05-05", "entry 1 has '2026-05-04' here"),
        (0, "start", "10:00", "entry 1 has '09:00' here"),
        (1, "first_date", "2026-05-12", "entry 2 has '2026-05-11' here"),
        (3, "voids", "2", "entry 4 has '3' here"),
        (0, "id", "77", "no entry 77 in the log: leave id blank"),
        (0, "id", "two", "not an entry id"),
    ],
)
def test_an_edited_row_of_the_log_is_refused_naming_its_cell(
    logged: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    index: int,
    column: str,
    value: str,
    why: str,
) -> None:
    scenario, db = logged
    before = exported(capsys, db)
    rows = exported(capsys, db)
    rows[index][column] = value
    path = write(tmp_path / "log.csv", rows)
    done = imported(capsys, scenario, db, path)
    assert done.code == 2
    [line] = done.err.strip().splitlines()
    assert line.startswith(f"{path}: row {index + 2}: {column}: ")  # as a spreadsheet numbers
    assert why in line
    assert repr(value) in line
    assert exported(capsys, db) == before


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({"voids": "1"}, "voids: a row with no id is a new entry"),
        # named by the list's column names, as the file has them
        ({"last_date": "2026-06-14"}, "last_date: ends before the entry starts"),
    ],
)
def test_a_bad_new_row_is_refused_in_one_line(
    logged: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cells: dict[str, str],
    said: str,
) -> None:
    scenario, db = logged
    rows = exported(capsys, db)
    rows.append(dict.fromkeys(rows[0], "") | NEW_ROW | cells)
    path = write(tmp_path / "log.csv", rows)
    done = imported(capsys, scenario, db, path)
    assert done.code == 2
    [line] = done.err.strip().splitlines()
    assert line.startswith(f"{path}: row 6: {said}")
    assert len(exported(capsys, db)) == 4


def test_date_and_first_date_both_given_are_refused(
    logged: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario, db = logged
    path = tmp_path / "log.csv"
    path.write_text(
        "officer_id,date,first_date,kind,reason,authorised_by,notified\n"
        "A-01,2026-06-15,2026-06-15,court,x,Sgt Lee,2026-05-01\n",
        encoding="utf-8",
    )
    done = imported(capsys, scenario, db, path)
    assert done.code == 2
    assert f"{path}: row 1: first_date: names the column date names: keep one" in done.err


def test_month_first_dates_in_the_exported_log_are_named_by_its_column(
    logged: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A US-locale save of the exported log: refused in one line naming last_date, as the
    file names the column (it said end_date, a column the file does not have)."""
    scenario, db = logged
    rows = exported(capsys, db)
    rows[1] |= {"first_date": "5/11/2026", "last_date": "5/15/2026"}
    path = write(tmp_path / "log.csv", rows)
    done = imported(capsys, scenario, db, path)
    assert done.code == 2
    [line] = done.err.strip().splitlines()
    assert line.startswith(f"{path}: row 3: last_date: the dates are written month first")


def test_every_column_the_log_is_exported_with_is_one_the_import_reads() -> None:
    """``abstract list --csv`` and the web's entries.csv: each column is read back."""
    read = {*REQUIRED, *OPTIONAL, *LOG_COLUMNS, *LIST_NAMES}
    assert set(LIST_COLUMNS) <= read
    assert set(ENTRY_FIELDS) <= read
