"""The example scenarios load, and london.toml / tower-hamlets.toml look like the real thing."""

from __future__ import annotations

import importlib.util
import math
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from calendars import annual_leave_days, bank_holidays
from scheduler.scenario import Scenario, load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FY_START, FY_END = date(2026, 4, 1), date(2027, 3, 31)
BANK_HOLIDAYS = set(bank_holidays(FY_START, FY_END))

# The 12 Met BCUs and their boroughs (since 2018).
BCU_BOROUGHS: dict[str, tuple[str, ...]] = {
    "AW": ("Westminster", "Kensington and Chelsea", "Hammersmith & Fulham"),
    "CN": ("Camden", "Islington"),
    "AS": ("Lambeth", "Southwark"),
    "CE": ("Hackney", "Tower Hamlets"),
    "EA": ("Barking and Dagenham", "Havering", "Redbridge"),
    "NA": ("Enfield", "Haringey"),
    "NE": ("Newham", "Waltham Forest"),
    "NW": ("Barnet", "Brent", "Harrow"),
    "SN": ("Bromley", "Croydon", "Sutton"),
    "SE": ("Bexley", "Greenwich", "Lewisham"),
    "SW": ("Kingston upon Thames", "Merton", "Richmond upon Thames", "Wandsworth"),
    "WA": ("Ealing", "Hillingdon", "Hounslow"),
}
EXAMPLES = sorted(p.name for p in SCENARIOS.glob("*.toml"))
BUILT = ["london.toml", "tower-hamlets.toml"]  # leave generated to the rules below


@pytest.fixture(scope="module")
def london() -> Scenario:
    return load_scenario(SCENARIOS / "london.toml")


def scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / name)


