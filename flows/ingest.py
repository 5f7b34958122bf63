"""The `ingest` flow (files and folders) and the parse -> validate -> load core every flow shares."""
from __future__ import annotations

import hashlib
from collections import Counter
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote  # large batches: no parameter introspection (seconds per task)

from expectations import default_reports_dir, make_offline
from parsers import PARSER_VERSION
from warehouse import QuarantineItem, default_warehouse_path, load_batch, open_writer
from warehouse.collection import INGESTED, QUARANTINED, SKIPPED, Outcome
from warehouse.runs import RunCounts, finish_run, start_run
from warehouse.writer import known_quarantined, known_unchanged

from .progress import batch_progress
from .sources import Document, discover_files, read_documents
from .timing import inside, take_inside
from .stages import PIPELINE_VERSION, GatedBatch, ParsedBatch, gate_batch, parse_documents

BATCH_SIZE = 2000  # releases per task: large enough that GX's fixed cost per validation is noise


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
    task_runs: int = 0
    targets: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # around each stage call (task runs included)
    inside_seconds: dict[str, float] = field(default_factory=dict)  # inside task bodies: the work itself

    def to_dict(self) -> dict:
        return asdict(self)


@contextmanager
def stage(summary: IngestSummary, name: str, tasks: int = 1) -> Iterator[None]:
    """Time one stage call (a Prefect task run) into the summary."""
    started = time.perf_counter()
    try:
        yield
    finally:
        summary.stage_seconds[name] = summary.stage_seconds.get(name, 0.0) + time.perf_counter() - started
        summary.task_runs += tasks


@task(name="find-files", cache_policy=NO_CACHE)
def find_files(paths: list[str]) -> tuple[list[Path], list[QuarantineItem]]:
    """Every release file under the paths given (sorted), and the paths that do not exist."""
    with inside("read"):
        return discover_files(paths)


@task(name="read-files", cache_policy=NO_CACHE)
def read_files(files: list[Path]) -> tuple[list[Document], list[QuarantineItem]]:
    """Read one batch of release files."""
    with inside("read"):
        return read_documents(files)


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(docs: list[Document]) -> ParsedBatch:
    """Parse one batch of documents."""
    with inside("parse"):
        return parse_documents(docs)


@task(name="validate-batch", cache_policy=NO_CACHE)
def validate_batch(reports_dir: str | None, batch: ParsedBatch, run_id: str, batch_no: int) -> GatedBatch:
    """Run the Great Expectations gate on one batch (one validation per table); no reports folder: no Data Docs."""
    from expectations.gate import gate_for  # GX is heavy: import it only where validation runs

    if not batch.parsed:  # nothing to validate (all parse failures): the same as the sequential path
        return GatedBatch(quarantine=batch.failures)
    with inside("validate"):
        return gate_batch(gate_for(reports_dir), batch, run_id, batch_no)


@task(name="load-batch", cache_policy=NO_CACHE)
def load(warehouse: str, run_id: str, parsed: ParsedBatch, gated: GatedBatch, extra_quarantine: list[QuarantineItem]) -> RunCounts:
    """Write one batch in one transaction; count what was written."""
    with inside("load"), open_writer(warehouse) as con:
        result = load_batch(con, run_id, gated.load, gated.quarantine + extra_quarantine, gated.dq_rows)
    skipped = sum(1 for p in gated.load if not p.release.is_plenary_report)
    reports = len(gated.load) - skipped
    return RunCounts(
        parsed=len(parsed.parsed), skipped=skipped, passed=reports - len(gated.warned), warned=len(gated.warned),
        quarantined=result.quarantined, loaded=len(result.loaded), unchanged=len(result.unchanged),
    )


@task(name="publish-reports", cache_policy=NO_CACHE)
def publish_reports(reports_dir: str | None, warehouse: str, run_id: str) -> str | None:
    """Render Data Docs (made to work offline) and a Prefect artifact summarising the run."""
    with inside("reports"):
        return _publish(reports_dir, warehouse, run_id)


def _publish(reports_dir: str | None, warehouse: str, run_id: str) -> str | None:
    from .artifacts import publish_run_artifact

    index = None
    if reports_dir is not None:
        from expectations.gate import gate_for

        index = gate_for(reports_dir).build_docs()
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


def reports_folder(reports_dir: str | None) -> str:
    """The absolute reports folder for a run (also where Dask workers write their validation results)."""
    return str((Path(reports_dir) if reports_dir else default_reports_dir()).resolve())


def process_documents(summary: IngestSummary, docs: list[Document], early_failures: list[QuarantineItem],
                      reports_dir: str, batch_size: int = BATCH_SIZE, concurrent: bool = False) -> list[Outcome]:
    """Parse, validate and load documents batch by batch into the summary's warehouse; returns their outcomes.

    With `concurrent` (a Dask task runner), every batch's parse and validate are submitted at once and
    run on the cluster while this process loads the finished batches in order: still one writer. Workers
    validate without writing Data Docs (dq_results and `plenary report` have every result).
    """
    batches = [docs[i : i + batch_size] for i in range(0, len(docs), batch_size)]
    if not batches and early_failures:
        batches = [[]]
    first_no = summary.batches
    summary.batches += len(batches)
    staged = _submit(batches, reports_dir, summary.run_id, first_no) if concurrent else None
    outcomes: list[Outcome] = []
    with batch_progress(len(docs), "parse, validate, load") as advance:
        for offset, chunk in enumerate(batches):
            if staged is not None:
                with stage(summary, "parse and validate (waiting for the cluster)", tasks=2):
                    parsed, gated = staged[offset][0].result(), staged[offset][1].result()
            else:
                parsed, gated = _parse_and_validate(summary, chunk, reports_dir, first_no + offset)
            extra = early_failures if offset == 0 else []
            with stage(summary, "load"):
                summary.counts.add(load(summary.warehouse, summary.run_id, quote(parsed), quote(gated), quote(extra)))
            outcomes += _note_batch(summary, gated, extra)
            advance(len(chunk))
    return outcomes


