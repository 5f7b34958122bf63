"""Real Chinese pages (tests/fixtures/real_pages/zh/): plenary reports of seven conferences in Traditional and
Simplified, from Government releases, their Simplified views, Mainland government sites and Chinese media, and hard
negatives; truth written by reading, twice, and settled (tests/support/real_pages.py)."""
from __future__ import annotations

import json

import pytest

from parsers import ENGLISH, LANGUAGES, Source, parse_document
from parsers.language import language_of
from tests.support.paths import ROOT
from tests.support.real_pages import REAL_PAGES, misreads, parsed_pages, read_page, score, truth

TRUTH = truth("zh")
BY_FILE = {t["file"]: t for t in TRUTH}
# Where the parser still misreads a real Chinese page: the checks it fails there and why (the shape it does not read
# yet). Each page's test asserts every other truth check, and that these still fail: a rule that mends one strikes it.
KNOWN_MISREADS: dict[str, dict[str, str]] = {
    "zh_06_wenweipo_paper_20110824_gd_no_number.txt": {
        "hk_leader": "the leaders are named without an office (曾蔭權在粵港合作聯席會議上致辭, 黃華華則強調)",
        "counterpart_leader": "as hk_leader"},
    "zh_07_dimsumtv_2009_gd12_hongkong.txt": {
        "meeting_date": "the plenary is named in a kicker between quotes; the sentence that gives its day and place "
                        "(…第12次會議於2009年8月19日在香港舉行) comes after a paragraph of signings",
        "venue": "as meeting_date",
        "hk_leader": "the leaders appear in a caption without offices; the first people with offices sign a letter",
        "counterpart_leader": "as hk_leader"},
    "hz_06_symedialab_sh5_lam_speech_no_date.txt": {
        "counterpart_leader": "a story of the Chief Executive's speech: the Party secretary she thanks (上海市委書記李強) is "
                              "taken for the co-chair; the mayor who co-chaired is named only as 龔市長"},
    "h4_01_lc123_20171118_gd20_hongkong_govhq.txt": {
        "is_plenary_report": "a story headlined on another matter with a visit's word (不打算率領議員考察大灣區) that "
                             "reports the conference held without a number only in its later paragraphs"},
    "zh_24_stheadline_inews_20150122_fj1.txt": {
        "meeting_date": "the page's own date line above the headline (the day it was viewed) is taken for the day "
                        "issued; the story's time stamp comes later"},
}


@pytest.mark.parametrize("name", sorted(BY_FILE))
def test_the_page_reads_as_its_truth(name):
    """Every truth check of the page, but those `KNOWN_MISREADS` names (which must still fail: strike one mended)."""
    wrong = {f: (got, true) for f, got, true in misreads(BY_FILE[name], "zh")}
    known = KNOWN_MISREADS.get(name, {})
    if "is_plenary_report" in known:  # a report the parser misses fails every check of the page
        assert "is_plenary_report" in wrong, f"{name} is now read as a report: strike it from KNOWN_MISREADS"
    else:
        assert set(wrong) == set(known), {"misread": wrong, "known": sorted(known)}


def test_every_real_page_is_read_in_its_language():
    """A Chinese page with an English skip link or address first, an English page with a Chinese switcher."""
    for language in ("zh", "en"):
        for expected, parsed in parsed_pages(language):
            assert parsed.release.language == language, expected["file"]


def test_no_page_that_is_no_plenary_report_is_read_as_one():
    false = [t["file"] for t in TRUTH if not t["is_plenary_report"]
             and any(f == "is_plenary_report" for f, _, _ in misreads(t, "zh"))]
    assert not false


def test_the_corpus_holds_reports_and_negatives_in_both_scripts_with_their_truth():
    pages = sorted(p.name for p in (REAL_PAGES / "zh").glob("*.txt"))
    assert pages == sorted(BY_FILE) and len(pages) >= 25
    reports = [t for t in TRUTH if t["is_plenary_report"]]
    assert len(reports) >= 12 and len(TRUTH) - len(reports) >= 10
    texts = [read_page("zh", name).text.decode() for name in pages]
    assert any("會議" in text for text in texts) and any("会议" in text for text in texts)  # Traditional, Simplified


def test_truth_was_written_twice_and_every_difference_settled_from_the_text():
    first = {t["file"]: t for t in json.loads((REAL_PAGES / "zh" / "truth_a.json").read_text())}
    second = {t["file"]: t for t in json.loads((REAL_PAGES / "zh" / "truth_b.json").read_text())}
    assert set(first) == set(second) == set(BY_FILE)
    for name, settled in BY_FILE.items():
        for field in ("is_plenary_report", "counterpart", "plenary_number", "meeting_date", "venue", "hk_leader",
                      "counterpart_leader", "stated_area_count", "first_area_heading"):
            if first[name].get(field) != second[name].get(field):
                notes = " ".join(settled.get("settled", []))
                assert f"settled {field}" in notes, (name, field)


def test_the_score_is_at_least_the_bar_and_the_readme_quotes_it():
    result = score("zh")
    right, made = result["right"], result["made"]
    assert right["all"] / made["all"] >= 0.95
    readme = (ROOT / "README.md").read_text()
    assert f"{right['all']} of {made['all']} truth checks right ({100 * right['all'] / made['all']:.1f} %)" in readme


def test_a_chinese_page_parses_with_its_language_names_as_printed_and_english_canonical_places():
    page = read_page("zh", "zh_19_tunis_P2025042400444_zj1_hangzhou.txt")
    parsed = parse_document(page.text, Source(uri=page.file, url=page.source_url)).to_dict()
    assert parsed["release"]["language"] == "zh"
    meeting = parsed["meeting"]
    assert (meeting["counterpart"], meeting["venue"], meeting["venue_as_printed"]) == ("Zhejiang", "Hangzhou", "杭州")
    assert (meeting["hk_leader"], meeting["counterpart_leader"]) == ("李家超", "王浩")
    assert meeting["conference"] == "Hong Kong/Zhejiang Co-operation Conference"
    assert meeting["conference_as_printed"] == "浙港合作会议" and meeting["high_level_meeting"] is True
    assert parsed["areas"][0]["heading"] == "共建「一带一路」及商贸投资"
    assert parsed["areas"][1]["category"] == "finance" and not parsed["areas"][1]["text"].startswith("—")
    people = {(a["person"], a["role"]) for a in parsed["attendees"]}
    assert {("李家超", "co_chair"), ("王浩", "co_chair"), ("陈国基", "delegation")} <= people
    offices = {a["person"]: a["office"] for a in parsed["attendees"]}
    assert offices["曾国卫"] == "政制及内地事务局局长" and offices["叶文娟"] == "行政长官办公室主任"


@pytest.mark.parametrize("text, code", [
    ("Hong Kong/Guangdong Co-operation Joint Conference held today. 繁體 简体", "en"),
    ("粵港合作聯席會議第二十次會議今日(十一月十八日)在香港舉行。Print Email", "zh"),
    ("粤港合作联席会议第二十一次会议在广州召开", "zh"),
    ("No Chinese at all", "en"),
])
def test_a_text_is_read_in_the_language_it_is_written_in(text, code):
    assert language_of(text).code == code
    assert LANGUAGES[code] is language_of(text) or code == ENGLISH.code
