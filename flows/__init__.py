"""Prefect flows and the `plenary` command. Quiet, offline defaults are set before Prefect is imported."""
import os

for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_RUNNER_POLL_FREQUENCY": "2",  # served runs start within ~2 s instead of up to 10 s
}.items():
    os.environ.setdefault(_key, _value)
