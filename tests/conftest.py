"""Shared fixtures: paths to the seeds, the dev pages (an in-repo copy), and a scratch warehouse."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.http_server import loopback_site  # noqa: F401  (the loopback HTTP server fixture, for every test module)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).parent / "golden"
DEV_PAGES = Path(__file__).parent / "fixtures" / "dev_pages"


def seed_urls() -> dict[str, str | None]:
    with open(SEEDS / "manifest.csv", newline="") as fh:
        return {row["file"]: (row["source_url"] or None) for row in csv.DictReader(fh)}


def golden(stem: str) -> dict:
    return json.loads((GOLDEN / f"{stem}.json").read_text())


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
