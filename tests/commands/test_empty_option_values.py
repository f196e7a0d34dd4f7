"""A date, file or folder given as the empty text (``--from "$DAY"``, ``--notices "$DIR"``
with the variable unset, or ``--from=``) is refused, exit 2, the option named, nothing
written or published, as ``--out ""`` and ``--db ""`` are. Before, ``s92 publish --from ""
--notified ""`` published as if neither were given, ``--notices ""`` wrote the notices
into the working folder (``Path("")`` is ``.``), ``s92 check --from ""`` checked without
it and ``--csv ""`` wrote no CSV, each at exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import published_tiny, rest_day_moved, run, snapshot, store_state

NOT_A_DATE = "not a date YYYY-MM-DD or DD/MM/YYYY (got '')"
PUBLISH = ("publish", "{scenario}", "{edited}", "--db", "{db}", "--out", "new")
REROSTER = ("reroster", "{scenario}", "--from", "2026-10-09", "--out", "new", "--db", "{db}")
CASES = {
    "publish --from": ([*PUBLISH, "--from", ""], f"<command line>: --from: {NOT_A_DATE}"),
    "publish --from=": ([*PUBLISH, "--from="], f"<command line>: --from: {NOT_A_DATE}"),
    "publish --notified": (
        [*PUBLISH, "--notified", ""],
        f"<command line>: --notified: {NOT_A_DATE}",
    ),
    "publish --notices": (
        [*PUBLISH, "--notices", ""],
        "s92 publish: argument --notices: is empty: name a folder ('.' for this one)",
    ),
    "reroster --notified": (
        [*REROSTER, "--notified", ""],
        f"<command line>: --notified: {NOT_A_DATE}",
    ),
    "reroster --notices": (
        [*REROSTER, "--notices", ""],
        "s92 reroster: argument --notices: is empty: name a folder ('.' for this one)",
    ),
    "check --from": (
        ["check", "{scenario}", "{roster}", "--db", "{db}", "--from", ""],
        f"<command line>: --from: {NOT_A_DATE}",
    ),
    "check --csv": (
        ["check", "{scenario}", "{roster}", "--csv", ""],
        "--csv: is empty: name a file",
    ),
    "explain --csv": (
        ["explain", "{scenario}", "{roster}", "--csv", ""],
        "--csv: is empty: name a file",
    ),
}


ADD = ("abstract", "add", "--officer", "T-1", "--date", "2026-10-20", "--kind", "sickness",
       "--reason", "r", "--authorised-by", "P", "--notified", "2026-10-20")  # fmt: skip


def _empty(command: str, argument: str) -> str:
    return f"s92 {command}: argument {argument}: is empty: name a file"


# a file a command reads or writes, given as the empty text: the argument named, not '.'
# (before: '.: --ics: is a folder, not a file', '.: is a directory, not a roster CSV', and
# ``abstract list ""`` listed every scenario's entries)
EMPTY_FILES = [  # (command, argument, command line)
    ("calendar", "--ics", ["calendar", "2026", "--ics", ""]),
    ("calendar", "--import", ["calendar", "2026", "--import", ""]),
    ("check", "scenario", ["check", "", "{roster}"]),
    ("check", "roster", ["check", "{scenario}", ""]),
    ("publish", "roster", ["publish", "{scenario}", "", "--db", "{db}"]),
    ("explain", "roster", ["explain", "{scenario}", ""]),
    ("validate", "scenario", ["validate", ""]),
    ("roster", "scenario", ["roster", "", "--out", "new"]),
    ("reroster", "scenario", ["reroster", "", *REROSTER[2:]]),
    ("ical", "roster", ["ical", "{scenario}", "", "--out", "new"]),
    ("abstract list", "SCENARIO", ["abstract", "list", "", "--db", "{db}"]),
    ("abstract add", "--scenario", [*ADD, "--scenario", "", "--db", "{db}"]),
    ("abstract import", "FILE.csv", ["abstract", "import", "{scenario}", "", "--db", "{db}"]),
    ("report", "--actuals", ["report", "{scenario}", "--period", "2026-10", "--out", "new",
                             "--actuals", ""]),
    ("sweep", "--roster", ["sweep", "{scenario}", "--out", "new", "--roster", ""]),
    ("scenario import", "--officers", ["scenario", "import", "--officers", "", "--leave",
                                       "{roster}", "--out", "s.toml"]),
]  # fmt: skip
CASES |= {f"{command} {argument}": (argv, _empty(command, argument))
          for command, argument, argv in EMPTY_FILES}  # fmt: skip


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """A roster published, and its workbook with one officer's rest day and tour swapped
    (published as it is, version 2)."""
    folder = tmp_path_factory.mktemp("published")
    tiny = published_tiny(None, folder)
    edited = rest_day_moved(tiny.roster.with_name("roster.xlsx"), folder / "edited.xlsx")
    return tiny.scenario, tiny.db, tiny.roster, edited


@pytest.mark.parametrize(("argv", "said"), CASES.values(), ids=CASES.keys())
def test_an_empty_value_is_refused(
    argv: list[str],
    said: str,
    published: tuple[Path, Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenario, db, roster, edited = published
    monkeypatch.chdir(tmp_path)
    given = [a.format(scenario=scenario, roster=roster, db=db, edited=edited) for a in argv]
    before, stored = snapshot(roster.parent.parent), store_state(db)
    result = run(capsys, *given)
    assert result.code == 2, result
    assert result.err.strip().splitlines()[-1] == said, result.err
    assert list(tmp_path.iterdir()) == []
    assert snapshot(roster.parent.parent) == before
    assert store_state(db) == stored


def test_the_edit_publishes_with_the_options_given(
    published: tuple[Path, Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same command with the values given publishes (the refusals above are the
    empty values', not the edit's), in a copy of the store."""
    scenario, db, _, edited = published
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    argv = [*PUBLISH[:4], str(copy), "--out", tmp_path / "new"]
    argv = [a.format(scenario=scenario, edited=edited) if isinstance(a, str) else a for a in argv]
    result = run(capsys, *argv, "--notified", "2026-10-01", "--notices", tmp_path / "notices")
    assert result.code == 0, result.err
    assert store_state(copy)[2] == store_state(db)[2] + 1
    assert (tmp_path / "notices" / "index.html").is_file()
