"""What the operator sees: honest run states, a webhook told of quarantines and failures, a damaged
quality store that never stops a run, and the project's own Prefect server kept across commands.

Real things on loopback: the flows (Prefect), a loopback press-release site, a webhook receiver (an
HTTP server recording what it is POSTed), DuckDB files, `plenary server --background`."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import httpx
import pytest

from flows.ingest import ingest_files_flow as ingest
from flows.discover import discover_flow as discover
from flows.ingest_web import ingest_web_flow as ingest_web
from tests.support.paths import ROOT, SEEDS
from tests.support.fake_site import FEED_PATH, fixture_pages, serve_pages

pytestmark = pytest.mark.slow  # the real flows, a loopback site, a webhook receiver, Prefect servers

PLENARY = [sys.executable, "-m", "flows.cli"]


@pytest.fixture
def quick_fetch(monkeypatch):
    for key, value in {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PLENARY_FETCH_BACKOFF": "0.05",
                       "PLENARY_FETCH_TIMEOUT": "0.5", "PLENARY_FETCH_ATTEMPTS": "2"}.items():
        monkeypatch.setenv(key, value)


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.notices.append(json.loads(body))  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def webhook(monkeypatch):
    """A webhook receiver on loopback; its URL is set as PLENARY_NOTIFY_WEBHOOK; yields the notices received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.notices = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("PLENARY_NOTIFY_WEBHOOK", f"http://127.0.0.1:{server.server_address[1]}/hook")
    yield server.notices
    server.shutdown()


def test_a_feed_that_cannot_be_read_fails_the_run(loopback_site, quick_fetch, warehouse_path, tmp_path, webhook):
    state = discover(feed=loopback_site.url("/gone.xml"), warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"),
                     return_state=True)
    assert state.is_failed()
    assert "none of the 1 source(s) could be read" in state.message and "/gone.xml" in state.message
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT status FROM ingest_runs").fetchall() == [("failed",)]
    assert [n["kind"] for n in webhook] == ["run_failed"]
    assert webhook[0]["quarantined"][0]["source"].endswith("/gone.xml")


