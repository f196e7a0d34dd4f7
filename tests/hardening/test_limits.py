"""The gaps issue 26 found, one case each: refused with exit 2 and one line naming the file,
the field and the value, before any long work and without writing anything; terminal
output shows control characters for what they are."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, Run, run, snapshot, store_state, tiny_toml

from scheduler.errors import MAX_PROBLEMS, InputError, Problem, printable
from scheduler.store import Store

ENTRY = (
    "--kind",
    "court",
    "--reason",
    "hearing",
    "--authorised-by",
    "Insp Lane",
    "--notified",
    "2026-09-01",
)


def refused(result: Run, *needles: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err
    text = result.err.strip().splitlines()[-1]
    for needle in needles:
        assert needle in text, text


def scenario_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the scenario file ------------------------------------------------------------------------

LEAVE_1800 = 'leave = ["1800-01-01"]'


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (
            {
                "extra": "\n[[officer]]\nid = 'T-X'\ncontract = 'T1'\nrank = 'constable'\n"
                + LEAVE_1800
            },
            ["officer[T-X].leave", "1901-2199"],
        ),
        (
            {
                "extra": "\n[[officer]]\nid = 'T-X'\ncontract = 'T1'\nrank = 'constable'\nleave = ['2200-01-01/2200-01-02']"
            },
            ["officer[T-X].leave", "1901-2199"],
        ),
        (
            {
                "extra": "\n[[officer]]\nid = 'T-X'\ncontract = 'T1'\nrank = 'constable'\nservice_years = 1e29"
            },
            ["officer[T-X].service_years"],
        ),
        ({"extra": "\n[rules]\nnotice_days = 1e20"}, ["rules.notice_days"]),
        ({"extra": "\n[rules]\nnotice_days = 100000"}, ["rules.notice_days", "366"]),
        ({"officer_ids": ("..", "T-C0", "T-C1")}, ["officer[1].id", "'..'"]),  # by place: no id
        ({"officer_ids": ("T" * 10_000, "T-C0", "T-C1")}, ["longer than 64 characters"]),
        ({"officer_ids": ("T-S\x000", "T-C0", "T-C1")}, ["officer", "id"]),
        ({"contract_id": "../T1"}, ["contract", "id", "'../T1'"]),
        ({"council": "Council\x1b[31m T"}, ["council", "control character (\\x1b)"]),
        ({"council": "Council\x00T"}, ["council", "control character (\\x00)"]),
        ({"name": "Tiny\u202egnp.exe"}, ["scenario.name", "control character (\\u202e)"]),
        ({"hdd_name": "Carnival\x07"}, ["high_demand.add", "control character (\\x07)"]),
        ({"council": "C" * 201}, ["council", "longer than 200 characters"]),
        ({"extra": "\n[high_demand]\nremove = [1800-12-31]"}, ["high_demand.remove", "1901-2199"]),
    ],
)
def test_a_scenario_out_of_bounds_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, object],
    needles: list[str],
) -> None:
    path = scenario_file(tmp_path, tiny_toml(**change))  # type: ignore[arg-type]
    result = run(capsys, "validate", path)
    refused(result, str(path), *needles)
    assert "\x1b" not in result.err
    assert "\x00" not in result.err


def test_money_beyond_any_contract_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tiny_toml().replace(
        "posts = { constable = 2, sergeant = 1 }",
        "posts = { constable = 2, sergeant = 1 }\nannual_charge = { constable = 1e308 }",
    )
    refused(run(capsys, "validate", scenario_file(tmp_path, text)), "annual_charge.constable")


def test_a_5000_deep_toml_array_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario_file(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    refused(run(capsys, "validate", path), str(path), "nested too deeply")


def test_many_problems_are_capped_with_a_count_of_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    officers = "".join(
        f"\n[[officer]]\nid = 'X-{n}'\ncontract = 'NONE'\nrank = 'constable'\n" for n in range(60)
    )
    result = run(capsys, "validate", scenario_file(tmp_path, tiny_toml(extra=officers)))
    lines = result.err.strip().splitlines()
    assert result.code == 2
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == f"... and {60 - MAX_PROBLEMS} more problems"


# -- entries and the command line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (
            ["--officer", "T-C0", "--date", "0001-01-01", "--to", "9999-12-31"],
            ["--date", "1901-2199", "'0001-01-01'"],
        ),
        (
            ["--officer", "T-C0", "--date", "2026-01-01", "--to", "2199-12-31"],
            ["--to", "over 1,098"],
        ),
        (["--officer", "T-C0", "--date", "1800-05-01"], ["--date", "'1800-05-01'"]),
        (["--officer", "..", "--date", "2026-05-01"], ["--officer", "'..'"]),
        (["--officer", "T\x1bC0", "--date", "2026-05-01"], ["--officer", "'T\\x1bC0'"]),
    ],
)
def test_an_entry_out_of_bounds_is_refused_and_nothing_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needles: list[str]
) -> None:
    db = tmp_path / "s92.db"
    Store(db).close()
    result = run(capsys, "abstract", "add", *argv, *ENTRY, "--db", db)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert any(all(n in line for n in needles) for line in result.err.splitlines()), result.err
    assert "\x1b" not in result.err
    assert store_state(db) == ("ok", 0, 0)


def test_a_reason_with_an_escape_sequence_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s92.db"
    argv = ["--officer", "T-C0", "--date", "2026-05-01", "--kind", "court", "--reason"]
    result = run(
        capsys,
        "abstract",
        "add",
        *argv,
        "\x1b]0;owned\x07",
        "--authorised-by",
        "I",
        "--notified",
        "2026-04-01",
        "--db",
        db,
    )
    refused(result, "--reason", "control character (\\x1b)")
    assert "\x1b" not in result.err
    assert "\x07" not in result.err


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["roster", "{s}", "--out", "{o}", "--seed", str(2**70)], ["--seed", str(2**70)]),
        (["roster", "{s}", "--out", "{o}", "--workers=-1"], ["--workers", "-1"]),
        (["roster", "{s}", "--out", "{o}", "--seed", "1" * 5000], ["--seed"]),
        (["sweep", "{s}", "--out", "{o}", "--runs", "100000000000"], ["--runs", "100000000000"]),
        (
            ["reroster", "{s}", "--from", "2026-10-06", "--out", "{o}", "--seed", "-3"],
            ["--seed", "-3"],
        ),
        (["abstract", "void", str(2**70), "--reason", "x"], ["ID", str(2**70)]),
    ],
)
def test_numbers_out_of_bounds_are_refused_by_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needles: list[str]
) -> None:
    scenario = scenario_file(tmp_path, tiny_toml())
    out = tmp_path / "out"
    args = [a.format(s=scenario, o=out) for a in argv]
    refused(run(capsys, *args, "--db", tmp_path / "s92.db"), *needles)
    assert not out.exists()
    assert not (tmp_path / "s92.db").exists()


def test_an_ics_event_in_year_9999_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "far.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
        "SUMMARY:Far\r\nDTSTART;VALUE=DATE:99991231\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    refused(run(capsys, "calendar", "--import", ics), str(ics), "9999-12-31", "1901-2199")


def test_an_ics_name_with_escapes_is_refused_and_never_printed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "esc.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
        "SUMMARY:Carnival\x1b[2J\r\nDTSTART;VALUE=DATE:20260831\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = run(capsys, "calendar", "--import", ics)
    refused(result, str(ics), "SUMMARY", "\\x1b")
    assert "\x1b" not in result.err + result.out


# -- checks before any long work --------------------------------------------------------------


def arm_no_solve(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From now on, record any solve instead of running it: a refusal must come first."""
    calls: list[object] = []
    for module in ("scheduler.commands.roster", "scheduler.commands.sweep"):
        monkeypatch.setattr(
            f"{module}.roster_scenario", lambda *a, **k: calls.append(a), raising=False
        )
    monkeypatch.setattr(
        "scheduler.commands.sweep.solve_with_progress", lambda *a, **k: calls.append(a)
    )
    monkeypatch.setattr("scheduler.commands.reroster.reroster", lambda *a, **k: calls.append(a))
    return calls


