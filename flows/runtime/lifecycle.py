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
`python -m flows.runtime.lifecycle PARENT_PID -- -m uvicorn ...` watches PARENT_PID, then runs the module
as `python -m` would, in the same process.

Stopping on SIGTERM or SIGINT (`terminate_on_sigterm`): Python runs a signal's handler in the main
thread only, between two bytecodes, and whoever installed the handler last gets it (Prefect installs
its own for SIGTERM during a flow run). So work that does not run Python bytecode in the main thread
does not see the signal: a task in a worker thread (the quality gate), a long C call (a DuckDB
statement). A watcher thread therefore learns of each SIGTERM and SIGINT the moment it arrives, at the
C level (`signal.set_wakeup_fd`), whoever handles it in Python: `stop_requested()` then says so, and
the callbacks registered with `on_stop` (interrupt this DuckDB statement) run at once.
"""
from __future__ import annotations

import atexit
import os
import runpy
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
    back, `finally` blocks and atexit handlers run (children stopped, run rows closed), the process exits.
    Both signals are also noticed at once by a watcher thread (`watch_stop_signals`)."""
    def handler(signum, frame):  # noqa: ARG001
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
        request_stop(signum)
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)
        watch_stop_signals()


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_stop = threading.Event()
_stop_signal: int | None = None
_on_stop: dict[int, Callable[[], object]] = {}
_on_stop_lock = threading.Lock()
_watching: tuple[socket.socket, socket.socket] | None = None


def watch_stop_signals() -> None:
    """From the main thread: a daemon thread notices every SIGTERM and SIGINT as it arrives, whatever
    Python handler runs for it (ours, Prefect's, the default KeyboardInterrupt) and whatever the main
    thread is doing (a C call), and calls `request_stop`. Nothing happens if another wakeup fd is set."""
    global _watching
    if _watching is not None or threading.current_thread() is not threading.main_thread():
        return
    reader, writer = socket.socketpair()
    writer.setblocking(False)
    if signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False) != -1:  # someone else's: leave it
        signal.set_wakeup_fd(-1)
        reader.close()
        writer.close()
        return
    _watching = (reader, writer)
    threading.Thread(target=_watch_signals, args=(reader,), name="stop-signal-watch", daemon=True).start()


def _watch_signals(reader: socket.socket) -> None:
    while True:
        try:
            received = reader.recv(64)
        except OSError:
            return
        if not received:
            return
        for signum in received:
            if signum in STOP_SIGNALS:
                request_stop(signum)


def _forget_watch_in_child() -> None:
    """A forked child shares the wakeup socket but not the watcher thread: its signals are its own."""
    global _watching, _stop_signal, _on_stop_lock, _stop_deadline, _closing, _closing_lock
    _on_stop_lock, _closing_lock = threading.Lock(), threading.Lock()  # another thread may have held them at the fork
    if _watching is not None:
        try:
            signal.set_wakeup_fd(-1)
        except ValueError:  # not the main thread: leave it (the bytes then go nowhere useful, harmlessly)
            pass
        for end in _watching:
            end.close()
        _watching = None
    _stop.clear()
    _stop_signal = None
    _on_stop.clear()
    _stop_deadline, _closing = None, 0


os.register_at_fork(after_in_child=_forget_watch_in_child)


def request_stop(signum: int) -> None:
    """Record that the process was asked to stop (SIGTERM, SIGINT), and run the `on_stop` callbacks."""
    global _stop_signal
    with _on_stop_lock:
        first = not _stop.is_set()
        if first:
            _stop_signal = signum
            _stop.set()
        callbacks = list(_on_stop.values()) if first else []
    if first and _stop_deadline is not None:
        threading.Thread(target=_exit_if_stuck, args=(signum, _stop_deadline), name="stop-deadline", daemon=True).start()
    for callback in callbacks:
        try:
            callback()
        except Exception:  # a callback that fails must not keep the others from running
            pass