def _parse_and_validate(summary: IngestSummary, chunk: list[Document], reports_dir: str,
                        batch_no: int) -> tuple[ParsedBatch, GatedBatch]:
    with stage(summary, "parse"):
        parsed = parse_batch(quote(chunk))
    if not parsed.parsed:
        return parsed, GatedBatch(quarantine=parsed.failures)
    with stage(summary, "validate"):
        return parsed, validate_batch(reports_dir, quote(parsed), summary.run_id, batch_no)


def _submit(batches: list[list[Document]], reports_dir: str, run_id: str, first_no: int) -> list[tuple]:
    """Submit every batch's parse and validate to the flow's task runner (futures, in batch order)."""
    staged = []
    for offset, chunk in enumerate(batches):
        parsed = parse_batch.submit(chunk)
        staged.append((parsed, validate_batch.submit(None, parsed, run_id, first_no + offset)))
    return staged


def finish_reports(summary: IngestSummary, reports_dir: str) -> None:
    """Publish the run's reports once, after its last batch, if it wrote anything."""
    if summary.batches:
        with stage(summary, "reports"):
            summary.report = publish_reports(reports_dir if summary.counts.parsed else None, summary.warehouse, summary.run_id)


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


def skip_unchanged(summary: IngestSummary, docs: list[Document]) -> list[Document]:
    """Leave out files this version already processed with the same bytes and the same source URL: loaded
    (their last_seen_at moves, their open quarantine rows close) or quarantined at parse or validate.
    Files that share a source URL in one run are never skipped: they must meet in one batch."""
    if not docs:
        return docs
    sources = [(d.source.uri, hashlib.sha256(d.data).hexdigest(), d.source.url) for d in docs]
    shared = {url for url, n in Counter(d.source.url for d in docs if d.source.url).items() if n > 1}
    candidates = [key for key in sources if key[2] not in shared]
    with open_writer(summary.warehouse) as con:
        unchanged = known_unchanged(con, candidates, PARSER_VERSION, summary.run_id)
        still_bad = known_quarantined(con, [key[:2] for key in candidates], PIPELINE_VERSION)
    summary.counts.unchanged += len(unchanged) + len(still_bad)
    summary.release_ids += list(unchanged.values())
    return [d for d, key in zip(docs, sources) if key[:2] not in unchanged and key[:2] not in still_bad]


@flow(name="ingest", log_prints=True)
def ingest(paths: list[str], warehouse: str | None = None, batch_size: int = BATCH_SIZE,
           reports_dir: str | None = None, concurrent: bool = False) -> dict:
    """Ingest release files and folders into the warehouse; returns the run summary."""
    reports = reports_folder(reports_dir)
    take_inside()  # start the task-body counters from zero (a failed run before may have left some)
    with ingest_run(warehouse, " ".join(map(str, paths))) as summary:
        with stage(summary, "read"):
            files, missing = find_files(paths)
        # Read batch by batch (memory stays near one batch), or all at once to hand every batch to a cluster;
        # what is left after skipping unchanged files gathers into full batches before it is processed.
        step = (len(files) or 1) if concurrent else batch_size
        waiting, early = [], list(missing)
        for start in range(0, len(files), step):
            with stage(summary, "read"):
                docs, read_failures = read_files(quote(files[start : start + step]))
            summary.counts.read += len(docs)
            early += read_failures
            with stage(summary, "skip unchanged", tasks=0):
                waiting += skip_unchanged(summary, docs)
            if len(waiting) >= batch_size and not concurrent:
                process_documents(summary, waiting[:batch_size], early, reports, batch_size)
                waiting, early = waiting[batch_size:], []
        process_documents(summary, waiting, early, reports, batch_size, concurrent)
    finish_reports(summary, reports)
    summary.inside_seconds = take_inside()
    return summary.to_dict()


def _flow_run_id() -> str | None:
    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # outside a flow run
        return None


def ingest_paths(paths: list[str | Path], warehouse: str | Path | None = None, reports_dir: str | Path | None = None,
                 task_runner: str | None = None, batch_size: int = BATCH_SIZE) -> dict:
    """Run the ingest flow (Prefect embedded mode when no server is configured), optionally on Dask."""
    run = ingest
    if task_runner:
        from .scaleout import dask_task_runner

        run = ingest.with_options(task_runner=dask_task_runner(task_runner))
    return run(paths=[str(p) for p in paths], warehouse=str(warehouse) if warehouse else None,
               reports_dir=str(reports_dir) if reports_dir else None, concurrent=bool(task_runner), batch_size=batch_size)
