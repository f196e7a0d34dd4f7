"""report.html: one self-contained page (inline CSS, charts as base64 PNG, no links out)
that fits a 1,280-pixel screen with the headline money in view and prints on A4.

Everything from the data is escaped. Tables show the figures a council reads; the CSV
files and the workbook carry every column.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from scheduler.accounting.delivery import UNBOUGHT_HDD_AID, Delivery
from scheduler.accounting.ledger import PENALTY_COLUMNS
from scheduler.accounting.money import HUNDREDTH, as_money, per_day, percent
from scheduler.export.report_columns import MEANINGS, RULES, days_text, header
from scheduler.store.apply import VOIDED_KIND
from scheduler.wording import counted

KIND_LABELS = {
    "hdd_aid": "High Demand Day aid",
    UNBOUGHT_HDD_AID: "HDD aid on a bank holiday not bought",
    "emergency_aid": "Emergency aid",
    "operational": "Operational",
    "court": "Court",
    "training": "Training",
    "sickness": "Sickness",
    VOIDED_KIND: "Voided entry (until the re-roster)",
}
KIND_COLOURS = {
    "hdd_aid": "#1f77b4",
    UNBOUGHT_HDD_AID: "#aec7e8",  # pale blue: aid, but no day the council bought
    "emergency_aid": "#ff7f0e",
    "operational": "#d62728",
    "court": "#9467bd",
    "training": "#2ca02c",
    "sickness": "#8c564b",
    VOIDED_KIND: "#c7c7c7",  # grey: neither delivered nor penalised
}
SUMMARY_TABLE: tuple[str, ...] = (
    "contract_id",
    "council",
    "posts",
    "contracted_days",
    "delivered_days",
    "delivery_pct",
    "hdd_days",
    "hdd_allowance",
    "hdd_excess_days",
    "penalised_days",
    "vacant_post_days",
    "charge_gbp",
    "penalty_gbp",
    "net_cost_gbp",
)
MONTH_TABLE: tuple[str, ...] = (
    "period",
    "contracted_days",
    "delivered_days",
    "delivery_pct",
    "hdd_days",
    "hdd_days_year_to_date",
    "hdd_allowance",
    "hdd_excess_days",
    "penalised_days",
    "vacant_post_days",
    "unrecorded_days",
    "charge_gbp",
    "penalty_gbp",
    "net_cost_gbp",
)
# what the day rate is made of is for reconciling in penalties.csv and the workbook
PENALTY_TABLE: tuple[str, ...] = tuple(
    c for c in PENALTY_COLUMNS if c not in ("council", "rank", "annual_charge_gbp", "working_days")
)
MAX_PENALTY_ROWS = 500  # the page lists the first ones; penalties.csv has them all
TEXT_COLUMNS = frozenset({"contract_id", "council", "period", "officer_id", "kind", "reason"})


def monthly_totals(delivery: Delivery) -> pd.DataFrame:
    """Month by month, summed over the contracts in the report."""
    numeric = ["contracted_days", "delivered_days", "hdd_days", "penalised_days", "penalty_gbp"]
    if delivery.monthly.empty:
        return pd.DataFrame(columns=["period", *numeric])
    in_order = delivery.monthly.sort_values("period_start", kind="stable")
    return in_order.groupby("period", sort=False)[numeric].sum().reset_index()


# --- charts ------------------------------------------------------------------------------


def charts(delivery: Delivery) -> dict[str, bytes]:
    """The report's charts as PNG bytes, by title."""
    return {
        "Contracted and delivered officer-days by month": _png(_delivery_chart(delivery)),
        "Abstractions by kind and month (officer-days)": _png(_kinds_chart(delivery)),
        "High Demand Day aid used through the period": _png(_hdd_chart(delivery)),
    }


FIGURE_INCHES = (6.6, 3.3)
MARGINS = {"left": 0.11, "right": 0.98, "bottom": 0.2, "top": 0.82}
LEGEND_ROW_INCHES = 0.24  # one more row of legend above the axes


