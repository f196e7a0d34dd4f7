"""roster.xlsx in: the workbook s92 writes (``scheduler/export/xlsx.py``), as a planner
edits it, read into the same roster table as a CSV.

Each contract sheet has an officer per row (id, rank) and a code per day. An unchanged
cell keeps the row s92 wrote: the hidden data sheet (``scheduler.table.DATA_SHEET``) holds
the codes as written and every row a code alone does not rebuild (an abstraction's own
times, its event, kind and entry id). An edited cell takes its code's meaning: a tour code
is DUTY on that tour (times from the scenario, the clock change included), AID is aid on
that day's High Demand Day tour, R/AL/BH/SK are days off, and EM/AB/TR/CT keep the times
of the tour the officer had that day. A cell that cannot be read is an ``InputError``
naming the file, sheet, cell and value.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from calendars import NOT_A_DATE, day_problem, read_day
from scheduler.check.codes import Codes
from scheduler.check.read import RosterFile, parse_roster
from scheduler.errors import InputError, Problem
from scheduler.files import read_input, unpacked_within_limit
from scheduler.limits import id_problem
from scheduler.scenario.model import Scenario
from scheduler.table import (
    AFRESH_MARK,
    AID_SHIFT,
    CODE_SEPARATOR,
    COLUMNS,
    DATA_MARK,
    DATA_SHEET,
    DATE_ROW,
    DETAIL_COLUMNS,
    DUTY_STATES,
    EXTRA_COLUMNS,
    HEADER_ROWS,
    LABEL_COLUMNS,
    RANK_CODES,
    said_rank,
)

LISTED_CELLS = 40  # cells listed; the rest of a sheet of mistakes is counted
OFF = {"REST", "LEAVE", "PUBLIC_HOLIDAY", "SICK"}


@dataclass
class Written:
    """What the hidden data sheet says s92 wrote."""

    codes: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (sheet, officer)
    contracts: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # id, rank
    details: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (officer, day)
    made_from: int | None = None  # the published version an unpublished roster came from
    afresh: bool = False  # built from the scenario alone, when ``made_from`` was the latest
    sheets: dict[str, list[str]] = field(default_factory=dict)  # officer -> sheets written on

    def key(self, title: str, oid: str, contract: str) -> tuple[str, str]:
        """The data sheet's key of an officer's row on sheet ``title`` (whose heading names
        ``contract``): its own; or, for a sheet renamed since s92 wrote it (in Excel or
        LibreOffice, or two sheets' names swapped), the one sheet s92 wrote the officer on,
        when that sheet's name is gone or its contract is this sheet's. An officer's row
        moved to another contract's sheet keeps no record: its cells say what it is."""
        if (title, oid) in self.codes:
            return title, oid
        written = self.sheets.get(oid, [])
        if len(written) != 1:
            return title, oid
        gone = not any(title in sheets for sheets in self.sheets.values())
        if gone or self.contracts[written[0], oid][0] == contract:
            return written[0], oid
        return title, oid


@dataclass
class Reading:
    """One workbook being read: its name, the scenario's codes, rows and problems found."""

    name: str
    codes: Codes
    written: Written
    rows: list[dict[str, Any]] = field(default_factory=list)
    where: list[str] = field(default_factory=list)  # each row's sheet and cell, for messages
    problems: list[Problem] = field(default_factory=list)
    more: int = 0
    placed: dict[str, str] = field(default_factory=dict)  # officer -> "sheet X, row N"
    repeated: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # by sheet
    emptied: dict[str, set[str]] = field(default_factory=dict)  # sheet -> cells emptied

    @cached_property
    def officers(self) -> set[str]:
        """The scenario's officer ids."""
        return {o.id for o in self.codes.scenario.officers}

    def problem(self, sheet: str, cell: str, message: str, value: object = None) -> None:
        if len(self.problems) < LISTED_CELLS:
            self.problems.append(Problem(self.name, f"sheet {sheet}, cell {cell}", message, value))
        else:
            self.more += 1


def read_roster_xlsx(path: str | Path, scenario: Scenario) -> pd.DataFrame:
    """The roster table (as ``read_roster_csv`` gives it) of a workbook s92 wrote."""
    return load_roster_xlsx(path, scenario).table


def load_roster_xlsx(path: str | Path, scenario: Scenario) -> RosterFile:
    """``read_roster_xlsx``, with the typed table the checker reads (``parse_roster``)."""
    name = str(path)
    codes = Codes(scenario)
    if clashes := codes.clashes():
        raise InputError.one(
            scenario.source or "scenario",
            "shift",
            "a tour code is also a state code, so a workbook cell holding it is ambiguous; "
            "rename the tour to read a workbook",
            clashes[0],
        )
    book = _open(Path(path), name)
    reading = Reading(name, codes, _written(book, name))
    sheets = 0
    for title in book.sheet_names:
        if title == DATA_SHEET:
            continue
        rows = _rows(book, title, name, shown=True)
        if not _is_contract_sheet(rows[:HEADER_ROWS]):
            _heading_moved(reading, title, rows)
            continue  # the legend, or a sheet the planner added
        sheets += 1
        _read_sheet(reading, title, rows)
    if not sheets and _table_saved_as_workbook(book, name):
        raise InputError.one(name, "", TABLE_XLSX)
    if not sheets and DATA_SHEET not in book.sheet_names:
        # s92 writes no sheet for a contract without officers, and its data sheet always:
        # with that sheet and no other, the roster of a scenario of vacant posts
        raise InputError.one(name, "", "no roster sheet (an 'Officer' and 'Rank' column in row 2)")
    _repeated(reading)
    if reading.emptied:
        _no_formula_without_value(reading, Path(path))
    if reading.problems:
        raise InputError(reading.problems, more=reading.more)
    table = _table(reading.rows)
    order = table.index.tolist()
    where = [reading.where[i] for i in order]
    table = table.reset_index(drop=True)
    # without the data sheet (the contract sheets copied into a workbook of their own) no
    # cell says what its day's event, kind or entry was: they are not typed empty
    absent = () if reading.written.codes else ("event", *EXTRA_COLUMNS)
    return RosterFile(table, parse_roster(table, name, where.__getitem__), tuple(where), absent)


TYPE_A_CODE = "type a code over it (R for a rest day)"


def _no_formula_without_value(reading: Reading, path: Path) -> None:
    """``InputError`` naming each day's cell that reads empty for a formula a program
    wrote without its value (``=C4`` typed by a script, openpyxl's), as the HR
    spreadsheets' reader says of one, or for the error a formula shows (``#VALUE!``), which
    is no empty cell on screen. Excel and LibreOffice save a formula's value with it,
    which is read."""
    from scheduler.scenario.spreadsheet import uncalculated_formulas  # this path alone

    data = read_input(path, "a roster workbook")
    found = [
        problem
        for title, cells in reading.emptied.items()
        for problem in uncalculated_formulas(data, title, reading.name, errors=TYPE_A_CODE)
        if problem.field.rpartition(" ")[2] in cells
    ]
    if found:
        raise InputError(found)


def _repeated(reading: Reading) -> None:
    """One problem per sheet repeating officers read before (a copy of a sheet kept as a
    backup, a row pasted twice): which days would stand is anyone's guess."""
    for title, repeats in reading.repeated.items():
        oid, cell, first = repeats[0]
        n = len(repeats) - 1
        more = f" and {n} more officer{'s' * (n > 1)}" if n else ""
        reading.problem(
            title,
            cell,
            f"officer {oid}{more} already on {first}: each officer's days go on one sheet, "
            "once (a copied sheet? delete the copy)",
            oid,
        )


TABLE_XLSX = (
    "a roster.csv saved as a workbook, not the roster.xlsx s92 writes: save it as CSV "
    "(roster.csv) and give that, or give the roster.xlsx s92 wrote"
)


def _table_saved_as_workbook(book: CalamineWorkbook, name: str) -> bool:
    """Whether the workbook's first sheet is roster.csv's table (its column names in row
    1): the CSV opened in a spreadsheet and saved as .xlsx."""
    rows = _rows(book, book.sheet_names[0], name) if book.sheet_names else []
    heading = {str(v).strip() for v in rows[0]} if rows else set()
    return set(COLUMNS) <= heading


def made_from(path: str | Path) -> tuple[int | None, bool]:
    """The published version the workbook's roster was made from, when s92 wrote it from
    a roster it did not publish (a re-roster's without --publish), else None; and whether
    it was built afresh from the scenario (``s92 roster`` without --publish: the version
    is the one latest then, 0 for none)."""
    name = str(path)
    written = _written(_open(Path(path), name), name)
    return written.made_from, written.afresh


def written_codes(path: str | Path) -> dict[tuple[str, str], list[str]]:
    """The day codes the hidden data sheet says s92 wrote, by (sheet, officer): the roster
    a workbook was written from, whatever has been typed over it since (empty for a
    workbook without the sheet)."""
    name = str(path)
    return _written(_open(Path(path), name), name).codes


def _open(path: Path, name: str) -> CalamineWorkbook:
    """The workbook, read with calamine (a Rust reader: a London year in a fraction of a
    second, where openpyxl's takes seconds); from memory, so a workbook named .csv reads."""
    try:
        data = read_input(path, "a roster workbook")
    except FileNotFoundError:
        raise InputError.one(name, "", "no such file") from None
    except IsADirectoryError:
        raise InputError.one(name, "", "is a directory, not a roster workbook") from None
    unpacked_within_limit(data, name, "a roster workbook")
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError:
        raise InputError.one(name, "", "not a readable Excel workbook (.xlsx)") from None


def _rows(book: CalamineWorkbook, title: str, name: str, shown: bool = False) -> list[list[Any]]:
    """A sheet's cells from A1 (no empty rows or columns skipped, so positions hold); with
    ``shown``, as the sheet shows them (``_as_shown``): the sheet is read once."""
    try:
        sheet = book.get_sheet_by_name(title)
        rows = sheet.to_python(skip_empty_area=False)
        return _as_shown(sheet.merged_cell_ranges or [], rows) if shown else rows
    except CalamineError:  # a damaged sheet inside a readable archive
        raise InputError.one(name, f"sheet {title}", "not a readable worksheet") from None
    except BaseException as exc:
        # a number no date can be in a cell formatted as one: calamine's Rust code panics,
        # which reaches Python as a PanicException (a BaseException, so nothing else
        # catches it)
        if type(exc).__name__ != "PanicException":
            raise
        message = "a cell formatted as a date or time holds a number no date can be"
        raise InputError.one(name, f"sheet {title}", message) from None


def _as_shown(merged: Sequence[Any], rows: list[list[Any]]) -> list[list[Any]]:
    """``rows`` with each ``merged`` range's value in every cell it spans, as the sheet
    shows it (``AL`` merged across a week of leave: AL on each day), as the HR
    spreadsheets' reader reads them; a value a spreadsheet kept hidden under the merge
    is not read."""
    for (r0, c0), (r1, c1) in merged:
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1 + 1, len(rows))):
            for c in range(c0, min(c1 + 1, len(rows[r]))):
                rows[r][c] = value
    return rows


