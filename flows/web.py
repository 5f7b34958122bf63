"""Web flows: `discover` (feed or daily index pages -> to-do list -> events) and `ingest-web`
(fetch -> raw_documents -> parse -> validate -> load for a list of URLs)."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError
from prefect.utilities.annotations import quote

from expectations import prewarm_gate
from parsers import Source
from warehouse import QuarantineItem, open_writer
from warehouse import seconds_from_env
from warehouse import (
    FAILED,
    PENDING,
    QUARANTINED,
    SKIPPED,
    Discovery,
    IndexPage,
    Outcome,
    RawDocument,
    finish_fetches,
    index_pages_read,
    is_past_day,
    mark_emitted,
    pending_urls,
    record_discovery_chunk,
    store_raw_documents,
)

from .discovery import Candidate, DiscoveryError, daily_index_url, days_between, parse_daily_index, parse_feed
from .events import emit_discovered, emit_outcomes
from .fetch import FEED_TYPES, HTML_TYPES, FetchError, Fetcher, FetchPolicy, url_refusal
from .ingest import (BATCH_SIZE, IngestSummary, fail_if_nothing_read, final_state, finish_reports, ingest_run,
                     process_documents, reports_folder, stage)
from .progress import WalkProgress, batch_progress, walk_progress
from .timing import inside, take_inside
from .sources import Document
from .stages import PIPELINE_VERSION

SWEEP_GRACE_SECONDS = 120.0
INDEX_CHUNK_DAYS = 30  # daily index pages per task run and per transaction: a stopped backfill redoes at most this many


def sweep_grace_from_env() -> float:
    """`PLENARY_SWEEP_GRACE_SECONDS`, else 120; a bad value raises ValueError naming the variable."""
    return seconds_from_env("PLENARY_SWEEP_GRACE_SECONDS", SWEEP_GRACE_SECONDS)


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
def ingest_web(urls: list[str] | None = None, url: str | None = None, pending_for_seconds: float | None = None,
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
    with ingest_run(warehouse, ("--force " if force else "") + _web_label(targets, pending_for_seconds)) as summary:
        summary.force = force
        if pending_for_seconds is not None:
            cutoff = datetime.now(timezone.utc) - timedelta(seconds=float(pending_for_seconds))
            with open_writer(summary.warehouse) as con:
                targets = list(dict.fromkeys(targets + pending_urls(con, cutoff)))
        summary.targets = len(targets)
        if targets:
            prewarm_gate(reports)  # GX starts while the pages are fetched (see expectations.service)
        for start in range(0, len(targets), batch_size):
            outcomes += _ingest_urls(summary, targets[start : start + batch_size], reports, batch_size)
        summary.outcomes = outcomes
        emit_outcomes(outcomes, summary.run_id)
        fail_if_nothing_read(summary, len(targets))
        finish_reports(summary, reports)
    summary.inside_seconds = take_inside()
    return final_state(summary, summary.to_dict())


def _ingest_urls(summary: IngestSummary, urls: list[str], reports_dir: str, batch_size: int) -> list[Outcome]:
    """One batch of URLs: fetch, store raw, process what is new, then settle the to-do rows in one transaction."""
    with stage(summary, "fetch", detail=f"{len(urls)} URLs"):
        raw, fetch_failures, fetch_outcomes = fetch_batch(urls)
    summary.counts.read += len(raw)
    with stage(summary, "store raw", tasks=0), open_writer(summary.warehouse) as con:
        fresh, seen_before = store_raw_documents(con, raw, PIPELINE_VERSION, force=summary.force)
    summary.counts.unchanged += len(seen_before)
    docs = [Document(Source(uri=d.url, url=d.final_url), d.body, d.content_type, d.charset) for d in fresh]
    processed = process_documents(summary, docs, fetch_failures, reports_dir, batch_size)
    failed_urls = {o.url for o in fetch_outcomes}
    outcomes = fetch_outcomes + seen_before + [o for o in processed if o.url not in failed_urls]
    with stage(summary, "settle to-do", tasks=0), open_writer(summary.warehouse) as con:
        finish_fetches(con, summary.run_id, fresh, [d.url for d in raw], outcomes, PIPELINE_VERSION)
    return outcomes


@task(name="find-candidates", cache_policy=NO_CACHE)
def find_candidates(feed: str | None, days: list[date], site: str, on_page: Callable[[int], None] | None = None,
                    ) -> tuple[list[Candidate], list[QuarantineItem], list[str], list[IndexPage]]:
    """Read the feed and/or the daily index pages (one chunk of a backfill); a page that fails is quarantined
    and the rest go on. Returns the candidates, the failures, every address read, and the index pages read
    (`on_page(n)` is called after each day's page with the number of releases it listed, 0 if it failed)."""
    found, failures, read, pages = [], [], [], []
    sources = ([(feed, None)] if feed else []) + [(daily_index_url(day, site), day) for day in days]
    with Fetcher(FetchPolicy.from_env()) as fetcher:
        for address, day in sources:
            body, listed = None, []
            try:
                page = fetcher.fetch(address, accept=FEED_TYPES if day is None else HTML_TYPES)
                body = page.body
                listed = parse_feed(body) if day is None else parse_daily_index(body, address, day, page.charset)
                found += listed
                read.append(address)
                if day is not None:
                    pages.append(IndexPage(address, day, len(listed)))
            except (FetchError, DiscoveryError) as exc:
                failures.append(QuarantineItem("discover", getattr(exc, "reason", str(exc)), address, body))
            if day is not None and on_page is not None:
                on_page(len(listed))
    return found, failures, read, pages


def triage(candidates: list[Candidate], policy: FetchPolicy) -> tuple[list[Discovery], list[QuarantineItem]]:
    """To-do entries for candidates: pending, skipped by the relevance filter, or refused (not allowed to fetch)."""
    entries, refused = [], []
    for c in candidates:
        entry = Discovery(c.url, c.release_id, c.title, c.via, c.published_at)
        if (refusal := url_refusal(c.url, policy)) is not None:
            entry.status, entry.reason = QUARANTINED, f"discover: {refusal}"
            refused.append(QuarantineItem("discover", f"link refused: {refusal}", c.url))
        elif (skip := c.skip_reason) is not None:
            entry.status, entry.reason = SKIPPED, skip
        entries.append(entry)
    return entries, refused


@flow(name="discover", log_prints=True)
def discover(feed: str | None = None, since: str | None = None, until: str | None = None, site: str | None = None,
             ingest_now: bool = False, sweep_grace_seconds: float | None = None,
             warehouse: str | None = None, reports_dir: str | None = None,
             chunk_days: int = INDEX_CHUNK_DAYS) -> dict:
    """Find releases (feed, daily indexes), record them in the to-do list, announce the new ones, then
    ingest what is pending: everything when `ingest_now`, else only what an earlier event failed to start.

    The daily index pages are walked `chunk_days` at a time (one task run each); each chunk's releases,
    quarantine and pages read are recorded in one transaction before the next chunk starts, and its new
    releases announced. A past day's page recorded as read (`index_pages_read`) is not fetched again, so
    a stopped backfill resumes where it stopped and a second one reads only the last few days' pages
    (see `warehouse.collection.settled_before`)."""
    grace = sweep_grace_from_env() if sweep_grace_seconds is None else float(sweep_grace_seconds)
    sweep_before = datetime.now(timezone.utc) - timedelta(seconds=grace)
    days = _days(since, until)
    site = site or os.environ.get("PLENARY_SITE", "https://www.info.gov.hk")
    if int(chunk_days) < 1:
        raise ValueError(f"chunk_days expects a number of days >= 1, got {chunk_days!r}")
    with ingest_run(warehouse, _discover_label(feed, days)) as summary:
        tally = _Tally()
        if feed:
            _discover_chunk(summary, tally, feed, [], site)
        if days:
            _walk_index_pages(summary, tally, days, site, int(chunk_days))
        fail_if_nothing_read(summary, (1 if feed else 0) + tally.pages_read + tally.pages_failed, tally.sources_read)
        with open_writer(summary.warehouse) as con:
            due = len(pending_urls(con, None if ingest_now else sweep_before))
    result = summary.to_dict() | {"discovered": tally.discovered, "events_sent": tally.events_sent, "swept": due}
    if days:
        result["index_pages"] = tally.index_pages(len(days))
    if due:
        waited = 0.0 if ingest_now else (datetime.now(timezone.utc) - sweep_before).total_seconds()
        swept = ingest_web(pending_for_seconds=waited, warehouse=summary.warehouse, reports_dir=reports_dir,
                           return_state=True)  # its own flow run: Failed there when none could be fetched
        if swept.is_completed():
            result["ingest"] = swept.result()
        else:
            result["ingest_failure"] = swept.message
    return final_state(summary, result)


@dataclass
class _Tally:
    """What a discover run found and announced, chunk after chunk."""

    discovered: list[str] = field(default_factory=list)  # new to-do entries to ingest (pending)
    sources_read: int = 0  # the feed and index pages read (fetched and understood)
    events_sent: int = 0
    already_read: int = 0  # index pages of past days recorded by an earlier run: not fetched
    pages_read: int = 0
    pages_recorded: int = 0
    pages_failed: int = 0

    def index_pages(self, days: int) -> dict:
        return {"days": days, "already_read": self.already_read, "read": self.pages_read,
                "recorded": self.pages_recorded, "failed": self.pages_failed}


def _walk_index_pages(summary: IngestSummary, tally: _Tally, days: list[date], site: str, chunk_days: int) -> None:
    """Read the daily index pages not recorded as read, chunk by chunk, each chunk recorded before the next."""
    urls = [daily_index_url(day, site) for day in days]
    with open_writer(summary.warehouse) as con:
        done = index_pages_read(con, urls)
    todo = [day for day, url in zip(days, urls) if url not in done]
    tally.already_read = len(days) - len(todo)
    label = f"index pages {days[0]}..{days[-1]}" + (f" ({tally.already_read} read before)" if tally.already_read else "")
    logger = _run_logger()
    with walk_progress(len(todo), label) as progress:
        for start in range(0, len(todo), chunk_days):
            _discover_chunk(summary, tally, None, todo[start : start + chunk_days], site, progress)
            logger.info("index pages: %d of %d days read (%d read before), %d releases listed, %d new to ingest",
                        progress.days_done, len(todo), tally.already_read, progress.listed, progress.new)


def _discover_chunk(summary: IngestSummary, tally: _Tally, feed: str | None, days: list[date], site: str,
                    progress: WalkProgress | None = None) -> None:
    """One task run reads the feed or a chunk of index pages; one transaction records everything it found
    (to-do entries, quarantine, index pages of past days); then the new releases are announced."""
    with stage(summary, "discover"):
        candidates, failures, read, pages = find_candidates(feed, quote(days), site, quote(progress.page) if progress else None)
    entries, refused = triage(candidates, FetchPolicy.from_env())
    with stage(summary, "record discoveries", tasks=0), open_writer(summary.warehouse) as con:
        recorded = record_discovery_chunk(con, summary.run_id, entries, failures + refused, read, pages)
    tally.sources_read += len(read)
    tally.pages_read += len(pages)
    tally.pages_recorded += sum(1 for p in pages if is_past_day(p.day))
    tally.pages_failed += len(days) - len(pages)
    summary.counts.read += len(candidates)
    summary.counts.quarantined += len(failures) + len(refused)
    summary.counts.skipped += sum(1 for e in entries if e.status == SKIPPED)
    summary.quarantined += [{"stage": q.stage, "source": q.source_uri, "reason": q.reason} for q in failures + refused]
    new = [d for d in recorded if d.status == PENDING]
    sent = emit_discovered(new)
    emit_outcomes([Outcome(d.url, d.status, d.release_id, None, d.reason) for d in recorded if d.status != PENDING],
                  summary.run_id)
    if sent:
        with open_writer(summary.warehouse) as con:
            mark_emitted(con, sent)
    tally.discovered += [d.url for d in new]
    tally.events_sent += len(sent)
    if progress is not None:
        progress.found(len(new))


def _run_logger():
    """The flow run's logger (its lines reach the Prefect UI), else this module's (the flow called as a function)."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger(__name__)


def _web_label(targets: list[str], pending_for_seconds: float | None) -> str:
    label = "web: " + " ".join(targets[:3]) + (" ..." if len(targets) > 3 else "")
    return label + (f" + to-do entries pending {pending_for_seconds:g} s or more" if pending_for_seconds is not None else "")


def _days(since: str | None, until: str | None) -> list[date]:
    if not since:
        if until:
            raise DiscoveryError("--until needs --since")
        return []
    start = date.fromisoformat(str(since))
    return days_between(start, date.fromisoformat(str(until)) if until else datetime.now(timezone(timedelta(hours=8))).date())


def _discover_label(feed: str | None, days: list[date]) -> str:
    parts = [f"feed {feed}"] if feed else []
    if days:
        parts.append(f"daily indexes {days[0]}..{days[-1]}")
    return "discover: " + (", ".join(parts) or "sweep only")
