"""Council pages: a contract's delivery report for any period, with the report's own
figures, charts and tables (``scheduler.accounting.delivery`` and
``scheduler.export.report``, as ``s92 report`` uses them), and its downloads."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from calendars import london_today
from scheduler.accounting.delivery import MONEY_COLUMNS, Delivery, delivery_report
from scheduler.accounting.periods import (
    EXAMPLES,
    Period,
    Span,
    month_label,
    parse_period,
    quarter_label,
    quarter_span,
)
from scheduler.errors import InputError
from scheduler.export.report import ReportInfo, render_html, report_csv_text, write_report
from scheduler.export.report_columns import days_text, header
from scheduler.export.report_html import (
    MAX_PENALTY_ROWS,
    MONTH_TABLE,
    PENALTY_TABLE,
    charts,
    headline_figures,
    short_header,
    totals_row,
)
from scheduler.scenario import Scenario
from scheduler.store.apply import reported_table, stale_rows
from scheduler.store.editions import log_read, roster_named
from scheduler.store.scenarios import version_horizon
from scheduler.web.catalog import ContractView
from scheduler.web.context import QUERY, NotFound, Web, web
from scheduler.web.entries import contract_entries
from scheduler.web.pages import months_of
from scheduler.wording import counted

router = APIRouter(include_in_schema=False)
FREE_TEXT = frozenset({"reason"})


@dataclass(frozen=True)
class Report:
    delivery: Delivery
    info: ReportInfo
    key: tuple[object, ...]  # what it was computed from: the charts are cached by it


def default_period(view: ContractView) -> str:
    today = london_today()
    day = min(max(today, view.scenario.start), view.scenario.end)
    return f"FY{day.year if day.month >= 4 else day.year - 1}"


def period_of(view: ContractView, text: str | None) -> Period:
    try:
        period = parse_period(text or default_period(view))
    except ValueError as exc:
        raise PeriodError(f"period: {exc}") from None  # the message names the text
    if period.kind == "contract_year" and period.number > view.contract.years:
        raise PeriodError(
            f"period: the contract runs {counted(view.contract.years, 'year')} (got {text!r})"
        )
    return period


class PeriodError(ValueError):
    pass


def contract_report(w: Web, view: ContractView, period: Period) -> Report:
    """The delivery report of one contract: its published rows with its officers' live
    entries applied, as ``s92 report --contract`` computes it. Cached by the version and
    the entry log's last id (any entry or void changes it)."""
    key = ("report", view.version_id, view.id, period.label, w.log_mark())

    def make() -> Report:
        rows = w.library.contract_rows(w.store, view.version_id, view.id)
        live = contract_entries(w, view)
        logged = w.store.entries_of(set(rows["officer_id"].astype(str)), [view.id])
        undone = [e for e in logged if e.voided_by is not None]
        applied = reported_table(rows, [*live, *undone], view.scenario)
        edition = w.edition(view)  # the contract's own version, as its pages name it
        named = roster_named(view.id, edition.number, edition.published_at)
        read = log_read(w.store, [o.id for o in view.scenario.officers_of(view.id)], [view.id])
        source = f"{named} with {counted(len(live), 'live abstraction')}, {read}"
        delivery = delivery_report(
            applied,
            view.scenario,
            period,
            contracts=[view.id],
            source=source,
            coverage=roster_span(w, view.version_id, view.scenario),
        )
        voided = rows.loc[stale_rows(rows, live, view.scenario), ["contract_id", "date"]].astype(
            str
        )
        delivery = delivery.with_voided(
            voided, "the planner will re-roster from that day and publish to correct them"
        )
        info = ReportInfo(f"{view.contract.council} ({view.id})", source)
        return Report(delivery, info, key)

    report: Report = w.library.derived.get(key, make)  # type: ignore[assignment]
    return report


def roster_span(w: Web, version_id: int, scenario: Scenario) -> Span:
    """The days the whole published roster covers, as ``s92 report`` reads it: the
    horizon of the scenario stored with it (one contract's own rows begin only when its
    first officer joins, and the roster's end where its last leaves). A roster with no
    scenario stored covers the days of its rows, or with no rows (every post vacant) the
    scenario's horizon."""
    key = ("span", version_id)

    def make() -> Span:
        horizon = version_horizon(w.store, version_id)
        if horizon is not None:
            return Span(*horizon)
        days = w.library.table(w.store, version_id)["date"].astype(str)
        if days.empty:
            return Span(scenario.start, scenario.end)
        return Span(date.fromisoformat(days.min()), date.fromisoformat(days.max()))

    span: Span = w.library.derived.get(key, make)  # type: ignore[assignment]
    return span


def _report(w: Web, contract_id: str, period: str | None) -> tuple[ContractView, Report]:
    view = w.contract(contract_id)
    try:
        chosen = period_of(view, period)
    except PeriodError as exc:  # 422 as the page and the API answer it, not "not found"
        message = str(exc).removeprefix("period: ")
        raise InputError.one(QUERY, "period", message, period) from None
    return view, contract_report(w, view, chosen)


def period_choices(view: ContractView, shown: Period | None = None) -> list[tuple[str, str]]:
    """The periods the report's menu offers, and the one ``shown`` if it is none of them
    (a month before the horizon typed in the address): the menu says what the page shows."""
    s = view.scenario
    first, last = (d.year if d.month >= 4 else d.year - 1 for d in (s.start, s.end))
    years = range(first, last + 1)  # every year between too: a horizon can span three
    horizon = Span(s.start, s.end)
    periods = [Period("financial_year", f"FY{y}", year=y) for y in years]
    periods += [
        Period("quarter", quarter_label(y, q), year=y, number=q)
        for y in years
        for q in range(1, 5)
        if quarter_span(y, q).clip(horizon) is not None
    ]
    periods += [
        Period("contract_year", f"Y{n}", number=n) for n in range(1, view.contract.years + 1)
    ]
    periods.append(Period("term", "term"))
    periods += [
        Period("month", month_label(m.year, m.month), year=m.year, month=m.month)
        for m in months_of(view)
    ]
    if shown is not None and shown.label not in {p.label for p in periods}:
        periods.append(shown)
    # named as the page's heading and the report name the period shown (Period.name)
    return [(p.label, p.name) for p in periods]


@router.get("/contracts/{contract_id}/report", response_class=HTMLResponse)
def report_page(request: Request, contract_id: str, period: str | None = None) -> Response:
    with web(request) as w:
        view = w.contract(contract_id)
        try:
            chosen = period_of(view, period)
        except PeriodError as exc:
            return w.render(
                "report.html",
                422,
                title=f"{view.contract.council}: delivery",
                view=view,
                error=str(exc),
                examples=EXAMPLES,
                choices=period_choices(view),
                period=period,
                report=None,
            )
        report = contract_report(w, view, chosen)
        d = report.delivery
        penalties = d.penalties
        return w.render(
            "report.html",
            title=f"{view.contract.council}: delivery {chosen.name}",
            view=view,
            report=report,
            period=chosen.label,
            choices=period_choices(view, chosen),
            headline=headline_figures(d.summary),
            summary=_pairs(d.summary),
            monthly=_table(d.monthly[[c for c in MONTH_TABLE if c in d.monthly]], total=True),
            penalties=_table(penalties.head(MAX_PENALTY_ROWS)[list(PENALTY_TABLE)]),
            penalty_count=len(penalties),
            penalty_total=float(penalties["penalty_gbp"].sum()) if len(penalties) else 0.0,
            max_penalty_rows=MAX_PENALTY_ROWS,
            chart_titles=list(report_charts(w, report)),
            error="",
        )


def report_charts(w: Web, report: Report) -> dict[str, bytes]:
    """The report's charts (``s92 report``'s), by title, made once per report."""
    key = ("charts", *report.key)
    found: dict[str, bytes] = w.library.derived.get(key, lambda: charts(report.delivery))  # type: ignore[assignment]
    return found


def _table(frame: pd.DataFrame, total: bool = False) -> dict[str, object]:
    """Headers and cells as text: money to the penny, numbers with separators; with
    ``total``, a last row adding up the months (as report.html's month table has)."""
    records = list(frame.itertuples(index=False, name=None))
    if total and records:
        records.append(totals_row(frame, [str(c) for c in frame.columns]))
    rows = []
    for record in records:
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            cells.append(_shown(column, value))
        rows.append(cells)
    return {
        "columns": [short_header(str(c)) for c in frame.columns],
        # free text (a penalty's reason) wraps: on one line it pushed the £ out of view
        "wraps": [str(c) in FREE_TEXT for c in frame.columns],
        "rows": rows,
        "total": total and bool(len(frame)),
    }


def _pairs(summary: pd.DataFrame) -> list[tuple[str, tuple[str, bool]]]:
    """The one contract's row of report.csv as (label, shown value) pairs."""
    table = _table(summary)
    rows: list[list[tuple[str, bool]]] = table["rows"]  # type: ignore[assignment]
    labels = [header(str(c)) for c in summary.columns]
    return list(zip(labels, rows[0], strict=True)) if rows else []


def _shown(column: str, value: object) -> tuple[str, bool]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "", False
    if column in MONEY_COLUMNS:
        return f"{float(value):,.2f}", False  # type: ignore[arg-type]
    if column == "delivery_pct":  # a percentage to one place, as the headline gives it
        return f"{float(value):.1f}", False  # type: ignore[arg-type]
    if isinstance(value, str):
        return value, True
    if isinstance(value, float):
        return (days_text(value) if column == "days" else f"{value:,.2f}"), False
    return str(value), False


@router.get("/contracts/{contract_id}/report/chart/{n}.png")
def report_chart(request: Request, contract_id: str, n: int, period: str | None = None) -> Response:
    with web(request) as w:
        _, report = _report(w, contract_id, period)
        pngs = list(report_charts(w, report).values())
        if not 0 <= n < len(pngs):
            raise NotFound("No such chart")
        return Response(
            pngs[n], media_type="image/png", headers={"Cache-Control": "private, max-age=300"}
        )


@router.get("/contracts/{contract_id}/report.csv")
def report_csv(request: Request, contract_id: str, period: str | None = None) -> Response:
    with web(request) as w:
        view, report = _report(w, contract_id, period)
        text = report_csv_text(report.delivery.summary)
        return _download(
            text.encode("utf-8"), _name(view, report, "csv"), "text/csv; charset=utf-8"
        )


@router.get("/contracts/{contract_id}/monthly.csv")
def monthly_csv(request: Request, contract_id: str, period: str | None = None) -> Response:
    with web(request) as w:
        view, report = _report(w, contract_id, period)
        text = report_csv_text(report.delivery.monthly)
        return _download(
            text.encode("utf-8"), _name(view, report, "csv", "monthly"), "text/csv; charset=utf-8"
        )


@router.get("/contracts/{contract_id}/penalties.csv")
def penalties_csv(request: Request, contract_id: str, period: str | None = None) -> Response:
    with web(request) as w:
        view, report = _report(w, contract_id, period)
        text = report_csv_text(report.delivery.penalties)
        name = _name(view, report, "csv", "penalties")
        return _download(text.encode("utf-8"), name, "text/csv; charset=utf-8")


@router.get("/contracts/{contract_id}/report.xlsx")
def report_xlsx(request: Request, contract_id: str, period: str | None = None) -> Response:
    with web(request) as w:
        view, report = _report(w, contract_id, period)
        with tempfile.TemporaryDirectory() as folder:  # exactly the workbook s92 report writes
            write_report(report.delivery, folder, report.info)
            data = (Path(folder) / "report.xlsx").read_bytes()
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(data, _name(view, report, "xlsx"), kind)


@router.get("/contracts/{contract_id}/report.html")
def report_html(request: Request, contract_id: str, period: str | None = None) -> Response:
    with web(request) as w:
        view, report = _report(w, contract_id, period)
        page = render_html(report.delivery, report.info)
        response = _download(
            page.encode("utf-8"), _name(view, report, "html"), "text/html; charset=utf-8"
        )
        # the report page carries its own inline CSS; it is a download, not a page of ours
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'"
        )
        return response


def _name(view: ContractView, report: Report, ext: str, what: str = "report") -> str:
    label = report.delivery.period.label.replace("/", "-").replace(" ", "")
    return f"{view.id}-{what}-{label}.{ext}"


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
