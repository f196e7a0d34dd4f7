"""Scenarios nobody wrote by hand: seeded, varied, valid by construction (or refused by
``s92 validate`` in one line, which is itself a finding).

    python benchmarks/scenario_generate.py --seeds 20 --out DIR         # DIR/gen-1.toml ...
    python benchmarks/year_sim.py --scenario DIR/gen-1.toml --seeds 2   # a planner's year on one

Each seed draws: a horizon (two weeks to a year, a financial year or any start, now and
then past a clock change or a year end), one to five tour types at any times (overnight
ones included, lengths 6-10 h), one to four contracts (either scheme, terms that start
before or inside the horizon, some with notice given or a variation of posts, tasking on
any weekdays with a floor and sometimes a ceiling, bank holidays bought or not), their
officers (some posts vacant, some officers joining or leaving mid-horizon, any service),
annual leave (days, weeks, fortnights over weekends, now and then months), officers'
requests, rules overrides, and High Demand Days added at any time of day. What it does not
draw is what a real scenario never holds (a term that misses the horizon entirely, a
variation outside its agreement).

About half the seeds also take a shape, drawn apart (the other seeds draw as they always
did): one officer; a hundred officers in one contract; a tasking asking more than the
officers can lawfully give; a horizon across a clock change with tours starting or ending
in the hour the clocks skip or repeat; rest rules far from the defaults; a High Demand Day
calendar with rule dates removed and aid of a share or a number of officers; a Met Patrol
Plus agreement from 2018 still in force.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
STARTS = ["06:00", "07:00", "08:00", "09:00", "10:00", "12:00", "14:00", "15:00", "16:00"]
STARTS += ["18:00", "20:00", "22:00", "23:00"]
RULES = [
    "min_rest_hours = 12",
    "max_consecutive_duty_days = 6",
    "rest_days_per_week = 2.5",
    "max_average_weekly_hours = 44",
    "weekly_rest_hours = 36",
    "max_consecutive_nights = 3",
]
SUPERVISED_FROM = 8  # posts from which a sergeant or inspector is required (PCD 555 §2.6)
SHAPES = ["one", "hundred", "overask", "clock", "rest", "hdd", "legacy"]
REST_RULES = [
    "rest_days_per_week = 0",
    "rest_days_per_week = 1",
    "rest_days_per_week = 3",
    "max_consecutive_duty_days = 3",
    "max_consecutive_duty_days = 12",
    "min_rest_hours = 8",
    "min_rest_hours = 16",
    "weekly_rest_hours = 0",
    "weekly_rest_hours = 48",
    "fortnightly_rest_hours = 72",
    "max_average_weekly_hours = 40",
    "reference_weeks = 4",
    "reference_weeks = 52",
    "max_tour_hours = 12",
]
# tours that start or end in the hour a clock change skips or repeats
CLOCK_TOURS = [("01:30", "09:30"), ("17:30", "01:30"), ("01:00", "08:00"), ("18:00", "02:00")]


@dataclass
class _Draw:
    rng: random.Random
    start: date
    end: date
    lines: list[str] = field(default_factory=list)
    officers: int = 0
    shape: str = ""  # one of SHAPES, or "" for none
    apart: random.Random = field(default_factory=random.Random)  # the shape's own draws

    def day_in(self, first: int = 0) -> date:
        return self.start + timedelta(days=self.rng.randint(first, max(first, self.span)))

    @property
    def span(self) -> int:
        return (self.end - self.start).days


def generate(seed: int) -> str:
    """The scenario TOML of ``seed``."""
    rng = random.Random(seed)
    apart = random.Random(f"shape {seed}")  # the main draws stay as they were
    shape = apart.choice(SHAPES) if apart.random() < 0.5 else ""
    year = rng.choice([2025, 2026, 2027, 2028])
    start = date(year, 4, 1) + timedelta(days=rng.choice([0, 0, rng.randint(0, 330)]))
    weeks = rng.choice([2, 5, 9, 13, 26, 52])
    end = start + timedelta(days=7 * weeks - 1 + rng.randint(0, 6))
    if shape == "clock":  # from a few days before a clock change, a few weeks
        sunday = _last_sunday(year + apart.choice([0, 1]), apart.choice([3, 10]))
        start = sunday - timedelta(days=apart.randint(1, 12))
        end = start + timedelta(days=apart.randint(14, 60))
    elif shape == "hundred":  # a hundred officers: weeks, not a year
        end = min(end, start + timedelta(days=apart.randint(13, 62)))
    draw = _Draw(rng, start, end, shape=shape, apart=apart)
    draw.lines.append(
        f'[scenario]\nname = "generated {seed}"\nstart = {start}\nend = {end}\n'
        f'description = "benchmarks/scenario_generate.py, seed {seed}{f", {shape}" if shape else ""}"\n'
    )
    if shape == "rest":
        chosen = {r.split(" = ")[0]: r for r in apart.sample(REST_RULES, apart.randint(1, 3))}
        rules = list(chosen.values())  # a key once
        draw.lines.append("[rules]\n" + "\n".join(rules) + "\n")
    elif rng.random() < 0.3:
        draw.lines.append("[rules]\n" + "\n".join(rng.sample(RULES, rng.randint(1, 2))) + "\n")
    codes = _tours(draw)
    contracts = 1 if shape in ("one", "hundred") else rng.randint(1, 4)
    for c in range(contracts):
        _contract(draw, c, codes)
    if shape == "hdd":
        _hdd_calendar(draw)
    elif rng.random() < 0.5:
        _high_demand(draw)
    return "\n".join(draw.lines)


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _tours(draw: _Draw) -> list[str]:
    rng, codes = draw.rng, []
    for i in range(rng.randint(1, 5)):
        begin = datetime.strptime(rng.choice(STARTS), "%H:%M")
        length = timedelta(hours=rng.choice([6, 7, 8, 8, 8, 9, 10]))
        if length < timedelta(hours=10) and rng.random() < 0.3:
            length += timedelta(minutes=30)
        code = "ELDNTXY"[i] if rng.random() < 0.8 else f"T{i}"
        codes.append(code)
        draw.lines.append(
            f'[[shift]]\ncode = "{code}"\nname = "tour {i}"\nstart = "{begin:%H:%M}"\n'
            f'end = "{begin + length:%H:%M}"\n'
        )
    if draw.shape == "clock":
        begin_at, end_at = draw.apart.choice(CLOCK_TOURS)
        codes.append("Z")
        draw.lines.append(
            f'[[shift]]\ncode = "Z"\nname = "over the change"\nstart = "{begin_at}"\n'
            f'end = "{end_at}"\n'
        )
    return codes


def _contract(draw: _Draw, c: int, codes: list[str]) -> None:
    rng = draw.rng
    years = rng.randint(1, 3)  # in force on some horizon day
    begun = draw.start - timedelta(days=rng.randint(-min(60, draw.span), 300))
    begun = max(begun, draw.start - timedelta(days=365 * years - 30))
    signed = date(2018, rng.randint(4, 12), 1)  # Met Patrol Plus closed on 31 March 2019
    legacy = rng.random() < 0.2 and date(signed.year + 10, signed.month, 1) > draw.start
    legacy = legacy or (draw.shape == "legacy" and c == 0)
    if legacy:
        begun, years = signed, 10
    cid = f"C{c}-{'MPP' if legacy else 'PP'}"
    ends = date(begun.year + years, begun.month, min(begun.day, 28))
    constables = rng.randint(1, 12)
    sergeants = rng.choice([0, 0, 1, 1, 2])
    inspectors = rng.choice([0] * 5 + [1])
    if draw.shape == "one":
        constables, sergeants, inspectors = draw.apart.choice([(1, 0, 0), (0, 1, 0), (0, 0, 1)])
    elif draw.shape == "hundred":
        constables, sergeants, inspectors = 88, 10, 2
    if constables + sergeants + inspectors >= SUPERVISED_FROM and not sergeants + inspectors:
        sergeants = 1
    scheme = "met-patrol-plus" if legacy else "partnership-plus"
    text = (
        f'[[contract]]\nid = "{cid}"\ncouncil = "Council {c}"\nbcu = "B{c}"\n'
        f'scheme = "{scheme}"\nstart = {begun}\nyears = {years}\n'
        f"posts = {{ constable = {constables}, sergeant = {sergeants}, "
        f"inspector = {inspectors} }}\n"
    )
    if rng.random() < 0.3:
        text += "cover_bank_holidays = true\n"
    notice = draw.day_in()
    if rng.random() < 0.15 and begun <= notice < ends:
        text += f"notice_given = {notice}\n"
        ends = min(ends, notice + timedelta(days=180))  # notice ends it 6 months on
    for _ in range(rng.randint(0, 4)):
        days = rng.sample(WEEKDAYS, rng.randint(1, 7))
        floor = rng.randint(1, max(1, (constables + sergeants) // 2))
        text += (
            f"  [[contract.cover]]\n  days = [{', '.join(f'{chr(34)}{d}{chr(34)}' for d in days)}]"
            f'\n  shift = "{rng.choice(codes)}"\n  min = {floor}\n'
        )
        if rng.random() < 0.3:
            text += f"  max = {floor + rng.randint(0, 2)}\n"
    if draw.shape == "overask":  # every officer, every day, and more
        posts = constables + sergeants + inspectors
        text += (
            f'  [[contract.cover]]\n  days = "daily"\n  shift = "{draw.apart.choice(codes)}"\n'
            f"  min = {posts}\n"
        )
    varied = max(begun + timedelta(days=1), draw.day_in(7))
    if rng.random() < 0.25 and varied < ends:
        text += (
            f"  [[contract.variation]]\n  from = {varied}\n  posts = {{ constable = "
            f"{constables + rng.randint(1, 2)}, sergeant = {max(sergeants, 1)}, "
            f'inspector = {inspectors} }}\n  note = "more posts"\n'
        )
    draw.lines.append(text)
    ranks = ["constable"] * constables + ["sergeant"] * sergeants + ["inspector"] * inspectors
    for rank in ranks:
        if rng.random() >= 0.08 or draw.shape == "one":  # else the post is vacant
            _officer(draw, cid, rank, codes)


def _officer(draw: _Draw, cid: str, rank: str, codes: list[str]) -> None:
    rng = draw.rng
    draw.officers += 1
    text = (
        f'[[officer]]\nid = "O{draw.officers:03d}"\ncontract = "{cid}"\nrank = "{rank}"\n'
        f"service_years = {rng.randint(0, 30)}\n"
    )
    leave = _leave(draw)
    if leave:
        text += "leave = [" + ", ".join(f'"{x}"' for x in leave) + "]\n"
    if rng.random() < 0.3:
        kind = rng.choice(["on", "off"])
        shift = f', shift = "{rng.choice(codes)}"' if rng.random() < 0.5 else ""
        text += (
            f'requests = [{{ date = {draw.day_in()}, kind = "{kind}"{shift}, '
            f"weight = {rng.randint(1, 9)} }}]\n"
        )
    if rng.random() < 0.1:
        text += f"start = {draw.day_in(1)}\n"
    elif rng.random() < 0.1:
        text += f"end = {draw.day_in(14)}\n"
    draw.lines.append(text)


def _leave(draw: _Draw) -> list[str]:
    """Bookings of a day to a fortnight over weekends every few weeks, now and then
    months away (long-term absence booked as leave)."""
    rng, out = draw.rng, []
    day = draw.start
    while True:
        day += timedelta(days=rng.randint(20, 120))
        if day > draw.end:
            break
        n = rng.choice([1, 3, 5, 5, 10, 12, 14, 16])
        out.append(f"{day}/{day + timedelta(days=n - 1)}" if n > 1 else str(day))
        day += timedelta(days=n)
    if rng.random() < 0.05:
        first = draw.day_in()
        out.append(f"{first}/{first + timedelta(days=rng.randint(40, 180))}")
    return out


def _high_demand(draw: _Draw) -> None:
    rng, events = draw.rng, []
    # one High Demand Day a date: the scenario reader refuses a date added twice
    dates = sorted({draw.day_in() for _ in range(rng.randint(1, 3))})
    for k, day in enumerate(dates):
        begin = datetime.strptime(
            rng.choice(["06:00", "08:00", "10:00", "14:00", "18:00"]), "%H:%M"
        )
        end = begin + timedelta(hours=rng.choice([6, 8, 10]))
        events.append(
            f'{{ date = {day}, name = "Event {k}", start = "{begin:%H:%M}", end = "{end:%H:%M}" }}'
        )
    draw.lines.append("[high_demand]\nadd = [" + ", ".join(events) + "]\n")


def _hdd_calendar(draw: _Draw) -> None:
    """Rule dates removed, days added with aid for a number or a share of officers, and a
    share for the rest."""
    apart, lines = draw.apart, ["[high_demand]"]
    rule_dates = [
        d
        for d in (draw.start + timedelta(days=k) for k in range(draw.span + 1))
        if (d.month, d.day) in ((12, 31), (11, 5))
    ]
    if rule_dates:
        lines.append(f"remove = [{', '.join(str(d) for d in rule_dates)}]")
    dates = sorted({draw.day_in() for _ in range(apart.randint(1, 4))} - set(rule_dates))
    events = []
    for k, day in enumerate(dates):
        how = apart.choice(["", f", officers = {apart.randint(0, 3)}", ", share = 0.5"])
        events.append(
            f'{{ date = {day}, name = "Event {k}", start = "10:00", end = "18:00"{how} }}'
        )
    lines.append("add = [" + ", ".join(events) + "]")
    lines.append(f"share = {apart.choice([0.0, 0.25, 1.0])}")
    draw.lines.append("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder for gen-SEED.toml")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        path = args.out / f"gen-{seed}.toml"
        path.write_text(generate(seed))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
