"""The DuckDB warehouse: schema migrations, the single writer, read-only readers."""
from __future__ import annotations

from .connection import (
    WarehouseBusyError,
    WarehouseMissingError,
    WarehouseUnreadableError,
    default_warehouse_path,
    open_reader,
    open_writer,
)
from .writer import LoadResult, QuarantineItem, load_batch
from .collection import Discovery, FAILED, INGESTED, IndexPage, Outcome, PENDING, QUARANTINED, RawDocument, SKIPPED, finish_fetches, index_pages_read, is_past_day, mark_emitted, pending_urls, record_discoveries, record_discovery_chunk, store_raw_documents, stored_bodies, stored_bodies_to_reprocess
from .connection import seconds_from_env
from .run_lock import run_lock, run_wait_seconds
from .runs import RunCounts, finish_run, last_inputs_digest, start_run
from .writer import known_sources

__all__ = [
    "Discovery",
    "FAILED",
    "INGESTED",
    "IndexPage",
    "LoadResult",
    "Outcome",
    "PENDING",
    "QUARANTINED",
    "QuarantineItem",
    "RawDocument",
    "RunCounts",
    "SKIPPED",
    "WarehouseBusyError",
    "WarehouseMissingError",
    "WarehouseUnreadableError",
    "default_warehouse_path",
    "finish_fetches",
    "finish_run",
    "index_pages_read",
    "is_past_day",
    "known_sources",
    "last_inputs_digest",
    "load_batch",
    "mark_emitted",
    "open_reader",
    "open_writer",
    "pending_urls",
    "record_discoveries",
    "record_discovery_chunk",
    "run_lock",
    "run_wait_seconds",
    "seconds_from_env",
    "start_run",
    "store_raw_documents",
    "stored_bodies",
    "stored_bodies_to_reprocess",
]
