"""`plenary bench`: the real flows on a synthetic corpus, from files and from loopback HTTP, with the
no-op re-run, Prefect's share, peak memory, the naive baseline and (optionally) Dask, against targets."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import duckdb

from .corpus import CorpusItem, build_corpus, write_corpus
from .targets import targets_met
from ..runtime.embedded import embedded_mode
from .floor import COLD_INGEST_SCRIPT, FLOOR_SCRIPT, IMPORTS_ONLY_SCRIPT, TRIVIAL_FLOW_SCRIPT, trivial_flow

NAIVE_SAMPLE = 40
ROOT = Path(__file__).resolve().parents[2]
HOSTILE_SCRIPT = (  # every hostile shape parsed in a process that does nothing else, its figures as JSON
    "import json\n"
    "from flows.bench.hostile import hostile_figures\n"
    "print(json.dumps(hostile_figures()))\n"
)


def run_bench(releases: int, keep: Path | None = None, dask: bool = True, naive_sample: int = NAIVE_SAMPLE,
              events: int = 0, repeats: int = 3, progress: Callable[[str], None] = lambda message: None) -> dict:
    """Run every measurement and return the figures (the `--json` object)."""
    with _workdir(keep) as work, embedded_mode():
        _quiet_loopback_settings()
        corpus = build_corpus(releases)
        corpus_dir = write_corpus(corpus, work / "corpus")
        figures: dict = {"releases": releases, "corpus": _describe(corpus), "workdir": str(work)}
        progress("Prefect's minimum (trivial flows, in a process of their own)")
        floor = _prefect_floor_elsewhere(work)
        figures["prefect_floor"] = floor
        trivial_flow(2)  # this process's embedded server started: the runs below measure Prefect warm
        progress(f"ingest {releases} files")
        figures["files"] = _ingest_files(corpus_dir, work / "files.duckdb", work / "reports", floor)
        figures["files"]["meetings_loaded"] = _count(work / "files.duckdb", "meetings")
        progress(f"plenary ingest of the {releases} files in a fresh process (cold Prefect start included)")
        figures["files_cold_cli"] = _cold_cli_ingest(corpus_dir, work)
        figures["peak_rss_by_process_mb"] = figures["files_cold_cli"].pop("peak_rss_by_process_mb")
        figures["peak_rss_mb"] = sum(figures["peak_rss_by_process_mb"].values())
        progress(f"no-op re-run (best of {repeats})")
        figures["files_noop"] = _noop_reruns(corpus_dir, work, floor, figures["files"]["wall_seconds"], repeats)
        progress(f"ingest {releases} pages from a loopback HTTP server")
        figures["http"] = _ingest_http(corpus, corpus_dir, work / "http.duckdb", work / "reports", floor)
        progress(f"naive baseline on {min(naive_sample, releases)} releases")
        figures["naive"] = _naive(corpus[:naive_sample], releases, work, figures["files"]["wall_seconds"])
        _commands_and_runners(figures, corpus, corpus_dir, work, dask, events, repeats, progress)
        progress("parse every hostile input (issue 12), in a process of its own")
        figures["hostile"] = _hostile_elsewhere(work)
        figures["targets"] = targets_met(figures)
        return figures


def _commands_and_runners(figures: dict, corpus: list[CorpusItem], corpus_dir: Path, work: Path, dask: bool,
                          events: int, repeats: int, progress: Callable[[str], None]) -> None:
    """The command-level figures (seeds cold, repeated on a background server), Dask and event latency."""
    progress("plenary ingest seeds/ against a trivial flow, both cold in embedded mode")
    figures["seeds_ingest"] = _seeds_against_trivial(work, repeats)
    progress("a repeated plenary ingest seeds/ against a trivial flow, both on a background Prefect server")
    figures["repeated_command"] = _repeated_command(work, repeats)
    if dask:
        progress("ingest on Dask (LocalCluster)")
        figures["dask"] = _ingest_dask(corpus_dir, work / "dask.duckdb", work / "reports")
    if events:
        from .events import event_latency

        progress(f"event to loaded row, {events} releases (Prefect server and plenary serve)")
        figures["events"] = event_latency(corpus, corpus_dir, work, events)


@contextmanager
def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        for stale in keep.glob("*.duckdb*"):
            stale.unlink()
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as tmp:
        yield Path(tmp)


def _quiet_loopback_settings() -> None:
    """Fetch from loopback with no politeness delay (the bench is its own server)."""
    os.environ.update({"PLENARY_ALLOWED_HOSTS": "127.0.0.1", "PLENARY_FETCH_DELAY": "0"})


def _describe(corpus: list[CorpusItem]) -> dict:
    return {
        "pages": sum(1 for c in corpus if c.name.endswith(".htm")),
        "texts": sum(1 for c in corpus if c.name.endswith(".txt")),
        "plenary_reports": sum(1 for c in corpus if c.expect == "meeting"),
        "other_releases": sum(1 for c in corpus if c.expect == "skipped"),
        "bad": sum(1 for c in corpus if c.expect == "quarantined"),
        "mean_bytes": round(sum(len(c.data) for c in corpus) / max(1, len(corpus))),
    }


def _ingest_files(folder: Path, warehouse: Path, reports: Path, floor: dict) -> dict:
    from ..ingest import ingest_files_flow

    started = time.perf_counter()
    summary = ingest_files_flow(paths=[str(folder)], warehouse=str(warehouse), reports_dir=str(reports))
    return _figures(summary, time.perf_counter() - started, floor)


def _noop_reruns(folder: Path, work: Path, floor: dict, first_seconds: float, repeats: int) -> dict:
    """The files run again on the unchanged corpus, `repeats` times (each a no-op), best of them: at about
    a second each, one run is as exposed to a noisy neighbour as the ratio is to its bound."""
    runs = [_ingest_files(folder, work / "files.duckdb", work / "reports", floor) for _ in range(max(1, repeats))]
    best = min(runs, key=lambda run: run["wall_seconds"])
    return {"wall_seconds": best["wall_seconds"], "ratio_to_first": best["wall_seconds"] / first_seconds,
            "unchanged": best["counts"]["unchanged"], "parsed": best["counts"]["parsed"],
            "runs": [run["wall_seconds"] for run in runs]}


def _ingest_http(corpus: list[CorpusItem], folder: Path, warehouse: Path, reports: Path, floor: dict) -> dict:
    from warehouse import Discovery, open_writer, record_discoveries

    from ..ingest_web import ingest_web_flow

    with _corpus_site(folder) as base:
        with open_writer(warehouse) as con:  # a backfill's discovery, done: every page is on the to-do list
            record_discoveries(con, [Discovery(base + urlsplit(item.url).path, None, item.name, "url", None) for item in corpus])
        started = time.perf_counter()
        summary = ingest_web_flow(pending_for_seconds=0, warehouse=str(warehouse), reports_dir=str(reports))
        figures = _figures(summary, time.perf_counter() - started, floor)
    figures["meetings_loaded"] = _count(warehouse, "meetings")
    return figures


def _ingest_dask(folder: Path, warehouse: Path, reports: Path) -> dict:
    if importlib.util.find_spec("prefect_dask") is None:
        return {"skipped": "prefect-dask is not installed (the optional extra: pip install -e '.[dask]')"}
    from ..ingest import ingest_paths

    started = time.perf_counter()
    summary = ingest_paths([folder], warehouse, reports, task_runner="dask")
    wall = time.perf_counter() - started
    return {"wall_seconds": wall, "releases_per_second": summary["counts"]["read"] / wall,
            "meetings_loaded": _count(warehouse, "meetings"), "task_runs": summary["task_runs"],
            "note": "includes starting the LocalCluster and Great Expectations in each worker"}


@contextmanager
def _corpus_site(folder: Path) -> Iterator[str]:
    """The corpus served by `flows.bench.site` in its own process."""
    proc = subprocess.Popen([sys.executable, "-m", "flows.bench.site", str(folder)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _figures(summary: dict, wall: float, floor: dict) -> dict:
    """Throughput per stage, wall time, task runs and Prefect's share of one run."""
    n = summary["counts"]["read"] or 1
    stages = {name: {"seconds": s, "releases_per_second": n / s if s else None}
              for name, s in summary["stage_seconds"].items()}
    around_tasks = sum(summary["stage_seconds"].get(name, 0.0) - inner for name, inner in summary["inside_seconds"].items())
    prefect_seconds = floor["flow_seconds"] + max(0.0, around_tasks)
    return {"wall_seconds": wall, "releases_per_second": n / wall, "stages": stages, "task_runs": summary["task_runs"],
            "inside_task_seconds": summary["inside_seconds"], "prefect_seconds": prefect_seconds,
            "prefect_share": prefect_seconds / wall, "counts": summary["counts"]}


