"""Cells of the roster workbook (roster.xlsx): a named style per state and header kind (a
colour-blind-safe colour per state), injection-safe text cells, shared cells for a year of
repeated codes, and Excel's rules for sheet titles."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from lxml.etree import SerialisationError
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet import _writer as sheet_writer

from scheduler.errors import printable
from scheduler.files import FORMULA_STARTS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# Paul Tol's 'light' scheme plus Okabe-Ito vermillion: distinguishable with the common
# colour-vision deficiencies; the code in every cell means colour is never the only cue.
STATE_COLOURS: dict[str, str] = {
    "DUTY": "99DDFF",
    "REST": "DDDDDD",
    "LEAVE": "EEDD88",
    "PUBLIC_HOLIDAY": "BBCC33",
    "HDD_AID": "EE8866",
    "EMERGENCY_AID": "FFAABB",
    "ABSTRACTED": "D55E00",
    "SICK": "77AADD",
    "TRAINING": "44BB99",
    "COURT": "AAAA00",
}
SHORTFALL_COLOUR = "CC3311"  # Tol's vibrant red, white bold text
_WHITE_TEXT = frozenset({"ABSTRACTED"})  # dark fill

TEMPORARY_FOLDER = "(the folder for temporary files, $TMPDIR)"


@contextlib.contextmanager
def streamed_workbook() -> Iterator[Workbook]:
    """A workbook in openpyxl's write-only mode, which streams each sheet through a
    temporary file of lxml's in the folder for temporary files (``$TMPDIR``, else /tmp),
    not beside the output, as it is made. A fault there (that folder's disk full, a file
    size limit, ``ulimit -f``) comes as lxml's ``SerialisationError('IO_ENOSPC')``, no
    OSError: it was a traceback, and from ``s92 roster``'s child '[Errno None] None'.
    Raised as the OSError it is, naming that folder; on any fault the sheets' streams are
    closed (else each fails again as it is collected, 'Exception ignored') and their
    temporary files removed (a forked child runs no exit handler to remove them)."""
    book = Workbook(write_only=True)
    made = len(sheet_writer.ALL_TEMP_FILES)
    try:
        yield book
    except BaseException as exc:  # Ctrl-C too: the temporary files go with the workbook
        _abandon(book, made)
        fault = _temporary_fault(exc)
        if fault is None:
            raise
        raise fault from None


def _abandon(book: Workbook, made: int) -> None:
    for sheet in book.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if stream is not None:
                with contextlib.suppress(Exception):  # the fault again: it is raised already
                    stream.close()
    for name in sheet_writer.ALL_TEMP_FILES[made:]:
        with contextlib.suppress(OSError):
            os.remove(name)
    del sheet_writer.ALL_TEMP_FILES[made:]


def _temporary_fault(exc: BaseException) -> OSError | None:
    """lxml's word for a fault writing a file (``IO_ENOSPC``, ``IO_EFBIG``, ``IO_WRITE``) as
    the OSError it stands for, naming the folder for temporary files; None for another."""
    said = str(exc)
    if isinstance(exc, OSError) and exc.filename is None and exc.errno in _FULL:
        # Python's own write to a sheet's stream (flushed as it is closed): the same fault
        # with no file named; the workbook itself is saved to memory, then to a named file
        code = exc.errno
    elif isinstance(exc, SerialisationError) and said.startswith("IO_"):
        code = getattr(errno, said.removeprefix("IO_"), errno.EIO)
    else:
        return None
    return OSError(code, os.strerror(code), f"{tempfile.gettempdir()} {TEMPORARY_FOLDER}")


_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


# openpyxl 3.1's write-only sheets turn each appended row into cells with this method
PLACE_HOOK = "_values_to_row"
A4_LANDSCAPE_INCHES = 11.69
MARGIN_INCHES = 0.4
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def storable_text(text: str) -> str:
    """``text`` with the control characters no workbook holds shown as escapes."""
    return printable(text) if ILLEGAL_CHARACTERS_RE.search(text) else text


def kept_as_text(cell: Cell) -> Cell:
    """``cell``, when it holds text, stored as text (openpyxl would write '=...' as a
    formula) and, when the text starts like a formula (= + - @), with Excel's quote
    prefix: it shows as typed, and stays text even when someone edits the cell. The one
    neutraliser of every workbook s92 writes (roster.xlsx, report.xlsx); CSV files have
    ``scheduler.files.safe_cell``, whose visible apostrophe is their only way."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def register_styles(wb: Workbook) -> dict[str, StyleArray]:
    """One named style per state and header kind; cells copy its style array, so 120,000
    cells share a dozen style records and no per-cell style lookup is made."""
    thin = Side(style="thin", color="FFFFFF")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center")
    bold = Font(name="Calibri", size=9, bold=True)
    styles = [
        NamedStyle(
            name=f"s92 {state}",
            border=grid,
            alignment=centre,
            font=Font(name="Calibri", size=9, color="FFFFFF" if state in _WHITE_TEXT else "000000"),
            fill=PatternFill("solid", fgColor=colour),
        )
        for state, colour in STATE_COLOURS.items()
    ]
    headers = {
        "month A": "F2F2F2",
        "month B": "D9D9D9",
        "weekend": "BFBFBF",
        "hdd": STATE_COLOURS["HDD_AID"],
        "bh": STATE_COLOURS["PUBLIC_HOLIDAY"],
    }
    for name, colour in headers.items():
        styles.append(
            NamedStyle(
                name=f"s92 {name}",
                font=bold,
                alignment=centre,
                fill=PatternFill("solid", fgColor=colour),
                number_format="dd",
            )
        )
    for name in ("month A", "month B"):  # the month's name runs right from its first day
        styles.append(
            NamedStyle(
                name=f"s92 {name} label",
                font=bold,
                alignment=Alignment(horizontal="left", vertical="bottom"),
                fill=PatternFill("solid", fgColor=headers[name]),
            )
        )
    styles += [
        NamedStyle(name="s92 label", font=Font(name="Calibri", size=9)),
        NamedStyle(name="s92 total", font=bold, alignment=centre),
        NamedStyle(name="s92 title", font=Font(name="Calibri", size=11, bold=True)),
        NamedStyle(
            name="s92 heading",
            font=Font(name="Calibri", size=10, bold=True),
            alignment=Alignment(wrap_text=True, vertical="top"),
        ),
        NamedStyle(
            name="s92 count",  # a zero shows as blank: the eye goes to the numbers
            font=Font(name="Calibri", size=9),
            alignment=centre,
            number_format="0;-0;;@",
        ),
        NamedStyle(
            name="s92 hours",
            font=Font(name="Calibri", size=9),
            number_format="0.0",
            alignment=centre,
        ),
        NamedStyle(name="s92 note", font=Font(name="Calibri", size=9, italic=True)),
    ]
    for style in styles:
        wb.add_named_style(style)
    return {style.name: style.as_tuple() for style in styles}


