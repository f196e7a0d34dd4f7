"""The council's contract delivery report: ``report.csv``, ``report.xlsx`` and a
self-contained ``report.html`` (inline CSS, charts as base64 PNG, no links out), plus
``monthly.csv`` and, against a duty record, ``differences.csv``.

Text a spreadsheet could run as a formula (= + - @, tab, carriage return first) is
neutralised in every CSV and xlsx cell; everything in the HTML is escaped.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from scheduler.accounting.delivery import MONEY_COLUMNS, Delivery
from scheduler.files import Staged, csv_text, safe_cell

MONTHLY_SHEET_COLUMNS: tuple[str, ...] = (
    "period",
    "period_start",
    "period_end",
    "posts",
    "filled_post_days",
    "vacant_post_days",
    "contracted_days",
    "delivered_days",
    "delivery_pct",
    "hdd_days",
    "hdd_days_cumulative",
    "hdd_allowance",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "charge_gbp",
    "match_funding_gbp",
    "penalty_gbp",
    "net_cost_gbp",
    "cost_per_delivered_day_gbp",
)
KIND_LABELS = {
    "hdd_aid": "High Demand Day aid",
    "emergency_aid": "Emergency aid",
    "operational": "Operational",
    "court": "Court",
    "training": "Training",
    "sickness": "Sickness",
}

KIND_COLOURS = {
    "hdd_aid": "#1f77b4",
    "emergency_aid": "#ff7f0e",
    "operational": "#d62728",
    "court": "#9467bd",
    "training": "#2ca02c",
    "sickness": "#8c564b",
}


@dataclass(frozen=True)
class ReportInfo:
    """What the report is about: the scenario, where its figures come from."""

    scenario: str
    source: str  # e.g. "published roster v3 with 12 live abstractions" or "duty record x.csv"


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
        write_xlsx(delivery, out.path("report.xlsx"), info)
        out.text("report.html", render_html(delivery, info, differences))
        if differences is not None:
            out.text("differences.csv", report_csv_text(differences))
        return out.names


# --- csv ---------------------------------------------------------------------------------


def report_csv_text(frame: pd.DataFrame) -> str:
    """Money to 2 dp; text made safe because councils open CSVs in spreadsheets."""
    shown = frame.copy()
    for column in shown.columns:
        if column in MONEY_COLUMNS:
            shown[column] = shown[column].map(_money_text)
    return csv_text(shown)


def _money_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.2f}"


# --- xlsx --------------------------------------------------------------------------------


def write_xlsx(delivery: Delivery, path: Path, info: ReportInfo) -> Path:
    """A summary sheet, then one monthly sheet per contract (write-only: fast, streamed)."""
    book = Workbook(write_only=True)
    summary = book.create_sheet("summary")
    lead = _title_rows(summary, info, delivery)
    _table(summary, delivery.summary, lead)
    for contract_id, months in delivery.monthly.groupby("contract_id", sort=False):
        sheet = book.create_sheet(_sheet_name(str(contract_id), book.sheetnames))
        title = f"{contract_id}: month by month ({delivery.period.label})"
        _table(sheet, months[list(MONTHLY_SHEET_COLUMNS)], [[_styled(sheet, title, BOLD)], []])
    book.save(path)  # a path staged by write_report
    return path


BOLD, TITLE = Font(bold=True), Font(bold=True, size=14)


def _styled(sheet, value: object, font: Font | None = None, number_format: str = "") -> Cell:  # noqa: ANN001
    cell = WriteOnlyCell(sheet, value=_cell(value))
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def _title_rows(sheet, info: ReportInfo, delivery: Delivery) -> list[list[object]]:  # noqa: ANN001
    rows: list[list[object]] = [
        [_styled(sheet, f"Contract delivery report: {info.scenario}", TITLE)],
        ["Period", delivery.period.label],
        ["Source", info.source],
        ["Data covers", f"{delivery.coverage.start} to {delivery.coverage.end}"],
    ]
    rows += [["Note", note] for note in delivery.notes]
    return [*rows, []]


def _table(sheet, frame: pd.DataFrame, lead: list[list[object]]) -> None:  # noqa: ANN001
    """``lead`` rows, then the table with a bold header; panes frozen below the header."""
    columns = list(frame.columns)
    for j, name in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(j)].width = max(12, min(40, len(name) + 2))
    sheet.freeze_panes = f"B{len(lead) + 2}"
    for row in lead:
        sheet.append([v if isinstance(v, Cell) else _cell(v) for v in row])
    sheet.append([_styled(sheet, name, BOLD) for name in columns])
    money = [c in MONEY_COLUMNS for c in columns]
    for record in frame.itertuples(index=False, name=None):
        sheet.append(
            [
                _styled(sheet, value, number_format="#,##0.00") if is_money else _cell(value)
                for value, is_money in zip(record, money, strict=True)
            ]
        )


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python number
        value = value.item()
    return safe_cell(value)


def _sheet_name(name: str, taken: list[str]) -> str:
    """Excel sheet names: at most 31 characters, unique ("summary" is ours)."""
    base = name[:31]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"~{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


# --- charts ------------------------------------------------------------------------------


def monthly_totals(delivery: Delivery) -> pd.DataFrame:
    """Month by month, summed over the contracts in the report."""
    numeric = ["contracted_days", "delivered_days", "hdd_days", "penalised_days", "penalty_gbp"]
    if delivery.monthly.empty:
        return pd.DataFrame(columns=["period", *numeric])
    return delivery.monthly.groupby("period", sort=True)[numeric].sum().reset_index()


def charts(delivery: Delivery) -> dict[str, bytes]:
    """The report's charts as PNG bytes, by title."""
    return {
        "Contracted and delivered officer-days by month": _png(_delivery_chart(delivery)),
        "Abstractions by kind (officer-days)": _png(_kinds_chart(delivery)),
        "High Demand Day aid used through the period": _png(_hdd_chart(delivery)),
    }


