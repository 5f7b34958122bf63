"""`plenary bench`: measured throughput of the real flows on a synthetic corpus (see README, Performance)."""
from .run import run_bench

__all__ = ["run_bench"]
