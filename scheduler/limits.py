"""The limits on what s92 accepts, in one place (README, "Limits on input").

A limit turns a typo or a hostile file into a clear refusal before any work: a date in
year 9999 that overflows date arithmetic, a seed the solver cannot hold, a name carrying
terminal escape sequences, an id that is no file name (``..``, 10,000 characters).
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from calendars import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR

FIRST_YEAR, LAST_YEAR = FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR  # what the calendars cover
MAX_ID_LENGTH = 64  # officer, contract and shift ids become file and sheet names
MAX_NAME_LENGTH = 200  # names, councils, kinds, reasons, authorisers
MAX_TEXT_LENGTH = 2_000  # descriptions and notes
MAX_SERVICE_YEARS = 60
MAX_MONEY = 10_000_000.0  # £ per post per year: the dearest post costs about £0.1m
MAX_NOTICE_DAYS = 366
MAX_CONTRACT_YEARS = 10  # agreements run 3 years (PCD 555 §2.6)
MAX_SEED = 2**31 - 1  # CP-SAT's random seed is a 32-bit integer
MAX_WORKERS = 256
MAX_SERVER_WORKERS = 64  # web server processes: one per core is plenty
MAX_RUNS = 100_000  # London: ~3 ms a run, so ~5 minutes; more runs: another --seed
MAX_ENTRY_ID = 2**63 - 1  # SQLite's integers
MAX_ENTRY_DAYS = 3 * 366  # one abstraction spans at most a contract term
MAX_INPUT_BYTES = 512 * 1024 * 1024  # a file read: London's year of roster.csv is ~15 MB

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# numbers as a user types them, in ASCII digits: Python's int() and float() also take
# other scripts' digits (Arabic-Indic, fullwidth), '1_000' and 'inf', which no date, time or id
# s92 reads takes either
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# C0 and C1 controls and DEL, and the marks that reorder text on screen
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# how Python hands over bytes that are not UTF-8 (a command-line argument typed or pasted
# in another encoding): lone surrogates, which no file, store or hash can take
_NOT_UTF8 = re.compile("[\ud800-\udfff]")
NOT_UTF8 = "is not UTF-8 text (a byte of another encoding, as Windows-1252 writes £ or é)"
# the two code points XML (so a workbook) cannot hold beyond controls and surrogates: the
# workbook writer stopped on one with a traceback
_NONCHARACTER = re.compile("[\ufffe\uffff]")


def id_problem(text: str) -> str | None:
    """Why ``text`` cannot be an id (ids name files, sheets and calendar feeds), or None."""
    if not text:
        return "must not be empty"
    if len(text) > MAX_ID_LENGTH:
        return f"longer than {MAX_ID_LENGTH} characters"
    if not _ID.fullmatch(text):
        return "not an id (a letter or digit, then letters, digits, '_', '.', '-')"
    if text.startswith(".") or ".." in text:
        return "must not start with '.' or hold '..' (ids become file names)"
    return None


def text_problem(text: str, *, limit: int = MAX_NAME_LENGTH, newlines: bool = False) -> str | None:
    """Why ``text`` cannot be a name or free text (a control character, too long), or None.
    Tabs and newlines are control characters in a name; free text may hold newlines."""
    if not_utf8(text):
        return NOT_UTF8
    bad = (_CONTROL_BUT_LINES if newlines else _CONTROL).search(text)
    if bad is not None:
        code = ord(bad.group())
        shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        return f"holds a control character ({shown})"
    if (odd := _NONCHARACTER.search(text)) is not None:
        return f"holds a character that is not text (\\u{ord(odd.group()):04x})"
    if len(text) > limit:
        return f"longer than {limit:,} characters"
    return None


def not_utf8(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8, as Python hands them over."""
    return _NOT_UTF8.search(text) is not None


def date_problem(day: date) -> str | None:
    """Why ``day`` is out of range, or None."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"outside the years the calendars cover ({FIRST_YEAR}-{LAST_YEAR})"
    return None


def whole_number(text: str) -> int | None:
    """``text`` as a whole number in ASCII digits ('12', '-1'), else None."""
    text = text.strip()
    if not _WHOLE.fullmatch(text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than Python converts (4,300)
        return None


def decimal_number(text: str) -> float | None:
    """``text`` as a finite number in ASCII digits ('2.5', '.5', '1e3'), else None."""
    text = text.strip()
    return float(text) if _DECIMAL.fullmatch(text) and math.isfinite(float(text)) else None


def int_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        value = whole_number(text)
        if value is None:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low:,} to {high:,}, got {text}")
        return value

    parse.__name__ = "whole number"
    return parse


def number(text: str) -> float:
    """An argparse type: a finite number in ASCII digits (its range is the command's)."""
    value = decimal_number(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    return value


def positive_seconds(text: str) -> float:
    """A time limit: positive and finite (nan and inf parse as floats but limit nothing)."""
    value = decimal_number(text)
    if value is None or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


EMPTY_OUT = "is empty: name a folder ('.' for this one)"  # ``--out "$DIR"``, DIR unset
EMPTY_FILE = "is empty: name a file"  # ``--csv "$FILE"``, FILE unset


def given_file(text: str) -> str:
    """An argparse type for a file a command reads (``SCENARIO``, ``ROSTER``, ``--import``):
    the name as typed, never the empty text (``"$FILE"`` with FILE unset would name the
    working folder, as ``Path("")`` is ``.``, or pass for no file at all)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(EMPTY_FILE)
    return text


def given_path(text: str) -> Path:
    """``given_file`` as a path."""
    return Path(given_file(text))


def out_path(text: str) -> Path:
    """An argparse type for ``--out``: a path, never the empty text (``--out "$DIR"`` with
    DIR unset would write into the working folder, as ``Path("")`` is ``.``)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(EMPTY_OUT)
    return Path(text)