# rows looked through for an 'Officer' and 'Rank' heading moved off row 2
MOVED_HEADING_ROWS = 12


def _heading_moved(reading: Reading, title: str, rows: Sequence[Sequence[Any]]) -> None:
    """A problem when a sheet s92 would pass over as not a roster holds the heading of one
    on another row (the title row deleted, a row inserted above it): passed over, every
    officer of it would read as gone (``publish`` keeping the contract as published, the
    edits on it lost); a sheet of the planner's own with those columns has no days in it."""
    for r, row in enumerate(rows[:MOVED_HEADING_ROWS], start=1):
        dated = any(isinstance(v, date) for v in row[LABEL_COLUMNS:])  # a planner's list: none
        if r != DATE_ROW and dated and _is_contract_sheet([[], row]):
            reading.problem(
                title,
                f"A{r}",
                f"the 'Officer' and 'Rank' heading is in row {r}, where s92 reads it in row "
                f"{DATE_ROW} (a row {'deleted' if r < DATE_ROW else 'inserted'} above it?): "
                f"put it back in row {DATE_ROW}, the title above it",
            )
            return


def _is_contract_sheet(head: Sequence[Sequence[Any]]) -> bool:
    if len(head) < DATE_ROW or len(head[DATE_ROW - 1]) < LABEL_COLUMNS:
        return False
    officer, rank = head[DATE_ROW - 1][:LABEL_COLUMNS]
    return officer == "Officer" and rank == "Rank"


