"""Re-roster around the live entries with the least disruption.

Days before ``from_date`` stand as published: an entry covering them is not applied there
(it stays in the log, which the council's report reads), and the result names it
(``RerosterResult.outside``), so a planner who wants it in the roster re-rosters from its
first day; what changes and what ``changes.csv`` lists are the same days. From
``from_date`` the entries (the log's, and the scenario file's
leave) settle their own days by the one rule every entry follows (``scheduler.store.apply``);
days that an entry voided since, or leave cancelled in the scenario, had taken are rostered
afresh; where an entry takes an officer planned onto High Demand Day aid and the HDD asks
for more than remain on it, another available officer goes on aid in their place.
Everything else may change, at a cost per changed officer-day (more the shorter its
notice), and the only gain on offer is restoring a tasked tour the entries left
short of what the published roster gave it (``Weights.for_rerostering``). So the solver
changes what the rules force (a rest day an entry took is re-rostered, a tour moves to keep
the rest between tours) and, outside the notice window, a change or two to put an officer
back on a tour the council lost; never a reshuffle the entries did not cause. Rest days
inside the rest-day notice period, and bank holidays off inside theirs, stay as published
unless no lawful roster holds without cancelling one.

The search is local (``REACHES``): per contract, only the officer-days near its changed
days are free, everything else pinned to the published roster; the reach widens only when
no lawful roster holds within it. Small enough to solve exactly, and nothing far from an
entry can move.
"""

from __future__ import annotations

import math
import time as clock
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd

from calendars import LONDON
from scheduler.core.data import Cover, Problem, RestPeriod
from scheduler.core.explain import explain_infeasible, uncapped
from scheduler.core.model import build_model
from scheduler.core.pinned import score_roster
from scheduler.core.result import Solution
from scheduler.core.rolling import restrict
from scheduler.core.solve import solve
from scheduler.roster.assemble import contract_rows, to_table
from scheduler.roster.changes import (
    CHANGE_COLUMNS,
    change_notice,
    clear_days,
    compensation,
    describe_day,
    no_changes,
    told_by_day,
)
from scheduler.roster.held import held_caps, held_fortnights, held_rests, pinned_code
from scheduler.roster.least_change import Hint, least_change_start, start_roster
from scheduler.roster.standing import StandingClash, standing_clash
from scheduler.roster.stored import SOLVED_STATES, Told, told_times
from scheduler.rules.compile import REST, CompiledContract, Pin, compile_contract, one_off_tour
from scheduler.rules.high_demand import (
    AidDuty,
    aid_span,
    is_available,
    plan_aid,
    required_on_aid,
    rested,
)
from scheduler.rules.tours import Tour, aid_tour_code, council_tours
from scheduler.rules.weights import DEFAULT_WEIGHTS, Weights
from scheduler.scenario.model import Scenario
from scheduler.store.apply import (
    Refusal,
    apply_entries,
    stale_rows,
    unbooked_leave,
    voided_rows,
)
from scheduler.store.entries import Entry, scenario_leave
from scheduler.table import COLUMNS, DUTY_STATES, EXTRA_COLUMNS, LEAVE_KIND
from scheduler.wording import counted

__all__ = ["RerosterResult", "change_notice", "clear_days", "compensation", "reroster"]

MAX_SUSPECTS = 5  # entries tried one at a time to explain a contract that cannot be re-rostered
# pinned days either side of a window solved with it, so that runs, successions and weekly
# rest periods crossing its ends are seen whole
MARGIN = 14
TIMED_OUT = "TIMED_OUT"  # a contract's re-roster found no roster in its time, proved none
REFUSED = "REFUSED"  # an entry that cannot be applied reached the re-roster
# an entry's days before from_date not yet worked: they would stand without it
UNWORKED = "UNWORKED"
# solver work for each officer whose row the start changes: a share of the re-roster's,
# at least enough for a model of one officer
START_SHARE, START_WORK = 0.05, 0.3
# days before --from a re-roster that finds no lawful roster tries, to say whether an
# earlier --from holds one (room for the rest days and tours the entries move)
EARLIER_DAYS = 7
WALL_ALLOWANCE = 3  # wall-clock seconds per second of solver work a re-roster may take
# how a conflict names High Demand Day aid added since publication (no entry to blame)
NEW_AID = "a High Demand Day since publication"


@dataclass
class RerosterResult:
    table: pd.DataFrame
    changes: pd.DataFrame
    status: str = "OPTIMAL"
    seconds: float = 0.0
    conflicts: list[str] = field(default_factory=list)
    # entries with days before from_date they would change, not applied there: one line each
    outside: list[str] = field(default_factory=list)
    # officers left fewer rest days from from_date than published: a line each, by officer
    rest_lost: dict[str, str] = field(default_factory=dict)
    # whether ``conflicts`` name entries (else no entry is to blame: HDD aid, say)
    entries_named: bool = True
    # logged entries with days from from_date outside their officer's time in post now (an
    # agreement ended early on notice, say), not applied there: (officer, line) each
    out_of_post: list[tuple[str, str]] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


