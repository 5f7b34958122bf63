"""Real English pages (tests/fixtures/real_pages/en/): every plenary report of every conference found, from every
design and site, and hard negatives; truth written by reading, twice, and settled (tests/support/real_pages.py)."""
from __future__ import annotations

import json

import pytest

from tests.support.real_pages import REAL_PAGES, misreads, read_page, truth

TRUTH = truth("en")
BY_FILE = {t["file"]: t for t in TRUTH}
# Where the parser stands on these pages (2026-11-30, parser 1.2.0 with the shapes below). A rule that makes
# a page right raises these; one that makes a page wrong fails here. `python -m tests.support.real_pages` shows
# the fields.
PAGES_READ_WHOLLY_RIGHT = 107
PAGES_CLASSIFIED_RIGHT = 113


def test_every_page_has_its_truth_and_its_address():
    pages = sorted(p.name for p in (REAL_PAGES / "en").glob("*.txt"))
    assert pages == sorted(BY_FILE)
    for name in pages:
        assert read_page("en", name).source_url == BY_FILE[name]["url"]
    reports = sum(t["is_plenary_report"] for t in TRUTH)
    assert reports >= 40 and len(TRUTH) - reports >= 20 and len(TRUTH) >= 80


def test_truth_was_written_twice_and_every_difference_settled_from_the_text():
    first = {t["file"]: t for path in (REAL_PAGES / "en").glob("truth_a_*.json") for t in json.loads(path.read_text())}
    second = {t["file"]: t for path in (REAL_PAGES / "en").glob("truth_b*.json") for t in json.loads(path.read_text())}
    assert set(first) == set(second) == set(BY_FILE)
    fields = ("is_plenary_report", "counterpart", "plenary_number", "high_level_meeting", "meeting_date", "venue",
              "hk_leader", "counterpart_leader", "stated_area_count", "first_area_heading")
    for name, settled in BY_FILE.items():
        differs = [f for f in fields if first[name].get(f) != second[name].get(f)
                   and (first[name]["is_plenary_report"] or second[name]["is_plenary_report"])]
        assert not differs or settled.get("settled"), f"{name}: {differs} differ between the readings, unsettled"


def test_the_parser_reads_at_least_as_many_pages_right_as_before():
    wrong = {t["file"]: m for t in TRUTH if (m := misreads(t))}
    classified = sum(1 for t in TRUTH if not any(f == "is_plenary_report" for f, _, _ in wrong.get(t["file"], [])))
    assert len(TRUTH) - len(wrong) >= PAGES_READ_WHOLLY_RIGHT, wrong
    assert classified >= PAGES_CLASSIFIED_RIGHT, {k: v for k, v in wrong.items() if v[0][0] == "is_plenary_report"}


# Shapes of the format (issue 14), each on every page of the corpus that has it:
OLDER_CONFERENCE_NAMES = [  # "... Economic and Trade Co-operation Conference"
    "gd_20_cmab_press_491_beijing_second_plenary.txt", "gd_21_cmab_press_2600_beijing_third_plenary.txt",
    "gd_23_infogov_P201504100658_shanghai_third_plenary.txt"]
AN_ORDINAL_MEETING_OF_THE_CONFERENCE = [  # "Second meeting of HK/Guangdong Co-operation Joint Conference"
    "gd_01_infogov_0924174_1998_second_meeting.txt", "gd_02_cmab_press_15_2000_third_meeting.txt",
    "gd_03_cmab_press_35_fourth_meeting.txt"]
THE_MAINLAND_NAMED_FIRST = [  # "the Chongqing-Hong Kong Co-operation Conference"
    "ot_09_breakinglatest_chongqing_first_meeting.txt"]
AN_ORDINAL_ON_THE_CONFERENCE = [  # "co-chaired the Third Hong Kong-Fujian Co-operation Conference in Fuzhou today"
    "ot_02_newsgov_20181128_fujian_p3.txt"]
NAVIGATION_ABOVE_THE_HEADLINE = [  # "Email this articleGovernment Homepage", "Default Font Size Larger Font Size ... 繁體 简体"
    "gd_05_infogov_0804200_2004_seventh_plenary.txt", "gd_24_newsgov_20120105_shanghai_second_plenary.txt"]


@pytest.mark.parametrize("name", OLDER_CONFERENCE_NAMES + AN_ORDINAL_MEETING_OF_THE_CONFERENCE + THE_MAINLAND_NAMED_FIRST
                         + AN_ORDINAL_ON_THE_CONFERENCE + NAVIGATION_ABOVE_THE_HEADLINE)
def test_a_shape_of_the_conference_name_is_read(name):
    wrong = {f: (read, true) for f, read, true in misreads(BY_FILE[name])}
    assert not {f: v for f, v in wrong.items() if f in ("is_plenary_report", "counterpart", "plenary_number")}, wrong


STATED_IN_OTHER_WORDS = [  # "The work plan covers nine areas", "the following six items", "in five aspects", "in 11 fields"
    "gd_17_newsgov_20190516_21st_plenary.txt", "gd_01_infogov_0924174_1998_second_meeting.txt",
    "gd_28_seto_22nd_plenary.txt", "ot_24_worldtodaynews_chongqing_trip.txt"]


@pytest.mark.parametrize("name", STATED_IN_OTHER_WORDS)
def test_the_number_of_areas_stated_in_other_words_is_read(name):
    assert "stated_area_count" not in {f for f, _, _ in misreads(BY_FILE[name])}


A_STORY_THAT_STARTS_WITH_ITS_LEAD = [  # news.gov.hk: no headline line; "The Fourth Plenary ... was convened in Beijing today."
    "gd_25_newsgov_20181024_beijing_fourth_plenary.txt", "ot_04_newsgov_20180511_sichuan_p1.txt"]
A_PHOTO_CAPTION_BEFORE_THE_LEAD = [  # "Chief Secretary Matthew Cheung (left) and ... sign the meeting notes of ..."
    "ot_02_newsgov_20181128_fujian_p3.txt"]
AN_OLDER_NEWS_GOV_HK_ADDRESS = [  # the date in /en/categories/admin/html/2017/11/20171118_191430.shtml
    "gd_30_newsgov_20171118_20th_plenary.txt"]


@pytest.mark.parametrize("name", A_STORY_THAT_STARTS_WITH_ITS_LEAD + AN_OLDER_NEWS_GOV_HK_ADDRESS
                         + A_PHOTO_CAPTION_BEFORE_THE_LEAD)
def test_the_day_and_the_place_of_a_story_are_read(name):
    assert not {f for f, _, _ in misreads(BY_FILE[name])} & {"meeting_date", "venue"}
