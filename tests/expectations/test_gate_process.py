"""Where the gate runs: a gate process judges exactly as the gate in-process does, fails clearly,
Data Docs render only what is new, and served flow runs fork from a process that is already warm."""
from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from expectations.columns import staged_rows
from flows.collect.files import discover_files, read_documents
from flows.pipeline import parse_documents
from tests.support.paths import ROOT, SEEDS


def _batch_with_bad_records():
    files, _ = discover_files([SEEDS])
    docs, _ = read_documents(files)
    parsed = parse_documents(docs).parsed
    zeroth = copy.deepcopy(parsed[0])
    zeroth.release.release_id = zeroth.meeting.release_id = "PBAD00000000"  # a second release of the meeting,
    zeroth.meeting.plenary_number = 0  # numbered zero
    return parsed + [zeroth]


def _comparable(verdict) -> tuple:
    rows = [{k: v for k, v in row.items() if k != "validated_at"} for row in verdict.dq_rows]
    return verdict.failing, verdict.warned, rows


@pytest.mark.slow  # starts a gate process
def test_a_gate_process_judges_as_the_gate_in_this_process(tmp_path: Path):
    from expectations.gate import QualityGate
    from expectations.process import GateProcess

    batch = _batch_with_bad_records()
    rows = staged_rows(batch)
    remote = GateProcess(tmp_path / "reports")
    try:
        there = remote.judge(rows, "run-compare", 0)
        here = QualityGate().judge(rows, "run-compare", 0)
        assert _comparable(there) == _comparable(here)
        assert "plenary_number_between_1_and_100" in there.failing["PBAD00000000"]
        rejected = {parsed.release.release_id for parsed, _ in remote.validate(batch, "run-compare", 1).rejected}
        assert batch[-1].release.release_id in rejected and rejected == set(there.failing)
        index = remote.build_docs()
        assert index is not None and index.is_relative_to(tmp_path / "reports") and "run-compare-batch1" in index.read_text()
        assert remote.peak_rss_mb() > 50  # GX lives there, not here
    finally:
        remote.close()


@pytest.mark.slow  # starts a gate process
def test_an_error_in_the_gate_process_is_raised_here_and_the_process_goes_on():
    from expectations.process import GateProcess, GateProcessError

    remote = GateProcess(None)
    try:
        with pytest.raises(GateProcessError, match="failed in its process: KeyError"):
            remote.judge({}, "run-missing-tables", 0)  # no rows at all
        assert remote.judge(staged_rows(_batch_with_bad_records()), "run-after", 0).failing  # still serving
    finally:
        remote.close()


@pytest.mark.slow  # starts a gate process
def test_a_gate_process_that_stopped_says_so():
    from expectations.process import GateProcess, GateProcessError

    remote = GateProcess(None)
    remote._process.kill()
    remote._process.wait()
    with pytest.raises(GateProcessError, match="the quality gate process stopped .*Run the command again"):
        remote.judge({}, "run-dead", 0)
    remote.close()


def test_data_docs_render_the_new_validations_and_keep_the_old_pages(tmp_path: Path):
    from expectations.reports import _OFFLINE_MARK as OFFLINE_MARK, make_offline
    from expectations.gate import QualityGate

    gate = QualityGate(tmp_path / "reports")
    batch = _batch_with_bad_records()
    gate.validate(batch, "run-first", 0)
    index = gate.build_docs()
    site = index.parent
    assert make_offline(site) == len(list(site.rglob("*.html")))  # the first run: every page
    first_pages = {p: p.stat().st_mtime_ns for p in site.rglob("validations/**/*.html")}
    assert len(first_pages) == 5 and all("run-first" in str(p) for p in first_pages)
    before_second = time.time() - 1
    gate.validate(batch, "run-second", 0)
    gate.build_docs()
    assert make_offline(site, changed_since=before_second) == 11  # only the index, 5 suites, 5 new validations
    assert all(OFFLINE_MARK in page.read_text() for page in site.rglob("*.html"))
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("validations/**/*.html")}
    assert {p: pages[p] for p in first_pages} == first_pages  # not rendered again
    assert sum("run-second" in str(p) for p in pages) == 5
    assert "run-first-batch0" in index.read_text() and "run-second-batch0" in index.read_text()
    assert gate.build_docs() == index  # nothing new: the index stays


PROBE = textwrap.dedent('''
    import json, sys
    from flows.runtime.warm_start import use_warm_flow_processes
    from prefect import flow_engine

    def probe(out):
        from expectations.process import _GATES
        found = {"gx": "great_expectations" in sys.modules, "flows": "flows.ingest_web" in sys.modules,
                 "gates": sorted(_GATES)}
        open(out, "w").write(json.dumps(found))

    if __name__ == "__main__":
        use_warm_flow_processes(sys.argv[1])
        context = flow_engine.multiprocessing.get_context("spawn")  # what Prefect's runner asks for
        process = context.Process(target=probe, args=(sys.argv[2],))
        process.start()
        process.join()
        print(type(process).__name__, process.exitcode)
''')


@pytest.mark.slow  # a subprocess and a forkserver
def test_served_flow_runs_fork_from_a_process_with_the_flows_and_the_gate_ready(tmp_path: Path):
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    reports, out = tmp_path / "reports", tmp_path / "found.json"
    result = subprocess.run([sys.executable, str(script), str(reports), str(out)], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert result.stdout.split() == ["ForkServerProcess", "0"], result.stderr[-2000:]
    import json

    assert json.loads(out.read_text()) == {"gx": True, "flows": True, "gates": [str(reports.resolve())]}


@pytest.mark.slow  # starts a gate process
def test_the_gate_stays_in_this_process_when_asked(tmp_path: Path, monkeypatch):
    from expectations import process as service

    monkeypatch.setattr(service, "_GATES", {})
    monkeypatch.setattr(service, "_gx_imported", lambda: False)  # as in a fresh `plenary ingest`
    monkeypatch.setenv("PLENARY_GATE_PROCESS", "0")
    assert type(service.gate_for(tmp_path / "reports")).__name__ == "QualityGate"
    monkeypatch.setenv("PLENARY_GATE_PROCESS", "1")
    gate = service.gate_for(tmp_path / "other-reports")
    try:
        assert isinstance(gate, service.GateProcess)
        gate._process.kill()
        gate._process.wait()
        replacement = service.gate_for(tmp_path / "other-reports")  # a dead gate process is replaced
        assert replacement is not gate and replacement.alive
        replacement.close()
    finally:
        gate.close()
