"""Every command line option naming contracts (``s92 roster/check --contracts``, ``s92
explain --contract``, ``s92 report --contract``) reads an id by the entry log's one rule:
as typed, or in another case when it matches one contract but for case (``hav-pp`` for
HAV-PP), and refuses any other with one line naming the contracts there are. Before, each
refused ``hav-pp`` with a line of its own ("no such contract", "no such contract (use
HAV-PP)", "not a contract of ...")."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from scheduler.commands.contracts import chosen_contracts, contract_ids
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def havering():
    return load_scenario(ROOT / "scenarios" / "havering.toml")


def test_a_contract_in_another_case_is_the_contract(havering) -> None:
    assert contract_ids("--contract", ["hav-pp"], havering) == ["HAV-PP"]
    cut = chosen_contracts(argparse.Namespace(contracts=" hav-pp "), havering)
    assert [c.id for c in cut.contracts] == ["HAV-PP"]


def test_no_such_contract_is_one_line_naming_those_there_are(havering) -> None:
    with pytest.raises(InputError) as refused:
        contract_ids("--contracts", ["HAV-PP", "ROM-1"], havering)
    assert str(refused.value) == (
        f"<command line>: --contracts: no such contract in {havering.source} (use HAV-PP) "
        "(got 'ROM-1')"
    )


def test_report_reads_the_contract_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scheduler.cli import main

    duty = tmp_path / "duty.csv"
    duty.write_text(
        "officer_id,date,start,end,deployment,reason\nHAV-01,2026-08-03,07:00,15:00,council,\n",
        encoding="utf-8",
    )
    scenario = str(ROOT / "scenarios" / "havering.toml")
    out, db = str(tmp_path / "r"), str(tmp_path / "none.db")
    options = ["--period", "2026-08", "--out", out, "--actuals", str(duty), "--db", db]
    code = main(["report", scenario, *options, "--contract", "hav-pp"])
    assert code == 0, capsys.readouterr().err
    assert "HAV-PP" in (tmp_path / "r" / "report.csv").read_text(encoding="utf-8")
