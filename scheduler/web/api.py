"""The JSON API (OpenAPI at /openapi.json, Swagger UI at /docs): the same permissions and
the same library calls as the pages. Bad input is 422 with each problem's field, value and
message as the command line words them; nothing is written unless all of it is good."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from scheduler.errors import InputError
from scheduler.store.accounts import Account
from scheduler.web.catalog import ContractView
from scheduler.web.context import CSRF_HEADER, QUERY, Web, web
from scheduler.web.entries import (
    Filters,
    entry_record,
    filter_problems,
    log_entry,
    typed_days,
    visible_entries,
    void_entry,
)
from scheduler.web.paging import PAGE_SIZE, page_of
from scheduler.web.report import PeriodError, contract_report, period_of

router = APIRouter(prefix="/api", tags=["api"])
DAY = "YYYY-MM-DD or DD/MM/YYYY"

Csrf = Annotated[
    str | None,
    Header(
        alias=CSRF_HEADER, description="the session's CSRF token, when not using a bearer token"
    ),
]


class ContractOut(BaseModel):
    id: str
    council: str
    bcu: str
    scheme: str
    scenario: str | None = Field(
        None,
        description="the scenario the contract is rostered in (planners only: a planner's "
        "name for it may name the other councils it holds)",
    )
    version: int = Field(
        description="the contract's own roster version: how many published versions changed "
        "it (what its pages show)"
    )
    published_at: str = Field(description="when that version was published")
    store_version: int | None = Field(
        None,
        description="the store's version id the change notices name, the latest they list "
        "(in a scenario spanning BCUs, not another BCU's since; planners only)",
    )
    officers: int
    posts: dict[str, int]


class EntryIn(BaseModel):
    """An abstraction, as ``s92 abstract add`` takes it (text, checked the same way)."""

    model_config = ConfigDict(extra="forbid")
    officer_id: str
    contract_id: str = Field(
        "",
        description="the officer's contract; needed only when an officer of that id stands "
        "in two contracts you may see (two scenarios' officers)",
    )
    date: str = Field(description="first day, YYYY-MM-DD")
    end_date: str = Field("", description="last day (default: date)")
    start: str = Field("", description="own tour start HH:MM (with end)")
    end: str = Field("", description="own tour end HH:MM")
    kind: str
    reason: str
    authorised_by: str
    notified: str = Field(description="day the officer was told, YYYY-MM-DD")


class VoidIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str
    authorised_by: str = ""
    notified: str = Field("", description="default today")


class Created(BaseModel):
    id: int


class EntryOut(BaseModel):
    """A logged entry as the entry log shows it (a voided one, and the entry voiding it,
    too: the log is append-only)."""

    id: int
    officer_id: str
    contract_id: str = Field(description="the contract it is logged for")
    date: str = Field(description="first day, YYYY-MM-DD")
    end_date: str = Field(description="last day")
    start: str | None = Field(description="its own tour's start HH:MM, else the rostered tour")
    end: str | None
    kind: str
    reason: str
    authorised_by: str
    notified: str
    logged_at: str
    voids: int | None = Field(description="the entry this one voids")
    voided_by: int | None = Field(description="the entry voiding this one")


class EntriesOut(BaseModel):
    total: int = Field(description="entries the filters match")
    page: int
    pages: int
    per_page: int
    entries: list[EntryOut] = Field(description="newest first")


class Problem422(BaseModel):
    loc: list[str]
    field: str
    value: Any = None
    msg: str
    line: str = Field(description="the problem as the command line prints it")


class Problems(BaseModel):
    detail: list[Problem422]


_422: dict[int | str, dict[str, Any]] = {422: {"model": Problems, "description": "bad input"}}

# an operation only planners and admins may call: said in its summary, and left out of the
# description a council account reads (``described_for``), which lists what it may call
PLANNERS = "x-s92-planners-only"
FOR_PLANNERS = " (planners and admins)"


def described_for(schema: dict[str, Any], account: Account | None) -> dict[str, Any]:
    """The OpenAPI description as ``account`` may use it: a council's (or a disabled
    account's) without the operations only planners may call, and without the schemas
    only those use; whoever is not logged in, a planner or an admin reads all of it."""
    if account is None or account.plans:
        return schema
    paths: dict[str, Any] = {}
    for path, operations in schema.get("paths", {}).items():
        kept = {m: op for m, op in operations.items() if not op.get(PLANNERS)}
        if kept:
            paths[path] = kept
    schemas = schema.get("components", {}).get("schemas", {})
    used = _refs(paths)
    while more := {r for name in used for r in _refs(schemas.get(name, {}))} - used:
        used |= more
    components = {**schema.get("components", {}), "schemas": {
        name: value for name, value in schemas.items() if name in used
    }}  # fmt: skip
    info = dict(schema.get("info", {}))
    info["description"] = (
        info.get("description", "") + " This account is a council's: it reads its own "
        "contracts; logging and voiding entries need a planner's account, and are not listed."
    )
    return {**schema, "info": info, "paths": paths, "components": components}


def _refs(node: object) -> set[str]:
    """The names of the component schemas ``node`` refers to."""
    if isinstance(node, dict):
        found = {str(v).rsplit("/", 1)[-1] for k, v in node.items() if k == "$ref"}
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


@router.get("/contracts", response_model=list[ContractOut], summary="The contracts you may see")
def contracts(request: Request) -> list[ContractOut]:
    """The contracts the caller may see."""
    with web(request) as w:
        return [_contract_out(w, v) for v in w.catalog.visible(w.account)]


def _contract_out(w: Web, v: ContractView) -> ContractOut:
    """A contract as the API gives it: its own roster version, as its pages name it (the
    store-wide id, which rises with every council's publications, only to planners)."""
    edition = w.edition(v)
    return ContractOut(
        id=v.id,
        council=v.contract.council,
        bcu=v.contract.bcu,
        scheme=v.contract.scheme,
        scenario=v.head.scenario if w.account.plans else None,
        version=edition.number,
        published_at=edition.published_at.isoformat(),
        store_version=w.store_version(v) if w.account.plans else None,
        officers=len(v.scenario.officers_of(v.id)),
        posts=v.contract.posts.model_dump(),
    )


@router.get("/contracts/{contract_id}/roster", responses=_422, summary="A contract's roster rows")
def roster(
    request: Request,
    contract_id: str,
    first: Annotated[str, Query(alias="from", description=DAY)] = "",
    last: Annotated[str, Query(alias="to", description=DAY)] = "",
) -> dict[str, Any]:
    """Rows of the roster table (latest published version) of one contract, from..to."""
    with web(request) as w:
        view = w.contract(contract_id)
        # read as every form reads a day, and refused in the command line's words
        days = typed_days(first, last)
        rows = w.library.contract_rows(w.store, view.version_id, view.id)
        dates = rows["date"].astype(str)
        if days[0]:
            rows = rows[dates >= days[0]]
            dates = rows["date"].astype(str)
        if days[1]:
            rows = rows[dates <= days[1]]
        records = rows.astype(object).where(rows.notna(), None).to_dict("records")
        out: dict[str, Any] = {"contract_id": view.id, "version": w.edition(view).number}
        if w.account.plans:
            out["store_version"] = w.store_version(view)
        return {**out, "rows": records}


@router.get(
    "/contracts/{contract_id}/report", responses=_422, summary="A contract's delivery report"
)
def report(request: Request, contract_id: str, period: str | None = None) -> Any:
    """The delivery report of one contract: ``summary`` (report.csv's row) and ``monthly``."""
    with web(request) as w:
        view = w.contract(contract_id)
        try:
            chosen = period_of(view, period)
        except PeriodError as exc:
            message = str(exc).removeprefix("period: ")
            raise InputError.one(QUERY, "period", message, period) from None
        d = contract_report(w, view, chosen).delivery
        return {
            "period": d.period.label,
            "summary": _records(d.summary),
            "monthly": _records(d.monthly),
            "notes": list(d.notes),
        }


def _records(frame: Any) -> list[dict[str, Any]]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@router.get("/entries", response_model=EntriesOut, responses=_422, summary="The entry log, a page")
def entries(
    request: Request,
    contract: str = "",
    officer: str = "",
    kind: str = "",
    status: Literal["all", "live", "voided"] = "all",
    first: Annotated[str, Query(alias="from", description=DAY)] = "",
    last: Annotated[str, Query(alias="to", description=DAY)] = "",
    page: Annotated[int, Query(ge=1, le=10**9)] = 1,
) -> EntriesOut:
    """The entries of the contracts you may see, newest first, 100 a page: those of
    ``contract``, ``officer`` and ``kind`` when given, ``live`` or ``voided`` ones, and
    those with a day from ``from`` to ``to``."""
    with web(request) as w:
        days = typed_days(first, last)
        if refused := filter_problems(w, contract, kind):
            raise InputError(refused)
        found = visible_entries(w, Filters(contract, officer.strip(), kind, status, *days))
        shown = page_of(found, str(page))
        return EntriesOut(
            total=shown.total,
            page=shown.number,
            pages=shown.pages,
            per_page=PAGE_SIZE,
            entries=[EntryOut.model_validate(entry_record(w, e)) for e in shown.items],
        )


@router.post(
    "/entries",
    status_code=201,
    response_model=Created,
    responses={**_422, 200: {"model": Created, "description": "sent before: already logged"}},
    summary="Log an entry" + FOR_PLANNERS,
    openapi_extra={PLANNERS: True},
)
def add(request: Request, response: Response, entry: EntryIn, csrf: Csrf = None) -> Created:
    """Log an abstraction (planner or admin). The same entry sent again is logged once:
    answered 200 with the id of the live entry it repeats."""
    with web(request) as w:
        w.check_csrf(csrf)
        entry_id, new = log_entry(w, entry.model_dump())
        if not new:
            response.status_code = 200
        return Created(id=entry_id)


@router.post(
    "/entries/{entry_id}/void",
    status_code=201,
    response_model=Created,
    responses={**_422, 200: {"model": Created, "description": "sent before: already voided"}},
    summary="Void an entry" + FOR_PLANNERS,
    openapi_extra={PLANNERS: True},
)
def void(
    request: Request, response: Response, entry_id: int, body: VoidIn, csrf: Csrf = None
) -> Created:
    """Void an entry (planner or admin); the id of the voiding entry. The same void sent
    again is answered 200 with the voiding entry's id."""
    with web(request) as w:
        w.check_csrf(csrf)
        w.planner()
        voiding, new = void_entry(w, entry_id, body.reason, body.authorised_by, body.notified)
        if not new:
            response.status_code = 200
        return Created(id=voiding)
