"""One run writes a warehouse at a time: a lock held for the whole run, not only for each transaction.

DuckDB lets one process open a file read-write, and a run opens and closes its connection several
times (start, each batch, finish), so two runs started together would interleave and fail on
DuckDB's lock. `run_lock` takes an advisory `flock` on `<warehouse>.lock` for the whole run: a second
run waits for the first, printing once who it waits for, and refuses in one line after
`PLENARY_RUN_WAIT_SECONDS` (default 1800). The kernel releases the lock when its holder exits, however
it exits (SIGKILL included), so a crash never leaves a stale lock. The lock is re-entrant within a
process (a discover run that starts an ingest run holds it once).
"""
from __future__ import annotations

import fcntl
import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .connection import WarehouseBusyError, _seconds

ENV_RUN_WAIT = "PLENARY_RUN_WAIT_SECONDS"
DEFAULT_RUN_WAIT_SECONDS = 1800.0

_HELD: dict[str, list] = {}  # lock path -> [file object, depth]
_HELD_LOCK = threading.Lock()


def lock_path(warehouse: Path | str) -> Path:
    """The lock file beside a warehouse file."""
    warehouse = Path(warehouse).resolve()
    return warehouse.with_name(warehouse.name + ".lock")


def run_wait_seconds() -> float:
    """`PLENARY_RUN_WAIT_SECONDS`, else 1800; a bad value raises ValueError naming the variable."""
    return _seconds(ENV_RUN_WAIT, DEFAULT_RUN_WAIT_SECONDS)


@contextmanager
def run_lock(warehouse: Path | str, description: str, wait_seconds: float | None = None,
             on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the warehouse's run lock while the block runs; wait for another holder, then refuse in one line."""
    path = lock_path(warehouse)
    key = str(path)
    with _HELD_LOCK:
        held = _HELD.get(key)
        if held is not None:
            held[1] += 1
    if held is not None:
        try:
            yield
        finally:
            _release(key)
        return
    handle = _acquire(path, description, run_wait_seconds() if wait_seconds is None else wait_seconds,
                      on_wait or _say_waiting)
    with _HELD_LOCK:
        _HELD[key] = [handle, 1]
    try:
        yield
    finally:
        _release(key)


def holder(warehouse: Path | str) -> dict | None:
    """Who holds the run lock now (pid, run, started), or None when no run is writing."""
    path = lock_path(warehouse)
    if not path.exists():
        return None
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(path)
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def _acquire(path: Path, description: str, wait_seconds: float, on_wait: Callable[[str], None]):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    deadline = time.monotonic() + wait_seconds
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            other = _read_holder(path)
            if time.monotonic() >= deadline:
                handle.close()
                raise WarehouseBusyError(
                    f"{path.with_suffix('')} is being written by {_describe(other)}; this run was not started. "
                    f"Run it again when that run ends, or set {ENV_RUN_WAIT} to wait longer") from None
            if not told:
                on_wait(f"waiting for {_describe(other)} to finish writing {path.with_suffix('')} "
                        f"(at most {wait_seconds:g} s, {ENV_RUN_WAIT})")
                told = True
            time.sleep(0.25)
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps({"pid": os.getpid(), "run": description, "since": time.strftime("%Y-%m-%d %H:%M:%S%z")}))
    handle.flush()
    return handle


def _release(key: str) -> None:
    with _HELD_LOCK:
        held = _HELD[key]
        held[1] -= 1
        if held[1]:
            return
        del _HELD[key]
    handle = held[0]
    handle.seek(0)
    handle.truncate()
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


def _read_holder(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text() or "null")
    except (OSError, ValueError):
        return None


def _describe(other: dict | None) -> str:
    if not other:
        return "another run"
    return f"{other.get('run', '?')} (process {other.get('pid', '?')}, since {other.get('since', '?')})"


def _say_waiting(message: str) -> None:
    sys.stderr.write(f"plenary: {message}\n")  # not print(): a flow with log_prints would turn it into a log record
    sys.stderr.flush()
