"""The `quarantine` table: what could not be read, parsed or validated, kept whole with its stage and reason,
and its resolution when the source later loads or reads (the row stays, as history).

Who resolves what: a batch that loads a source or release (`load.load_batch`), an input seen again unchanged
(`releases.known_sources`), a URL fetched (`todo.finish_fetches`: stage `fetch`), a feed or index page read
(`todo.record_discovery_chunk`: stage `discover`).
"""
from __future__ import annotations

from datetime import datetime

import duckdb

from .rows import QuarantineItem
from .temp_tables import temp_table


def write_quarantine(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime, items: list[QuarantineItem]) -> int:
    """Write the items (one row per quarantine id: the first); an item quarantined again reopens its row."""
    if not items:
        return 0
    rows = {q.quarantine_id: {
        "quarantine_id": q.quarantine_id, "run_id": run_id, "quarantined_at": now, "stage": q.stage,
        "reason": q.reason, "source_uri": q.source_uri, "release_id": q.release_id,
        "content_sha256": q.content_sha256, "payload": q.payload, "pipeline_version": q.pipeline_version,
    } for q in reversed(items)}  # one row per id: the first, as drop_duplicates kept
    temp_table(con, "incoming_quarantine", list(rows.values()))
    con.execute(
        """INSERT INTO quarantine BY NAME SELECT * REPLACE (payload::BLOB AS payload) FROM incoming_quarantine
           ON CONFLICT (quarantine_id) DO UPDATE SET resolved_at = NULL, resolved_by_run = NULL,
             pipeline_version = excluded.pipeline_version"""
    )
    return len(rows)


def resolve_quarantine(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime, sources: list[str],
                       release_ids: list[str] = (), stage: str | None = None) -> int:
    """Close the open rows of these source uris or release ids (only those of `stage`, if given); returns how many."""
    if not sources and not release_ids:
        return 0
    temp_table(con, "resolved_sources", [(uri,) for uri in sources], ["source_uri"])
    temp_table(con, "resolved_releases", [(rid,) for rid in release_ids], ["release_id"])
    of_stage = "AND stage = ?" if stage is not None else ""
    return con.execute(
        f"""UPDATE quarantine SET resolved_at = ?, resolved_by_run = ?
            WHERE resolved_at IS NULL {of_stage}
              AND (source_uri IN (SELECT source_uri FROM resolved_sources)
                   OR release_id IN (SELECT release_id FROM resolved_releases))""",
        [now, run_id] + ([stage] if stage is not None else []),
    ).fetchone()[0]

