"""Web collection state: the raw_documents store, the discovered_releases to-do list, and the daily
index pages of past days already read (index_pages_read)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import duckdb

from .staging import stage
from .writer import QuarantineItem, _quarantine as write_quarantine  # the quarantine rows of load_batch, without its transaction

PENDING, INGESTED, SKIPPED, QUARANTINED, FAILED = "pending", "ingested", "skipped", "quarantined", "failed"
# A stored body this version needs not process again: processed by this pipeline version (parameter 1), or
# loaded or set aside by this parser version (parameter 2); a body quarantined by an older pipeline is tried again.
PROCESSED_BY_THIS_VERSION = (
    f"r.processed_at IS NOT NULL AND (r.pipeline_version = ? OR (r.outcome IN ('{INGESTED}', '{SKIPPED}') "
    "AND split_part(r.pipeline_version, '+', 1) = ?))"
)
MAX_FETCH_ATTEMPTS = 10  # with the backoff below, about five days of retries before a release stays `failed`
RETRY_BASE_MINUTES = 15  # a failed fetch is retried after 15 min, 30 min, 1 h, ... at most a day apart
HKT = timezone(timedelta(hours=8), "HKT")
INDEX_SETTLE_DAYS = 2  # today's index page and those of the 2 days before it may still change: never recorded as read


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


@dataclass(frozen=True)
class IndexPage:
    """A daily index page read successfully, and how many release links it listed."""

    url: str
    day: date
    releases_listed: int


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
    """Add releases not seen before to the to-do list; return the new ones (pending, skipped or refused)."""
    if not found:
        return []
    now = _now()
    unique = list({d.url: d for d in found}.values())
    known = _known_urls(con, [d.url for d in unique])
    new = [d for d in unique if d.url not in known]
    if new:
        stage(con, "staged_discoveries", [_discovery_row(d, now) for d in new])
        con.execute("INSERT INTO discovered_releases BY NAME SELECT * FROM staged_discoveries ON CONFLICT DO NOTHING")
    return new


def mark_emitted(con: duckdb.DuckDBPyConnection, urls: list[str]) -> None:
    """Note that the discovered event was sent for these releases."""
    if urls:
        stage(con, "emitted_urls", [(url,) for url in urls], ["url"])
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


def store_raw_documents(con: duckdb.DuckDBPyConnection, docs: list[RawDocument], pipeline_version: str,
                        force: bool = False) -> tuple[list[RawDocument], list[Outcome]]:
    """Store every fetched body; return those still to process, and the earlier outcome of bodies already processed.

    A body counts as processed when `pipeline_version` processed it, or when it loaded (or was set aside)
    under the same parser version (`pipeline_version` is `<parser version>+checks-<digest>`); with `force`, none does."""
    if not docs:
        return [], []
    now = _now()
    stage(con, "staged_raw", list({(d.url, d.sha256): _raw_row(d) for d in docs}.values()))  # the last copy of each
    done = {} if force else {
        (url, sha): Outcome(url, outcome, release_id, meeting_id, reason)
        for url, sha, outcome, release_id, meeting_id, reason in con.execute(
            f"""SELECT r.url, r.sha256, r.outcome, r.release_id, r.meeting_id, r.outcome_reason
               FROM raw_documents r JOIN staged_raw s USING (url, sha256) WHERE {PROCESSED_BY_THIS_VERSION}""",
            [pipeline_version, pipeline_version.split("+")[0]],
        ).fetchall()
    }
    con.execute(
        """INSERT INTO raw_documents BY NAME
           SELECT * REPLACE (body::BLOB AS body, headers::JSON AS headers), fetched_at AS last_fetched_at, 1 AS fetch_count
           FROM staged_raw
           ON CONFLICT (url, sha256) DO UPDATE SET last_fetched_at = ?, fetch_count = raw_documents.fetch_count + 1,
             status = excluded.status, headers = excluded.headers, final_url = excluded.final_url""",
        [now],
    )
    fresh = [d for d in docs if (d.url, d.sha256) not in done]
    return fresh, [done[key] for key in dict.fromkeys((d.url, d.sha256) for d in docs) if key in done]


def finish_fetches(con: duckdb.DuckDBPyConnection, run_id: str, processed: list[RawDocument],
                   fetched_urls: list[str], outcomes: list[Outcome], pipeline_version: str | None = None) -> None:
    """In one transaction: note each processed body's outcome (and the version that processed it), move the
    to-do rows, close fetch quarantine."""
    con.execute("BEGIN TRANSACTION")
    try:
        _mark_processed(con, processed, outcomes, run_id, pipeline_version)
        record_outcomes(con, outcomes, run_id)
        _resolve_fetches(con, run_id, fetched_urls)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _mark_processed(con, docs: list[RawDocument], outcomes: list[Outcome], run_id: str, pipeline_version: str | None) -> None:
    """Record that these bodies went through parse, validate and load, and what that gave."""
    if not docs:
        return
    by_url = {o.url: o for o in outcomes}
    stage(con, "processed_raw", [
        {"url": d.url, "sha256": d.sha256, "outcome": by_url[d.url].status if d.url in by_url else None,
         "outcome_reason": by_url[d.url].reason if d.url in by_url else None,
         "release_id": by_url[d.url].release_id if d.url in by_url else None,
         "meeting_id": by_url[d.url].meeting_id if d.url in by_url else None}
        for d in docs
    ])
    con.execute(
        """UPDATE raw_documents SET processed_at = ?, run_id = ?, outcome = p.outcome, outcome_reason = p.outcome_reason,
                  release_id = p.release_id, meeting_id = p.meeting_id, pipeline_version = ?
           FROM processed_raw p WHERE raw_documents.url = p.url AND raw_documents.sha256 = p.sha256""",
        [_now(), run_id, pipeline_version],
    )


def _resolve_fetches(con, run_id: str, urls: list[str]) -> None:
    """A URL fetched successfully leaves fetch-stage quarantine (its earlier rows stay as history)."""
    if urls:
        stage(con, "fetched_urls", [(url,) for url in urls], ["source_uri"])
        con.execute(
            """UPDATE quarantine SET resolved_at = ?, resolved_by_run = ?
               WHERE resolved_at IS NULL AND stage = 'fetch' AND source_uri IN (SELECT source_uri FROM fetched_urls)""",
            [_now(), run_id],
        )


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: list[Outcome], run_id: str) -> None:
    """Move each URL's to-do entry to its outcome (adding entries for URLs named directly).

    A failed re-fetch of a release already ingested or skipped leaves that status (the failure is in
    quarantine); a failed fetch is due again after RETRY_BASE_MINUTES, doubling per attempt, at most a day.
    """
    if not outcomes:
        return
    now = _now()
    stage(con, "staged_outcomes", list({o.url: {  # the last outcome of each URL
        "url": o.url, "release_id": o.release_id, "status": o.status, "reason": o.reason, "meeting_id": o.meeting_id,
    } for o in outcomes}.values()))
    con.execute(
        f"""INSERT INTO discovered_releases (url, release_id, title, discovered_via, discovered_at, status, reason,
                                              attempts, last_attempt_at, last_run_id, meeting_id, next_attempt_at, done_at)
           SELECT url, release_id, NULL, 'url', $now, status, reason, 1, $now, $run, meeting_id,
                  CASE WHEN status = '{FAILED}' THEN $now + INTERVAL {RETRY_BASE_MINUTES} MINUTE END,
                  CASE WHEN status <> '{FAILED}' THEN $now END
           FROM staged_outcomes
           ON CONFLICT (url) DO UPDATE SET
             status = CASE WHEN excluded.status = '{FAILED}' AND discovered_releases.status IN ('{INGESTED}', '{SKIPPED}')
                           THEN discovered_releases.status ELSE excluded.status END,
             reason = CASE WHEN excluded.status = '{FAILED}' AND discovered_releases.status IN ('{INGESTED}', '{SKIPPED}')
                           THEN discovered_releases.reason ELSE excluded.reason END,
             next_attempt_at = CASE WHEN excluded.status = '{FAILED}' AND discovered_releases.status NOT IN ('{INGESTED}', '{SKIPPED}')
                           THEN $now + to_minutes(least({RETRY_BASE_MINUTES} * 2 ** discovered_releases.attempts, 1440)::BIGINT) END,
             done_at = CASE WHEN excluded.status = '{FAILED}' THEN discovered_releases.done_at ELSE $now END,
             attempts = discovered_releases.attempts + 1, last_attempt_at = $now, last_run_id = $run,
             meeting_id = coalesce(excluded.meeting_id, discovered_releases.meeting_id),
             release_id = coalesce(discovered_releases.release_id, excluded.release_id)""",
        {"now": now, "run": run_id},
    )


def resolve_sources(con: duckdb.DuckDBPyConnection, run_id: str, addresses: list[str]) -> None:
    """A feed or index page read successfully leaves quarantine (its earlier failures stay as history)."""
    if addresses:
        stage(con, "read_sources", [(address,) for address in addresses], ["source_uri"])
        con.execute(
            """UPDATE quarantine SET resolved_at = ?, resolved_by_run = ?
               WHERE resolved_at IS NULL AND stage = 'discover' AND source_uri IN (SELECT source_uri FROM read_sources)""",
            [_now(), run_id],
        )


def settled_before(now: datetime | None = None) -> date:
    """The first day whose daily index page may still change: today in Hong Kong (UTC+8, whatever the
    machine's time zone) minus INDEX_SETTLE_DAYS.

    A day before it is a *past* day: its index page is read once, recorded in index_pages_read, and not
    fetched again. The margin covers releases added to a day's page after the day ends (late issues,
    corrections next morning) and a clock a little off; with 2, today, yesterday and the day before are
    read again by every backfill (three requests)."""
    today = (now or _now()).astimezone(HKT).date()
    return today - timedelta(days=INDEX_SETTLE_DAYS)


def is_past_day(day: date, now: datetime | None = None) -> bool:
    """True when the day's index page no longer changes (see `settled_before`)."""
    return day < settled_before(now)


