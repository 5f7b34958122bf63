"""The `ingest` flow (files and folders) and the parse -> validate -> load core every flow shares."""
from __future__ import annotations

from parsers.errors import PlenaryError

import hashlib
import logging
import threading
import time
from collections import Counter
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State
from prefect.utilities.annotations import quote  # large batches: no parameter introspection (seconds per task)

from expectations import default_reports_dir, make_offline
from expectations import prewarm_gate
from parsers import PARSER_VERSION
from warehouse import QuarantineItem, default_warehouse_path, load_batch, open_writer
from warehouse import INGESTED, QUARANTINED, SKIPPED, Outcome
from warehouse import run_lock
from warehouse import RunCounts, finish_run, last_inputs_digest, start_run
from warehouse import known_sources

from .lifecycle import bound_the_stop, must_finish, on_stop, send_logs_before_exit, stop_requested
from .notify import run_notice, send
from .progress import batch_progress
from .sources import Document, discover_files, read_documents
from .timing import inside, take_inside
from .stages import PIPELINE_VERSION, GatedBatch, ParsedBatch, gate_batch, parse_documents

BATCH_SIZE = 1000  # releases per task and per transaction: see "Batch size" in the README's Performance section
READ_CHUNK = 2000  # files read and checked against the warehouse at a time (fewer, larger checks on a re-run)


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
    inputs_digest: str | None = None  # files runs: see `ingest_runs.inputs_digest`
    stage_seconds: dict[str, float] = field(default_factory=dict)  # around each stage call (task runs included)
    inside_seconds: dict[str, float] = field(default_factory=dict)  # inside task bodies: the work itself
    failure: str | None = None  # why the run failed though nothing raised (nothing could be read)
    force: bool = False  # parse again inputs already processed with the same bytes (`plenary ingest --force`)
    meeting_changes: list[dict] = field(default_factory=list)  # meetings loaded before whose sources or fields changed

    def to_dict(self) -> dict:
        return asdict(self)


@contextmanager
def stage(summary: IngestSummary, name: str, tasks: int = 1, detail: str = "") -> Iterator[None]:
    """Time one stage call (a Prefect task run) into the summary; its start is logged (INFO, see `log_stage`)."""
    log_stage(name, detail)
    started = time.perf_counter()
    try:
        yield
    finally:
        _count_stage(summary, name, time.perf_counter() - started, tasks)


def log_stage(name: str, detail: str = "") -> None:
    """One line at INFO when a stage starts (`stage fetch: started (batch 1, 40 documents)`), on the flow run's
    logger: the Prefect UI shows where a run is, and with PREFECT_LOGGING_LEVEL=INFO so does the console."""
    try:
        logger = get_run_logger()
    except MissingContextError:  # a stage called outside a flow or task run
        logger = logging.getLogger(__name__)
    logger.info("stage %s: started%s", name, f" ({detail})" if detail else "")


_STAGE_LOCK = threading.Lock()


def _count_stage(summary: IngestSummary, name: str, seconds: float, tasks: int = 1) -> None:
    """Add a stage's seconds and task runs to the summary (also from task threads)."""
    with _STAGE_LOCK:
        summary.stage_seconds[name] = summary.stage_seconds.get(name, 0.0) + seconds
        summary.task_runs += tasks


@task(name="find-files", cache_policy=NO_CACHE)
def find_files(paths: list[str]) -> tuple[list[Path], list[QuarantineItem]]:
    """Every release file under the paths given (sorted), and the paths that do not exist."""
    with inside("read"):
        return discover_files(paths)


@task(name="read-files", cache_policy=NO_CACHE)
def read_files(files: list[Path], folders: dict | None = None) -> tuple[list[Document], list[QuarantineItem]]:
    """Read one batch of release files (`folders`: the run's cache of folders and their manifests)."""
    with inside("read"):
        return read_documents(files, folders)


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(docs: list[Document]) -> ParsedBatch:
    """Parse one batch of documents."""
    with inside("parse"):
        return parse_documents(docs)


@task(name="validate-batch", cache_policy=NO_CACHE)
def validate_batch(reports_dir: str | None, batch: ParsedBatch, run_id: str, batch_no: int) -> GatedBatch:
    """Run the Great Expectations gate on one batch (one validation per table); no reports folder: no Data Docs."""
    from expectations import gate_for

    if not batch.parsed:  # nothing to validate (all parse failures): the same as the sequential path
        return GatedBatch(quarantine=batch.failures)
    with inside("validate"):
        return gate_batch(gate_for(reports_dir), batch, run_id, batch_no)


