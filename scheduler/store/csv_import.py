"""A council's or BCU's spreadsheet of entries (CSV: leave, sickness, abstractions) ->
entries to log, all or nothing.

Columns: ``officer_id, date, kind, reason, authorised_by, notified`` and optionally
``end_date, start, end``; ``end_date`` may be empty (or left out) for a single day. Rows are numbered as a
spreadsheet shows them (the header is row 1). Each entry's ``source_key`` is a hash of the
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
from dataclasses import dataclass
from pathlib import Path

from calendars import month_first_problem
from scheduler.errors import InputError, Problem
from scheduler.files import read_spreadsheet_csv, restore_cell
from scheduler.scenario.model import Scenario
from scheduler.store.entries import NewEntry
from scheduler.store.validate import Where, parse_entry

REQUIRED: tuple[str, ...] = ("officer_id", "date", "kind", "reason", "authorised_by", "notified")
OPTIONAL: tuple[str, ...] = ("end_date", "start", "end")  # no end_date: one day each
DATE_COLUMNS: tuple[str, ...] = ("date", "end_date", "notified")
KEY_VERSION = "s92-abstraction-row-v1"
ENTRY_CSV = f"a CSV of entries ({', '.join(REQUIRED)}; {', '.join(OPTIONAL)} optional)"


@dataclass(frozen=True)
class ImportedRows:
    entries: list[NewEntry]
    labels: list[tuple[str, str]]  # (file, "row N") per entry, for problems the store finds


def read_abstractions_csv(path: str | Path, scenario: Scenario | None) -> ImportedRows:
    """Every row parsed and checked; ``InputError`` with all problems if any row is bad."""
    name = str(path)
    records = _records(Path(path))
    header = _header(records[0] if records else [], name)
    _unnamed_values(header, records[1:], name)
    _not_month_first(header, records[1:], name)
    problems: list[Problem] = []
    entries: list[NewEntry] = []
    labels: list[tuple[str, str]] = []
    seen: Counter[str] = Counter()
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank spreadsheet rows are not entries
        raw = {k: v for k, v in zip(header, record, strict=False) if k}
        where = Where(name, {f: f"row {number}: {f}" for f in (*REQUIRED, *OPTIONAL)})
        entry, found = parse_entry(raw, where, scenario)
        problems.extend(found)
        if entry is None:
            continue
        content = normalised(entry)
        seen[content] += 1
        entries.append(dataclasses.replace(entry, source_key=source_key(content, seen[content])))
        labels.append((name, f"row {number}"))
    if problems:
        raise InputError(problems)
    return ImportedRows(entries, labels)


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
        if column in DATE_COLUMNS and index < len(record)
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
    for column in header:
        if column and column not in REQUIRED and column not in OPTIONAL:
            problems.append(
                Problem(
                    name,
                    f"row 1: {column or '(blank)'}",
                    f"unknown column (expected {', '.join(REQUIRED + OPTIONAL)})",
                )
            )
    for column in REQUIRED:
        if column not in header:
            problems.append(Problem(name, f"row 1: {column}", "missing column"))
    if problems:
        raise InputError(problems)
    return header
