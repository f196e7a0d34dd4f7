"""A duty record's deployment is read with the words the entry log reads for its kind
("Annual Leave", "A/L", "Sick", "Rest Day", "Training Course"): ``s92 abstract import``
took them from the same spreadsheet and ``s92 report --actuals`` refused each as an
unknown deployment. Words for no deployment are still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.accounting.actuals import read_actuals
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
HEADER = "officer_id,date,start,end,deployment,reason\n"


@pytest.fixture(scope="module")
def havering():
    return load_scenario(ROOT / "scenarios" / "havering.toml")


def _read(tmp_path: Path, havering, rows: str):
    path = tmp_path / "duty.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return read_actuals(path, havering)


def test_the_entry_logs_words_name_their_deployment(tmp_path: Path, havering) -> None:
    table = _read(
        tmp_path,
        havering,
        "HAV-01,2026-08-03,,,Annual Leave,\n"
        "HAV-02,2026-08-03,,,Sick,\n"
        "HAV-03,2026-08-03,,,Rest Day,\n"
        "HAV-04,2026-08-03,09:00,17:00,Training Course,\n"
        "HAV-05,2026-08-03,,,A/L,\n",
    )
    assert list(table["state"]) == ["LEAVE", "SICK", "REST", "TRAINING", "LEAVE"]


@pytest.mark.parametrize("typed", ["bank holiday", "duty", "holiday"])
def test_words_for_no_deployment_are_refused(tmp_path: Path, havering, typed: str) -> None:
    with pytest.raises(InputError, match=f"row 2, column deployment: unknown deployment.*{typed}"):
        _read(tmp_path, havering, f"HAV-01,2026-08-03,07:00,15:00,{typed},\n")
