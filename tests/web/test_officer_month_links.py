"""An officer's month that begins before the roster does (East's horizon starts on Monday
5 October) links only the days the roster holds: 1-4 October were links to 'No such day'
(404), one a click for every officer of every contract in the first month."""

from __future__ import annotations

import re

from web_fixtures import ReadOnlyClient, login


def test_every_day_linked_on_an_officers_month_has_a_page(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    page = reader.get("/contracts/EAST-A/officers/A-C0?month=2026-10")
    assert page.status_code == 200
    links = re.findall(r'href="(/contracts/EAST-A/officers/A-C0/[^"]+)"', page.text)
    assert [link[-10:] for link in links[:2]] == ["2026-10-05", "2026-10-06"]
    assert len(links) == 27  # 5 to 31 October
    assert [link for link in links if reader.get(link).status_code != 200] == []
    # the days before stand in the table, unlinked, with why they have no roster: on one
    # line (a month the roster starts late in said so on a line a day, twenty of them)
    assert "01–04 Oct</td>" in page.text
    assert page.text.count("no roster: it covers 2026-10-05 to 2026-11-29") == 1
