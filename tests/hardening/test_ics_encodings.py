"""An announced-HDD calendar saved in another encoding than UTF-8 (Windows-1252, as an older
Outlook saves; UTF-16 with its byte order mark) is read with its event names as written:
Windows-1252 gave 'Trooping the Colour � Caf�' in the snippet pasted into a scenario, and
UTF-16 was refused with a line of raw bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run

NAME = "Trooping the Colour – Café £"
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
    f"SUMMARY:{NAME}\r\nDTSTART;VALUE=DATE:20260613\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_an_hdd_calendar_in_any_encoding_keeps_its_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    announced = tmp_path / "announced.ics"
    announced.write_bytes(ICS.encode(encoding))
    result = run(capsys, "calendar", "--import", announced, "--scenario-snippet")
    assert result.code == 0, result.err
    assert f'name = "{NAME}"' in result.out