# --- the hidden data sheet -----------------------------------------------------------------


def _written(book: CalamineWorkbook, name: str) -> Written:
    """The data sheet's records; an empty record if there is none (every cell then takes
    its code's meaning)."""
    out = Written()
    if DATA_SHEET not in book.sheet_names:
        return out
    rows = _rows(book, DATA_SHEET, name)
    if not rows or not rows[0] or rows[0][0] != DATA_MARK:
        return out
    made_from = _text(rows[0][3]) if len(rows[0]) > 3 else ""
    out.made_from = int(made_from) if made_from.isdigit() else None
    out.afresh = len(rows[0]) > 4 and _text(rows[0][4]) == AFRESH_MARK
    for row in rows[1:]:
        cells = [_text(v) for v in row]
        mark = cells[0] if cells else ""
        if mark == "officer" and len(cells) >= 6:
            sheet, oid, cid, rank, codes = cells[1:6]
            out.codes[sheet, oid] = codes.split(CODE_SEPARATOR)
            out.contracts[sheet, oid] = (cid, rank)
            out.sheets.setdefault(oid, []).append(sheet)
        elif mark == "detail" and len(cells) > len(DETAIL_COLUMNS):
            record = dict(zip(DETAIL_COLUMNS, cells[1 : 1 + len(DETAIL_COLUMNS)], strict=True))
            out.details[record["officer_id"], record["date"]] = record
    return out


