"""A scenario from the spreadsheets an HR system exports (CSV or xlsx): officers (id,
contract, rank, service start, in-post dates), leave (one row per booking) and, when
given, contracts. Headers are matched without regard to case, spaces or underscores and
accept the usual names (``ALIASES``); dates are ``YYYY-MM-DD``, ``DD/MM/YYYY`` or
spreadsheet dates. Every problem names the file, the row (the header is row 1), the
column and the value, all at once.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from zipfile import BadZipFile

import openpyxl
import pandas as pd

from calendars import (
    FIRST_CALENDAR_YEAR,
    LAST_CALENDAR_YEAR,
    day_problem,
    financial_year_of,
    london_today,
    month_first_problem,
    read_day,
)
from scheduler.errors import InputError, Problem
from scheduler.files import (
    OLE_MAGIC,
    ZIP_MAGIC,
    compound_file_problem,
    read_input,
    read_spreadsheet_csv,
    unpacked_within_limit,
    workbook_magic,
)
from scheduler.limits import MAX_SERVICE_YEARS, decimal_number
from scheduler.scenario.model import RANKS, read_share
from scheduler.table import LEAVE_KIND, RANK_WORDS, said_kind, said_rank

# logical column -> accepted headers (normalised: lower case, letters and digits only)
ALIASES: dict[str, tuple[str, ...]] = {
    "officer_id": ("officerid", "officer", "id", "pseudonym", "officerref"),
    "contract": ("contract", "contractid", "contractref", "s92contract"),
    "rank": ("rank", "grade"),
    "service_start": ("servicestart", "servicestartdate", "joined", "joineddate", "dateofjoining"),
    "service_years": ("serviceyears", "yearsofservice", "service"),
    "in_post_from": ("inpostfrom", "postfrom", "poststart", "startinpost", "from", "start"),
    "in_post_until": ("inpostuntil", "postuntil", "postend", "endinpost", "until", "end"),
    "first_day": ("firstday", "from", "start", "startdate", "leavestart", "leavefrom"),
    "last_day": ("lastday", "to", "end", "enddate", "leaveend", "leaveto", "until"),
    "leave_type": ("type", "leavetype", "absencetype"),
    "council": ("council", "localauthority", "authority"),
    "contract_start": ("start", "startdate", "contractstart", "from", "termstart"),
    "bcu": ("bcu", "basiccommandunit"),
    "scheme": ("scheme",),
    "years": ("years", "term", "termyears"),
    "constable": ("constable", "constables", "pc", "pcs"),
    "sergeant": ("sergeant", "sergeants", "ps", "sgt", "sgts"),
    "inspector": ("inspector", "inspectors", "insp", "insps"),
    "notice_given": ("noticegiven", "notice"),
    "uplift": ("uplift", "annualuplift", "priceuplift", "yearlyuplift"),
}
SCHEMES = {"partnershipplus": "partnership-plus", "metpatrolplus": "met-patrol-plus"}
_ID = re.compile(r"[A-Za-z0-9_.-]+")
# a date saved as a date-time, with or without seconds (Excel's 'dd/mm/yyyy hh:mm' has none):
# its day, as a date-time cell of a workbook is
_CLOCK_SUFFIX = re.compile(r"[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?$")


HOLIDAY_WORDS = frozenset({"holiday", "holidays", "hol"})  # in HR systems: annual leave


def _key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


@dataclass
class Sheet:
    """One spreadsheet's rows as text or dates, with its logical columns found."""

    file: str
    rows: list[dict[str, Any]]
    columns: dict[str, str]  # logical name -> header as written
    problems: list[Problem] = field(default_factory=list)
    sheet: str = ""  # "sheet TITLE" of a workbook of several sheets, else ''

    def place(self, line: int, column: str) -> str:
        """Where a cell is, as its problem names it: ``sheet Officers, row 5, column Rank``."""
        return ", ".join(p for p in (self.sheet, f"row {line}", f"column {column}") if p)

    def numbered(self) -> list[tuple[int, dict[str, Any]]]:
        """Each row with its number as a spreadsheet shows it (the header is row 1), blank
        rows left out: Excel's CSV save keeps cleared cells as rows of commas."""
        return [
            (line, row)
            for line, row in enumerate(self.rows, 2)
            if any(str(v).strip() for v in row.values())
        ]

    def has(self, name: str) -> bool:
        return name in self.columns

    def value(self, row: dict[str, Any], name: str) -> Any:
        raw = row.get(self.columns.get(name, ""), "")
        if raw is None or (isinstance(raw, float) and pd.isna(raw)):
            return ""
        return raw.strip() if isinstance(raw, str) else raw

    def problem(self, line: int, name: str, message: str, value: object = None) -> None:
        column = self.columns.get(name, name)
        self.problems.append(Problem(self.file, self.place(line, column), message, value))


