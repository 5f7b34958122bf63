"""`plenary reprocess`: parse again the web bodies stored in `raw_documents`, without fetching them.

Files are re-parsed on the next `plenary ingest` that names them: a file loaded by an older parser
version is not "unchanged" to a newer one. Stored web bodies are re-parsed on the next fetch of their
URL, or at once by this flow. Either way a release whose records change becomes a new revision, and the
meetings it describes are rebuilt from all their sources (`warehouse.meetings`).
"""
from __future__ import annotations

from prefect import flow

from warehouse import open_writer
from warehouse import finish_fetches, stored_bodies, stored_bodies_to_reprocess

from .batches import BATCH_SIZE, run_documents
from .collect.files import Document
from .pipeline import PIPELINE_VERSION
from .runs import fail_if_nothing_read, final_state, finish_reports, recorded_run, reports_folder
from .runtime.timing import take_inside


@flow(name="reprocess", log_prints=True)
def reprocess_flow(warehouse: str | None = None, every: bool = False, reports_dir: str | None = None,
                   batch_size: int = BATCH_SIZE) -> dict:
    """Parse, validate and load again each URL's latest stored body that an older parser or pipeline version
    processed (or that was never processed); `every`: all of them. Meetings are rebuilt as with `--force`."""
    reports = reports_folder(reports_dir, warehouse)
    take_inside()
    with recorded_run(warehouse, "reprocess stored web bodies" + (" (all)" if every else "")) as summary:
        summary.force = True
        with open_writer(summary.warehouse) as con:
            keys = stored_bodies_to_reprocess(con, PIPELINE_VERSION, every)
        summary.targets = len(keys)
        for start in range(0, len(keys), batch_size):
            with open_writer(summary.warehouse) as con:
                bodies = stored_bodies(con, keys[start : start + batch_size])
            summary.counts.read += len(bodies)
            docs = [Document.fetched(b) for b in bodies]
            outcomes = run_documents(summary, docs, [], reports, batch_size)
            with open_writer(summary.warehouse) as con:
                finish_fetches(con, summary.run_id, bodies, [], outcomes, PIPELINE_VERSION)
        fail_if_nothing_read(summary, len(keys))
        finish_reports(summary, reports)
    summary.inside_seconds = take_inside()
    return final_state(summary, summary.to_dict())
