"""Scale-out: parse and validate on a Dask LocalCluster (prefect-dask), the writer still single and local."""
from __future__ import annotations

import duckdb
import pytest

from flows.bench.corpus import build_corpus, write_corpus
from flows.ingest import ingest_paths

pytestmark = pytest.mark.slow  # a Dask LocalCluster and Prefect flows, and `plenary` in a subprocess


def test_files_ingest_on_a_dask_local_cluster_loads_what_the_default_runner_loads(tmp_path):
    corpus = write_corpus(build_corpus(120), tmp_path / "corpus")
    expected = {"meetings": sum(1 for item in build_corpus(120) if item.expect == "meeting")}

    on_dask = ingest_paths([corpus], tmp_path / "dask.duckdb", tmp_path / "reports", task_runner="dask", batch_size=40)
    default = ingest_paths([corpus], tmp_path / "default.duckdb", tmp_path / "reports", batch_size=40)

    assert on_dask["counts"] == default["counts"] and on_dask["batches"] == default["batches"] == 3
    # parse and validate ran in the workers (this process timed none of it); loading stayed here
    assert {"parse", "validate"} & set(on_dask["inside_seconds"]) == set() and "load" in on_dask["inside_seconds"]
    assert {"parse", "validate", "load"} <= set(default["inside_seconds"])
    tables = ("meetings", "cooperation_areas", "attendees", "agreements", "quarantine", "dq_results")
    for table in tables:
        with duckdb.connect(str(tmp_path / "dask.duckdb"), read_only=True) as a, \
             duckdb.connect(str(tmp_path / "default.duckdb"), read_only=True) as b:
            columns = {"quarantine": "* EXCLUDE (run_id, quarantined_at, quarantine_id)",
                       "dq_results": "* EXCLUDE (run_id, validated_at)"}.get(table, "*")
            left = a.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
            assert left == b.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall(), table
    with duckdb.connect(str(tmp_path / "dask.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == expected["meetings"]
        assert con.execute("SELECT count(DISTINCT batch_no) FROM dq_results").fetchone()[0] == 3


def test_a_remote_cluster_needs_a_prefect_server_its_workers_can_reach(tmp_path):
    from tests.support.paths import SEEDS
    from tests.support.commands import run

    result = run("ingest", str(SEEDS), "--task-runner", "dask:tcp://127.0.0.1:9", "--warehouse", str(tmp_path / "w.duckdb"),
                 env_extra={"PREFECT_API_URL": ""})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot reach this command's temporary server" in result.stderr and "PREFECT_API_URL" in result.stderr
    assert not (tmp_path / "w.duckdb").exists()
