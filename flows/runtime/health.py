"""A Prefect server's health: a free loopback port to start one on, and waiting until `/api/health` answers."""
from __future__ import annotations

import socket
import subprocess
import time

import httpx


def free_port() -> int:
    """A loopback port free now (another process may still take it before it is bound: retry then)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(api_url: str, timeout: float = 2.0, client: httpx.Client | None = None) -> bool:
    """Whether the server at `api_url` (`http://host:port/api`) answers its health check now."""
    if not api_url:
        return False
    try:
        get = client.get if client is not None else httpx.get
        return get(f"{api_url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until_healthy(api_url: str, seconds: float, process: subprocess.Popen | None = None,
                       pause: float = 0.1) -> bool | None:
    """Poll the server's health check: True once it answers, False if `process` (the server) exits first, None
    when `seconds` pass without an answer."""
    deadline = time.monotonic() + seconds
    with httpx.Client() as client:
        while True:
            if process is not None and process.poll() is not None:
                return False
            if answers(api_url, 2.0, client):
                return True
            if time.monotonic() >= deadline:
                return None
            time.sleep(pause)
