"""A scenario file's TOML mistake is one line naming its line and column and quoting the
line, in a planner's words where tomllib's are terse: a key typed twice (tomllib: 'Cannot
overwrite a value', naming neither key nor value), a table declared twice, quotes a word
processor turned curly ('Invalid value'). Exit 2, as every other mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

BASE = tiny_toml()


def _line_of(text: str, part: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if part in line)


@pytest.mark.parametrize(
    ("edit", "line", "said"),
    [
        (
            lambda t: t.replace('rank = "sergeant"', 'rank = "sergeant"\nid = "T-S9"'),
            'id = "T-S9"',
            "id given twice in one table: give each key once (another item of a list is a "
            "table of its own, [[officer]] say)",
        ),
        (
            lambda t: t + '\n[scenario]\nname = "again"\n',
            "[scenario]",
            "a table given twice: give each [table] once (a list's items are [[tables]])",
        ),
        (
            lambda t: t.replace('code = "L"', "code = \u201cL\u201d"),
            "code = \u201cL\u201d",
            'curly quotes: TOML takes straight ones ("…"), which a word processor or mail '
            "program turned curly",
        ),
        (
            lambda t: t.replace('code = "L"', "code = L"),
            "code = L",
            "Invalid value",
        ),
    ],
    ids=["key twice", "table twice", "curly quotes", "unquoted text"],
)
def test_a_toml_mistake_names_its_line(
    edit: object, line: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert callable(edit)
    text = edit(BASE)
    scenario = tmp_path / "my scenario.toml"
    scenario.write_text(text, encoding="utf-8")
    result = run(capsys, "validate", scenario)
    assert result.code == 2, result
    number = len(text.splitlines()) - 1 if line == "[scenario]" else _line_of(text, line)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    head = f"{scenario}: not valid TOML at line {number}, column "
    assert lines[0].startswith(head), lines[0]
    assert lines[0].split(": ", 2)[2] == f"{said} (got {line!r})", lines[0]
