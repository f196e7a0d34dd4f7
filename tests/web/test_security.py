"""Who gets what: every route, walked with every role and with no login.

The matrix is built from the application's own routers, so a route added without a probe
here fails ``test_every_route_is_probed``. For each role and each contract (its own, one
of its BCU's, another BCU's) the answer must be the one its scope allows: 404 for what it
may not see (exactly like what does not exist), 403 for a council trying a planner's
action on its own contract, and nothing of another council or BCU in any body.
"""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import ACCOUNTS, PASSWORD, SICK_A_C0, login, publish_west, upload

from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.store.entries import NewAbstraction
from scheduler.store.feeds import Feed, create_feed_token
from scheduler.web import api, feeds, pages, planner, report
from scheduler.web.app import _RedactFeeds, create_app

ROLES = [None, *ACCOUNTS]  # None: no login
CONTRACTS = {  # contract -> (bcu, council, an officer)
    "EAST-A": ("EA", "Council A", "A-C0"),
    "EAST-B": ("EA", "Council B", "B-C0"),
    "NORTH-C": ("NE", "Council C", "C-C0"),
}

FIRST_VERSION = {"EAST-A": 1, "EAST-B": 1, "NORTH-C": 2}  # the fixture publishes East, North


def may_see(role: str, contract: str) -> bool:
    kind, scope = ACCOUNTS[role]
    if kind == "admin":
        return True
    if kind == "planner":
        return CONTRACTS[contract][0] in scope["bcus"]
    return contract in scope["contracts"]


def plans(role: str) -> bool:
    return ACCOUNTS[role][0] in ("admin", "planner")


def unseen_marks(role: str | None) -> list[str]:
    """Strings that must not appear in any answer to ``role``: the councils and officers of
    contracts it may not see."""
    marks = []
    for contract, (_, council, officer) in CONTRACTS.items():
        if role is None or not may_see(role, contract):
            marks += [council, officer, contract]
    return marks


@dataclass(frozen=True)
class Probe:
    method: str
    template: str  # the route's path template
    path: str
    contract: str | None  # whose data the request is about (None: not a contract's)
    planner_only: bool = False
    admin_only: bool = False
    data: dict | None = None
    json: dict | None = None
    files: dict | None = None
    ok: tuple[int, ...] = (200,)


