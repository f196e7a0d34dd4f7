"""Scenario loading: a good file loads into immutable objects; every bad input is reported
at once, one line per problem naming file, field and value; nothing ever crashes."""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import load_scenario, scenario_from_dict
from scheduler.store.scenarios import scenario_text

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "scenarios" / "havering.toml"


def good() -> dict:
    return {
        "scenario": {"name": "Test", "start": date(2026, 4, 1), "end": date(2026, 6, 30)},
        "shift": [
            {"code": "E", "start": "07:00", "end": "15:00"},
            {"code": "N", "start": "22:00", "end": "07:00"},
        ],
        "contract": [
            {
                "id": "C1",
                "council": "London Borough of Test",
                "bcu": "EA",
                "start": date(2026, 1, 5),
                "posts": {"constable": 2, "sergeant": 1},
                "cover": [{"days": ["Thu", "Fri"], "shift": "N", "min": 1}],
            }
        ],
        "officer": [
            {
                "id": "T-01",
                "contract": "C1",
                "rank": "sergeant",
                "service_years": 12,
                "leave": ["2026-05-04/2026-05-08", "2026-06-01"],
            },
            {"id": "T-02", "contract": "C1", "rank": "constable"},
        ],
    }


def problems(data: dict) -> list[str]:
    with pytest.raises(InputError) as caught:
        scenario_from_dict(data, "s.toml")
    return [str(p) for p in caught.value.problems]


def test_good_scenario_loads_into_immutable_objects() -> None:
    s = scenario_from_dict(good(), "s.toml")
    assert s.shift("N").start == time(22, 0)
    assert s.shift("N").crosses_midnight
    assert s.shift("N").nominal_minutes == 9 * 60
    assert s.contract("C1").end == date(2029, 1, 4)
    assert s.contract("C1").charge("constable", 2019) == 57_000
    assert s.contract("C1").charge("sergeant", 2026) == 70_500  # no uplift by default
    assert s.officer("T-01").annual_leave_entitlement == 27
    assert date(2026, 5, 6) in s.officer("T-01").leave_days()
    assert s.contract("C1").cover[0].days == (3, 4)
    with pytest.raises(ValidationError):
        s.officer("T-01").rank = "inspector"  # type: ignore[misc]


def test_a_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """Windows Notepad saves UTF-8 with a byte order mark: the scenario was 'not valid
    TOML: Invalid statement (at line 1, column 1)', and the text published with a roster
    could not be read back by the store."""
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + HAVERING.read_text().replace("\n", "\r\n").encode())
    scenario = load_scenario(path)
    assert scenario.model_dump(exclude={"source"}) == load_scenario(HAVERING).model_dump(
        exclude={"source"}
    )
    assert tomllib.loads(scenario_text(path))["scenario"]["name"] == scenario.name


def test_a_file_saved_in_windows_code_page_names_the_line(tmp_path: Path) -> None:
    """A council's name with an accent saved by an editor set to Windows-1252 was 'not a
    text file'; it is one, in the wrong encoding, and the line says where."""
    path = tmp_path / "cp1252.toml"
    text = HAVERING.read_text().replace("London Borough of Havering", "Café Havering £")
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    [problem] = caught.value.problems
    first = next(i for i, c in enumerate(text) if ord(c) > 127)  # '£298,500' in a comment
    line = text[:first].count("\n") + 1
    assert problem.field == f"line {line}"
    assert problem.message.startswith("not UTF-8 text: a scenario file is UTF-8 TOML")


def test_uplift_and_explicit_charges() -> None:
    data = good()
    data["contract"][0]["uplift"] = 0.02
    data["contract"][0]["charges"] = [{"year": 2026, "constable": 61_000}]
    c = scenario_from_dict(data).contract("C1")
    assert c.charge("constable", 2026) == 61_000
    assert c.charge("sergeant", 2021) == pytest.approx(70_500 * 1.02**2)