@dataclass(frozen=True)
class _Plan:
    """The published roster with the entries applied from ``from_date`` and the days given
    back unmarked; per contract the officer-days from ``from_date`` that changed (the
    entries' own days and the days given back, and any officer put on HDD aid in place of
    one an entry took); the days given back, with why; the days before ``from_date``
    entries would have changed (they stand as published); the HDD aid added."""

    table: pd.DataFrame
    days: dict[str, set[tuple[str, date]]]
    released: dict[tuple[str, str], str]
    refused: tuple[Refusal, ...]
    outside: frozenset[tuple[str, date]] = frozenset()
    aid: Mapping[tuple[str, date], AidDuty] = field(default_factory=dict)
    # officer-day (ISO) released by an entry voided since -> that entry's id
    given_by: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # officer-day (ISO) an entry voided since gives back to a state typed by hand before
    # it (leave typed in roster.xlsx), which stands again -> why
    typed_back: Mapping[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Settings:
    scenario: Scenario
    base: pd.DataFrame  # the published roster, normalised
    from_date: date
    notified: date
    time_limit: float
    seed: int
    weights: Weights
    aid_plan: Mapping[tuple[str, date], AidDuty]
    # the scenario's rules tightened since publication: the days before from_date, which
    # may break them as published (or did when a version before it was), are history the
    # model holds no rule over, not margin
    margin_from: bool = False
    # officer-days of joiners (in post from --from on, no published row): only their own
    # days are re-rostered for them, the colleagues' stand
    joining: frozenset[tuple[str, date]] = frozenset()
    # officer-day (ISO) -> the tour (None: a rest day) an earlier version gave it before an
    # entry voided since: a day given back goes back to it where the rules allow
    told: Mapping[tuple[str, str], Told] = field(default_factory=dict)
    # published days from from_date on break the rules as they are now (``mend``): a run
    # cut shorter may need more rest days than published (a later re-roster, those days
    # mended since, keeps each officer's count)
    mending: bool = False
    # the entries behind this re-roster's changes: a day off inside its notice counts it
    # from when the officer is told, as changes.csv does (``told_by_day``)
    entries: tuple[Entry, ...] = ()


def reroster(
    scenario: Scenario,
    published: pd.DataFrame,
    entries: Iterable[Entry],
    from_date: date,
    notified: date,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
    today: date | None = None,
    mend: Mapping[tuple[str, date], str] | None = None,
    stand: bool = False,
    look_earlier: bool = True,
    told: Mapping[tuple[str, str], Told] | None = None,
    voided: Collection[int] = (),
) -> RerosterResult:
    """The published roster re-rostered from ``from_date`` around the live ``entries`` of
    the log (the scenario's leave is added here), with the change notice. ``status`` is
    INFEASIBLE (``conflicts`` name the entries to blame) when no lawful roster holds, and
    REFUSED when an entry cannot be applied at all (``validate`` refuses such entries when
    they are logged; this is the defence should one get through). With ``today``, an entry
    with days before ``from_date`` from ``today`` on that it would change (days not yet
    worked: leave booked for next week, re-rostered from the week after) is UNWORKED
    (``conflicts`` name them) before any solve: published, the roster would show the
    officer rostered through it. ``mend``: officer-days from ``from_date`` on where the
    published roster breaks a working-time rule of the scenario as it is now (a ``[rules]``
    limit tightened since publication), with the words why: re-rostered like an entry's.
    ``stand``: the published roster breaks those rules before ``from_date`` (the breaches
    stand, ``check.standing``), so its days before are history no rule is held over, as
    with ``mend`` (a version re-rostered under the rules since, lawful from then on).
    ``told``: the day an earlier version gave an officer-day the published roster gives an
    entry voided since (``stored.told_before``): the day given back returns to it, the
    least change from what the officer was told before the entry, where the rules allow.
    ``voided``: the ids of the log's entries voided since: one whose days before
    ``from_date`` the published roster still gives to it is named on a line of
    ``out_of_post`` (those days stand, the void not applied to them)."""
    started = clock.monotonic()
    as_published, entries = published, list(entries)  # both again for an earlier --from
    family = _family(scenario, entries)
    published, left = _in_service(scenario, published, from_date)
    reopen = _leavers_last_days(scenario, left, from_date)
    joining = _joining(scenario, published, from_date)
    published = _with_joiners(scenario, published, joining)
    base = _normalised(published)
    plan = _plan(scenario, published, base, family, from_date, reopen, joining, told or {})
    mended = _mended(scenario, plan, from_date, mend or {})
    if plan.refused:
        conflicts = list(dict.fromkeys(r.describe() for r in plan.refused))
        return RerosterResult(base, no_changes(), REFUSED, clock.monotonic() - started, conflicts)
    if today is not None:
        unworked = frozenset((o, d) for o, d in plan.outside if d >= today)
        lines = _outside(family, unworked, from_date, worked=False)
        if lines:
            return RerosterResult(base, no_changes(), UNWORKED, clock.monotonic() - started, lines)
    settings = _Settings(
        scenario,
        base,
        from_date,
        notified,
        time_limit,
        seed,
        weights.for_rerostering(),
        plan_aid(scenario),
        bool(mend) or stand,
        frozenset(joining),
        told or {},
        mending=bool(mend),
        entries=tuple(_acting(family, plan)),
    )

    def lawful_without(entry: Entry) -> bool:
        rest = _plan(
            scenario,
            published,
            base,
            [e for e in family if e is not entry],
            from_date,
            reopen,
            joining,
            told or {},
        )
        days = rest.days.get(entry.contract_id)
        if days is None:
            return True
        return isinstance(_reroster_contract(settings, entry.contract_id, rest, days), tuple)

    def standing(entry: Entry) -> StandingClash | None:
        return standing_clash(scenario.rules, base, plan.table, entry, from_date)

    new_table, statuses, conflicts = plan.table, {"OPTIMAL"}, []
    entries_named = False
    clashes: list[StandingClash] = []
    for contract_id, days in sorted(plan.days.items()):
        done = _reroster_contract(settings, contract_id, plan, days)
        if done == TIMED_OUT:  # blaming an entry would be a guess
            statuses.add(TIMED_OUT)
            conflicts.append(
                f"contract {contract_id}: no lawful roster found in the time, and none proven "
                "impossible: run again with a larger --time-limit"
            )
            continue
        if not isinstance(done, tuple):
            statuses.add("INFEASIBLE")
            suspects = _suspects(contract_id, days, family)
            entries_named = entries_named or bool(suspects)
            conflicts += _explain(
                contract_id,
                suspects,
                lawful_without,
                _new_aid(base, {**settings.aid_plan, **plan.aid}, days),
                standing,
            )
            clashes += [c for c in map(standing, suspects[:MAX_SUSPECTS]) if c is not None]
            continue
        rows, solved = done
        statuses.add(solved)
        new_table = _replace_contract(new_table, contract_id, rows)
    status = next(s for s in ("INFEASIBLE", TIMED_OUT, "FEASIBLE", "OPTIMAL") if s in statuses)
    if status == "INFEASIBLE" and look_earlier:
        # a rest day or tour an entry moves may have no day to go to between --from and
        # the entry (emergency aid on the last rest days of the horizon): the entry
        # happened, and voiding it is not the only way out
        # the latest day that moves a tour standing against an entry (the late before a
        # morning course) first, then a week before
        tries = sorted({c.day for c in clashes if scenario.start <= c.day}, reverse=True)
        tries.append(max(scenario.start, from_date - timedelta(days=EARLIER_DAYS)))
        for earlier in dict.fromkeys(tries):
            if earlier < from_date and reroster(
                scenario, as_published, entries, earlier, min(notified, earlier - timedelta(1)),
                time_limit=time_limit, seed=seed, weights=weights, mend=mend, stand=stand,
                look_earlier=False,
                told=told,
            ).feasible:  # fmt: skip
                why = (
                    "the days before it stand as published"
                    if any(c.day == earlier for c in clashes)
                    else "the rest days and tours the entries move have no room between it and them"
                )
                conflicts.append(
                    f"from {from_date}: {why}; re-roster --from {earlier} holds a lawful "
                    "roster with every entry"
                )
                break
    joined = _joined_rows(base, joining)
    changes = change_notice(
        base[~joined],
        new_table,
        from_date,
        notified,
        scenario,
        entries=_acting(family, plan),
        released={
            **_shortened(scenario, reopen),
            **_told_again(plan.released, settings.told, new_table),
            **plan.typed_back,
        },
        placed={
            **mended,
            **{
                (officer_id, day.isoformat()): f"on aid: {duty.event}, a High Demand Day"
                for (officer_id, day), duty in plan.aid.items()
            },
        },
        given_by=plan.given_by,
    )
    if joining:
        changes = pd.concat([changes, _joining_notice(new_table, joining, notified)])
    if not left.empty:
        changes = pd.concat([changes, _leaving(left, notified, scenario)])
    if joining or not left.empty:
        changes = changes.sort_values(["date", "officer_id"], kind="stable", ignore_index=True)
    outside = _outside(family, plan.outside, from_date)
    lost = _rest_lost(base[~joined], new_table, from_date)
    seconds = clock.monotonic() - started
    out_of_post = (
        _out_of_post(scenario, family, from_date)
        + _not_in_scenario(scenario, entries, from_date)
        + _voided_before(scenario, base, family, from_date, voided)
    )
    return RerosterResult(
        new_table, changes, status, seconds, conflicts, outside, lost, entries_named, out_of_post
    )


def _out_of_post(scenario: Scenario, family: list[Entry], from_date: date) -> list[tuple[str, str]]:
    """(officer, line) for each logged entry with days from ``from_date`` outside its
    officer's time in post as the scenario now has it (logged while in post, the time in
    post since shortened): the re-roster has no day of theirs to apply them to."""
    out = []
    for e in family:
        span = scenario.service_span(scenario.officer(e.officer_id))
        days = [d for d in e.days() if d >= from_date]
        gone = [d for d in days if span is None or not span[0] <= d <= span[1]]
        if not e.in_log or not gone:
            continue
        whys = ", ".join(dict.fromkeys(_not_in_post(scenario, e.officer_id, d) for d in gone))
        some = "" if len(gone) == len(days) else f" of {len(days)}"
        out.append((e.officer_id, (
            f"{e.describe()}: {counted(len(gone), 'day')}{some} from {from_date} not applied, "
            f"{e.officer_id} {whys}: no roster day of theirs to change"
        )))  # fmt: skip
    return out


def _voided_before(
    scenario: Scenario,
    base: pd.DataFrame,
    family: list[Entry],
    from_date: date,
    voided: Collection[int],
) -> list[tuple[str, str]]:
    """(officer, line) for each entry voided since whose days before ``from_date`` the
    published roster still gives to it (the days the council's report counts as still
    following it): they stand as published, so the re-roster gives none of them back, and
    says so rather than leave the void unapplied without a word."""
    before = base[base["date"].astype(str).str[:10] < from_date.isoformat()]
    out = []
    for held in voided_held(scenario, before, family, voided):
        one = len(held.days) == 1
        out.append(
            (
                held.officer_id,
                f"{held.named()}, voided: not given "
                f"back on its {counted(len(held.days), 'day')} before --from {from_date} (from "
                f"{held.days[0]}), which {'stands' if one else 'stand'} as published (re-roster "
                f"--from {held.days[0]} to give {'it' if one else 'them'} back)",
            )
        )
    return out


@dataclass(frozen=True)
class VoidedHeld:
    """The days (``YYYY-MM-DD``, in order) a roster still gives to an entry voided since."""

    entry_id: int
    officer_id: str
    kind: str
    days: list[str]

    def named(self) -> str:
        return f"entry {self.entry_id} ({self.officer_id} {self.kind})"


def voided_held(
    scenario: Scenario, table: pd.DataFrame, family: Iterable[Entry], voided: Collection[int]
) -> list[VoidedHeld]:
    """Each entry of ``voided`` (ids of entries voided since) whose days ``table`` still
    gives to it (the days the council's report counts as still following it), by entry
    id. A day a live entry of ``family`` holds (leave cut short: voided, and its days
    taken logged again) is that entry's."""
    family = list(family)
    ids = table["abstraction_id"].astype(str) if "abstraction_id" in table else None
    if ids is None:
        return []
    stale = table[stale_rows(table, family, scenario) & ids.isin({str(i) for i in voided})]
    held = {(e.officer_id, d.isoformat()) for e in family if e.is_live for d in e.days()}
    keys = zip(stale["officer_id"].astype(str), stale["date"].astype(str).str[:10], strict=True)
    stale = stale.loc[[key not in held for key in keys]]
    out = [
        VoidedHeld(
            int(entry_id),
            str(rows["officer_id"].iloc[0]),
            str(rows["kind"].iloc[0]),
            sorted(rows["date"].astype(str).str[:10]),
        )
        for entry_id, rows in stale.groupby(stale["abstraction_id"].astype(str), sort=False)
    ]
    return sorted(out, key=lambda v: v.entry_id)


def _not_in_scenario(
    scenario: Scenario, entries: Iterable[Entry], from_date: date
) -> list[tuple[str, str]]:
    """(officer, line) for each live entry logged for one of the scenario's contracts whose
    officer the scenario no longer has (a joiner logged, then taken out of the file before
    joining), or logged without a scenario for an officer id in another case (``v-02``
    for V-02, as an s92 before live22 kept it), with days from ``from_date``: no re-roster
    applies it, so it is said, not left out without a word."""
    contracts = {c.id for c in scenario.contracts}
    officers = {o.id for o in scenario.officers}
    spelt = {o.casefold(): o for o in officers}
    out = []
    for e in entries:
        days = [d for d in e.days() if d >= from_date]
        if not (e.is_live and e.in_log and days) or e.officer_id in officers:
            continue
        lead = f"{e.describe()}: {counted(len(days), 'day')} from {from_date} not applied, "
        if e.contract_id in contracts:
            why = f"{e.officer_id} is not in the scenario file: no roster day of theirs to change"
            out.append((e.officer_id, lead + why))
        elif not e.contract_id and (officer := spelt.get(e.officer_id.casefold())):
            # logged without a scenario by an s92 that kept the id as typed
            why = f"logged as {e.officer_id}, not {officer}: void it and log it again as {officer}"
            out.append((officer, lead + why))
    return out


def _told_again(
    released: Mapping[tuple[str, str], str],
    told: Mapping[tuple[str, str], Told],
    table: pd.DataFrame,
) -> dict[tuple[str, str], str]:
    """The words for each day ``released``: a day given back by a voided entry that is
    back as an earlier version had it says so, naming the version."""
    if not told:
        return dict(released)
    now = {
        (str(o), str(d)): (str(state), str(shift), times)
        for o, d, state, shift, times in zip(
            table["officer_id"],
            table["date"],
            table["state"],
            table["shift"].fillna(""),
            told_times(table),
            strict=True,
        )
    }
    out = dict(released)
    for key, words in released.items():
        was = told.get(key)
        if was is not None and now.get(key) == (was.state, was.shift or "", was.times):
            out[key] = words.replace("day rostered afresh", f"back as version {was.version} had it")
    return out


def _rest_lost(base: pd.DataFrame, table: pd.DataFrame, from_date: date) -> dict[str, str]:
    """One line per officer with fewer rest days from ``from_date`` than published, on the
    days both rosters hold: a published rest day an entry took (or one cancelled) that
    no lawful roster could give back, the re-roster keeping only what the rules owe."""
    keys = ["officer_id", "date"]
    was = base[base["date"] >= from_date.isoformat()].set_index(keys)["state"]
    now = table[table["date"] >= from_date.isoformat()].set_index(keys)["state"]
    both = pd.concat([was.rename("was"), now.rename("now")], axis=1, join="inner")
    lines = {}
    for officer_id, rows in both.groupby(level=0, sort=True):
        fewer = int((rows["was"] == REST).sum() - (rows["now"] == REST).sum())
        if fewer <= 0:
            continue
        taken = (rows["was"] == REST) & (rows["now"] != REST)
        gone = [str(d) for _, d in rows.index[taken]]
        lines[str(officer_id)] = (
            f"{officer_id}: {counted(fewer, 'rest day')} fewer from {from_date} than published "
            f"(published rest days now on duty or leave: {', '.join(gone)}): no lawful roster "
            "gives every one back, so only the rest days the rules owe are kept"
        )
    return lines


def unrostered_service(
    scenario: Scenario,
    published: pd.DataFrame,
    version: int,
    from_date: date,
    contracts: Collection[str] | None = None,
) -> list[str]:
    """One line per scenario officer with in-post days before ``from_date`` the published
    roster has no row for (a joiner added to the scenario since, a service extended: their
    days from ``from_date`` on are rostered, those before would stand without a row), per
    officer out of post on a published day before ``from_date`` (which stands), and per
    officer of the published roster the scenario no longer has: a re-roster neither makes
    days that stand nor drops an officer's. ``contracts``: those re-rostered (None: all);
    another contract's officer with days to roster is named too (the web re-rosters one
    contract at a time)."""
    have: dict[str, set[str]] = {}
    for officer_id, day in zip(published["officer_id"], published["date"], strict=True):
        have.setdefault(str(officer_id), set()).add(str(day)[:10])
    moved = horizon_moved(scenario, published, version)
    lines = [] if moved is None else [moved]
    for o in scenario.officers:
        span = scenario.service_span(o)
        if span is None:
            continue
        first, last = span
        days = [first + timedelta(n) for n in range((last - first).days + 1)]
        elsewhere = contracts is not None and o.contract not in contracts
        missing = [d for d in days if d.isoformat() not in have.get(o.id, set())]
        if missing and elsewhere:
            lines.append(
                f"{o.id} (contract {o.contract}) is in post on {len(missing)} day"
                f"{'s' * (len(missing) != 1)} from {missing[0]} the published roster has no "
                f"row for (version {version}): re-roster contract {o.contract} first to "
                "roster them"
            )
            continue
        missing = [d for d in missing if d < from_date]
        if missing:
            lines.append(
                f"{o.id} (contract {o.contract}) is in post on {len(missing)} day"
                f"{'s' * (len(missing) != 1)} from {missing[0]} the published roster has no "
                f"row for (version {version}), before --from {from_date}, whose days stand "
                f"as published: re-roster --from {missing[0]} to roster them"
            )
    iso = published["date"].astype(str).str[:10]
    out = _out_of_service(scenario, published) & (iso >= scenario.start.isoformat())
    before = published[out & (iso < from_date.isoformat())]
    for officer_id in sorted(set(before["officer_id"].astype(str))):
        first = min(before.loc[before["officer_id"].astype(str) == officer_id, "date"])
        lines.append(
            f"{officer_id} is not in post on {str(first)[:10]} (scenario file), a day before "
            f"--from {from_date} the published roster (version {version}) has them on: "
            f"re-roster from {str(first)[:10]}, so that day changes too"
        )
    lines += _moved_contract(scenario, published, version)
    gone = sorted(set(have) - {o.id for o in scenario.officers})
    lines += [
        f"{officer_id} of the published roster (version {version}) is not in the scenario: "
        "keep a leaver in it, with end = their last day in post, so the days they served "
        "stand"
        for officer_id in gone
    ]
    return lines


def _moved_contract(scenario: Scenario, published: pd.DataFrame, version: int) -> list[str]:
    """One line per officer the scenario puts in another contract than the published
    roster has them in: an officer serves one contract over the horizon, and the days
    worked for the first stand as published, so a re-roster can move no one."""
    contract_of = {o.id: o.contract for o in scenario.officers}
    ids = published["officer_id"].astype(str)
    now = ids.map(contract_of)
    moved = published[now.notna() & (now != published["contract_id"].astype(str))]
    lines = []
    for o, rows in moved.groupby(moved["officer_id"].astype(str), sort=True):
        first = rows.sort_values("date").iloc[0]
        lines.append(
            f"{o} is in contract {contract_of[o]} in the scenario, but the published roster "
            f"(version {version}) has them in contract {first['contract_id']} (first "
            f"{str(first['date'])[:10]}): days worked stand as published, so keep {o} in "
            f"{first['contract_id']} with end = their last day there and add the officer to "
            f"{contract_of[o]} under another id with start = their first day there (or build "
            "the roster again with s92 roster --publish)"
        )
    return lines


def horizon_moved(scenario: Scenario, published: pd.DataFrame, version: int) -> str | None:
    """Why a scenario whose horizon now starts after the published roster's first day
    cannot be re-rostered (None when it does not): those days stand as worked, and no
    --from can reach them (it must be in the horizon)."""
    first = str(published["date"].astype(str).str[:10].min())
    if not first or first >= scenario.start.isoformat():
        return None
    return (
        f"the horizon now starts {scenario.start}, but the published roster (version "
        f"{version}) starts {first}, and its days stand as worked: keep start = {first} "
        "(or build the roster again with s92 roster --publish)"
    )


def changed_tours(scenario: Scenario, published: pd.DataFrame, version: int) -> list[str]:
    """One line per shift code the published roster works that the scenario no longer
    defines, or defines with other times: a re-roster keeps the published tours (the days
    before --from stand as worked) and the checker holds every tour to its shift, so a
    shift changed under a published roster would rewrite its days, worked ones too."""
    duty = published[published["state"].astype(str) == "DUTY"]
    tours = {t.code: f"{t.start:%H:%M}-{t.end:%H:%M}" for t in council_tours(scenario)}
    codes = duty["shift"].astype(str)
    worked = duty["start"].astype(str).str[11:16] + "-" + duty["end"].astype(str).str[11:16]
    differs = codes.map(tours) != worked
    if differs.any():  # a few rows at most: each looked at on its own day
        differs &= ~_as_read_that_day(duty[differs], council_tours(scenario))
    lines = []
    for code in sorted(set(codes[differs])):
        first = duty[differs & (codes == code)].iloc[0]
        was = f"{first['start']!s:.16}"[11:] + "-" + f"{first['end']!s:.16}"[11:]
        if code in tours:
            now, advice = (
                f"is now {tours[code]}",
                "keep it as it was and add a shift for the new times",
            )
        else:
            now, advice = "is no longer defined", "keep it in the scenario"
        lines.append(
            f"shift {code} {now}, but the published roster (version {version}) works it "
            f"{was} (first {first['officer_id']} {str(first['date'])[:10]}): days worked "
            f"stand as published, so {advice} (or build the roster again with s92 roster "
            "--publish)"
        )
    return lines


def _as_read_that_day(duty: pd.DataFrame, tours: Iterable[Tour]) -> pd.Series:
    """Which of the ``duty`` rows work their shift's times as London's clocks read them
    that day: a shift starting or ending in the hour the clocks skip (01:30 on the last
    Sunday of March) is published starting 02:30, the same instant."""
    shifts = {t.code: t for t in tours}
    same = []
    for row in duty.itertuples(index=False):
        tour = shifts.get(str(row.shift))
        day = date.fromisoformat(str(row.date)[:10])
        if tour is None:
            same.append(False)
            continue
        end_day = day + timedelta(days=1) if tour.end <= tour.start else day
        read = f"{_read(day, tour.start)}-{_read(end_day, tour.end)}"
        same.append(read == f"{row.start!s:.16}"[11:] + "-" + f"{row.end!s:.16}"[11:])
    return pd.Series(same, index=duty.index, dtype=bool)


def _read(day: date, at: time) -> str:
    """What London's clocks read at the instant of ``at`` on ``day``."""
    instant = datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)
    return f"{instant.astimezone(LONDON):%H:%M}"


