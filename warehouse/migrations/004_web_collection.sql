-- Web collection: every fetched body, and the durable to-do list of discovered releases.

CREATE TABLE raw_documents (
    url              VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL,
    final_url        VARCHAR NOT NULL,
    status           INTEGER NOT NULL,
    content_type     VARCHAR,
    charset          VARCHAR,
    headers          JSON,
    size_bytes       INTEGER NOT NULL,
    body             BLOB NOT NULL,
    fetched_at       TIMESTAMPTZ NOT NULL,
    last_fetched_at  TIMESTAMPTZ NOT NULL,
    fetch_count      INTEGER NOT NULL,
    processed_at     TIMESTAMPTZ,
    run_id           VARCHAR,
    outcome          VARCHAR,
    outcome_reason   VARCHAR,
    release_id       VARCHAR,
    meeting_id       VARCHAR,
    PRIMARY KEY (url, sha256)
);
COMMENT ON TABLE raw_documents IS 'Every distinct body fetched from the web, stored before it is parsed; one row per URL and content hash.';
COMMENT ON COLUMN raw_documents.url IS 'The address asked for (the release page).';
COMMENT ON COLUMN raw_documents.sha256 IS 'SHA-256 of the body; an unchanged hash is not parsed again.';
COMMENT ON COLUMN raw_documents.final_url IS 'The address the body came from after redirects (all within the allowlist).';
COMMENT ON COLUMN raw_documents.status IS 'HTTP status of the final response.';
COMMENT ON COLUMN raw_documents.content_type IS 'MIME type from the Content-Type header, without parameters.';
COMMENT ON COLUMN raw_documents.charset IS 'Charset from the Content-Type header, null if it named none.';
COMMENT ON COLUMN raw_documents.headers IS 'Response headers (lower-case names) as a JSON object.';
COMMENT ON COLUMN raw_documents.size_bytes IS 'Length of the body in bytes.';
COMMENT ON COLUMN raw_documents.body IS 'The body exactly as received.';
COMMENT ON COLUMN raw_documents.fetched_at IS 'When this body was first fetched.';
COMMENT ON COLUMN raw_documents.last_fetched_at IS 'When this body was last fetched unchanged.';
COMMENT ON COLUMN raw_documents.fetch_count IS 'How many fetches returned this same body.';
COMMENT ON COLUMN raw_documents.processed_at IS 'When the body went through parse, validate and load; null means fetched but not yet processed.';
COMMENT ON COLUMN raw_documents.run_id IS 'The ingest run that processed it (ingest_runs.run_id).';
COMMENT ON COLUMN raw_documents.outcome IS 'What processing this body gave: ingested | skipped | quarantined (re-applied when the same body is fetched again).';
COMMENT ON COLUMN raw_documents.outcome_reason IS 'Why it was skipped or quarantined.';
COMMENT ON COLUMN raw_documents.release_id IS 'The release the body parsed into, when it did.';
COMMENT ON COLUMN raw_documents.meeting_id IS 'The meeting it describes, when it is a plenary report that loaded.';

CREATE TABLE discovered_releases (
    url              VARCHAR PRIMARY KEY,
    release_id       VARCHAR,
    title            VARCHAR,
    published_at     TIMESTAMPTZ,
    discovered_via   VARCHAR NOT NULL,
    discovered_at    TIMESTAMPTZ NOT NULL,
    status           VARCHAR NOT NULL,
    reason           VARCHAR,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_attempt_at  TIMESTAMPTZ,
    last_run_id      VARCHAR,
    meeting_id       VARCHAR,
    event_emitted_at TIMESTAMPTZ,
    next_attempt_at  TIMESTAMPTZ,
    done_at          TIMESTAMPTZ
);
COMMENT ON TABLE discovered_releases IS 'The durable to-do list: every release found in the feed, an index page or an event, and what became of it.';
COMMENT ON COLUMN discovered_releases.url IS 'The release page address.';
COMMENT ON COLUMN discovered_releases.release_id IS 'The P-number from the address, when it has one.';
COMMENT ON COLUMN discovered_releases.title IS 'The title the feed or index page gave.';
COMMENT ON COLUMN discovered_releases.published_at IS 'The feed item pubDate, or midnight HKT of the index page day.';
COMMENT ON COLUMN discovered_releases.discovered_via IS 'feed | index | url (named on the command line or in an event).';
COMMENT ON COLUMN discovered_releases.discovered_at IS 'When it was first discovered.';
COMMENT ON COLUMN discovered_releases.status IS 'pending (to ingest) | ingested | skipped (not a plenary report) | quarantined (see quarantine) | failed (fetch failed for a passing reason; the sweep retries it at next_attempt_at). A failed re-fetch never undoes ingested or skipped.';
COMMENT ON COLUMN discovered_releases.reason IS 'Why it was skipped, quarantined or failed.';
COMMENT ON COLUMN discovered_releases.attempts IS 'How many ingest attempts were made.';
COMMENT ON COLUMN discovered_releases.last_attempt_at IS 'When the last ingest attempt ended.';
COMMENT ON COLUMN discovered_releases.last_run_id IS 'The ingest run of the last attempt (ingest_runs.run_id).';
COMMENT ON COLUMN discovered_releases.meeting_id IS 'The meeting it describes, once ingested.';
COMMENT ON COLUMN discovered_releases.event_emitted_at IS 'When plenary.release.discovered was emitted for it (null: not emitted).';
COMMENT ON COLUMN discovered_releases.next_attempt_at IS 'For failed fetches: when the sweep may try again (15 min, doubling, at most a day apart).';
COMMENT ON COLUMN discovered_releases.done_at IS 'When it left pending for good (ingested, skipped or quarantined).';
