"""One run writes a warehouse at a time: a lock held for the whole run, not only for each transaction.

DuckDB lets one process open a file read-write, and a run opens and closes its connection several
times (start, each batch, finish), so two runs started together would interleave and fail on
DuckDB's lock. `run_lock` takes an advisory `flock` on `<warehouse>.lock` for the whole run: a second
run waits for the first, printing once who it waits for, and refuses in one line after
`PLENARY_RUN_WAIT_SECONDS` (default 1800). The kernel releases the lock when its holder exits, however
it exits (SIGKILL included), so a crash never leaves a stale lock.
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

from .connection import WarehouseBusyError, seconds_from_env

ENV_RUN_WAIT = "PLENARY_RUN_WAIT_SECONDS"
DEFAULT_RUN_WAIT_SECONDS = 1800.0

_THREAD_LOCKS: dict[str, threading.RLock] = {}  # lock path -> this process's lock (re-entrant per thread)
_HANDLES: dict[str, tuple[object, int]] = {}  # lock path -> (open lock file, depth)
_TABLE_LOCK = threading.Lock()


def lock_path(warehouse: Path | str) -> Path:
    """The lock file beside a warehouse file."""
    warehouse = Path(warehouse).resolve()
    return warehouse.with_name(warehouse.name + ".lock")


def run_wait_seconds() -> float:
    """`PLENARY_RUN_WAIT_SECONDS`, else 1800; a bad value raises ValueError naming the variable."""
    return seconds_from_env(ENV_RUN_WAIT, DEFAULT_RUN_WAIT_SECONDS)


@contextmanager
def run_lock(warehouse: Path | str, description: str, wait_seconds: float | None = None,
             on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the warehouse's run lock while the block runs; wait for another holder, then refuse in one line.

    Re-entrant in the thread that holds it (a discover run that starts an ingest run); another thread of
    the same process waits for it like another process does."""
    path = lock_path(warehouse)
    key = str(path)
    wait = run_wait_seconds() if wait_seconds is None else wait_seconds
    deadline = time.monotonic() + wait
    with _TABLE_LOCK:
        in_process = _THREAD_LOCKS.setdefault(key, threading.RLock())
    if not in_process.acquire(timeout=wait):
        raise WarehouseBusyError(f"{path.with_suffix('')} is being written by another run of this process; this run "
                                 f"was not started. Set {ENV_RUN_WAIT} to wait longer")
    try:
        handle, depth = _HANDLES.get(key, (None, 0))
        if handle is None:
            handle = _acquire(path, description, deadline, wait, on_wait or _say_waiting)
        _HANDLES[key] = (handle, depth + 1)
        try:
            yield
        finally:
            handle, depth = _HANDLES[key]
            if depth == 1:
                del _HANDLES[key]
                _release(handle)
            else:
                _HANDLES[key] = (handle, depth - 1)
    finally:
        in_process.release()


def holder(warehouse: Path | str) -> dict | None:
    """Who holds the run lock now (pid, run, since), or None when no run is writing. Reads the lock file
    only (a probe with flock would make a starting writer wait for the reader)."""
    other = _read_holder(lock_path(warehouse))
    if not other:
        return None
    try:
        os.kill(int(other.get("pid", 0)), 0)
    except (ProcessLookupError, ValueError, OverflowError):
        return None  # a holder killed before it could clear the file
    except PermissionError:
        pass
    return other


def _acquire(path: Path, description: str, deadline: float, wait_seconds: float, on_wait: Callable[[str], None]):
    """Open the lock file and flock it, waiting until `deadline`; the file then names this run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                other = _read_holder(path)
                if time.monotonic() >= deadline:
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
        handle.write(json.dumps({"pid": os.getpid(), "run": description,
                                 "since": time.strftime("%Y-%m-%d %H:%M:%S%z")}))
        handle.flush()
        return handle
    except BaseException:  # an interrupt while waiting or writing: never leave an open, locked file behind
        handle.close()
        raise


def _release(handle) -> None:
    try:
        handle.seek(0)
        handle.truncate()
    finally:
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
