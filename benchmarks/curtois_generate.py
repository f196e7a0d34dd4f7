"""Generated instances in the Curtois & Qu format, for shapes the published set lacks.

    python benchmarks/curtois_generate.py --out DIR [--count 30] [--first-seed 1]
    python benchmarks/curtois_generate.py --out DIR --staff 150 --types 32 --days 364 --tight

Every instance is feasible by construction: each person's limits are drawn around a lawful
schedule built for them first (a *witness*: runs of work and days off within their
consecutive-day bounds, shifts in a forward-rotating order, their days off respected), and
the witness is checked by the independent scorer in ``curtois_format``. Cover is drawn
around how many witnesses work each shift each day: *tight* asks for more than they give
(so shortfalls are unavoidable and the cover costs dominate), *loose* for less.

Shapes (``Shape``): staff 10-150, shift types 2-35 (groups of early, day, late and night
shifts; a later group may not be followed next day by an earlier one, as in the published
instances), horizons of 2-52 weeks. ``sweep_shapes`` gives a fixed list for the solver
sweep: the corners of that range first (many people over a year with many shift types and
tight cover, as in the held-out published instances), then shapes drawn log-uniformly.
Everything is seeded: the same seed writes the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.curtois_format import score

GROUPS = "adpn"  # early, day, late, night: a later group may not be followed by an earlier
UNDER, OVER = 100, 1  # the published instances' cover weights


@dataclass(frozen=True)
class Shape:
    staff: int
    types: int
    days: int  # a whole number of weeks
    tight: bool
    seed: int

    @property
    def name(self) -> str:
        cover = "tight" if self.tight else "loose"
        return f"Gen{self.seed:02d}-s{self.staff}-t{self.types}-d{self.days}-{cover}"


@dataclass
class _Person:
    id: str
    allowed: list[str]
    caps: dict[str, int]
    max_cons: int
    min_cons: int
    min_off: int
    days_off: set[int]
    row: list[str | None]


# the corners first: people without schedule graphs (long horizons, many types with caps),
# large and long, tight cover; then small and short ones, loose and tight
CORNERS = (
    (150, 32, 364, True),
    (100, 16, 364, True),
    (120, 18, 28, True),
    (100, 8, 182, False),
    (10, 2, 14, True),
    (45, 35, 42, False),
)


def sweep_shapes(count: int, first_seed: int = 1) -> list[Shape]:
    """``count`` shapes: the corners, then log-uniform draws (seeded by position)."""
    shapes = []
    for i in range(count):
        seed = first_seed + i
        if i < len(CORNERS):
            staff, types, days, tight = CORNERS[i]
            shapes.append(Shape(staff, types, days, tight, seed))
            continue
        rng = random.Random(1_000 + seed)
        staff = round(10 * 15 ** rng.random())
        types = round(2 * 17.5 ** rng.random())
        weeks = round(2 * 26 ** rng.random())
        shapes.append(Shape(staff, types, 7 * weeks, bool(seed % 2), seed))
    return shapes


def shift_ids(types: int) -> list[str]:
    """Ids of ``types`` shifts spread over the four groups, early first: ``a1, d1, p1, n1,
    a2, ...`` (at most nine a group, two characters as the solution format needs)."""
    per = [types // 4 + (1 if g < types % 4 else 0) for g in range(4)]
    if types < 4:  # a few types: early, then late, then night
        per = {1: [1, 0, 0, 0], 2: [1, 0, 1, 0], 3: [1, 1, 1, 0]}[types]
    return [f"{GROUPS[g]}{k + 1}" for g in range(4) for k in range(per[g])]


def _group(shift: str) -> int:
    return GROUPS.index(shift[0])


def generate(shape: Shape) -> tuple[str, dict[str, list[str | None]]]:
    """The instance text of ``shape`` and the lawful roster its limits were drawn around."""
    rng = random.Random(shape.seed)
    shifts = shift_ids(shape.types)
    lengths = {s: rng.choice((480, 480, 480, 420, 540, 600, 360, 720)) for s in shifts}
    people = [_person(rng, i, shifts, shape.days) for i in range(shape.staff)]
    lines = ["SECTION_HORIZON", str(shape.days), "", "SECTION_SHIFTS"]
    for s in shifts:
        banned = [b for b in shifts if _group(b) < _group(s)]
        lines.append(f"{s},{lengths[s]},{'|'.join(banned)}")
    lines += ["", "SECTION_STAFF"]
    for p in people:
        lines.append(_staff_line(rng, p, shifts, lengths, shape.days))
    lines += ["", "SECTION_DAYS_OFF"]
    lines += [f"{p.id}," + ",".join(map(str, sorted(p.days_off))) for p in people if p.days_off]
    on, off = _requests(rng, people, shifts, shape.days)
    lines += ["", "SECTION_SHIFT_ON_REQUESTS", *on, "", "SECTION_SHIFT_OFF_REQUESTS", *off]
    lines += ["", "SECTION_COVER", *_cover(rng, people, shifts, shape), ""]
    return "\n".join(lines), {p.id: p.row for p in people}


def _staff_id(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _person(rng: random.Random, i: int, shifts: list[str], days: int) -> _Person:
    """A person's rules and a lawful schedule (the witness) for them."""
    k = max(1, min(len(shifts), round(len(shifts) * rng.uniform(0.3, 0.9))))
    allowed = sorted(rng.sample(shifts, k), key=shifts.index)
    max_cons = rng.choice((4, 5, 5, 6, 6, 7))
    min_cons = rng.choice((1, 2, 2, 3))
    min_off = rng.choice((1, 1, 2, 2, 3))
    days_off = set()
    for _ in range(rng.choice((0, 1, 1, 2, 3)) * max(1, days // 91)):
        start, length = rng.randrange(days), rng.randint(1, 7)
        days_off |= set(range(start, min(days, start + length)))
    # caps on a few types: the witness keeps within them
    caps = {s: days for s in allowed}
    for s in rng.sample(allowed, len(allowed) // 3):
        caps[s] = max(1, round(days * rng.uniform(0.05, 0.3)))
    row = _witness(rng, allowed, caps, max_cons, min_cons, min_off, days_off, days)
    return _Person(_staff_id(i), allowed, caps, max_cons, min_cons, min_off, days_off, row)


def _witness(
    rng: random.Random,
    allowed: list[str],
    caps: dict[str, int],
    max_cons: int,
    min_cons: int,
    min_off: int,
    days_off: set[int],
    days: int,
) -> list[str | None]:
    """Alternate runs of work and rest; a run of work that would reach a day off (or come
    out shorter than ``min_cons``) rests instead, so every inner run keeps the bounds."""
    row: list[str | None] = [None] * days
    used = dict.fromkeys(allowed, 0)
    d = rng.randrange(min_off + 1)  # the first run may be short: it touches day 0
    while d < days:
        run = min(rng.randint(min_cons, max_cons), days - d)
        if any(x in days_off for x in range(d, d + run)):
            d = _rest(rng, d, min_off, days_off, days)
            continue
        group, worked = 0, []
        for _ in range(run):
            able = [s for s in allowed if used[s] < caps[s] and _group(s) >= group]
            if not able:
                break
            shift = rng.choice(able)
            group = _group(shift)
            worked.append(shift)
        if len(worked) < min(min_cons, days - d):  # caps spent: rest instead
            d = _rest(rng, d, min_off, days_off, days)
            continue
        for x, shift in enumerate(worked, start=d):
            row[x] = shift
            used[shift] += 1
        d = _rest(rng, d + len(worked), min_off, days_off, days)
    return row


def _rest(rng: random.Random, d: int, min_off: int, days_off: set[int], days: int) -> int:
    """The day after a rest of at least ``min_off`` days from ``d`` (longer through days
    off, so a run never starts on one)."""
    d += rng.randint(min_off, min_off + 2)
    while d < days and d in days_off:
        d += 1
    return d


def _staff_line(
    rng: random.Random, p: _Person, shifts: list[str], lengths: dict[str, int], days: int
) -> str:
    minutes = sum(lengths[s] for s in p.row if s is not None)
    # as in the published instances, the minutes' bounds are a shift or two apart
    widest = max(lengths.values())
    hi = minutes + rng.choice((0, 1, 1, 2)) * widest
    lo = max(0, min(minutes, hi - widest) - rng.choice((0, 0, 1)) * widest)
    caps = []
    for s in shifts:
        if s not in p.allowed:
            caps.append(f"{s}=0")
        else:
            caps.append(f"{s}={max(p.caps[s], p.row.count(s))}")
    weekends = sum(1 for w in range(days // 7) if p.row[7 * w + 5] or p.row[7 * w + 6])
    max_weekends = min(days // 7, weekends + rng.choice((0, 0, 1, 2)))
    return f"{p.id},{'|'.join(caps)},{hi},{lo},{p.max_cons},{p.min_cons},{p.min_off},{max_weekends}"


def _requests(
    rng: random.Random, people: Sequence[_Person], shifts: list[str], days: int
) -> tuple[list[str], list[str]]:
    """On-requests in runs of a few days on one shift, off-requests scattered (about the
    published densities: 0.17 and 0.08 per person-day)."""
    on, off = [], []
    for p in people:
        d = rng.randrange(7)
        while d < days:
            shift = rng.choice(p.allowed)
            weight = rng.randint(1, 3)
            for x in range(d, min(days, d + rng.randint(1, 5))):
                if x not in p.days_off:
                    on.append(f"{p.id},{x},{shift},{weight}")
            d += rng.randint(8, 30)
        for x in range(days):
            if rng.random() < 0.08:
                off.append(f"{p.id},{x},{rng.choice(shifts)},{rng.randint(1, 3)}")
    return on, off


def _cover(
    rng: random.Random, people: Sequence[_Person], shifts: list[str], shape: Shape
) -> list[str]:
    """A requirement for every day and shift, drawn around the witnesses' count there:
    tight asks for 5-25 % more, loose 15-35 % fewer."""
    factor = (1.05, 1.25) if shape.tight else (0.65, 0.85)
    lines = []
    for d in range(shape.days):
        for s in shifts:
            worked = sum(1 for p in people if p.row[d] == s)
            want = worked * rng.uniform(*factor) + rng.choice((-1, 0, 0, 1))
            lines.append(f"{d},{s},{max(0, round(want))},{UNDER},{OVER}")
    return lines


def write(shape: Shape, folder: Path) -> Path:
    """Write ``shape``'s instance to ``folder`` (checking its witness roster is lawful)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{shape.name}.txt"
    text, witness = generate(shape)
    path.write_text(text)
    _, violations = score(path, witness)
    if violations:
        raise RuntimeError(f"{shape.name}: the witness breaks {violations[:3]}")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the .txt files")
    parser.add_argument("--count", type=int, default=30, help="sweep shapes to write")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--staff", type=int, help="one instance of this shape instead")
    parser.add_argument("--types", type=int, default=4)
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--tight", action="store_true")
    args = parser.parse_args(argv)
    if args.staff:
        shapes = [Shape(args.staff, args.types, args.days, args.tight, args.first_seed)]
    else:
        shapes = sweep_shapes(args.count, args.first_seed)
    for shape in shapes:
        print(write(shape, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
