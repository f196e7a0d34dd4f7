"""Planner pages: re-roster with a preview then publish, upload of an edited roster to
check and publish, change notices, officers' feed tokens, and the roster downloads."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import pandas as pd
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from calendars import day_problem, london_today, typed_day_as_text
from scheduler.check import is_workbook, load_roster
from scheduler.check.read import RosterFile
from scheduler.check.source import refuse_faults, rows_of
from scheduler.check.standing import Standing, check_standing, standing
from scheduler.errors import InputError, Problem, clipped
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.stale_workbook import refuse_stale_workbook
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.files import csv_text
from scheduler.limits import date_problem
from scheduler.roster.changes import changed, no_changes
from scheduler.roster.kept import refuse_kept_csv
from scheduler.roster.reroster import change_notice, normalised, unrostered_service
from scheduler.store import previews
from scheduler.store.apply import require_applied, require_honoured
from scheduler.store.audit import log
from scheduler.store.entries import Entry, RosterVersion, scenario_leave
from scheduler.store.feeds import (
    Feed,
    feed_of,
    former_contracts,
    live_feeds,
    replace_feed_token,
    revoke_feed,
)
from scheduler.store.previews import Outcome, Preview
from scheduler.store.scenarios import heads, stored_scenario, stored_text
from scheduler.store.validate import entry_date, late_notice
from scheduler.web.catalog import ContractView
from scheduler.web.context import (
    ASKED_HEAD,
    MAX_FIELD,
    NEW_FEED,
    NEW_FEED_PATH,
    NotFound,
    Web,
    web,
)
from scheduler.web.entries import contract_entries, waiting_entries
from scheduler.web.jobs import (
    NOTIFIED,
    UNCHANGED,
    Jobs,
    RerosterRequest,
    compose,
    find,
    verified,
)
from scheduler.web.pages import pending_days
from scheduler.web.paging import PAGE_SIZE
from scheduler.web.versions import known_version, listed_versions
from scheduler.wording import counted, no_change

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 20 * 1024 * 1024
FORM_OVERHEAD = 64 * 1024  # the form's other fields and multipart boundaries
DEFAULT_TIME_LIMIT = 10.0
WEB_REROSTER = "Re-roster from {day}, then Publish"  # the command line's, on the web
# the roster.xlsx s92 writes, roster.csv, and roster.csv as Excel saves it as Unicode Text
UPLOAD_SUFFIXES = (".xlsx", ".csv", ".txt", ".tsv")
UPLOAD_FIELD = "roster file"  # the upload form's field, as its label names it
# the time limit's digits, as README says: decimals too, as ``s92 reroster --time-limit``
SECONDS = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")
# a council on a change notice's page: what it reads instead (the notices number the store's
# versions, and a council's pages number its contract's own)
NOTICES_ARE_PLANNERS = (
    "Change notices are the planners' pages: a council reads its contract's latest roster "
    "on its Roster tab and the officer-days delivered on its Delivery report"
)
FEEDS_ARE_PLANNERS = "Only planners make and revoke officers' calendar feeds"
NO_FILE = "none chosen: choose the roster.xlsx s92 wrote, or a roster.csv"


def jobs_of(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


# --- re-roster ------------------------------------------------------------------------------


@router.get("/contracts/{contract_id}/reroster", response_class=HTMLResponse)
def reroster_page(request: Request, contract_id: str) -> Response:
    with web(request) as w:
        w.planner()
        view = w.contract(contract_id)
        return _reroster_form(w, view)


def _reroster_form(
    w: Web,
    view: ContractView,
    problems: list[str] | None = None,
    typed: dict[str, str] | None = None,
) -> Response:
    """The re-roster form; refused, with the problems and what the planner typed."""
    now = london_today()
    s = view.scenario
    start = min(max(now + timedelta(1), s.start), s.end)
    typed = typed or {}
    _, count = pending_days(w, view)
    rows = w.library.contract_rows(w.store, view.version_id, view.id)
    waiting = waiting_entries(w, view, rows)
    return w.render(
        "reroster.html",
        422 if problems else 200,
        # the form first, then the entries it brings in (a year's import is thousands)
        entries=sorted(waiting, key=lambda e: -e.id)[:PAGE_SIZE],
        title=f"Re-roster {view.id}",
        view=view,
        from_date=typed.get("from_date", start.isoformat()),
        notified=typed.get("notified", ""),  # blank: ``told_by_default`` of the day typed
        time_limit=typed.get("time_limit", f"{DEFAULT_TIME_LIMIT:g}"),
        pending=count,
        problems=problems or [],
    )


@router.post("/contracts/{contract_id}/reroster")
def start_reroster(
    request: Request,
    contract_id: str,
    from_date: Annotated[str, Form()] = "",
    notified: Annotated[str, Form()] = "",
    time_limit: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    with web(request) as w:
        w.check_csrf(csrf_token)
        w.planner()
        view = w.contract(contract_id)
        s = view.scenario
        problems: list[str] = []
        first = _date(from_date, "from", problems)
        told = _date(notified, "notified", problems) if notified.strip() else None
        limit = _seconds(time_limit, problems)
        if first is not None and not s.start <= first <= s.end:
            problems.append(f"from: outside the horizon {s.start} to {s.end} (got {first})")
        elif first is not None:  # as s92 reroster refuses them, before the solve
            late = None if told is None else late_notice(told, first, f"the first day {first}")
            problems += [] if late is None else [f"notified: {late} (got {clipped(notified)!r})"]
            published = w.library.table(w.store, view.version_id)
            known = known_version(w, view, view.version_id)
            unrostered = unrostered_service(s, published, known, first, {contract_id})
            problems += own_lines(w, view, unrostered, _unrostered_of_theirs)  # not named
        if problems or first is None:
            # shown again to be mended (a page pasted in, a part of it)
            typed = {"from_date": clipped(from_date, 200), "notified": clipped(notified, 200),
                     "time_limit": clipped(time_limit, 200)}  # fmt: skip
            return _reroster_form(w, view, problems, typed)
        assert view.head.text_version_id is not None
        job, started = jobs_of(request).start_reroster(
            w.store,
            w.account.name,
            RerosterRequest(
                w.settings.db,
                view.head.scenario,
                view.version_id,
                view.head.text_version_id,
                view.id,
                first,
                told or told_by_default(first),
                limit,
                today=london_today(),
            ),
        )
        if started:
            log(w.store, w.account.name, "reroster.start", view.id, f"from {first}")
        return RedirectResponse(f"/contracts/{view.id}/jobs/{job.id}", status_code=303)


def told_by_default(first: date) -> date:
    """When officers are told of a re-roster from ``first`` if the planner does not say:
    today, as the planner acts now, or the day before ``first`` if that is earlier (a
    horizon already past). Worked out from the day submitted, never from the form's
    default: a day the planner changes would leave a pre-filled one stale."""
    return min(london_today(), first - timedelta(1))


def _date(text: str, field: str, problems: list[str]) -> date | None:
    """A form's date, checked as the command line checks ``--from`` and ``--notified``
    (``YYYY-MM-DD`` or ``DD/MM/YYYY``)."""
    if not text.strip():  # as the command line says of a --from left out
        problems.append(f"{field}: missing: give a date, YYYY-MM-DD or DD/MM/YYYY")
        return None
    typed = typed_day_as_text(text.strip())
    day = entry_date(typed)
    problem = day_problem(typed) if day is None else date_problem(day)
    if problem:
        problems.append(f"{field}: {problem} (got {clipped(text)!r})")
        return None
    return day


def _seconds(text: str, problems: list[str]) -> float:
    if not text.strip():
        return DEFAULT_TIME_LIMIT
    # digits as typed on an English keyboard: float() reads "٣٠" (Arabic-Indic), "1_0",
    # "1e2" and "inf" too, which the form's page shows back as nothing a planner typed
    value = float(text) if SECONDS.fullmatch(text.strip()) else -1.0
    if not 1 <= value <= 600:
        problems.append(
            f"time_limit: give 1 to 600 seconds per contract, as 30 or 7.5 (got {clipped(text)!r})"
        )
        return DEFAULT_TIME_LIMIT
    return value


def _job(w: Web, view: ContractView, job_id: str) -> Preview:
    job = find(w.store, job_id, w.account.name, view.id)
    if job is None:
        raise NotFound("No such re-roster")
    return job


@router.get("/contracts/{contract_id}/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, contract_id: str, job_id: str) -> Response:
    with web(request) as w:
        w.planner()
        view = w.contract(contract_id)
        return _job_view(w, view, _job(w, view, job_id))


def _job_view(
    w: Web, view: ContractView, job: Preview, status_code: int = 200, *, stale: bool = False
) -> Response:
    outcome = job.outcome
    unchanged = outcome is not None and outcome.lines[:1] == [UNCHANGED]
    known = known_version(w, view, job.base_version)
    if outcome is not None:
        outcome = replace(outcome, lines=own_lines(w, view, outcome.lines))
    return w.render(
        "job.html",
        status_code,
        title=f"Preview: {view.id}",
        view=view,
        job=job,
        outcome=outcome,
        stale=stale or not stands(w, view, job),
        known=known,
        ahead=previews.ahead(w.store, job) if job.waiting else 0,
        unchanged=unchanged,
        unchanged_line=_first_up(no_change(w.version_named(view, known))),
        # no roster was made at all (no lawful one around the entries): no changes to count
        no_roster=outcome is not None
        and not outcome.ok
        and not outcome.breaches
        and not unchanged
        and outcome.changes.empty,
        summary=_summary(outcome.changes) if outcome is not None else None,
        by_officer=_by_officer(outcome.changes) if outcome is not None else [],
        again=_asked(job),
    )


def _asked(job: Preview) -> dict[str, str]:
    """What a web re-roster was asked (its first day, the day officers are told, its
    seconds), for the form that starts it again once it stopped or made no roster; none
    for an upload, or a note that does not say them."""
    first = from_of(job.note) if job.kind == "reroster" else None
    told = notified_on(job.note)
    if first is None or told is None:
        return {}
    seconds = f"{job.time_limit:g}" if job.time_limit > 0 else f"{DEFAULT_TIME_LIMIT:g}"
    return {"from_date": first.isoformat(), "notified": told.isoformat(), "time_limit": seconds}


def _first_up(line: str) -> str:
    return line[:1].upper() + line[1:]


def _summary(changes: pd.DataFrame) -> list[tuple[int, str]]:
    """The preview's tiles: each count with its words, in the singular for one ("1 officer
    affected", not "1 officers affected")."""
    comp = changes["compensation"].astype(str)
    counts = [
        (len(changes), "officer-day changes", "officer-days change"),
        (changes["officer_id"].nunique(), "officer affected", "officers affected"),
        (
            int(comp.str.startswith("rest day cancelled").sum()),
            "rest day cancelled at short notice",
            "rest days cancelled at short notice",
        ),
        (
            int(comp.str.startswith("re-rostered rest day").sum()),
            "re-rostered rest day",
            "re-rostered rest days",
        ),
        (
            int(comp.str.startswith("public holiday").sum()),
            "public holiday worked",
            "public holidays worked",
        ),
    ]
    return [(n, one if n == 1 else many) for n, one, many in counts]


