"""Where the quality gate runs: in this process, or in a gate process of its own (`gate_for`).

Importing Great Expectations takes about 3 s of CPU. A process that has not imported it yet (the
`plenary` CLI, a flow called from Python) starts a gate process instead: GX imports there, on the
other core, while this process starts Prefect, reads and parses; validation and Data Docs then run
there too, beside this process's parsing and loading. The writer stays here: the gate process only
judges rows and renders Data Docs. A process that already has GX (a served flow run forked from a
warm server, a Dask worker, a test) keeps the gate in-process.

This module is this side of the gate process (`GateProcess`: start it, call it, stop it); what runs
inside it is `expectations.service` (`python -m expectations.service`).
"""
from __future__ import annotations

from parsers import PlenaryError

import atexit
import os
import socket
import subprocess
import sys
import tempfile
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

from parsers import ParsedRelease

from .columns import staged_rows
from .gate import GateResult, QualityGate, Verdict, route

_ROOT = Path(__file__).resolve().parents[1]
GATE_PROGRAM = "expectations.service"  # the module the gate process runs; its command line names it
ENV_GATE_PROCESS = "PLENARY_GATE_PROCESS"  # "0": validate in the flow's own process (one Python, less memory, slower start)
_POLL_SECONDS = 0.2  # how often a caller waiting for an answer checks that the process lives and no stop was asked
_CLOSE_WAIT_SECONDS = 1.0  # at exit, how long `close` waits for a call in flight before ending the process instead


class GateProcessError(PlenaryError, RuntimeError):
    """The gate process failed or stopped; the message carries its error."""


class GateCallStopped(KeyboardInterrupt):
    """A call to the gate process was cut off because this process was asked to stop (SIGTERM, SIGINT): raised
    in the thread that waited, which may be a task's worker thread, where no signal handler ever raises."""


class Gate(Protocol):
    def judge(self, rows: dict[str, list[dict]], run_id: str, batch_no: int) -> Verdict: ...
    def validate(self, batch: list[ParsedRelease], run_id: str, batch_no: int) -> GateResult: ...
    def build_docs(self) -> Path | None: ...


class GateProcess:
    """A `QualityGate` in a child Python process, called over a socket pair (pickled rows and verdicts).

    Rows, not DataFrames, cross the socket: the frames are made there, so this process needs no pandas."""

    def __init__(self, reports_dir: Path | None):
        ours, theirs = socket.socketpair()
        self._log = tempfile.TemporaryFile()
        env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))}
        self._process = subprocess.Popen(
            [sys.executable, "-m", GATE_PROGRAM, str(theirs.fileno()), str(reports_dir or "")],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, env=env,
        )
        theirs.close()
        self._connection = Connection(ours.detach())
        self._lock = threading.Lock()
        self._abandoned = False  # a call was cut off with its answer still to come: the process is not used again

    def judge(self, rows: dict[str, list[dict]], run_id: str, batch_no: int) -> Verdict:
        return self._call("judge", rows, run_id, batch_no)

    def validate(self, batch: list[ParsedRelease], run_id: str, batch_no: int) -> GateResult:
        return route(batch, self.judge(staged_rows(batch), run_id, batch_no))

    def build_docs(self) -> Path | None:
        return self._call("build_docs")

    def peak_rss_mb(self) -> float:
        """The gate process's peak resident memory so far."""
        return self._call("peak_rss_mb")

    @property
    def alive(self) -> bool:
        return not self._abandoned and self._process.poll() is None

    def _call(self, operation: str, *args):
        """Send one request and wait for its answer. The wait ends early when the process dies, or when this
        process is asked to stop (SIGTERM, SIGINT: `flows.runtime.lifecycle.stop_requested`), even in a worker thread,
        which Python's signal handlers never interrupt: a stopped run does not wait for a validation."""
        from flows.runtime.lifecycle import stop_requested

        with self._lock:
            sent = False
            try:
                self._connection.send((operation, args))
                sent = True
                while not self._connection.poll(_POLL_SECONDS):  # a process that died without closing its end is noticed too
                    if self._process.poll() is not None:
                        raise EOFError
                    if (signum := stop_requested()) is not None:
                        raise GateCallStopped(f"stopped by signal {signum}: the quality gate's {operation} was abandoned")
                status, value = self._connection.recv()
            except (EOFError, OSError) as exc:
                self._abandon()
                raise GateProcessError(f"the quality gate process stopped ({type(exc).__name__}); its last output: "
                                       f"{self._output_tail()!r}. Run the command again; if it repeats, report it") from None
            except BaseException:  # abandoned, or interrupted (KeyboardInterrupt) with the answer still to come
                if sent:
                    self._abandon()
                raise
        if status == "error":
            raise GateProcessError(f"the quality gate failed in its process: {value}")
        return value

    def _output_tail(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-800:].strip()

    def _abandon(self) -> None:
        """A call was cut off before its answer came: its answer would reach the next caller, so end the process
        (it may be busy judging a batch nobody waits for) and let `gate_for` start another if one is needed."""
        self._abandoned = True
        if self._process.poll() is None:
            self._process.terminate()

    def close(self) -> None:
        """Ask the process to stop; it exits on its own (closing the socket is enough), so nothing waits here. A call
        still waiting for its answer (a thread nobody stopped) is not waited for: the process is ended instead."""
        if self._lock.acquire(timeout=_CLOSE_WAIT_SECONDS):
            try:
                self._connection.send(("stop", ()))
            except OSError:
                pass
            finally:
                self._lock.release()
        else:
            self._abandon()
        self._connection.close()
        self._log.close()
        self._process.poll()  # reaps it if it has already exited (no zombie in a long-lived caller)


_GATES: dict[str, Gate] = {}
_GATES_LOCK = threading.Lock()


def gate_for(reports_dir: str | Path | None) -> Gate:
    """The process's gate for a reports folder, made on first use and shared by the flow runs of the process.

    `None` gives an in-memory gate writing no Data Docs (Dask workers: processes never write one GX
    folder at once). A gate process is started when GX is not imported here yet, unless
    `PLENARY_GATE_PROCESS=0`; see the module doc.
    """
    key = str(Path(reports_dir).resolve()) if reports_dir is not None else ""
    with _GATES_LOCK:
        if isinstance(_GATES.get(key), GateProcess) and not _GATES[key].alive:  # died: the next run gets a new one
            _GATES.pop(key).close()
        if key not in _GATES:
            folder = Path(key) if key else None
            in_process = not key or _gx_imported() or os.environ.get(ENV_GATE_PROCESS, "1").strip() == "0"
            _GATES[key] = QualityGate(folder) if in_process else GateProcess(folder)
        return _GATES[key]


def prewarm_gate(reports_dir: str | Path) -> None:
    """Start the gate for `reports_dir` now so that GX's import overlaps other work (a gate process does not block)."""
    gate_for(reports_dir)


def _gx_imported() -> bool:
    return "great_expectations" in sys.modules


@atexit.register
def _close_gates() -> None:
    with _GATES_LOCK:
        for gate in _GATES.values():
            if isinstance(gate, GateProcess):
                gate.close()
        _GATES.clear()


def peak_rss_mb() -> float:
    """This process's own peak resident memory, in MB.

    Linux's `VmHWM`, not `ru_maxrss`: a child's `ru_maxrss` starts from its parent's peak at the
    fork, so a small process started by a large one would report the large one's figure."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # elsewhere: the best available (kilobytes on Linux, bytes on macOS)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)

