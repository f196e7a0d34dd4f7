"""A report over one day (a duty record of a single day, the data clipped to it) draws its
HDD chart a day wide: matplotlib's 'Attempting to set identical low and high xlims'
warning, with the program's own file and line, reached the user's terminal."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run


def test_a_one_day_report_warns_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tiny = published_tiny(capsys, tmp_path)
    scenario, db = tiny.scenario, tiny.db
    duty = tmp_path / "duty.csv"
    duty.write_text(
        "Officer ID,Date,Start,End,Deployment,Reason\r\n"
        "T-C0,05/10/2026,07:00,15:00,council,\r\n"
        "T-C1,05/10/2026,,,rest,\r\n"
        "T-S0,05/10/2026,,,rest,\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "report"
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # what a user's terminal would show
        result = run(
            capsys, "report", scenario, "--period", "2026-10", "--actuals", duty,
            "--out", out, "--db", db,
        )  # fmt: skip
    assert result.code == 0, result.err
    assert "Warning" not in result.err
    assert (out / "report.html").is_file()
