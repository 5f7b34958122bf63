-- Core tables of the plenary warehouse (BRIEF section 4).

CREATE TABLE releases (
    release_id          VARCHAR PRIMARY KEY,
    revision            INTEGER NOT NULL,
    title               VARCHAR,
    source_uri          VARCHAR NOT NULL,
    source_url          VARCHAR,
    language            VARCHAR,
    issued_at           TIMESTAMPTZ,
    release_date        DATE,
    content_sha256      VARCHAR NOT NULL,
    is_plenary_report   BOOLEAN NOT NULL,
    not_plenary_reason  VARCHAR,
    parser_version      VARCHAR NOT NULL,
    first_seen_at       TIMESTAMPTZ NOT NULL,
    last_seen_at        TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE releases IS 'One row per source document (its current revision); every revision is kept in release_revisions.';
COMMENT ON COLUMN releases.release_id IS 'The P-number from the release address (P2018102400619), else T + 16 hex of a hash of the title.';
COMMENT ON COLUMN releases.revision IS 'Starts at 1; grows by one each time the release content (content_sha256) changes.';
COMMENT ON COLUMN releases.title IS 'The headline as printed.';
COMMENT ON COLUMN releases.source_uri IS 'The file or URL the content was read from.';
COMMENT ON COLUMN releases.source_url IS 'The release web address when known (fetched, or from a seeds manifest).';
COMMENT ON COLUMN releases.language IS 'ISO 639-1 language of the text (en).';
COMMENT ON COLUMN releases.issued_at IS 'Issue time from the Ends/ and Issued at HKT lines, in HKT (+08:00); null when the release does not print both.';
COMMENT ON COLUMN releases.release_date IS 'Issue date: the Ends/ line, a dateline, else the date in the source address; null if none.';
COMMENT ON COLUMN releases.content_sha256 IS 'SHA-256 of the raw bytes; a change makes a new revision.';
COMMENT ON COLUMN releases.is_plenary_report IS 'False for releases set aside as not plenary reports (announcements, working meetings, ...).';
COMMENT ON COLUMN releases.not_plenary_reason IS 'Why a release was set aside (skipped), null for plenary reports.';
COMMENT ON COLUMN releases.parser_version IS 'Version of the parser that produced the records.';
COMMENT ON COLUMN releases.first_seen_at IS 'When the pipeline first read this release.';
COMMENT ON COLUMN releases.last_seen_at IS 'When the pipeline last read this release (changes on every re-run).';

CREATE TABLE release_revisions (
    release_id      VARCHAR NOT NULL,
    revision        INTEGER NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    title           VARCHAR,
    source_uri      VARCHAR NOT NULL,
    parser_version  VARCHAR NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL,
    run_id          VARCHAR NOT NULL,
    records_json    JSON NOT NULL,
    PRIMARY KEY (release_id, revision)
);
COMMENT ON TABLE release_revisions IS 'Every revision of every release, with the staged records it produced (the history behind releases).';
COMMENT ON COLUMN release_revisions.release_id IS 'The release (releases.release_id).';
COMMENT ON COLUMN release_revisions.revision IS 'Revision number, 1 for the first content seen.';
COMMENT ON COLUMN release_revisions.content_sha256 IS 'SHA-256 of the raw bytes of this revision.';
COMMENT ON COLUMN release_revisions.title IS 'Headline of this revision.';
COMMENT ON COLUMN release_revisions.source_uri IS 'Where this revision was read from.';
COMMENT ON COLUMN release_revisions.parser_version IS 'Parser version that produced records_json.';
COMMENT ON COLUMN release_revisions.loaded_at IS 'When this revision was loaded.';
COMMENT ON COLUMN release_revisions.run_id IS 'The ingest run that loaded it (ingest_runs.run_id).';
COMMENT ON COLUMN release_revisions.records_json IS 'The staged records of this revision, as plenary parse --json prints them.';

CREATE TABLE meetings (
    meeting_id                 VARCHAR PRIMARY KEY,
    conference                 VARCHAR NOT NULL,
    counterpart                VARCHAR NOT NULL,
    plenary_number             INTEGER NOT NULL,
    high_level_meeting         BOOLEAN NOT NULL,
    meeting_date               DATE,
    venue                      VARCHAR,
    hk_leader                  VARCHAR,
    counterpart_leader         VARCHAR,
    counterpart_leader_office  VARCHAR,
    stated_area_count          INTEGER,
    area_count                 INTEGER NOT NULL,
    release_id                 VARCHAR NOT NULL,
    revision                   INTEGER NOT NULL
);
COMMENT ON TABLE meetings IS 'One row per plenary meeting: the unit analysts count.';
COMMENT ON COLUMN meetings.meeting_id IS '<counterpart slug>-<plenary number>, e.g. beijing-4, guangdong-20.';
COMMENT ON COLUMN meetings.conference IS 'Hong Kong/<Counterpart> Co-operation (Joint) Conference.';
COMMENT ON COLUMN meetings.counterpart IS 'The Mainland province, municipality or region (Beijing, Guangdong).';
COMMENT ON COLUMN meetings.plenary_number IS 'Which plenary of the conference (Fourth = 4).';
COMMENT ON COLUMN meetings.high_level_meeting IS 'True for a High-Level Meeting cum Plenary.';
COMMENT ON COLUMN meetings.meeting_date IS 'Day the meeting was held; null when the release and its address give no year (never guessed).';
COMMENT ON COLUMN meetings.venue IS 'City where the meeting was held (Chengdu, Hong Kong).';
COMMENT ON COLUMN meetings.hk_leader IS 'Hong Kong side leader, honorific and name as printed (Mrs Carrie Lam).';
COMMENT ON COLUMN meetings.counterpart_leader IS 'Mainland side leader, as printed (Mr Peng Qinghua).';
COMMENT ON COLUMN meetings.counterpart_leader_office IS 'Office of the Mainland side leader as printed (Mayor of Beijing).';
COMMENT ON COLUMN meetings.stated_area_count IS 'Number of co-operation areas the release says it lists; null if it says none.';
COMMENT ON COLUMN meetings.area_count IS 'Number of co-operation areas extracted.';
COMMENT ON COLUMN meetings.release_id IS 'The release that describes the meeting (releases.release_id).';
COMMENT ON COLUMN meetings.revision IS 'The release revision these rows come from.';

CREATE TABLE cooperation_areas (
    meeting_id       VARCHAR NOT NULL,
    area_no          INTEGER NOT NULL,
    heading          VARCHAR,
    category         VARCHAR NOT NULL,
    text             VARCHAR NOT NULL,
    paragraph_count  INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, area_no)
);
COMMENT ON TABLE cooperation_areas IS 'The co-operation areas agreed at a meeting, in release order.';
COMMENT ON COLUMN cooperation_areas.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN cooperation_areas.area_no IS '1-based position of the area in the release.';
COMMENT ON COLUMN cooperation_areas.heading IS 'Heading as printed; null where the release printed none.';
COMMENT ON COLUMN cooperation_areas.category IS 'Category from the fixed vocabulary (README), from the heading or, if unheaded, the text.';
COMMENT ON COLUMN cooperation_areas.text IS 'The area paragraphs, separated by blank lines.';
COMMENT ON COLUMN cooperation_areas.paragraph_count IS 'Number of paragraphs in the area.';

