"""A loopback copy of the site for the benchmark: serves a corpus folder at the paths of its manifest URLs.

Run as its own process (`python -m flows.bench.site FOLDER`) so it uses the second core; it prints
its base URL on the first line of stdout.
"""
from __future__ import annotations

import csv
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

_TYPES = {".htm": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def corpus_routes(folder: Path) -> dict[str, Path]:
    """URL path -> file, from the folder's manifest.csv."""
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as fh:
        return {urlsplit(row["source_url"]).path: folder / row["file"] for row in csv.DictReader(fh)}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection for the whole run
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart (Nagle + delayed ACK)

    def do_GET(self) -> None:
        path = self.server.routes.get(urlsplit(self.path).path)  # type: ignore[attr-defined]
        if path is None:
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", _TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def main(folder: str) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.routes = corpus_routes(Path(folder))  # type: ignore[attr-defined]
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
