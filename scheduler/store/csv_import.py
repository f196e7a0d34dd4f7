"""A council's or BCU's spreadsheet of entries (CSV: leave, sickness, abstractions) ->
entries to log, all or nothing.

Columns: ``officer_id, date, kind, reason, authorised_by, notified`` and optionally
``end_date, start, end``; ``end_date`` may be empty (or left out) for a single day. Rows are numbered as a
spreadsheet shows them (the header is row 1).

The CSV ``s92 abstract list --csv`` writes is read too, so that a log exported, edited in a
spreadsheet and given back is imported: its ``first_date``/``last_date`` are ``date`` and
``end_date``, and a row with an ``id`` is an entry of the log, matched to it (``logged_problems``:
already logged if unchanged, refused naming the cell if edited: the log is append-only); a
row with ``id`` blank is a new entry. Each entry's ``source_key`` is a hash of the
row's normalised content plus how many identical rows came before it in the file, so
importing the same file again adds nothing while two identical rows stay two entries
(which then overlap each other, so such a file is refused naming both rows).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from calendars import month_first_problem, read_clock, read_day
from scheduler.errors import InputError, Problem
from scheduler.files import read_spreadsheet_csv, restore_cell
from scheduler.limits import MAX_ENTRY_ID
from scheduler.scenario.model import Scenario
from scheduler.store.entries import Entry, NewEntry
from scheduler.store.validate import Where, parse_entry, typed_kind

REQUIRED: tuple[str, ...] = ("officer_id", "date", "kind", "reason", "authorised_by", "notified")
OPTIONAL: tuple[str, ...] = ("end_date", "start", "end")  # no end_date: one day each
DATE_COLUMNS: tuple[str, ...] = ("date", "end_date", "notified")
# the names ``s92 abstract list --csv`` gives two of the columns above
LIST_NAMES: dict[str, str] = {"first_date": "date", "last_date": "end_date"}
# the list's columns of the log itself: a row with an id is an entry already logged
LOG_COLUMNS: tuple[str, ...] = (
    "id",
    "contract_id",
    "logged_at",
    "voids",
    "voided_by",
    "source_key",
)
NO_ENTRY_ROW = (
    "no date nor kind, so no entry (a total or a note typed under the rows?): delete it, or "
    "give the entry's date and kind"
)
KEY_VERSION = "s92-abstraction-row-v1"
ENTRY_CSV = f"a CSV of entries ({', '.join(REQUIRED)}; {', '.join(OPTIONAL)} optional)"


@dataclass(frozen=True)
class LoggedRow:
    """A row of an exported log (``abstract list --csv``) naming an entry by its ``id``."""

    entry_id: int
    cells: dict[str, str]  # logical field -> the cell as written
    where: Where


@dataclass(frozen=True)
class ImportedRows:
    entries: list[NewEntry]
    labels: list[tuple[str, str]]  # (file, "row N") per entry, for problems the store finds
    wheres: list[Where]  # how to name each entry's cells, as the file names its columns
    logged: list[LoggedRow]  # rows of an exported log naming an entry by its id


def read_abstractions_csv(path: str | Path, scenario: Scenario | None) -> ImportedRows:
    """Every row parsed and checked; ``InputError`` with all problems if any row is bad."""
    name = str(path)
    records = _records(Path(path))
    typed = _header(records[0] if records else [], name)
    header = [LIST_NAMES.get(column, column) for column in typed]
    _unnamed_values(header, records[1:], name)
    _not_month_first(typed, records[1:], name)
    # problems name a column as the file does (first_date in an exported log)
    named = {LIST_NAMES.get(column, column): column for column in typed if column}
    problems: list[Problem] = []
    entries: list[NewEntry] = []
    labels: list[tuple[str, str]] = []
    wheres: list[Where] = []
    logged: list[LoggedRow] = []
    seen: Counter[str] = Counter()
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank spreadsheet rows are not entries
        raw = {k: v for k, v in zip(header, record, strict=False) if k}
        fields = (*REQUIRED, *OPTIONAL, *LOG_COLUMNS)
        where = Where(name, {f: f"row {number}: {named.get(f, f)}" for f in fields})
        if raw.get("id", "").strip():
            found_id = _entry_id(raw["id"], where)
            if isinstance(found_id, Problem):
                problems.append(found_id)
            else:
                logged.append(LoggedRow(found_id, raw, where))
            continue
        if void := next((f for f in ("voids", "voided_by") if raw.get(f, "").strip()), None):
            problems.append(
                Problem(
                    name,
                    where(void),
                    "a row with no id is a new entry, and a new entry voids none and is "
                    "voided by none: void an entry with s92 abstract void ID",
                    raw[void],
                )
            )
            continue
        if not raw.get("date", "").strip() and not raw.get("kind", "").strip():
            shown = next(cell for cell in record if cell.strip())
            problems.append(Problem(name, f"row {number}", NO_ENTRY_ROW, shown))
            continue
        entry, found = parse_entry(raw, where, scenario)
        problems.extend(found)
        if entry is None:
            continue
        given = raw.get("contract_id", "").strip()
        if given and given.casefold() != entry.contract_id.casefold():
            problems.append(
                Problem(
                    name,
                    where("contract_id"),
                    f"officer {entry.officer_id} is in contract {entry.contract_id} of the "
                    "scenario",
                    given,
                )
            )
            continue
        content = normalised(entry)
        seen[content] += 1
        entries.append(dataclasses.replace(entry, source_key=source_key(content, seen[content])))
        labels.append((name, f"row {number}"))
        wheres.append(where)
    if problems:
        raise InputError(problems)
    return ImportedRows(entries, labels, wheres, logged)


def _entry_id(text: str, where: Where) -> int | Problem:
    value = text.strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ENTRY_ID:
        return int(value)
    return Problem(
        where.file,
        where("id"),
        "not an entry id (a whole number, as s92 abstract list gives; blank for a new entry)",
        text,
    )


def logged_problems(
    rows: Iterable[LoggedRow], entry_of: Callable[[int], Entry | None]
) -> list[Problem]:
    """Each row naming an entry by its id, held to the log's entry (``entry_of``): a row as
    the log has it is already logged; one naming no entry, or edited, is refused naming the
    cell (the log is append-only: a correction voids the entry and logs it again)."""
    problems = []
    for row in rows:
        entry = entry_of(row.entry_id)
        where = row.where
        if entry is None:
            problems.append(
                Problem(
                    where.file,
                    where("id"),
                    f"no entry {row.entry_id} in the log: leave id blank to log the row as a "
                    "new entry",
                    row.cells["id"],
                )
            )
            continue
        edited = _edited(row.cells, entry)
        if edited is not None:
            field, logged = edited
            problems.append(
                Problem(
                    where.file,
                    where(field),
                    f"entry {entry.id} has {logged or 'nothing'!r} here in the log, which is "
                    f"append-only: void the entry (s92 abstract void {entry.id}) and give the "
                    "row again with id blank",
                    row.cells.get(field, ""),
                )
            )
    return problems


def _edited(cells: Mapping[str, str], entry: Entry) -> tuple[str, str] | None:
    """The first field whose cell reads other than ``entry`` has it, and the log's value;
    None if the row is the entry as logged (a date retyped ``09/11/2026`` or a time
    ``07:00:00`` by a spreadsheet reads as the same)."""
    text = {field: cell.strip() for field, cell in cells.items()}

    def clock(value: str) -> time | None:
        return read_clock(value) if value else None

    def number(value: str) -> int | None:
        return int(value) if value.isascii() and value.isdigit() else None

    end = entry.last_date if entry.last_date != entry.first_date else None
    held: list[tuple[str, object, object, str]] = [
        ("officer_id", text.get("officer_id"), entry.officer_id, entry.officer_id),
        ("date", read_day(text.get("date", "")), entry.first_date, str(entry.first_date)),
        (
            "end_date",
            read_day(text["end_date"]) if text.get("end_date") else None,
            entry.last_date if text.get("end_date") else end,
            str(entry.last_date),
        ),
        ("start", clock(text.get("start", "")), entry.start, _hhmm(entry.start)),
        ("end", clock(text.get("end", "")), entry.end, _hhmm(entry.end)),
        ("kind", typed_kind(text.get("kind", "")), entry.kind, entry.kind),
        ("reason", text.get("reason"), entry.reason, entry.reason),
        ("authorised_by", text.get("authorised_by"), entry.authorised_by, entry.authorised_by),
        ("notified", read_day(text.get("notified", "")), entry.notified, str(entry.notified)),
        ("voids", number(text.get("voids", "")), entry.voids, str(entry.voids or "")),
    ]
    if text.get("contract_id"):
        held.append(("contract_id", text["contract_id"], entry.contract_id, entry.contract_id))
    for field, read, logged, shown in held:
        if read != logged:
            return field, shown
    return None


def _hhmm(moment: time | None) -> str:
    return "" if moment is None else f"{moment:%H:%M}"


def normalised(entry: NewEntry) -> str:
    """The row's content as parsed, so '2026-05-01,,' and '2026-05-01,2026-05-01,' agree."""
    return json.dumps(
        [
            entry.officer_id,
            entry.first_date.isoformat(),
            entry.last_date.isoformat(),
            "" if entry.start is None else f"{entry.start:%H:%M}",
            "" if entry.end is None else f"{entry.end:%H:%M}",
            entry.kind,
            entry.reason,
            entry.authorised_by,
            entry.notified.isoformat(),
        ],
        ensure_ascii=False,
    )


