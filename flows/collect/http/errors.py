"""How a fetch fails: `FetchError` for the caller; inside the fetcher, what one attempt's failure means."""
from __future__ import annotations

from parsers import PlenaryError


class FetchError(PlenaryError):
    """A page could not be fetched; `reason` is one human sentence."""

    def __init__(self, url: str, reason: str, status: int | None = None, retryable: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retryable = retryable


class Transient(Exception):
    """An attempt failed in a way worth retrying."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after

    def final_reason(self, attempts: int) -> str:
        """The sentence to report once retries are exhausted."""
        if self.status is not None:
            return f"gave up after {plural(attempts, 'attempt')}: {self.reason}"
        return f"{self.reason} ({plural(attempts, 'attempt')})"


class Refused(Exception):
    """An attempt failed in a way that retrying will not fix."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class DeadlineExceeded(Exception):
    """An attempt missed its deadline; not retried in this run."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def seconds_text(value: float) -> str:
    """`30 s`, `0.3 s`."""
    return f"{value:g} s"


def plural(count: int, noun: str) -> str:
    """`1 attempt`, `4 attempts`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
