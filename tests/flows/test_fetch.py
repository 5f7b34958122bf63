"""The HTTP fetcher against a real loopback server: success, faults, retries, redirects, politeness."""
from __future__ import annotations

import hashlib
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest

from flows.collect.http import (
    DEFAULT_USER_AGENT,
    FEED_TYPES,
    FetchedPage,
    FetchError,
    Fetcher,
    FetchPolicy,
    parse_retry_after,
    split_content_type,
    url_refusal,
)
from tests.support.http_server import LoopbackSite, Response

PAGE = "<html><body><span id='pressrelease'>Hong Kong/Beijing \u5408\u4f5c</span></body></html>".encode()


def policy(**overrides) -> FetchPolicy:
    """A fast policy that allows the loopback server."""
    settings = dict(
        allowed_hosts=frozenset({"127.0.0.1"}),
        connect_timeout=2.0,
        read_timeout=2.0,
        max_attempts=3,
        backoff_base=0.05,
        backoff_max=2.0,
        delay_seconds=0.05,
    )
    settings.update(overrides)
    return FetchPolicy(**settings)


def fetch_error(fetcher: Fetcher, url: str, **kwargs) -> FetchError:
    """The FetchError that fetching url raises."""
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url, **kwargs)
    return info.value


def no_io_transport(calls: list[httpx.Request]) -> httpx.MockTransport:
    """A transport that records any request it is asked to send (there should be none)."""

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, text="should not happen")

    return httpx.MockTransport(handler)


# --- success ---------------------------------------------------------------------------------------


