"""Served flow runs start warm: forked from a process that has already imported everything.

Prefect's runner starts each served flow run in a freshly spawned Python (`multiprocessing` "spawn"),
which imports Prefect, this package and Great Expectations again: 4 to 7 s on this machine before a
triggered run does any work. `plenary serve` switches those starts to "forkserver": one server
process imports the flows and opens the quality gate once (`runtime.warm_preload`), and every flow run
is a fork of it. Each run still gets a process of its own, so Prefect's cancellation (it kills the
run's process) and crash reporting work as before.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from pathlib import Path

from ..settings import WARM_REPORTS_DIR


class _ForkServerForSpawn:
    """Stands in for `multiprocessing` inside `prefect.flow_engine`: its "spawn" context becomes "forkserver"."""

    def get_context(self, method: str | None = None):
        return multiprocessing.get_context("forkserver" if method == "spawn" else method)

    def __getattr__(self, name: str):
        return getattr(multiprocessing, name)


def use_warm_flow_processes(reports_dir: str | Path) -> None:
    """Fork served flow runs from a warm server process (started now, so the first run is warm too)."""
    from prefect import flow_engine

    os.environ[WARM_REPORTS_DIR.name] = str(reports_dir)
    multiprocessing.get_context("forkserver").set_forkserver_preload(["flows.runtime.warm_preload"])
    multiprocessing.forkserver.ensure_running()
    flow_engine.multiprocessing = _ForkServerForSpawn()  # read by run_flow_in_subprocess at each start
