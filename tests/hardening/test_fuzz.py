"""Property-based fuzzing of every command with hostile files and values (hypothesis).

For each command in ``COMMANDS`` (a table: add a row for a new command), every example
starts from valid inputs (a tiny scenario, its solved roster, a store holding the
published roster and entries, an abstractions CSV, an .ics file), breaks at most one input
file and draws hostile values for some options, runs ``s92`` in this process and asserts:

- the exit code is 0, 1 or 2, and nothing raised past ``main`` (no traceback);
- exit 2 prints at least one line, each starting with the file it is about (an input
  path, ``<command line>``, ``$S92_...`` or argparse's ``s92 COMMAND:``);
- no raw escape or bell character reaches stdout or stderr;
- a failed command leaves the store's integrity and its entry and roster counts as they
  were.

``S92_FUZZ_EXAMPLES`` sets the examples per command (default 8, a few seconds each);
``S92_FUZZ_EXAMPLES=500 .venv/bin/pytest tests/hardening/test_fuzz.py`` is a long run.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hardening_helpers import run, run_captured, store_state, tiny_toml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from toml_mutations import Deep, leaf_paths, replaced, toml_document

from scheduler.errors import printable
from scheduler.store import NewAbstraction, Store

EXAMPLES = int(os.environ.get("S92_FUZZ_EXAMPLES", "8"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # each run explores afresh; a failure prints its example to replay
)

# --- hostile values -------------------------------------------------------------------------

HOSTILE_WORDS = [
    "",
    " ",
    ".",
    "..",
    "../../etc",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-1",
    "@SUM(A1)",
    "\t=x",
    "\r=x",
    "<script>alert(1)</script>",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "a\x00b",
    "\u202egnp.exe",
    "'",
    '"',
    ",",
    "a\nb",
    "x" * 10_000,
    "\U0001d518ñíçødé",  # a mathematical Fraktur U: outside the basic plane
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "-0",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "1900-12-31",
    "2200-01-01",
    "24:00",
    "99:99",
    str(2**70),
    str(-(2**70)),
    "1" * 5000,
]
TEXT = st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(max_size=40))
# a real command line cannot carry NUL
ARG = TEXT.map(lambda s: s.replace("\x00", ""))
INTS = st.one_of(st.sampled_from([0, -1, 1, 2**31, 2**63, 2**70, -(2**70), 10**400]), st.integers())
FLOATS = st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308, -1e308, 0.5, -0.0])
DATES = st.one_of(
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1900, 12, 31), date(2200, 1, 1)]),
    st.dates(),
)


TOML_VALUES: st.SearchStrategy[object] = st.one_of(
    TEXT,
    INTS,
    FLOATS,
    DATES,
    st.sampled_from([datetime(2026, 10, 5, 7, 0), time(25 % 24, 0), True, False, {}, []]),
    st.sampled_from([Deep(1), Deep(50), Deep(3000), Deep(5000)]),
    st.lists(TEXT, max_size=3),
)


RAW_FILES = st.one_of(
    st.sampled_from([b"", b"\xff\xfe\x00", b"SQLite format 3\x00" + b"\x00" * 200, b"\x1b[2J"]),
    st.binary(max_size=200),
)

# --- the workspace --------------------------------------------------------------------------


@dataclass
class Workspace:
    """Valid inputs for every command, in one folder; ``break_*`` spoils one of them."""

    root: Path
    scenario: Path = field(init=False)
    roster: Path = field(init=False)
    entries: Path = field(init=False)
    ics: Path = field(init=False)
    db: Path = field(init=False)
    taken: Path = field(init=False)

    def __post_init__(self) -> None:
        self.scenario = self.root / "tiny.toml"
        self.roster = self.root / "roster.csv"
        self.entries = self.root / "entries.csv"
        self.ics = self.root / "announced.ics"
        self.db = self.root / "s92.db"
        self.taken = self.root / "taken.txt"

    def copy(self, root: Path) -> Workspace:
        for path in self.root.iterdir():
            if path.is_file():
                shutil.copy2(path, root / path.name)
        return Workspace(root)


ENTRIES_CSV = (
    "officer_id,date,end_date,kind,reason,authorised_by,notified\n"
    "T-C0,2026-10-13,,court,trial,Insp Lane,2026-09-01\n"
    "T-C1,2026-10-14,2026-10-15,sickness,flu,Sgt Cole,2026-10-14\n"
)
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
    "SUMMARY:Trooping the Colour\r\nDTSTART;VALUE=DATE:20260613\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("fuzz-base"))
    ws.scenario.write_text(tiny_toml(), encoding="utf-8")
    ws.entries.write_text(ENTRIES_CSV, encoding="utf-8")
    ws.ics.write_text(ICS, encoding="utf-8")
    ws.taken.write_text("a file where a folder is wanted")
    solved = run_captured(
        "roster", ws.scenario, "--out", ws.root / "solved", "--publish", "--db", ws.db,
        "--time-limit", "5", "--workers", "1", "--quiet",
    )  # fmt: skip
    assert solved.code == 0, solved.err
    shutil.copy2(ws.root / "solved" / "roster.csv", ws.roster)
    shutil.rmtree(ws.root / "solved")
    with Store(ws.db) as store:
        day = date(2026, 10, 12)
        store.add_abstraction(
            NewAbstraction(
                "T-S0", "T1", day, day, "training", "course", "Insp Lane", date(2026, 9, 1)
            )
        )
    return ws


def break_scenario(ws: Workspace, data: st.DataObject) -> None:
    if data.draw(st.booleans(), "raw scenario bytes"):
        ws.scenario.write_bytes(data.draw(RAW_FILES, "scenario bytes"))
        return
    document = tomllib.loads(ws.scenario.read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(leaf_paths(document)), "scenario field")
    value = data.draw(TOML_VALUES, "scenario value")
    ws.scenario.write_text(toml_document(replaced(document, path, value)), encoding="utf-8")


def break_csv(path: Path, data: st.DataObject) -> None:
    """One cell made hostile, a column or rows dropped or doubled, or raw bytes."""
    how = data.draw(st.sampled_from(["cell", "drop column", "double row", "cut", "raw"]), "csv how")
    if how == "raw":
        path.write_bytes(data.draw(RAW_FILES, "csv bytes"))
        return
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if how == "cell":
        r = data.draw(st.integers(0, len(rows) - 1), "row")
        c = data.draw(st.integers(0, len(rows[r]) - 1), "column")
        rows[r][c] = data.draw(TEXT, "cell")
    elif how == "drop column":
        c = data.draw(st.integers(0, len(rows[0]) - 1), "column")
        rows = [row[:c] + row[c + 1 :] for row in rows]
    elif how == "double row":
        r = data.draw(st.integers(1, len(rows) - 1), "row")
        rows.insert(r, list(rows[r]))
    else:
        rows = rows[: data.draw(st.integers(0, len(rows)), "rows kept")]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def break_ics(ws: Workspace, data: st.DataObject) -> None:
    if data.draw(st.booleans(), "raw ics bytes"):
        ws.ics.write_bytes(data.draw(RAW_FILES, "ics bytes"))
        return
    line = data.draw(
        st.sampled_from(["SUMMARY:", "DTSTART;VALUE=DATE:", "DTSTART:", "DTEND:", "RRULE:"]),
        "ics property",
    )
    value = data.draw(ARG, "ics value").replace("\r", "").replace("\n", "")
    text = ws.ics.read_text(encoding="utf-8").replace(
        "END:VEVENT", f"{line}{value}\r\nEND:VEVENT", 1
    )
    ws.ics.write_text(text, encoding="utf-8")


def break_store(ws: Workspace, data: st.DataObject) -> None:
    how = data.draw(st.sampled_from(["raw", "drop trigger", "foreign", "page"]), "store how")
    if how == "raw":
        ws.db.write_bytes(data.draw(RAW_FILES, "store bytes"))
    elif how == "drop trigger":
        con = sqlite3.connect(ws.db)
        con.execute("DROP TRIGGER abstraction_no_delete")
        con.commit()
        con.close()
    elif how == "foreign":
        ws.db.unlink()
        con = sqlite3.connect(ws.db)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    else:
        size = ws.db.stat().st_size
        with ws.db.open("r+b") as handle:
            handle.seek(data.draw(st.integers(100, max(100, size - 64)), "offset"))
            handle.write(data.draw(st.binary(min_size=1, max_size=64), "bytes"))


BREAKERS: dict[str, Callable[[Workspace, st.DataObject], None]] = {
    "scenario": break_scenario,
    "roster": lambda ws, data: break_csv(ws.roster, data),
    "entries": lambda ws, data: break_csv(ws.entries, data),
    "ics": break_ics,
    "store": break_store,
}

# --- the commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """An option naming one of the workspace's input files (broken or not)."""

    name: str  # a Workspace attribute: "roster", "entries", "ics", "scenario"