def index_pages_read(con: duckdb.DuckDBPyConnection, urls: list[str]) -> set[str]:
    """Which of these daily index pages were already read (past days only: see `settled_before`)."""
    if not urls:
        return set()
    stage(con, "asked_index_pages", [(url,) for url in urls], ["url"])
    return {u for (u,) in con.execute(
        "SELECT url FROM index_pages_read WHERE url IN (SELECT url FROM asked_index_pages)").fetchall()}


def mark_index_pages_read(con: duckdb.DuckDBPyConnection, run_id: str, pages: list[IndexPage],
                          now: datetime | None = None) -> int:
    """Record the pages of past days as read (pages of the last INDEX_SETTLE_DAYS days and today are left
    out: they are read again next time); returns how many were recorded. No transaction of its own.

    A page that listed no release is not recorded either: every day of the site has releases, so an
    empty page is more likely a soft error or a maintenance page (served with 200) than a quiet day,
    and reading it again next time costs one request."""
    now = now or _now()
    past = list({p.url: p for p in pages if is_past_day(p.day, now) and p.releases_listed > 0}.values())
    if not past:
        return 0
    stage(con, "read_index_pages", [
        {"url": p.url, "day": p.day, "read_at": now, "releases_listed": p.releases_listed, "run_id": run_id} for p in past
    ])
    con.execute(
        """INSERT INTO index_pages_read BY NAME SELECT * FROM read_index_pages
           ON CONFLICT (url) DO UPDATE SET read_at = excluded.read_at, releases_listed = excluded.releases_listed,
             run_id = excluded.run_id"""
    )
    return len(past)


