-- A digest of the inputs of a files run, so that a re-run on exactly the same inputs re-processes nothing,
-- not even inputs rejected only because of the other inputs of their batch.

ALTER TABLE ingest_runs ADD COLUMN inputs_digest VARCHAR;
COMMENT ON COLUMN ingest_runs.inputs_digest IS 'For runs over files and folders: SHA-256 over the pipeline version and every file read (path, content hash, source URL), in order. A run right after a completed run with the same digest skips the inputs rejected for a conflict inside their batch. Null for web and Dask runs.';
