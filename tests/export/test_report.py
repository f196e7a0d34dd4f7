"""The report files and the ``s92 report`` command, on a hand-made Havering roster (no
solver): weekdays on the Early tour, weekends rest, HDD aid on High Demand Days."""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from recomputed_money import COUNTED, MONEY, Recomputed

from calendars import tour_interval
from scheduler.accounting.delivery import SUMMARY_COLUMNS, contracts_total, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.cli import main
from scheduler.export.report import ReportInfo, render_html, write_report
from scheduler.export.report_columns import header
from scheduler.export.report_html import _kinds_chart
from scheduler.files import safe_cell as neutralise
from scheduler.scenario import Scenario, load_scenario, scenario_from_dict
from scheduler.scenario.load import read_toml
from scheduler.store import NewAbstraction, Store, apply_abstractions

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "scenarios" / "havering.toml"
REQUIRED = [
    "contract_id",
    "council",
    "period",
    "posts",
    "filled_post_days",
    "vacant_post_days",
    "contracted_days",
    "delivered_days",
    "hdd_days",
    "hdd_allowance",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "charge_gbp",
    "penalty_gbp",
    "cost_per_delivered_day_gbp",
]
OPERATIONAL_DAY = date(2026, 6, 2)  # a Tuesday


@pytest.fixture(scope="module")
def havering() -> Scenario:
    return load_scenario(HAVERING)


@pytest.fixture(scope="module")
def plan(havering: Scenario) -> pd.DataFrame:
    return hand_roster(havering)


def hand_roster(scenario: Scenario) -> pd.DataFrame:
    hdds = {h.date: h for h in scenario.high_demand_days()}
    early = scenario.shift("E")
    rows = []
    for officer in scenario.officers:
        for day in scenario.days:
            row = {
                "officer_id": officer.id,
                "contract_id": officer.contract,
                "rank": officer.rank,
                "date": day.isoformat(),
                "state": "REST",
                "shift": "",
                "start": "",
                "end": "",
                "hours": 0.0,
                "event": "",
            }
            if day in hdds:
                begins, ends = hdds[day].interval()
                row |= {"state": "HDD_AID", "shift": "AID", "event": hdds[day].name}
            elif day.weekday() < 5:
                begins, ends = tour_interval(day, early.start, early.end)
                row |= {"state": "DUTY", "shift": "E"}
            else:
                rows.append(row)
                continue
            row |= {"start": begins.isoformat(), "end": ends.isoformat(), "hours": 8.0}
            rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture
def store(tmp_path: Path, havering: Scenario, plan: pd.DataFrame) -> Path:
    """A store with the plan published and one operational abstraction logged."""
    db = tmp_path / "s92.db"
    with Store(db) as s:
        s.publish_roster(havering.name, plan)
        s.add_abstraction(
            NewAbstraction(
                "HAV-02",
                "HAV-PP",
                OPERATIONAL_DAY,
                OPERATIONAL_DAY,
                "operational",
                "Op Test",
                "BCU planner",
                OPERATIONAL_DAY - timedelta(days=2),
            )
        )
    return db


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the command ---------------------------------------------------------------------------


