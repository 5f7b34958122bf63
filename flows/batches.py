"""The core every flow shares: documents parsed, validated and loaded batch by batch, one Prefect task run per
stage and batch, one writer and one transaction per batch (`run_documents`, `run_batches`)."""
from __future__ import annotations

import threading
import time
from typing import Callable, Iterable

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote  # large batches: no parameter introspection (seconds per task)

from warehouse import INGESTED, QUARANTINED, SKIPPED, Outcome, QuarantineItem, RunCounts, load_batch, open_writer

from .collect.files import Document
from .pipeline import GatedBatch, ParsedBatch, gate_batch, loaded_counts, parse_documents
from .runs import RunSummary
from .runtime.lifecycle import on_stop
from .runtime.progress import batch_progress
from .runtime.timing import add_stage_time, inside, log_stage_start, timed

BATCH_SIZE = 1000  # releases per task and per transaction: see "Batch size" in the README's Performance section


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
    return loaded_counts(parsed, gated, result)


def run_documents(summary: RunSummary, docs: list[Document], early_failures: list[QuarantineItem],
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
            return _run_on_cluster(summary, batches, early_failures, reports_dir, advance)
        return run_batches(summary, ((chunk, early_failures if n == 0 else []) for n, chunk in enumerate(batches)),
                           reports_dir, advance)


def run_batches(summary: RunSummary, batches: Iterable[tuple[list[Document], list[QuarantineItem]]],
                reports_dir: str, advance: Callable[[int], None] = lambda n: None) -> list[Outcome]:
    """Parse, validate and load (documents, early failures) batches in order, one writer, as a pipeline:
    while batch k is validated (a task in a thread; the gate's work runs in its own process, see
    `expectations.process`), this thread reads and parses batch k+1, then loads batch k."""
    outcomes: list[Outcome] = []
    waiting = None  # the batch being validated: (documents, early failures, parsed, gate future or result)
    for chunk, early in batches:
        batch_no = summary.batches
        summary.batches += 1
        with timed(summary, "parse", detail=f"batch {batch_no + 1}, {len(chunk)} documents"):
            parsed = parse_batch(quote(chunk))
        gating = _submit_validation(summary, parsed, reports_dir, batch_no) if parsed.parsed else GatedBatch(quarantine=parsed.failures)
        if waiting is not None:
            outcomes += _load_when_validated(summary, *waiting, advance)
        waiting = (chunk, early, parsed, gating)
    if waiting is not None:
        outcomes += _load_when_validated(summary, *waiting, advance)
    return outcomes


def _submit_validation(summary: RunSummary, parsed: ParsedBatch, reports_dir: str, batch_no: int):
    """Start validating a batch in a task thread; its stage time runs from submission to completion."""
    log_stage_start("validate", f"batch {batch_no + 1}, {len(parsed.parsed)} releases")
    submitted, counted = time.perf_counter(), threading.Event()

    def count(_) -> None:
        add_stage_time(summary, "validate", time.perf_counter() - submitted)
        counted.set()

    future = validate_batch.submit(reports_dir, quote(parsed), summary.run_id, batch_no)
    future.add_done_callback(count)
    return future, counted


def _load_when_validated(summary: RunSummary, chunk: list[Document], early: list[QuarantineItem],
                         parsed: ParsedBatch, gating, advance: Callable[[int], None]) -> list[Outcome]:
    if isinstance(gating, GatedBatch):
        gated = gating
    else:
        future, counted = gating
        gated = future.result()
        counted.wait(10)  # result() returns before done-callbacks run: the stage time is then in the summary
    with timed(summary, "load", detail=f"{len(gated.load)} releases, {len(gated.quarantine) + len(early)} quarantined"):
        counts, changes = load(summary.warehouse, summary.run_id, quote(parsed), quote(gated), quote(early), summary.force)
    summary.counts.add(counts)
    summary.meeting_changes += changes
    advance(len(chunk))
    return _note_batch(summary, gated, early)


def _run_on_cluster(summary: RunSummary, batches: list[list[Document]], early_failures: list[QuarantineItem],
                    reports_dir: str, advance: Callable[[int], None]) -> list[Outcome]:
    """Every batch's parse and validate submitted to the cluster at once; this process loads them in order."""
    first_no = summary.batches
    summary.batches += len(batches)
    staged = _submit(batches, reports_dir, summary.run_id, first_no)
    outcomes: list[Outcome] = []
    for offset, chunk in enumerate(batches):
        with timed(summary, "parse and validate (waiting for the cluster)", tasks=2):
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


def _note_batch(summary: RunSummary, gated: GatedBatch, extra: list[QuarantineItem]) -> list[Outcome]:
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