def _by_officer(changes: pd.DataFrame) -> list[tuple[str, list[dict[str, object]]]]:
    out = []
    for officer_id, rows in changes.groupby("officer_id", sort=True):
        records = rows.sort_values("date").to_dict("records")
        out.append((str(officer_id), [{str(k): v for k, v in r.items()} for r in records]))
    return out


@router.post("/contracts/{contract_id}/jobs/{job_id}/publish")
def publish_job(
    request: Request, contract_id: str, job_id: str, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    with web(request) as w:
        w.check_csrf(csrf_token)
        w.planner()
        view = w.contract(contract_id)
        job = _job(w, view, job_id)
        if job.published is not None:
            return RedirectResponse(f"/contracts/{view.id}/notices", status_code=303)
        if not stands(w, view, job):  # a second tab's button: the page says why
            return _job_view(w, view, job, 409)
        full = previews.get(w.store, job.id, with_roster=True)
        outcome = full.outcome if full is not None else None
        if outcome is None or not outcome.ok or outcome.table is None:
            raise NotFound("Nothing to publish")
        if not previews.claim(w.store, job.id):  # the button pressed twice: the first publishes
            return RedirectResponse(f"/contracts/{view.id}/notices", status_code=303)
        version = None
        for _ in range(PUBLISH_TRIES):
            try:
                version = publish_outcome(w, view, job, outcome)
                break
            except BaseException as exc:
                if not isinstance(exc, InputError) or (
                    w.store.latest_version(job.scenario) == view.version_id
                ):
                    previews.release(w.store, job.id)
                    raise  # not a race: the store's own fault (locked, disk full), said as such
            # another planner's publication landed between the check above and this one's
            # write, and the store refused it: published over it when it left this contract
            # as it was (another BCU's, often), as a preview made before it is
            view = w.contract(contract_id)
            if not stands(w, view, job):
                break
        if version is None:  # a roster changing this contract since (or one landing on
            previews.release(w.store, job.id)  # every try): the page says so
            return _job_view(w, view, _job(w, view, job_id), 409, stale=True)
        previews.mark_published(w.store, job.id, version)
        return RedirectResponse(f"/contracts/{view.id}/notices?version={version}", status_code=303)


PUBLISH_TRIES = 3  # publications of other contracts landing during one's write, published over


def publish_outcome(w: Web, view: ContractView, job: Preview, outcome: Outcome) -> int:
    """Store the checked roster as a new version, unless another was published since the
    preview was made (its changes would be silently undone): checked by the store in the
    publication's own transaction, so two planners publishing at once cannot race past it.
    Versions published since that left this contract as it was (another contract's, often
    another BCU's) stand: the preview's rows of this contract go in place of theirs."""
    text = stored_text(w.store, job.scenario_version)
    assert outcome.table is not None
    table = outcome.table
    if view.version_id != job.base_version:  # ``stands`` said the contract is as it was
        table = compose(w.library.table(w.store, view.version_id), table, view.id)
        # checked again whole: a rule across contracts must hold with the others' new days;
        # as the preview was (a re-roster's reference periods and days before its first
        # day held as published: a lawful roster after a rule was tightened is no breach)
        report = check_standing(view.scenario, table, "<preview>", _standing(w, view, job))
        breaches = report.breaches
        if breaches:
            first = own_lines(w, view, [str(breaches[0])])[0]
            raise InputError(
                [
                    Problem(
                        "<preview>",
                        "",
                        "a roster published since changed other contracts so that this "
                        f"preview would break a rule ({first}): re-roster again",
                    )
                ]
            )
    return w.store.publish_roster(
        job.scenario,
        table,
        note=job.note,
        scenario_text=text,
        scenario_source=f"s92 serve ({w.account.name})",
        after=view.version_id,
        changes=outcome.changes,
        actor=w.account.name,
        target=view.id,
    )


def _standing(w: Web, view: ContractView, job: Preview) -> Standing | None:
    """What a re-roster preview was checked holding (``jobs.reroster_outcome``): the
    version it was made from, standing before its first day; None for an upload (its
    check held nothing)."""
    first = from_of(job.note) if job.kind == "reroster" else None
    if first is None:
        return None
    published = w.library.table(w.store, job.base_version)
    return standing(view.scenario, published, first, job.base_version)


def stands(w: Web, view: ContractView, job: Preview) -> bool:
    """Whether the preview can still be published: every version published since it was
    made left its contract's days and the scenario as they were (a publication of another
    contract of the scenario, often another BCU's, does not make it stale)."""
    if view.version_id == job.base_version:
        return True
    text_version = view.head.text_version_id
    if text_version is None or stored_text(w.store, text_version) != stored_text(
        w.store, job.scenario_version
    ):
        return False
    base = w.library.contract_rows(w.store, job.base_version, view.id)
    latest = w.library.contract_rows(w.store, view.version_id, view.id)
    return normalised(base).reset_index(drop=True).equals(normalised(latest).reset_index(drop=True))


def own_lines(
    w: Web, view: ContractView, lines: list[str], theirs_said: Callable[[int], str] | None = None
) -> list[str]:
    """A preview's lines as the account may read them: a line of another BCU's contract (in
    a scenario spanning two: a breach of one of its officers, or of its High Demand Day
    cover) is counted, not shown, its officers and contract being that BCU's planners'
    business; ``theirs_said`` words the count (default: as breaches)."""
    hidden = _hidden(w, view)
    theirs = {o.id for o in view.scenario.officers if o.contract in hidden}
    for contract_id in hidden:  # and those of their published days (gone from the scenario)
        rows = w.library.contract_rows(w.store, view.version_id, contract_id)
        theirs |= set(rows["officer_id"].astype(str))
    own, others = [], 0
    for line in lines:
        who = line.split(" ", 1)[0]
        cover = re.match(r"- \S+ \S+: contract (\S+):", line)
        if who in theirs or (cover is not None and cover.group(1) in hidden):
            others += 1
        else:
            own.append(line)
    if others:
        own.append((theirs_said or _breaches_of_theirs)(others))
    return own


def _breaches_of_theirs(n: int) -> str:
    return (
        f"{counted(n, 'breach', 'breaches')} of the hard rules in another BCU's contracts of "
        "the scenario (theirs to mend: its planners re-roster them): nothing of the scenario "
        "can be published until they are mended"
    )


def _unrostered_of_theirs(n: int) -> str:
    return (
        f"{counted(n, 'officer')} of another BCU's contracts of the scenario in post on days "
        "the published roster has no row for, or out of post on days it has (theirs to "
        "re-roster: its planners do so first)"
    )


# --- upload of an edited roster ---------------------------------------------------------------


@router.get("/contracts/{contract_id}/upload", response_class=HTMLResponse)
def upload_page(request: Request, contract_id: str) -> Response:
    with web(request) as w:
        w.planner()
        view = w.contract(contract_id)
        return w.render("upload.html", title=f"Upload a roster: {view.id}", view=view, problems=[])


@router.post("/contracts/{contract_id}/upload", response_class=HTMLResponse)
async def upload(request: Request, contract_id: str) -> Response:
    # refused before the form is read: Starlette would spool all of it to disk first
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD + FORM_OVERHEAD:
        raise HTTPException(413, f"The file is larger than {MAX_UPLOAD // 2**20} MB")
    form = await request.form(max_part_size=MAX_FIELD)
    file = form.get("roster")
    data = await file.read(MAX_UPLOAD + 1) if isinstance(file, UploadFile) else b""
    # no file chosen: a browser sends the field with no name and no bytes
    name = file.filename or "" if isinstance(file, UploadFile) else ""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        _upload, request, contract_id, str(form.get("csrf_token", "")), name, data
    )


