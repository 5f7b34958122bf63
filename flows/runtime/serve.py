"""Event-driven operation: the `discover` and `ingest` deployments served from one runner (the Prefect
server itself is `runtime.local_server`)."""
from __future__ import annotations

import contextlib
from datetime import timedelta

from parsers import PlenaryError

DEFAULT_INTERVAL_SECONDS = 15 * 60
DEPLOYMENTS = ("discover/discover", "ingest-web/ingest")  # <flow name>/<deployment name>
TRIGGER_NAME = "ingest-discovered-release"


class ServeError(PlenaryError, RuntimeError):
    """The deployments could not be registered, or serving them stopped; one line, from what Prefect said."""

    def __init__(self, what: str, exc: BaseException) -> None:
        super().__init__(f"{what}: {exc}".splitlines()[0])


def build_runner(feed: str, interval_seconds: float, warehouse: str, reports_dir: str, sweep_grace_seconds: float):
    """A Prefect runner serving `discover` on an interval schedule and `ingest`, started by each
    `plenary.release.discovered` event; one run at a time (one writer). The flows are added as flow
    objects, so the runner starts their runs from them (forked warm, see `runtime.warm_start`) instead of
    re-importing the code in a new `python -m prefect.engine`. A failure to register them (the server refused
    or went away: Prefect's client raises it in many shapes) is a ServeError."""
    from prefect.runner import Runner

    from ..discover import discover_flow
    from ..ingest_web import ingest_web_flow

    try:
        runner = Runner(name="plenary-serve", limit=1)
        _add_flows(runner, discover_flow, ingest_web_flow, feed, interval_seconds, warehouse, reports_dir,
                   sweep_grace_seconds)
    except BaseException as exc:
        with contextlib.suppress(Exception):  # add_flow registers at once: leave nothing half-registered
            retire_deployments()
        if isinstance(exc, Exception):
            raise ServeError("cannot register the deployments", exc) from exc
        raise
    return runner


def _add_flows(runner, discover_flow, ingest_web_flow, feed: str, interval_seconds: float, warehouse: str,
               reports_dir: str, sweep_grace_seconds: float) -> None:
    from prefect.events import DeploymentEventTrigger
    from prefect.types.entrypoint import EntrypointType

    from .events import DISCOVERED, RESOURCE_PREFIX

    runner.add_flow(
        discover_flow,
        name="discover",
        interval=timedelta(seconds=interval_seconds),
        parameters={"feed": feed, "warehouse": warehouse, "reports_dir": reports_dir,
                    "sweep_grace_seconds": sweep_grace_seconds},
        description="Poll the feed, record new releases in the to-do list, announce them, sweep what is left.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    trigger = DeploymentEventTrigger(
        name=TRIGGER_NAME,
        expect={DISCOVERED},
        match={"prefect.resource.id": f"{RESOURCE_PREFIX}*"},
        parameters={"url": "{{ event.payload.url }}", "warehouse": warehouse, "reports_dir": reports_dir},
    )
    runner.add_flow(
        ingest_web_flow,
        name="ingest",
        triggers=[trigger],
        description="Fetch, parse, validate and load one discovered release.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def serve_until_stopped(runner, reports_dir: str) -> None:
    """Run the runner until Ctrl+C or a termination signal, flow runs forked from a warm process;
    retire the deployments and their automations on the way out. Serving that fails is a ServeError."""
    import asyncio

    from prefect.exceptions import TerminationSignal

    from .warm_start import use_warm_flow_processes

    try:
        try:
            use_warm_flow_processes(reports_dir)
            asyncio.run(runner.start())
        except (KeyboardInterrupt, TerminationSignal):
            pass
        finally:
            retire_deployments()
    except Exception as exc:  # the server went away or refused us, in whatever shape Prefect's client raises it
        raise ServeError(f"serve stopped: {type(exc).__name__}", exc) from exc


def retire_deployments(names: tuple[str, ...] = DEPLOYMENTS) -> list[str]:
    """Delete the served deployments and the automations they own, so nothing fires while no one serves."""
    from prefect import get_client
    from prefect.exceptions import ObjectNotFound

    retired = []
    with get_client(sync_client=True) as client:
        for name in names:
            try:
                deployment = client.read_deployment_by_name(name)
            except ObjectNotFound:
                continue
            client.delete_resource_owned_automations(f"prefect.deployment.{deployment.id}")
            client.delete_deployment(deployment.id)
            retired.append(name)
    return retired
