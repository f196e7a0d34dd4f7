"""Adding and voiding log entries from a form or the API: the command line's checks
(``parse_entry`` against the officer's scenario, ``applicability_problems`` against its
published roster, the store's overlap check in its write transaction, ``Store.void``'s
rules), the same problems, and the audit row (the store's, in the entry's transaction)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError

from calendars import NOT_A_DATE, day_problem, typed_day_as_text
from scheduler.errors import InputError, Problem
from scheduler.limits import date_problem
from scheduler.scenario.model import ABSTRACTION_KINDS
from scheduler.store.attribution import attributed
from scheduler.store.entries import Abstraction, Entry, NewEntry, of_contracts
from scheduler.store.fixed_tours import together_problems
from scheduler.store.validate import (
    FIELDS,
    Where,
    applicability_problems,
    entry_date,
    parse_entry,
    rostered_id,
    text_problem_of,
    typed_kind,
)
from scheduler.table import KIND_STATE
from scheduler.web.catalog import ContractView
from scheduler.web.context import QUERY, NotFound, Web

FORM = "entry"  # names the input in problems, as the command line names <command line>
LABELS = {f: f for f in FIELDS}
DATE_FIELDS = ("date", "end_date", "notified")


def add_entry(w: Web, raw: Mapping[str, str | None]) -> int:
    """Log one entry for an officer of a contract the account may change; its id. The
    same entry sent again (a double click, a reload, a retry) is logged once: the live
    entry it repeats is its answer, not a refusal of it as overlapping itself."""
    entry_id, _ = log_entry(w, raw)
    return entry_id


def log_entry(w: Web, raw: Mapping[str, str | None]) -> tuple[int, bool]:
    """``add_entry``'s id, and whether it was logged now (False: a repeat)."""
    w.planner()
    officer_id = w.catalog.officer_id_of(w.account, (raw.get("officer_id") or "").strip())
    typed, raw = raw, {**raw, "officer_id": officer_id, **typed_dates(raw)}
    view, chosen = _officers_contract(w, officer_id, (raw.get("contract_id") or "").strip())
    if view is not None:
        entry, problems = parse_entry(raw, Where(FORM, LABELS), view.scenario)
    else:
        # An officer of a contract the account cannot see reads as one that does not exist:
        # checked without a scenario, so no problem names another contract's term.
        entry, problems = parse_entry(raw, Where(FORM, LABELS), None)
        if chosen is not None:
            problems.insert(0, chosen)
        elif not any(p.field == "officer_id" for p in problems):
            problems.insert(0, _unknown_officer(w, officer_id))
    if entry is None or problems:  # a date's value as the planner typed it ('26/08/28')
        raise InputError([as_typed(p, typed) for p in problems])
    repeated = _repeated(w, entry)
    if repeated is not None:
        return repeated, False
    if view is not None:  # one the roster could not take is refused now, never skipped later
        published = w.store.latest_roster(view.scenario.name)
        where = Where(FORM, LABELS)
        refused = applicability_problems(entry, where, view.scenario, published)
        if not refused:  # with the officer's live entries: tours they fix together
            live = w.store.live_abstractions([entry.officer_id], contracts=[entry.contract_id])
            refused = together_problems([entry], [where], view.scenario, published, live)
        if refused:
            raise InputError(refused)
    try:
        entry_id = w.store.add_abstraction(entry, label=(FORM, "date"), actor=w.account.name)
    except InputError:
        repeated = _repeated(w, entry)  # the same sent twice at once: the other one won
        if repeated is None:
            raise
        return repeated, False
    return entry_id, True


def typed_dates(raw: Mapping[str, str | None]) -> dict[str, str]:
    """An entry's date fields as a person types them into a form, as ``parse_entry`` reads
    them (``12/01/27``: 12 January 2027, as a UK planner means it)."""
    typed = {f: raw.get(f) or "" for f in DATE_FIELDS}
    # as typed where it names no day: the problem shows what the planner typed
    return {f: read if entry_date(read := typed_day_as_text(t)) else t for f, t in typed.items()}


