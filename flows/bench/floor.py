"""Prefect's own minimum on this machine: a trivial two-task flow, and the cost of one more task run."""
from __future__ import annotations

import time

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

TRIVIAL_FLOW_SCRIPT = (  # a cold trivial flow, in embedded mode as `plenary ingest` runs it
    "from flows.bench.floor import trivial_flow\n"
    "from flows.runtime.embedded import embedded_mode\n"
    "with embedded_mode():\n"
    "    trivial_flow(2)\n"
)
IMPORTS_ONLY_SCRIPT = (  # what TRIVIAL_FLOW_SCRIPT and `plenary ingest` import, and no flow run
    "import flows.bench.floor, flows.runtime.embedded, flows.cli, flows.ingest, flows.ingest_web, flows.discover\n"
)
FLOOR_SCRIPT = (  # the warm floor, measured in a process of its own (see prefect_floor)
    "import json\n"
    "from flows.bench.floor import prefect_floor\n"
    "from flows.runtime.embedded import embedded_mode\n"
    "with embedded_mode():\n"
    "    print(json.dumps(prefect_floor()))\n"
)

COLD_INGEST_SCRIPT = (  # `plenary ingest ARGS...` as the CLI runs it, then the peak RSS of its processes as JSON
    "import json, sys\n"
    "from typer.main import get_command\n"
    "from flows.cli import app\n"
    "code = get_command(app)(sys.argv[1:], standalone_mode=False)\n"
    "if code:\n"
    "    sys.exit(code)\n"
    "from expectations import default_reports_dir\n"
    "from expectations import GateProcess, gate_for, peak_rss_mb\n"
    "from warehouse import default_warehouse_path\n"
    "peaks = {'flow': peak_rss_mb()}\n"
    "gate = gate_for(default_reports_dir(default_warehouse_path()).resolve())\n"
    "if isinstance(gate, GateProcess):\n"
    "    peaks['quality_gate'] = gate.peak_rss_mb()\n"
    "print(json.dumps(peaks))\n"
)


@task(name="noop", cache_policy=NO_CACHE)
def noop(value: int) -> int:
    """A task that does nothing."""
    return value


@flow(name="trivial")
def trivial_flow(tasks: int = 2) -> int:
    """A flow of `tasks` task runs doing nothing: what any flow costs."""
    return sum(noop(i) for i in range(tasks))


def prefect_floor(many: int = 200, samples: int = 7) -> dict[str, float]:
    """Warm, in-process: seconds for a trivial two-task flow (the best of `samples`), and per extra task
    run (of a trivial task).

    The bench runs it in a process of its own: after a flow of 200 task runs, the embedded server
    keeps a core busy for seconds recording them, which would slow whatever the process runs next.
    Right after start-up the server is still busy too, hence the best of several."""
    trivial_flow(2)  # starts the embedded server if this process has none yet
    two = min(_timed(lambda: trivial_flow(2)) for _ in range(samples))
    per_task = max(0.0, (_timed(lambda: trivial_flow(many)) - two) / (many - 2))
    return {"flow_seconds": two, "task_seconds": per_task}


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started
