"""The `plenary` command: ingest, reprocess, discover, serve, server, parse, report, sql."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from parsers import ParsingError, Source, parse_document
from warehouse import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError, default_warehouse_path, open_reader
from warehouse import run_lock

from .serve import DEFAULT_INTERVAL_SECONDS

app = typer.Typer(help="Plenary releases pipeline: ingest, inspect and query the warehouse.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

WarehouseOption = typer.Option(None, "--warehouse", "-w", help="DuckDB file (default: $PLENARY_WAREHOUSE or ./warehouse.duckdb)")
NotifyOption = typer.Option(None, "--notify-webhook", help="POST a JSON notice here when a run fails or quarantines a release ($PLENARY_NOTIFY_WEBHOOK)")


def fail(message: str, code: int = 1) -> None:
    """Print one clear line on stderr and exit non-zero."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def ingest(
    targets: Optional[list[str]] = typer.Argument(None, help="Release files, folders (a folder's manifest.csv gives source URLs) or page URLs"),
    feed: Optional[str] = typer.Option(None, "--feed", help="Also discover releases in this RSS feed, then ingest them"),
    since: Optional[str] = typer.Option(None, "--since", help="Backfill: walk the daily index pages from this date (YYYY-MM-DD)"),
    until: Optional[str] = typer.Option(None, "--until", help="Last day of the backfill (default: today, HKT)"),
    task_runner: Optional[str] = typer.Option(None, "--task-runner", help="dask (a LocalCluster) or dask:tcp://HOST:PORT: parse and validate files on Dask"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = typer.Option(False, "--json", help="Print the run summary as JSON"),
    notify_webhook: Optional[str] = NotifyOption,
    force: bool = typer.Option(False, "--force", help="Parse again the files and URLs named, even if their bytes are unchanged, and rebuild their meetings"),
) -> None:
    """Ingest files, folders, page URLs, a feed or a date range (Prefect flows, embedded mode without a server)."""
    from expectations import default_reports_dir
    from expectations import prewarm_gate

    target = warehouse or default_warehouse_path()
    _set_webhook(notify_webhook)
    prewarm_gate(default_reports_dir(target).resolve())  # GX starts in its own process while Prefect starts in this one
    from .embedded import TemporaryServerError, embedded_mode
    from .ingest import SourcesUnreadableError, ingest_paths  # imports Prefect: only for the commands that run flows
    from .web import discover, ingest_web

    urls = [t for t in targets or [] if _is_url(t)]
    paths = [t for t in targets or [] if not _is_url(t)]
    _check_dates(since, until)
    _check_settings()
    if task_runner:
        from .scaleout import dask_task_runner

        try:
            dask_task_runner(task_runner)
        except ValueError as exc:
            fail(str(exc), 2)
        if not paths:
            fail("--task-runner applies to files and folders; web collection stays polite and sequential", 2)
        if ":" in task_runner and not os.environ.get("PREFECT_API_URL"):
            fail("a remote Dask cluster's workers report to Prefect, and cannot reach this command's temporary "
                 "server: run `plenary server` somewhere they can reach and export PREFECT_API_URL", 2)
    if not (urls or paths or feed or since):
        fail("nothing to ingest: name files, folders or URLs, or give --feed URL or --since DATE", 2)
    for path in paths:
        if not Path(path).exists():
            fail(f"no such file or folder: {path}", 2)
    if force and not (paths or urls):
        fail("--force applies to the files, folders and URLs named; to process stored web bodies again, run `plenary reprocess`", 2)
    steps = [lambda: ingest_paths(paths, target, task_runner=task_runner, force=force)] if paths else []
    steps += [lambda: ingest_web(urls=urls, warehouse=str(target), force=force)] if urls else []
    steps += [lambda: discover(feed=feed, since=since, until=until, ingest_now=True, warehouse=str(target))] if feed or since else []
    summaries, failures = [], []
    try:  # the run lock before any flow, so that a refusal is one line, not a failed flow run's traceback
        with embedded_mode(), run_lock(target, "plenary ingest"):
            for step in steps:  # a step that could read nothing fails; the others still run
                try:
                    summaries.append(step())
                except SourcesUnreadableError as exc:
                    summaries += [exc.summary] if exc.summary else []
                    failures.append(str(exc))
    except (WarehouseBusyError, WarehouseUnreadableError, TemporaryServerError, ValueError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("stopped; the warehouse keeps every batch committed before the stop, and a re-run goes on from there", 130)
    if json_output:
        out.print_json(json.dumps(summaries[0] if len(summaries) == 1 else summaries, default=str))
    else:
        for summary in summaries:
            _print_run(summary, target)
    if failures:
        fail("; ".join(failures))


@app.command()
def reprocess(
    every: bool = typer.Option(False, "--all", help="Every URL's latest stored body, not only those an older version processed"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = typer.Option(False, "--json", help="Print the run summary as JSON"),
    notify_webhook: Optional[str] = NotifyOption,
) -> None:
    """Parse again the web bodies stored in the warehouse (raw_documents) that an older parser processed; no fetch.

    Files are parsed again by the next `plenary ingest` that names them (or at once with `plenary ingest --force`)."""
    from .reprocess import reprocess as reprocess_flow

    target = warehouse or default_warehouse_path()
    if not Path(target).exists():
        fail(f"no warehouse at {target}: nothing stored to process again", 2)
    _set_webhook(notify_webhook)
    _check_settings()
    summary, failure = _run_one_flow(target, "plenary reprocess", lambda: reprocess_flow(warehouse=str(target), every=every),
                                     "the warehouse keeps every batch committed before the stop, and a re-run goes on from there")
    _print_outcome(summary, failure, target, json_output)


def _run_one_flow(target: Path, description: str, run, after_stop: str) -> tuple[dict, str | None]:
    """Run one flow under the warehouse's run lock (embedded Prefect unless a server is configured);
    returns its summary and, if it could read none of its sources, why. Other failures: one line, exit."""
    from .embedded import TemporaryServerError, embedded_mode
    from .ingest import SourcesUnreadableError

    try:
        with embedded_mode(), run_lock(target, description):
            return run(), None
    except SourcesUnreadableError as exc:
        return exc.summary, str(exc)
    except (WarehouseBusyError, WarehouseUnreadableError, TemporaryServerError, ValueError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail(f"stopped; {after_stop}", 130)


def _print_outcome(summary: dict, failure: str | None, target: Path, json_output: bool) -> None:
    """Print a run's summary (as JSON, or as `_print_run` does), then fail with the reason if it failed."""
    if json_output:
        out.print_json(json.dumps(summary, default=str))
    elif summary:
        _print_run(summary, target)
    if failure:
        fail(failure)


@app.command()
def discover(
    feed: Optional[str] = typer.Option(None, "--feed", help="RSS feed to poll (default: the site's general_en.xml)"),
    since: Optional[str] = typer.Option(None, "--since", help="Walk the daily index pages from this date (YYYY-MM-DD)"),
    until: Optional[str] = typer.Option(None, "--until", help="Last day of the walk (default: today, HKT)"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = typer.Option(False, "--json", help="Print the run summary as JSON"),
    notify_webhook: Optional[str] = NotifyOption,
) -> None:
    """Find new releases, add them to the to-do list and emit plenary.release.discovered (ingests only leftovers)."""
    from .discovery import feed_url
    from .web import discover as discover_flow

    _set_webhook(notify_webhook)
    _check_dates(since, until)
    _check_settings()
    target = warehouse or default_warehouse_path()
    feed = feed or (None if since else feed_url(_site()))
    summary, failure = _run_one_flow(target, "plenary discover",
                                     lambda: discover_flow(feed=feed, since=since, until=until, warehouse=str(target)),
                                     "what was recorded before the stop is kept, and a re-run goes on from there")
    _print_outcome(summary, failure, target, json_output)


@app.command()
def serve(
    feed: Optional[str] = typer.Option(None, "--feed", help="RSS feed to poll (default: the site's general_en.xml)"),
    interval: float = typer.Option(DEFAULT_INTERVAL_SECONDS, "--interval", help="Seconds between two discover runs"),
    sweep_grace: float = typer.Option(120.0, "--sweep-grace", help="A release pending this many seconds is ingested by the sweep"),
    warehouse: Optional[Path] = WarehouseOption,
    reports_dir: Optional[Path] = typer.Option(None, "--reports-dir", help="Where Data Docs are written (default: beside the warehouse, <name>.reports/)"),
    notify_webhook: Optional[str] = NotifyOption,
) -> None:
    """Serve the `discover` (scheduled) and `ingest` (event-triggered) deployments until stopped; needs a Prefect server."""
    from expectations import default_reports_dir

    from .discovery import feed_url
    from .local_server import running_server
    from .serve import build_runner, serve_until_stopped

    if interval <= 0 or sweep_grace < 0:
        fail("--interval must be above 0 seconds and --sweep-grace at least 0", 2)
    _set_webhook(notify_webhook)
    _check_settings()
    if not os.environ.get("PREFECT_API_URL"):
        background = running_server()
        if background is None:
            fail("serve needs a running Prefect server: start the project's with `plenary server --background` "
                 "(or run `plenary server` elsewhere and export PREFECT_API_URL=http://127.0.0.1:4200/api)")
        os.environ["PREFECT_API_URL"] = background["api_url"]  # this process and the flow runs it starts
    target = (warehouse or default_warehouse_path()).resolve()
    reports = (reports_dir or default_reports_dir(target)).resolve()
    try:
        runner = build_runner(feed or feed_url(_site()), interval, str(target), str(reports), sweep_grace)
    except Exception as exc:
        fail(f"cannot register the deployments: {exc}".splitlines()[0])
    err.print(f"serving deployments discover (every {interval:g} s) and ingest (on plenary.release.discovered) "
              f"into {target}; Ctrl+C stops and retires them", highlight=False)
    try:
        serve_until_stopped(runner, str(reports))
    except Exception as exc:  # the server went away or refused us: say so in one line
        fail(f"serve stopped: {type(exc).__name__}: {exc}".splitlines()[0])


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
    from .local_server import LocalServerError, run_foreground, running_server, start_background, stop_background

    if stop:
        stopped = stop_background()
        out.print(f"stopped the Prefect server at {stopped['api_url']} (process {stopped['pid']})" if stopped
                  else "no background Prefect server was running", highlight=False)
        return
    if status:
        current = running_server()
        if current is None:
            fail("no background Prefect server is running: start one with `plenary server --background`")
        out.print(f"Prefect server at {current['api_url']} (process {current['pid']}, since {current['started_at']}); "
                  f"UI: {current['api_url'].removesuffix('/api')}", highlight=False)
        return
    if background:
        try:
            state = start_background(host, port, startup_timeout)
        except LocalServerError as exc:
            fail(str(exc))
        said = "already running" if state.get("already_running") else "started"
        out.print(f"Prefect server {said} at {state['api_url']} (process {state['pid']}; UI "
                  f"{state['api_url'].removesuffix('/api')}); plenary commands now run their flows there. "
                  "Stop it with `plenary server --stop`", highlight=False)
        return
    err.print(f"Prefect server on http://{host}:{port}; in other shells: export PREFECT_API_URL=http://{host}:{port}/api",
              highlight=False)
    run_foreground(host, port)


@app.command()
def setup() -> None:
    """Create and migrate Prefect's database under $PREFECT_HOME (`make install` runs it), so no first run waits for it."""
    import subprocess

    from .local_server import prefect_home

    command = [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode:
        fail(f"could not migrate Prefect's database under {prefect_home()}: "
             f"{(done.stderr or done.stdout).strip().splitlines()[-1:] or done.returncode}")
    out.print(f"Prefect's database under {prefect_home()} is created and migrated", highlight=False)


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
    from .bench import run_bench

    if releases < 20:
        fail("--releases must be at least 20 (the corpus needs room for its bad releases)", 2)
    figures = run_bench(releases, keep, dask, naive_sample, events, repeats,
                        progress=lambda m: err.print(f"bench: {m} ...", highlight=False))
    if json_output:
        sys.stdout.write(json.dumps(figures, default=str, indent=2) + "\n")
        return
    _print_bench(figures)


def _print_bench(figures: dict) -> None:
    """Stage throughput per source, then each target with its measurement."""
    rows = []
    for source in ("files", "http"):
        for name, stage_figures in figures[source]["stages"].items():
            rate = stage_figures["releases_per_second"]
            rows.append({"source": source, "stage": name, "seconds": f"{stage_figures['seconds']:.2f}",
                         "releases/s": f"{rate:,.0f}" if rate else "-"})
        rows.append({"source": source, "stage": "end to end", "seconds": f"{figures[source]['wall_seconds']:.2f}",
                     "releases/s": f"{figures[source]['releases_per_second']:,.0f}"})
    _print_rows(f"plenary bench: {figures['releases']} releases ({figures['corpus']})", rows)
    _print_rows("targets", [{"target": name, "bound": t["target"],
                             "measured": f"{t['measured']:.3g}" if isinstance(t["measured"], (int, float)) else str(t["measured"]),
                             "met": "yes" if t["met"] else "NO"} for name, t in figures["targets"].items()])


@app.command()
def parse(
    target: str = typer.Argument(..., help="A release file (text, Markdown or a saved HTML page) or a page URL"),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="The release's web address (gives its id and date)"),
    json_output: bool = typer.Option(False, "--json", help="Print the staged records as JSON"),
) -> None:
    """Print the staged records of one release, before any quality gate; touches no warehouse.

    A file over the size limit `plenary ingest` applies (5 MiB) is refused unread, and the parse has the time
    budget of the ingest's parse stage ($PLENARY_PARSE_BUDGET_SECONDS)."""
    from .stages import parse_budget_from_env

    try:
        budget = parse_budget_from_env()
    except ValueError as exc:
        fail(str(exc), 2)
    data, source, content_type, charset = _fetch_one(target) if _is_url(target) else _read_one(Path(target), source_url)
    try:
        parsed = parse_document(data, source, content_type, charset, budget=budget)
    except ParsingError as exc:
        fail(f"{target}: {exc}")
    records = parsed.to_dict()
    if json_output:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return
    meeting = records["meeting"]
    if meeting is None:
        out.print(f"not a plenary report: {records['release']['not_plenary_reason']}")
        return
    _print_rows(f"{meeting['meeting_id']}: {records['release']['title']}",
                [{"field": k, "value": v} for k, v in meeting.items()])
    _print_rows("areas", [{k: a[k] for k in ("area_no", "heading", "category", "paragraph_count")} for a in records["areas"]])
    _print_rows("attendees", [{k: a[k] for k in ("person", "office", "side", "role")} for a in records["attendees"]])
    _print_rows("agreements", [{k: a[k] for k in ("agreement_no", "title")} for a in records["agreements"]])


@app.command()
def report(
    warehouse: Optional[Path] = WarehouseOption,
    runs: int = typer.Option(10, "--runs", help="How many recent runs the trend shows"),
    html_path: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML page here"),
) -> None:
    """Data quality: the latest run per table, open quarantine, and the trend over recent runs."""
    from .report import build_report, render_html

    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            quality = build_report(con, runs)
    except (WarehouseMissingError, WarehouseBusyError, WarehouseUnreadableError) as exc:
        fail(str(exc))
    run = quality.latest_run or {}
    out.print(f"latest run: {run.get('run_id', 'none')} ({run.get('status', '-')}, started {run.get('started_at', '-')})",
              highlight=False)
    _print_rows("checks per table (latest run)", quality.by_table)
    _print_rows("failing checks (latest run)", quality.failures)
    _print_rows("meetings changed (latest run)", quality.meeting_changes)
    _print_rows("quarantined, not yet resolved", quality.quarantined)
    _print_rows(f"trend over the last {runs} runs", quality.trend)
    if html_path:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(quality), encoding="utf-8")
        out.print(f"HTML report written to {html_path}", highlight=False)


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run (read-only)"),
    warehouse: Optional[Path] = WarehouseOption,
    json_output: bool = typer.Option(False, "--json", help="Print rows as JSON"),
) -> None:
    """Run a read-only SQL query on the warehouse and print the result as a table."""
    import duckdb

    try:
        with open_reader(warehouse or default_warehouse_path()) as con:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    except (WarehouseMissingError, WarehouseBusyError, WarehouseUnreadableError) as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"query failed: {exc}".splitlines()[0])
    if json_output:
        sys.stdout.write(json.dumps(rows, default=str, indent=2) + "\n")
        return
    _print_rows(None, rows, columns)


def _read_one(path: Path, source_url: str | None) -> tuple[bytes, Source, None, None]:
    """A release file, with the URL --source-url or its folder's manifest.csv gives; one over the size limit of
    `plenary ingest` (`sources.MAX_FILE_BYTES`) is refused, having read no more than the limit and one byte."""
    from . import sources
    from .sources import ManifestError, read_manifest

    limit = sources.MAX_FILE_BYTES
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    if len(data) > limit:
        how_large = f"{size:,} bytes, " if size > limit else ""  # a pipe does not tell its size
        fail(f"{path}: the file is {how_large}over the {limit:,}-byte limit of a release file "
             "(plenary ingest refuses it too); not parsed")
    if source_url is None:
        try:
            source_url = read_manifest(path.parent / "manifest.csv").get(path.name)
        except (ManifestError, UnicodeDecodeError) as exc:
            fail(f"unreadable manifest.csv beside {path}: {exc}")
    return data, Source(uri=str(path), url=source_url), None, None


def _fetch_one(url: str) -> tuple[bytes, Source, str, str | None]:
    """A release page fetched under the fetch policy (allowlist, limits, retries)."""
    from .fetch import Fetcher, FetchError, FetchPolicy

    try:
        with Fetcher(FetchPolicy.from_env()) as fetcher:
            page = fetcher.fetch(url)
    except (FetchError, ValueError) as exc:
        fail(str(exc))
    return page.body, Source(uri=url, url=page.final_url), page.content_type, page.charset


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def _site() -> str:
    return os.environ.get("PLENARY_SITE", "https://www.info.gov.hk")


def _check_settings() -> None:
    """Read the PLENARY_* fetch, parse budget, sweep, wait and webhook settings before any flow starts; a bad one is a one-line error."""
    from warehouse import run_wait_seconds

    from .fetch import FetchPolicy
    from .notify import webhook_url
    from .stages import parse_budget_from_env
    from .web import sweep_grace_from_env

    try:
        FetchPolicy.from_env()
        parse_budget_from_env()
        sweep_grace_from_env()
        run_wait_seconds()
        webhook_url()
    except ValueError as exc:
        fail(str(exc), 2)


def _set_webhook(url: str | None) -> None:
    """--notify-webhook: for this process and the flow runs it starts (`flows.notify`)."""
    if url:
        os.environ["PLENARY_NOTIFY_WEBHOOK"] = url


def _check_dates(since: str | None, until: str | None) -> None:
    from datetime import date

    for flag, value in (("--since", since), ("--until", until)):
        if value is None:
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            fail(f"{flag} {value!r} is not a date; use YYYY-MM-DD", 2)
    if until and not since:
        fail("--until needs --since", 2)
    if since and until and date.fromisoformat(until) < date.fromisoformat(since):
        fail(f"--until {until} is before --since {since}", 2)


def _print_run(summary: dict, target: Path) -> None:
    """A discover run prints what it found, then the ingest it started; an ingest run prints its summary."""
    if "discovered" in summary:
        counts = summary["counts"]
        out.print(f"discover {summary['run_id']}: {counts['read']} releases listed, {len(summary['discovered'])} new "
                  f"to ingest, {counts['skipped']} set aside (not plenary reports), {counts['quarantined']} refused or "
                  f"unreadable; {summary['events_sent']} discovered events sent", highlight=False)
        for item in summary["quarantined"]:
            err.print(f"quarantined at {item['stage']}: {item['source']}: {item['reason']}", highlight=False)
        if summary.get("ingest"):
            _print_summary(summary["ingest"], target)
        if summary.get("ingest_failure"):
            err.print(f"the ingest of the pending releases failed: {summary['ingest_failure']}", highlight=False)
        return
    _print_summary(summary, target)


def _print_summary(summary: dict, target: Path) -> None:
    counts = summary["counts"]
    out.print(
        f"run {summary['run_id']}: read {counts['read']}, parsed {counts['parsed']}, loaded {counts['loaded']} "
        f"(new or changed), unchanged {counts['unchanged']}, skipped {counts['skipped']} (not plenary reports), "
        f"quarantined {counts['quarantined']}",
        highlight=False,
    )
    ids = sorted(set(summary["release_ids"]))
    if ids:
        try:
            _print_meetings(target, ids)
        except (WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError) as exc:
            err.print(f"(the meetings loaded are not listed: {exc})", highlight=False)
    for item in summary["quarantined"]:
        err.print(f"quarantined at {item['stage']}: {item['source']}: {item['reason']}", highlight=False)
    for change in summary.get("meeting_changes") or []:
        out.print(f"meeting {change['change']}: {change['summary']}", highlight=False)
    out.print(
        f"quality: {counts['warned']} releases with warnings (loaded), {counts['quarantined']} quarantined; "
        f"Data Docs: {summary.get('report') or 'not written'}; details: plenary report --warehouse {target}",
        highlight=False,
    )


def _print_meetings(target: Path, release_ids: list[str]) -> None:
    """The meetings of these releases, one row each (read-only)."""
    with open_reader(target) as con:
        placeholders = ", ".join("?" for _ in release_ids)
        cursor = con.execute(
            f"""SELECT meeting_id, meeting_date, counterpart, plenary_number AS plenary,
                       coalesce(stated_area_count::VARCHAR, '-') || ' / ' || area_count AS "areas stated/found",
                       attendee_count AS attendees, agreement_count AS agreements
                FROM meeting_summary WHERE release_id IN ({placeholders}) ORDER BY meeting_date NULLS LAST, meeting_id""",
            release_ids,
        )
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    _print_rows(f"meetings in {target}", rows, columns)

def _print_rows(title: str | None, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or (list(rows[0]) if rows else [])
    if not columns:
        out.print(f"{title}: none" if title else "(no rows)", highlight=False)
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)


def main() -> None:
    from .lifecycle import terminate_on_sigterm

    terminate_on_sigterm()  # SIGTERM stops a command as Ctrl+C does: transactions roll back, children stop
    try:
        app()
    except SystemExit as stop:
        if stop.code != 130:
            raise
        # Stopped by a signal: run the exit handlers (children stopped), then leave without the interpreter's
        # teardown, where DuckDB's bindings print reference-leak warnings about the interrupted connection.
        import atexit

        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)


if __name__ == "__main__":
    main()
