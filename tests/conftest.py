"""Shared fixtures: a scratch warehouse and the loopback HTTP server; the paths are in `tests.support.paths`."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.support.http_server import loopback_site  # noqa: F401  (the loopback HTTP server fixture, for every test module)

# A job that a non-interactive shell starts in the background (`make test &`, some CI runners) inherits SIGINT
# ignored, and an ignored signal stays ignored across exec: every command the tests start and then stop with
# SIGINT (Ctrl+C) would ignore it. The tests stand for an operator at a terminal: SIGINT is restored here, so
# the commands started from this process get the default disposition at exec.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
