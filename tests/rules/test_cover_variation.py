"""The council's tasking over the agreement: a variation may replace it from a day on, and
nothing is asked outside the agreement (before it starts or after notice runs out)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from scheduler.check.shortfall import council_ask
from scheduler.cli import main
from scheduler.rules.compile import compile_contract
from scheduler.scenario import load_scenario
from scheduler.scenario.model import Scenario

VARIED = date(2026, 10, 19)  # a Monday: from it the council tasks lates instead of earlies

TOML = """
[scenario]
name = "Varied"
start = 2026-10-05
end = 2026-11-01

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "L"
start = "15:00"
end = "23:00"

[[contract]]
id = "V1"
council = "Council V"
bcu = "EA"
start = 2026-01-05
posts = { constable = 2, sergeant = 1 }
cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }]

[[contract.variation]]
from = 2026-10-19
cover = [{ days = ["Mon", "Tue", "Wed", "Thu", "Fri"], shift = "L", min = %(late)s }]
note = "the council moves its officers to lates"

[[contract]]
id = "N1"
council = "Council N"
bcu = "EA"
start = 2026-01-05
notice_given = 2026-04-20
posts = { constable = 2, sergeant = 1 }
cover = [{ days = ["Mon", "Tue", "Wed", "Thu", "Fri"], shift = "E", min = 1 }]
%(officers)s"""

OFFICERS = "".join(
    f'\n[[officer]]\nid = "{c}-{k}"\ncontract = "{c}"\nrank = "{rank}"\n'
    for c in ("V1", "N1")
    for k, rank in enumerate(("sergeant", "constable", "constable"))
)


def scenario(tmp_path: Path, late: str = "1", officers: str = OFFICERS) -> Path:
    path = tmp_path / "varied.toml"
    path.write_text(TOML % {"late": late, "officers": officers})
    return path


@pytest.fixture
def varied(tmp_path: Path) -> Scenario:
    return load_scenario(scenario(tmp_path))


def asked(s: Scenario, contract_id: str) -> set[tuple[date, str]]:
    compiled = compile_contract(s, s.contract(contract_id))
    return {(s.days[c.day], c.shift) for c in compiled.problem.cover if c.required}


def test_a_variation_replaces_the_tasking_from_its_day(varied: Scenario) -> None:
    contract = varied.contract("V1")
    assert {c.shift for c in contract.cover_on(VARIED - timedelta(1))} == {"E"}
    assert {c.shift for c in contract.cover_on(VARIED)} == {"L"}
    assert contract.tasked_tours == {"E", "L"}
    tasks = asked(varied, "V1")
    before = {(d, s) for d, s in tasks if d < VARIED}
    after = tasks - before
    assert before
    assert {s for _, s in before} == {"E"}
    assert {d.weekday() for d, _ in before} == {0, 1, 2}
    assert after
    assert {s for _, s in after} == {"L"}
    assert {d.weekday() for d, _ in after} == {0, 1, 2, 3, 4}
    # the independent explanation (and the workbook's cover rows, the planner's grid) ask
    # the same as the model
    for day in varied.days:
        wanted = {(day, tour) for tour in council_ask(contract, day)}
        assert wanted == {t for t in tasks if t[0] == day}


def test_nothing_is_asked_after_notice_runs_out(varied: Scenario) -> None:
    contract = varied.contract("N1")
    assert varied.start < contract.end < varied.end
    tasks = asked(varied, "N1")
    assert tasks
    assert max(d for d, _ in tasks) <= contract.end
    assert all(not council_ask(contract, d) for d in varied.days if d > contract.end)
    assert all(not contract.cover_on(d) for d in varied.days if d > contract.end)


def test_the_roster_follows_the_new_tasking(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    argv = ["roster", str(scenario(tmp_path)), "--out", str(out), "--time-limit", "5"]
    assert main([*argv, "--workers", "1", "--seed", "1", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "every tour the council asked for had its officers" in err  # none after notice


def test_a_variation_tasking_an_unknown_tour_is_refused(tmp_path: Path, capsys) -> None:
    path = scenario(tmp_path)
    path.write_text(path.read_text().replace('shift = "L", min', 'shift = "Z", min'))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "contract[V1].variation[1].cover[1].shift: unknown shift (got 'Z')" in err


def test_two_rows_naming_a_tour_on_one_day_ask_the_larger_min(tmp_path: Path) -> None:
    # every weekday 1 on earlies, Tuesdays 2: the model asked 1 and 2 separately and the
    # roster's summary and cover bound their sum, 3, where s92 explain asks 2 (a roster
    # with 2 on a Tuesday was "40/41" yet "every tour ... had its officers")
    path = scenario(tmp_path)
    path.write_text(
        path.read_text().replace(
            'cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }]',
            'cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 },'
            ' { days = ["Tue"], shift = "E", min = 2, weight = 7 }]',
        )
    )
    s = load_scenario(path)
    contract = s.contract("V1")
    compiled = compile_contract(s, contract)
    covers = [c for c in compiled.problem.cover if s.days[c.day] < VARIED]
    assert len({(c.day, c.shift) for c in covers}) == len(covers)  # one a tour a day
    for c in covers:
        day = s.days[c.day]
        assert c.required == council_ask(contract, day)[c.shift]
        assert c.required == (2 if day.weekday() == 1 else 1)
        assert c.under_weight == 100  # the heavier row's weight
