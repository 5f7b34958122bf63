"""One deadline per fetch attempt, under every socket operation.

httpx's own timeouts bound each socket operation, so a server that trickles a byte every few seconds never
trips them. Here every operation (connect, TLS handshake, each send and receive) is given at most the time
left before the attempt's deadline (`DeadlineBackend` under the client's connection pools), so a blocked read
fails at the deadline itself, and the connection it was on is closed, not reused. (The name lookup before a
connect is the operating system's and is not bounded by it.)
"""
from __future__ import annotations

import threading
import time

import httpcore
import httpx


class AttemptClock(threading.local):
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


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, clock: AttemptClock) -> None:
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
            return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, clamped), self._clock)
        except httpcore.ConnectTimeout:
            self._clock.timed_out(timeout, clamped)
            raise

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend with the attempt's deadline on every connection it opens. (The name
    lookup before a connect is the operating system's and is not bounded by it.)"""

    def __init__(self, backend: httpcore.NetworkBackend, clock: AttemptClock) -> None:
        self._backend, self._clock = backend, clock

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        clamped = self._clock.clamp(timeout, httpcore.ConnectTimeout)
        try:
            stream = self._backend.connect_tcp(host, port, clamped, local_address, socket_options)
        except httpcore.ConnectTimeout:
            self._clock.timed_out(timeout, clamped)
            raise
        return DeadlineStream(stream, self._clock)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        clamped = self._clock.clamp(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._backend.connect_unix_socket(path, clamped, socket_options), self._clock)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def enforce_deadline(client: httpx.Client, clock: AttemptClock) -> None:
    """Put the deadline under every connection pool of the client (its own, and any proxy's from the environment)."""
    transports = [client._transport, *client._mounts.values()]  # httpx 0.28 keeps them here
    for transport in transports:
        if transport is None:
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if not isinstance(backend, httpcore.NetworkBackend):
            raise RuntimeError(f"cannot put the fetch deadline on {type(transport).__name__}: this httpx/httpcore "
                               "version keeps its network backend elsewhere (see flows.collect.http.deadline.enforce_deadline)")
        pool._network_backend = DeadlineBackend(backend, clock)
