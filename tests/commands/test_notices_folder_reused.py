"""``--notices DIR`` given again for the next publication (the planner's one notices folder):
a notice an earlier run wrote there for an officer this change does not touch is removed as
the new notices go into place. It stood beside the new index as one of them, printed and
handed out with them: an officer told again of duties changed a version ago. A file of the
planner's own there is kept."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hardening_helpers import published_tiny, run


def _swapped(workbook: Path, row_number: int, saved: Path) -> Path:
    """``workbook`` with the officer on sheet row ``row_number`` given their first rest day's
    tour and the tour's day off (a lawful edit: the same rest days, moved)."""
    book = openpyxl.load_workbook(workbook)
    row = next(book.worksheets[0].iter_rows(min_row=row_number, max_row=row_number))
    codes = [c.value for c in row[2:16]]
    rest = codes.index("R")
    tour = next(i for i in range(rest + 1, len(codes)) if codes[i] != "R")
    row[2 + rest].value, row[2 + tour].value = codes[tour], "R"
    book.save(saved)
    return saved


def test_a_notice_of_the_version_before_is_not_left_beside_the_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    notices = tmp_path / "notices"
    first = _swapped(tiny.roster.with_name("roster.xlsx"), 5, tmp_path / "first.xlsx")
    argv = ["publish", tiny.scenario, first, "--db", tiny.db, "--out", tmp_path / "v2"]
    result = run(capsys, *argv, "--notices", notices, "--notified", "2026-10-01")
    assert result.code == 0, result.err
    before = {p.name for p in notices.iterdir()}
    assert len(before) == 2, before  # one officer's notice and the index
    (notices / "notice-mine.html").write_text("<p>the planner's own</p>", encoding="utf-8")
    second = _swapped(tmp_path / "v2" / "roster.xlsx", 6, tmp_path / "second.xlsx")
    argv = ["publish", tiny.scenario, second, "--db", tiny.db, "--out", tmp_path / "v3"]
    result = run(capsys, *argv, "--notices", notices, "--notified", "2026-10-01")
    assert result.code == 0, result.err
    after = {p.name for p in notices.iterdir()}
    index = (notices / "index.html").read_text(encoding="utf-8")
    listed = {name for name in after if name.startswith("notice-") and name in index}
    assert listed, index
    assert after == listed | {"index.html", "notice-mine.html"}
    assert not (before - {"index.html"}) & listed  # the other officer's this time
