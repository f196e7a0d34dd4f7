"""One reader of clock times: every time the duty record (``s92 report --actuals``) reads,
the entry log (``s92 abstract add/import``) reads as the same time. ``9:00 AM`` was read by
the duty record and refused by ``s92 abstract import`` from the same spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.accounting.actuals import read_actuals
from scheduler.scenario import load_scenario
from scheduler.store.csv_import import read_abstractions_csv

ROOT = Path(__file__).resolve().parents[2]
FORMS = ["09:00", "9:00", "09:00:00", "0900", "900", "9:00 AM", "09:00:00 am", "9:00a.m."]


@pytest.fixture(scope="module")
def havering():
    return load_scenario(ROOT / "scenarios" / "havering.toml")


@pytest.mark.parametrize("typed", FORMS)
def test_a_time_the_duty_record_reads_the_entry_log_reads_alike(
    tmp_path: Path, havering, typed: str
) -> None:
    duty = tmp_path / "duty.csv"
    duty.write_text(
        f"officer_id,date,start,end,deployment,reason\nHAV-01,2026-04-01,{typed},5:00 PM,council,\n",
        encoding="utf-8",
    )
    assert list(read_actuals(duty, havering)["start"]) == ["2026-04-01T09:00:00+01:00"]
    entries = tmp_path / "entries.csv"
    entries.write_text(
        "officer_id,date,kind,reason,authorised_by,notified,start,end\n"
        f"HAV-01,2026-04-01,training,course,Insp X,2026-03-01,{typed},5:00 PM\n",
        encoding="utf-8",
    )
    [entry] = read_abstractions_csv(entries, havering).entries
    assert (f"{entry.start:%H:%M}", f"{entry.end:%H:%M}") == ("09:00", "17:00")
