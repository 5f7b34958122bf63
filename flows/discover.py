"""The `discover` flow: feeds or daily index pages, in English and Chinese -> to-do list (`discovered_releases`) ->
events, then the sweep of what is left to ingest (`discover_flow`). Served as the `discover` deployment, on a
schedule."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from parsers import DEFAULT_SITE, Candidate, DiscoveryError
from warehouse import (PENDING, SKIPPED, IndexPage, Outcome, QuarantineItem, index_pages_read, is_past_day,
                       mark_emitted, open_writer, pending_urls, record_discovery_chunk)

from . import settings
from .collect.candidates import IndexSource, backfill_days, index_sources, read_candidates, triage
from .collect.http import FetchPolicy
from .ingest_web import ingest_web_flow
from .runs import RunSummary, fail_if_nothing_read, final_state, recorded_run
from .runtime.events import emit_discovered, emit_outcomes
from .runtime.progress import WalkProgress, walk_progress
from .runtime.timing import run_logger, timed

INDEX_CHUNK_DAYS = 30  # daily index pages per task run and per transaction: a stopped backfill redoes at most this many


@task(name="find-candidates", cache_policy=NO_CACHE)
def find_candidates(feeds: list[str], pages: list[IndexSource], on_page: Callable[[int], None] | None = None,
                    ) -> tuple[list[Candidate], list[QuarantineItem], list[str], list[IndexPage]]:
    """Read the feeds and/or one chunk of daily index pages (`collect.candidates.read_candidates`)."""
    return read_candidates(feeds, pages, on_page)


@flow(name="discover", log_prints=True)
def discover_flow(feed: str | list[str] | None = None, since: str | None = None, until: str | None = None,
                  site: str | None = None, ingest_now: bool = False, sweep_grace_seconds: float | None = None,
                  warehouse: str | None = None, reports_dir: str | None = None,
                  chunk_days: int = INDEX_CHUNK_DAYS, languages: list[str] | None = None) -> dict:
    """Find releases (feeds, daily indexes), record them in the to-do list, announce the new ones, then
    ingest what is pending: everything when `ingest_now`, else only what an earlier event failed to start.

    `feed` is one feed or several (the CLI gives the site's feed in each language read), each read as given.
    The daily index pages are read in each of `languages` (default: PLENARY_DISCOVER_LANGUAGES, English and
    Chinese): each day's `DD.htm`, then its `DDc.htm`. They are walked `chunk_days` days at a time (one task run
    each); each chunk's releases, quarantine and pages read are recorded in one transaction before the next chunk
    starts, and its new releases announced. A past day's page recorded as read (`index_pages_read`) is not fetched
    again, so a stopped backfill resumes where it stopped and a second one reads only the last few days' pages
    (see `warehouse.index_pages_read`)."""
    grace = settings.SWEEP_GRACE_SECONDS.read() if sweep_grace_seconds is None else float(sweep_grace_seconds)
    sweep_before = datetime.now(timezone.utc) - timedelta(seconds=grace)
    days = backfill_days(since, until)
    site = site or settings.SITE.read()
    feeds = [feed] if isinstance(feed, str) else list(feed or [])
    languages = discovery_languages(languages)
    if int(chunk_days) < 1:
        raise ValueError(f"chunk_days expects a number of days >= 1, got {chunk_days!r}")
    with recorded_run(warehouse, _discover_label(feeds, days, languages)) as summary:
        tally = _Tally()
        if feeds:
            _discover_chunk(summary, tally, feeds, [])
        if days:
            _walk_index_pages(summary, tally, index_sources(days, languages, site), int(chunk_days))
        fail_if_nothing_read(summary, len(feeds) + tally.pages_read + tally.pages_failed, tally.sources_read)
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
        """The index pages of a backfill: days walked, and pages (one a day in each language) already read,
        read, recorded as read, failed."""
        return {"days": days, "already_read": self.already_read, "read": self.pages_read,
                "recorded": self.pages_recorded, "failed": self.pages_failed}


def discovery_languages(languages: list[str] | None) -> list[str]:
    """The languages to read the site in: those given, else PLENARY_DISCOVER_LANGUAGES; in the site's order."""
    chosen = settings.DISCOVER_LANGUAGES.read() if languages is None else languages
    if isinstance(chosen, str):
        chosen = [chosen]
    unknown = [code for code in chosen if code not in DEFAULT_SITE.languages]
    if unknown or not chosen:
        raise DiscoveryError(f"discovery reads the site in {' or '.join(DEFAULT_SITE.languages)}, got {list(chosen)!r}")
    return [code for code in DEFAULT_SITE.languages if code in chosen]


def _walk_index_pages(summary: RunSummary, tally: _Tally, pages: list[IndexSource], chunk_days: int) -> None:
    """Read the daily index pages not recorded as read, `chunk_days` days at a time (each day's pages in every
    language together), each chunk recorded before the next."""
    with open_writer(summary.warehouse) as con:
        done = index_pages_read(con, [page.url for page in pages])
    todo = [page for page in pages if page.url not in done]
    days = list(dict.fromkeys(page.day for page in pages))
    todo_days = list(dict.fromkeys(page.day for page in todo))
    tally.already_read = len(pages) - len(todo)
    label = f"index pages {days[0]}..{days[-1]}" + (f" ({tally.already_read} read before)" if tally.already_read else "")
    logger = run_logger(__name__)
    with walk_progress(len(todo_days), label) as progress:
        for start in range(0, len(todo_days), chunk_days):
            chunk = set(todo_days[start : start + chunk_days])
            _discover_chunk(summary, tally, [], [page for page in todo if page.day in chunk], progress)
            logger.info("index pages: %d of %d days read (%d pages read before), %d releases listed, %d new to ingest",
                        progress.days_done, len(todo_days), tally.already_read, progress.listed, progress.new)


def _discover_chunk(summary: RunSummary, tally: _Tally, feeds: list[str], pages: list[IndexSource],
                    progress: WalkProgress | None = None) -> None:
    """One task run reads the feeds or a chunk of index pages; one transaction records everything it found
    (to-do entries, quarantine, index pages of past days); then the new releases are announced."""
    with timed(summary, "discover"):
        candidates, failures, read, done = find_candidates(quote(feeds), quote(pages),
                                                           quote(progress.page) if progress else None)
    entries, refused = triage(candidates, FetchPolicy.from_env())
    with timed(summary, "record discoveries", tasks=0), open_writer(summary.warehouse) as con:
        recorded = record_discovery_chunk(con, summary.run_id, entries, failures + refused, read, done)
    tally.sources_read += len(read)
    tally.pages_read += len(done)
    tally.pages_recorded += sum(1 for p in done if is_past_day(p.day))
    tally.pages_failed += len(pages) - len(done)
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


def _discover_label(feeds: list[str], days: list[date], languages: list[str]) -> str:
    parts = [f"feed {feed}" for feed in feeds]
    if days:
        parts.append(f"daily indexes {days[0]}..{days[-1]} ({', '.join(languages)})")
    return "discover: " + (", ".join(parts) or "sweep only")
