"""The targets `plenary bench` measures against: each figure's path in the `--json` object, and its bound."""
from __future__ import annotations

TARGETS = {  # name: (figure path, comparison, bound) -- issue "Speed you can measure"
    "parse releases/s (one core)": (("files", "stages", "parse", "releases_per_second"), ">=", 2000),
    "end to end from files, s": (("files", "wall_seconds"), "<=", 20),
    "end to end from loopback HTTP, s": (("http", "wall_seconds"), "<=", 40),
    "peak RSS, MB": (("peak_rss_mb",), "<=", 600),
    "no-op re-run / first run": (("files_noop", "ratio_to_first"), "<=", 0.10),
    "faster than the naive baseline, x": (("naive", "speedup"), ">=", 30),
    "Prefect share of end to end": (("files", "prefect_share"), "<=", 0.15),
    "plenary ingest seeds/ over Prefect's minimum, s": (("seeds_ingest", "over_minimum_seconds"), "<=", 2),
    "repeated command: orchestration with a background server, s": (("repeated_command", "orchestration_seconds"), "<=", 1),
    "event to loaded row, median s (--events)": (("events", "median_seconds"), "<=", 5),
    # issue "Bounded work per input": every hostile shape up to the 5 MiB limit (flows.bench.hostile)
    "slowest parse of a hostile input, s": (("hostile", "slowest_seconds"), "<=", 2),
    "peak RSS parsing the hostile inputs, MB": (("hostile", "peak_rss_mb"), "<=", 512),
}


def targets_met(figures: dict) -> dict:
    """Each target with its bound, the measured figure, and whether it is met."""
    out = {}
    for name, (path, op, bound) in TARGETS.items():
        if path[0] not in figures:
            continue  # not measured in this run (--no-dask, no --events)
        value = figures
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        met = value is not None and (value >= bound if op == ">=" else value <= bound)
        out[name] = {"target": f"{op} {bound}", "measured": value, "met": met}
    return out