@pytest.mark.slow  # a loopback HTTP server
def test_normal_page(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/gia/general/201810/24/P2018102400619.htm", PAGE, "text/html; charset=UTF-8")
    before = datetime.now(timezone.utc)
    with Fetcher(policy()) as fetcher:
        page = fetcher.fetch(url)
    assert isinstance(page, FetchedPage)
    assert (page.url, page.final_url, page.status, page.attempts) == (url, url, 200, 1)
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.body == PAGE
    assert page.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert page.headers["content-type"] == "text/html; charset=UTF-8"
    assert page.headers["content-length"] == str(len(PAGE))
    assert all(name == name.lower() for name in page.headers)
    assert before <= page.fetched_at <= datetime.now(timezone.utc)
    assert page.fetched_at.tzinfo is timezone.utc
    [request] = loopback_site.requests
    assert request.method == "GET"
    assert request.path == "/gia/general/201810/24/P2018102400619.htm"
    assert request.headers["user-agent"] == DEFAULT_USER_AGENT
    assert request.headers["accept"] == "text/html, application/xhtml+xml, text/plain"


@pytest.mark.slow  # a loopback HTTP server
def test_feed_types_and_missing_charset(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/gia/rss/general_en.xml", b"<rss/>", "application/rss+xml")
    with Fetcher(policy()) as fetcher:
        page = fetcher.fetch(url, accept=FEED_TYPES)
    assert (page.content_type, page.charset, page.body) == ("application/rss+xml", None, b"<rss/>")


@pytest.mark.slow  # a loopback HTTP server
def test_allowlist_is_case_insensitive_and_ignores_ports(loopback_site: LoopbackSite) -> None:
    loopback_site.add("/a.htm", PAGE)
    url = f"http://LOCALHOST:{loopback_site.port}/a.htm"
    with Fetcher(policy(allowed_hosts=frozenset({"LocalHost:1"}))) as fetcher:
        page = fetcher.fetch(url)
    assert page.body == PAGE
    assert fetcher.policy.allowed_hosts == frozenset({"localhost"})


# --- retries ---------------------------------------------------------------------------------------


@pytest.mark.slow  # a loopback HTTP server
def test_read_timeout_is_retried_then_reported(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/slow.htm", PAGE, delay=1.0)
    with Fetcher(policy(read_timeout=0.3)) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "read timed out after 0.3 s (3 attempts)"
    assert (error.url, error.status, error.retryable) == (url, None, True)
    assert len(loopback_site.requests_to("/slow.htm")) == 3


@pytest.mark.slow  # a loopback HTTP server
def test_server_error_then_success(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add_sequence("/flaky.htm", [Response(b"oops", status=500), Response(PAGE)])
    with Fetcher(policy()) as fetcher:
        page = fetcher.fetch(url)
    assert (page.status, page.attempts, page.body) == (200, 2, PAGE)
    assert len(loopback_site.requests_to("/flaky.htm")) == 2


@pytest.mark.slow  # a loopback HTTP server
def test_persistent_503_gives_up(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/down.htm", b"down", status=503)
    with Fetcher(policy()) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "gave up after 3 attempts: HTTP 503 Service Unavailable"
    assert (error.status, error.retryable) == (503, True)
    assert len(loopback_site.requests_to("/down.htm")) == 3


@pytest.mark.slow  # a loopback HTTP server
def test_429_honours_retry_after(loopback_site: LoopbackSite) -> None:
    busy = Response(b"slow down", "text/plain", 429, {"Retry-After": "1"})
    url = loopback_site.add_sequence("/busy.htm", [busy, Response(PAGE)])
    with Fetcher(policy()) as fetcher:
        page = fetcher.fetch(url)
    assert (page.status, page.attempts) == (200, 2)
    first, second = loopback_site.requests_to("/busy.htm")
    assert second.time - first.time >= 1.0


@pytest.mark.slow  # a loopback HTTP server
def test_a_retry_after_longer_than_the_run_waits_is_left_to_a_later_sweep(loopback_site: LoopbackSite) -> None:
    busy = Response(b"", "text/plain", 503, {"Retry-After": "3600"})
    url = loopback_site.add_sequence("/busy.htm", [busy, Response(PAGE)])
    waits: list[float] = []
    with Fetcher(policy(backoff_max=0.2, delay_seconds=0), sleep=waits.append) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.retryable and "retry after 3600 s, longer than the 0.2 s this run waits" in error.reason
    assert waits == [] and len(loopback_site.requests_to("/busy.htm")) == 1  # not hammered before its time


@pytest.mark.slow  # a loopback HTTP server
def test_a_gzip_body_is_decoded_and_a_gzip_bomb_stops_at_the_limit(loopback_site: LoopbackSite) -> None:
    import gzip

    page = loopback_site.add("/zipped.htm", gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
    bomb = loopback_site.add("/bomb.htm", gzip.compress(b"\0" * 50_000_000), headers={"Content-Encoding": "gzip"})
    stacked = loopback_site.add("/stacked.htm", gzip.compress(gzip.compress(PAGE)), headers={"Content-Encoding": "gzip, gzip"})
    with Fetcher(policy(max_bytes=100_000)) as fetcher:
        assert fetcher.fetch(page).body == PAGE
        assert fetch_error(fetcher, bomb).reason == "body is larger than the 100000-byte limit"
        assert "unsupported Content-Encoding 'gzip, gzip'" in fetch_error(fetcher, stacked).reason


@pytest.mark.slow  # a loopback HTTP server
def test_a_trickling_body_is_cut_off_at_the_total_deadline(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/slow.htm", PAGE * 20, trickle=0.1)
    with Fetcher(policy(read_timeout=1.0, total_timeout=0.5, max_attempts=3)) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.retryable and error.reason.startswith("gave up at the 0.5 s deadline for one request (PLENARY_FETCH_DEADLINE)")
    assert "the body was still arriving" in error.reason and error.reason.endswith("not retried in this run")
    assert len(loopback_site.requests_to("/slow.htm")) == 1  # a trickling server is not asked again in the run


@pytest.mark.slow  # a loopback HTTP server
def test_backoff_grows_exponentially_with_jitter(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/down.htm", b"", status=502)
    waits: list[float] = []
    with Fetcher(policy(max_attempts=4, backoff_base=1.0, backoff_max=60, delay_seconds=0), sleep=waits.append) as f:
        error = fetch_error(f, url)
    assert error.reason == "gave up after 4 attempts: HTTP 502 Bad Gateway"
    assert len(waits) == 3
    for n, wait in enumerate(waits):
        assert 2**n <= wait < 2**n + 1.0


@pytest.mark.slow  # a loopback HTTP server
def test_truncated_body_is_retried_then_reported(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/cut.htm", b"x" * 2000, truncate_to=100)
    with Fetcher(policy()) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "body was cut short: got 100 of 2000 bytes (3 attempts)"
    assert (error.status, error.retryable) == (None, True)
    assert len(loopback_site.requests_to("/cut.htm")) == 3


@pytest.mark.slow  # a loopback HTTP server
def test_truncated_body_then_whole_body(loopback_site: LoopbackSite) -> None:
    body = b"y" * 2000
    url = loopback_site.add_sequence("/cut.htm", [Response(body, truncate_to=10), Response(body)])
    with Fetcher(policy()) as fetcher:
        page = fetcher.fetch(url)
    assert (page.body, page.attempts) == (body, 2)


@pytest.mark.slow  # a loopback HTTP server
def test_connection_refused_is_retried(loopback_site: LoopbackSite) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again on exit: nothing listens there
    with Fetcher(policy(max_attempts=2)) as fetcher:
        error = fetch_error(fetcher, f"http://127.0.0.1:{port}/x.htm")
    assert error.reason.startswith("could not connect to 127.0.0.1: ")
    assert error.reason.endswith("(2 attempts)")
    assert error.retryable is True


# --- refusals that are not retried -----------------------------------------------------------------


@pytest.mark.slow  # a loopback HTTP server
def test_oversized_body_declared_is_refused_once(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/big.htm", b"z" * 5000)
    with Fetcher(policy(max_bytes=1000)) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "body is larger than the 1000-byte limit (Content-Length 5000)"
    assert (error.status, error.retryable) == (200, False)
    assert len(loopback_site.requests_to("/big.htm")) == 1


@pytest.mark.slow  # a loopback HTTP server
def test_oversized_body_streamed_is_refused_once(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/big.htm", b"z" * 50_000, chunked=True)
    with Fetcher(policy(max_bytes=1000)) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "body is larger than the 1000-byte limit"
    assert error.retryable is False
    assert len(loopback_site.requests_to("/big.htm")) == 1


@pytest.mark.slow  # a loopback HTTP server
def test_not_found_is_not_retried(loopback_site: LoopbackSite) -> None:
    url = loopback_site.url("/missing.htm")
    with Fetcher(policy()) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "server answered HTTP 404 Not Found"
    assert (error.status, error.retryable) == (404, False)
    assert len(loopback_site.requests) == 1


@pytest.mark.slow  # a loopback HTTP server
def test_unexpected_content_type_is_refused(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/photo.png", b"\x89PNG\r\n", "image/png")
    with Fetcher(policy()) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == "unexpected content type image/png (expected text/html, application/xhtml+xml, text/plain)"
    assert (error.status, error.retryable) == (200, False)
    assert len(loopback_site.requests) == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https URLs can be fetched, not file"),
        ("ftp://127.0.0.1/pub/x.htm", "only http and https URLs can be fetched, not ftp"),
        (
            "https://evil.example/x.htm",
            "host evil.example is not on the allowlist (127.0.0.1); set PLENARY_ALLOWED_HOSTS to allow it",
        ),
    ],
)
def test_refused_before_any_io(url: str, reason: str) -> None:
    calls: list[httpx.Request] = []
    with Fetcher(policy(), transport=no_io_transport(calls)) as fetcher:
        error = fetch_error(fetcher, url)
    assert (error.url, error.reason, error.status, error.retryable) == (url, reason, None, False)
    assert calls == []


def test_url_refusal_matches_fetch() -> None:
    allowed = policy(allowed_hosts=frozenset({"www.info.gov.hk"}))
    assert url_refusal("https://WWW.INFO.GOV.HK/gia/general/201810/24/P2018102400619.htm", allowed) is None
    assert url_refusal("mailto:someone@info.gov.hk", allowed) == "only http and https URLs can be fetched, not mailto"
    assert url_refusal("/gia/general/201810/24.htm", allowed) == (
        "only http and https URLs can be fetched, not a URL without a scheme"
    )
    assert url_refusal("https://www.news.gov.hk/x.htm", allowed) == (
        "host www.news.gov.hk is not on the allowlist (www.info.gov.hk); set PLENARY_ALLOWED_HOSTS to allow it"
    )


# --- redirects -------------------------------------------------------------------------------------


@pytest.mark.slow  # a loopback HTTP server
def test_redirect_within_allowlist_is_followed(loopback_site: LoopbackSite) -> None:
    loopback_site.add("/new/P1.htm", PAGE)
    loopback_site.add_redirect("/moved.htm", "/hop.htm", 301)
    loopback_site.add_redirect("/hop.htm", loopback_site.url("/new/P1.htm"), 302)
    url = loopback_site.url("/moved.htm")
    with Fetcher(policy()) as fetcher:
        page = fetcher.fetch(url)
    assert (page.url, page.final_url, page.body) == (url, loopback_site.url("/new/P1.htm"), PAGE)
    assert page.redirects == [loopback_site.url("/hop.htm"), loopback_site.url("/new/P1.htm")]
    assert [r.path for r in loopback_site.requests] == ["/moved.htm", "/hop.htm", "/new/P1.htm"]


@pytest.mark.slow  # a loopback HTTP server
def test_redirect_off_the_allowlist_is_refused(loopback_site: LoopbackSite) -> None:
    loopback_site.add("/secret.htm", PAGE)
    target = f"http://localhost:{loopback_site.port}/secret.htm"
    url = loopback_site.add_redirect("/go.htm", target)
    with Fetcher(policy()) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == (
        f"redirect to {target} refused: host localhost is not on the allowlist (127.0.0.1); "
        "set PLENARY_ALLOWED_HOSTS to allow it"
    )
    assert (error.status, error.retryable) == (302, False)
    assert [(r.path, r.headers["host"]) for r in loopback_site.requests] == [
        ("/go.htm", f"127.0.0.1:{loopback_site.port}")
    ]


@pytest.mark.slow  # a loopback HTTP server
def test_redirect_to_another_scheme_is_refused(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add_redirect("/go.htm", "file:///etc/passwd")
    with Fetcher(policy()) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason.startswith("redirect to file:")  # httpx renders the resolved URL as file:/etc/passwd
    assert error.reason.endswith("/etc/passwd refused: only http and https URLs can be fetched, not file")
    assert len(loopback_site.requests) == 1


@pytest.mark.slow  # a loopback HTTP server
def test_redirect_loop_stops_at_the_limit(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add_redirect("/loop.htm", "/loop.htm")
    with Fetcher(policy(max_redirects=2)) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.reason == f"more than 2 redirects (last to {url})"
    assert error.retryable is False
    assert len(loopback_site.requests) == 3


# --- politeness ------------------------------------------------------------------------------------


@pytest.mark.slow  # a loopback HTTP server
def test_requests_to_one_host_are_spaced(loopback_site: LoopbackSite) -> None:
    first_url = loopback_site.add("/1.htm", PAGE)
    second_url = loopback_site.add("/2.htm", PAGE)
    with Fetcher(policy(delay_seconds=0.4)) as fetcher:
        fetcher.fetch(first_url)
        fetcher.fetch(second_url)
    first, second = loopback_site.requests
    assert second.time - first.time >= 0.4


@pytest.mark.slow  # a loopback HTTP server
def test_one_request_at_a_time_per_host_across_threads(loopback_site: LoopbackSite) -> None:
    urls = [loopback_site.add(f"/{n}.htm", PAGE, delay=0.2) for n in range(3)]
    with Fetcher(policy(delay_seconds=0.1)) as fetcher:
        threads = [threading.Thread(target=fetcher.fetch, args=(u,)) for u in urls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    times = sorted(r.time for r in loopback_site.requests)
    assert len(times) == 3
    assert all(later - earlier >= 0.3 for earlier, later in zip(times, times[1:]))


@pytest.mark.slow  # a loopback HTTP server
def test_retries_wait_for_the_host_delay(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add_sequence("/flaky.htm", [Response(status=500), Response(PAGE)])
    with Fetcher(policy(delay_seconds=0.5, backoff_base=0.0)) as fetcher:
        assert fetcher.fetch(url).attempts == 2
    first, second = loopback_site.requests
    assert second.time - first.time >= 0.5


@pytest.mark.slow  # a loopback HTTP server
def test_sleep_is_injectable(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/1.htm", PAGE)
    waits: list[float] = []
    private_clock = lambda: time.monotonic()  # noqa: E731  (not the process-wide gate other tests share)
    with Fetcher(policy(delay_seconds=30), sleep=waits.append, clock=private_clock) as fetcher:
        fetcher.fetch(url)
        fetcher.fetch(url)
    assert len(waits) == 1 and 29 < waits[0] <= 30


@pytest.mark.slow  # a loopback HTTP server
def test_fetchers_in_one_process_share_the_per_host_delay(loopback_site: LoopbackSite) -> None:
    url = loopback_site.add("/shared.htm", PAGE)
    with Fetcher(policy(delay_seconds=0.4)) as first, Fetcher(policy(delay_seconds=0.4)) as second:
        first.fetch(url)
        second.fetch(url)
    a, b = loopback_site.requests_to("/shared.htm")
    assert b.time - a.time >= 0.4


# --- policy and helpers ----------------------------------------------------------------------------


def test_policy_defaults() -> None:
    default = FetchPolicy()
    assert default.allowed_hosts == frozenset({"www.info.gov.hk"})
    assert (default.connect_timeout, default.read_timeout, default.max_bytes) == (10, 30, 5 * 1024 * 1024)
    assert (default.max_attempts, default.backoff_base, default.backoff_max) == (4, 1.0, 60)
    assert (default.delay_seconds, default.max_redirects) == (1.0, 5)
    assert default.user_agent.startswith("plenary-pipeline/0.1 (+https://")
    assert default.total_timeout == 60  # the deadline of one attempt (PLENARY_FETCH_DEADLINE)


def test_policy_from_env() -> None:
    env = {
        "PLENARY_ALLOWED_HOSTS": "www.info.gov.hk, WWW.News.gov.hk:443 ,",
        "PLENARY_FETCH_DELAY": "2.5",
        "PLENARY_FETCH_TIMEOUT": "12",
        "PLENARY_FETCH_MAX_BYTES": "1048576",
        "PLENARY_FETCH_ATTEMPTS": "2",
        "PLENARY_FETCH_BACKOFF": "0",
        "PLENARY_FETCH_DEADLINE": "45.5",
        "UNRELATED": "x",
    }
    loaded = FetchPolicy.from_env(env)
    assert loaded.total_timeout == 45.5
    assert loaded.allowed_hosts == frozenset({"www.info.gov.hk", "www.news.gov.hk"})
    assert (loaded.delay_seconds, loaded.read_timeout, loaded.max_bytes) == (2.5, 12.0, 1048576)
    assert (loaded.max_attempts, loaded.backoff_base, loaded.connect_timeout) == (2, 0.0, 10.0)
    assert FetchPolicy.from_env({"PLENARY_FETCH_DELAY": ""}) == FetchPolicy()
    assert FetchPolicy.from_env({}, delay_seconds=0).delay_seconds == 0


@pytest.mark.parametrize(
    ("var", "value", "message"),
    [
        ("PLENARY_FETCH_DELAY", "soon", "PLENARY_FETCH_DELAY expects a number of seconds >= 0, got 'soon'"),
        ("PLENARY_FETCH_DELAY", "-1", "PLENARY_FETCH_DELAY expects a number of seconds >= 0, got '-1'"),
        ("PLENARY_FETCH_TIMEOUT", "0", "PLENARY_FETCH_TIMEOUT expects a number of seconds > 0, got '0'"),
        ("PLENARY_FETCH_DEADLINE", "0", "PLENARY_FETCH_DEADLINE expects a number of seconds > 0, got '0'"),
        ("PLENARY_FETCH_DEADLINE", "inf", "PLENARY_FETCH_DEADLINE expects a number of seconds > 0, got 'inf'"),
        ("PLENARY_FETCH_DEADLINE", "2 min", "PLENARY_FETCH_DEADLINE expects a number of seconds > 0, got '2 min'"),
        ("PLENARY_FETCH_BACKOFF", "nan", "PLENARY_FETCH_BACKOFF expects a number of seconds >= 0, got 'nan'"),
        ("PLENARY_FETCH_ATTEMPTS", "0", "PLENARY_FETCH_ATTEMPTS expects a whole number of attempts >= 1, got '0'"),
        ("PLENARY_FETCH_MAX_BYTES", "5MB", "PLENARY_FETCH_MAX_BYTES expects a whole number of bytes >= 1, got '5MB'"),
        (
            "PLENARY_ALLOWED_HOSTS",
            "https://www.info.gov.hk/",
            "PLENARY_ALLOWED_HOSTS expects host names like www.info.gov.hk, not URLs or paths: "
            "got 'https://www.info.gov.hk/'",
        ),
        (
            "PLENARY_ALLOWED_HOSTS",
            " , ",
            "PLENARY_ALLOWED_HOSTS expects comma-separated host names like www.info.gov.hk, got ','",
        ),
    ],
)
def test_policy_from_env_rejects_bad_values(var: str, value: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        FetchPolicy.from_env({var: value})
    assert str(info.value) == message


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_policy_rejects_an_impossible_deadline(value: float) -> None:
    with pytest.raises(ValueError, match="FetchPolicy.total_timeout must be"):
        FetchPolicy(total_timeout=value)


def test_split_content_type() -> None:
    assert split_content_type("Text/HTML; Charset=\"Big5\"") == ("text/html", "big5")
    assert split_content_type("application/xml") == ("application/xml", None)
    assert split_content_type(None) == ("", None)


def test_parse_retry_after() -> None:
    now = datetime(2026, 11, 2, 12, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=90), usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
