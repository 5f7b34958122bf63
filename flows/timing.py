"""Time spent inside task bodies, so a run can tell its own work from Prefect's orchestration around it."""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator

_LOCK = threading.Lock()
_INSIDE: dict[str, float] = defaultdict(float)


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
