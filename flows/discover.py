"""The `discover` flow: feed or daily index pages -> to-do list (`discovered_releases`) -> events, then the sweep
of what is left to ingest (`discover_flow`). Served as the `discover` deployment, on a schedule."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from parsers import Candidate, daily_index_url
from warehouse import (PENDING, SKIPPED, IndexPage, Outcome, QuarantineItem, index_pages_read, is_past_day,
                       mark_emitted, open_writer, pending_urls, record_discovery_chunk)

from . import settings
from .collect.candidates import backfill_days, read_candidates, triage
from .collect.http import FetchPolicy
from .ingest_web import ingest_web_flow
from .runs import RunSummary, fail_if_nothing_read, final_state, recorded_run
from .runtime.events import emit_discovered, emit_outcomes
from .runtime.progress import WalkProgress, walk_progress
from .runtime.timing import run_logger, timed

INDEX_CHUNK_DAYS = 30  # daily index pages per task run and per transaction: a stopped backfill redoes at most this many


@task(name="find-candidates", cache_policy=NO_CACHE)
def find_candidates(feed: str | None, days: list[date], site: str, on_page: Callable[[int], None] | None = None,
                    ) -> tuple[list[Candidate], list[QuarantineItem], list[str], list[IndexPage]]:
    """Read the feed and/or one chunk of daily index pages (`collect.candidates.read_candidates`)."""
    return read_candidates(feed, days, site, on_page)


@flow(name="discover", log_prints=True)
def discover_flow(feed: str | None = None, since: str | None = None, until: str | None = None, site: str | None = None,
                  ingest_now: bool = False, sweep_grace_seconds: float | None = None,
                  warehouse: str | None = None, reports_dir: str | None = None,
                  chunk_days: int = INDEX_CHUNK_DAYS) -> dict:
    """Find releases (feed, daily indexes), record them in the to-do list, announce the new ones, then
    ingest what is pending: everything when `ingest_now`, else only what an earlier event failed to start.

    The daily index pages are walked `chunk_days` at a time (one task run each); each chunk's releases,
    quarantine and pages read are recorded in one transaction before the next chunk starts, and its new
    releases announced. A past day's page recorded as read (`index_pages_read`) is not fetched again, so
    a stopped backfill resumes where it stopped and a second one reads only the last few days' pages
    (see `warehouse.index_pages_read`)."""
    grace = settings.SWEEP_GRACE_SECONDS.read() if sweep_grace_seconds is None else float(sweep_grace_seconds)
    sweep_before = datetime.now(timezone.utc) - timedelta(seconds=grace)
    days = backfill_days(since, until)
    site = site or settings.SITE.read()
    if int(chunk_days) < 1:
        raise ValueError(f"chunk_days expects a number of days >= 1, got {chunk_days!r}")
    with recorded_run(warehouse, _discover_label(feed, days)) as summary:
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
        result |= _sweep(waited, summary.warehouse, reports_dir)
    return final_state(summary, result)


def _sweep(pending_for_seconds: float, warehouse: str, reports_dir: str | None) -> dict:
    """Ingest the to-do entries pending that long, in a flow run of its own (Failed there when none could be fetched)."""
    swept = ingest_web_flow(pending_for_seconds=pending_for_seconds, warehouse=warehouse, reports_dir=reports_dir,
                            return_state=True)
    return {"ingest": swept.result()} if swept.is_completed() else {"ingest_failure": swept.message}


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


def _walk_index_pages(summary: RunSummary, tally: _Tally, days: list[date], site: str, chunk_days: int) -> None:
    """Read the daily index pages not recorded as read, chunk by chunk, each chunk recorded before the next."""
    urls = [daily_index_url(day, site) for day in days]
    with open_writer(summary.warehouse) as con:
        done = index_pages_read(con, urls)
    todo = [day for day, url in zip(days, urls) if url not in done]
    tally.already_read = len(days) - len(todo)
    label = f"index pages {days[0]}..{days[-1]}" + (f" ({tally.already_read} read before)" if tally.already_read else "")
    logger = run_logger(__name__)
    with walk_progress(len(todo), label) as progress:
        for start in range(0, len(todo), chunk_days):
            _discover_chunk(summary, tally, None, todo[start : start + chunk_days], site, progress)
            logger.info("index pages: %d of %d days read (%d read before), %d releases listed, %d new to ingest",
                        progress.days_done, len(todo), tally.already_read, progress.listed, progress.new)


def _discover_chunk(summary: RunSummary, tally: _Tally, feed: str | None, days: list[date], site: str,
                    progress: WalkProgress | None = None) -> None:
    """One task run reads the feed or a chunk of index pages; one transaction records everything it found
    (to-do entries, quarantine, index pages of past days); then the new releases are announced."""
    with timed(summary, "discover"):
        candidates, failures, read, pages = find_candidates(feed, quote(days), site, quote(progress.page) if progress else None)
    entries, refused = triage(candidates, FetchPolicy.from_env())
    with timed(summary, "record discoveries", tasks=0), open_writer(summary.warehouse) as con:
        recorded = record_discovery_chunk(con, summary.run_id, entries, failures + refused, read, pages)
    tally.sources_read += len(read)
    tally.pages_read += len(pages)
    tally.pages_recorded += sum(1 for p in pages if is_past_day(p.day))
    tally.pages_failed += len(days) - len(pages)
    summary.counts.read += len(candidates)
    summary.counts.quarantined += len(failures) + len(refused)
    summary.counts.skipped += sum(1 for e in entries if e.status == SKIPPED)
    summary.quarantined += [{"stage": q.stage, "source": q.source_uri, "reason": q.reason} for q in failures + refused]
    new = _announce(summary, tally, recorded)
    if progress is not None:
        progress.found(new)


def _announce(summary: RunSummary, tally: _Tally, recorded: list) -> int:
    """The discovered event for each new release (marked as sent), the outcome event for each set aside; returns
    how many releases are new to ingest."""
    new = [d for d in recorded if d.status == PENDING]
    sent = emit_discovered(new)
    emit_outcomes([Outcome(d.url, d.status, d.release_id, None, d.reason) for d in recorded if d.status != PENDING],
                  summary.run_id)
    if sent:
        with open_writer(summary.warehouse) as con:
            mark_emitted(con, sent)
    tally.discovered += [d.url for d in new]
    tally.events_sent += len(sent)
    return len(new)


def _discover_label(feed: str | None, days: list[date]) -> str:
    parts = [f"feed {feed}"] if feed else []
    if days:
        parts.append(f"daily indexes {days[0]}..{days[-1]}")
    return "discover: " + (", ".join(parts) or "sweep only")
