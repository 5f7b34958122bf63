"""The `ingest` flow: release files and folders into the warehouse (`ingest_files_flow`, `ingest_paths`)."""
from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote  # large batches: no parameter introspection (seconds per task)

from expectations import prewarm_gate
from parsers import PARSER_VERSION
from warehouse import QuarantineItem, known_sources, last_inputs_digest, open_writer

from .batches import BATCH_SIZE, run_batches, run_documents
from .collect.files import Document, discover_files, read_documents
from .pipeline import PIPELINE_VERSION
from .runs import RunSummary, fail_if_nothing_read, final_state, finish_reports, recorded_run, reports_folder
from .runtime.progress import batch_progress
from .runtime.timing import inside, take_inside, timed

READ_CHUNK = 2000  # files read and checked against the warehouse at a time (fewer, larger checks on a re-run)


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


def skip_unchanged(summary: RunSummary, docs: list[Document],
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
def ingest_files_flow(paths: list[str], warehouse: str | None = None, batch_size: int = BATCH_SIZE,
                      reports_dir: str | None = None, concurrent: bool = False, force: bool = False) -> dict:
    """Ingest release files and folders into the warehouse; returns the run summary.

    `force`: parse again files whose bytes this version already processed (and rebuild their meetings)."""
    reports = reports_folder(reports_dir, warehouse)
    take_inside()  # start the task-body counters from zero (a failed run before may have left some)
    with recorded_run(warehouse, ("--force " if force else "") + " ".join(map(str, paths))) as summary:
        summary.force = force
        with timed(summary, "read"):
            files, missing = find_files(paths)
        if concurrent:  # every batch handed to the cluster at once
            docs, early, _ = _read_new(summary, files, missing)
            run_documents(summary, docs, early, reports, batch_size, concurrent=True)
        else:
            if files:
                prewarm_gate(reports)  # GX starts beside the reading and parsing (see expectations.process)
            with batch_progress(len(files), "read, parse, validate, load") as advance:
                run_batches(summary, _new_batches(summary, files, missing, batch_size, advance), reports, advance)
        fail_if_nothing_read(summary, len(files) + len(missing))
        finish_reports(summary, reports)
    summary.inside_seconds = take_inside()
    return final_state(summary, summary.to_dict())


def _new_batches(summary: RunSummary, files: list[Path], missing: list[QuarantineItem], batch_size: int,
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


def _only_retried_conflicts(docs: list[Document], in_batch: set[tuple[str, str]], summary: RunSummary) -> bool:
    """Whether every document left was rejected for a conflict in its batch by a run on the very same inputs."""
    if len(in_batch) < len(docs):
        return False
    with open_writer(summary.warehouse) as con:
        return last_inputs_digest(con, summary.run_id) == summary.inputs_digest


def _read_new(summary: RunSummary, files: list[Path], missing: list[QuarantineItem] | None = None,
              inputs: "hashlib._Hash | None" = None, folders: dict | None = None,
              ) -> tuple[list[Document], list[QuarantineItem], set[tuple[str, str]]]:
    """Read files (one task) and leave out those unchanged since this version processed them."""
    with timed(summary, "read"):
        docs, failures = read_files(quote(files), quote(folders))
    summary.counts.read += len(docs)
    with timed(summary, "skip unchanged", tasks=0):
        left, in_batch = skip_unchanged(summary, docs, inputs)
    return left, list(missing or []) + failures, in_batch


def ingest_paths(paths: list[str | Path], warehouse: str | Path | None = None, reports_dir: str | Path | None = None,
                 task_runner: str | None = None, batch_size: int = BATCH_SIZE, force: bool = False) -> dict:
    """Run the files flow (Prefect embedded mode when no server is configured), optionally on Dask."""
    run = ingest_files_flow
    if task_runner:
        from .runtime.scaleout import dask_task_runner

        run = ingest_files_flow.with_options(task_runner=dask_task_runner(task_runner))
    return run(paths=[str(p) for p in paths], warehouse=str(warehouse) if warehouse else None,
               reports_dir=str(reports_dir) if reports_dir else None, concurrent=bool(task_runner), batch_size=batch_size,
               force=force)
