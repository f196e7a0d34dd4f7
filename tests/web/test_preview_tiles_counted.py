"""The preview's tiles count in words that agree with the count: one sick day typed in a
roster.csv reads "1 officer-day changes" and "1 officer affected" (it read "1 officers
affected"), two officers' days "2 officers affected"."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from web_fixtures import downloaded_csv, login, sick_typed, upload


def tiles(page: str) -> list[str]:
    """Each tile of a preview as it reads: its count, then its words."""
    found = re.findall(
        r'<div class="figure"><div class="value">(\d+)</div><div class="label">([^<]*)</div>',
        page,
    )
    return [f"{n} {words}" for n, words in found]


def test_one_change_is_counted_in_the_singular(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    edited = sick_typed(downloaded_csv(client), -1)
    r = upload(client, csrf, edited.to_csv(index=False).encode(), follow_redirects=True)
    assert r.status_code == 200, r.text[-1500:]
    shown = tiles(r.text)
    assert shown[:2] == ["1 officer-day changes", "1 officer affected"], shown
    assert "0 rest days cancelled at short notice" in shown
    assert "0 public holidays worked" in shown


def test_changes_of_two_officers_are_counted_in_the_plural(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    edited = sick_typed(sick_typed(downloaded_csv(client), -1), -1, officer="A-C1")
    r = upload(client, csrf, edited.to_csv(index=False).encode(), follow_redirects=True)
    assert r.status_code == 200, r.text[-1500:]
    assert tiles(r.text)[:2] == ["2 officer-days change", "2 officers affected"]
