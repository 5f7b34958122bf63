"""The `ingest` flow (files and folders) and the parse -> validate -> load core every flow shares."""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from expectations import default_reports_dir, make_offline
from warehouse import QuarantineItem, default_warehouse_path, load_batch, open_writer
from warehouse.collection import INGESTED, QUARANTINED, SKIPPED, Outcome
from warehouse.runs import RunCounts, finish_run, start_run

from .progress import batch_progress
from .sources import Document, discover_files, read_documents
from .stages import GatedBatch, ParsedBatch, gate_batch, parse_documents

BATCH_SIZE = 500


@dataclass
class IngestSummary:
    run_id: str
    warehouse: str
    counts: RunCounts
    release_ids: list[str] = field(default_factory=list)
    quarantined: list[dict] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    report: str | None = None
    batches: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@task(name="read-files", cache_policy=NO_CACHE)
def read_files(paths: list[str]) -> tuple[list[Document], list[QuarantineItem]]:
    """Find and read every release file under the paths given."""
    files, missing = discover_files(paths)
    docs, failures = read_documents(files)
    return docs, missing + failures


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(docs: list[Document]) -> ParsedBatch:
    """Parse one batch of documents."""
    return parse_documents(docs)


@task(name="validate-batch", cache_policy=NO_CACHE)
def validate_batch(gate, batch: ParsedBatch, run_id: str, batch_no: int) -> GatedBatch:
    """Run the Great Expectations gate on one batch (one validation per table)."""
    return gate_batch(gate, batch, run_id, batch_no)


@task(name="load-batch", cache_policy=NO_CACHE)
def load(warehouse: str, run_id: str, parsed: ParsedBatch, gated: GatedBatch, extra_quarantine: list[QuarantineItem]) -> RunCounts:
    """Write one batch in one transaction; count what was written."""
    with open_writer(warehouse) as con:
        result = load_batch(con, run_id, gated.load, gated.quarantine + extra_quarantine, gated.dq_rows)
    skipped = sum(1 for p in gated.load if not p.release.is_plenary_report)
    reports = len(gated.load) - skipped
    return RunCounts(
        parsed=len(parsed.parsed), skipped=skipped, passed=reports - len(gated.warned), warned=len(gated.warned),
        quarantined=result.quarantined, loaded=len(result.loaded), unchanged=len(result.unchanged),
    )


@task(name="publish-reports", cache_policy=NO_CACHE)
def publish_reports(gate, warehouse: str, run_id: str) -> str | None:
    """Render Data Docs (made to work offline) and a Prefect artifact summarising the run."""
    from .artifacts import publish_run_artifact

    index = gate.build_docs() if gate is not None else None
    if index is not None:
        make_offline(index.parent)
    publish_run_artifact(warehouse, run_id, str(index) if index else None)
    return str(index) if index else None


@contextmanager
def ingest_run(warehouse: str | None, source: str) -> Iterator[IngestSummary]:
    """Open an `ingest_runs` row for the run and close it with its counts and status, whatever happens."""
    warehouse = str(warehouse or default_warehouse_path())
    summary = IngestSummary(f"run-{uuid.uuid4().hex[:12]}", warehouse, RunCounts())
    with open_writer(warehouse) as con:
        start_run(con, summary.run_id, source, _flow_run_id())
    status = "failed"
    try:
        yield summary
        status = "completed"
    finally:
        with open_writer(warehouse) as con:
            finish_run(con, summary.run_id, summary.counts, status)


class LazyGate:
    """The run's quality gate, started on first use: GX costs seconds to start, a run with nothing to validate pays nothing."""

    def __init__(self, reports_dir: str | None) -> None:
        self._reports_dir = Path(reports_dir) if reports_dir else default_reports_dir()
        self.gate = None

    def get(self):
        if self.gate is None:
            from expectations.gate import QualityGate  # GX is heavy: import it only when there is work

            self.gate = QualityGate(self._reports_dir)
        return self.gate


def process_documents(summary: IngestSummary, docs: list[Document], early_failures: list[QuarantineItem],
                      gate: LazyGate, batch_size: int = BATCH_SIZE) -> list[Outcome]:
    """Parse, validate and load documents batch by batch into the summary's warehouse; returns their outcomes."""
    summary.counts.read += len(docs)
    batches = [docs[i : i + batch_size] for i in range(0, len(docs), batch_size)]
    if not batches and early_failures:
        batches = [[]]
    outcomes: list[Outcome] = []
    with batch_progress(len(docs), "parse, validate, load") as advance:
        for number, chunk in enumerate(batches):
            extra = early_failures if number == 0 else []
            parsed = parse_batch(chunk)
            batch_no = summary.batches
            summary.batches += 1
            gated = validate_batch(gate.get(), parsed, summary.run_id, batch_no) if chunk else GatedBatch(quarantine=parsed.failures)
            summary.counts.add(load(summary.warehouse, summary.run_id, parsed, gated, extra))
            outcomes += _note_batch(summary, gated, extra)
            advance(len(chunk))
    return outcomes


def finish_reports(summary: IngestSummary, gate: LazyGate) -> None:
    """Publish the run's reports once, after its last batch, if it wrote anything."""
    if summary.batches:
        summary.report = publish_reports(gate.gate, summary.warehouse, summary.run_id)


def _note_batch(summary: IngestSummary, gated: GatedBatch, extra: list[QuarantineItem]) -> list[Outcome]:
    """Record each release's outcome in the summary, and return them."""
    summary.release_ids += [p.release.release_id for p in gated.load]
    outcomes = []
    for p in gated.load:
        meeting_id = p.meeting.meeting_id if p.meeting else None
        status = INGESTED if p.release.is_plenary_report else SKIPPED
        outcomes.append(Outcome(p.release.source_uri, status, p.release.release_id, meeting_id, p.release.not_plenary_reason))
    for q in gated.quarantine + extra:
        summary.quarantined.append({"stage": q.stage, "source": q.source_uri, "reason": q.reason})
        outcomes.append(Outcome(q.source_uri, QUARANTINED, q.release_id, None, f"{q.stage}: {q.reason}"))
    summary.outcomes += outcomes
    return outcomes


@flow(name="ingest", log_prints=True)
def ingest(paths: list[str], warehouse: str | None = None, batch_size: int = BATCH_SIZE,
           reports_dir: str | None = None) -> dict:
    """Ingest release files and folders into the warehouse; returns the run summary."""
    gate = LazyGate(reports_dir)
    with ingest_run(warehouse, " ".join(map(str, paths))) as summary:
        docs, read_failures = read_files(paths)
        process_documents(summary, docs, read_failures, gate, batch_size)
    finish_reports(summary, gate)
    return summary.to_dict()


def _flow_run_id() -> str | None:
    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # outside a flow run
        return None


def ingest_paths(paths: list[str | Path], warehouse: str | Path | None = None, reports_dir: str | Path | None = None) -> dict:
    """Run the ingest flow (Prefect embedded mode when no server is configured)."""
    return ingest(paths=[str(p) for p in paths], warehouse=str(warehouse) if warehouse else None,
                  reports_dir=str(reports_dir) if reports_dir else None)
