"""Polite, bounded HTTP fetching of release pages and feeds (no parsing, no Prefect, no DuckDB).

`Fetcher.fetch(url)` returns a `FetchedPage` or raises `FetchError` with one clear sentence.
It only talks to allow-listed hosts over http/https, follows redirects itself (checking each hop),
streams bodies under a size limit, retries transient failures with backoff that honours
`Retry-After`, and keeps one request at a time per host with a delay between requests.

Every attempt has one deadline (`FetchPolicy.total_timeout`, `PLENARY_FETCH_DEADLINE`): from its
first request's connect to the last body byte of its last redirect hop. httpx's own timeouts bound
each socket operation, so a server that trickles a byte every few seconds never trips them; here
every socket operation (connect, TLS handshake, each send and receive) is given at most the time
left before the deadline (`_DeadlineBackend`), so a blocked read fails at the deadline itself, and
the connection it was on is closed, not reused. A server that missed the deadline is not retried
in the same run (it would most likely trickle again): the fetch fails, retryable by a later sweep.
"""
from __future__ import annotations

from parsers.errors import PlenaryError

import hashlib
import math
import os
import random
import threading
import zlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpcore
import httpx

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES: tuple[str, ...] = ("application/rss+xml", "application/xml", "text/xml", "application/atom+xml")
DEFAULT_USER_AGENT = (
    "plenary-pipeline/0.1 (+https://github.com/hksar-plenary/plenary-pipeline; press-release collector)"
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_AFTER_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class FetchPolicy:
    """Where the fetcher may go and how hard it tries; hosts are compared case-insensitively."""

    allowed_hosts: frozenset[str] = frozenset({"www.info.gov.hk"})
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0  # the deadline of one attempt, however slowly the bytes trickle in (see module doc)
    max_bytes: int = 5 * 1024 * 1024
    max_attempts: int = 4
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    delay_seconds: float = 1.0
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT

    def __post_init__(self) -> None:
        """Normalise the allowlist and reject impossible settings."""
        object.__setattr__(self, "allowed_hosts", _normalise_hosts(self.allowed_hosts))
        _check_range("connect_timeout", self.connect_timeout, 0, exclusive=True)
        _check_range("read_timeout", self.read_timeout, 0, exclusive=True)
        _check_range("total_timeout", self.total_timeout, 0, exclusive=True)
        if not math.isfinite(self.total_timeout):
            raise ValueError(f"FetchPolicy.total_timeout must be a finite number of seconds, got {self.total_timeout!r}")
        _check_range("max_bytes", self.max_bytes, 1)
        _check_range("max_attempts", self.max_attempts, 1)
        _check_range("backoff_base", self.backoff_base, 0)
        _check_range("backoff_max", self.backoff_max, 0)
        _check_range("delay_seconds", self.delay_seconds, 0)
        _check_range("max_redirects", self.max_redirects, 0)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> "FetchPolicy":
        """A policy from PLENARY_* variables (empty means unset); a bad value raises ValueError."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for var, (name, parse) in _ENV_SETTINGS.items():
            raw = env.get(var, "").strip()
            if raw:
                values[name] = parse(var, raw)
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def allows(self, host: str | None) -> bool:
        """Whether a host name (any case, no port) is on the allowlist."""
        return bool(host) and host.lower().rstrip(".") in self.allowed_hosts


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


class FetchError(PlenaryError):
    """A page could not be fetched; `reason` is one human sentence."""

    def __init__(self, url: str, reason: str, status: int | None = None, retryable: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retryable = retryable


class _Transient(Exception):
    """An attempt failed in a way worth retrying."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after

    def final_reason(self, attempts: int) -> str:
        """The sentence to report once retries are exhausted."""
        if self.status is not None:
            return f"gave up after {_plural(attempts, 'attempt')}: {self.reason}"
        return f"{self.reason} ({_plural(attempts, 'attempt')})"


class _Refused(Exception):
    """An attempt failed in a way that retrying will not fix."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class _DeadlineExceeded(Exception):
    """An attempt missed its deadline; not retried in this run."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _AttemptClock(threading.local):
    """The deadline of the attempt this thread is making, and what its current hop has received so far."""

    def __init__(self) -> None:
        self.ends_at: float | None = None  # time.monotonic() at the deadline; None between attempts
        self.received = 0  # bytes read on the current hop (headers and body, as they came off the socket)
        self.expired = False  # a socket operation stopped because the deadline came, not its own timeout
        self.hops = 0  # requests made in this attempt (more than one: redirects were followed)

    def start_hop(self, seconds: float) -> None:
        """A request of the current attempt starts: the first one starts the deadline."""
        if self.ends_at is None:
            self.ends_at = time.monotonic() + seconds
        self.received, self.expired = 0, False
        self.hops += 1

    def stop(self) -> None:
        self.ends_at, self.received, self.expired, self.hops = None, 0, False, 0

    def passed(self) -> bool:
        return self.ends_at is not None and time.monotonic() >= self.ends_at

    def clamp(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The timeout for one socket operation: its own, or the time left before the deadline if less."""
        if self.ends_at is None:
            return timeout
        left = self.ends_at - time.monotonic()
        if left <= 0:
            self.expired = True
            raise error("the fetch deadline passed")
        return left if timeout is None or left < timeout else timeout

    def timed_out(self, timeout: float | None, clamped: float | None) -> None:
        """Note that an operation timed out; it was the deadline's doing if the deadline shortened it."""
        if self.ends_at is not None and (timeout is None or (clamped is not None and clamped < timeout)):
            self.expired = True


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, clock: _AttemptClock) -> None:
        self._stream, self._clock = stream, clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        clamped = self._clock.clamp(timeout, httpcore.ReadTimeout)
        try:
            data = self._stream.read(max_bytes, clamped)
        except httpcore.ReadTimeout:
            self._clock.timed_out(timeout, clamped)
            raise
        self._clock.received += len(data)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        clamped = self._clock.clamp(timeout, httpcore.WriteTimeout)
        try:
            self._stream.write(buffer, clamped)
        except httpcore.WriteTimeout:
            self._clock.timed_out(timeout, clamped)
            raise

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        clamped = self._clock.clamp(timeout, httpcore.ConnectTimeout)
        try:
            return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, clamped), self._clock)
        except httpcore.ConnectTimeout:
            self._clock.timed_out(timeout, clamped)
            raise

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend with the attempt's deadline on every connection it opens. (The name
    lookup before a connect is the operating system's and is not bounded by it.)"""

    def __init__(self, backend: httpcore.NetworkBackend, clock: _AttemptClock) -> None:
        self._backend, self._clock = backend, clock

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        clamped = self._clock.clamp(timeout, httpcore.ConnectTimeout)
        try:
            stream = self._backend.connect_tcp(host, port, clamped, local_address, socket_options)
        except httpcore.ConnectTimeout:
            self._clock.timed_out(timeout, clamped)
            raise
        return _DeadlineStream(stream, self._clock)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        clamped = self._clock.clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, clamped, socket_options), self._clock)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _enforce_deadline(client: httpx.Client, clock: _AttemptClock) -> None:
    """Put the deadline under every connection pool of the client (its own, and any proxy's from the environment)."""
    transports = [client._transport, *client._mounts.values()]  # httpx 0.28 keeps them here
    for transport in transports:
        if transport is None:
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if not isinstance(backend, httpcore.NetworkBackend):
            raise RuntimeError(f"cannot put the fetch deadline on {type(transport).__name__}: this httpx/httpcore "
                               "version keeps its network backend elsewhere (see flows.fetch._enforce_deadline)")
        pool._network_backend = _DeadlineBackend(backend, clock)