PATHS = st.sampled_from(["out", "taken.txt", "taken.txt/sub", "x" * 300, "out\x1b[31m", "a/b/c"])
FLAG = st.sampled_from([True])


@dataclass(frozen=True, repr=False)
class Command:
    """One row of the table: how to call the command, which input files it reads (one may
    be broken), and hostile values for some of its options (``PATHS`` values are folders
    or files inside the example's own folder; ``FLAG`` options are switches)."""

    name: str
    argv: Callable[[Workspace], list[object]]
    files: tuple[str, ...]
    options: Mapping[str, st.SearchStrategy[object]] = field(default_factory=dict)
    defaults: Mapping[str, object] = field(default_factory=dict)

    def __repr__(self) -> str:  # hypothesis prints it with each failing example
        return f"Command({self.name!r})"


SOLVE_DEFAULTS = {"--time-limit": "2", "--workers": "1", "--seed": "1"}
SOLVE_OPTIONS: dict[str, st.SearchStrategy[object]] = {
    "--time-limit": st.one_of(ARG, st.sampled_from(["nan", "inf", "0", "-1", "1e309", "0.5"])),
    "--workers": st.one_of(ARG, st.sampled_from(["-1", "0", "1", "2", "257", "1e3"])),
    "--seed": st.one_of(ARG, st.sampled_from(["-1", "0", str(2**31), str(2**70), "0x10"])),
}
ENTRY_VALID = {
    "--officer": "T-C0",
    "--date": "2026-10-13",
    "--kind": "court",
    "--reason": "hearing",
    "--authorised-by": "Insp Lane",
    "--notified": "2026-09-01",
}