def test_report_from_the_published_roster(store: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = main(
        ["report", str(HAVERING), "--period", "FY2026", "--out", str(out), "--db", str(store)]
    )
    assert code == 0
    assert {p.name for p in out.iterdir()} == {
        "report.csv",
        "monthly.csv",
        "penalties.csv",
        "report.xlsx",
        "report.html",
    }
    (row,) = read_rows(out / "report.csv")
    assert set(REQUIRED) <= set(row)
    assert list(row)[: len(SUMMARY_COLUMNS)] == list(SUMMARY_COLUMNS)
    assert (row["contract_id"], row["period"], row["posts"]) == ("HAV-PP", "FY2026", "5")
    # the one logged abstraction is the one penalised day: a constable (HAV-02, 6 years'
    # service, 25 days' leave): 57,000 / 226 = 252.21
    assert (row["penalised_days"], row["penalty_gbp"]) == ("1", "252.21")
    assert row["charge_gbp"] == "298500.00"  # 4 × 57,000 + 70,500 (Havering's figure)
    # itemised: the penalty's every penny, with the log entry behind it
    (item,) = read_rows(out / "penalties.csv")
    assert (item["date"], item["officer_id"], item["kind"], item["entry_id"]) == (
        "2026-06-02",
        "HAV-02",
        "abstraction",
        "1",
    )
    assert (item["reason"], item["day_rate_gbp"], item["penalty_gbp"]) == (
        "operational: Op Test",
        "252.21",
        "252.21",
    )
    assert "report.html" in capsys.readouterr().out


def test_days_still_given_to_a_voided_entry_are_noted(
    tmp_path: Path, havering: Scenario, plan: pd.DataFrame
) -> None:
    # the published roster carries an entry voided since: the planner must re-roster
    db = tmp_path / "s92.db"
    marked = plan.copy()
    marked["abstraction_id"] = ""
    marked.loc[marked.index[:3], "abstraction_id"] = "7"  # HAV-01, 1-3 April
    marked.loc[marked["date"] == "2026-05-05", "abstraction_id"] = "8"  # all five, in May
    with Store(db) as s:
        s.publish_roster(havering.name, marked)
    out = tmp_path / "out"
    argv = ["report", str(HAVERING), "--period", "2026-04", "--out", str(out), "--db", str(db)]
    assert main(argv) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "8 officer-days of the published roster still follow abstractions voided" in page
    # report.csv alone must show it too: the contract's row counts its days in the period
    (row,) = read_rows(out / "report.csv")
    assert row["note"] == (
        "3 officer-days in this period still follow abstractions voided since "
        "(the first on 2026-04-01); re-roster from that day and publish to correct them"
    )


def test_report_from_actuals_lists_the_differences(
    store: Path, tmp_path: Path, plan: pd.DataFrame
) -> None:
    record = plan[plan["date"] < "2026-07-01"][["officer_id", "date", "start", "end", "state"]]
    record = record.assign(
        deployment=record["state"].map({"DUTY": "council", "REST": "rest", "HDD_AID": "hdd_aid"}),
        reason="",
    ).drop(columns="state")
    # HAV-02's logged operational abstraction happened; HAV-03 was taken to court on a
    # published duty day and nobody logged it
    logged = (record["officer_id"] == "HAV-02") & (record["date"] == OPERATIONAL_DAY.isoformat())
    record.loc[logged, ["deployment", "reason"]] = ["operational", "Op Test"]
    court = (record["officer_id"] == "HAV-03") & (record["date"] == "2026-06-03")
    record.loc[court, ["deployment", "reason"]] = ["court", '=HYPERLINK("x")']
    actuals = tmp_path / "duty.csv"
    record.to_csv(actuals, index=False)
    out = tmp_path / "out"
    code = main(
        [
            "report",
            str(HAVERING),
            "--period",
            "FY2026",
            "--out",
            str(out),
            "--db",
            str(store),
            "--actuals",
            str(actuals),
        ]
    )
    assert code == 0
    (row,) = read_rows(out / "report.csv")
    assert (row["period_start"], row["period_end"]) == ("2026-04-01", "2026-06-30")
    assert "clipped" in row["note"]
    assert row["penalised_days"] == "1"  # operational; court is not penalised by default
    assert row["other_absence_days"] == "1"
    diffs = read_rows(out / "differences.csv")
    # both differ from the roster as published; only the first was logged
    assert [
        (
            d["officer_id"],
            d["date"],
            d["planned_state"],
            d["actual_deployment"],
            d["logged_abstraction"],
        )
        for d in diffs
    ] == [
        ("HAV-02", "2026-06-02", "DUTY", "operational", "operational #1"),
        ("HAV-03", "2026-06-03", "DUTY", "court", ""),
    ]
    assert diffs[0]["planned_start"] == "2026-06-02T07:00:00+01:00"
    assert diffs[1]["reason"].startswith("'=")  # neutralised for spreadsheets
    assert "clipped" in (out / "report.html").read_text()


def test_actuals_without_a_store(tmp_path: Path, plan: pd.DataFrame) -> None:
    record = plan[plan["date"] < "2026-05-01"].assign(deployment="council", reason="")
    actuals = tmp_path / "duty.csv"
    record[["officer_id", "date", "start", "end", "deployment", "reason"]].to_csv(
        actuals, index=False
    )
    out = tmp_path / "out"
    code = main(
        [
            "report",
            str(HAVERING),
            "--period",
            "2026-04",
            "--out",
            str(out),
            "--db",
            str(tmp_path / "none.db"),
            "--actuals",
            str(actuals),
        ]
    )
    assert code == 0
    assert not (tmp_path / "none.db").exists()  # reading does not create a store
    assert not (out / "differences.csv").exists()
    assert "no store file" in (out / "report.html").read_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--period", "2026-13"], "--period"),
        (["--period", "Y4"], "at most 3 years"),
        (["--period", "FY2026", "--contract", "NOPE"], "--contract"),
        (["--period", "FY2026", "--db", "{tmp}/missing.db"], "no such store file"),
        (
            ["--period", "FY2026", "--db", "{tmp}/missing.db", "--actuals", "{tmp}/x.csv"],
            "no such file",
        ),
        (
            ["--period", "FY2026", "--db", "{tmp}/missing.db", "--actuals", "{tmp}/bad.csv"],
            "bad.csv: row 2, column deployment: unknown deployment",
        ),
        (
            ["--period", "FY2026", "--db", "{tmp}/missing.db", "--actuals", "{tmp}/year1.csv"],
            "year1.csv: row 3, column date: outside the years s92 covers (1901-2199)",
        ),
        (
            ["--period", "FY2026", "--db", "{tmp}/missing.db", "--actuals", "{tmp}/moved.csv"],
            "moved.csv: row 2, column end: end is not on the row's date 2026-04-01 or the day",
        ),
        (["--period", "FY0001"], "outside the years s92 covers"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path,
    capsys,
    extra: list[str],
    message: str,
) -> None:
    head = "officer_id,date,start,end,deployment,reason\n"
    (tmp_path / "bad.csv").write_text(head + "HAV-01,2026-04-01,,,nap,\n")
    (tmp_path / "year1.csv").write_text(
        head + "HAV-01,2026-04-01,07:00,15:00,council,\nHAV-01,0001-01-01,07:00,15:00,council,\n"
    )
    (tmp_path / "moved.csv").write_text(
        head + "HAV-01,2026-04-01,2026-04-01T22:00,2026-04-03T07:00,council,\n"
    )
    argv = [
        "report",
        str(HAVERING),
        "--out",
        str(tmp_path / "out"),
        *[a.format(tmp=tmp_path) for a in extra],
    ]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_rows_missing_from_a_duty_record_are_named_or_refused(
    tmp_path: Path,
    plan: pd.DataFrame,
    capsys,
) -> None:
    # April's record for four officers; HAV-03 has no rows from 13 to 30 April
    record = plan[plan["date"] < "2026-05-01"].assign(deployment="council", reason="")
    gone = (record["officer_id"] == "HAV-03") & (record["date"] >= "2026-04-13")
    record = record[~gone]
    actuals = tmp_path / "duty.csv"
    record[["officer_id", "date", "start", "end", "deployment", "reason"]].to_csv(
        actuals, index=False
    )
    argv = [
        "report",
        str(HAVERING),
        "--period",
        "2026-04",
        "--db",
        str(tmp_path / "none.db"),
        "--actuals",
        str(actuals),
    ]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 0
    (row,) = read_rows(tmp_path / "out" / "report.csv")
    assert row["unrecorded_days"] == "18"
    (run,) = read_rows(tmp_path / "out" / "unrecorded.csv")
    assert (run["officer_id"], run["first_date"], run["last_date"], run["days"]) == (
        "HAV-03",
        "2026-04-13",
        "2026-04-30",
        "18",
    )
    assert "no row for 18 officer-days" in (tmp_path / "out" / "report.html").read_text()
    capsys.readouterr()
    assert main([*argv, "--out", str(tmp_path / "strict"), "--strict"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"{actuals}: no row for 18 officer-days the scenario's officers served in the period "
        "(--strict), the first HAV-03 on 2026-04-13"
    )
    assert not (tmp_path / "strict").exists()  # nothing half-written


def test_missing_required_arguments_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report", str(HAVERING), "--out", "x"])
    assert caught.value.code == 2
    assert "--period" in capsys.readouterr().err


def test_unknown_scenario_name_in_the_store(store: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.toml"
    text = HAVERING.read_text()
    other.write_text(text.replace('name = "Havering Joint Task Force"', 'name = "Another"'))
    assert (
        main(
            [
                "report",
                str(other),
                "--period",
                "FY2026",
                "--out",
                str(tmp_path / "o"),
                "--db",
                str(store),
            ]
        )
        == 2
    )
    assert "no published roster" in capsys.readouterr().err


# --- the files -----------------------------------------------------------------------------


def hostile_scenario() -> Scenario:
    """A council whose name a spreadsheet would run, and HTML a browser would."""
    data = read_toml(HAVERING)
    data["contract"][0]["council"] = (
        '=HYPERLINK("http://evil.example","x") <script>alert(1)</script>'
    )
    return scenario_from_dict(data, "hostile.toml")


def test_xlsx_neutralises_formulas(tmp_path: Path, plan: pd.DataFrame) -> None:
    scenario = hostile_scenario()
    delivery = delivery_report(plan, scenario, parse_period("FY2026"))
    write_report(delivery, tmp_path, ReportInfo("+cmd|' /C calc'!A0", "@SUM(1)"))
    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["Summary", "Contracts", "HAV-PP", "Penalties", "Definitions"]
    texts = [
        (c, c.value)
        for sheet in book
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert texts
    for cell, text in texts:
        assert cell.data_type == "s"
        # Excel's quote prefix, as roster.xlsx: the text shows as typed and never runs
        assert cell.quotePrefix == text.startswith(("=", "+", "-", "@")), text
        assert not text.startswith("'"), text  # no apostrophe a council sees in the cell
    shown = [text for _, text in texts]
    assert '=HYPERLINK("http://evil.example","x") <script>alert(1)</script>' in shown
    assert "+cmd|' /C calc'!A0" in shown
    assert "@SUM(1)" in shown
    with zipfile.ZipFile(tmp_path / "report.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not [n for n in sheets if b"<f>" in z.read(n)]  # no formula at all
    (row,) = read_rows(tmp_path / "report.csv")
    assert row["council"].startswith("'=")  # a CSV has no quote prefix: the apostrophe


def test_workbook_a_council_reads(tmp_path: Path, havering: Scenario, plan: pd.DataFrame) -> None:
    table = plan.copy()
    table.loc[(table["officer_id"] == "HAV-02") & (table["date"] == "2026-06-02"), "state"] = (
        "ABSTRACTED"
    )
    delivery = delivery_report(table, havering, parse_period("FY2026"))
    write_report(delivery, tmp_path, ReportInfo(havering.name, "hand roster"))
    book = load_workbook(tmp_path / "report.xlsx")
    months = book["HAV-PP"]
    headers = [c.value for c in months[3]]
    assert headers[:4] == ["Period", "From", "To", "Posts bought"]
    assert "Penalty due to the council (£)" in headers
    assert months.max_row == 3 + 12 + 1  # twelve months and their total
    first = {h: c for h, c in zip(headers, months[4], strict=True)}
    assert isinstance(first["From"], Cell)  # not merged
    assert first["From"].is_date
    assert isinstance(first["From"].value, datetime)
    assert first["From"].value.date() == date(2026, 4, 1)
    assert first["From"].number_format == "dd/mm/yyyy"
    money = first["Charge to the council (£)"]
    assert isinstance(money.value, float)
    assert money.number_format == '"£"#,##0.00'
    assert first["Delivered (% of contracted)"].number_format == "0.0%"
    # delivery, HDD against the allowance, penalty (openpyxl keeps a sheet's charts in
    # _charts, which its stubs leave out)
    assert len(months._charts) == 3  # type: ignore[attr-defined]
    # the allowance used to date never falls, so its line must not curve below itself
    (line,) = [c for c in months._charts if c.tagname == "lineChart"]  # type: ignore[attr-defined]
    assert [s.smooth for s in line.series] == [False, False]
    # the summary: a row per figure, a column per contract
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows() if row[0].value}
    assert summary["Penalty due to the council (£)"].value == 252.21
    assert summary["Council"].value == "London Borough of Havering"
    # penalties itemised; definitions say what the figures mean
    penalties = book["Penalties"]
    assert [c.value for c in penalties[4]][:1] == [datetime(2026, 6, 2)]
    definitions = " ".join(str(c.value) for row in book["Definitions"].iter_rows() for c in row)
    assert "running total" in definitions
    assert "penalty_gbp" in definitions


def test_page_fits_and_names_the_council(
    tmp_path: Path, havering: Scenario, plan: pd.DataFrame
) -> None:
    # a May with no abstraction still stands on the abstraction chart's axis
    delivery = delivery_report(plan, havering, parse_period("FY2026"), contracts=["HAV-PP"])
    assert delivery.title == "London Borough of Havering"
    figure = _kinds_chart(delivery)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == [f"2026-{m:02d}" for m in range(4, 13)] + ["2027-01", "2027-02", "2027-03"]
    page = render_html(delivery, ReportInfo(havering.name, "hand roster"))
    assert "<h1>Contract delivery report: London Borough of Havering</h1>" in page
    assert "@page{size:A4" in page
    headline = page[page.index('<div class="headline">') : page.index("<h2>")]
    assert headline.index("penalty due to the council") < headline.index("officer-days")
    everyone = delivery_report(plan, havering, parse_period("FY2026"))
    assert everyone.title == ""  # the scenario's name heads a report of every contract


def test_neutralise() -> None:
    assert [neutralise(v) for v in ("=1+1", "+1", "-1", "@A1", "\t=1", "ok", -1, 2.5)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "'\t'=1",  # pasted, the tab splits the cell: the formula after it is marked too
        "ok",
        -1,
        2.5,
    ]


def test_html_is_self_contained_and_escaped(plan: pd.DataFrame) -> None:
    delivery = delivery_report(plan, hostile_scenario(), parse_period("FY2026"))
    page = render_html(delivery, ReportInfo("<b>Havering</b>", "roster & co"))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>Havering</b>" not in page
    assert "roster &amp; co" in page
    # no external references at all: no links, scripts, stylesheets or remote images
    assert not re.search(r"(?i)(src|href)\s*=\s*(?![\"']?data:)", page)
    assert not re.search(r"(?i)<(script|link|iframe)", page)
    assert "http://evil.example" not in page.replace("&quot;", '"').split("<table>")[0]
    assert page.count('src="data:image/png;base64,') == 3
    # headline numbers come first, then the table by contract, then the charts
    assert page.index("contracted officer-days") < page.index("<table>") < page.index("<img")
    assert "http://" not in _outside_text(page)
    assert "https://" not in _outside_text(page)


def _outside_text(page: str) -> str:
    """Markup only (attribute values included), text content left out."""
    return "".join(re.findall(r"<[^>]*>", page))


def test_summary_columns_are_stable() -> None:
    assert list(SUMMARY_COLUMNS[:4]) == ["contract_id", "council", "scheme", "period"]
    assert set(REQUIRED) <= set(SUMMARY_COLUMNS)


def test_readme_documents_every_csv_column() -> None:
    from scheduler.accounting.delivery import MONTHLY_COLUMNS
    from scheduler.accounting.ledger import PENALTY_COLUMNS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The council's report") : readme.index("## Bigger")]
    for column in (*SUMMARY_COLUMNS, *MONTHLY_COLUMNS, *PENALTY_COLUMNS):
        assert f"`{column}`" in section, column


def test_summary_rows_of_wrapped_text_are_tall_enough_to_read(
    tmp_path: Path, havering: Scenario, plan: pd.DataFrame
) -> None:
    # the council's name and the note wrap in their 24-character column, but their rows
    # kept one line's height: in LibreOffice (and Excel) the text ran over the rows below
    delivery = delivery_report(plan, havering, parse_period("FY2026"))
    write_report(delivery, tmp_path, ReportInfo(havering.name, "hand roster"))
    sheet = load_workbook(tmp_path / "report.xlsx")["Summary"]
    checked = 0
    for row in sheet.iter_rows():
        if row[0].value in ("Council", "Notes") and row[1].value:
            text = str(row[1].value)
            assert row[1].alignment.wrap_text
            lines = -(-len(text) // 22)
            checked += 1
            height = sheet.row_dimensions[row[0].row].height
            assert height is not None
            assert height >= 15 * lines, (row[0].value, text, height)
    assert checked == 1  # the council; Havering's whole year needs no note


def pennies(value: object) -> int:
    """A figure to 2 dp read from a workbook or a CSV, in whole pennies."""
    return round(100 * float(str(value)))


def test_workbook_totals_are_the_sum_of_their_lines(
    tmp_path: Path, havering: Scenario, plan: pd.DataFrame
) -> None:
    # a finance officer adds up the month sheet and the penalties: the workbook gave no
    # totals there (the HTML did), and logged entry ids were text a spreadsheet flags
    table = plan.assign(kind="", abstraction_id="")
    for officer, day, entry in (("HAV-02", "2026-06-02", "7"), ("HAV-03", "2026-11-30", "12")):
        at = (table["officer_id"] == officer) & (table["date"] == day)
        table.loc[at, ["state", "kind", "abstraction_id"]] = ["ABSTRACTED", "operational", entry]
    delivery = delivery_report(table, havering, parse_period("FY2026"))
    write_report(delivery, tmp_path, ReportInfo(havering.name, "hand roster"))
    book = load_workbook(tmp_path / "report.xlsx")
    (row,) = read_rows(tmp_path / "report.csv")
    months = book["HAV-PP"]
    headers = [c.value for c in months[3]]
    lines = [dict(zip(headers, (c.value for c in r), strict=True)) for r in months.iter_rows(4, 15)]
    total = {h: c for h, c in zip(headers, months[16], strict=True)}
    assert total["Period"].value == "Total"
    assert total["Period"].font.bold
    for column in ("contracted_days", "delivered_days", "charge_gbp", "penalty_gbp"):
        name = header(column)
        added = sum(pennies(line[name]) for line in lines)
        assert added == pennies(total[name].value) == pennies(row[column]), name
    assert total["From"].value == datetime(2026, 4, 1)
    pct = total["Delivered (% of contracted)"].value
    assert pct == pytest.approx(float(row["delivery_pct"]) / 100, abs=1e-12)
    penalties = book["Penalties"]
    headers = [c.value for c in penalties[3]]
    items = [dict(zip(headers, (c.value for c in r), strict=True)) for r in penalties.iter_rows(4)]
    *items, last = items
    assert [i["Log entry"] for i in items] == [7, 12]
    assert penalties.cell(4, headers.index("Log entry") + 1).number_format == "0"
    assert last["Date"] == "Total"
    money = "Penalty due to the council (£)"
    assert pennies(last[money]) == sum(pennies(i[money]) for i in items)
    # HAV-02's day £252.21 and HAV-03's £248.91 (each rate by the officer's own leave)
    assert pennies(last[money]) == pennies(row["penalty_gbp"]) == 50_112


def test_twelve_monthly_reports_add_up_to_the_year_through_the_command(
    store: Path, tmp_path: Path, havering: Scenario, plan: pd.DataFrame
) -> None:
    # as a council's finance officer runs them: twelve monthly reports and the year's, from
    # the published roster and the entry log (entries across month ends, one voided), each
    # agreeing with the recomputation of tests/accounting from the roster as the entries
    # leave it
    logged = [
        ("HAV-03", date(2026, 6, 29), date(2026, 7, 2), "operational"),
        ("HAV-01", date(2026, 9, 28), date(2026, 10, 2), "sickness"),
        ("HAV-04", date(2026, 10, 7), date(2026, 10, 7), "hdd_aid"),
        ("HAV-05", date(2026, 11, 30), date(2026, 12, 1), "emergency_aid"),
        ("HAV-04", date(2027, 3, 30), date(2027, 3, 31), "court"),
        ("HAV-02", date(2027, 2, 1), date(2027, 2, 1), "operational"),
    ]
    with Store(store) as s:
        for officer, first, last, kind in logged:
            s.add_abstraction(
                NewAbstraction(officer, "HAV-PP", first, last, kind, "t", "Insp", first)
            )
        voided = NewAbstraction(
            "HAV-02",
            "HAV-PP",
            date(2026, 8, 3),
            date(2026, 8, 3),
            "operational",
            "t",
            "Insp",
            date(2026, 8, 1),
        )
        s.void(s.add_abstraction(voided), "logged in error")
    state = {"operational": "ABSTRACTED", "sickness": "SICK", "hdd_aid": "HDD_AID"}
    state |= {"emergency_aid": "EMERGENCY_AID", "court": "COURT"}
    expected = plan[["officer_id", "date", "state"]].copy()
    for officer, first, last, kind in [
        *logged,
        ("HAV-02", OPERATIONAL_DAY, OPERATIONAL_DAY, "operational"),
    ]:
        days = pd.to_datetime(expected["date"]).dt.date
        at = (expected["officer_id"] == officer) & days.between(first, last)
        assert (expected.loc[at, "state"] == "DUTY").all()
        expected.loc[at, "state"] = state[kind]
    check = Recomputed(havering, havering.contracts[0], expected)

    def report(period: str) -> tuple[dict[str, str], list[dict[str, str]]]:
        out = tmp_path / period
        args = ["report", str(HAVERING), "--period", period, "--out", str(out), "--db", str(store)]
        assert main(args) == 0
        (row,) = read_rows(out / "report.csv")
        return row, read_rows(out / "penalties.csv")

    year, items = report("FY2026")
    months = [report(f"{2026 + (m < 4)}-{m:02d}")[0] for m in (*range(4, 13), 1, 2, 3)]
    assert sum(pennies(i["penalty_gbp"]) for i in items) == pennies(year["penalty_gbp"])
    assert pennies(year["penalty_gbp"]) > 0
    for column in (*COUNTED, *MONEY, "abstraction_penalty_gbp", "unrecorded_days"):
        assert sum(pennies(m[column]) for m in months) == pennies(year[column]), column
    for row in (year, *months):
        first, last = date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
        expect = check.row(first, last)
        for column in COUNTED:
            assert int(row[column]) == expect[column], (row["period"], column)
        for column in MONEY:
            assert pennies(row[column]) == expect[column], (row["period"], column)


def test_money_below_zero_is_a_number_in_the_csv(tmp_path: Path) -> None:
    # one post; its officer is abstracted (operational) every day from July, weekends too:
    # a month's penalty (31 days x 57,000 / 226) is more than its charge (57,000 x 31/365),
    # so the net cost is below zero. Written as text "-2977.49" it was neutralised as a
    # formula ('-2977.49), and a council's spreadsheet left the month out of its sums.
    first, last = date(2026, 4, 1), date(2027, 3, 31)
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "neg", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "-LB",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 1},
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )
    days = pd.date_range(first, last)
    states = ["DUTY" if d.month in (4, 5, 6) else "ABSTRACTED" for d in days]
    table = pd.DataFrame({"officer_id": "O1", "date": days, "state": states})
    delivery = delivery_report(table, scenario, parse_period("FY2026"))
    write_report(delivery, tmp_path, ReportInfo("neg", "hand roster"))
    (row,) = read_rows(tmp_path / "report.csv")
    months = {m["period"]: m for m in read_rows(tmp_path / "monthly.csv")}
    assert row["council"] == "'-LB"  # text is still neutralised
    assert float(row["net_cost_gbp"]) < 0
    assert row["net_cost_gbp"] == f"{float(row['charge_gbp']) - float(row['penalty_gbp']):.2f}"
    # August: charge 23,893.15 - 19,052.05 = 4,841.10 (57,000 x 153/365 less x 122/365);
    # penalty of 30 days, the summer bank holiday (31st) aside, which the contract does not
    # buy: 57,000 x 30/226 = 7,566.371... -> 7,566.37, the month's own total rounded
    # (README, Rounding) (net -2,725.27)
    assert months["2026-08"]["net_cost_gbp"] == "-2725.27"
    assert sum(pennies(m["net_cost_gbp"]) for m in months.values()) == pennies(row["net_cost_gbp"])


def two_contracts() -> Scenario:
    """One council with two contracts, the second starting mid-year under Met Patrol Plus."""
    first, last = date(2026, 4, 1), date(2027, 3, 31)
    return scenario_from_dict(
        {
            "scenario": {"name": "two", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "A",
                    "council": "LB Two",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 2},
                },
                {
                    "id": "B",
                    "council": "LB Two",
                    "bcu": "XX",
                    "scheme": "met-patrol-plus",
                    "start": date(2026, 9, 15),
                    "posts": {"constable": 1, "sergeant": 1},
                },
            ],
            "officer": [
                {"id": "A1", "contract": "A", "rank": "constable"},
                {"id": "A2", "contract": "A", "rank": "constable", "end": date(2026, 12, 31)},
                {"id": "B1", "contract": "B", "rank": "constable"},
                {"id": "B2", "contract": "B", "rank": "sergeant"},
            ],
        }
    )


def test_the_summary_sheet_totals_a_council_s_contracts(tmp_path: Path) -> None:
    # a council with two contracts read its whole bill nowhere in the workbook: the
    # Summary sheet had a column per contract and no total
    scenario = two_contracts()
    days = pd.date_range(scenario.start, scenario.end)
    table = pd.concat(
        pd.DataFrame(
            {
                "officer_id": o.id,
                "date": days,
                "state": ["ABSTRACTED" if d.day == 2 else "DUTY" for d in days],
            }
        )
        for o in scenario.officers
    )
    delivery = delivery_report(table, scenario, parse_period("FY2026"))
    write_report(delivery, tmp_path, ReportInfo("two", "hand roster"))
    rows = read_rows(tmp_path / "report.csv")
    sheet = load_workbook(tmp_path / "report.xlsx")["Summary"]
    lines = {r[0].value: [c.value for c in r[1:]] for r in sheet.iter_rows() if r[0].value}
    assert lines["Figure"] == ["A", "B", "Total"]
    for column in ("charge_gbp", "penalty_gbp", "net_cost_gbp", "gross_charge_gbp"):
        *each, total = lines[header(column)]
        assert pennies(total) == sum(pennies(r[column]) for r in rows) == sum(map(pennies, each))
    for column in ("contracted_days", "delivered_days", "vacant_post_days", "posts"):
        *each, total = lines[header(column)]
        assert pennies(total) == sum(pennies(r[column]) for r in rows), column
    assert lines[header("council")][-1] == "LB Two"
    delivered = sum(int(r["delivered_days"]) for r in rows)
    contracted = sum(pennies(r["contracted_days"]) for r in rows)
    pct = lines[header("delivery_pct")][-1]
    assert isinstance(pct, float)
    assert round(pct * 1000) == round(delivered * 100_000 / contracted)  # to 0.1 %
    net = sum(pennies(r["net_cost_gbp"]) for r in rows)
    per_day = lines[header("cost_per_delivered_day_gbp")][-1]
    assert abs(pennies(per_day) - net / delivered) <= 0.5
    assert lines[header("hdd_allowance")][-1] is None  # each contract has its own
    table_sheet = load_workbook(tmp_path / "report.xlsx")["Contracts"]
    headers = [c.value for c in table_sheet[1]]
    last = [c.value for c in list(table_sheet.iter_rows())[-1]]
    assert last[0] == "Total"
    at = headers.index(header("penalty_gbp"))
    assert pennies(last[at]) == sum(pennies(r["penalty_gbp"]) for r in rows)
    # in May B has not started: its posts are not in the total
    may = delivery_report(table, scenario, parse_period("2026-05"))
    assert contracts_total(may.summary)["posts"] == 2
    assert contracts_total(may.summary)["period_start"] == "2026-05-01"


TWO_COUNCILS = """
[scenario]
name = "Two councils"
start = 2026-04-01
end = 2026-06-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "ALPHA"
council = "LB Alpha"
bcu = "EA"
start = 2026-04-01
posts = { constable = 1 }

[[contract]]
id = "BETA"
council = "RB Beta"
bcu = "EA"
start = 2026-04-01
posts = { constable = 1 }

[[officer]]
id = "A1"
contract = "ALPHA"
rank = "constable"

[[officer]]
id = "B1"
contract = "BETA"
rank = "constable"
"""


def test_a_council_s_report_shows_nothing_of_another_council_s_roster(tmp_path: Path) -> None:
    # s92 report --contract ALPHA --actuals alpha.csv: differences.csv listed every day of
    # BETA's officer as '(missing)' from Alpha's duty record, with Beta's planned tours;
    # and the note on voided entries counted Beta's officer-days
    path = tmp_path / "two.toml"
    path.write_text(TWO_COUNCILS, encoding="utf-8")
    scenario = load_scenario(path)
    plan = hand_roster(scenario)
    db = tmp_path / "s92.db"
    with Store(db) as s:
        s.publish_roster(scenario.name, plan)
        day = date(2026, 5, 5)
        entry = NewAbstraction("B1", "BETA", day, day, "operational", "t", "Insp", day)
        beta = s.add_abstraction(entry)
    with Store(db) as s:  # the entry applied at a re-roster, then voided
        s.publish_roster(scenario.name, apply_abstractions(plan, s.live_abstractions(), scenario))
        s.void(beta, "logged in error")
    mine = plan[(plan["officer_id"] == "A1") & (plan["date"] < "2026-06-01")]
    record = mine.assign(
        deployment=mine["state"].map({"DUTY": "council", "REST": "rest"}), reason=""
    )[["officer_id", "date", "start", "end", "deployment", "reason"]]
    record.loc[record["date"] == "2026-05-06", "deployment"] = "operational"
    record.to_csv(tmp_path / "alpha.csv", index=False)
    base = ["report", str(path), "--contract", "ALPHA", "--db", str(db), "--period"]
    assert (
        main(
            [
                *base,
                "2026-05",
                "--out",
                str(tmp_path / "a"),
                "--actuals",
                str(tmp_path / "alpha.csv"),
            ]
        )
        == 0
    )
    diffs = read_rows(tmp_path / "a" / "differences.csv")
    assert [(d["officer_id"], d["date"]) for d in diffs] == [("A1", "2026-05-06")]
    assert main([*base, "FY2026", "--out", str(tmp_path / "b")]) == 0
    for name in ("report.csv", "monthly.csv", "penalties.csv", "report.html"):
        text = (tmp_path / "b" / name).read_text(encoding="utf-8")
        text = re.sub(r"data:[^\"')]+", "", text)  # the page's charts, base64
        assert "B1" not in text
        assert "Beta" not in text
        assert "BETA" not in text
        # no note of the other council's voided entries (the Definitions name the rule)
        assert "abstractions voided since" not in text, name