def read_sheet(path: Path, wanted: tuple[str, ...], required: tuple[str, ...]) -> Sheet:
    """Read a CSV or xlsx file and find its columns; ``InputError`` when it cannot be read
    or a required column is missing."""
    name = str(path)
    magic = workbook_magic(path, "a spreadsheet")  # by content: an export's name may lie
    if magic == OLE_MAGIC:
        raise InputError.one(name, "", compound_file_problem(path))
    if magic == ZIP_MAGIC and _is_opendocument(path):
        raise InputError.one(name, "", OPENDOCUMENT)
    sheet_named = ""  # a workbook of several sheets: the one read, for its problems
    try:
        if magic == ZIP_MAGIC:
            frame, sheet_named = _workbook_frame(path, lambda h: _has(h, wanted, required))
        else:
            frame = read_spreadsheet_csv(path, "a spreadsheet file", as_written=True)
    except FileNotFoundError:
        raise InputError.one(name, "", "no such file") from None
    except IsADirectoryError:
        raise InputError.one(name, "", "is a directory, not a spreadsheet") from None
    except pd.errors.EmptyDataError:
        raise InputError.one(name, "", "file is empty") from None
    except (pd.errors.ParserError, ValueError, KeyError, BadZipFile) as exc:
        raise InputError.one(name, "", f"not a readable CSV or xlsx file: {exc}") from None
    except OSError as exc:
        raise InputError.one(name, "", f"cannot read: {exc.strerror or exc}") from None
    columns = _columns(frame.columns, wanted)
    missing = [c for c in required if c not in columns]
    if missing:
        names = ", ".join(f"{c} (or {', '.join(ALIASES[c][1:3])})" for c in missing)
        raise InputError.one(
            name, sheet_named, f"missing column(s): {names}", ", ".join(map(str, frame.columns))
        )
    records = frame.astype(object).where(frame.notna(), "").to_dict("records")
    rows = [{str(k): v for k, v in record.items()} for record in records]
    sheet = Sheet(name, rows, columns, sheet=sheet_named)
    _not_month_first(sheet)
    return sheet


def _columns(header: Iterable[object], wanted: tuple[str, ...]) -> dict[str, str]:
    """Each ``wanted`` logical column found in ``header``, as written there."""
    headers = {_key(h): str(h) for h in header}
    columns: dict[str, str] = {}
    for logical in wanted:
        found = next((headers[a] for a in ALIASES[logical] if a in headers), None)
        if found is not None and found not in columns.values():
            columns[logical] = found
    return columns


def _has(header: Iterable[object], wanted: tuple[str, ...], required: tuple[str, ...]) -> bool:
    return all(c in _columns(header, wanted) for c in required)


DATE_COLUMNS: tuple[str, ...] = (
    "service_start",
    "in_post_from",
    "in_post_until",
    "first_day",
    "last_day",
    "contract_start",
    "notice_given",
)