def changed_aid_days(
    scenario: Scenario, published: pd.DataFrame, version: int, from_date: date
) -> list[str]:
    """One line per day before ``from_date`` the published roster has officers on a High
    Demand Day's aid that the scenario no longer holds as one, or holds with other aid
    times: those days stand as worked, and the checker holds aid to the day's HDD."""
    hdds = {h.date.isoformat(): h for h in scenario.high_demand_days()}
    days = published["date"].astype(str).str[:10]
    planned = (published["state"].astype(str) == "HDD_AID") & ~_marked(published)
    aid = published[planned & (days < from_date.isoformat())]
    lines = []
    for day in sorted(set(aid["date"].astype(str).str[:10])):
        row = aid[aid["date"].astype(str).str[:10] == day].iloc[0]
        worked = f"{str(row['start'])[11:16]}-{str(row['end'])[11:16]}"
        hdd = hdds.get(day)
        if hdd is not None and f"{hdd.start:%H:%M}-{hdd.end:%H:%M}" == worked:
            continue
        now = (
            "is no longer a High Demand Day in the scenario"
            if hdd is None
            else f"has aid {hdd.start:%H:%M}-{hdd.end:%H:%M} in the scenario"
        )
        lines.append(
            f"{day} {now}, but the published roster (version {version}) has officers on its "
            f"aid {worked} ({row['event']}), a day before --from {from_date}, which stands as "
            f"worked: keep the High Demand Day as it was, or re-roster --from {day} so that "
            "day changes too"
        )
    return lines


def _marked(table: pd.DataFrame) -> pd.Series:
    """Rows an entry made (its id on them)."""
    if "abstraction_id" not in table:
        return pd.Series(False, index=table.index)
    ids = table["abstraction_id"].fillna("").astype(str).str.removesuffix(".0")
    return ids != ""


def _out_of_service(scenario: Scenario, published: pd.DataFrame) -> pd.Series:
    """Which published rows are of days a scenario officer is not in post (a leaver whose
    ``end`` was set, a joiner whose ``start`` moved, since publication); rows of officers
    the scenario does not name are not (the command refuses them)."""
    spans = {o.id: scenario.service_span(o) for o in scenario.officers}
    out = []
    for officer_id, day in zip(published["officer_id"], published["date"], strict=True):
        officer = str(officer_id)
        if officer not in spans:
            out.append(False)
            continue
        span, iso = spans[officer], str(day)[:10]
        out.append(span is None or not span[0].isoformat() <= iso <= span[1].isoformat())
    return pd.Series(out, index=published.index, dtype=bool)


