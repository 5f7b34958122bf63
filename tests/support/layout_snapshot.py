"""The records every known input gives, for `tests/parsers/test_layout_equivalence.py` (issue 13: a layout that shows the
pipeline). Run as a script, it wrote the snapshot taken before the layout change, with the code of then (commit
4b3b280, before the change); it refuses to write over it (the point is that the code before wrote it):

    .venv/bin/python -m tests.support.layout_snapshot [--force] # writes tests/golden/records_before_layout/*.json

Inputs: the seeds (`seeds/*.txt`), the HTML fixture pages (`tests/fixtures/pages/*.htm`) and the dev pages
(`tests/fixtures/dev_pages/*.txt`), each with its source address (manifest or truth.json) and without one.
Each is parsed through `parse_document` and through its form's own entry point (`parse_release` for text,
`parse_page` for HTML); the JSON holds `ParsedRelease.to_dict()` of each (the release record's fields included).
Only public names of `parsers` are used, so the same code reads the package before and after the change.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from parsers import Source, parse_document, parse_page, parse_release
from tests.support.paths import DEV_PAGES, GOLDEN, PAGES, ROOT, SEEDS

SNAPSHOT = GOLDEN / "records_before_layout"


def _manifest(folder: Path) -> dict[str, str | None]:
    with open(folder / "manifest.csv", newline="") as fh:
        return {row["file"]: (row["source_url"] or None) for row in csv.DictReader(fh)}


def inputs() -> dict[str, tuple[Path, str | None]]:
    """Every input by its snapshot name (`<folder>__<file>`): its path and its source address."""
    found: dict[str, tuple[Path, str | None]] = {}
    for folder, urls in ((SEEDS, _manifest(SEEDS)), (PAGES, _manifest(PAGES))):
        for path in sorted([*folder.glob("*.txt"), *folder.glob("*.htm")]):
            found[f"{folder.name}__{path.name}"] = (path, urls.get(path.name))
    truth = {t["file"]: t["url"] for t in json.loads((DEV_PAGES / "truth.json").read_text())}
    for path in sorted(DEV_PAGES.glob("*.txt")):
        found[f"{DEV_PAGES.name}__{path.name}"] = (path, truth.get(path.name))
    return found


def records(path: Path, url: str | None) -> dict[str, dict]:
    """The records of one input, by how it was parsed: `document` / `form`, `with_url` / `without_url`."""
    data = path.read_bytes()
    uri = str(path.relative_to(ROOT))
    form = parse_page if path.suffix == ".htm" else parse_release
    out = {}
    for variant, address in (("with_url", url), ("without_url", None)):
        source = Source(uri=uri, url=address)
        out[f"document/{variant}"] = parse_document(data, source).to_dict()
        out[f"form/{variant}"] = form(data, source).to_dict()
    return out


def write_snapshot(folder: Path = SNAPSHOT) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (path, url) in inputs().items():
        snapshot = {"input": str(path.relative_to(ROOT)), "source_url": url, "records": records(path, url)}
        (folder / f"{name}.json").write_text(json.dumps(snapshot, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    return len(inputs())


if __name__ == "__main__":
    if any(SNAPSHOT.glob("*.json")) and "--force" not in sys.argv:
        sys.exit(f"{SNAPSHOT} holds the snapshot taken before the layout change; --force writes over it")
    print(f"wrote {write_snapshot()} snapshots to {SNAPSHOT}", file=sys.stderr)
