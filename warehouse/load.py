"""The load stage: one batch of validated releases written in one transaction, idempotently.

What the transaction holds, in order: the releases as new revisions or seen again (`releases`), what the
batch quarantined and the quarantine its loads resolve (`quarantine`), the gate's `dq_results` rows, and
the meetings the batch touches rebuilt from all their sources (`meetings`), each Chinese source paired with
its English twin again (`language_pairs`), and the attendees rows written tied to their people (`people`).
"""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from parsers import ParsedRelease

from .connection import transaction
from .language_pairs import pair_languages
from .meetings import rebuild_meetings
from .people import resolve_people
from .quarantine import resolve_quarantine, write_quarantine
from .releases import write_releases
from .rows import LoadResult, QuarantineItem
from .temp_tables import temp_table


def load_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    releases: list[ParsedRelease],
    quarantine: list[QuarantineItem] = (),
    dq_rows: list[dict] = (),
    force: bool = False,
) -> LoadResult:
    """Write a batch in one transaction: new revisions, the meetings they describe rebuilt from all their
    sources (`warehouse.meetings`), the Chinese sources paired with their English twins (`warehouse.language_pairs`),
    quarantine, resolutions.

    A release is written as a new revision when its bytes or the parser version changed; with `force`
    (`plenary ingest --force`), also when parsing the same bytes again gives other records, and the
    meetings of the rest are rebuilt all the same."""
    now = datetime.now(timezone.utc)
    batch = list({p.release.release_id: p for p in releases}.values())  # callers outside the gate: last copy wins
    batch_no = dq_rows[0]["batch_no"] if dq_rows else 0
    with transaction(con):
        result = write_releases(con, run_id, now, batch, force)
        result.quarantined = write_quarantine(con, run_id, now, list(quarantine))
        result.resolved = _resolve_loaded(con, run_id, now, batch, quarantine)
        _write_dq_results(con, dq_rows)
        result.changes = rebuild_meetings(con, run_id, now, batch_no, result.written, result.reread)
        pair_languages(con, run_id, now, batch_no, [rid for rid, *_ in result.written] + result.reread)
        resolve_people(con, run_id, now, batch_no)
    return result


def _resolve_loaded(con, run_id: str, now: datetime, passed: list[ParsedRelease], quarantined: list[QuarantineItem]) -> int:
    """A source that loads (or is already loaded) this run leaves quarantine, by its address or its release id."""
    still_bad = {q.source_uri for q in quarantined}
    loaded = [p.release for p in passed if p.release.source_uri not in still_bad]
    return resolve_quarantine(con, run_id, now, [r.source_uri for r in loaded], [r.release_id for r in loaded])


def _write_dq_results(con, dq_rows: list[dict]) -> None:
    """The quality gate's rows for this batch (one per check and table); a row already written stays."""
    if dq_rows:
        temp_table(con, "incoming_dq", list(dq_rows))
        con.execute("INSERT INTO dq_results BY NAME SELECT * FROM incoming_dq ON CONFLICT DO NOTHING")