CREATE TABLE attendees (
    meeting_id  VARCHAR NOT NULL,
    person      VARCHAR NOT NULL,
    office      VARCHAR,
    side        VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,
    PRIMARY KEY (meeting_id, person, role)
);
COMMENT ON TABLE attendees IS 'People named as attending a meeting: one row per person per role.';
COMMENT ON COLUMN attendees.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN attendees.person IS 'Honorific and name as printed (Professor Sophia Chan).';
COMMENT ON COLUMN attendees.office IS 'Office printed with the name (Secretary for Food and Health); null if none.';
COMMENT ON COLUMN attendees.side IS 'hksar | mainland | central.';
COMMENT ON COLUMN attendees.role IS 'co_chair | delegation | guest | signatory.';

CREATE TABLE agreements (
    meeting_id    VARCHAR NOT NULL,
    agreement_no  INTEGER NOT NULL,
    title         VARCHAR NOT NULL,
    PRIMARY KEY (meeting_id, agreement_no)
);
COMMENT ON TABLE agreements IS 'Documents signed at a meeting and named in the release.';
COMMENT ON COLUMN agreements.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN agreements.agreement_no IS '1-based order of mention.';
COMMENT ON COLUMN agreements.title IS 'Title as printed.';

CREATE TABLE quarantine (
    quarantine_id   VARCHAR PRIMARY KEY,
    run_id          VARCHAR NOT NULL,
    quarantined_at  TIMESTAMPTZ NOT NULL,
    stage           VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    source_uri      VARCHAR NOT NULL,
    release_id      VARCHAR,
    content_sha256  VARCHAR,
    payload         BLOB,
    resolved_at     TIMESTAMPTZ,
    resolved_by_run VARCHAR
);
COMMENT ON TABLE quarantine IS 'What could not be read, parsed or validated: kept with its reason, never dropped. A fixed source that loads later is marked resolved.';
COMMENT ON COLUMN quarantine.quarantine_id IS 'Stable id: hash of stage, source and content, so a re-run does not duplicate it.';
COMMENT ON COLUMN quarantine.run_id IS 'The run that first quarantined it.';
COMMENT ON COLUMN quarantine.quarantined_at IS 'When it was first quarantined.';
COMMENT ON COLUMN quarantine.stage IS 'read | parse | validate.';
COMMENT ON COLUMN quarantine.reason IS 'Why, in words a person can act on.';
COMMENT ON COLUMN quarantine.source_uri IS 'The file or URL.';
COMMENT ON COLUMN quarantine.release_id IS 'The release id when it could be read.';
COMMENT ON COLUMN quarantine.content_sha256 IS 'SHA-256 of the payload.';
COMMENT ON COLUMN quarantine.payload IS 'The raw bytes as received.';
COMMENT ON COLUMN quarantine.resolved_at IS 'When a corrected version of the source loaded; null while still quarantined.';
COMMENT ON COLUMN quarantine.resolved_by_run IS 'The run that loaded the corrected version.';