def _upload(request: Request, contract_id: str, csrf: str, name: str, data: bytes) -> Response:
    with web(request) as w:
        w.check_csrf(csrf)
        w.planner()
        view = w.contract(contract_id)
        try:
            if not name and not data:
                raise InputError.one(UPLOAD_FIELD, "", NO_FILE)
            name = Path(name).name or "roster.csv"
            outcome = check_upload(w, view, name, data)
        except InputError as exc:
            return w.render(
                "upload.html",
                422,
                title=f"Upload a roster: {view.id}",
                view=view,
                problems=w.lines(exc, 30),
            )
        assert view.head.text_version_id is not None
        job = jobs_of(request).add_finished(
            w.store,
            w.account.name,
            (view.head.scenario, view.version_id, view.head.text_version_id),
            view.id,
            outcome,
            f"edited roster {name} for {view.id} (web)",
        )
        return RedirectResponse(f"/contracts/{view.id}/jobs/{job.id}", status_code=303)


def check_upload(w: Web, view: ContractView, name: str, data: bytes) -> Outcome:
    """An edited roster of this contract, read as ``s92 check`` reads one, its rows put in
    place of the published ones and the whole checked."""
    if len(data) > MAX_UPLOAD:
        raise InputError.one(name, "", f"larger than {MAX_UPLOAD // (1024 * 1024)} MB")
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError.one(name, "", "give the roster.xlsx s92 wrote, or a roster.csv")
    with tempfile.TemporaryDirectory() as folder:
        # not the planner's name: one too long or holding a NUL is no file name here
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(data)
        try:
            loaded, workbook = _read_upload(w, view, path, name)
        except InputError as exc:  # named as the planner named the file, not our temp path
            raise InputError([_named(p, path, name) for p in exc.problems]) from None
    table = loaded.table
    held = sorted(set(table["contract_id"].astype(str)))
    if view.id not in held:  # read as every day of the contract deleted: a page of breaches
        raise InputError.one(
            name, "contract_id",
            f"holds no row of {view.id}, only of another contract: upload {view.id}'s "
            "roster here, and a roster of another contract on that contract's page",
            held[0] if held else "",
        )  # fmt: skip
    if set(table["contract_id"]) - {view.id}:  # a whole scenario's roster: this contract's
        table = _own_rows(table, w.library.table(w.store, view.version_id), view.id, name,
                          _hidden(w, view))  # fmt: skip
    officers = {o.id for o in view.scenario.officers_of(view.id)}
    strangers = sorted(set(table["officer_id"]) - officers)
    if strangers:
        raise InputError.one(name, "officer_id", f"not an officer of {view.id}", strangers[0])
    # a day deleted, doubled, a rank typed over: bad input, as s92 publish refuses it
    one = view.scenario.cut_to([view.id])
    refuse_faults(rows_of(loaded, one, view.scenario), name, one)
    published = w.library.table(w.store, view.version_id)
    base = normalised(published)
    if not workbook:  # as s92 publish: a roster.csv kept from an earlier version, on the
        # contract's own days (the others' are the latest's, whatever was published since)
        own = base[base["contract_id"] == view.id]
        refuse_kept_csv(w.store, view.scenario, view.version_id, own, table, name,
                        scenario_name=view.head.scenario,
                        shown=partial(known_version, w, view))  # fmt: skip
    # as s92 publish: a day edited against a logged entry is refused, not published, and
    # so is a day's event, kind or entry id typed over its tour as published
    full = require_honoured(
        compose(published, table, view.id), _entries(w, view), view.scenario,
        view.scenario.start, base, name, loaded.places(), loaded.absent,
    )  # fmt: skip
    officers = {o.id for o in view.scenario.officers_of(view.id)}
    require_applied(full, _entries(w, view), officers, view.scenario.start, name,
                    reroster=WEB_REROSTER, scenario=view.scenario)  # fmt: skip
    changed = _first_change(base, full, view.id)
    changes = change_notice(
        base,
        full,
        changed or view.scenario.start,
        london_today(),
        view.scenario,
        entries=_entries(w, view),
        knock_ons=False,
        unexplained="edited by hand",
    )
    changes = changes[changes["contract_id"] == view.id].reset_index(drop=True)
    return verified(view.scenario, full, changes, [], published)


