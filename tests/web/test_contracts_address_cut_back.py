"""``/contracts``, the address every contract's is under, answered 404 "No such page": a
user who cuts an address back, or types it, expects the list of contracts (the home page,
titled *Contracts*), as ``/contracts/ID/officers`` expects the contract's officers (its
page). Sent there; what is there answers for the account as it always did."""

from __future__ import annotations

import pytest
from web_fixtures import ReadOnlyClient, login


@pytest.mark.parametrize("address", ["/contracts", "/contracts/"])
def test_the_contracts_address_shows_the_contracts(reader: ReadOnlyClient, address: str) -> None:
    login(reader, "council-a")
    page = reader.get(address)
    assert page.status_code == 200
    assert str(page.url).endswith("/")
    assert "EAST-A" in page.text
    assert "EAST-B" not in page.text  # another council's, as on the home page


def test_a_contracts_officers_address_shows_its_page(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    page = reader.get("/contracts/EAST-A/officers")
    assert page.status_code == 200
    assert str(page.url).endswith("/contracts/EAST-A")
    assert "EAST-A roster" in page.text
    # another council's contract, and one that never was: the same answer
    foreign = reader.get("/contracts/EAST-B/officers")
    never = reader.get("/contracts/NOPE-Z/officers")
    assert foreign.status_code == never.status_code == 404
    assert foreign.text.replace("EAST-B", "X") == never.text.replace("NOPE-Z", "X")


def test_logged_out_it_asks_for_a_login(reader: ReadOnlyClient) -> None:
    page = reader.get("/contracts", follow_redirects=True)
    assert "/login" in str(page.url)
