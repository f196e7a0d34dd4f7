"""Logging in and out, the contract list, the month grid, an officer's month and day, the
entry log (with its add and void forms) and, for admins, the audit log."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs, quote, unquote, urlencode

import pandas as pd
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from calendars import london_today
from scheduler.errors import InputError, Problem, clipped
from scheduler.files import rows_csv_text
from scheduler.limits import whole_number
from scheduler.store.accounts import Accounts, Throttled
from scheduler.store.audit import actions, recent
from scheduler.store.entries import Abstraction
from scheduler.store.validate import entry_notes
from scheduler.web.catalog import ContractView
from scheduler.web.context import (
    COOKIE,
    CSRF_FIELD,
    MAX_FIELD,
    NEW_FEED,
    NEW_FEED_PATH,
    QUERY,
    NotFound,
    Web,
    authenticate,
    library_of,
    open_store,
    render,
    settings_of,
    web,
)
from scheduler.web.entries import (
    ENTRY_FIELDS,
    FORM,
    Filters,
    add_entry,
    days_problem,
    entry_kinds,
    entry_number,
    entry_record,
    filter_date,
    filter_problems,
    officer_entries,
    typed_days,
    visible_entries,
    void_entry,
    waiting_entries,
)
from scheduler.web.grid import STATE_STYLE, MonthGrid, month_grid
from scheduler.web.paging import page_links, page_of, page_read

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
LOGIN_CSRF = "s92_login"
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


# --- logging in -----------------------------------------------------------------------------


UNSAVED = "Your session had ended, so what you sent was not saved: log in, then send it again."
KEPT_UNSAVED = (
    "Your session had ended, so what you sent was not saved: log in, and what you typed "
    "is back in its form, to send again."
)


@router.get("/login")
def login_page(request: Request, next: str = "/", unsaved: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        title="Log in",
        next=_safe_next(next),
        login_csrf=token,
        error=KEPT_UNSAVED if unsaved == "kept" else UNSAVED if unsaved else "",
    )
    _cookie(request, response, LOGIN_CSRF, token, max_age=3600)
    return response


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
    login_csrf: Annotated[str, Form()] = "",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not cookie or not hmac.compare_digest(cookie, login_csrf):
        return _login_again(request, next, "The form expired: try again.", 403, name)
    client = request.client.host if request.client else "-"
    with open_store(request) as store:
        accounts = Accounts(store)
        try:
            account = accounts.login(name.strip(), password, client)
        except Throttled:
            return _login_again(
                request, next, "Too many failed attempts: wait 15 minutes and try again.", 429,
                name,
            )  # fmt: skip
        if account is None:
            return _login_again(request, next, "Wrong name or password.", 401, name)
        token, _ = accounts.start_session(account)
    response = RedirectResponse(_safe_next(next), status_code=303)
    _cookie(request, response, COOKIE, token, max_age=8 * 3600)
    response.delete_cookie(LOGIN_CSRF, path="/")
    return response


def _login_again(
    request: Request, next: str, message: str, status: int, name: str = ""
) -> Response:
    """The login form again, saying why, the name as typed (the password never)."""
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        status,
        title="Log in",
        next=_safe_next(next),
        login_csrf=token,
        error=message,
        name=name,
    )
    _cookie(request, response, LOGIN_CSRF, token, max_age=3600)
    return response


@router.get("/logout", response_class=HTMLResponse)
def logout_page(request: Request) -> Response:
    """/logout typed or bookmarked: the page with the button (a GET never ends a session:
    a link or an image on any site could end it), or the login page once logged out."""
    with open_store(request) as store:
        account, session = authenticate(request, store)
        if account is None:
            return RedirectResponse("/login", status_code=303)
        w = Web(request, store, account, session, library_of(request), settings_of(request))
        return w.render("logout.html", title="Log out")


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    with web(request) as w:
        w.check_csrf(csrf_token)
        if w.session is not None:
            Accounts(w.store).end_session(w.session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    response.delete_cookie(NEW_FEED, path=NEW_FEED_PATH)  # a feed's address shown to no one else
    return response


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings_of(request).https_only,
    )


def _safe_next(target: str) -> str:
    """Only a path on this site: never an open redirect to another."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# --- contracts --------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    with web(request) as w:
        views = w.catalog.visible(w.account)
        today = london_today()
        month = date(today.year, today.month, 1)
        # a council finds this month's delivery from its card: one click, not three
        now = {v.id: month for v in views if month in months_of(v)}
        return w.render("home.html", title="Contracts", views=views, this_month=now)


