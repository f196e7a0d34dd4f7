"""Ids that differ only in case name the same calendar file on a Windows or macOS folder
(HAV-01.ics, hav-01.ics) and the same sheet in Excel: one officer's calendar replaced the
other's. The scenario is refused, naming both."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from scheduler.errors import InputError
from scheduler.scenario.load import read_toml, scenario_from_dict

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


def refusal(data: dict) -> list[str]:
    with pytest.raises(InputError) as caught:
        scenario_from_dict(data, "havering.toml")
    return caught.value.lines()


def test_officer_ids_apart_only_by_case_are_refused() -> None:
    data = read_toml(HAVERING)
    data["officer"][1]["id"] = "hav-01"
    assert refusal(data) == [
        "havering.toml: officer[hav-01].id: the same id as 'HAV-01' but for case: ids name "
        "calendar files and sheets, which Excel and Windows or macOS folders do not tell "
        "apart (got 'hav-01')"
    ]


def test_contract_ids_apart_only_by_case_are_refused() -> None:
    data = read_toml(HAVERING)
    other = copy.deepcopy(data["contract"][0])
    other["id"] = "hav-pp"
    data["contract"].append(other)
    lines = refusal(data)
    assert any(
        line.startswith("havering.toml: contract[hav-pp].id: the same id as 'HAV-PP'")
        for line in lines
    )


def test_ids_apart_otherwise_still_read() -> None:
    data = read_toml(HAVERING)
    data["officer"][1]["id"] = "HAV-01a"
    assert scenario_from_dict(data, "havering.toml").officers[1].id == "HAV-01a"
