"""A contract's uplift, HDD share and match funding share as a council writes them: "3%"
was refused ("unable to parse string as a number"), 3 (meaning 3%) as merely "less than or
equal to 1", and `uplift = true` was read as 100% (and then refused for the charge it
raised). "3%" is now 0.03; 3 and true are refused saying how to write the share."""

from __future__ import annotations

import copy
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
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
            "council": "LB",
            "bcu": "EA",
            "start": date(2025, 4, 1),
            "posts": {"constable": 1},
        }
    ],
    "officer": [{"id": "P1", "contract": "C1", "rank": "constable"}],
}


def with_contract(**fields: object) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["contract"][0].update(fields)
    return data


@pytest.mark.parametrize(
    ("field", "text", "share"),
    [
        ("uplift", "3%", 0.03),
        ("uplift", " 2.5 % ", 0.025),
        ("hdd_share", "5%", 0.05),
        ("match_funding_share", "50%", 0.5),
    ],
)
def test_a_percentage_is_read_as_its_share(field: str, text: str, share: float) -> None:
    contract = scenario_from_dict(with_contract(**{field: text})).contracts[0]
    assert getattr(contract, field) == share


def test_an_uplift_in_percent_charges_as_its_share_does() -> None:
    percent = scenario_from_dict(with_contract(uplift="3%")).contracts[0]
    share = scenario_from_dict(with_contract(uplift=0.03)).contracts[0]
    charge = Decimal(
        "57000"
    )  # the README's rule: each year's the year before's x 1.03, to the penny
    for _ in range(2026 - 2019):
        charge = (charge * Decimal("1.03")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert percent.charge("constable", 2026) == share.charge("constable", 2026) == float(charge)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("uplift", 3, 'a share from 0 to 1: write 3% as 0.03 or "3%"'),
        ("hdd_share", 5, 'a share from 0 to 1: write 5% as 0.05 or "5%"'),
        ("uplift", True, "a share from 0 to 1, not true or false"),
        ("match_funding_share", "half%", 'not a percentage: write 3% as 0.03 or "3%"'),
    ],
)
def test_a_share_that_is_none_says_how_to_write_one(field: str, value: object, says: str) -> None:
    with pytest.raises(InputError) as caught:
        scenario_from_dict(with_contract(**{field: value}), "s.toml")
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem == f"s.toml: contract[C1].{field}: {says} (got {value!r})"


def test_the_rules_hdd_share_as_a_percentage() -> None:
    data = copy.deepcopy(BASE)
    data["rules"] = {"hdd_share": "4%"}
    assert scenario_from_dict(data).rules.hdd_share == 0.04
