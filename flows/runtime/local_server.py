"""The project's own Prefect server: in the foreground, or kept in the background across commands.

`plenary server` runs `prefect server start` in place of itself (exec): SIGTERM or Ctrl+C reach the
server directly, which shuts down and frees its port; nothing is left behind.

`plenary server --background` starts the same server detached from the shell and records it in
`$PREFECT_HOME/plenary-server.json`; every `plenary` command then finds it there (without
`PREFECT_API_URL`) and runs its flows against it instead of starting a temporary server of its own
(about 6-9 s each time), and Prefect's UI shows those runs. `plenary server --stop` stops it.
A recorded server that no longer answers is ignored (and its record removed), so a machine restart
never leaves commands pointing at nothing.
"""
from __future__ import annotations

from parsers import PlenaryError

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .health import answers, wait_until_healthy

STATE_FILE = "plenary-server.json"
LOG_FILE = "plenary-server.log"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 4200


class LocalServerError(PlenaryError, RuntimeError):
    """The background server could not be started or stopped; the message says what to do."""


def prefect_home() -> Path:
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser()


def server_command(host: str, port: int) -> list[str]:
    """`prefect server start` on the address, with this environment's Python."""
    return [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]


def server_environment() -> dict[str, str]:
    return os.environ | {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}


def run_foreground(host: str, port: int) -> None:
    """Become the Prefect server (never returns)."""
    sys.stdout.flush()
    sys.stderr.flush()
    command = server_command(host, port)
    os.execve(command[0], command, server_environment())


def running_server(wait_seconds: float = 10.0) -> dict | None:
    """The recorded background server if it answers: {"api_url": ".../api", "pid": N, ...}, else None.

    A record whose process is gone (a machine restart) is removed. A server that is alive but slow to
    answer (a busy machine) is given `wait_seconds`; if it still does not answer, this command does
    without it, and the record stays, so that `--stop` still finds it."""
    path = prefect_home() / STATE_FILE
    state = _recorded(path)
    if state is None:
        return None
    return state if wait_until_healthy(state.get("api_url", ""), wait_seconds, pause=0.5) else None


def _recorded(path: Path) -> dict | None:
    """The record of a background server whose process is still ours and alive; a stale record is removed."""
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not _is_our_server(state):
        path.unlink(missing_ok=True)
        return None
    return state


def _is_our_server(state: dict) -> bool:
    """Whether the recorded pid is alive and is still the Prefect server we started (a pid can be reused)."""
    pid = state.get("pid", 0)
    if not isinstance(pid, int) or not _alive(pid):
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return True  # no /proc (not Linux): trust the record
    return "prefect" in command and "server" in command and str(state.get("port", "")) in command


def start_background(host: str, port: int, startup_timeout: float) -> dict:
    """Start the background server (or return the one already running) once it answers."""
    current = running_server(wait_seconds=startup_timeout)
    if current is not None:
        return current | {"already_running": True}
    if _recorded(prefect_home() / STATE_FILE) is not None:
        raise LocalServerError(f"the background server recorded in {prefect_home() / STATE_FILE} runs but does not "
                               "answer: stop it with `plenary server --stop`, then start it again")
    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    api_url = f"http://{host}:{port}/api"
    if answers(api_url, timeout=1.0):
        raise LocalServerError(f"something else already answers on {host}:{port}: stop it, or choose --port")
    log = open(home / LOG_FILE, "ab")
    process = subprocess.Popen(server_command(host, port), env=server_environment(), stdin=subprocess.DEVNULL,
                               stdout=log, stderr=log, start_new_session=True)
    log.close()
    healthy = wait_until_healthy(api_url, startup_timeout, process, pause=0.25)
    if healthy is False:
        raise LocalServerError(f"the Prefect server exited (code {process.returncode}) before answering: "
                               f"{_tail(home / LOG_FILE)}")
    if healthy is None:
        _stop_group(process.pid)
        raise LocalServerError(f"the Prefect server did not answer within {startup_timeout:.0f} s (it was "
                               f"stopped); a busy machine may need longer: plenary server --background "
                               f"--startup-timeout SECONDS. Its log: {home / LOG_FILE}")
    state = {"api_url": api_url, "pid": process.pid, "host": host, "port": port,
             "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "log": str(home / LOG_FILE)}
    temporary = home / f".{STATE_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps(state))
    os.replace(temporary, home / STATE_FILE)
    return state


def stop_background() -> dict | None:
    """Stop the recorded background server; returns its record, or None when none was running."""
    path = prefect_home() / STATE_FILE
    state = _recorded(path)
    if state is None:
        return None
    _stop_group(state["pid"])
    path.unlink(missing_ok=True)
    return state


def _stop_group(pid: int, grace: float = 15.0) -> None:
    """SIGTERM to the server's process group, then SIGKILL if it has not ended within `grace` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.1)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # our own child: reap it if it ended
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _state_of(pid) != "Z"


def _state_of(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def _tail(path: Path, size: int = 600) -> str:
    try:
        return path.read_bytes()[-size:].decode("utf-8", "replace").strip()
    except OSError:
        return "(no log)"