@router.get("/contracts")
def contracts_list() -> Response:
    """The list of contracts is the home page (titled *Contracts*): an address cut back
    to ``/contracts``, or typed so, is sent there, not answered "no such page"."""
    return RedirectResponse("/", status_code=307)


@router.get("/contracts/{contract_id}/officers")
def officers_list(request: Request, contract_id: str) -> Response:
    """A contract's officers are listed on its page: an officer's address cut back to
    ``/officers`` is sent there (a contract the account may not see answered as its page
    answers it, as one that does not exist)."""
    with web(request) as w:
        view = w.contract(contract_id)
    return RedirectResponse(f"/contracts/{quote(view.id, safe='')}", status_code=307)


def served_days(view: ContractView) -> tuple[date, date]:
    """The days the contract has a roster: the scenario's horizon within its term (the
    whole horizon if they do not meet)."""
    s, c = view.scenario, view.contract
    first, last = max(s.start, c.start), min(s.end, c.end)
    return (first, last) if first <= last else (s.start, s.end)


def month_of(view: ContractView, text: str | None) -> date:
    if text:
        if not _MONTH.match(text) or int(text[:4]) < 1:  # year 0000 is no date: a 500
            # said how to write one: "2026-1" or a day's date read as no month at all
            raise NotFound(
                f"No such month: give a month as YYYY-MM, as 2026-10 (got {clipped(text)!r})"
            )
        first = date(int(text[:4]), int(text[5:7]), 1)
    else:
        today = london_today()
        first = date(today.year, today.month, 1)
    months = months_of(view)
    if text and first not in months:  # shown the nearest month, it read as that one's roster
        raise NotFound(
            f"No roster for {first:%B %Y}: {view.id}'s roster runs from "
            f"{months[0]:%B %Y} to {months[-1]:%B %Y}"
        )
    return nearest_month(view, first)


def nearest_month(view: ContractView, day: date) -> date:
    """The month of the contract's roster nearest ``day``'s (its own, if the roster has it):
    where a day before the contract's term links to its officer's month."""
    months = months_of(view)
    return min(max(date(day.year, day.month, 1), months[0]), months[-1])


def months_of(view: ContractView) -> list[date]:
    start, end = served_days(view)
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        out.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def pending_days(w: Web, view: ContractView) -> tuple[set[tuple[str, str]], int]:
    """(officer, date) of live entries not yet in the published roster, and how many
    entries that is: logged since the last re-roster."""
    key = ("pending", view.version_id, view.id, w.log_mark())
    found: tuple[set[tuple[str, str]], int] = w.library.derived.get(  # type: ignore[assignment]
        key, lambda: _pending_days(w, view)
    )
    return found


def _pending_days(w: Web, view: ContractView) -> tuple[set[tuple[str, str]], int]:
    rows = w.library.contract_rows(w.store, view.version_id, view.id)
    waiting = waiting_entries(w, view, rows)
    days = {(e.officer_id, d.isoformat()) for e in waiting for d in e.days()}
    return days, len(waiting)