def as_typed(problem: Problem, typed: Mapping[str, str | None]) -> Problem:
    """``problem`` quoting a date field's value as typed, not as ``typed_dates`` wrote it."""
    if problem.field in DATE_FIELDS and problem.value is not None:
        return replace(problem, value=(typed.get(problem.field) or "").strip())
    return problem


def _repeated(w: Web, entry: NewEntry) -> int | None:
    """The id of a live entry that is this one over again, field for field."""
    for e in w.store.live_abstractions([entry.officer_id], contracts=[entry.contract_id]):
        if e.contract_id == entry.contract_id and _fields(e) == _fields(entry):
            return e.id
    return None


def _fields(e: Entry | NewEntry) -> tuple[object, ...]:
    return (e.officer_id, e.first_date, e.last_date, e.start, e.end, e.kind, e.reason,
            e.authorised_by, e.notified)  # fmt: skip


def void_entry(
    w: Web, entry_id: int, reason: str, authorised_by: str | None, notified: str | None
) -> tuple[int, bool]:
    """Void an entry of a contract the account may change: the voiding entry's id, and
    whether it was logged now. The same void sent again (a double click) is answered
    with the voiding entry it repeats (False)."""
    w.planner()
    entry = visible_entry(w, entry_id)
    _void_text(reason, authorised_by or "")
    day = typed_day(notified, "notified") if notified else None
    try:
        voiding = w.store.void(
            entry.id, reason, authorised_by or None, notified=day, actor=w.account.name
        )
    except InputError as exc:  # named as the form is, not by the server's store file
        again = _voided_alike(w, entry_id, reason, authorised_by, day)
        if again is not None:
            return again, False
        raise InputError([replace(p, file=FORM) for p in exc.problems]) from None
    return voiding, True


def _void_text(reason: str, authorised_by: str) -> None:
    """A void's reason and authority, checked as an entry's are (the log keeps them for
    ever: no control character, no page of text)."""
    problems = [
        Problem(FORM, field, bad, value)
        for field, value in (("reason", reason), ("authorised_by", authorised_by))
        if (bad := text_problem_of(field, value.strip())) is not None
    ]
    if problems:
        raise InputError(problems)


def _voided_alike(
    w: Web, entry_id: int, reason: str, authorised_by: str | None, notified: date | None
) -> int | None:
    """The entry voiding ``entry_id`` if it is this void over again (its reason, and its
    authority and notified day where given), else None."""
    entry = w.store.entry(entry_id)
    voiding = None if entry is None or entry.voided_by is None else w.store.entry(entry.voided_by)
    if voiding is None or voiding.reason != reason.strip():
        return None
    if (authorised_by or "").strip() not in ("", voiding.authorised_by):
        return None
    return voiding.id if notified in (None, voiding.notified) else None


def visible_entry(w: Web, entry_id: int) -> Abstraction:
    entry = w.store.entry(entry_id)
    if entry is None or not w.catalog.entry_visible(w.account, entry):
        raise NotFound(NO_SUCH_ENTRY)
    return entry


NO_SUCH_ENTRY = "No such entry"


def entry_number(typed: str) -> int:
    """An entry's id as a page's address gives it, read once the caller may act (a
    council's post to ``/entries/abc/void`` is refused as planners' work, a logged-out one
    sent to log in, as for any id): a planner's that is no whole number is an address not
    understood, in the words the address's other numbers are refused in."""
    try:
        return TypeAdapter(int).validate_python(typed)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("path", "entry_id")} for e in exc.errors()]
        ) from None


@dataclass(frozen=True)
class Filters:
    contract: str = ""
    officer: str = ""
    kind: str = ""
    status: str = "all"  # all, live, voided
    first: str = ""
    last: str = ""


def visible_entries(w: Web, f: Filters) -> list[Abstraction]:
    catalog = w.catalog
    out = []
    # the filters read as the entry form reads what it names: ids in any case, kinds in words
    typed = catalog.typed(w.account, f.contract) if f.contract else None
    contract = typed.id if typed is not None else f.contract
    kind = typed_kind(f.kind, entry_kinds(catalog.visible(w.account))) if f.kind else ""
    f = replace(f, contract=contract, kind=kind)
    for e in _log_of(w):
        view = catalog.contract_of_entry(w.account, e)
        if view is None:
            continue
        if f.contract and view.id != f.contract:
            continue
        if f.officer and e.officer_id.casefold() != f.officer.casefold():  # as typed in forms
            continue
        if f.kind and e.kind != f.kind:
            continue
        if f.status == "live" and not e.is_live:
            continue
        if f.status == "voided" and e.is_live:
            continue
        if f.first and e.last_date.isoformat() < f.first:
            continue
        if f.last and e.first_date.isoformat() > f.last:
            continue
        out.append(e)
    return sorted(out, key=lambda e: -e.id)


