"""A small store for the web tests: two scenarios, three contracts in two BCUs and three
councils, rostered by the real solver (checked by the independent checker), published
with their scenario text, and one account of each kind."""

from __future__ import annotations

import html
import io
import re
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pandas as pd
from fastapi.testclient import TestClient
from httpx import Response
from work_alone import work_alone

from scheduler.check import check_roster
from scheduler.roster.changes import CHANGE_COLUMNS
from scheduler.roster.run import RosterResult, SolveSettings, roster_scenario
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.store import Store, apply_abstractions
from scheduler.store.accounts import Accounts
from scheduler.store.entries import NewAbstraction
from scheduler.web.context import COOKIE

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


# an entry of A-C0 (EAST-A) many tests log first
SICK_A_C0 = {
    "officer_id": "A-C0",
    "date": "2026-10-20",
    "kind": "sickness",
    "reason": "flu",
    "authorised_by": "Insp X",
    "notified": "2026-10-19",
}


def heading(page: str) -> str:
    """A page's one ``<h1>``, as read (its entities unescaped)."""
    [found] = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return html.unescape(found)


def solved_small(text: str, name: str) -> pd.DataFrame:
    """A small scenario's roster, solved on a work limit (one worker, fixed seed) and
    checked by the independent checker."""
    scenario = scenario_of(text, name)
    settings = SolveSettings(time_limit=60, deterministic_time=5, seed=1, workers=1)
    result = roster_scenario(scenario, settings)
    assert result.feasible
    assert check_roster(scenario, result.table).ok
    return result.table.copy()


def publish_for(
    db: Path, text: str, table: pd.DataFrame, account: str, role: str, **scope: list[str]
) -> None:
    """``table`` published as the scenario ``text`` names it, with one account to read it."""
    with Store(db) as store:
        store.publish_roster(tomllib.loads(text)["scenario"]["name"], table, "v1",
                             scenario_text=text)  # fmt: skip
        Accounts(store).add(account, role, PASSWORD, actor="test", **scope)


def solved(scenario: Scenario, work: float, seed: int) -> RosterResult:
    """The fixture's roster on ``work`` of one worker's solver work alone: the same on a
    loaded machine as idle, where the wall-clock safety net could cut it short."""
    with work_alone():
        return roster_scenario(scenario, SolveSettings(time_limit=work, seed=seed, workers=1))


@dataclass(frozen=True)
class Built:
    db: Path
    versions: dict[str, int]


def build_store(db: Path) -> Built:
    versions = {}
    with Store(db) as store:
        for text, name in ((EAST, "east.toml"), (NORTH, "north.toml")):
            scenario = scenario_of(text, name)
            result = solved(scenario, 10, 1)
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


# East with EAST-B moved to a BCU of its own (EB): a scenario spanning two BCUs
SPLIT = EAST.replace('council = "Council B"\nbcu = "EA"', 'council = "Council B"\nbcu = "EB"')


def split_east(db: Path) -> int:
    """East with EAST-B moved to BCU EB (a planner of its own); the version's id."""
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        empty = pd.DataFrame(columns=list(CHANGE_COLUMNS))
        Accounts(store).add("planner-eb", "planner", PASSWORD, actor="test", bcus=["EB"])
        return store.publish_roster("East", roster, "BCU boundary moved", scenario_text=SPLIT,
                                    changes=empty)  # fmt: skip


def publish_east_edit(
    db: Path, contract: str, officer: str, text: str = SPLIT, was: str = "DUTY"
) -> int:
    """A version changing ``officer``'s last duty day to leave, lawful (as another planner's
    publication would be); or, ``was="REST"``, their first rest day, which leaves them a
    rest day short (a version written past the checker): its id."""
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        roster = roster.copy()
        days = roster.index[(roster["officer_id"] == officer) & (roster["state"] == was)]
        at = days[-1] if was == "DUTY" else days[0]
        roster.loc[at, ["state", "shift", "start", "end"]] = ["LEAVE", "", "", ""]
        roster.loc[at, "hours"] = 0.0
        change = dict.fromkeys(CHANGE_COLUMNS, "")
        change.update(officer_id=officer, contract_id=contract, date=str(roster.loc[at, "date"]),
                      was=was, now="LEAVE", reason="edited by hand")  # fmt: skip
        changes = pd.DataFrame([change], columns=list(CHANGE_COLUMNS))
        return store.publish_roster("East", roster, f"{contract} edited", scenario_text=text,
                                    changes=changes)  # fmt: skip


