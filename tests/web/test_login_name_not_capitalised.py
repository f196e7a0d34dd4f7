"""A phone capitalises the first letter typed in a text field (iOS Safari does unless told
not to): the login's account name, matched exactly ("planner-ea" is not "Planner-ea"), was
refused as a wrong name or password. The field asks for no capital, no correction."""

from __future__ import annotations

import re

from web_fixtures import ReadOnlyClient


def test_the_account_name_field_is_not_capitalised_or_corrected(reader: ReadOnlyClient) -> None:
    page = reader.get("/login").text
    field = re.search(r'<input name="name"[^>]*>', page)
    assert field is not None
    for attribute in ('autocapitalize="none"', 'autocorrect="off"', 'spellcheck="false"'):
        assert attribute in field.group()
