"""The README's table of commands gives each command's options as its --help does: it
had fallen behind (publish's --notices, serve's --workers, sweep's rates, reroster's
--notified, --time-limit and --seed, scenario import's --start, --end and --force, the
store's --db were in --help alone)."""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from scheduler.cli import build_parser

README = Path(__file__).parents[1] / "README.md"
_OPTION = re.compile(r"--[a-z][a-z-]*")
HAVERING = str(Path(__file__).parents[1] / "scenarios" / "havering.toml")
# a lawful roster fast and the same on any machine: solver work, one worker
QUICK = ["--workers", "1", "--time-limit", "0.5", "--quiet"]


def _synopses() -> list[str]:
    """Every `s92 …` code span in the first cell of the README's rows of commands."""
    spans = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `s92 "):
            first = re.split(r"(?<!\\)\|", line)[1]
            spans += re.findall(r"`(s92 [^`]+)`", first)
    return spans


def _parser_of(words: list[str]) -> argparse.ArgumentParser:
    """The parser of the (sub)command the leading words of a synopsis name."""
    parser = build_parser([words[0]])
    for word in words:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or word not in subs[0].choices:
            break
        parser = subs[0].choices[word]
    return parser


def test_every_command_row_lists_the_options_of_its_help() -> None:
    synopses = [s for s in _synopses() if "/" not in s.split()[1]]  # abstract add/void/…
    assert len(synopses) >= 18
    for synopsis in synopses:
        words = synopsis.split()[1:]
        parser = _parser_of(words)
        options = {o for a in parser._actions for o in a.option_strings if o.startswith("--")} - {
            "--help"
        }
        assert set(_OPTION.findall(synopsis)) == options, synopsis


def test_the_import_help_reads_the_files_the_readme_says_it_reads() -> None:
    # --help said "UTF-8 or Windows-1252" only: a planner with a semicolon CSV from a
    # European Excel, or a 'Unicode Text' save, was told it would not read
    readme = README.read_text(encoding="utf-8")
    assert "commas or semicolons, or as 'Unicode Text' (UTF-16, tabs)" in readme
    text = " ".join(_parser_of(["abstract", "import"]).format_help().split())
    for said in ("semicolons", "UTF-16", "Windows-1252", "DD.MM.YYYY", "DD-MM-YYYY"):
        assert said in text, said


def test_the_roster_time_limit_help_says_what_the_readme_says() -> None:
    # --help said "seconds for the whole solve", the README that the limit holds for the
    # whole command from its start, and is solver work with --workers 1
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert "The time limit holds for the whole command, from when it starts" in readme
    assert "With `--workers 1` the run is reproducible instead" in readme
    text = " ".join(_parser_of(["roster"]).format_help().split())
    assert "whole command from its start" in text
    assert "with --workers 1 solver work instead" in text


def _table_after(heading: str) -> list[str]:
    """The first column of the README's first table under ``heading``."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("| ") and not line.startswith("| column |"):
            rows.append(line)
        elif rows and not line.startswith("|"):
            break
    return [name.strip() for row in rows for name in row.split("|")[1].split(",")]


def test_the_roster_summary_columns_are_the_readmes() -> None:
    # the README's table left out the summary's contract, officers and HDD aid columns
    from rich.console import Console

    from scheduler.commands.roster import print_summary
    from scheduler.roster.run import RosterResult

    console = Console(record=True, width=400)
    print_summary(RosterResult(outcomes=[], table=pd.DataFrame(), seconds=0.0), console)
    header = next(line for line in console.export_text().splitlines() if "cover bound" in line)
    printed = [c.strip() for c in re.split(r"[┃│|]", header) if c.strip()]
    assert _table_after("### What `s92 roster` prints") == printed


def test_the_api_example_entry_can_be_logged_after_the_planners_year() -> None:
    # the curl example posted HAV-02 sick on 2026-09-15, the day the planner's year had
    # just abstracted HAV-02 for Op Tangent: followed in order, it answered 422 (overlaps)
    readme = README.read_text(encoding="utf-8")
    logged = set(re.findall(r"--officer (\S+) --date (\S+)", readme))
    assert logged
    posted = re.findall(r'"officer_id": "([^"]+)", "date": "([^"]+)"', readme)
    assert posted
    assert not set(posted) & logged


def test_the_store_verify_example_shows_the_schema_version_a_store_has() -> None:
    # the example showed "schema version 2" while every store s92 makes is at the last
    # migration's version
    from scheduler.store.schema import MIGRATIONS

    shown = re.findall(r"s92\.db: schema version (\d+),", README.read_text(encoding="utf-8"))
    assert shown == [str(MIGRATIONS[-1].version)]


def test_the_readme_names_the_columns_of_every_file_report_writes() -> None:
    # differences.csv and unrecorded.csv were named with no word of their columns
    from scheduler.accounting.actuals import DIFFERENCE_COLUMNS
    from scheduler.accounting.delivery import MONTHLY_COLUMNS, SUMMARY_COLUMNS, UNRECORDED_COLUMNS
    from scheduler.accounting.ledger import PENALTY_COLUMNS

    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"(?<![A-Za-z0-9_])[a-z0-9_]+(?![A-Za-z0-9_])", text))
    for f in (
        SUMMARY_COLUMNS,
        MONTHLY_COLUMNS,
        PENALTY_COLUMNS,
        UNRECORDED_COLUMNS,
        DIFFERENCE_COLUMNS,
    ):
        assert set(f) <= named, sorted(set(f) - named)
    for listed in (DIFFERENCE_COLUMNS, UNRECORDED_COLUMNS):
        assert ", ".join(listed) in text


def test_the_abstract_row_names_every_option_and_list_column() -> None:
    # abstract list's --live was in --help alone, and its --csv columns nowhere
    from scheduler.commands.abstract import LIST_COLUMNS

    row = next(
        line
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `s92 abstract add/void/list/import` |")
    )
    readme = README.read_text(encoding="utf-8")
    for sub in ("add", "void", "list", "import"):
        options = {o for a in _parser_of(["abstract", sub])._actions for o in a.option_strings} - {
            "-h",
            "--help",
            "--db",
        }
        for option in options:
            assert re.search(re.escape(option) + r"(?![a-z-])", readme), (sub, option)
    assert "`list [SCENARIO] [--live] [--csv]`" in row
    assert ", ".join(LIST_COLUMNS) in row


def _row_of(command: str) -> str:
    """The README's row of commands for ``s92 COMMAND``: its description cell."""
    row = next(
        line
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"| `s92 {command} ")
    )
    return re.split(r"(?<!\\)\|", row)[2]


def test_the_command_rows_give_each_numeric_options_default_as_its_help_does() -> None:
    # --time-limit's defaults (30 s for the whole roster command, 10 s of solver work a
    # re-roster attempt) and sweep's rates (a fraction, not a per cent) were in --help alone
    said = {
        ("roster",): ("--time-limit",),
        ("reroster",): ("--time-limit",),
        ("sweep",): ("--operational-rate", "--sickness-rate", "--spell-days", "--time-limit"),
    }
    for words, options in said.items():
        row = _row_of(" ".join(words))
        parser = _parser_of(list(words))
        for option in options:
            default = next(a for a in parser._actions if option in a.option_strings).default
            found = re.search(re.escape(f"`{option}`") + r"[^;]*?default (\d+(?:\.\d+)?)", row)
            assert found, (words, option)
            assert float(found.group(1)) == default, (words, option)


def test_the_check_and_explain_rows_name_their_csv_columns() -> None:
    # `--csv OUT.csv` was in the synopses with no word of what the file holds
    from scheduler.check.report import REPORT_COLUMNS
    from scheduler.check.shortfall import CAUSES

    assert ", ".join(REPORT_COLUMNS) in _row_of("check")
    explain = _row_of("explain")
    assert "date, contract_id, tour, wanted, on_duty, short" in explain
    assert ", ".join(CAUSES) in explain


def test_the_readme_says_which_report_column_monthly_csv_leaves_out() -> None:
    # the README listed `note` among monthly.csv's columns, which it never had
    from scheduler.accounting.delivery import MONTHLY_COLUMNS, SUMMARY_COLUMNS

    readme = " ".join(README.read_text(encoding="utf-8").split())
    left_out = [c for c in SUMMARY_COLUMNS if c not in MONTHLY_COLUMNS]
    assert left_out == ["note"]
    assert "`monthly.csv` has no `note` column" in readme
    assert MONTHLY_COLUMNS[-1] == "hdd_days_cumulative"
    assert "ends with `hdd_days_cumulative`" in readme


def test_the_missing_store_line_is_the_one_the_serve_example_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the README quoted `s29.db: no such store file` for the example's s92.db
    from scheduler.cli import main

    readme = README.read_text(encoding="utf-8")
    served = re.search(r"^s92 serve --db (\S+)", readme, re.MULTILINE)
    quoted = re.search(r"is refused \(`([^`]*no such store file)`", readme)
    assert served
    assert quoted
    monkeypatch.chdir(tmp_path)
    # as every command that reads the store refuses it (serve looks at its port first)
    assert main(["store", "verify", "--db", served.group(1)]) == 2
    assert quoted.group(1) in capsys.readouterr().err


def test_the_planners_year_ical_reads_the_roster_the_reroster_before_it_wrote() -> None:
    # it read out/roster.csv, the version the re-roster to out2 had replaced: on a day
    # before the entries, s92 ical refuses it (entries logged are not in it)
    block = README.read_text(encoding="utf-8").split("## A planner's year in commands")[1]
    lines = block.split("```")[1].splitlines()
    rerostered = [re.search(r"--out (\S+)", x) for x in lines if x.startswith("s92 reroster ")]
    ical = next(x for x in lines if x.startswith("s92 ical "))
    assert rerostered
    assert rerostered[-1]
    assert ical.split()[3] == f"{rerostered[-1].group(1)}/roster.csv"


def test_the_user_row_says_what_user_list_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `s92 user list` printed unlabelled tab-separated lines the README said nothing of
    from scheduler.cli import main

    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "s92.db")
    assert main(["roster", HAVERING, "--out", "out", "--publish", "--db", db, *QUICK]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("council passphrase\n"))
    add = ["user", "add", "hav", "--role", "council", "--contract", "HAV-PP", "--password-stdin"]
    assert main([*add, "--db", db]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--db", db]) == 0
    row = _row_of("user add")
    name, role, state, scope = capsys.readouterr().out.splitlines()[0].split("\t")
    assert "tab-separated: name, role, `active` or `disabled`, and what it sees" in row
    assert (name, role, state) == ("hav", "council", "active")
    assert f"`{scope}`" in row


def test_the_sweep_row_names_the_columns_of_sweep_csv_and_runs_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # sweep.csv and runs.csv were named with no word of their columns
    from scheduler.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["roster", HAVERING, "--out", "out", *QUICK]) == 0
    sweep = ["sweep", HAVERING, "--runs", "2", "--roster", "out/roster.csv", "--out", "sw"]
    assert main([*sweep, *QUICK]) == 0
    row = _row_of("sweep")
    for name in ("sweep.csv", "runs.csv"):
        header = (tmp_path / "sw" / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.replace(",", ", ") in row, name


def test_the_readme_says_calendars_make_a_store_where_there_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # s92 roster --ical, without --publish, left an s92.db in the current folder that the
    # README never mentioned (it keeps the calendars' UID secret and SEQUENCEs)
    from scheduler.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("S92_DB", raising=False)
    assert main(["roster", HAVERING, "--out", "out", "--ical", *QUICK]) == 0
    assert (tmp_path / "out" / "ical" / "high-demand-days.ics").is_file()
    assert (tmp_path / "s92.db").is_file()
    readme = " ".join(README.read_text(encoding="utf-8").split())
    said = "as `s92 roster --ical`: one is made there if there is none, `s92.db` in the current"
    assert said in readme


def _placeholders(synopsis: str) -> tuple[list[str], dict[str, str]]:
    """A synopsis's positional placeholders in order, and each option's placeholder
    (`--out DIR`: DIR); a default shown as a value (`--port 8092`) or choices are not."""
    words = synopsis.replace("[", " ").replace("]", " ").replace("...", " ").split()[1:]
    positionals: list[str] = []
    options: dict[str, str] = {}
    for before, word in zip(["s92", *words], words, strict=False):
        if word.startswith("-") or "\\|" in word or not re.search(r"[A-Z]", word):
            continue
        if before.startswith("--"):
            options[before] = word
        else:
            positionals.append(word)
    return positionals, options


def test_every_command_row_names_its_values_as_its_help_does() -> None:
    # --help said `--out OUT`, `--from FROM_DATE`, `--time-limit TIME_LIMIT` and `scenario`
    # where the README's rows say `--out DIR`, `--from DATE`, `--time-limit S`, `SCENARIO`
    synopses = [s for s in _synopses() if "/" not in s.split()[1]]
    checked = 0
    for synopsis in synopses:
        positionals, options = _placeholders(synopsis)
        parser = _parser_of(synopsis.split()[1:])
        by_option = {o: a for a in parser._actions for o in a.option_strings}
        for option, word in options.items():
            action = by_option[option]
            assert (action.metavar or action.dest.upper()) == word, (synopsis, option)
            checked += 1
        named = [
            a.metavar or a.dest
            for a in parser._actions
            if not a.option_strings and not isinstance(a, argparse._SubParsersAction)
        ]
        assert named == positionals, synopsis
    assert checked >= 40
