"""A planner's year, simulated: seeded, driving the real commands (``scheduler.cli.main``).

    python benchmarks/year_sim.py --seeds 20                  # havering and tower-hamlets
    python benchmarks/year_sim.py --scenario scenarios/havering.toml --seeds 3 --months 4
    python benchmarks/year_sim.py --seeds 3 --hdd-share 0.5     # HDDs take half the officers

Each seed publishes a roster, then month by month books leave and cancels some, logs
sickness spells and abstractions (with and without times of their own, and now and then
one the roster cannot take, which must be refused), High Demand Day aid on the HDDs ahead
(without times, at the HDD's aid tour, or at other times, which must be refused), leave
and sickness running to the horizon's last day, tries to void a voiding entry (refused,
the log unchanged), adds and removes leave in the scenario file, announces a High Demand
Day a few weeks ahead (added to the scenario file), re-rosters from that day
and publishes, edits the roster by hand (two tours swapped in the CSV, or AL, SK or TR
typed over tours in roster.xlsx) and checks it with ``s92 check`` (publishing it with
``s92 publish`` when that command exists and the edit is lawful), and writes the month's
council report. After every step it asserts:

- the independent checker finds no breach in any roster a command wrote or published;
- no entry is lost: the store's log only grows, and every live entry is applied (its id on
  each of its days) in the latest published roster once re-rostered;
- days before ``--from`` never change from one published version to the next;
- ``changes.csv`` lists exactly the officer-days that differ from the version before;
- what was typed by hand stands through later re-rosters unless an entry covers it.

A re-roster that finds no lawful roster (exit 1, nothing written) is answered as a planner
would: the newest entry it names is voided and the re-roster run again. An entry refused
because its tour and another's break the rest between tours or the run of days together
counts as refused as it must be. Prints one JSON line per seed (failures, corrections,
officer-days changed by re-rosters, command counts and timings) and a summary.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import random
import re
import sys
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import COMMANDS, main
from scheduler.export.xlsx import FIRST_DAY_COLUMN
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import Entry, Store
from scheduler.table import DUTY_STATES

ROOT = Path(__file__).resolve().parents[1]
TYPED = {"AL": "LEAVE", "SK": "SICK", "TR": "TRAINING"}  # codes a planner types over tours
SCENARIOS = (ROOT / "scenarios" / "havering.toml", ROOT / "scenarios" / "tower-hamlets.toml")
DUTY_KINDS = ("operational", "court", "training", "emergency_aid")
KEPT = ("state", "shift", "start", "end")


def _serves(scenario: Scenario, officer_id: str, first: date, last: date) -> bool:
    """Whether the officer is in post under their contract's agreement on every day of
    first..last (a part-year contract, a joiner or a leaver: an entry outside is refused)."""
    span = scenario.service_span(scenario.officer(officer_id))
    return span is not None and span[0] <= first and last <= span[1]


class SimFailure(AssertionError):
    """An invariant broken: the step and what was found."""


@dataclass
class SimReport:
    scenario: str
    seed: int
    steps: int = 0
    rerosters: int = 0
    corrections: int = 0  # entries voided because no lawful roster held around them
    refused_as_expected: int = 0
    hand_edits_lawful: int = 0
    hand_edits_caught: int = 0
    published_edits: int = 0
    changed: list[int] = field(default_factory=list)  # officer-days each re-roster changed
    announced: int = 0  # High Demand Days added to the scenario during the year
    failures: list[str] = field(default_factory=list)
    no_lawful_roster: list[str] = field(default_factory=list)
    exits: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def as_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "steps": self.steps,
            "rerosters": self.rerosters,
            "corrections": self.corrections,
            "refused_as_expected": self.refused_as_expected,
            "hand_edits": [self.hand_edits_lawful, self.hand_edits_caught],
            "published_edits": self.published_edits,
            "announced": self.announced,
            "changed_max": max(self.changed, default=0),
            "changed_total": sum(self.changed),
            "failures": self.failures,
            "no_lawful_roster": self.no_lawful_roster,
            "exits": dict(self.exits),
            "seconds": {k: round(v, 1) for k, v in self.seconds.items()},
        }


@dataclass
class Planner:
    """One seed's year: the files, the store, and what has been asserted so far."""

    folder: Path
    scenario_path: Path
    rng: random.Random
    report: SimReport
    time_limit: float
    roster_time_limit: float
    db: Path = field(init=False)
    log: list[Entry] = field(default_factory=list)
    versions: int = 0
    added_leave: list[tuple[str, str]] = field(default_factory=list)  # scenario ranges we added
    refusals: list[str] = field(default_factory=list)  # why each failed re-roster failed
    last_output: str = ""
    workbook: Path | None = None  # the roster.xlsx of the latest version
    typed: dict[tuple[str, str], str] = field(default_factory=dict)  # officer-days typed by hand
    today: date | None = None  # the simulated month's day: entries are logged, and told, then

    def __post_init__(self) -> None:
        self.db = self.folder / "s92.db"

    # -- the commands ------------------------------------------------------------------

    def s92(self, step: str, *argv: object) -> int:
        started = time.perf_counter()
        quiet = io.StringIO()
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exc:  # argparse
                code = int(exc.code or 0)
        self.report.seconds[str(argv[0])] += time.perf_counter() - started
        self.report.exits[f"{argv[0]}:{code}"] += 1
        self.report.steps += 1
        self.last_output = quiet.getvalue()
        return code

    @property
    def scenario(self) -> Scenario:
        return load_scenario(self.scenario_path)

    def latest(self) -> pd.DataFrame:
        with Store(self.db) as store:
            table = store.latest_roster(self.scenario.name)
        if table is None:
            raise SimFailure("no published roster")
        return table

    def entries(self) -> list[Entry]:
        with Store(self.db) as store:
            return store.entries()

    # -- invariants --------------------------------------------------------------------

    def fail(self, step: str, what: str) -> None:
        raise SimFailure(f"{step}: {what}")

    def assert_lawful(self, step: str, table: pd.DataFrame) -> None:
        breaches = check_roster(self.scenario, table).breaches
        if breaches:
            shown = "; ".join(f"{b.officer_id} {b.date} {b.rule}: {b.detail}" for b in breaches[:3])
            self.fail(step, f"{len(breaches)} breaches in a roster written with exit 0: {shown}")

    def assert_log_grows(self, step: str) -> None:
        """Every entry logged before is still there, unchanged (``voided_by`` is derived:
        it may only go from none to the voiding entry's id)."""
        now = self.entries()

        def stored(entries: list[Entry]) -> list[Entry]:
            return [dataclasses.replace(e, voided_by=None) for e in entries]

        if stored(now[: len(self.log)]) != stored(self.log):
            self.fail(step, "the entry log lost or changed an entry")
        if any(
            a.voided_by is not None and b.voided_by != a.voided_by
            for a, b in zip(self.log, now, strict=False)
        ):
            self.fail(step, "a voided entry came back to life")
        self.log = now

    def assert_entries_applied(self, step: str, table: pd.DataFrame) -> None:
        ids = dict(
            zip(
                zip(
                    table["officer_id"].astype(str), table["date"].astype(str).str[:10], strict=True
                ),
                table["abstraction_id"].fillna("").astype(str).str.removesuffix(".0"),
                strict=True,
            )
        )
        officers = {o.id for o in self.scenario.officers}
        for e in self.log:
            if not e.is_live or e.officer_id not in officers:
                continue
            for day in e.days():
                got = ids.get((e.officer_id, day.isoformat()))
                if got is not None and got != str(e.id):
                    self.fail(step, f"{e.describe()} not applied on {day} (row has {got!r})")

    def assert_past_stands(
        self, step: str, before: pd.DataFrame, after: pd.DataFrame, on: date
    ) -> None:
        def past(t: pd.DataFrame) -> pd.DataFrame:
            return _kept(t[t["date"].astype(str).str[:10] < on.isoformat()])

        a, b = past(before), past(after)
        if not a.equals(b):
            diff = (a != b.reindex(a.index)).any(axis=1)
            first = a.index[diff.to_numpy()][0] if diff.any() else "(rows)"
            self.fail(step, f"a day before --from {on} changed: {first}")

    def assert_changes_listed(
        self, step: str, before: pd.DataFrame, after: pd.DataFrame, changes: Path
    ) -> None:
        """``changes.csv`` names exactly the officer-days that differ between the versions."""
        listed = pd.read_csv(changes, dtype=str, keep_default_na=False)
        named = set(zip(listed["officer_id"], listed["date"].str[:10], strict=True))
        a, b = _kept(before), _kept(after)
        differs = (a != b.reindex(a.index)).any(axis=1)
        changed = {(str(o), str(d)) for o, d in a.index[differs.to_numpy()]}
        if named != changed:
            extra, missing = sorted(named - changed)[:3], sorted(changed - named)[:3]
            self.fail(step, f"changes.csv lists unchanged days {extra}, leaves out {missing}")

    # -- a year ------------------------------------------------------------------------

    def publish_first(self) -> None:
        out = self.folder / "v0"
        code = self.s92(
            "roster", "roster", self.scenario_path, "--out", out, "--publish", "--db", self.db,
            "--time-limit", self.roster_time_limit, "--workers", 1, "--seed", self.report.seed,
            "--quiet",
        )  # fmt: skip
        if code != 0:
            self.fail("roster", f"exit {code}: {self.last_output[-300:]}")
        self.assert_lawful("roster", read_roster_csv(out / "roster.csv"))
        self.versions = 1
        self.workbook = out / "roster.xlsx"

    def month(self, today: date) -> None:
        scenario = self.scenario
        self.today = today
        for _ in range(self.rng.randint(1, 3)):
            self.book_leave(today, scenario)
        if self.rng.random() < 0.5:
            self.cancel_leave(today)
        for _ in range(self.rng.randint(0, 2)):
            self.sickness(today, scenario)
        for _ in range(self.rng.randint(0, 2)):
            self.abstraction(today, scenario)
        if self.rng.random() < 0.4:
            self.hdd_aid(today, scenario)
        if self.rng.random() < 0.15:
            self.to_the_end(today, scenario)
        if self.rng.random() < 0.2:
            self.void_a_void()
        if self.rng.random() < 0.35:
            self.edit_scenario_leave(today)
        if self.rng.random() < 0.2:
            self.announce_hdd(today)
        self.reroster(today)
        self.hand_edit(today)
        self.monthly_report(today)

    def _free_days(self, officer: str, first: date, last: date) -> bool:
        """No live entry of the officer shares a day with first..last."""
        return not any(
            e.is_live
            and e.officer_id == officer
            and not (e.last_date < first or last < e.first_date)
            for e in self.log
        )

    def _add(
        self, step: str, officer: str, first: date, last: date, kind: str, *extra: object
    ) -> int:
        # told and logged on the simulated month's day, which the re-roster after it
        # changes days from: told the day before its first day instead, a change days
        # before the entry read as told after the day it changes (0 clear days)
        told = min(first, self.today) if self.today is not None else first - timedelta(1)
        code = self.s92(
            step, "abstract", "add", self.scenario_path, "--officer", officer,
            "--date", first, "--to", last, "--kind", kind, "--reason", f"sim {kind}",
            "--authorised-by", "Insp Sim", "--notified", told, "--db", self.db,
            # the simulated year's day, not the machine's
            "--today", told, *extra,
        )  # fmt: skip
        self.assert_log_grows(step)
        return code

    def _taken(self, code: int) -> bool:
        """An entry logged (exit 0), or refused because its tour and another entry's break
        a rule together (exit 2 naming it, nothing logged): both as they must be."""
        if code == 0:
            return True
        rules = ("(min_rest_hours)", "(max_consecutive_duty_days)")
        if code == 2 and any(rule in self.last_output for rule in rules):
            self.report.refused_as_expected += 1
            return True
        return False

    def _span(
        self, today: date, scenario: Scenario, lo: int, hi: int, length: int
    ) -> tuple[date, date] | None:
        first = today + timedelta(self.rng.randint(lo, hi))
        last = first + timedelta(length - 1)
        if last > scenario.end:
            return None
        return first, last

    def book_leave(self, today: date, scenario: Scenario) -> None:
        officer = self.rng.choice(scenario.officers)
        span = self._span(today, scenario, 5, 60, self.rng.randint(1, 12))
        if (
            span is None
            or not self._free_days(officer.id, *span)
            or not _serves(scenario, officer.id, *span)
        ):
            return
        if self._add("leave", officer.id, *span, "leave") != 0:
            self.fail("leave", f"booking {officer.id} {span} refused: {self.last_output[-300:]}")

    def cancel_leave(self, today: date) -> None:
        booked = [e for e in self.log if e.is_live and e.kind == "leave" and e.first_date > today]
        if not booked:
            return
        e = self.rng.choice(booked)
        code = self.s92(
            "void", "abstract", "void", e.id, "--reason", "leave cancelled", "--db", self.db
        )
        if code != 0:
            self.fail("void", f"voiding {e.describe()}: exit {code}")
        self.assert_log_grows("void")

    def sickness(self, today: date, scenario: Scenario) -> None:
        officer = self.rng.choice(scenario.officers)
        span = self._span(today, scenario, 0, 20, self.rng.randint(1, 10))
        if (
            span is None
            or not self._free_days(officer.id, *span)
            or not _serves(scenario, officer.id, *span)
        ):
            return
        if self._add("sickness", officer.id, *span, "sickness") != 0:
            self.fail("sickness", f"{officer.id} {span} refused: {self.last_output[-300:]}")

    def abstraction(self, today: date, scenario: Scenario) -> None:
        officer = self.rng.choice(scenario.officers)
        kind = self.rng.choice(DUTY_KINDS)
        span = self._span(
            today, scenario, 1, 40, self.rng.randint(1, 3 if kind == "training" else 1)
        )
        if (
            span is None
            or not self._free_days(officer.id, *span)
            or not _serves(scenario, officer.id, *span)
        ):
            return
        if set(_days(*span)) & officer.leave_days():
            return  # a planner cancels the leave first
        states = self._states(officer.id, *span)
        if self.rng.random() < 0.5 or kind == "emergency_aid":
            times = ("--start", "08:00", "--end", "18:00")
            if not self._taken(self._add(kind, officer.id, *span, kind, *times)):
                self.fail(
                    kind, f"{officer.id} {span} with times refused: {self.last_output[-300:]}"
                )
        elif all(s in DUTY_STATES for s in states):
            if not self._taken(self._add(kind, officer.id, *span, kind)):
                self.fail(
                    kind, f"{officer.id} {span} on duty days refused: {self.last_output[-300:]}"
                )
        else:  # no tour to keep on some day: must be refused, and nothing logged
            before = len(self.log)
            code = self._add(kind, officer.id, *span, kind)
            if code != 2 or len(self.log) != before:
                self.fail(kind, f"an entry with no tour to keep gave exit {code}")
            self.report.refused_as_expected += 1

    def hdd_aid(self, today: date, scenario: Scenario) -> None:
        """HDD aid logged on a High Demand Day ahead: without times or at the HDD's aid
        tour (accepted: the day becomes that HDD's aid), or at other times (refused)."""
        ahead = [h for h in scenario.high_demand_days() if today < h.date <= today + timedelta(60)]
        if not ahead:
            return
        hdd = self.rng.choice(ahead)
        officer = self.rng.choice(scenario.officers)
        day = (hdd.date, hdd.date)
        if not self._free_days(officer.id, *day) or not _serves(scenario, officer.id, *day):
            return
        if hdd.date in officer.leave_days():
            return  # a planner cancels the leave first
        mode = self.rng.choice(("none", "hdd", "other"))
        if mode == "other":
            before = len(self.log)
            code = self._add(
                "hdd_aid", officer.id, *day, "hdd_aid", "--start", "03:00", "--end", "05:00"
            )
            if code != 2 or len(self.log) != before:
                self.fail("hdd_aid", f"aid at other times than {hdd.name}'s gave exit {code}")
            self.report.refused_as_expected += 1
            return
        times = (
            () if mode == "none" else ("--start", f"{hdd.start:%H:%M}", "--end", f"{hdd.end:%H:%M}")
        )
        if not self._taken(self._add("hdd_aid", officer.id, *day, "hdd_aid", *times)):
            self.fail("hdd_aid", f"{officer.id} on {hdd.name} refused: {self.last_output[-300:]}")

    def to_the_end(self, today: date, scenario: Scenario) -> None:
        """Leave or sickness running to the horizon's last day."""
        officer = self.rng.choice(scenario.officers)
        kind = self.rng.choice(("leave", "sickness"))
        span = (scenario.end - timedelta(self.rng.randint(0, 6)), scenario.end)
        if span[0] <= today or not self._free_days(officer.id, *span):
            return
        if not _serves(scenario, officer.id, *span):
            return
        if self._add(kind, officer.id, *span, kind) != 0:
            self.fail(kind, f"{officer.id} {span} to the end refused: {self.last_output[-300:]}")

    def void_a_void(self) -> None:
        """A voiding entry cannot itself be voided: exit 2, the log unchanged."""
        voiding = [e for e in self.log if e.voids is not None]
        if not voiding:
            return
        e = self.rng.choice(voiding)
        before = len(self.log)
        code = self.s92("void", "abstract", "void", e.id, "--reason", "undo", "--db", self.db)
        self.assert_log_grows("void of a void")
        if code != 2 or len(self.log) != before:
            self.fail("void", f"voiding the voiding entry {e.id} gave exit {code}")
        self.report.refused_as_expected += 1

    def _states(self, officer: str, first: date, last: date) -> list[str]:
        table = self.latest()
        rows = table[(table["officer_id"] == officer)]
        by_day = dict(
            zip(rows["date"].astype(str).str[:10], rows["state"].astype(str), strict=True)
        )
        return [by_day.get(d.isoformat(), "") for d in _days(first, last)]

    def edit_scenario_leave(self, today: date) -> None:
        text = self.scenario_path.read_text(encoding="utf-8")
        scenario = self.scenario
        if self.added_leave and self.rng.random() < 0.5:
            officer_id, span = self.added_leave.pop(self.rng.randrange(len(self.added_leave)))
            if date.fromisoformat(span.split("/")[0]) <= today:
                return  # past leave stands
            self.scenario_path.write_text(
                _set_leave(text, officer_id, lambda r: [x for x in r if x != span])
            )
            return
        officer = self.rng.choice(scenario.officers)
        got = self._span(today, scenario, 10, 70, self.rng.randint(2, 7))
        if (
            got is None
            or not self._free_days(officer.id, *got)
            or not _serves(scenario, officer.id, *got)
        ):
            return
        if set(_days(*got)) & officer.leave_days():
            return
        span = f"{got[0]}/{got[1]}"
        self.scenario_path.write_text(_set_leave(text, officer.id, lambda r: [*r, span]))
        self.added_leave.append((officer.id, span))

    def announce_hdd(self, today: date) -> None:
        """A High Demand Day announced for a day 5-40 days ahead, added to the scenario
        file: the next re-roster puts officers on its aid (rest days inside their notice
        give way to it) and says so in changes.csv."""
        scenario = self.scenario
        day = today + timedelta(self.rng.randint(5, 40))
        taken = {h.date for h in scenario.high_demand_days()}
        if day > scenario.end or day in taken:
            return
        text = self.scenario_path.read_text(encoding="utf-8")
        event = f'  {{ date = {day}, name = "Announced {day}", start = "09:00", end = "19:00" }},\n'
        if "[high_demand]\nadd = [\n" in text:
            text = text.replace("[high_demand]\nadd = [\n", "[high_demand]\nadd = [\n" + event, 1)
        elif "[high_demand]" not in text:
            text += "\n[high_demand]\nadd = [\n" + event + "]\n"
        else:
            return
        self.scenario_path.write_text(text, encoding="utf-8")
        self.report.announced += 1

    def reroster(self, today: date) -> None:
        before = self.latest()
        limit = self.time_limit
        for attempt in range(6):
            out = self.folder / f"r{self.report.rerosters}-{attempt}"
            code = self.s92(
                "reroster", "reroster", self.scenario_path, "--from", today, "--out", out,
                "--db", self.db, "--publish", "--time-limit", limit,
                "--notices", out / "notices",
            )  # fmt: skip
            if code == 0:
                break
            if code != 1 or (out.exists() and any(out.iterdir())):
                self.fail("reroster", f"exit {code}, files {list(out.glob('*'))}")
            self.refusals.append(_why(self.last_output))
            if "larger --time-limit" in self.last_output:  # out of time, as a planner would
                limit *= 2
                continue
            self.correct(today)
        else:
            self.fail("reroster", f"no lawful roster after corrections: {self.last_output[-400:]}")
        self.report.rerosters += 1
        self.versions += 1
        self.assert_lawful("reroster", read_roster_csv(out / "roster.csv"))
        after = self.latest()
        self.assert_lawful("reroster (published)", after)
        self.assert_past_stands("reroster", before, after, today)
        self.assert_changes_listed("reroster", before, after, out / "changes.csv")
        self.report.changed.append(len(pd.read_csv(out / "changes.csv", dtype=str)))
        self.assert_log_grows("reroster")
        self.assert_entries_applied("reroster", after)
        if not (out / "roster.xlsx").exists():
            self.fail("reroster", "no roster.xlsx beside roster.csv")
        self.workbook = out / "roster.xlsx"
        self.assert_typed_stand("reroster", after)

    def correct(self, today: date) -> None:
        """Void the newest entry the re-roster named (else the newest live one)."""
        named = [int(n) for n in re.findall(r"entry (\d+) \(", self.last_output)]
        live = [e for e in self.log if e.is_live and e.last_date >= today]
        pick = max(named) if named else max((e.id for e in live), default=None)
        if pick is None:
            self.fail("reroster", f"no entry to blame: {self.last_output[-400:]}")
        if self.s92(
            "void", "abstract", "void", pick, "--reason", "no lawful roster", "--db", self.db
        ):
            self.fail("void", f"cannot void entry {pick}")
        self.report.corrections += 1
        self.assert_log_grows("correction")

    def hand_edit(self, today: date) -> None:
        """Swap two officers' tours on one day after today, as a planner would in Excel
        (mostly two officers off the day before and after, so the swap can be lawful; now
        and then any two), then check the edited file; publish it with ``s92 publish`` when
        lawful and that command exists."""
        if self.rng.random() < 0.3:
            self.type_absence(today)
            return
        table = self.latest()
        pair = self._swap(table, today, careful=self.rng.random() < 0.75)
        if pair is None:
            return
        edited = table.copy()
        for column in ("shift", "start", "end", "hours"):
            edited.loc[list(pair), column] = edited.loc[list(pair[::-1]), column].to_numpy()
        path = self.folder / f"edited-{today}.csv"
        edited.to_csv(path, index=False)
        code = self.s92("check", "check", self.scenario_path, path)
        lawful = not check_roster(self.scenario, edited).breaches
        if code != (0 if lawful else 1):
            self.fail(
                "check", f"s92 check gave {code} on a hand edit the checker finds lawful={lawful}"
            )
        if not lawful:
            self.report.hand_edits_caught += 1
            return
        self.report.hand_edits_lawful += 1
        if "publish" in COMMANDS:
            self.publish_edit(path, table, today)

    def type_absence(self, today: date) -> None:
        """AL, SK or TR typed over one to three of an officer's tours in roster.xlsx, as a
        planner records an absence by hand; checked, and published when lawful. The typed
        days must then stand through later re-rosters (no entry is behind them)."""
        table, scenario = self.latest(), self.scenario
        dates = table["date"].astype(str).str[:10]
        hdds = {h.date.isoformat() for h in scenario.high_demand_days()}
        ahead = table[
            (table["state"] == "DUTY")
            & (dates > today.isoformat())
            & (dates <= (today + timedelta(40)).isoformat())
            & ~dates.isin(hdds)
        ]
        if ahead.empty or self.workbook is None:
            return
        officer = str(self.rng.choice(sorted(set(ahead["officer_id"]))))
        days = sorted(dates[ahead.index[ahead["officer_id"] == officer]])
        first = self.rng.randrange(len(days))
        days = days[first : first + self.rng.randint(1, 3)]
        if not all(self._free_days(officer, d, d) for d in map(date.fromisoformat, days)):
            return
        code = self.rng.choice(sorted(TYPED))
        book = openpyxl.load_workbook(self.workbook)
        sheet = book[scenario.officer(officer).contract]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == officer)
        for day in days:
            column = FIRST_DAY_COLUMN + (date.fromisoformat(day) - scenario.start).days
            sheet.cell(row, column).value = code
        path = self.folder / f"typed-{today}.xlsx"
        book.save(path)
        if self.s92("check", "check", self.scenario_path, path) != 0:
            self.report.hand_edits_caught += 1
            return
        self.report.hand_edits_lawful += 1
        self.publish_edit(path, table, today)
        for day in days:
            self.typed[(officer, day)] = TYPED[code]

    def assert_typed_stand(self, step: str, table: pd.DataFrame) -> None:
        """Every officer-day typed by hand holds what was typed, unless an entry since
        covers it."""
        states = dict(
            zip(
                zip(
                    table["officer_id"].astype(str), table["date"].astype(str).str[:10], strict=True
                ),
                table["state"].astype(str),
                strict=True,
            )
        )
        for (officer, day), state in list(self.typed.items()):
            if not self._free_days(officer, date.fromisoformat(day), date.fromisoformat(day)):
                del self.typed[(officer, day)]
            elif states.get((officer, day)) != state:
                self.fail(
                    step, f"{officer} {day} typed {state} by hand, now {states.get((officer, day))}"
                )

    def _swap(self, table: pd.DataFrame, today: date, careful: bool) -> tuple[int, int] | None:
        """Two rows of one contract on DUTY on the same day after today, on different tours;
        ``careful``: both officers off the day before and the day after."""
        dates = table["date"].astype(str)
        duty = table[(table["state"] == "DUTY") & (dates > today.isoformat())]
        off = set(
            zip(
                table.loc[table["state"] != "DUTY", "officer_id"],
                dates[table["state"] != "DUTY"],
                strict=True,
            )
        )
        days = sorted(set(duty["date"].astype(str)))
        if not days:  # no duty ahead (a contract ended): nothing to swap
            return None
        for _ in range(10):
            day = self.rng.choice(days)
            rows = duty[duty["date"].astype(str) == day]
            before, after = (date.fromisoformat(day) + timedelta(n) for n in (-1, 1))
            alone = [
                i
                for i in rows.index
                if not careful
                or (
                    (rows.at[i, "officer_id"], before.isoformat()) in off
                    and (rows.at[i, "officer_id"], after.isoformat()) in off
                )
            ]
            pairs = [
                (a, b)
                for a in alone
                for b in alone
                if a < b
                and str(rows.at[a, "shift"]) != str(rows.at[b, "shift"])
                and str(rows.at[a, "contract_id"]) == str(rows.at[b, "contract_id"])
            ]
            if pairs:
                return self.rng.choice(pairs)
        return None

    def publish_edit(self, path: Path, before: pd.DataFrame, today: date) -> None:
        """``s92 publish`` the lawful hand edit (it changes nothing before tomorrow)."""
        out = self.folder / f"published-{today}"
        code = self.s92(
            "publish", "publish", self.scenario_path, path, "--db", self.db,
            "--from", today + timedelta(1), "--notified", today, "--out", out,
        )  # fmt: skip
        if code != 0:
            self.fail("publish", f"a lawful hand edit was not published: {self.last_output[-300:]}")
        self.versions += 1
        after = self.latest()
        self.assert_lawful("publish", after)
        self.assert_past_stands("publish", before, after, today + timedelta(1))
        self.assert_changes_listed("publish", before, after, out / "changes.csv")
        self.workbook = out / "roster.xlsx"
        self.assert_entries_applied("publish", after)
        self.report.published_edits += 1

    def monthly_report(self, today: date) -> None:
        month = f"{today:%Y-%m}"
        code = self.s92("report", "report", self.scenario_path, "--period", month, "--out",
                        self.folder / f"report-{month}", "--db", self.db)  # fmt: skip
        if code != 0:
            self.fail("report", f"exit {code}: {self.last_output[-300:]}")


