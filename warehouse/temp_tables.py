"""Python rows as a temporary table, for set-based SQL: one statement per table and batch, without pandas.

Each column goes to DuckDB as one list parameter and comes back as rows through `UNNEST`, so a batch
is put in a temporary table in one call, not row by row. Types are DuckDB's reading of the Python values
(str, int, bool, date, aware datetime, bytes, lists); the INSERT that follows casts them to the table's
types. Pass aware datetimes (`aware`): a column of naive ones becomes TIMESTAMP, which a TIMESTAMPTZ
column then reads in the session's time zone, not as UTC.
Not importing pandas keeps about 45 MB out of the flow's process (its gate process has its own).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Mapping, Sequence

import duckdb


def temp_table(con: duckdb.DuckDBPyConnection, name: str, rows: Sequence[Mapping] | Sequence[Sequence],
               columns: Sequence[str] | None = None) -> int:
    """Replace the temporary table `name` with `rows` (mappings, or sequences in the order of `columns`);
    returns the number of rows. With no rows, `columns` must be given (the table is then empty)."""
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
        values = [[row.get(column) for row in rows] for column in columns]
    else:
        values = [list(column) for column in zip(*rows)] if rows else [[] for _ in columns]
    if not columns:
        raise ValueError(f"temp table {name}: no rows and no columns")
    select = ", ".join(f'UNNEST(?) AS "{column}"' for column in columns)
    con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT {select}', values)
    return len(rows)


def aware(moment: datetime | None) -> datetime | None:
    """A time without a zone is read as UTC (as a feed's "-0000" means)."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment
