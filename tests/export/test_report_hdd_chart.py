"""report.html's High Demand Day chart draws the allowance in force on each day: a contract
that ends takes its allowance with it, and the aid line starts from what each contract's
allowance year had used before the period (the chart drew the last allowance flat across
the whole period, and started every year at nothing)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.dates import num2date
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, write_report
from scheduler.export.report_columns import HEADERS
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
    xs, ys = list(allowance.get_xdata(orig=False)), list(allowance.get_ydata())  # type: ignore[arg-type]
    level = dict(zip((num2date(x).date() for x in xs), ys, strict=True))
    in_force = [y for d, y in level.items() if d <= date(2027, 10, 30)]
    after = [y for d, y in level.items() if d > date(2027, 10, 30)]
    # GO's allowance is pro rata to its days in FY2027 (4 x 213 / 366, rounded: 2)
    assert set(in_force) == {10 + 2}
    assert after
    assert set(after) == {10}


def test_the_workbook_charts_aid_to_date_against_its_own_years_allowance(tmp_path) -> None:
    """October, when a contract year ends on the 16th, shows both years' allowances added
    in the table; the chart of aid to date (the new year's) against the allowance plots the
    new year's allowance, not the two added (a spike to twice the allowance)."""
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "chart", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                contract(
                    "YR", start=date(2026, 10, 17), hdd_allowance_year="contract", hdd_allowance=5
                )
            ],
            "officer": [{"id": "O1", "contract": "YR", "rank": "constable"}],
        }
    )
    days = pd.date_range(FIRST, LAST).date
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": "DUTY"})
    report = delivery_report(table, scenario, parse_period("FY2027"))
    write_report(report, tmp_path / "out", ReportInfo("chart", "test"))
    sheet = load_workbook(tmp_path / "out" / "report.xlsx")["YR"]
    header = [cell.value for cell in sheet[3]]
    table_allowance = header.index(HEADERS["hdd_allowance"]) + 1
    chart_allowance = header.index(HEADERS["hdd_allowance_at_end"]) + 1
    october = next(row for row in range(4, 17) if sheet.cell(row, 1).value == "2027-10")
    assert sheet.cell(october, table_allowance).value == 10  # Y1 + Y2, 5 each
    assert sheet.cell(october, chart_allowance).value == 5  # Y2's, at 31 October
    letter = get_column_letter(chart_allowance)
    assert sheet.column_dimensions[letter].hidden
    # openpyxl keeps a sheet's charts in _charts, which its stubs leave out
    (hdd,) = [c for c in sheet._charts if c.tagname == "lineChart"]  # type: ignore[attr-defined]
    references = [series.val.numRef.f for series in hdd.series]
    assert any(f"${letter}$" in ref for ref in references), references
    assert hdd.visible_cells_only is False  # a hidden column is plotted all the same
