"""One request's view of the store: who is asking, what they may see, how pages render.

Each request opens its own ``Store`` connection (SQLite connections belong to a thread) and
closes it at the end; the caches in ``Library`` are shared by the whole process.

Refusals say nothing of what exists: a contract, officer or entry the account may not see
is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse, Response

from calendars.clock import LONDON
from scheduler.errors import InputError, Problem, clipped
from scheduler.export.report_html import KIND_LABELS
from scheduler.export.xlsx import STATE_MEANINGS
from scheduler.store.accounts import Account, Accounts, Session
from scheduler.store.store import Store
from scheduler.web import kept
from scheduler.web.catalog import Catalog, ContractView, Edition, Library
from scheduler.web.versions import known_version
from scheduler.wording import counted

COOKIE = "s92_session"
PLANNERS_ONLY = "Only planners change rosters and the entry log"
NEW_FEED = "s92_new_feed"  # a feed token just made, shown once by the page it leads to
NEW_FEED_PATH = "/contracts/"
ASKED_HEAD = "s92.head"  # in a request's scope: a HEAD answered as GET (reads, never spends)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
QUERY = "<query>"  # names a query string's field in problems, as <command line> does
PATH = "<path>"  # names a field of an address's path (/api/entries/{entry_id}/void)
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# entry kinds and roster states in words, as the report and roster.xlsx name them
KIND_NAMES = {**KIND_LABELS, "leave": "Annual leave"}


def kind_name(kind: str) -> str:
    """An entry's kind in words; a kind a contract penalises is shown as the scenario has
    it."""
    return KIND_NAMES.get(kind, kind)


STATE_NAMES = {**STATE_MEANINGS, "DUTY": "council duty"}  # the legend's adds "(the tour code)"


def state_name(state: str) -> str:
    meaning = STATE_NAMES.get(state, state)
    return meaning[:1].upper() + meaning[1:]


def london_time(moment: datetime | str, fmt: str = "%d %b %Y %H:%M") -> str:
    """A moment the store keeps (UTC; or its stamp, ISO text) as London reads its clocks,
    the zone named: a version published at 07:40 on a July morning was shown as 06:40."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(LONDON)
    return f"{local.strftime(fmt)} {local.tzname()}"


def hours_text(hours: float) -> str:
    """Hours as roster.csv has them, to the hundredth and no rounder (180.5, 192, 8.25):
    a month of 8.5-hour tours was shown as 180 hours (and 189.5 as 190)."""
    return f"{hours:,.2f}".rstrip("0").rstrip(".")


TEMPLATES.env.filters["kind_name"] = kind_name
TEMPLATES.env.filters["hours"] = hours_text
TEMPLATES.env.filters["london_time"] = london_time
TEMPLATES.env.filters["state_name"] = state_name
TEMPLATES.env.filters["counted"] = counted


@dataclass(frozen=True)
class Settings:
    db: Path
    https_only: bool = False


class LoginRequired(Exception):
    """No valid session or token: pages redirect to the login page, the API answers 401."""


class NotFound(HTTPException):
    def __init__(self, what: str = "Not found") -> None:
        super().__init__(status_code=404, detail=what)