def stop_requested(wait: float = 0.0) -> int | None:
    """The signal that asked this process to stop, or None while none did. `wait`: give the watcher thread up
    to that long to report a signal (an error that a signal caused, such as DuckDB's "Query interrupted", can
    reach the main thread before the watcher has run: the signal's byte is written before its handler runs)."""
    if wait > 0 and _watching is not None and not _stop.is_set():
        _stop.wait(wait)
    return _stop_signal if _stop.is_set() else None


@contextmanager
def on_stop(callback: Callable[[], object]) -> Iterator[None]:
    """Call `callback` (from the watcher thread) if a stop is requested while the block runs, e.g. a DuckDB
    connection's `interrupt`; a stop requested before the block starts raises KeyboardInterrupt at once."""
    key = id(callback)
    with _on_stop_lock:
        if _stop.is_set():
            raise KeyboardInterrupt(f"stopped by signal {_stop_signal}")
        _on_stop[key] = callback
    try:
        yield
    finally:
        with _on_stop_lock:
            _on_stop.pop(key, None)


STOP_DEADLINE_SECONDS = 8.0  # after a stop signal, a command still running this long ends at once (see below)
_stop_deadline: float | None = None
_closing = 0  # bookkeeping that must not be cut short (closing a run's ingest_runs row) in progress
_closing_lock = threading.Lock()


def bound_the_stop(seconds: float = STOP_DEADLINE_SECONDS) -> None:
    """The last resort of a command watching its stop signals (`watch_stop_signals`): if it is still running
    `seconds` after the first SIGTERM or SIGINT, it ends at once (exit code 130), once no `must_finish` block
    runs. What the stop leaves undone then is safe to leave: uncommitted transactions are discarded, children
    end with their parent. It is for what cannot be interrupted: Prefect's client retrying against a server
    that the same signal stopped (systemd sends SIGTERM to every process of the unit), a task thread busy in
    a library. In a process not watching its stop signals (a served flow run) it does nothing."""
    global _stop_deadline
    if _watching is not None:
        _stop_deadline = seconds


@contextmanager
def must_finish() -> Iterator[None]:
    """A block that `bound_the_stop` lets finish (for a few more seconds) before it ends the process."""
    global _closing
    with _closing_lock:
        _closing += 1
    try:
        yield
    finally:
        with _closing_lock:
            _closing -= 1


def _exit_if_stuck(signum: int, seconds: float) -> None:
    time.sleep(seconds)
    patience = time.monotonic() + 1.5
    while _closing and time.monotonic() < patience:
        time.sleep(0.05)
    try:
        sys.stderr.write(f"error: stopped by signal {signum}; still running {seconds:g} s later, so ended at once "
                         "(every batch committed before the stop is kept; a re-run goes on from there)\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


_LOG_DRAIN_SECONDS = 3.0
_log_drain_registered = False


def send_logs_before_exit() -> None:
    """At exit, send the flow runs' last log lines to the Prefect server first. Exit handlers run last
    registered first: registered from a flow run, this one runs before the handler that stops the temporary
    server (`runtime.embedded`), registered when it started. Otherwise the lines a stopped run logs last (its
    crash) are retried against a server already gone, and `logging.shutdown` waits 5 s for them."""
    global _log_drain_registered
    if not _log_drain_registered:
        _log_drain_registered = True
        atexit.register(_drain_logs)


def _drain_logs() -> None:
    try:
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=_LOG_DRAIN_SECONDS)
    except Exception:  # at exit, nothing to report to
        pass


def leave_terminal_group() -> None:
    """Move this child into a process group of its own. Ctrl+C in a terminal sends SIGINT to the whole
    foreground group: the parent alone should get it, close its run (which needs the temporary Prefect
    server and the gate process still up), then stop its children; they still end with it (`watch_parent`)."""
    try:
        os.setpgid(0, 0)
    except OSError:  # already a group leader (a session of its own)
        pass


def _main(argv: list[str]) -> None:
    parent, separator, flag, module, *rest = argv
    if separator != "--" or flag != "-m":
        raise SystemExit("usage: python -m flows.runtime.lifecycle PARENT_PID -- -m MODULE [ARGS...]")
    leave_terminal_group()
    watch_parent(int(parent))
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
