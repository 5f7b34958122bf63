"""The `releases` and `release_revisions` tables: a release written as a new revision when it changed, seen
again otherwise; and what the warehouse already knows of some inputs (`known_sources`), asked before parsing."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb

from parsers import ParsedRelease

from .quarantine import resolve_quarantine
from .rows import KnownSources, LoadResult
from .temp_tables import temp_table


def write_releases(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime, batch: list[ParsedRelease],
                   force: bool) -> LoadResult:
    """Write the releases that changed as new revisions and mark the others seen; no transaction of its own.

    A release is written as a new revision when its bytes, its address or the parser version changed; with
    `force`, also when parsing the same bytes again gives other records, and the others are `reread`."""
    existing = _existing_revisions(con, [p.release.release_id for p in batch], with_records=force)
    records = {p.release.release_id: p.to_dict() for p in batch}
    changed = [p for p in batch if _is_new_revision(existing.get(p.release.release_id), p, records, force)]
    changed_ids = {p.release.release_id for p in changed}
    unchanged = [p.release.release_id for p in batch if p.release.release_id not in changed_ids]
    _mark_seen(con, now, unchanged)
    written = _write_revisions(con, run_id, now, changed, existing, records) if changed else []
    return LoadResult(loaded=[p.release.release_id for p in changed], unchanged=unchanged, written=written,
                      reread=unchanged if force else [])


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


def _mark_seen(con, now: datetime, release_ids: list[str]) -> None:
    """Releases read again unchanged: their last_seen_at moves."""
    if release_ids:
        temp_table(con, "seen_ids", [(rid,) for rid in release_ids], ["release_id"])
        con.execute("UPDATE releases SET last_seen_at = ? WHERE release_id IN (SELECT release_id FROM seen_ids)", [now])


def known_sources(con: duckdb.DuckDBPyConnection, sources: list[tuple[str, str, str | None]], parser_version: str,
                  pipeline_version: str, run_id: str) -> KnownSources:
    """Look up (source uri, sha256, source url) inputs, put in a temp table once for the three questions of `KnownSources`.

    Inputs already loaded as they are by this parser version are seen again: their last_seen_at moves,
    and quarantine rows still open for those sources close (as a batch that loads them does)."""
    if not sources:
        return KnownSources()
    temp_table(con, "offered_sources", sources, ["source_uri", "content_sha256", "source_url"])
    return KnownSources(_unchanged(con, parser_version, run_id), _still_quarantined(con, pipeline_version),
                        _batch_rejections(con))


def _unchanged(con, parser_version: str, run_id: str) -> dict[tuple[str, str], str]:
    seen = con.execute(
        """SELECT r.source_uri, r.content_sha256, r.release_id FROM releases r
           JOIN offered_sources o ON r.source_uri = o.source_uri AND r.content_sha256 = o.content_sha256
                AND r.source_url IS NOT DISTINCT FROM o.source_url
           WHERE r.parser_version = ?""",
        [parser_version],
    ).fetchall()
    now = datetime.now(timezone.utc)
    _mark_seen(con, now, [rid for _, _, rid in seen])
    resolve_quarantine(con, run_id, now, [uri for uri, _, _ in seen])
    return {(uri, sha): rid for uri, sha, rid in seen}


def _still_quarantined(con, pipeline_version: str) -> set[tuple[str, str]]:
    """Offered inputs quarantined at parse or validate by this pipeline version, still open."""
    return _open_quarantine(con, "q.stage IN ('parse', 'validate') AND q.pipeline_version = ?", [pipeline_version])


def _batch_rejections(con) -> set[tuple[str, str]]:
    """Offered inputs rejected at validate only for a conflict in their batch (no pipeline version), still open."""
    return _open_quarantine(con, "q.stage = 'validate' AND q.pipeline_version IS NULL", [])


def _open_quarantine(con, condition: str, parameters: list) -> set[tuple[str, str]]:
    return set(con.execute(
        f"""SELECT DISTINCT q.source_uri, q.content_sha256 FROM quarantine q JOIN offered_sources o USING (source_uri, content_sha256)
            WHERE q.resolved_at IS NULL AND {condition}""",
        parameters,
    ).fetchall())


def _existing_revisions(con, ids: list[str], with_records: bool = False) -> dict[str, tuple]:
    """Release id -> (content sha256, revision, parser version, records JSON if asked for, source url) of the current
    revisions."""
    if not ids:
        return {}
    temp_table(con, "batch_ids", [(rid,) for rid in ids], ["release_id"])
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
    temp_table(con, "incoming_releases", rows)
    con.execute(
        """INSERT INTO release_revisions
           SELECT release_id, revision, content_sha256, title, source_uri, parser_version, ?, ?, records_json::JSON
           FROM incoming_releases""",
        [now, run_id],
    )
    con.execute(_UPSERT_RELEASES, [now, now])
    return [(r["release_id"], r["revision"], r["source_url"], r["language"], records[r["release_id"]]) for r in rows]


_UPSERT_RELEASES = """
    INSERT INTO releases BY NAME
    SELECT release_id, revision, title, source_uri, source_url, language, issued_at, release_date::DATE AS release_date,
           content_sha256, is_plenary_report, not_plenary_reason, parser_version,
           has_own_title, encoding_warning, truncated, other_language_url,
           ?::TIMESTAMPTZ AS first_seen_at, ?::TIMESTAMPTZ AS last_seen_at
    FROM incoming_releases
    ON CONFLICT (release_id) DO UPDATE SET
      revision = excluded.revision, title = excluded.title, source_uri = excluded.source_uri,
      source_url = excluded.source_url, language = excluded.language, issued_at = excluded.issued_at,
      release_date = excluded.release_date, content_sha256 = excluded.content_sha256,
      is_plenary_report = excluded.is_plenary_report, not_plenary_reason = excluded.not_plenary_reason,
      parser_version = excluded.parser_version, last_seen_at = excluded.last_seen_at,
      has_own_title = excluded.has_own_title, encoding_warning = excluded.encoding_warning,
      truncated = excluded.truncated, other_language_url = excluded.other_language_url"""


def _fields(record) -> dict:
    """A flat record's fields (a shallow copy; `dataclasses.asdict` deep-copies and is far slower)."""
    return dict(vars(record))