def contract_probes(c: str, entry_ids: dict[str, int]) -> list[Probe]:
    officer = CONTRACTS[c][2]
    bad_entry = {
        "officer_id": officer,
        "date": "2026-10-20",
        "kind": "sickness",
        "reason": "probe",
        "authorised_by": "Insp Probe",
        "notified": "not a date",
    }
    csv = b"officer_id,contract_id\n"
    return [
        Probe("GET", "/contracts/{contract_id}", f"/contracts/{c}", c),
        Probe("GET", "/contracts/{contract_id}/officers", f"/contracts/{c}/officers", c, ok=(307,)),
        Probe(
            "GET",
            "/contracts/{contract_id}/officers/{officer_id}",
            f"/contracts/{c}/officers/{officer}",
            c,
        ),
        Probe(
            "GET",
            "/contracts/{contract_id}/officers/{officer_id}/{day}",
            f"/contracts/{c}/officers/{officer}/2026-10-07",
            c,
        ),
        Probe("GET", "/contracts/{contract_id}/roster.csv", f"/contracts/{c}/roster.csv", c),
        Probe("GET", "/contracts/{contract_id}/roster.xlsx", f"/contracts/{c}/roster.xlsx", c),
        Probe("GET", "/contracts/{contract_id}/report", f"/contracts/{c}/report?period=2026-10", c),
        Probe(
            "GET",
            "/contracts/{contract_id}/report/chart/{n}.png",
            f"/contracts/{c}/report/chart/1.png?period=2026-10",
            c,
        ),
        Probe(
            "GET",
            "/contracts/{contract_id}/report.csv",
            f"/contracts/{c}/report.csv?period=2026-10",
            c,
        ),
        Probe(
            "GET",
            "/contracts/{contract_id}/monthly.csv",
            f"/contracts/{c}/monthly.csv?period=2026-10",
            c,
        ),
        Probe(
            "GET",
            "/contracts/{contract_id}/penalties.csv",
            f"/contracts/{c}/penalties.csv?period=2026-10",
            c,
        ),
        Probe(
            "GET",
            "/contracts/{contract_id}/report.xlsx",
            f"/contracts/{c}/report.xlsx?period=2026-10",
            c,
        ),
        Probe(
            "GET",
            "/contracts/{contract_id}/report.html",
            f"/contracts/{c}/report.html?period=2026-10",
            c,
        ),
        Probe("GET", "/contracts/{contract_id}/reroster", f"/contracts/{c}/reroster", c, True),
        Probe(
            "POST",
            "/contracts/{contract_id}/reroster",
            f"/contracts/{c}/reroster",
            c,
            True,
            data={"from_date": "not a date"},
            ok=(422,),
        ),
        Probe("GET", "/contracts/{contract_id}/upload", f"/contracts/{c}/upload", c, True),
        Probe(
            "POST",
            "/contracts/{contract_id}/upload",
            f"/contracts/{c}/upload",
            c,
            True,
            files={"roster": ("roster.csv", csv, "text/csv")},
            ok=(422,),
        ),
        Probe("GET", "/contracts/{contract_id}/notices", f"/contracts/{c}/notices", c, True),
        Probe(
            "GET",
            "/contracts/{contract_id}/notices/{version}/changes.csv",
            f"/contracts/{c}/notices/{FIRST_VERSION[c]}/changes.csv",
            c,
            True,
        ),
        Probe("GET", "/contracts/{contract_id}/feeds", f"/contracts/{c}/feeds", c, True),
        Probe(
            "POST",
            "/contracts/{contract_id}/feeds/{officer_id}",
            f"/contracts/{c}/feeds/{officer}",
            c,
            True,
            data={"action": "revoke"},
            ok=(303,),  # back to the feeds page: a reload sends nothing again
        ),
        Probe("GET", "/contracts/{contract_id}/jobs/{job_id}", f"/contracts/{c}/jobs/JOB", c, True),
        Probe(
            "POST",
            "/contracts/{contract_id}/jobs/{job_id}/publish",
            f"/contracts/{c}/jobs/JOB/publish",
            c,
            True,
        ),
        Probe("POST", "/entries", "/entries", c, True, data=bad_entry, ok=(422,)),
        Probe(
            "POST",
            "/entries/{entry_id}/void",
            f"/entries/{entry_ids[c]}/void",
            c,
            True,
            data={"reason": ""},
            ok=(422,),
        ),
        Probe(
            "GET",
            "/api/contracts/{contract_id}/roster",
            f"/api/contracts/{c}/roster?from=2026-10-05&to=2026-10-11",
            c,
        ),
        Probe(
            "GET",
            "/api/contracts/{contract_id}/report",
            f"/api/contracts/{c}/report?period=2026-10",
            c,
        ),
        Probe("POST", "/api/entries", "/api/entries", c, True, json=bad_entry, ok=(422,)),
        Probe(
            "POST",
            "/api/entries/{entry_id}/void",
            f"/api/entries/{entry_ids[c]}/void",
            c,
            True,
            json={"reason": ""},
            ok=(422,),
        ),
    ]


def general_probes() -> list[Probe]:
    return [
        Probe("GET", "/", "/", None),
        Probe("GET", "/entries", "/entries", None),
        Probe("GET", "/entries.csv", "/entries.csv", None),
        Probe("GET", "/audit", "/audit", None, admin_only=True),
        Probe("GET", "/api/contracts", "/api/contracts", None),
        Probe("GET", "/api/entries", "/api/entries", None),
    ]


PUBLIC = {  # answered the same to everyone, logged in or not
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/docs"),
    ("GET", "/contracts"),  # to the home page, which answers for whoever asks
    ("GET", "/states.css"),
    ("GET", "/openapi.json"),  # a council's leaves out what only planners may call
    ("GET", "/feeds/{token}.ics"),
    ("POST", "/logout"),
    ("GET", "/logout"),  # the login page, or a page naming the caller's own account
}


def routes() -> set[tuple[str, str]]:
    found = set()
    for module in (pages, planner, report, feeds, api):
        for route in module.router.routes:
            for method in route.methods - {"HEAD"}:
                found.add((method, route.path))
    return found | {("GET", "/docs"), ("GET", "/states.css"), ("GET", "/openapi.json")}