def source_key(content: str, occurrence: int) -> str:
    text = f"{KEY_VERSION}\n{content}\n{occurrence}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _records(path: Path) -> list[list[str]]:
    """The header and rows as the one checked reader of a user's CSV reads them
    (``read_spreadsheet_csv``: encodings, separators, a row wider than the header, a
    column named twice), each cell as written; a column with no name is ''."""
    frame = read_spreadsheet_csv(path, ENTRY_CSV)
    header = ["" if _UNNAMED.fullmatch(str(c)) else str(c) for c in frame.columns]
    rows = frame.to_numpy(dtype=object).tolist()
    return [header] + [[restore_cell(str(cell)) for cell in row] for row in rows]


# how the checked reader names a column whose header cell is empty
_UNNAMED = re.compile(r"Unnamed: \d+")


def _unnamed_values(header: list[str], rows: list[list[str]], name: str) -> None:
    """A column with no name is passed over while it is empty (a spreadsheet saves the
    columns of its used range, so a cleared column or a stray format gives ';;' at each
    line's end); one holding a value is refused: which field it meant is a guess."""
    for index, column in enumerate(header):
        if column:
            continue
        for number, record in enumerate(rows, start=2):
            if index < len(record) and record[index].strip():
                raise InputError.one(
                    name,
                    f"row {number}, column {index + 1}",
                    "a value in a column with no name in row 1: name the column or clear it",
                    record[index],
                )


