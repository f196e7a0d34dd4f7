"""Background re-rosters whose process is gone: a server killed mid-job (kill -9, the OOM
killer, a container restarted) leaves no callback to end the preview."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store
from scheduler.store.previews import Preview, start
from scheduler.web.jobs import process_tag


def _running(db: Path, job_id: str, worker: str) -> str:
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
                "re-roster EAST-A (web)",
                5.0,
                datetime.now(UTC),
                None,
                None,
                "",
                None,
                worker,
            ),
        )
    return f"/contracts/EAST-A/jobs/{job_id}"


def test_a_re_roster_whose_process_died_says_so_instead_of_solving_for_ever(
    client: TestClient, db: Path
) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "from scheduler.web.jobs import process_tag; print(process_tag())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dead = _running(db, "dead-job", ended)
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
