"""A month's report.xlsx (what the web's "Delivery in <month>" button downloads) charts the
HDD aid used against the allowance as a line of one point a series: drawn without markers
(as before), LibreOffice and Excel show an empty chart, axes and legend only, where the
council should read 27 days used of 58. Each month is a marked point now."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report import ReportInfo, write_report
from scheduler.scenario import scenario_from_dict

SCENARIO = {
    "scenario": {"name": "one month", "start": date(2026, 8, 1), "end": date(2026, 9, 30)},
    "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
    "contract": [
        {
            "id": "A",
            "council": "LB A",
            "bcu": "X",
            "start": date(2026, 4, 1),
            "posts": {"constable": 1},
        },
    ],
    "officer": [{"id": "A1", "contract": "A", "rank": "constable"}],
}


def duty_rows() -> pd.DataFrame:
    rows = []
    day = date(2026, 8, 1)
    while day <= date(2026, 9, 30):
        rows.append(
            {
                "officer_id": "A1",
                "contract_id": "A",
                "rank": "constable",
                "date": day.isoformat(),
                "state": "DUTY" if day.weekday() < 5 else "REST",
                "shift": "E" if day.weekday() < 5 else "",
                "start": f"{day}T07:00:00+01:00" if day.weekday() < 5 else "",
                "end": f"{day}T15:00:00+01:00" if day.weekday() < 5 else "",
                "hours": 8.0 if day.weekday() < 5 else 0.0,
                "event": "",
            }
        )
        day += timedelta(days=1)
    return pd.DataFrame(rows)


def line_markers(folder: Path) -> list[str | None]:
    sheet = load_workbook(folder / "report.xlsx")["A"]
    charts = sheet._charts  # type: ignore[attr-defined]  # openpyxl's stubs leave it out
    (line,) = [c for c in charts if c.tagname == "lineChart"]
    return [None if s.marker is None else s.marker.symbol for s in line.series]


def test_a_month_alone_charts_its_hdd_aid_as_points_a_reader_sees(tmp_path: Path) -> None:
    scenario = scenario_from_dict(SCENARIO, "one-month.toml")
    for period in ("2026-08", "FY2026"):  # one point a series, and several
        delivery = delivery_report(duty_rows(), scenario, parse_period(period))
        out = tmp_path / period
        write_report(delivery, out, ReportInfo(scenario.name, "hand roster"))
        markers = line_markers(out)
        assert len(markers) == 2  # the HDD aid used to date, the allowance
        assert all(m not in (None, "none") for m in markers), (period, markers)
