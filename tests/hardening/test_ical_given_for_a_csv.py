"""An iCal calendar given where s92 reads a CSV (``s92 abstract import`` with an officer's
calendar from ``s92 ical``, say) is one line naming the file, that it is a calendar and
what the command reads, exit 2; it was seven lines of unknown and missing columns, the
first of them 'begin:vcalendar'."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hardening_helpers import Published, published_tiny, run, store_state

CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//s92//EN\r\nBEGIN:VEVENT\r\n"
    "UID:x@s92\r\nDTSTART:20261006T070000Z\r\nSUMMARY:E\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Published:
    return published_tiny(None, tmp_path_factory.mktemp("tiny"))


@pytest.mark.parametrize("prefix", [b"", codecs.BOM_UTF8], ids=["plain", "bom"])
def test_the_entry_import_names_what_it_reads(
    prefix: bytes, tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = tmp_path / "T-C0.ics"
    calendar.write_bytes(prefix + CALENDAR.encode())
    before = store_state(tiny.db)
    result = run(capsys, "abstract", "import", tiny.scenario, calendar, "--db", tiny.db)
    assert result.code == 2
    assert result.err.strip() == (
        f"{calendar}: an iCal calendar (.ics), not a CSV of entries (officer_id, date, kind, "
        "reason, authorised_by, notified; end_date, start, end optional): s92 reads a "
        "calendar only for announced High Demand Days (s92 calendar --import)"
    )
    assert store_state(tiny.db) == before


def test_the_roster_check_says_the_same(
    tiny: Published, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = tmp_path / "roster.csv"  # the name lies: the content decides
    calendar.write_text(CALENDAR, encoding="utf-8")
    result = run(capsys, "check", tiny.scenario, calendar)
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"{calendar}: an iCal calendar (.ics), not a roster CSV")
