"""Officers' calendar feeds: ``GET /feeds/{token}.ics``, no login (calendar apps cannot
log in; the unguessable token is the credential), the latest published roster rendered as
``s92 ical`` renders it, with the store's UID secret, so the UIDs are the same as in
every export of the store. Entries logged since that roster for days from today on (leave
booked since, say: what makes ``s92 ical`` refuse the roster) are shown on those days
until the re-roster, so no officer's phone shows a tour they are on leave for. ETag and
Last-Modified let clients re-fetch for nothing. A revoked feed answers 410 Gone with the
reason in one line; one whose officer the scenario no longer holds serves their calendar
with the tours from the roster without them on cancelled (``_departed``), as ``s92 ical``
rewrites their exported calendar, and 410 once nothing is left to cancel."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, Request
from starlette.responses import Response

from calendars import LONDON, london_today
from scheduler.export.ical import IcalState, departed_officer_calendar, officer_calendar
from scheduler.store.apply import not_applied, with_waiting
from scheduler.store.feeds import (
    Feed,
    feed_calendar,
    feed_of,
    ical_secret,
    load_sequences,
    revoked,
    save_sequences,
)
from scheduler.store.scenarios import Head, heads, stored_scenario
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
            departed = _departed(request, store, found, head)
            if departed is None:
                return _gone(
                    f"This calendar feed has ended: officer {found.officer_id} is no longer "
                    f"in the {roster} roster"
                )
            return _served(request, *departed)
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
    return _served(request, body, etag, modified)


def _served(request: Request, body: bytes, etag: str, modified: datetime) -> Response:
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(modified, usegmt=True),
        "Cache-Control": "private, max-age=300",
    }
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


def _departed(
    request: Request, store: Store, found: Feed, head: Head
) -> tuple[bytes, str, datetime] | None:
    """The feed of an officer the served roster no longer holds, while its token lives:
    their calendar as the last roster that held them showed it, its events from the day
    the roster without them was published on cancelled under the same UIDs, SEQUENCE one
    more (those an entry logged since that roster held, as the phone showed them), as ``s92 ical`` cancels their exported calendar (``departed_officer_calendar``).
    A 410 would leave every future tour on the phone. That day, not today, so a tour once
    cancelled stays cancelled. None (410) when no roster stored with its scenario held
    them, or nothing from that day on is left to cancel; else the body, its ETag and when
    it last changed."""
    library = library_of(request)
    logged = tuple(e.id for e in store.live_abstractions([found.officer_id]))
    key = ("departed", head.version_id, found, logged)

    def make() -> tuple[bytes, str] | None:
        held = _last_holding(store, found, head)
        if held is None:
            return None
        version_id, text_version_id, left = held
        rows = library.officer_rows(store, version_id, found.officer_id)
        calendar = feed_calendar(found.scenario, found.officer_id)
        state = IcalState.new(ical_secret(store))
        state.events = load_sequences(store, calendar)
        before = dict(state.events)
        scenario = stored_scenario(store, text_version_id)
        first = left.astimezone(LONDON).date()
        # what the feed showed until then: leave booked since that roster on its days from
        # then on, cancelled as shown (the roster's tour there was not on the phone)
        contracts = [c.id for c in scenario.contracts]
        mine = store.live_abstractions([found.officer_id], contracts=contracts)
        shown = with_waiting(rows, not_applied(rows, mine, first, scenario), first, scenario)
        body = departed_officer_calendar(
            scenario, found.officer_id, shown, state, head.published_at, first
        )
        if body is None:
            return None
        changed = {u: v for u, v in state.events.items() if before.get(u) != v}
        if changed:
            save_sequences(store, calendar, changed)
        return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

    made: tuple[bytes, str] | None = library.feeds.get(key, make)  # type: ignore[assignment]
    modified = head.published_at.astimezone(UTC).replace(microsecond=0)
    return None if made is None else (*made, modified)


def _last_holding(store: Store, found: Feed, head: Head) -> tuple[int, int, datetime] | None:
    """The newest version (of the roster served, else of the feed's own scenario) whose
    rows hold the officer, the version its scenario text comes from, and when the next
    roster (the first without them) was published."""
    for name in dict.fromkeys((head.scenario, found.scenario)):
        texts = store.query(
            "SELECT s.version_id FROM roster_scenario AS s JOIN roster_version AS v "
            "ON v.id = s.version_id WHERE v.scenario = ? ORDER BY s.version_id",
            (name,),
        )
        left = head.published_at
        for version in reversed(store.roster_versions(name)):
            text = max((v for (v,) in texts if v <= version.id), default=None)
            if text is None:
                break
            if (store.roster(version.id)["officer_id"] == found.officer_id).any():
                return version.id, text, left
            left = version.published_at
    return None


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
