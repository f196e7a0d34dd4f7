"""Property-based fuzzing of the scenario file, field by field (hypothesis): a scenario
using every table (two contracts of both schemes, a variation, charges, cover with a
maximum, officers joining and leaving with leave and requests, a night tour, a High
Demand Day) has one to three of its fields replaced by a value a planner could type
there (a neighbouring number, a date near the horizon or the agreement, another field's
text, a code in the wrong case, an empty list, a table with an unknown key), removed, or
an array item doubled. Then:

- ``s92 validate`` exits 0, or 2 with one line per problem, each naming the file and the
  field (``officer[T-C1].leave: ...``), and never a traceback;
- a scenario that validates is rostered: exit 0, 1 (no lawful roster, the conflict
  named) or 2 (one line naming the file or option), never a traceback; a roster written
  passes the independent checker (``s92 check``), its CSV and its workbook alike.

``S92_FUZZ_EXAMPLES`` sets the examples of the roster test (default 8, a few seconds
each; the validate test runs ten times as many); ``S92_FUZZ_EXAMPLES=300`` is a long run.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hardening_helpers import Run, run_captured
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from toml_mutations import leaf_paths, removed, replaced, toml_document

from scheduler.errors import MAX_PROBLEMS, printable

EXAMPLES = int(os.environ.get("S92_FUZZ_EXAMPLES", "8"))


def _settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,  # each run explores afresh; a failure prints its example to replay
    )


BASE = """
[scenario]
name = "Fields"
start = 2026-10-05
end = 2026-10-18
description = "every table"

[rules]
max_tour_hours = 10.0
min_rest_hours = 11.0
max_consecutive_duty_days = 7
rest_days_per_week = 2.0
reference_weeks = 17
rest_day_notice_days = 15

[[shift]]
code = "E"
start = "07:00"
end = "15:00"
name = "Early"

[[shift]]
code = "L"
start = "15:00"
end = "23:00"

[[shift]]
code = "N"
start = "22:00"
end = "06:00"

[[contract]]
id = "T1"
council = "Council T"
bcu = "EA"
scheme = "met-patrol-plus"
start = 2026-01-05
years = 3
posts = { constable = 2, sergeant = 1 }
annual_charge = { constable = 60000, sergeant = 72000 }
charges = [{ year = 2026, constable = 61000 }]
hdd_allowance = 3
penalised_kinds = ["operational", "training"]
cover = [
  { days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 },
  { days = "weekend", shift = "L", min = 1, max = 2, weight = 50 },
]

  [[contract.variation]]
  from = 2026-10-12
  posts = { constable = 3, sergeant = 1 }
  note = "one more"

[[contract]]
id = "T2"
council = "Council U"
bcu = "EA"
start = 2026-04-01
posts = { constable = 2 }
cover_bank_holidays = true
notice_given = 2026-12-01
cover = [{ days = "weekdays", shift = "N", min = 1 }]

[[officer]]
id = "T-S0"
contract = "T1"
rank = "sergeant"
requests = [{ date = 2026-10-10, kind = "off" }, { date = 2026-10-12, kind = "on", shift = "E", weight = 3 }]

[[officer]]
id = "T-C0"
contract = "T1"
rank = "constable"
service_years = 12

[[officer]]
id = "T-C1"
contract = "T1"
rank = "constable"
leave = ["2026-10-07", "2026-10-14/2026-10-15"]

[[officer]]
id = "T-C2"
contract = "T1"
rank = "constable"
start = 2026-10-12

[[officer]]
id = "U-C0"
contract = "T2"
rank = "constable"

[[officer]]
id = "U-C1"
contract = "T2"
rank = "constable"
end = 2026-10-16

