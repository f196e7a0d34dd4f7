"""The contracts a command is run for: ``--contracts ID,ID`` cuts a scenario down to them."""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable

import pandas as pd

from calendars import bank_holidays
from scheduler.check.shortfall import council_ask
from scheduler.errors import COMMAND_LINE, InputError
from scheduler.scenario import Scenario
from scheduler.scenario.model import Contract
from scheduler.store.validate import known_id
from scheduler.wording import counted


def chosen_contracts(args: argparse.Namespace, scenario: Scenario) -> Scenario:
    """The scenario cut down to the contracts --contracts names, each checked against it
    (all of them without it): the roster, its check and its files are theirs alone. Not
    with --publish: a published version holds every contract."""
    if not getattr(args, "contracts", None):
        return scenario
    typed = [c.strip() for c in args.contracts.split(",") if c.strip()]
    if not typed:
        raise InputError.one(COMMAND_LINE, "--contracts", "no contract named", args.contracts)
    wanted = contract_ids("--contracts", typed, scenario)
    if getattr(args, "publish", False):
        raise InputError.one(
            COMMAND_LINE, "--contracts", "a published roster holds every contract", args.contracts
        )
    return scenario.cut_to(wanted)


def contract_ids(option: str, typed: Iterable[str], scenario: Scenario) -> list[str]:
    """The contracts a command line option names, each as typed or in another case when it
    matches one id of the scenario but for case (as officer ids are read); the first that
    names none refused, naming the contracts there are."""
    known = [c.id for c in scenario.contracts]
    ids = [known_id(known, text.strip()) for text in typed]
    for text, found in zip(typed, ids, strict=True):
        if found not in known:
            shown = ", ".join(known[:12]) + (
                f" and {len(known) - 12} more" if len(known) > 12 else ""
            )
            raise InputError.one(
                COMMAND_LINE, option, f"no such contract in {scenario.source} (use {shown})", text
            )
    return ids


def absent_contracts(scenario: Scenario, table: pd.DataFrame) -> list[str]:
    """Contracts an officer serves in the horizon but not one row in the roster ``table``."""
    held = set(table["contract_id"].astype(str)) | {
        o.contract for o in scenario.officers if o.id in set(table["officer_id"].astype(str))
    }
    staffed = scenario.serving_contracts()
    return [c.id for c in scenario.contracts if c.id in staffed and c.id not in held]


def reaches(c: Contract, s: Scenario) -> bool:
    """Whether the contract's term shares a day with the horizon."""
    return c.start <= s.end and c.end >= s.start


def outside(c: Contract, s: Scenario) -> str:
    """The note on a contract whose term does not reach the horizon."""
    return (
        f"{c.id}'s term ({c.start} to {c.end}) does not reach the horizon ({s.start} to "
        f"{s.end}): its officers get no roster and the council no charge in it"
    )


def unasked(scenario: Scenario, month: tuple[int, int] | None = None) -> list[str]:
    """The contracts that ask for no cover on any day of the roster (of ``month``): no
    ``[[contract.cover]]`` row in force then, so no shortfall can be theirs."""
    days = [d for d in scenario.days if month is None or (d.year, d.month) == month]
    return [c.id for c in scenario.contracts if not any(c.cover_on(d) for d in days)]


def over_asked(scenario: Scenario) -> list[str]:
    """A note for each contract whose tasking asks more officer-tours over the horizon
    than its officers could give at the most (days in post, less booked leave and the rest
    days owed, a leave's own rest days counted at their most; bank holidays the contract
    does not buy left out): a roster of it will fall short, which s92 explain words."""
    holidays = set(bank_holidays(scenario.start, scenario.end))
    per_week = scenario.rules.rest_days_per_week
    notes = []
    for c in scenario.contracts:
        days = [d for d in scenario.days if c.in_force(d)]
        bought = [d for d in days if c.cover_bank_holidays or d not in holidays]
        wanted = sum(sum(council_ask(c, d).values()) for d in bought)
        officers = scenario.officers_of(c.id)
        most = 0
        for o in officers:
            in_post = [d for d in days if o.in_post(d)]
            leave = o.leave_days()
            away = sum(1 for d in in_post if d in leave)
            owed = per_week * len(in_post) / 7 - per_week * away / 7  # leave holds its own
            free = sum(1 for d in bought if o.in_post(d) and d not in leave)
            most += max(0, free - max(0, math.floor(owed)))
        if wanted > most:
            notes.append(
                f"{c.id} asks {wanted:,} officer-tours over the horizon; its "
                f"{counted(len(officers), 'officer')} can give at most {most:,} (days in post "
                "less leave and the rest days owed): a roster falls short, s92 explain says "
                "where"
            )
    return notes
