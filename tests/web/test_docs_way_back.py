"""The API page the header's *API* link opens (Swagger UI, without the site's header)
leads back to the site: on a phone it was a page with no way back but the browser's."""

from __future__ import annotations

import re

from web_fixtures import ReadOnlyClient, login


def test_the_api_page_links_back_to_the_site(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    home = reader.get("/").text
    assert '<a href="/docs">API</a>' in home
    docs = reader.get("/docs").text
    nav = re.search(r'<nav aria-label="Site"[^>]*>(.*?)</nav>', docs, re.S)
    assert nav is not None
    assert '<a href="/">' in nav.group(1)
