"""roster.xlsx: a hand-built roster written and read back with openpyxl."""

from __future__ import annotations

import re
import textwrap
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest
from libreoffice import convert
from openpyxl.cell.cell import Cell

from scheduler.export import xlsx, xlsx_cells
from scheduler.export.xlsx import STATE_COLOURS, write_roster_xlsx
from scheduler.scenario import Scenario, load_scenario, scenario_from_dict
from scheduler.table import COLUMNS, DATA_SHEET

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
LONG_ID = "SOUTHWARK-PARTNERSHIP-PLUS-2026-EXTENSION"  # 41 characters
DAYS = [date(2026, 8, 28) + timedelta(n) for n in range(5)]  # Fri 28 Aug .. Tue 1 Sep
CARNIVAL = "Notting Hill Carnival (Sunday)"

# officer -> (contract, rank, [(state, shift, event) per day of DAYS]); None = not in post
PLAN: dict[str, tuple[str, str, list[tuple[str, str, str] | None]]] = {
    "PC-2": (
        "C-ONE",
        "constable",
        [
            ("DUTY", "E", ""),
            ("REST", "", ""),
            ("HDD_AID", "AID", CARNIVAL),
            ("PUBLIC_HOLIDAY", "", ""),
            ("LEAVE", "", ""),
        ],
    ),
    "PS-1": (
        "C-ONE",
        "sergeant",
        [
            ("DUTY", "L", ""),
            ("SICK", "", ""),
            ("HDD_AID", "AID", CARNIVAL),
            ("TRAINING", "", "course"),
            ("COURT", "", "trial"),
        ],
    ),
    "=1+2": (
        "C-ONE",
        "constable",
        [
            ("EMERGENCY_AID", "", "flood"),
            ("ABSTRACTED", "", '=HYPERLINK("http://x")'),
            ("DUTY", "+N", ""),
            ("DUTY", "-E", ""),
            ("DUTY", "@SUM(A1)", ""),
        ],
    ),
    "LONG-1": (
        LONG_ID,
        "constable",
        [
            None,
            None,
            ("REST", "", ""),
            ("DUTY", "D", ""),
            ("DUTY", "D", ""),
        ],
    ),
}