def _naive(sample: list[CorpusItem], releases: int, work: Path, pipeline_wall: float) -> dict:
    from .naive import naive_ingest

    seconds = naive_ingest(sample, work / "naive.duckdb", work / "naive-reports")
    per_release = seconds / max(1, len(sample))
    estimated = per_release * releases
    return {"sample": len(sample), "sample_seconds": seconds, "seconds_per_release": per_release,
            "estimated_wall_seconds": estimated, "speedup": estimated / pipeline_wall}


def _seeds_against_trivial(work: Path, repeats: int) -> dict:
    """Both in fresh processes in embedded mode, alternating, best of `repeats`: `plenary ingest seeds/`
    (into a new warehouse and reports folder each time, as on a fresh machine) and a trivial two-task flow."""
    ingest, trivial = [], []
    for attempt in range(repeats):
        ingest.append(_timed_process([sys.executable, "-m", "flows.cli", "ingest", str(ROOT / "seeds"),
                                      "--warehouse", str(work / f"seeds-{attempt}.duckdb")], work,
                                     {"PLENARY_REPORTS_DIR": str(work / f"seeds-{attempt}-reports")}))
        trivial.append(_timed_process([sys.executable, "-c", TRIVIAL_FLOW_SCRIPT], work))
    return {"ingest_seconds": min(ingest), "trivial_flow_seconds": min(trivial),
            "over_minimum_seconds": min(ingest) - min(trivial), "runs": {"ingest": ingest, "trivial": trivial}}


