"""A report period pasted into the address (a page of text) is refused naming it, clipped,
not repeated whole on the page, in the API's answer or on the command line."""

from __future__ import annotations

import pytest
from web_fixtures import ReadOnlyClient, login

from scheduler.accounting.periods import parse_period


def test_a_huge_period_is_named_clipped(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    typed = "x" * 5000
    page = reader.get(f"/contracts/EAST-A/report?period={typed}")
    assert page.status_code == 422
    assert "not a report period: &#39;" + "x" * 77 + "..." in page.text
    assert "x" * 100 not in page.text
    api = reader.get(f"/api/contracts/EAST-A/report?period={typed}")
    assert api.status_code == 422
    assert "x" * 100 not in api.text


def test_the_command_lines_reading_clips_it_too() -> None:
    for typed in ("y" * 300, "2026-" + "9" * 300):
        with pytest.raises(ValueError, match="not a") as refused:
            parse_period(typed)
        assert len(str(refused.value)) < 200, str(refused.value)[:100]
