"""Memory footprint by design: what each process imports, and that the lighter ways still behave.

The peak-RSS figure is a benchmark (`plenary bench`), not asserted here; these tests pin the choices it
rests on, in fresh processes: the flow's process of `plenary ingest` imports neither pandas, nor Great
Expectations, nor Prefect's server application; the gate defers SciPy and Altair until something uses
them; staging rows for SQL keeps the values' types; a temporary server that cannot start says why.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone

import duckdb
import pytest

from tests.support.paths import ROOT, SEEDS


def _python(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=300, env={**_without_server(), "PYTHONPATH": str(ROOT), **env})


def _without_server() -> dict:
    """This environment without PREFECT_API_URL: the code under test starts its own temporary server."""
    return {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}


@pytest.mark.slow  # a fresh Python subprocess running the ingest flow
def test_the_ingest_process_leaves_pandas_gx_and_the_prefect_server_to_other_processes(tmp_path):
    result = _python(f"""
        import json, sys
        from typer.main import get_command
        from flows.cli import app
        get_command(app)(["ingest", {str(SEEDS)!r}, "--warehouse", "w.duckdb"], standalone_mode=False)
        print(json.dumps({{name: name in sys.modules for name in
                          ("pandas", "great_expectations", "prefect.server.api.server", "sqlalchemy")}}))
    """, tmp_path, PLENARY_REPORTS_DIR=str(tmp_path / "reports"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "pandas": False, "great_expectations": False, "prefect.server.api.server": False, "sqlalchemy": False}
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 5  # it did ingest, and validate:
        assert con.execute("SELECT count(DISTINCT check_name) FROM dq_results").fetchone()[0] > 10
    assert (tmp_path / "reports" / "data_docs" / "index.html").exists()


@pytest.mark.slow  # a fresh Python subprocess
def test_the_gate_defers_scipy_and_altair_and_they_still_work_when_used(tmp_path):
    result = _python(f"""
        import json, sys
        from expectations.columns import staged_rows
        from expectations.gate import QualityGate
        from flows.collect.files import discover_files, read_documents
        from flows.pipeline import parse_documents
        files, _ = discover_files([{str(SEEDS)!r}])
        verdict = QualityGate().judge(staged_rows(parse_documents(read_documents(files)[0]).parsed), "run", 0)
        deferred = {{name: type(sys.modules[name]).__name__ for name in ("scipy.stats", "altair")}}
        from scipy import stats
        import altair
        print(json.dumps({{"deferred": deferred, "cdf": float(stats.norm.cdf(0.0)), "chart": altair.Chart.__name__,
                          "warned": len(verdict.warned), "checks": len(verdict.dq_rows)}}))
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["deferred"] == {"scipy.stats": "_LazyModule", "altair": "_LazyModule"}  # never run by the gate
    assert out["cdf"] == 0.5 and out["chart"] == "Chart"  # and whole on first use
    assert out["warned"] == 3 and out["checks"] > 10  # the seeds' three warnings, as in test_quality_gate


def test_staged_rows_keep_their_types_for_the_insert_that_follows():
    from warehouse.temp_tables import temp_table as stage

    hkt = timezone(timedelta(hours=8))
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id VARCHAR, seen_at TIMESTAMPTZ, day DATE, body BLOB, n INTEGER, keys VARCHAR[], note VARCHAR,"
                " done_at TIMESTAMPTZ)")
    rows = [{"id": "a", "seen_at": datetime(2024, 5, 1, 9, 30, tzinfo=hkt), "day": date(2024, 5, 1), "body": b"\x00\xff",
             "n": 3, "keys": ["x", "y"], "note": None, "done_at": None},
            {"id": "b", "seen_at": None, "day": None, "body": None, "n": None, "keys": [], "note": None, "done_at": None}]
    assert stage(con, "staged", rows) == 2
    con.execute("INSERT INTO t BY NAME SELECT * FROM staged")
    assert con.execute("SELECT id, seen_at = TIMESTAMPTZ '2024-05-01 01:30:00+00', day, body, n, keys, note, done_at "
                       "FROM t ORDER BY id").fetchall() == [
        ("a", True, date(2024, 5, 1), b"\x00\xff", 3, ["x", "y"], None, None), ("b", None, None, None, None, [], None, None)]
    assert stage(con, "staged", [("c", None)], ["id", "note"]) == 1  # replaced, from tuples
    assert con.execute("SELECT * FROM staged").fetchall() == [("c", None)]
    assert stage(con, "none", [], ["id"]) == 0 and con.execute("SELECT count(*) FROM none").fetchone()[0] == 0
    with pytest.raises(ValueError, match="no rows and no columns"):
        stage(con, "nothing", [])


@pytest.mark.slow  # tries to start a Prefect server process
def test_a_temporary_server_that_cannot_start_says_what_to_do(tmp_path):
    from flows.runtime.embedded import TemporaryServer, TemporaryServerError

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where Prefect's home folder should be")
    server = TemporaryServer(startup_timeout=60)
    with pytest.raises(TemporaryServerError, match=r"did not start \(exit code \d+\).*PREFECT_HOME"):
        server.start({"PREFECT_HOME": str(blocked / "prefect")})
    assert server.process is None or server.process.poll() is not None


@pytest.mark.slow  # Python subprocesses
def test_peak_memory_is_the_process_own_not_its_parents(tmp_path):
    """`ru_maxrss` of a child starts from its parent's peak at the fork; the bench's figures use `VmHWM`."""
    result = _python("""
        import subprocess, sys
        ballast = b"x" * (300 * 1024 * 1024)  # this parent's peak: over 300 MB, written so it is resident
        child = subprocess.run([sys.executable, "-c", "from expectations.service import peak_rss_mb; print(peak_rss_mb())"],
                               capture_output=True, text=True, check=True)
        from expectations.process import peak_rss_mb
        print(peak_rss_mb(), child.stdout.strip())
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    parent, child = map(float, result.stdout.split())
    assert parent > 300 and child < 100