def _in_service(
    scenario: Scenario, published: pd.DataFrame, from_date: date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The published rows to re-roster from, and those of days from ``from_date`` an
    officer is no longer in post (days before it stand)."""
    leaving = _out_of_service(scenario, published) & (
        published["date"].astype(str).str[:10] >= from_date.isoformat()
    )
    return published[~leaving], published[leaving]


# days before the end of a shortened time in post the re-roster may change: its rest days
# (owed pro rata over the shorter time) and its hours must fit the days left
LEAVING_REACH = 14


def _leavers_last_days(
    scenario: Scenario, left: pd.DataFrame, from_date: date
) -> frozenset[tuple[str, date]]:
    """The in-post days from ``from_date`` near either end of the time in post of each
    officer with published days outside it, to re-roster."""
    out = set()
    for officer_id in sorted(set(left["officer_id"].astype(str))):
        span = scenario.service_span(scenario.officer(officer_id))
        if span is None:
            continue
        first, last = span
        for n in range(LEAVING_REACH):
            for day in (first + timedelta(n), last - timedelta(n)):
                if first <= day <= last and day >= from_date:
                    out.add((officer_id, day))
    return frozenset(out)


def _shortened(
    scenario: Scenario, reopen: frozenset[tuple[str, date]]
) -> dict[tuple[str, str], str]:
    """Why each day re-rostered for a shorter time in post changes: the rest days owed
    over it must fit the days left."""
    words = {}
    for officer_id, day in reopen:
        span = scenario.service_span(scenario.officer(officer_id))
        if span is not None:
            words[(officer_id, day.isoformat())] = (
                f"{officer_id} now in post {span[0]} to {span[1]} (scenario file): rest days "
                "owed over the shorter time re-rostered"
            )
    return words


def _leaving(left: pd.DataFrame, notified: date, scenario: Scenario) -> pd.DataFrame:
    """The change notice's rows of the days an officer is no longer in post."""
    rows = []
    for r in left.to_dict("records"):
        day = date.fromisoformat(str(r["date"])[:10])
        why = _not_in_post(scenario, str(r["officer_id"]), day)
        rows.append(
            {
                "officer_id": r["officer_id"],
                "contract_id": r["contract_id"],
                "date": day.isoformat(),
                "was": describe_day(r["state"], r["shift"], r["start"], r["end"]),
                "now": "not in post",
                "clear_days_notice": clear_days(notified, day),
                "compensation": "",
                "entry_id": "",
                "reason": why,
            }
        )
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def _not_in_post(scenario: Scenario, officer_id: str, day: date) -> str:
    """Why ``day``, outside the officer's time in post, is: the scenario file's words."""
    span = scenario.service_span(scenario.officer(officer_id))
    if span is None:
        return "not in post in the horizon (scenario file)"
    if day < span[0]:
        return f"not in post before {span[0]} (scenario file)"
    if day > scenario.end:
        return f"after the horizon's end, now {scenario.end} (scenario file)"
    return f"not in post after {span[1]} (scenario file)"


# a placeholder state for a joiner's day before it is rostered: one the solver never gives
# (so never taken for a published rest day or tour), released so that it is not pinned
_NOT_YET = "SICK"


def _joining(
    scenario: Scenario, published: pd.DataFrame, from_date: date
) -> dict[tuple[str, date], str]:
    """The in-post days from ``from_date`` the published roster has no row for (a joiner
    added to the scenario since, a start brought forward, an end put back), with why they
    change; days before ``from_date`` are the command's to refuse (``unrostered_service``)."""
    have = set(
        zip(
            published["officer_id"].astype(str),
            published["date"].astype(str).str[:10],
            strict=True,
        )
    )
    ended = str(published["date"].astype(str).str[:10].max())
    out: dict[tuple[str, date], str] = {}
    for o in scenario.officers:
        span = scenario.service_span(o)
        if span is None:
            continue
        first, last = max(span[0], from_date), span[1]
        for n in range((last - first).days + 1):
            day = first + timedelta(n)
            if (o.id, day.isoformat()) in have:
                continue
            if day.isoformat() > ended:
                why = f"the horizon now ends {scenario.end} (scenario file), the published {ended}"
            elif span[0] >= from_date:
                why = f"{o.id} in post from {span[0]} (scenario file)"
            else:
                why = f"{o.id} in post to {span[1]} (scenario file)"
            out[(o.id, day)] = f"{why}: a day new to the roster"
    return out


def _with_joiners(
    scenario: Scenario, published: pd.DataFrame, joining: Mapping[tuple[str, date], str]
) -> pd.DataFrame:
    """The published rows and a placeholder row for each joiner's day to roster."""
    if not joining:
        return published
    rows = [
        {
            "officer_id": officer_id,
            "contract_id": scenario.officer(officer_id).contract,
            "rank": scenario.officer(officer_id).rank,
            "date": day.isoformat(),
            "state": _NOT_YET,
            "shift": "",
            "start": "",
            "end": "",
            "hours": 0.0,
            "event": "",
            "kind": "",
            "abstraction_id": "",
        }
        for officer_id, day in sorted(joining)
    ]
    added = pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])
    return pd.concat([_normalised(published), added], ignore_index=True)


def _joined_rows(base: pd.DataFrame, joining: Mapping[tuple[str, date], str]) -> pd.Series:
    keys = {(o, d.isoformat()) for o, d in joining}
    pairs = zip(base["officer_id"].tolist(), base["date"].tolist(), strict=True)
    return pd.Series([k in keys for k in pairs], index=base.index, dtype=bool)


def _joining_notice(
    new: pd.DataFrame, joining: Mapping[tuple[str, date], str], notified: date
) -> pd.DataFrame:
    """The change notice's rows of a joiner's days: each new, from 'not in post'."""
    rows = new[_joined_rows(new, joining)]
    out = []
    for r in rows.to_dict("records"):
        day = date.fromisoformat(str(r["date"]))
        out.append(
            {
                "officer_id": r["officer_id"],
                "contract_id": r["contract_id"],
                "date": day.isoformat(),
                "was": "not in post",
                "now": describe_day(r["state"], r["shift"], r["start"], r["end"]),
                "clear_days_notice": clear_days(notified, day),
                "compensation": "",
                "entry_id": r["abstraction_id"],
                "reason": joining[(str(r["officer_id"]), day)],
            }
        )
    return pd.DataFrame(out, columns=list(CHANGE_COLUMNS))


def _family(scenario: Scenario, entries: Iterable[Entry]) -> list[Entry]:
    """The live entries of the scenario's officers, each with its officer's contract (an
    entry logged without a scenario has none), then the scenario's leave."""
    contract_of = {o.id: o.contract for o in scenario.officers}
    logged = [
        replace(e, contract_id=contract_of[e.officer_id])
        for e in entries
        if e.is_live and e.officer_id in contract_of
    ]
    return logged + scenario_leave(scenario)


def _acting(family: list[Entry], plan: _Plan) -> list[Entry]:
    """The entries that changed a day in this re-roster: the causes of its changes."""
    return [
        e
        for e in family
        if any((e.officer_id, d) in plan.days.get(e.contract_id, ()) for d in e.days())
    ]


def _outside(
    family: list[Entry],
    days: frozenset[tuple[str, date]],
    from_date: date,
    worked: bool = True,
) -> list[str]:
    """One line per entry that would change days before ``from_date``, which stand: the
    entry applied last to each such day (as apply_entries applies them, by id). Without
    ``worked`` the days are still to come, and the line says so."""
    last: dict[tuple[str, date], Entry] = {}
    for e in sorted(family, key=lambda e: e.id):
        for d in e.days():
            if (e.officer_id, d) in days:
                last[(e.officer_id, d)] = e
    lines = []
    for e in family:
        before = [d for d in e.days() if last.get((e.officer_id, d)) is e]
        if before:
            count = f"{len(before)} day{'s' * (len(before) != 1)}"
            lines.append(
                f"{e.describe()}: not applied to its {count} before --from {from_date}, which "
                f"stand as published (re-roster --from {before[0]} to apply it there)"
                if worked
                else f"{e.describe()} falls on {count} before --from {from_date} not worked "
                f"yet (from {before[0]}), which would stand as published with the officer "
                f"rostered through it: re-roster --from {before[0]}"
            )
    return lines