def _not_month_first(sheet: Sheet) -> None:
    """Refuse, in one line, a sheet whose dates are written month first (a US-locale save,
    ``4/25/2027``): read day first, each with its day 12 or less would be another day,
    silently (``calendars.month_first_problem``, as every file's dates; an HR export's
    days are scattered, no run of days). Dates a workbook holds as dates are no text."""
    cells = [
        (line, name, value)
        for line, row in sheet.numbered()
        for name in DATE_COLUMNS
        if sheet.has(name) and isinstance(value := sheet.value(row, name), str)
    ]
    found = month_first_problem((value for _, _, value in cells), run=False)
    if found is not None:
        shown, why = found
        line, name = next((line, name) for line, name, value in cells if value == shown)
        raise InputError.one(sheet.file, sheet.place(line, sheet.columns[name]), why, shown)


OPENDOCUMENT = (
    "an OpenDocument spreadsheet (.ods), which s92 cannot read here: save it as "
    "'Excel 2007-365 (.xlsx)' or as CSV and give that"
)


def _is_opendocument(path: Path) -> bool:
    """Whether the zip archive is an OpenDocument file (its first member, ``mimetype``,
    says so, as the standard requires) rather than an Office Open XML workbook."""
    with open(path, "rb") as handle:
        return _OPENDOCUMENT in handle.read(100)


_OPENDOCUMENT = b"application/vnd.oasis.opendocument"


def _workbook_frame(path: Path, fits: Callable[[list[object]], bool]) -> tuple[pd.DataFrame, str]:
    """The first sheet a user sees (an export's hidden lookup sheets often come first) whose
    header ``fits`` (a sheet of notes a planner put in front is passed over), else the first
    sheet a user sees, each merged cell's value in every row and column it spans, as the
    sheet shows it; and ``sheet TITLE`` when the workbook shows more than one (its problems
    name it), else ''."""
    # from memory: openpyxl refuses a workbook by its name alone (an export named .csv)
    data = read_input(path, "a spreadsheet")
    unpacked_within_limit(data, str(path), "a spreadsheet")
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    visible = [i for i, sheet in enumerate(book.worksheets) if sheet.sheet_state == "visible"]
    shown = visible or [0]
    index = next((i for i in shown if fits(_header(book.worksheets[i]))), shown[0])
    sheet = book.worksheets[index]
    named = f"sheet {sheet.title}" if len(visible) > 1 else ""
    if problems := uncalculated_formulas(data, sheet.title, str(path)):
        raise InputError(problems)
    for merged in list(sheet.merged_cells.ranges):
        value = sheet.cell(merged.min_row, merged.min_col).value
        sheet.unmerge_cells(str(merged))
        for row in sheet.iter_rows(
            min_row=merged.min_row,
            max_row=merged.max_row,
            min_col=merged.min_col,
            max_col=merged.max_col,
        ):
            for cell in row:
                cell.value = value
    # pandas documents an openpyxl Workbook as a source; its stubs leave it out
    with pd.ExcelFile(book, engine="openpyxl") as excel:  # type: ignore[arg-type]
        return pd.read_excel(excel, sheet_name=index, dtype=object), named


def _header(sheet: Any) -> list[object]:
    """A sheet's first row of values (none for an empty sheet)."""
    for row in sheet.iter_rows(max_row=1, values_only=True):
        return list(row)
    return []


UNCALCULATED = (
    "a formula with no value saved (the program that wrote the file did not calculate it): "
    "open the file in Excel or LibreOffice and save it, or export values"
)


