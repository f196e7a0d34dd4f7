"""A contract's card on the home page gives its posts as the variations change them: it
gave the posts the agreement started with (1 constable) long after a variation bought
3, which the delivery report beside it counts."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login, publish_for, solved_small

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
    db = tmp_path / "s92.db"
    publish_for(db, VARIED, solved_small(VARIED, "varied.toml"), "var", "council",
                contracts=["VAR-A"])  # fmt: skip
    with TestClient(create_app(db)) as client:
        login(client, "var")
        home = client.get("/").text
    [posts] = re.findall(r"<dt>Posts</dt><dd>(.*?)</dd>", home, re.S)
    assert posts.split("<br>") == [
        "from 2026-01-05: 1 constable, 1 sergeant",
        "from 2026-10-12: 3 constables, 1 sergeant",
    ]
