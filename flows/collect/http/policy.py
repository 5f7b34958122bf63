"""Where the fetcher may go and how hard it tries (`FetchPolicy`), and the check of a URL against it."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import httpx

from ... import settings
from .errors import Refused

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES: tuple[str, ...] = ("application/rss+xml", "application/xml", "text/xml", "application/atom+xml")
DEFAULT_USER_AGENT = (
    "plenary-pipeline/0.1 (+https://github.com/hksar-plenary/plenary-pipeline; press-release collector)"
)


@dataclass(frozen=True)
class FetchPolicy:
    """Where the fetcher may go and how hard it tries; hosts are compared case-insensitively. The fields that a
    PLENARY_* variable sets default to that variable's default (`flows.settings`)."""

    allowed_hosts: frozenset[str] = settings.ALLOWED_HOSTS.default
    connect_timeout: float = 10.0
    read_timeout: float = settings.FETCH_TIMEOUT.default
    total_timeout: float = settings.FETCH_DEADLINE.default  # the deadline of one attempt (see flows.collect.http)
    max_bytes: int = settings.FETCH_MAX_BYTES.default
    max_attempts: int = settings.FETCH_ATTEMPTS.default
    backoff_base: float = settings.FETCH_BACKOFF.default
    backoff_max: float = 60.0
    delay_seconds: float = settings.FETCH_DELAY.default
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
        """A policy from PLENARY_* variables (empty means unset); a bad value raises SettingError (a ValueError)."""
        values: dict[str, object] = {field: setting.read(environ) for field, setting in _FROM_ENV.items()}
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def allows(self, host: str | None) -> bool:
        """Whether a host name (any case, no port) is on the allowlist."""
        return bool(host) and host.lower().rstrip(".") in self.allowed_hosts


_FROM_ENV = {
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "delay_seconds": settings.FETCH_DELAY,
    "read_timeout": settings.FETCH_TIMEOUT,
    "total_timeout": settings.FETCH_DEADLINE,
    "max_bytes": settings.FETCH_MAX_BYTES,
    "max_attempts": settings.FETCH_ATTEMPTS,
    "backoff_base": settings.FETCH_BACKOFF,
}


def url_refusal(url: str, policy: FetchPolicy) -> str | None:
    """Why a URL would be refused before any I/O (scheme, host, allowlist), or None if it may be fetched."""
    try:
        checked_url(url, policy)
    except Refused as exc:
        return exc.reason
    return None


def checked_url(url: str, policy: FetchPolicy) -> httpx.URL:
    """Parse a URL and check its scheme and host against the policy; raise Refused otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise Refused(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs can be fetched, not {parsed.scheme or 'a URL without a scheme'}")
    if not parsed.host:
        raise Refused("the URL has no host")
    if not policy.allows(parsed.host):
        hosts = ", ".join(sorted(policy.allowed_hosts))
        raise Refused(f"host {parsed.host} is not on the allowlist ({hosts}); set PLENARY_ALLOWED_HOSTS to allow it")
    return parsed


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
