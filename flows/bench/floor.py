"""Prefect's own minimum on this machine: a trivial two-task flow, and the cost of one more task run."""
from __future__ import annotations

import time

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

TRIVIAL_FLOW_SCRIPT = (
    "from flows.bench.floor import trivial_flow\n"
    "trivial_flow(2)\n"
)


@task(name="noop", cache_policy=NO_CACHE)
def noop(value: int) -> int:
    """A task that does nothing."""
    return value


@flow(name="trivial")
def trivial_flow(tasks: int = 2) -> int:
    """A flow of `tasks` task runs doing nothing: what any flow costs."""
    return sum(noop(i) for i in range(tasks))


def prefect_floor(many: int = 200) -> dict[str, float]:
    """Warm, in-process: seconds for a trivial two-task flow, and per extra task run (of a trivial task)."""
    trivial_flow(2)  # starts the embedded server if this process has none yet
    started = time.perf_counter()
    trivial_flow(2)
    two = time.perf_counter() - started
    started = time.perf_counter()
    trivial_flow(many)
    per_task = max(0.0, (time.perf_counter() - started - two) / (many - 2))
    return {"flow_seconds": two, "task_seconds": per_task}
