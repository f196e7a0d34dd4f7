"""``true`` or ``false`` typed where a scenario field takes a number (TOML keeps them
apart; pydantic reads them as 1 and 0): ``years = true`` was a one-year agreement,
``min = true`` one officer wanted, ``service_years = false`` a new joiner, all without a
word. Each is refused now, naming the file, the field and the value, exit 2; the fields
that take true or false still do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

BASE = tiny_toml(extra="\n[rules]\nmin_rest_hours = 11\n")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("start = 2026-01-05\n", "start = 2026-01-05\nyears = true\n", "contract[T1].years"),
        ("min = 1", "min = true", "contract[T1].cover[1].min"),
        (
            'rank = "sergeant"',
            'rank = "sergeant"\nservice_years = false',
            "officer[T-S0].service_years",
        ),
        ("constable = 2", "constable = true", "contract[T1].posts.constable"),
        ("min_rest_hours = 11", "min_rest_hours = true", "rules.min_rest_hours"),
    ],
)
def test_true_or_false_for_a_number_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    assert old in BASE
    scenario = tmp_path / "s.toml"
    scenario.write_text(BASE.replace(old, new, 1))
    done = run(capsys, "validate", scenario)
    assert done.code == 2
    assert done.err.splitlines() == [
        f"{scenario}: {field}: true or false is not a value this field takes "
        f"(got {'True' if 'true' in new else 'False'})"
    ]


def test_a_field_of_true_or_false_still_takes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(BASE.replace('bcu = "EA"', 'bcu = "EA"\ncover_bank_holidays = false', 1))
    assert run(capsys, "validate", scenario).code == 0
