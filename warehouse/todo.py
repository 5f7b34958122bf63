"""The to-do list of web collection (`discovered_releases`): each release found in a feed or on a daily index
page, with its status (pending, ingested, skipped, quarantined, failed), attempts and next retry; and the two
transactions that move it, one per discovery chunk and one per fetched batch."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from .connection import transaction
from .index_pages import mark_index_pages_read
from .quarantine import resolve_quarantine, write_quarantine
from .raw_documents import mark_processed
from .rows import FAILED, INGESTED, PENDING, SKIPPED, Discovery, IndexPage, Outcome, QuarantineItem, RawDocument
from .temp_tables import aware, temp_table

MAX_FETCH_ATTEMPTS = 10  # with the backoff below, about five days of retries before a release stays `failed`
RETRY_BASE_MINUTES = 15  # a failed fetch is retried after 15 min, 30 min, 1 h, ... at most a day apart


def record_discoveries(con: duckdb.DuckDBPyConnection, found: list[Discovery]) -> list[Discovery]:
    """Add releases not seen before to the to-do list; return the new ones (pending, skipped or refused)."""
    if not found:
        return []
    now = _now()
    unique = list({d.url: d for d in found}.values())
    known = _known_urls(con, [d.url for d in unique])
    new = [d for d in unique if d.url not in known]
    if new:
        temp_table(con, "incoming_discoveries", [_discovery_row(d, now) for d in new])
        con.execute("INSERT INTO discovered_releases BY NAME SELECT * FROM incoming_discoveries ON CONFLICT DO NOTHING")
    return new


def record_discovery_chunk(con: duckdb.DuckDBPyConnection, run_id: str, found: list[Discovery],
                           quarantine: list[QuarantineItem], sources_read: list[str],
                           index_pages: list[IndexPage] = ()) -> list[Discovery]:
    """In one transaction: add the releases found to the to-do list (`record_discoveries`), quarantine what
    could not be read or was refused, close the quarantine of the feed and pages read this time, and mark
    the index pages of past days read. Returns the new to-do entries.

    A backfill stopped at any point (Ctrl+C, SIGTERM, SIGKILL) has therefore either recorded a chunk's
    pages together with every release they list, or neither: the next backfill reads again exactly the
    pages not recorded."""
    with transaction(con):
        new = record_discoveries(con, found)
        write_quarantine(con, run_id, _now(), list(quarantine))
        resolve_quarantine(con, run_id, _now(), sources_read, stage="discover")
        mark_index_pages_read(con, run_id, list(index_pages))
    return new


def mark_emitted(con: duckdb.DuckDBPyConnection, urls: list[str]) -> None:
    """Note that the discovered event was sent for these releases."""
    if urls:
        temp_table(con, "emitted_urls", [(url,) for url in urls], ["url"])
        con.execute("UPDATE discovered_releases SET event_emitted_at = ? WHERE url IN (SELECT url FROM emitted_urls)", [_now()])


def pending_urls(con: duckdb.DuckDBPyConnection, discovered_before: datetime | None = None) -> list[str]:
    """URLs to ingest: pending ones (found before the cut-off), and failed fetches whose retry is due."""
    rows = con.execute(
        """SELECT url FROM discovered_releases
           WHERE (status = ? AND discovered_at <= coalesce(?, now()))
              OR (status = ? AND attempts < ? AND coalesce(next_attempt_at, now()) <= now())
           ORDER BY discovered_at, url""",
        [PENDING, discovered_before, FAILED, MAX_FETCH_ATTEMPTS],
    ).fetchall()
    return [url for (url,) in rows]


def finish_fetches(con: duckdb.DuckDBPyConnection, run_id: str, processed: list[RawDocument],
                   fetched_urls: list[str], outcomes: list[Outcome], pipeline_version: str | None = None) -> None:
    """In one transaction: note each processed body's outcome (and the version that processed it), move the
    to-do rows, close fetch quarantine (a URL fetched successfully leaves it; its earlier rows stay as history)."""
    with transaction(con):
        mark_processed(con, processed, outcomes, run_id, pipeline_version)
        record_outcomes(con, outcomes, run_id)
        resolve_quarantine(con, run_id, _now(), fetched_urls, stage="fetch")


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: list[Outcome], run_id: str) -> None:
    """Move each URL's to-do entry to its outcome (adding entries for URLs named directly).

    A failed re-fetch of a release already ingested or skipped leaves that status (the failure is in
    quarantine); a failed fetch is due again after RETRY_BASE_MINUTES, doubling per attempt, at most a day.
    """
    if not outcomes:
        return
    temp_table(con, "incoming_outcomes", list({o.url: {  # the last outcome of each URL
        "url": o.url, "release_id": o.release_id, "status": o.status, "reason": o.reason, "meeting_id": o.meeting_id,
    } for o in outcomes}.values()))
    con.execute(_UPSERT_OUTCOMES, {"now": _now(), "run": run_id})


_DONE = f"('{INGESTED}', '{SKIPPED}')"  # statuses a failed re-fetch does not undo
_UPSERT_OUTCOMES = f"""
    INSERT INTO discovered_releases (url, release_id, title, discovered_via, discovered_at, status, reason,
                                     attempts, last_attempt_at, last_run_id, meeting_id, next_attempt_at, done_at)
    SELECT url, release_id, NULL, 'url', $now, status, reason, 1, $now, $run, meeting_id,
           CASE WHEN status = '{FAILED}' THEN $now + INTERVAL {RETRY_BASE_MINUTES} MINUTE END,
           CASE WHEN status <> '{FAILED}' THEN $now END
    FROM incoming_outcomes
    ON CONFLICT (url) DO UPDATE SET
      status = CASE WHEN excluded.status = '{FAILED}' AND discovered_releases.status IN {_DONE}
                    THEN discovered_releases.status ELSE excluded.status END,
      reason = CASE WHEN excluded.status = '{FAILED}' AND discovered_releases.status IN {_DONE}
                    THEN discovered_releases.reason ELSE excluded.reason END,
      next_attempt_at = CASE WHEN excluded.status = '{FAILED}' AND discovered_releases.status NOT IN {_DONE}
                    THEN $now + to_minutes(least({RETRY_BASE_MINUTES} * 2 ** discovered_releases.attempts, 1440)::BIGINT) END,
      done_at = CASE WHEN excluded.status = '{FAILED}' THEN discovered_releases.done_at ELSE $now END,
      attempts = discovered_releases.attempts + 1, last_attempt_at = $now, last_run_id = $run,
      meeting_id = coalesce(excluded.meeting_id, discovered_releases.meeting_id),
      release_id = coalesce(discovered_releases.release_id, excluded.release_id)"""


def _known_urls(con, urls: list[str]) -> set[str]:
    temp_table(con, "candidate_urls", [(url,) for url in urls], ["url"])
    return {u for (u,) in con.execute(
        "SELECT url FROM discovered_releases WHERE url IN (SELECT url FROM candidate_urls)").fetchall()}


def _discovery_row(d: Discovery, now: datetime) -> dict:
    return {"url": d.url, "release_id": d.release_id, "title": d.title, "published_at": aware(d.published_at),
            "discovered_via": d.via, "language": d.language, "discovered_at": now, "status": d.status,
            "reason": d.reason, "attempts": 0, "done_at": None if d.status == PENDING else now}


def _now() -> datetime:
    return datetime.now(timezone.utc)
