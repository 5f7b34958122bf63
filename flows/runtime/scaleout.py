"""Scale-out: the CPU stages (parse, validate) on a Dask cluster through prefect-dask; the writer stays here.

Needs the optional extra: `pip install -c constraints.txt -e ".[dask]"`.
"""
from __future__ import annotations

from parsers import PlenaryError


class TaskRunnerError(PlenaryError, ValueError):
    """A --task-runner that cannot be used; the message says what to do."""


def dask_task_runner(spec: str):
    """`dask` (a LocalCluster with one worker process per core) or `dask:tcp://host:8786` (an existing scheduler)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise TaskRunnerError("the Dask task runner needs the optional extra: .venv/bin/pip install -c constraints.txt "
                         "-e '.[dask]'") from None
    kind, _, address = spec.partition(":")
    if kind != "dask":
        raise TaskRunnerError(f"unknown task runner {spec!r}: use dask or dask:tcp://HOST:PORT")
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"processes": True, "threads_per_worker": 1, "dashboard_address": None})
