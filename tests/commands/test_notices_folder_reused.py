"""``--notices DIR`` given again for the next publication (the planner's one notices folder):
a notice an earlier run wrote there for an officer this change does not touch is removed as
the new notices go into place. It stood beside the new index as one of them, printed and
handed out with them: an officer told again of duties changed a version ago. A file of the
planner's own there is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import published_tiny, rest_day_moved, run


def test_a_notice_of_the_version_before_is_not_left_beside_the_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    notices = tmp_path / "notices"
    first = rest_day_moved(tiny.roster.with_name("roster.xlsx"), tmp_path / "first.xlsx", 5)
    argv = ["publish", tiny.scenario, first, "--db", tiny.db, "--out", tmp_path / "v2"]
    result = run(capsys, *argv, "--notices", notices, "--notified", "2026-10-01")
    assert result.code == 0, result.err
    before = {p.name for p in notices.iterdir()}
    assert len(before) == 2, before  # one officer's notice and the index
    (notices / "notice-mine.html").write_text("<p>the planner's own</p>", encoding="utf-8")
    second = rest_day_moved(tmp_path / "v2" / "roster.xlsx", tmp_path / "second.xlsx", 6)
    argv = ["publish", tiny.scenario, second, "--db", tiny.db, "--out", tmp_path / "v3"]
    result = run(capsys, *argv, "--notices", notices, "--notified", "2026-10-01")
    assert result.code == 0, result.err
    after = {p.name for p in notices.iterdir()}
    index = (notices / "index.html").read_text(encoding="utf-8")
    listed = {name for name in after if name.startswith("notice-") and name in index}
    assert listed, index
    assert after == listed | {"index.html", "notice-mine.html"}
    assert not (before - {"index.html"}) & listed  # the other officer's this time
