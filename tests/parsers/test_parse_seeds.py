"""Each seed parses to what a reader of the release wrote down in tests/golden/."""
from __future__ import annotations

import re

import pytest

from parsers import Source, parse_release
from tests.support.paths import SEEDS, golden, seed_urls

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _parse(name: str, with_url: bool = True):
    url = seed_urls()[name] if with_url else None
    return parse_release((SEEDS / name).read_bytes(), Source(uri=str(SEEDS / name), url=url))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", SEED_FILES)
def test_meeting_fields_match_golden(name):
    expected = golden(name.removesuffix(".txt"))
    parsed = _parse(name).to_dict()
    assert parsed["release"]["is_plenary_report"] is True
    meeting = {k: parsed["meeting"][k] for k in expected["meeting"]}
    assert meeting == expected["meeting"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_areas_match_golden(name):
    expected = golden(name.removesuffix(".txt"))["areas"]
    areas = _parse(name).to_dict()["areas"]
    assert [a["heading"] for a in areas] == [e["heading"] for e in expected]
    assert [a["area_no"] for a in areas] == list(range(1, len(expected) + 1))
    for area, exp in zip(areas, expected):
        assert area["category"] in [exp["category"], *exp["category_alternatives"]], area["heading"]
        assert area["paragraph_count"] == exp["paragraph_count"], area["heading"]
        assert _flat(area["text"]).startswith(_flat(exp["text_starts_with"])), area["heading"]
        assert _flat(area["text"]).endswith(_flat(exp["text_ends_with"])), area["heading"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_attendees_match_golden(name):
    expected = golden(name.removesuffix(".txt"))["attendees"]
    attendees = _parse(name).to_dict()["attendees"]
    got = sorted((a["person"], a["office"], a["side"], a["role"]) for a in attendees)
    want = sorted((e["person"], e["office"], e["side"], e["role"]) for e in expected)
    assert got == want


@pytest.mark.parametrize("name", SEED_FILES)
def test_agreements_match_golden(name):
    expected = golden(name.removesuffix(".txt"))["agreements"]
    agreements = _parse(name).to_dict()["agreements"]
    assert [a["title"] for a in agreements] == expected
    assert [a["agreement_no"] for a in agreements] == list(range(1, len(expected) + 1))


def test_chongqing_date_comes_only_from_the_source_address():
    name = "001_e789e4217965ec8b.txt"
    assert _parse(name, with_url=True).meeting.meeting_date.isoformat() == "2023-05-11"
    assert _parse(name, with_url=False).meeting.meeting_date is None


def test_release_id_is_the_p_number_when_the_address_is_known():
    parsed = _parse("002_76a61713adfee18e.txt")
    assert parsed.release.release_id == "P2018102400619"
    assert parsed.release.issued_at.isoformat() == "2018-10-24T17:08:00+08:00"


def test_release_without_address_gets_a_stable_title_id():
    first = _parse("000_4d56e0fd9a20abe2.txt").release.release_id
    again = _parse("000_4d56e0fd9a20abe2.txt").release.release_id
    assert first == again and re.fullmatch(r"T[0-9a-f]{16}", first)


@pytest.mark.parametrize("name", SEED_FILES)
def test_no_chrome_reaches_any_text_field(name):
    parsed = _parse(name).to_dict()
    texts = [parsed["release"]["title"]] + [a["text"] for a in parsed["areas"]] + [
        a["heading"] or "" for a in parsed["areas"]
    ] + [a["title"] for a in parsed["agreements"]] + [a["person"] for a in parsed["attendees"]]
    chrome = re.compile(r"Print Table|Go to main content|Today's Press Releases|NNNN|Ends/|Issued at HKT|^#|\\_|\*\*\*|Photo shows")
    assert not [t for t in texts if chrome.search(t)]