def test_rule_overrides_every_number() -> None:
    data = good()
    data["rules"] = {
        "min_rest_hours": 12,
        "max_consecutive_duty_days": 6,
        "max_average_weekly_hours": 45,
        "notice_days": 35,
    }
    r = scenario_from_dict(data).rules
    assert (r.min_rest_hours, r.max_consecutive_duty_days, r.max_average_weekly_hours) == (
        12,
        6,
        45,
    )
    assert r.rest_day_notice_days == 15
    assert r.weekly_rest_hours == 24


def test_met_patrol_plus_match_funding() -> None:
    data = good()
    data["contract"][0]["scheme"] = "met-patrol-plus"
    assert scenario_from_dict(data).contract("C1").mps_match_share == 0.5


def test_leave_outside_horizon_is_not_an_error() -> None:
    data = good()
    data["officer"][1]["leave"] = ["2025-01-01/2025-01-10", "2027-12-24"]
    assert len(scenario_from_dict(data).officer("T-02").leave) == 2


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["scenario"].pop("name"), "s.toml: scenario.name: Field required"),
        (lambda d: d["scenario"].update(start="first of april"), "scenario.start: not a date"),
        (lambda d: d["scenario"].update(end=date(2026, 3, 1)), "scenario.end: is before"),
        (lambda d: d["scenario"].update(end=date(2029, 4, 1)), "horizon is over 3 years"),
        # years the calendars do not cover: a horizon or term in 9999 overflowed date sums
        (
            lambda d: d["scenario"].update(start=date(9999, 1, 1), end=date(9999, 12, 31)),
            "scenario.start: outside the years the calendars cover (1901-2199) (got '9999-01-01')",
        ),
        (
            lambda d: d["scenario"].update(start=date(2199, 6, 1), end=date(2200, 1, 1)),
            "scenario.end: outside the years the calendars cover (1901-2199) (got '2200-01-01')",
        ),
        (
            lambda d: d["contract"][0].update(start=date(9999, 1, 1)),
            "contract[C1].start: outside the years the calendars cover (1901-2199)",
        ),
        (
            lambda d: d["contract"][0].update(years=9000),
            "contract[C1].years: Input should be less than or equal to 10",
        ),
        (lambda d: d["shift"][0].update(end="07:00"), "shift[E]: tour start equals end"),
        (lambda d: d["shift"][0].update(start="7am"), "shift[E].start: not a clock time"),
        (lambda d: d["shift"][0].update(start="24:00"), "shift[E].start: not a clock time"),
        (
            lambda d: d["shift"].append({"code": "E", "start": "08:00", "end": "16:00"}),
            "shift[E].code: duplicate code",
        ),
        (lambda d: d["contract"][0]["cover"][0].update(shift="X"), "cover[1].shift: unknown shift"),
        (lambda d: d["contract"][0]["cover"][0].update(days=["Thurs"]), "unknown weekday name"),
        (lambda d: d["contract"][0]["cover"][0].update(min=-1), "cover[1].min"),
        (lambda d: d["contract"][0].update(scheme="buy-one"), "contract[C1].scheme"),
        (lambda d: d["contract"][0]["posts"].update(constable=-2), "posts.constable"),
        (lambda d: d["contract"][0].update(years="three"), "contract[C1].years"),
        (lambda d: d["contract"].append(dict(d["contract"][0])), "contract[C1].id: duplicate id"),
        (
            lambda d: d["contract"][0].update(posts={"constable": 8}),
            "8 posts must include a sergeant or inspector",
        ),
        (
            lambda d: d["officer"][0].update(contract="NOPE"),
            "officer[T-01].contract: unknown contract",
        ),
        (lambda d: d["officer"][1].update(id="T-01"), "officer[T-01].id: duplicate id"),
        # ids are read in any case (and name files): two were one on the command line
        (
            lambda d: d["officer"][1].update(id="t-01"),
            "officer[t-01].id: the same id as 'T-01' but for case",
        ),
        (
            lambda d: d["contract"].append({**d["contract"][0], "id": "c1"}),
            "contract[c1].id: the same id as 'C1' but for case",
        ),
        (lambda d: d["officer"][0].update(rank="superintendent"), "officer[T-01].rank"),
        (lambda d: d["officer"][0].update(service_years=-3), "officer[T-01].service_years"),
        (
            lambda d: d["officer"][0].update(leave=["2026-05-08/2026-05-04"]),
            "range ends before it starts",
        ),
        (
            lambda d: d["officer"].append({"id": "T-03", "contract": "C1", "rank": "sergeant"}),
            "2 sergeant officers but only 1 sergeant post",
        ),
        (
            lambda d: d["officer"][0].update(requests=[{"date": "2026-04-09", "shift": "Q"}]),
            "requests[1].shift: unknown shift",
        ),
        (
            lambda d: d.update(high_demand={"remove": [date(2026, 5, 5)]}),
            "high_demand.remove: cannot remove 2026-05-05",
        ),
        # a time the clocks skip that day (29 March 2026): every roster and re-roster read it
        # an hour on, then refused its own aid tour as not the HDD's (exit 1; live26)
        (
            lambda d: d.update(
                high_demand={
                    "add": [
                        {"date": date(2026, 3, 29), "name": "X", "start": "01:30", "end": "05:00"}
                    ]
                }
            ),
            "high_demand.add[1]: aid tour start 01:30 does not exist on 2026-03-29",
        ),
        (
            lambda d: d.update(
                high_demand={
                    "add": [
                        {"date": date(2026, 3, 28), "name": "X", "start": "22:00", "end": "01:15"}
                    ]
                }
            ),
            "high_demand.add[1]: aid tour end 01:15 does not exist on 2026-03-29",
        ),
        # beyond the horizon too: a duty record's HDD aid is checked by that year's calendar
        (
            lambda d: d.update(high_demand={"remove": [date(2028, 6, 1)]}),
            "high_demand.remove: cannot remove 2028-06-01",
        ),
        (lambda d: d.update(rules={"min_rest_hours": -1}), "rules.min_rest_hours"),
        # numbers that hung the model builder, overflowed the solver or crashed the report
        (
            lambda d: d.update(rules={"max_consecutive_nights": 10**9}),
            "rules.max_consecutive_nights: Input should be less than or equal to 366",
        ),
        (lambda d: d.update(rules={"reference_weeks": 53}), "rules.reference_weeks"),
        (
            lambda d: d.update(rules={"rest_day_overtime_rate": float("inf")}),
            "rules.rest_day_overtime_rate: Input should be a finite number",
        ),
        (
            lambda d: d["contract"][0].update(annual_charge={"constable": float("inf")}),
            "annual_charge.constable: Input should be a finite number",
        ),
        (
            lambda d: d["contract"][0]["cover"][0].update(min=10**22),
            "cover[1].min: Input should be less than or equal to 3000",
        ),
        (lambda d: d["contract"][0]["cover"][0].update(weight=10**22), "cover[1].weight"),
        (lambda d: d["contract"][0]["posts"].update(constable=10**9), "posts.constable"),
        (lambda d: d["contract"][0].update(hdd_allowance=10**22), "hdd_allowance"),
        (lambda d: d["contract"][0].update(contracted_days_per_post=367), "contracted_days"),
        (lambda d: d.update(rules={"min_rest_hourz": 11}), "rules.min_rest_hourz: Extra inputs"),
        (lambda d: d["shift"][1].update(end="09:00"), "over max_tour_hours"),
        # a tour starting in the hour the clocks skip is read an hour on; one ending by then
        # is no tour that day: every roster stopped on it with a traceback
        (
            lambda d: (
                d["scenario"].update(start=date(2027, 3, 1), end=date(2027, 4, 30)),
                d["shift"][0].update(start="01:30", end="02:30"),
            ),
            "shift[E].start: tour 01:30-02:30 has no length on 2027-03-28: 01:30 does not "
            "exist that day",
        ),
    ],
)
def test_each_bad_input_is_named(mutate, expected: str) -> None:
    data = copy.deepcopy(good())
    mutate(data)
    found = problems(data)
    assert any(expected in line for line in found), found
    assert all(line.startswith("s.toml: ") for line in found)


