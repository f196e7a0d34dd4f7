"""``s92 serve``: the web application and JSON API over the store (``scheduler.web``).

The commands and the server can run at the same time on one store: SQLite in WAL mode,
every write one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from scheduler.store import Store, add_db_argument, default_db_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8092, help="port (default 8092)")
    parser.add_argument(
        "--https-only",
        action="store_true",
        help="behind an HTTPS proxy: cookies are Secure, and HSTS is sent",
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from scheduler.web.app import ENV_DB, ENV_HTTPS, create_app_from_env

    db = Path(args.db) if args.db else default_db_path()
    with Store(db):  # create or migrate once, before any worker starts
        pass
    os.environ[ENV_DB] = str(db.resolve())
    os.environ[ENV_HTTPS] = "1" if args.https_only else ""
    print(f"s92 serve: {db} on http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(
        "scheduler.web.app:create_app_from_env" if args.workers > 1 else create_app_from_env(),
        factory=args.workers > 1,
        host=args.host,
        port=args.port,
        workers=args.workers if args.workers > 1 else None,
        proxy_headers=args.https_only,
        server_header=False,
        access_log=True,
    )
    return 0
