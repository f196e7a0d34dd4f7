"""iCalendar (RFC 5545 / RFC 7986) rosters: one calendar per officer, one per contract for the
council, and one of the High Demand Days.

Publishing is a subscription feed (METHOD:PUBLISH), so what matters to calendar clients is
that an event keeps its UID from one export to the next and that SEQUENCE rises when it
changes. UIDs are HMAC-SHA256 digests of a stable key (scenario, officer, date, slot) under
a secret held in the store (``scheduler.store.feeds.ical_secret``; ``$S92_ICAL_SECRET``
overrides it), so every export and every served feed of one store gives the same UIDs:
opaque, so a feed leaks no officer id or date through them. ``out_dir/.s92-ical.json`` maps
each UID to a hash of its content and its sequence number (and, written by an older s92 or
without a store, holds the secret too: ``folder_secret`` reads it for adoption).

Speed: icalendar's component objects cost about 0.1 ms an event, too slow for London (330
officers x 365 days is 120,000 events in under 5 s). So icalendar builds only the calendar
header and the Europe/London VTIMEZONE (once per span); events are rendered from a few
templates with RFC 5545 escaping and line folding, and the tests read every file back with
icalendar and with the independent ``ical`` parser.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from icalendar import Calendar, Timezone

from calendars import LONDON, HighDemandDay, bank_holidays, high_demand_days
from scheduler.errors import InputError
from scheduler.files import Staged, write_bytes
from scheduler.scenario.model import Scenario, Shift
from scheduler.store.feeds import feed_calendar
from scheduler.table import DUTY_STATES

__all__ = [
    "CONTRACTS_DIR",
    "HDD_FILE",
    "OFFICERS_DIR",
    "SECRET_ENV",
    "STATE_FILE",
    "IcalState",
    "RosterDay",
    "export_contract_calendars",
    "export_hdd_calendar",
    "export_ical",
    "export_officer_calendars",
    "folder_secret",
    "ical_file_names",
    "officer_calendar",
    "roster_days",
]

TZID = "Europe/London"
PRODID = "-//s92//Section 92 rosters//EN"
HDD_DESCRIPTION = "MPS High Demand Days: s92 officers may be put on aid"
REFRESH = timedelta(hours=12)  # how often subscribers should re-fetch (RFC 7986)
STATE_FILE = ".s92-ical.json"
SECRET_ENV = "S92_ICAL_SECRET"
OFFICERS_DIR = "officers"
CONTRACTS_DIR = "contracts"
HDD_FILE = "high-demand-days.ics"
UID_DOMAIN = "s92"
_STATE_VERSION = 1
_CRLF = "\r\n"
_END = b"END:VCALENDAR\r\n"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")  # officer/contract ids (scenario schema)

# How each state reads in an officer's calendar and in a council's day summary.
STATE_LABELS: dict[str, str] = {
    "DUTY": "On duty",
    "HDD_AID": "HDD aid",
    "EMERGENCY_AID": "Emergency aid",
    "ABSTRACTED": "Abstracted",
    "TRAINING": "Training",
    "COURT": "Court",
    "SICK": "Sick",
    "LEAVE": "Annual leave",
    "PUBLIC_HOLIDAY": "Public holiday",
    "REST": "Rest day",
}
# For the council: officers working for it, away from it, or off as rostered.
_OFF_AS_ROSTERED = frozenset({"REST", "PUBLIC_HOLIDAY"})


# --- state: secret, UIDs and sequences ---------------------------------------------------


@dataclass
class IcalState:
    """What must survive between exports into one directory.

    ``events`` maps UID -> "content hash:SEQUENCE" (one string rather than a pair: JSON
    writes a London year of them three times faster). Entries of events no longer
    exported are kept, so a duty that disappears and comes back continues its sequence.
    """

    secret: bytes
    events: dict[str, str] = field(default_factory=dict)
    # UID -> the store's key of the officer's calendar it was rendered in (``feed_calendar``)
    feed_calendars: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    secret_from_env: bool = False
    secret_stored: bool = False  # the store holds it: never written to the folder
    # content -> digest: officers on the same tour share event bodies, hash each once
    _digests: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _changed: bool = field(default=True, repr=False, compare=False)
    _loaded_from: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def new(cls, secret: bytes | None = None) -> IcalState:
        """A fresh state: ``$S92_ICAL_SECRET`` if set, else ``secret`` (the store's), else a
        new random secret (kept in the folder's state file)."""
        env = os.environ.get(SECRET_ENV)
        if env:
            # the bytes as set: the same as UTF-8 text, and a secret in another encoding too
            return cls(secret=os.fsencode(env), secret_from_env=True)
        if secret is not None:
            return cls(secret=secret, secret_stored=True)
        return cls(secret=secrets.token_bytes(32))

    @classmethod
    def load(cls, out_dir: str | os.PathLike[str], secret: bytes | None = None) -> IcalState:
        """The state in ``out_dir``, or a fresh one. The secret: ``$S92_ICAL_SECRET`` if set,
        else ``secret`` (the store's), else the one in the folder's state file."""
        path = Path(out_dir) / STATE_FILE
        data = _read_state(path)
        if data is None:
            return cls.new(secret)
        state = cls._from_json(data, str(path), secret)
        # changed only to re-save without the secret (it now lives in the store), or with
        # the mark of the secret a folder written before the mark did not carry
        changed = (secret is not None and "secret" in data) or "uid_key_mark" not in data
        return replace(state, _loaded_from=path, _changed=changed)

    @classmethod
    def _from_json(cls, data: object, where: str, secret: bytes | None = None) -> IcalState:
        if not isinstance(data, dict) or data.get("version") != _STATE_VERSION:
            raise InputError.one(where, "version", "not an s92 iCal state file", None)
        events = data.get("events")
        if not isinstance(events, dict) or not all(
            isinstance(v, str) and v.partition(":")[2].isdigit() for v in events.values()
        ):
            raise InputError.one(where, "events", 'must map UID -> "hash:sequence"')
        state = cls.new(secret)
        if not (state.secret_from_env or state.secret_stored):
            try:
                state.secret = bytes.fromhex(str(data["secret"]))
            except (KeyError, ValueError):
                raise InputError.one(
                    where, "secret", f"missing or not hex (or set {SECRET_ENV})"
                ) from None
        made_with = data.get("uid_key_mark")
        if made_with is not None and made_with != state.uid_key_mark:
            raise InputError.one(
                where,
                "uid_key_mark",
                "the calendars here were made with a different UID secret (another store, "
                f"or {SECRET_ENV}): exporting again would give every event a new UID and "
                "subscribers would see each duty twice; use the --db the folder was made "
                "with, or export into a new folder",
                made_with,
            )
        state.events = events
        return state

    def save(self, out_dir: str | os.PathLike[str], staged: Staged | None = None) -> Path:
        """Write atomically (or stage with the calendars); owner-only: it holds the secret.

        Skipped when nothing changed since it was loaded from this very file (a re-export
        of an unchanged London year saves a quarter of a second).
        """
        path = Path(out_dir) / STATE_FILE
        if not self._changed and self._loaded_from == path and path.exists():
            return path
        payload: dict[str, Any] = {
            "version": _STATE_VERSION,
            "uid_key_mark": self.uid_key_mark,
            "events": self.events,
        }
        if not (self.secret_from_env or self.secret_stored):  # never copy it to the folder
            payload["secret"] = self.secret.hex()
        text = json.dumps(payload, separators=(",", ":"))
        if staged is None:
            write_bytes(path, text.encode("utf-8"), mode=0o600)
        else:
            staged.put(path, text.encode("utf-8"), mode=0o600)
        self._loaded_from, self._changed = path, False
        return path

    @property
    def uid_key_mark(self) -> str:
        """A mark of the secret that tells secrets apart but gives none of it away, kept in
        the folder so that an export with another secret is refused."""
        return hmac.digest(self.secret, b"s92 ical folder", "sha256")[:8].hex()

    def uid(self, *key: str) -> str:
        """Opaque, stable UID: 128 bits of HMAC-SHA256 of the key under the secret."""
        digest = hmac.digest(self.secret, "\x1f".join(key).encode("utf-8"), "sha256")
        return f"{digest[:16].hex()}@{UID_DOMAIN}"

    def adopt(self, known: Mapping[str, str]) -> None:
        """Continue from the sequences ``known`` elsewhere (UID -> "hash:SEQUENCE": the
        store's, which its served feeds raise): each event takes the greater of the two,
        so no calendar ever offers a client a SEQUENCE lower than one it was given."""
        for uid, value in known.items():
            mine = self.events.get(uid)
            if mine is None or int(mine.partition(":")[2]) < int(value.partition(":")[2]):
                self.events[uid] = value
                self._changed = True

    def _digest(self, content: str) -> str:
        digest = self._digests.get(content)
        if digest is None:
            digest = hashlib.blake2b(content.encode("utf-8"), digest_size=8).hexdigest()
            self._digests[content] = digest
        return digest

    def written(self, uid: str, content: str, sequence: int) -> None:
        """An event a calendar in the folder holds with ``content`` at ``sequence``: the
        state follows it where it knows the event at a lower sequence (or not at all)."""
        entry = self.events.get(uid)
        if entry is None or int(entry.partition(":")[2]) < sequence:
            self.events[uid] = f"{self._digest(content)}:{sequence}"
            self._changed = True

    def sequence(self, uid: str, content: str) -> int:
        """0 for a new event; one more each time its content differs from last export."""
        digest = self._digest(content)
        entry = self.events.get(uid)
        if entry is None:
            self.events[uid] = f"{digest}:0"
            self._changed = True
            return 0
        previous, _, number = entry.partition(":")
        sequence = int(number)
        if previous != digest:
            sequence += 1
            self.events[uid] = f"{digest}:{sequence}"
            self._changed = True
        return sequence


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:  # OSError: the caller's
        raise InputError.one(str(path), "", f"unreadable iCal state file ({exc})") from None
    if not isinstance(data, dict):
        raise InputError.one(str(path), "version", "not an s92 iCal state file", None)
    return data


def folder_secret(out_dir: str | os.PathLike[str]) -> bytes | None:
    """The UID secret an older s92 (or an export without a store) kept in ``out_dir``."""
    path = Path(out_dir) / STATE_FILE
    data = _read_state(path)
    if data is None or "secret" not in data:
        return None
    try:
        return bytes.fromhex(str(data["secret"]))
    except ValueError:
        raise InputError.one(str(path), "secret", "not hex") from None


# --- RFC 5545 text ------------------------------------------------------------------------

# TEXT may not hold control characters other than HTAB (RFC 5545 §3.3.11); newlines escape.
_CONTROLS = {c: None for c in range(32) if c not in (9, 10, 13)} | {127: None}


@lru_cache(maxsize=8192)  # summaries repeat: "Rest day", "Late tour (L) 15:00–23:00" ...
def escape_text(text: str) -> str:
    return (
        text.translate(_CONTROLS)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character or an escape."""
    if len(line) <= 75 and line.isascii():
        return line + _CRLF
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + _CRLF
    parts: list[bytes] = []
    begin, limit = 0, 75
    while len(data) - begin > limit:
        cut = begin + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte
            cut -= 1
        backslashes = 0
        while data[cut - 1 - backslashes] == 0x5C:
            backslashes += 1
        if backslashes % 2:  # keep "\," "\;" "\n" "\\" whole for lenient clients
            cut -= 1
        parts.append(data[begin:cut])
        begin, limit = cut, 74  # continuation lines start with a space
    parts.append(data[begin:])
    return b"\r\n ".join(parts).decode("utf-8") + _CRLF


def _stamp(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    day = f"{utc.year:04d}{utc.month:02d}{utc.day:02d}"
    return f"{day}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"


@lru_cache(maxsize=4096)
def _date_value(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _datetime_line(name: str, moment: datetime) -> str:
    """DTSTART/DTEND with TZID=Europe/London; UTC for the repeated hour in October.

    A TZID time in the hour the clocks go back means its first occurrence (RFC 5545
    §3.3.5), so an instant in the second one can only be written in UTC.
    """
    local = moment.astimezone(LONDON)
    if local.fold:
        return f"{name}:{_stamp(moment)}{_CRLF}"
    value = (
        f"{local.year:04d}{local.month:02d}{local.day:02d}"
        f"T{local.hour:02d}{local.minute:02d}{local.second:02d}"
    )
    return f"{name};TZID={TZID}:{value}{_CRLF}"


@lru_cache(maxsize=16384)  # officers share tours: render each (start, end) once
def _interval_lines(start: datetime, end: datetime) -> str:
    return _datetime_line("DTSTART", start) + _datetime_line("DTEND", end)


@lru_cache(maxsize=16384)  # summaries and descriptions repeat across officers and days
def _text_line(name: str, text: str) -> str:
    return fold(f"{name}:{escape_text(text)}")


def _timed_body(
    start: datetime, end: datetime, summary: str, description: str, transparent: bool
) -> str:
    return (
        _interval_lines(start, end)
        + _text_line("SUMMARY", summary)
        + (_text_line("DESCRIPTION", description) if description else "")
        + ("TRANSP:TRANSPARENT\r\n" if transparent else "TRANSP:OPAQUE\r\n")
    )


def _all_day_body(day: date, summary: str, description: str) -> str:
    """An all-day event that does not block time (rest, leave, council day summaries)."""
    return (
        f"DTSTART;VALUE=DATE:{_date_value(day)}{_CRLF}"
        f"DTEND;VALUE=DATE:{_date_value(day + timedelta(days=1))}{_CRLF}"
        + _text_line("SUMMARY", summary)
        + (_text_line("DESCRIPTION", description) if description else "")
        + "TRANSP:TRANSPARENT\r\n"
    )


def _event(state: IcalState, uid: str, stamp: str, body: str) -> str:
    sequence = state.sequence(uid, body)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\n"
        f"{body}END:VEVENT\r\n"
    )


@lru_cache(maxsize=16)
def _vtimezone(first: date, last: date) -> bytes:
    """Europe/London transitions over [first, last], generated from zoneinfo once."""
    return Timezone.from_tzinfo(LONDON, TZID, first_date=first, last_date=last).to_ical()


def _calendar_bytes(
    name: str, description: str, calendar_uid: str, span: tuple[date, date], events: list[str]
) -> bytes:
    header = Calendar.new(
        prodid=PRODID,
        calscale="GREGORIAN",
        method="PUBLISH",
        name=name,  # NAME and X-WR-CALNAME
        description=description,  # DESCRIPTION and X-WR-CALDESC
        uid=calendar_uid,
    )
    header.add("X-WR-TIMEZONE", TZID)
    header.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    header.add("X-PUBLISHED-TTL", "PT12H")  # the same hint for Outlook and older clients
    text = header.to_ical()
    if not text.endswith(_END):  # pragma: no cover - the events go in just before it
        raise RuntimeError("icalendar did not end the calendar with END:VCALENDAR")
    first, last = span
    # Night tours end the next day: cover one day either side of the events.
    zone = _vtimezone(first - timedelta(days=1), last + timedelta(days=2))
    return b"".join((text[: -len(_END)], zone, "".join(events).encode("utf-8"), _END))


# --- the roster table ---------------------------------------------------------------------


class RosterDay(NamedTuple):
    """One row of the roster table, parsed."""

    officer_id: str
    contract_id: str
    day: date
    state: str
    shift: str
    start: datetime | None
    end: datetime | None
    event: str


def _text(value: object) -> str:
    if type(value) is str:  # the common case, first
        return value.strip()
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


# A year's roster repeats a few hundred dates and tour times: parse each text once.
@lru_cache(maxsize=65536)
def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value)[:10])


@lru_cache(maxsize=65536)
def _instant(value: object) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    else:
        text = _text(value)
        if not text:
            return None
        moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset")
    return moment


def roster_days(roster_df: pd.DataFrame) -> list[RosterDay]:
    """The roster table as parsed rows, sorted by officer then date.

    Raises ValueError naming the officer and date of the first malformed row; a duty state
    without start and end is malformed (the roster CSV keeps them for every duty state).
    """
    officers, contracts, states, shifts, events = (
        _text_column(roster_df[c]) for c in ("officer_id", "contract_id", "state", "shift", "event")
    )
    cells = (roster_df[c].tolist() for c in ("date", "start", "end"))
    days: list[RosterDay] = []
    for officer, contract, state, shift, event, day, start, end in zip(
        officers, contracts, states, shifts, events, *cells, strict=True
    ):
        try:
            row = RosterDay(
                officer, contract, _day(day), state, shift, _instant(start), _instant(end), event
            )
        except ValueError as exc:
            raise ValueError(f"roster row {officer} {_text(day)}: {exc}") from None
        if row.start is None or row.end is None:
            if state in DUTY_STATES:
                raise ValueError(f"roster row {officer} {row.day}: {state} needs start and end")
        elif row.end <= row.start:
            raise ValueError(f"roster row {officer} {row.day}: end is not after start")
        days.append(row)
    days.sort(key=lambda d: (d.officer_id, d.day))
    return days


def _text_column(column: pd.Series) -> list[str]:
    """A column as stripped text, missing values as ""."""
    return [v.strip() if type(v) is str else _text(v) for v in column.tolist()]


def _span(days: Sequence[RosterDay], fallback: tuple[date, date]) -> tuple[date, date]:
    if not days:
        return fallback
    return min(d.day for d in days), max(d.day for d in days)


def ical_file_names(scenario: Scenario) -> list[str]:
    """Every file an export of ``scenario`` writes, relative to its folder (for the
    command's check of the folder before it starts)."""
    officers = [f"{OFFICERS_DIR}/{o.id}.ics" for o in scenario.officers]
    contracts = [f"{CONTRACTS_DIR}/{c.id}.ics" for c in scenario.contracts]
    return [STATE_FILE, HDD_FILE, *officers, *contracts]


def _safe_name(identifier: str, what: str) -> str:
    """Ids become file names: refuse anything that could leave the output directory."""
    if not _SAFE_NAME.match(identifier) or identifier in {".", ".."}:
        raise ValueError(f"{what} {identifier!r} is not usable as a file name")
    return identifier


# --- wording ------------------------------------------------------------------------------


def _clock(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local.hour:02d}:{local.minute:02d}"


@lru_cache(maxsize=16384)
def _tour_facts(start: datetime, end: datetime) -> tuple[str, str]:
    """("15:00–23:00", "8 h elapsed ...") of a tour, worked out once per distinct tour."""
    hours = (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600
    a, b = start.astimezone(LONDON), end.astimezone(LONDON)
    # The wall clock's length, which differs from the real one across a clock change.
    wall = (b.replace(tzinfo=None) - a.replace(tzinfo=None)).total_seconds() / 3600
    length = f"{hours:g} h elapsed"
    if abs(hours - wall) > 1e-9:
        length += f" (the clocks change during this tour: {wall:g} h on the wall clock)"
    return f"{_clock(start)}–{_clock(end)}", length


def _tour_label(shift_code: str, shifts: Mapping[str, Shift]) -> str:
    shift = shifts.get(shift_code)
    if shift is None:
        return f"Tour ({shift_code})" if shift_code else "Tour"
    name = shift.name or shift.code
    return f"{name} tour ({shift.code})"


def officer_summary(d: RosterDay, shifts: Mapping[str, Shift], holidays: Mapping[date, str]) -> str:
    """SUMMARY of an officer's day: "Late tour (L) 15:00–23:00", "Abstracted: court" ..."""
    if d.state == "DUTY" and d.start and d.end:
        return f"{_tour_label(d.shift, shifts)} {_tour_facts(d.start, d.end)[0]}"
    if d.state == "PUBLIC_HOLIDAY":
        # the holiday's name: the event is the leave it falls in ("annual leave"), if any
        name = holidays.get(d.day) or d.event
        return f"Public holiday: {name}" if name else "Public holiday"
    label = STATE_LABELS.get(d.state, d.state.title())
    return f"{label}: {d.event}" if d.event and d.state in DUTY_STATES else label


def _officer_description(d: RosterDay, start: datetime, end: datetime) -> str:
    return f"Contract {d.contract_id}. {_tour_facts(start, end)[1]}."


# --- officer calendars --------------------------------------------------------------------


def export_officer_calendars(
    scenario: Scenario,
    roster_df: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    *,
    previous_state: IcalState | None = None,
    secret: bytes | None = None,
) -> list[Path]:
    """One ``officers/<officer id>.ics`` per officer in the roster; returns the paths.

    Tours are timed events (TZID=Europe/London) that block time; rest days, leave, public
    holidays and sickness are all-day transparent events. ``previous_state`` continues the
    UIDs and sequences of an earlier export (default: the state kept in ``out_dir``).
    """
    return _export_one(_officer_calendars, scenario, roster_df, out_dir, previous_state, secret)


def _officer_calendars(
    scenario: Scenario,
    days: list[RosterDay],
    out: Path,
    state: IcalState,
    stamp: str,
    staged: Staged,
) -> list[Path]:
    span = _span(days, (scenario.start, scenario.end))
    render = _OfficerCalendars(scenario, span, state, stamp)
    paths = []
    for officer_id, rows in groupby(days, key=lambda d: d.officer_id):
        path = out / OFFICERS_DIR / f"{_safe_name(officer_id, 'officer id')}.ics"
        staged.put(path, render(officer_id, rows))
        paths.append(path)
    return paths


def officer_calendar(
    scenario: Scenario,
    officer_id: str,
    roster_df: pd.DataFrame,
    state: IcalState,
    published: datetime,
) -> bytes:
    """One officer's calendar as ``export_officer_calendars`` writes it, for a served feed:
    ``roster_df`` holds that officer's rows, ``published`` (the version's publication)
    is the DTSTAMP, so an unchanged roster renders to the same bytes."""
    days = roster_days(roster_df)
    span = (scenario.start, scenario.end)
    render = _OfficerCalendars(scenario, span, state, _stamp(published.replace(microsecond=0)))
    return render(officer_id, days)


def departed_officer_calendar(
    scenario: Scenario,
    officer_id: str,
    roster_df: pd.DataFrame,
    state: IcalState,
    published: datetime,
    first: date,
) -> bytes | None:
    """The served feed of an officer the scenario no longer holds: their calendar as the
    last roster that held them renders it (``scenario`` that roster's, ``roster_df`` their
    rows), cancelled from ``first`` on as ``s92 ical`` cancels a departed officer's
    exported calendar (``_cancelled_from``, the one account of what such a calendar holds):
    UIDs kept, SEQUENCE one more than ``state`` (the store's) had for the tour as shown.
    ``published`` is the DTSTAMP. None if no event falls on a day from ``first`` on."""
    as_shown = officer_calendar(scenario, officer_id, roster_df, IcalState(state.secret), published)
    calendar_uid = state.uid("calendar", "officer", scenario.name, officer_id)
    stamp = _stamp(published.replace(microsecond=0))
    feed = feed_calendar(scenario.name, officer_id)
    return _cancelled_from(as_shown, calendar_uid, state, stamp, first, feed)


class _OfficerCalendars:
    """Renders officers' calendars of one export; officers with the same day share bodies."""

    def __init__(
        self, scenario: Scenario, span: tuple[date, date], state: IcalState, stamp: str
    ) -> None:
        self.scenario, self.span, self.state, self.stamp = scenario, span, state, stamp
        self.shifts = {s.code: s for s in scenario.shifts}
        self.holidays = bank_holidays(*span)
        self.bodies: dict[tuple[Any, ...], str] = {}

    def __call__(self, officer_id: str, rows: Iterable[RosterDay]) -> bytes:
        name, state = self.scenario.name, self.state
        events = []
        slots: Counter[date] = Counter()  # a second row on one day gets its own UID
        calendar = feed_calendar(name, officer_id)
        for d in rows:
            slot = slots[d.day]
            slots[d.day] += 1
            uid = state.uid("officer", name, officer_id, d.day.isoformat(), str(slot))
            state.feed_calendars[uid] = calendar
            key = (d.day, d.state, d.shift, d.event, d.start, d.end, d.contract_id)
            body = self.bodies.get(key)
            if body is None:
                body = self.bodies[key] = _officer_body(d, self.shifts, self.holidays)
            events.append(_event(state, uid, self.stamp, body))
        title = f"{officer_id} roster – {name}"
        calendar_uid = state.uid("calendar", "officer", name, officer_id)
        return _calendar_bytes(
            title, f"s92 roster for {officer_id}", calendar_uid, self.span, events
        )


def _officer_body(d: RosterDay, shifts: Mapping[str, Shift], holidays: Mapping[date, str]) -> str:
    """A tour blocks time; a day off is an all-day event that does not."""
    summary = officer_summary(d, shifts, holidays)
    if d.start and d.end:
        description = _officer_description(d, d.start, d.end)
        return _timed_body(d.start, d.end, summary, description, transparent=False)
    return _all_day_body(d.day, summary, "")


# --- contract calendars -------------------------------------------------------------------


def export_contract_calendars(
    scenario: Scenario,
    roster_df: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    *,
    previous_state: IcalState | None = None,
    secret: bytes | None = None,
) -> list[Path]:
    """One ``contracts/<contract id>.ics`` per contract for the council.

    Each day is an all-day event counting officers on duty for the council, away and off,
    with their pseudonymous ids by state; each HDD while the agreement holds is a timed event
    for its aid tour.
    """
    return _export_one(_contract_calendars, scenario, roster_df, out_dir, previous_state, secret)


def _contract_calendars(
    scenario: Scenario,
    days: list[RosterDay],
    out: Path,
    state: IcalState,
    stamp: str,
    staged: Staged,
) -> list[Path]:
    by_contract: dict[str, dict[date, list[RosterDay]]] = defaultdict(lambda: defaultdict(list))
    for d in days:
        by_contract[d.contract_id][d.day].append(d)
    span = _span(days, (scenario.start, scenario.end))
    hdds = scenario.high_demand_days()
    contracts = {c.id: c for c in scenario.contracts}
    paths = []
    for contract_id in sorted(by_contract):
        path = out / CONTRACTS_DIR / f"{_safe_name(contract_id, 'contract id')}.ics"
        per_day = by_contract[contract_id]
        events = _contract_day_events(scenario.name, contract_id, per_day, state, stamp)
        contract = contracts.get(contract_id)
        # the HDDs of the agreement's days: none "0 on aid" before it starts or after it ends
        held = [h for h in hdds if contract is None or contract.in_force(h.date)]
        events += _contract_hdd_events(scenario.name, contract_id, per_day, held, state, stamp)
        council = contract.council if contract is not None else ""
        name = f"{contract_id} officers – {council or scenario.name}"
        calendar_uid = state.uid("calendar", "contract", scenario.name, contract_id)
        description = f"s92 officers on duty and away, {scenario.name}"
        staged.put(path, _calendar_bytes(name, description, calendar_uid, span, events))
        paths.append(path)
    return paths


def contract_day_summary(rows: Sequence[RosterDay]) -> tuple[str, str]:
    """("3 on duty, 1 away, 1 off", one line per state: "Rest day (1): HAV-05" ...)."""
    by_state: dict[str, list[str]] = defaultdict(list)
    for d in sorted(rows, key=lambda r: r.officer_id):
        by_state[d.state].append(
            f"{d.officer_id} ({d.shift})" if d.state == "DUTY" else d.officer_id
        )
    on_duty = len(by_state.get("DUTY", ()))
    off = sum(len(by_state.get(s, ())) for s in _OFF_AS_ROSTERED)
    away = len(rows) - on_duty - off
    summary = f"{on_duty} on duty, {away} away, {off} off"
    order = [s for s in STATE_LABELS if s in by_state] + sorted(set(by_state) - set(STATE_LABELS))
    lines = [
        f"{STATE_LABELS.get(s, s.title())} ({len(by_state[s])}): {' '.join(by_state[s])}"
        for s in order
    ]
    return summary, "\n".join(lines)


def _contract_day_events(
    scenario_name: str,
    contract_id: str,
    per_day: Mapping[date, list[RosterDay]],
    state: IcalState,
    stamp: str,
) -> list[str]:
    events = []
    for day in sorted(per_day):
        summary, description = contract_day_summary(per_day[day])
        uid = state.uid("contract-day", scenario_name, contract_id, day.isoformat())
        body = _all_day_body(day, f"{contract_id}: {summary}", description)
        events.append(_event(state, uid, stamp, body))
    return events


def _contract_hdd_events(
    scenario_name: str,
    contract_id: str,
    per_day: Mapping[date, list[RosterDay]],
    hdds: Iterable[HighDemandDay],
    state: IcalState,
    stamp: str,
) -> list[str]:
    events = []
    for hdd in hdds:
        on_aid = sorted(d.officer_id for d in per_day.get(hdd.date, ()) if d.state == "HDD_AID")
        start, end = hdd.interval()
        summary = f"HDD: {hdd.name} – {len(on_aid)} on aid"
        description = f"HDD aid ({len(on_aid)}): {' '.join(on_aid)}" if on_aid else ""
        uid = state.uid("contract-hdd", scenario_name, contract_id, hdd.date.isoformat())
        body = _timed_body(start, end, summary, description, transparent=True)
        events.append(_event(state, uid, stamp, body))
    return events


# --- the High Demand Day calendar -----------------------------------------------------------


def export_hdd_calendar(
    period: int | tuple[date, date],
    path: str | os.PathLike[str],
    add: Iterable[HighDemandDay | Mapping[str, Any]] = (),
    remove: Iterable[date] = (),
    *,
    previous_state: IcalState | None = None,
    secret: bytes | None = None,
) -> Path:
    """The HDDs of a calendar year (or an inclusive (start, end)) as one calendar.

    ``add``/``remove`` override the rule dates as in ``calendars.high_demand_days``. UIDs
    and sequences are kept in the state file beside ``path``.
    """
    start, end = (date(period, 1, 1), date(period, 12, 31)) if isinstance(period, int) else period
    hdds = high_demand_days(start, end, add=add, remove=remove)
    target = Path(path)
    state = IcalState.load(target.parent, secret) if previous_state is None else previous_state
    with Staged(target.parent) as staged:
        _hdd_calendar(hdds, (start, end), target, state, _now_stamp(), staged)
        state.save(target.parent, staged)
    return target


def _hdd_calendar(
    hdds: Sequence[HighDemandDay],
    span: tuple[date, date],
    path: Path,
    state: IcalState,
    stamp: str,
    staged: Staged,
) -> Path:
    events = []
    for hdd in hdds:
        start, end = hdd.interval()
        wanted = "all available" if hdd.officers is None else str(hdd.officers)
        description = (
            f"Aid tour {hdd.start:%H:%M}–{hdd.end:%H:%M} ({hdd.hours:g} h). "
            f"Officers wanted: {wanted}. Source: {hdd.source}."
        )
        # The bare name as SUMMARY, so the file reads back with calendars.read_hdd_ics.
        body = _timed_body(start, end, hdd.name, description, transparent=True)
        body += "CATEGORIES:High Demand Day\r\n"
        events.append(_event(state, state.uid("hdd", hdd.date.isoformat()), stamp, body))
    first, last = span
    name = f"High Demand Days {first.isoformat()} to {last.isoformat()}"
    calendar_uid = state.uid("calendar", "hdd", first.isoformat(), last.isoformat())
    description = HDD_DESCRIPTION
    staged.put(path, _calendar_bytes(name, description, calendar_uid, span, events))
    return path


# --- everything at once -------------------------------------------------------------------


def export_ical(
    scenario: Scenario,
    roster_df: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    *,
    staged: Staged | None = None,
    secret: bytes | None = None,
    state: IcalState | None = None,
    today: date | None = None,
) -> list[Path]:
    """Officer calendars, contract calendars and the horizon's HDD calendar into ``out_dir``
    (``officers/``, ``contracts/``, ``high-demand-days.ics``); one state load and save.
    ``secret``: the store's UID secret (``scheduler.store.feeds.ical_secret``); ``state``:
    the folder's state as loaded (and adopted from the store) by the caller.

    A calendar s92 wrote there for an officer or contract no longer in the scenario has its
    events from ``today`` (London's, by default) on cancelled (``_departed_calendars``)
    and is among the paths returned.

    All files appear together or none do: staged in ``staged`` (a command's other files
    with them), or in a ``Staged`` of their own committed at the end."""
    if staged is None:
        with Staged(Path(out_dir)) as own:
            return export_ical(
                scenario, roster_df, out_dir, staged=own, secret=secret, state=state, today=today
            )
    out = Path(out_dir)
    state = IcalState.load(out, secret) if state is None else state
    stamp = _now_stamp()
    days = roster_days(roster_df)
    paths = _officer_calendars(scenario, days, out, state, stamp, staged)
    paths += _contract_calendars(scenario, days, out, state, stamp, staged)
    hdds = scenario.high_demand_days()
    hdd_path = out / HDD_FILE
    paths.append(
        _hdd_calendar(hdds, (scenario.start, scenario.end), hdd_path, state, stamp, staged)
    )
    first = datetime.now(LONDON).date() if today is None else today
    paths += _departed_calendars(scenario, out, state, stamp, staged, first)
    state.save(out, staged)
    return paths


# --- calendars of officers and contracts no longer in the scenario ---------------------------

CANCELLED = "Cancelled: "  # an event's SUMMARY, for a client that shows STATUS:CANCELLED ones


def _departed_calendars(
    scenario: Scenario, out: Path, state: IcalState, stamp: str, staged: Staged, first: date
) -> list[Path]:
    """The calendars s92 wrote into ``out`` for an officer or contract the scenario no longer
    holds, rewritten with each event of a day from ``first`` on cancelled: its UID kept,
    STATUS:CANCELLED, blocking no time, SEQUENCE one more, so a subscribed phone drops the
    tours (or shows them cancelled) rather than keeping them for ever. Days before ``first``
    stand as worked. A file s92 did not write for this scenario under this folder's secret
    (its calendar UID tells) is left alone, and so is one with nothing left to cancel."""
    paths = []
    kinds = (
        (OFFICERS_DIR, "officer", {o.id for o in scenario.officers}),
        (CONTRACTS_DIR, "contract", {c.id for c in scenario.contracts}),
    )
    for folder, kind, ids in kinds:
        if not (out / folder).is_dir():
            continue
        for path in sorted((out / folder).glob("*.ics")):
            name = path.stem
            if name in ids or not _SAFE_NAME.match(name) or not path.is_file():
                continue
            calendar_uid = state.uid("calendar", kind, scenario.name, name)
            feed = feed_calendar(scenario.name, name) if kind == "officer" else None
            data = _cancelled_from(path.read_bytes(), calendar_uid, state, stamp, first, feed)
            if data is not None:
                staged.put(path, data)
                paths.append(path)
    return paths


def roster_calendar_name(data: bytes) -> str | None:
    """The name (X-WR-CALNAME) of a calendar s92 wrote of officers' days (an officer's, a
    contract's: every tour and rest day an event), from the start of its file ``data``;
    None for the High Demand Days calendar s92 writes and for any other calendar."""
    head = data.partition(b"BEGIN:VEVENT")[0].partition(b"BEGIN:VTIMEZONE")[0]
    lines = head.decode("utf-8", errors="replace").replace("\r\n ", "").splitlines()
    if f"PRODID:{PRODID}" not in lines or f"X-WR-CALDESC:{HDD_DESCRIPTION}" in lines:
        return None
    named = [line.partition(":")[2] for line in lines if line.startswith("X-WR-CALNAME:")]
    return named[0] if named else ""


def _cancelled_from(
    data: bytes, calendar_uid: str, state: IcalState, stamp: str, first: date, feed: str | None
) -> bytes | None:
    """``data`` (an s92 calendar whose UID is ``calendar_uid``) with its events from ``first``
    on cancelled; None if it is not that calendar or holds no such event still standing."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # not a calendar s92 wrote
        return None
    head, begin, rest = text.partition("BEGIN:VEVENT\r\n")
    header = head.partition("BEGIN:VTIMEZONE\r\n")[0].replace("\r\n ", "").split(_CRLF)
    if (
        header[0] != "BEGIN:VCALENDAR"
        or f"PRODID:{PRODID}" not in header
        or f"UID:{calendar_uid}" not in header
        or not begin
        or not text.endswith(_END.decode())
    ):
        return None
    *blocks, tail = (begin + rest)[: -len(_END)].split("END:VEVENT\r\n")
    if tail:
        return None  # not laid out as s92 writes a calendar
    events, cancelled = [], 0
    for block in blocks:
        lines = block.replace("\r\n ", "").split(_CRLF)  # unfolded
        fields = dict(line.partition(":")[::2] for line in lines[1:4])
        uid, sequence = fields.get("UID", ""), fields.get("SEQUENCE", "")
        if lines[1:4] != [f"UID:{uid}", f"DTSTAMP:{fields.get('DTSTAMP')}", f"SEQUENCE:{sequence}"]:
            return None  # not laid out as s92 writes an event
        day = _event_day(lines)
        if day is None:
            return None  # edited by hand past reading: left alone
        body = "".join(fold(line) for line in lines[4:] if line)
        state.written(uid, body, int(sequence) if sequence.isdigit() else 0)
        if feed is not None:
            state.feed_calendars[uid] = feed
        if day >= first and "STATUS:CANCELLED" not in lines:
            body = _cancelled_body(lines[4:])
            cancelled += 1
        events.append(_event(state, uid, stamp, body))
    if not cancelled:
        return None
    return b"".join((head.encode("utf-8"), "".join(events).encode("utf-8"), _END))


def _event_day(lines: list[str]) -> date | None:
    """The London day an event's DTSTART falls on, in the three forms s92 writes it: an
    all-day date, a Europe/London time, a UTC time (the repeated October hour)."""
    for line in lines:
        name, _, value = line.partition(":")
        if name.partition(";")[0] != "DTSTART":
            continue
        try:
            if name == "DTSTART;VALUE=DATE":
                return datetime.strptime(value, "%Y%m%d").date()
            if name == f"DTSTART;TZID={TZID}":
                return datetime.strptime(value, "%Y%m%dT%H%M%S").date()
            if name == "DTSTART" and value.endswith("Z"):
                moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                return moment.astimezone(LONDON).date()
        except ValueError:
            return None
        return None
    return None


def _cancelled_body(lines: list[str]) -> str:
    """An event's unfolded property lines as a cancelled event's body."""
    out = []
    for line in lines:
        if not line or line.startswith(("TRANSP:", "STATUS:")):
            continue
        if line.startswith("SUMMARY:") and not line.startswith(f"SUMMARY:{CANCELLED}"):
            line = f"SUMMARY:{CANCELLED}{line.removeprefix('SUMMARY:')}"
        out.append(fold(line))
    return "".join(out) + "TRANSP:TRANSPARENT\r\nSTATUS:CANCELLED\r\n"


def _export_one(
    calendars: Callable[[Scenario, list[RosterDay], Path, IcalState, str, Staged], list[Path]],
    scenario: Scenario,
    roster_df: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    previous_state: IcalState | None,
    secret: bytes | None,
) -> list[Path]:
    """One kind of ``calendars`` written into ``out_dir`` together, with the folder's state
    (loaded from it unless ``previous_state`` is given) saved beside them."""
    out = Path(out_dir)
    state = IcalState.load(out, secret) if previous_state is None else previous_state
    days = roster_days(roster_df)
    with Staged(out) as staged:
        paths = calendars(scenario, days, out, state, _now_stamp(), staged)
        state.save(out, staged)
    return paths


def _now_stamp() -> str:
    """DTSTAMP: when this publication was made (RFC 5545 §3.8.7.2 with METHOD), in UTC."""
    return _stamp(datetime.now(UTC).replace(microsecond=0))
