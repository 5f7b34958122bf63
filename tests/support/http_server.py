"""A real threaded HTTP server on loopback that serves canned responses, for fetcher and pipeline tests.

Use it as a pytest fixture (`loopback_site`) or from a plain script:

    with LoopbackSite() as site:
        site.add("/a.htm", b"<html>...</html>")
        site.add_sequence("/flaky.htm", [Response(status=503), Response(b"ok")])
        site.add("/slow-headers.htm", b"...", header_trickle=2.0)   # the status line and headers a byte every 2 s
        site.add("/slow-body.htm", b"...", trickle=2.0, trickle_piece=1)  # the body a byte every 2 s
        site.add("/silent.htm", silent=True)                        # reads the request, never answers
        httpx.get(site.url("/a.htm"))
        print(site.requests)

A slow or silent answer ends as soon as the client hangs up, or the site stops.
"""
from __future__ import annotations

import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, NamedTuple
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    """One canned answer: status, body, headers, and how to misbehave (delay, truncate)."""

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    truncate_to: int | None = None  # send only this many body bytes (full Content-Length), then close
    chunked: bool = False  # send the body with Transfer-Encoding: chunked (no Content-Length)
    trickle: float = 0.0  # seconds between pieces of the body (a slow server)
    trickle_piece: int = 16  # bytes per piece of a trickled body
    header_trickle: float = 0.0  # seconds between single bytes of the status line and headers (a slower server)
    silent: bool = False  # read the request, then never answer (until the client hangs up or the site stops)


class LoggedRequest(NamedTuple):
    """A request as the server saw it; `time` is `time.monotonic()` on arrival, headers lower-cased; `client` is
    the client's (address, port): two requests with one port came over one (kept-alive) connection."""

    method: str
    path: str
    headers: dict[str, str]
    time: float
    client: tuple = ()