def record_discovery_chunk(con: duckdb.DuckDBPyConnection, run_id: str, found: list[Discovery],
                           quarantine: list[QuarantineItem], sources_read: list[str],
                           index_pages: list[IndexPage] = ()) -> list[Discovery]:
    """In one transaction: add the releases found to the to-do list (`record_discoveries`), quarantine what
    could not be read or was refused, close the quarantine of the feed and pages read this time, and mark
    the index pages of past days read. Returns the new to-do entries.

    A backfill stopped at any point (Ctrl+C, SIGTERM, SIGKILL) has therefore either recorded a chunk's
    pages together with every release they list, or neither: the next backfill reads again exactly the
    pages not recorded."""
    con.execute("BEGIN TRANSACTION")
    try:
        new = record_discoveries(con, found)
        write_quarantine(con, run_id, _now(), list(quarantine))
        resolve_sources(con, run_id, sources_read)
        mark_index_pages_read(con, run_id, list(index_pages))
    except BaseException:  # Ctrl+C too: nothing of the chunk stays
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")  # outside the try: an interrupt right after it must not try to roll back a commit
    return new


def _known_urls(con, urls: list[str]) -> set[str]:
    stage(con, "candidate_urls", [(url,) for url in urls], ["url"])
    return {u for (u,) in con.execute(
        "SELECT url FROM discovered_releases WHERE url IN (SELECT url FROM candidate_urls)").fetchall()}