def test_every_route_is_probed() -> None:
    probed = {(p.method, p.template) for p in contract_probes("EAST-A", {"EAST-A": 1})}
    probed |= {(p.method, p.template) for p in general_probes()}
    assert routes() - probed - PUBLIC == set()


@pytest.fixture
def world(db: Path):
    """An entry per contract, a job made by planner-ea on EAST-A, API tokens per role."""
    entry_ids = {}
    tokens = {}
    with Store(db) as store:
        for c, (_, _, officer) in CONTRACTS.items():
            entry_ids[c] = store.add_abstraction(
                NewAbstraction(
                    officer,
                    c,
                    date(2026, 10, 14),
                    date(2026, 10, 14),
                    "sickness",
                    "flu <script>alert('entry')</script>",
                    "Insp X",
                    date(2026, 10, 13),
                )
            )
        accounts = Accounts(store)
        for role in ACCOUNTS:
            tokens[role] = accounts.create_token(role, actor="test")
        feed_token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
    return entry_ids, tokens, feed_token


def send(
    client: TestClient, probe: Probe, csrf: str, path: str | None = None, bearer: str | None = None
):
    headers = {"authorization": f"Bearer {bearer}"} if bearer else {}
    target = path or probe.path
    if probe.method == "GET":
        return client.get(target, headers=headers, follow_redirects=False)
    if probe.json is not None:
        headers["x-csrf-token"] = csrf
        return client.post(target, json=probe.json, headers=headers, follow_redirects=False)
    data = {**(probe.data or {}), "csrf_token": csrf}
    return client.post(
        target, data=data, files=probe.files, headers=headers, follow_redirects=False
    )


def expected(role: str | None, probe: Probe) -> Callable[[int], bool]:
    if role is None:
        if probe.template.startswith("/api/"):
            return lambda s: s == 401
        return lambda s: s == 303  # to the login page; a POST also never reaches the route
    if probe.admin_only and ACCOUNTS[role][0] != "admin":
        return lambda s: s == 403
    if probe.planner_only and not plans(role):
        return lambda s: s == 403  # whatever the id: a refusal that says nothing of it
    if probe.contract is not None and not may_see(role, probe.contract):
        return lambda s: (
            s in (404, 422) if probe.template in ("/entries", "/api/entries") else s == 404
        )
    return lambda s: s in probe.ok or (s == 404 and "JOB" in probe.path)


def test_every_route_with_every_role_and_no_login(app, db: Path, world, caplog) -> None:
    entry_ids, tokens, feed_token = world
    caplog.set_level(logging.DEBUG)
    secrets = [PASSWORD, feed_token, *tokens.values()]
    with Store(db) as store:
        secrets.append(
            store.query("SELECT secret FROM ical_secret")[0][0]
            if store.query("SELECT secret FROM ical_secret")
            else PASSWORD
        )
    before = _writes(db)
    checked = 0
    for role in ROLES:
        with TestClient(app) as client:
            csrf = login(client, role) if role else ""
            session = client.cookies.get("s92_session") or ""
            if session:
                secrets.append(session)
            probes = general_probes() + [
                p for c in CONTRACTS for p in contract_probes(c, entry_ids)
            ]
            for probe in probes:
                for bearer in (
                    (None, tokens.get(role or ""))
                    if role and probe.template.startswith("/api/")
                    else (None,)
                ):
                    if bearer:
                        client.cookies.clear()
                    r = send(client, probe, csrf, bearer=bearer)
                    if bearer and session:
                        client.cookies.set("s92_session", session)
                    assert expected(role, probe)(r.status_code), (
                        role,
                        probe.method,
                        probe.path,
                        r.status_code,
                        r.text[:200],
                    )
                    body = readable(r.content)
                    sent = f"{probe.data} {probe.json}"  # the caller's own input may be echoed
                    for mark in unseen_marks(role):
                        if mark not in sent:
                            assert mark not in body, (role, probe.path, mark)
                    if r.headers.get("content-type", "").startswith(
                        "text/html"
                    ) and "attachment" not in r.headers.get("content-disposition", ""):
                        assert "<script>alert" not in body, (role, probe.path)
                    for secret in secrets:
                        assert secret not in body, (role, probe.path)
                    checked += 1
    # no write by anyone who may not make it: the only writes are the planners' own 422s
    # (none) and revoking feeds they may revoke
    after = _writes(db)
    assert after["abstraction"] == before["abstraction"]
    assert after["roster_version"] == before["roster_version"]
    for record in caplog.records:
        text = record.getMessage()
        for secret in secrets:
            assert secret not in text
    assert checked > 500


