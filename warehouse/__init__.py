"""The DuckDB warehouse: schema migrations, the single writer, read-only readers.

In the order of the pipeline: the to-do list of web collection (`todo`, `index_pages`, `raw_documents`),
what is already known of some inputs (`releases.known_sources`), the load of a batch in one transaction
(`load`: `releases`, `quarantine`, `meetings`, then `language_pairs`), the run log (`runs`) and the run lock
(`run_lock`). The shapes handed in and given back are in `rows`. Pure rules the load applies: `precedence` (which
source gives what; `bilingual` for the Chinese columns), `pairing` (a Chinese release's English twin),
`cross_language` and `meeting_changes`. For analysts, `export` writes every table and view to files (and the data
dictionary); `people` ties attendees to people (`person_names`, `person_registry` and `offices` its pure rules) and
`topics` an area to its categories. Other packages import only the names below.
"""
from __future__ import annotations

from .connection import (
    WarehouseBusyError,
    WarehouseMissingError,
    WarehouseUnreadableError,
    default_warehouse_path,
    open_reader,
    open_writer,
    seconds_from_env,
)
from .export import EXPORT_FORMATS, data_dictionary_markdown, export_warehouse
from .index_pages import index_pages_read, is_past_day
from .load import load_batch
from .pairing import Pairing, ReleaseFacts, facts_of, pair_chinese_releases
from .raw_documents import store_raw_documents, stored_bodies, stored_bodies_to_reprocess
from .releases import known_sources
from .rows import (
    FAILED,
    INGESTED,
    PENDING,
    QUARANTINED,
    SKIPPED,
    Discovery,
    IndexPage,
    LoadResult,
    Outcome,
    QuarantineItem,
    RawDocument,
    RunCounts,
)
from .run_lock import run_lock, run_wait_seconds
from .runs import finish_run, last_inputs_digest, start_run
from .todo import finish_fetches, mark_emitted, pending_urls, record_discoveries, record_discovery_chunk

__all__ = [
    "EXPORT_FORMATS",
    "export_warehouse",
    "data_dictionary_markdown",
    "Discovery",
    "FAILED",
    "INGESTED",
    "IndexPage",
    "LoadResult",
    "Outcome",
    "PENDING",
    "Pairing",
    "QUARANTINED",
    "QuarantineItem",
    "RawDocument",
    "ReleaseFacts",
    "RunCounts",
    "SKIPPED",
    "WarehouseBusyError",
    "WarehouseMissingError",
    "WarehouseUnreadableError",
    "default_warehouse_path",
    "facts_of",
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
    "pair_chinese_releases",
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
