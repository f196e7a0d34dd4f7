"""report.html's High Demand Day chart draws the allowance in force on each day: a contract
that ends takes its allowance with it, and the aid line starts from what each contract's
allowance year had used before the period (the chart drew the last allowance flat across
the whole period, and started every year at nothing)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.dates import num2date

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report_html import _hdd_chart
from scheduler.scenario import scenario_from_dict

FIRST, LAST = date(2027, 4, 1), date(2028, 3, 31)


def contract(cid: str, **extra: object) -> dict[str, object]:
    posts = {"constable": 1}
    return {"id": cid, "council": f"LB {cid}", "bcu": "XX", "posts": posts, **extra}


def test_the_allowance_line_follows_the_contracts_in_force() -> None:
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "chart", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                contract("STAY", start=date(2027, 4, 1), hdd_allowance=10),
                # notice on 30 April: the agreement ends on 30 October 2027
                contract(
                    "GO", start=date(2026, 4, 1), hdd_allowance=4, notice_given=date(2027, 4, 30)
                ),
            ],
            "officer": [
                {"id": "S1", "contract": "STAY", "rank": "constable"},
                {"id": "G1", "contract": "GO", "rank": "constable"},
            ],
        }
    )
    days = pd.date_range(FIRST, LAST).date
    rows = [
        {"officer_id": o, "date": d, "state": "HDD_AID" if d.day == 1 else "DUTY"}
        for o in ("S1", "G1")
        for d in days
    ]
    report = delivery_report(pd.DataFrame(rows), scenario, parse_period("FY2027"))
    axes = _hdd_chart(report).axes[0]
    (allowance,) = [line for line in axes.lines if line.get_label() == "allowance"]
    level = dict(
        zip(
            (num2date(x).date() for x in allowance.get_xdata(orig=False)),
            allowance.get_ydata(),
            strict=True,
        )
    )
    in_force = [y for d, y in level.items() if d <= date(2027, 10, 30)]
    after = [y for d, y in level.items() if d > date(2027, 10, 30)]
    # GO's allowance is pro rata to its days in FY2027 (4 x 213 / 366, rounded: 2)
    assert set(in_force) == {10 + 2}
    assert after and set(after) == {10}