class _Cell(Cell):
    """A cell whose style record is looked up once: the writer asks for it every time the
    cell is placed, and a shared cell is placed thousands of times (its style never
    changes once it is written)."""

    __slots__ = ("_style_id",)

    @property
    def style_id(self) -> int:
        try:
            return self._style_id
        except AttributeError:
            self._style_id: int = Cell.style_id.fget(self)  # type: ignore[attr-defined]
            return self._style_id


class Sheet:
    """A write-only sheet and the workbook's styles: makes styled, injection-safe cells."""

    def __init__(self, wb: Workbook, title: str, styles: dict[str, StyleArray]) -> None:
        # a write-only sheet: openpyxl copies the layout attributes (page setup, validations,
        # column widths...) from Worksheet at run time, but its stubs declare none of them
        self.ws = cast("Worksheet", wb.create_sheet(title))
        self.styles = styles
        self._shared: dict[tuple[type, Any, str | None], Cell] = {}
        if hasattr(self.ws, PLACE_HOOK):
            setattr(self.ws, PLACE_HOOK, self._placed)

    def cell(self, value: Any, style: str | None = None) -> Cell:
        """Text is always stored as a string (openpyxl would write '=...' as a formula);
        text a spreadsheet could read as a formula (= + - @) also gets Excel's quote
        prefix, so it stays text even when someone edits the cell."""
        if isinstance(value, str):
            value = storable_text(value)
        return kept_as_text(self._cell(value, style))

    def shared(self, value: Any, style: str | None = None) -> Cell:
        """``cell``, one object per value and style: the write-only sheet writes each cell
        as it is appended (placing it first), so a year's thousands of 'R' cells can be one
        object, and London's grid is built in a fraction of the time. Not for cells with a
        comment. Keyed by the value's type too: 0, 0.0 and False are equal keys, not the
        same cell."""
        key = (type(value), value, style)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = self.cell(value, style)
        return found

    def formula(self, text: str, style: str | None = None) -> Cell:
        """A formula s92 composed (cell references and code literals; never user text)."""
        cell = self._cell(text, style)
        cell.data_type = "f"
        return cell

    def _cell(self, value: Any, style: str | None) -> Cell:
        return _Cell(
            self.ws,
            row=1,
            column=1,
            value=value,
            style_array=self.styles.get(style) if style else None,
        )

    def append(self, row: Iterable[Any]) -> None:
        self.ws.append(list(row))

    def _placed(self, values: Iterable[Any], row: int) -> Iterator[Cell]:
        """A row's cells at their places. openpyxl's own hook first tries each value as a
        cell's value and takes a cell only when that fails (an exception and the cell's
        repr per cell: a third of London's workbook); the cells here are made by ``cell``,
        any other value as openpyxl would bind it."""
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                value.row, value.column = row, column
                yield value
            else:
                yield Cell(self.ws, row=row, column=column, value=value)


