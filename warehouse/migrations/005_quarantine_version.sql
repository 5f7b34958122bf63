-- The pipeline version that quarantined a record, so that unchanged bad input is not re-processed
-- by the same version on every run (a new parser or new checks try it again).

ALTER TABLE quarantine ADD COLUMN pipeline_version VARCHAR;
COMMENT ON COLUMN quarantine.pipeline_version IS 'Parser version and checks digest that quarantined it at parse or validate; the same input is skipped by the same version, retried by a new one. Null for read, fetch and discover failures (always retried).';
