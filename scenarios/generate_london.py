"""Generate ``scenarios/london.toml``: every s92 contract London might hold in FY2026.

About 330 officers across 21 councils, each contract in its borough's real BCU, sized like
the real purchases (Havering 1 + 4, Tower Hamlets 4 + 22, Hammersmith & Fulham in the
40s), with council tasking scaled to each contract and realistic annual leave.

Deterministic (``random.Random(92)``): run ``python scenarios/generate_london.py`` and the
file comes out byte for byte the same (a test checks the committed file matches).
``tower-hamlets.toml`` drew its leave once from ``officers_for`` with ``random.Random(26)``.
``--seed N --out FILE`` writes a variant: the same contracts, other leave and tasking (a
scenario no constant was set on, for ``benchmarks/london.py --scenario``).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from calendars import annual_leave_days, bank_holidays

SEED = 92
FY_START, FY_END = date(2026, 4, 1), date(2027, 3, 31)
OUT = Path(__file__).with_name("london.toml")

# Weekday HDDs of FY2026 (the weekend ones never meet a Mon-Fri leave block). Leave is kept
# off them because every officer not on leave goes on aid.
HDD_WEEKDAYS: frozenset[date] = frozenset({date(2026, 11, 5), date(2026, 12, 31)})
HDD_ADDITIONS = (
    (date(2026, 4, 26), "London Marathon", "06:00", "16:00"),
    (date(2026, 6, 13), "Trooping the Colour", "07:00", "17:00"),
    (date(2026, 7, 4), "Pride in London", "10:00", "20:00"),
)

SHIFTS = (
    ("E", "Early", "07:00", "15:00"),
    ("D", "Day", "10:00", "18:00"),
    ("L", "Late", "15:00", "23:00"),
    ("N", "Night-time economy", "20:00", "04:00"),
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- councils and contracts ---------------------------------------------------------------


@dataclass(frozen=True)
class ContractSpec:
    suffix: str  # contract id = CODE-suffix
    scheme: str
    start: date
    constables: int
    sergeants: int = 0
    inspectors: int = 0
    co_funder: str = ""
    cover_bank_holidays: bool = False
    note: str = ""
    years: int = 3  # PCD 555 §2.6; a legacy Met Patrol Plus agreement ran longer

    @property
    def size(self) -> int:
        return self.constables + self.sergeants + self.inspectors


@dataclass(frozen=True)
class Council:
    code: str  # pseudonymous officer ids start with it
    name: str
    bcu: str
    profile: str  # council tasking profile, see PROFILES
    focus: str
    contracts: tuple[ContractSpec, ...] = field(default_factory=tuple)


PP, MPP = "partnership-plus", "met-patrol-plus"
# Met Patrol Plus closed to new agreements on 31 March 2019 (PCD 555): one still running
# in 2026/27 was signed by then, for a term long enough to reach it
_LEGACY = "legacy Met Patrol Plus (the MPS pays half), signed before the scheme closed in 2019"
LEGACY_YEARS = 10

# Real boroughs in their real BCUs (the 12 Met BCUs since 2018). Partnership Plus terms
# must run to 31 March 2027 at least, so they start between April 2024 and April 2026.
COUNCILS: tuple[Council, ...] = (
    Council(
        "WST",
        "Westminster City Council",
        "AW",
        "nte",
        "West End night-time economy",
        (
            ContractSpec("PP", PP, date(2024, 10, 1), 25, 3, cover_bank_holidays=True),
            ContractSpec(
                "MPP",
                MPP,
                date(2017, 4, 3),
                11,
                1,
                co_funder="Heart of London Business Alliance",
                note=_LEGACY,
                years=LEGACY_YEARS,
            ),
        ),
    ),
    Council(
        "HAF",
        "London Borough of Hammersmith & Fulham",
        "AW",
        "estates",
        "estates, town centres and the Law Enforcement Team",
        (ContractSpec("PP", PP, date(2024, 7, 1), 41, 4, 1),),
    ),
    Council(
        "KAC",
        "Royal Borough of Kensington and Chelsea",
        "AW",
        "daytime",
        "town centres and Portobello Road",
        (ContractSpec("PP", PP, date(2025, 4, 1), 7, 1),),
    ),
    Council(
        "CMD",
        "London Borough of Camden",
        "CN",
        "nte",
        "Camden Town and Kings Cross",
        (ContractSpec("PP", PP, date(2025, 1, 6), 18, 2),),
    ),
    Council(
        "ISL",
        "London Borough of Islington",
        "CN",
        "nte",
        "Upper Street and Holloway",
        (ContractSpec("PP", PP, date(2024, 11, 4), 11, 1),),
    ),
    Council(
        "LAM",
        "London Borough of Lambeth",
        "AS",
        "nte",
        "Brixton and Clapham",
        (ContractSpec("PP", PP, date(2025, 6, 2), 11, 1),),
    ),
    Council(
        "SWK",
        "London Borough of Southwark",
        "AS",
        "estates",
        "Peckham and estates",
        (ContractSpec("PP", PP, date(2024, 9, 2), 14, 2),),
    ),
    Council(
        "TOW",
        "London Borough of Tower Hamlets",
        "CE",
        "nte",
        "drug dealing, ASB and the Brick Lane night-time economy",
        (ContractSpec("PP", PP, date(2025, 4, 1), 22, 4),),
    ),
    Council(
        "HCK",
        "London Borough of Hackney",
        "CE",
        "nte",
        "Shoreditch and Dalston",
        (
            ContractSpec("PP", PP, date(2025, 9, 1), 11, 1),
            ContractSpec("MPP", MPP, date(2017, 6, 5), 4, note=_LEGACY, years=LEGACY_YEARS),
        ),
    ),
    Council(
        "HAV",
        "London Borough of Havering",
        "EA",
        "nte",
        "Romford town centre",
        (ContractSpec("PP", PP, date(2026, 1, 5), 4, 1),),
    ),
    Council(
        "RDB",
        "London Borough of Redbridge",
        "EA",
        "daytime",
        "Ilford town centre",
        (ContractSpec("PP", PP, date(2025, 10, 1), 7, 1),),
    ),
    Council(
        "NWM",
        "London Borough of Newham",
        "NE",
        "estates",
        "Stratford and Forest Gate",
        (ContractSpec("PP", PP, date(2024, 5, 1), 18, 2),),
    ),
    Council(
        "WFT",
        "London Borough of Waltham Forest",
        "NE",
        "daytime",
        "Walthamstow",
        (ContractSpec("PP", PP, date(2026, 2, 2), 6),),
    ),
    Council(
        "ENF",
        "London Borough of Enfield",
        "NA",
        "estates",
        "Edmonton and Enfield Town",
        (ContractSpec("PP", PP, date(2025, 7, 1), 11, 1),),
    ),
    Council(
        "BRT",
        "London Borough of Brent",
        "NW",
        "daytime",
        "Wembley and Kilburn",
        (ContractSpec("PP", PP, date(2025, 3, 3), 9, 1),),
    ),
    Council(
        "CRY",
        "London Borough of Croydon",
        "SN",
        "nte",
        "Croydon town centre",
        (
            ContractSpec("PP", PP, date(2024, 12, 2), 13, 1),
            ContractSpec("MPP", MPP, date(2018, 4, 2), 3, note=_LEGACY, years=LEGACY_YEARS),
        ),
    ),
    Council(
        "GRN",
        "Royal Borough of Greenwich",
        "SE",
        "daytime",
        "Woolwich and Greenwich",
        (ContractSpec("PP", PP, date(2026, 4, 1), 7, 1),),
    ),
    Council(
        "WND",
        "London Borough of Wandsworth",
        "SW",
        "nte",
        "Clapham Junction and Tooting",
        (ContractSpec("PP", PP, date(2025, 2, 3), 9, 1),),
    ),
    Council(
        "RIC",
        "London Borough of Richmond upon Thames",
        "SW",
        "daytime",
        "Richmond riverside",
        (ContractSpec("PP", PP, date(2026, 3, 2), 2),),
    ),
    Council(
        "EAL",
        "London Borough of Ealing",
        "WA",
        "estates",
        "Southall and Ealing Broadway",
        (ContractSpec("PP", PP, date(2024, 8, 1), 20, 2),),
    ),
    Council(
        "HDN",
        "London Borough of Hillingdon",
        "WA",
        "daytime",
        "Uxbridge and Hayes",
        (ContractSpec("PP", PP, date(2025, 11, 3), 13, 1),),
    ),
)


# --- council tasking -------------------------------------------------------------------------

# Share of headcount wanted on duty per weekday (Mon..Sun): about 226 duty days in 365 put
# ~60% of officers on duty on an average day, so asking 50-60% leaves room for leave, HDDs
# and rest-day rules; Thu-Sat ask more for the night-time economy.
DAILY_SHARE = (0.50, 0.50, 0.50, 0.56, 0.60, 0.60, 0.48)
MAX_SHARE = 0.625  # never more than 5 in 8 wanted on one day, however the rounding falls

# How a day's wanted officers split over the tours E, D, L, N, by weekday group.
PROFILES: dict[str, dict[str, tuple[float, float, float, float]]] = {
    "nte": {  # evenings and night-time economy
        "midweek": (0.25, 0.15, 0.45, 0.15),
        "thu": (0.15, 0.15, 0.35, 0.35),
        "frisat": (0.10, 0.10, 0.30, 0.50),
        "sun": (0.15, 0.30, 0.40, 0.15),
    },
    "estates": {  # evening ASB on estates, some night-time economy at weekends
        "midweek": (0.25, 0.20, 0.45, 0.10),
        "thu": (0.20, 0.20, 0.40, 0.20),
        "frisat": (0.15, 0.15, 0.40, 0.30),
        "sun": (0.20, 0.30, 0.50, 0.00),
    },
    "daytime": {  # town-centre shopping streets, school run, markets
        "midweek": (0.35, 0.30, 0.35, 0.00),
        "thu": (0.30, 0.25, 0.30, 0.15),
        "frisat": (0.20, 0.30, 0.25, 0.25),
        "sun": (0.25, 0.45, 0.30, 0.00),
    },
}
_GROUP = ("midweek", "midweek", "midweek", "thu", "frisat", "frisat", "sun")


def apportion(total: int, shares: Sequence[float]) -> list[int]:
    """Largest-remainder split of ``total`` into whole numbers by ``shares``."""
    raw = [total * s / sum(shares) for s in shares]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def cover_table(size: int, profile: str) -> list[tuple[list[str], str, int]]:
    """Council cover as (weekdays, shift, min) rows, days with the same min merged."""
    wanted: dict[tuple[str, int], list[str]] = {}
    for wd, day in enumerate(WEEKDAYS):
        total = max(1, min(round(size * DAILY_SHARE[wd]), int(size * MAX_SHARE)))
        split = apportion(total, PROFILES[profile][_GROUP[wd]])
        for (code, *_), n in zip(SHIFTS, split, strict=True):
            if n:
                wanted.setdefault((code, n), []).append(day)
    order = {code: i for i, (code, *_) in enumerate(SHIFTS)}
    rows = [(days, code, n) for (code, n), days in wanted.items()]
    return sorted(rows, key=lambda r: (order[r[1]], WEEKDAYS.index(r[0][0])))


# --- officers and leave ----------------------------------------------------------------------

# Completed years of service: the 2019-23 uplift left many constables with 2-6 years.
_PC_SERVICE = ((0, 1, 14), (2, 5, 40), (6, 9, 20), (10, 14, 12), (15, 19, 9), (20, 27, 5))
_SGT_SERVICE = ((4, 9, 45), (10, 14, 30), (15, 19, 15), (20, 26, 10))
_INSP_SERVICE = ((10, 14, 40), (15, 19, 35), (20, 26, 25))


def service_years(rank: str, rng: random.Random) -> int:
    bands = {"constable": _PC_SERVICE, "sergeant": _SGT_SERVICE}.get(rank, _INSP_SERVICE)
    low, high, _ = rng.choices(bands, weights=[w for *_, w in bands])[0]
    return rng.randint(low, high)


def leave_cap(size: int) -> int:
    """Most officers of one contract on leave the same day: a third, at least one."""
    return max(1, size // 3)


def fy_weeks(start: date = FY_START, end: date = FY_END) -> list[date]:
    """Mondays of the weeks whose Monday to Friday lies inside the year."""
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=4) <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _week_weight(monday: date) -> float:
    """How popular a week is for leave: summer holidays and Christmas peak."""
    md = (monday.month, monday.day)
    if (7, 20) <= md <= (8, 28):
        return 6.0
    if monday.month == 12 and monday.day >= 19:
        return 5.0
    half_terms = {
        date(2026, 4, 6),
        date(2026, 4, 13),
        date(2026, 5, 25),
        date(2026, 10, 26),
        date(2027, 2, 15),
        date(2027, 3, 22),
    }
    return 2.5 if monday in half_terms else 1.0


class LeavePlanner:
    """Places officers' leave blocks for one contract, never above the contract's cap.

    Supervisors have their own cap (half of them) so a sergeant is left to supervise.
    """

    def __init__(self, size: int, rng: random.Random, supervisors: int = 0) -> None:
        self.cap = leave_cap(size)
        self.supervisor_cap = max(1, supervisors // 2)
        self.supervisor = False  # whose leave is being planned
        self.rng = rng
        self.on_leave: Counter[date] = Counter()
        self.supervisors_on_leave: Counter[date] = Counter()
        self.closed = set(bank_holidays(FY_START, FY_END)) | HDD_WEEKDAYS
        self.weeks = fy_weeks()

    def week_days(self, monday: date) -> list[date]:
        """Leave days of a Mon-Fri block: bank holidays and weekday HDDs left out."""
        days = (monday + timedelta(days=i) for i in range(5))
        return [d for d in days if d not in self.closed]

    def _fits(self, days: Iterable[date], taken: set[date]) -> bool:
        return all(
            d not in taken
            and self.on_leave[d] < self.cap
            and not (self.supervisor and self.supervisors_on_leave[d] >= self.supervisor_cap)
            for d in days
        )

    def _take(self, days: Iterable[date], taken: set[date]) -> int:
        days = list(days)
        taken.update(days)
        self.on_leave.update(days)
        if self.supervisor:
            self.supervisors_on_leave.update(days)
        return len(days)

    def _block(self, mondays: Sequence[date], weeks: int, taken: set[date]) -> int:
        """Take ``weeks`` consecutive weeks starting on one of ``mondays`` (by popularity)."""
        options = []
        for m in mondays:
            days = [d for k in range(weeks) for d in self.week_days(m + timedelta(days=7 * k))]
            if m + timedelta(days=7 * weeks - 3) <= FY_END and self._fits(days, taken):
                options.append((m, days))
        if not options:
            return 0
        weights = [_week_weight(m) for m, _ in options]
        _, days = self.rng.choices(options, weights=weights)[0]
        return self._take(days, taken)

    def _singles(self, count: int, taken: set[date]) -> int:
        """Odd days, Mondays and Fridays preferred (long weekends)."""
        free = [d for m in self.weeks for d in self.week_days(m) if self._fits([d], taken)]
        placed = 0
        while placed < count and free:
            weights = [3.0 if d.weekday() in (0, 4) else 1.0 for d in free]
            day = self.rng.choices(free, weights=weights)[0]
            free.remove(day)
            if self._fits([day], taken):
                placed += self._take([day], taken)
        return placed

    def plan(self, entitlement: int, supervisor: bool = False) -> list[date]:
        """Summer fortnight or week, often a Christmas week, weeks through the year, odd days.

        Most officers take the whole entitlement; some carry a few days over.
        """
        self.supervisor = supervisor
        target = entitlement - self.rng.choice((0, 0, 0, 0, 1, 2, 3))
        taken: set[date] = set()
        summer = [m for m in self.weeks if (7, 13) <= (m.month, m.day) <= (8, 24)]
        christmas = [m for m in self.weeks if date(2026, 12, 14) <= m <= date(2027, 1, 4)]
        fortnight = self.rng.random() < 0.65
        days = (fortnight and self._block(summer, 2, taken)) or self._block(summer, 1, taken)
        if self.rng.random() < 0.5:
            days += self._block(christmas, 1, taken)
        while target - days >= 5:  # a whole week still fits the entitlement
            spread = [m for m in self.weeks if self._clear_of(m, taken)]
            got = self._block(spread, 1, taken) or self._block(self.weeks, 1, taken)
            if not got:
                break
            days += got
        days += self._singles(target - days, taken)
        return sorted(taken)

    def _clear_of(self, monday: date, taken: set[date]) -> bool:
        """A week at least a fortnight from the officer's other leave, to spread it out."""
        return all(abs((d - monday).days) > 14 for d in taken)


