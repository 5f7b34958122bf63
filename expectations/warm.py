"""Start Great Expectations early: its import and context take about 3 s of CPU, which can run while
Prefect starts its embedded server in another process and this one waits for it."""
from __future__ import annotations

import threading
from pathlib import Path


def prewarm_gate(reports_dir: str | Path) -> threading.Thread:
    """Import GX and make the gate for `reports_dir` in a background thread (the gate's lock makes users wait)."""

    def warm() -> None:
        from .gate import gate_for

        gate_for(reports_dir)

    thread = threading.Thread(target=warm, name="prewarm-gx", daemon=True)
    thread.start()
    return thread
