"""Files of a Monte Carlo sweep: ``sweep.csv`` (per contract, with the period its figures
cover), ``runs.csv`` (every run) and ``sweep.png`` (the penalty due to each council, one
histogram per council, the period under its title)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from scheduler.accounting.sweep import PERIOD_COLUMNS, SweepResult, by_council
from scheduler.export.report import report_csv_text
from scheduler.files import Staged
from scheduler.wording import counted

COLUMNS_PER_ROW = 4
BINS = 20


SWEEP_FILES: tuple[str, ...] = ("sweep.csv", "runs.csv", "sweep.png")


def write_sweep(result: SweepResult, out: Path) -> list[Path]:
    with Staged(out) as staged:
        # money to the penny, as report.csv writes it (2186.30, not 2186.3)
        staged.text("sweep.csv", report_csv_text(result.summary))
        staged.text("runs.csv", report_csv_text(result.runs))
        penalty_chart(result).savefig(staged.path("sweep.png"), format="png")
        return staged.names


MIN_WIDTH = 6.4  # inches: the title at 11 pt
TITLE_LINE = 0.1  # inches more above the panels for a second line of the title


def penalty_chart(result: SweepResult) -> Figure:
    """Small multiples: per council, how often each penalty total came up across runs,
    the median marked."""
    per_council = by_council(result.runs)
    names = sorted(per_council["council"].unique(), key=short_council)
    rows = max(1, math.ceil(len(names) / COLUMNS_PER_ROW))
    columns = min(COLUMNS_PER_ROW, max(1, len(names)))
    # wide enough for the title over one or two councils, whose panels alone are not
    # the period on a line of its own: a chart printed apart from sweep.csv names its days
    period = period_line(result)
    heading = 0.8 + (TITLE_LINE if period else 0)  # inches above the panels
    figure = Figure(figsize=(max(3.4 * columns, MIN_WIDTH), 2.3 * rows + heading + 0.1), dpi=96)
    FigureCanvasAgg(figure)  # Agg: no display, no global pyplot state
    runs = int(per_council["run"].nunique())
    title = f"Penalty due per council over {counted(runs, 'run')} (£; red line: median)"
    figure.suptitle(title + (f"\n{period}" if period else ""), fontsize=11)
    axes = figure.subplots(rows, columns, squeeze=False)
    for ax, name in zip(axes.flat, names, strict=False):
        values = per_council.loc[per_council["council"] == name, "penalty_gbp"].to_numpy()
        ax.hist(values, bins=_bins(values), color="#1f5f8b")
        ax.axvline(float(np.median(values)), color="#c0392b", linewidth=1)
        ax.set_title(short_council(name), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # runs are whole
        if values.min() == values.max():  # one bar: one tick, not four the same
            ax.set_xticks([float(values[0])])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(lambda x, _: f"{x:,.0f}")
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    # fixed margins, not tight_layout: that draws the whole figure an extra time
    top = 1 - heading / figure.get_figheight()
    figure.subplots_adjust(
        left=0.4 / figure.get_figwidth(),  # room for the run counts on the y axis
        right=0.98,
        bottom=0.35 / figure.get_figheight(),
        top=top,
        hspace=0.55,
        wspace=0.25,
    )
    return figure


def period_line(result: SweepResult) -> str:
    """The period the figures cover, in words and dates (``Financial year 2026/27: 1 Apr
    2026 to 31 Mar 2027``; each contract's days within it, first to last), or "" when
    the summary does not say."""
    summary = result.summary
    if not result.period or not set(PERIOD_COLUMNS) <= set(summary.columns):
        return ""
    starts = [s for s in summary["period_start"].astype(str) if s]
    ends = [e for e in summary["period_end"].astype(str) if e]
    name = result.period[:1].upper() + result.period[1:]  # the horizon's "horizon"
    if not starts or not ends:
        return name
    first, last = date.fromisoformat(min(starts)), date.fromisoformat(max(ends))
    return f"{name}: {first:%-d %b %Y} to {last:%-d %b %Y}"


def _bins(values: np.ndarray) -> int | list[float]:
    low, high = float(values.min()), float(values.max())
    if low == high:  # every run the same (e.g. zero rates): one visible bar
        return [low - 0.5, high + 0.5]
    return BINS


def short_council(council: str) -> str:
    """ "Hackney" for "London Borough of Hackney": for narrow titles and columns."""
    for prefix in ("London Borough of ", "Royal Borough of "):
        if council.startswith(prefix):
            return council[len(prefix) :]
    return council
