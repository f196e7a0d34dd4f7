"""A year's charge for a rank given twice in a contract's `charges` (a corrected price
appended below the old one) was taken silently: the first was charged, the correction
ignored. It is refused now, in one line naming the entry, the year and the rank; a year
whose ranks are priced in separate entries stays as it was. And a year written as council
papers write it (`year = "FY2026"` or `"2026/27"`) was refused as not an integer."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from scheduler.errors import InputError
from scheduler.scenario import scenario_from_dict

BASE: dict[str, Any] = {
    "scenario": {"name": "Test", "start": date(2026, 4, 1), "end": date(2026, 4, 30)},
    "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
    "contract": [
        {
            "id": "C1",
            "council": "LB Test",
            "bcu": "EA",
            "start": date(2025, 4, 1),
            "posts": {"constable": 2, "sergeant": 1},
        }
    ],
    "officer": [{"id": "P1", "contract": "C1", "rank": "constable"}],
}


def with_charges(*charges: dict[str, object]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["contract"][0]["charges"] = list(charges)
    return data


def test_a_rank_charged_twice_in_a_year_is_refused() -> None:
    data = with_charges(
        {"year": 2026, "constable": 60000},
        {"year": 2026, "sergeant": 71000},
        {"year": 2026, "constable": 61000},
    )
    with pytest.raises(InputError) as caught:
        scenario_from_dict(data, "s.toml")
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith("s.toml: contract[C1].charges[3].constable: ")
    assert "FY2026" in problem
    assert "charges[1]" in problem
    assert "61000" in problem


def test_ranks_priced_apart_or_years_apart_are_read() -> None:
    scenario = scenario_from_dict(
        with_charges(
            {"year": 2026, "constable": 60000},
            {"year": 2026, "sergeant": 71000},
            {"year": 2027, "constable": 61000},
        )
    )
    contract = scenario.contracts[0]
    assert contract.charge("constable", 2026) == 60000
    assert contract.charge("sergeant", 2026) == 71000
    assert contract.charge("constable", 2027) == 61000


@pytest.mark.parametrize("year", ["FY2026", "2026/27", "FY 2026/27", "2026-27", "2026"])
def test_a_charges_year_as_council_papers_write_it(year: str) -> None:
    # "FY2026" was refused: "Input should be a valid integer, unable to parse string"
    contract = scenario_from_dict(with_charges({"year": year, "constable": 60000})).contracts[0]
    assert contract.charges[0].year == 2026
    assert contract.charge("constable", 2026) == 60000


@pytest.mark.parametrize("year", ["FY2026/28", "next year"])
def test_a_charges_year_that_is_none_is_refused_saying_how_to_write_one(year: str) -> None:
    with pytest.raises(InputError) as caught:
        scenario_from_dict(with_charges({"year": year, "constable": 60000}), "s.toml")
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem == (
        f"s.toml: contract[C1].charges[1].year: not a financial year: "
        f"write 2026, FY2026 or 2026/27 (got {year!r})"
    )


def test_a_charges_year_after_the_term_is_refused() -> None:
    # the agreement runs 1 April 2025 to 31 March 2028: 2062 is a slip for 2026, whose
    # agreed price was lost and the uplifted list price charged instead
    with pytest.raises(InputError) as caught:
        scenario_from_dict(with_charges({"year": 2062, "constable": 60000}), "s.toml")
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem == (
        "s.toml: contract[C1].charges[1].year: is after the term (to 2028-03-31, in FY2027) "
        "(got 2062)"
    )


def test_a_charges_year_of_the_term_or_before_it_is_read() -> None:
    for year in (2024, 2027):
        contract = scenario_from_dict(with_charges({"year": year, "constable": 60000})).contracts[0]
        assert contract.charge("constable", 2027) == 60000