def downloaded_csv(client: TestClient, contract: str = "EAST-A") -> pd.DataFrame:
    """A contract's roster.csv as a planner downloads it, every cell text."""
    text = client.get(f"/contracts/{contract}/roster.csv").text
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def sick_typed(table: pd.DataFrame, nth: int, officer: str = "A-C0") -> pd.DataFrame:
    """``officer``'s ``nth`` duty day of a roster.csv's table typed as sick."""
    out = table.copy()
    duty = out.index[(out["officer_id"] == officer) & (out["state"] == "DUTY")]
    out.loc[duty[nth], ["state", "shift", "start", "end", "hours"]] = ["SICK", "", "", "", "0"]
    return out


# West: a third scenario in the store whose one officer has the id of East's A-C0
WEST = """
[scenario]
name = "West"
start = 2026-10-05
end = 2026-11-29

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "WEST-D"
council = "Council D"
bcu = "WE"
start = 2026-01-05
posts = { constable = 3 }
cover = [{ days = ["Mon", "Tue"], shift = "E", min = 1 }]

[[officer]]
id = "A-C0"
contract = "WEST-D"
rank = "constable"

[[officer]]
id = "D-C1"
contract = "WEST-D"
rank = "constable"

[[officer]]
id = "D-C2"
contract = "WEST-D"
rank = "constable"
"""


def publish_west(db: Path) -> None:
    """West rostered and published beside East, with its council's and planner's accounts
    (council-d, planner-we), and a planner of both BCUs (planner-ea-we)."""
    scenario = scenario_of(WEST, "west.toml")
    result = solved(scenario, 5, 1)
    assert result.feasible
    assert check_roster(scenario, result.table).ok
    with Store(db) as store:
        store.publish_roster("West", result.table, "west", scenario_text=WEST)
        accounts = Accounts(store)
        accounts.add("council-d", "council", PASSWORD, actor="test", contracts=["WEST-D"])
        accounts.add("planner-we", "planner", PASSWORD, actor="test", bcus=["WE"])
        accounts.add("planner-ea-we", "planner", PASSWORD, actor="test", bcus=["EA", "WE"])


def upload(
    client: TestClient,
    csrf: str,
    data: bytes,
    name: str = "roster.csv",
    kind: str = "text/csv",
    follow_redirects: bool = False,
) -> Response:
    """A roster file uploaded to EAST-A's upload form, as a browser posts it."""
    return client.post(
        "/contracts/EAST-A/upload",
        data={"csrf_token": csrf},
        files={"roster": (name, data, kind)},
        follow_redirects=follow_redirects,
    )


class ReadOnlyClient(TestClient):
    """A client of the store every reading test shares (the ``reader`` fixture): it asks
    GET, HEAD and OPTIONS only, and ``login`` gives it the account's session made once for
    the whole run (the store and its caches are shared, the cookies are the test's own)."""

    # account name: (session cookie, CSRF token)
    sessions: ClassVar[dict[str, tuple[str, str]]] = {}

    def request(self, method: str, url: str, **kwargs: Any) -> Response:
        if method.upper() not in ("GET", "HEAD", "OPTIONS"):
            raise AssertionError(
                f"{method} {url}: a test that sends forms or writes needs the `client` fixture "
                "(a store of its own), not `reader`'s shared one"
            )
        return super().request(method, url, **kwargs)

    def log_in(self, name: str) -> str:
        cookie, csrf = self.sessions[name]
        self.cookies.set(COOKIE, cookie)
        return csrf


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log in through the form as a browser would; the session's CSRF token (a
    ``ReadOnlyClient``: its account's shared session, already logged in)."""
    if isinstance(client, ReadOnlyClient) and password == PASSWORD:
        return client.log_in(name)
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