def _kept(table: pd.DataFrame) -> pd.DataFrame:
    """The columns that make an officer-day's duty, by officer and day."""
    rows = table.copy()
    rows["date"] = rows["date"].astype(str).str[:10]
    for column in KEPT:
        rows[column] = rows[column].fillna("").astype(str)
    return rows.set_index(["officer_id", "date"])[list(KEPT)].sort_index()


def _why(output: str) -> str:
    """The line of a failed command that says why: a breach's rule or the refusal."""
    lines = [line.strip(" │┃") for line in output.splitlines()]
    useful = [line for line in lines if line and not set(line) <= set("━─┏┓┗┛┡┩└┘╇╈┳┻┃│ ")]
    breach = next((line for line in useful if "│" in line or "rest" in line), None)
    return (breach or (useful[0] if useful else ""))[:200]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def _set_leave(text: str, officer: str, change: Callable[[list[str]], list[str]]) -> str:
    """The scenario text with ``officer``'s leave list (one line) rewritten by ``change``."""
    data = tomllib.loads(text)
    current = next(o.get("leave", []) for o in data["officer"] if o["id"] == officer)
    line = "leave = [" + ", ".join(f'"{r}"' for r in change([str(r) for r in current])) + "]"
    lines = text.split("\n")
    first = lines.index(f'id = "{officer}"')
    last = first + 1
    while last < len(lines) and not lines[last].startswith("["):
        last += 1
    for n in range(first + 1, last):
        if lines[n].startswith("leave = "):
            lines[n] = line
            break
    else:
        lines.insert(first + 1, line)
    return "\n".join(lines)