def _plan(
    scenario: Scenario,
    published: pd.DataFrame,
    base: pd.DataFrame,
    family: list[Entry],
    from_date: date,
    reopen: frozenset[tuple[str, date]] = frozenset(),
    joining: Mapping[tuple[str, date], str] | None = None,
    told: Mapping[tuple[str, str], Told] | None = None,
) -> _Plan:
    applied = apply_entries(published, family, scenario)
    table = _normalised(applied.table)
    on_or_after = table["date"] >= from_date.isoformat()
    # days before from_date stand as published, whatever the entries would make of them
    kept = ~on_or_after & _differs(base, table, (*_TIMES, *EXTRA_COLUMNS, "event"))
    # named as not applied: the days an entry would change, not only mark (leave that a
    # voided entry's leave already made LEAVE is leave as it stands)
    moved = kept & _differs(base, table, _TIMES)
    outside = frozenset(
        (str(o), date.fromisoformat(str(d)))
        for o, d in zip(table.loc[moved, "officer_id"], table.loc[moved, "date"], strict=True)
    )
    if kept.any():
        table = table.copy()
        table.loc[kept] = base.loc[kept]
    refused = tuple(r for r in applied.refused if r.day >= from_date)
    voided = voided_rows(table, family) & on_or_after
    table, voided, typed_back, given_by = _typed_back(table, voided, told or {})
    unbooked = unbooked_leave(table, scenario) & on_or_after
    released: dict[tuple[str, str], str] = {}
    for r in table[voided].to_dict("records"):
        key = (str(r["officer_id"]), str(r["date"]))
        released[key] = f"entry {r['abstraction_id']} ({r['kind']}) voided: day rostered afresh"
        given_by[key] = str(r["abstraction_id"])
    for r in table[unbooked & ~voided].to_dict("records"):
        released[(str(r["officer_id"]), str(r["date"]))] = (
            "leave cancelled in the scenario file: day rostered afresh"
        )
    no_hdd = _aid_without_hdd(scenario, table) & on_or_after
    tours = _aid_tours(scenario)
    for r in table[no_hdd].to_dict("records"):
        event, tour = r["event"] or "High Demand Day", tours.get(str(r["date"]))
        moved_to = _moved_to(scenario, str(r["event"]), str(r["date"]))
        released[(str(r["officer_id"]), str(r["date"]))] = (
            f"{event}: aid tour now {tour} in the scenario file: day rostered afresh"
            if tour is not None
            else f"{event} moved to {moved_to} in the scenario file: day rostered afresh"
            if moved_to
            else f"{event} no longer a High Demand Day in the scenario file: day rostered afresh"
        )
    if released:
        table = table.copy()
        table.loc[voided | unbooked | no_hdd, ["event", "kind", "abstraction_id"]] = ""
    # a joiner's days are rostered afresh (an entry's on them keep its state)
    for (joiner, joined_day), words in (joining or {}).items():
        released.setdefault((joiner, joined_day.isoformat()), words)
    days = _changed_days(base, table, from_date)
    for officer_id, day in released:
        contract_id = scenario.officer(officer_id).contract
        days.setdefault(contract_id, set()).add((officer_id, date.fromisoformat(day)))
    for officer_id, d in reopen:
        days.setdefault(scenario.officer(officer_id).contract, set()).add((officer_id, d))
    aid = _aid_in_place(scenario, table, from_date, released, joining or {})
    for officer_id, hdd in aid:
        days.setdefault(scenario.officer(officer_id).contract, set()).add((officer_id, hdd))
    return _Plan(table, days, released, refused, outside, aid, given_by, typed_back)


_TIMES = ("state", "start", "end")


