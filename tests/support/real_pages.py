"""Real pages (`tests/fixtures/real_pages/<language>/`): public pages' text as the search returned it, each with
its source address, and `truth.json`, written by reading each page twice, independently (`truth_a_*.json`,
`truth_b*.json`), with every difference settled from the text (`settled` says how).

`python -m tests.support.real_pages [LANGUAGE] [--misreads]` prints how the parser does on them: the share of
truth checks right (one check per field per page: is_plenary_report on every page, and the nine meeting fields on
every page that is a report by its truth, so a report the parser misses fails all ten), by field, by site and by
decade, and with `--misreads` each field read wrong. It is a measurement; tests/parsers/test_real_pages.py holds
the line."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from parsers import ParsingError, Source, parse_document
from tests.support.paths import ROOT

REAL_PAGES = ROOT / "tests" / "fixtures" / "real_pages"
FIELDS = ("counterpart", "plenary_number", "high_level_meeting", "meeting_date", "venue", "hk_leader",
          "counterpart_leader", "stated_area_count", "first_area_heading")
CHECKS = ("is_plenary_report",) + FIELDS


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


def parsed_pages(language: str = "en"):
    """(truth entry, parsed release) of each page of a language the parser can read, in truth order."""
    for expected in truth(language):
        page = read_page(language, expected["file"])
        try:
            yield expected, parse_document(page.text, Source(uri=page.file, url=page.source_url))
        except ParsingError:
            continue


def read(expected: dict, language: str = "en") -> dict:
    """What the parser reads on the page, in the truth's terms."""
    page = read_page(language, expected["file"])
    try:
        parsed = parse_document(page.text, Source(uri=page.file, url=page.source_url)).to_dict()
    except ParsingError as exc:
        return {"is_plenary_report": f"unreadable: {exc}"}
    if not parsed["release"]["is_plenary_report"]:
        return {"is_plenary_report": False}
    areas = parsed["areas"]
    return dict({f: parsed["meeting"].get(f) for f in FIELDS}, is_plenary_report=True,
                first_area_heading=areas[0]["heading"] if areas else None)


def checks(expected: dict, language: str = "en") -> list[tuple[str, object, object]]:
    """(field, read, true) for each truth check of the page: is_plenary_report, and the meeting's fields when the
    page is a report by its truth."""
    got = read(expected, language)
    fields = CHECKS if expected["is_plenary_report"] else CHECKS[:1]
    return [(f, got.get(f), expected.get(f)) for f in fields]


def misreads(expected: dict, language: str = "en") -> list[tuple[str, object, object]]:
    """(field, read, true) for each truth check the parser fails."""
    return [(f, got, true) for f, got, true in checks(expected, language) if got != true]


def site_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    for site in ("info.gov.hk", "news.gov.hk", "cmab.gov.hk"):
        if host.endswith(site):
            return site
    return "other .gov.hk" if host.endswith(".gov.hk") else "reposts and media"


def decade_of(expected: dict) -> str:
    """The decade of the meeting's date, else of a year in the page's address, else in its file's name (the
    collector's, from the page and its context)."""
    years = (re.findall(r"(?<!\d)(?:199\d|20[0-2]\d)(?!\d)", text) for text in (expected["url"], expected["file"]))
    year = (expected.get("meeting_date") or "")[:4] or next((found[0] for found in years if found), "")
    return f"{year[:3]}0s" if year else "year not shown"


def score(language: str = "en") -> dict[str, Counter]:
    """Truth checks right and made: in all, by field, by site and by decade."""
    right, made = Counter(), Counter()
    whole = 0
    for expected in truth(language):
        results = checks(expected, language)
        whole += all(got == true for _, got, true in results)
        for f, got, true in results:
            for key in ("all", f, "site " + site_of(expected["url"]), "decade " + decade_of(expected)):
                made[key] += 1
                right[key] += got == true
    return {"right": right, "made": made, "whole": Counter(pages=whole, of=len(truth(language)))}


def main(*args: str) -> None:
    language = next((a for a in args if not a.startswith("-")), "en")
    result = score(language)
    right, made = result["right"], result["made"]
    print(f"{language}: {right['all']} of {made['all']} truth checks right ({100 * right['all'] / made['all']:.1f} %); "
          f"{result['whole']['pages']} of {result['whole']['of']} pages read wholly right")
    keys = [k for k in made if k != "all"]
    for key in [k for k in keys if " " not in k] + sorted(k for k in keys if " " in k):  # fields, sites, decades
        print(f"  {key:28} {right[key]:4} of {made[key]:4}  {100 * right[key] / made[key]:5.1f} %")
    if "--misreads" in args:
        for expected in truth(language):
            for f, got, true in misreads(expected, language):
                print(f"{expected['file']}: {f}: read {got!r}, true {true!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