def filter_problems(w: Web, contract: str, kind: str, file: str = QUERY) -> list[Problem]:
    """The log's contract and kind filters that name none the account may see: said, not
    matched against nothing in silence (another council's contract, or a kind only its
    agreement penalises, reads as one that does not exist)."""
    problems = []
    if contract.strip() and w.catalog.typed(w.account, contract.strip()) is None:
        problems.append(Problem(file, "contract", "no such contract", contract))
    kinds = entry_kinds(w.catalog.visible(w.account))
    if kind.strip() and typed_kind(kind, kinds) not in kinds:
        message = f"not an entry kind: give one of {', '.join(kinds)}"
        problems.append(Problem(file, "kind", message, kind))
    return problems


def entry_kinds(views: list[ContractView]) -> list[str]:
    """The kinds an entry of these contracts may have: the standard ones, then those the
    contracts themselves penalise (not every kind their scenario knows: another council's
    contract's own kinds are its terms, not this account's to see)."""
    standard = [*ABSTRACTION_KINDS, *sorted(set(KIND_STATE) - set(ABSTRACTION_KINDS))]
    extra = {k for v in views for k in v.contract.penalised_kinds} - set(standard)
    return [*standard, *sorted(extra)]


def _log_of(w: Web) -> list[Abstraction]:
    """The entries the account might see: its contracts' officers' and those logged for
    its contracts (the whole log for an admin), not every council's."""
    if w.account.role == "admin":
        return w.store.entries()
    views = w.catalog.visible(w.account)
    officers = {o.id for v in views for o in v.scenario.officers_of(v.id)}
    return w.store.entries_of(officers, [v.id for v in views])


ENTRY_FIELDS = ("id", "officer_id", "contract_id", "date", "end_date", "start", "end", "kind",
                "reason", "authorised_by", "notified", "logged_at", "voids", "voided_by")  # fmt: skip


def entry_record(w: Web, e: Abstraction) -> dict[str, object]:
    """An entry as the API and entries.csv give it: ``ENTRY_FIELDS``, the contract the one
    it is logged for (an entry logged without one: its officer's), times HH:MM."""
    view = w.catalog.contract_of_entry(w.account, e)
    return {
        "id": e.id,
        "officer_id": e.officer_id,
        "contract_id": view.id if view is not None else e.contract_id,
        "date": e.first_date.isoformat(),
        "end_date": e.last_date.isoformat(),
        "start": e.start.strftime("%H:%M") if e.start else None,
        "end": e.end.strftime("%H:%M") if e.end else None,
        "kind": e.kind,
        "reason": e.reason,
        "authorised_by": e.authorised_by,
        "notified": e.notified.isoformat(),
        "logged_at": e.logged_at.isoformat(),
        "voids": e.voids,
        "voided_by": e.voided_by,
    }


def officer_entries(w: Web, view: ContractView, officer_id: str) -> list[Abstraction]:
    if officer_id not in {o.id for o in view.scenario.officers_of(view.id)}:
        raise NotFound("No such officer")
    mine = w.store.entries_of([officer_id])
    return of_contracts(attributed(w.store, mine), [view.id])


def contract_entries(w: Web, view: ContractView) -> list[Abstraction]:
    """The live entries of the contract's officers logged for it (an officer id another
    scenario also holds has that scenario's entries too: they are not this contract's)."""
    officers = [o.id for o in view.scenario.officers_of(view.id)]
    return w.store.live_abstractions(officers, contracts=[view.id])


