"""``s92 scenario import``: a scenario from HR spreadsheets (CSV or xlsx), with the same
one-line errors as every other input; and the scenario reference, generated from the
models, shipped in docs/ and equal to what the models generate."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import jsonschema
import openpyxl
import pandas as pd
import pytest

from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.scenario.reference import (
    json_schema,
    reference_markdown,
    schema_text,
    undocumented,
)

ROOT = Path(__file__).resolve().parents[2]
OFFICERS = """Officer ID,Contract,Rank,Service start date,In post from,In post until
TH-01,TOW-PP,PS,14/03/2014,,
TH-02,TOW-PP,Police Constable,2020-04-02,,
TH-03,TOW-PP,PC,2025-09-01,2026-06-01,
TH-04,TOW-PP,PC,2019-01-01,,2026-12-31
"""
LEAVE = """Officer ID,Leave type,Start date,End date
TH-01,Annual leave,2026-08-03,2026-08-14
TH-02,Annual Leave,26/05/2026,29/05/2026
TH-02,Sickness,2026-07-01,2026-07-03
TH-03,Annual leave,2026-12-21,
"""
CONTRACTS = """Contract,Council,BCU,Scheme,Start date,Years,Constables,Sergeants,Notice given
TOW-PP,London Borough of Tower Hamlets,CE,Partnership Plus,2025-04-01,3,4,1,
"""


def files(tmp_path: Path, officers: str = OFFICERS, leave: str = LEAVE) -> list[str]:
    (tmp_path / "officers.csv").write_text(officers)
    (tmp_path / "leave.csv").write_text(leave)
    (tmp_path / "contracts.csv").write_text(CONTRACTS)
    return [
        "scenario",
        "import",
        "--officers",
        str(tmp_path / "officers.csv"),
        "--leave",
        str(tmp_path / "leave.csv"),
    ]


def test_import_builds_a_scenario_that_validates(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tower.toml"
    argv = [*files(tmp_path), "--contracts", str(tmp_path / "contracts.csv"), "--out", str(out)]
    assert main(argv) == 0
    s = load_scenario(out)
    assert (s.start, s.end) == (date(2026, 4, 1), date(2027, 3, 31))  # FY of the first booking
    (c,) = s.contracts
    assert (c.council, c.bcu, c.scheme, c.start) == (
        "London Borough of Tower Hamlets",
        "CE",
        "partnership-plus",
        date(2025, 4, 1),
    )
    assert (c.posts.constable, c.posts.sergeant) == (4, 1)
    officers = {o.id: o for o in s.officers}
    # service completed by 1 April 2026: 12 years (joined 14 March 2014); 5 (2 April 2020)
    assert officers["TH-01"].rank == "sergeant"
    assert officers["TH-01"].service_years == 12
    assert officers["TH-02"].service_years == 5
    assert officers["TH-03"].start == date(2026, 6, 1)
    assert officers["TH-04"].end == date(2026, 12, 31)
    assert [str(r.first) for r in officers["TH-02"].leave] == ["2026-05-26"]  # not sickness
    assert officers["TH-03"].leave_days() == {date(2026, 12, 21)}
    printed = capsys.readouterr()
    assert "1 row of other absence types left out" in printed.err
    assert "3 leave bookings;" in printed.out
    # the same from an xlsx export, dates stored as dates
    frame = pd.read_csv(tmp_path / "officers.csv")
    frame["In post from"] = pd.to_datetime(frame["In post from"])
    frame.to_excel(tmp_path / "officers.xlsx", index=False)
    again = tmp_path / "again.toml"
    argv[3] = str(tmp_path / "officers.xlsx")
    argv[-1] = str(again)
    assert main(argv) == 0
    assert tomllib.loads(again.read_text())["officer"] == tomllib.loads(out.read_text())["officer"]


def test_without_contracts_the_posts_are_the_officers(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path), "--out", str(out), "--start", "2026-07-01"]) == 0
    s = load_scenario(out)
    assert (s.start, s.end) == (date(2026, 7, 1), date(2027, 6, 30))
    (c,) = s.contracts
    assert (c.posts.constable, c.posts.sergeant) == (3, 1)
    assert "placeholders to fill in" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("officers", "leave", "expected"),
    [
        (
            OFFICERS.replace("14/03/2014", "14/13/2014"),
            LEAVE,
            "officers.csv: row 2, column Service start date: not a real date: there is no "
            "month 13 (dates are day first) (got '14/13/2014')",
        ),
        (
            OFFICERS.replace("TH-02,TOW-PP,Police Constable", "TH-02,TOW-PP,Chief"),
            LEAVE,
            "officers.csv: row 3, column Rank: unknown rank (use constable (PC), "
            "sergeant (PS, Sgt) or inspector (Insp)) (got 'Chief')",
        ),
        (
            OFFICERS + "TH-01,TOW-PP,PC,2020-01-01,,\n",
            LEAVE,
            "officers.csv: row 6, column Officer ID: a second row for this officer (first on "
            "row 2) (got 'TH-01')",
        ),
        (
            OFFICERS,
            LEAVE + "TH-09,Annual leave,2026-08-03,2026-08-04\n",
            "leave.csv: row 6, column Officer ID: not in the officers file (got 'TH-09')",
        ),
        (
            OFFICERS,
            LEAVE + "TH-01,Annual leave,2026-08-03,2026-08-01\n",
            "leave.csv: row 6, column End date: is before the first day 2026-08-03 (got "
            "'2026-08-01')",
        ),
        (
            OFFICERS,
            LEAVE + "TH-01,Annual leave,0001-08-03,\n",
            "leave.csv: row 6, column Start date: outside the years s92 covers (1901-2199) "
            "(got '0001-08-03')",
        ),
        (
            OFFICERS.replace("14/03/2014", "14/03/1950"),
            LEAVE,
            "officers.csv: row 2, column Service start date: 76 years' service by 2026-04-01, "
            "over 60 (got '14/03/1950')",
        ),
        (
            "id,contract\nTH-01,TOW-PP\n",
            LEAVE,
            "officers.csv: missing column(s): rank (or grade) (got 'id, contract')",
        ),
    ],
)
def test_bad_spreadsheets_one_line_each(
    tmp_path: Path,
    capsys,
    officers: str,
    leave: str,
    expected: str,
) -> None:
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path, officers, leave), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "Traceback" not in err[0]
    assert err[0].startswith(str(tmp_path)), err
    assert err[0].endswith(expected.split(": ", 1)[1]), err
    assert expected.split(":")[0] in err[0]
    assert not out.exists()  # nothing half-written


def excel_csv(text: str, sep: str = ",") -> bytes:
    """``text`` as Excel's plain 'CSV' save writes it: Windows-1252, CRLF line ends, and
    cells cleared below the table kept as rows of separators."""
    lines = text.replace(",", sep).splitlines()
    blank = sep * (lines[0].count(sep))
    return "\r\n".join([*lines, blank, blank, ""]).encode("cp1252")


@pytest.mark.parametrize("sep", [",", ";"])
def test_spreadsheets_saved_by_excel_read_as_written(tmp_path: Path, sep: str) -> None:
    """A Windows-1252 save (a council's name with an accent or a dash), the rows of commas
    Excel keeps for cleared cells, a blank row among the bookings, and a European locale's
    semicolons were each refused (not UTF-8; 'not an id' for every blank row; missing
    columns)."""
    plain = tmp_path / "plain"
    saved = tmp_path / "saved"
    contracts = CONTRACTS.replace("Tower Hamlets", "Tower Hamlets \u2013 Poplar & Bow (Caf\u00e9)")
    leave = LEAVE.replace("TH-02,Sickness", "\nTH-02,Sickness")
    for folder, write in ((plain, str.encode), (saved, lambda t: excel_csv(t, sep))):
        folder.mkdir()
        for name, text in (("officers", OFFICERS), ("leave", leave), ("contracts", contracts)):
            (folder / f"{name}.csv").write_bytes(write(text))
        argv = ["scenario", "import", "--out", str(folder / "s.toml")]
        for name in ("officers", "leave", "contracts"):
            argv += [f"--{name}", str(folder / f"{name}.csv")]
        assert main(argv) == 0
    assert (saved / "s.toml").read_text() == (plain / "s.toml").read_text()
    (contract,) = load_scenario(saved / "s.toml").contracts
    assert contract.council == "London Borough of Tower Hamlets \u2013 Poplar & Bow (Caf\u00e9)"


def test_a_workbook_is_read_from_its_first_visible_sheet(tmp_path: Path) -> None:
    """An HR export whose first sheet is a hidden lookup list was read from that sheet:
    'missing column(s)' for a workbook whose only visible sheet is the officers."""
    argv = files(tmp_path)
    book = tmp_path / "officers.xlsx"
    wb = openpyxl.Workbook()
    lookup = wb.worksheets[0]
    lookup.title = "ranks"
    lookup.append(["PC", "PS", "Insp"])
    lookup.sheet_state = "hidden"
    sheet = wb.create_sheet("Officers")
    for line in OFFICERS.splitlines():
        sheet.append(line.split(","))
    wb.save(book)
    argv[3] = str(book)
    out = tmp_path / "s.toml"
    assert main([*argv, "--out", str(out)]) == 0
    assert [o.id for o in load_scenario(out).officers] == ["TH-01", "TH-02", "TH-03", "TH-04"]


@pytest.mark.parametrize("number", ["inf", "-inf", "1e400", "NaN", "3.5", "-1", "1,000"])
def test_a_number_no_whole_number_can_be_is_one_line(tmp_path: Path, capsys, number: str) -> None:
    """'inf' as service years (or posts) ended in OverflowError's traceback."""
    officers = OFFICERS.replace(",Service start date,", ",Service years,").replace(
        "14/03/2014", f'"{number}"'
    )
    contracts = CONTRACTS.replace(",3,4,1,", f',3,"{number}",1,')
    argv = [*files(tmp_path, officers), "--out", str(tmp_path / "s.toml")]
    (tmp_path / "contracts.csv").write_text(contracts)
    assert main([*argv, "--contracts", str(tmp_path / "contracts.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].endswith(f"not a whole number from 0 to 60 (got '{number}')"), err
    assert err[-1].endswith(f"not a whole number from 0 to 1000 (got '{number}')"), err
    assert not (tmp_path / "s.toml").exists()


def test_a_merged_cell_gives_its_value_to_every_row_it_spans(tmp_path: Path) -> None:
    """An export with one Contract cell merged down its officers: the rows under the first
    were refused as 'not a contract id' (got ''), though the sheet shows the contract."""
    argv = files(tmp_path)
    book = tmp_path / "officers.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.worksheets[0]
    for line in OFFICERS.splitlines():
        sheet.append(line.split(","))
    for row in range(3, 6):
        sheet.cell(row, 2).value = None
    sheet.merge_cells("B2:B5")
    wb.save(book)
    argv[3] = str(book)
    out = tmp_path / "s.toml"
    assert main([*argv, "--out", str(out)]) == 0
    assert {o.contract for o in load_scenario(out).officers} == {"TOW-PP"}


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken zip"])
def test_a_file_named_xlsx_that_is_no_workbook_is_one_line(
    tmp_path: Path, capsys, content: bytes
) -> None:
    argv = files(tmp_path)
    book = tmp_path / "officers.xlsx"
    book.write_bytes(content)
    argv[3] = str(book)
    assert main([*argv, "--out", str(tmp_path / "s.toml")]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"{book}: "), line


def test_an_existing_scenario_is_not_overwritten(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.toml"
    out.write_text("# my hand-edited scenario\n")
    assert main([*files(tmp_path), "--out", str(out)]) == 2
    assert "already exists; give --force" in capsys.readouterr().err
    assert out.read_text() == "# my hand-edited scenario\n"
    assert main([*files(tmp_path), "--out", str(out), "--force"]) == 0


def test_out_a_folder_is_refused_naming_it(tmp_path: Path, capsys) -> None:
    """--out naming a folder, with --force, was refused naming a temporary file
    ('/tmp/.x.tmp: is a folder') rather than the folder given."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    assert main([*files(tmp_path), "--out", str(folder), "--force"]) == 2
    assert capsys.readouterr().err.strip() == f"{folder}: --out: is a folder, not a file"
    assert list(folder.iterdir()) == []


def test_out_naming_a_file_read_is_refused_even_with_force(tmp_path: Path, capsys) -> None:
    """--out officers.csv --force replaced the HR export with the scenario built from it."""
    argv = files(tmp_path)
    officers = tmp_path / "officers.csv"
    assert main([*argv, "--out", str(officers), "--force"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{officers}: --out: is the officers file ({officers}): name another file"
    )
    assert officers.read_text() == OFFICERS


def test_start_and_end_read_uk_dates_as_the_spreadsheets_do(tmp_path: Path) -> None:
    out = tmp_path / "s.toml"
    argv = [*files(tmp_path), "--out", str(out), "--start", "01/07/2026", "--end", "31/12/2026"]
    assert main(argv) == 0
    s = load_scenario(out)
    assert (s.start, s.end) == (date(2026, 7, 1), date(2026, 12, 31))


def test_too_many_officers_for_the_posts_is_refused(tmp_path: Path, capsys) -> None:
    argv = [*files(tmp_path), "--out", str(tmp_path / "s.toml")]
    (tmp_path / "contracts.csv").write_text(CONTRACTS.replace(",4,1,", ",2,1,"))
    assert main([*argv, "--contracts", str(tmp_path / "contracts.csv")]) == 2
    err = capsys.readouterr().err
    assert "3 constable officers in post on 2026-06-01 but only 2 constable posts" in err
    assert not (tmp_path / "s.toml").exists()


# --- the reference -------------------------------------------------------------------------


def test_every_field_has_a_meaning() -> None:
    assert undocumented() == []


def test_docs_out_a_file_is_refused_naming_it(tmp_path: Path, capsys) -> None:
    """--out naming a file was refused naming a temporary file under it."""
    path = tmp_path / "scenario.toml"
    path.write_text("# mine\n")
    assert main(["scenario", "docs", "--out", str(path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{path}: --out: is a file, not a folder (it is made if missing)"
    )
    assert path.read_text() == "# mine\n"


def test_shipped_schema_and_reference_are_what_the_models_generate() -> None:
    # regenerate with: s92 scenario docs --out docs
    assert (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8") == schema_text()
    assert (ROOT / "docs" / "scenario.md").read_text(encoding="utf-8") == reference_markdown()


def test_reference_lists_every_field_with_default_and_unit() -> None:
    page = reference_markdown()
    assert "| `notice_given` | date, optional | none | date |" in page
    assert "| `min_rest_hours` | number (≥ 0, ≤ 48) | `11.0` | hours |" in page
    assert "## `[[contract.variation]]`" in page
    assert "| `from` | date | required | date |" in page


def test_examples_validate_against_the_schema() -> None:
    schema = json_schema()
    for name in ("havering.toml", "tower-hamlets.toml", "london.toml"):
        data = tomllib.loads((ROOT / "scenarios" / name).read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
    bad = {"scenario": {"name": "x", "start": "2026-04-01", "end": "2027-03-31"}, "nope": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_readme_links_the_reference_inside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/scenario.md" in readme
    assert "../shared" not in readme


def test_leave_types_as_hr_systems_abbreviate_them_are_annual_leave(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An HR export's leave type 'AL', 'A/L' or 'Holiday' is annual leave: each booking was
    left out as another absence type, so the scenario held none of that officer's leave
    and the roster put them on duty through it. Sickness is still left out."""
    leave = """Officer ID,Leave type,Start date,End date
TH-01,AL,2026-08-03,2026-08-07
TH-02,A/L,26/05/2026,29/05/2026
TH-02,Sick,2026-07-01,2026-07-03
TH-03,Holiday,2026-12-21,
"""
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path, leave=leave), "--out", str(out)]) == 0
    officers = {o.id: o for o in load_scenario(out).officers}
    assert len(officers["TH-01"].leave_days()) == 5
    assert [str(r.first) for r in officers["TH-02"].leave] == ["2026-05-26"]
    assert officers["TH-03"].leave_days() == {date(2026, 12, 21)}
    assert "1 row of other absence types left out" in capsys.readouterr().err


# HR spreadsheets saved by a US-locale spreadsheet have their dates month first (Excel's
# m/d/yyyy): every date past the 12th was refused on its own ("there is no month 14 (dates
# are day first)"), one line each, and those of the 12th or before read as other days. Now
# such a sheet is refused in one line naming the row, the column and the date and saying
# the dates are month first, as the duty record, the entry log and the roster CSV are
# (calendars.month_first_problem, the one rule); scattered UK dates that read either way
# are read day first, as before (nothing shows them month first).
US_OFFICERS = """Officer ID,Contract,Rank,Service start date,In post from,In post until
TH-01,TOW-PP,PS,3/14/2014,,
TH-02,TOW-PP,PC,4/2/2020,,
"""
US_LEAVE = """Officer ID,Leave type,Start date,End date
TH-02,Annual Leave,5/4/2026,5/8/2026
TH-01,Annual Leave,6/1/2026,6/19/2026
"""


@pytest.mark.parametrize(
    ("officers", "leave", "where", "shown"),
    [
        (
            US_OFFICERS,
            LEAVE.replace("26/05/2026", "2026-05-26"),
            "row 2, column Service start date",
            "3/14/2014",
        ),
        (
            US_OFFICERS.replace("3/14/2014", "2014-03-14"),
            US_LEAVE,
            "row 3, column End date",
            "6/19/2026",
        ),
    ],
)
def test_a_sheet_written_month_first_is_refused_in_one_line(
    tmp_path: Path, capsys, officers: str, leave: str, where: str, shown: str
) -> None:
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path, officers, leave), "--out", str(out)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert f": {where}: the dates are written month first" in line
    assert line.endswith(f"(got {shown!r})")
    assert not out.exists()


def test_scattered_uk_days_that_read_either_way_are_read_day_first(tmp_path: Path) -> None:
    officers = US_OFFICERS.replace("3/14/2014", "01/03/2014").replace("4/2/2020", "02/04/2020")
    leave = "Officer ID,Leave type,Start date,End date\nTH-02,Annual Leave,01/05/2026,05/05/2026\n"
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path, officers, leave), "--out", str(out)]) == 0
    assert 'leave = ["2026-05-01/2026-05-05"]' in out.read_text()