[high_demand]
add = [{ date = 2026-10-10, name = "Big Match", start = "09:00", end = "17:00", officers = 1 }]
share = 1.0
"""
DOCUMENT = tomllib.loads(BASE)

WORDS = [
    "", " ", "E", "e", "L", "N", "X", "T1", "T2", "t1", "T-C0", "U-C1", "Mon", "mon", "Sat",
    "daily", "weekdays", "07:00", "7:00", "00:00", "23:59", "24:00", "2026-10-10",
    "10/10/2026", "2026-10-18/2026-10-05", "2026-10-01/2026-11-30", "2026-02-29",
    "operational", "hdd_aid", "sickness", "constable", "Sergeant", "inspector",
    "partnership-plus", "Partnership Plus", "financial", "contract", "on", "off",
    "café £", "=1+1", "x" * 300,
]  # fmt: skip


def _near(value: object) -> st.SearchStrategy[object]:
    """Values a planner could type where ``value`` stands."""
    if isinstance(value, bool):
        return st.sampled_from([not value, 0, "yes"])
    if isinstance(value, int):
        near = [0, 1, -1, value - 1, value + 1, value * 10, 7, 52, 366, 367, 1000, 1001, 0.5]
        return st.sampled_from([*near, str(value), 2**63, 10**6])
    if isinstance(value, float):
        near = [0.0, 1e-9, value * 2, 0.5, 1.0, 7.0, 24.0, 24.5, 168.0, float("nan")]
        whole = int(value) if math.isfinite(value) else 0
        return st.sampled_from([*near, float("inf"), whole, str(value)])
    if isinstance(value, date):
        days = [-400, -60, -14, -8, -1, 1, 7, 13, 14, 60, 400, 1200]
        near_days = [value + timedelta(days=d) for d in days]
        edges = [date(2026, 10, 5), date(2026, 10, 18), date(2026, 3, 29), date(2028, 2, 29)]
        typed = [datetime(2026, 10, 25, 1, 30), value.isoformat(), value.strftime("%d/%m/%Y")]
        return st.sampled_from([*near_days, *edges, date(1901, 1, 1), date(2199, 12, 31), *typed])
    if isinstance(value, str):
        return st.sampled_from([*WORDS, value.lower(), value.upper(), f" {value} "])
    if isinstance(value, list):
        return st.sampled_from([[], value[::-1], value[:1], [*value, *value[:1]], "Mon"])
    if isinstance(value, dict):
        return st.sampled_from([{}, {**value, "unknown_key": 1}, [value]])
    return st.just(None)


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


@st.composite
def scenarios(draw: st.DrawFn, most: int = 3) -> str:
    """The base scenario with one to ``most`` fields changed, removed or doubled."""
    document: Any = DOCUMENT
    for _ in range(draw(st.integers(1, most), "changes")):
        path = draw(st.sampled_from(leaf_paths(document)), "field")
        how = draw(st.sampled_from(["value", "value", "value", "remove", "double"]), "how")
        if how == "remove":
            document = removed(document, path)
        elif how == "double" and isinstance(_at(document, path[:-1]), list):
            items = _at(document, path[:-1])
            document = replaced(document, path[:-1], [*items, items[path[-1]]])
        else:
            document = replaced(document, path, draw(_near(_at(document, path)), "value"))
    return toml_document(document)


def _one_line_per_problem(result: Run, scenario: Path) -> None:
    """Exit 2's lines: each names the file and a field, at most ``MAX_PROBLEMS`` and a
    count of the rest."""
    lines = result.err.splitlines()
    assert lines, result
    assert len(lines) <= MAX_PROBLEMS + 1, result.err
    named = re.compile(re.escape(printable(str(scenario))) + r": [^ :][^:]*: \S")
    for line in lines:
        assert named.match(line) or re.fullmatch(r"\.\.\. and \d+ more problems?", line), line


@_settings(EXAMPLES * 10)
@given(text=scenarios())
def test_a_changed_field_validates_or_is_named(text: str, tmp_path: Path) -> None:
    scenario = tmp_path / "fields.toml"
    scenario.write_text(text, encoding="utf-8")
    result = run_captured("validate", scenario)
    assert result.code in (0, 2), result
    assert "Traceback" not in result.err
    if result.code == 2:
        _one_line_per_problem(result, scenario)


@_settings(EXAMPLES)
@given(text=scenarios(most=1))  # one change: most such scenarios still validate
def test_a_scenario_that_validates_rosters_lawfully(text: str) -> None:
    with tempfile.TemporaryDirectory() as name:  # a folder of each example's own
        folder = Path(name)
        scenario = folder / "fields.toml"
        scenario.write_text(text, encoding="utf-8")
        if run_captured("validate", scenario).code != 0:
            return
        out = folder / "out"
        argv = ["roster", scenario, "--out", out, "--time-limit", "3", "--workers", "1"]
        result = run_captured(*argv, "--seed", "1", "--quiet")
        assert result.code in (0, 1, 2), result
        assert "Traceback" not in result.err
        if result.code == 2:
            for line in result.err.splitlines():
                assert line.startswith((printable(str(scenario)), "<command line>")), result.err
        if result.code == 0:
            for roster in (out / "roster.csv", out / "roster.xlsx"):
                checked = run_captured("check", scenario, roster)
                assert checked.code == 0, (roster.name, checked)


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            'code = "E"',
            'code = "07:00"',
            "shift[1].code: may hold only letters, digits, '_' and '-'",
        ),
        ('id = "T-C0"', 'id = "T C0"', "officer[2].id: not an id"),
    ],
)
def test_an_entry_whose_id_is_no_id_is_named_by_its_place(
    tmp_path: Path, old: str, new: str, line: str
) -> None:
    """Found by the fuzzing above: ``shift[07:00].code: String should match pattern ...``
    named the shift by the bad code itself, and in a regular expression's words."""
    scenario = tmp_path / "fields.toml"
    scenario.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    result = run_captured("validate", scenario)
    assert result.code == 2
    assert result.err.startswith(f"{scenario}: {line}"), result.err