@task(name="load-batch", cache_policy=NO_CACHE)
def load(warehouse: str, run_id: str, parsed: ParsedBatch, gated: GatedBatch, extra_quarantine: list[QuarantineItem],
         force: bool = False) -> tuple[RunCounts, list[dict]]:
    """Write one batch in one transaction; count what was written, and list the meetings that changed."""
    with inside("load"), open_writer(warehouse) as con, on_stop(con.interrupt):  # SIGTERM interrupts the statement
        result = load_batch(con, run_id, gated.load, gated.quarantine + extra_quarantine, gated.dq_rows, force=force)
    skipped = sum(1 for p in gated.load if not p.release.is_plenary_report)
    reports = len(gated.load) - skipped
    return RunCounts(
        parsed=len(parsed.parsed), skipped=skipped, passed=reports - len(gated.warned), warned=len(gated.warned),
        quarantined=result.quarantined, loaded=len(result.loaded), unchanged=len(result.unchanged),
    ), [{"meeting_id": c.meeting_id, "change": c.change, "summary": c.summary} for c in result.changes if c.change != "new"]


@task(name="publish-reports", cache_policy=NO_CACHE)
def publish_reports(reports_dir: str | None, warehouse: str, run_id: str, counts: dict) -> str | None:
    """Render Data Docs (made to work offline) and a Prefect artifact summarising the run."""
    with inside("reports"):
        return _publish(reports_dir, warehouse, run_id, counts)


def _publish(reports_dir: str | None, warehouse: str, run_id: str, counts: dict) -> str | None:
    from .artifacts import publish_run_artifact

    index, started = None, time.time() - 1  # 1 s of slack for coarse file timestamps
    if reports_dir is not None:
        from expectations import gate_for

        index = gate_for(reports_dir).build_docs()
    if index is not None:
        make_offline(index.parent, changed_since=started)
    publish_run_artifact(warehouse, run_id, str(index) if index else None, counts)
    return str(index) if index else None


class SourcesUnreadableError(PlenaryError, RuntimeError):
    """A run none of whose sources could be read: the flow run ends Failed with this reason; `summary` is the
    run's summary (what it quarantined), as a completed run returns it."""

    def __init__(self, message: str, summary: dict | None = None):
        super().__init__(message)
        self.summary = summary or {}


@contextmanager
def ingest_run(warehouse: str | None, source: str) -> Iterator[IngestSummary]:
    """Hold the warehouse's run lock (one writing run at a time), open an `ingest_runs` row for the run and
    close it with its counts and status whatever happens; then, the lock released, notify the operator if
    the run failed or quarantined anything (`flows.notify`; once, quickly, when the run was interrupted)."""
    warehouse = str(warehouse or default_warehouse_path())
    summary = IngestSummary(f"run-{uuid.uuid4().hex[:12]}", warehouse, RunCounts())
    notice, interrupted = None, False
    send_logs_before_exit()  # a stopped run's last lines reach the server before it stops (no 5 s wait at exit)
    bound_the_stop()  # a `plenary` command still running 8 s after SIGTERM or SIGINT ends at once (flows.lifecycle)
    try:
        with run_lock(warehouse, f"run {summary.run_id} ({source[:80]})"):
            with open_writer(warehouse) as con:
                start_run(con, summary.run_id, source, _flow_run_id())
            status, message = "failed", "the run stopped before it finished"
            try:
                yield summary
                status, message = ("failed", summary.failure) if summary.failure else ("completed", outcome_message(summary))
            except BaseException as exc:
                # SIGTERM or SIGINT, whoever handled it in Python (flows.lifecycle); a stop may surface as an error
                # (DuckDB's "Query interrupted"): it is then reported, and raised, as the stop it is
                stopped = stop_requested(wait=0.5 if isinstance(exc, Exception) else 0)
                interrupted = isinstance(exc, KeyboardInterrupt) or stopped is not None
                message = f"{type(exc).__name__}: {exc}".splitlines()[0]
                if stopped is not None and isinstance(exc, Exception):
                    message = f"KeyboardInterrupt: stopped by signal {stopped}"
                    raise KeyboardInterrupt(f"stopped by signal {stopped}") from exc
                raise
            finally:
                with must_finish(), open_writer(warehouse) as con:  # even a stop that ends the process waits for this
                    finish_run(con, summary.run_id, summary.counts, status, summary.inputs_digest)
                notice = run_notice(summary.run_id, warehouse, status, message, asdict(summary.counts), summary.quarantined)
    finally:
        send(notice, attempts=1 if interrupted else None)


