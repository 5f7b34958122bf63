"""The ingest_runs log: one row per run, opened at start and closed with its counts (`rows.RunCounts`)."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone

import duckdb

from .rows import RunCounts


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, source: str, flow_run_id: str | None) -> None:
    con.execute(
        "INSERT INTO ingest_runs (run_id, flow_run_id, source, started_at, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, flow_run_id, source, datetime.now(timezone.utc)],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts, status: str,
               inputs_digest: str | None = None) -> None:
    values = asdict(counts)
    assignments = ", ".join(f"{key} = ?" for key in values)
    con.execute(
        f"UPDATE ingest_runs SET {assignments}, finished_at = ?, status = ?, inputs_digest = ? WHERE run_id = ?",
        [*values.values(), datetime.now(timezone.utc), status, inputs_digest, run_id],
    )


def last_inputs_digest(con: duckdb.DuckDBPyConnection, current_run_id: str) -> str | None:
    """The inputs digest of the run before this one, of any kind, if it completed (else None: a failed run,
    a web run or a Dask run may have changed what the inputs it did not see would give)."""
    row = con.execute("SELECT status, inputs_digest FROM ingest_runs WHERE run_id <> ? ORDER BY started_at DESC LIMIT 1",
                      [current_run_id]).fetchone()
    return row[1] if row and row[0] == "completed" else None
