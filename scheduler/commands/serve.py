"""``s92 serve``: the web application and JSON API over the store (``scheduler.web``).

The commands and the server can run at the same time on one store: SQLite in WAL mode,
every write one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import argparse
import os
import socket
from pathlib import Path

from scheduler.errors import COMMAND_LINE, InputError
from scheduler.limits import int_between
from scheduler.store import Store, add_db_argument, default_db_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int_between(1, 65535), default=8092, help="port (default 8092)"
    )
    parser.add_argument(
        "--https-only",
        action="store_true",
        help="behind an HTTPS proxy: cookies are Secure, and HSTS is sent",
    )
    parser.add_argument(
        "--workers", type=int_between(1, 64), default=1, help="server processes (default 1)"
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from scheduler.web.app import ENV_DB, ENV_HTTPS, create_app_from_env

    db = Path(args.db) if args.db else default_db_path()
    with Store(db):  # create or migrate once, before any worker starts
        pass
    free_to_listen(args.host, args.port)
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


def free_to_listen(host: str, port: int) -> None:
    """Refuse, in one line, an address the server could not listen on (a port another
    server holds, a host name that is not this machine's), before saying it serves there:
    uvicorn printed its own error after our 'serving on' line, with exit status 3."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:  # a name not found is the host's fault, the rest the port's
        field, value = ("--host", host) if isinstance(exc, socket.gaierror) else ("--port", port)
        why = exc.strerror or str(exc)
        raise InputError.one(
            COMMAND_LINE, field, f"cannot listen on {host}:{port}: {why}", value
        ) from None
