"""An entry logged while its officer was in post whose days later fall outside it (the
agreement ended early on notice): the re-roster has no day of theirs to apply it to, and
says so in a note (exit 0), so the planner knows the entry was seen. Before, it was left
out without a word (noticed by live21)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from void_fixtures import SCENARIO, published, published_in, sick

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.previews import Outcome
from scheduler.store.store import Store


def notes_of_reroster(
    scenario: Path, db: Path, out: Path, capsys: pytest.CaptureFixture, seed: str
) -> list[str]:
    """``s92 reroster --from 2026-09-21`` (exit 0): the note lines it printed."""
    capsys.readouterr()
    argv = ["reroster", str(scenario), "--from", "2026-09-21", "--db", str(db), "--out", str(out)]
    assert main([*argv, "--time-limit", "5", "--seed", seed]) == 0
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]


def web_preview(db: Path, text: str, seed: int) -> Outcome:
    """The web's re-roster preview (``reroster_outcome``) of VV from 21 September, the
    latest roster published again with the scenario ``text``."""
    from scheduler.web.jobs import RerosterRequest, reroster_outcome

    with Store(db) as store:
        latest = store.latest_roster("Voided")
        assert latest is not None
        version = store.publish_roster("Voided", latest, "scenario edited", scenario_text=text)
    request = RerosterRequest(
        db, "Voided", version, version, "VV", date(2026, 9, 21), date(2026, 9, 20), 5.0, seed
    )
    return reroster_outcome(request)


def test_an_entry_outside_a_time_in_post_cut_short_since_is_named_in_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    scenario, db, out = published_in(tmp_path)
    assert main(sick(db, "V-04", "2026-09-28", "2026-10-01", scenario)) == 0
    assert main(sick(db, "V-02", "2026-09-26", "2026-09-29", scenario)) == 0
    # notice given on 27 March: the agreement ends six months later, on 27 September
    ended = SCENARIO.replace("start = 2026-01-05", "start = 2026-01-05\nnotice_given = 2026-03-27")
    scenario.write_text(ended)
    notes = notes_of_reroster(scenario, db, out, capsys, "1773")
    assert notes == [
        "note: entry 1 (V-04 sickness 2026-09-28 to 2026-10-01): 4 days from 2026-09-21 not "
        "applied, V-04 not in post after 2026-09-27 (scenario file): no roster day of theirs "
        "to change",
        "note: entry 2 (V-02 sickness 2026-09-26 to 2026-09-29): 2 days of 4 from 2026-09-21 "
        "not applied, V-02 not in post after 2026-09-27 (scenario file): no roster day of "
        "theirs to change",
    ]
    table = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(scenario), table).ok
    days = table[table["officer_id"] == "V-02"].set_index("date")["state"]
    assert list(days[["2026-09-26", "2026-09-27"]]) == ["SICK", "SICK"]  # its days in post


def test_the_webs_reroster_says_the_same_note(tmp_path: Path) -> None:
    """The web's re-roster preview (``reroster_outcome``) lists the note as the command
    prints it: the planner in the browser is told of the entry too."""
    scenario, db = tmp_path / "s.toml", tmp_path / "s92.db"
    scenario.write_text(SCENARIO)
    with Store(db) as store:
        store.publish_roster("Voided", published(), scenario_text=SCENARIO)
    assert main(sick(db, "V-04", "2026-09-28", "2026-10-01", scenario)) == 0
    ended = SCENARIO.replace("start = 2026-01-05", "start = 2026-01-05\nnotice_given = 2026-03-27")
    outcome = web_preview(db, ended, 1773)
    assert (
        "note: entry 1 (V-04 sickness 2026-09-28 to 2026-10-01): 4 days from 2026-09-21 not "
        "applied, V-04 not in post after 2026-09-27 (scenario file): no roster day of theirs "
        "to change"
    ) in outcome.lines


JOINER_NOTE = (
    "note: entry 1 (V-05 sickness 2026-09-29 to 2026-09-30): 2 days from 2026-09-21 not "
    "applied, V-05 is not in the scenario file: no roster day of theirs to change"
)


def joiner_logged_then_out(scenario: Path, db: Path) -> str:
    """The published roster (before V-05 joins on 28 September), V-05's sickness logged
    with the scenario file naming them (for contract VV); the scenario without them."""
    joiner = '\n[[officer]]\nid = "V-05"\ncontract = "VV"\nrank = "constable"\nstart = 2026-09-28\n'
    more = SCENARIO.replace("posts = { constable = 4 }", "posts = { constable = 5 }")
    scenario.write_text(more + joiner)
    with Store(db) as store:
        store.publish_roster("Voided", published(), scenario_text=SCENARIO)
    assert main(sick(db, "V-05", "2026-09-29", "2026-09-30", scenario)) == 0
    return more


def test_an_entry_of_a_joiner_taken_out_of_the_scenario_is_named_in_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """A joiner's sickness logged (with the scenario, so for its contract), then the
    joiner taken out of the scenario file before the re-roster rostered them: no roster day
    of theirs to change, and the re-roster says so rather than leave it out without a word
    (found by live22)."""
    scenario, db, out = tmp_path / "s.toml", tmp_path / "s92.db", tmp_path / "out"
    more = joiner_logged_then_out(scenario, db)
    scenario.write_text(more)
    notes = notes_of_reroster(scenario, db, out, capsys, "1831")
    assert notes == [JOINER_NOTE]
    assert check_roster(load_scenario(scenario), read_roster_csv(out / "roster.csv")).ok


def test_the_webs_reroster_names_a_joiner_taken_out_of_the_scenario(tmp_path: Path) -> None:
    """The web's re-roster preview lists the note of an entry of a joiner taken out of the
    scenario since as the command prints it (it took only the scenario's officers' entries,
    so the planner in the browser was not told; found by live22)."""
    scenario, db = tmp_path / "s.toml", tmp_path / "s92.db"
    more = joiner_logged_then_out(scenario, db)
    outcome = web_preview(db, more, 1831)
    assert JOINER_NOTE in outcome.lines
    # nothing else to re-roster: the preview says so, the note beside it
    assert outcome.lines[0] == "no change from the published roster: nothing published"