COMMANDS: list[Command] = [
    Command("validate", lambda ws: ["validate", ws.scenario], ("scenario",)),
    Command(
        "calendar",
        lambda ws: ["calendar", "--import", ws.ics],
        ("ics",),
        {
            "YEAR": st.one_of(ARG, st.sampled_from(["2026", "1900", "2200", "0", "-5"])),
            "--ics": PATHS,
            "--scenario-snippet": FLAG,
        },
    ),
    Command(
        "roster",
        lambda ws: ["roster", ws.scenario, "--quiet", "--db", ws.db],
        ("scenario", "store"),
        {"--out": PATHS, "--publish": FLAG, "--ical": FLAG, **SOLVE_OPTIONS},
        {"--out": "out", **SOLVE_DEFAULTS},
    ),
    Command(
        "check",
        lambda ws: ["check", ws.scenario, ws.roster],
        ("scenario", "roster"),
        {"--csv": PATHS},
    ),
    Command(
        "abstract add",
        lambda ws: ["abstract", "add", ws.scenario, "--db", ws.db],
        ("scenario", "store"),
        {
            **{option: ARG for option in ENTRY_VALID},
            "--to": ARG,
            "--start": ARG,
            "--end": ARG,
        },
        ENTRY_VALID,
    ),
    Command(
        "abstract add (no scenario)",
        lambda ws: ["abstract", "add", "--db", ws.db],
        ("store",),
        {**{option: ARG for option in ENTRY_VALID}, "--to": ARG},
        ENTRY_VALID,
    ),
    Command(
        "abstract void",
        lambda ws: ["abstract", "void", "--db", ws.db],
        ("store",),
        {
            "ID": st.one_of(ARG, st.sampled_from(["1", "2", "0", "-1", str(2**63), str(2**70)])),
            "--reason": ARG,
            "--notified": ARG,
            "--authorised-by": ARG,
        },
        {"ID": "1", "--reason": "entered twice"},
    ),
    Command(
        "abstract list",
        lambda ws: ["abstract", "list", ws.scenario, "--db", ws.db],
        ("scenario", "store"),
        {"--csv": FLAG, "--live": FLAG},
    ),
    Command(
        "abstract import",
        lambda ws: ["abstract", "import", ws.scenario, ws.entries, "--db", ws.db],
        ("scenario", "entries", "store"),
    ),
    Command(
        "reroster",
        lambda ws: ["reroster", ws.scenario, "--db", ws.db],
        ("scenario", "store"),
        {
            "--from": ARG,
            "--notified": ARG,
            "--out": PATHS,
            "--publish": FLAG,
            "--time-limit": SOLVE_OPTIONS["--time-limit"],
            "--seed": SOLVE_OPTIONS["--seed"],
        },
        {"--from": "2026-10-09", "--out": "out", "--time-limit": "2", "--seed": "1"},
    ),
    Command(
        "report",
        lambda ws: ["report", ws.scenario, "--db", ws.db],
        ("scenario", "store"),
        {
            "--period": ARG,
            "--contract": ARG,
            "--out": PATHS,
            "--actuals": st.just(Input("roster")),  # a duty record is a roster table
        },
        {"--period": "2026-10", "--out": "out"},
    ),
    Command(
        "ical",
        lambda ws: ["ical", ws.scenario, ws.roster],
        ("scenario", "roster"),
        {"--out": PATHS},
        {"--out": "out"},
    ),
    Command(
        "sweep",
        lambda ws: ["sweep", ws.scenario, "--roster", ws.roster, "--quiet"],
        ("scenario", "roster"),
        {
            "--runs": st.one_of(ARG, st.sampled_from(["0", "-1", "3", "100000000000", "1e3"])),
            "--operational-rate": ARG,
            "--sickness-rate": ARG,
            "--spell-days": ARG,
            "--period": ARG,
            "--out": PATHS,
            "--seed": SOLVE_OPTIONS["--seed"],
        },
        {"--runs": "3", "--out": "out", "--seed": "1"},
    ),
    Command("store verify", lambda ws: ["store", "verify", "--db", ws.db], ("store",)),
    Command(  # spreadsheets as an HR system exports them; any CSV is one to it
        "scenario import",
        lambda ws: ["scenario", "import", "--officers", ws.roster, "--leave", ws.entries],
        ("roster", "entries"),
        {
            "--contracts": st.just(Input("entries")),
            "--out": PATHS,
            "--start": ARG,
            "--end": ARG,
            "--name": ARG,
            "--force": FLAG,
        },
        {"--out": "scenario.toml"},
    ),
    Command(
        "scenario docs", lambda ws: ["scenario", "docs"], (), {"--out": PATHS}, {"--out": "docs"}
    ),
    Command(
        "publish",
        lambda ws: ["publish", ws.scenario, ws.roster, "--db", ws.db],
        ("scenario", "roster", "store"),
        {"--from": ARG, "--notified": ARG, "--out": PATHS},
        {"--out": "out", "--notified": "2026-10-01"},
    ),
    Command(
        "explain",
        lambda ws: ["explain", ws.scenario, ws.roster],
        ("scenario", "roster"),
        {"--contract": ARG, "--month": ARG, "--csv": PATHS},
    ),
    # standard input is not readable under pytest: the password read must fail as one line
    Command(
        "user add",
        lambda ws: ["user", "add", "--password-stdin", "--db", ws.db],
        ("store",),
        {
            "NAME": ARG,
            "--role": st.one_of(ARG, st.sampled_from(["admin", "planner", "council"])),
            "--bcu": ARG,
            "--contract": ARG,
        },
        {"NAME": "pat", "--role": "planner", "--bcu": "EA"},
    ),
    Command(
        "user disable",
        lambda ws: ["user", "disable", "--db", ws.db],
        ("store",),
        {"NAME": ARG},
        {"NAME": "pat"},
    ),
    Command("user list", lambda ws: ["user", "list", "--db", ws.db], ("store",)),
    Command(
        "token create",
        lambda ws: ["token", "create", "--db", ws.db],
        ("store",),
        {"NAME": ARG},
        {"NAME": "pat"},
    ),
    Command("token list", lambda ws: ["token", "list", "--db", ws.db], ("store",)),
    Command(
        "token revoke",
        lambda ws: ["token", "revoke", "--db", ws.db],
        ("store",),
        {"ID": ARG},
        {"ID": "1"},
    ),
]


