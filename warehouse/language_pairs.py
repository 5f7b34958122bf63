"""Pair each Chinese source with its English twin inside the load's transaction (`warehouse.pairing` decides), and
write the cross-language warnings (`warehouse.cross_language`).

Whichever order the two releases arrive in (one batch, the twin loaded before, or the twin arriving later), the
pairings are worked out again from what the warehouse holds after the batch's meetings are rebuilt: the Chinese
sources against every English release. Only pairings that changed are written (`meeting_sources.paired_release_id`,
`pairing`, `pairing_note`); a warehouse with no Chinese source skips all of it.
"""
from __future__ import annotations

from datetime import datetime

import duckdb

from .cross_language import language_check_rows
from .dq_warnings import write_warnings
from .pairing import CHINESE, Pairing, ReleaseFacts, pair_chinese_releases
from .temp_tables import temp_table

# The facts of each release's current revision; `meeting_id` and the rank are its meeting source's, if it is one.
_FACTS = """
    SELECT r.release_id, r.language, r.source_url, r.issued_at, r.other_language_url, s.meeting_id,
           json_extract_string(v.records_json, '$.meeting.counterpart'),
           TRY_CAST(json_extract_string(v.records_json, '$.meeting.plenary_number') AS INTEGER),
           json_extract_string(v.records_json, '$.meeting.meeting_date'),
           coalesce(json_array_length(v.records_json, '$.areas'), 0),
           coalesce(json_array_length(v.records_json, '$.agreements'), 0),
           s.precedence, s.completeness
    FROM releases r
    LEFT JOIN meeting_sources s ON s.release_id = r.release_id
    LEFT JOIN release_revisions v ON s.meeting_id IS NOT NULL AND v.release_id = r.release_id AND v.revision = r.revision
    WHERE (coalesce(r.language, '') = ?) = ?"""


def pair_languages(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime, batch_no: int,
                   touched: list[str]) -> dict[str, Pairing]:
    """Pair the Chinese sources again after a batch that wrote (or reread) the `touched` releases; write the
    pairings that changed, and the cross-language warnings of the pairs the batch touched. Returns the pairings."""
    if not touched or not con.execute("SELECT 1 FROM meeting_sources WHERE language = ? LIMIT 1", [CHINESE]).fetchall():
        return {}
    english, chinese = _facts(con, chinese=False), _facts(con, chinese=True)
    pairings = pair_chinese_releases(chinese, english)
    changed = _write_pairings(con, pairings)
    twins = {f.release_id: f for f in english}
    touched_ids = set(touched) | changed
    pairs = [(c, twins[p.paired_release_id]) for c in chinese
             if (p := pairings.get(c.release_id)) and p.paired_release_id in twins
             and touched_ids & {c.release_id, p.paired_release_id}]
    write_warnings(con, language_check_rows(run_id, now, batch_no, pairs))
    return pairings


def _facts(con, chinese: bool) -> list[ReleaseFacts]:
    """The Chinese releases that are meeting sources, or every release that is not Chinese."""
    rows = con.execute(_FACTS, [CHINESE, chinese]).fetchall()
    facts = []
    for rid, language, url, issued, link, meeting_id, counterpart, number, day, areas, agreements, precedence, complete in rows:
        if chinese and meeting_id is None:
            continue
        rank = (precedence, -complete, rid) if meeting_id is not None else ()
        facts.append(ReleaseFacts(rid, language, url, issued, link, meeting_id, counterpart, number, day, areas,
                                  agreements, rank))
    return facts


def _write_pairings(con, pairings: dict[str, Pairing]) -> set[str]:
    """Write the pairings that differ from those stored; returns the ids of the Chinese releases written."""
    stored = {rid: (paired, how, note) for rid, paired, how, note in con.execute(
        "SELECT release_id, paired_release_id, pairing, pairing_note FROM meeting_sources WHERE language = ?", [CHINESE]
    ).fetchall()}
    rows = [(p.release_id, p.paired_release_id, p.pairing, p.note) for p in pairings.values()
            if stored.get(p.release_id) != (p.paired_release_id, p.pairing, p.note)]
    if rows:
        temp_table(con, "incoming_pairings", rows, ["release_id", "paired_release_id", "pairing", "pairing_note"])
        con.execute(
            """UPDATE meeting_sources SET paired_release_id = p.paired_release_id, pairing = p.pairing,
                      pairing_note = p.pairing_note
               FROM incoming_pairings p WHERE meeting_sources.release_id = p.release_id""")
    return {rid for rid, *_ in rows}
