"""What a planner typed into a form sent once their session had ended, kept for them.

The form was not saved (no session, no CSRF to trust); the login page said "send it
again", and the entry, void or re-roster form came back empty: a long reason typed again
from memory. Its text fields are kept in a short-lived cookie of this browser only (never
in an address, which logs and history keep), with the account whose session ended: once
that account has logged in again, the page the form was on shows them in its form, to be
sent again; another account logging in on the browser sees nothing of them.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from scheduler.store.accounts import Accounts
from scheduler.store.store import Store

KEPT = "s92_kept"
KEPT_AGE = 3600  # as long as the login page's own form lasts
_MOST = 3800  # a cookie's value past about 4 KB is dropped by browsers: kept whole or not
_NOT_TYPED = frozenset({"csrf_token", "back"})
_VOID = re.compile(r"^/entries/([0-9]{1,18})/void$")
_REROSTER = re.compile(r"^/contracts/[^/]+/reroster$")
REROSTER_FIELDS = ("from_date", "notified", "time_limit")
SAID = "Your session had ended, so the form was not sent: what you typed is in it again below."


def keep(form: FormData, action: str, page: str, account: str) -> str | None:
    """The cookie's value for ``form``'s text fields, sent to ``action`` from ``page`` by
    ``account``; None when there is nothing typed to keep, or too much for a cookie."""
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str) and k not in _NOT_TYPED}
    if not fields or not (_VOID.match(action) or _REROSTER.match(action) or action == "/entries"):
        return None
    text = json.dumps({"account": account, "action": action, "page": page, "fields": fields})
    value = base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")
    return value if len(value) <= _MOST else None


def session_account(store: Store, request: Request, cookie: str) -> str | None:
    """The account whose session cookie the request still carries, live or not."""
    token = request.cookies.get(cookie, "")
    return Accounts(store).session_account(token) if token else None


def restore(request: Request, account: str, values: dict[str, Any]) -> bool:
    """Put what ``account`` typed into the form of the page being rendered (``values``,
    its template's), if the kept form was sent from this page; whether it was."""
    kept = _read(request.cookies.get(KEPT, ""))
    page = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if kept is None or kept["account"] != account or kept["page"] not in (page, request.url.path):
        return False
    fields: dict[str, str] = kept["fields"]
    action: str = kept["action"]
    if action == "/entries":
        values["form"] = fields
    elif found := _VOID.match(action):
        values["voiding"] = {**fields, "id": int(found[1])}
    else:
        values.update({k: fields[k] for k in REROSTER_FIELDS if k in fields})
    values["kept_said"] = SAID
    return True


def forget(response: Response) -> None:
    response.delete_cookie(KEPT, path="/")


def _read(value: str) -> dict[str, Any] | None:
    if not value:
        return None
    try:
        kept = json.loads(base64.urlsafe_b64decode(value.encode("ascii")))
    except (ValueError, UnicodeError):
        return None
    shape = {"account": str, "action": str, "page": str, "fields": dict}
    if not isinstance(kept, dict) or any(not isinstance(kept.get(k), t) for k, t in shape.items()):
        return None
    if not all(isinstance(v, str) for v in kept["fields"].values()):
        return None
    return kept
