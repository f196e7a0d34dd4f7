"""A small contract re-rostered under ``[rules]`` tightened since publication: four
officers, each five 9-hour tours then two rest days, week after week (staggered), over six
weeks of British Summer Time; the tightened-rules tests share it."""

from __future__ import annotations

from datetime import date

import pandas as pd
from roster_fixtures import staggered_roster

SCENARIO = """
[scenario]
name = "Average"
start = 2026-09-07
end = 2026-10-18

[rules]
reference_weeks = 2
{limit}

[[shift]]
code = "E"
start = "07:00"
end = "16:00"

[[contract]]
id = "AV"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 3, sergeant = 1 }}

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  shift = "E"
  min = 2
{hdd}""" + "".join(
    f'\n[[officer]]\nid = "A-0{n}"\ncontract = "AV"\nrank = "{rank}"\n'
    for n, rank in ((1, "sergeant"), (2, "constable"), (3, "constable"), (4, "constable"))
)
FIRST, LAST = date(2026, 9, 7), date(2026, 10, 18)  # British Summer Time throughout


def five_on_two_off() -> pd.DataFrame:
    """Each officer five 9-hour tours then two rest days, week after week (staggered): 45
    hours a week, lawful under the default 48, over a limit of 40 in every period."""
    officers = [(f"A-0{n}", "sergeant" if n == 1 else "constable", "E") for n in range(1, 5)]
    return staggered_roster("AV", officers, FIRST, LAST, {"E": ("07:00", "16:00")})
