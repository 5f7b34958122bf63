"""Reading an HTTP response's headers: media type and charset, Retry-After, Content-Length, encoding; and the
sentences that describe a response."""
from __future__ import annotations

import zlib
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

from .errors import Refused, plural


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


def check_content_type(content_type: str, accept: tuple[str, ...], status: int) -> None:
    """Refuse a response whose media type is not one the caller accepts."""
    if content_type in accept:
        return
    expected = ", ".join(accept)
    if not content_type:
        raise Refused(f"response has no content type (expected {expected})", status)
    raise Refused(f"unexpected content type {content_type} (expected {expected})", status)


def content_length(response: httpx.Response) -> int | None:
    """The declared Content-Length (bytes on the wire), or None when absent or unreadable."""
    raw = response.headers.get("content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


def body_so_far(response: httpx.Response, declared: int | None) -> str:
    """`the body was still arriving (480 of 5120 bytes so far)`."""
    got = response.num_bytes_downloaded
    of = f"{got} of {declared} bytes" if declared is not None else plural(got, "byte")
    return f"the body was still arriving ({of} so far)"


def cut_short(got: int, expected: int) -> str:
    """The sentence for a body shorter than its Content-Length."""
    return f"body was cut short: got {got} of {expected} bytes"


def status_text(response: httpx.Response) -> str:
    """`HTTP 503 Service Unavailable`."""
    phrase = response.reason_phrase
    return f"HTTP {response.status_code} {phrase}".rstrip() if phrase else f"HTTP {response.status_code}"


def decoder_for(encoding: str | None):
    """A bounded gzip decoder for `Content-Encoding: gzip`, None for identity; anything else is refused."""
    value = (encoding or "identity").strip().lower()
    if value in ("", "identity"):
        return None
    if value in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    raise Refused(f"unsupported Content-Encoding {encoding!r} (only gzip is accepted)")