def start_reroster(
    client: httpx.Client,
    csrf: str,
    first: str = "2026-10-19",
    *,
    contract: str = "EAST-A",
    notified: str = "",
    time_limit: str = "1",
) -> str:
    """A re-roster of ``contract`` from ``first`` started from its form (officers told on
    ``notified``, else the page's default); its job page's address."""
    form = {"from_date": first, "time_limit": time_limit, "csrf_token": csrf}
    if notified:
        form["notified"] = notified
    r = client.post(f"/contracts/{contract}/reroster", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text[-2000:]
    return r.headers["location"]


def finished(client: httpx.Client, job: str, seconds: float = 120) -> str:
    """The job's page once its re-roster has ended (neither waiting nor solving)."""
    deadline = time.monotonic() + seconds
    while 'http-equiv="refresh"' in (page := client.get(job).text):
        assert time.monotonic() < deadline, f"the re-roster did not finish: {page[-2000:]}"
        time.sleep(0.3)
    return page


def previewed(client: httpx.Client, csrf: str, first: str = "2026-10-19", **form: str) -> str:
    """``start_reroster``'s job, finished: its address."""
    job = start_reroster(client, csrf, first, **form)
    finished(client, job)
    return job


# A store for the council's report: three contracts of one scenario, one whose officers
# all join in November (its posts vacant in October), one that starts mid-November.
MONEY = """
[scenario]
name = "Money"
start = 2026-10-05
end = 2026-12-13

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "EARLY"
council = "Council Early"
bcu = "MM"
start = 2026-01-05
posts = { constable = 3 }
cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }]

[[contract]]
id = "LATE"
council = "Council Late"
bcu = "MM"
start = 2026-01-05
posts = { constable = 2 }
cover = [{ days = ["Thu"], shift = "E", min = 1 }]

[[contract]]
id = "NEW"
council = "Council New"
bcu = "MM"
start = 2026-11-16
posts = { constable = 2 }
cover = [{ days = ["Fri"], shift = "E", min = 1 }]

[[officer]]
id = "E0"
contract = "EARLY"
rank = "constable"

[[officer]]
id = "E1"
contract = "EARLY"
rank = "constable"

[[officer]]
id = "E2"
contract = "EARLY"
rank = "constable"

[[officer]]
id = "L0"
contract = "LATE"
rank = "constable"
start = 2026-11-02

[[officer]]
id = "L1"
contract = "LATE"
rank = "constable"
start = 2026-11-02

[[officer]]
id = "N0"
contract = "NEW"
rank = "constable"

[[officer]]
id = "N1"
contract = "NEW"
rank = "constable"
"""
MONEY_CONTRACTS = ("EARLY", "LATE", "NEW")


@dataclass(frozen=True)
class Money:
    db: Path
    scenario: Path


def entry(officer: str, contract: str, first: date, last: date, kind: str) -> NewAbstraction:
    return NewAbstraction(
        officer, contract, first, last, kind, f"{kind} probe", "Insp X", date(2026, 10, 1)
    )


def build_money_store(folder: Path) -> Money:
    """The store of ``MONEY``: v1 as solved, v2 with a sickness applied (voided since), an
    operational abstraction per contract logged after, a council account per contract."""
    scenario_file = folder / "money.toml"
    scenario_file.write_text(MONEY)
    scenario = scenario_from_dict(tomllib.loads(MONEY), "money.toml")
    result = solved(scenario, 10, 1)
    assert result.feasible
    db = folder / "s92.db"
    with Store(db) as store:
        store.publish_roster("Money", result.table, "v1", scenario_text=MONEY)
        # a sickness applied and published, then voided: the published roster goes on
        # following it until the next re-roster, and the report says so
        sick = store.add_abstraction(
            entry("E1", "EARLY", date(2026, 11, 9), date(2026, 11, 13), "sickness")
        )
        applied = apply_abstractions(result.table, store.live_abstractions(), scenario)
        assert check_roster(scenario, applied).ok
        store.publish_roster("Money", applied, "v2", scenario_text=MONEY)
        store.void(sick, "entered in error", "Insp X")
        for officer, contract, day in (
            ("E0", "EARLY", date(2026, 10, 14)),
            ("L0", "LATE", date(2026, 11, 19)),
            ("N0", "NEW", date(2026, 12, 11)),
        ):
            store.add_abstraction(entry(officer, contract, day, day, "operational"))
        accounts = Accounts(store)
        for contract in MONEY_CONTRACTS:
            accounts.add(contract.lower(), "council", PASSWORD, actor="test", contracts=[contract])
        accounts.add("planner-mm", "planner", PASSWORD, actor="test", bcus=["MM"])
    return Money(db, scenario_file)


# Zed (after East by name) holds EAST-A too, with officers of its own beside A-C0, and a
# contract of another council in another BCU
ZED = (
    WEST.replace('name = "West"', 'name = "Zed"')
    .replace('council = "Council D"\nbcu = "WE"', 'council = "Council A"\nbcu = "EA"')
    .replace("WEST-D", "EAST-A")
    .replace("D-C", "Z-C")
    + """
[[contract]]
id = "ZED-Z"
council = "Council Z"
bcu = "ZZ"
start = 2026-01-05
posts = { constable = 2 }
cover = [{ days = ["Wed"], shift = "E", min = 1 }]
"""
    + "".join(
        f'\n[[officer]]\nid = "Y-C{n}"\ncontract = "ZED-Z"\nrank = "constable"\n' for n in (0, 1)
    )
)


def publish_zed(db: Path) -> None:
    scenario = scenario_of(ZED, "zed.toml")
    result = solved(scenario, 10, 1801)
    assert result.feasible
    assert check_roster(scenario, result.table).ok
    with Store(db) as store:
        store.publish_roster("Zed", result.table, "zed", scenario_text=ZED)