def uncalculated_formulas(
    data: bytes, title: str, name: str, *, errors: str | None = None
) -> list[Problem]:
    """A problem naming each formula cell of sheet ``title`` of the workbook ``data`` saved
    without its value
    (a workbook a script wrote, openpyxl's: an empty ``<v>`` in a cell of a number;
    Excel and LibreOffice save the value with the formula, an empty text as an empty
    ``<v>`` in a cell of text, ``t="str"``). Read for its value alone, such a cell is blank: a leave
    booking's last day computed as ``=B2+13`` became a one-day booking. With ``errors``
    (what to do instead), each cell showing an error (``#VALUE!``, ``#NAME?``: a formula
    typed by mistake) as well, which the roster's reader reads as blank. None in an OpenDocument file (a roster
    saved as .ods, which openpyxl cannot open): LibreOffice saves each formula's value."""
    if _OPENDOCUMENT in data[:100]:
        return []
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    if title not in book.sheetnames:
        return []
    formulas = book[title]
    part = getattr(formulas, "_worksheet_path", None)
    if part is None:  # not a sheet of cells (a chart sheet): nothing to read
        return []
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as xml:
        for _, cell in ElementTree.iterparse(xml):
            if cell.tag != f"{{{_SHEET_NS}}}c":
                continue
            formula = cell.find(f"{{{_SHEET_NS}}}f")
            value = cell.find(f"{{{_SHEET_NS}}}v")
            text = cell.get("t") in ("str", "s", "inlineStr")  # "" is a text's value
            where = f"sheet {title}, cell {cell.get('r', '?')}"
            typed = f"={formula.text or ''}" if formula is not None else None
            if formula is not None and (value is None or not (value.text or text)):
                problems.append(Problem(name, where, UNCALCULATED, typed))
            elif errors is not None and cell.get("t") == "e":
                shown = value.text if value is not None and value.text else "an error"
                message = f"shows {shown}, an error, not a value: {errors}"
                problems.append(Problem(name, where, message, typed or shown))
            cell.clear()
    return problems


_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def parse_day(value: object) -> date | None:
    """A spreadsheet date, ``YYYY-MM-DD`` or ``DD/MM/YYYY``; None when blank; ValueError."""
    if value in ("", None):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        # a date-time, as a spreadsheet may save a date, counts as its day
        typed = _CLOCK_SUFFIX.sub("", str(value).strip())
        found = read_day(typed)
        if found is None:
            raise ValueError(day_problem(typed))
        day = found
    if not FIRST_CALENDAR_YEAR <= day.year <= LAST_CALENDAR_YEAR:
        raise ValueError(
            f"outside the years s92 covers ({FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR})"
        )
    return day


def _day(sheet: Sheet, row: dict[str, Any], line: int, name: str) -> date | None:
    raw = sheet.value(row, name)
    try:
        return parse_day(raw)
    except ValueError as exc:
        sheet.problem(line, name, str(exc), raw)
        return None


def _whole(
    sheet: Sheet, row: dict[str, Any], line: int, name: str, low: int, high: int
) -> int | None:
    raw = sheet.value(row, name)
    if raw == "":
        return None
    typed = decimal_number(raw) if isinstance(raw, str) else raw
    try:
        number = float("nan") if typed is None else float(typed)
    except (TypeError, ValueError):
        number = float("nan")
    if not math.isfinite(number) or number != int(number) or not low <= number <= high:
        sheet.problem(line, name, f"not a whole number from {low} to {high}", raw)
        return None
    return int(number)


def _share(sheet: Sheet, row: dict[str, Any], line: int, name: str) -> float | None:
    """A share as the cell holds it: 0.03 (a cell formatted as 3%), "0.03" or "3%"."""
    raw = sheet.value(row, name)
    if raw == "":
        return None
    message = 'a share from 0 to 1: write 3% as 0.03 or "3%"'
    try:
        share = float(read_share(raw))  # type: ignore[arg-type]  # a number or text
    except ValueError as exc:
        message = str(exc) if str(raw).endswith("%") or not isinstance(raw, str) else message
        share = float("nan")
    except TypeError:
        share = float("nan")
    if not 0 <= share <= 1:  # nan too
        sheet.problem(line, name, message, raw)
        return None
    return share


# --- officers, leave, contracts ----------------------------------------------------------


@dataclass(frozen=True)
class Horizon:
    name: str
    start: date
    end: date


