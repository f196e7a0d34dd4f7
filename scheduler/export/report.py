"""The council's contract delivery report: ``report.csv`` (one row per contract),
``monthly.csv``, ``penalties.csv`` (every penalty), ``report.xlsx``, a self-contained
``report.html`` and, when the source has gaps, ``unrecorded.csv``; against a duty record,
``differences.csv``. All of them appear together or not at all.

CSV files keep machine-friendly column names (``README.md`` documents them; councils'
spreadsheets read them); text a spreadsheet could run as a formula is neutralised in every
CSV and xlsx cell; everything in the HTML is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from scheduler.accounting.delivery import MONEY_COLUMNS, Delivery
from scheduler.accounting.ledger import EXACT_MONEY_COLUMNS
from scheduler.export.report_html import render_html as _render_html
from scheduler.export.report_xlsx import Title, write_report_xlsx
from scheduler.files import Staged, csv_text


@dataclass(frozen=True)
class ReportInfo:
    """What the report is about: the scenario, where its figures come from."""

    scenario: str
    source: str  # e.g. "published roster v3 with 12 live abstractions" or "duty record x.csv"


# every file write_report may write
REPORT_FILES: tuple[str, ...] = (
    "report.csv",
    "monthly.csv",
    "penalties.csv",
    "unrecorded.csv",
    "report.xlsx",
    "report.html",
    "differences.csv",
)


def write_report(
    delivery: Delivery,
    out_dir: str | Path,
    info: ReportInfo,
    differences: pd.DataFrame | None = None,
) -> list[Path]:
    """Write every output of the report into ``out_dir``; return the files written."""
    with Staged(Path(out_dir)) as out:
        out.text("report.csv", report_csv_text(delivery.summary))
        out.text("monthly.csv", report_csv_text(delivery.monthly))
        out.text("penalties.csv", report_csv_text(delivery.penalties))
        if not delivery.unrecorded.empty:
            out.text("unrecorded.csv", report_csv_text(delivery.unrecorded))
        else:  # one an earlier report left there would speak for this one
            out.drop("unrecorded.csv")
        write_report_xlsx(delivery, out.path("report.xlsx"), _title(delivery, info))
        out.text("report.html", render_html(delivery, info, differences))
        if differences is not None:
            out.text("differences.csv", report_csv_text(differences))
        else:
            out.drop("differences.csv")
        return out.names


def render_html(
    delivery: Delivery, info: ReportInfo, differences: pd.DataFrame | None = None
) -> str:
    return _render_html(delivery, info.scenario, info.source, differences)


def _title(delivery: Delivery, info: ReportInfo) -> Title:
    return Title(
        f"Contract delivery report: {delivery.title or info.scenario}",
        [
            ("Period", delivery.period.name),
            ("Scenario", info.scenario),
            ("Source", info.source),
            ("Data covers", f"{delivery.coverage.start} to {delivery.coverage.end}"),
        ],
    )


def report_csv_text(frame: pd.DataFrame) -> str:
    """Money to 2 dp (the council's share of a post's annual charge exactly); text made
    safe because councils open CSVs in spreadsheets."""
    shown = frame.copy()
    for column in shown.columns:
        if column in EXACT_MONEY_COLUMNS:
            shown[column] = shown[column].map(_exact_money)
        elif column in MONEY_COLUMNS or "_gbp" in str(column):  # the sweep's penalty_gbp_p5 too
            shown[column] = shown[column].map(_money)
    return csv_text(shown)


def _money(value: object) -> Decimal | str:
    """An amount to 2 dp as a number, not text: a negative one written as text began with
    '-' and was neutralised as a formula ('-5954.97), which a spreadsheet then leaves out
    of its sums."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return ""
    return Decimal(f"{float(value):.2f}")  # type: ignore[arg-type]


EXACT_PLACES = Decimal("0.000001")  # a millionth of a pound: the places a share to 4 places leaves


def _exact_money(value: object) -> Decimal | str:
    """An amount written with every place it has (to a millionth of a pound), whole
    pennies to 2 dp: the half penny Met Patrol Plus leaves of an odd-penny charge
    (28500.005), or £57,004.73 × 0.75 under a ``match_funding_share`` of 0.25
    (42753.5475). Rounded to the penny, the day rate no longer reconciles to the penny."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return ""
    amount = Decimal(repr(float(value))).quantize(EXACT_PLACES)  # type: ignore[arg-type]
    pennies = amount.quantize(Decimal("0.01"))
    return pennies if amount == pennies else amount.normalize()