def _read_upload(w: Web, view: ContractView, path: Path, name: str) -> tuple[RosterFile, bool]:
    """The uploaded roster, read as ``s92 check`` reads a file (a workbook or text by what
    it holds, not by its name), and whether it is a workbook: one written from an earlier
    version than the latest refused, as ``s92 publish`` refuses it."""
    workbook = is_workbook(path)
    if path.suffix == ".xlsx" and not workbook:  # else read as the CSV it is not
        raise InputError.one(name, "", "not a readable Excel workbook (.xlsx)")
    loaded = load_roster(path, view.scenario)
    if workbook:  # on the days of contracts the planner sees (another BCU's are theirs)
        published = w.library.table(w.store, view.version_id)
        hidden = _hidden(w, view)
        seen = {o.id for o in view.scenario.officers if o.contract not in hidden}
        refuse_stale_workbook(w.store, view.scenario, published, view.version_id, path,
                              name, scenario_name=view.head.scenario,
                              shown=partial(known_version, w, view), officers=seen)  # fmt: skip
    return loaded, workbook


def _named(problem: Problem, path: Path, name: str) -> Problem:
    """A problem of the uploaded file named as the planner named it, not by the server's
    temporary copy."""
    file = name if problem.file == str(path) else problem.file
    return replace(problem, file=file, message=problem.message.replace(str(path), name))


