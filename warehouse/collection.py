"""Web collection state: the raw_documents store and the discovered_releases to-do list."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb
import pandas as pd

PENDING, INGESTED, SKIPPED, QUARANTINED, FAILED = "pending", "ingested", "skipped", "quarantined", "failed"
MAX_FETCH_ATTEMPTS = 3  # a release whose fetch failed this often stays `failed` until an operator acts


@dataclass
class Discovery:
    """One discovered release as the to-do list records it."""

    url: str
    release_id: str | None
    title: str
    via: str
    published_at: datetime | None
    status: str = PENDING
    reason: str | None = None


@dataclass
class RawDocument:
    """One fetched body with its response metadata."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    headers: dict[str, str]
    body: bytes
    sha256: str
    fetched_at: datetime


@dataclass
class Outcome:
    """What became of one URL in an ingest run."""

    url: str
    status: str  # ingested | skipped | quarantined | failed | unchanged
    release_id: str | None = None
    meeting_id: str | None = None
    reason: str | None = None


def record_discoveries(con: duckdb.DuckDBPyConnection, found: list[Discovery]) -> list[Discovery]:
    """Add releases not seen before to the to-do list; return the new ones still pending."""
    if not found:
        return []
    now = _now()
    unique = list({d.url: d for d in found}.values())
    known = _known_urls(con, [d.url for d in unique])
    new = [d for d in unique if d.url not in known]
    if new:
        frame = pd.DataFrame([_discovery_row(d, now) for d in new])
        for column in ("published_at", "done_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True)
        _register(con, "staged_discoveries", frame)
        con.execute("INSERT INTO discovered_releases BY NAME SELECT * FROM staged_discoveries ON CONFLICT DO NOTHING")
    return [d for d in new if d.status == PENDING]


def mark_emitted(con: duckdb.DuckDBPyConnection, urls: list[str]) -> None:
    """Note that the discovered event was sent for these releases."""
    if urls:
        _register(con, "emitted_urls", pd.DataFrame({"url": urls}))
        con.execute("UPDATE discovered_releases SET event_emitted_at = ? WHERE url IN (SELECT url FROM emitted_urls)", [_now()])


def pending_urls(con: duckdb.DuckDBPyConnection, discovered_before: datetime | None = None) -> list[str]:
    """URLs still to ingest: pending ones, and failed fetches with attempts left; oldest first."""
    rows = con.execute(
        """SELECT url FROM discovered_releases
           WHERE (status = ? OR (status = ? AND attempts < ?)) AND discovered_at <= coalesce(?, now())
           ORDER BY discovered_at, url""",
        [PENDING, FAILED, MAX_FETCH_ATTEMPTS, discovered_before],
    ).fetchall()
    return [url for (url,) in rows]


def store_raw_documents(con: duckdb.DuckDBPyConnection, docs: list[RawDocument]) -> list[RawDocument]:
    """Store every fetched body; return those not yet processed (new bodies, or stored but never parsed)."""
    if not docs:
        return []
    now = _now()
    frame = pd.DataFrame([_raw_row(d) for d in docs]).drop_duplicates(["url", "sha256"], keep="last")
    frame["fetched_at"] = pd.to_datetime(frame["fetched_at"], utc=True)
    _register(con, "staged_raw", frame)
    done = {(u, s) for u, s in con.execute(
        """SELECT r.url, r.sha256 FROM raw_documents r JOIN staged_raw s USING (url, sha256)
           WHERE r.processed_at IS NOT NULL"""
    ).fetchall()}
    con.execute(
        """INSERT INTO raw_documents BY NAME
           SELECT * REPLACE (body::BLOB AS body, headers::JSON AS headers), fetched_at AS last_fetched_at,
                  1 AS fetch_count, NULL::TIMESTAMPTZ AS processed_at, NULL AS run_id
           FROM staged_raw
           ON CONFLICT (url, sha256) DO UPDATE SET last_fetched_at = ?, fetch_count = raw_documents.fetch_count + 1,
             status = excluded.status, headers = excluded.headers, final_url = excluded.final_url""",
        [now],
    )
    return [d for d in docs if (d.url, d.sha256) not in done]


def mark_processed(con: duckdb.DuckDBPyConnection, docs: list[RawDocument], run_id: str) -> None:
    """Record that these bodies went through parse, validate and load."""
    if docs:
        _register(con, "processed_raw", pd.DataFrame({"url": [d.url for d in docs], "sha256": [d.sha256 for d in docs]}))
        con.execute(
            """UPDATE raw_documents SET processed_at = ?, run_id = ? FROM processed_raw p
               WHERE raw_documents.url = p.url AND raw_documents.sha256 = p.sha256""",
            [_now(), run_id],
        )


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: list[Outcome], run_id: str) -> None:
    """Move each URL's to-do entry to its outcome (adding entries for URLs named directly)."""
    final = [o for o in outcomes if o.status != "unchanged"]
    if not final:
        return
    now = _now()
    frame = pd.DataFrame([
        {"url": o.url, "release_id": o.release_id, "status": o.status, "reason": o.reason, "meeting_id": o.meeting_id,
         "done_at": None if o.status == FAILED else now}
        for o in final
    ]).drop_duplicates("url", keep="last")
    frame["done_at"] = pd.to_datetime(frame["done_at"], utc=True)
    _register(con, "staged_outcomes", frame)
    con.execute(
        """INSERT INTO discovered_releases (url, release_id, title, discovered_via, discovered_at, status, reason,
                                             attempts, last_attempt_at, last_run_id, meeting_id, done_at)
           SELECT url, release_id, NULL, 'url', ?, status, reason, 1, ?, ?, meeting_id, done_at FROM staged_outcomes
           ON CONFLICT (url) DO UPDATE SET
             status = excluded.status, reason = excluded.reason, attempts = discovered_releases.attempts + 1,
             last_attempt_at = excluded.last_attempt_at, last_run_id = excluded.last_run_id,
             meeting_id = coalesce(excluded.meeting_id, discovered_releases.meeting_id),
             release_id = coalesce(discovered_releases.release_id, excluded.release_id), done_at = excluded.done_at""",
        [now, now, run_id],
    )


