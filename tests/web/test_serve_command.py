"""``s92 serve`` as a user starts it (two worker processes), with the commands writing to
the same store while it serves; its access log never shows a feed token."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from web_fixtures import EAST, PASSWORD

from scheduler.store import Store
from scheduler.store.feeds import Feed, create_feed_token


def test_serve_with_two_workers_beside_the_commands(db: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Store(db) as store:
        token = create_feed_token(store, Feed("East", "A-C0"), actor="test")
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "scheduler", "serve", "--db", str(db), "--port", str(port)]
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [*command, "--workers", "2"], stdout=out, stderr=out, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        assert httpx.get(f"{base}/feeds/{token}.ics").status_code == 200
        client = httpx.Client(base_url=base)
        page = client.get("/login")
        csrf = page.text.split('name="login_csrf" value="')[1].split('"')[0]
        r = client.post(
            "/login",
            data={"name": "planner-ea", "password": PASSWORD, "next": "/", "login_csrf": csrf},
        )
        assert r.status_code == 303
        assert "logged since" not in client.get("/contracts/EAST-A?month=2026-10").text
        # a command logs an entry in the store the server is serving
        scenario = tmp_path / "east.toml"
        scenario.write_text(EAST)
        added = subprocess.run(
            [
                sys.executable,
                "-m",
                "scheduler",
                "abstract",
                "add",
                str(scenario),
                "--officer",
                "A-C1",
                "--date",
                "2026-10-21",
                "--kind",
                "court",
                "--reason",
                "Crown Court",
                "--authorised-by",
                "Insp X",
                "--notified",
                "2026-10-01",
                "--db",
                str(db),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert added.returncode == 0, added.stderr
        grid = client.get("/contracts/EAST-A?month=2026-10").text
        assert "1 entry logged since this roster was published" in grid
        client.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(20)
    text = log.read_text()
    assert "/feeds/<token>.ics" in text
    assert token not in text
    assert PASSWORD not in text
