"""``s92 serve``'s application: FastAPI routes over the store, Jinja2 pages, no JavaScript
framework (the pages work with scripting off; the OpenAPI page at /docs uses Swagger UI,
served from the package, never from the internet).

Every response carries a Content-Security-Policy that forbids framing (clickjacking),
inline script and any origin but our own; pages are not cached; the session cookie is
HttpOnly and SameSite=Lax, and Secure with ``--https-only``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.responses import JSONResponse as _JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scheduler.errors import InputError, Problem, clipped
from scheduler.store.store import Store
from scheduler.web import kept
from scheduler.web.catalog import Library, warm
from scheduler.web.context import (
    ASKED_HEAD,
    COOKIE,
    MAX_FIELD,
    PATH,
    PLANNERS_ONLY,
    QUERY,
    UNREADABLE,
    Connections,
    LoginRequired,
    Moved,
    Settings,
    authenticate,
    for_users,
    open_store,
    refuse_unreadable_form,
    render,
)
from scheduler.web.grid import STATE_STYLE
from scheduler.web.jobs import Jobs

ENV_DB = "S92_SERVE_DB"
ENV_HTTPS = "S92_SERVE_HTTPS_ONLY"
STATIC = Path(__file__).parent / "static"

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# the roster's state colours, as roster.xlsx has them (scheduler.export.xlsx)
STATES_CSS = "".join(
    f".s-{state.lower()}{{background:#{fill};color:#{ink}}}"
    for state, (fill, ink) in STATE_STYLE.items()
)


def create_app(db: str | Path, *, https_only: bool = False) -> FastAPI:
    from scheduler.web import api, feeds, pages, planner, report

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm, args=(app,), daemon=True).start()
        yield
        app.state.jobs.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="s92",
        summary="Section 92 rosters, entries and contract delivery",
        description="The JSON API of `s92 serve`. Authenticate with `Authorization: Bearer "
        "TOKEN` (`s92 token create NAME`) or a logged-in session (then send the form's CSRF "
        "token as `X-CSRF-Token` on POST). A planner sees the contracts of their BCUs, a "
        "council account only its own contracts, an admin all. Bad input is answered 422 "
        "with the field, value and message the command line gives.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, as the caller may use it
        form_limits={"max_part_size": MAX_FIELD},  # a field is as long as a body may be
    )
    app.state.settings = Settings(Path(db), https_only)
    app.state.library = Library()
    app.state.jobs = Jobs()
    app.state.connections = Connections()
    app.add_middleware(_BodyLimit)  # innermost: its refusal reaches the routes' error pages
    app.add_middleware(_FormText)
    app.add_middleware(_SecurityHeaders, https_only=https_only)
    app.add_middleware(_HeadAsGet)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _mount_swagger(app)

    @app.get("/states.css", include_in_schema=False)
    def states_css() -> Response:
        return Response(
            STATES_CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(request: Request) -> Response:
        try:
            with open_store(request) as store:
                account, _ = authenticate(request, store)
        except Exception:  # the store is down: the description all may read
            logging.getLogger(__name__).debug("no account for /openapi.json", exc_info=True)
            account = None
        return JSONResponse(api.described_for(app.openapi(), account))

    for module in (pages, planner, report, feeds):
        app.include_router(module.router, dependencies=[Depends(refuse_unreadable_form)])
    app.include_router(api.router)
    _errors(app)
    return app


def create_app_from_env() -> FastAPI:
    """For uvicorn's ``--factory`` with several workers: the settings come from the
    environment ``s92 serve`` set."""
    redact_access_log()
    return create_app(os.environ[ENV_DB], https_only=bool(os.environ.get(ENV_HTTPS)))


def _warm(app: FastAPI) -> None:
    try:
        with Store(app.state.settings.db, create=False) as store:
            warm(app.state.library, store)
    except Exception:  # only a head start: requests make what they need
        logging.getLogger(__name__).warning("could not preload the store", exc_info=True)


class _SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: object, https_only: bool) -> None:
        super().__init__(app)  # type: ignore[arg-type]  # an ASGI app
        self.https_only = https_only

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        return secured(await call_next(request), request.url.path, self.https_only)


def secured(response: Response, path: str, https_only: bool) -> Response:
    """The response with every page's security headers (``_SecurityHeaders``; a server
    fault's page, answered outside the middleware, gets them here)."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"  # feed URLs are capabilities
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if not path.startswith(("/static/", "/feeds/")):
        headers.setdefault("Cache-Control", "no-store")
    if https_only:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


