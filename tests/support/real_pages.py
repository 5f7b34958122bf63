"""Real pages (`tests/fixtures/real_pages/<language>/`): public pages' text as the search returned it, each with
its source address, and `truth.json`, written by reading each page twice, independently (`truth_a_*.json`,
`truth_b.json`), with every difference settled from the text (`settled` says how).

`python -m tests.support.real_pages` prints how the parser does on them, field by field (a measurement: the
tests in tests/parsers/test_real_pages.py hold the line)."""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass

from parsers import ParsingError, Source, parse_document
from tests.support.paths import ROOT

REAL_PAGES = ROOT / "tests" / "fixtures" / "real_pages"
FIELDS = ("counterpart", "plenary_number", "high_level_meeting", "meeting_date", "venue", "hk_leader",
          "counterpart_leader", "stated_area_count", "first_area_heading")


@dataclass(frozen=True)
class RealPage:
    file: str
    source_url: str
    text: bytes


def read_page(language: str, file: str) -> RealPage:
    """A saved page: `source_url: ...` and `query: ...` lines, a `---` line, then the excerpt."""
    head, _, body = (REAL_PAGES / language / file).read_bytes().partition(b"\n---\n")
    header = dict(line.split(": ", 1) for line in head.decode().splitlines() if ": " in line)
    return RealPage(file, header["source_url"].strip(), body)


def truth(language: str = "en") -> list[dict]:
    return json.loads((REAL_PAGES / language / "truth.json").read_text())


def misreads(expected: dict, language: str = "en") -> list[tuple[str, object, object]]:
    """(field, read, true) for each field the parser reads otherwise than the truth says."""
    page = read_page(language, expected["file"])
    try:
        parsed = parse_document(page.text, Source(uri=page.file, url=page.source_url)).to_dict()
    except ParsingError as exc:
        return [("is_plenary_report", f"unreadable: {exc}", expected["is_plenary_report"])]
    is_report = bool(parsed["release"]["is_plenary_report"])
    if is_report is not expected["is_plenary_report"]:
        return [("is_plenary_report", is_report, expected["is_plenary_report"])]
    if not is_report:
        return []
    read = dict(parsed["meeting"], first_area_heading=parsed["areas"][0]["heading"] if parsed["areas"] else None)
    return [(f, read.get(f), expected.get(f)) for f in FIELDS if read.get(f) != expected.get(f)]


def main(language: str = "en") -> None:
    right, seen, whole = Counter(), Counter(), 0
    for expected in truth(language):
        wrong = {f for f, _, _ in misreads(expected, language)}
        whole += not wrong
        for f in ("is_plenary_report",) + (FIELDS if expected["is_plenary_report"] and "is_plenary_report" not in wrong else ()):
            seen[f] += 1
            right[f] += f not in wrong
    print(f"{language}: {whole} of {len(truth(language))} pages read wholly right")
    for f in seen:
        print(f"  {f:20} {right[f]:3} of {seen[f]:3}")


if __name__ == "__main__":
    main(*sys.argv[1:])