@router.get("/contracts/{contract_id}", response_class=HTMLResponse)
def contract_page(request: Request, contract_id: str, month: str | None = None) -> Response:
    with web(request) as w:
        view = w.contract(contract_id)
        first = month_of(view, month)
        pending, count = pending_days(w, view)

        def make() -> MonthGrid:
            rows = w.library.contract_rows(w.store, view.version_id, view.id)
            return month_grid(view.contract, rows, first, pending, served_days(view))

        key = ("grid", view.version_id, view.id, first, w.log_mark())
        grid: MonthGrid = w.library.derived.get(key, make)  # type: ignore[assignment]
        return w.render(
            "contract.html",
            title=f"{view.id} roster",
            view=view,
            grid=grid,
            months=months_of(view),
            styles=STATE_STYLE,
            pending=count,
        )


@router.get("/contracts/{contract_id}/officers/{officer_id}", response_class=HTMLResponse)
def officer_page(
    request: Request, contract_id: str, officer_id: str, month: str | None = None
) -> Response:
    with web(request) as w:
        view = w.contract(contract_id)
        officer_id = w.officer_id(view, officer_id)
        entries = officer_entries(w, view, officer_id)
        first = month_of(view, month)
        rows = w.library.contract_rows(w.store, view.version_id, view.id)
        mine = rows[rows["officer_id"] == officer_id]
        grid = month_grid(view.contract, mine, first, served=served_days(view))
        days = _officer_days(mine, grid.days, served_days(view))
        waiting: dict[date, list[Abstraction]] = {}
        for e in waiting_entries(w, view, mine):  # logged or voided since the roster
            for d in e.days() if e.officer_id == officer_id else ():
                waiting.setdefault(d, []).append(e)
        return w.render(
            "officer.html",
            waiting=waiting,
            title=f"{officer_id}",
            view=view,
            officer=view.scenario.officer(officer_id),
            grid=grid,
            days=days,
            months=months_of(view),
            served=served_days(view),
            entries=entries,
            styles=STATE_STYLE,
        )


def _officer_days(
    rows: pd.DataFrame, days: list[date], served: tuple[date, date]
) -> list[tuple[date, date, tuple[Any, ...] | None]]:
    """Each day with its roster row (an ``itertuples`` record), None where there is none,
    as (first, last, row): a run of days outside the ``served`` ones one line (a month
    the roster starts late in said "no roster" on twenty lines)."""
    by_day = {str(r.date): r for r in rows.itertuples(index=False)}
    out: list[tuple[date, date, tuple[Any, ...] | None]] = []
    for d in days:
        outside = not served[0] <= d <= served[1]
        if outside and out and not served[0] <= out[-1][0] <= served[1]:  # the run goes on
            out[-1] = (out[-1][0], d, None)
        else:
            out.append((d, d, None if outside else by_day.get(d.isoformat())))
    return out


@router.get("/contracts/{contract_id}/officers/{officer_id}/{day}", response_class=HTMLResponse)
def officer_day(
    request: Request, contract_id: str, officer_id: str, day: str, added: str = ""
) -> Response:
    with web(request) as w:
        view = w.contract(contract_id)
        officer_id = w.officer_id(view, officer_id)
        entries = officer_entries(w, view, officer_id)
        try:
            when = date.fromisoformat(day)
        except ValueError:  # said how to write one, and what was typed, as a month's page
            raise NotFound(
                f"No such day: give a day as YYYY-MM-DD, as 2026-10-21 (got {clipped(day)!r})"
            ) from None
        first, last = view.scenario.start, view.scenario.end
        if not first <= when <= last:  # no roster, no entry there
            raise NotFound(
                f"No such day in the roster: {view.id}'s roster runs from {_long(first)} "
                f"to {_long(last)} (got {_long(when)})"
            )
        if day != when.isoformat():  # 20261021 is read too: its page is at its one address
            return RedirectResponse(_day_path(view, officer_id, when), status_code=308)
        return _day_page(w, view, officer_id, when, entries, added)


