"""Where the tests' inputs are: the repository, its seeds, and the golden records and fixture pages under tests/."""
from __future__ import annotations

import csv
import json
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
GOLDEN = TESTS / "golden"
DEV_PAGES = TESTS / "fixtures" / "dev_pages"
PAGES = TESTS / "fixtures" / "pages"


def seed_urls() -> dict[str, str | None]:
    with open(SEEDS / "manifest.csv", newline="") as fh:
        return {row["file"]: (row["source_url"] or None) for row in csv.DictReader(fh)}


def golden(stem: str) -> dict:
    return json.loads((GOLDEN / f"{stem}.json").read_text())
