"""The entry log in pages: a year of entries is not one page of thousands; the pages keep
the filters in a bookmarkable address and each account's contracts only."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response
from web_fixtures import login

from scheduler.store import Store
from scheduler.store.entries import NewAbstraction
from scheduler.web.paging import PAGE_SIZE

DAYS = [date(2026, 10, 5) + timedelta(days=i) for i in range(56)]
OFFICERS = {"EAST-A": ["A-S0", "A-C0", "A-C1", "A-C2"], "EAST-B": ["B-C0"], "NORTH-C": ["C-C0"]}


def _log_many(db: Path) -> dict[str, int]:
    """A day's sickness for every officer above on every day of the horizon (224 of
    EAST-A's, 56 each of EAST-B's and NORTH-C's); how many per contract."""
    entries = [
        NewAbstraction(officer, contract, d, d, "sickness", f"day {i}", "PS Khan", d)
        for contract, officers in OFFICERS.items()
        for officer in officers
        for i, d in enumerate(DAYS)
    ]
    with Store(db) as store:
        store.add_many(entries)
    return {c: len(o) * len(DAYS) for c, o in OFFICERS.items()}


def _ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<td class="num">(\d+)</td>', page)]


def test_a_year_of_entries_is_shown_a_page_at_a_time_with_its_filters_kept(
    client: TestClient, db: Path
) -> None:
    # the log was one page of every entry: thousands of rows, each with its void form
    counts = _log_many(db)
    login(client, "planner-ea")
    east = counts["EAST-A"] + counts["EAST-B"]
    first = client.get("/entries").text
    assert len(_ids(first)) == PAGE_SIZE
    assert f"{east} entries" in first
    assert "Page 1 of 3" in first
    assert 'href="/entries?page=2"' in first
    assert 'href="/entries?page=3"' in first
    last = client.get("/entries", params={"page": "3"}).text
    assert len(_ids(last)) == east - 2 * PAGE_SIZE
    assert "Page 3 of 3" in last
    shown = _ids(first) + _ids(client.get("/entries?page=2").text) + _ids(last)
    assert shown == sorted(shown, reverse=True)
    assert len(set(shown)) == east  # every entry once, none of North's

    # filtered: the pages keep the filter, as typed, in their addresses
    params = {"contract": "EAST-A", "officer": "A-C1", "status": "live", "from": "05/10/2026"}
    one = client.get("/entries", params=params).text
    assert f"{len(DAYS)} entries" in one
    assert "Page 1 of" not in one  # one page: no pager
    params["officer"] = ""
    filtered = client.get("/entries", params=params).text
    assert f"{counts['EAST-A']} entries" in filtered
    nxt = re.search(r'<a href="([^"]+)" rel="next">', filtered)
    assert nxt is not None
    address = nxt.group(1).replace("&amp;", "&")
    assert address == "/entries?contract=EAST-A&status=live&from=05%2F10%2F2026&page=2"
    second = client.get(address).text
    assert len(_ids(second)) == PAGE_SIZE
    assert not set(_ids(second)) & set(_ids(filtered))

    # past the last page: the last; not a page number: the first; never a server error
    assert _ids(client.get("/entries", params={"page": "999999999999"}).text) == _ids(last)
    for odd in ("0", "-1", "abc", "\uff12", ""):
        r = client.get("/entries", params={"page": odd})
        assert r.status_code == 200
        assert _ids(r.text) == _ids(first)


def test_a_council_pages_through_its_own_entries_only(client: TestClient, db: Path) -> None:
    counts = _log_many(db)
    login(client, "council-c")
    page = client.get("/entries").text
    assert f"{counts['NORTH-C']} entries" in page
    assert "Page 1 of" not in page
    assert "A-C0" not in page
    assert "B-C0" not in page
    # another council's page numbers say nothing of its entries
    assert _ids(client.get("/entries?page=3").text) == _ids(page)
    # nor does another council's contract as a filter: refused as an unknown id, and not
    # filtered by, so the council's own entries are shown, and none of EAST-A's
    other = client.get("/entries?contract=EAST-A")
    assert other.status_code == 422
    assert "contract: no such contract (got &#39;EAST-A&#39;)" in other.text
    assert _ids(other.text) == _ids(page)


def _void(client: TestClient, csrf: str, entry_id: int, reason: str, back: str) -> Response:
    data = {"reason": reason, "csrf_token": csrf, "back": back}
    return client.post(f"/entries/{entry_id}/void", data=data, follow_redirects=False)


def test_a_void_sent_from_a_page_of_the_log_returns_to_that_page(
    client: TestClient, db: Path
) -> None:
    _log_many(db)
    csrf = login(client, "planner-ea")
    address = "/entries?contract=EAST-A&page=2"
    page = client.get(address).text
    target = _ids(page)[0]
    assert f'name="back" value="{address.replace("&", "&amp;")}"' in page
    r = _void(client, csrf, target, "logged twice", address)
    assert r.status_code == 303
    assert r.headers["location"] == address
    # never to another site
    r = _void(client, csrf, _ids(page)[1], "logged twice", "//evil.example/x")
    assert r.headers["location"] == "/entries"


def test_a_refused_void_is_said_on_the_page_of_the_log_it_was_sent_from(
    client: TestClient, db: Path
) -> None:
    # refused (a reason left blank, say), the log came back unfiltered at its first page:
    # the planner lost their place in a year of entries
    _log_many(db)
    csrf = login(client, "planner-ea")
    address = "/entries?contract=EAST-A&officer=A-C1&page=1"
    target = _ids(client.get(address).text)[0]
    r = _void(client, csrf, target, " ", address)
    assert r.status_code == 422
    assert "give a reason for voiding it" in r.text
    assert f"{len(DAYS)} entries" in r.text  # A-C1's, as filtered
    assert 'name="officer" value="A-C1"' in r.text


def test_a_void_sent_from_an_officers_month_returns_to_that_month(
    client: TestClient, db: Path
) -> None:
    _log_many(db)
    csrf = login(client, "planner-ea")
    address = "/contracts/EAST-A/officers/A-C1?month=2026-10"
    page = client.get(address).text
    assert f'name="back" value="{address}"' in page
    r = _void(client, csrf, _ids(page)[0], "logged twice", address)
    assert r.headers["location"] == address  # not the month the page opens on