def _not_month_first(header: list[str], rows: list[list[str]], name: str) -> None:
    """Refuse, in one line, a file whose dates are written month first (a US-locale save,
    ``4/25/2027``): read day first, each with its day 12 or less would be another day,
    silently (``calendars.month_first_problem``, as every file's dates; an entry log's
    days are scattered, no run of days)."""
    cells = [
        (f"row {number}: {column}", record[index].strip())
        for number, record in enumerate(rows, start=2)
        for index, column in enumerate(header)
        if LIST_NAMES.get(column, column) in DATE_COLUMNS and index < len(record)
    ]
    found = month_first_problem((text for _, text in cells), run=False)
    if found is not None:
        shown, why = found
        place = next(place for place, text in cells if text == shown)
        raise InputError.one(name, place, why, shown)


def _header(header: list[str], name: str) -> list[str]:
    # named by the checked reader as typed into a spreadsheet: 'Officer ID' and 'End date'
    # name officer_id and end_date
    if not any(header):
        raise InputError.one(name, "row 1", "no header row (expected " + ", ".join(REQUIRED) + ")")
    problems = []
    known = (*REQUIRED, *OPTIONAL, *LIST_NAMES, *LOG_COLUMNS)
    logical = {LIST_NAMES.get(column, column) for column in header}
    unknown = [c for c in header if c and c not in known]
    missing = [c for c in REQUIRED if c not in logical]
    if len(unknown) > 1 and len(missing) > 1:  # another CSV (a roster, check's findings)
        raise InputError.one(
            name,
            "row 1",
            f"not a CSV of entries: columns {', '.join(missing)} missing, "
            f"{', '.join(unknown[:6])}{' …' * (len(unknown) > 6)} unknown (expected "
            f"{', '.join(REQUIRED + OPTIONAL)}, or the columns s92 abstract list --csv writes)",
        )
    for column in header:
        if column and column not in known:
            problems.append(
                Problem(
                    name,
                    f"row 1: {column or '(blank)'}",
                    f"unknown column (expected {', '.join(REQUIRED + OPTIONAL)}, or the "
                    "columns s92 abstract list --csv writes)",
                )
            )
    for listed, field in LIST_NAMES.items():
        if listed in header and field in header:
            problems.append(
                Problem(name, f"row 1: {listed}", f"names the column {field} names: keep one")
            )
    for column in REQUIRED:
        if column not in logical:
            problems.append(Problem(name, f"row 1: {column}", "missing column"))
    if problems:
        raise InputError(problems)
    return header
