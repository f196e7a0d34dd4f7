"""Time ``s92 serve`` on a London store: the month grid, a council's FY report page, an
officer's feed, and 50 concurrent readers.

    nice -n 10 .venv/bin/python benchmarks/bench_serve.py [--requests 30] [--readers 50]

The store: ``scenarios/london.toml`` (330 officers, 24 contracts, FY2026) stored with its
roster, the synthetic 5-on-2-off year of ``bench_report.py`` (120,450 officer-days; the
server's speed does not depend on how the roster was made), and 5,200 live entries;
accounts for a planner and a council, and a feed token. Setting it up is not timed. The
server runs as a user starts it (``s92 serve --workers 2``, one process per core) on
127.0.0.1; requests go over HTTP from this process.

Timed: each page ``--requests`` times one after another (the first, cold, request is
reported apart: it decodes the roster version and fills the caches), then ``--readers``
clients at once, each reading the grid, the report and a feed in turn ``--rounds`` times.
``uptime`` is printed with every figure: the machine is shared. Targets: grid and report
page <= 300 ms median, feed <= 50 ms median, 50 readers p95 <= 1 s with no error.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import ModuleType

import httpx

from scheduler.scenario import load_scenario
from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.store.feeds import Feed, create_feed_token

ROOT = Path(__file__).resolve().parents[1]
LONDON = ROOT / "scenarios" / "london.toml"
PASSWORD = "benchmark password"


def _bench_report() -> ModuleType:
    """The bench_report module, for its synthetic roster and log."""
    spec = importlib.util.spec_from_file_location(
        "bench_report", ROOT / "benchmarks" / "bench_report.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(db: Path, entries: int) -> tuple[str, str, str]:
    """The store; returns (a contract id, its council's account name, a feed token)."""
    report = _bench_report()
    scenario = load_scenario(LONDON)
    roster = report.synthetic_roster(scenario)
    log = report.synthetic_log(roster, entries)
    contract = scenario.contracts[0]
    officer = scenario.officers_of(contract.id)[0].id
    with Store(db) as store:
        store.publish_roster(scenario.name, roster, "benchmark", scenario_text=LONDON.read_text())
        store.add_many(log)
        accounts = Accounts(store)
        accounts.add("planner", "admin", PASSWORD, actor="bench")
        accounts.add("council", "council", PASSWORD, contracts=[contract.id], actor="bench")
        token = create_feed_token(store, Feed(scenario.name, officer), actor="bench")
    return contract.id, "council", token


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "scheduler", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("the server did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def session(base: str, name: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/login")
    token = page.text.split('name="login_csrf" value="')[1].split('"')[0]
    r = client.post(
        "/login", data={"name": name, "password": PASSWORD, "next": "/", "login_csrf": token}
    )
    if r.status_code != 303:
        raise SystemExit(f"cannot log in as {name}: {r.status_code}")
    return client


def timed(client: httpx.Client, path: str, n: int) -> tuple[float, list[float]]:
    """(the cold first request, then n warm ones), in seconds."""

    def once() -> float:
        t = time.perf_counter()
        r = client.get(path)
        r.raise_for_status()
        return time.perf_counter() - t

    first = once()
    return first, [once() for _ in range(n)]


def readers(
    clients: list[httpx.Client], paths: list[str], rounds: int
) -> tuple[list[float], list[float], int]:
    """The clients at once, each reading ``paths`` ``rounds`` times: the latencies of the
    first round (the server's second worker starts cold) and of the rest."""
    count = len(clients)
    first: list[float] = []
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    start = threading.Barrier(count)

    def read(client: httpx.Client) -> None:
        nonlocal errors
        start.wait()
        for n in range(rounds):
            for path in paths:
                t = time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    (latencies if n else first).append(time.perf_counter() - t)
                    errors += not ok

    threads = [threading.Thread(target=read, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for c in clients:
        c.close()
    return first, latencies, errors


def server_cpu(group: int) -> float:
    """CPU seconds used so far by the server's processes (its process group)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / tick


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--entries", type=int, default=5200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "london.db"
        t = time.perf_counter()
        contract, council, feed = build(db, args.entries)
        print(f"store built in {time.perf_counter() - t:.1f} s (not timed)")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port, args.workers)
        try:
            planner = session(base, "planner")
            council_client = session(base, council)
            grid = f"/contracts/{contract}?month=2026-08"
            report = f"/contracts/{contract}/report?period=FY2026"
            feed_path = f"/feeds/{feed}.ics"
            print("| page | cold first request | median | p95 | load (uptime) |")
            print("|---|---|---|---|---|")
            for label, client, path in (
                ("contract month grid (planner)", planner, grid),
                ("council FY report page", council_client, report),
                ("officer feed (.ics)", planner, feed_path),
            ):
                # each server worker fills its own caches: the first request to each is cold
                cold, warm = timed(client, path, args.requests)
                warm.sort()
                p95 = warm[min(len(warm) - 1, int(0.95 * len(warm)))]
                print(
                    f"| {label} | {ms(cold)} | {ms(statistics.median(warm))} | {ms(p95)} "
                    f"| {uptime().split('load average: ')[-1]} |"
                )
            pages = [grid, report, feed_path]
            clients = [session(base, "council") for _ in range(args.readers)]
            cpu, wall, client_cpu = server_cpu(server.pid), time.perf_counter(), time.process_time()
            first, steady, errors = readers(clients, pages, args.rounds)
            cpu = server_cpu(server.pid) - cpu
            wall, client_cpu = time.perf_counter() - wall, time.process_time() - client_cpu
            print(f"\n{args.readers} concurrent readers, each the grid, the report and a feed:")
            print("| rounds | requests | median | p95 | max | errors | load (uptime) |")
            print("|---|---|---|---|---|---|---|")
            load = uptime().split("load average: ")[-1]
            for label, times in (("first (second worker cold)", first), ("the rest", steady)):
                times.sort()
                p95 = times[int(0.95 * (len(times) - 1))]
                print(
                    f"| {label} | {len(times)} | {ms(statistics.median(times))} | {ms(p95)} "
                    f"| {ms(times[-1])} | {errors if times is steady else '-'} | {load} |"
                )
            n = len(first) + len(steady)
            print(
                f"\nserver CPU {cpu:.1f} s for {n} requests ({ms(cpu / n)} a request; the "
                f"logins before are not counted); wall {wall:.1f} s; this client's own CPU "
                f"{client_cpu:.1f} s"
            )
            planner.close()
            council_client.close()
        finally:
            stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
