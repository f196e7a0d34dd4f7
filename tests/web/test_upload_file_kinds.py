"""An uploaded roster is read as ``s92 check`` reads a file: by what it holds, so Excel's
"Unicode Text" save of roster.csv (UTF-16, tabs, named .txt) is read (it was refused for
its name), and an old .xls named .xlsx is refused naming the planner's file (the line named
the server's temporary copy, /tmp/...)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, login, upload

OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600)  # an Excel 97-2003 workbook's start


def test_an_old_excel_workbook_is_refused_naming_the_planners_file(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    r = upload(client, csrf, OLE, "roster.xlsx", "application/vnd.ms-excel")
    assert r.status_code == 422
    assert "<code>roster.xlsx: an Excel 97-2003 workbook (.xls)" in r.text
    assert "/tmp" not in r.text


def test_roster_csv_saved_by_excel_as_unicode_text_is_read(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    text = client.get("/contracts/EAST-A/roster.csv").text.replace(",", "\t")
    r = upload(client, csrf, text.encode("utf-16"), "roster.txt", "text/plain")
    assert r.status_code == 303, r.text[-1500:]
    assert "No change from the published roster" in client.get(r.headers["location"]).text


def test_the_file_picker_offers_unicode_text_too(reader: ReadOnlyClient) -> None:
    login(reader, "planner-ea")
    page = reader.get("/contracts/EAST-A/upload").text
    assert 'accept=".xlsx,.csv,.txt,.tsv"' in page