def test_all_problems_are_reported_at_once() -> None:
    data = good()
    data["shift"][0]["start"] = "25:00"
    data["officer"][0]["rank"] = "chief"
    data["contract"][0]["posts"]["constable"] = -1
    assert len(problems(data)) == 3


def test_offending_value_is_shown() -> None:
    data = good()
    data["shift"][0]["start"] = "7.30"
    assert "(got '7.30')" in problems(data)[0]


@pytest.mark.parametrize("text", ["", "   \n", "not = [toml", "\x00\x01binary"])
def test_not_toml_or_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(str(path))


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        load_scenario("does/not/exist.toml")


def test_validate_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(HAVERING)]) == 0
    out = capsys.readouterr().out
    assert "HAV-PP" in out
    assert "298,500.00" in out
    assert "Notting Hill Carnival" in out
    bad = tmp_path / "bad.toml"
    bad.write_text(HAVERING.read_text().replace('rank = "sergeant"', 'rank = "sarge"'))
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "officer[HAV-01].rank" in err[0]
    assert "'sarge'" in err[0]


def test_validate_says_what_a_tour_in_the_skipped_hour_is_that_sunday(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """A tour type starting (or ending) in the hour the clocks skip is read an hour on that
    day by the roster, check and calendars alike: validate says so once, with its hours."""
    assert main(["validate", str(HAVERING)]) == 0
    assert "clocks skip" not in capsys.readouterr().out
    early = HAVERING.read_text().replace(
        'start = "07:00"\nend = "15:00"', 'start = "01:30"\nend = "09:30"'
    )
    late = early.replace('start = "15:00"\nend = "23:00"', 'start = "18:00"\nend = "01:15"')
    path = tmp_path / "s.toml"
    path.write_text(late)
    assert main(["validate", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "note: shift[E] 01:30-09:30 starts in the hour the clocks skip on 2027-03-28: the tour "
        "of 2027-03-28 is 02:30 BST-09:30 BST (7 h)" in out
    )
    assert (
        "note: shift[L] 18:00-01:15 ends in the hour the clocks skip on 2027-03-28: the tour "
        "of 2027-03-27 is 18:00 GMT-02:15 BST (7.25 h)" in out
    )


def test_no_traceback_for_a_user_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[scenario]\nname = 'x'\nstart = 2026-04-01\nend = 2026-01-01\n")
    run = subprocess.run(
        [sys.executable, "-m", "scheduler", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "scenario.end" in run.stderr


def test_examples_load() -> None:
    s = load_scenario(HAVERING)
    assert s.contract("HAV-PP").posts.total == 5
    assert len(s.officers) == 5


# --- property: random mutations of a good scenario never crash the loader ---------------

_leaf_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10_000),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def _set(data, path, value):
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _drop(data, path):
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutations_never_crash_the_loader(data: st.DataObject) -> None:
    scenario = tomllib.loads(HAVERING.read_text())
    paths = [p for p in _paths(scenario) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        try:
            if data.draw(st.booleans()):
                _set(scenario, path, data.draw(_leaf_values))
            else:
                _drop(scenario, path)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    try:
        scenario_from_dict(scenario, "m.toml")
    except InputError as exc:
        problems = exc.problems
    else:
        return  # the mutations left a valid scenario
    assert problems
    assert all(str(p).startswith("m.toml") for p in problems)


def test_the_horizon_days_are_worked_out_once() -> None:
    """``Scenario.days``: every day of the horizon, the same tuple each time it is asked
    (a London roster asked for it hundreds of times, built anew each time); the cache
    leaves the scenario's equality and hash alone."""
    s = scenario_from_dict(good())
    assert s.days is s.days
    n = (s.end - s.start).days + 1
    assert s.days == tuple(date.fromordinal(s.start.toordinal() + i) for i in range(n))
    again = scenario_from_dict(good())
    assert again == s
    assert hash(again) == hash(s)
