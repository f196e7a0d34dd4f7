"""A small store for the web tests: two scenarios, three contracts in two BCUs and three
councils, rostered by the real solver (checked by the independent checker), published
with their scenario text, and one account of each kind."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from scheduler.check import check_roster
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.store import Store
from scheduler.store.accounts import Accounts

PASSWORD = "correct horse battery"

# BCU EA: contracts EAST-A (Council A) and EAST-B (Council B); BCU NE: NORTH-C (Council C),
# in a second scenario.
EAST = """
[scenario]
name = "East"
start = 2026-10-05
end = 2026-11-29

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "L"
start = "15:00"
end = "23:00"

[[contract]]
id = "EAST-A"
council = "Council A"
bcu = "EA"
start = 2026-01-05
posts = { constable = 3, sergeant = 1 }
cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 2 }]

[[contract]]
id = "EAST-B"
council = "Council B"
bcu = "EA"
start = 2026-01-05
posts = { constable = 3, sergeant = 1 }
cover = [{ days = ["Thu", "Fri"], shift = "L", min = 1 }]

[[officer]]
id = "A-S0"
contract = "EAST-A"
rank = "sergeant"

[[officer]]
id = "A-C0"
contract = "EAST-A"
rank = "constable"

[[officer]]
id = "A-C1"
contract = "EAST-A"
rank = "constable"

[[officer]]
id = "A-C2"
contract = "EAST-A"
rank = "constable"

[[officer]]
id = "B-S0"
contract = "EAST-B"
rank = "sergeant"

[[officer]]
id = "B-C0"
contract = "EAST-B"
rank = "constable"

[[officer]]
id = "B-C1"
contract = "EAST-B"
rank = "constable"

[[officer]]
id = "B-C2"
contract = "EAST-B"
rank = "constable"
"""

NORTH = """
[scenario]
name = "North"
start = 2026-10-05
end = 2026-11-29

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "NORTH-C"
council = 'Council C <script>alert("council")</script>'
bcu = "NE"
start = 2026-01-05
posts = { constable = 3 }
cover = [{ days = ["Mon", "Tue"], shift = "E", min = 1 }]

[[officer]]
id = "C-C0"
contract = "NORTH-C"
rank = "constable"

[[officer]]
id = "C-C1"
contract = "NORTH-C"
rank = "constable"

[[officer]]
id = "C-C2"
contract = "NORTH-C"
rank = "constable"
"""

ACCOUNTS = {
    "admin": ("admin", {}),
    "planner-ea": ("planner", {"bcus": ["EA"]}),
    "planner-ne": ("planner", {"bcus": ["NE"]}),
    "council-a": ("council", {"contracts": ["EAST-A"]}),
    "council-b": ("council", {"contracts": ["EAST-B"]}),
    "council-c": ("council", {"contracts": ["NORTH-C"]}),
}


def scenario_of(text: str, name: str) -> Scenario:
    return scenario_from_dict(tomllib.loads(text), name)


@dataclass(frozen=True)
class Built:
    db: Path
    versions: dict[str, int]


def build_store(db: Path) -> Built:
    versions = {}
    with Store(db) as store:
        for text, name in ((EAST, "east.toml"), (NORTH, "north.toml")):
            scenario = scenario_of(text, name)
            result = roster_scenario(scenario, SolveSettings(time_limit=10, seed=1, workers=1))
            assert result.feasible
            report = check_roster(scenario, result.table)
            assert report.ok, report.breaches[:3]
            versions[scenario.name] = store.publish_roster(
                scenario.name, result.table, "fixture", scenario_text=text, scenario_source=name
            )
        accounts = Accounts(store)
        for name, (role, scope) in ACCOUNTS.items():
            accounts.add(name, role, PASSWORD, actor="fixture", **scope)
    return Built(db, versions)


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log in through the form as a browser would; the session's CSRF token."""
    page = client.get("/login")
    token = page.text.split('name="login_csrf" value="')[1].split('"')[0]
    r = client.post(
        "/login",
        data={"name": name, "password": password, "next": "/", "login_csrf": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:300]
    home = client.get("/")
    return home.text.split('name="csrf_token" value="')[1].split('"')[0]