CREATE TABLE ingest_runs (
    run_id        VARCHAR PRIMARY KEY,
    flow_run_id   VARCHAR,
    source        VARCHAR NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,
    read          INTEGER NOT NULL DEFAULT 0,
    parsed        INTEGER NOT NULL DEFAULT 0,
    skipped       INTEGER NOT NULL DEFAULT 0,
    passed        INTEGER NOT NULL DEFAULT 0,
    warned        INTEGER NOT NULL DEFAULT 0,
    quarantined   INTEGER NOT NULL DEFAULT 0,
    loaded        INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0
);
COMMENT ON TABLE ingest_runs IS 'One row per ingest run with counts per stage.';
COMMENT ON COLUMN ingest_runs.run_id IS 'Id of the run.';
COMMENT ON COLUMN ingest_runs.flow_run_id IS 'The Prefect flow run id, when run as a flow.';
COMMENT ON COLUMN ingest_runs.source IS 'What was ingested (paths, URL, feed).';
COMMENT ON COLUMN ingest_runs.started_at IS 'Start time.';
COMMENT ON COLUMN ingest_runs.finished_at IS 'End time; null while running or if the run died.';
COMMENT ON COLUMN ingest_runs.status IS 'running | completed | failed.';
COMMENT ON COLUMN ingest_runs.read IS 'Documents read.';
COMMENT ON COLUMN ingest_runs.parsed IS 'Documents parsed into records.';
COMMENT ON COLUMN ingest_runs.skipped IS 'Releases set aside as not plenary reports (recorded in releases with the reason).';
COMMENT ON COLUMN ingest_runs.passed IS 'Plenary reports that passed the quality gate with no warning.';
COMMENT ON COLUMN ingest_runs.warned IS 'Plenary reports loaded with warnings.';
COMMENT ON COLUMN ingest_runs.quarantined IS 'Documents quarantined at any stage.';
COMMENT ON COLUMN ingest_runs.loaded IS 'Releases written (new or changed revisions).';
COMMENT ON COLUMN ingest_runs.unchanged IS 'Releases whose content was already loaded (nothing written).';
