"""``s92 report --db`` named the roster it follows "published roster", whatever version
it was, where the council's page names it "EARLY roster version 2 (published ...)"; after
a re-roster nothing said which version the figures follow. Now the command names the
store's version and what made it (a re-roster from a day: the days before stand as the
version before published them), and with ``--contract`` the contract's own version, in
the page's words."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import Money, login

from scheduler.cli import main
from scheduler.web.app import create_app

SOURCE = re.compile(r"source: (.*?) with [0-9]+ live abstraction")


def source_of(html: str) -> str:
    found = SOURCE.search(html)
    assert found is not None, html[:2000]
    return found[1]


def test_the_report_names_the_version_it_follows(money: Money, tmp_path: Path) -> None:
    argv = ["report", str(money.scenario), "--period", "FY2026", "--db", str(money.db)]
    assert main([*argv, "--out", str(tmp_path / "all")]) == 0
    every = source_of((tmp_path / "all" / "report.html").read_text(encoding="utf-8"))
    assert re.fullmatch(
        r"published roster version 2 \(published [0-9]{2} \w{3} 20[0-9]{2}: v2\)", every
    ), every

    assert main([*argv, "--out", str(tmp_path / "early"), "--contract", "EARLY"]) == 0
    mine = source_of((tmp_path / "early" / "report.html").read_text(encoding="utf-8"))
    with TestClient(create_app(money.db)) as client:
        login(client, "early")
        page = client.get("/contracts/EARLY/report.html", params={"period": "FY2026"})
        assert page.status_code == 200
    assert mine == source_of(page.text)
    assert mine.startswith("EARLY roster version 2 (published ")
