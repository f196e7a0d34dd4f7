"""A contract's card on the home page gives its posts as the variations change them: it
gave the posts the agreement started with (1 constable) long after a variation bought
3, which the delivery report beside it counts."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import PASSWORD, login

from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import scenario_from_dict
from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.web.app import create_app

VARIED = """
[scenario]
name = "Varied"
start = 2026-10-05
end = 2026-10-18

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "VAR-A"
council = "Council V"
bcu = "VV"
start = 2026-01-05
posts = { constable = 1, sergeant = 1 }
cover = [{ days = ["Mon", "Wed"], shift = "E", min = 1 }]
  [[contract.variation]]
  from = 2026-10-12
  posts = { constable = 3, sergeant = 1 }

[[officer]]
id = "V-S0"
contract = "VAR-A"
rank = "sergeant"

[[officer]]
id = "V-C0"
contract = "VAR-A"
rank = "constable"

[[officer]]
id = "V-C1"
contract = "VAR-A"
rank = "constable"
start = 2026-10-12
"""


def test_a_contracts_card_gives_its_posts_from_each_variation(tmp_path: Path) -> None:
    scenario = scenario_from_dict(tomllib.loads(VARIED), "varied.toml")
    result = roster_scenario(
        scenario, SolveSettings(time_limit=60, deterministic_time=5, seed=1, workers=1)
    )
    assert result.feasible
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster("Varied", result.table, "v1", scenario_text=VARIED)
        Accounts(store).add("var", "council", PASSWORD, actor="test", contracts=["VAR-A"])
    with TestClient(create_app(db)) as client:
        login(client, "var")
        home = client.get("/").text
    [posts] = re.findall(r"<dt>Posts</dt><dd>(.*?)</dd>", home, re.S)
    assert posts.split("<br>") == [
        "from 2026-01-05: 1 constable, 1 sergeant",
        "from 2026-10-12: 3 constables, 1 sergeant",
    ]
