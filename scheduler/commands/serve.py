"""``s92 serve``: the web application and JSON API over the store (``scheduler.web``).

The commands and the server can run at the same time on one store: SQLite in WAL mode,
every write one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
from pathlib import Path

from scheduler.errors import COMMAND_LINE, InputError, disk_advice
from scheduler.limits import MAX_SERVER_WORKERS, int_between
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
        "--workers",
        metavar="N",
        type=int_between(1, MAX_SERVER_WORKERS),
        default=1,
        help="server processes (default 1)",
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from scheduler.web.app import ENV_DB, ENV_HTTPS, create_app_from_env

    db = Path(args.db) if args.db else default_db_path()
    # both faults said at once, the store's first (a --db mistyped is the user's own): the
    # port in use alone sent a user to free it, only to be told next the store is missing
    problems = []
    for check in (lambda: _open_store(db), lambda: _can_listen(args.host, args.port)):
        try:
            check()
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
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


def _open_store(db: Path) -> None:
    """Migrate once, before any worker starts; a store that is not there is refused, as
    every reading command refuses it: a --db mistyped served an empty store no one could
    log in to."""
    with Store(db, create=False):
        pass


def _can_listen(host: str, port: int) -> None:
    """``InputError`` now unless the server can listen on ``host``:``port``: a name that
    does not resolve, an address not this machine's or a port in use would otherwise end
    the server after it said it was serving, in several lines of its log and exit 3."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise InputError.one(
            COMMAND_LINE, "--host", f"not an address here: {reason}", host
        ) from None
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        # as uvicorn binds: a port left in TIME_WAIT by a server just stopped is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                message = "not an address of this machine: give another --host"
                raise InputError.one(COMMAND_LINE, "--host", message, host) from None
            advice = (
                "the port is in use (another s92 serve?): stop that or give another --port"
                if exc.errno == errno.EADDRINUSE
                else disk_advice(exc)
            )
            message = f"cannot listen on {host}:{port}: {advice}"
            raise InputError.one(COMMAND_LINE, "--port", message, port) from None
