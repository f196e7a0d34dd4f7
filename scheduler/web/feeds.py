"""Officers' calendar feeds: ``GET /feeds/{token}.ics``, no login (calendar apps cannot
log in; the unguessable token is the credential), the latest published roster rendered as
``s92 ical`` renders it, with the store's UID secret, so the UIDs are the same as in
every export of the store. Entries logged since that roster for days from today on (leave
booked since, say: what makes ``s92 ical`` refuse the roster) are shown on those days
until the re-roster, so no officer's phone shows a tour they are on leave for. ETag and
Last-Modified let clients re-fetch for nothing. A revoked feed, or one whose officer the
scenario no longer holds, answers 410 Gone with the reason in one line."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, Request
from starlette.responses import Response

from calendars import london_today
from scheduler.export.ical import IcalState, officer_calendar
from scheduler.store.apply import not_applied, with_waiting
from scheduler.store.feeds import (
    feed_calendar,
    feed_of,
    ical_secret,
    load_sequences,
    revoked,
    save_sequences,
)
from scheduler.store.scenarios import heads, stored_scenario
from scheduler.store.store import Store
from scheduler.web.context import library_of, open_store

router = APIRouter(include_in_schema=False)


@router.get("/feeds/{token}.ics")
def feed(request: Request, token: str) -> Response:
    with open_store(request) as store:
        found = feed_of(store, token)
        if found is None:
            if revoked(store, token):
                return _gone("This calendar feed was revoked: ask your planner for a new address")
            return _said(404, NO_SUCH)
        head = next((h for h in heads(store) if h.scenario == found.scenario), None)
        if head is None or head.text_version_id is None:
            return _said(404, NO_SUCH)
        library = library_of(request)
        scenario, roster = stored_scenario(store, head.text_version_id), found.scenario
        officer = next((o for o in scenario.officers if o.id == found.officer_id), None)
        live = None if officer is None else library.catalog(store).contracts.get(officer.contract)
        if live is not None and live.head != head:
            # another scenario of the store holds the contract and published its roster of
            # it later: the site shows that one, and so does the officer's phone
            scenario, head, roster = live.scenario, live.head, live.id
            if found.officer_id not in {o.id for o in scenario.officers_of(live.id)}:
                officer = None
        if officer is None:
            # an empty calendar would tell the officer's phone every duty was cancelled
            return _gone(
                f"This calendar feed has ended: officer {found.officer_id} is no longer in "
                f"the {roster} roster"
            )
        rows = library.officer_rows(store, head.version_id, found.officer_id)
        contracts = [c.id for c in scenario.contracts]
        logged = store.live_abstractions([found.officer_id], contracts=contracts)
        first = london_today()
        waiting = not_applied(rows, logged, first, scenario)
        modified = _last_change(store, head.published_at, found.officer_id, contracts)
        waits = tuple(e.id for e in waiting)
        key = ("feed", head.version_id, found.officer_id, first, waits, modified)

        def make() -> tuple[bytes, str]:
            shown = with_waiting(rows, waiting, first, scenario)
            calendar = feed_calendar(found.scenario, found.officer_id)
            state = IcalState.new(ical_secret(store))
            state.events = load_sequences(store, calendar)
            before = dict(state.events)
            body = officer_calendar(scenario, found.officer_id, shown, state, modified)
            changed = {u: v for u, v in state.events.items() if before.get(u) != v}
            if changed:
                save_sequences(store, calendar, changed)
            return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

        cached: tuple[bytes, str] = library.feeds.get(key, make)  # type: ignore[assignment]
        body, etag = cached
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(modified, usegmt=True),
        "Cache-Control": "private, max-age=300",
    }
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


NO_SUCH = "No such calendar: check the address your planner gave you"


def _gone(why: str) -> Response:
    """410 Gone, the reason in one line: a calendar app stops asking, and a person who
    opens the address reads why (a revoked feed, an officer no longer rostered)."""
    return _said(410, why)


def _said(status: int, why: str) -> Response:
    """A feed's refusal in one line of text: whoever opens the address is an officer or
    their calendar app, with no account and no use for the site's pages."""
    return Response(
        why + "\n",
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )


def _last_change(
    store: Store, published: datetime, officer_id: str, contracts: list[str]
) -> datetime:
    """When what the feed shows last changed: the roster's publication, or the officer's
    latest entry since (a void too: it gives the roster's days back), to the second. Only
    the entries of the feed's scenario's contracts (or of none): an officer of the same id
    in another scenario is another council's officer, whose entries change nothing here."""
    marks = ", ".join("?" * len(contracts))
    [(logged,)] = store.query(
        "SELECT max(logged_at) FROM abstraction WHERE officer_id = ? "
        f"AND (contract_id = '' OR contract_id IN ({marks}))",
        (officer_id, *contracts),
    )
    latest = published if logged is None else max(published, datetime.fromisoformat(logged))
    return latest.astimezone(UTC).replace(microsecond=0)


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
