"""People: each attendees row the load writes is tied to a person (`people`) and its office spelt canonically
(`warehouse.offices`), in the load's transaction. The resolution is `warehouse.person_registry`'s; this module
reads the rows not yet resolved and the people known, and writes what it found.

Rows the meetings' rebuild writes come without a person (`person_resolution` null). A person once given an id
keeps it. An ambiguous name gets no person and one warning row per batch (`people_resolved`, on the attendees
table) in `dq_results`.
"""
from __future__ import annotations

from datetime import datetime

import duckdb

from .dq_warnings import warning_row, write_warnings
from .offices import canonical_office, canonical_office_zh
from .person_names import chinese_key
from .person_registry import AttendeeRow, Person, Registry
from .temp_tables import temp_table

RESOLVED_CHECK = "people_resolved"  # dq_results.check_name of the warning
RESOLUTION_EXPECTATION = "person_resolution"


def resolve_people(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime, batch_no: int) -> int:
    """Tie every attendees row not yet resolved to its person; returns how many rows were resolved."""
    pending = con.execute(
        """SELECT a.rowid, a.meeting_id, a.person, a.person_zh, a.side, a.role, a.office, a.office_zh
           FROM attendees a LEFT JOIN meetings m USING (meeting_id) WHERE a.person_resolution IS NULL
           ORDER BY m.meeting_date NULLS LAST, a.meeting_id, a.side, a.role, a.person, a.person_zh""").fetchall()
    if not pending:
        return 0
    rows = [AttendeeRow(*row[:6]) for row in pending]
    offices = {row[0]: canonical_office(row[6]) if row[6] or row[2] else canonical_office_zh(row[7], chinese_key)
               for row in pending}  # a Chinese office only for a row named only in Chinese
    registry = Registry(_known_people(con))
    by_meeting: dict[str, list[AttendeeRow]] = {}
    for row in rows:
        by_meeting.setdefault(row.meeting_id, []).append(row)
    found = [pair for group in by_meeting.values() for pair in registry.resolve_meeting(group)]
    found += [(row, registry.resolve_chinese(row.person_zh)) for row in rows if not row.person]
    updates = [{"row_ref": row.ref, "person_id": r.person.person_id if r.person else None,
                "office_canonical": offices[row.ref], "person_resolution": r.how} for row, r in found]
    ambiguous = [f"{row.meeting_id}: {row.person or row.person_zh} ({r.how})" for row, r in found if r.person is None]
    ambiguous += registry.conflicts
    _write(con, now, registry.people, updates)
    write_warnings(con, [warning_row(run_id, now, batch_no, RESOLVED_CHECK, RESOLUTION_EXPECTATION, len(pending),
                                     ambiguous, {"ambiguous": ambiguous} if ambiguous else {})
                         | {"table_name": "attendees"}])
    return len(updates)


def _known_people(con) -> list[Person]:
    return [Person(pid, name, honorific, name_zh, list(aliases), list(aliases_zh)) for pid, name, honorific, name_zh, aliases, aliases_zh
            in con.execute("SELECT person_id, name, honorific, name_zh, aliases, aliases_zh FROM people "
                           "ORDER BY first_seen_at, person_id").fetchall()]


def _write(con, now: datetime, people: list[Person], updates: list[dict]) -> None:
    """New and changed people; provisional people merged into others removed (their rows moved); the rows."""
    rows = [{"person_id": p.person_id, "name": p.name, "honorific": p.honorific, "name_zh": p.name_zh,
             "aliases": p.aliases, "aliases_zh": p.aliases_zh, "first_seen_at": now}
            for p in people if (p.is_new or p.changed) and not p.merged_into]
    if rows:
        temp_table(con, "incoming_people", rows)
        con.execute(
            """INSERT INTO people BY NAME SELECT * REPLACE (aliases::VARCHAR[] AS aliases, aliases_zh::VARCHAR[] AS aliases_zh)
               FROM incoming_people ON CONFLICT (person_id) DO UPDATE SET
                 name_zh = excluded.name_zh, aliases = excluded.aliases, aliases_zh = excluded.aliases_zh,
                 honorific = coalesce(people.honorific, excluded.honorific)""")
    merged = {p.person_id: p.merged_into for p in people if p.merged_into}
    for update in updates:
        update["person_id"] = merged.get(update["person_id"], update["person_id"])
    if merged:
        temp_table(con, "merged_people", list(merged.items()), ["person_id", "into_id"])
        con.execute("UPDATE attendees SET person_id = g.into_id FROM merged_people g WHERE attendees.person_id = g.person_id")
        con.execute("DELETE FROM people WHERE person_id IN (SELECT person_id FROM merged_people)")
    temp_table(con, "person_updates", updates)
    con.execute(
        """UPDATE attendees SET person_id = u.person_id, office_canonical = u.office_canonical,
                  person_resolution = u.person_resolution
           FROM person_updates u WHERE attendees.rowid = u.row_ref""")