def as_ranges(days: Sequence[date]) -> list[str]:
    """Consecutive days -> 'YYYY-MM-DD/YYYY-MM-DD' ranges (single days as one date)."""
    out: list[str] = []
    run: list[date] = []
    for d in sorted(days):
        if run and (d - run[-1]).days != 1:
            out.append(_range(run))
            run = []
        run.append(d)
    if run:
        out.append(_range(run))
    return out


def _range(run: Sequence[date]) -> str:
    return run[0].isoformat() if len(run) == 1 else f"{run[0]}/{run[-1]}"


@dataclass(frozen=True)
class OfficerSpec:
    id: str
    contract: str
    rank: str
    service_years: int
    leave: tuple[str, ...]
    requests: tuple[str, ...] = ()


def officers_for(
    contract_id: str, code: str, first: int, spec: ContractSpec, rng: random.Random
) -> list[OfficerSpec]:
    ranks = ["inspector"] * spec.inspectors + ["sergeant"] * spec.sergeants
    ranks += ["constable"] * spec.constables
    planner = LeavePlanner(spec.size, rng, spec.sergeants + spec.inspectors)
    out = []
    for k, rank in enumerate(ranks):
        years = service_years(rank, rng)
        leave = planner.plan(annual_leave_days(years), supervisor=rank != "constable")
        out.append(
            OfficerSpec(
                f"{code}-{first + k:03d}",
                contract_id,
                rank,
                years,
                tuple(as_ranges(leave)),
                _requests(leave, rng),
            )
        )
    return out


