"""Warnings the load writes to `dq_results` itself: checks that compare a meeting's sources (`warehouse.meetings`)
or a Chinese release with its English twin (`warehouse.language_pairs`), which no staged batch alone can make.

One row per check per batch, like the quality gate's; a second write of the same check in the same run and batch
merges into the first (its failing keys added)."""
from __future__ import annotations

import json
from datetime import datetime

from .temp_tables import temp_table


def warning_row(run_id: str, now: datetime, batch_no: int, check: str, expectation_type: str, checked: int,
                keys: list[str], observed: dict) -> dict:
    """A `dq_results` row of a warning on the meetings table: `keys` are the failing ones (none: it passed)."""
    return {"run_id": run_id, "batch_no": batch_no, "validated_at": now, "table_name": "meetings", "check_name": check,
            "expectation_type": expectation_type, "severity": "warning", "success": not keys,
            "element_count": checked, "unexpected_count": len(keys),
            "observed_value": json.dumps(observed, ensure_ascii=False) if keys else None, "failing_keys": keys}


def write_warnings(con, rows: list[dict]) -> None:
    """Insert the rows, merging each into a row of the same run, batch and check already written."""
    if not rows:
        return
    temp_table(con, "load_warnings", rows)
    con.execute(
        """INSERT INTO dq_results BY NAME SELECT * REPLACE (failing_keys::VARCHAR[] AS failing_keys) FROM load_warnings
           ON CONFLICT (run_id, batch_no, table_name, check_name) DO UPDATE SET
             success = dq_results.success AND excluded.success,
             element_count = greatest(dq_results.element_count, excluded.element_count),
             failing_keys = list_distinct(list_concat(dq_results.failing_keys, excluded.failing_keys)),
             unexpected_count = len(list_distinct(list_concat(dq_results.failing_keys, excluded.failing_keys)))"""
    )