def test_an_ingest_whose_only_url_is_refused_fails(quick_fetch, warehouse_path, tmp_path, webhook):
    state = ingest_web(urls=["https://elsewhere.example.com/gia/general/202611/20/P2026112000100.htm"],
                       warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"), return_state=True)
    assert state.is_failed() and "not on the allowlist" in state.message
    assert [n["kind"] for n in webhook] == ["run_failed"]


def test_a_partly_quarantined_run_completes_and_counts(loopback_site, quick_fetch, warehouse_path, tmp_path, webhook):
    pages = fixture_pages()
    serve_pages(loopback_site, pages)
    urls = [loopback_site.url(p.path) for p in pages] + [loopback_site.url("/gia/general/202611/20/P2026112000999.htm")]
    state = ingest_web(urls=urls, warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"), return_state=True)
    assert state.is_completed()
    assert state.message == f"read {len(pages)}, loaded {len(pages)}, unchanged 0, skipped 0, quarantined 1"
    assert [n["kind"] for n in webhook] == ["quarantined"]
    assert webhook[0]["quarantined_total"] == 1 and webhook[0]["quarantined"][0]["stage"] == "fetch"
    assert webhook[0]["warehouse"] == str(warehouse_path)


def test_a_clean_run_sends_no_notice(warehouse_path, tmp_path, webhook):
    state = ingest(paths=[str(SEEDS)], warehouse=str(warehouse_path), reports_dir=str(tmp_path / "r"), return_state=True)
    assert state.is_completed() and state.message.startswith("read 5, loaded 5")
    assert webhook == []


def test_the_cli_passes_notify_webhook_to_its_runs(tmp_path, webhook):
    url = os.environ.pop("PLENARY_NOTIFY_WEBHOOK")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "002_76a61713adfee18e.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(tmp_path / "home")}
    done = subprocess.run([*PLENARY, "ingest", str(folder), "--warehouse", str(tmp_path / "w.duckdb"), "--notify-webhook", url],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [n["kind"] for n in webhook] == ["quarantined"]
    assert webhook[0]["quarantined"][0]["source"].endswith("empty.txt") and webhook[0]["counts"]["loaded"] == 1


def test_a_damaged_quality_store_is_set_aside_never_fatal(warehouse_path, tmp_path):
    reports = tmp_path / "r"
    ingest(paths=[str(SEEDS)], warehouse=str(warehouse_path), reports_dir=str(reports))
    results = sorted((reports / "validations").rglob("*.json"))
    assert results
    results[0].write_text('{"half a')  # what a full disk or a foreign writer could leave
    (reports / "data_docs" / "index.html").unlink()  # the next build must then read every stored result
    stale = reports / "validations" / ".stray.json.123.tmp"  # a write a kill cut short, long ago
    stale.write_text("{")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    in_progress = reports / "validations" / ".other.json.456.tmp"  # another process's write, still going on
    in_progress.write_text("{")

    from expectations.process import _GATES  # a new gate, as a new process would open

    _GATES.clear()
    summary = ingest(paths=[str(SEEDS / "000_4d56e0fd9a20abe2.txt"), str(ROOT / "README.md")], warehouse=str(warehouse_path),
                     reports_dir=str(reports))
    assert summary["report"] and (reports / "data_docs" / "index.html").exists()
    moved = list((reports / "damaged").rglob("*.json"))
    assert [p.name for p in moved] == [results[0].name]
    assert not stale.exists() and in_progress.exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Whether a server could listen on the port now (as servers do, with SO_REUSEADDR: TIME_WAIT is no owner)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_background_server_serves_every_command_until_stopped(tmp_path):
    """`plenary server --background`: later commands find it without PREFECT_API_URL, their runs show in its
    API, a repeated ingest costs about the pipeline's work; `--stop` ends it and frees the port."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(tmp_path / "home")}
    port = _free_port()

    def plenary(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([*PLENARY, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout)

    started = plenary("server", "--background", "--port", str(port))
    assert started.returncode == 0, started.stderr
    try:
        assert f"http://127.0.0.1:{port}/api" in started.stdout
        assert plenary("server", "--status").returncode == 0
        assert plenary("ingest", str(SEEDS)).returncode == 0
        began = time.monotonic()
        again = plenary("ingest", str(SEEDS))
        seconds = time.monotonic() - began
        assert again.returncode == 0 and "unchanged 5" in again.stdout
        assert seconds < 30  # the figure itself is `plenary bench`'s; here: no temporary server was started
        runs = httpx.post(f"http://127.0.0.1:{port}/api/flow_runs/filter", json={}, timeout=10).json()
        assert sum(1 for r in runs if r["state_type"] == "COMPLETED") >= 2
    finally:
        stopped = plenary("server", "--stop")
    assert stopped.returncode == 0 and "stopped the Prefect server" in stopped.stdout
    assert port_is_free(port)
    assert plenary("server", "--status").returncode == 1


def test_foreground_server_frees_its_port_on_sigterm(tmp_path):
    """`plenary server` is the Prefect server itself: SIGTERM ends it and frees the port, twice in a row."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(tmp_path / "home")}
    port = _free_port()
    for _ in range(2):  # started again on the same port: nothing held it
        server = subprocess.Popen([*PLENARY, "server", "--port", str(port)], cwd=tmp_path, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert _answers(f"http://127.0.0.1:{port}/api/health", bound=180), "the server never answered"
        assert not port_is_free(port)
        server.terminate()
        server.wait(timeout=30)
        assert port_is_free(port)


def _answers(url: str, bound: float) -> bool:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def test_one_prefect_home_for_make_and_the_command():
    """Without PREFECT_HOME, `plenary` uses the project's .prefect/, as `make` does."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_HOME"}
    done = subprocess.run([sys.executable, "-c", "import flows, os; print(os.environ['PREFECT_HOME'])"], cwd="/",
                          env=env | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert Path(done.stdout.strip()) == ROOT / ".prefect"