class _HeadAsGet:
    """HEAD is answered as GET is, to the same account and with the same headers, without
    the body (FastAPI routes only the methods named, so HEAD was 405 everywhere: a calendar
    app or link checker that asks HEAD first was refused)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return  # a streamed chunk: the last message ends the response
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET", ASKED_HEAD: True}, receive, headers_only)


MAX_BODY = MAX_FIELD  # an entry, a void, a form: a few hundred bytes; not the upload's


class _BodyLimit:
    """Refuse (413) a request body over ``MAX_BODY``, but a roster's upload (which has its
    own limit): the API read a JSON body of any size into memory before looking at it.
    Refused when the route reads it (its error page or JSON then says so): at once when
    its length is given, else once that much has arrived."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].endswith("/upload"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        seen = int(length) if length.isdigit() and int(length) > MAX_BODY else 0

        async def counted() -> Message:
            nonlocal seen
            if seen > MAX_BODY:
                raise HTTPException(413, _TOO_LARGE)
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise HTTPException(413, _TOO_LARGE)
            return message

        await self.app(scope, counted, send)


_TOO_LARGE = f"The request is larger than {MAX_BODY // 2**20} MB"

FORM = "application/x-www-form-urlencoded"


class _FormText:
    """A page's form body that is not UTF-8 (a client or proxy that sent Windows-1252) is
    refused, 400 in one line naming the field: Starlette read each byte it could not
    decode as U+FFFD, so "café" was logged as "caf\ufffd" without a word. Read here, where
    the raw bytes are, and said by ``refuse_unreadable_form`` (a dependency of every page
    route, so with the error page's account); the API refuses such a body as not JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = dict(scope.get("headers") or ()).get(b"content-type", b"")
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"].startswith("/api/")
            or kind.split(b";")[0].strip().lower() != FORM.encode()
        ):
            await self.app(scope, receive, send)
            return
        held: list[Message] = []
        size = 0
        while True:  # at most MAX_BODY held: past it _BodyLimit refuses the rest anyway
            message = await receive()
            held.append(message)
            size += len(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body"):
                break
            if size > MAX_BODY:
                break
        if size <= MAX_BODY:
            body = b"".join(m.get("body", b"") for m in held)
            if (field := unreadable_field(body)) is not None:
                scope = {**scope, UNREADABLE: field}

        async def replay() -> Message:
            return held.pop(0) if held else await receive()

        await self.app(scope, replay, send)


def _in_our_words(request: Request, exc: StarletteHTTPException) -> str:
    """A refusal as a page says it: Starlette's own for an address no route has ("Not
    Found", "Method Not Allowed") in the app's words, the app's as they are."""
    detail = str(exc.detail)
    if detail != HTTPStatus(exc.status_code).phrase:
        return detail
    if exc.status_code == 404:
        return "No such page: check the address"
    if exc.status_code == 405:
        return f"This address does not take a {request.method}: use the page's links and buttons"
    return detail


def unreadable_field(body: bytes) -> str | None:
    """The name of the first field of a urlencoded body whose name or value is not UTF-8
    (the name as far as it reads)."""
    from urllib.parse import unquote_to_bytes

    for pair in body.split(b"&"):
        name, _, value = pair.partition(b"=")
        raw_name = unquote_to_bytes(name.replace(b"+", b" "))
        raw_value = unquote_to_bytes(value.replace(b"+", b" "))
        try:
            raw_name.decode("utf-8")
            raw_value.decode("utf-8")
        except UnicodeDecodeError:
            return raw_name.decode("utf-8", "replace")
    return None


