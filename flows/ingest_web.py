"""The `ingest-web` flow: fetch -> raw_documents -> parse -> validate -> load for a list of URLs, and the sweep of
the to-do list (`ingest_web_flow`). Served as the `ingest` deployment, triggered by each discovered release."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from expectations import prewarm_gate
from warehouse import (FAILED, QUARANTINED, Outcome, QuarantineItem, RawDocument, finish_fetches, open_writer,
                       pending_urls, store_raw_documents)

from .batches import BATCH_SIZE, run_documents
from .collect.files import Document
from .collect.http import FetchError, Fetcher, FetchPolicy
from .pipeline import PIPELINE_VERSION
from .runs import RunSummary, fail_if_nothing_read, final_state, finish_reports, recorded_run, reports_folder
from .runtime.events import emit_outcomes
from .runtime.progress import batch_progress
from .runtime.timing import inside, take_inside, timed


@task(name="fetch-batch", cache_policy=NO_CACHE)
def fetch_batch(urls: list[str]) -> tuple[list[RawDocument], list[QuarantineItem], list[Outcome]]:
    """Fetch each URL politely; failures become quarantine items and outcomes, never exceptions."""
    docs, failures, outcomes = [], [], []
    with inside("fetch"), Fetcher(FetchPolicy.from_env()) as fetcher, batch_progress(len(urls), "fetch") as advance:
        for url in urls:
            try:
                page = fetcher.fetch(url)
                docs.append(RawDocument(page.url, page.final_url, page.status, page.content_type, page.charset,
                                        page.headers, page.body, page.sha256, page.fetched_at))
            except FetchError as exc:
                failures.append(QuarantineItem("fetch", exc.reason, url))
                outcomes.append(Outcome(url, FAILED if exc.retryable else QUARANTINED, reason=f"fetch: {exc.reason}"))
            advance(1)
    return docs, failures, outcomes


@flow(name="ingest-web", log_prints=True)
def ingest_web_flow(urls: list[str] | None = None, url: str | None = None, pending_for_seconds: float | None = None,
                    warehouse: str | None = None, reports_dir: str | None = None, batch_size: int = BATCH_SIZE,
                    force: bool = False) -> dict:
    """Fetch release pages batch by batch: each batch's bodies are stored in raw_documents, then parsed,
    validated and loaded; a body this version processed before is not parsed again and keeps its earlier
    outcome, unless `force` (`plenary ingest --force URL`).

    `pending_for_seconds` adds every to-do entry pending at least that long (and failed fetches due a
    retry): the sweep. The list is read here, not passed in, so a backfill of any size fits in a flow run.
    """
    targets = list(dict.fromkeys([*(urls or []), *([url] if url else [])]))
    reports = reports_folder(reports_dir, warehouse)
    take_inside()  # start the task-body counters from zero
    outcomes: list[Outcome] = []
    with recorded_run(warehouse, ("--force " if force else "") + _web_label(targets, pending_for_seconds)) as summary:
        summary.force = force
        if pending_for_seconds is not None:
            cutoff = datetime.now(timezone.utc) - timedelta(seconds=float(pending_for_seconds))
            with open_writer(summary.warehouse) as con:
                targets = list(dict.fromkeys(targets + pending_urls(con, cutoff)))
        summary.targets = len(targets)
        if targets:
            prewarm_gate(reports)  # GX starts while the pages are fetched (see expectations.process)
        for start in range(0, len(targets), batch_size):
            outcomes += _ingest_urls(summary, targets[start : start + batch_size], reports, batch_size)
        summary.outcomes = outcomes
        emit_outcomes(outcomes, summary.run_id)
        fail_if_nothing_read(summary, len(targets))
        finish_reports(summary, reports)
    summary.inside_seconds = take_inside()
    return final_state(summary, summary.to_dict())


def _ingest_urls(summary: RunSummary, urls: list[str], reports_dir: str, batch_size: int) -> list[Outcome]:
    """One batch of URLs: fetch, store raw, process what is new, then settle the to-do rows in one transaction."""
    with timed(summary, "fetch", detail=f"{len(urls)} URLs"):
        raw, fetch_failures, fetch_outcomes = fetch_batch(urls)
    summary.counts.read += len(raw)
    with timed(summary, "store raw", tasks=0), open_writer(summary.warehouse) as con:
        fresh, seen_before = store_raw_documents(con, raw, PIPELINE_VERSION, force=summary.force)
    summary.counts.unchanged += len(seen_before)
    docs = [Document.fetched(d) for d in fresh]
    processed = run_documents(summary, docs, fetch_failures, reports_dir, batch_size)
    failed_urls = {o.url for o in fetch_outcomes}
    outcomes = fetch_outcomes + seen_before + [o for o in processed if o.url not in failed_urls]
    with timed(summary, "settle to-do", tasks=0), open_writer(summary.warehouse) as con:
        finish_fetches(con, summary.run_id, fresh, [d.url for d in raw], outcomes, PIPELINE_VERSION)
    return outcomes


def _web_label(targets: list[str], pending_for_seconds: float | None) -> str:
    label = "web: " + " ".join(targets[:3]) + (" ..." if len(targets) > 3 else "")
    return label + (f" + to-do entries pending {pending_for_seconds:g} s or more" if pending_for_seconds is not None else "")
