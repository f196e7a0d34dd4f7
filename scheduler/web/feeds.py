"""Officers' calendar feeds: ``GET /feeds/{token}.ics``, no login (calendar apps cannot
log in; the unguessable token is the credential), the latest published roster rendered as
``s92 ical`` renders it, with the store's UID secret, so the UIDs are the same as in
every export of the store. ETag and Last-Modified let clients re-fetch for nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, Request
from starlette.responses import Response

from scheduler.export.ical import IcalState, officer_calendar
from scheduler.store.feeds import (
    feed_calendar,
    feed_of,
    ical_secret,
    load_sequences,
    save_sequences,
)
from scheduler.store.scenarios import heads, stored_scenario
from scheduler.web.context import NotFound, library_of, open_store

router = APIRouter(include_in_schema=False)


@router.get("/feeds/{token}.ics")
def feed(request: Request, token: str) -> Response:
    with open_store(request) as store:
        found = feed_of(store, token)
        if found is None:
            raise NotFound("No such calendar")
        head = next((h for h in heads(store) if h.scenario == found.scenario), None)
        if head is None or head.text_version_id is None:
            raise NotFound("No such calendar")
        library = library_of(request)
        key = ("feed", head.version_id, found.officer_id)

        def make() -> tuple[bytes, str]:
            scenario = stored_scenario(store, head.text_version_id or 0)
            rows = library.officer_rows(store, head.version_id, found.officer_id)
            calendar = feed_calendar(found.scenario, found.officer_id)
            state = IcalState.new(ical_secret(store))
            state.events = load_sequences(store, calendar)
            before = dict(state.events)
            body = officer_calendar(scenario, found.officer_id, rows, state, head.published_at)
            changed = {u: v for u, v in state.events.items() if before.get(u) != v}
            if changed:
                save_sequences(store, calendar, changed)
            return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

        cached: tuple[bytes, str] = library.feeds.get(key, make)  # type: ignore[assignment]
        body, etag = cached
    modified = head.published_at.replace(microsecond=0)
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(modified, usegmt=True),
        "Cache-Control": "private, max-age=300",
    }
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


def _not_modified(request: Request, etag: str, modified: datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
