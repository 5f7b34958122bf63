"""Processes end when their parent ends, and `plenary` ends cleanly on SIGTERM.

Every child the project starts (the quality gate process, the temporary Prefect server, the served
flow runs forked from the forkserver) watches the process that started it: `watch_parent` runs a
daemon thread that notices the parent is gone, however it went (a normal exit, an exception, a
signal, SIGKILL of the parent alone: its children are re-parented, so `os.getppid()` changes), and
then ends the child within a second: SIGTERM to itself first, so that it shuts down as it would on
Ctrl+C, and a hard exit if that has not worked within a few seconds. (Linux's `PR_SET_PDEATHSIG` is
not used: it fires when the *thread* that started the child ends, and the gate process may be
started from a task's worker thread.)

A program that is not ours (uvicorn for the temporary server) is started through this module:
`python -m flows.lifecycle PARENT_PID -- -m uvicorn ...` watches PARENT_PID, then runs the module
as `python -m` would, in the same process.
"""
from __future__ import annotations

import os
import runpy
import signal
import sys
import threading
import time

_POLL_SECONDS = 0.5
_GRACE_SECONDS = 5.0


def watch_parent(parent_pid: int | None = None) -> None:
    """End this process when `parent_pid` (default: the current parent) is no longer its parent."""
    parent_pid = parent_pid or os.getppid()
    if os.getppid() != parent_pid:  # the parent died before the watch started
        _end_self()
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_POLL_SECONDS)
    _end_self()


def _end_self() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(_GRACE_SECONDS)
    os._exit(1)


def guarded_command(module_args: list[str], parent_pid: int | None = None) -> list[str]:
    """The command that runs `python <module_args>` (which must start with "-m", module) watching this process."""
    return [sys.executable, "-m", __name__, str(parent_pid or os.getpid()), "--", *module_args]


def terminate_on_sigterm() -> None:
    """Make SIGTERM raise KeyboardInterrupt in the main thread, as Ctrl+C does: open transactions roll
    back, `finally` blocks and atexit handlers run (children stopped, run rows closed), the process exits."""
    def handler(signum, frame):  # noqa: ARG001
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def _main(argv: list[str]) -> None:
    parent, separator, flag, module, *rest = argv
    if separator != "--" or flag != "-m":
        raise SystemExit("usage: python -m flows.lifecycle PARENT_PID -- -m MODULE [ARGS...]")
    watch_parent(int(parent))
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
