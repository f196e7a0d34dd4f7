"""Curtois & Qu shift-scheduling benchmark files: instance reader, solution I/O, scorer.

Format (schedulingbenchmarks.org, see the benchmark README): plain text, ``#`` comments,
``SECTION_*`` headers, comma-separated fields. The scorer re-reads the instance text and
checks a roster against the README's rules on its own; it shares nothing with the CP-SAT
model so it can catch modelling mistakes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from scheduler.core.data import Cover, Problem, ShiftRequest, ShiftType, StaffMember

Roster = Mapping[str, Sequence[str | None]]


def sections(path: str | Path) -> dict[str, list[list[str]]]:
    """Raw sections: name -> rows of stripped fields (comments and blank lines dropped)."""
    out: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for raw in Path(path).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("SECTION_"):
            current = out.setdefault(line, [])
        elif current is not None:
            current.append([f.strip() for f in line.split(",")])
    return out


def instance_name(path: str | Path) -> str:
    """``Instance1`` for ``.../Instance1.txt``."""
    return Path(path).name.split(".")[0]


# ------------------------------------------------------------------------- reader
def read_instance(path: str | Path) -> Problem:
    """The instance as a core ``Problem`` (day 0 is a Monday)."""
    sec = sections(path)
    horizon = int(sec["SECTION_HORIZON"][0][0])
    shifts = tuple(_shift(row) for row in sec["SECTION_SHIFTS"])
    days_off = {
        row[0]: frozenset(int(d) for d in row[1:] if d) for row in sec.get("SECTION_DAYS_OFF", [])
    }
    staff = tuple(_staff(row, days_off.get(row[0], frozenset())) for row in sec["SECTION_STAFF"])
    requests = tuple(
        ShiftRequest(staff=r[0], day=int(r[1]), shift=r[2], weight=int(r[3]), on=on)
        for key, on in (("SECTION_SHIFT_ON_REQUESTS", True), ("SECTION_SHIFT_OFF_REQUESTS", False))
        for r in sec.get(key, [])
    )
    cover = tuple(
        Cover(
            day=int(r[0]),
            shift=r[1],
            required=int(r[2]),
            under_weight=int(r[3]),
            over_weight=int(r[4]),
        )
        for r in sec.get("SECTION_COVER", [])
    )
    return Problem(
        horizon=horizon,
        shifts=shifts,
        staff=staff,
        cover=cover,
        requests=requests,
        first_weekday=0,
        name=instance_name(path),
    )


def _shift(row: list[str]) -> ShiftType:
    banned = frozenset(s for s in (row[2].split("|") if len(row) > 2 else []) if s)
    return ShiftType(id=row[0], minutes=int(row[1]), forbidden_next=banned)


def _staff(row: list[str], days_off: frozenset[int]) -> StaffMember:
    caps = dict(item.split("=") for item in row[1].split("|") if item)
    return StaffMember(
        id=row[0],
        max_shifts={k: int(v) for k, v in caps.items()},
        max_minutes=int(row[2]),
        min_minutes=int(row[3]),
        max_consecutive_work=int(row[4]),
        min_consecutive_work=int(row[5]),
        min_consecutive_off=int(row[6]),
        max_weekends=int(row[7]),
        days_off=days_off,
    )


# ------------------------------------------------------------------ solution files
def read_solution(path: str | Path) -> dict[str, list[str | None]]:
    """A roster from a solution file: ``  A: D=E= .`` (two characters a day, `` .`` off).
    Only the first roster block is read (published files repeat it)."""
    roster: dict[str, list[str | None]] = {}
    for line in Path(path).read_text().splitlines():
        if ":" not in line or line.startswith(("Final", "--")):
            continue
        name, days = line.split(":", 1)
        name = name.strip()
        if name in roster:
            break
        days = days[1:] if days.startswith(" ") else days
        cells = [days[i : i + 2] for i in range(0, len(days.rstrip("\n")), 2)]
        roster[name] = [None if c.strip() in ("", ".") else c.strip().rstrip("=") for c in cells]
    return roster


def format_solution(roster: Roster) -> str:
    lines = []
    for staff, days in roster.items():
        cells = "".join(" ." if s is None else s.ljust(2, "=") for s in days)
        lines.append(f"  {staff}: {cells}")
    return "\n".join(lines) + "\n"


def write_solution(path: str | Path, roster: Roster, objective: float | None = None) -> None:
    text = format_solution(roster)
    if objective is not None:
        text += f"Final solution: {objective:g}\n"
    Path(path).write_text(text)


def published_objective(path: str | Path) -> int | None:
    """The objective stated in a published solution file."""
    for line in Path(path).read_text().splitlines():
        if line.startswith("Final solution"):
            return int(line.rsplit(":", 1)[1])
    return None


# ------------------------------------------------------------------------ scorer
def score(instance_path: str | Path, roster: Roster) -> tuple[int, list[str]]:
    """Objective of ``roster`` and every hard-rule violation, from the README alone."""
    sec = sections(instance_path)
    horizon = int(sec["SECTION_HORIZON"][0][0])
    lengths = {r[0]: int(r[1]) for r in sec["SECTION_SHIFTS"]}
    cannot_follow = {
        r[0]: {s for s in (r[2] if len(r) > 2 else "").split("|") if s}
        for r in sec["SECTION_SHIFTS"]
    }
    violations: list[str] = []
    staff_rows = {r[0]: r for r in sec["SECTION_STAFF"]}
    off_days = {r[0]: {int(d) for d in r[1:] if d} for r in sec.get("SECTION_DAYS_OFF", [])}
    for name in staff_rows.keys() - roster.keys():
        violations.append(f"{name}: missing from roster")
    for name, days in roster.items():
        if name not in staff_rows:
            violations.append(f"{name}: unknown staff member")
            continue
        if len(days) != horizon:
            violations.append(f"{name}: {len(days)} days, expected {horizon}")
            continue
        violations += _check_person(
            name, list(days), staff_rows[name], lengths, cannot_follow, off_days.get(name, set())
        )
    return _cost(sec, roster), violations


def _check_person(
    name: str,
    days: list[str | None],
    row: list[str],
    lengths: dict[str, int],
    cannot_follow: dict[str, set[str]],
    off: set[int],
) -> list[str]:
    bad: list[str] = []
    horizon = len(days)
    unknown = {s for s in days if s is not None and s not in lengths}
    if unknown:
        return [f"{name}: unknown shifts {sorted(unknown)}"]
    caps = {k: int(v) for k, v in (c.split("=") for c in row[1].split("|") if c)}
    max_min, min_min, max_cons, min_cons, min_off, max_we = (int(v) for v in row[2:8])
    for shift in lengths:
        n = days.count(shift)
        if n > caps.get(shift, horizon):
            bad.append(f"{name}: {n} x {shift} > max {caps.get(shift)}")
    total = sum(lengths[s] for s in days if s is not None)
    if not min_min <= total <= max_min:
        bad.append(f"{name}: {total} minutes outside [{min_min}, {max_min}]")
    for d in range(horizon - 1):
        a, b = days[d], days[d + 1]
        if a is not None and b is not None and b in cannot_follow[a]:
            bad.append(f"{name}: {b} on day {d + 1} may not follow {a}")
    for d in sorted(off):
        if d < horizon and days[d] is not None:
            bad.append(f"{name}: works on day off {d}")
    bad += _check_blocks(name, days, max_cons, min_cons, min_off)
    weekends = sum(1 for w in range(horizon // 7) if days[7 * w + 5] or days[7 * w + 6])
    if weekends > max_we:
        bad.append(f"{name}: {weekends} weekends worked > max {max_we}")
    return bad


def _check_blocks(
    name: str, days: list[str | None], max_cons: int, min_cons: int, min_off: int
) -> list[str]:
    """Runs of work / off: max applies to all, minimums skip runs touching either end."""
    bad: list[str] = []
    horizon = len(days)
    start = 0
    while start < horizon:
        working = days[start] is not None
        end = start
        while end + 1 < horizon and (days[end + 1] is not None) == working:
            end += 1
        length = end - start + 1
        inner = start > 0 and end < horizon - 1
        if working and length > max_cons:
            bad.append(f"{name}: {length} consecutive working days from {start} > {max_cons}")
        if working and inner and length < min_cons:
            bad.append(f"{name}: {length} consecutive working days from {start} < {min_cons}")
        if not working and inner and length < min_off:
            bad.append(f"{name}: {length} consecutive days off from {start} < {min_off}")
        start = end + 1
    return bad


def _cost(sec: dict[str, list[list[str]]], roster: Roster) -> int:
    cost = 0
    for staff, day, shift, weight in sec.get("SECTION_SHIFT_ON_REQUESTS", []):
        if roster.get(staff, [None] * (int(day) + 1))[int(day)] != shift:
            cost += int(weight)
    for staff, day, shift, weight in sec.get("SECTION_SHIFT_OFF_REQUESTS", []):
        if roster.get(staff, [None] * (int(day) + 1))[int(day)] == shift:
            cost += int(weight)
    for day, shift, req, under, over in sec.get("SECTION_COVER", []):
        working = sum(1 for days in roster.values() if days[int(day)] == shift)
        short = int(req) - working
        cost += int(under) * short if short > 0 else int(over) * -short
    return cost
