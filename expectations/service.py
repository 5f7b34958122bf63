"""The gate process's own program: `python -m expectations.service FD REPORTS_DIR`, started by
`expectations.process.GateProcess`.

It makes a `QualityGate` (importing GX here, beside the flow's process), then answers requests on the
socket FD (pickled rows in, verdicts out) until told to stop or its parent goes away. It ends with its
parent, however that ends, and runs in a process group of its own, so Ctrl+C reaches the flow's process
alone, which stops this one when done with it.
"""
from __future__ import annotations

import os
import sys
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from .gate import QualityGate
from .process import peak_rss_mb  # also this module's name for it: tests run `from expectations.service import peak_rss_mb`

NICENESS = 5  # under contention the gate process yields the cores to the flow's own process


def serve(fd: int, reports_dir: str) -> None:
    """Make the gate, then answer requests until told to stop or the parent goes away."""
    connection = Connection(fd)
    gate = QualityGate(Path(reports_dir) if reports_dir else None)
    operations = {"judge": gate.judge, "build_docs": gate.build_docs, "peak_rss_mb": peak_rss_mb}
    while True:
        try:
            operation, args = connection.recv()
        except (EOFError, OSError):
            return
        if operation == "stop":
            return
        try:
            reply = ("ok", operations[operation](*args))
        except Exception as exc:  # the caller raises it with this text; the process goes on
            reply = ("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}")
        connection.send(reply)


if __name__ == "__main__":
    from flows.runtime.lifecycle import leave_terminal_group, watch_parent

    leave_terminal_group()  # Ctrl+C reaches the flow's process alone, which stops this one when done with it
    watch_parent()  # ends with the flow's process, however that ends
    os.nice(NICENESS)
    serve(int(sys.argv[1]), sys.argv[2])
