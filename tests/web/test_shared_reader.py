"""The store the reading tests share cannot be written through their client: a form sent
with it is a failing test, not a change another test would read."""

from __future__ import annotations

import pytest
from web_fixtures import ReadOnlyClient, login


def test_a_reader_reads_as_its_account_and_sends_no_form(reader: ReadOnlyClient) -> None:
    csrf = login(reader, "council-a")
    home = reader.get("/")
    assert home.status_code == 200
    assert "EAST-A" in home.text
    assert "EAST-B" not in home.text
    with pytest.raises(AssertionError, match="needs the `client` fixture"):
        reader.post("/logout", data={"csrf_token": csrf})
    assert reader.get("/").status_code == 200  # still logged in
