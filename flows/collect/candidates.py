"""Releases discovery finds, before anything is fetched: fetched from the site's feeds and daily index pages, in
each language read (which `parsers` reads), and sorted into to-do entries (`triage`). No Prefect: `flows.discover`
runs them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

from parsers import DEFAULT_SITE, Candidate, DiscoveryError, daily_index_url, days_between, parse_daily_index, parse_feed
from warehouse import QUARANTINED, SKIPPED, Discovery, IndexPage, QuarantineItem

from .http import FEED_TYPES, HTML_TYPES, FetchError, Fetcher, FetchPolicy, url_refusal


@dataclass(frozen=True)
class IndexSource:
    """One daily index page to read: its day and language, and its address on the site (or a mirror)."""

    day: date
    language: str
    url: str


def index_sources(days: list[date], languages: list[str], site: str) -> list[IndexSource]:
    """The daily index pages of these days in these languages, day after day (each day's in the languages' order)."""
    return [IndexSource(day, language, daily_index_url(day, site, language)) for day in days for language in languages]


def read_candidates(feeds: list[str], pages: list[IndexSource], on_page: Callable[[int], None] | None = None,
                    ) -> tuple[list[Candidate], list[QuarantineItem], list[str], list[IndexPage]]:
    """Read the feeds and/or the daily index pages (one chunk of a backfill), one request at a time through one
    fetcher (its delay between two requests to a host); a page that fails is quarantined and the rest go on.
    Returns the candidates, the failures, every address read, and the index pages read (`on_page(n)` is called
    once a day's pages are all done, with the number of releases they listed, 0 if they failed).

    A feed's candidates are in its language when it is one of the site's feeds (`general_zh.xml`: Chinese), else in
    the language its channel or titles show; an index page's in the page's language."""
    found, failures, read, done = [], [], [], []
    sources = [(feed, None) for feed in feeds] + [(page.url, page) for page in pages]
    listed_today = 0
    with Fetcher(FetchPolicy.from_env()) as fetcher:
        for n, (address, page) in enumerate(sources):
            body, listed = None, []
            try:
                fetched = fetcher.fetch(address, accept=FEED_TYPES if page is None else HTML_TYPES)
                body = fetched.body
                listed = (parse_feed(body, DEFAULT_SITE.feed_language(address)) if page is None
                          else parse_daily_index(body, address, page.day, fetched.charset, page.language))
                found += listed
                read.append(address)
                if page is not None:
                    done.append(IndexPage(address, page.day, len(listed)))
            except (FetchError, DiscoveryError) as exc:
                failures.append(QuarantineItem("discover", getattr(exc, "reason", str(exc)), address, body))
            if page is not None:
                listed_today += len(listed)
                last_of_day = n + 1 == len(sources) or sources[n + 1][1].day != page.day
                if last_of_day and on_page is not None:
                    on_page(listed_today)
                listed_today = 0 if last_of_day else listed_today
    return found, failures, read, done


def triage(candidates: list[Candidate], policy: FetchPolicy) -> tuple[list[Discovery], list[QuarantineItem]]:
    """To-do entries for candidates: pending, skipped by the relevance filter, or refused (not allowed to fetch)."""
    entries, refused = [], []
    for c in candidates:
        entry = Discovery(c.url, c.release_id, c.title, c.via, c.published_at, language=c.language)
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