@pytest.mark.parametrize("command", ["roster", "sweep", "report", "reroster", "ical"])
def test_out_naming_an_existing_file_is_refused_before_any_work(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    scenario = scenario_file(tmp_path, tiny_toml())
    out = tmp_path / "taken.txt"
    out.write_text("keep me")
    db = tmp_path / "s92.db"
    published = run(
        capsys, "roster", scenario, "--out", tmp_path / "r", "--publish", "--db", db, *SOLVE
    )
    assert published.code == 0
    extras: dict[str, list[object]] = {
        "roster": ["--db", db],
        "sweep": ["--runs", "2"],
        "report": ["--period", "2026-10", "--db", db],
        "reroster": ["--from", "2026-10-06", "--db", db],
        "ical": [tmp_path / "r" / "roster.csv"],
    }
    extra = extras[command]
    solves = arm_no_solve(monkeypatch)
    result = run(capsys, command, scenario, *extra, "--out", out)
    refused(result, str(out), "--out", "is a file, not a folder")
    assert solves == []
    assert out.read_text() == "keep me"


def test_out_under_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = scenario_file(tmp_path, tiny_toml())
    (tmp_path / "file").write_text("x")
    refused(
        run(capsys, "roster", scenario, "--out", tmp_path / "file" / "sub"),
        "a part of the path is a file",
    )


def test_a_failed_ical_export_leaves_nothing_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = scenario_file(tmp_path, tiny_toml())
    assert run(capsys, "roster", scenario, "--out", tmp_path / "r", *SOLVE).code == 0
    out = tmp_path / "cal"
    assert run(capsys, "ical", scenario, tmp_path / "r" / "roster.csv", "--out", out).code == 0
    before = snapshot(out)
    (tmp_path / "fresh").mkdir()
    from scheduler.export import ical

    real = ical._calendar_bytes
    calls = {"n": 0}

    def fail_on_the_fourth(*args: object, **kwargs: object) -> bytes:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device", "contracts/T1.ics")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ical, "_calendar_bytes", fail_on_the_fourth)
    for folder in (out, tmp_path / "fresh" / "cal"):
        calls["n"] = 0
        result = run(capsys, "ical", scenario, tmp_path / "r" / "roster.csv", "--out", folder)
        assert result.code == 2
        assert "Traceback" not in result.err
    assert snapshot(out) == before  # the earlier export, untouched
    assert snapshot(tmp_path / "fresh") == {}  # not even an empty folder


# -- terminal output --------------------------------------------------------------------------


def test_problem_values_and_messages_reach_the_terminal_escaped() -> None:
    problem = Problem("f\x1b.toml", "officer[\x1b[2J].id", "bad \x07", "\x1b]0;x\x07")
    shown = str(problem)
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "\\x1b[2J" in shown
    assert InputError([problem] * 30).lines()[-1] == "... and 10 more problems"


def test_printable_keeps_text_and_escapes_controls() -> None:
    assert printable("Notting Hill Carnival – £5") == "Notting Hill Carnival – £5"
    assert printable("a\tb") == "a\tb"
    assert printable("a\nb") == "a\\nb"
    assert printable("a\nb", newlines=True) == "a\nb"
    assert printable("\x9b31m\u202e") == "\\x9b31m\\u202e"


def test_a_pipe_or_device_is_never_replaced_by_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    scenario = scenario_file(tmp_path, tiny_toml())
    assert run(capsys, "roster", scenario, "--out", tmp_path / "r", *SOLVE).code == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run(capsys, "check", scenario, tmp_path / "r" / "roster.csv", "--csv", fifo)
    refused(result, str(fifo), "--csv", "is a device, pipe or socket")
    assert fifo.is_fifo()


def test_problems_a_reader_counted_without_listing_are_in_the_count() -> None:
    problem = Problem("roster.xlsx", "sheet A, cell B3", "not a tour code", "Q")
    error = InputError([problem] * 25, more=100)
    assert error.lines()[-1] == "... and 105 more problems"
    assert InputError([problem] * 3, more=1).lines()[-1] == "... and 1 more problem"
    again = pickle.loads(pickle.dumps(error))  # raised in a child process, read in the parent
    assert again.lines() == error.lines()
