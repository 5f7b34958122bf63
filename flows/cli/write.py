"""`plenary ingest`, `reprocess` and `discover`: the commands that run flows on the warehouse."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from parsers import PlenaryError
from warehouse import default_warehouse_path, run_lock

from .. import settings
from ..console import EXIT_STOPPED, EXIT_USAGE, fail, print_json, print_outcome, print_run
from . import app
from .options import (JsonOption, LanguageOption, NotifyOption, WarehouseOption, check_dates, chosen_languages, is_url,
                      set_webhook)

AFTER_A_STOP = "the warehouse keeps every batch committed before the stop, and a re-run goes on from there"


@app.command()
def ingest(
    targets: Optional[list[str]] = typer.Argument(None, help="Release files, folders (a folder's manifest.csv gives source URLs) or page URLs"),
    feed: Optional[str] = typer.Option(None, "--feed", help="Also discover releases in this RSS feed, then ingest them"),
    since: Optional[str] = typer.Option(None, "--since", help="Backfill: walk the daily index pages from this date (YYYY-MM-DD)"),
    until: Optional[str] = typer.Option(None, "--until", help="Last day of the backfill (default: today, HKT)"),
    task_runner: Optional[str] = typer.Option(None, "--task-runner", help="dask (a LocalCluster) or dask:tcp://HOST:PORT: parse and validate files on Dask"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = JsonOption,
    notify_webhook: Optional[str] = NotifyOption,
    force: bool = typer.Option(False, "--force", help="Parse again the files and URLs named, even if their bytes are unchanged, and rebuild their meetings"),
) -> None:
    """Ingest files, folders, page URLs, a feed or a date range (Prefect flows, embedded mode without a server)."""
    from expectations import default_reports_dir, prewarm_gate

    target = warehouse or default_warehouse_path()
    set_webhook(notify_webhook)
    prewarm_gate(default_reports_dir(target).resolve())  # GX starts in its own process while Prefect starts in this one
    from ..discover import discover_flow  # imports Prefect: only for the commands that run flows
    from ..ingest import ingest_paths
    from ..ingest_web import ingest_web_flow

    urls = [t for t in targets or [] if is_url(t)]
    paths = [t for t in targets or [] if not is_url(t)]
    check_dates(since, until)
    _check_ingest(urls, paths, feed, since, task_runner, force)
    steps = [lambda: ingest_paths(paths, target, task_runner=task_runner, force=force)] if paths else []
    steps += [lambda: ingest_web_flow(urls=urls, warehouse=str(target), force=force)] if urls else []
    steps += [lambda: discover_flow(feed=feed, since=since, until=until, ingest_now=True, warehouse=str(target))] if feed or since else []
    results = _run_flows(target, "plenary ingest", steps, AFTER_A_STOP)  # a step that could read nothing fails; the others still run
    summaries = [summary for summary, _ in results if summary]
    if json_output:
        print_json(summaries[0] if len(summaries) == 1 else summaries)
    else:
        for summary in summaries:
            print_run(summary, target)
    if failures := [failure for _, failure in results if failure]:
        fail("; ".join(failures))


def _check_ingest(urls: list[str], paths: list[str], feed: str | None, since: str | None, task_runner: str | None,
                  force: bool) -> None:
    """The arguments of `plenary ingest` that cannot work together, or name nothing: one line, exit 2."""
    if task_runner:
        from ..runtime.scaleout import dask_task_runner

        try:
            dask_task_runner(task_runner)
        except PlenaryError as exc:
            fail(str(exc), EXIT_USAGE)
        if not paths:
            fail("--task-runner applies to files and folders; web collection stays polite and sequential", EXIT_USAGE)
        if ":" in task_runner and not os.environ.get("PREFECT_API_URL"):
            fail("a remote Dask cluster's workers report to Prefect, and cannot reach this command's temporary "
                 "server: run `plenary server` somewhere they can reach and export PREFECT_API_URL", EXIT_USAGE)
    if not (urls or paths or feed or since):
        fail("nothing to ingest: name files, folders or URLs, or give --feed URL or --since DATE", EXIT_USAGE)
    for path in paths:
        if not Path(path).exists():
            fail(f"no such file or folder: {path}", EXIT_USAGE)
    if force and not (paths or urls):
        fail("--force applies to the files, folders and URLs named; to process stored web bodies again, run "
             "`plenary reprocess`", EXIT_USAGE)


@app.command()
def reprocess(
    every: bool = typer.Option(False, "--all", help="Every URL's latest stored body, not only those an older version processed"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = JsonOption,
    notify_webhook: Optional[str] = NotifyOption,
) -> None:
    """Parse again the web bodies stored in the warehouse (raw_documents) that an older parser processed; no fetch.

    Files are parsed again by the next `plenary ingest` that names them (or at once with `plenary ingest --force`)."""
    from ..reprocess import reprocess_flow

    target = warehouse or default_warehouse_path()
    if not Path(target).exists():
        fail(f"no warehouse at {target}: nothing stored to process again", EXIT_USAGE)
    set_webhook(notify_webhook)
    [(summary, failure)] = _run_flows(target, "plenary reprocess",
                                      [lambda: reprocess_flow(warehouse=str(target), every=every)], AFTER_A_STOP)
    print_outcome(summary, failure, target, json_output)


@app.command()
def discover(
    feed: Optional[str] = typer.Option(None, "--feed", help="RSS feed to poll, read as given (default: the site's general_en.xml and general_zh.xml)"),
    since: Optional[str] = typer.Option(None, "--since", help="Walk the daily index pages from this date (YYYY-MM-DD)"),
    until: Optional[str] = typer.Option(None, "--until", help="Last day of the walk (default: today, HKT)"),
    language: Optional[list[str]] = LanguageOption,
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = JsonOption,
    notify_webhook: Optional[str] = NotifyOption,
) -> None:
    """Find new releases (in English and Chinese), add them to the to-do list and emit plenary.release.discovered
    (ingests only leftovers)."""
    from ..discover import discover_flow
    from parsers import feed_url

    set_webhook(notify_webhook)
    check_dates(since, until)
    languages = chosen_languages(language)
    target = warehouse or default_warehouse_path()
    site = settings.SITE.read()
    feeds = [feed] if feed else ([] if since else [feed_url(site, code) for code in languages])
    [(summary, failure)] = _run_flows(
        target, "plenary discover",
        [lambda: discover_flow(feed=feeds, since=since, until=until, warehouse=str(target), languages=languages)],
        "what was recorded before the stop is kept, and a re-run goes on from there")
    print_outcome(summary, failure, target, json_output)


def _run_flows(target: Path, description: str, steps: list, after_stop: str) -> list[tuple[dict, str | None]]:
    """Run flows one after the other under the warehouse's run lock (the lock first, so that a refusal is one line,
    not a failed flow run's traceback; embedded Prefect unless a server is configured). Returns each one's summary
    and, if it could read none of its sources, why (the others still run). Other failures: one line, exit."""
    from ..runs import SourcesUnreadableError
    from ..runtime.embedded import embedded_mode

    results = []
    try:
        with embedded_mode(), run_lock(target, description):
            for step in steps:
                try:
                    results.append((step(), None))
                except SourcesUnreadableError as exc:
                    results.append((exc.summary, str(exc)))
    except PlenaryError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail(f"stopped; {after_stop}", EXIT_STOPPED)
    return results