def readable(content: bytes) -> str:
    """A body as text to search: a workbook (a zip) by the text of its parts, which the
    zip's compression would otherwise hide from the search."""
    if content[:4] != b"PK\x03\x04":
        return content.decode("utf-8", "replace")
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())


def _writes(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("abstraction", "roster_version", "feed_token")
        }
    finally:
        con.close()


def test_a_job_is_seen_only_by_its_owner_and_only_under_its_contract(app, db: Path) -> None:
    with TestClient(app) as owner:
        csrf = login(owner, "planner-ea")
        csv = owner.get("/contracts/EAST-A/roster.csv").content
        r = upload(owner, csrf, csv)
        assert r.status_code == 303
        job = r.headers["location"]
        assert owner.get(job).status_code == 200
        assert owner.get(job.replace("EAST-A", "EAST-B")).status_code == 404
    for role in ("admin", "council-a", "council-b", "planner-ne"):
        with TestClient(app) as other:
            csrf = login(other, role)
            assert other.get(job).status_code in (403, 404)
            r = other.post(job + "/publish", data={"csrf_token": csrf}, follow_redirects=False)
            assert r.status_code in (403, 404)


def test_posts_without_the_csrf_token_are_refused_and_write_nothing(app, db: Path) -> None:
    entry = dict(SICK_A_C0)
    with TestClient(app) as client:
        csrf = login(client, "planner-ea")
        assert client.post("/entries", data=entry).status_code == 403
        assert client.post("/entries", data={**entry, "csrf_token": "forged"}).status_code == 403
        assert client.post("/api/entries", json=entry).status_code == 403
        assert (
            client.post("/api/entries", json=entry, headers={"x-csrf-token": "x"}).status_code
            == 403
        )
        assert client.post("/logout", data={}).status_code == 403
        with Store(db) as store:
            assert store.entries() == []
        assert client.post("/entries", data={**entry, "csrf_token": csrf}).status_code == 200
        with Store(db) as store:
            assert len(store.entries()) == 1


def test_login_form_needs_its_own_csrf_cookie(client: TestClient) -> None:
    r = client.post(
        "/login", data={"name": "admin", "password": PASSWORD, "next": "/", "login_csrf": "x"}
    )
    assert r.status_code == 403
    assert "s92_session" not in client.cookies


def test_cookie_flags_and_framing_headers(db: Path) -> None:
    for https_only in (False, True):
        base = "https://testserver" if https_only else "http://testserver"
        with TestClient(create_app(db, https_only=https_only), base_url=base) as client:
            page = client.get("/login")
            assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
            assert "script-src 'self'" in page.headers["content-security-policy"]
            assert page.headers["x-frame-options"] == "DENY"
            token = page.text.split('name="login_csrf" value="')[1].split('"')[0]
            r = client.post(
                "/login",
                data={"name": "admin", "password": PASSWORD, "next": "/", "login_csrf": token},
                follow_redirects=False,
            )
            cookie = next(
                v
                for k, v in r.headers.multi_items()
                if k == "set-cookie" and v.startswith("s92_session=")
            )
            flags = {f.strip().lower() for f in cookie.split(";")[1:]}
            assert "httponly" in flags
            assert "samesite=lax" in flags
            assert "path=/" in flags
            assert ("secure" in flags) is https_only
            assert ("strict-transport-security" in r.headers) is https_only