class Moved(Exception):
    """A page asked for at another address than its own: answered 308 to ``location``."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


class Forbidden(HTTPException):
    def __init__(self, what: str = "Your account cannot do that") -> None:
        super().__init__(status_code=403, detail=what)


@dataclass
class Web:
    """What a route needs: the request, the store, the account and its session (None when
    the caller authenticated with an API token), and the catalog."""

    request: Request
    store: Store
    account: Account
    session: Session | None
    library: Library
    settings: Settings

    @property
    def catalog(self) -> Catalog:
        return self.library.catalog(self.store)

    def edition(self, view: ContractView) -> Edition:
        """The contract's own roster version and its publication (``Library.roster_edition``)."""
        return self.library.roster_edition(self.store, view)

    def version_named(self, view: ContractView, version_id: int) -> str:
        """Store version ``version_id`` as a planner's pages name the contract's roster in
        it: its own roster version, and the store's id when that differs ("roster version 2
        (store version 5)", as the contract's page and ``s92 reroster`` say it)."""
        number = self.library.roster_edition(self.store, view, version_id).number
        store = f" (store version {version_id})" if number != version_id else ""
        return f"roster version {number}{store}"

    def store_version(self, view: ContractView) -> int:
        """The store's id of the contract's roster as its planner knows it: the latest
        version its change notices list (``known_version``), not another BCU's since."""
        return known_version(self, view, view.version_id)

    def log_mark(self) -> int:
        """The entry log's last id: any entry or void changes it, so it keys what is
        derived from the log (pending days, reports)."""
        return int(self.store.query("SELECT max(id) FROM abstraction")[0][0] or 0)

    def contract(self, contract_id: str) -> ContractView:
        """The contract of an address's id, in any case as the command line, the CSV and
        the API read ids (a page read at ``/contracts/east-a`` moves to its one address)."""
        view = self.catalog.typed(self.account, contract_id)
        if view is None:
            raise NotFound("No such contract")
        if view.id != contract_id:
            self._moved(contract_id, view.id)
        return view

    def officer_id(self, view: ContractView, officer_id: str) -> str:
        """The id of the contract's officer an address names, in any case (the one id it
        matches but for case); as given when it names none (then "No such officer")."""
        ids = [o.id for o in view.scenario.officers_of(view.id)]
        if officer_id in ids:
            return officer_id
        alike = [i for i in ids if i.casefold() == officer_id.casefold()]
        if len(alike) != 1:
            return officer_id
        self._moved(officer_id, alike[0])
        return alike[0]

    def _moved(self, typed: str, canonical: str) -> None:
        """A page or download read with an id in another case is sent to its address with
        the id as the store has it (one address to bookmark); a form or the API is served
        where it was sent."""
        request = self.request
        if request.method != "GET" or request.url.path.startswith("/api/"):
            return
        parts = request.url.path.split("/")
        at = parts.index(typed, 2) if typed in parts[2:] else -1
        if at < 0:
            return
        parts[at] = canonical
        target = "/".join(quote(part, safe="") for part in parts) + (
            f"?{request.url.query}" if request.url.query else ""
        )
        raise Moved(target)

    def planner(self, refusal: str = PLANNERS_ONLY) -> None:
        """Refused (403, ``refusal``: what a council can do instead, where a page has it)
        unless the account plans."""
        if not self.account.plans:
            raise Forbidden(refusal)

    def admin(self) -> None:
        if self.account.role != "admin" or self.account.disabled:
            raise Forbidden("Only an admin can see that")

    def check_csrf(self, submitted: str | None) -> None:
        """A form post (or a cookie-authenticated API call) must carry the session's CSRF
        token; a bearer-token call carries no cookie, so cannot be forged cross-site."""
        if self.session is None:
            return
        if not submitted or not hmac.compare_digest(submitted, self.session.csrf):
            raise HTTPException(status_code=403, detail="The form expired: reload the page")

    def lines(self, exc: InputError, limit: int | None = None) -> list[str]:
        """The refusal's problems as the user reads them, one line each (the server's
        store file named "the store", never by its path)."""
        return [str(p) for p in for_users(exc.problems[:limit], self.store.path)]

    def render(self, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("title", "")
        # a form sent after the session ended comes back as typed, once, to this account
        restored = kept.restore(self.request, self.account.name, values)
        response = render(
            self.request, template, status_code, account=self.account, web=self, **values
        )
        if restored:
            kept.forget(response)
        return response


STORE_NAME = "the store"


# what a store fault tells a command's user to do, as a web user does it (checked in order)
WEB_ADVICE = (
    ("free some space and run the command again",
     "ask whoever runs the server to free some space, then try again"),
    ("give a writable --db, or ask for write access",
     "ask whoever runs the server to make it writable"),
    ("run the command again", "try again (reload the page, or send the form again)"),
    # a code typed over a rest day in an uploaded roster.xlsx (AB, TR) with no tour to keep
    ("log it with s92 abstract add --start --end",
     "log it in the entry log with its start and end, then upload the roster again"),
    # AID typed on a day that is no High Demand Day
    ("with s92 abstract add --kind hdd_aid", "in the entry log, as High Demand Day aid"),
)  # fmt: skip


def for_users(problems: Iterable[Problem], db: Path) -> list[Problem]:
    """Problems as a user of the server reads them: the store a fault names (locked, full,
    damaged) is "the store", never the server's path to its file, and what to do about it
    is what a web user does (no command to run again, no --db to give)."""
    paths = sorted({str(db), str(db.resolve())}, key=len, reverse=True)
    shown = []
    for p in problems:
        file, message = p.file, p.message
        for path in paths:
            file = STORE_NAME if file == path else file
            message = message.replace(path, STORE_NAME)
        for command, web in WEB_ADVICE:
            message = message.replace(command, web)
        shown.append(replace(p, file=file, message=message))
    return shown


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("account", None)
    values.setdefault("web", None)
    csrf = values["web"].session.csrf if values["web"] and values["web"].session else ""
    return TEMPLATES.TemplateResponse(
        request, template, {"csrf": csrf, **values}, status_code=status_code
    )


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def library_of(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


class Connections(threading.local):
    """One ``Store`` per server thread, opened (and checked) on first use and kept: its
    checks cost more than many a page's own work. Each request gets a fresh connection of
    it, so that it reads the latest commit (a kept connection was seen to go on reading an
    old snapshot after another process wrote)."""

    store: Store | None = None


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    local: Connections = request.app.state.connections
    db = settings_of(request).db
    if local.store is None or local.store.path != db:
        local.store = Store(db, create=False)
    else:
        local.store.reconnect()
    # every write is a transaction of its own (Store.transaction), committed or rolled
    # back before it returns: the connection is left clean for the thread's next request
    yield local.store


@contextmanager
def web(request: Request) -> Iterator[Web]:
    """The store and the caller; ``LoginRequired`` without a valid session or token."""
    with open_store(request) as store:
        account, session = authenticate(request, store)
        if account is None:
            raise LoginRequired
        yield Web(request, store, account, session, library_of(request), settings_of(request))


def authenticate(request: Request, store: Store) -> tuple[Account | None, Session | None]:
    accounts = Accounts(store)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return accounts.token_account(header[7:].strip()), None
    cookie = request.cookies.get(COOKIE)
    if cookie:
        session = accounts.session(cookie)
        if session is not None:
            return session.account, session
    return None, None


UNREADABLE = "s92.unreadable_form"  # the scope's key: the field of a form not sent as UTF-8


FORM_KINDS = ("application/x-www-form-urlencoded", "multipart/form-data")
# a form's text field may be as long as a page's whole body (Starlette's own limit, 1 MB,
# was answered in its words, not the page's): each field's own limit is said by its page
MAX_FIELD = 2 * 1024 * 1024


def refuse_unreadable_form(request: Request) -> None:
    """A form the server could read only by guessing at its bytes is refused (400), naming
    the field, before anything is done with it (``_FormText`` found it); a body that is no
    form at all (JSON sent to a page's address) is refused (415) saying so: read as a form
    it had no CSRF field, and was answered "the form expired"."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "POST" and kind and kind not in FORM_KINDS:
        raise HTTPException(
            status_code=415,
            detail=f"This address takes the page's form, not {clipped(kind)}: "
            "send the form from the page (the JSON API is under /api/, see /docs)",
        )
    field = request.scope.get(UNREADABLE)
    if field is not None:
        raise HTTPException(
            status_code=400,
            detail=f"The form's {clipped(field) or 'unnamed'} field was not sent as UTF-8 text: "
            "nothing was saved; send it again from the page",
        )


def no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response