def _hidden(w: Web, view: ContractView) -> set[str]:
    """The contracts of the view's scenario the account may not see (another BCU's)."""
    return {c.id for c in view.scenario.contracts if not w.account.may_see(c.id, c.bcu)}


def _own_rows(
    table: pd.DataFrame, published: pd.DataFrame, contract_id: str, name: str, hidden: set[str]
) -> pd.DataFrame:
    """The contract's rows of a whole scenario's roster (the roster.xlsx ``s92 roster`` or
    ``s92 reroster`` wrote), whose other contracts' days must stand as published: an
    upload changes only the contract it is made for, and a change of theirs would be
    lost unseen. The days of the ``hidden`` contracts (another BCU's, whose planners
    publish them, often since the file was written) are neither compared nor named."""
    keys = ["officer_id", "contract_id", "date"]
    others = table["contract_id"].astype(str)
    theirs = normalised(table[(others != contract_id) & ~others.isin(hidden)])
    both = theirs.merge(normalised(published), on=keys, how="left", suffixes=("_a", "_b"),
                        indicator=True)  # fmt: skip
    differs = changed(both, "_a", "_b") | (both["_merge"] != "both")
    if differs.any():
        first = both[differs].iloc[0]
        raise InputError.one(
            name,
            "contract_id",
            f"changes another contract than {contract_id} (first {first['officer_id']} "
            f"{first['date']}): a page publishes its own contract's days only, and each "
            "contract's page refuses the others' changes; publish a roster of several "
            "contracts with s92 publish SCENARIO FILE (every contract in it at once)",
            str(first["contract_id"]),
        )
    return table[table["contract_id"] == contract_id].reset_index(drop=True)


