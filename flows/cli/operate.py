"""`plenary serve`, `server`, `setup` and `bench`: the Prefect server, the served deployments, the benchmark."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from parsers import PlenaryError
from warehouse import default_warehouse_path

from .. import settings
from ..console import EXIT_USAGE, fail, note, print_bench, print_json, say
from ..runtime.serve import DEFAULT_INTERVAL_SECONDS
from . import app
from .options import NotifyOption, WarehouseOption, set_webhook


@app.command()
def serve(
    feed: Optional[str] = typer.Option(None, "--feed", help="RSS feed to poll, read as given (default: the site's feed in each language of $PLENARY_DISCOVER_LANGUAGES, general_en.xml and general_zh.xml)"),
    interval: float = typer.Option(DEFAULT_INTERVAL_SECONDS, "--interval", help="Seconds between two discover runs"),
    sweep_grace: float = typer.Option(settings.SWEEP_GRACE_SECONDS.default, "--sweep-grace", help="A release pending this many seconds is ingested by the sweep"),
    warehouse: Optional[Path] = WarehouseOption,
    reports_dir: Optional[Path] = typer.Option(None, "--reports-dir", help="Where Data Docs are written (default: beside the warehouse, <name>.reports/)"),
    notify_webhook: Optional[str] = NotifyOption,
) -> None:
    """Serve the `discover` (scheduled) and `ingest` (event-triggered) deployments until stopped; needs a Prefect server."""
    from expectations import default_reports_dir

    from parsers import feed_url
    from ..runtime.serve import build_runner, serve_until_stopped

    if interval <= 0 or sweep_grace < 0:
        fail("--interval must be above 0 seconds and --sweep-grace at least 0", EXIT_USAGE)
    set_webhook(notify_webhook)
    _use_a_running_server()
    target = (warehouse or default_warehouse_path()).resolve()
    reports = (reports_dir or default_reports_dir(target)).resolve()
    try:
        feeds = [feed] if feed else [feed_url(settings.SITE.read(), code) for code in settings.DISCOVER_LANGUAGES.read()]
        runner = build_runner(feeds, interval, str(target), str(reports), sweep_grace)  # discover reads each feed
        note(f"serving deployments discover (every {interval:g} s) and ingest (on plenary.release.discovered) "
             f"into {target}; Ctrl+C stops and retires them")
        serve_until_stopped(runner, str(reports))
    except PlenaryError as exc:
        fail(str(exc))


def _use_a_running_server() -> None:
    """Without PREFECT_API_URL, the project's background server, for this process and the flow runs it starts."""
    from ..runtime.local_server import running_server

    if os.environ.get("PREFECT_API_URL"):
        return
    background = running_server()
    if background is None:
        fail("serve needs a running Prefect server: start the project's with `plenary server --background` "
             "(or run `plenary server` elsewhere and export PREFECT_API_URL=http://127.0.0.1:4200/api)")
    os.environ["PREFECT_API_URL"] = background["api_url"]


@app.command()
def server(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (loopback by default)"),
    port: int = typer.Option(4200, "--port", help="Port to listen on"),
    background: bool = typer.Option(False, "--background", help="Keep it running after this command; every plenary command then uses it"),
    stop: bool = typer.Option(False, "--stop", help="Stop the background server"),
    status: bool = typer.Option(False, "--status", help="Say whether the background server runs, and where"),
    startup_timeout: float = typer.Option(180.0, "--startup-timeout", help="Seconds --background waits for the server to answer"),
) -> None:
    """Run the project's Prefect server (SQLite under $PREFECT_HOME, analytics off): in the foreground, or in the background."""
    from ..runtime.local_server import run_foreground, running_server, start_background, stop_background

    if stop:
        stopped = stop_background()
        say(f"stopped the Prefect server at {stopped['api_url']} (process {stopped['pid']})" if stopped
            else "no background Prefect server was running")
    elif status:
        if (current := running_server()) is None:
            fail("no background Prefect server is running: start one with `plenary server --background`")
        say(f"Prefect server at {current['api_url']} (process {current['pid']}, since {current['started_at']}); "
            f"UI: {current['api_url'].removesuffix('/api')}")
    elif background:
        try:
            state = start_background(host, port, startup_timeout)
        except PlenaryError as exc:
            fail(str(exc))
        said = "already running" if state.get("already_running") else "started"
        say(f"Prefect server {said} at {state['api_url']} (process {state['pid']}; UI "
            f"{state['api_url'].removesuffix('/api')}); plenary commands now run their flows there. "
            "Stop it with `plenary server --stop`")
    else:
        note(f"Prefect server on http://{host}:{port}; in other shells: export PREFECT_API_URL=http://{host}:{port}/api")
        run_foreground(host, port)


@app.command()
def setup() -> None:
    """Create and migrate Prefect's database under $PREFECT_HOME (`make install` runs it), so no first run waits for it."""
    import subprocess

    from ..runtime.local_server import prefect_home

    command = [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode:
        fail(f"could not migrate Prefect's database under {prefect_home()}: "
             f"{(done.stderr or done.stdout).strip().splitlines()[-1:] or done.returncode}")
    say(f"Prefect's database under {prefect_home()} is created and migrated")


@app.command()
def bench(
    releases: int = typer.Option(10_000, "--releases", help="Size of the synthetic corpus"),
    json_output: bool = typer.Option(False, "--json", help="Print the figures as one JSON object"),
    keep: Optional[Path] = typer.Option(None, "--keep", help="Keep the corpus, warehouses and reports in this folder"),
    dask: bool = typer.Option(True, "--dask/--no-dask", help="Also run the Dask task runner (needs the dask extra)"),
    naive_sample: int = typer.Option(40, "--naive-sample", help="Releases the naive baseline runs (its rate is extrapolated)"),
    events: int = typer.Option(0, "--events", help="Also time event -> loaded row over this many releases (starts a Prefect server and plenary serve)"),
    repeats: int = typer.Option(3, "--repeats", help="Runs of the no-op re-run, and cold runs of plenary ingest seeds/ and of the trivial flow (best is kept)"),
) -> None:
    """Benchmark the real flows on a synthetic corpus (files and loopback HTTP) against the speed targets."""
    from ..bench import run_bench

    if releases < 20:
        fail("--releases must be at least 20 (the corpus needs room for its bad releases)", EXIT_USAGE)
    figures = run_bench(releases, keep, dask, naive_sample, events, repeats, progress=lambda m: note(f"bench: {m} ..."))
    if json_output:
        print_json(figures, pretty=True)
    else:
        print_bench(figures)
