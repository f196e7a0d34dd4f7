"""The shipped JSON Schema accepts what the scenario reader accepts, and refuses what it
refuses: a rank as planners type it ("Sgt", "PS", "Police Constable") or a weekday in any
case ("Monday") was red in an editor that validates against docs/scenario.schema.json while
s92 read it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from scheduler.scenario.model import Cover, Officer
from scheduler.table import SAID_RANKS

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
)
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
HAVERING = tomllib.loads((ROOT / "scenarios" / "havering.toml").read_text(encoding="utf-8"))


def both(edit: dict[str, object], where: str) -> tuple[bool, bool]:
    """Whether the reader takes ``edit`` as an officer's (``where`` = "officer") or a cover
    line's ("cover") field, and whether the schema takes Havering with it made to the
    first of them."""
    data = json.loads(json.dumps(HAVERING, default=str))
    target = data["officer"][0] if where == "officer" else data["contract"][0]["cover"][0]
    target.update(edit)
    model = Officer if where == "officer" else Cover
    try:
        model.model_validate(target)
        read = True
    except ValidationError:
        read = False
    return read, VALIDATOR.is_valid(data)


SAID = [w for words in SAID_RANKS.values() for w in words]


@pytest.mark.parametrize(
    "rank",
    [*SAID, *(w.upper() for w in SAID), "Sgt.", "Insp.", "Police_Constable", " PC "],
)
def test_every_rank_the_reader_takes_validates(rank: str) -> None:
    assert both({"rank": rank}, "officer") == (True, True)


@pytest.mark.parametrize("rank", ["detective", "pcx", "P C", "", "chief"])
def test_a_rank_the_reader_refuses_is_refused_by_the_schema(rank: str) -> None:
    assert both({"rank": rank}, "officer") == (False, False)


@pytest.mark.parametrize(
    "days", ["Monday", "MON", "mon", " Tue ", "Weekdays", "DAILY", ["Saturday", "SUN"]]
)
def test_every_weekday_the_reader_takes_validates(days: object) -> None:
    assert both({"days": days}, "cover") == (True, True)


@pytest.mark.parametrize("days", ["Mo", "Mon day", ["Funday"]])
def test_a_weekday_the_reader_refuses_is_refused_by_the_schema(days: object) -> None:
    assert both({"days": days}, "cover") == (False, False)


@pytest.mark.parametrize(
    "leave", ["2026-08-03", "2026-08-03/2026-08-07", "2026-08-03 / 2026-08-07"]
)
def test_every_leave_the_reader_takes_validates(leave: str) -> None:
    assert both({"leave": [leave]}, "officer") == (True, True)


@pytest.mark.parametrize(
    "leave", ["20260803", "2026-W32-1", "2026W321", "2026-08-03/20260807", "03/08/2026"]
)
def test_a_leave_the_reader_refuses_is_refused_by_the_schema(leave: str) -> None:
    """Other ISO forms Python's date reader takes (basic, week dates) were read as leave
    while the schema, and docs/scenario.md, have dates YYYY-MM-DD."""
    assert both({"leave": [leave]}, "officer") == (False, False)


@pytest.mark.parametrize("day", ["20260803", "2026-W32-1", "2026W321"])
def test_a_date_field_refuses_other_iso_forms(day: str) -> None:
    checked = jsonschema.Draft202012Validator(VALIDATOR.schema, format_checker=FORMATS)
    data = json.loads(json.dumps(HAVERING, default=str))
    data["officer"][0]["start"] = day
    with pytest.raises(ValidationError, match="not a date YYYY-MM-DD"):
        Officer.model_validate(data["officer"][0])
    assert not checked.is_valid(data)
