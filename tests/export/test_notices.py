"""Officers' change notices: one page each, every value escaped, the rows of the change
notice (was / now, clear days, Annex G compensation, the entry behind it)."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from roster_fixtures import small_scenario

from scheduler.export.notices import INDEX, notice_file_name, write_notices
from scheduler.files import Staged
from scheduler.roster.changes import CHANGE_COLUMNS

SCENARIO = small_scenario()
HOSTILE = '<script>alert("x")</script> & =HYPERLINK("http://evil")'


def changes() -> pd.DataFrame:
    rows = [
        ("A-C0", "A", "2026-10-20", "DUTY E 07:00-15:00", "SICK", 3, "", "7", HOSTILE),
        ("A-C0", "A", "2026-10-19", "REST", "DUTY N 22:00-07:00", 2,
         "rest day cancelled at 2 clear days' notice: time and a half, 9 h at x1.5", "7",
         "rest day re-rostered around entry 7"),
        ("B-S0", "B", "2026-11-03", "DUTY E 07:00-15:00", "LEAVE", 16, "", "", "annual leave"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_one_notice_per_officer_with_every_change_escaped(tmp_path: Path) -> None:
    with Staged(tmp_path / "out") as out:
        paths = write_notices(out, "notices", changes(), SCENARIO, date(2026, 10, 16))
    folder = tmp_path / "out" / "notices"
    assert sorted(p.name for p in paths) == sorted(
        [INDEX, notice_file_name("A-C0"), notice_file_name("B-S0")]
    )
    page = parsed(folder / "notice-A-C0.html")
    assert "script" not in page.tags  # the reason is text, not markup
    text = " ".join(page.text)
    assert HOSTILE in text
    assert "Mon 19 Oct" in text
    assert "Tue 20 Oct" in text  # in date order
    assert text.index("Mon 19 Oct") < text.index("Tue 20 Oct")
    assert "time and a half, 9 h at x1.5" in text
    assert "Fri 16 Oct 2026" in text
    assert "Council A" in text
    assert "fewer than 15 clear days" in text
    raw = (folder / "notice-A-C0.html").read_text(encoding="utf-8")
    assert '<tr class="short">' in raw
    assert "@page { size: A4" in raw
    assert "LEAVE" not in raw  # another officer's change
    index = " ".join(parsed(folder / INDEX).text)
    assert "A-C0" in index
    assert "B-S0" in index
    assert "2 officers affected" in index


def test_no_changes_no_notices(tmp_path: Path) -> None:
    with Staged(tmp_path) as out:
        assert write_notices(out, "n", changes().iloc[0:0], SCENARIO, date(2026, 10, 16)) == []
    assert not (tmp_path / "n").exists() or not any((tmp_path / "n").iterdir())


def test_file_names_are_safe_whatever_the_id() -> None:
    assert notice_file_name("HAV-02") == "notice-HAV-02.html"
    assert notice_file_name("../x y") == "notice-.._x_y.html"
