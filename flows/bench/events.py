"""Event to loaded row: a real Prefect server, `plenary serve`, and `plenary.release.discovered` events.

Each event names one page of the corpus (served from loopback); the clock runs from the event's
emission to the moment its meeting can be read in DuckDB. One release at a time, so each latency is
the pipeline's own, not a queue's. For one run the Prefect API also says where the time went.
"""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import duckdb
import httpx

from ..runtime.health import free_port, wait_until_healthy
from .corpus import CorpusItem

ROOT = Path(__file__).resolve().parents[2]
PLENARY = [sys.executable, "-m", "flows.cli"]


def event_latency(corpus: list[CorpusItem], site_folder: Path, work: Path, releases: int = 20) -> dict:
    """Median and spread of event -> loaded row over `releases` plenary reports, with one run's breakdown."""
    items = [item for item in corpus if item.expect == "meeting"][:releases]
    home, warehouse = work / "events-prefect-home", work / "events.duckdb"
    env = os.environ | {"PREFECT_HOME": str(home), "PREFECT_RUNNER_POLL_FREQUENCY": "1", "PYTHONPATH": str(ROOT),
                        "PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0"}
    env.pop("PREFECT_API_URL", None)
    with running_prefect_server(env, work / "events-server.log") as api:
        served_env = env | {"PREFECT_API_URL": api}
        with _site(site_folder, env) as base, _process(
            [*PLENARY, "serve", "--feed", f"{base}/gia/rss/none.xml", "--interval", "3600", "--warehouse", str(warehouse),
             "--reports-dir", str(work / "events-reports")], served_env, work / "events-serve.log"):
            # the trigger's automation is created just after the deployments: an event sent before it is lost
            _wait(lambda: _deployments(api) >= 2 and _automations(api) >= 1, 120,
                  "plenary serve registering its deployments and their trigger")
            latencies = [_one(api, base + urlsplit(item.url).path, item, warehouse) for item in items]
            _wait(lambda: not _flow_runs_in_flight(api), 120, "the last flow run finishing its reports")
            breakdown = _breakdown(api, warehouse)
    return {"releases": len(latencies), "median_seconds": statistics.median(latencies),
            "p90_seconds": sorted(latencies)[int(0.9 * (len(latencies) - 1))], "max_seconds": max(latencies),
            "latencies": latencies, "last_run_breakdown": breakdown}


def _one(api: str, url: str, item: CorpusItem, warehouse: Path) -> float:
    """Emit the discovered event for one page and wait for its release to be loaded."""
    release_id = urlsplit(item.url).path.rsplit("/", 1)[-1].removesuffix(".htm")
    started = time.perf_counter()
    event = {"id": str(uuid.uuid4()), "occurred": datetime.now(timezone.utc).isoformat(),
             "event": "plenary.release.discovered",
             "resource": {"prefect.resource.id": f"plenary.release.{release_id}", "plenary.release-id": release_id},
             "payload": {"url": url, "title": item.name, "release_id": release_id}}
    httpx.post(f"{api}/events", json=[event], timeout=10).raise_for_status()
    _wait(lambda: _loaded(warehouse, release_id), 120, f"{release_id} loaded after its event")
    return time.perf_counter() - started


def _loaded(warehouse: Path, release_id: str) -> bool:
    """Whether the release's meeting is readable (a writer may hold the file: then not yet); a failure is raised."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            if con.execute("SELECT count(*) FROM meetings WHERE release_id = ?", [release_id]).fetchone()[0]:
                return True
            failed = con.execute("SELECT reason FROM discovered_releases WHERE release_id = ? AND status IN "
                                 "('quarantined', 'failed', 'skipped')", [release_id]).fetchone()
    except duckdb.Error:
        return False
    if failed:
        raise RuntimeError(f"{release_id} was not loaded: {failed[0]}")
    return False


def _flow_runs_in_flight(api: str) -> int:
    """Flow runs not finished yet (stopping `plenary serve` would interrupt them)."""
    query = {"flows": {"name": {"any_": ["ingest-web"]}},  # triggered runs only (discover has future scheduled runs)
             "flow_runs": {"state": {"type": {"any_": ["SCHEDULED", "PENDING", "RUNNING"]}}}}
    return len(httpx.post(f"{api}/flow_runs/filter", json=query, timeout=10).json())


def _breakdown(api: str, warehouse: Path) -> dict:
    """For the last ingest: event -> flow run created -> process started -> flow body began -> rows committed."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        flow_run_id, body_start, body_end = con.execute(
            "SELECT flow_run_id, epoch(started_at), epoch(finished_at) FROM ingest_runs WHERE flow_run_id IS NOT NULL "
            "ORDER BY started_at DESC LIMIT 1").fetchone()
    run = httpx.get(f"{api}/flow_runs/{flow_run_id}", timeout=10).json()
    created = datetime.fromisoformat(run["created"]).timestamp()
    started = datetime.fromisoformat(run["start_time"]).timestamp() if run.get("start_time") else None
    return {
        "flow_run_created_to_running_seconds": started - created if started else None,
        "running_to_flow_body_seconds": body_start - started if started else None,
        "flow_body_seconds": body_end - body_start,
    }


def _automations(api: str) -> int:
    try:
        return len(httpx.post(f"{api}/automations/filter", json={}, timeout=5).json())
    except httpx.HTTPError:
        return 0


def _deployments(api: str) -> int:
    try:
        return len(httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json())
    except httpx.HTTPError:
        return 0


@contextmanager
def running_prefect_server(env: dict, log: Path) -> Iterator[str]:
    """`plenary server` on a free loopback port, healthy; yields its API URL and stops it afterwards."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    with _process([*PLENARY, "server", "--port", str(port)], env, log) as server:
        healthy = wait_until_healthy(api, 180, server, pause=0.05)
        if healthy is False:
            raise RuntimeError(f"plenary server exited: {log.read_text()[-500:]}")
        if healthy is None:
            raise TimeoutError("not seen within 180 s: the Prefect server's health check")
        yield api


@contextmanager
def _site(folder: Path, env: dict) -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-m", "flows.bench.site", str(folder)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def _process(command: list[str], env: dict, log: Path) -> Iterator[subprocess.Popen]:
    """A background process in its own group, stopped with Ctrl+C (then killed if it lingers)."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent,
                                start_new_session=True)
        try:
            yield proc
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _wait(check, bound: float, what: str) -> None:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise TimeoutError(f"not seen within {bound} s: {what}")
