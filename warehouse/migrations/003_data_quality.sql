-- Data-quality history: one row per expectation per validated batch.

CREATE TABLE dq_results (
    run_id            VARCHAR NOT NULL,
    batch_no          INTEGER NOT NULL,
    validated_at      TIMESTAMPTZ NOT NULL,
    table_name        VARCHAR NOT NULL,
    check_name        VARCHAR NOT NULL,
    expectation_type  VARCHAR NOT NULL,
    severity          VARCHAR NOT NULL,
    success           BOOLEAN NOT NULL,
    element_count     INTEGER NOT NULL,
    unexpected_count  INTEGER NOT NULL,
    observed_value    VARCHAR,
    failing_keys      VARCHAR[],
    PRIMARY KEY (run_id, batch_no, table_name, check_name)
);
COMMENT ON TABLE dq_results IS 'Great Expectations results: one row per expectation per validated batch per run.';
COMMENT ON COLUMN dq_results.run_id IS 'The ingest run (ingest_runs.run_id).';
COMMENT ON COLUMN dq_results.batch_no IS '0-based batch number within the run.';
COMMENT ON COLUMN dq_results.validated_at IS 'When the batch was validated.';
COMMENT ON COLUMN dq_results.table_name IS 'The staged table checked (releases, meetings, cooperation_areas, attendees, agreements).';
COMMENT ON COLUMN dq_results.check_name IS 'What is checked, as words (expectations/checks.py).';
COMMENT ON COLUMN dq_results.expectation_type IS 'The Great Expectations expectation class.';
COMMENT ON COLUMN dq_results.severity IS 'critical (records quarantined) | warning (loaded and reported).';
COMMENT ON COLUMN dq_results.success IS 'True when every record met the expectation.';
COMMENT ON COLUMN dq_results.element_count IS 'Records checked.';
COMMENT ON COLUMN dq_results.unexpected_count IS 'Records that failed.';
COMMENT ON COLUMN dq_results.observed_value IS 'The observed value GX reports, as JSON, where it has one.';
COMMENT ON COLUMN dq_results.failing_keys IS 'Keys of the failing records (meeting_id, meeting_id/area_no, ...).';
