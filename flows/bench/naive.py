"""The naive baseline the benchmark compares against: record by record, the way it is often first written.

Per release: BeautifulSoup `get_text` for pages, the same text rules, one Great Expectations
validation per release, and row-by-row INSERTs. It writes to its own warehouse file.
"""
from __future__ import annotations

import time
from dataclasses import astuple
from pathlib import Path

from parsers import ParsingError, Source, parse_release
from warehouse import open_writer

from .corpus import CorpusItem

_INSERTS = {
    "releases": "INSERT OR REPLACE INTO releases (release_id, revision, title, source_uri, source_url, language, issued_at, "
                "release_date, content_sha256, is_plenary_report, not_plenary_reason, parser_version, first_seen_at, last_seen_at) "
                "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())",
    "meetings": "INSERT OR REPLACE INTO meetings (meeting_id, conference, counterpart, plenary_number, high_level_meeting, "
                "meeting_date, venue, hk_leader, counterpart_leader, counterpart_leader_office, stated_area_count, "
                "area_count, release_id, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
    "cooperation_areas": "INSERT OR REPLACE INTO cooperation_areas (meeting_id, area_no, heading, category, text, "
                         "paragraph_count) VALUES (?, ?, ?, ?, ?, ?)",
    "attendees": "INSERT OR REPLACE INTO attendees (meeting_id, person, office, side, role) VALUES (?, ?, ?, ?, ?)",
    "agreements": "INSERT OR REPLACE INTO agreements (meeting_id, agreement_no, title) VALUES (?, ?, ?)",
}
_MEETING_FIELDS = ("meeting_id", "conference", "counterpart", "plenary_number", "high_level_meeting", "meeting_date",
                   "venue", "hk_leader", "counterpart_leader", "counterpart_leader_office", "stated_area_count",
                   "area_count", "release_id")


def naive_ingest(items: list[CorpusItem], warehouse: Path, reports_dir: Path) -> float:
    """Ingest the items one by one; returns the wall seconds it took."""
    from bs4 import BeautifulSoup

    from expectations import QualityGate

    started = time.perf_counter()
    gate = QualityGate(reports_dir)  # one context per run, as the real pipeline; one validation per release
    with open_writer(warehouse) as con:
        for number, item in enumerate(items):
            data = item.data
            if item.name.endswith(".htm"):
                data = BeautifulSoup(data, "html.parser").get_text("\n").encode()
            try:
                parsed = parse_release(data, Source(item.name, item.url))
            except ParsingError:
                continue
            result = gate.validate([parsed], "naive", number)
            for good in result.passed:
                _insert_rows(con, good)
    return time.perf_counter() - started


def _insert_rows(con, parsed) -> None:
    """One INSERT per row, each its own statement."""
    r = parsed.release
    con.execute(_INSERTS["releases"], [r.release_id, r.title, r.source_uri, r.source_url, r.language, r.issued_at,
                                       r.release_date, r.content_sha256, r.is_plenary_report, r.not_plenary_reason,
                                       r.parser_version])
    if parsed.meeting is None:
        return
    con.execute(_INSERTS["meetings"], [getattr(parsed.meeting, name) for name in _MEETING_FIELDS])
    for table, records in (("cooperation_areas", parsed.areas), ("attendees", parsed.attendees),
                           ("agreements", parsed.agreements)):
        for record in records:
            con.execute(_INSERTS[table], list(astuple(record)))