def _figure() -> Figure:
    figure = Figure(figsize=(8, 3.8), dpi=96)
    FigureCanvasAgg(figure)  # draw with Agg: no display, no global pyplot state
    # fixed margins (room for the legend above and rotated months below): one draw per
    # chart, where bbox_inches="tight" would draw each twice
    figure.subplots_adjust(left=0.09, right=0.98, bottom=0.2, top=0.82)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _delivery_chart(delivery: Delivery) -> Figure:
    months = monthly_totals(delivery)
    figure = _figure()
    ax = figure.add_subplot()
    x = range(len(months))
    ax.bar([i - 0.2 for i in x], months["contracted_days"], width=0.4, label="contracted")
    ax.bar([i + 0.2 for i in x], months["delivered_days"], width=0.4, label="delivered")
    ax.set_xticks(list(x), months["period"], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("officer-days")
    _legend_above(ax)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def _legend_above(ax, columns: int = 2) -> None:  # noqa: ANN001
    if not ax.get_legend_handles_labels()[0]:
        return  # an empty chart says so itself
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=columns)


def _kinds_chart(delivery: Delivery) -> Figure:
    figure = _figure()
    ax = figure.add_subplot()
    kinds = delivery.kinds
    if kinds.empty:
        ax.text(0.5, 0.5, "no abstractions in the period", ha="center", va="center")
        ax.set_axis_off()
        return figure
    table = kinds.pivot_table(index="month", columns="kind", values="days", aggfunc="sum")
    table = table.fillna(0).sort_index()
    known = [k for k in KIND_LABELS if k in table.columns]  # the same order in every report
    ordered = known + sorted(k for k in table.columns if k not in KIND_LABELS)
    bottom = [0.0] * len(table)
    for kind in ordered:
        ax.bar(
            table.index,
            table[kind],
            bottom=bottom,
            label=KIND_LABELS.get(kind, kind),
            color=KIND_COLOURS.get(kind),
        )
        bottom = [b + v for b, v in zip(bottom, table[kind], strict=True)]
    ax.tick_params(axis="x", rotation=45, labelsize=8)
    ax.set_ylabel("officer-days")
    _legend_above(ax, columns=3)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def _hdd_chart(delivery: Delivery) -> Figure:
    figure = _figure()
    ax = figure.add_subplot()
    usage = delivery.hdd_usage
    allowance = int(delivery.summary["hdd_allowance"].sum())
    start = pd.Timestamp(delivery.summary["period_start"].replace("", None).dropna().min())
    end = pd.Timestamp(delivery.summary["period_end"].replace("", None).dropna().max())
    if not pd.isna(start):
        used = usage.groupby("date")["hdd_days"].sum().sort_index().cumsum()
        # from nothing at the start to the total at the end, stepping up on each HDD
        used = pd.concat(
            [
                pd.Series([0], index=[start]),
                used,
                pd.Series([used.max() if len(used) else 0], index=[end]),
            ]
        )
        ax.step(used.index, used.to_numpy(), where="post", label="HDD officer-days used")
        ax.hlines(allowance, start, end, colors="firebrick", linestyles="--", label="allowance")
        ax.set_xlim(start, end)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("officer-days (cumulative)")
    _legend_above(ax)
    ax.tick_params(axis="x", rotation=30, labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


# --- html --------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
.meta{color:#555;margin-top:0}
.headline{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
.figure{border:1px solid #ccc;border-radius:6px;padding:.8rem 1.2rem;min-width:9rem}
.figure .value{font-size:1.6rem;font-weight:600}.figure .label{color:#555;font-size:.85rem}
.notes{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem 1rem}
table{border-collapse:collapse;font-size:.8rem;margin:1rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:right;white-space:nowrap}
th{background:#f2f2f2}td.text{text-align:left}img{max-width:100%}
"""


def render_html(
    delivery: Delivery, info: ReportInfo, differences: pd.DataFrame | None = None
) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(info.scenario)}: contract delivery {e(delivery.period.label)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Contract delivery: {e(info.scenario)}</h1>",
        f'<p class="meta">Period {e(delivery.period.label)} &middot; source: {e(info.source)}'
        f" &middot; data covers {e(str(delivery.coverage.start))} to "
        f"{e(str(delivery.coverage.end))}</p>",
        _headline(delivery.summary),
        _notes(delivery.notes),
        "<h2>Charts</h2>",
    ]
    for title, png in charts(delivery).items():
        data = base64.b64encode(png).decode("ascii")
        parts.append(f"<h3>{e(title)}</h3>")
        parts.append(f'<img alt="{e(title)}" src="data:image/png;base64,{data}">')
    parts += [
        "<h2>By contract</h2>",
        _html_table(delivery.summary),
        "<h2>By month</h2>",
        _html_table(delivery.monthly[["contract_id", *MONTHLY_SHEET_COLUMNS]]),
    ]
    if differences is not None:
        parts.append(f"<h2>Plan against duty record: {len(differences)} officer-days differ</h2>")
        parts.append("<p>Listed in differences.csv.</p>")
    parts.append(_definitions())
    parts.append("</body></html>")
    return "\n".join(parts)


def headline_figures(summary: pd.DataFrame) -> dict[str, str]:
    """The five numbers a council officer reads first, over all contracts in the report."""
    contracted = float(summary["contracted_days"].sum())
    delivered = int(summary["delivered_days"].sum())
    penalty = float(summary["penalty_gbp"].sum())
    net = float(summary["net_cost_gbp"].sum())
    pct = f"{100 * delivered / contracted:.1f}%" if contracted > 0 else "n/a"
    per_day = f"£{net / delivered:,.2f}" if delivered else "n/a"
    return {
        "contracted officer-days": f"{contracted:,.2f}",
        "delivered officer-days": f"{delivered:,}",
        "delivery": pct,
        "penalty due to the council": f"£{penalty:,.2f}",
        "cost per delivered day": per_day,
    }


def _headline(summary: pd.DataFrame) -> str:
    cells = [
        f'<div class="figure"><div class="value">{html.escape(value)}</div>'
        f'<div class="label">{html.escape(label)}</div></div>'
        for label, value in headline_figures(summary).items()
    ]
    return '<div class="headline">' + "".join(cells) + "</div>"


def _notes(notes: Iterable[str]) -> str:
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return f'<div class="notes"><strong>Note</strong><ul>{items}</ul></div>' if items else ""


def _html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            text, is_text = _html_value(column, value)
            css = ' class="text"' if is_text else ""
            cells.append(f"<td{css}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _html_value(column: str, value: object) -> tuple[str, bool]:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "", False
    if column in MONEY_COLUMNS:
        return f"{float(value):,.2f}", False
    if isinstance(value, str):
        return value, True
    return (f"{value:,.2f}" if isinstance(value, float) else str(value)), False


def _definitions() -> str:
    text = [
        (
            "contracted_days",
            "effective working days of every post: days less rest days "
            "(2 a week), bank holidays and pro rata annual leave (the post-holder's, 25 if vacant)",
        ),
        ("delivered_days", "officer-days on council tasking"),
        (
            "hdd_allowance",
            "High Demand Day officer-days the MPS may use without penalty "
            "(5% of contracted days unless the contract says otherwise); used in date order",
        ),
        (
            "penalty_gbp",
            "daily rate × (penalised abstraction days + HDD days beyond the "
            "allowance + vacant post-days); daily rate = annual charge ÷ the post's effective "
            "working days in the financial year; rounded to the penny at the end",
        ),
        ("charge_gbp", "annual charges pro rata by days, less MPS match funding"),
        ("cost_per_delivered_day_gbp", "(charge − penalty) ÷ delivered days"),
        (
            "months",
            "rest days are counted per period, so monthly contracted days do not "
            "add up exactly to the period's",
        ),
    ]
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in text)
    return f"<h2>Definitions</h2><dl>{items}</dl>"