# commands that do not run and exit (a server): fuzzed through their own entry points
NOT_ONE_SHOT = frozenset({"serve"})


def command_line(command: Command, ws: Workspace, chosen: Mapping[str, object]) -> list[object]:
    """The command's argv with its defaults, overridden by the values drawn."""
    values = {**command.defaults, **chosen}
    argv = command.argv(ws)
    positional = [v for k, v in values.items() if k.isupper()]
    for option, value in values.items():
        if option.isupper():
            continue
        if value is True:
            argv.append(option)
        elif isinstance(value, Input):
            argv += [option, getattr(ws, value.name)]
        elif isinstance(value, str) and command.options.get(option) is PATHS:
            argv += [option, ws.root / value]
        else:
            argv += [f"{option}={value}"]  # '=': a value starting with '-' stays a value
    return argv + positional


def exit_2_names_a_file(err: str, argv: list[object]) -> bool:
    """Every problem line starts with what it is about: a path given, the command line,
    an environment variable, or argparse's ``s92 COMMAND:``."""
    lines = [
        line
        for line in err.splitlines()
        if line.strip() and not line.startswith(("usage:", " ", "... and "))
    ]
    starts = (
        "<command line>",
        "$S92_",
        "s92 ",
        "s92:",
        *(printable(str(a)) for a in argv if isinstance(a, Path)),
    )
    return bool(lines) and all(line.startswith(starts) for line in lines)


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
@FUZZ
@given(data=st.data())
def test_every_command_survives_hostile_input(
    base: Workspace, command: Command, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ws = base.copy(Path(folder))
        broken = data.draw(st.sampled_from((None, *command.files)), "input broken")
        if broken is not None:
            BREAKERS[broken](ws, data)
        chosen = {
            option: data.draw(strategy, option)
            for option, strategy in command.options.items()
            if data.draw(st.integers(0, 3), f"use {option}") == 0
        }
        argv = command_line(command, ws, chosen)
        before = store_state(ws.db) if broken != "store" else None
        result = run_captured(*argv)
        assert result.code in (0, 1, 2), result
        assert "Traceback" not in result.err
        for stream in (result.out, result.err):
            assert "\x1b" not in stream, stream[:400]
            assert "\x07" not in stream, stream[:400]
        if result.code == 2:
            assert exit_2_names_a_file(result.err, argv), result.err[:2000]
        if result.code != 0 and before is not None:
            assert store_state(ws.db) == before


def test_the_table_covers_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """A new command must be added to COMMANDS (its name here is its first word)."""
    from scheduler.cli import COMMANDS as CLI

    covered = {c.name.split()[0] for c in COMMANDS}
    assert set(CLI) - NOT_ONE_SHOT <= covered, f"add {sorted(set(CLI) - covered)} to COMMANDS"
    assert run(capsys, "store", "verify", "--db", "/nonexistent/s92.db").code == 2
