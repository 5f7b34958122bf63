"""`plenary bench`: measured throughput of the real flows on a synthetic corpus (see README, Performance).

`run_bench` is imported on first use, so that `flows.bench.hostile` can be imported (in a process that parses
and nothing else) without Prefect or DuckDB."""
from __future__ import annotations

__all__ = ["run_bench"]


def __getattr__(name: str):
    if name == "run_bench":
        from .run import run_bench

        return run_bench
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
