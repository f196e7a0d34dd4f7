"""Roster and report outputs: csv, xlsx, ics, html."""
