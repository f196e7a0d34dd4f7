"""A report download asked for a period that is none is refused 422, in one line naming
the address's period and what it takes, as the report's page and the API refuse it (the
downloads answered 404 Not Found, as if the contract were not there)."""

from __future__ import annotations

import pytest
from web_fixtures import ReadOnlyClient, login


@pytest.mark.parametrize(
    "download",
    [
        "report.csv",
        "monthly.csv",
        "penalties.csv",
        "report.xlsx",
        "report.html",
        "report/chart/1.png",
    ],
)
def test_a_download_for_no_period_is_refused_as_the_page_refuses_it(
    reader: ReadOnlyClient, download: str
) -> None:
    login(reader, "council-a")
    page = reader.get("/contracts/EAST-A/report?period=2026-13")
    r = reader.get(f"/contracts/EAST-A/{download}?period=2026-13")
    assert (page.status_code, r.status_code) == (422, 422)
    assert "period in the address: not a month: &#39;2026-13&#39;" in r.text
    # another council's contract is still not found, whatever the period
    assert reader.get(f"/contracts/EAST-B/{download}?period=2026-13").status_code == 404
