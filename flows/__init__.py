"""Prefect flows and the `plenary` command. Quiet, offline defaults are set before Prefect is imported.

Prefect's state lives in the project's own `.prefect/` folder unless `PREFECT_HOME` is set, so that
`make run`, `.venv/bin/plenary` run from anywhere and `plenary server` share one home (one database,
one UI showing every run).
"""
import os
from pathlib import Path

_PROJECT = Path(__file__).resolve().parents[1]

for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_RUNNER_POLL_FREQUENCY": "2",  # served runs start within ~2 s instead of up to 10 s
    # A first start creates and migrates the database: 20-30 s on a busy 2-core machine, over Prefect's 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}.items():
    os.environ.setdefault(_key, _value)
if (_PROJECT / "pyproject.toml").is_file():  # a checkout (editable install): the project's own home
    os.environ.setdefault("PREFECT_HOME", str(_PROJECT / ".prefect"))