def test_next_never_redirects_off_site(client: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil"):
        page = client.get("/login", params={"next": target})
        token = page.text.split('name="login_csrf" value="')[1].split('"')[0]
        r = client.post(
            "/login",
            data={"name": "admin", "password": PASSWORD, "next": target, "login_csrf": token},
            follow_redirects=False,
        )
        assert r.headers["location"] == "/"
        client.cookies.clear()


def test_login_is_throttled_after_repeated_failures(client: TestClient) -> None:
    def attempt(password: str) -> int:
        page = client.get("/login")
        token = page.text.split('name="login_csrf" value="')[1].split('"')[0]
        return client.post(
            "/login",
            data={"name": "council-a", "password": password, "next": "/", "login_csrf": token},
            follow_redirects=False,
        ).status_code

    assert [attempt("wrong password!") for _ in range(5)] == [401] * 5
    assert attempt(PASSWORD) == 429  # right, but too late: wait
    assert "s92_session" not in client.cookies


def test_a_disabled_account_loses_its_session_and_tokens(app, db: Path) -> None:
    with Store(db) as store:
        token = Accounts(store).create_token("council-a", actor="test")
    with TestClient(app) as client:
        login(client, "council-a")
        assert client.get("/contracts/EAST-A/report").status_code == 200
        with Store(db) as store:
            Accounts(store).disable("council-a", actor="test")
        assert client.get("/contracts/EAST-A/report", follow_redirects=False).status_code == 303
    with TestClient(app) as client:
        r = client.get("/api/contracts", headers={"authorization": f"Bearer {token}"})
        assert r.status_code == 401


def test_feed_paths_are_redacted_in_access_logs() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/feeds/SeCrEtToKeN123.ics", "1.1", 200),
        None,
    )
    assert _RedactFeeds().filter(record)
    assert "SeCrEtToKeN123" not in record.getMessage()
    assert "/feeds/<token>.ics" in record.getMessage()


def test_unknown_feed_tokens_are_not_found_and_revoked_ones_gone(
    client: TestClient, db: Path
) -> None:
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C1"), actor="test")
    assert client.get(f"/feeds/{token}.ics").status_code == 200
    assert client.get("/feeds/" + re.sub(r".", "A", token) + ".ics").status_code == 404
    with Store(db) as store:
        newer = create_feed_token(store, Feed("East", "A-C1"), actor="test")  # rotation
    assert client.get(f"/feeds/{token}.ics").status_code == 410
    assert client.get(f"/feeds/{newer}.ics").status_code == 200


def test_logging_for_an_unseen_officer_reads_as_for_one_that_does_not_exist(app) -> None:
    entry = {
        "date": "2026-10-20",
        "kind": "sickness",
        "reason": "flu",
        "authorised_by": "Insp X",
        "notified": "2026-10-19",
    }
    with TestClient(app) as client:
        csrf = login(client, "planner-ea")
        headers = {"x-csrf-token": csrf}
        other = client.post("/api/entries", json={**entry, "officer_id": "C-C0"}, headers=headers)
        nobody = client.post("/api/entries", json={**entry, "officer_id": "ZZ-9"}, headers=headers)
        assert other.status_code == nobody.status_code == 422
        assert other.text.replace("C-C0", "?") == nobody.text.replace("ZZ-9", "?")
        other = client.post("/entries", data={**entry, "officer_id": "C-C0", "csrf_token": csrf})
        nobody = client.post("/entries", data={**entry, "officer_id": "ZZ-9", "csrf_token": csrf})
        assert other.text.replace("C-C0", "?") == nobody.text.replace("ZZ-9", "?")


def test_an_officer_id_two_scenarios_share_keeps_each_councils_entries_apart(db: Path) -> None:
    # Entries were found by officer id alone: Council D's officer A-C0 showed Council A's
    # entry for its own A-C0 (reason and all), and Council D's report charged its penalty
    publish_west(db)
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction(
                "A-C0",
                "EAST-A",
                date(2026, 10, 14),
                date(2026, 10, 14),
                "operational",
                "Council A's own operation",
                "Insp X",
                date(2026, 10, 1),
            )
        )
    with TestClient(create_app(db)) as client:
        login(client, "council-d")
        for path in (
            "/contracts/WEST-D/officers/A-C0",
            "/contracts/WEST-D/officers/A-C0/2026-10-14",
            "/contracts/WEST-D/report?period=2026-10",
            "/contracts/WEST-D/penalties.csv?period=2026-10",
            "/contracts/WEST-D/report.csv?period=2026-10",
            "/api/contracts/WEST-D/report?period=2026-10",
        ):
            r = client.get(path)
            assert r.status_code == 200, path
            assert "Council A" not in r.text, path
            assert "EAST-A" not in r.text, path
        report = client.get("/api/contracts/WEST-D/report", params={"period": "2026-10"})
        assert report.json()["summary"][0]["penalty_gbp"] == 0.0
        client.cookies.clear()
        csrf = login(client, "planner-we")
        page = client.get("/entries").text
        assert "Council A" not in page
        # the planner of West logs for West's A-C0 as for any officer of theirs, on the day
        # of Council A's entry too (it was refused as overlapping it, naming it)
        entry = {
            "officer_id": "A-C0",
            "date": "2026-10-14",
            "kind": "sickness",
            "reason": "flu",
            "authorised_by": "Insp W",
            "notified": "2026-10-13",
        }
        r = client.post("/api/entries", json=entry, headers={"x-csrf-token": csrf})
        assert r.status_code == 201, r.text
        client.cookies.clear()
        login(client, "council-a")
        officer = client.get("/contracts/EAST-A/officers/A-C0").text
        assert "Council A&#39;s own operation" in officer
        assert "Insp W" not in officer


