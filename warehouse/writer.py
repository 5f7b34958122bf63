"""The single writer: loads one batch of staged records in one transaction, idempotently."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb

from parsers import ParsedRelease

from .meetings import rebuild_meetings
from .precedence import MeetingChange
from .staging import stage



@dataclass
class QuarantineItem:
    """Something that could not be read, parsed or validated, with the reason and raw bytes."""

    stage: str
    reason: str
    source_uri: str
    payload: bytes | None = None
    release_id: str | None = None
    pipeline_version: str | None = None  # set at parse and validate: the same bad input is not re-run by it

    @property
    def content_sha256(self) -> str | None:
        return hashlib.sha256(self.payload).hexdigest() if self.payload is not None else None

    @property
    def quarantine_id(self) -> str:
        key = f"{self.stage}\0{self.source_uri}\0{self.release_id}\0{self.content_sha256}\0{self.reason}"
        return "Q" + hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class LoadResult:
    loaded: list[str] = field(default_factory=list)  # release ids written as a new revision
    unchanged: list[str] = field(default_factory=list)
    quarantined: int = 0
    resolved: int = 0
    written: list[tuple] = field(default_factory=list)  # (id, revision, url, language, records) of each new revision
    reread: list[str] = field(default_factory=list)  # unchanged releases whose meetings are rebuilt (force)
    changes: list[MeetingChange] = field(default_factory=list)  # meetings whose sources or fields changed


def load_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    releases: list[ParsedRelease],
    quarantine: list[QuarantineItem] = (),
    dq_rows: list[dict] = (),
    force: bool = False,
) -> LoadResult:
    """Write a batch in one transaction: new revisions, the meetings they describe rebuilt from all their
    sources (`warehouse.meetings`), quarantine, resolutions.

    A release is written as a new revision when its bytes or the parser version changed; with `force`
    (`plenary ingest --force`), also when parsing the same bytes again gives other records, and the
    meetings of the rest are rebuilt all the same."""
    now = datetime.now(timezone.utc)
    batch = list({p.release.release_id: p for p in releases}.values())  # callers outside the gate: last copy wins
    batch_no = dq_rows[0]["batch_no"] if dq_rows else 0
    con.execute("BEGIN TRANSACTION")
    try:
        result = _write(con, run_id, now, batch, list(quarantine), force, batch_no)
        if dq_rows:
            stage(con, "staged_dq", list(dq_rows))
            con.execute("INSERT INTO dq_results BY NAME SELECT * FROM staged_dq ON CONFLICT DO NOTHING")
        result.changes = rebuild_meetings(con, run_id, now, batch_no, result.written, result.reread)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return result


def _write(con, run_id, now, batch, quarantine, force: bool, batch_no: int) -> LoadResult:
    existing = _existing_revisions(con, [p.release.release_id for p in batch], with_records=force)
    records = {p.release.release_id: p.to_dict() for p in batch}
    changed = [p for p in batch if _is_new_revision(existing.get(p.release.release_id), p, records, force)]
    changed_ids = {p.release.release_id for p in changed}
    unchanged = [p.release.release_id for p in batch if p.release.release_id not in changed_ids]
    if unchanged:
        stage(con, "seen_ids", [(rid,) for rid in unchanged], ["release_id"])
        con.execute("UPDATE releases SET last_seen_at = ? WHERE release_id IN (SELECT release_id FROM seen_ids)", [now])
    written = _write_revisions(con, run_id, now, changed, existing, records) if changed else []
    result = LoadResult(loaded=[p.release.release_id for p in changed], unchanged=unchanged)
    result.written, result.reread = written, unchanged if force else []
    result.quarantined = _quarantine(con, run_id, now, quarantine)
    result.resolved = _resolve(con, run_id, now, batch, quarantine)
    return result


def _is_new_revision(existing: tuple | None, parsed: ParsedRelease, records: dict[str, dict], force: bool) -> bool:
    """A release not loaded before, with other bytes or address, or parsed by another parser version; forced: other records."""
    if existing is None:
        return True
    sha, _, parser_version, records_json, source_url = existing
    if sha != parsed.release.content_sha256 or parser_version != parsed.release.parser_version:
        return True
    if source_url != parsed.release.source_url:  # the same bytes at another address: another kind of source
        return True
    return force and records_json is not None and json.loads(records_json) != records[parsed.release.release_id]


@dataclass
class KnownSources:
    """What this pipeline already did with some inputs, each a (source uri, sha256) pair."""

    unchanged: dict[tuple[str, str], str] = field(default_factory=dict)  # loaded as they are -> release id
    quarantined: set[tuple[str, str]] = field(default_factory=set)  # quarantined at parse or validate by this version
    batch_rejections: set[tuple[str, str]] = field(default_factory=set)  # rejected only for a conflict in their batch


def known_sources(con: duckdb.DuckDBPyConnection, sources: list[tuple[str, str, str | None]], parser_version: str,
                  pipeline_version: str, run_id: str) -> KnownSources:
    """Look up (source uri, sha256, source url) inputs, staged once for the three questions of `KnownSources`.

    Inputs already loaded as they are by this parser version are seen again: their last_seen_at moves,
    and quarantine rows still open for those sources close (as `_resolve` does)."""
    if not sources:
        return KnownSources()
    stage(con, "offered_sources", sources, ["source_uri", "content_sha256", "source_url"])
    return KnownSources(_unchanged(con, parser_version, run_id), _still_quarantined(con, pipeline_version),
                        _batch_rejections(con))


def _still_quarantined(con, pipeline_version: str) -> set[tuple[str, str]]:
    return set(con.execute(
        """SELECT DISTINCT q.source_uri, q.content_sha256 FROM quarantine q JOIN offered_sources o USING (source_uri, content_sha256)
           WHERE q.resolved_at IS NULL AND q.stage IN ('parse', 'validate') AND q.pipeline_version = ?""",
        [pipeline_version],
    ).fetchall())


def _batch_rejections(con) -> set[tuple[str, str]]:
    return set(con.execute(
        """SELECT DISTINCT q.source_uri, q.content_sha256 FROM quarantine q JOIN offered_sources o USING (source_uri, content_sha256)
           WHERE q.resolved_at IS NULL AND q.stage = 'validate' AND q.pipeline_version IS NULL""",
    ).fetchall())


def _unchanged(con, parser_version: str, run_id: str) -> dict[tuple[str, str], str]:
    con.execute(
        """CREATE OR REPLACE TEMP TABLE seen_sources AS
           SELECT r.source_uri, r.content_sha256, r.release_id FROM releases r
           JOIN offered_sources o ON r.source_uri = o.source_uri AND r.content_sha256 = o.content_sha256
                AND r.source_url IS NOT DISTINCT FROM o.source_url
           WHERE r.parser_version = ?""",
        [parser_version],
    )
    now = datetime.now(timezone.utc)
    con.execute("UPDATE releases SET last_seen_at = ? WHERE release_id IN (SELECT release_id FROM seen_sources)", [now])
    con.execute(
        """UPDATE quarantine SET resolved_at = ?, resolved_by_run = ?
           WHERE resolved_at IS NULL AND source_uri IN (SELECT source_uri FROM seen_sources)""",
        [now, run_id],
    )
    return {(uri, sha): rid for uri, sha, rid in con.execute("SELECT * FROM seen_sources").fetchall()}


def _existing_revisions(con, ids: list[str], with_records: bool = False) -> dict[str, tuple]:
    """Release id -> (content sha256, revision, parser version, records JSON if asked for, source url) of the current
    revisions."""
    if not ids:
        return {}
    stage(con, "batch_ids", [(rid,) for rid in ids], ["release_id"])
    records = "v.records_json::VARCHAR" if with_records else "NULL"
    rows = con.execute(
        f"""SELECT r.release_id, r.content_sha256, r.revision, r.parser_version, {records}, r.source_url FROM releases r
            LEFT JOIN release_revisions v ON {'v.release_id = r.release_id AND v.revision = r.revision' if with_records else 'false'}
            WHERE r.release_id IN (SELECT release_id FROM batch_ids)"""
    ).fetchall()
    return {rid: (sha, rev, version, rec, url) for rid, sha, rev, version, rec, url in rows}


def _write_revisions(con, run_id, now, changed, existing, records) -> list[tuple]:
    """Write the changed releases as new revisions; returns (id, revision, url, language, records) of each."""
    rows = []
    for parsed in changed:
        rel = _fields(parsed.release)
        rel["revision"] = existing.get(parsed.release.release_id, (None, 0))[1] + 1
        rel["records_json"] = json.dumps(records[parsed.release.release_id], ensure_ascii=False)
        rows.append(rel)
    stage(con, "staged_releases", rows)
    con.execute(
        """INSERT INTO release_revisions
           SELECT release_id, revision, content_sha256, title, source_uri, parser_version, ?, ?, records_json::JSON
           FROM staged_releases""",
        [now, run_id],
    )
    con.execute(
        """INSERT INTO releases BY NAME
           SELECT release_id, revision, title, source_uri, source_url, language, issued_at, release_date::DATE AS release_date,
                  content_sha256, is_plenary_report, not_plenary_reason, parser_version,
                  has_own_title, encoding_warning, truncated,
                  ?::TIMESTAMPTZ AS first_seen_at, ?::TIMESTAMPTZ AS last_seen_at
           FROM staged_releases
           ON CONFLICT (release_id) DO UPDATE SET
             revision = excluded.revision, title = excluded.title, source_uri = excluded.source_uri,
             source_url = excluded.source_url, language = excluded.language, issued_at = excluded.issued_at,
             release_date = excluded.release_date, content_sha256 = excluded.content_sha256,
             is_plenary_report = excluded.is_plenary_report, not_plenary_reason = excluded.not_plenary_reason,
             parser_version = excluded.parser_version, last_seen_at = excluded.last_seen_at,
             has_own_title = excluded.has_own_title, encoding_warning = excluded.encoding_warning,
             truncated = excluded.truncated""",
        [now, now],
    )
    return [(r["release_id"], r["revision"], r["source_url"], r["language"], records[r["release_id"]]) for r in rows]


def _quarantine(con, run_id, now, items: list[QuarantineItem]) -> int:
    if not items:
        return 0
    rows = {q.quarantine_id: {
        "quarantine_id": q.quarantine_id, "run_id": run_id, "quarantined_at": now, "stage": q.stage,
        "reason": q.reason, "source_uri": q.source_uri, "release_id": q.release_id,
        "content_sha256": q.content_sha256, "payload": q.payload, "pipeline_version": q.pipeline_version,
    } for q in reversed(items)}  # one row per id: the first, as drop_duplicates kept
    stage(con, "staged_quarantine", list(rows.values()))
    con.execute(
        """INSERT INTO quarantine BY NAME SELECT * REPLACE (payload::BLOB AS payload) FROM staged_quarantine
           ON CONFLICT (quarantine_id) DO UPDATE SET resolved_at = NULL, resolved_by_run = NULL,
             pipeline_version = excluded.pipeline_version"""
    )
    return len(rows)


def _resolve(con, run_id, now, passed: list[ParsedRelease], quarantined: list[QuarantineItem]) -> int:
    """A source that loads (or is already loaded) this run leaves quarantine; the row stays as history."""
    still_bad = {q.source_uri for q in quarantined}
    rows = [(p.release.source_uri, p.release.release_id) for p in passed if p.release.source_uri not in still_bad]
    if not rows:
        return 0
    stage(con, "passed_sources", rows, ["source_uri", "release_id"])
    return con.execute(
        """UPDATE quarantine SET resolved_at = ?, resolved_by_run = ?
           WHERE resolved_at IS NULL AND (source_uri IN (SELECT source_uri FROM passed_sources)
                 OR release_id IN (SELECT release_id FROM passed_sources))""",
        [now, run_id],
    ).fetchone()[0]


def _fields(record) -> dict:
    """A flat record's fields (a shallow copy; `dataclasses.asdict` deep-copies and is far slower)."""
    return dict(vars(record))