def _mount_swagger(app: FastAPI) -> None:
    try:
        import swagger_ui_bundle
    except ImportError:  # pragma: no cover - a dependency; /openapi.json still works
        return
    app.mount("/swagger-ui", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path))

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return render(request, "docs.html", title="API")


class JSONResponse(_JSONResponse):
    """A refusal in JSON that may quote what was sent: a string with a lone surrogate
    (JSON's "\\ud800", which no UTF-8 can hold) is sent back escaped as it came, not
    made a 500 by encoding it."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode("utf-8", "backslashreplace")


def _errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required_page(request: Request, exc: LoginRequired) -> Response:
        response = login_required(request, exc)
        if request.method != "POST" or _wants_json(request) or request.url.path == "/logout":
            return response
        # what was typed into the form, kept for its page once the same account is back
        try:
            form = await request.form()
        except Exception:  # a body that cannot be read: nothing kept, the redirect stands
            return response
        back = form.get("back")
        page = (
            back if isinstance(back, str) and _safe_page(back) else _page_of(app, request.url.path)
        )
        try:
            with open_store(request) as store:
                name = kept.session_account(store, request, COOKIE)
        except InputError:
            return response
        value = None if name is None else kept.keep(form, request.url.path, page, name)
        if value is not None:
            response = _to_login(page, "kept")
            response.set_cookie(
                kept.KEPT,
                value,
                max_age=kept.KEPT_AGE,
                path="/",
                httponly=True,
                samesite="strict",
                secure=request.app.state.settings.https_only,
            )
        return response

    def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": "log in, or send Authorization: Bearer TOKEN"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path
        if request.url.query and request.method == "GET":
            target += "?" + request.url.query
        if request.method != "GET":  # back to the page the form was on, to send it again
            target = _page_of(app, request.url.path)
        if not target.startswith("/"):
            target = "/"
        # a form sent once the session had ended was not saved: the login page says so
        lost = request.method != "GET" and request.url.path != "/logout"
        return _to_login(target, "1" if lost else "")

    def _caller_refused(request: Request) -> Response | None:
        """An API call FastAPI refused before its route ran (a body or query it could not
        read, a body too large) is first refused as its route would refuse the caller: no
        valid session or token, 401 (log in); a council's POST, 403 (every POST of the API
        changes the entry log, a planner's work), not what was wrong with what they sent
        (422: a logged-out POST /api/entries with no body). A store that cannot say
        leaves the refusal as it was."""
        try:
            with open_store(request) as store:
                account = authenticate(request, store)[0]
        except InputError:
            return None
        if account is None:
            return login_required(request, LoginRequired())
        if request.method == "POST" and not account.plans:
            return JSONResponse({"detail": PLANNERS_ONLY}, status_code=403)
        return None

    @app.exception_handler(Moved)
    def moved(request: Request, exc: Moved) -> Response:
        return RedirectResponse(exc.location, status_code=308)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # with the refusal's own headers: a 405's Allow names the methods the address takes
        headers = dict(exc.headers or {})
        too_large = exc.status_code == 413 and _wants_json(request)
        if too_large and (refused := _caller_refused(request)) is not None:
            return refused
        if exc.status_code == 405:
            headers["Allow"] = _allowed(app, request.url.path)
            if request.method == "OPTIONS":  # what the address takes: no body, no error
                return Response(status_code=204, headers=headers)
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=headers
            )
        said = _in_our_words(request, exc)
        response = _error_page(request, exc.status_code, title=said, message=said)
        response.headers.update(headers)
        return response

    @app.exception_handler(InputError)
    def input_error(request: Request, exc: InputError) -> Response:
        problems = for_users(exc.problems, request.app.state.settings.db)
        if _wants_json(request):
            return JSONResponse({"detail": problems_json(problems)}, status_code=422)
        # a page's action refused (a preview gone stale, the store locked): a page saying
        # why, in the problems' own words (not the server's file names)
        messages = [_said(p) for p in problems]
        return _error_page(request, 422, title="Not done", message=messages[0], more=messages[1:])

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [_invalid(e) for e in exc.errors()]
        if _wants_json(request):
            if (refused := _caller_refused(request)) is not None:
                return refused  # who asks is decided before what was sent
            kind = request.headers.get("content-type", "")
            whole_body = any(tuple(e.get("loc", ())) == ("body",) for e in exc.errors())
            if whole_body and kind.split(";")[0].strip().lower() != "application/json":
                # a JSON body sent as a form or text was read as no object at all
                detail = [_not_json(kind)]
            return JSONResponse({"detail": detail}, status_code=422)
        # a page's path or query with a malformed number (a hand-edited address): said in
        # the address's own words, what was typed in it, never the route's parameter name
        said = "; ".join(_address_part(d["field"], d["value"]) for d in detail)
        message = f"This address is not understood: {said}"
        return _error_page(request, 422, title="Not understood", message=message)

    @app.exception_handler(Exception)
    def server_error(request: Request, exc: Exception) -> Response:
        # the server's own fault (logged with its traceback by the server): the user gets
        # the app's page and its way back, never the traceback or a bare "Internal Server
        # Error"; the API its JSON. Answered outside every middleware (Starlette's
        # ServerErrorMiddleware calls this): the security headers are set here.
        https_only = request.app.state.settings.https_only
        response: Response
        if _wants_json(request):
            response = JSONResponse({"detail": SERVER_FAULT}, status_code=500)
        else:
            response = _error_page(request, 500, title="Server error", message=SERVER_FAULT)
        return secured(response, request.url.path, https_only)


SERVER_FAULT = (
    "Something went wrong on the server: try again, and if it happens again tell whoever runs it"
)


def _error_page(request: Request, status: int, **values: Any) -> Response:
    """An error page with the app's layout for whoever asks: the logged-in account's
    navigation (and its log-out form), or the login link when no one is logged in; neither
    when the store cannot say who asks (its fault may be why the page is an error)."""
    account, csrf, signed_out = None, "", False
    try:
        with open_store(request) as store:
            account, session = authenticate(request, store)
        csrf = session.csrf if session is not None else ""
        signed_out = account is None
    except Exception:  # the store is down: the page without anyone's navigation
        logging.getLogger(__name__).debug("no account for an error page", exc_info=True)
    return render(
        request, "error.html", status, account=account, csrf=csrf, signed_out=signed_out,
        **values,
    )  # fmt: skip


JSON_BODY = "<request body>"  # names a JSON body in problems, as QUERY an address


WHOLE_NUMBER_ERRORS = frozenset({"int_parsing", "int_type", "int_from_float"})


def _invalid(error: Any) -> dict[str, object]:
    """A request FastAPI could not read, as ``problems_json`` words the others (the 422's
    documented shape: ``line`` too): the field its name, never a JSON body's character
    position (a body that is not JSON was "field": "22")."""
    loc = list(error.get("loc", ()))
    names = [str(part) for part in loc[1:] if isinstance(part, str)]
    part = str(loc[0]) if loc else "body"
    field = names[-1] if names else part
    message = str(error.get("msg", ""))
    if error.get("type") in WHOLE_NUMBER_ERRORS:  # pydantic's "Input should be a valid integer"
        message = "not a whole number"
    if error.get("type") == "json_invalid":
        reason = str((error.get("ctx") or {}).get("error", "")).strip()
        at = f" at character {loc[-1]}" if loc and isinstance(loc[-1], int) else ""
        message = "not valid JSON" + (f" ({reason}{at})" if reason else at)
    given = error.get("input")
    missing = error.get("type") == "missing" or not isinstance(given, str | int | float)
    value = None if missing else given
    file = {"query": QUERY, "path": PATH}.get(part, JSON_BODY)
    line = str(Problem(file, field if names or file != JSON_BODY else "", message, value))
    value = clipped(value) if isinstance(value, str) else value
    where = [str(p) for p in loc if isinstance(p, str)]  # the schema's loc: names only
    return {"loc": where, "field": field, "value": value, "msg": message, "line": line}


ADDRESS_WORDS = {  # a page address's number, as its user names it
    "n": "the chart number",
    "version": "the roster version",
    "entry_id": "the entry number",
}


def _address_part(field: object, value: object) -> str:
    """A number in a page's address that is none, in the user's words: what it is and
    what was typed (``the chart number "abc" is not a whole number``)."""
    name = ADDRESS_WORDS.get(str(field), str(field))
    if value is None or str(value).strip() == "":
        return f"{name} is blank, not a whole number"
    return f'{name} "{value}" is not a whole number'


def _not_json(kind: str) -> dict[str, object]:
    message = "send a JSON object with Content-Type: application/json"
    value = kind or None
    line = str(Problem(JSON_BODY, "Content-Type", message, value))
    return {"loc": ["header", "content-type"], "field": "Content-Type", "value": value,
            "msg": message, "line": line}  # fmt: skip


def _to_login(target: str, unsaved: str) -> Response:
    return RedirectResponse(
        f"/login?next={_quote(target)}" + (f"&unsaved={unsaved}" if unsaved else ""),
        status_code=303,
    )


def _safe_page(target: str) -> bool:
    """A path on this site (a form's ``back``): never another site's."""
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


def _page_of(app: FastAPI, path: str) -> str:
    """The page a form posting to ``path`` is on: the path itself, or the nearest one
    above it that is a page (``/entries/5/void`` is sent from ``/entries``)."""
    while path not in ("", "/logout"):
        scope = {"type": "http", "method": "GET", "path": path}
        if any(route.matches(scope)[0] == Match.FULL for route in app.router.routes):
            return path
        path = path.rsplit("/", 1)[0]
    return "/"


def _allowed(app: FastAPI, path: str) -> str:
    """The methods some route at ``path`` takes (Starlette's 405 names only the first
    route's: ``Allow: GET`` on /entries, which takes POST too), HEAD wherever GET is, and
    OPTIONS (answered 204 with this list)."""
    methods: set[str] = set()
    for route in app.router.routes:
        for method in ("GET", "POST"):
            scope = {"type": "http", "method": method, "path": path}
            if route.matches(scope)[0] == Match.FULL:
                methods.add(method)
    methods |= {"HEAD"} if "GET" in methods else set()
    methods |= {"OPTIONS"} if methods else set()
    return ", ".join(sorted(methods))


def _said(p: Problem) -> str:
    """A problem as an error page says it: an address's field and value named (the page
    is all the user has to find which part of the address was wrong)."""
    if p.file != QUERY or not p.field:
        return p.message
    value = f" (got {clipped(p.value)!r})" if isinstance(p.value, str) else ""
    return f"{p.field} in the address: {p.message}{value}"


def problems_json(problems: list[Problem]) -> list[dict[str, object]]:
    return [
        {
            "loc": ["query" if p.file == QUERY else "body", p.field],
            "field": p.field,
            "value": clipped(p.value) if isinstance(p.value, str) else p.value,
            "msg": p.message,
            "line": str(p),
        }
        for p in problems
    ]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


_FEED_PATH = re.compile(r"/feeds/[^/\s\"?]+")


class _RedactFeeds(logging.Filter):
    """Access logs name the path; a feed's path is its token: log it as /feeds/<token>."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _FEED_PATH.sub("/feeds/<token>.ics", a) if isinstance(a, str) else a
                for a in record.args
            )
        record.msg = _FEED_PATH.sub("/feeds/<token>.ics", str(record.msg))
        return True


def redact_access_log() -> None:
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _RedactFeeds) for f in logger.filters):
        logger.addFilter(_RedactFeeds())