def test_head_is_answered_as_get_without_the_body_and_with_the_same_scope(app, db: Path) -> None:
    # HEAD was 405 on every page, download and feed (a calendar app or link checker that
    # asks HEAD first was refused); it must answer what GET answers, to the same accounts
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
    with TestClient(app) as client:
        assert client.head("/contracts/EAST-A", follow_redirects=False).status_code == 303
        feed = client.get(f"/feeds/{token}.ics")
        head = client.head(f"/feeds/{token}.ics")
        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["etag"] == feed.headers["etag"]
        login(client, "council-a")
        own = client.head("/contracts/EAST-A/report.csv", params={"period": "2026-10"})
        assert own.status_code == 200
        assert own.content == b""
        assert "attachment" in own.headers["content-disposition"]
        for other in ("/contracts/EAST-B/report.csv?period=2026-10", "/contracts/NORTH-C"):
            r = client.head(other)
            assert r.status_code == 404, other
            assert r.content == b""
        assert client.head("/api/contracts").status_code == 200
        # OPTIONS says what an address takes, the same for any contract id (no leak)
        for any_id in ("EAST-A", "NORTH-C", "NOPE"):
            options = client.request("OPTIONS", f"/contracts/{any_id}")
            assert options.status_code == 204
            assert options.headers["allow"] == "GET, HEAD, OPTIONS"


def test_a_workbook_is_searched_by_its_text() -> None:
    # the matrix above searches each body for another council's names: a workbook's text
    # is compressed, so a leak in roster.xlsx or report.xlsx went unseen
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", "<t>Council B</t>" * 50)
    assert b"Council B" not in buffer.getvalue()
    assert "Council B" in readable(buffer.getvalue())


def test_a_huge_value_refused_by_the_api_is_named_not_sent_back_whole(
    client: TestClient,
) -> None:
    # a 2 MB reason was answered with the whole 2 MB in the 422's "value" (a client's log
    # or screen filled with it); the value is named as the line names it, first 77 characters
    csrf = login(client, "planner-ea")
    entry = {"officer_id": "A-C0", "date": "2026-10-20", "kind": "sickness",
             "reason": "x" * 2_000_000, "authorised_by": "Insp X", "notified": "2026-10-20"}  # fmt: skip
    r = client.post("/api/entries", json=entry, headers={"x-csrf-token": csrf})
    assert r.status_code == 422
    assert len(r.content) < 2_000
    [problem] = r.json()["detail"]
    assert problem["field"] == "reason"
    assert problem["value"] == "x" * 77 + "..."


def test_a_request_body_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    # the API read a JSON body of any size into memory (hundreds of MB from a script gone
    # wrong) before it looked at it; said too large, with or without its length given
    csrf = login(client, "planner-ea")
    body = b'{"officer_id": "A-C0", "reason": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    headers = {"x-csrf-token": csrf, "content-type": "application/json"}
    r = client.post("/api/entries", content=body, headers=headers)
    assert r.status_code == 413
    assert r.json() == {"detail": "The request is larger than 2 MB"}

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 65536):
            yield body[i : i + 65536]

    r = client.post("/api/entries", content=chunks(), headers=headers)
    assert r.status_code == 413
    page = client.post("/entries", content=chunks(), headers={
        "content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert page.status_code == 413
    assert "larger than 2 MB" in page.text
    with Store(client.app.state.settings.db) as store:  # type: ignore[attr-defined]
        assert store.entries() == []