def _entries(w: Web, view: ContractView) -> list[Entry]:
    """The live entries (the log's and the scenario's leave) of the contract's officers:
    what a change notice names as each change's cause."""
    officers = [o.id for o in view.scenario.officers_of(view.id)]
    return [*contract_entries(w, view), *scenario_leave(view.scenario, officers)]


def _first_change(base: pd.DataFrame, new: pd.DataFrame, contract_id: str) -> date | None:
    a = base[base["contract_id"] == contract_id]
    b = new[new["contract_id"] == contract_id]
    both = a.merge(b, on=["officer_id", "date"], suffixes=("_a", "_b"))
    differs = changed(both, "_a", "_b")  # as change_notice compares them
    days = both.loc[differs, "date"]
    return date.fromisoformat(str(days.min())) if len(days) else None


# --- change notices ---------------------------------------------------------------------------


@router.get("/contracts/{contract_id}/notices", response_class=HTMLResponse)
def notices_page(request: Request, contract_id: str, version: int | None = None) -> Response:
    with web(request) as w:
        notice = _notice(w, contract_id, version)
        changes = notice.changes
        return w.render(
            "notices.html",
            title=f"Change notices: {notice.view.id}",
            view=notice.view,
            versions=list(reversed(notice.versions)),
            # a version that changed no officer-day of this contract (another contract's,
            # a scenario's text) is named by the store's id, not the roster version it left
            # standing: each version listed has a name of its own
            untouched={
                v.id: w.library.roster_edition(w.store, notice.view, v.id).number
                for v in notice.versions
                if _left_alone(w, notice.view, v.id)
            },
            chosen=notice.version,
            first=changes is None,
            recorded=notice.recorded,
            count=0 if changes is None else len(changes),
            by_officer=_by_officer(changes) if changes is not None and len(changes) else [],
        )


def _left_alone(w: Web, view: ContractView, version_id: int) -> bool:
    """Whether the version changed no officer-day of the contract (its stored notice has
    none of its rows); a whole new roster, with no notice, changed every contract."""
    touched = w.library.contracts_changed(w.store, version_id)
    return touched is not None and view.id not in touched


@router.get("/contracts/{contract_id}/notices/{version}/changes.csv")
def notices_csv(request: Request, contract_id: str, version: int) -> Response:
    """The version's change notice of this contract, as ``changes.csv``."""
    with web(request) as w:
        notice = _notice(w, contract_id, version)
        frame = no_changes() if notice.changes is None else notice.changes
        return _download(
            csv_text(frame).encode("utf-8"),
            f"{notice.view.id}-changes-v{notice.version.id}.csv",
            "text/csv; charset=utf-8",
        )


@dataclass(frozen=True)
class _Notice:
    view: ContractView
    versions: list[RosterVersion]
    version: RosterVersion
    changes: pd.DataFrame | None  # None: the first version
    recorded: bool


