"""Shared fixtures: paths to the seeds, the dev pages (an in-repo copy), and a scratch warehouse."""
from __future__ import annotations

import csv
import json
import signal
from pathlib import Path

import pytest

from tests.http_server import loopback_site  # noqa: F401  (the loopback HTTP server fixture, for every test module)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).parent / "golden"
DEV_PAGES = Path(__file__).parent / "fixtures" / "dev_pages"

# A job that a non-interactive shell starts in the background (`make test &`, some CI runners) inherits SIGINT
# ignored, and an ignored signal stays ignored across exec: every command the tests start and then stop with
# SIGINT (Ctrl+C) would ignore it. The tests stand for an operator at a terminal: SIGINT is restored here, so
# the commands started from this process get the default disposition at exec.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def seed_urls() -> dict[str, str | None]:
    with open(SEEDS / "manifest.csv", newline="") as fh:
        return {row["file"]: (row["source_url"] or None) for row in csv.DictReader(fh)}


def golden(stem: str) -> dict:
    return json.loads((GOLDEN / f"{stem}.json").read_text())


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