def roster() -> pd.DataFrame:
    rows = []
    for oid, (cid, rank, days) in PLAN.items():
        for day, entry in zip(DAYS, days, strict=True):
            if entry is None:
                continue
            state, shift, event = entry
            rows.append(
                {
                    "officer_id": oid,
                    "contract_id": cid,
                    "rank": rank,
                    "date": day.isoformat(),
                    "state": state,
                    "shift": shift,
                    "start": "",
                    "end": "",
                    "hours": 8.0,
                    "event": event,
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "roster.xlsx"
    assert write_roster_xlsx(roster(), path) == path
    return openpyxl.load_workbook(path)


def row_of(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_a_sheet_per_contract_then_the_legend_and_the_hidden_data(book) -> None:
    assert book.sheetnames == ["C-ONE", LONG_ID[:31], "Legend", DATA_SHEET]
    assert [book[n].sheet_state for n in book.sheetnames] == ["visible"] * 3 + ["hidden"]


def test_headers_are_dates_and_weekdays(book) -> None:
    ws = book["C-ONE"]
    assert ws["A2"].value == "Officer"
    assert ws["B2"].value == "Rank"
    assert [ws.cell(2, 3 + i).value for i in range(5)] == [
        datetime(d.year, d.month, d.day) for d in DAYS
    ]
    assert [ws.cell(3, 3 + i).value for i in range(5)] == ["Fr", "Sa", "Su", "Mo", "Tu"]
    assert ws["C1"].value == "Aug 2026"
    assert ws["G1"].value == "Sep 2026"  # month bands
    assert ws["C1"].fill.fgColor.rgb != ws["G1"].fill.fgColor.rgb


def test_freeze_panes_at_the_first_data_cell(book) -> None:
    assert book["C-ONE"].freeze_panes == "C4"
    assert book[LONG_ID[:31]].freeze_panes == "C4"


def test_officers_in_rank_order_with_codes(book) -> None:
    ws = book["C-ONE"]
    rows = {ws.cell(r, 1).value: r for r in range(4, 7)}
    assert list(rows) == ["PS-1", "=1+2", "PC-2"]  # supervisors first, then by id
    assert ws.cell(rows["PS-1"], 2).value == "PS"
    assert [ws.cell(rows["PC-2"], 3 + i).value for i in range(5)] == ["E", "R", "AID", "BH", "AL"]
    assert [ws.cell(rows["PS-1"], 3 + i).value for i in range(5)] == ["L", "SK", "AID", "TR", "CT"]
    assert [ws.cell(rows["=1+2"], 3 + i).value for i in range(2)] == ["EM", "AB"]


def test_cells_filled_by_state(book) -> None:
    ws = book["C-ONE"]
    r = row_of(ws, "PC-2")
    for i, entry in enumerate(PLAN["PC-2"][2]):
        assert entry is not None, "PC-2 is in post every day"
        state = entry[0]
        assert ws.cell(r, 3 + i).fill.fgColor.rgb.endswith(STATE_COLOURS[state]), state
    r = row_of(ws, "=1+2")
    assert ws.cell(r, 4).fill.fgColor.rgb.endswith(STATE_COLOURS["ABSTRACTED"])


def test_not_in_post_days_are_blank(book) -> None:
    ws = book[LONG_ID[:31]]
    r = row_of(ws, "LONG-1")
    assert [ws.cell(r, 3 + i).value for i in range(5)] == [None, None, "R", "D", "D"]
    assert ws.cell(r, 3).fill.fill_type is None


def test_totals_rows_count_each_day_with_formulas(book) -> None:
    ws = book["C-ONE"]
    totals = {
        label: [ws.cell(row_of(ws, label), 3 + i).value for i in range(5)]
        for label in ("On duty", "On aid", "Other duty", "Off")
    }
    # officers are rows 4-6; only safe tour codes go into a formula ('@SUM(A1)' is left out)
    assert totals["On duty"][0] == '=SUM(COUNTIF(C$4:C$6,{"-E","D","E","L"}))'
    assert totals["On aid"][4] == '=SUM(COUNTIF(G$4:G$6,{"AID","EM"}))'
    assert totals["Other duty"][1] == '=SUM(COUNTIF(D$4:D$6,{"AB","TR","CT"}))'
    assert totals["Off"][2] == '=SUM(COUNTIF(E$4:E$6,{"R","AL","BH","SK"}))'


def test_hdd_and_bank_holiday_columns_have_notes(book) -> None:
    ws = book["C-ONE"]
    assert ws["C2"].comment is None
    assert CARNIVAL in ws["E2"].comment.text  # Sun 30 Aug: aid event
    assert "Late Summer Bank Holiday" in ws["F2"].comment.text  # Mon 31 Aug
    assert ws["E2"].fill.fgColor.rgb.endswith(STATE_COLOURS["HDD_AID"])


def test_formula_injection_is_neutralised(book, tmp_path: Path) -> None:
    ws = book["C-ONE"]
    r = row_of(ws, "=1+2")
    cells = [ws.cell(r, 1), *(ws.cell(r, c) for c in (5, 6, 7))]
    assert [c.value for c in cells] == ["=1+2", "+N", "-E", "@SUM(A1)"]
    for cell in cells:
        assert cell.data_type == "s", cell.coordinate
        assert cell.quotePrefix, cell.coordinate
    # the only formulas are s92's counts and sums: no user text is ever one
    path = tmp_path / "r.xlsx"
    write_roster_xlsx(roster(), path)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = [f for n in sheets for f in re.findall(rb"<f>(.*?)</f>", z.read(n))]
    assert formulas
    for f in formulas:
        assert re.fullmatch(rb"(SUM\(COUNTIF|COUNTIF|SUMPRODUCT)\([^=]*\)\)?", f), f
        assert b"HYPERLINK" not in f
        assert b"@SUM" not in f


def test_legend_lists_every_state_and_the_hdds(book) -> None:
    rows = list(book["Legend"].iter_rows(values_only=True))
    codes = {r[1]: r[0] for r in rows[1:11]}
    assert codes["REST"] == "R"
    assert codes["HDD_AID"] == "AID"
    assert codes["LEAVE"] == "AL"
    assert "E" in codes["DUTY"]
    assert "L" in codes["DUTY"]
    assert ("2026-08-30", "Su", CARNIVAL) in [r[:3] for r in rows]
    fill = book["Legend"]["A3"].fill.fgColor.rgb
    assert fill.endswith(STATE_COLOURS["REST"])


def test_no_temporary_file_left_behind(tmp_path: Path) -> None:
    write_roster_xlsx(roster(), tmp_path / "out" / "roster.xlsx")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["roster.xlsx"]


def test_scenario_gives_horizon_heading_and_announced_hdds(tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIOS / "havering.toml")
    table = pd.DataFrame(
        [
            {
                "officer_id": "HAV-01",
                "contract_id": "HAV-PP",
                "rank": "sergeant",
                "date": "2026-04-01",
                "state": "DUTY",
                "shift": "E",
                "start": "",
                "end": "",
                "hours": 8.0,
                "event": "",
            }
        ],
        columns=list(COLUMNS),
    )
    ws = openpyxl.load_workbook(write_roster_xlsx(table, tmp_path / "h.xlsx", scenario))["HAV-PP"]
    assert ws.max_column == 2 + 365 + 3  # the days, then hours, tours and rest days
    assert "Havering" in ws["A1"].value
    col = 3 + (date(2026, 6, 13) - date(2026, 4, 1)).days
    comment = ws.cell(2, col).comment
    assert comment is not None
    assert "Trooping the Colour" in comment.text


def test_a_london_sized_roster_writes(tmp_path: Path) -> None:
    """330 officers x 365 days (speed is measured in benchmarks, not here)."""
    days = [date(2026, 4, 1) + timedelta(n) for n in range(365)]
    states = ("DUTY", "DUTY", "DUTY", "REST", "REST", "LEAVE", "HDD_AID")
    rows = [
        (
            f"O-{o:03d}",
            f"C-{o // 15:02d}",
            "constable",
            d.isoformat(),
            states[(o + n) % 7],
            "E" if states[(o + n) % 7] == "DUTY" else "",
            "",
            "",
            8.0,
            "",
        )
        for o in range(330)
        for n, d in enumerate(days)
    ]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    path = write_roster_xlsx(table, tmp_path / "london.xlsx")
    assert path.stat().st_size > 100_000


# --- with a scenario: cover rows, hours, validation, print layout, what LibreOffice computes


def _scenario() -> Scenario:
    """Two weeks over the October clock change (Sun 25 Oct 2026) and Bonfire Night's HDD."""
    return scenario_from_dict(
        {
            "scenario": {"name": "Grid", "start": date(2026, 10, 19), "end": date(2026, 11, 8)},
            "shift": [
                {"code": "E", "start": "07:00", "end": "15:00"},
                {"code": "N", "start": "20:00", "end": "04:00"},
            ],
            "contract": [
                {
                    "id": "GRD",
                    "council": "Grid & Sons Borough",
                    "bcu": "XX",
                    "start": date(2026, 1, 5),
                    "posts": {"constable": 2, "sergeant": 1},
                    "cover": [
                        {"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "shift": "E", "min": 2},
                        {"days": ["Sat"], "shift": "N", "min": 1},
                    ],
                }
            ],
            "officer": [
                {"id": "G1", "contract": "GRD", "rank": "sergeant"},
                {"id": "G2", "contract": "GRD", "rank": "constable"},
                {"id": "G3", "contract": "GRD", "rank": "constable"},
            ],
            "high_demand": {"remove": [date(2026, 11, 8)]},  # keep Bonfire Night only
        },
        "grid.toml",
    )


LINES = {"G1": "EEEEN..", "G2": "EE..EEE", "G3": "..NNEEE"}  # from Monday
LONDON = ZoneInfo("Europe/London")


def _tour(day: date, start: str, end: str) -> tuple[str, str, float]:
    """Times computed here with zoneinfo, apart from the writer."""
    t0, t1 = time.fromisoformat(start), time.fromisoformat(end)
    a = datetime.combine(day, t0, tzinfo=LONDON)
    b = datetime.combine(day + timedelta(days=1) if t1 <= t0 else day, t1, tzinfo=LONDON)
    hours = (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 3600
    return a.isoformat(), b.isoformat(), round(hours, 2)


def grid_roster(s: Scenario) -> pd.DataFrame:
    times = {"E": ("07:00", "15:00"), "N": ("20:00", "04:00")}
    hdds = {h.date: h for h in s.high_demand_days()}
    rows = []
    for o in s.officers:
        for d in s.days:
            code = LINES[o.id][d.weekday()]
            row = {"officer_id": o.id, "contract_id": "GRD", "rank": o.rank, "date": d.isoformat()}
            if d in hdds and code != ".":
                h = hdds[d]
                start, end, hours = _tour(d, f"{h.start:%H:%M}", f"{h.end:%H:%M}")
                row |= dict(state="HDD_AID", shift="AID", event=h.name)
            elif code == ".":
                start, end, hours = "", "", 0.0
                row |= dict(state="REST", shift="", event="")
            else:
                start, end, hours = _tour(d, *times[code])
                row |= dict(state="DUTY", shift=code, event="")
            rows.append(row | {"start": start, "end": end, "hours": hours})
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    # a training day with its own times and log entry: what a code cannot carry
    at = (table["officer_id"] == "G2") & (table["date"] == "2026-10-20")
    start, end, hours = _tour(date(2026, 10, 20), "09:00", "17:00")
    training: list[str | float] = [
        "TRAINING",
        "",
        start,
        end,
        hours,
        "First aid",
    ]
    table.loc[at, ["state", "shift", "start", "end", "hours", "event"]] = training
    table["kind"] = ""
    table["abstraction_id"] = ""
    table.loc[at, ["kind", "abstraction_id"]] = ["training", "7"]
    return table


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    s = _scenario()
    table = grid_roster(s)
    path = write_roster_xlsx(table, tmp_path_factory.mktemp("grid") / "roster.xlsx", s)
    return path, table


def test_cover_rows_hold_the_council_ask_and_count_the_tour(grid) -> None:
    path, _ = grid
    ws = openpyxl.load_workbook(path)["GRD"]
    wanted, on = row_of(ws, "E wanted"), row_of(ws, "E on duty")
    assert on == wanted + 1
    assert ws.cell(wanted - 1, 1).value == "Council asked for"
    days = [date(2026, 10, 19) + timedelta(n) for n in range(21)]
    assert [ws.cell(wanted, 3 + i).value for i in range(21)] == [
        2 if d.weekday() < 5 else None for d in days
    ]
    assert ws.cell(on, 3).value == '=COUNTIF(C$4:C$6,"E")'
    assert ws.cell(on, 3 + 5).value is None  # Saturday: nothing asked, nothing counted
    n_wanted = row_of(ws, "N wanted")
    assert [ws.cell(n_wanted, 3 + i).value for i in range(7)] == [None] * 5 + [1, None]
    rules = {str(r.sqref): [x.formula for x in r.rules] for r in ws.conditional_formatting}
    assert rules[f"C{on}:W{on}"] == [[f"C{on}<C{wanted}"]]


def test_day_cells_accept_only_known_codes(grid) -> None:
    path, _ = grid
    book = openpyxl.load_workbook(path)
    [rule] = book["GRD"].data_validations.dataValidation
    assert rule.type == "list"
    assert rule.showErrorMessage
    assert rule.errorStyle == "stop"
    assert str(rule.sqref) == "C4:W6"  # the officers' day cells
    sheet, cells = rule.formula1.split("!")
    assert sheet == f"'{DATA_SHEET}'"
    listed = [c.value for row in book[DATA_SHEET][cells.replace("$", "")] for c in row]
    assert listed == ["E", "N", "R", "AL", "BH", "AID", "EM", "AB", "SK", "TR", "CT"]


def test_print_layout_a_month_a_page_with_titles_repeated(grid) -> None:
    path, _ = grid
    book = openpyxl.load_workbook(path)
    ws = book["GRD"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$1:$3"
    assert ws.print_title_cols == "$A:$B"
    # 19 Oct - 8 Nov: October's days, November's, then the summary columns
    assert [b.id for b in ws.col_breaks.brk] == [2 + 13, 2 + 21]
    assert ws.page_setup.scale is not None
    assert 10 <= ws.page_setup.scale <= 100
    legend = book["Legend"]
    assert legend.sheet_properties.pageSetUpPr is not None
    assert legend.sheet_properties.pageSetUpPr.fitToPage
    assert (legend.page_setup.fitToWidth, legend.page_setup.fitToHeight) == (1, 1)


def test_data_sheet_keeps_codes_and_what_a_code_cannot_carry(grid) -> None:
    path, _ = grid
    rows = list(openpyxl.load_workbook(path)[DATA_SHEET].iter_rows(values_only=True))
    officers = {r[2]: r[5] for r in rows if r[0] == "officer"}
    g1, g2 = officers["G1"], officers["G2"]
    assert isinstance(g1, str)
    assert isinstance(g2, str)
    assert g1.split("|")[:7] == ["E", "E", "E", "E", "N", "R", "R"]
    assert g2.split("|")[1] == "TR"
    details = [r for r in rows if r[0] == "detail"]
    # the training day, and nothing a code rebuilds (tours, rest days, Bonfire Night aid)
    assert [(r[1], r[2], r[3], r[4], r[9], r[10], r[11]) for r in details] == [
        ("G2", "2026-10-20", "TR", "TRAINING", "First aid", "training", "7")
    ]
    hours = {r[1]: r[2:] for r in rows if r[0] == "hours"}
    saturday = (date(2026, 10, 24) - date(2026, 10, 19)).days
    assert hours["N"][saturday] == 9.0  # 20:00-04:00 across the clock change
    assert hours["E"][0] == 8.0
    assert hours["AID"][0] == 0.0


@pytest.fixture(scope="module")
def computed(grid, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    """The workbook as LibreOffice computes it (it saves the formulas' values)."""
    path, _ = grid
    out = convert(path, "xlsx", tmp_path_factory.mktemp("computed"))
    return openpyxl.load_workbook(out, data_only=True)


def test_libreoffice_computes_totals_cover_and_hours(grid, computed) -> None:
    _, table = grid
    ws = computed["GRD"]
    days = sorted(table["date"].unique())
    by_day = table.groupby("date")
    for i, d in enumerate(days):
        states = by_day.get_group(d)
        col = 3 + i
        assert ws.cell(row_of(ws, "On duty"), col).value == (states["state"] == "DUTY").sum()
        assert ws.cell(row_of(ws, "On aid"), col).value == (states["state"] == "HDD_AID").sum()
        assert ws.cell(row_of(ws, "Other duty"), col).value == (states["state"] == "TRAINING").sum()
        assert ws.cell(row_of(ws, "Off"), col).value == (states["state"] == "REST").sum()
        if date.fromisoformat(d).weekday() < 5:
            on_e = ((states["state"] == "DUTY") & (states["shift"] == "E")).sum()
            assert ws.cell(row_of(ws, "E on duty"), col).value == on_e, d
    hours_col, tours_col, rest_col = (3 + len(days) + k for k in range(3))
    assert ws.cell(2, hours_col).value == "Hours"
    for oid, rows in table.groupby("officer_id"):
        r = row_of(ws, oid)
        worked = rows["state"].isin(["DUTY", "HDD_AID"])  # training's own hours are not a code's
        assert ws.cell(r, hours_col).value == pytest.approx(rows.loc[worked, "hours"].sum())
        assert ws.cell(r, tours_col).value == (rows["state"] == "DUTY").sum()
        assert ws.cell(r, rest_col).value == (rows["state"] == "REST").sum()


def test_a_long_contract_heading_gets_the_lines_it_wraps_to(grid) -> None:
    # "HAF-PP: London Borough of Hammersmith & Fulham (AW)" wraps to five lines in the
    # label columns: a row of three lines' height printed it cut off
    long = "HAF-PP: London Borough of Hammersmith & Fulham (AW)"
    lines = textwrap.wrap(long, width=sum(xlsx.LABEL_WIDTHS))
    assert len(lines) >= 4
    assert xlsx._title_height(long) >= xlsx.TITLE_LINE * len(lines)
    assert xlsx._title_height("HAV-PP: Havering") == xlsx.TITLE_HEIGHT
    path, _ = grid
    ws = openpyxl.load_workbook(path)["GRD"]
    assert ws.row_dimensions[1].height == xlsx._title_height(ws["A1"].value)


def _sheets(path: Path) -> dict[str, bytes]:
    """The workbook's parts but its timestamps (docProps)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


def test_cells_placed_directly_write_what_openpyxl_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Sheet`` places its cells itself (``_placed``); openpyxl's own hook, given the same
    rows, writes the same workbook byte for byte."""
    s = _scenario()
    table = grid_roster(s)
    placed = write_roster_xlsx(table, tmp_path / "placed.xlsx", s)
    real_init = xlsx_cells.Sheet.__init__

    def openpyxls_own(self, *args):
        real_init(self, *args)
        delattr(self.ws, xlsx_cells.PLACE_HOOK)  # the class's own again

    monkeypatch.setattr(xlsx_cells.Sheet, "__init__", openpyxls_own)
    own = write_roster_xlsx(table, tmp_path / "own.xlsx", s)
    assert _sheets(placed) == _sheets(own)


def test_each_cell_is_bound_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell's value is bound when the cell is made, not again each time it is placed
    (openpyxl's hook tried every appended cell as a value first: a failed bind, an
    exception and the cell's repr per cell, a third of London's workbook)."""
    made = binds = 0
    real_init, real_bind = Cell.__init__, Cell._bind_value  # type: ignore[attr-defined]

    def init(self, *args, **kwargs):
        nonlocal made
        made += 1
        real_init(self, *args, **kwargs)

    def bind(self, value):
        nonlocal binds
        binds += 1
        real_bind(self, value)

    monkeypatch.setattr(Cell, "__init__", init)
    monkeypatch.setattr(Cell, "_bind_value", bind)
    s = _scenario()
    write_roster_xlsx(grid_roster(s), tmp_path / "roster.xlsx", s)
    assert 0 < binds <= made
