"""``s92 validate FILE``: load a scenario and print a one-screen summary."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from calendars import financial_year_of
from scheduler.accounting.hdd_calendar import over_allowance
from scheduler.accounting.money import exact, pennies
from scheduler.commands.contracts import outside, over_asked, reaches, unasked
from scheduler.errors import printable
from scheduler.limits import given_file
from scheduler.rules.compile import rest_past_the_tours
from scheduler.rules.high_demand import aid_left_out
from scheduler.rules.rest import weekly_rest_beyond
from scheduler.scenario import Scenario, load_scenario
from scheduler.scenario.agreement import late_legacy
from scheduler.scenario.validate import clock_skips_tours
from scheduler.wording import counted

SCHEME_SHORT = {"partnership-plus": "PP", "met-patrol-plus": "MPP"}
SHOWN = 25  # contracts listed in the table: a London scenario has more than a screen holds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", type=given_file, help="scenario TOML file")


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    print_summary(scenario, Console(width=None if sys.stdout.isatty() else 120))
    return 0


def print_summary(s: Scenario, console: Console) -> None:
    fy = financial_year_of(s.start)
    days = (s.end - s.start).days + 1
    console.print(f"[bold]{_plain(s.name)}[/bold]  ok: {_plain(s.source)}")
    console.print(
        f"horizon {s.start} to {s.end} ({counted(days, 'day')}), "
        f"{counted(len(s.shifts), 'tour type')}, {counted(len(s.contracts), 'contract')}, "
        f"{counted(len(s.officers), 'officer')}"
    )
    table = Table(title=f"Contracts (annual charge {fy.label})", title_justify="left")
    money = ("charge £", "council pays £")
    for col in ("contract", "council", "BCU", "scheme", "term", "posts", "officers", *money):
        table.add_column(col, justify="right" if col in ("officers", *money) else "left")
    for c in s.contracts[:SHOWN]:
        day = min(max(s.start, c.start), c.end)  # the posts bought as the horizon starts
        bought = c.posts_on(day)
        posts = " ".join(
            f"{bought.of(r)}{r[0].upper()}"
            for r in ("inspector", "sergeant", "constable")
            if bought.of(r)
        )
        if c.variation:
            posts += f" ({len(c.variation)} variation{'s' * (len(c.variation) > 1)})"
        charge = sum(
            bought.of(r) * c.charge(r, fy.year, on=day)
            for r in ("constable", "sergeant", "inspector")
        )
        pays = pennies(exact(charge) * (1 - exact(c.mps_match_share)))
        # the council's share: half under Met Patrol Plus, whose charge the report's
        # charge_gbp is too (the MPS's match funding is not the council's to pay)
        cells = (f"{charge:,.2f}", f"{pays:,}") if reaches(c, s) else ("-", "-")
        table.add_row(
            Text(printable(c.id)),
            Text(printable(c.council)),
            Text(printable(c.bcu)),
            SCHEME_SHORT[c.scheme],
            f"{c.start} to {c.end}",
            posts,
            str(len(s.officers_of(c.id))),
            *cells,
        )
    if len(s.contracts) > SHOWN:
        console.print(
            f"{len(s.contracts)} contracts, {sum(c.posts.total for c in s.contracts)} "
            f"posts (first {SHOWN} shown)"
        )
    console.print(table)
    hdds = s.high_demand_days()
    console.print(f"High Demand Days in the horizon: {len(hdds)}")
    for h in hdds:
        console.print(
            f"  {h.date.isoformat()}  {_plain(h.name)}  aid {h.start:%H:%M}-{h.end:%H:%M}"
        )
    for left in aid_left_out(s):
        console.print(Text(f"note: {printable(left)}"), soft_wrap=True)
    none_asked = unasked(s)
    for c in s.contracts:
        if not reaches(c, s):
            console.print(Text(f"note: {printable(outside(c, s))}"), soft_wrap=True)
        elif c.id in none_asked:  # a roster of it would deliver no cover, nor fall short
            note = (
                f"note: {c.id} asks for no tour in the horizon: no [[contract.cover]] row in "
                "force; add the tours the council wants officers on"
            )
            console.print(Text(printable(note)), soft_wrap=True)
        if note := late_legacy(c):
            console.print(Text(f"note: {printable(note)}"), soft_wrap=True)
    for over in over_asked(s):
        console.print(Text(f"note: {printable(over)}"), soft_wrap=True)
    for flag in over_allowance(s):  # DESIGN §3: a year whose HDDs exceed the allowance
        console.print(Text(f"note: {printable(flag.describe())}"))
    if beyond := weekly_rest_beyond(s.rules):
        console.print(Text(f"note: weekly_rest_hours: {beyond}"), soft_wrap=True)
    if past := rest_past_the_tours(s):  # s92 roster refuses it, s92 check judges by it
        console.print(Text(f"note: min_rest_hours: {past}"), soft_wrap=True)
    for skipped in clock_skips_tours(s):
        console.print(Text(f"note: {printable(skipped)}"), soft_wrap=True)


def _plain(text: str) -> str:
    """A name from the scenario, printed as written: no markup, no control characters."""
    return escape(printable(text))