def _requests(leave: Sequence[date], rng: random.Random) -> tuple[str, ...]:
    """About one officer in eight asks for a day off (a wedding, a match, a school play)."""
    if rng.random() >= 0.125:
        return ()
    taken = set(leave)
    out = []
    for _ in range(rng.randint(1, 2)):
        day = FY_START + timedelta(days=rng.randrange((FY_END - FY_START).days))
        if day not in taken:
            out.append(f'{{ date = {day}, kind = "off", weight = {rng.choice((2, 3, 5))} }}')
    return tuple(out)


# --- TOML ------------------------------------------------------------------------------------


def header(total: int, contracts: int, seed: int = SEED) -> list[str]:
    return [
        "#:schema ../docs/scenario.schema.json",
        "# London-wide: every s92 contract the councils might hold at once in FY2026 -",
        f"# {total} officers on {contracts} contracts across {len(COUNCILS)} councils, each in"
        " its borough's",
        "# Met BCU. Partnership Plus, plus a few legacy Met Patrol Plus agreements.",
        f"# GENERATED by scenarios/generate_london.py (seed {seed}): edit the script, not this file.",
        "",
        "[scenario]",
        'name = "London s92 contracts FY2026"',
        "start = 2026-04-01",
        "end = 2027-03-31",
        'description = "Partnership Plus and legacy Met Patrol Plus, financial year 2026/27"',
        "",
        *[
            line
            for code, name, start, end in SHIFTS
            for line in (
                "[[shift]]",
                f'code = "{code}"',
                f'name = "{name}"',
                f'start = "{start}"',
                f'end = "{end}"',
                "",
            )
        ],
    ]