def _day_page(
    w: Web,
    view: ContractView,
    officer_id: str,
    when: date,
    entries: list[Abstraction],
    added: str = "",
    problems: list[str] | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    """An officer-day's page; ``problems`` of its entry form, sent as ``form`` holds."""
    rows = w.library.contract_rows(w.store, view.version_id, view.id)
    day = when.isoformat()
    row = rows[(rows["officer_id"] == officer_id) & (rows["date"].astype(str) == day)]
    record = next(row.itertuples(index=False), None)
    on_day = [e for e in entries if e.first_date <= when <= e.last_date]
    officer = next((o for o in view.scenario.officers_of(view.id) if o.id == officer_id), None)
    return w.render(
        "day.html",
        422 if problems else 200,
        title=f"{officer_id} on {day}",
        view=view,
        officer_id=officer_id,
        day=when,
        month=nearest_month(view, when),
        row=record,
        entries=on_day,
        styles=STATE_STYLE,
        kinds=entry_kinds([view]),
        # told today, as the entry log's form says; a day already past was told then
        # (an entry's notice may not come after its first day)
        notified=min(london_today(), when),
        problems=problems or [],
        form=form or {},
        # a day the scenario has the officer out of post (left, or not yet joined): no form
        # the log would refuse once filled in, whatever the roster published before says
        in_post=officer is not None and officer.in_post(when),
        **just_logged(w, added),
    )


def _day_sent_from(w: Web, back: str) -> tuple[ContractView, str, date] | None:
    """The officer-day whose page an entry form was sent from (``back``), if one the
    account may see: a refused entry is said there, as typed."""
    found = _DAY_PAGE.match(back)
    if found is None:
        return None
    try:
        view = w.contract(unquote(found[1]))
        officer_id = w.officer_id(view, unquote(found[2]))
        when = date.fromisoformat(found[3])
    except (NotFound, ValueError):
        return None
    officers = {o.id for o in view.scenario.officers_of(view.id)}
    if officer_id not in officers or not view.scenario.start <= when <= view.scenario.end:
        return None
    return view, officer_id, when


_DAY_PAGE = re.compile(r"^/contracts/([^/?]+)/officers/([^/?]+)/([0-9]{4}-[0-9]{2}-[0-9]{2})$")


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"  # 5 October 2026


def _day_path(view: ContractView, officer_id: str, day: date) -> str:
    return f"/contracts/{view.id}/officers/{quote(officer_id, safe='')}/{day.isoformat()}"


# --- the entry log ------------------------------------------------------------------------------


class LogQuery:
    """The entry log's filters as an address gives them (the page's and entries.csv's)."""

    def __init__(
        self,
        contract: str = "",
        officer: str = "",
        kind: str = "",
        status: str = "all",
        first: str = Query("", alias="from"),
        last: str = Query("", alias="to"),
    ) -> None:
        self.typed = (first, last)
        # an id typed or pasted with spaces around it, read as the entry form reads it
        self.fields = (contract.strip(), officer.strip(), kind, log_status(status))
        self.status = status

    def filters(self, first: str, last: str) -> Filters:
        return Filters(*self.fields, first, last)

    def status_problems(self, file: str = QUERY) -> list[Problem]:
        """A status the log has not (it showed every entry, saying nothing)."""
        if self.status.strip().lower() in STATUSES:
            return []
        return [Problem(file, "status", "give all, live or voided", self.status)]


STATUSES = ("all", "live", "voided")


def log_status(text: str) -> str:
    """The entry log's status filter as typed (``Live`` too); ``all`` for one it has not."""
    status = text.strip().lower()
    return status if status in STATUSES else "all"


@router.get("/entries", response_class=HTMLResponse)
def entries_page(
    request: Request, query: Annotated[LogQuery, Depends()], added: str = "", page: str = "1"
) -> Response:
    with web(request) as w:
        refused = [str(p) for p in query.status_problems(FORM)]  # as the days' are said
        first, last = query.typed
        days = filter_date(first, "from", refused), filter_date(last, "to", refused)
        if (problem := days_problem(*days)) is not None:
            refused.append(str(Problem(FORM, "to", problem, last)))
        dropped = filter_problems(w, *query.fields[::2], FORM)  # contract, kind
        refused += [str(p) for p in dropped]
        # a filter refused is not applied, as a day refused is not ("Not filtered by")
        filters = replace(query.filters(*days), **{p.field: "" for p in dropped})
        return _entries(w, filters, added=added, refused=refused, typed=query.typed, page=page)


@router.get("/entries.csv")
def entries_csv(request: Request, query: Annotated[LogQuery, Depends()]) -> Response:
    """Every entry the log's filters match (all its pages), as a spreadsheet opens it."""
    with web(request) as w:
        refused = query.status_problems() + filter_problems(w, *query.fields[::2])
        if refused:
            raise InputError(refused)
        found = visible_entries(w, query.filters(*typed_days(*query.typed)))
        text = rows_csv_text(ENTRY_FIELDS, (entry_record(w, e) for e in found))
        return Response(
            text.encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="entries.csv"'},
        )


def _entries(
    w: Web,
    filters: Filters,
    problems: list[str] | None = None,
    form: dict[str, str] | None = None,
    added: str = "",
    status_code: int = 200,
    refused: list[str] | None = None,
    typed: tuple[str, str] | None = None,
    page: str = "1",
    voiding: dict[str, Any] | None = None,
) -> Response:
    """The entry log, a page of it; ``problems`` of the log form (or of the void form
    ``voiding`` holds as typed, its entry's form open again), ``refused`` of the filter's
    days (``typed`` as they were typed)."""
    views = w.catalog.visible(w.account)
    kinds = entry_kinds(views)
    typed = typed or (filters.first, filters.last)
    shown = page_of(visible_entries(w, filters), page)
    return w.render(
        "entries.html",
        422 if refused else status_code,
        refused=refused or [],
        typed_days=typed,
        title="Entry log" if shown.number == 1 else f"Entry log, page {shown.number}",
        entries=shown.items,
        page=shown,
        links=page_links(shown, lambda n: _entries_address(filters, typed, n)),
        here=_entries_address(filters, typed, shown.number),
        download=_entries_address(filters, typed, 1).replace("/entries", "/entries.csv", 1),
        filters=filters,
        views=views,
        kinds=kinds,
        problems=problems or [],
        form=form or {},
        voiding=voiding or {},
        **just_logged(w, added),
        today=london_today().isoformat(),
    )


def just_logged(w: Web, added: str) -> dict[str, Any]:
    """What a page says of the entry an address's ``added`` names, just logged from its
    form (the log's, or an officer-day's): the entry; where it takes effect, its contract's
    re-roster, which shows the officer-days it changes before anything is published; and
    how a time in the hour the clocks repeat was read (the first, BST), as s92 abstract
    says it. Nothing of another contract's entry, or none, or one voided since (a void sent
    from the page comes back to it)."""
    shown = whole_number(added) if added.isascii() and len(added) < 19 else None
    entry = None if shown is None else w.store.entry(shown)
    if entry is None or not entry.is_live or not w.catalog.entry_visible(w.account, entry):
        return {"added": None, "added_view": None, "added_notes": []}
    return {
        "added": entry,
        "added_view": w.catalog.contract_of_entry(w.account, entry),
        "added_notes": entry_notes(entry),
    }


def _entries_address(filters: Filters, typed: tuple[str, str], number: int) -> str:
    """The log's address with these filters, on page ``number``: bookmarkable, and only
    the filters given (``/entries?officer=A-01&page=2``)."""
    query = {
        "contract": filters.contract,
        "officer": filters.officer,
        "kind": filters.kind,
        "status": "" if filters.status == "all" else filters.status,
        "from": typed[0].strip(),
        "to": typed[1].strip(),
        "page": "" if number == 1 else str(number),
    }
    given = urlencode({k: v for k, v in query.items() if v})
    return "/entries" + (f"?{given}" if given else "")


@router.post("/entries", response_class=HTMLResponse)
async def add_entry_form(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form(max_part_size=MAX_FIELD)).items()}
    return await _run_sync(_add_entry_form, request, form)


