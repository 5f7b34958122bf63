-- Daily index pages of past days already read, so that a backfill resumes where it stopped and a second
-- backfill over the same days fetches none of them again (a past day's page no longer changes).

CREATE TABLE index_pages_read (
    url              VARCHAR PRIMARY KEY,
    day              DATE NOT NULL,
    read_at          TIMESTAMPTZ NOT NULL,
    releases_listed  INTEGER NOT NULL,
    run_id           VARCHAR
);
COMMENT ON TABLE index_pages_read IS 'Daily index pages (/gia/general/YYYYMM/DD.htm) of past days read successfully, recorded with the releases they listed in the same transaction; a backfill does not fetch them again. Pages of the last days (see warehouse.collection.INDEX_SETTLE_DAYS), pages that failed and pages that listed nothing are never recorded: they are read again on every backfill.';
COMMENT ON COLUMN index_pages_read.url IS 'The index page address.';
COMMENT ON COLUMN index_pages_read.day IS 'The day the page lists (Hong Kong time).';
COMMENT ON COLUMN index_pages_read.read_at IS 'When the page was read and its releases recorded in discovered_releases.';
COMMENT ON COLUMN index_pages_read.releases_listed IS 'How many release links the page listed (plenary or not).';
COMMENT ON COLUMN index_pages_read.run_id IS 'The discover run that read it (ingest_runs.run_id).';
