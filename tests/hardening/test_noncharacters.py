"""U+FFFE and U+FFFF are no text, and XML (a workbook, a calendar page) cannot hold them: a
council or HDD named with one passed the scenario's checks, and s92 roster stopped with a
traceback while writing roster.xlsx. Refused where the name is read, one line, exit 2."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, tiny_toml

from scheduler.store.validate import FIELDS, Where, parse_entry

ODD = ["\ufffe", "\uffff"]


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("field", ["council", "hdd_name", "name", "shift_name"])
def test_a_name_holding_one_is_refused_before_the_solve(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, field: str, odd: str
) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(tiny_toml(**{field: f"Ha{odd}vering"}), encoding="utf-8")
    result = run(capsys, "roster", scenario, "--out", tmp_path / "out", *SOLVE)
    assert result.code == 2, result
    (line,) = result.err.splitlines()
    assert line.startswith(f"{scenario}: ")
    assert f"holds a character that is not text (\\u{ord(odd):04x})" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("odd", ODD)
def test_an_entry_holding_one_is_refused(odd: str) -> None:
    raw = {f: "" for f in FIELDS} | {
        "officer_id": "T-C0",
        "date": str(date(2026, 10, 6)),
        "kind": "training",
        "reason": f"course{odd}",
        "authorised_by": "Insp X",
        "notified": "2026-10-01",
    }
    entry, problems = parse_entry(raw, Where("entries.csv", {f: f for f in FIELDS}))
    assert entry is None
    assert [p.field for p in problems] == ["reason"]
    assert "not text" in problems[0].message
