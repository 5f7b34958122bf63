"""Where a run's time goes: each stage call timed into the run's summary (`timed`, with its start logged), and
the time spent inside task bodies (`inside`), so a run can tell its own work from Prefect's orchestration."""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator, Protocol

_LOCK = threading.Lock()
_INSIDE: dict[str, float] = defaultdict(float)


class Timed(Protocol):
    """What `timed` adds to: a run's summary (`flows.runs.RunSummary`)."""

    stage_seconds: dict[str, float]
    task_runs: int


@contextmanager
def timed(summary: Timed, stage: str, tasks: int = 1, detail: str = "") -> Iterator[None]:
    """Time one stage call (`tasks` Prefect task runs) into the summary; its start is logged (see `log_stage_start`)."""
    log_stage_start(stage, detail)
    started = time.perf_counter()
    try:
        yield
    finally:
        add_stage_time(summary, stage, time.perf_counter() - started, tasks)


def log_stage_start(stage: str, detail: str = "") -> None:
    """One line at INFO when a stage starts (`stage fetch: started (batch 1, 40 documents)`), on the flow run's
    logger: the Prefect UI shows where a run is, and with PREFECT_LOGGING_LEVEL=INFO so does the console."""
    run_logger(__name__).info("stage %s: started%s", stage, f" ({detail})" if detail else "")


def add_stage_time(summary: Timed, stage: str, seconds: float, tasks: int = 1) -> None:
    """Add a stage's seconds and task runs to the summary (also from task threads)."""
    with _LOCK:
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + seconds
        summary.task_runs += tasks


def run_logger(fallback: str) -> logging.Logger | logging.LoggerAdapter:
    """The flow or task run's logger (its lines reach the Prefect UI), else the logger named `fallback` (called
    outside a run)."""
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger(fallback)


@contextmanager
def inside(stage: str) -> Iterator[None]:
    """Count the time of a task body under its stage name (in this process)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        with _LOCK:
            _INSIDE[stage] += time.perf_counter() - started


def take_inside() -> dict[str, float]:
    """The seconds counted so far, per stage; the counters start again from zero."""
    with _LOCK:
        taken = dict(_INSIDE)
        _INSIDE.clear()
    return taken
