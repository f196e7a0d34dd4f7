"""Accounts, their roles and scopes, web sessions, API tokens and login throttling.

Passwords are hashed with Argon2 (pwdlib). Sessions and API tokens are 256-bit random
strings handed to the client once; the store keeps only their SHA-256 (a fast hash is
enough for a secret that long, and a request must not spend Argon2's time on it).

A planner sees the contracts of their BCUs, a council user only its own contracts, an
admin every contract.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from scheduler.errors import COMMAND_LINE, InputError, Problem
from scheduler.store.audit import record
from scheduler.store.store import Store

ROLES: tuple[str, ...] = ("admin", "planner", "council")
NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
SCOPE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")  # as scenario contract ids and BCU codes
MIN_PASSWORD = 12
SESSION_LIFETIME = timedelta(hours=8)  # a working shift, then log in again
SESSION_IDLE = timedelta(hours=1)
_TOUCH_EVERY = timedelta(minutes=5)  # last_seen is written at most this often
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20

_hasher = PasswordHash((Argon2Hasher(),))
# verified against when the name is unknown, so both cases take Argon2's time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    bcus: frozenset[str]
    contracts: frozenset[str]
    disabled: bool = False

    def may_see(self, contract_id: str, bcu: str) -> bool:
        """Whether this account may read (and, if a planner or admin, change) a contract."""
        if self.disabled:
            return False
        if self.role == "admin":
            return True
        if self.role == "planner":
            return bcu in self.bcus
        return contract_id in self.contracts

    @property
    def plans(self) -> bool:
        """Planners and admins change rosters and the entry log; councils only read."""
        return self.role in ("admin", "planner") and not self.disabled


@dataclass(frozen=True)
class Session:
    account: Account
    csrf: str
    session_id: int


@dataclass(frozen=True)
class ApiToken:
    """An API token as the store keeps it: its number, its account, when made and ended."""

    id: int
    account: str
    created_at: str
    revoked_at: str | None


class Throttled(Exception):
    """Too many failed logins for this name or from this client: wait and try again."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """Account storage over one ``Store``; every write one transaction with its audit row."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- accounts -------------------------------------------------------------------------

    def add(
        self,
        name: str,
        role: str,
        password: str,
        *,
        bcus: Iterable[str] = (),
        contracts: Iterable[str] = (),
        actor: str,
    ) -> Account:
        bcus, contracts = sorted(set(bcus)), sorted(set(contracts))
        check_new_account(name, role, password, bcus, contracts)
        hashed = _hasher.hash(password)  # outside the lock: it is the slow part
        with self.store.transaction() as conn:
            # names differing only in case would be two accounts a person cannot tell apart
            same = conn.execute(
                "SELECT name FROM account WHERE lower(name) = lower(?)", (name,)
            ).fetchone()
            if same is not None:
                exists = "an account of that name exists"
                raise self._error(
                    "NAME", exists + ("" if same[0] == name else f": {same[0]}"), name
                )
            cur = conn.execute(
                "INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, hashed, self.store.stamp()),
            )
            account_id = int(cur.lastrowid or 0)
            for kind, values in (("bcu", bcus), ("contract", contracts)):
                conn.executemany(
                    "INSERT INTO account_scope (account_id, kind, value) VALUES (?, ?, ?)",
                    [(account_id, kind, v) for v in values],
                )
            scope = ", ".join([*(f"bcu {b}" for b in bcus), *(f"contract {c}" for c in contracts)])
            record(conn, self.store.stamp(), actor, "account.add", name, f"{role} {scope}".strip())
        account = self.get(name)
        assert account is not None
        return account

    def disable(self, name: str, *, actor: str) -> None:
        """Disable an account: it can no longer log in, and its sessions and tokens end."""
        with self.store.transaction() as conn:
            row = self._row(name)
            if row is None:
                raise self._error("NAME", "no such account", name)
            if row[4] is not None:
                raise self._error("NAME", "already disabled", name)
            now = self.store.stamp()
            conn.execute("UPDATE account SET disabled_at = ? WHERE id = ?", (now, row[0]))
            conn.execute(
                "UPDATE web_session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL",
                (now, row[0]),
            )
            conn.execute(
                "UPDATE api_token SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                (now, row[0]),
            )
            record(conn, now, actor, "account.disable", name)

    def get(self, name: str) -> Account | None:
        row = self._row(name)
        return None if row is None else self._account(row)

    def all(self) -> list[Account]:
        rows = self.store.query(
            "SELECT id, name, role, password_hash, disabled_at FROM account ORDER BY name"
        )
        return [self._account(r) for r in rows]

    def _row(self, name: str) -> tuple | None:
        if not NAME.match(name):  # no account has it (nor could: a name not UTF-8, say)
            return None
        rows = self.store.query(
            "SELECT id, name, role, password_hash, disabled_at FROM account WHERE name = ?", (name,)
        )
        return rows[0] if rows else None

    def _account(self, row: tuple) -> Account:
        scopes = self.store.query(
            "SELECT kind, value FROM account_scope WHERE account_id = ?", (row[0],)
        )
        return Account(
            id=row[0],
            name=row[1],
            role=row[2],
            bcus=frozenset(v for k, v in scopes if k == "bcu"),
            contracts=frozenset(v for k, v in scopes if k == "contract"),
            disabled=row[4] is not None,
        )

    def _by_id(self, account_id: int) -> Account | None:
        rows = self.store.query(
            "SELECT id, name, role, password_hash, disabled_at FROM account WHERE id = ?",
            (account_id,),
        )
        return self._account(rows[0]) if rows else None

    # -- logging in -----------------------------------------------------------------------

    def login(self, name: str, password: str, client: str) -> Account | None:
        """The account if the password is right and it is enabled; None otherwise (and the
        failure is counted). ``Throttled`` after too many recent failures, right or not."""
        since = _iso(self.store.now() - THROTTLE_WINDOW)
        by_name = self.store.query(
            "SELECT count(*) FROM login_failure WHERE name = ? AND at > ?", (name, since)
        )[0][0]
        by_client = self.store.query(
            "SELECT count(*) FROM login_failure WHERE client = ? AND at > ?", (client, since)
        )[0][0]
        if by_name >= MAX_FAILURES_PER_NAME or by_client >= MAX_FAILURES_PER_CLIENT:
            raise Throttled
        row = self._row(name) if NAME.match(name) else None
        ok = _hasher.verify(password, row[3] if row else _DUMMY_HASH)
        if row is None or not ok or row[4] is not None:
            with self.store.transaction() as conn:
                conn.execute(
                    "INSERT INTO login_failure (name, client, at) VALUES (?, ?, ?)",
                    (name[:64], client[:64], self.store.stamp()),
                )
            return None
        return self._account(row)

    def start_session(self, account: Account) -> tuple[str, Session]:
        """A new session: the cookie value (given to the browser once) and the session."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.store.now()
        with self.store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO web_session (token_hash, account_id, csrf, created_at, last_seen, "
                "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    token_hash(token),
                    account.id,
                    csrf,
                    _iso(now),
                    _iso(now),
                    _iso(now + SESSION_LIFETIME),
                ),
            )
            record(conn, _iso(now), account.name, "login")
        return token, Session(account, csrf, int(cur.lastrowid or 0))

    def session(self, token: str) -> Session | None:
        """The live session of a cookie value, or None (unknown, ended, expired or idle)."""
        rows = self.store.query(
            "SELECT id, account_id, csrf, last_seen, expires_at FROM web_session "
            "WHERE token_hash = ? AND ended_at IS NULL",
            (token_hash(token),),
        )
        if not rows:
            return None
        session_id, account_id, csrf, last_seen, expires_at = rows[0]
        now = self.store.now()
        seen = datetime.fromisoformat(last_seen)
        if now >= datetime.fromisoformat(expires_at) or now - seen >= SESSION_IDLE:
            return None
        account = self._by_id(account_id)
        if account is None or account.disabled:
            return None
        if now - seen >= _TOUCH_EVERY:
            with self.store.transaction() as conn:
                conn.execute(
                    "UPDATE web_session SET last_seen = ? WHERE id = ?", (_iso(now), session_id)
                )
        return Session(account, csrf, session_id)

    def session_account(self, token: str) -> str | None:
        """The name of the account a session cookie was given to, whether or not the
        session still lives (not if the account is disabled)."""
        rows = self.store.query(
            "SELECT a.name FROM web_session s JOIN account a ON a.id = s.account_id "
            "WHERE s.token_hash = ? AND a.disabled_at IS NULL",
            (token_hash(token),),
        )
        return str(rows[0][0]) if rows else None

    def end_session(self, session: Session) -> None:
        with self.store.transaction() as conn:
            now = self.store.stamp()
            conn.execute(
                "UPDATE web_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                (now, session.session_id),
            )
            record(conn, now, session.account.name, "logout")

    # -- API tokens ------------------------------------------------------------------------

    def create_token(self, name: str, *, actor: str) -> str:
        """A new API token for ``name``, returned once; the store keeps its hash."""
        return self.new_token(name, actor=actor)[1]

    def new_token(self, name: str, *, actor: str) -> tuple[int, str]:
        """A new API token for ``name``: its number (``tokens`` lists it, ``revoke_token``
        ends it) and its value, returned once; the store keeps its hash."""
        token = "s92_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            row = self._row(name)
            if row is None:
                raise self._error("NAME", "no such account", name)
            if row[4] is not None:
                raise self._error("NAME", "the account is disabled", name)
            cur = conn.execute(
                "INSERT INTO api_token (token_hash, account_id, created_at) VALUES (?, ?, ?)",
                (token_hash(token), row[0], self.store.stamp()),
            )
            token_id = int(cur.lastrowid or 0)
            record(conn, self.store.stamp(), actor, "token.create", name, f"token #{token_id}")
        return token_id, token

    def tokens(self) -> list[ApiToken]:
        """Every API token ever made, oldest first (a token's value is never kept)."""
        rows = self.store.query(
            "SELECT t.id, a.name, t.created_at, t.revoked_at FROM api_token t "
            "JOIN account a ON a.id = t.account_id ORDER BY t.id"
        )
        return [ApiToken(*row) for row in rows]

    def revoke_token(self, token_id: int, *, actor: str) -> ApiToken:
        """End API token ``token_id`` (as ``tokens`` numbers it): every call with it is
        refused from now on. The token as it was."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT t.id, a.name, t.created_at, t.revoked_at FROM api_token t "
                "JOIN account a ON a.id = t.account_id WHERE t.id = ?",
                (token_id,),
            ).fetchall()
            if not rows:
                raise self._error("ID", "no such token (s92 token list shows them)", token_id)
            token = ApiToken(*rows[0])
            if token.revoked_at is not None:
                raise self._error("ID", f"already revoked at {token.revoked_at}", token_id)
            now = self.store.stamp()
            conn.execute("UPDATE api_token SET revoked_at = ? WHERE id = ?", (now, token_id))
            record(conn, now, actor, "token.revoke", token.account, f"token #{token_id}")
        return token

    def token_account(self, token: str) -> Account | None:
        rows = self.store.query(
            "SELECT account_id FROM api_token WHERE token_hash = ? AND revoked_at IS NULL",
            (token_hash(token),),
        )
        if not rows:
            return None
        account = self._by_id(rows[0][0])
        return None if account is None or account.disabled else account

    def _error(self, field: str, message: str, value: object = None) -> InputError:
        return InputError.one(str(self.store.path), field, message, value)


def check_new_account(
    name: str, role: str, password: str, bcus: Iterable[str], contracts: Iterable[str]
) -> None:
    """``InputError`` naming every fault of a new account's name, role, password and
    scope: each is what ``s92 user add`` was given, so each is the command line's (as its
    other option errors are), said before the store is opened or made."""
    bcus, contracts = sorted(set(bcus)), sorted(set(contracts))
    problems: list[tuple[str, str, object]] = []
    if not NAME.match(name):
        problems.append(("NAME", "not an account name (letters, digits, _ . @ -)", name))
    if role not in ROLES:
        problems.append(("--role", f"not one of {', '.join(ROLES)}", role))
    # blanks at the ends guard nothing (12 spaces were a password, and a short word
    # padded with them); blanks within count, as in a passphrase
    kept = password.strip()
    if not password:
        problems.append(("--password-stdin", "no password on standard input", None))
    elif not kept:
        problems.append(("--password-stdin", "only blanks: no password", None))
    elif len(kept) < MIN_PASSWORD:
        ends = " (blanks at its ends not counted)" if kept != password else ""
        problems.append(("--password-stdin", f"shorter than {MIN_PASSWORD} characters{ends}", None))
    for option, values in (("--bcu", bcus), ("--contract", contracts)):
        problems += [
            (option, "not a BCU or contract id", v) for v in values if not SCOPE_ID.match(v)
        ]
    if role == "planner" and not bcus:
        problems.append(("--bcu", "a planner needs at least one BCU", None))
    if role == "council" and not contracts:
        problems.append(("--contract", "a council account needs at least one contract", None))
    if role == "admin" and (bcus or contracts):
        problems.append(
            ("--role", "an admin sees every contract: give no --bcu or --contract", role)
        )
    if role == "council" and bcus:
        problems.append(("--bcu", "a council account is scoped by --contract only", bcus[0]))
    if role == "planner" and contracts:
        problems.append(("--contract", "a planner is scoped by --bcu only", contracts[0]))
    if problems:
        raise InputError([Problem(COMMAND_LINE, *p) for p in problems])


def _iso(moment: datetime) -> str:
    """As ``Store.stamp`` writes times, so that stored times compare as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")