def contract_lines(cid: str, council: Council, spec: ContractSpec) -> list[str]:
    posts = [
        f"{r} = {n}"
        for r, n in (
            ("constable", spec.constables),
            ("sergeant", spec.sergeants),
            ("inspector", spec.inspectors),
        )
        if n
    ]
    scheme = "Partnership Plus" if spec.scheme == PP else "Met Patrol Plus"
    lines = [
        f"# {council.name}, {council.bcu} BCU, {scheme}: {council.focus}.",
        *([f"# {spec.note}."] if spec.note else []),
        "[[contract]]",
        f'id = "{cid}"',
        f'council = "{council.name}"',
        f'bcu = "{council.bcu}"',
        f'scheme = "{spec.scheme}"',
        f"start = {spec.start}",
        f"years = {spec.years}",
        f"posts = {{ {', '.join(posts)} }}",
    ]
    if spec.co_funder:
        lines.append(f'co_funder = "{spec.co_funder}"')
    if spec.cover_bank_holidays:
        lines.append("cover_bank_holidays = true")
    for days, code, n in cover_table(spec.size, council.profile):
        quoted = ", ".join(f'"{d}"' for d in days)
        lines += [
            "",
            "  [[contract.cover]]",
            f"  days = [{quoted}]",
            f'  shift = "{code}"',
            f"  min = {n}",
        ]
    return [*lines, ""]


