"""A run: one flow's writing work on a warehouse, from its run lock and `ingest_runs` row to its final state.

`recorded_run` wraps every flow's work: it holds the warehouse's run lock, opens the run's `ingest_runs` row and
closes it whatever happens, then notifies the operator. `RunSummary` is what the run did; `final_state` turns it
into the flow run's state.
"""
from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed, State

from expectations import default_reports_dir, make_offline
from parsers import PlenaryError
from warehouse import Outcome, RunCounts, default_warehouse_path, finish_run, open_writer, run_lock, start_run

from .runtime.lifecycle import bound_the_stop, must_finish, send_logs_before_exit, stop_requested
from .runtime.notify import run_notice, send
from .runtime.timing import inside, timed


@dataclass
class RunSummary:
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


class SourcesUnreadableError(PlenaryError, RuntimeError):
    """A run none of whose sources could be read: the flow run ends Failed with this reason; `summary` is the
    run's summary (what it quarantined), as a completed run returns it."""

    def __init__(self, message: str, summary: dict | None = None):
        super().__init__(message)
        self.summary = summary or {}


@contextmanager
def recorded_run(warehouse: str | None, source: str) -> Iterator[RunSummary]:
    """Hold the warehouse's run lock (one writing run at a time), open an `ingest_runs` row for the run and
    close it with its counts and status whatever happens; then, the lock released, notify the operator if
    the run failed or quarantined anything (`runtime.notify`; once, quickly, when the run was interrupted)."""
    warehouse = str(warehouse or default_warehouse_path())
    summary = RunSummary(f"run-{uuid.uuid4().hex[:12]}", warehouse, RunCounts())
    notice, interrupted = None, False
    send_logs_before_exit()  # a stopped run's last lines reach the server before it stops (no 5 s wait at exit)
    bound_the_stop()  # a `plenary` command still running 8 s after SIGTERM or SIGINT ends at once (runtime.lifecycle)
    try:
        with run_lock(warehouse, f"run {summary.run_id} ({source[:80]})"):
            with open_writer(warehouse) as con:
                start_run(con, summary.run_id, source, _flow_run_id())
            status, message = "failed", "the run stopped before it finished"
            try:
                yield summary
                status, message = ("failed", summary.failure) if summary.failure else ("completed", outcome_message(summary))
            except BaseException as exc:
                interrupted, message, stop = _stopped_or_failed(exc)
                if stop is not None:
                    raise stop from exc
                raise
            finally:
                with must_finish(), open_writer(warehouse) as con:  # even a stop that ends the process waits for this
                    finish_run(con, summary.run_id, summary.counts, status, summary.inputs_digest)
                notice = run_notice(summary.run_id, warehouse, status, message, asdict(summary.counts), summary.quarantined)
    finally:
        send(notice, attempts=1 if interrupted else None)


def _stopped_or_failed(exc: BaseException) -> tuple[bool, str, KeyboardInterrupt | None]:
    """Whether a run that raised `exc` was stopped (SIGTERM or SIGINT, whoever handled it in Python:
    runtime.lifecycle), the message for its row, and, for a stop that surfaced as an error (DuckDB's "Query
    interrupted"), the KeyboardInterrupt to raise instead: it is reported, and raised, as the stop it is."""
    stopped = stop_requested(wait=0.5 if isinstance(exc, Exception) else 0)
    interrupted = isinstance(exc, KeyboardInterrupt) or stopped is not None
    if stopped is not None and isinstance(exc, Exception):
        return interrupted, f"KeyboardInterrupt: stopped by signal {stopped}", KeyboardInterrupt(f"stopped by signal {stopped}")
    return interrupted, f"{type(exc).__name__}: {exc}".splitlines()[0], None


def outcome_message(summary: RunSummary) -> str:
    """One line counting what a run did, for its final state."""
    counts = summary.counts
    return (f"read {counts.read}, loaded {counts.loaded}, unchanged {counts.unchanged}, skipped {counts.skipped}, "
            f"quarantined {counts.quarantined}")


def fail_if_nothing_read(summary: RunSummary, sources: int, read: int | None = None) -> None:
    """Mark the run failed (`summary.failure`) when it was given sources and could read none of them
    (`read`: how many it read, if not the documents counted in the summary); see `final_state`."""
    read = summary.counts.read + summary.counts.unchanged if read is None else read
    if sources and not read and summary.quarantined:
        first = summary.quarantined[0]
        summary.failure = (f"none of the {sources} source(s) could be read; {len(summary.quarantined)} quarantined, "
                           f"the first at {first['stage']}: {first['source']}: {first['reason']}")


def final_state(summary: RunSummary, result: dict) -> State:
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


@task(name="publish-reports", cache_policy=NO_CACHE)
def publish_reports(reports_dir: str | None, warehouse: str, run_id: str, counts: dict) -> str | None:
    """Render Data Docs (made to work offline) and a Prefect artifact summarising the run."""
    from .runtime.artifacts import publish_run_artifact

    with inside("reports"):
        index, started = None, time.time() - 1  # 1 s of slack for coarse file timestamps
        if reports_dir is not None:
            from expectations import gate_for

            index = gate_for(reports_dir).build_docs()
        if index is not None:
            make_offline(index.parent, changed_since=started)
        publish_run_artifact(warehouse, run_id, str(index) if index else None, counts)
        return str(index) if index else None


def finish_reports(summary: RunSummary, reports_dir: str) -> None:
    """Publish the run's reports once, after its last batch, if it wrote anything (inside `recorded_run`: the
    artifact reads the warehouse while the run still holds its lock)."""
    if summary.batches:
        with timed(summary, "reports"):
            summary.report = publish_reports(reports_dir if summary.counts.parsed else None, summary.warehouse,
                                             summary.run_id, asdict(summary.counts))


def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # outside a flow run
        return None
