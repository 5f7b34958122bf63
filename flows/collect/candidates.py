"""Releases discovery finds, before anything is fetched: fetched from the site's feed and daily index pages (which
`parsers` reads), and sorted into to-do entries (`triage`). No Prefect: `flows.discover` runs them."""
from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from parsers import DEFAULT_SITE, Candidate, DiscoveryError, daily_index_url, days_between, parse_daily_index, parse_feed
from warehouse import QUARANTINED, SKIPPED, Discovery, IndexPage, QuarantineItem

from .http import FEED_TYPES, HTML_TYPES, FetchError, Fetcher, FetchPolicy, url_refusal


def read_candidates(feed: str | None, days: list[date], site: str, on_page: Callable[[int], None] | None = None,
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


def backfill_days(since: str | None, until: str | None) -> list[date]:
    """The days of a backfill, `since` to `until` (default: today on the site, in Hong Kong), both included; none
    without `since`."""
    if not since:
        if until:
            raise DiscoveryError("--until needs --since")
        return []
    start = date.fromisoformat(str(since))
    return days_between(start, date.fromisoformat(str(until)) if until else datetime.now(DEFAULT_SITE.timezone).date())
