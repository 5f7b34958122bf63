"""Rebuild meetings from their sources inside the load's transaction (`warehouse.load`; `warehouse.precedence` decides).

For each meeting a batch touches — described by a release written in the batch, or by one of its earlier
revisions, or reprocessed with `--force` — the meeting's sources (`meeting_sources`) are updated, its
`meetings` row and its areas, attendees and agreements are built again from every source, what changed
is written to `meeting_changes`, and sources that disagree are reported in `dq_results` (warnings).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb

from .dq_warnings import warning_row, write_warnings
from .meeting_changes import MeetingChange, MeetingState, describe_change
from .precedence import AGREEMENT_CHECKS, MeetingSource, MergedMeeting, disagreements, merge
from .temp_tables import temp_table
from .topics import category_rows

CHILD_TABLES = {"cooperation_areas": "areas", "area_categories": "area_categories", "attendees": "attendees",
                "agreements": "agreements"}
CROSS_SOURCE_EXPECTATION = "cross_source_comparison"  # dq_results.expectation_type of the checks made here
PLENARY_NUMBER_CHECK = "sources_agree_on_plenary_number"  # two meetings of one conference on one day


def rebuild_meetings(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime, batch_no: int,
                     written: list[tuple[str, int, str | None, str | None, dict]], reread: list[str]) -> list[MeetingChange]:
    """Bring the meetings of the written and reread releases up to date; returns what changed.

    `written`: (release id, revision, source url, language, records) of each release written in this batch.
    `reread`: ids of releases loaded before whose meetings are rebuilt anyway (`plenary ingest --force`).
    """
    ids = [rid for rid, *_ in written]
    temp_table(con, "touched_releases", [(rid,) for rid in ids + reread], ["release_id"])
    affected = {m for (m,) in con.execute(
        "SELECT DISTINCT meeting_id FROM meeting_sources WHERE release_id IN (SELECT release_id FROM touched_releases)").fetchall()}
    affected |= {records["meeting"]["meeting_id"] for _, _, _, _, records in written if records.get("meeting")}
    if not affected:
        return []
    temp_table(con, "affected_meetings", [(m,) for m in sorted(affected)], ["meeting_id"])
    before = _states(con)
    con.execute("DELETE FROM meeting_sources WHERE release_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    sources, marks = _sources(con, written)
    merged = {m: merge(m, sources[m]) for m in affected if sources.get(m)}
    _write_meetings(con, merged, replacing=bool(before))
    _write_sources(con, merged, set(ids), marks)
    changes = [c for m in sorted(affected) if (c := describe_change(m, before.get(m), merged.get(m))) is not None]
    _write_changes(con, run_id, now, changes)
    _report_disagreements(con, run_id, now, batch_no, list(merged.values()))
    return changes


def rebuild_shared_meetings(con: duckdb.DuckDBPyConnection, run_id: str) -> list[MeetingChange]:
    """Rebuild every meeting that more than one release describes (after the upgrade that recorded the sources
    of the meetings loaded before: until then the newest source replaced a meeting's rows)."""
    ids = [rid for (rid,) in con.execute(
        """SELECT release_id FROM meeting_sources WHERE meeting_id IN
               (SELECT meeting_id FROM meeting_sources GROUP BY meeting_id HAVING count(*) > 1)""").fetchall()]
    return rebuild_meetings(con, run_id, datetime.now(timezone.utc), 0, [], ids) if ids else []


def _states(con) -> dict[str, MeetingState]:
    """The affected meetings as they are before the batch: row, lists, sources and who supplied what."""
    meetings = _rows(con, "SELECT * FROM meetings WHERE meeting_id IN (SELECT meeting_id FROM affected_meetings)")
    states = {row["meeting_id"]: MeetingState(row, {name: [] for name in CHILD_TABLES.values()}, {}) for row in meetings}
    for table, name in CHILD_TABLES.items():
        for row in _rows(con, f"SELECT * FROM {table} WHERE meeting_id IN (SELECT meeting_id FROM affected_meetings)"):
            if row["meeting_id"] in states:
                states[row["meeting_id"]].lists[name].append(row)
    for meeting_id, release_id, kind in con.execute(
        "SELECT meeting_id, release_id, source_kind FROM meeting_sources WHERE meeting_id IN (SELECT meeting_id FROM affected_meetings)"
    ).fetchall():
        if meeting_id in states:
            states[meeting_id].sources[release_id] = kind
    return states


def _sources(con, written) -> tuple[dict[str, list[MeetingSource]], dict[tuple[str, str], tuple]]:
    """Every source of the affected meetings: the batch's written releases from their records, the others
    from their current revision; and the others' marks as stored, (meeting, release) -> (is_primary,
    fields_supplied, completeness), so that only marks that change are written again."""
    found: dict[str, list[MeetingSource]] = {}
    marks: dict[tuple[str, str], tuple] = {}
    rows = con.execute(
        """SELECT s.meeting_id, s.release_id, s.revision, r.source_url, s.language, v.records_json,
                  s.is_primary, s.fields_supplied, s.completeness
           FROM meeting_sources s JOIN releases r USING (release_id)
           LEFT JOIN release_revisions v ON v.release_id = s.release_id AND v.revision = s.revision
           WHERE s.meeting_id IN (SELECT meeting_id FROM affected_meetings)"""
    ).fetchall()
    for meeting_id, rid, revision, url, language, records_json, is_primary, supplied, completeness in rows:
        records = json.loads(records_json) if records_json else None
        if records and records.get("meeting"):
            found.setdefault(meeting_id, []).append(MeetingSource(rid, revision, url, language, records))
            marks[(meeting_id, rid)] = (is_primary, list(supplied or []), completeness)
    for rid, revision, url, language, records in written:
        if records.get("meeting"):
            found.setdefault(records["meeting"]["meeting_id"], []).append(MeetingSource(rid, revision, url, language, records))
    return found, marks


def _write_meetings(con, merged: dict[str, MergedMeeting], replacing: bool) -> None:
    """Replace the affected meetings' rows with the merged ones (`replacing`: some of them were loaded before)."""
    if replacing:
        for table in CHILD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE meeting_id IN (SELECT meeting_id FROM affected_meetings)")
        con.execute("DELETE FROM meetings WHERE meeting_id IN (SELECT meeting_id FROM affected_meetings)")
    if not merged:
        return
    temp_table(con, "incoming_meetings", [m.row for m in merged.values()])
    con.execute("INSERT INTO meetings BY NAME SELECT * REPLACE (meeting_date::DATE AS meeting_date) FROM incoming_meetings")
    children = {
        "cooperation_areas": [a for m in merged.values() for a in m.areas],
        "area_categories": category_rows([a for m in merged.values() for a in m.areas]),
        "attendees": list({_attendee_key(a): a for m in merged.values() for a in m.attendees}.values()),
        "agreements": [a for m in merged.values() for a in m.agreements],
    }
    for table, rows in children.items():
        if rows:
            temp_table(con, f"incoming_{table}", rows)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_{table}")


def _write_sources(con, merged: dict[str, MergedMeeting], written: set[str], marks: dict[tuple[str, str], tuple]) -> None:
    """`meeting_sources`: a row for each written release that is a report, with its marks (primary, fields
    supplied, completeness); the marks of the meetings' other sources where they changed."""
    new, changed = [], []
    for m in merged.values():
        for s in m.ranked:
            mark = (s is m.primary, m.fields_supplied(s.release_id), s.completeness)
            key = {"meeting_id": m.meeting_id, "release_id": s.release_id}
            if s.release_id in written:
                new.append(key | {"revision": s.revision, "language": s.language, "source_kind": s.kind,
                                  "precedence": s.precedence, "completeness": mark[2], "is_primary": mark[0],
                                  "fields_supplied": mark[1]})
            elif marks.get((m.meeting_id, s.release_id)) != mark:
                changed.append(key | {"is_primary": mark[0], "fields_supplied": mark[1], "completeness": mark[2]})
    if new:
        temp_table(con, "incoming_sources", new)
        con.execute("INSERT INTO meeting_sources BY NAME SELECT * REPLACE (fields_supplied::VARCHAR[] AS fields_supplied) "
                    "FROM incoming_sources")
    if changed:
        temp_table(con, "source_marks", changed)
        con.execute(
            """UPDATE meeting_sources SET is_primary = k.is_primary, fields_supplied = k.fields_supplied::VARCHAR[],
                      completeness = k.completeness
               FROM source_marks k WHERE meeting_sources.meeting_id = k.meeting_id AND meeting_sources.release_id = k.release_id"""
        )


def _write_changes(con, run_id: str, now: datetime, changes: list[MeetingChange]) -> None:
    if not changes:
        return
    temp_table(con, "incoming_changes", [vars(c) | {"run_id": run_id, "changed_at": now} for c in changes])
    con.execute(
        """INSERT INTO meeting_changes BY NAME
           SELECT * REPLACE (added_sources::VARCHAR[] AS added_sources, removed_sources::VARCHAR[] AS removed_sources,
                             fields_changed::VARCHAR[] AS fields_changed)
           FROM incoming_changes
           ON CONFLICT (run_id, meeting_id) DO UPDATE SET changed_at = excluded.changed_at,
             change = CASE WHEN meeting_changes.change = 'new' AND excluded.change <> 'removed' THEN 'new' ELSE excluded.change END,
             sources = excluded.sources, primary_release = excluded.primary_release,
             added_sources = list_distinct(list_concat(meeting_changes.added_sources, excluded.added_sources)),
             removed_sources = list_distinct(list_concat(meeting_changes.removed_sources, excluded.removed_sources)),
             fields_changed = list_distinct(list_concat(meeting_changes.fields_changed, excluded.fields_changed)),
             summary = excluded.summary"""
    )


def _report_disagreements(con, run_id: str, now: datetime, batch_no: int, merged: list[MergedMeeting]) -> None:
    """One warning row per cross-source check in `dq_results` when the batch touched a meeting with two or
    more sources (failing keys name both values), and one for two plenary numbers given to one meeting day."""
    rows = []
    several = [m for m in merged if len(m.ranked) > 1]
    if several:
        found = [d for m in several for d in disagreements(m)]
        for check in AGREEMENT_CHECKS:
            failing = [d for d in found if d.check == check]
            observed = {f"{d.meeting_id}.{d.field}": dict(d.values) for d in failing}
            rows.append(_dq_row(run_id, now, batch_no, check, len(several), [d.key for d in failing], observed))
    same_day = con.execute(
        """SELECT a.meeting_id, b.meeting_id, a.counterpart, a.meeting_date, a.release_id, b.release_id
           FROM meetings a JOIN meetings b ON a.counterpart = b.counterpart AND a.meeting_date = b.meeting_date
                AND a.meeting_id < b.meeting_id
           WHERE a.meeting_id IN (SELECT meeting_id FROM affected_meetings)
              OR b.meeting_id IN (SELECT meeting_id FROM affected_meetings)"""
    ).fetchall()
    if same_day or several:
        keys = [f"{a}/{b}: plenary_number of the {counterpart} meeting on {day} {a.rsplit('-', 1)[1]} ({ra}) vs "
                f"{b.rsplit('-', 1)[1]} ({rb})" for a, b, counterpart, day, ra, rb in same_day]
        rows.append(_dq_row(run_id, now, batch_no, PLENARY_NUMBER_CHECK, len(merged), keys,
                            {f"{a}/{b}": {ra: a, rb: b} for a, b, _, _, ra, rb in same_day}))
    write_warnings(con, rows)


def _dq_row(run_id: str, now: datetime, batch_no: int, check: str, checked: int, keys: list[str], observed: dict) -> dict:
    return warning_row(run_id, now, batch_no, check, CROSS_SOURCE_EXPECTATION, checked, keys, observed)


def _attendee_key(row: dict) -> tuple:
    """One row per person per role: by the English name, else (someone known only in Chinese) the Chinese one."""
    return (row["meeting_id"], row["role"], row.get("person")) if row.get("person") is not None else (
        row["meeting_id"], row["role"], None, row.get("person_zh"))


def _rows(con, query: str) -> list[dict]:
    cursor = con.execute(query)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]