def outcome_message(summary: IngestSummary) -> str:
    """One line counting what a run did, for its final state."""
    counts = summary.counts
    return (f"read {counts.read}, loaded {counts.loaded}, unchanged {counts.unchanged}, skipped {counts.skipped}, "
            f"quarantined {counts.quarantined}")


def fail_if_nothing_read(summary: IngestSummary, sources: int, read: int | None = None) -> None:
    """Mark the run failed (`summary.failure`) when it was given sources and could read none of them
    (`read`: how many it read, if not the documents counted in the summary); see `final_state`."""
    read = summary.counts.read + summary.counts.unchanged if read is None else read
    if sources and not read and summary.quarantined:
        first = summary.quarantined[0]
        summary.failure = (f"none of the {sources} source(s) could be read; {len(summary.quarantined)} quarantined, "
                           f"the first at {first['stage']}: {first['source']}: {first['reason']}")


def final_state(summary: IngestSummary, result: dict) -> State:
    """The flow run's final state: Failed with the reason when nothing could be read (a caller gets
    `SourcesUnreadableError`; the log gets one line, not a traceback), else Completed with a message
    that counts what was loaded and quarantined. Either way the state carries the summary's counts."""
    if summary.failure:
        return Failed(message=summary.failure, data=SourcesUnreadableError(summary.failure, result))
    return Completed(message=outcome_message(summary), data=result)


def reports_folder(reports_dir: str | None, warehouse: str | None = None) -> str:
    """The absolute reports folder for a run (also where Dask workers write their validation results):
    the one given, else the warehouse's own (see `expectations.default_reports_dir`)."""
    return str((Path(reports_dir) if reports_dir else default_reports_dir(warehouse or default_warehouse_path())).resolve())


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
    with batch_progress(len(docs), "parse, validate, load") as advance:
        if concurrent:
            return _process_on_cluster(summary, batches, early_failures, reports_dir, advance)
        return process_batches(summary, ((chunk, early_failures if n == 0 else []) for n, chunk in enumerate(batches)),
                               reports_dir, advance)


def process_batches(summary: IngestSummary, batches: Iterable[tuple[list[Document], list[QuarantineItem]]],
                    reports_dir: str, advance: Callable[[int], None] = lambda n: None) -> list[Outcome]:
    """Parse, validate and load (documents, early failures) batches in order, one writer, as a pipeline:
    while batch k is validated (a task in a thread; the gate's work runs in its own process, see
    `expectations.service`), this thread reads and parses batch k+1, then loads batch k."""
    outcomes: list[Outcome] = []
    waiting = None  # the batch being validated: (documents, early failures, parsed, gate future or result)
    for chunk, early in batches:
        batch_no = summary.batches
        summary.batches += 1
        with stage(summary, "parse", detail=f"batch {batch_no + 1}, {len(chunk)} documents"):
            parsed = parse_batch(quote(chunk))
        gating = _submit_validation(summary, parsed, reports_dir, batch_no) if parsed.parsed else GatedBatch(quarantine=parsed.failures)
        if waiting is not None:
            outcomes += _load_when_validated(summary, *waiting, advance)
        waiting = (chunk, early, parsed, gating)
    if waiting is not None:
        outcomes += _load_when_validated(summary, *waiting, advance)
    return outcomes


def _submit_validation(summary: IngestSummary, parsed: ParsedBatch, reports_dir: str, batch_no: int):
    """Start validating a batch in a task thread; its stage time runs from submission to completion."""
    log_stage("validate", f"batch {batch_no + 1}, {len(parsed.parsed)} releases")
    submitted, counted = time.perf_counter(), threading.Event()

    def count(_) -> None:
        _count_stage(summary, "validate", time.perf_counter() - submitted)
        counted.set()

    future = validate_batch.submit(reports_dir, quote(parsed), summary.run_id, batch_no)
    future.add_done_callback(count)
    return future, counted