def _figure() -> Figure:
    figure = Figure(figsize=FIGURE_INCHES, dpi=110)
    FigureCanvasAgg(figure)  # draw with Agg: no display, no global pyplot state
    # fixed margins (room for the legend above and rotated months below): one draw per
    # chart, where bbox_inches="tight" would draw each twice
    figure.subplots_adjust(**MARGINS)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _months(delivery: Delivery) -> list[str]:
    # by date, not label: December 2011 is 12/2011 (periods.month_label)
    in_order = delivery.monthly.sort_values("period_start", kind="stable")
    return list(dict.fromkeys(in_order["period"]))


def _delivery_chart(delivery: Delivery) -> Figure:
    months = monthly_totals(delivery)
    figure = _figure()
    ax = figure.add_subplot()
    x = range(len(months))
    if len(months):
        ax.bar([i - 0.2 for i in x], months["contracted_days"], width=0.4, label="contracted")
        ax.bar([i + 0.2 for i in x], months["delivered_days"], width=0.4, label="delivered")
        ax.set_xticks(list(x), months["period"], rotation=45, ha="right", fontsize=8)
    else:  # an axis of -0.04 to 0.04 officer-days under a legend of no bars
        _say(ax, NO_DATA)
        ax.set_xticks([])
    ax.set_ylim(bottom=0)
    ax.set_ylabel("officer-days")
    _legend_above(ax)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def _legend_above(ax: Axes, columns: int = 2) -> None:
    """The legend above the axes; a legend of more than one row (seven kinds of
    abstraction) makes the figure taller by its rows, the axes as high as ever: the margin
    above holds one row, and more were drawn above the picture, cut off."""
    entries = len(ax.get_legend_handles_labels()[0])
    if not entries:
        return  # an empty chart says so itself
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    columns = min(columns, entries)
    while True:  # as many columns as fit the picture's width ("Sickness" was cut to "Sickr")
        legend = ax.legend(
            frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=columns
        )
        if columns == 1 or legend.get_window_extent(renderer).width <= figure.bbox.width:
            break
        columns -= 1
    more = LEGEND_ROW_INCHES * (-(-entries // columns) - 1)
    if more:
        width, height = FIGURE_INCHES
        figure.set_size_inches(width, height + more)
        figure.subplots_adjust(
            bottom=MARGINS["bottom"] * height / (height + more),
            top=MARGINS["top"] * height / (height + more),
        )


def _kinds_chart(delivery: Delivery) -> Figure:
    """Stacked abstraction officer-days: every month of the period on the axis, months
    with none included."""
    figure = _figure()
    ax = figure.add_subplot()
    months = _months(delivery)
    kinds = delivery.kinds
    table = (
        kinds.pivot_table(index="month", columns="kind", values="days", aggfunc="sum")
        if not kinds.empty
        else pd.DataFrame()
    )
    table = table.reindex(months).fillna(0)
    known = [k for k in KIND_LABELS if k in table.columns]  # the same order in every report
    ordered = known + sorted(str(k) for k in table.columns if k not in KIND_LABELS)
    x = list(range(len(months)))
    bottom = [0.0] * len(months)
    for kind in ordered:
        values = table[kind].tolist()
        ax.bar(
            x,
            values,
            bottom=bottom,
            label=KIND_LABELS.get(kind, kind),
            color=KIND_COLOURS.get(kind),
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(x, months, rotation=45, ha="right", fontsize=8)
    ax.set_xlim(-0.6, max(len(months), 1) - 0.4)
    if not ordered:
        _say(ax, "no abstractions in the period" if months else NO_DATA)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("officer-days")
    _legend_above(ax, columns=3)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


NO_DATA = "no data in the period"


def _say(ax: Axes, text: str) -> None:
    """A chart with nothing to draw says why, in its middle."""
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555")


def _allowance_steps(years: pd.DataFrame, end: pd.Timestamp) -> pd.Series:
    """The allowance in force each day, added over the contracts: each allowance year's
    from its first day in the period, nothing after a contract's last; so a period across
    two allowance years shows each, not the later one all along."""
    changes: dict[pd.Timestamp, float] = {}
    for first, last, allowance in zip(
        years["first_date"], years["last_date"], years["allowance"], strict=True
    ):
        changes[first] = changes.get(first, 0.0) + float(allowance)
        after = last + pd.Timedelta(days=1)
        if after <= end:
            changes[after] = changes.get(after, 0.0) - float(allowance)
    if not changes:
        return pd.Series([0.0], index=[end])
    levels = pd.Series(changes).sort_index().cumsum()
    return pd.concat([levels, pd.Series([levels.iloc[-1]], index=[end])])


def _hdd_chart(delivery: Delivery) -> Figure:
    """Each contract's HDD aid in its allowance year to date, stepping up on each HDD,
    against that year's allowance (summed over the contracts in the report)."""
    figure = _figure()
    ax = figure.add_subplot()
    usage = delivery.hdd_usage
    starts = delivery.summary["period_start"].replace("", None).dropna()
    ends = delivery.summary["period_end"].replace("", None).dropna()
    if len(starts):
        start, end = pd.Timestamp(starts.min()), pd.Timestamp(ends.max())
        # each contract's aid in its allowance year before the period: that to the end of
        # its first month less the month's own (the period's row holds the last year's)
        firsts = delivery.monthly.groupby("contract_id", sort=False).first()
        before = (firsts["hdd_days_year_to_date"] - firsts["hdd_days"]).clip(lower=0)
        if len(usage):
            grid = usage.pivot_table(index="date", columns="contract_id", aggfunc="max")
            used = pd.DataFrame(grid["cumulative"]).ffill().fillna(before).sum(axis="columns")
        else:
            used = pd.Series(dtype=float)
        first = float(before.sum())
        steps = pd.concat(
            [
                pd.Series([first], index=[start]),
                used,
                pd.Series([used.iloc[-1] if len(used) else first], index=[end]),
            ]
        )
        ax.step(steps.index, steps.to_numpy(), where="post", label="HDD aid used this year")
        allowance = _allowance_steps(delivery.allowance_years, end)
        ax.step(
            allowance.index,
            allowance.to_numpy(),
            where="post",
            color="firebrick",
            linestyle="--",
            label="allowance",
        )
        left = float(date2num(start))
        right = max(float(date2num(end)), left + 1)  # a period of one day is a day wide
        ax.set_xlim(left, right)
    else:
        _say(ax, NO_DATA)
        ax.set_xticks([])
    ax.set_ylim(bottom=0)
    ax.set_ylabel("officer-days in the year")
    _legend_above(ax)
    ax.tick_params(axis="x", rotation=30, labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


# --- the page ----------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:1.2rem auto;
max-width:1240px;padding:0 1rem;color:#1b1b1b;font-size:15px}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .4rem}
h3{font-size:.95rem;margin:.4rem 0}
.meta{color:#555;margin:0 0 .8rem}
.headline{display:grid;grid-template-columns:repeat(6,1fr);gap:.6rem;margin:.8rem 0}
.figure{border:1px solid #ccc;border-radius:6px;padding:.5rem .7rem}
.figure .value{font-size:1.35rem;font-weight:600;white-space:nowrap}
.figure .label{color:#555;font-size:.8rem}
.figure.money{border-color:#1f5f9f;background:#f3f8fd}
.notes{background:#fff8e1;border-left:4px solid #f0b400;padding:.3rem 1rem;font-size:.9rem}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.charts figure{margin:0}.charts img{width:100%;height:auto}
figcaption{font-weight:600;font-size:.9rem}
table{border-collapse:collapse;font-size:.74rem;margin:.5rem 0;width:100%}
th,td{border:1px solid #ddd;padding:.2rem .3rem;text-align:right}
th{background:#eef2f6;font-weight:600;vertical-align:bottom}
td{white-space:nowrap}td.text{text-align:left;white-space:normal;min-width:7rem}
tr.total td{font-weight:600;border-top:2px solid #888}
dl{font-size:.85rem}dt{font-weight:600;margin-top:.4rem}dd{margin-left:1rem}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}
.headline{grid-template-columns:repeat(3,1fr)}
.charts{grid-template-columns:1fr 1fr}table{font-size:7pt}
h2{break-after:avoid}tr,figure,.figure{break-inside:avoid}}
"""


def render_html(
    delivery: Delivery,
    scenario: str,
    source: str,
    differences: pd.DataFrame | None = None,
) -> str:
    e = html.escape
    title = delivery.title or scenario
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}: contract delivery {e(delivery.period.name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Contract delivery report: {e(title)}</h1>",
        f'<p class="meta">{e(_period_text(delivery))} &middot; {e(scenario)} &middot; '
        f"source: {e(source)} &middot; data covers {e(_day(delivery.coverage.start))} to "
        f"{e(_day(delivery.coverage.end))}</p>",
        _headline(delivery.summary),
        _notes(delivery.notes),
        "<h2>By contract</h2>",
        _html_table(delivery.summary, SUMMARY_TABLE, total=len(delivery.summary) > 1),
        '<h2>Charts</h2><div class="charts">',
    ]
    for chart_title, png in charts(delivery).items():
        data = base64.b64encode(png).decode("ascii")
        parts.append(
            f"<figure><figcaption>{e(chart_title)}</figcaption>"
            f'<img alt="{e(chart_title)}" src="data:image/png;base64,{data}"></figure>'
        )
    parts.append("</div>")
    parts += _month_tables(delivery)
    parts += _penalty_table(delivery.penalties)
    if not delivery.unrecorded.empty:
        parts.append(
            f"<h2>Officer-days with no record ({int(delivery.unrecorded['days'].sum())})</h2>"
        )
        parts.append(_html_table(delivery.unrecorded, tuple(delivery.unrecorded.columns)))
    if differences is not None:
        differ = "differs" if len(differences) == 1 else "differ"
        shown = counted(len(differences), "officer-day")
        parts.append(f"<h2>Plan against duty record: {shown} {differ}</h2>")
        parts.append("<p>Listed in differences.csv.</p>")
    parts.append(_definitions())
    parts.append("</body></html>")
    return "\n".join(parts)


def _period_text(delivery: Delivery) -> str:
    starts = delivery.summary["period_start"].replace("", None).dropna()
    ends = delivery.summary["period_end"].replace("", None).dropna()
    label = f"Period {delivery.period.name}"
    if len(starts):
        label += f": {_day(min(starts))} to {_day(max(ends))}"
    return label


def _day(value: object) -> str:
    return pd.Timestamp(str(value)).strftime("%-d %b %Y")


def headline_figures(summary: pd.DataFrame) -> dict[str, tuple[str, bool]]:
    """The figures a council officer reads first, over all contracts in the report; and
    whether each is money."""
    contracted = _units(summary["contracted_days"]) / HUNDREDTH
    delivered = int(summary["delivered_days"].sum())
    penalty = float(summary["penalty_gbp"].sum())
    charge = float(summary["charge_gbp"].sum())
    net_units = _units(summary["net_cost_gbp"])
    net = as_money(net_units)
    share = percent(delivered, _units(summary["contracted_days"]))
    pct = "n/a" if share is None else f"{share:.1f}%"
    cost = per_day(net_units, delivered)
    per_day_text = "n/a" if cost is None else f"£{cost:,.2f}"
    return {
        "penalty due to the council": (f"£{penalty:,.2f}", True),
        "charge to the council": (f"£{charge:,.2f}", True),
        "net cost": (f"£{net:,.2f}", True),
        "contracted officer-days": (f"{contracted:,.2f}", False),
        f"delivered officer-days ({pct})": (f"{delivered:,}", False),
        "net cost per delivered day": (per_day_text, True),
    }


def _headline(summary: pd.DataFrame) -> str:
    cells = [
        f'<div class="figure{" money" if money else ""}"><div class="value">'
        f'{html.escape(value)}</div><div class="label">{html.escape(label)}</div></div>'
        for label, (value, money) in headline_figures(summary).items()
    ]
    return '<div class="headline">' + "".join(cells) + "</div>"


def _notes(notes: Iterable[str]) -> str:
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return f'<div class="notes"><strong>Note</strong><ul>{items}</ul></div>' if items else ""


def _month_tables(delivery: Delivery) -> list[str]:
    parts = []
    for contract_id, months in delivery.monthly.groupby("contract_id", sort=False):
        council = str(months["council"].iloc[0])
        parts.append(f"<h2>By month: {html.escape(str(contract_id))} ({html.escape(council)})</h2>")
        parts.append(_html_table(months, MONTH_TABLE, total=True))
    return parts


def _penalty_table(penalties: pd.DataFrame) -> list[str]:
    total = float(penalties["penalty_gbp"].sum()) if len(penalties) else 0.0
    parts = [f"<h2>Penalties itemised: {len(penalties):,}, £{total:,.2f}</h2>"]
    if penalties.empty:
        return [*parts, "<p>No penalty is due for the period.</p>"]
    shown = penalties.head(MAX_PENALTY_ROWS)
    if len(penalties) > MAX_PENALTY_ROWS:
        parts.append(f"<p>The first {MAX_PENALTY_ROWS:,} are shown; penalties.csv lists all.</p>")
    parts.append(_html_table(shown, PENALTY_TABLE))
    return parts


def _html_table(frame: pd.DataFrame, columns: Sequence[str], total: bool = False) -> str:
    head = "".join(f"<th>{html.escape(short_header(c))}</th>" for c in columns)
    rows = []
    for record in frame[list(columns)].itertuples(index=False, name=None):
        rows.append(_row(columns, record))
    if total and len(frame):
        rows.append(_row(columns, totals_row(frame, columns), css=' class="total"'))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


ADDS_UP = frozenset(
    {
        "contracted_days",
        "delivered_days",
        "hdd_days",
        "hdd_excess_days",
        "penalised_days",
        "vacant_post_days",
        "unrecorded_days",
        "charge_gbp",
        "penalty_gbp",
        "net_cost_gbp",
    }
)


def short_header(column: str) -> str:
    """The header for a narrow table: units shortened (the definitions give them whole)."""
    text = header(column).replace("(officer-days)", "(days)").replace("(% of contracted)", "(%)")
    return text.replace("HDD allowance of the year", "HDD allowance").replace(
        "HDD aid in the allowance year to date", "HDD aid, year to date"
    )


def totals_row(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[object, ...]:
    """The month table's last row: what adds up, added up ("Total" in the first column)."""
    values: list[object] = []
    for i, column in enumerate(columns):
        if column in ADDS_UP:
            values.append(
                round(float(frame[column].sum()), 2)
                if frame[column].dtype.kind == "f"
                else int(frame[column].sum())
            )
        elif column == "delivery_pct":
            delivered = int(frame["delivered_days"].sum())
            values.append(percent(delivered, _units(frame["contracted_days"])))
        else:
            values.append("Total" if i == 0 else "")
    return tuple(values)


def _units(column: pd.Series) -> int:
    """A column of figures to 2 dp, added up in whole hundredths (exact)."""
    return sum(round(float(v) * HUNDREDTH) for v in column)


def _row(columns: Sequence[str], record: Sequence[object], css: str = "") -> str:
    cells = []
    for column, value in zip(columns, record, strict=True):
        text = _text(column, value)
        klass = ' class="text"' if column in TEXT_COLUMNS or column == "note" else ""
        cells.append(f"<td{klass}>{html.escape(text)}</td>")
    return f"<tr{css}>" + "".join(cells) + "</tr>"


def _text(column: str, value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    if column.endswith("_gbp") and not isinstance(value, str):
        return f"{float(value):,.2f}"  # type: ignore[arg-type]
    if column == "delivery_pct" and not isinstance(value, str):
        return f"{float(value):.1f}%"  # type: ignore[arg-type]
    if column in ("date", "last_date", "first_date") and isinstance(value, str) and value:
        return _day(value)
    if isinstance(value, float):
        return f"{value:,.2f}" if column != "days" else days_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _definitions() -> str:
    rules = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(text)}</dd>" for name, text in RULES
    )
    items = "".join(
        f"<dt>{html.escape(header(k))}</dt><dd>{html.escape(v)}</dd>" for k, v in MEANINGS.items()
    )
    return f"<h2>Definitions</h2><dl>{rules}{items}</dl>"
