"""Politeness: one request at a time per host, with a pause between two requests to it."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_SHARED_GUARD = threading.Lock()
_SHARED_LOCKS: dict[str, threading.Lock] = {}
_SHARED_LAST_END: dict[str, float] = {}


class HostGate:
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
