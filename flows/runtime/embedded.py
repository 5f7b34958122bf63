"""Prefect settings for flows run in embedded mode: this process against a temporary server of its own.

Prefect, with no `PREFECT_API_URL`, starts a temporary server in a subprocess too, but to do so it
imports the whole server application (FastAPI, SQLAlchemy, the API's models) into the flow's own
process: about 80 MB of resident memory that the flow never uses (measured: 465 MB peak for
`plenary ingest` of 10,000 files, 378 MB with a server elsewhere). `TemporaryServer` starts the same
server with the same command and settings without that import, and `embedded_mode` points this
process's Prefect at it. Its address is 127.0.0.1: processes on other machines (a remote Dask
cluster's workers) cannot reach it, so they need a real server (`plenary server`, `PREFECT_API_URL`).
"""
from __future__ import annotations

from parsers import PlenaryError

import atexit
import os
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .health import free_port, wait_until_healthy
from .lifecycle import guarded_command

_START_ATTEMPTS = 3  # a port taken between choosing it and binding it: pick another
_STARTUP_FAILED = 3  # uvicorn's exit code when it cannot bind the port, or the app fails to start: try again


class TemporaryServerError(PlenaryError, RuntimeError):
    """The temporary Prefect server did not start; the message says what it printed."""


class TemporaryServer:
    """A Prefect server for this process only, on a free loopback port, stopped when the process exits."""

    def __init__(self, startup_timeout: float):
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self.api_url = ""

    def start(self, environment: dict[str, str]) -> None:
        """Start the server (as Prefect's own ephemeral mode does) and wait until it answers."""
        for _ in range(_START_ATTEMPTS):
            port = free_port()
            self.process = subprocess.Popen(  # watches this process: ends when it ends (runtime.lifecycle)
                guarded_command(["-m", "uvicorn", "--app-dir", str(_prefect_root()), "--factory",
                                 "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
                                 "--log-level", "error", "--lifespan", "on"]),
                env=os.environ | environment | {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                                                "PREFECT__SERVER_FINAL": "1"},
                stdin=subprocess.DEVNULL,
            )
            self.api_url = f"http://127.0.0.1:{port}/api"
            if self._wait_until_healthy() or self.process.returncode != _STARTUP_FAILED:
                break
        if self.process.poll() is None:
            return
        code = self.process.poll()
        self.process = None
        raise TemporaryServerError(
            f"the temporary Prefect server did not start (exit code {code}); its errors are above. "
            "Check that PREFECT_HOME is writable, or keep a server running with `plenary server --background`")

    def _wait_until_healthy(self) -> bool:
        """True once the server answers; False if it exited."""
        healthy = wait_until_healthy(self.api_url, self.startup_timeout, self.process)
        if healthy is not None:
            return healthy
        self.stop()  # a start that fails leaves nothing running
        raise TemporaryServerError(
            f"the temporary Prefect server did not answer within {self.startup_timeout:.0f} s, and was stopped; the "
            "machine may be busy: run the command again, raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, "
            "or keep a server running across commands with `plenary server --background`")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


_SERVER: TemporaryServer | None = None
_SERVER_LOCK = threading.Lock()


def temporary_server() -> TemporaryServer:
    """The process's temporary server, started on first use and shared by every embedded flow run."""
    global _SERVER
    from prefect.settings import get_current_settings

    with _SERVER_LOCK:
        if _SERVER is None or _SERVER.process is None or _SERVER.process.poll() is not None:
            settings = get_current_settings()
            if not settings.server.ephemeral.enabled:
                raise TemporaryServerError("PREFECT_SERVER_EPHEMERAL_ENABLED is off and PREFECT_API_URL is not set: "
                                           "run `plenary server` and export PREFECT_API_URL, or turn it back on")
            server = TemporaryServer(settings.server.ephemeral.startup_timeout_seconds)
            server.start(settings.to_environment_variables(exclude_unset=True))
            _SERVER = server
        return _SERVER


@atexit.register
def _stop_server() -> None:
    with _SERVER_LOCK:
        if _SERVER is not None:
            _SERVER.stop()


@contextmanager
def embedded_mode() -> Iterator[None]:
    """Without `PREFECT_API_URL`, run flows against the project's background server if one is running
    (`plenary server --background`), else against this process's temporary server; either way without
    flow-run heartbeats. With a server configured, change nothing.

    Heartbeats let a server mark a run whose process died as crashed. A temporary server stops when
    the process that started it exits, so there they only cost: each flow run waits up to a second for the
    heartbeat thread when it ends (1.1 s for a trivial flow instead of 0.3 s, measured)."""
    from prefect.context import SettingsContext
    from prefect.settings import get_current_settings

    from .local_server import running_server

    settings = get_current_settings()
    if settings.api.url:
        yield
        return
    background = running_server()
    api_url = background["api_url"] if background else temporary_server().api_url
    embedded = settings.model_copy(update={
        "api": settings.api.model_copy(update={"url": api_url}),
        "flows": settings.flows.model_copy(update={"heartbeat_frequency": None}),
    })
    with SettingsContext(profile=SettingsContext.get().profile, settings=embedded):
        yield


def _prefect_root() -> Path:
    import prefect

    return Path(prefect.__file__).resolve().parent.parent
