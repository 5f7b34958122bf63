"""An operator's worst day, with real processes: `plenary ingest` killed at random points, stopped with
SIGTERM, started twice at once, read while it writes; and no child process outliving its parent.

Each test runs the real `plenary` command in subprocesses against a real DuckDB file. Most run their
flows against one real Prefect server (started once for the module, as `plenary server` does) so that a
trial costs the pipeline's work rather than a temporary server's start; the orphan tests run in the
embedded mode a fresh user gets, where the temporary server is a child of the command.

`PLENARY_KILL_TRIALS` sets how many random kills `test_random_kills_converge` makes (default 12; the
README's figure of 50 comes from `PLENARY_KILL_TRIALS=50`).
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.bench.corpus import build_corpus, write_corpus
from flows.bench.events import running_prefect_server
from tests.support.paths import ROOT, SEEDS
from tests.support.processes import alive, command_line, descendants, wait_until_gone

pytestmark = pytest.mark.slow  # real processes: the plenary command, a Prefect server, gate processes

PLENARY = [sys.executable, "-m", "flows.cli"]
TABLES = {  # what a user reads, without the columns that record when or by which run
    "releases": "release_id, revision, content_sha256, is_plenary_report, source_url",
    "meetings": "*",
    "cooperation_areas": "*",
    "attendees": "*",
    "agreements": "*",
}


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    with running_prefect_server(_env(home), home / "server.log") as api:
        yield api


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """1,500 synthetic releases (reports, other releases, two unreadable files), no batch-dependent rejections:
    every run, however it is cut, must end with the same tables."""
    items = [i for i in build_corpus(1500) if i.expect != "quarantined"]
    folder = write_corpus(items, tmp_path_factory.mktemp("corpus") / "releases")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def clean_tables(corpus, prefect_api, tmp_path_factory) -> dict:
    """The tables one uninterrupted run makes."""
    work = tmp_path_factory.mktemp("clean")
    done = plenary(["ingest", str(corpus), "--warehouse", str(work / "w.duckdb")], work, prefect_api).wait(timeout=600)
    assert done == 0, (work / "out.log").read_text()[-2000:]
    return tables(work / "w.duckdb")


def _env(home: Path, api: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {"PREFECT_HOME": str(home), "PYTHONPATH": str(ROOT), "PLENARY_READ_WAIT_SECONDS": "2"}
    return env | ({"PREFECT_API_URL": api} if api else {})


def plenary(args: list[str], cwd: Path, api: str | None, log: str = "out.log", **env) -> subprocess.Popen:
    """Start `plenary ARGS` (output to cwd/log) against the Prefect server `api`, or in embedded mode."""
    out = open(cwd / log, "ab")
    return subprocess.Popen([*PLENARY, *args], cwd=cwd, env=_env(cwd / ".prefect", api) | env, stdout=out,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def tables(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: sorted(map(repr, con.execute(f"SELECT {cols} FROM {t}").fetchall())) for t, cols in TABLES.items()}


def partial_meetings(warehouse: Path) -> list:
    """Meetings whose rows are not all there: areas missing, or a release row missing."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("""
            SELECT m.meeting_id FROM meetings m
            LEFT JOIN (SELECT meeting_id, count(*) n FROM cooperation_areas GROUP BY ALL) a USING (meeting_id)
            LEFT JOIN releases r ON r.release_id = m.release_id
            WHERE coalesce(a.n, 0) <> m.area_count OR r.release_id IS NULL""").fetchall()


def test_random_kills_converge(corpus, prefect_api, clean_tables, tmp_path):
    """SIGKILL of the command alone at random points: no partial meeting, no child left running, every
    re-run succeeds, and the last one ends with the tables of a clean run."""
    trials = int(os.environ.get("PLENARY_KILL_TRIALS", "12"))
    rng = random.Random(int(os.environ.get("PLENARY_KILL_SEED", "11")))
    warehouse = tmp_path / "w.duckdb"
    for trial in range(trials):
        proc = plenary(["ingest", str(corpus), "--warehouse", str(warehouse)], tmp_path, prefect_api)
        time.sleep(rng.uniform(0.3, 6.0))
        children = descendants(proc.pid)
        proc.kill()
        proc.wait()
        assert not wait_until_gone(children), f"trial {trial}: children outlived the killed command"
        if warehouse.exists():
            assert partial_meetings(warehouse) == [], f"trial {trial}"
    finished = plenary(["ingest", str(corpus), "--warehouse", str(warehouse)], tmp_path, prefect_api).wait(timeout=600)
    assert finished == 0, (tmp_path / "out.log").read_text()[-2000:]
    assert tables(warehouse) == clean_tables
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM ingest_runs WHERE status = 'completed'").fetchone()[0] >= 1


@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory) -> Path:
    """6,000 releases: six batches, so that a stop after the first batch lands mid-run."""
    items = [i for i in build_corpus(6000) if i.expect != "quarantined"]
    return write_corpus(items, tmp_path_factory.mktemp("large") / "releases")


def test_sigterm_stops_within_ten_seconds(large_corpus, prefect_api, tmp_path):
    """SIGTERM mid-run: the command ends within 10 s with one line, the run is marked failed, and a re-run
    completes it with the tables of a clean run."""
    corpus, warehouse = large_corpus, tmp_path / "w.duckdb"
    proc = plenary(["ingest", str(corpus), "--warehouse", str(warehouse)], tmp_path, prefect_api)
    deadline = time.monotonic() + 120
    while not _has_loaded(warehouse) and time.monotonic() < deadline:  # stop it mid-way: after a first batch
        time.sleep(0.1)
    children = descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    code = proc.wait(timeout=30)
    assert time.monotonic() - started < 10
    output = (tmp_path / "out.log").read_text()
    assert code == 130 and "error: stopped" in output and "Traceback" not in output
    assert not wait_until_gone(children)
    assert partial_meetings(warehouse) == []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT status FROM ingest_runs").fetchall() == [("failed",)]
    assert plenary(["ingest", str(corpus), "--warehouse", str(warehouse)], tmp_path, prefect_api).wait(timeout=600) == 0
    clean = tmp_path / "clean"
    clean.mkdir()
    assert plenary(["ingest", str(corpus), "--warehouse", str(clean / "w.duckdb")], clean, prefect_api).wait(timeout=600) == 0
    assert tables(warehouse) == tables(clean / "w.duckdb")


def _has_loaded(warehouse: Path) -> bool:
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("SELECT count(*) FROM meetings").fetchone()[0] > 0
    except duckdb.Error:
        return False


def test_two_writers_at_once(prefect_api, tmp_path):
    """Two `plenary ingest seeds/` on one warehouse started together, 20 times: both succeed (the second
    waits for the first), never a traceback, and the warehouse holds the five meetings once."""
    for trial in range(20):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        warehouse = folder / "w.duckdb"
        runs = [plenary(["ingest", str(SEEDS), "--warehouse", str(warehouse)], folder, prefect_api, log=f"{n}.log")
                for n in range(2)]
        codes = [run.wait(timeout=300) for run in runs]
        logs = [(folder / f"{n}.log").read_text() for n in range(2)]
        assert codes == [0, 0], logs
        assert not any("Traceback" in log for log in logs), logs
        with duckdb.connect(str(warehouse), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 5
            assert con.execute("SELECT count(*), count(*) FILTER (status = 'completed') FROM ingest_runs").fetchone() == (2, 2)


def test_second_writer_refuses_in_one_line(prefect_api, tmp_path):
    """A run that would wait longer than PLENARY_RUN_WAIT_SECONDS refuses in one line naming the run it waited for."""
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom warehouse.run_lock import run_lock\n"
        f"with run_lock({str(warehouse)!r}, 'run run-holding (test)'):\n    print('held', flush=True)\n    time.sleep(60)")],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        code = plenary(["ingest", str(SEEDS), "--warehouse", str(warehouse)], tmp_path, prefect_api,
                       PLENARY_RUN_WAIT_SECONDS="1").wait(timeout=120)
    finally:
        holder.kill()
        holder.wait()
    lines = [line for line in (tmp_path / "out.log").read_text().splitlines() if line.startswith("error:")]
    assert code == 1 and len(lines) == 1 and "run run-holding (test)" in lines[0] and "PLENARY_RUN_WAIT_SECONDS" in lines[0]
    assert "Traceback" not in (tmp_path / "out.log").read_text()


def test_reader_during_a_write_answers_or_says_retry(corpus, prefect_api, tmp_path):
    """`plenary sql` and `plenary report` while an ingest writes: an answer, or one line saying an ingest writes."""
    warehouse = tmp_path / "w.duckdb"
    assert plenary(["ingest", str(SEEDS), "--warehouse", str(warehouse)], tmp_path, prefect_api).wait(timeout=300) == 0
    writer = plenary(["ingest", str(corpus), "--warehouse", str(warehouse)], tmp_path, prefect_api, log="writer.log")
    answers = []
    try:
        while writer.poll() is None and len(answers) < 30:
            for args in (["sql", "SELECT count(*) AS n FROM meetings", "--json"], ["report"]):
                done = subprocess.run([*PLENARY, *args, "--warehouse", str(warehouse)], cwd=tmp_path, capture_output=True,
                                      text=True, env=_env(tmp_path / ".prefect"), timeout=120)
                answers.append((args[0], done.returncode, done.stdout, done.stderr))
    finally:
        assert writer.wait(timeout=600) == 0
    assert answers
    for command, code, stdout, stderr in answers:
        assert "Traceback" not in stderr
        if code:
            assert stderr.count("\n") <= 2 and "is writing" in stderr and "try again" in stderr, stderr
        elif command == "sql":
            assert json.loads(stdout)[0]["n"] >= 5


def test_a_reader_while_a_transaction_holds_the_file_says_retry_in_one_line(tmp_path):
    """`plenary sql` and `plenary report` while a writer holds the file: one line naming the run, exit 1."""
    from warehouse import open_writer
    from warehouse.run_lock import run_lock

    warehouse = tmp_path / "w.duckdb"
    with run_lock(warehouse, "run run-writing (test)"), open_writer(warehouse):
        for args in (["sql", "SELECT 1"], ["report"]):
            done = subprocess.run([*PLENARY, *args, "--warehouse", str(warehouse)], cwd=tmp_path, capture_output=True,
                                  text=True, env=_env(tmp_path / ".prefect") | {"PLENARY_READ_WAIT_SECONDS": "1"}, timeout=120)
            assert done.returncode == 1 and "Traceback" not in done.stderr
            assert done.stderr.startswith("error: run run-writing (test) (process ") and "is writing" in done.stderr
            assert done.stderr.count("error:") == 1


def test_killed_command_leaves_no_temporary_server_or_gate(tmp_path):
    """Embedded mode: SIGKILL of `plenary ingest` alone ends its temporary Prefect server and its gate process too."""
    proc = plenary(["ingest", str(SEEDS), "--warehouse", str(tmp_path / "w.duckdb")], tmp_path, None)
    deadline, children = time.monotonic() + 120, set()
    while time.monotonic() < deadline:  # wait until both children are there
        children = descendants(proc.pid)
        commands = " ".join(command_line(pid) for pid in children)
        if "uvicorn" in commands and "expectations.service" in commands:
            break
        time.sleep(0.2)
    assert "uvicorn" in commands and "expectations.service" in commands, commands
    proc.kill()
    proc.wait()
    assert not wait_until_gone(children), [command_line(pid) for pid in alive(children)]


def test_killed_command_leaves_no_dask_worker(corpus, tmp_path):
    """`--task-runner dask`: SIGKILL of the command alone ends its LocalCluster's workers too."""
    proc = plenary(["ingest", str(corpus), "--warehouse", str(tmp_path / "w.duckdb"), "--task-runner", "dask"], tmp_path, None)
    deadline, children, workers = time.monotonic() + 180, set(), []
    while time.monotonic() < deadline and proc.poll() is None:
        children = descendants(proc.pid)
        workers = [pid for pid in children if "multiprocessing.spawn" in command_line(pid)]
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    assert len(workers) >= 2, [command_line(pid) for pid in children]
    proc.kill()
    proc.wait()
    assert not wait_until_gone(children), [command_line(pid) for pid in alive(children)]
