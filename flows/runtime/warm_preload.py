"""Imported once by the forkserver of `plenary serve` (see `runtime.warm_start`): everything a served
flow run needs, and the quality gate for the served reports folder, so that each forked run starts warm."""
from __future__ import annotations

import os
import sys

import prefect.flow_engine  # noqa: F401  (what every flow run process runs)

from expectations import gate_for

from .. import discover, ingest_web  # noqa: F401  (the served flows and everything they import)
from ..settings import WARM_REPORTS_DIR
from .lifecycle import watch_parent

# The forkserver ends with `plenary serve` (its own end of the "alive" pipe is not enough: a SIGKILLed
# serve can leave it running), and each flow run forked from here ends when the forkserver does.
watch_parent()
os.register_at_fork(after_in_child=watch_parent)

if WARM_REPORTS_DIR.read():
    try:
        from expectations import import_gx

        import_gx()  # imported here: the gate then stays in the flow run's own process

        gate_for(WARM_REPORTS_DIR.read())
    except Exception as exc:  # each flow run then opens the gate itself; a failure here must not stop the forkserver
        print(f"plenary serve: the quality gate could not be opened ahead of the flow runs ({exc})", file=sys.stderr)
