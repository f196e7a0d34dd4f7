"""A scenario file's text for small command tests: one contract (C) of three constables,
O1-O3, one tour, as short a horizon as the test needs."""

from __future__ import annotations


def three_constables(
    name: str,
    start: str,
    end: str,
    *,
    tour: tuple[str, str, str] = ("E", "07:00", "15:00"),
    weekdays_min: int | None = None,
    o1_leave: str | None = None,
    extra: str = "",
) -> str:
    """``tour``: code, start and end of the one shift; ``weekdays_min``: officers the
    council asks for on it Monday to Friday (None: no cover asked); ``o1_leave``: a
    ``first/last`` range of O1's leave in the scenario file; ``extra``: TOML appended
    (a ``[high_demand]`` table, say)."""
    code, begins, ends = tour
    cover = (
        ""
        if weekdays_min is None
        else '  [[contract.cover]]\n  days = ["Mon", "Tue", "Wed", "Thu", "Fri"]\n'
        f'  shift = "{code}"\n  min = {weekdays_min}\n'
    )
    officers = "".join(
        f'\n[[officer]]\nid = "O{n}"\ncontract = "C"\nrank = "constable"\n'
        + (f'leave = ["{o1_leave}"]\n' if n == 1 and o1_leave else "")
        for n in (1, 2, 3)
    )
    return f"""
[scenario]
name = "{name}"
start = {start}
end = {end}

[[shift]]
code = "{code}"
start = "{begins}"
end = "{ends}"

[[contract]]
id = "C"
council = "LB C"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 3 }}
{cover}{officers}
{extra}"""