def _notice(w: Web, contract_id: str, version: int | None) -> _Notice:
    """A version's change notice of a contract the planner may see (default the latest)."""
    w.planner(NOTICES_ARE_PLANNERS)
    view = w.contract(contract_id)
    every = w.store.roster_versions(view.head.scenario)
    versions = listed_versions(w, view, every)
    chosen = versions[_version_index(versions, version)]
    changes, recorded = version_notice(w, view, every, every.index(chosen))
    return _Notice(view, versions, chosen, changes, recorded)


def _version_index(versions: list[RosterVersion], version: int | None) -> int:
    ids = [v.id for v in versions]
    if not ids or (version is not None and version not in ids):
        raise NotFound("No such version")
    return ids.index(version) if version is not None else len(ids) - 1


def version_notice(
    w: Web, view: ContractView, versions: list[RosterVersion], i: int
) -> tuple[pd.DataFrame | None, bool]:
    """This contract's rows of the change notice published with ``versions[i]``, and
    whether the store recorded it. The store keeps each version's notice as the command or
    page that published it worked it out (from its ``--from``: the days before it stand,
    and are not changes); a version published before s92 kept them has its notice worked
    out again from the version before, from the day its note names (None for the first)."""
    recorded = w.store.version_changes(versions[i].id)
    if recorded is not None:
        mine = recorded[recorded["contract_id"].astype(str) == view.id]
        return mine.reset_index(drop=True), True
    if i == 0:
        return None, False
    before = normalised(w.library.table(w.store, versions[i - 1].id))
    after = normalised(w.library.table(w.store, versions[i].id))
    first = from_of(versions[i].note) or _first_change(before, after, view.id)
    if first is None:
        return no_changes(), False
    told = notified_on(versions[i].note) or versions[i].published_at.date()
    changes = change_notice(before, after, first, told, view.scenario, entries=_entries(w, view))
    return changes[changes["contract_id"] == view.id].reset_index(drop=True), False


def from_of(note: str) -> date | None:
    """The first day a re-roster could change, as its note records it ("re-roster from
    YYYY-MM-DD", "re-roster X from YYYY-MM-DD, ...")."""
    found = re.search(r"^re-roster (?:\S+ )?from (\d{4}-\d{2}-\d{2})", note)
    return date.fromisoformat(found.group(1)) if found else None


def notified_on(note: str) -> date | None:
    """The day officers were told of a version's changes, as its note records it (a web
    re-roster writes "officers notified YYYY-MM-DD"); else None: the publication day."""
    found = re.search(rf"{NOTIFIED} (\d{{4}}-\d{{2}}-\d{{2}})", note)
    return date.fromisoformat(found.group(1)) if found else None


# --- feeds ----------------------------------------------------------------------------------------


@router.get("/contracts/{contract_id}/feeds", response_class=HTMLResponse)
def feeds_page(request: Request, contract_id: str, changed: str = "") -> Response:
    with web(request) as w:
        w.planner(FEEDS_ARE_PLANNERS)
        view = w.contract(contract_id)
        head = request.scope.get(ASKED_HEAD, False)  # a HEAD shows nothing: leave it
        new_url, new_officer = ("", "") if head else _new_feed(w, view)
        response = _feeds(w, view, new_url, new_officer, changed)
    if request.cookies.get(NEW_FEED) and not head:  # shown once: a reload shows it no more
        response.delete_cookie(NEW_FEED, path=NEW_FEED_PATH)
    return response


def _new_feed(w: Web, view: ContractView) -> tuple[str, str]:
    """The address of the feed just made for an officer of this contract, and whose it is
    (("", "") if none, or if it has been replaced or revoked since)."""
    token = w.request.cookies.get(NEW_FEED, "")
    feed = feed_of(w.store, token) if token else None
    officers = {o.id for o in view.scenario.officers_of(view.id)}
    if feed is None or feed.scenario != view.head.scenario or feed.officer_id not in officers:
        return "", ""
    return str(w.request.base_url).rstrip("/") + f"/feeds/{token}.ics", feed.officer_id


def _feeds(
    w: Web, view: ContractView, new_url: str = "", officer: str = "", changed: str = ""
) -> Response:
    live = live_feeds(w.store, view.head.scenario)
    officers = [o.id for o in view.scenario.officers_of(view.id)]
    others = _other_feeds(w, view)
    return w.render(
        "feeds.html",
        title=f"Calendar feeds: {view.id}",
        view=view,
        officers=[(o, live.get(o, "")) for o in officers],
        ended=sorted(_ended_feeds(w, view, live).items()),
        others=others,
        elsewhere={f.officer_id: f.scenario for f in others if f.shows},
        new_url=new_url,
        new_officer=officer,
        changed=changed if changed in officers and changed != officer else "",
        changed_at=live.get(changed, ""),
    )


def _ended_feeds(w: Web, view: ContractView, live: dict[str, str]) -> dict[str, str]:
    """The live feeds of officers who stood in this contract and are in no contract of its
    scenario now (they serve their tours cancelled, ``feeds._departed``): officer id ->
    when made, for the planner to revoke."""
    present = {o.id for o in view.scenario.officers}
    absent = [o for o in live if o not in present]
    if not absent:
        return {}
    former = former_contracts(w.store, view.head.scenario, absent)
    return {o: live[o] for o in absent if former.get(o) == view.id}


