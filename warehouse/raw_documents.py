"""The `raw_documents` table: every fetched body with its response metadata, and what processing it gave
(outcome, release, meeting, the pipeline version that processed it), so that a body fetched again unchanged
keeps its outcome and `plenary reprocess` can parse stored bodies again without fetching them."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb

from .rows import INGESTED, SKIPPED, Outcome, RawDocument
from .temp_tables import aware, temp_table

# A stored body this version needs not process again: processed by this pipeline version (parameter 1), or
# loaded or set aside by this parser version (parameter 2); a body quarantined by an older pipeline is tried again.
# The parser version is all of the pipeline version before its last `+checks-` (the parser version has a `+` of its own).
CHECKS_MARK = "+checks-"
PROCESSED_BY_THIS_VERSION = (
    f"r.processed_at IS NOT NULL AND (r.pipeline_version = ? OR (r.outcome IN ('{INGESTED}', '{SKIPPED}') "
    f"AND regexp_replace(r.pipeline_version, '\\{CHECKS_MARK}[^+]*$', '') = ?))"
)


def parser_version_of(pipeline_version: str) -> str:
    """`1.2.0+90db2c63+checks-1a2b3c4d` -> `1.2.0+90db2c63`."""
    return pipeline_version.rsplit(CHECKS_MARK, 1)[0]


def store_raw_documents(con: duckdb.DuckDBPyConnection, docs: list[RawDocument], pipeline_version: str,
                        force: bool = False) -> tuple[list[RawDocument], list[Outcome]]:
    """Store every fetched body; return those still to process, and the earlier outcome of bodies already processed.

    A body counts as processed when `pipeline_version` processed it, or when it loaded (or was set aside)
    under the same parser version (`pipeline_version` is `<parser version>+checks-<digest>`); with `force`, none does."""
    if not docs:
        return [], []
    now = datetime.now(timezone.utc)
    temp_table(con, "incoming_raw", list({(d.url, d.sha256): _raw_row(d) for d in docs}.values()))  # the last copy of each
    done = {} if force else {
        (url, sha): Outcome(url, outcome, release_id, meeting_id, reason)
        for url, sha, outcome, release_id, meeting_id, reason in con.execute(
            f"""SELECT r.url, r.sha256, r.outcome, r.release_id, r.meeting_id, r.outcome_reason
               FROM raw_documents r JOIN incoming_raw s USING (url, sha256) WHERE {PROCESSED_BY_THIS_VERSION}""",
            [pipeline_version, parser_version_of(pipeline_version)],
        ).fetchall()
    }
    con.execute(
        """INSERT INTO raw_documents BY NAME
           SELECT * REPLACE (body::BLOB AS body, headers::JSON AS headers), fetched_at AS last_fetched_at, 1 AS fetch_count
           FROM incoming_raw
           ON CONFLICT (url, sha256) DO UPDATE SET last_fetched_at = ?, fetch_count = raw_documents.fetch_count + 1,
             status = excluded.status, headers = excluded.headers, final_url = excluded.final_url""",
        [now],
    )
    fresh = [d for d in docs if (d.url, d.sha256) not in done]
    return fresh, [done[key] for key in dict.fromkeys((d.url, d.sha256) for d in docs) if key in done]


def mark_processed(con: duckdb.DuckDBPyConnection, docs: list[RawDocument], outcomes: list[Outcome], run_id: str,
                   pipeline_version: str | None) -> None:
    """Record that these bodies went through parse, validate and load, and what that gave. No transaction of its own."""
    if not docs:
        return
    by_url = {o.url: o for o in outcomes}
    none = Outcome("", None)  # a body with no outcome: every field NULL
    temp_table(con, "processed_raw", [
        {"url": d.url, "sha256": d.sha256, "outcome": o.status, "outcome_reason": o.reason, "release_id": o.release_id,
         "meeting_id": o.meeting_id}
        for d in docs for o in [by_url.get(d.url, none)]
    ])
    con.execute(
        """UPDATE raw_documents SET processed_at = ?, run_id = ?, outcome = p.outcome, outcome_reason = p.outcome_reason,
                  release_id = p.release_id, meeting_id = p.meeting_id, pipeline_version = ?
           FROM processed_raw p WHERE raw_documents.url = p.url AND raw_documents.sha256 = p.sha256""",
        [datetime.now(timezone.utc), run_id, pipeline_version],
    )


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
        [] if every else [pipeline_version, parser_version_of(pipeline_version)],
    ).fetchall()


def stored_bodies(con: duckdb.DuckDBPyConnection, keys: list[tuple[str, str]]) -> list[RawDocument]:
    """The stored bodies of these (url, sha256) pairs, in that order."""
    if not keys:
        return []
    temp_table(con, "wanted_bodies", keys, ["url", "sha256"])
    rows = con.execute(
        """SELECT url, sha256, final_url, status, content_type, charset, headers::VARCHAR, body, fetched_at
           FROM raw_documents JOIN wanted_bodies USING (url, sha256)"""
    ).fetchall()
    found = {(url, sha): RawDocument(url, final_url, status, content_type, charset, json.loads(headers or "{}"), body,
                                     sha, fetched_at)
             for url, sha, final_url, status, content_type, charset, headers, body, fetched_at in rows}
    return [found[key] for key in keys if key in found]


def _raw_row(d: RawDocument) -> dict:
    return {"url": d.url, "sha256": d.sha256, "final_url": d.final_url, "status": d.status,
            "content_type": d.content_type, "charset": d.charset, "headers": json.dumps(d.headers),
            "size_bytes": len(d.body), "body": d.body, "fetched_at": aware(d.fetched_at)}