def leave_taken(officer) -> int:
    """Days of annual leave used in FY2026: a bank holiday inside a block costs none."""
    return sum(
        1 for d in officer.leave_days() if FY_START <= d <= FY_END and d not in BANK_HOLIDAYS
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_loads(name: str) -> None:
    s = scenario(name)
    assert s.officers
    assert s.contracts


def test_london_size(london: Scenario) -> None:
    assert 300 <= len(london.officers) <= 360
    assert len({c.council for c in london.contracts}) == 21
    sizes = Counter(o.contract for o in london.officers)
    assert set(sizes) == {c.id for c in london.contracts}
    assert all(2 <= n <= 48 for n in sizes.values()), sizes
    for c in london.contracts:
        assert sizes[c.id] == c.posts.total, c.id  # every post filled


def test_london_real_sizes(london: Scenario) -> None:
    posts = {c.council: c.posts for c in london.contracts if c.scheme == "partnership-plus"}
    havering = posts["London Borough of Havering"]
    towers = posts["London Borough of Tower Hamlets"]
    assert (havering.sergeant, havering.constable) == (1, 4)
    assert (towers.sergeant, towers.constable) == (4, 22)
    assert 44 <= posts["London Borough of Hammersmith & Fulham"].total <= 48


def test_london_bcus_are_real(london: Scenario) -> None:
    for c in london.contracts:
        assert c.bcu in BCU_BOROUGHS, c.id
        assert any(b in c.council for b in BCU_BOROUGHS[c.bcu]), (c.council, c.bcu)


def test_london_contracts_live_all_year_and_supervised(london: Scenario) -> None:
    schemes = Counter(c.scheme for c in london.contracts)
    assert 2 <= schemes["met-patrol-plus"] <= 5
    for c in london.contracts:
        assert c.start <= FY_START, c.id
        assert c.end >= FY_END, c.id
        if c.scheme == "partnership-plus":
            assert 2024 <= c.start.year <= 2026
        else:  # legacy: Met Patrol Plus took no new agreements after 31 March 2019
            assert not c.after_met_patrol_plus, (c.id, c.start)
        if c.posts.total >= 8:
            assert c.posts.sergeant + c.posts.inspector >= 1, c.id


def test_london_ids_are_pseudonymous(london: Scenario) -> None:
    for o in london.officers:
        prefix, number = o.id.split("-")
        assert o.contract.startswith(prefix)
        assert len(number) == 3
        assert number.isdigit()


def test_announced_hdds(london: Scenario) -> None:
    names = {h.date: h.name for h in london.high_demand_days()}
    assert names[date(2026, 4, 26)] == "London Marathon"
    assert names[date(2026, 6, 13)] == "Trooping the Colour"
    assert names[date(2026, 7, 4)] == "Pride in London"


@pytest.mark.parametrize("name", BUILT)
def test_leave_is_80_to_100_percent_of_entitlement(name: str) -> None:
    for o in scenario(name).officers:
        entitled = annual_leave_days(o.service_years)
        assert 0.8 * entitled <= leave_taken(o) <= entitled, (o.id, leave_taken(o), entitled)


@pytest.mark.parametrize("name", BUILT)
def test_leave_is_on_weekdays_off_hdds_and_bank_holidays(name: str) -> None:
    s = scenario(name)
    hdds = {h.date for h in s.high_demand_days()}
    for o in s.officers:
        days = o.leave_days()
        assert all(d.weekday() < 5 for d in days), o.id
        assert not days & hdds, (o.id, sorted(days & hdds))
        assert not days & BANK_HOLIDAYS, o.id


@pytest.mark.parametrize("name", BUILT)
def test_at_most_a_third_away_on_one_day(name: str) -> None:
    s = scenario(name)
    for c in s.contracts:
        officers = s.officers_of(c.id)
        away = Counter(d for o in officers for d in o.leave_days())
        assert max(away.values()) <= max(1, len(officers) // 3), c.id


@pytest.mark.parametrize("name", BUILT)
def test_leave_peaks_in_summer_and_at_christmas(name: str) -> None:
    s = scenario(name)
    per_week = Counter(d.isocalendar()[:2] for o in s.officers for d in o.leave_days())
    summer = [per_week[(2026, w)] for w in range(31, 35)]  # late July - August
    spring = [per_week[(2026, w)] for w in range(36, 51)]  # September - mid December
    christmas = per_week[(2026, 52)]  # Mon 21 - Thu 24 December
    assert min(summer) > 2 * sum(spring) / len(spring)
    assert christmas > sum(spring) / len(spring)


@pytest.mark.parametrize("name", BUILT)
def test_cover_asks_about_half_of_the_officers(name: str) -> None:
    """~226 duty days in 365 put ~60% on duty a day: the council asks 45-60% on average."""
    s = scenario(name)
    for c in s.contracts:
        n = c.posts_on(s.start).total
        per_day = [sum(cv.min for cv in c.cover if wd in cv.days) for wd in range(7)]
        assert max(per_day) <= math.floor(0.625 * n) or max(per_day) == 1, (c.id, per_day)
        if n >= 8:
            assert 0.45 <= sum(per_day) / 7 / n <= 0.6, (c.id, per_day)
            assert per_day[4] > per_day[0]  # Friday asks more than Monday


def test_tower_hamlets() -> None:
    s = scenario("tower-hamlets.toml")
    (c,) = s.contracts
    assert (c.id, c.bcu, c.scheme) == ("TOW-PP", "CE", "partnership-plus")
    assert Counter(o.rank for o in s.officers) == {"constable": 22, "sergeant": 4}
    # the agreement began with 2 + 12 and grew to 4 + 22 from its second year
    assert (c.posts.sergeant, c.posts.constable) == (2, 12)
    grown = c.posts_on(s.start)
    assert (grown.sergeant, grown.constable) == (4, 22)
    assert [v.from_ for v in c.variation] == [s.start]
    assert [x.code for x in s.shifts] == ["E", "D", "L", "N"]


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_london", SCENARIOS / "generate_london.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_london_toml_is_the_generator_output() -> None:
    text = (SCENARIOS / "london.toml").read_text(encoding="utf-8")
    assert generator().generate() == text, "re-run scenarios/generate_london.py"


def test_another_seed_gives_a_london_like_scenario_with_other_leave(tmp_path) -> None:
    out = tmp_path / "london7.toml"
    generator().main(["--seed", "7", "--out", str(out)])
    variant, london = load_scenario(out), load_scenario(SCENARIOS / "london.toml")
    assert [c.id for c in variant.contracts] == [c.id for c in london.contracts]
    assert len(variant.officers) == len(london.officers)
    assert "(seed 7)" in out.read_text(encoding="utf-8")

    def leave(s: Scenario) -> dict[str, list[str]]:
        return {o.id: sorted(map(str, o.leave)) for o in s.officers}

    assert leave(variant) != leave(london)
