"""A file, folder or date given as the empty text (``--from "$DAY"``, ``--notices "$DIR"``
with the variable unset, or ``--from=``) is refused, exit 2, the option named, nothing
written, as ``--out ""`` and ``--db ""`` are. Before, ``s92 publish --from ""
--notified ""`` published as if neither were given, ``--notices ""`` wrote the notices into
the working folder (``Path("")`` is ``.``), and ``s92 check --csv ""`` wrote no CSV, each
at exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run, snapshot, store_state

from scheduler.cli import EMPTY_ARGUMENT, EMPTY_OPTION

CASES = {
    "publish --from": ["publish", "{scenario}", "{roster}", "--db", "{db}", "--from", ""],
    "publish --from=": ["publish", "{scenario}", "{roster}", "--db", "{db}", "--from="],
    "publish --notified": ["publish", "{scenario}", "{roster}", "--db", "{db}", "--notified", ""],
    "publish --notices": ["publish", "{scenario}", "{roster}", "--db", "{db}", "--notices", ""],
    "reroster --notified": [
        *("reroster", "{scenario}", "--from", "2026-10-09", "--out", "new", "--db", "{db}"),
        *("--notified", ""),
    ],
    "reroster --notices": [
        *("reroster", "{scenario}", "--from", "2026-10-09", "--out", "new", "--db", "{db}"),
        *("--notices", ""),
    ],
    "check --from": ["check", "{scenario}", "{roster}", "--db", "{db}", "--from", ""],
    "check --csv": ["check", "{scenario}", "{roster}", "--csv", ""],
    "explain --csv": ["explain", "{scenario}", "{roster}", "--csv", ""],
    "check SCENARIO": ["check", "", "{roster}"],
    "abstract list SCENARIO": ["abstract", "list", "", "--db", "{db}"],
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tiny = published_tiny(None, tmp_path_factory.mktemp("published"))
    return tiny.scenario, tiny.db, tiny.roster


@pytest.mark.parametrize("argv", CASES.values(), ids=CASES.keys())
def test_an_empty_value_is_refused(
    argv: list[str],
    published: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenario, db, roster = published
    monkeypatch.chdir(tmp_path)
    given = [a.format(scenario=scenario, roster=roster, db=db) for a in argv]
    before, stored = snapshot(roster.parent), store_state(db)
    result = run(capsys, *given)
    assert result.code == 2, result
    said = result.err.strip().splitlines()[-1]
    empty = next(a for a in given if a == "" or a.endswith("="))
    named = empty.rstrip("=") or given[given.index("") - 1]
    if named.startswith("--"):
        assert said.endswith(f"argument {named}: {EMPTY_OPTION}"), said
    else:  # a positional: argparse names it by its dest
        assert said.endswith(f": {EMPTY_ARGUMENT}"), said
    assert list(tmp_path.iterdir()) == []
    assert snapshot(roster.parent) == before
    assert store_state(db) == stored