def _repeated_command(work: Path, repeats: int) -> dict:
    """With `plenary server --background` running (its own Prefect home under the work folder), in fresh
    processes, alternating, best of `repeats`: a repeated `plenary ingest seeds/` (the second and later
    runs on one warehouse), a trivial two-task flow, and a process that only imports what they import.

    orchestration = trivial flow - imports: what running any flow against the server costs a command;
    the ingest's ratio to the trivial flow shows what the pipeline adds on top."""
    from ..runtime.health import free_port

    home = work / "prefect-home"
    env = {"PREFECT_HOME": str(home), "PLENARY_REPORTS_DIR": str(work / "repeat-reports")}
    server = subprocess.run([sys.executable, "-m", "flows.cli", "server", "--background", "--port", str(free_port())],
                            cwd=work, capture_output=True, text=True, env=_without_api(os.environ | env))
    if server.returncode != 0:
        raise RuntimeError(f"plenary server --background failed: {server.stderr.strip().splitlines()[-1:]}")
    try:
        ingest_command = [sys.executable, "-m", "flows.cli", "ingest", str(ROOT / "seeds"), "--warehouse",
                          str(work / "repeat.duckdb")]
        _timed_process(ingest_command, work, env, without_api=True)  # the first run loads; the rest repeat it
        ingest, trivial, imports = [], [], []
        for _ in range(repeats):
            ingest.append(_timed_process(ingest_command, work, env, without_api=True))
            trivial.append(_timed_process([sys.executable, "-c", TRIVIAL_FLOW_SCRIPT], work, env, without_api=True))
            imports.append(_timed_process([sys.executable, "-c", IMPORTS_ONLY_SCRIPT], work, env, without_api=True))
    finally:
        subprocess.run([sys.executable, "-m", "flows.cli", "server", "--stop"], cwd=work, capture_output=True,
                       env=_without_api(os.environ | env))
    return {"ingest_seconds": min(ingest), "trivial_flow_seconds": min(trivial), "imports_seconds": min(imports),
            "ratio_to_trivial_flow": min(ingest) / min(trivial),
            "orchestration_seconds": max(0.0, min(trivial) - min(imports)),
            "runs": {"ingest": ingest, "trivial": trivial, "imports": imports}}


def _without_api(env: dict) -> dict:
    return {k: v for k, v in env.items() if k != "PREFECT_API_URL"}


def _prefect_floor_elsewhere(work: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT], cwd=work, capture_output=True, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)})
    if result.returncode != 0:
        raise RuntimeError(f"measuring Prefect's minimum failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _hostile_elsewhere(work: Path) -> dict:
    """The hostile shapes (`flows.bench.hostile`) parsed in a fresh process: the seconds of each, the slowest,
    and the process's peak RSS (parsers only: no Prefect, no DuckDB)."""
    result = subprocess.run([sys.executable, "-c", HOSTILE_SCRIPT], cwd=work, capture_output=True, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)})
    if result.returncode != 0:
        raise RuntimeError(f"parsing the hostile inputs failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _timed_process(command: list[str], cwd: Path, env: dict | None = None, without_api: bool = False) -> float:
    environment = os.environ | {"PYTHONPATH": str(ROOT)} | (env or {})
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env=_without_api(environment) if without_api else environment)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {result.stderr.strip().splitlines()[-1:]}")
    return time.perf_counter() - started


def _cold_cli_ingest(folder: Path, work: Path) -> dict:
    """`plenary ingest FOLDER` in a fresh process: its wall time, and the peak RSS of its process and of
    its gate process (both count; this process is not measured, it holds the corpus in memory)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", COLD_INGEST_SCRIPT, "ingest", str(folder), "--warehouse",
                             str(work / "cold.duckdb")], cwd=work, capture_output=True, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT), "PLENARY_REPORTS_DIR": str(work / "cold-reports")})
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"plenary ingest of the corpus failed: {result.stderr.strip().splitlines()[-1:]}")
    return {"wall_seconds": wall, "peak_rss_by_process_mb": json.loads(result.stdout.strip().splitlines()[-1])}


def _count(warehouse: Path, table: str) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