def _text(value: object) -> str:
    """A cell as text: numbers a planner typed (a tour code '1') without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- a contract sheet ----------------------------------------------------------------------


def _read_sheet(reading: Reading, title: str, rows: list[list[Any]]) -> None:
    days = _days(reading, title, rows[DATE_ROW - 1])
    if days is None:
        return
    contract = _contract_id(title, rows[0])
    above = rows[HEADER_ROWS - 1] if len(rows) >= HEADER_ROWS else []
    if above and _text(above[0]) in reading.officers:  # passed over, it read as no row
        reading.problem(
            title,
            f"A{HEADER_ROWS}",
            f"officer {_text(above[0])} in row {HEADER_ROWS}, where s92 reads the weekdays "
            f"(the row under the dates deleted?): put a row back above the officers",
        )
        return
    for r, row in enumerate(rows[HEADER_ROWS:], start=HEADER_ROWS + 1):
        oid = _text(row[0]) if row else ""
        if not oid and said_rank(_text(row[1]) if len(row) > 1 else "") is not None:
            # an officer's row, its id cleared: passed over, the officer read as having
            # no row at all, named by id with no cell to find it by
            reading.problem(
                title,
                f"A{r}",
                f"no officer id on a row with a rank ({_text(row[1])}): type the officer's id",
            )
            continue
        if not oid:
            if _officer_follows(rows[r:]):
                continue  # an empty row a planner put between officers
            return  # the officers end at an empty row with none below it
        if _below_officers(row, oid) or _tally(reading, row, oid, days):
            if _officer_follows(rows[r:]):
                continue  # a heading or note a planner put between officers
            return  # the separator row above them was deleted
        if oid in reading.placed:  # a sheet copied, or a row: each officer's days once
            reading.repeated.setdefault(title, []).append((oid, f"A{r}", reading.placed[oid]))
        else:
            reading.placed[oid] = f"sheet {title}, row {r}"
        key = reading.written.key(title, oid, contract)
        rank = _rank(reading, key, title, r, row)
        cid = reading.written.contracts.get(key, (contract, ""))[0]
        written = reading.written.codes.get(key, [])
        for k, (col, day) in enumerate(days):
            value = row[col - 1] if len(row) >= col else None
            before = written[k] if k < len(written) else None
            cell = f"{get_column_letter(col)}{r}"
            _read_cell(reading, title, cell, oid, cid, rank, day, value, before)


def _below_officers(row: Sequence[Any], label: str) -> bool:
    """A row of what is under the officers ('Council asked for', 'On duty' ...): no rank
    in column B and a label no officer id could be (ids hold no spaces)."""
    rank = _text(row[1]) if len(row) > 1 else ""
    return said_rank(rank) is None and id_problem(label) is not None


def _tally(
    reading: Reading, row: Sequence[Any], label: str, days: Sequence[tuple[int, date]]
) -> bool:
    """A row a planner added to count the days ('Total', with a number or a formula under
    each day) right under the officers or among them: no rank, a label that names no
    officer of the scenario nor of the data sheet, and no code in any day's cell. Read as
    an officer, it was an unknown rank and an unknown code on every day it counted."""
    if said_rank(_text(row[1]) if len(row) > 1 else "") is not None:
        return False
    if label in reading.officers or label in reading.written.sheets:
        return False
    cells = (_text(row[col - 1]) for col, _ in days if col <= len(row))
    return not any(text and reading.codes.code(text) is not None for text in cells)


def _officer_follows(rows: Sequence[Sequence[Any]]) -> bool:
    """Whether the first row below with anything in its label columns is an officer's: a
    rank in column B (the rows under the officers, what the council asked for and the
    day's totals, have none)."""
    for row in rows:
        labels = [_text(v) for v in row[:LABEL_COLUMNS]]
        if any(labels):
            return len(labels) == LABEL_COLUMNS and said_rank(labels[1]) is not None
    return False


def _days(reading: Reading, title: str, dates: Sequence[Any]) -> list[tuple[int, date]] | None:
    """Each day column and its day: real dates, one after another, from column C. A column
    without a date (one a planner added among the days for notes, or the summary columns
    after them) is passed over."""
    days: list[tuple[int, date]] = []
    for col in range(LABEL_COLUMNS + 1, len(dates) + 1):
        value = dates[col - 1]
        if not isinstance(value, datetime | date):
            why = _day_not_a_date(value)
            if why is not None:
                reading.problem(title, f"{get_column_letter(col)}{DATE_ROW}", why, _text(value))
                return None
            continue
        day = value.date() if isinstance(value, datetime) else value
        if days and (day - days[-1][1]).days != 1:
            reading.problem(
                title,
                f"{get_column_letter(col)}{DATE_ROW}",
                f"date columns must run day by day; this one follows {days[-1][1]}",
                day.isoformat(),
            )
            return None
        days.append((col, day))
    if not days:
        reading.problem(title, f"C{DATE_ROW}", "no dates in row 2 (one column per day)")
        return None
    return days


def _day_not_a_date(value: object) -> str | None:
    """Why a cell of the date row that is no date cell names a day all the same, or None
    (a notes column's heading, the summary columns'): a date turned into text, in any
    form the one reader of dates reads (``06 May 2026``, ``06-May-26``), or into the
    spreadsheet's day number (its format cleared to General), as a number or as text
    (Excel's "number stored as text": the column formatted as Text first). Passed over as
    a notes column, the day's column went unread: every officer seemed to have no row that
    day, or the next day's date was named as out of order."""
    text = _text(value)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number or _NUMBER_TEXT.fullmatch(text):
        why = day_problem(text)
        return None if why == NOT_A_DATE else why
    if read_day(text) is not None or _looks_like_a_date(text):
        return "a day's date as text: make the cell a date again"
    return None


_NUMBER_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _looks_like_a_date(text: str) -> bool:
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            datetime.strptime(text.split(" ")[0], form)
        except ValueError:
            continue
        return True
    return False


def _contract_id(title: str, heading: Sequence[Any]) -> str:
    """From the heading 'ID: council (BCU)' s92 writes in A1, else the sheet's title."""
    text = _text(heading[0]) if heading else ""
    return text.split(":", 1)[0].strip() if ":" in text else title


# an officer's id and rank, at the start of their line, once for all their days
LABEL_CELLS = {"officer_id": "A", "rank": "B"}
_DAY_CELL = re.compile(r"(sheet .*, cell )[A-Z]+([0-9]+)")


def label_cell(place: str, column: str) -> str:
    """Where a day's officer id or rank (``column``) is, for the place of the day's cell
    (``sheet HAV-PP, cell D5`` -> ``sheet HAV-PP, cell B5`` for the rank): the cell a
    planner typed it in; any other place (a CSV's ``row 12``) or column as it is."""
    day = _DAY_CELL.fullmatch(place)
    if day is None or column not in LABEL_CELLS:
        return place
    return f"{day[1]}{LABEL_CELLS[column]}{day[2]}"


def _rank(reading: Reading, key: tuple[str, str], title: str, r: int, row: Sequence[Any]) -> str:
    oid = key[1]
    label = _text(row[1]) if len(row) > 1 else ""
    rank = said_rank(label)
    if rank is None:
        written = reading.written.contracts.get(key)
        if written and written[1] and not label:
            return written[1]
        shown = ", ".join(RANK_CODES.values())
        reading.problem(
            title, f"{LABEL_CELLS['rank']}{r}", f"unknown rank for {oid} (use {shown})", label
        )
        return label
    return rank


def _read_cell(
    reading: Reading,
    title: str,
    cell: str,
    oid: str,
    cid: str,
    rank: str,
    day: date,
    value: object,
    before: str | None,
) -> None:
    text = _text(value)
    iso = day.isoformat()
    detail = reading.written.details.get((oid, iso))
    if not text:
        if before:  # s92 wrote a code here: an emptied cell is a mistake, not a day
            reading.emptied.setdefault(title, set()).add(cell)
            reading.problem(
                title,
                cell,
                f"empty, but {oid} is in post on {iso}: type a code (R for a rest day)",
            )
        return  # not in post that day
    code = reading.codes.code(text)
    if code is None:
        reading.problem(
            title, cell, f"unknown code for {oid} on {iso} (use {reading.codes.listed})", text
        )
        return
    row: dict[str, Any]
    if before is not None and code == reading.codes.code(before) and detail is not None:
        row = {c: detail[c] for c in DETAIL_COLUMNS if c not in ("code", "hours")}
        row["hours"] = _hours(detail["hours"])
    else:
        meaning = _meaning(reading, title, cell, oid, day, code, before, detail)
        if meaning is None:
            return
        row = {"officer_id": oid, "date": iso, **meaning}
    row.update(contract_id=cid, rank=rank)
    reading.rows.append(row)
    reading.where.append(f"sheet {title}, cell {cell}")


def _hours(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")  # the checker reports hours that do not match the times


def _previous(
    reading: Reading, day: date, before: str | None, detail: dict[str, str] | None
) -> dict[str, str] | None:
    """The row s92 wrote for the day (its detail, or what its code meant), if any."""
    if detail is not None:
        return detail
    if not before:
        return None
    code = reading.codes.code(before)
    if code is None:
        return None
    tour = reading.codes.tour(code, day)
    if tour is None:
        return {"state": reading.codes.state(code), "shift": "", "start": "", "end": ""}
    shift = code if code in reading.codes.shifts else AID_SHIFT
    return {
        "state": reading.codes.state(code),
        "shift": shift,
        "start": tour.start,
        "end": tour.end,
    }


def _meaning(
    reading: Reading,
    title: str,
    cell: str,
    oid: str,
    day: date,
    code: str,
    before: str | None,
    detail: dict[str, str] | None,
) -> dict[str, Any] | None:
    """The row an edited cell stands for, or None (and a problem) if it cannot be built;
    ``before`` is the code s92 wrote there and ``detail`` its row, if kept."""
    state = reading.codes.state(code)
    plain = {"event": "", "kind": "", "abstraction_id": ""}
    if state in OFF:
        return {"state": state, "shift": "", "start": "", "end": "", "hours": 0.0, **plain}
    if state in ("DUTY", "HDD_AID"):
        tour = reading.codes.tour(code, day)
        if tour is None:
            why = (
                f"{day} is not a High Demand Day (log aid on another day with s92 abstract add "
                "--kind hdd_aid)"
                if state == "HDD_AID"
                else f"tour {code} has no length on {day} (the March clock change)"
            )
            reading.problem(title, cell, f"{code} for {oid}: {why}", code)
            return None
        shift = code if state == "DUTY" else AID_SHIFT
        return {
            "state": state,
            "shift": shift,
            "start": tour.start,
            "end": tour.end,
            "hours": tour.hours,
            **plain,
            "event": tour.event,
        }
    # an abstraction typed over a tour keeps the tour's times, as a logged entry would
    previous = _previous(reading, day, before, detail)
    if previous is None or previous.get("state") not in DUTY_STATES or not previous.get("start"):
        reading.problem(
            title,
            cell,
            f"{code} for {oid} on {day} needs a tour's times, and there was none that day "
            "to keep: log it with s92 abstract add --start --end",
            code,
        )
        return None
    start, end = previous["start"], previous["end"]
    elapsed = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return {
        "state": state,
        "shift": previous.get("shift", ""),
        "start": start,
        "end": end,
        "hours": round(elapsed / 3600, 2),
        **plain,
    }


def _table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The roster table, sorted as the engine writes it (contract, officer, date); the
    index keeps each row's place in reading order."""
    columns = [*COLUMNS, *EXTRA_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column != "hours":
            table[column] = table[column].fillna("").astype(str)
    table["hours"] = table["hours"].astype(float)
    return table.sort_values(["contract_id", "officer_id", "date"], kind="stable")
