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

__all__ = [
    "LoadResult",
    "QuarantineItem",
    "WarehouseBusyError",
    "WarehouseMissingError",
    "WarehouseUnreadableError",
    "default_warehouse_path",
    "load_batch",
    "open_reader",
    "open_writer",
]
