"""The event-driven path end to end, with real things on loopback: a Prefect server (`plenary server`),
`plenary serve`, a fake press-release site with a feed, and a DuckDB file.

A release added to the feed must reach `meetings` without anyone calling ingest (discover's event
triggers the `ingest` deployment), a release whose discovery event was lost must be loaded by the
sweep, and stopping `serve` must leave no deployment or automation behind, restart after restart."""
from __future__ import annotations

import json
import os
import signal
import threading
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import httpx
import pytest

from flows.bench.events import running_prefect_server
from tests.support.fake_site import FEED_PATH, fixture_pages, rss, serve_pages
from tests.support.http_server import LoopbackSite

pytestmark = pytest.mark.slow  # a real Prefect server, `plenary serve` and a loopback site

PLENARY = [sys.executable, "-m", "flows.cli"]
BOUND = 120  # seconds within which each step must be seen


def wait_for(what: str, check, bound: float = BOUND, every: float = 0.5):
    """Poll `check()` until it returns something truthy; fail with `what` after `bound` seconds."""
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(every)
    pytest.fail(f"not seen within {bound} s: {what}")


def query(warehouse: Path, sql: str, params=()) -> list | None:
    """Read-only query; None while the file is missing or a writer holds it (DuckDB allows one writer)."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(sql, list(params)).fetchall()
    except duckdb.Error:
        return None


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    """A real Prefect server on a free loopback port, started with `plenary server`; its API URL."""
    home = tmp_path_factory.mktemp("prefect-server-home")
    with running_prefect_server(_env(home, None), home / "server.log") as api:
        yield api


def _env(home: Path, api: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
            "PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    if api:
        env["PREFECT_API_URL"] = api
    return env


def start_serve(api: str, feed: str, warehouse: Path, home: Path, log_name: str, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    log = open(home / log_name, "wb")
    args = ["serve", "--feed", feed, "--interval", "4", "--sweep-grace", "60", "--warehouse", str(warehouse),
            "--reports-dir", str(home / "reports"), *extra]
    return subprocess.Popen([*PLENARY, *args], env=_env(home, api), stdout=log, stderr=subprocess.STDOUT,
                            cwd=home, start_new_session=True)


def stop(proc: subprocess.Popen) -> int:
    os.killpg(proc.pid, signal.SIGINT)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("plenary serve did not stop within 60 s of Ctrl+C")


def api_post(api: str, path: str, body: dict) -> list:
    return httpx.post(f"{api}{path}", json=body, timeout=10).json()


def served_objects(api: str) -> tuple[list[str], list[str]]:
    """Names of deployments and automations on the server."""
    deployments = [d["name"] for d in api_post(api, "/deployments/filter", {})]
    automations = [a["name"] for a in api_post(api, "/automations/filter", {})]
    return deployments, automations


def _served_once(api: str) -> bool:
    deployments, automations = served_objects(api)
    return sorted(deployments) == ["discover", "ingest"] and automations == ["ingest-discovered-release"]


def test_feed_to_meetings_by_event_with_a_sweep_for_lost_events(prefect_api, tmp_path):
    pages = {p.file[:3]: p for p in fixture_pages()}
    warehouse = tmp_path / "events.duckdb"
    with LoopbackSite() as site:
        serve_pages(site, pages.values())
        feed = site.add(FEED_PATH, rss(site, [(pages["002"].title, pages["002"].path)]), "application/rss+xml")

        # Discovered while no server listened (embedded mode): the event is lost, the to-do row is not.
        lost = subprocess.run([*PLENARY, "discover", "--feed", feed, "--warehouse", str(warehouse)],
                              env=_env(tmp_path / "embedded-home", None), capture_output=True, text=True, timeout=300)
        assert lost.returncode == 0, lost.stderr
        assert query(warehouse, "SELECT status FROM discovered_releases") == [("pending",)]
        assert query(warehouse, "SELECT count(*) FROM meetings") == [(0,)]
        with duckdb.connect(str(warehouse)) as con:  # it was found an hour ago, so the sweep is due
            con.execute("UPDATE discovered_releases SET discovered_at = ?", [datetime.now(timezone.utc) - timedelta(hours=1)])

        serve = start_serve(prefect_api, feed, warehouse, tmp_path, "serve-1.log")
        try:
            wait_for("beijing-4 loaded by the sweep",
                     lambda: query(warehouse, "SELECT 1 FROM meetings WHERE meeting_id = 'beijing-4'"))

            # A new release appears in the feed: discover announces it, the trigger starts `ingest`.
            site.add(FEED_PATH, rss(site, [(pages["003"].title, pages["003"].path), (pages["002"].title, pages["002"].path)]),
                     "application/rss+xml")
            added = time.monotonic()
            wait_for("shanghai-4 in meetings", lambda: query(warehouse, "SELECT 1 FROM meetings WHERE meeting_id = 'shanghai-4'"))
            print(f"feed change to loaded row: {time.monotonic() - added:.1f} s")
            run = wait_for("the to-do row of the new release marked ingested", lambda: query(
                warehouse, "SELECT r.flow_run_id FROM discovered_releases d JOIN ingest_runs r ON r.run_id = d.last_run_id "
                           "WHERE d.url = ? AND d.status = 'ingested'", [site.url(pages["003"].path)]))
            flow_run = httpx.get(f"{prefect_api}/flow_runs/{run[0][0]}", timeout=10).json()
            deployment = httpx.get(f"{prefect_api}/deployments/{flow_run['deployment_id']}", timeout=10).json()
            assert deployment["name"] == "ingest"  # started by the event trigger, not by the sweep
            assert flow_run["parameters"]["url"] == site.url(pages["003"].path)

            events = wait_for("the plenary.release.ingested event", lambda: [
                e for e in api_post(prefect_api, "/events/filter", {"filter": {"event": {"name": ["plenary.release.ingested"]}}, "limit": 50})["events"]
                if e["resource"]["prefect.resource.id"] == "plenary.release.P2018082400678"])
            assert events[0]["payload"]["meeting_id"] == "shanghai-4"
            assert _served_once(prefect_api)
        finally:
            code = stop(serve)
        assert code == 0, (tmp_path / "serve-1.log").read_text()[-3000:]
        assert served_objects(prefect_api) == ([], [])

        serve = start_serve(prefect_api, feed, warehouse, tmp_path, "serve-2.log")
        try:
            wait_for("serve to register its deployments again, once each", lambda: _served_once(prefect_api))
        finally:
            assert stop(serve) == 0
        assert served_objects(prefect_api) == ([], [])
    assert query(warehouse, "SELECT count(*) FROM meetings") == [(2,)]


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.server.notices.append(json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0)))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_serve_tells_the_webhook_when_a_discovered_release_cannot_be_fetched(prefect_api, tmp_path):
    """`plenary serve --notify-webhook URL`: a release the feed lists but the site no longer serves is
    quarantined by the triggered ingest, whose run fails; the webhook on loopback receives the notice."""
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    receiver.notices = []
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    warehouse = tmp_path / "hook.duckdb"
    gone = "/gia/general/201810/24/P2018102499999.htm"
    try:
        with LoopbackSite() as site:
            feed = site.add(FEED_PATH, rss(site, [("Hong Kong/Beijing Co-operation Conference holds Fifth Plenary Session", gone)]),
                            "application/rss+xml")
            gone_url = site.url(gone)
            serve = start_serve(prefect_api, feed, warehouse, tmp_path, "serve-hook.log", ("--notify-webhook", hook))
            try:
                notice = wait_for("the webhook's notice", lambda: [n for n in receiver.notices if n["kind"] == "run_failed"])
            finally:
                assert stop(serve) == 0, (tmp_path / "serve-hook.log").read_text()[-3000:]
    finally:
        receiver.shutdown()
    assert notice[0]["warehouse"] == str(warehouse)
    assert notice[0]["quarantined"][0]["source"] == gone_url and notice[0]["quarantined"][0]["stage"] == "fetch"
    assert "none of the 1 source(s) could be read" in notice[0]["message"]


def test_killing_serve_alone_ends_its_forkserver_and_the_flow_run_in_progress(prefect_api, tmp_path):
    """SIGKILL of `plenary serve` alone, while a triggered flow run is fetching a slow page: the forkserver and
    the flow run's process (forked from it) end too, within seconds."""
    from tests.support.http_server import Response
    from tests.support.processes import alive, command_line, descendants, wait_until_gone

    with LoopbackSite() as site:
        slow = "/gia/general/201810/24/P2018102488888.htm"
        site.add_sequence(slow, [Response(b"<html>late</html>", delay=60)])
        feed = site.add(FEED_PATH, rss(site, [("Hong Kong/Beijing Co-operation Conference holds Sixth Plenary Session", slow)]),
                        "application/rss+xml")
        serve = start_serve(prefect_api, feed, tmp_path / "kill.duckdb", tmp_path, "serve-kill.log")
        try:
            wait_for("the triggered run fetching the slow page", lambda: site.requests_to(slow))
            children = descendants(serve.pid)
            assert any("forkserver" in command_line(pid) for pid in children), [command_line(pid) for pid in children]
            assert len(children) >= 2  # the forkserver and the flow run forked from it
            os.kill(serve.pid, signal.SIGKILL)
            serve.wait(timeout=30)
            assert not wait_until_gone(children), [command_line(pid) for pid in alive(children)]
        finally:
            if serve.poll() is None:
                os.killpg(serve.pid, signal.SIGKILL)
    # `serve` could not retire its deployments: do it, as the next serve would
    subprocess.run([sys.executable, "-c", "from flows.runtime.serve import retire_deployments; retire_deployments()"],
                   env=_env(tmp_path, prefect_api), cwd=tmp_path, timeout=120, check=True)