def waiting_entries(w: Web, view: ContractView, rows: pd.DataFrame) -> list[Abstraction]:
    """The entries a re-roster would bring into the contract's published ``rows``: live ones
    they do not hold yet, and voids of ones they still hold (their days are given back)."""
    applied = set(rows["abstraction_id"].astype(str)) if "abstraction_id" in rows else set()
    fresh = [e for e in contract_entries(w, view) if str(e.id) not in applied]
    officers = set(rows["officer_id"].astype(str)) if "officer_id" in rows else set()
    voids = [
        e for e in w.store.entries_of(officers) if e.voids is not None and str(e.voids) in applied
    ]
    return [*fresh, *voids]


def _officers_contract(
    w: Web, officer_id: str, contract_id: str
) -> tuple[ContractView | None, Problem | None]:
    """The contract the entry is for: the one chosen, which must hold the officer, or else
    the one contract the account may see that holds an officer of that id. One officer id
    may stand in two scenarios of a store (two councils' officers): then the contract must
    be chosen, never guessed. None and the problem when it cannot be told; (None, None)
    for an officer no visible contract holds (an unknown officer)."""
    if contract_id:
        view = w.catalog.typed(w.account, contract_id)
        if view is None:  # another council's contract reads as one that does not exist
            return None, Problem(FORM, "contract_id", "no such contract", contract_id)
        officers = view.scenario.officers_of(view.id)
        officer_id = rostered_id(officers, officer_id)
        if officer_id and officer_id not in {o.id for o in officers}:
            return None, Problem(FORM, "officer_id", f"not an officer of {view.id}", officer_id)
        return view, None
    views = w.catalog.contracts_of_officer(w.account, officer_id)
    if len(views) > 1:
        ids = " and in ".join(v.id for v in views)
        message = f"officer {officer_id} stands in {ids}: choose the contract"
        return None, Problem(FORM, "contract_id", message)
    return (views[0], None) if views else (None, None)


def _unknown_officer(w: Web, officer_id: str) -> Problem:
    """An officer no contract the account may see holds, said in the account's own terms:
    not in its BCUs' contracts (it was "unknown officer in scenario 'X'", X the first
    scenario the planner could see, whichever that was), nothing said of where else an
    officer of that id stands."""
    if not w.catalog.visible(w.account):
        raise NotFound("No contracts to log entries against")
    bcus = sorted(w.account.bcus)
    if w.account.role == "planner" and bcus:
        where = f"BCU {bcus[0]}" if len(bcus) == 1 else f"BCUs {', '.join(bcus)}"
        message = f"unknown officer: not an officer of the contracts of {where}"
    else:
        message = "unknown officer: no contract holds an officer of this id"
    return Problem(FORM, "officer_id", message, officer_id)


def typed_day(text: str, field: str, file: str = FORM) -> date:
    """A date typed ``YYYY-MM-DD`` or ``DD/MM/YYYY``, as the entry form takes them (a
    problem names ``file``: the form, or the API's query)."""
    read = typed_day_as_text(text.strip())
    day = entry_date(read)
    problem = day_problem(read) if day is None else date_problem(day)
    if problem or day is None:
        raise InputError.one(file, field, problem or NOT_A_DATE, text)
    return day


def typed_days(first: str, last: str, file: str = QUERY) -> tuple[str, str]:
    """A query's ``from`` and ``to`` days as ``YYYY-MM-DD`` ('' when not given), read as
    ``typed_day`` reads them; a ``to`` before ``from`` refused (it matched nothing, and
    said nothing of why)."""
    days = tuple(typed_day(t, f, file).isoformat() if t.strip() else ""
                 for t, f in ((first, "from"), (last, "to")))  # fmt: skip
    problem = days_problem(*days)
    if problem is not None:
        raise InputError.one(file, "to", problem, last)
    return days[0], days[1]


def days_problem(first: str, last: str) -> str | None:
    """Why a ``to`` day (ISO) cannot end a span from ``first`` (ISO), or None."""
    return f"before from ({first})" if first and last and last < first else None


def filter_date(text: str, field: str, problems: list[str]) -> str:
    """A filter's day as ``YYYY-MM-DD`` ('' when not given); a problem when it is not a
    date (it filtered every entry out, silently: '21/10/2026' compared as text)."""
    if not text.strip():
        return ""
    try:
        return typed_day(text, field).isoformat()
    except InputError as exc:
        problems += [str(p) for p in exc.problems]
        return ""