def officers_from(sheet: Sheet, horizon: Horizon) -> list[dict[str, Any]]:
    """Officer tables; service years completed by the horizon's start."""
    officers: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, row in sheet.numbered():
        officer_id = str(sheet.value(row, "officer_id"))
        if not _ID.fullmatch(officer_id):
            sheet.problem(line, "officer_id", "not an id (letters, digits, _ . -)", officer_id)
            continue
        if officer_id in seen:
            sheet.problem(
                line,
                "officer_id",
                f"a second row for this officer (first on row {seen[officer_id]})",
                officer_id,
            )
            continue
        seen[officer_id] = line
        contract = str(sheet.value(row, "contract"))
        if not _ID.fullmatch(contract):
            sheet.problem(line, "contract", "not a contract id (letters, digits, _ . -)", contract)
        raw_rank = sheet.value(row, "rank")
        rank = said_rank(str(raw_rank))
        if rank is None:
            sheet.problem(line, "rank", f"unknown rank (use {RANK_WORDS})", raw_rank)
        officer: dict[str, Any] = {"id": officer_id, "contract": contract, "rank": rank}
        years = _service_years(sheet, row, line, horizon)
        if years is not None:
            officer["service_years"] = years
        first = _day(sheet, row, line, "in_post_from") if sheet.has("in_post_from") else None
        last = _day(sheet, row, line, "in_post_until") if sheet.has("in_post_until") else None
        if first is not None and last is not None and last < first:
            sheet.problem(line, "in_post_until", f"is before the in-post date {first}", str(last))
        if first is not None:
            officer["start"] = first
        if last is not None:
            officer["end"] = last
        officers.append(officer)
    return officers


def _service_years(sheet: Sheet, row: dict[str, Any], line: int, horizon: Horizon) -> int | None:
    if sheet.has("service_start"):
        joined = _day(sheet, row, line, "service_start")
        if joined is None:
            return None
        if joined > horizon.start:
            return 0
        years = horizon.start.year - joined.year
        if (horizon.start.month, horizon.start.day) < (joined.month, joined.day):
            years -= 1
        if years > MAX_SERVICE_YEARS:
            message = f"{years} years' service by {horizon.start}, over {MAX_SERVICE_YEARS}"
            raw = sheet.value(row, "service_start")
            sheet.problem(line, "service_start", message, raw if isinstance(raw, str) else joined)
            return None
        return years
    if sheet.has("service_years"):
        return _whole(sheet, row, line, "service_years", 0, MAX_SERVICE_YEARS)
    return None


def _annual_leave(leave_type: str) -> bool:
    """An HR export's leave type of annual leave: 'Annual leave', 'AL', 'A/L', 'Holiday'."""
    key = _key(leave_type)
    return "annual" in key or key in HOLIDAY_WORDS or said_kind(leave_type) == LEAVE_KIND


def leave_from(sheet: Sheet, officers: list[dict[str, Any]]) -> int:
    """Add each booking to its officer's leave; the number of rows of other absence types
    left out."""
    by_id = {o["id"]: o for o in officers}
    other = 0
    for line, row in sheet.numbered():
        if sheet.has("leave_type"):
            raw = str(sheet.value(row, "leave_type"))
            kind = _key(raw)
            if kind and not _annual_leave(raw):
                other += 1
                continue
        officer_id = str(sheet.value(row, "officer_id"))
        if officer_id not in by_id:
            sheet.problem(line, "officer_id", "not in the officers file", officer_id)
            continue
        first = _day(sheet, row, line, "first_day")
        last = _day(sheet, row, line, "last_day") if sheet.has("last_day") else None
        if first is None:
            if sheet.value(row, "first_day") == "":
                sheet.problem(line, "first_day", "is empty", "")
            continue
        last = last or first
        if last < first:
            sheet.problem(line, "last_day", f"is before the first day {first}", str(last))
            continue
        text = first.isoformat() if last == first else f"{first}/{last}"
        by_id[officer_id].setdefault("leave", []).append(text)
    for officer in officers:
        if "leave" in officer:
            officer["leave"] = sorted(set(officer["leave"]))
    return other


