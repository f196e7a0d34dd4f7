"""Background re-rosters whose process is gone: a server killed mid-job (kill -9, the OOM
killer, a container restarted) leaves no callback to end the preview."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from web_fixtures import PASSWORD, finished, login

from scheduler.store import Store
from scheduler.store.previews import Preview, finish, running, start
from scheduler.web.jobs import process_tag

# seconds the server may take to start, answer and run the re-roster before the test gives
# up on it: only a net against one that never does (how long they take is the load's doing)
NET = 600.0
# a stopped server, and then its worker, may each take 30 s to end, or this many times as
# long as the server took to start where that was longer: a loaded machine slows both (at
# load 15-20 a server took over 30 s to stop), while a worker left behind never ends and
# keeps its server from ending too
STOP_PER_START = 3.0


def _running(
    db: Path, job_id: str, worker: str, *, taken: bool = True, note: str = "re-roster EAST-A (web)"
) -> str:
    """A re-roster preview of EAST-A queued by ``worker``, taken up by it if ``taken``."""
    with Store(db) as store:
        version = store.roster_versions("East")[-1].id
        start(
            store,
            Preview(
                job_id,
                "planner-ea",
                "EAST-A",
                "East",
                version,
                version,
                "reroster",
                note,
                5.0,
                datetime.now(UTC),
                None,
                None,
                "",
                None,
                worker,
                server=worker,
            ),
        )
        if taken:
            running(store, job_id, worker)
    return f"/contracts/EAST-A/jobs/{job_id}"


def test_a_re_roster_whose_process_died_says_so_instead_of_solving_for_ever(
    client: TestClient, db: Path
) -> None:
    dead = _running(db, "dead-job", _ended_tag())
    alive = _running(db, "live-job", process_tag())
    csrf = login(client, "planner-ea")
    page = client.get(dead).text
    assert "Solving" not in page
    assert 'http-equiv="refresh"' not in page
    assert "stopped before it finished" in page
    assert "start it again" in page
    assert client.post(f"{dead}/publish", data={"csrf_token": csrf}).status_code == 404
    page = client.get(alive).text  # this process lives: still solving
    assert "Solving" in page
    assert 'http-equiv="refresh"' in page


def _ended_tag() -> str:
    """The tag of a process that ran on this host and has ended (a server stopped)."""
    return subprocess.run(
        [sys.executable, "-c", "from scheduler.web.jobs import process_tag; print(process_tag())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_a_re_roster_stopped_with_its_server_is_started_again_from_its_page(
    client: TestClient, db: Path
) -> None:
    note = "re-roster EAST-A from 2026-10-19, officers notified 2026-10-12 (web)"
    dead = _running(db, "stopped-job", _ended_tag(), note=note)
    csrf = login(client, "planner-ea")
    page = client.get(dead).text
    assert "stopped before it finished" in page
    # the form that starts it again, as it was asked, each field labelled
    form = page.split('action="/contracts/EAST-A/reroster"')[1].split("</form>")[0]
    assert '<label>First day that may change <input name="from_date" value="2026-10-19"' in form
    assert '<label>Officers told on <input name="notified" value="2026-10-12"' in form
    assert 'name="time_limit" value="5"' in form
    assert "<button" in form
    sent = {"from_date": "2026-10-19", "notified": "2026-10-12", "time_limit": "5"}
    again = client.post(
        "/contracts/EAST-A/reroster", data={**sent, "csrf_token": csrf}, follow_redirects=False
    )
    assert again.status_code == 303
    assert again.headers["location"] not in ("/contracts/EAST-A/reroster", dead)
    page = client.get(again.headers["location"]).text  # under way, or already ended
    assert "re-roster EAST-A from 2026-10-19, officers notified 2026-10-12 (web)" in page


def test_a_re_roster_waiting_its_turn_says_waiting_and_its_place_not_solving(
    client: TestClient, db: Path
) -> None:
    tag = process_tag()
    solving = _running(db, "first-job", tag)
    second = _running(db, "second-job", tag, taken=False)
    third = _running(db, "third-job", tag, taken=False)
    login(client, "planner-ea")
    page = client.get(solving).text
    assert "Solving" in page
    assert "Waiting" not in page
    page = client.get(third).text
    assert "Solving" not in page
    assert "Waiting" in page
    assert "number 3 in the queue: 2 re-rosters ahead of this one" in page
    assert 'http-equiv="refresh"' in page
    assert "<progress" not in page
    with Store(db) as store:  # the first finishes, the second is taken up: one ahead
        finish(store, "first-job", None, "stopped")
        running(store, "second-job", tag)
    page = client.get(third).text
    assert "number 2 in the queue: 1 re-roster ahead of this one" in page
    assert "Solving" in client.get(second).text


def test_two_re_rosters_started_together_run_one_after_the_other(
    client: TestClient, db: Path
) -> None:
    csrf = login(client, "planner-ea")
    form = {"from_date": "2026-10-19", "time_limit": "1", "csrf_token": csrf}
    jobs = [
        client.post("/contracts/EAST-A/reroster", data=form, follow_redirects=False)
        for _ in range(2)
    ]
    assert [r.status_code for r in jobs] == [303, 303]
    # one worker: the second cannot start before the first (its worker still starting) ends
    page = client.get(jobs[1].headers["location"]).text
    assert "Waiting" in page
    assert "Solving" not in page
    for job in jobs:  # no entry to bring in: both end with the published roster itself
        page = finished(client, job.headers["location"])
        assert "No change from the published roster" in page


def test_a_stopped_servers_solver_worker_does_not_outlive_it(db: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "scheduler", "serve", "--db", str(db), "--port", str(port)]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=out)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=NET)
    worker = 0
    began, started_in = time.monotonic(), 0.0
    try:
        deadline = time.monotonic() + NET
        while not _answers(client):
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        started_in = time.monotonic() - began
        csrf = _log_in(client)
        form = {"from_date": "2026-10-19", "time_limit": "1", "csrf_token": csrf}
        job = client.post("/contracts/EAST-A/reroster", data=form).headers["location"]
        finished(client, job, NET)  # the pool's worker has run it, and waits for the next
        children = [
            int(pid)
            for task in Path(f"/proc/{server.pid}/task").iterdir()
            for pid in (task / "children").read_text().split()
        ]
        worker = next(pid for pid in children if "spawn_main" in _command(pid))
    finally:
        server.send_signal(signal.SIGTERM)  # stopped as a service manager stops it
        allowed = max(30.0, STOP_PER_START * started_in)
        try:
            server.wait(allowed)
        except subprocess.TimeoutExpired:
            server.kill()  # not left behind by the test, nor its worker
            kept = _alive(worker)
            if kept:
                os.kill(worker, signal.SIGKILL)
            pytest.fail(f"the server did not stop in {allowed:.0f} s (its worker alive: {kept})")
    deadline = time.monotonic() + allowed
    try:
        while _alive(worker):
            assert time.monotonic() < deadline, f"worker {worker} outlived its server"
            time.sleep(0.2)
    finally:
        if _alive(worker):  # not left behind by the test either
            os.kill(worker, signal.SIGKILL)


def _answers(client: httpx.Client) -> bool:
    try:
        return client.get("/login").status_code == 200
    except httpx.HTTPError:
        return False


def _log_in(client: httpx.Client) -> str:
    page = client.get("/login")
    token = page.text.split('name="login_csrf" value="')[1].split('"')[0]
    form = {"name": "planner-ea", "password": PASSWORD, "next": "/", "login_csrf": token}
    assert client.post("/login", data=form).status_code == 303
    return client.get("/").text.split('name="csrf_token" value="')[1].split('"')[0]


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    if pid <= 0:  # no worker found: kill(0) would signal the test's own process group
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z")
