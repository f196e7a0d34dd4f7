"""Scenario TOML -> validated ``Scenario``, or an ``InputError`` listing every problem."""

from __future__ import annotations

import codecs
import os
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from calendars import NOT_A_DATE, day_problem
from scheduler.errors import InputError, Problem
from scheduler.files import read_input
from scheduler.limits import NOT_UTF8, id_problem
from scheduler.scenario.model import Scenario
from scheduler.scenario.validate import cross_check

_TOML_PLACE = re.compile(r"\(at line ([0-9]+), column ([0-9]+)\)$")
_DATE_TOKEN = re.compile(r"(?<![\w\"'-])([0-9]{4}-[0-9]{2}-[0-9]{2})(?![\w:-])")
_KEY_BEFORE = re.compile(r"([\w.-]+)\s*=[^=]*$")
_TABLE = re.compile(r"^\s*\[\[?\s*([\w.-]+)\s*\]\]?")
# files a planner may put where the scenario goes, by what they are
_NOT_SCENARIOS = {
    ".csv": "a CSV file",
    ".xlsx": "a workbook",
    ".xlsm": "a workbook",
    ".xls": "a workbook",
    ".ods": "a spreadsheet",
    ".ics": "an iCal calendar",
    ".db": "a store",
}
# keys naming list entries, so a path reads officer[HAV-01].rank rather than officer[7].rank
_ENTRY_KEYS = ("id", "code")
# pydantic's words where they are a regular expression's, not a planner's
_PLAIN = {
    "string_pattern_mismatch": "may hold only letters, digits, '_' and '-'",
    "string_unicode": NOT_UTF8,  # text given on the command line in another encoding
}


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; raise ``InputError`` with all problems found."""
    path = Path(path)
    data = read_toml(path)
    # the file's name as UTF-8 text (\xe9 for a byte of another encoding): the scenario
    # keeps it as its source, which is text in the store and the reports
    return scenario_from_dict(data, os.fsencode(path).decode("utf-8", "backslashreplace"))


def read_toml(path: Path) -> dict[str, Any]:
    """The scenario file's TOML; a file no scenario could be (a roster, an entry log, a
    calendar, a store), given where the scenario goes, is named as such: arguments swapped
    on the command line read better so than as TOML's complaint about its first line."""
    try:
        return _read_toml(path)
    except InputError:
        kind = _NOT_SCENARIOS.get(path.suffix.lower())
        if kind is None or not path.is_file():
            raise
        raise InputError.one(
            str(path),
            "",
            f"{kind}, not a scenario: the scenario is a .toml file, given first on the "
            "command line",
        ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        data = read_input(path, "a scenario file")
        text = decode_scenario(data)
    except FileNotFoundError:
        raise InputError.one(name, "", "no such file") from None
    except IsADirectoryError:
        raise InputError.one(name, "", "is a directory, not a scenario file") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        what = "not a text file" if b"\x00" in data else "not UTF-8 text"
        raise InputError.one(
            name,
            f"line {line}",
            f"{what}: a scenario file is UTF-8 TOML (save it as UTF-8; Windows' code page "
            "writes an accent or a pound sign as bytes TOML does not read)",
        ) from None
    except OSError as exc:
        raise InputError.one(name, "", f"cannot read: {exc.strerror}") from None
    if not text.strip():
        raise InputError.one(name, "", "file is empty")
    if "\x00" in text:  # UTF-16 without its mark reads as UTF-8 with a NUL in each letter
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError.one(
            name,
            f"line {line}",
            "not UTF-8 text (UTF-16 without a byte order mark?): a scenario file is UTF-8 "
            "TOML: save it as UTF-8",
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([_toml_problem(name, text, exc)]) from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise InputError.one(name, "", "arrays or tables nested too deeply") from None


def decode_scenario(data: bytes) -> str:
    """A scenario file's text: UTF-8, with or without the byte order mark Notepad writes,
    or UTF-16 with its mark, as Notepad saves 'Unicode' (it was "not a text file")."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _toml_problem(name: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """TOML's own words, or, for a date that does not exist (``end = 2027-02-29``, which
    TOML calls an invalid date), the line, the key and why, as a date in text is told."""
    where = _TOML_PLACE.search(str(exc))
    lines = text.splitlines()
    if where is not None and 0 < int(where.group(1)) <= len(lines):
        number = int(where.group(1))
        line = lines[number - 1]
        for token in _DATE_TOKEN.finditer(line):
            why = day_problem(token.group(1))
            if why == NOT_A_DATE:
                continue
            key = _KEY_BEFORE.search(line[: token.start()])
            table = next(
                (m.group(1) for m in map(_TABLE.match, reversed(lines[: number - 1])) if m),
                "",
            )
            field = ".".join(part for part in (table, key.group(1) if key else "") if part)
            return Problem(name, f"line {number}, {field}".rstrip(", "), why, token.group(1))
        said = _TOML_PLACE.sub("", str(exc)).strip()
        place = f"line {number}, column {where.group(2)}"
        words = _toml_words(said, line)
        return Problem(name, "", f"not valid TOML at {place}: {words}", line.strip())
    return Problem(name, "", f"not valid TOML: {exc}")


_CURLY_QUOTES = frozenset("\u201c\u201d\u2018\u2019\u201e")
_KEY_OF_LINE = re.compile(r"^\s*([\w.\-\"']+?)\s*=")


def _toml_words(said: str, line: str) -> str:
    """tomllib's words for a mistake, said as a planner would fix it where they are terse
    ('Cannot overwrite a value' of a key typed twice), the line it is on quoted after."""
    key = _KEY_OF_LINE.match(line)
    if said == "Cannot overwrite a value" and key is not None:
        return (
            f"{key.group(1)} given twice in one table: give each key once (another item "
            "of a list is a table of its own, [[officer]] say)"
        )
    if said.startswith("Cannot declare") and said.endswith("twice"):
        return "a table given twice: give each [table] once (a list's items are [[tables]])"
    if said == "Invalid value" and _CURLY_QUOTES & set(line):
        return (
            'curly quotes: TOML takes straight ones ("…"), which a word processor or '
            "mail program turned curly"
        )
    return said


def scenario_from_dict(data: dict[str, Any], source: str = "<scenario>") -> Scenario:
    try:
        scenario = Scenario.model_validate({**data, "source": source})
    except ValidationError as exc:
        raise InputError(_problems(exc, data, source)) from None
    problems = cross_check(scenario, source)
    if problems:
        raise InputError(problems)
    return scenario


def _problems(exc: ValidationError, data: dict[str, Any], source: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = err["loc"]
        message = _PLAIN.get(err["type"], err["msg"].removeprefix("Value error, "))
        value = err.get("input")
        if err["type"] == "missing":
            value = None
        elif isinstance(value, dict):
            value = None  # a whole table is noise; the path says where
        elif isinstance(value, date):
            value = value.isoformat()
        problems.append(Problem(source, field_path(loc, data), message, value))
    return problems


def field_path(loc: tuple[Any, ...], data: Any) -> str:
    """('officer', 6, 'rank') -> 'officer[HAV-07].rank' (1-based index when no id)."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = str(key + 1)
            item = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(item, dict):
                named = next((item[k] for k in _ENTRY_KEYS if isinstance(item.get(k), str)), None)
                # an id that is no id ('07:00', '') would blur the path: the place instead
                label = named if named is not None and id_problem(named) is None else label
            parts.append(f"[{label}]")
            node = item
        else:
            key = str(key)
            if key.startswith(("function-", "tagged-union")) or key in {"list[...]"}:
                continue
            parts.append(("." if parts else "") + key)
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)