def resolve_sources(con: duckdb.DuckDBPyConnection, run_id: str, addresses: list[str]) -> None:
    """A feed or index page read successfully leaves quarantine (its earlier failures stay as history)."""
    if addresses:
        _register(con, "read_sources", pd.DataFrame({"source_uri": addresses}))
        con.execute(
            """UPDATE quarantine SET resolved_at = ?, resolved_by_run = ?
               WHERE resolved_at IS NULL AND stage = 'discover' AND source_uri IN (SELECT source_uri FROM read_sources)""",
            [_now(), run_id],
        )


def _known_urls(con, urls: list[str]) -> set[str]:
    _register(con, "candidate_urls", pd.DataFrame({"url": urls}))
    return {u for (u,) in con.execute(
        "SELECT url FROM discovered_releases WHERE url IN (SELECT url FROM candidate_urls)").fetchall()}


def _discovery_row(d: Discovery, now: datetime) -> dict:
    return {"url": d.url, "release_id": d.release_id, "title": d.title, "published_at": d.published_at,
            "discovered_via": d.via, "discovered_at": now, "status": d.status, "reason": d.reason, "attempts": 0,
            "done_at": None if d.status == PENDING else now}


def _raw_row(d: RawDocument) -> dict:
    return {"url": d.url, "sha256": d.sha256, "final_url": d.final_url, "status": d.status,
            "content_type": d.content_type, "charset": d.charset, "headers": json.dumps(d.headers),
            "size_bytes": len(d.body), "body": d.body, "fetched_at": d.fetched_at}


def _register(con, name: str, frame: pd.DataFrame) -> None:
    con.unregister(name)
    con.register(name, frame)


def _now() -> datetime:
    return datetime.now(timezone.utc)