def horizon_text(text: str, first: date, last: date) -> str:
    """The scenario with its [scenario] start and end moved (the first two such lines)."""
    text = re.sub(r"^start = \d{4}-\d{2}-\d{2}", f"start = {first}", text, count=1, flags=re.M)
    return re.sub(r"^end = \d{4}-\d{2}-\d{2}", f"end = {last}", text, count=1, flags=re.M)


def share_text(text: str, share: float) -> str:
    """The scenario with ``share = ...`` set in its [high_demand] table."""
    text = re.sub(r"^(\[high_demand\]\n)(share = [0-9.]+\n)?", "\\1", text, count=1, flags=re.M)
    if "[high_demand]\n" not in text:
        text += "\n[high_demand]\n"
    return text.replace("[high_demand]\n", f"[high_demand]\nshare = {share}\n", 1)


def simulate(
    scenario: Path,
    seed: int,
    folder: Path,
    *,
    months: int | None = None,
    time_limit: float = 5.0,
    roster_time_limit: float | None = None,
    hdd_share: float | None = None,
) -> SimReport:
    """One seeded year (or its first ``months``) of ``scenario`` in ``folder`` (new or
    empty: the year's files are its own). ``time_limit`` is each re-roster's, the first
    roster's ``roster_time_limit`` (default three times as long). ``hdd_share``: the share
    of each contract's available officers the High Demand Days take (default the
    scenario's), so that entries take officers planned onto aid whom others must replace."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty")
    original = load_scenario(scenario)
    last = original.end
    if months is not None:
        end = (original.start.replace(day=1) + timedelta(days=32 * months)).replace(day=1)
        last = min(original.end, end - timedelta(1))
    path = folder / scenario.name
    text = horizon_text(scenario.read_text(encoding="utf-8"), original.start, last)
    if hdd_share is not None:
        text = share_text(text, hdd_share)
    path.write_text(text)
    report = SimReport(original.name, seed)
    first = 3 * time_limit if roster_time_limit is None else roster_time_limit
    planner = Planner(folder, path, random.Random(seed), report, time_limit, first)
    planner.refusals = report.no_lawful_roster
    try:
        planner.publish_first()
        planner.log = planner.entries()
        month = original.start
        while month <= last:
            today = month + timedelta(planner.rng.randint(1, 6))
            if today < last - timedelta(7):
                planner.month(today)
            month = (month.replace(day=1) + timedelta(days=32)).replace(day=1)
    except SimFailure as exc:
        report.failures.append(str(exc))
    return report


def main_sim() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scenario", type=Path, action="append", help="default: havering, tower-hamlets"
    )
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--months", type=int, default=None, help="default: the whole horizon")
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per re-roster")
    parser.add_argument(
        "--hdd-share", type=float, default=None, help="share of officers on HDD aid (e.g. 0.5)"
    )
    parser.add_argument(
        "--folder", type=Path, default=Path("out/year-sim"), help="a new run folder is made here"
    )
    args = parser.parse_args()
    scenarios = args.scenario or list(SCENARIOS)
    run = args.folder / time.strftime("%Y%m%d-%H%M%S")
    reports = []
    for scenario in scenarios:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            started = time.perf_counter()
            report = simulate(
                scenario, seed, run / f"{scenario.stem}-{seed}",
                months=args.months, time_limit=args.time_limit, hdd_share=args.hdd_share,
            )  # fmt: skip
            wall = round(time.perf_counter() - started, 1)
            print(json.dumps({**report.as_json(), "wall": wall}))
            sys.stdout.flush()
            reports.append((report, wall))
    failed = [r for r, _ in reports if r.failures]
    walls = sorted(w for _, w in reports)
    print(
        json.dumps(
            {
                "runs": len(reports),
                "failed": len(failed),
                "corrections": sum(r.corrections for r, _ in reports),
                "rerosters": sum(r.rerosters for r, _ in reports),
                "changed_max": max((max(r.changed, default=0) for r, _ in reports), default=0),
                "wall_median": walls[len(walls) // 2] if walls else None,
                "wall_max": walls[-1] if walls else None,
            }
        )
    )


if __name__ == "__main__":
    main_sim()