def _typed_back(
    table: pd.DataFrame, voided: pd.Series, told: Mapping[tuple[str, str], Told]
) -> tuple[pd.DataFrame, pd.Series, dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """The ``voided`` days an earlier version had as a state typed by hand (leave typed
    over a tour in roster.xlsx, no entry behind it) put back as typed, to stand as typed
    days stand: ``table`` so, the days still to be rostered afresh, the words for those put
    back and the voided entry behind each."""
    keys = list(zip(table["officer_id"].astype(str), table["date"].astype(str), strict=True))
    back = pd.Series([k in told and bool(told[k].typed) for k in keys], index=table.index)
    back &= voided
    if not back.any():
        return table, voided, {}, {}
    table, words, given_by = table.copy(), {}, {}
    for i in table.index[back]:
        key, r = keys[i], table.loc[i]
        was = told[key]
        words[key] = (
            f"entry {r['abstraction_id']} ({r['kind']}) voided: back as version {was.version} had it"
        )
        given_by[key] = str(r["abstraction_id"])
        for column, value in was.typed:
            if column in _TYPED_COLUMNS:
                table.at[i, column] = value
    return table, voided & ~back, words, given_by


# the columns of a day typed by hand that stand again when a voided entry gives it back
_TYPED_COLUMNS = ("state", "shift", "start", "end", "hours", "event", *EXTRA_COLUMNS)


def _aid_without_hdd(scenario: Scenario, table: pd.DataFrame) -> pd.Series:
    """HDD aid the roster planned (no entry behind it) on a day the scenario no longer
    holds as a High Demand Day (an announced one called off, say), or holds with other aid
    times (the event moved)."""
    tours = _aid_tours(scenario)
    worked = table["start"].astype(str).str[11:16] + "-" + table["end"].astype(str).str[11:16]
    now = table["date"].map(tours)
    planned = (table["state"] == "HDD_AID") & (table["abstraction_id"] == "")
    return planned & (now.isna() | (now != worked))


def _moved_to(scenario: Scenario, event: str, day: str) -> str:
    """The date of the scenario's High Demand Day of ``event``'s name nearest ``day`` (an
    event moved to another date), or "" when it holds none."""
    dates = [h.date for h in scenario.high_demand_days() if event and h.name == event]
    if not dates:
        return ""
    was = date.fromisoformat(day)
    return min(dates, key=lambda d: (abs((d - was).days), d)).isoformat()


def _aid_tours(scenario: Scenario) -> dict[str, str]:
    """Each High Demand Day's aid tour, ``HH:MM-HH:MM``, by ISO date."""
    return {
        h.date.isoformat(): f"{h.start:%H:%M}-{h.end:%H:%M}" for h in scenario.high_demand_days()
    }


def _differs(a: pd.DataFrame, b: pd.DataFrame, columns: Iterable[str]) -> pd.Series:
    """Rows (aligned) where any of ``columns`` differs."""
    return pd.concat([a[c] != b[c] for c in columns], axis=1).any(axis=1)


# an officer in one of these states on an HDD is not available for aid (the checker's rule)
_NOT_FOR_AID = frozenset({"LEAVE", "SICK", "TRAINING", "COURT", "ABSTRACTED", "EMERGENCY_AID"})


def _aid_in_place(
    scenario: Scenario,
    table: pd.DataFrame,
    from_date: date,
    released: Collection[tuple[str, str]] = (),
    joining: Collection[tuple[str, date]] = (),
) -> dict[tuple[str, date], AidDuty]:
    """Officers to put on HDD aid from ``from_date`` where the entries left a contract
    fewer on aid than the High Demand Day asks of those still available (a planned officer
    off sick, say, when the HDD wants a number of officers): per HDD and contract, those on
    a tour that day first (a rest day stays), then the fewest aid days, then by id; none
    without the minimum rest since an aid tour of theirs (``scheduler.rules.high_demand``).
    A joiner's day (``joining``, its row a placeholder still to roster) is available: read
    as the sick day its placeholder says, a share of the officers left one short of what
    the checker counts, and the re-roster refused its own roster."""
    hdds = [h for h in scenario.high_demand_days() if h.date >= from_date]
    if not hdds:
        return {}
    days = {h.date.isoformat() for h in hdds}
    rows = table[table["date"].isin(days)]
    aid = table[table["state"] == "HDD_AID"]
    aid_days = aid["officer_id"].value_counts().to_dict()
    aid_ends: dict[str, list[datetime]] = {}
    for oid, end in zip(aid["officer_id"], aid["end"], strict=True):
        if end:
            aid_ends.setdefault(oid, []).append(datetime.fromisoformat(end))
    # and the aid the re-roster plans on a day the solver decides (a voided entry's leave
    # given back on a High Demand Day): no aid in place the next day inside its rest
    by_day = {h.date: h for h in hdds}
    solved = dict(
        zip(
            zip(rows["officer_id"], rows["date"], strict=True),
            rows["state"].isin(SOLVED_STATES) & (rows["abstraction_id"] == ""),
            strict=True,
        )
    )
    for oid, day in plan_aid(scenario):
        if solved.get((oid, day.isoformat()), False) or (oid, day.isoformat()) in released:
            aid_ends.setdefault(oid, []).append(aid_span(by_day[day])[1])
    rest = scenario.rules.min_rest_hours
    out: dict[tuple[str, date], AidDuty] = {}
    for h in sorted(hdds, key=aid_span):
        on_day = rows[rows["date"] == h.date.isoformat()]
        for contract in scenario.contracts:
            here = on_day[on_day["contract_id"] == contract.id]
            state = dict(zip(here["officer_id"], here["state"], strict=True))
            kind = dict(zip(here["officer_id"], here["kind"], strict=True))
            team = [
                o
                for o in scenario.officers_of(contract.id)
                if o.id in state
                and is_available(o, h.date, o.leave_days())
                and (state[o.id] not in _NOT_FOR_AID or (o.id, h.date) in joining)
                and kind[o.id] != LEAVE_KIND
                and rested(aid_ends.get(o.id, []), h, rest)
            ]
            need = required_on_aid(h, len(team), scenario.high_demand.share)
            short = need - sum(1 for o in team if state[o.id] == "HDD_AID")
            if short <= 0:
                continue
            free = sorted(
                (o for o in team if state[o.id] != "HDD_AID"),
                key=lambda o: (state[o.id] != "DUTY", aid_days.get(o.id, 0), o.id),
            )
            for o in free[:short]:
                out[(o.id, h.date)] = AidDuty(o.id, h.date, h.name)
                aid_ends.setdefault(o.id, []).append(aid_span(h)[1])
    return out


def _changed_days(
    base: pd.DataFrame, table: pd.DataFrame, from_date: date
) -> dict[str, set[tuple[str, date]]]:
    """Per contract the officer-days from ``from_date`` to re-roster."""
    after = table["date"] >= from_date.isoformat()
    rows = table[_differs(base, table, _TIMES) & after]
    out: dict[str, set[tuple[str, date]]] = {}
    for cid, oid, day in zip(
        rows["contract_id"].tolist(),
        rows["officer_id"].tolist(),
        rows["date"].tolist(),
        strict=True,
    ):
        out.setdefault(str(cid), set()).add((str(oid), date.fromisoformat(str(day))))
    return out


def _suspects(contract_id: str, days: set[tuple[str, date]], family: list[Entry]) -> list[Entry]:
    """The live entries of a contract on the days it must re-roster, the log's latest first
    (the likeliest to be new, or mistyped), then scenario leave."""
    return sorted(
        (
            e
            for e in family
            if e.contract_id == contract_id and any((e.officer_id, d) in days for d in e.days())
        ),
        key=lambda e: (not e.in_log, -e.id),
    )


def _new_aid(
    base: pd.DataFrame,
    aid: Mapping[tuple[str, date], AidDuty],
    days: set[tuple[str, date]],
) -> dict[tuple[str, str], list[str]]:
    """Of ``days``, the officers on High Demand Day ``aid`` the published roster did not
    have there (an HDD announced since publication), by (event, ISO date)."""
    was = base.set_index(["officer_id", "date"])["state"]
    out: dict[tuple[str, str], list[str]] = {}
    for (officer_id, day), duty in sorted(aid.items()):
        if (officer_id, day) in days and was.get((officer_id, day.isoformat())) != "HDD_AID":
            out.setdefault((duty.event, day.isoformat()), []).append(officer_id)
    return out


def _explain(
    contract_id: str,
    suspects: list[Entry],
    lawful_without: Callable[[Entry], bool],
    new_aid: Mapping[tuple[str, str], list[str]] | None = None,
    standing: Callable[[Entry], StandingClash | None] = lambda _: None,
) -> list[str]:
    """Why a contract cannot be re-rostered: each entry without which a lawful roster holds
    (the first MAX_SUSPECTS suspects are tried, one at a time), with the rule its tours
    break with the days before --from where they do (``standing``), else the suspects
    together; with none, the High Demand Day aid added since publication (``new_aid``)."""
    blamed = [e for e in suspects[:MAX_SUSPECTS] if lawful_without(e)]
    if blamed:
        return [
            f"contract {contract_id}: {e.describe()} leaves no lawful roster; without it one holds"
            + ("" if (clash := standing(e)) is None else f": {clash.why}")
            for e in blamed
        ]
    if not suspects and new_aid:
        return [
            f"contract {contract_id}: no lawful roster holds with {', '.join(sorted(officers))} "
            f"on the aid of {event} on {day}, {NEW_AID}, under the "
            "working-time rules of the scenario (rest between tours, the average weekly hours): "
            "change the day's aid in [high_demand], or re-roster from an earlier --from"
            for (event, day), officers in sorted(new_aid.items(), key=lambda x: x[0][1])
        ]
    if not suspects:
        return [f"contract {contract_id}: no lawful roster holds from the given date"]
    listed = ", ".join(e.describe() for e in suspects)
    return [f"contract {contract_id}: no lawful roster holds around {listed} together"]


def normalised(table: pd.DataFrame) -> pd.DataFrame:
    """The roster table as ``change_notice`` compares it: extension columns present, text
    cells as text, sorted by contract, officer and date."""
    return _normalised(table)


def _normalised(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in EXTRA_COLUMNS:
        out[column] = out[column].fillna("").astype(str) if column in out else ""
    out["abstraction_id"] = out["abstraction_id"].str.removesuffix(".0")  # 12.0 read from CSV
    for column in ("officer_id", "contract_id", "state", "shift", "start", "end", "event"):
        out[column] = out[column].fillna("").astype(str)
    out["date"] = out["date"].astype(str).str[:10]
    out["hours"] = out["hours"].astype(float)
    return (
        out[[*COLUMNS, *EXTRA_COLUMNS]]
        .sort_values(["contract_id", "officer_id", "date"], kind="stable")
        .reset_index(drop=True)
    )


# --- one contract ----------------------------------------------------------------------


def _mended(
    scenario: Scenario, plan: _Plan, from_date: date, mend: Mapping[tuple[str, date], str]
) -> dict[tuple[str, str], str]:
    """Each officer-day of ``mend`` (from ``from_date`` on, in the roster) added to the days
    ``plan`` re-rosters; returns the words for the changes around them (the days the
    narrowest reach frees), to name the rule in the change notice."""
    rostered = set(zip(plan.table["officer_id"], plan.table["date"], strict=True))
    before, after = REACHES[0].own
    words: dict[tuple[str, str], str] = {}
    for (officer_id, day), why in sorted(mend.items()):
        if day < from_date or (officer_id, day.isoformat()) not in rostered:
            continue
        contract_id = scenario.officer(officer_id).contract
        plan.days.setdefault(contract_id, set()).add((officer_id, day))
        for n in range(-before, after + 1):
            near = day + timedelta(n)
            if near >= from_date:
                words.setdefault((officer_id, near.isoformat()), why)
    return words


@dataclass(frozen=True)
class _Reach:
    """How far a re-roster may move from the changed officer-days: an officer with a
    changed day, ``own`` days before and after it; every other officer of the contract,
    ``others`` days either side of any changed day (None: anywhere in the window)."""

    own: tuple[int, int]
    others: int | None


# tried in turn until a lawful roster holds: the narrowest first, so nothing moves that the
# entries do not touch (and the search is small enough to solve exactly)
REACHES = (
    _Reach((7, 14), 0),
    _Reach((14, 28), 3),
    _Reach((28, 56), None),
    _Reach((56, 120), None),
)


def _reroster_contract(
    settings: _Settings, contract_id: str, plan: _Plan, days: set[tuple[str, date]]
) -> tuple[pd.DataFrame, str] | str | None:
    """The contract's rows re-rostered, and the solver's status (OPTIMAL or FEASIBLE); None
    if no lawful roster holds; ``TIMED_OUT`` if none was found in the time, and none
    proven impossible either.

    Attempts run from the least disruptive: rest days and bank holidays off inside their
    notice periods kept, at each reach in turn, then without keeping them. When the first
    fails, the most relaxed attempt (the widest reach, nothing kept) is tried next: if
    even that finds no lawful roster none of the others can, and the answer comes at once;
    if it does, its roster is the last resort."""
    scenario = settings.scenario
    rows = plan.table[plan.table["contract_id"] == contract_id]
    released = {
        (o, day) for (o, day) in plan.released if scenario.officer(o).contract == contract_id
    }
    officers = sorted(set(rows["officer_id"].tolist()))
    # a rest day inside its notice is kept, unless High Demand Day aid needs the officer
    # (an HDD announced since publication): the aid is a hard rule, the notice a cost
    aid = {(o, d.isoformat()) for o, d in (*settings.aid_plan, *plan.aid)}
    kept = _days_off_in_notice(settings, rows) - aid
    published = settings.base[settings.base["contract_id"] == contract_id]

    def attempt(
        reach: _Reach,
        keep: set[tuple[str, str]],
        uncap: bool = False,
        every_rest_day: bool = True,
    ) -> tuple[pd.DataFrame, str] | str:
        free, first, last = _free_cells(settings, officers, days, reach)
        compiled = _compiled(settings, contract_id, rows, free, keep, released, plan.aid)
        solved = _solve_window(compiled, settings, first, last, every_rest_day, uncap)
        if solved is None:
            return "INFEASIBLE"
        if not solved.feasible:
            return TIMED_OUT
        return _labels_kept(to_table(contract_rows(compiled, solved)), published), solved.status

    # then, those days still kept, a day off more for an officer a tour settled before the
    # search (HDD aid ending late) leaves no lawful duty day beside (README: a rest day
    # inside its notice is never cancelled while a lawful roster without that exists)
    tries = [(reach, kept, False) for reach in REACHES]
    tries += [(reach, kept, True) for reach in REACHES if kept]
    tries += [(reach, set(), False) for reach in REACHES]
    first = attempt(*tries[0])
    if not isinstance(first, str):
        return first
    # the last resort owes officers only the rest days the rules require: one with more
    # rest days than that (a contract with little tasking) need not have those an entry
    # covers re-rostered, where no room is left for them
    last_resort = attempt(*tries[-1], every_rest_day=False)
    if isinstance(last_resort, str):
        # proven only when the most relaxed attempt is: a search out of time proves nothing
        return None if last_resort == "INFEASIBLE" else TIMED_OUT
    for reach, keep, uncap in tries[1:-1]:
        done = attempt(reach, keep, uncap)
        if not isinstance(done, str):
            return done
    return last_resort


def _labels_kept(new: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """``new`` with the shift label each officer-day has in the ``published`` roster where
    its state and times are unchanged: an abstraction typed over a tour, pinned as a
    one-off tour, keeps the tour's code, so the day does not differ from the published one."""
    keys = ["officer_id", "date"]
    had = published.set_index(keys)[["state", "start", "end", "shift"]]
    now = new.set_index(keys)
    same = had.reindex(now.index)
    unchanged = (
        (same["state"] == now["state"])
        & (same["start"] == now["start"])
        & (same["end"] == now["end"])
    ).to_numpy()
    out = new.copy()
    out.loc[unchanged, "shift"] = same["shift"].to_numpy()[unchanged]
    return out


def _free_cells(
    settings: _Settings, officers: list[str], days: set[tuple[str, date]], reach: _Reach
) -> tuple[set[tuple[str, str]], date, date]:
    """The officer-days the solver may change at this reach, and the window they span."""
    lo = max(settings.from_date, settings.scenario.start)
    hi = settings.scenario.end

    def span(day: date, before: int, after: int) -> list[date]:
        first, last = max(lo, day - timedelta(before)), min(hi, day + timedelta(after))
        return [first + timedelta(n) for n in range((last - first).days + 1)]

    before, after = reach.own
    free = {(o, d.isoformat()) for o, day in days for d in span(day, before, after)}
    first = min(date.fromisoformat(d) for _, d in free)
    last = max(date.fromisoformat(d) for _, d in free)
    if reach.others is None:
        window = span(first, 0, (last - first).days)
        free |= {(o, d.isoformat()) for o in officers for d in window}
    else:
        # a joiner's days free the joiner alone: the colleagues' stand as published
        near = {
            d
            for o, day in days
            if (o, day) not in settings.joining
            for d in span(day, reach.others, reach.others)
        }
        free |= {(o, d.isoformat()) for o in officers for d in near}
    return free, first, last


def _compiled(
    settings: _Settings,
    contract_id: str,
    rows: pd.DataFrame,
    free: set[tuple[str, str]],
    kept: set[tuple[str, str]],
    released: set[tuple[str, str]],
    aid: Mapping[tuple[str, date], AidDuty],
) -> CompiledContract:
    scenario = settings.scenario
    # a day given back changes whatever it becomes: it has no published tour to keep; but a
    # rest day an entry held (leave kept the published rest days it fell on) is still the
    # officer's rest day, cancelled at a cost as any other
    given_back = released - _rested(settings.base, released)
    baseline, costs = _baseline(settings, contract_id, free - given_back)
    # unless an earlier version gave it a tour or a rest day, before the entry voided since
    for key in given_back & free:
        if key in settings.told:
            day = date.fromisoformat(key[1])
            was = settings.told[key]
            baseline[(key[0], day)] = aid_tour_code(day) if was.state == "HDD_AID" else was.shift
            costs[(key[0], day)] = _cost(settings, key[0], contract_id, day)
    compiled = compile_contract(
        scenario,
        scenario.contract(contract_id),
        {**settings.aid_plan, **aid},
        settings.weights,
        pins=_pins(scenario, rows, free, kept, released, {**settings.aid_plan, **aid}),
        baseline=baseline,
        change_weights=costs,
    )
    # the published roster already follows the rota lines, and each change costs anyway
    compiled.problem = replace(
        compiled.problem,
        cover=_restorable(compiled, settings, contract_id, given_back),
        rota=None,
    )
    return compiled


def _rested(base: pd.DataFrame, days: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of ``days`` (officer, ISO date) the published roster has as REST."""
    rest = base[base["state"] == REST]
    pairs = zip(rest["officer_id"].tolist(), rest["date"].tolist(), strict=True)
    return {k for k in pairs if k in days}


def _restorable(
    compiled: CompiledContract,
    settings: _Settings,
    contract_id: str,
    released: set[tuple[str, str]],
) -> tuple[Cover, ...]:
    """Council cover as the published roster gave it: each tasked tour wants no more
    officers than the published roster put on it (plus any officer given a day back), so
    the re-roster restores what the entries took and never reshuffles for more."""
    base = settings.base
    duty = base[(base["contract_id"] == contract_id) & (base["state"] == "DUTY")]
    given = duty.groupby(["date", "shift"]).size().to_dict()
    back: dict[str, int] = {}
    for _, day in released:
        back[day] = back.get(day, 0) + 1
    out = []
    for c in compiled.problem.cover:
        day = compiled.days[c.day].isoformat()
        wanted = min(c.required, int(given.get((day, c.shift), 0)) + int(back.get(day, 0)))
        if wanted > 0:
            out.append(replace(c, required=wanted, under_weight=settings.weights.restore_cover))
    return tuple(out)


def _days_off_in_notice(settings: _Settings, rows: pd.DataFrame) -> set[tuple[str, str]]:
    """Rest days, and bank holidays off, the published roster gives inside their notice
    periods (a rest day cancelled with less than ``rest_day_notice_days`` clear days'
    notice is paid at time and a half; a bank holiday at double time plus a day in lieu),
    the notice counted from the day the officer would be told of the change, as
    ``changes.csv`` counts it (``told_by_day``)."""
    rules = settings.scenario.rules
    notice = {
        "REST": rules.rest_day_notice_days,
        "PUBLIC_HOLIDAY": rules.public_holiday_notice_days,
    }
    base = settings.base
    off = base[base["state"].isin(list(notice)) & (base["date"] >= settings.from_date.isoformat())]
    still = set(
        zip(rows["officer_id"].tolist(), rows["date"].tolist(), rows["state"].tolist(), strict=True)
    )
    out = set()
    for officer_id, contract_id, day, state in zip(
        off["officer_id"].tolist(),
        off["contract_id"].tolist(),
        off["date"].tolist(),
        off["state"].tolist(),
        strict=True,
    ):
        if (officer_id, day, state) not in still:
            continue  # an entry has the day now
        when = date.fromisoformat(day)
        told = told_by_day(settings.notified, settings.entries, officer_id, contract_id, when)
        if clear_days(told, when) < notice[state]:
            out.add((officer_id, day))
    return out


def _solve_window(
    compiled: CompiledContract,
    settings: _Settings,
    first: date,
    last: date,
    every_rest_day: bool = True,
    uncap: bool = False,
) -> Solution | None:
    """Solve days first-MARGIN..last+MARGIN (the margins pinned) with the days before as
    history; the other days keep their pins, so the full-horizon assignment is the pins
    plus this window. ``every_rest_day``: the window holds as many rest days as published
    there (a rest day an entry took re-rostered in it); else only those the rules owe.
    ``uncap``: an officer with a tour settled before the search in it (an entry's, HDD
    aid) that no tour the day before or after may join has that day off more (``None``:
    no one has)."""
    index = {day: d for d, day in enumerate(compiled.days)}
    a, b = max(0, index[first] - MARGIN), min(len(compiled.days) - 1, index[last] + MARGIN)
    if settings.margin_from:
        a = max(a, index.get(settings.from_date, 0))
    problem = compiled.problem
    history = {m.id: [pinned_code(compiled, m.id, d) for d in range(a)] for m in problem.staff}
    # with every rest day published, the window's rest days are set below; else what the
    # rules owe on its free days, with no even share of them (slack None)
    sub = restrict(
        problem,
        a,
        b,
        history,
        {m.id: 0 for m in problem.staff},
        slack=0 if every_rest_day else None,
    )
    # at least the rest days the officer's time in post still owes on the free days (more
    # than published there when it was shortened since: a leaver, a shorter horizon)
    owed = {
        m.id: max(_rest_owed(compiled, settings.base, m.id, a, b), m.min_free_days_off or 0)
        for m in problem.staff
    }
    # (rules tightened since publication may need more of them: a run of days cut shorter)
    most = {m.id: m.max_free_days_off for m in problem.staff}
    caps = held_caps(compiled, settings.base, settings.scenario, settings.from_date, a)
    sub = replace(
        sub,
        staff=tuple(
            replace(
                m,
                # else only what the rules owe (more than published: none to re-roster)
                min_free_days_off=owed[m.id] if every_rest_day else m.min_free_days_off,
                # more where the rules owe fewer duty days (a short service whose 48-hour
                # average cannot hold every other day a duty day: a joiner's)
                max_free_days_off=None
                if settings.mending or most[m.id] is None
                else max(owed[m.id], most[m.id] or 0),
                future_minutes=_minutes_after(compiled, m.id, b),
                window_caps=caps.get(m.id, {}),
            )
            for m in sub.staff
        ),
    )
    # the weeks of the weekly rest before --from stand as they are (lawful, or by their
    # fortnight, under the rules they were published with); the one straddling it is held
    # with its days before --from as they stand
    f = index.get(settings.from_date, 0)
    rests = [p for p in sub.rest_periods if min(p.days, default=0) >= f - a]
    rests += held_rests(compiled, settings.base, settings.scenario, f, a)
    rests += held_fortnights(compiled, settings.base, settings.scenario, f, a)
    sub = replace(sub, rest_periods=tuple(_open_rests(sub, rests)))
    if uncap:
        forced = _forced_off(compiled, settings.from_date, a, b)
        if not forced:
            return None
        sub = replace(
            sub,
            staff=tuple(
                m
                if m.max_free_days_off is None or m.id not in forced
                else replace(m, max_free_days_off=m.max_free_days_off + forced[m.id])
                for m in sub.staff
            ),
        )
    sol = _solved(sub, settings)
    if sol.status == "INFEASIBLE" and not every_rest_day:
        # the rule s92 roster follows: an officer whose every other day cannot be a lawful
        # duty day against a tour settled before the search (an entry's, High Demand Day
        # aid), their rest days all held where they are (in leave), has a day off more:
        # first those with such a tour in the window (aid on a rest day with their 17-week
        # average at its limit), found without an explanation (one a busy machine may not
        # find in its time), then whoever the explanation names
        more = _uncapped_settled(compiled, sub, settings.from_date, a, b)
        if more is not None:
            sol = _solved(more, settings)
        if sol.status == "INFEASIBLE":
            more = uncapped(sub, explain_infeasible(sub, time_limit=settings.time_limit))
            if more is not None:
                sol = _solved(more, settings)
    if not sol.feasible:
        return sol if sol.status != "INFEASIBLE" else None  # not found in time: not proven
    full = {
        m.id: [
            *history[m.id],
            *sol.assignment[m.id],
            *[pinned_code(compiled, m.id, d) for d in range(b + 1, len(compiled.days))],
        ]
        for m in problem.staff
    }
    return replace(sol, assignment=full)


def _open_rests(sub: Problem, rests: Iterable[RestPeriod]) -> Iterator[RestPeriod]:
    """``rests`` held only for the staff with a day in the week (or beside it) the search
    may change: a week pinned as it stands whole is the checker's to judge (the model asks
    a rest of every week; the rule, of each week or of its fortnight: a published week
    lawful by its fortnight alone would leave the search no roster)."""
    for rest in rests:
        if not rest.days:
            continue
        near = range(min(rest.days) - 1, max(rest.days) + 2)
        staff = {
            m.id
            for m in sub.staff
            if (rest.staff is None or m.id in rest.staff)
            and any(
                0 <= d < sub.horizon and d not in m.days_off and d not in m.fixed_shifts
                for d in near
            )
        }
        if len(staff) == len(sub.staff):
            yield rest
        elif staff:
            yield replace(rest, staff=frozenset(staff))


def _forced_off(compiled: CompiledContract, from_date: date, a: int, b: int) -> dict[str, int]:
    """Officer -> days from ``from_date`` on in days ``a`` to ``b``, free for the search,
    beside a tour settled before it (an entry's, High Demand Day aid) that no council tour
    may join (the rest between them: aid ending at 04:00 before a 07:00 tour), nor fit
    between it and the settled tour on the day's other side (a night standing before
    ``--from`` and a course at 09:00 the morning after the next): each a day off the
    officer cannot work."""
    problem = compiled.problem
    first = max(a, compiled.days.index(from_date) if from_date in compiled.days else 0)
    council = [s.id for s in problem.shifts if compiled.tours[s.id].aid_day is None]

    def forbidden(d: int, before: str | None, after: str | None) -> bool:
        if before is None or after is None:  # no tour beside: nothing forbidden
            return False
        return (d, before, after) in problem.forbidden_by_day or after in problem.shift(
            before
        ).forbidden_next

    def tour(officer_id: str, d: int) -> str | None:
        pin = compiled.settled.get((officer_id, d))
        return None if pin is None or pin.tour is None else pin.tour.code

    out: dict[str, int] = {}
    for (officer_id, d), pin in compiled.settled.items():
        if not first <= d <= b or pin.tour is None:
            continue
        if pin.state != "HDD_AID" and pin.abstraction_id is None:
            continue
        code = pin.tour.code
        earlier, later = tour(officer_id, d - 2), tour(officer_id, d + 2)
        before = not any(  # none may precede
            not forbidden(d - 1, s, code) and not forbidden(d - 2, earlier, s) for s in council
        )
        after = not any(  # none may follow
            not forbidden(d, code, s) and not forbidden(d + 1, s, later) for s in council
        )
        near = [n for n, forced in ((d - 1, before), (d + 1, after)) if forced]
        near = [n for n in near if first <= n <= b and (officer_id, n) not in compiled.settled]
        if near:
            out[officer_id] = out.get(officer_id, 0) + len(near)
    return out


def _uncapped_settled(
    compiled: CompiledContract, sub: Problem, from_date: date, a: int, b: int
) -> Problem | None:
    """``sub`` (days ``a`` to ``b``) with no cap on the free days off of the officers with
    a tour settled before the search from ``from_date`` on in it (an entry's, High Demand
    Day aid); None when no one has one."""
    first = compiled.days.index(from_date) if from_date in compiled.days else 0
    settled = {
        officer_id
        for (officer_id, d), pin in compiled.settled.items()
        if max(a, first) <= d <= b
        and pin.tour is not None
        and (pin.state == "HDD_AID" or pin.abstraction_id is not None)
    }
    if not settled:
        return None
    staff = tuple(replace(m, max_free_days_off=None) if m.id in settled else m for m in sub.staff)
    return replace(sub, staff=staff)


def _solved(sub: Problem, settings: _Settings) -> Solution:
    """The window's roster: the published roster with only the rows it cannot keep
    changed, each least (the least-change roster first, improved after, not a lawful
    roster unrelated to it), found by solver work alone, so the same on a busy machine as
    on an idle one (up to ``WALL_ALLOWANCE`` times as long) rather than a worse one."""
    hint = least_change_start(
        sub, settings.seed, max(START_WORK, settings.time_limit * START_SHARE)
    )
    sol = solve(
        sub,
        time_limit=settings.time_limit * WALL_ALLOWANCE,
        seed=settings.seed,
        workers=1,
        deterministic_time=settings.time_limit,
        hint=hint,
    )
    # the search may only improve on the start: one the wall clock cut short (a busy
    # machine) before it found a roster as good never replaces it (one proven optimal is)
    if sol.status != "OPTIMAL":
        start = _costed_start(sub, hint, settings.seed)
        if start is not None and (not sol.feasible or _worse(sol, start)):
            sol = start
    return sol


def _minutes_after(compiled: CompiledContract, officer_id: str, b: int) -> tuple[int, ...]:
    """Minutes of the officer's pinned tours on the days after the window's last day ``b``,
    as far as the longest hours window reaches: a 17-week average running past the window
    counts the published days after it."""
    problem = compiled.problem
    reach = max((w.length for w in problem.windows), default=1) - 1
    days = range(b + 1, min(len(compiled.days), b + 1 + reach))
    codes = [pinned_code(compiled, officer_id, d) for d in days]
    return tuple(
        0 if c is None else problem.minutes(d, c) for d, c in zip(days, codes, strict=True)
    )


def _costed_start(problem: Problem, hint: Hint, seed: int) -> Solution | None:
    """The least-change start as a roster at its cost under the re-roster's goals, or None
    when it leaves a day open or breaks a hard rule of the window's model."""
    roster = start_roster(problem, hint)
    if roster is None:
        return None
    try:
        return score_roster(build_model(problem), roster, seed)
    except RuntimeError:  # a row kept as published that the window's model refuses
        return None


def _worse(found: Solution, start: Solution) -> bool:
    return (found.objective if found.objective is not None else math.inf) > (
        start.objective if start.objective is not None else math.inf
    )


def _rest_owed(
    compiled: CompiledContract, base: pd.DataFrame, officer_id: str, a: int, b: int
) -> int:
    """Rest days the window must hold on its free days: as many as published in it (a
    rest day an entry took is re-rostered inside the window), less those still pinned
    REST where they were published. A day pinned REST that was not (a rest day of a week's
    leave falling on a published tour) is a day off more, not one of those: counted among
    them, it would cancel a published rest day elsewhere to make room."""
    days = {compiled.days[d].isoformat() for d in range(a, b + 1)}
    rows = base[(base["officer_id"] == officer_id) & base["date"].isin(days)]
    rested = set(rows.loc[rows["state"] == REST, "date"].tolist())
    kept = sum(
        1
        for d in range(a, b + 1)
        if (p := compiled.settled.get((officer_id, d))) is not None
        and p.state == REST
        and compiled.days[d].isoformat() in rested
    )
    return max(0, len(rested) - kept)


def _pins(
    scenario: Scenario,
    rows: pd.DataFrame,
    free: set[tuple[str, str]],
    kept: set[tuple[str, str]],
    released: set[tuple[str, str]],
    planned: Mapping[tuple[str, date], AidDuty] | None = None,
) -> dict[tuple[str, date], Pin]:
    """Every officer-day as it stands, but the ``free`` ones; of those too, the days an
    entry has (its kind marks the row), the days off ``kept``, and a state the solver
    never gives (leave, sickness, an abstraction) typed by hand into a published roster,
    unless ``released`` (an entry voided or scenario leave cancelled gave the day back);
    and High Demand Day aid the published roster has (one put on it in place of a
    colleague an entry took, say): the HDD still wants as many on aid, and nothing in the
    search asks for them, so freed it would be dropped; unless within the minimum rest of
    the officer's aid ``planned`` on another HDD (one moved next to it: the plan has others
    on this one)."""
    pins: dict[tuple[str, date], Pin] = {}
    tours = {t.code: t for t in council_tours(scenario)}
    hdds = {h.date: h for h in scenario.high_demand_days()}
    spans: dict[str, list[tuple[datetime, datetime]]] = {}
    for officer_id, day in planned or {}:
        if day in hdds:
            spans.setdefault(officer_id, []).append(aid_span(hdds[day]))
    rest = timedelta(hours=scenario.rules.min_rest_hours)

    def rested_for(officer_id: str, day: date) -> bool:
        if day not in hdds:
            return False
        start, end = aid_span(hdds[day])
        return all(
            b + rest <= start or end + rest <= a
            for a, b in spans.get(officer_id, [])
            if (a, b) != (start, end)
        )

    for r in rows.to_dict("records"):
        officer_id, day_text = str(r["officer_id"]), str(r["date"])
        key = (officer_id, day_text)
        marked = r["kind"] or r["abstraction_id"]
        typed = r["state"] not in SOLVED_STATES and key not in released
        aid = (
            r["state"] == "HDD_AID"
            and key not in released
            and rested_for(officer_id, date.fromisoformat(day_text))
        )
        if key in free and not marked and not typed and not aid and key not in kept:
            continue
        day = date.fromisoformat(day_text)
        pins[(officer_id, day)] = _pin_of(scenario, tours, r, day)
    return pins


def _pin_of(scenario: Scenario, tours: dict[str, Tour], r: dict[Any, Any], day: date) -> Pin:
    marks: dict[str, Any] = {
        "event": r["event"],
        "kind": r["kind"],
        "abstraction_id": int(r["abstraction_id"]) if r["abstraction_id"] else None,
    }
    state = str(r["state"])
    if state not in DUTY_STATES:
        return Pin(state, None, **marks)
    if state == "DUTY":
        return Pin("DUTY", tours[str(r["shift"])])
    if state == "HDD_AID" and not r["abstraction_id"]:
        return Pin("HDD_AID", _aid_tour(scenario, day), str(r["event"]))
    start = datetime.fromisoformat(str(r["start"]))
    end = datetime.fromisoformat(str(r["end"]))
    tour = one_off_tour(
        day, start.time().replace(tzinfo=None), end.time().replace(tzinfo=None), str(r["event"])
    )
    return Pin(state, tour, **marks)


def _aid_tour(scenario: Scenario, day: date) -> Tour:
    hdd = next(h for h in scenario.high_demand_days() if h.date == day)
    return Tour(aid_tour_code(day), hdd.start, hdd.end, aid_day=day, event=hdd.name)


def _baseline(
    settings: _Settings, contract_id: str, free: set[tuple[str, str]]
) -> tuple[dict[tuple[str, date], str | None], dict[tuple[str, date], int]]:
    """The published tour of each free officer-day (None: off), and what changing it
    costs (``change_cost``)."""
    base = settings.base
    rows = base[base["contract_id"] == contract_id]
    keys = pd.Series(list(zip(rows["officer_id"], rows["date"], strict=True)), index=rows.index)
    rows = rows[keys.isin(free)]
    baseline: dict[tuple[str, date], str | None] = {}
    costs: dict[tuple[str, date], int] = {}
    # the entries told_by_day may read for these officer-days: the contract's, its officers'
    officers = set(rows["officer_id"].tolist())
    entries = [
        e for e in settings.entries if e.contract_id == contract_id or e.officer_id in officers
    ]
    for officer_id, day_text, state, shift in zip(
        rows["officer_id"].tolist(),
        rows["date"].tolist(),
        rows["state"].tolist(),
        rows["shift"].tolist(),
        strict=True,
    ):
        day = date.fromisoformat(day_text)
        code = None
        if state == "DUTY":
            code = shift
        elif state == "HDD_AID":
            code = aid_tour_code(day)
        baseline[(officer_id, day)] = code
        costs[(officer_id, day)] = _cost(settings, officer_id, contract_id, day, entries)
    return baseline, costs


def _cost(
    settings: _Settings,
    officer_id: str,
    contract_id: str,
    day: date,
    entries: Sequence[Entry] | None = None,
) -> int:
    """What changing the officer's ``day`` costs: at its notice counted from the day the
    officer would be told of the change, as ``changes.csv`` counts it (``told_by_day``), not
    from ``--notified`` alone (a change beside leave told the day before it is short notice).
    ``entries``: those of ``settings.entries`` of the contract or the officer, if read already."""
    entries = settings.entries if entries is None else entries
    # a colleague away that day: the change covers for them, told when their entry was
    away = [
        e
        for e in entries
        if e.contract_id == contract_id
        and e.officer_id != officer_id
        and e.first_date <= day <= e.last_date
    ]
    told = told_by_day(settings.notified, away or entries, officer_id, contract_id, day)
    return change_cost(settings.weights, clear_days(told, day), settings.scenario.rules.notice_days)


def change_cost(weights: Weights, notice: int, notice_days: int) -> int:
    """What changing an officer-day costs at ``notice`` clear days: ``weights.change`` at
    ``notice_days`` or more, rising to ``weights.change_in_notice`` at none, so of two
    changes the one told further ahead is made."""
    short = max(0, notice_days - notice) / max(1, notice_days)
    return weights.change + round((weights.change_in_notice - weights.change) * short)


def _replace_contract(table: pd.DataFrame, contract_id: str, new: pd.DataFrame) -> pd.DataFrame:
    kept = table[table["contract_id"] != contract_id]
    return _normalised(pd.concat([kept, new], ignore_index=True))