def _discovery_row(d: Discovery, now: datetime) -> dict:
    return {"url": d.url, "release_id": d.release_id, "title": d.title, "published_at": _aware(d.published_at),
            "discovered_via": d.via, "discovered_at": now, "status": d.status, "reason": d.reason, "attempts": 0,
            "done_at": None if d.status == PENDING else now}


def _raw_row(d: RawDocument) -> dict:
    return {"url": d.url, "sha256": d.sha256, "final_url": d.final_url, "status": d.status,
            "content_type": d.content_type, "charset": d.charset, "headers": json.dumps(d.headers),
            "size_bytes": len(d.body), "body": d.body, "fetched_at": _aware(d.fetched_at)}


def _aware(moment: datetime | None) -> datetime | None:
    """A time without a zone is read as UTC (as a feed's "-0000" means)."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


def _now() -> datetime:
    return datetime.now(timezone.utc)


def stored_bodies_to_reprocess(con: duckdb.DuckDBPyConnection, pipeline_version: str,
                               every: bool = False) -> list[tuple[str, str]]:
    """(url, sha256) of each URL's latest stored body that this version would process again (`plenary
    reprocess`): not processed, or processed by an older parser or pipeline (see `PROCESSED_BY_THIS_VERSION`);
    with `every`, every URL's latest body."""
    keep = "true" if every else f"NOT coalesce({PROCESSED_BY_THIS_VERSION}, false)"
    return con.execute(
        f"""SELECT url, sha256 FROM (
                SELECT r.*, row_number() OVER (PARTITION BY url ORDER BY last_fetched_at DESC, fetched_at DESC) AS newest
                FROM raw_documents r) r
            WHERE newest = 1 AND {keep} ORDER BY url""",
        [] if every else [pipeline_version, pipeline_version.split("+")[0]],
    ).fetchall()


def stored_bodies(con: duckdb.DuckDBPyConnection, keys: list[tuple[str, str]]) -> list[RawDocument]:
    """The stored bodies of these (url, sha256) pairs, in that order."""
    if not keys:
        return []
    stage(con, "wanted_bodies", keys, ["url", "sha256"])
    rows = con.execute(
        """SELECT url, sha256, final_url, status, content_type, charset, headers::VARCHAR, body, fetched_at
           FROM raw_documents JOIN wanted_bodies USING (url, sha256)"""
    ).fetchall()
    found = {(url, sha): RawDocument(url, final_url, status, content_type, charset, json.loads(headers or "{}"), body,
                                     sha, fetched_at)
             for url, sha, final_url, status, content_type, charset, headers, body, fetched_at in rows}
    return [found[key] for key in keys if key in found]
