"""`plenary bench` runs end to end on a small corpus, so the benchmark cannot rot (figures are not asserted
against the targets here: those are benchmark figures for N = 10,000, not timed tests)."""
from __future__ import annotations

import json

import pytest

from flows.bench.corpus import build_corpus
from flows.bench.hostile import SHAPES
from tests.support.commands import run

pytestmark = pytest.mark.slow  # runs `plenary bench` in a subprocess (flows, loopback HTTP, gate process)


def test_bench_on_200_releases_reports_every_figure(tmp_path):
    result = run("bench", "--releases", "200", "--json", "--no-dask", "--naive-sample", "5", "--repeats", "1", "--keep", str(tmp_path / "bench"))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout)
    corpus = build_corpus(200)
    reports = sum(1 for item in corpus if item.expect == "meeting")
    assert figures["corpus"]["plenary_reports"] == reports and figures["corpus"]["pages"] + figures["corpus"]["texts"] == 200

    for source in ("files", "http"):
        run_figures = figures[source]
        assert run_figures["meetings_loaded"] == reports, source
        assert run_figures["counts"]["read"] == 200, source
        assert {"parse", "validate", "load"} <= set(run_figures["stages"]), source
        assert all(s["seconds"] > 0 for s in run_figures["stages"].values())
        assert 0 < run_figures["prefect_share"] < 1 and run_figures["task_runs"] >= 4
    assert "fetch" in figures["http"]["stages"] and "read" in figures["files"]["stages"]

    noop = figures["files_noop"]
    bad = figures["corpus"]["bad"]
    # skipped unparsed: every file loaded, and every bad one quarantined on its own by this same version;
    # bad ones rejected only because another input shares their meeting are tried again
    assert 200 - bad <= noop["unchanged"] <= 200 and noop["parsed"] == 200 - noop["unchanged"]
    assert bad > 0 and 0 < noop["ratio_to_first"] < 1
    assert noop["runs"] == [noop["wall_seconds"]]  # --repeats 1
    assert figures["naive"]["sample"] == 5 and figures["naive"]["speedup"] > 1
    assert figures["seeds_ingest"]["ingest_seconds"] > figures["seeds_ingest"]["trivial_flow_seconds"] > 0
    repeated = figures["repeated_command"]  # against the bench's own background server
    assert repeated["ingest_seconds"] > repeated["trivial_flow_seconds"] > repeated["imports_seconds"] > 0
    assert repeated["ratio_to_trivial_flow"] > 1 and repeated["orchestration_seconds"] > 0
    assert set(figures["peak_rss_by_process_mb"]) == {"flow", "quality_gate"}  # the cold CLI validates in a gate process
    assert all(mb > 50 for mb in figures["peak_rss_by_process_mb"].values())
    assert figures["peak_rss_mb"] == sum(figures["peak_rss_by_process_mb"].values())
    assert figures["files_cold_cli"]["wall_seconds"] > figures["files"]["wall_seconds"]  # a cold start costs more
    assert set(figures["targets"]) == {  # Dask and events are not run here (tests/test_scaleout, test_event_driven)
        "parse releases/s (one core)", "end to end from files, s", "end to end from loopback HTTP, s", "peak RSS, MB",
        "no-op re-run / first run", "faster than the naive baseline, x", "Prefect share of end to end",
        "plenary ingest seeds/ over Prefect's minimum, s", "repeated command: orchestration with a background server, s",
        "slowest parse of a hostile input, s", "peak RSS parsing the hostile inputs, MB"}
    assert all(isinstance(t["met"], bool) and t["measured"] is not None for t in figures["targets"].values())

    hostile = figures["hostile"]  # every hostile shape parsed or refused, in a process that only parses
    assert set(hostile["shapes"]) == {shape.name for shape in SHAPES}
    assert all(s["outcome"].startswith(("parsed", "refused: ")) and s["seconds"] > 0
               for s in hostile["shapes"].values())
    assert hostile["slowest_seconds"] == max(s["seconds"] for s in hostile["shapes"].values())
    assert 20 < hostile["peak_rss_mb"] < 2000
