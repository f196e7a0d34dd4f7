"""``s92 scenario``: build a scenario from HR spreadsheets, and write its reference.

``s92 scenario import --officers FILE --leave FILE [--contracts FILE] --out SCENARIO.toml``
reads CSV or xlsx exports (``scheduler.scenario.spreadsheet``), checks the scenario they
make as ``s92 validate`` would, and writes it with the example tours to edit.
``s92 scenario docs --out docs`` writes ``scenario.schema.json`` and ``scenario.md``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit

from scheduler.errors import COMMAND_LINE, InputError, printable
from scheduler.files import Staged, preflight_file, preflight_folder, write_text
from scheduler.scenario import scenario_from_dict
from scheduler.scenario.reference import reference_markdown, schema_text
from scheduler.scenario.spreadsheet import (
    Horizon,
    contracts_from,
    default_horizon,
    inferred_contracts,
    leave_from,
    officers_from,
    parse_day,
    raise_problems,
    read_sheet,
)
from scheduler.wording import counted

# the example tours (Havering's): the BCU's own replace them
TOURS: tuple[tuple[str, str, str, str], ...] = (
    ("E", "Early", "07:00", "15:00"),
    ("D", "Day", "10:00", "18:00"),
    ("L", "Late", "15:00", "23:00"),
    ("N", "Night", "22:00", "07:00"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    build = sub.add_parser(
        "import",
        help="build a scenario from officers and leave spreadsheets (CSV or xlsx)",
        description="build a scenario from officers and leave spreadsheets (CSV or xlsx)",
    )
    build.add_argument(
        "--officers",
        required=True,
        type=Path,
        help="officers: id, contract, rank, service start (or service years), in post from/until",
    )
    build.add_argument(
        "--leave",
        required=True,
        type=Path,
        help="annual leave, one row per booking: officer id, first day, last day",
    )
    build.add_argument(
        "--contracts",
        type=Path,
        default=None,
        help="contracts: id, council, BCU, start, years, posts per rank, scheme",
    )
    build.add_argument("--out", required=True, type=Path, help="the scenario TOML to write")
    build.add_argument("--name", default=None, help="scenario name (default: the file's name)")
    build.add_argument(
        "--start",
        default=None,
        help="first roster day (default: the financial year of the earliest leave booking)",
    )
    build.add_argument("--end", default=None, help="last roster day (default: that year's end)")
    build.add_argument("--force", action="store_true", help="replace an existing --out file")
    build.set_defaults(run_action=run_import)
    docs = sub.add_parser("docs", help="write scenario.schema.json and scenario.md")
    docs.add_argument("--out", required=True, type=Path, help="folder, e.g. docs")
    docs.set_defaults(run_action=run_docs)


def run(args: argparse.Namespace) -> int:
    result: int = args.run_action(args)
    return result


def run_docs(args: argparse.Namespace) -> int:
    preflight_folder(args.out, names=("scenario.schema.json", "scenario.md"))
    with Staged(args.out) as out:
        out.text("scenario.schema.json", schema_text())
        out.text("scenario.md", reference_markdown())
        names = out.names
    for path in names:
        print(printable(str(path)))
    return 0


def run_import(args: argparse.Namespace) -> int:
    reads = [
        (f"the {flag} file", getattr(args, flag)) for flag in ("officers", "leave", "contracts")
    ]
    preflight_file(args.out, option="--out", reads=reads)
    if args.out.exists() and not args.force:
        raise InputError.one(str(args.out), "", "already exists; give --force to replace it")
    officers_sheet = read_sheet(
        args.officers,
        (
            "officer_id",
            "contract",
            "rank",
            "service_start",
            "service_years",
            "in_post_from",
            "in_post_until",
        ),
        ("officer_id", "contract", "rank"),
    )
    leave_sheet = read_sheet(
        args.leave,
        ("officer_id", "first_day", "last_day", "leave_type"),
        ("officer_id", "first_day"),
    )
    horizon = _horizon(args, leave_sheet)
    officers = officers_from(officers_sheet, horizon)
    other = leave_from(leave_sheet, officers)
    sheets = [officers_sheet, leave_sheet]
    if args.contracts is not None:
        contracts_sheet = read_sheet(
            args.contracts,
            (
                "contract",
                "council",
                "bcu",
                "scheme",
                "contract_start",
                "years",
                "constable",
                "sergeant",
                "inspector",
                "notice_given",
                "uplift",
            ),
            ("contract", "council", "bcu", "contract_start"),
        )
        contracts = contracts_from(contracts_sheet, officers)
        _known_contracts(officers_sheet, contracts)
        sheets.append(contracts_sheet)
    else:
        contracts = inferred_contracts(officers, horizon)
    raise_problems(sheets)
    data = scenario_data(horizon, contracts, officers, args)
    text = toml_text(data, args)
    # the file must load as it will be read: check the text, not the dict
    scenario_from_dict(tomllib.loads(text), f"{args.out} (built from {args.officers})")
    write_text(args.out, text)
    print(printable(str(args.out)))
    print(
        f"{counted(len(officers), 'officer')}, {counted(len(contracts), 'contract')}, "
        f"{counted(sum(len(o.get('leave', [])) for o in officers), 'leave booking')}; "
        f"horizon {horizon.start} to {horizon.end}",
    )
    if other:
        print(
            printable(f"{args.leave}: {counted(other, 'row')} of other absence types left out"),
            file=sys.stderr,
        )
    if args.contracts is None:
        print(
            printable(
                f"{args.out}: no --contracts: each contract's council, bcu and start are "
                "placeholders to fill in"
            ),
            file=sys.stderr,
        )
    return 0


def _horizon(args: argparse.Namespace, leave: Any) -> Horizon:
    name = args.name or args.out.stem.replace("-", " ").replace("_", " ").title()
    horizon = default_horizon(leave, name)
    start, end = horizon.start, horizon.end
    for flag, text in (("--start", args.start), ("--end", args.end)):
        if text is None:
            continue
        try:
            day = parse_day(text)
        except ValueError as exc:
            raise InputError.one(COMMAND_LINE, flag, str(exc), text) from None
        if day is None:
            raise InputError.one(COMMAND_LINE, flag, "is empty", text)
        if flag == "--start":
            start = day
        else:
            end = day
    if args.start is not None and args.end is None:
        end = (
            date(start.year + 1, start.month, start.day)
            if (start.month, start.day) != (2, 29)
            else date(start.year + 1, 3, 1)
        )
        end = date.fromordinal(end.toordinal() - 1)
    return Horizon(name, start, end)


def _known_contracts(sheet: Any, contracts: list[dict[str, Any]]) -> None:
    known = {c["id"] for c in contracts}
    for line, row in sheet.numbered():
        cid = str(sheet.value(row, "contract"))
        if cid and cid not in known:
            sheet.problem(line, "contract", "not in the contracts file", cid)


def scenario_data(
    horizon: Horizon,
    contracts: list[dict[str, Any]],
    officers: list[dict[str, Any]],
    args: argparse.Namespace,
) -> dict[str, Any]:
    return {
        "scenario": {
            "name": horizon.name,
            "start": horizon.start,
            "end": horizon.end,
            "description": f"imported from {args.officers.name} and {args.leave.name}",
        },
        "shift": [
            {"code": code, "name": name, "start": start, "end": end}
            for code, name, start, end in TOURS
        ],
        "contract": contracts,
        "officer": officers,
    }


def toml_text(data: dict[str, Any], args: argparse.Namespace) -> str:
    doc = tomlkit.document()
    doc.add(
        tomlkit.comment(
            f"Built by s92 scenario import from {args.officers.name}, "
            f"{args.leave.name}" + (f" and {args.contracts.name}" if args.contracts else "")
        )
    )
    doc.add(tomlkit.comment("Fields: docs/scenario.md. Check with: s92 validate FILE"))
    doc.add(tomlkit.nl())
    doc.add("scenario", data["scenario"])
    doc.add(tomlkit.nl())
    doc.add(
        tomlkit.comment(
            "Example tours: replace them with the BCU's, then add each "
            "contract's [[contract.cover]] (the council's tasking)"
        )
    )
    shifts = tomlkit.aot()
    for shift in data["shift"]:
        shifts.append(tomlkit.item(shift))
    doc.add("shift", shifts)
    doc.add("contract", _tables(data["contract"], "posts"))
    doc.add("officer", _tables(data["officer"], "leave"))
    return tomlkit.dumps(doc)


def _tables(entries: list[dict[str, Any]], nested: str) -> Any:
    """An array of tables, the ``nested`` key of each written on one line."""
    tables = tomlkit.aot()
    for entry in entries:
        table = tomlkit.table()
        for key, value in entry.items():
            if key == nested and isinstance(value, dict):
                inline = tomlkit.inline_table()
                inline.update(value)
                table.add(key, inline)
            elif key == nested:
                items = tomlkit.array()
                items.extend(value)
                table.add(key, items)
            else:
                table.add(key, value)
        tables.append(table)
    return tables
