"""Issue 12, part 2, with real things on loopback: every network read has a deadline, and `plenary ingest`
honours SIGTERM and SIGINT within 10 s in every stage.

- A server that trickles its headers, one that trickles its body, and one that accepts the connection and
  never answers are each given up on at the deadline (`PLENARY_FETCH_DEADLINE`, 3 s here), quarantined at
  the fetch stage with a reason naming the deadline and the setting, while another URL of the run loads.
- SIGTERM (and SIGINT) sent to a real `plenary ingest` while it is in the fetch, parse, validate or load
  stage: it exits within 10 s with code 130, the warehouse opens, no `ingest_runs` row is left `running`,
  nothing of the interrupted batch is loaded, no child process outlives it, and a re-run completes and loads.
  The signal goes to the command alone, to its process group (Ctrl+C in a terminal), or to every process it
  started as well (systemd stopping a unit: the temporary Prefect server goes at once).
  The stage is recognised by the line the pipeline logs when a stage starts (`stage parse: started ...`,
  shown with PREFECT_LOGGING_LEVEL=INFO); the stage lasts long enough to be caught in it because the batch
  is big and legitimate: 870 long plenary reports (the benchmark's synthetic corpus, each report's
  co-operation areas written out ten times, as a long release would).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from flows.bench.corpus import CorpusItem, build_corpus, write_corpus
from flows.collect.http import FetchError, Fetcher, FetchPolicy
from tests.support.paths import ROOT
from tests.support.processes import alive, descendants
from tests.support.fake_site import fixture_pages
from tests.support.http_server import LoopbackSite

PLENARY = [sys.executable, "-m", "flows.cli"]
DEADLINE = 3.0  # seconds: PLENARY_FETCH_DEADLINE in these tests
MARGIN = 15.0  # a slow, busy machine
STOP_BOUND = 10.0  # seconds from the signal to the command's exit
PAGE = b"<html><body><span id='pressrelease'>" + b"Hong Kong/Beijing co-operation. " * 40 + b"</span></body></html>"


def policy(**overrides) -> FetchPolicy:
    settings = dict(allowed_hosts=frozenset({"127.0.0.1"}), total_timeout=DEADLINE, delay_seconds=0, backoff_base=0.05)
    return FetchPolicy(**(settings | overrides))


# --- deadlines: the fetcher ------------------------------------------------------------------------


SLOW_SERVERS = {  # path -> (how the server misbehaves, what the reason says was missing)
    "/trickling-headers.htm": (dict(header_trickle=1.0), "the response headers were still arriving"),
    "/trickling-body.htm": (dict(trickle=1.0, trickle_piece=1), "the body was still arriving"),
    "/silent.htm": (dict(silent=True), "the server accepted the connection but sent nothing"),
}


@pytest.mark.slow  # a loopback HTTP server, 3 s per case
@pytest.mark.parametrize("path", sorted(SLOW_SERVERS))
def test_a_trickling_or_silent_server_is_given_up_on_at_the_deadline(loopback_site: LoopbackSite, path: str) -> None:
    behaviour, missing = SLOW_SERVERS[path]
    slow = loopback_site.add(path, PAGE, **behaviour)
    good = loopback_site.add("/good.htm", PAGE)
    with Fetcher(policy(read_timeout=30.0, max_attempts=4)) as fetcher:  # a byte a second never trips 30 s
        started = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetcher.fetch(slow)
        elapsed = time.monotonic() - started
        after = fetcher.fetch(good)  # the same fetcher goes on, on a new connection
    assert DEADLINE - 0.1 <= elapsed < DEADLINE + MARGIN
    error = info.value
    assert error.reason.startswith("gave up at the 3 s deadline for one request (PLENARY_FETCH_DEADLINE): " + missing)
    assert error.reason.endswith("not retried in this run") and error.retryable
    assert len(loopback_site.requests_to(path)) == 1  # not retried: it would trickle again
    assert after.body == PAGE
    (missed,), (fetched,) = loopback_site.requests_to(path), loopback_site.requests_to("/good.htm")
    assert missed.client != fetched.client  # the connection that missed the deadline was closed, not reused


@pytest.mark.slow  # a loopback HTTP server
def test_the_deadline_covers_every_redirect_hop_of_an_attempt(loopback_site: LoopbackSite) -> None:
    """A redirect answered after 3.5 s, to a page whose body trickles: one 4 s deadline for both hops
    (a deadline per hop would give up after 7.5 s)."""
    loopback_site.add("/slow-body.htm", PAGE, trickle=1.0, trickle_piece=1)
    start = loopback_site.add("/moved.htm", b"", "text/plain", 302, {"Location": "/slow-body.htm"}, delay=3.5)
    with Fetcher(policy(total_timeout=4.0)) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetcher.fetch(start)
        elapsed = time.monotonic() - started
    assert len(loopback_site.requests_to("/slow-body.htm")) == 1  # the redirect was followed
    assert 3.9 <= elapsed < 6.5
    assert "the body was still arriving" in info.value.reason and "after 1 redirect" in info.value.reason


# --- deadlines: a real `plenary ingest` ------------------------------------------------------------


def plenary(args: list[str], cwd: Path, log: str = "out.log", **env: str) -> subprocess.Popen:
    """Start `plenary ARGS` in embedded mode (a temporary Prefect server of its own), output in cwd/log, in a
    process group of its own (as a shell's job is: Ctrl+C goes to the group)."""
    settings = {"PYTHONPATH": str(ROOT), "PREFECT_LOGGING_LEVEL": "INFO"} | env  # INFO: the stage-start lines
    out = open(cwd / log, "ab")
    try:
        return subprocess.Popen([*PLENARY, *args], cwd=cwd, env=os.environ | settings, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    finally:
        out.close()  # the child has its own copy


def stop(proc: subprocess.Popen) -> None:
    """Kill the command if it is still running (every test's finally)."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)


LOOPBACK = {"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0", "PLENARY_FETCH_BACKOFF": "0.05"}


@pytest.mark.slow  # `plenary ingest` in a subprocess against a loopback site
def test_ingest_quarantines_slow_servers_at_the_deadline_and_loads_the_rest(loopback_site, tmp_path) -> None:
    site, page = loopback_site, fixture_pages()[0]
    good = site.add(page.path, page.body)
    slow = {path: site.add(f"/gia/general/202611/21/P20261121{n:05d}.htm", page.body, **SLOW_SERVERS[path][0])
            for n, path in enumerate(sorted(SLOW_SERVERS))}
    warehouse = tmp_path / "w.duckdb"
    done = subprocess.run([*PLENARY, "ingest", *slow.values(), good, "--warehouse", str(warehouse), "--json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,  # run() kills it on a timeout
                          env=os.environ | LOOPBACK | {"PYTHONPATH": str(ROOT), "PLENARY_FETCH_DEADLINE": f"{DEADLINE:g}"})
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout)
    assert summary["counts"]["loaded"] == 1 and summary["counts"]["quarantined"] == 3
    reasons = {q["source"]: q["reason"] for q in summary["quarantined"] if q["stage"] == "fetch"}
    for path, url in slow.items():
        assert reasons[url].startswith("gave up at the 3 s deadline for one request (PLENARY_FETCH_DEADLINE): "
                                       + SLOW_SERVERS[path][1]), reasons[url]
    arrivals = sorted((r.time, r.path) for r in site.requests)  # the URLs are fetched one after the other
    for (at, path), (then, _) in zip(arrivals, arrivals[1:]):
        if path in {u.removeprefix(site.base) for u in slow.values()}:
            assert DEADLINE - 0.1 <= then - at < DEADLINE + MARGIN, (path, then - at)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("SELECT source_uri, stage, reason FROM quarantine ORDER BY source_uri").fetchall()
        assert {(uri, stage) for uri, stage, _ in rows} == {(url, "fetch") for url in slow.values()}
        assert all("PLENARY_FETCH_DEADLINE" in reason for _, _, reason in rows)
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1


# --- signals ---------------------------------------------------------------------------------------


def test_a_stop_signal_interrupts_a_duckdb_statement_whoever_handles_it() -> None:
    """The main thread inside one long DuckDB statement, SIGTERM handled in Python by someone else (as
    Prefect does during a flow run): the watcher still notices it at once and interrupts the statement."""
    script = textwrap.dedent("""
        import json, os, signal, threading, time
        import duckdb
        from flows.runtime.lifecycle import on_stop, stop_requested, terminate_on_sigterm

        class Foreign(BaseException):
            pass

        def foreign(signum, frame):
            raise Foreign(signum)

        terminate_on_sigterm()
        signal.signal(signal.SIGTERM, foreign)  # installed over ours, as Prefect's is during a flow run
        con = duckdb.connect()
        threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()
        started, raised = time.monotonic(), None
        try:
            with on_stop(con.interrupt):
                con.execute("SELECT count(*) FROM range(20000000000) t(x) WHERE x % 7 = 3").fetchall()
        except BaseException as exc:
            raised = type(exc).__name__
        try:
            with on_stop(con.interrupt):
                again = "ran"
        except KeyboardInterrupt:
            again = "refused"
        print(json.dumps({"seconds": time.monotonic() - started, "raised": raised, "stop": stop_requested(wait=5),
                          "again": again}))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["stop"] == signal.SIGTERM
    # the statement stopped: interrupted by the watcher (then the handler's exception follows), or by DuckDB
    # itself on running the pending handler (it reports "Query interrupted" instead, as a RuntimeError)
    assert result["raised"] in {"Foreign", "InterruptException", "RuntimeError"}
    assert result["seconds"] < 5  # the statement alone runs for minutes
    assert result["again"] == "refused"  # once stopping, no new statement starts


def long_reports(n: int = 1000, repeat: int = 10) -> list[CorpusItem]:
    """The benchmark's plenary reports (unique meetings), each with its co-operation areas written out
    `repeat` times: a long release (about 70 KB), so that one batch takes seconds in every stage."""
    items = []
    for item in build_corpus(n):
        if item.expect != "meeting":
            continue
        data = item.data
        start = data.index(b"co-operation areas:") + len(b"co-operation areas:")
        end = data.index(b"Officials of the HKSAR")
        items.append(CorpusItem(item.name, data[:start] + data[start:end] * repeat + data[start:], item.url, item.expect))
    return items


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory) -> tuple[Path, int]:
    """One batch (under 1,000 files) of long plenary reports, and how many meetings it holds."""
    items = long_reports()
    return write_corpus(items, tmp_path_factory.mktemp("long") / "releases"), len(items)


NEXT_STAGE = {"fetch": "stage store raw: started", "parse": "stage validate: started", "validate": "stage load: started",
              "load": "stage reports: started"}


def wait_for_line(proc: subprocess.Popen, log: Path, line: str, bound: float = 300.0) -> None:
    deadline = time.monotonic() + bound
    while line not in log.read_text(errors="replace"):
        assert proc.poll() is None, f"the command ended before {line!r}: {log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"no {line!r} within {bound} s"
        time.sleep(0.05)


def stop_in_stage(proc: subprocess.Popen, log: Path, stage: str, signum: int, to: str = "command") -> float:
    """Wait until the command logs the start of `stage`, send `signum` `to` the command alone, its process group
    (Ctrl+C in a terminal), or every process it started too (systemd stopping a unit), and return the seconds
    until it exits (at most STOP_BOUND + 20: then the caller's finally kills it). No child may outlive it."""
    wait_for_line(proc, log, f"stage {stage}: started")
    time.sleep(0.3)  # inside the stage, not at its first line
    children = descendants(proc.pid)
    if to == "group":
        os.killpg(proc.pid, signum)
    else:
        for pid in [proc.pid, *(children if to == "every process" else ())]:
            os.kill(pid, signum)
    sent = time.monotonic()
    try:
        proc.wait(timeout=STOP_BOUND + 20)
    except subprocess.TimeoutExpired:
        pass
    seconds = time.monotonic() - sent
    deadline = time.monotonic() + 15
    while alive(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(children), "a child process outlived the stopped command"
    return seconds


def assert_stopped_cleanly(proc: subprocess.Popen, seconds: float, log: Path, stage: str, warehouse: Path) -> None:
    output = log.read_text(errors="replace")
    assert seconds < STOP_BOUND, f"{seconds:.1f} s from the signal to the exit in stage {stage}"
    assert proc.returncode == 130, output[-3000:]
    assert "error: stopped" in output and "Traceback" not in output, output[-3000:]
    assert NEXT_STAGE[stage] not in output, f"the signal came after the {stage} stage had ended"
    with duckdb.connect(str(warehouse), read_only=True) as con:  # the warehouse opens
        assert con.execute("SELECT status FROM ingest_runs").fetchall() == [("failed",)]
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0  # no half batch
        assert con.execute("SELECT count(*) FROM releases").fetchone()[0] == 0


@pytest.mark.slow  # `plenary ingest` in subprocesses, twice
@pytest.mark.parametrize("stage, signum, to", [
    ("parse", signal.SIGTERM, "command"), ("validate", signal.SIGTERM, "command"), ("load", signal.SIGTERM, "command"),
    ("load", signal.SIGINT, "command"), ("validate", signal.SIGINT, "group"), ("load", signal.SIGTERM, "every process"),
], ids=["parse-SIGTERM", "validate-SIGTERM", "load-SIGTERM", "load-SIGINT", "validate-Ctrl+C-to-the-group",
        "load-SIGTERM-to-every-process"])
def test_a_signal_in_a_file_stage_stops_within_ten_seconds(big_batch, tmp_path, stage, signum, to) -> None:
    """`every process`: the temporary Prefect server stops at once too, so the command cannot report its
    flow run's end and Prefect's client retries; the stop's own deadline (8 s) ends it."""
    folder, meetings = big_batch
    warehouse = tmp_path / "w.duckdb"
    proc = plenary(["ingest", str(folder), "--warehouse", str(warehouse)], tmp_path)
    try:
        seconds = stop_in_stage(proc, tmp_path / "out.log", stage, signum, to)
    finally:
        stop(proc)
    assert_stopped_cleanly(proc, seconds, tmp_path / "out.log", stage, warehouse)
    again = plenary(["ingest", str(folder), "--warehouse", str(warehouse)], tmp_path, "again.log")
    try:
        assert again.wait(timeout=600) == 0, (tmp_path / "again.log").read_text()[-3000:]
    finally:
        stop(again)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT status, count(*) FROM ingest_runs GROUP BY ALL ORDER BY 1").fetchall() == [
            ("completed", 1), ("failed", 1)]
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == meetings


@pytest.mark.slow  # `plenary ingest` in subprocesses against a loopback site
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_a_fetch_from_a_trickling_server_stops_within_ten_seconds(loopback_site, tmp_path, signum) -> None:
    site, (first, second) = loopback_site, fixture_pages()[:2]
    good = site.add(first.path, first.body)
    slow = site.add(second.path, second.body, header_trickle=1.0)  # the deadline (60 s) is far away
    warehouse = tmp_path / "w.duckdb"
    proc = plenary(["ingest", good, slow, "--warehouse", str(warehouse)], tmp_path, **LOOPBACK)
    try:
        wait_for_line(proc, tmp_path / "out.log", "stage fetch: started")
        deadline = time.monotonic() + 60
        while not site.requests_to(second.path) and time.monotonic() < deadline:  # on the trickling URL
            time.sleep(0.05)
        seconds = stop_in_stage(proc, tmp_path / "out.log", "fetch", signum)
    finally:
        stop(proc)
    assert_stopped_cleanly(proc, seconds, tmp_path / "out.log", "fetch", warehouse)
    site.add(second.path, second.body)  # the server is well again
    again = plenary(["ingest", good, slow, "--warehouse", str(warehouse)], tmp_path, "again.log", **LOOPBACK)
    try:
        assert again.wait(timeout=300) == 0, (tmp_path / "again.log").read_text()[-3000:]
    finally:
        stop(again)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT status FROM ingest_runs ORDER BY started_at").fetchall() == [("failed",), ("completed",)]
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 2
