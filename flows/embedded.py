"""Prefect settings for flows run in embedded mode: this process against a temporary server of its own."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


@contextmanager
def embedded_mode() -> Iterator[None]:
    """Without `PREFECT_API_URL`, run flows without flow-run heartbeats; with a server, change nothing.

    Heartbeats let a server mark a run whose process died as crashed. A temporary server dies with
    the process that started it, so there they only cost: each flow run waits up to a second for the
    heartbeat thread when it ends (1.1 s for a trivial flow instead of 0.3 s, measured)."""
    from prefect.context import SettingsContext
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url:
        yield
        return
    quiet = settings.model_copy(update={"flows": settings.flows.model_copy(update={"heartbeat_frequency": None})})
    with SettingsContext(profile=SettingsContext.get().profile, settings=quiet):
        yield