_SHARED_GUARD = threading.Lock()
_SHARED_LOCKS: dict[str, threading.Lock] = {}
_SHARED_LAST_END: dict[str, float] = {}


class _HostGate:
    """One request at a time per host, at least `delay` seconds from one request's end to the next's start.

    With the real clock the state is process-wide, so every Fetcher in a process (feed, pages, runs
    of several flows) shares one queue per host; an injected test clock gets private state.
    """

    def __init__(self, delay: float, sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        self._delay = delay
        self._sleep = sleep
        self._clock = clock
        shared = clock is time.monotonic
        self._guard = _SHARED_GUARD if shared else threading.Lock()
        self._locks: dict[str, threading.Lock] = _SHARED_LOCKS if shared else {}
        self._last_end: dict[str, float] = _SHARED_LAST_END if shared else {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Hold the host's lock for one request, waiting out the delay first."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last_end.get(host)
            if last is not None:
                wait = last + self._delay - self._clock()
                if wait > 0:
                    self._sleep(wait)
            try:
                yield
            finally:
                self._last_end[host] = self._clock()


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
        self._gate = _HostGate(self.policy.delay_seconds, sleep, clock)
        self._attempt_clock = _AttemptClock()
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": self.policy.user_agent},
            transport=transport,
        )
        if transport is None:  # a transport given (tests) gets the deadline checked between body chunks only
            _enforce_deadline(self._client, self._attempt_clock)

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
        except _Refused as exc:
            raise FetchError(url, exc.reason, exc.status) from None
        attempt = 0
        while True:
            attempt += 1
            try:
                page = self._attempt(url, start, accept)
            except _Refused as exc:
                raise FetchError(url, exc.reason, exc.status) from None
            except _DeadlineExceeded as exc:  # a trickling or silent server: this run does not wait for it again
                reason = exc.reason if attempt == 1 else f"{exc.reason} (attempt {attempt})"
                raise FetchError(url, reason, retryable=True) from None
            except _Transient as exc:
                if exc.retry_after is not None and exc.retry_after > self.policy.backoff_max:
                    reason = (f"{exc.reason}: the server asks to retry after {_seconds(exc.retry_after)}, longer than "
                              f"the {_seconds(self.policy.backoff_max)} this run waits; a later sweep retries it")
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
                    raise _Refused(f"more than {self.policy.max_redirects} redirects (last to {outcome})")
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
                    raise _DeadlineExceeded(self._deadline_reason(self._missed_before_body(exc), url)) from None
                raise _Transient(self._timeout_reason(exc)) from None
            except httpx.ConnectError as exc:
                raise _Transient(f"could not connect to {url.host}: {exc or type(exc).__name__}") from None
            except httpx.TransportError as exc:
                raise _Transient(f"connection failed: {exc or type(exc).__name__}") from None
            except httpx.DecodingError as exc:
                raise _Refused(f"could not decode the body: {exc}") from None
            except httpx.HTTPError as exc:
                raise _Refused(f"request failed: {exc or type(exc).__name__}") from None

    def _handle(self, url: httpx.URL, response: httpx.Response, accept: tuple[str, ...]) -> FetchedPage | httpx.URL:
        """Turn a response (headers read, body not yet) into a page, a redirect target, or an error."""
        status = response.status_code
        if status in REDIRECT_STATUSES:
            return self._redirect_target(url, response)
        if status == 429 or status >= 500:
            raise _Transient(_status_text(response), status, self._retry_after(response))
        if not 200 <= status < 300:
            raise _Refused(f"server answered {_status_text(response)}", status)
        content_type, charset = split_content_type(response.headers.get("content-type"))
        _check_content_type(content_type, accept, status)
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
            raise _Refused(f"redirect ({_status_text(response)}) without a Location header", response.status_code)
        try:
            target = url.join(location)
        except httpx.InvalidURL as exc:
            raise _Refused(f"redirect to an invalid address {location!r}: {exc}", response.status_code) from None
        if url.scheme == "https" and target.scheme == "http":
            raise _Refused(f"redirect to {target} refused: it would downgrade https to http", response.status_code)
        try:
            return self._checked_url(str(target))
        except _Refused as exc:
            raise _Refused(f"redirect to {target} refused: {exc.reason}", response.status_code) from None

    def _read_body(self, response: httpx.Response) -> bytes:
        """Stream the raw body, decompressing it ourselves under max_bytes and the total deadline."""
        limit = self.policy.max_bytes
        declared = _content_length(response)
        if declared is not None and declared > limit:
            raise _Refused(f"body is larger than the {limit}-byte limit (Content-Length {declared})", response.status_code)
        decoder = _decoder_for(response.headers.get("content-encoding"))
        chunks, size = [], 0
        try:
            for raw in response.iter_raw():
                chunk = decoder.decompress(raw, limit + 1 - size) if decoder else raw
                size += len(chunk)
                if size > limit or (decoder and decoder.unconsumed_tail):
                    raise _Refused(f"body is larger than the {limit}-byte limit", response.status_code)
                if self._attempt_clock.passed():
                    raise _DeadlineExceeded(self._deadline_reason(_body_so_far(response, declared), response.url))
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            if self._attempt_clock.expired or self._attempt_clock.passed():
                raise _DeadlineExceeded(self._deadline_reason(_body_so_far(response, declared), response.url)) from None
            raise _Transient(self._timeout_reason(exc)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            if declared is None:
                raise _Transient(f"connection broke while reading the body: {exc}") from None
            raise _Transient(_cut_short(response.num_bytes_downloaded, declared)) from None
        except zlib.error as exc:
            raise _Refused(f"could not decode the gzip body: {exc}", response.status_code) from None
        if declared is not None and response.num_bytes_downloaded < declared:
            raise _Transient(_cut_short(response.num_bytes_downloaded, declared))
        return b"".join(chunks)

    def _checked_url(self, url: str) -> httpx.URL:
        """Parse a URL and check its scheme and host against the policy, before any I/O."""
        return _checked_url(url, self.policy)

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
        return f"the response headers were still arriving ({_plural(received, 'byte')} so far)"

    def _deadline_reason(self, missed: str, url: httpx.URL) -> str:
        """The sentence for an attempt that missed its deadline; it names the setting that changes it."""
        redirects = self._attempt_clock.hops - 1
        where = f" (at {url}, after {_plural(redirects, 'redirect')})" if redirects > 0 else ""
        return (f"gave up at the {_seconds(self.policy.total_timeout)} deadline for one request "
                f"(PLENARY_FETCH_DEADLINE): {missed}{where}; not retried in this run")

    def _timeout_reason(self, exc: httpx.TimeoutException) -> str:
        """A sentence naming which timeout fired."""
        if isinstance(exc, httpx.ConnectTimeout):
            return f"connect timed out after {_seconds(self.policy.connect_timeout)}"
        if isinstance(exc, httpx.ReadTimeout):
            return f"read timed out after {_seconds(self.policy.read_timeout)}"
        return f"request timed out ({type(exc).__name__})"


def _decoder_for(encoding: str | None):
    """A bounded gzip decoder for `Content-Encoding: gzip`, None for identity; anything else is refused."""
    value = (encoding or "identity").strip().lower()
    if value in ("", "identity"):
        return None
    if value in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    raise _Refused(f"unsupported Content-Encoding {encoding!r} (only gzip is accepted)")


def url_refusal(url: str, policy: FetchPolicy) -> str | None:
    """Why a URL would be refused before any I/O (scheme, host, allowlist), or None if it may be fetched."""
    try:
        _checked_url(url, policy)
    except _Refused as exc:
        return exc.reason
    return None


def _checked_url(url: str, policy: FetchPolicy) -> httpx.URL:
    """Parse a URL and check its scheme and host against the policy; raise _Refused otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise _Refused(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise _Refused(f"only http and https URLs can be fetched, not {parsed.scheme or 'a URL without a scheme'}")
    if not parsed.host:
        raise _Refused("the URL has no host")
    if not policy.allows(parsed.host):
        hosts = ", ".join(sorted(policy.allowed_hosts))
        raise _Refused(f"host {parsed.host} is not on the allowlist ({hosts}); set PLENARY_ALLOWED_HOSTS to allow it")
    return parsed


def split_content_type(value: str | None) -> tuple[str, str | None]:
    """`text/html; charset=UTF-8` -> (`text/html`, `utf-8`); a missing header gives ("", None)."""
    if not value:
        return "", None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset" and raw.strip().strip("\"'"):
            charset = raw.strip().strip("\"'").lower()
    return mime.strip().lower(), charset


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None if absent or unreadable."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _check_content_type(content_type: str, accept: tuple[str, ...], status: int) -> None:
    """Refuse a response whose media type is not one the caller accepts."""
    if content_type in accept:
        return
    expected = ", ".join(accept)
    if not content_type:
        raise _Refused(f"response has no content type (expected {expected})", status)
    raise _Refused(f"unexpected content type {content_type} (expected {expected})", status)


def _content_length(response: httpx.Response) -> int | None:
    """The declared Content-Length (bytes on the wire), or None when absent or unreadable."""
    raw = response.headers.get("content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


def _body_so_far(response: httpx.Response, declared: int | None) -> str:
    """`the body was still arriving (480 of 5120 bytes so far)`."""
    got = response.num_bytes_downloaded
    of = f"{got} of {declared} bytes" if declared is not None else _plural(got, "byte")
    return f"the body was still arriving ({of} so far)"


def _cut_short(got: int, expected: int) -> str:
    """The sentence for a body shorter than its Content-Length."""
    return f"body was cut short: got {got} of {expected} bytes"


def _status_text(response: httpx.Response) -> str:
    """`HTTP 503 Service Unavailable`."""
    phrase = response.reason_phrase
    return f"HTTP {response.status_code} {phrase}".rstrip() if phrase else f"HTTP {response.status_code}"


def _seconds(value: float) -> str:
    """`30 s`, `0.3 s`."""
    return f"{value:g} s"


def _plural(count: int, noun: str) -> str:
    """`1 attempt`, `4 attempts`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _check_range(name: str, value: object, minimum: float, exclusive: bool = False) -> None:
    """Raise ValueError unless value is a number >= (or >) minimum."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"FetchPolicy.{name} must be a number, got {value!r}")
    if value < minimum or (exclusive and value == minimum):
        relation = ">" if exclusive else ">="
        raise ValueError(f"FetchPolicy.{name} must be {relation} {minimum:g}, got {value!r}")


def _normalise_hosts(hosts: Iterable[str]) -> frozenset[str]:
    """Lower-case host names, without ports or trailing dots; at least one is required."""
    if isinstance(hosts, str):
        hosts = hosts.split(",")
    names = frozenset(_host_only(h) for h in hosts if h and h.strip())
    if not names:
        raise ValueError("FetchPolicy.allowed_hosts must name at least one host")
    return names


def _host_only(host: str) -> str:
    """`WWW.Info.gov.hk:443` -> `www.info.gov.hk`; `[::1]:80` -> `::1`."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host.strip("[")
    if host.count(":") == 1:
        host = host.split(":")[0]
    return host.rstrip(".")


def _env_hosts(var: str, raw: str) -> frozenset[str]:
    """Parse a comma-separated list of host names."""
    names = [part.strip() for part in raw.split(",") if part.strip()]
    if not names:
        raise ValueError(f"{var} expects comma-separated host names like www.info.gov.hk, got {raw!r}")
    for name in names:
        if "/" in name or any(ch.isspace() for ch in name):
            raise ValueError(f"{var} expects host names like www.info.gov.hk, not URLs or paths: got {name!r}")
    return frozenset(names)


def _env_seconds(var: str, raw: str, positive: bool = False) -> float:
    """Parse a number of seconds (>= 0, or > 0 when positive)."""
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")) or value < 0 or (positive and value == 0):
        bound = "> 0" if positive else ">= 0"
        raise ValueError(f"{var} expects a number of seconds {bound}, got {raw!r}")
    return value


def _env_count(var: str, raw: str, what: str) -> int:
    """Parse a whole number >= 1."""
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(f"{var} expects a whole number of {what} >= 1, got {raw!r}")
    return value


_ENV_SETTINGS: dict[str, tuple[str, Callable[[str, str], object]]] = {
    "PLENARY_ALLOWED_HOSTS": ("allowed_hosts", _env_hosts),
    "PLENARY_FETCH_DELAY": ("delay_seconds", _env_seconds),
    "PLENARY_FETCH_TIMEOUT": ("read_timeout", lambda var, raw: _env_seconds(var, raw, positive=True)),
    "PLENARY_FETCH_DEADLINE": ("total_timeout", lambda var, raw: _env_seconds(var, raw, positive=True)),
    "PLENARY_FETCH_MAX_BYTES": ("max_bytes", lambda var, raw: _env_count(var, raw, "bytes")),
    "PLENARY_FETCH_ATTEMPTS": ("max_attempts", lambda var, raw: _env_count(var, raw, "attempts")),
    "PLENARY_FETCH_BACKOFF": ("backoff_base", _env_seconds),
}