def _load_when_validated(summary: IngestSummary, chunk: list[Document], early: list[QuarantineItem],
                         parsed: ParsedBatch, gating, advance: Callable[[int], None]) -> list[Outcome]:
    if isinstance(gating, GatedBatch):
        gated = gating
    else:
        future, counted = gating
        gated = future.result()
        counted.wait(10)  # result() returns before done-callbacks run: the stage time is then in the summary
    with stage(summary, "load", detail=f"{len(gated.load)} releases, {len(gated.quarantine) + len(early)} quarantined"):
        counts, changes = load(summary.warehouse, summary.run_id, quote(parsed), quote(gated), quote(early), summary.force)
    summary.counts.add(counts)
    summary.meeting_changes += changes
    advance(len(chunk))
    return _note_batch(summary, gated, early)


def _process_on_cluster(summary: IngestSummary, batches: list[list[Document]], early_failures: list[QuarantineItem],
                        reports_dir: str, advance: Callable[[int], None]) -> list[Outcome]:
    """Every batch's parse and validate submitted to the cluster at once; this process loads them in order."""
    first_no = summary.batches
    summary.batches += len(batches)
    staged = _submit(batches, reports_dir, summary.run_id, first_no)
    outcomes: list[Outcome] = []
    for offset, chunk in enumerate(batches):
        with stage(summary, "parse and validate (waiting for the cluster)", tasks=2):
            parsed, gated = staged[offset][0].result(), staged[offset][1].result()
        outcomes += _load_when_validated(summary, chunk, early_failures if offset == 0 else [], parsed, gated, advance)
    return outcomes


def _submit(batches: list[list[Document]], reports_dir: str, run_id: str, first_no: int) -> list[tuple]:
    """Submit every batch's parse and validate to the flow's task runner (futures, in batch order)."""
    staged = []
    for offset, chunk in enumerate(batches):
        parsed = parse_batch.submit(chunk)
        staged.append((parsed, validate_batch.submit(None, parsed, run_id, first_no + offset)))
    return staged


def finish_reports(summary: IngestSummary, reports_dir: str) -> None:
    """Publish the run's reports once, after its last batch, if it wrote anything (inside `ingest_run`: the
    artifact reads the warehouse while the run still holds its lock)."""
    if summary.batches:
        with stage(summary, "reports"):
            summary.report = publish_reports(reports_dir if summary.counts.parsed else None, summary.warehouse,
                                             summary.run_id, asdict(summary.counts))


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


def skip_unchanged(summary: IngestSummary, docs: list[Document],
                   inputs: "hashlib._Hash | None" = None) -> tuple[list[Document], set[tuple[str, str]]]:
    """Leave out files this version already processed with the same bytes and the same source URL: loaded
    (their last_seen_at moves, their open quarantine rows close) or quarantined at parse or validate.
    Files that share a source URL in one run are never skipped: they must meet in one batch.

    Returns the files left, and which of them were rejected only for a conflict inside their batch
    (retried, unless the whole run turns out to be a re-run: see `_new_batches`). `inputs` is updated
    with every file's (path, content hash, source URL)."""
    if not docs:
        return docs, set()
    sources = [(d.source.uri, hashlib.sha256(d.data).hexdigest(), d.source.url) for d in docs]
    if inputs is not None:
        for key in sources:
            inputs.update("\0".join(part or "" for part in key).encode() + b"\n")
    if summary.force:  # `--force`: every input is parsed again
        return docs, set()
    shared = {url for url, n in Counter(d.source.url for d in docs if d.source.url).items() if n > 1}
    candidates = [key for key in sources if key[2] not in shared]
    with open_writer(summary.warehouse) as con:
        known = known_sources(con, candidates, PARSER_VERSION, PIPELINE_VERSION, summary.run_id)
    summary.counts.unchanged += len(known.unchanged) + len(known.quarantined)
    summary.release_ids += list(known.unchanged.values())
    left = [(d, key[:2]) for d, key in zip(docs, sources) if key[:2] not in known.unchanged and key[:2] not in known.quarantined]
    return [d for d, _ in left], {key for _, key in left if key in known.batch_rejections}


