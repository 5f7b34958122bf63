"""A Prefect artifact per run, under a stable key, so the Prefect UI shows quality history beside runs."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from prefect.artifacts import create_markdown_artifact

from warehouse import open_reader

from .report import meeting_changes

ARTIFACT_KEY_PREFIX = "plenary-quality"


def artifact_key(warehouse: str | Path) -> str:
    """The artifact key of a warehouse: its name and a digest of its full path (`plenary-quality-warehouse-1a2b3c4d`),
    so that two warehouses never share a quality history in Prefect's UI."""
    path = Path(warehouse).resolve()
    name = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "warehouse"
    return f"{ARTIFACT_KEY_PREFIX}-{name}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"


def publish_run_artifact(warehouse: str, run_id: str, docs_index: str | None, counts: dict) -> None:
    """Markdown: the run's counts, failing checks per table, what was quarantined and which meetings changed (read while the run
    still holds the warehouse's run lock: no other run writes meanwhile)."""
    with open_reader(warehouse) as con:
        failures = con.execute(
            """SELECT table_name, check_name, severity, sum(unexpected_count) FROM dq_results
               WHERE run_id = ? AND NOT success GROUP BY ALL ORDER BY severity, table_name, check_name""",
            [run_id],
        ).fetchall()
        held = con.execute("SELECT stage, source_uri, reason FROM quarantine WHERE run_id = ? AND resolved_at IS NULL", [run_id]).fetchall()
        changes = meeting_changes(con, run_id)
    run = [counts.get(k, 0) for k in ("read", "parsed", "skipped", "passed", "warned", "quarantined", "loaded", "unchanged")]
    lines = [f"# Plenary ingest {run_id}", "",
             "| read | parsed | skipped | passed | warned | quarantined | loaded | unchanged |",
             "|---|---|---|---|---|---|---|---|", "| " + " | ".join(map(str, run or [])) + " |", "",
             "## Failed checks", "", "| table | check | severity | records |", "|---|---|---|---|"]
    lines += [f"| {t} | {c} | {s} | {n} |" for t, c, s, n in failures] or ["| - | none | - | 0 |"]
    lines += ["", "## Quarantined", ""] + ([f"- {s}: `{u}`: {r}" for s, u, r in held] or ["nothing"])
    lines += ["", "## Meetings changed", ""] + ([f"- {c['change']}: {c['summary']}" for c in changes] or ["none"])
    if docs_index:
        lines += ["", f"Data Docs: `{docs_index}`"]
    create_markdown_artifact(key=artifact_key(warehouse), markdown="\n".join(lines),
                             description=f"Data quality of {run_id} in {Path(warehouse).resolve()}")
