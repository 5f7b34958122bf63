-- One meeting, many sources: which releases describe a meeting, which fields each supplied, and what
-- changed in a meeting in each run. The text-integrity flags of a release. The version that processed
-- a stored web body (so a new parser version processes it again).

ALTER TABLE releases ADD COLUMN has_own_title BOOLEAN;
ALTER TABLE releases ADD COLUMN encoding_warning VARCHAR;
ALTER TABLE releases ADD COLUMN truncated BOOLEAN;
COMMENT ON COLUMN releases.has_own_title IS 'False when the first line is a sentence of the body, not a headline (such a release is quarantined); null for rows loaded before this column existed.';
COMMENT ON COLUMN releases.encoding_warning IS 'Mojibake repaired (the declared charset was wrong) or suspected, in words; null when the text decoded cleanly.';
COMMENT ON COLUMN releases.truncated IS 'True when the release has no closing lines (Ends/, Issued at HKT, NNNN or their Chinese forms) and its body stops mid-sentence.';

ALTER TABLE raw_documents ADD COLUMN pipeline_version VARCHAR;
COMMENT ON COLUMN raw_documents.pipeline_version IS 'The pipeline version (parser + checks) that processed this body; a body loaded by an older parser, or quarantined by an older pipeline, is processed again.';

CREATE TABLE meeting_sources (
    meeting_id       VARCHAR NOT NULL,
    release_id       VARCHAR NOT NULL,
    revision         INTEGER NOT NULL,
    language         VARCHAR,
    source_kind      VARCHAR NOT NULL,
    precedence       INTEGER NOT NULL,
    completeness     INTEGER NOT NULL,
    is_primary       BOOLEAN NOT NULL,
    fields_supplied  VARCHAR[] NOT NULL,
    PRIMARY KEY (meeting_id, release_id)
);
COMMENT ON TABLE meeting_sources IS 'Every release (current revision) that describes a meeting; the meetings row and its areas, attendees and agreements are built from these by precedence (README, "One meeting, many sources").';
COMMENT ON COLUMN meeting_sources.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN meeting_sources.release_id IS 'A release describing it (releases.release_id).';
COMMENT ON COLUMN meeting_sources.revision IS 'The release revision read.';
COMMENT ON COLUMN meeting_sources.language IS 'ISO 639-1 language of the release (en).';
COMMENT ON COLUMN meeting_sources.source_kind IS 'official (a P-number, or an info.gov.hk address) | file (no address, no P-number) | secondary (a news story or a repost on another site).';
COMMENT ON COLUMN meeting_sources.precedence IS '1 official, 2 file, 3 secondary: a lower number is never overwritten by a higher one.';
COMMENT ON COLUMN meeting_sources.completeness IS 'How many of the meeting fields (and the lists of areas, attendees, agreements) the release gives; breaks ties within a precedence.';
COMMENT ON COLUMN meeting_sources.is_primary IS 'True for the source ranked first: it gives meetings.release_id.';
COMMENT ON COLUMN meeting_sources.fields_supplied IS 'The fields of the meetings row (and areas, attendees, agreements) this source supplied; empty when a better source supplied them all; [all] (and completeness 0) for a meeting loaded before sources were recorded, until one of its releases is loaded again.';

-- Every release whose current revision describes a meeting is one of its sources (before this migration
-- the newest of them replaced the meeting's rows; the row keeps them until one of its sources loads again).
INSERT INTO meeting_sources
SELECT json_extract_string(v.records_json, '$.meeting.meeting_id') AS meeting_id, r.release_id, r.revision, r.language,
       CASE WHEN r.release_id LIKE 'P%' OR regexp_matches(coalesce(r.source_url, ''), '^https?://([a-z0-9-]+\.)*info\.gov\.hk(:\d+)?/', 'i') THEN 'official'
            WHEN r.source_url IS NULL THEN 'file' ELSE 'secondary' END,
       CASE WHEN r.release_id LIKE 'P%' OR regexp_matches(coalesce(r.source_url, ''), '^https?://([a-z0-9-]+\.)*info\.gov\.hk(:\d+)?/', 'i') THEN 1
            WHEN r.source_url IS NULL THEN 2 ELSE 3 END,
       0, coalesce(m.release_id = r.release_id, false),
       CASE WHEN m.release_id = r.release_id THEN ['all'] ELSE [] END::VARCHAR[]
FROM releases r JOIN release_revisions v ON v.release_id = r.release_id AND v.revision = r.revision
LEFT JOIN meetings m ON m.meeting_id = json_extract_string(v.records_json, '$.meeting.meeting_id')
WHERE r.is_plenary_report AND json_extract_string(v.records_json, '$.meeting.meeting_id') IS NOT NULL;

CREATE TABLE meeting_changes (
    run_id           VARCHAR NOT NULL,
    meeting_id       VARCHAR NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    change           VARCHAR NOT NULL,
    sources          INTEGER NOT NULL,
    primary_release  VARCHAR,
    added_sources    VARCHAR[] NOT NULL,
    removed_sources  VARCHAR[] NOT NULL,
    fields_changed   VARCHAR[] NOT NULL,
    summary          VARCHAR NOT NULL,
    PRIMARY KEY (run_id, meeting_id)
);
COMMENT ON TABLE meeting_changes IS 'Each meeting whose sources or fields changed in a run, with a line saying what (plenary report lists the latest run''s).';
COMMENT ON COLUMN meeting_changes.run_id IS 'The run (ingest_runs.run_id).';
COMMENT ON COLUMN meeting_changes.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN meeting_changes.changed_at IS 'When the change was written.';
COMMENT ON COLUMN meeting_changes.change IS 'new | updated | removed (no release describes it any more).';
COMMENT ON COLUMN meeting_changes.sources IS 'How many releases describe the meeting after the change.';
COMMENT ON COLUMN meeting_changes.primary_release IS 'The release ranked first after the change (meetings.release_id); null when removed.';
COMMENT ON COLUMN meeting_changes.added_sources IS 'Releases that started describing the meeting in this run.';
COMMENT ON COLUMN meeting_changes.removed_sources IS 'Releases that stopped describing it (revised into another meeting or into no plenary report).';
COMMENT ON COLUMN meeting_changes.fields_changed IS 'Fields of the meetings row, or areas/attendees/agreements, whose value changed.';
COMMENT ON COLUMN meeting_changes.summary IS 'What changed, in one line: beijing-4: 2 sources; venue from P2018102400619 (official), ...';