@flow(name="ingest", log_prints=True)
def ingest(paths: list[str], warehouse: str | None = None, batch_size: int = BATCH_SIZE,
           reports_dir: str | None = None, concurrent: bool = False, force: bool = False) -> dict:
    """Ingest release files and folders into the warehouse; returns the run summary.

    `force`: parse again files whose bytes this version already processed (and rebuild their meetings)."""
    reports = reports_folder(reports_dir, warehouse)
    take_inside()  # start the task-body counters from zero (a failed run before may have left some)
    with ingest_run(warehouse, ("--force " if force else "") + " ".join(map(str, paths))) as summary:
        summary.force = force
        with stage(summary, "read"):
            files, missing = find_files(paths)
        if concurrent:  # every batch handed to the cluster at once
            docs, early, _ = _read_new(summary, files, missing)
            process_documents(summary, docs, early, reports, batch_size, concurrent=True)
        else:
            if files:
                prewarm_gate(reports)  # GX starts beside the reading and parsing (see expectations.service)
            with batch_progress(len(files), "read, parse, validate, load") as advance:
                process_batches(summary, _new_batches(summary, files, missing, batch_size, advance), reports, advance)
        fail_if_nothing_read(summary, len(files) + len(missing))
        finish_reports(summary, reports)
    summary.inside_seconds = take_inside()
    return final_state(summary, summary.to_dict())


def _new_batches(summary: IngestSummary, files: list[Path], missing: list[QuarantineItem], batch_size: int,
                 advance: Callable[[int], None]) -> Iterator[tuple[list[Document], list[QuarantineItem]]]:
    """Read the files READ_CHUNK at a time (memory stays near a chunk and two batches), leave out unchanged ones, and yield
    full batches of what is left, each with the failures found since the last one.

    A re-run on exactly the inputs of the last completed run (same files, bytes, source URLs and
    pipeline version: `ingest_runs.inputs_digest`), right after it, leaves out the inputs that run
    rejected for a conflict inside their batch too: nothing else is left to process, so nothing would change."""
    inputs = hashlib.sha256(PIPELINE_VERSION.encode() + b"\n")
    waiting, early, in_batch, yielded, folders = [], list(missing), set(), False, {}
    chunk = max(batch_size, READ_CHUNK)
    for start in range(0, len(files), chunk):
        some = files[start : start + chunk]
        docs, read_failures, held = _read_new(summary, some, inputs=inputs, folders=folders)
        advance(len(some) - len(docs))  # unchanged and unreadable files are done; the rest count when loaded
        waiting, early, in_batch = waiting + docs, early + read_failures, in_batch | held
        while len(waiting) >= batch_size:
            yield waiting[:batch_size], early
            waiting, early, yielded = waiting[batch_size:], [], True
    summary.inputs_digest = inputs.hexdigest()
    if waiting and not yielded and not early and not summary.force and _only_retried_conflicts(waiting, in_batch, summary):
        summary.counts.unchanged += len(waiting)
        advance(len(waiting))
        waiting = []
    if waiting or early:
        yield waiting, early


def _only_retried_conflicts(docs: list[Document], in_batch: set[tuple[str, str]], summary: IngestSummary) -> bool:
    """Whether every document left was rejected for a conflict in its batch by a run on the very same inputs."""
    if len(in_batch) < len(docs):
        return False
    with open_writer(summary.warehouse) as con:
        return last_inputs_digest(con, summary.run_id) == summary.inputs_digest


def _read_new(summary: IngestSummary, files: list[Path], missing: list[QuarantineItem] | None = None,
              inputs: "hashlib._Hash | None" = None, folders: dict | None = None,
              ) -> tuple[list[Document], list[QuarantineItem], set[tuple[str, str]]]:
    """Read files (one task) and leave out those unchanged since this version processed them."""
    with stage(summary, "read"):
        docs, failures = read_files(quote(files), quote(folders))
    summary.counts.read += len(docs)
    with stage(summary, "skip unchanged", tasks=0):
        left, in_batch = skip_unchanged(summary, docs, inputs)
    return left, list(missing or []) + failures, in_batch


def _flow_run_id() -> str | None:
    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # outside a flow run
        return None


def ingest_paths(paths: list[str | Path], warehouse: str | Path | None = None, reports_dir: str | Path | None = None,
                 task_runner: str | None = None, batch_size: int = BATCH_SIZE, force: bool = False) -> dict:
    """Run the ingest flow (Prefect embedded mode when no server is configured), optionally on Dask."""
    run = ingest
    if task_runner:
        from .scaleout import dask_task_runner

        run = ingest.with_options(task_runner=dask_task_runner(task_runner))
    return run(paths=[str(p) for p in paths], warehouse=str(warehouse) if warehouse else None,
               reports_dir=str(reports_dir) if reports_dir else None, concurrent=bool(task_runner), batch_size=batch_size,
               force=force)
