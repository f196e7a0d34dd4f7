"""Every file s92 writes goes through here: written whole or not at all, and with no CSV
cell a spreadsheet would run.

- ``write_bytes`` / ``write_text`` / ``write_csv``: a temporary file beside the target,
  flushed and fsynced, then renamed over it, so a reader (a planner's Excel, a calendar
  client, a web server) sees the old file or the new one, never half of one.
- ``atomic_path``: the same for libraries that save by file name (openpyxl, matplotlib).
- ``Staged``: several files of one command appear together at the end, or none of them
  (a command that fails half-way leaves no partial output).
- ``preflight_folder`` / ``preflight_file``: a command's output place checked before any
  long work (a file where a folder should be, a read-only disk).
- ``safe_cell``: text starting with ``= + - @``, a tab or a carriage return gets a leading
  apostrophe (OWASP's advice for CSV injection), and other control characters are shown
  as escapes, the same in every CSV s92 writes.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

import pandas as pd

from scheduler import interrupt
from scheduler.errors import InputError, Problem, disk_advice
from scheduler.limits import EMPTY_FILE, EMPTY_OUT, MAX_INPUT_BYTES, text_problem

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FILE_MODE = 0o644  # outputs are for sharing; secrets pass mode=0o600
_UTF16_HEADER = re.compile("[A-Za-z]")
_SPECIAL = "is a device, pipe or socket, not a file: name a file to write"
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods are zip archives
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # old Excel's .xls, and any password-protected
OLD_WORKBOOK = (
    "an old-format Excel workbook (.xls), which s92 cannot read: open it in Excel and save "
    "it as 'Excel Workbook (.xlsx)'"
)
PROTECTED_WORKBOOK = (
    "a password-protected workbook, which s92 cannot open: open it in Excel, clear the "
    "password (File > Info > Protect Workbook > Encrypt with Password) and save it again"
)
# The streams an encrypted Office file holds (MS-OFFCRYPTO), named in its compound file's
# directory in UTF-16: an .xls has neither
_ENCRYPTED_STREAMS = tuple(n.encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))


# a formula start after a character a spreadsheet may split a line on: a CSV written with
# commas is split on semicolons where they are the list separator (Excel in most of Europe
# opens it so), and text pasted into a sheet on tabs; the piece after one is a cell of its own
_SPLIT = "[;\t]"
_STARTS = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
_SPLIT_FORMULA = re.compile(f"({_SPLIT})(?={_STARTS})")
_SPLIT_MARKED = re.compile(f"({_SPLIT})'(?={_STARTS})")


def safe_cell(value: object) -> object:
    """Text a spreadsheet would read as a formula, with a leading apostrophe (and one after
    each semicolon or tab a formula start follows: "Sick;=HYPERLINK(...)" is two cells
    where Excel splits on semicolons), and control characters other than tab and line ends
    shown as escapes (``\\x1b``: they would drive a terminal the CSV is printed to, and
    NUL stops some readers); other values unchanged."""
    if not isinstance(value, str):
        return value
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    if _SPLIT_FORMULA.search(value):
        value = _SPLIT_FORMULA.sub(r"\1'", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def restore_cell(value: str) -> str:
    """``safe_cell`` undone for a file read back: the apostrophe before a formula start is
    Excel's text mark, not part of the value (an HDD named "=1+1" must match itself)."""
    if "'" not in value:
        return value
    value = _SPLIT_MARKED.sub(r"\1", value)
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def restore_frame(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` (text read from a CSV) with ``restore_cell`` applied to the free-text
    ``columns`` it has; the same frame when no cell needed it."""
    out = frame
    for name in columns:
        if name not in frame.columns:
            continue
        values = frame[name].to_numpy(dtype=object)
        marked = [isinstance(v, str) and "'" in v for v in values]
        if any(marked):
            out = out.copy() if out is frame else out
            out[name] = [restore_cell(v) if m else v for v, m in zip(values, marked, strict=True)]
    return out


def readable_input(path: str | Path, what: str) -> None:
    """``InputError`` naming ``path`` unless it is a file s92 can read whole: a device or
    pipe is no file (a read of /dev/zero never ends, of a pipe nobody writes never
    starts), and nothing a user gives is larger than ``MAX_INPUT_BYTES``. A file missing
    or a folder is left to the reader, which says so in its own words."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        return
    if not stat.S_ISREG(info.st_mode):
        raise InputError.one(
            str(path),
            "",
            f"is a device, pipe or socket, not {what}: save it as a file and give that",
        )
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError.one(
            str(path),
            "",
            f"is larger than {what} can be ({MAX_INPUT_BYTES // 2**20} MB): is it the right file?",
        )


def workbook_magic(path: str | Path, what: str) -> bytes | None:
    """``ZIP_MAGIC`` (.xlsx, .ods) or ``OLE_MAGIC`` (.xls, a password-protected workbook)
    when the file starts as a workbook does, whatever its name says; else None (a file
    missing or a folder too: its reader says so in its own words)."""
    readable_input(path, what)  # a pipe would never answer the peek
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(OLE_MAGIC))
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError as exc:
        raise InputError.one(str(path), "", f"cannot read: {disk_advice(exc)}") from None
    return next((m for m in (ZIP_MAGIC, OLE_MAGIC) if head.startswith(m)), None)


def compound_file_problem(path: str | Path, old: str = OLD_WORKBOOK) -> str:
    """What to say of a compound file (``OLE_MAGIC``): a workbook saved with a password
    (Excel encrypts an .xlsx into one) is named as such, anything else is ``old`` (an .xls:
    what its reader says of one)."""
    try:
        data = read_input(path, "a workbook")
    except OSError:
        return old
    return PROTECTED_WORKBOOK if all(n in data for n in _ENCRYPTED_STREAMS) else old


def unpacked_within_limit(data: bytes, name: str, what: str) -> None:
    """``InputError`` when a workbook (a zip archive) would unpack to more than
    ``MAX_INPUT_BYTES``, as its directory declares: a few MB that inflate to gigabytes (a
    zip bomb, uploaded or mailed) would take every byte of memory the reader has; London's
    year of roster.xlsx unpacks to about 25 MB. A damaged archive is left to the reader."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        return
    if unpacked > MAX_INPUT_BYTES:
        raise InputError.one(
            name,
            "",
            f"unpacks to {unpacked // 2**20:,} MB, more than {what} can be "
            f"({MAX_INPUT_BYTES // 2**20} MB): is it the right file?",
        )


def read_input(path: str | Path, what: str) -> bytes:
    """The bytes of a file a user gives, once ``readable_input`` holds (``what`` names
    the file's kind in its messages: "a scenario file")."""
    readable_input(path, what)
    return Path(path).read_bytes()


def spreadsheet_csv(path: Path, what: str = "a spreadsheet file") -> tuple[str, str]:
    """A CSV file's text as a spreadsheet saved it, and its column separator. The text:
    UTF-16 with its byte order mark (Excel's 'Unicode Text', LibreOffice's UTF-16 CSV),
    UTF-8 (Excel's BOM dropped), else Windows-1252 (Excel's plain 'CSV' save); ``InputError``
    for a workbook (.xlsx, .xls, .ods: the CSV save forgotten), ``UnicodeDecodeError`` for
    another binary file (a NUL byte) or bytes none of them has. The separator: the one a
    first line ``sep=|`` names (``_SEPARATOR_LINE``, left out of the text), as Excel takes
    it, else ``csv_delimiter``'s from the header row."""
    text = _decoded(path, what)
    if _ICALENDAR.match(text):
        raise InputError.one(str(path), "", f"an iCal calendar (.ics), not {what}: {ICALENDAR}")
    line = _SEPARATOR_LINE.match(text)
    if line is None:
        text = _BLANK_LINES.sub("", text)  # blank lines above the header are passed over
        return text, _sniffed(text, path)
    return _BLANK_LINES.sub("", text[line.end() :]), line.group(1)


def _sniffed(text: str, path: Path) -> str:
    """``csv_delimiter``'s separator, or ``InputError`` naming the file and the header
    when its header row holds none of them: every CSV s92 reads has several columns, and
    one read as a single column would be refused as missing each of them (a header
    'officer_id:date:state' saved with colons, or a first row with no header at all)."""
    header = _LINE_END.split(text, maxsplit=1)[0]
    outside = _QUOTED.sub("", header)
    if header.strip() and not any(s in outside for s in SEPARATORS):
        raise InputError.one(str(path), "row 1", ONE_COLUMN, header)
    return csv_delimiter(text)


SEPARATORS = (",", ";", "\t", "|")
ONE_COLUMN = (
    "one column only: the header row has no comma, semicolon, tab or pipe between its "
    "column names (save it from the spreadsheet as CSV, or put 'sep=X' on a first line of "
    "its own to name another separator)"
)


# a calendar file (RFC 5545) begins so: s92 writes them (``s92 ical``) and reads one only
# in ``s92 calendar --import``
_ICALENDAR = re.compile(r"\s*BEGIN:VCALENDAR\b", re.IGNORECASE)
ICALENDAR = "s92 reads a calendar only for announced High Demand Days (s92 calendar --import)"
# the line some exports write first so that Excel splits the columns at it ("sep=;", any
# one character but a quote): Excel reads it as a setting and shows no row for it, so it
# is no row here either, and it decides the separator as it does in Excel
_SEPARATOR_LINE = re.compile(r'\A"?sep=([^"\r\n])"?[ \t]*(?:\r\n|\r|\n)', re.IGNORECASE)
# a line's end as spreadsheets write it: Windows', Unix's, and the lone carriage return of
# Excel for Mac's 'CSV (Macintosh)'
_LINE_END = re.compile(r"\r\n|\r|\n")
_BLANK_LINES = re.compile(r"\A(?:[ \t]*(?:\r\n|\r|\n))+")


def _decoded(path: Path, what: str) -> str:
    """``spreadsheet_csv``'s text before the ``sep=`` line is left out."""
    data = read_input(path, what)
    if data.startswith(OLE_MAGIC) and all(n in data for n in _ENCRYPTED_STREAMS):
        raise InputError.one(str(path), "", PROTECTED_WORKBOOK)
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        # said here rather than as "not a text file": the user saved the wrong kind
        raise InputError.one(str(path), "", _saved_as_workbook(data))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")  # the mark says which byte order, and is dropped
        if not _UTF16_HEADER.search(text.split("\n", 1)[0]) or _CONTROL.search(text):
            # bytes that merely start as the mark does: a header names its columns in
            # letters, and text holds no control character
            raise UnicodeDecodeError("utf-16", data, 0, len(data), "a binary file")
        return text
    if b"\x00" in data:
        raise UnicodeDecodeError("utf-8", data, data.index(b"\x00"), len(data), "a binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(data):
            raise _broken_utf8(path, data, exc.start) from None
        # a UTF-8 byte order mark on text that is not UTF-8 after all is still no text
        return data.removeprefix(codecs.BOM_UTF8).decode("cp1252")


# a letter beyond ASCII as UTF-8 writes it (é is C3 A9, £ C2 A3, a curly quote E2 80 99): Windows-1252
# text holds such a pair of bytes only as two unlikely letters side by side ('Ã©')
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
BROKEN_UTF8 = (
    "not UTF-8 here, though UTF-8 elsewhere in the file: a file cut short while it was "
    "being written, or text pasted in from another encoding (save it again from the "
    "spreadsheet as CSV UTF-8)"
)


def _broken_utf8(path: Path, data: bytes, start: int) -> InputError:
    """A UTF-8 file with bytes that are not UTF-8 at ``start``: read as Windows-1252 it
    would turn every other accent and pound sign into two letters ('Â£50'), kept for ever
    in an append-only log; the line named instead, as it reads."""
    ends = b"\n" if b"\n" in data else b"\r"
    number = data[:start].count(ends) + 1
    first = data.rfind(ends, 0, start) + 1
    last = data.find(ends, start)
    line = data[first : len(data) if last < 0 else last].decode("utf-8", "replace").strip()
    return InputError.one(str(path), f"line {number}", BROKEN_UTF8, line)


# an OpenDocument file names its kind first, uncompressed, in its "mimetype" member
_ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def _saved_as_workbook(data: bytes) -> str:
    """What to say of a workbook given for a CSV, in the words of the program that saved
    it: LibreOffice's .ods was called "an Excel workbook" and sent to Excel's menu."""
    if _ODS_MIMETYPE in data[:100]:
        return (
            "a LibreOffice spreadsheet (.ods) (expected a CSV: UTF-8, Windows-1252 or "
            "Unicode Text; in LibreOffice, File > Save As > Text CSV)"
        )
    return (
        "an Excel workbook (expected a CSV: UTF-8, Windows-1252 or Unicode Text; in "
        "Excel, File > Save As > CSV UTF-8)"
    )


_QUOTED = re.compile(r'"[^"]*"')


def csv_delimiter(text: str) -> str:
    """The separator of a CSV's header row: ';' as a European locale's spreadsheet saves
    (semicolons and no comma), a tab as Excel's 'Unicode Text' and 'Text (Tab delimited)'
    save (tabs and neither), '|' as a pipe-delimited export (pipes alone), else ',';
    separators inside a quoted header cell do not count."""
    # a quoted header cell may hold another separator ("Notes, free text" in a
    # semicolon file): only what lies outside quotes separates
    header = _QUOTED.sub("", _LINE_END.split(text, maxsplit=1)[0])
    return next((s for s in SEPARATORS if s in header), ",")


def header_name(text: object) -> str:
    """A column's name in a CSV a user gives, by the one rule every reader of them keeps:
    case, spaces, hyphens and underscores aside, as a header is typed into a spreadsheet
    ('Officer ID', 'officer-id' and ' OFFICER_ID ' all name officer_id)."""
    return "_".join(w for w in re.split(r"[\s_\-]+", str(text).lower()) if w)


def read_spreadsheet_csv(path: str | Path, what: str, *, as_written: bool = False) -> pd.DataFrame:
    """The one checked reader of a CSV a user gives: the file as a spreadsheet saved it
    (``spreadsheet_csv``: its separator too), every cell text ('' when empty, no NaN),
    columns named by ``header_name`` (``as_written``: as the header row writes them,
    stripped, for a reader that matches names its own way and quotes them back).
    ``InputError`` naming the file when it cannot be read as one; ``what`` names the file
    kind in those messages ("a roster CSV")."""
    name = str(path)
    try:
        text, separator = spreadsheet_csv(Path(path), what)
        # the header read as a row, so that two columns of one name are seen as such
        # (pandas would rename the second 'date.1', and it would be passed over)
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_values=[],
                sep=separator,
                header=None,
                # a blank line is a spreadsheet's empty row: kept, so that every row
                # after it keeps the number a spreadsheet shows (callers pass over empty
                # rows as they pass over a row of separators)
                skip_blank_lines=False,
            )
        except pd.errors.ParserError as exc:
            if not _WIDER.search(str(exc)):
                raise  # a quote left open, say: not a row too wide
            frame = _wider_than_header(text, separator, name)
    except FileNotFoundError:
        raise InputError.one(name, "", "no such file") from None
    except IsADirectoryError:
        raise InputError.one(name, "", f"is a directory, not {what}") from None
    except UnicodeDecodeError:
        raise InputError.one(
            name,
            "",
            f"not a text file, so not {what} (save it from the spreadsheet as CSV: UTF-8 or "
            "Windows-1252, commas, semicolons, tabs or pipes, or Unicode Text)",
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError.one(name, "", "file is empty") from None
    except (pd.errors.ParserError, csv.Error) as exc:
        quote = _OPEN_QUOTE.search(str(exc))
        if quote:
            # pandas counts rows from 0 (the header), blank lines and all
            row = f"row {int(quote.group(1)) + 1}"
            raise InputError.one(name, row, f"not a readable CSV: {OPEN_QUOTE}") from None
        raise InputError.one(name, "", f"not a readable CSV: {exc}".strip()) from None
    except OSError as exc:
        raise InputError.one(name, "", f"cannot read: {disk_advice(exc)}") from None
    return _named(frame, name, as_written)


# pandas' word for a quote never closed: "EOF inside string starting at row 3"
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
OPEN_QUOTE = (
    'a quote (") opened in this row is never closed, so the rest of the file would read as '
    "one cell (close it, or take it out)"
)


# pandas' word for a row with more cells than the header: "Expected 10 fields in line 2, saw 12"
_WIDER = re.compile(r"Expected \d+ fields in line \d+, saw \d+")


def _wider_than_header(text: str, separator: str, name: str) -> pd.DataFrame:
    """The rows of a CSV some of whose rows have more cells than its header (read whole by
    the csv module, the slower way, only then): empty cells past the header's last column
    are dropped (Excel's rows of commas, a cleared column still in the used range); a
    value there is refused naming its row, since which column it meant is a guess (pandas
    took the first cells of such rows for an index and shifted every value along)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[list[str]] = []
    width = 0
    for row in reader:
        width = width or len(row)
        extra = next((c for c in row[width:] if c.strip()), None)
        if extra is not None:
            raise InputError.one(
                name,
                f"row {reader.line_num}",
                "a value past the last column the header names: name its column in row 1 "
                "or clear it",
                extra,
            )
        rows.append(row[:width] + [""] * (width - len(row)))
    return pd.DataFrame(rows, dtype=str)


def _named(frame: pd.DataFrame, name: str, as_written: bool = False) -> pd.DataFrame:
    """The rows under the header, their columns named by ``header_name``; ``InputError``
    for a name given to two columns (which one holds the day is a guess). A column with
    no name keeps pandas' 'Unnamed: N' (a cleared column a spreadsheet still saves)."""
    header = [header_name(c) for c in frame.iloc[0]]
    twice = sorted({c for c in header if c and header.count(c) > 1})
    if twice:
        raise InputError(
            [
                Problem(
                    name,
                    f"row 1: {c}",
                    "column given twice (a name is read without regard to case, spaces or hyphens)",
                )
                for c in twice
            ]
        )
    body = frame.iloc[1:].reset_index(drop=True)
    if as_written:
        header = [str(c).strip() for c in frame.iloc[0]]
    body.columns = [c or f"Unnamed: {i}" for i, c in enumerate(header)]
    return body


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) made safe. Each column's
    distinct values are looked at, not each cell (a London year's roster: 1.4 million
    cells, a few thousand values), and only a column holding an unsafe one is rewritten."""
    out = frame.copy()
    for column in out.columns:
        text = out[column].dtype == object or pd.api.types.is_string_dtype(out[column])
        if text and any(safe_cell(v) is not v for v in _distinct(out[column])):
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index, ``\\n`` line ends), every cell made safe."""
    safe = safe_frame(frame)
    values = (v for column in safe.columns for v in _distinct(safe[column]))
    return safe.to_csv(index=False, lineterminator="\n", quoting=_quoting(values))


def _distinct(values: pd.Series) -> Iterable[object]:
    """The distinct values of a column (every cell, where they cannot be told apart)."""
    try:
        return pd.unique(values)
    except TypeError:  # unhashable cells
        return values.tolist()


def rows_csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """Dict rows as CSV text with a header, every cell made safe."""
    safe = [{k: safe_cell("" if v is None else v) for k, v in row.items()} for row in rows]
    buffer = io.StringIO()
    quoting = _quoting(v for row in safe for v in row.values())
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n", quoting=quoting)
    writer.writeheader()
    writer.writerows(safe)
    return buffer.getvalue()


def _quoting(values: Iterable[object]) -> Literal[0, 2]:
    """Minimal quoting, unless a cell holds a carriage return: with ``\\n`` line ends the
    csv module would leave it bare, and a reader would take it for the end of a row."""
    carriage = any(isinstance(v, str) and "\r" in v for v in values)
    return 2 if carriage else 0  # csv.QUOTE_NONNUMERIC, csv.QUOTE_MINIMAL


def write_bytes(path: str | Path, data: bytes, *, mode: int = FILE_MODE) -> Path:
    """Write ``data`` to ``path`` atomically and durably; the path."""
    target = Path(path)
    with atomic_path(target, mode=mode) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
    return target


def write_text(path: str | Path, text: str, *, mode: int = FILE_MODE) -> Path:
    """``text`` as UTF-8 (line ends as given), atomically; the path."""
    return write_bytes(path, text.encode("utf-8"), mode=mode)


def write_saved(path: str | Path, save: Callable[[IO[bytes]], object]) -> Path:
    """What a library saves to a file object (a workbook: ``book.save``), written to
    ``path`` atomically. Saved to memory first: a library writing to the disk itself leaves,
    when the disk is full, a half-closed file that fails again as it is collected (a
    traceback on the user's screen); here the one write fails, naming ``path``."""
    buffer = io.BytesIO()
    save(buffer)
    return write_bytes(path, buffer.getvalue())


def write_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    """``frame`` as a safe CSV, atomically; the path."""
    return write_text(path, csv_text(frame))


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int = FILE_MODE) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; on leaving the block it is fsynced and
    renamed over ``path`` (or removed, with the folders made for it, if the block raised: a
    fault of the disk is then named by ``path``, the file the user knows)."""
    target = _through(Path(path))
    if target.exists() and not (target.is_file() or target.is_dir()):
        # a rename would replace the device itself (as root, /dev/null with a file)
        raise InputError.one(str(target), "", _SPECIAL)
    made = _make_folders(target.parent)
    tmp: Path | None = None
    try:
        tmp = _temporary(target)
        yield tmp
        _fsync_file(tmp)
        os.chmod(tmp, mode & ~_umask())
        interrupt.check()
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        _remove_folders(made)
        _name_fault(exc, target)
        raise
    _fsync_dir(target.parent)


def _through(final: Path) -> Path:
    """The file a symbolic link ``final`` leads to (a roster.csv linked into a shared
    folder): written there, beside it, so the link stays a link and its file is the one
    renewed; any other path as it is."""
    return final.resolve() if final.is_symlink() else final


def _temporary(final: Path, *, tidy: bool = True) -> Path:
    """A new empty file beside ``final`` to write it in, named for it and this process
    (``.roster.csv.4242.k3j2.tmp``); those a killed process left for it are removed first
    (unless ``tidy`` is off: done already), so a command killed mid-write and run again
    leaves no litter."""
    if tidy:
        _remove_left_behind(final)
    prefix = f".{final.name}.{os.getpid()}."
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=prefix, suffix=".tmp")
    os.close(fd)
    return Path(name)


def _remove_left_behind(final: Path) -> None:
    start = f".{final.name}."
    with contextlib.suppress(OSError):  # a folder that cannot be listed: nothing to tidy
        for path in final.parent.iterdir():
            name = path.name
            if not (name.startswith(start) and name.endswith(".tmp")):
                continue
            pid = name[len(start) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (one of another user's does, as far as we know)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; the folders made, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    made = []
    try:
        for path in reversed(missing):
            path.mkdir(exist_ok=True)
            made.append(path)
    except BaseException:
        _remove_folders(made)
        raise
    return made


def _remove_folders(made: list[Path]) -> None:
    for folder in reversed(made):
        with contextlib.suppress(OSError):  # not empty: someone else's files are there
            folder.rmdir()


def _name_fault(exc: BaseException, target: Path) -> None:
    """A fault of the disk while writing (a full disk, say) names no file, or the
    temporary one: name the file it was for."""
    if isinstance(exc, OSError) and (
        not exc.filename or Path(str(exc.filename)).name.startswith(f".{target.name}.")
    ):
        exc.filename, exc.filename2 = str(target), None


class Staged:
    """Files of one command, written to temporary names and renamed into place together by
    ``commit`` (``with Staged(out) as out: ...`` commits on success, discards on error).

    ``path(name)`` gives a temporary path to save to by name; ``text``/``bytes``/``csv``
    write content directly. Nothing appears under its final name before ``commit``, and a
    discard also removes the folders staging made, so a failed command leaves nothing new.
    ``commit`` is all or nothing: a rename failing half-way (or Ctrl-C) puts back the files
    renamed before it, and so does an ``on_commit`` action (the store's publication of
    what the files hold) that raises once every file is in place. ``drop(name)`` removes a
    file an earlier run wrote that this one does not (a report's ``unrecorded.csv``) in
    the same commit, and puts it back with the others.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._pending: dict[Path, Path] = {}  # final path -> temporary path
        self._modes: dict[Path, int] = {}
        self._made: list[Path] = []  # folders created for the staged files, outermost first
        self._actions: list[Callable[[], object]] = []
        self._dropped: list[Path] = []  # final paths removed by the commit

    def drop(self, name: str | Path) -> None:
        """Remove the file ``name`` (under ``folder``) when the others are put in place:
        one of the command's files an earlier run wrote and this one has none of, which
        would otherwise stand beside the new files as if it were theirs."""
        final = self.folder / name
        if final not in self._dropped:
            self._dropped.append(final)

    def path(self, name: str | Path, *, mode: int = FILE_MODE) -> Path:
        return self._stage(self.folder / name, mode)

    def put(self, final: str | Path, data: bytes, *, mode: int = FILE_MODE) -> Path:
        """Stage ``data`` for the path ``final`` exactly as given (not under ``folder``)."""
        self._write(Path(final), data, mode)
        return Path(final)

    def _write(self, final: Path, data: bytes, mode: int) -> None:
        try:
            self._stage(final, mode).write_bytes(data)
        except OSError as exc:
            _name_fault(exc, final)
            raise

    def _stage(self, final: Path, mode: int) -> Path:
        final = _through(final)
        self._modes[final] = mode
        if final in self._pending:
            return self._pending[final]
        self._mkdirs(final.parent)
        tmp = _temporary(final)
        self._pending[final] = tmp
        return tmp

    def bytes(self, name: str | Path, data: bytes, *, mode: int = FILE_MODE) -> Path:
        self._write(self.folder / name, data, mode)
        return self.folder / name

    def text(self, name: str | Path, text: str) -> Path:
        return self.bytes(name, text.encode("utf-8"))

    def csv(self, name: str | Path, frame: pd.DataFrame) -> Path:
        return self.text(name, csv_text(frame))

    @property
    def names(self) -> list[Path]:
        """The final paths, in the order first written."""
        return list(self._pending)

    def on_commit(self, action: Callable[[], object]) -> None:
        """Run ``action`` once every file is in place; if it raises, the files go back to
        what they were (files and publication together, or neither)."""
        self._actions.append(action)

    def commit(self) -> list[Path]:
        """Rename every staged file into place, then run the ``on_commit`` actions; the
        final paths."""
        interrupt.check()  # a Ctrl-C swallowed on the way puts nothing in place
        mask = _umask()
        for final, tmp in self._pending.items():
            try:
                _fsync_file(tmp)  # where a full disk shows, for data the kernel held back
            except OSError as exc:
                _name_fault(exc, final)
                raise
            os.chmod(tmp, self._modes.get(final, FILE_MODE) & ~mask)
        old = self._keep_old()
        replaced: list[Path] = []
        try:
            for final, tmp in self._pending.items():
                try:
                    os.replace(tmp, final)
                except OSError as exc:  # named by the file the user knows, not the temporary
                    exc.filename, exc.filename2 = str(final), None
                    raise
                replaced.append(final)
            for final in self._dropped:
                if final not in self._pending and final.is_file():
                    replaced.append(final)
                    final.unlink()
            for action in self._actions:
                action()
        except BaseException:
            # a rename or an action failed (or Ctrl-C) half-way: the files already renamed
            # go back to what they were, so no reader is left with a new roster.csv beside
            # an old roster.xlsx, or files the store never published
            _roll_back(replaced, old)
            raise
        for kept in old.values():
            if kept is not None:
                with contextlib.suppress(OSError):  # all is in place: a stray is tidied later
                    kept.unlink(missing_ok=True)
        for folder in {final.parent for final in self._pending}:
            _fsync_dir(folder)
        done = list(self._pending)
        self._pending.clear()
        self._actions.clear()
        self._dropped.clear()
        self._made.clear()
        return done

    def _keep_old(self) -> dict[Path, Path | None]:
        """Each final path's file as it is now, kept under a second name (a hard link, or a
        copy where the file system has none) for ``_roll_back``; None where there is none."""
        old: dict[Path, Path | None] = {}
        try:
            for final in [*self._pending, *self._dropped]:
                old[final] = _keep(final)
        except BaseException:
            for kept in old.values():
                if kept is not None:
                    kept.unlink(missing_ok=True)
            raise
        return old

    def discard(self) -> None:
        for tmp in self._pending.values():
            tmp.unlink(missing_ok=True)
        self._pending.clear()
        self._actions.clear()
        self._dropped.clear()
        _remove_folders(self._made)
        self._made.clear()

    def _mkdirs(self, folder: Path) -> None:
        self._made += _make_folders(folder)

    def __enter__(self) -> Staged:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if isinstance(error, OSError):
            # the user never saw the temporary name: a fault names the file it was for, or
            # (a library's write that named none: a full disk) the folder
            written = error.filename
            error.filename = str(self._final(Path(written)) if written else self.folder)
        if kind is None:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()

    def _final(self, written: Path) -> Path:
        """The final path a temporary file of this staging (or one a library made beside
        it, ``atomic_path``) stands for; any other path as it is."""
        for final, tmp in self._pending.items():
            if written == tmp or (
                written.parent == tmp.parent and written.name.startswith(f".{tmp.name}.")
            ):
                return final
        return written


def _keep(final: Path) -> Path | None:
    """A second name for ``final``'s file as it is (named as a temporary of this process,
    so one a killed run left is tidied by the next); None when there is no file."""
    if not final.is_file():
        return None
    kept = _temporary(final, tidy=False)  # tidied when the file was staged
    try:
        kept.unlink()
        try:
            os.link(final, kept)
        except OSError:  # no hard links here (some network shares): a copy does
            shutil.copy2(final, kept)
    except BaseException as exc:
        kept.unlink(missing_ok=True)
        _name_fault(exc, final)
        raise
    return kept


def _roll_back(replaced: list[Path], old: Mapping[Path, Path | None]) -> None:
    """Put back what ``replaced`` held before the commit: the kept file, or none."""
    for final in reversed(replaced):
        kept = old.get(final)
        with contextlib.suppress(OSError):  # the first fault is the one to report
            if kept is None:
                final.unlink(missing_ok=True)
            else:
                os.replace(kept, final)
    for kept in old.values():
        if kept is not None:
            with contextlib.suppress(OSError):
                kept.unlink(missing_ok=True)


# --- checks before any long work ----------------------------------------------------------


def preflight_folder(
    folder: str | Path,
    *,
    option: str = "--out",
    names: Iterable[str | Path] = (),
    reads: Iterable[tuple[str, str | Path | None]] = (),
) -> Path:
    """``InputError`` now, not after a long solve, unless ``folder`` can take the command's
    files: not a file, under a folder that exists and can be written, none of ``names``
    (the files the command writes there, ``officers/A-01.ics`` in a subfolder) a folder or
    one of the files the command ``reads`` (what it is, its path: a duty record saved as
    report.csv in the report's folder was replaced by the report), and no subfolder they
    go in a file. The folder itself is not created."""
    if not str(folder):  # ``--out "$DIR"`` with DIR unset: not the working folder
        raise InputError.one(option, "", EMPTY_OUT)
    target = Path(folder)
    name = str(target)
    _plain_name(name, option)
    dangling_link(target, option)
    if target.exists() and not target.is_dir():
        raise InputError.one(name, option, "is a file, not a folder (it is made if missing)")
    _writable(_nearest_existing(target, name, option), name, option)
    folders: set[Path] = set()
    sources = [(what, Path(source)) for what, source in reads if source is not None]
    for entry in names:
        if (target / entry).is_dir():
            raise InputError.one(str(target / entry), option, "is a folder; a file goes here")
        for what, source in sources:
            if (target / entry).is_file() and _same_file(target / entry, source):
                raise InputError.one(
                    str(target / entry),
                    option,
                    f"is {what} ({source}), which the command writes over: move it, or give "
                    f"another {option}",
                )
        folders.update(Path(entry).parents)
    for sub in sorted(folders - {Path()}):
        path = target / sub
        if path.exists() and not path.is_dir():
            raise InputError.one(str(path), option, "is a file; the command makes a folder here")
    return target


def preflight_file(
    path: str | Path,
    *,
    option: str,
    reads: Iterable[tuple[str, str | Path | None]] = (),
    ours: tuple[str, bytes] | None = None,
    force: bool = False,
) -> Path:
    """``InputError`` now unless the file ``path`` can be written: not a folder, in a folder
    that exists (or can be made) and can be written, and none of the files the command
    ``reads`` (what it is, its path), which writing would replace. With ``ours`` (what the
    command writes, a mark its first KB holds), an existing file without the mark is
    replaced only with ``force``: a name mistyped or completed to the wrong file (the
    scenario, a planner's own sheet) would be lost, where the same command's last output
    is simply brought up to date."""
    if not str(path).strip():  # ``--csv "$FILE"`` with FILE unset: not the working folder
        raise InputError.one(option, "", EMPTY_FILE)
    if str(path).endswith(("/", os.sep)):  # ``--csv out/``: a folder meant, not a file 'out'
        raise InputError.one(
            str(path), option, "ends in '/', a folder, not the file to write: name the file in it"
        )
    target = Path(path)
    name = str(target)
    _plain_name(name, option)
    dangling_link(target, option)
    if target.is_dir():
        raise InputError.one(name, option, "is a folder, not a file")
    if target.exists() and not target.is_file():
        raise InputError.one(name, option, _SPECIAL)
    for what, source in reads:
        if source is not None and target.exists() and _same_file(target, Path(source)):
            raise InputError.one(name, option, f"is {what} ({source}): name another file")
    if ours is not None and not force and not _replaceable(target, ours[1]):
        raise InputError.one(
            name,
            option,
            f"already exists and is not {ours[0]} s92 wrote: name another file, or give "
            "--force to replace it",
        )
    _writable(_nearest_existing(target.parent, name, option), name, option)
    return target


def _replaceable(target: Path, mark: bytes) -> bool:
    """Whether ``target`` is missing, empty, or holds ``mark`` in its first KB."""
    try:
        with open(target, "rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise InputError.one(str(target), "", f"cannot read: {disk_advice(exc)}") from None
    return not head or mark in head


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # the file read is missing: its reader says so
        return False


def _plain_name(name: str, option: str) -> None:
    """s92 makes no file whose name would drive a terminal when listed (a name in another
    encoding than UTF-8 is a name the file system takes as it is)."""
    problem = text_problem(os.fsencode(name).decode("utf-8", "replace"), limit=4096)
    if problem is not None:
        raise InputError.one(name, option, f"the path {problem}")


def _nearest_existing(folder: Path, name: str, option: str) -> Path:
    """The folder itself, or the nearest parent that exists (where it would be made); an
    ``InputError`` for a symbolic link on the way that leads nowhere (``_dangling``)."""
    probe, given = folder.absolute(), folder
    while not probe.exists():
        dangling_link(given if given.name else probe, option)  # named as the user gave it
        probe, given = probe.parent, given.parent
    if not probe.is_dir():
        raise InputError.one(name, option, f"a part of the path is a file, not a folder: {probe}")
    return probe


def dangling_link(path: Path, option: str) -> None:
    """``InputError`` naming ``path`` when it is a symbolic link to nothing (its target
    moved, or on a drive not mounted): s92 could make neither the folder (the link's name
    is taken) nor write through it, and said the link "already exists and is not a folder"
    after the whole solve."""
    if not path.is_symlink() or path.exists():
        return
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    raise InputError.one(
        str(path),
        option,
        f"is a symbolic link to {target}, which does not exist: create that, or give "
        f"another {option}",
    )


def _writable(folder: Path, name: str, option: str) -> None:
    """Create and drop an unnamed file: the one test that tells (permissions, a read-only
    disk, root, ACLs and network shares all answer it truthfully)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise InputError.one(
            name, option, f"cannot write in {folder}: {disk_advice(exc)}"
        ) from None


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a crash after it must not bring the old file back)."""
    with contextlib.suppress(OSError):  # not every file system lets a folder be fsynced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