# a sheet Excel keeps for itself (a shared workbook's change log): a workbook with a sheet
# so named opens in Excel only after a repair that drops it
EXCEL_RESERVED_TITLES = frozenset({"history"})


def sheet_title(contract_id: str, taken: set[str]) -> str:
    """Excel's rules: 31 characters, none of [ ] : * ? / \\, unique ignoring case, not
    one Excel keeps for itself (``EXCEL_RESERVED_TITLES``)."""
    base = _BAD_TITLE.sub("_", contract_id).strip("'")[:31] or "contract"
    title, n = base, 1
    while title.lower() in taken or title.lower() in EXCEL_RESERVED_TITLES:
        n += 1
        suffix = f"~{n}"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.lower())
    return title


def codes_array(codes: Iterable[str]) -> str:
    """An Excel array constant of codes, e.g. {"E","L"} (tour codes are [A-Za-z0-9_-])."""
    return "{" + ",".join(f'"{c}"' for c in codes) + "}"


# characters of a printed header Excel takes: 255 with the "&L" openpyxl puts before it
HEADER_MOST = 253


def page_header_text(heading: str) -> str:
    """The printed page's header: the heading with each '&' doubled ('&' starts a header
    code), cut with an ellipsis to what Excel takes. A header of more than
    ``HEADER_MOST`` characters, its '&L' included, made Excel repair the workbook (a long
    council and BCU name, each up to 200 characters)."""
    text = heading.replace("&", "&&")
    if len(text) <= HEADER_MOST:
        return text
    while len(text) > HEADER_MOST - 1:
        heading = heading[:-1]
        text = heading.replace("&", "&&")
    return text + "…"


def printed_points(width: float) -> float:
    """A column's printed width in points: Excel draws 7 px a character plus 5 px padding;
    LibreOffice about a fifth more, so the page is planned for the wider of the two."""
    return (7 * width + 5) * 0.75 * 1.2
