"""``s92 report --contract ID`` shows nothing of another council's (README: "reports those
contracts only, in every file"): its source line counted every contract's live entries
("published roster with 3 live abstractions" for a council with one), as its page, which
counts the contract's own, does not. One is "1 live abstraction", not "1 live abstractions"."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient
from web_fixtures import MONEY_CONTRACTS, Money, login

from scheduler.cli import main
from scheduler.web.app import create_app

ONE = re.compile(r"with 1 live abstraction(?!s)")


def test_a_councils_report_counts_its_own_entries(money: Money, tmp_path: Path) -> None:
    for contract in MONEY_CONTRACTS:
        out = tmp_path / contract
        argv = ["report", str(money.scenario), "--period", "FY2026", "--out", str(out)]
        assert main([*argv, "--db", str(money.db), "--contract", contract]) == 0
        summary = openpyxl.load_workbook(out / "report.xlsx")["Summary"]
        source = str(next(r[1] for r in summary.iter_rows(values_only=True) if r[0] == "Source"))
        assert source.startswith(f"{contract} roster version "), source
        assert ONE.search(source), source
        assert ONE.search((out / "report.html").read_text(encoding="utf-8"))
        with TestClient(create_app(money.db)) as client:
            login(client, contract.lower())
            page = client.get(f"/contracts/{contract}/report", params={"period": "FY2026"})
            assert ONE.search(page.text)
    everyone = tmp_path / "all"
    argv = ["report", str(money.scenario), "--period", "FY2026", "--out", str(everyone)]
    assert main([*argv, "--db", str(money.db)]) == 0
    assert "with 3 live abstractions" in (everyone / "report.html").read_text(encoding="utf-8")