def officer_lines(o: OfficerSpec) -> list[str]:
    leave = ", ".join(f'"{r}"' for r in o.leave)
    lines = [
        "[[officer]]",
        f'id = "{o.id}"',
        f'contract = "{o.contract}"',
        f'rank = "{o.rank}"',
        f"service_years = {o.service_years}",
        f"leave = [{leave}]",
    ]
    if o.requests:
        lines.append(f"requests = [{', '.join(o.requests)}]")
    return [*lines, ""]


def high_demand_lines() -> list[str]:
    adds = [
        f'  {{ date = {d}, name = "{name}", start = "{s}", end = "{e}" }},'
        for d, name, s, e in HDD_ADDITIONS
    ]
    return ["[high_demand]", "add = [", *adds, "]", "remove = []"]


def generate(seed: int = SEED) -> str:
    rng = random.Random(seed)
    body: list[str] = []
    total = contracts = 0
    for council in COUNCILS:
        first = 1
        for spec in council.contracts:
            cid = f"{council.code}-{spec.suffix}"
            officers = officers_for(cid, council.code, first, spec, rng)
            first += 100 if len(council.contracts) > 1 else 0  # MPP officers numbered 101..
            body += contract_lines(cid, council, spec)
            for o in officers:
                body += officer_lines(o)
            total += len(officers)
            contracts += 1
    return "\n".join([*header(total, contracts, seed), *body, *high_demand_lines()]) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write London's scenario (or a variant).")
    parser.add_argument("--seed", type=int, default=SEED, help="another seed: other leave")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.write_text(generate(args.seed), encoding="utf-8")
    print(args.out)


if __name__ == "__main__":
    main()