class _Routes:
    """Thread-safe path -> response sequence table, plus the request log."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sequences: dict[str, list[Response]] = {}
        self._served: dict[str, int] = {}
        self.log: list[LoggedRequest] = []

    def set(self, path: str, responses: list[Response]) -> None:
        """Replace the responses for a path and restart its sequence."""
        if not responses:
            raise ValueError("a path needs at least one response")
        with self._lock:
            self._sequences[path] = list(responses)
            self._served[path] = 0

    def next_for(self, request: LoggedRequest) -> Response:
        """Log the request and pick its response (the last one of a sequence repeats)."""
        path = urlsplit(request.path).path
        with self._lock:
            self.log.append(request)
            sequence = self._sequences.get(path)
            if sequence is None:
                return Response(b"not found\n", "text/plain; charset=utf-8", 404)
            index = min(self._served[path], len(sequence) - 1)
            self._served[path] += 1
            return sequence[index]

    def snapshot(self) -> list[LoggedRequest]:
        """A copy of the request log."""
        with self._lock:
            return list(self.log)

    def clear_log(self) -> None:
        """Forget logged requests."""
        with self._lock:
            self.log.clear()


class _Handler(BaseHTTPRequestHandler):
    """Answers every request from the server's route table."""

    protocol_version = "HTTP/1.1"
    server_version = "LoopbackSite/1.0"
    timeout = 10  # idle keep-alive connections close after this

    def do_GET(self) -> None:
        """Serve a GET."""
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        """Serve a HEAD (headers only)."""
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        """Log the request, wait if asked, then send the canned response (perhaps cut short)."""
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = LoggedRequest(self.command, self.path, headers, time.monotonic(), tuple(self.client_address))
        response = self.server.routes.next_for(request)  # type: ignore[attr-defined]
        if response.delay:
            time.sleep(response.delay)
        if response.silent:
            self._wait_while_connected(SILENT_MAX_SECONDS)
            self.close_connection = True
            return
        try:
            self._send(response, send_body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (e.g. it timed out): nothing to do

    def _send(self, response: Response, send_body: bool) -> None:
        """Write status, headers and body."""
        self.send_response(response.status)
        if response.content_type is not None:
            self.send_header("Content-Type", response.content_type)
        names = {k.lower() for k in response.headers}
        if response.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif "content-length" not in names:
            self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.truncate_to is not None:
            self.send_header("Connection", "close")
            self.close_connection = True
        if response.header_trickle:
            self._trickle_headers(response.header_trickle)
        else:
            self.end_headers()
        if send_body:
            self._write_body(response)
        self.wfile.flush()

    def _write_body(self, response: Response) -> None:
        """Write the body whole, cut short, or in 1 KiB chunks."""
        body = response.body if response.truncate_to is None else response.body[: response.truncate_to]
        if response.trickle:
            piece = max(1, response.trickle_piece)
            for start in range(0, len(body), piece):
                self.wfile.write(body[start : start + piece])
                self.wfile.flush()
                if not self._wait_while_connected(response.trickle):
                    return
            return
        if not response.chunked:
            self.wfile.write(body)
            return
        for start in range(0, len(body), 1024):
            piece = body[start : start + 1024]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        if response.truncate_to is None:
            self.wfile.write(b"0\r\n\r\n")

    def _trickle_headers(self, interval: float) -> None:
        """Send the status line and headers gathered so far one byte at a time, `interval` seconds apart."""
        self._headers_buffer.append(b"\r\n")  # what end_headers would add, then send at once
        head, self._headers_buffer = b"".join(self._headers_buffer), []
        for n in range(len(head)):
            self.wfile.write(head[n : n + 1])
            self.wfile.flush()
            if not self._wait_while_connected(interval):
                raise ConnectionResetError("the client hung up while the headers trickled")

    def _wait_while_connected(self, seconds: float) -> bool:
        """Wait up to `seconds`; False as soon as the client hangs up or the site stops."""
        deadline = time.monotonic() + seconds
        stopping: threading.Event = self.server.stopping  # type: ignore[attr-defined]
        while (left := deadline - time.monotonic()) > 0:
            if stopping.is_set():
                return False
            readable, _, _ = select.select([self.connection], [], [], min(left, 0.1))
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return False  # the client closed its end
                except OSError:
                    return False
                time.sleep(min(left, 0.1))  # it sent more (a pipelined request): keep it for later
        return not stopping.is_set()

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the request log is in `LoopbackSite.requests`."""


SILENT_MAX_SECONDS = 300.0  # a silent answer gives up waiting for the client to hang up after this


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that does not wait for lingering keep-alive threads on close."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stopping = threading.Event()  # slow and silent answers end when it is set

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up mid-answer (size limit, timeout) is expected here; anything else is printed."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class LoopbackSite:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving canned responses per path."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._routes = _Routes()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "LoopbackSite":
        """Bind a free port and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._server = _Server((self._host, 0), _Handler)
        self._server.routes = self._routes  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="loopback-site", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server, self._thread = None, None

    def __enter__(self) -> "LoopbackSite":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._server is None:
            raise RuntimeError("LoopbackSite is not started")
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        """`http://127.0.0.1:<port>` (no trailing slash)."""
        return f"http://{self._host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """Absolute URL of a path on this site."""
        return self.base + (path if path.startswith("/") else "/" + path)

    def add(
        self,
        path: str,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        *,
        delay: float = 0.0,
        truncate_to: int | None = None,
        chunked: bool = False,
        trickle: float = 0.0,
        trickle_piece: int = 16,
        header_trickle: float = 0.0,
        silent: bool = False,
    ) -> str:
        """Serve one response at a path (every request gets it); returns the path's URL."""
        response = Response(body, content_type, status, dict(headers or {}), delay, truncate_to, chunked, trickle,
                            trickle_piece, header_trickle, silent)
        return self.add_sequence(path, [response])

    def add_sequence(self, path: str, responses: list[Response]) -> str:
        """Serve successive responses to successive requests (the last repeats); returns the URL."""
        self._routes.set(path, responses)
        return self.url(path)

    def add_redirect(self, path: str, location: str, status: int = 302) -> str:
        """Answer a path with a redirect to `location`; returns the path's URL."""
        return self.add(path, b"", "text/plain", status, {"Location": location})

    @property
    def requests(self) -> list[LoggedRequest]:
        """Every request received so far, in arrival order (a copy)."""
        return self._routes.snapshot()

    def requests_to(self, path: str) -> list[LoggedRequest]:
        """Requests received for one path (query string ignored)."""
        return [r for r in self.requests if urlsplit(r.path).path == path]

    def clear_log(self) -> None:
        """Forget the requests received so far."""
        self._routes.clear_log()


try:  # the fixture is only defined where pytest is installed; plain scripts need not have it
    import pytest
except ImportError:  # pragma: no cover
    pytest = None

if pytest is not None:

    @pytest.fixture
    def loopback_site() -> Iterator[LoopbackSite]:
        """A started LoopbackSite, stopped after the test."""
        with LoopbackSite() as site:
            yield site
