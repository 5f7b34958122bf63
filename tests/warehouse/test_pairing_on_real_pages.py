"""The pairing rule measured on the real corpus (issue 15): every English and Chinese page parsed, the Chinese reports
paired with the English pages (warehouse/pairing.py), and the pairs compared with the truth: `pair_in_corpus` in
`tests/fixtures/real_pages/zh/truth.json` lists, by reading, the English pages of the same meeting (counterpart and
plenary number by their truth).

Stories print no page link and no issue time, so they are paired by their meeting (counterpart and plenary
number), the date checked where both languages give one. `test_what_the_rule_can_pair_by_the_truth` checks, from
the truth alone (no parser), that the rule pairs every Chinese report with an English page of its meeting; the
parser tests then hold every Chinese report to its pair as parsed, and every pair to one meeting."""
from __future__ import annotations

import re

import pytest

from parsers import ParsingError, Source, parse_document
from tests.support.real_pages import read_page, truth
from warehouse.pairing import UNPAIRED, ReleaseFacts, facts_of, pair_chinese_releases, release_id_in_url
from warehouse.precedence import MeetingSource, source_kind

EN, ZH = truth("en"), truth("zh")
EN_BY_FILE = {e["file"]: e for e in EN}
SAME_MEETING = {z["file"]: z["pair_in_corpus"] for z in ZH if z["is_plenary_report"] and z["pair_in_corpus"]}


def meeting_of(expected: dict) -> tuple | None:
    """The meeting a page reports, by its truth: (counterpart, plenary number), None for no numbered report."""
    if not expected["is_plenary_report"] or expected.get("plenary_number") is None:
        return None
    return expected["counterpart"], expected["plenary_number"]


def ranked(records: dict) -> ReleaseFacts:
    release = records["release"]
    source = MeetingSource(release["release_id"], 1, release["source_url"], release["language"], records)
    return facts_of(records, source.rank_key() if records.get("meeting") else ())


def pairs_by_file(chinese: dict[str, ReleaseFacts], english: dict[str, ReleaseFacts]) -> dict[str, tuple[str, list[str]]]:
    """Chinese file -> (pairing, the English files of the release it is paired with)."""
    files_of: dict[str, list[str]] = {}
    for file, facts in english.items():
        files_of.setdefault(facts.release_id, []).append(file)
    by_id = pair_chinese_releases(list(chinese.values()), list(english.values()))
    return {file: (p.pairing, files_of.get(p.paired_release_id, [])) for file, facts in chinese.items()
            if (p := by_id.get(facts.release_id))}


def truth_facts(expected: dict, language: str) -> ReleaseFacts:
    """A page's facts as its truth gives them (no issue time or page link: the truth records neither)."""
    url = expected["url"] or None
    rid = release_id_in_url(url) or "T" + re.sub(r"\W", "", expected["file"])
    meeting = meeting_of(expected)
    fields = ("counterpart", "plenary_number", "meeting_date", "venue", "hk_leader", "counterpart_leader")
    rank = (source_kind(rid, url) != "official", -sum(expected.get(f) is not None for f in fields), rid)
    return ReleaseFacts(rid, language, url, None, None, f"{meeting[0]}-{meeting[1]}" if meeting else None,
                        expected.get("counterpart"), expected.get("plenary_number"), expected.get("meeting_date"),
                        rank=rank if meeting else ())


def test_what_the_rule_can_pair_by_the_truth():
    """Without the parser: each Chinese report with an English page of its meeting in the corpus is paired with one
    of them, by its meeting and date, and with none of another meeting."""
    chinese = {z["file"]: truth_facts(z, "zh") for z in ZH if meeting_of(z)}
    english = {e["file"]: truth_facts(e, "en") for e in EN}
    found = pairs_by_file(chinese, english)
    assert len(SAME_MEETING) >= 20
    assert not [f for f in SAME_MEETING if found[f][0] == UNPAIRED]
    assert all(set(found[f][1]) & set(SAME_MEETING[f]) for f in SAME_MEETING)
    assert all(meeting_of(EN_BY_FILE[e]) == (chinese[f].counterpart, chinese[f].plenary_number)
               for f, (_, files) in found.items() for e in files)


@pytest.fixture(scope="module")
def parsed_pairs() -> dict[str, tuple[str, list[str]]]:
    """Every corpus page parsed as `plenary ingest` would (unreadable pages are left out), then paired."""
    def parse(language: str, expected: dict):
        page = read_page(language, expected["file"])
        try:
            return ranked(parse_document(page.text, Source(uri=page.file, url=page.source_url)).to_dict())
        except ParsingError:
            return None
    chinese = {z["file"]: f for z in ZH if (f := parse("zh", z)) is not None}
    english = {e["file"]: f for e in EN if (f := parse("en", e)) is not None}
    return pairs_by_file(chinese, english)


def test_every_chinese_report_is_paired_with_an_english_page_of_its_meeting(parsed_pairs):
    missed = {file: parsed_pairs.get(file) for file, same in SAME_MEETING.items()
              if not set((parsed_pairs.get(file) or ("", []))[1]) & set(same)}
    assert not missed, f"{len(missed)} of {len(SAME_MEETING)} Chinese reports not paired: {missed}"


def test_no_pair_joins_two_different_meetings(parsed_pairs):
    zh_by_file = {z["file"]: z for z in ZH}
    false = {file: files for file, (_, files) in parsed_pairs.items() for e in files
             if meeting_of(zh_by_file[file]) is None or meeting_of(EN_BY_FILE[e]) != meeting_of(zh_by_file[file])}
    assert not false, f"pairs joining two meetings (or a page that reports none): {false}"