@dataclass(frozen=True)
class OtherFeed:
    """A live feed made under another scenario holding the contract (its roster of the
    contract was served then) for an officer who stood in it there: the feed shows the
    contract's served roster now, or answers that it has ended when that roster does not
    hold the officer. The planner sees it, and may revoke it."""

    scenario: str
    officer_id: str
    since: str
    shows: bool


def _other_feeds(w: Web, view: ContractView) -> list[OtherFeed]:
    if not view.also_in:
        return []
    served = {o.id for o in view.scenario.officers_of(view.id)}
    found = []
    for head in heads(w.store):
        if head.scenario not in view.also_in or head.text_version_id is None:
            continue
        live = live_feeds(w.store, head.scenario)
        if not live:
            continue
        held = {o.id: o.contract for o in stored_scenario(w.store, head.text_version_id).officers}
        gone = [o for o in live if o not in held]
        held.update(former_contracts(w.store, head.scenario, gone) if gone else {})
        found += [
            OtherFeed(head.scenario, o, since, o in served and o not in gone)
            for o, since in sorted(live.items())
            if held.get(o) == view.id
        ]
    return found


@router.post("/contracts/{contract_id}/feeds/{officer_id}", response_class=HTMLResponse)
def feed_action(
    request: Request,
    contract_id: str,
    officer_id: str,
    action: Annotated[str, Form()] = "",
    since: Annotated[str | None, Form()] = None,
    scenario: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Make (or replace) or revoke an officer's feed, then back to the page (a reload or
    a second click sends nothing again). A make sent from a page that showed another
    state of the feed (a double click, another planner meanwhile) replaces nothing: the
    feed made since is the one handed out."""
    with web(request) as w:
        w.check_csrf(csrf_token)
        w.planner(FEEDS_ARE_PLANNERS)
        view = w.contract(contract_id)
        page = f"/contracts/{view.id}/feeds"
        if scenario and scenario != view.head.scenario:  # a feed made under another scenario
            other = Feed(scenario, officer_id)
            listed = {Feed(f.scenario, f.officer_id) for f in _other_feeds(w, view)}
            if other not in listed or action != "revoke":
                raise NotFound("No such officer")
            revoke_feed(w.store, other, actor=w.account.name)
            return RedirectResponse(page, status_code=303)
        officer_id = w.officer_id(view, officer_id)
        rostered = officer_id in {o.id for o in view.scenario.officers_of(view.id)}
        departed = _ended_feeds(w, view, live_feeds(w.store, view.head.scenario))
        if not rostered:  # a departed officer's id read in any case too, as every id is
            alike = [o for o in departed if o.casefold() == officer_id.casefold()]
            officer_id = alike[0] if len(alike) == 1 else officer_id
        feed = Feed(view.head.scenario, officer_id)
        ended = officer_id in departed
        if not (rostered or ended):
            raise NotFound("No such officer")
        if action == "revoke":
            revoke_feed(w.store, feed, actor=w.account.name)
            return RedirectResponse(page, status_code=303)
        if action != "create" or not rostered:
            raise NotFound("No such action")
        # "-": the page showed no feed (an empty field would read as not sent)
        shown = None if since is None else since.removeprefix("-")
        token = replace_feed_token(w.store, feed, actor=w.account.name, shown=shown)
        if token is None:
            return RedirectResponse(f"{page}?changed={quote(officer_id)}", status_code=303)
    response = RedirectResponse(page, status_code=303)
    response.set_cookie(
        NEW_FEED,
        token,
        max_age=300,
        path=NEW_FEED_PATH,
        httponly=True,
        samesite="strict",
        secure=w.settings.https_only,
    )
    return response


# --- downloads ------------------------------------------------------------------------------------


@router.get("/contracts/{contract_id}/roster.csv")
def roster_csv(request: Request, contract_id: str) -> Response:
    with web(request) as w:
        view = w.contract(contract_id)
        rows = w.library.contract_rows(w.store, view.version_id, view.id)
        return _download(
            roster_csv_text(rows).encode("utf-8"),
            f"{view.id}-roster.csv",
            "text/csv; charset=utf-8",
        )


@router.get("/contracts/{contract_id}/roster.xlsx")
def roster_xlsx(request: Request, contract_id: str) -> Response:
    with web(request) as w:
        view = w.contract(contract_id)
        rows = w.library.contract_rows(w.store, view.version_id, view.id)
        with tempfile.TemporaryDirectory() as folder:
            path = write_roster_xlsx(
                rows, Path(folder) / "roster.xlsx", view.scenario, name_scenario=w.account.plans
            )
            data = path.read_bytes()
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(data, f"{view.id}-roster.xlsx", kind)


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