def contracts_from(sheet: Sheet, officers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    contracts: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, row in sheet.numbered():
        cid = str(sheet.value(row, "contract"))
        if not _ID.fullmatch(cid):
            sheet.problem(line, "contract", "not a contract id (letters, digits, _ . -)", cid)
            continue
        if cid in seen:
            sheet.problem(line, "contract", "a second row for this contract", cid)
            continue
        seen.add(cid)
        contract: dict[str, Any] = {"id": cid}
        for name in ("council", "bcu"):
            text = str(sheet.value(row, name))
            if not text:
                sheet.problem(line, name, "is empty", "")
            contract[name] = text
        if sheet.has("scheme") and sheet.value(row, "scheme") != "":
            raw = sheet.value(row, "scheme")
            scheme = SCHEMES.get(_key(raw))
            if scheme is None:
                sheet.problem(line, "scheme", "use partnership-plus or met-patrol-plus", raw)
            contract["scheme"] = scheme
        start = _day(sheet, row, line, "contract_start")
        if start is None and sheet.value(row, "contract_start") == "":
            sheet.problem(line, "contract_start", "is empty", "")
        contract["start"] = start
        if sheet.has("years"):
            years = _whole(sheet, row, line, "years", 1, 10)
            if years is not None:
                contract["years"] = years
        contract["posts"] = _posts(sheet, row, line, cid, officers)
        if sheet.has("uplift") and (uplift := _share(sheet, row, line, "uplift")) is not None:
            contract["uplift"] = uplift
        if sheet.has("notice_given"):
            notice = _day(sheet, row, line, "notice_given")
            if notice is not None:
                contract["notice_given"] = notice
        contracts.append(contract)
    return contracts


def _posts(
    sheet: Sheet, row: dict[str, Any], line: int, cid: str, officers: list[dict[str, Any]]
) -> dict[str, int]:
    """Posts per rank as the file gives them, else the officers of each rank."""
    posts = {}
    for rank in RANKS:
        given = _whole(sheet, row, line, rank, 0, 1000) if sheet.has(rank) else None
        counted = sum(1 for o in officers if o["contract"] == cid and o["rank"] == rank)
        posts[rank] = counted if given is None else given
    return {rank: n for rank, n in posts.items() if n}


def inferred_contracts(officers: list[dict[str, Any]], horizon: Horizon) -> list[dict[str, Any]]:
    """Without a contracts file: one per contract id the officers name, its posts their
    ranks; council, BCU and start to be filled in."""
    out = []
    for cid in dict.fromkeys(o["contract"] for o in officers):
        posts = {
            rank: sum(1 for o in officers if o["contract"] == cid and o["rank"] == rank)
            for rank in RANKS
        }
        out.append(
            {
                "id": cid,
                "council": f"{cid} (council not given)",
                "bcu": "unknown",
                "start": horizon.start,
                "posts": {rank: n for rank, n in posts.items() if n},
            }
        )
    return out


def default_horizon(leave: Sheet | None, name: str) -> Horizon:
    """The financial year of the earliest leave booking, else the one after today's."""
    first: date | None = None
    if leave is not None and leave.has("first_day"):
        for row in leave.rows:
            try:
                day = parse_day(leave.value(row, "first_day"))
            except ValueError:
                continue
            if day is not None and (first is None or day < first):
                first = day
    if first is None:
        today = london_today()
        fy = financial_year_of(today.replace(year=today.year + 1))
    else:
        fy = financial_year_of(first)
    return Horizon(name, fy.start, fy.end)


def raise_problems(sheets: list[Sheet]) -> None:
    problems = [p for sheet in sheets for p in sheet.problems]
    if not problems:
        return
    raise InputError(problems)
