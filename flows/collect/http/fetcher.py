"""`Fetcher.fetch(url)`: one page under a `FetchPolicy`, following allowed redirects, retrying what is worth it."""
from __future__ import annotations

import hashlib
import random
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx

from .deadline import AttemptClock, enforce_deadline
from .errors import DeadlineExceeded, FetchError, Refused, Transient, plural, seconds_text
from .host_gate import HostGate
from .policy import HTML_TYPES, FetchPolicy, checked_url
from .responses import (body_so_far, check_content_type, content_length, cut_short, decoder_for, parse_retry_after,
                        split_content_type, status_text)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_AFTER_STATUSES = frozenset({429, 503})


@dataclass
class FetchedPage:
    """One successful response: what was asked, where it ended up, and the raw body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content_type: str
    charset: str | None
    body: bytes
    fetched_at: datetime
    attempts: int = 1
    redirects: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the body."""
        return hashlib.sha256(self.body).hexdigest()


class Fetcher:
    """Fetches pages under a `FetchPolicy` over one `httpx.Client`; use as a context manager."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._clock = clock
        self._gate = HostGate(self.policy.delay_seconds, sleep, clock)
        self._attempt_clock = AttemptClock()
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": self.policy.user_agent},
            transport=transport,
        )
        if transport is None:  # a transport given (tests) gets the deadline checked between body chunks only
            enforce_deadline(self._client, self._attempt_clock)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying connection pool."""
        self._client.close()

    def fetch(self, url: str, accept: tuple[str, ...] = HTML_TYPES) -> FetchedPage:
        """GET a URL (following allowed redirects, retrying transient failures) or raise FetchError."""
        try:
            start = self._checked_url(url)
        except Refused as exc:
            raise FetchError(url, exc.reason, exc.status) from None
        attempt = 0
        while True:
            attempt += 1
            try:
                page = self._attempt(url, start, accept)
            except Refused as exc:
                raise FetchError(url, exc.reason, exc.status) from None
            except DeadlineExceeded as exc:  # a trickling or silent server: this run does not wait for it again
                reason = exc.reason if attempt == 1 else f"{exc.reason} (attempt {attempt})"
                raise FetchError(url, reason, retryable=True) from None
            except Transient as exc:
                if exc.retry_after is not None and exc.retry_after > self.policy.backoff_max:
                    reason = (f"{exc.reason}: the server asks to retry after {seconds_text(exc.retry_after)}, longer than "
                              f"the {seconds_text(self.policy.backoff_max)} this run waits; a later sweep retries it")
                    raise FetchError(url, reason, exc.status, retryable=True) from None
                if attempt >= self.policy.max_attempts:
                    raise FetchError(url, exc.final_reason(attempt), exc.status, retryable=True) from None
                self._sleep(self._backoff(attempt, exc.retry_after))
                continue
            page.attempts = attempt
            return page

    def _attempt(self, url: str, start: httpx.URL, accept: tuple[str, ...]) -> FetchedPage:
        """One attempt: request, following redirects up to the policy's limit, all within one deadline."""
        current, hops = start, []
        self._attempt_clock.stop()
        try:
            while True:
                outcome = self._request(current, accept)
                if isinstance(outcome, FetchedPage):
                    outcome.url, outcome.redirects = url, hops
                    return outcome
                if len(hops) >= self.policy.max_redirects:
                    raise Refused(f"more than {self.policy.max_redirects} redirects (last to {outcome})")
                hops.append(str(outcome))
                current = outcome
        finally:
            self._attempt_clock.stop()

    def _request(self, url: httpx.URL, accept: tuple[str, ...]) -> FetchedPage | httpx.URL:
        """One HTTP request: a page, or the (checked) URL a redirect points to."""
        headers = {"Accept": ", ".join(accept), "Accept-Encoding": "gzip"}
        with self._gate.turn(url.host):
            self._attempt_clock.start_hop(self.policy.total_timeout)
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    return self._handle(url, response, accept)
            except httpx.TimeoutException as exc:
                if self._attempt_clock.expired or self._attempt_clock.passed():
                    raise DeadlineExceeded(self._deadline_reason(self._missed_before_body(exc), url)) from None
                raise Transient(self._timeout_reason(exc)) from None
            except httpx.ConnectError as exc:
                raise Transient(f"could not connect to {url.host}: {exc or type(exc).__name__}") from None
            except httpx.TransportError as exc:
                raise Transient(f"connection failed: {exc or type(exc).__name__}") from None
            except httpx.DecodingError as exc:
                raise Refused(f"could not decode the body: {exc}") from None
            except httpx.HTTPError as exc:
                raise Refused(f"request failed: {exc or type(exc).__name__}") from None

    def _handle(self, url: httpx.URL, response: httpx.Response, accept: tuple[str, ...]) -> FetchedPage | httpx.URL:
        """Turn a response (headers read, body not yet) into a page, a redirect target, or an error."""
        status = response.status_code
        if status in REDIRECT_STATUSES:
            return self._redirect_target(url, response)
        if status == 429 or status >= 500:
            raise Transient(status_text(response), status, self._retry_after(response))
        if not 200 <= status < 300:
            raise Refused(f"server answered {status_text(response)}", status)
        content_type, charset = split_content_type(response.headers.get("content-type"))
        check_content_type(content_type, accept, status)
        body = self._read_body(response)
        return FetchedPage(
            url=str(url),
            final_url=str(url),
            status=status,
            headers={name: value for name, value in response.headers.items()},
            content_type=content_type,
            charset=charset,
            body=body,
            fetched_at=datetime.now(timezone.utc),
        )

    def _redirect_target(self, url: httpx.URL, response: httpx.Response) -> httpx.URL:
        """The redirect's Location resolved against the current URL, if scheme and host are allowed."""
        location = response.headers.get("location")
        if not location:
            raise Refused(f"redirect ({status_text(response)}) without a Location header", response.status_code)
        try:
            target = url.join(location)
        except httpx.InvalidURL as exc:
            raise Refused(f"redirect to an invalid address {location!r}: {exc}", response.status_code) from None
        if url.scheme == "https" and target.scheme == "http":
            raise Refused(f"redirect to {target} refused: it would downgrade https to http", response.status_code)
        try:
            return self._checked_url(str(target))
        except Refused as exc:
            raise Refused(f"redirect to {target} refused: {exc.reason}", response.status_code) from None

    def _read_body(self, response: httpx.Response) -> bytes:
        """Stream the raw body, decompressing it ourselves under max_bytes and the total deadline."""
        limit = self.policy.max_bytes
        declared = content_length(response)
        if declared is not None and declared > limit:
            raise Refused(f"body is larger than the {limit}-byte limit (Content-Length {declared})", response.status_code)
        decoder = decoder_for(response.headers.get("content-encoding"))
        chunks, size = [], 0
        try:
            for raw in response.iter_raw():
                chunk = decoder.decompress(raw, limit + 1 - size) if decoder else raw
                size += len(chunk)
                if size > limit or (decoder and decoder.unconsumed_tail):
                    raise Refused(f"body is larger than the {limit}-byte limit", response.status_code)
                if self._attempt_clock.passed():
                    raise DeadlineExceeded(self._deadline_reason(body_so_far(response, declared), response.url))
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            if self._attempt_clock.expired or self._attempt_clock.passed():
                raise DeadlineExceeded(self._deadline_reason(body_so_far(response, declared), response.url)) from None
            raise Transient(self._timeout_reason(exc)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            if declared is None:
                raise Transient(f"connection broke while reading the body: {exc}") from None
            raise Transient(cut_short(response.num_bytes_downloaded, declared)) from None
        except zlib.error as exc:
            raise Refused(f"could not decode the gzip body: {exc}", response.status_code) from None
        if declared is not None and response.num_bytes_downloaded < declared:
            raise Transient(cut_short(response.num_bytes_downloaded, declared))
        return b"".join(chunks)

    def _checked_url(self, url: str) -> httpx.URL:
        """Parse a URL and check its scheme and host against the policy, before any I/O."""
        return checked_url(url, self.policy)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before the next attempt: Retry-After if given, else exponential plus jitter."""
        cap = self.policy.backoff_max
        if retry_after is not None:
            return retry_after
        base = self.policy.backoff_base
        return min(base * 2 ** (attempt - 1) + random.uniform(0, base), cap)

    def _retry_after(self, response: httpx.Response) -> float | None:
        """Seconds the server asked us to wait (429/503 only), or None."""
        if response.status_code not in RETRY_AFTER_STATUSES:
            return None
        return parse_retry_after(response.headers.get("retry-after"))

    def _missed_before_body(self, exc: httpx.TimeoutException) -> str:
        """What had not happened when the deadline passed before the response's headers were all in."""
        if isinstance(exc, httpx.ConnectTimeout):
            return "could not connect"
        received = self._attempt_clock.received
        if not received:
            return "the server accepted the connection but sent nothing"
        return f"the response headers were still arriving ({plural(received, 'byte')} so far)"

    def _deadline_reason(self, missed: str, url: httpx.URL) -> str:
        """The sentence for an attempt that missed its deadline; it names the setting that changes it."""
        redirects = self._attempt_clock.hops - 1
        where = f" (at {url}, after {plural(redirects, 'redirect')})" if redirects > 0 else ""
        return (f"gave up at the {seconds_text(self.policy.total_timeout)} deadline for one request "
                f"(PLENARY_FETCH_DEADLINE): {missed}{where}; not retried in this run")

    def _timeout_reason(self, exc: httpx.TimeoutException) -> str:
        """A sentence naming which timeout fired."""
        if isinstance(exc, httpx.ConnectTimeout):
            return f"connect timed out after {seconds_text(self.policy.connect_timeout)}"
        if isinstance(exc, httpx.ReadTimeout):
            return f"read timed out after {seconds_text(self.policy.read_timeout)}"
        return f"request timed out ({type(exc).__name__})"
