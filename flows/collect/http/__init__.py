"""Polite, bounded HTTP fetching of release pages and feeds (no parsing, no Prefect, no DuckDB).

`Fetcher.fetch(url)` returns a `FetchedPage` or raises `FetchError` with one clear sentence.
It only talks to allow-listed hosts over http/https (`policy`), follows redirects itself (checking each hop),
streams bodies under a size limit, retries transient failures with backoff that honours `Retry-After`
(`fetcher`, `responses`), and keeps one request at a time per host with a delay between requests
(`host_gate`).

Every attempt has one deadline (`FetchPolicy.total_timeout`, `PLENARY_FETCH_DEADLINE`): from its first
request's connect to the last body byte of its last redirect hop, under every socket operation (`deadline`).
A server that missed the deadline is not retried in the same run (it would most likely trickle again): the
fetch fails, retryable by a later sweep.
"""
from .errors import FetchError
from .fetcher import FetchedPage, Fetcher
from .policy import DEFAULT_USER_AGENT, FEED_TYPES, HTML_TYPES, FetchPolicy, url_refusal
from .responses import parse_retry_after, split_content_type

__all__ = [
    "DEFAULT_USER_AGENT",
    "FEED_TYPES",
    "FetchError",
    "FetchPolicy",
    "FetchedPage",
    "Fetcher",
    "HTML_TYPES",
    "parse_retry_after",
    "split_content_type",
    "url_refusal",
]