def _add_entry_form(request: Request, form: dict[str, str]) -> Response:
    with web(request) as w:
        w.check_csrf(form.get(CSRF_FIELD))
        w.planner()
        try:
            entry_id = add_entry(w, form)
        except InputError as exc:
            sent_from = _day_sent_from(w, form.get("back", ""))
            if sent_from is not None:  # said on the officer-day's page it was sent from
                view, officer_id, when = sent_from
                entries = officer_entries(w, view, officer_id)
                return _day_page(w, view, officer_id, when, entries, "", w.lines(exc), form)
            return _entries(w, Filters(), w.lines(exc), form, status_code=422)
        back = form.get("back", "")
        if back.startswith("/contracts/"):  # an officer-day's page, saying what was logged
            return RedirectResponse(f"{back.split('?')[0]}?added={entry_id}", status_code=303)
        # to a page of its own: a reload or the back button never sends the form again
        return RedirectResponse(f"/entries?added={entry_id}", status_code=303)


@router.post("/entries/{entry_id}/void", response_class=HTMLResponse)
def void_entry_form(
    request: Request,
    entry_id: str,
    reason: Annotated[str, Form()] = "",
    authorised_by: Annotated[str, Form()] = "",
    notified: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    with web(request) as w:
        w.check_csrf(csrf_token)
        w.planner()
        number = entry_number(entry_id)
        try:
            void_entry(w, number, reason, authorised_by, notified)
        except InputError as exc:  # said on the page of the log it was sent from
            filters, typed, page = _log_page_of(back)
            typed_void = {"id": number, "reason": reason, "authorised_by": authorised_by,
                          "notified": notified}  # fmt: skip
            return _entries(
                w, filters, w.lines(exc), status_code=422, typed=typed, page=page,
                voiding=typed_void,
            )  # fmt: skip
        # back to the page (and page of the log, filtered) the void was sent from
        target = _safe_next(back)
        if not target.startswith(("/entries", "/contracts/")):
            target = "/entries"
        return RedirectResponse(target, status_code=303)


def _log_page_of(address: str) -> tuple[Filters, tuple[str, str], str]:
    """The filters, days as typed and page of an address of the log (none for another
    page's address)."""
    path, _, query = address.partition("?")
    if path != "/entries":
        return Filters(), ("", ""), "1"
    given = {k: v[-1] for k, v in parse_qs(query).items()}
    typed = (given.get("from", ""), given.get("to", ""))
    ignored: list[str] = []  # a day refused when the page was shown was said then
    days = (filter_date(typed[0], "from", ignored), filter_date(typed[1], "to", ignored))
    fields = [given.get(k, "") for k in ("contract", "officer", "kind")]
    status = log_status(given.get("status", "all"))
    filters = Filters(fields[0], fields[1].strip(), fields[2], status, *days)
    return filters, typed, given.get("page", "1")


# --- admin ---------------------------------------------------------------------------------------


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, page: str = "1") -> Response:
    with web(request) as w:
        w.admin()
        accounts = Accounts(w.store).all()
        shown = page_read(actions(w.store), page, lambda n, skip: recent(w.store, n, skip))
        return w.render(
            "audit.html",
            title="Audit log" if shown.number == 1 else f"Audit log, page {shown.number}",
            audit=shown.items,
            page=shown,
            links=page_links(shown, lambda n: "/audit" if n == 1 else f"/audit?page={n}"),
            accounts=accounts,
            catalog=w.catalog,
        )


async def _run_sync(fn: Callable[..., T], *args: object) -> T:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)
