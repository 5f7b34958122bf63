"""Real English pages (tests/fixtures/real_pages/en/): every plenary report of every conference found, from every
design and site, and hard negatives; truth written by reading, twice, and settled (tests/support/real_pages.py)."""
from __future__ import annotations

import json

import pytest

from tests.support.real_pages import REAL_PAGES, misreads, read_page, truth

TRUTH = truth("en")
BY_FILE = {t["file"]: t for t in TRUTH}
GD_06 = "gd_06_chinadaily_yuzhongnet_2004_seventh_plenary.txt"
# Where the parser still misreads a real page: the truth checks it fails there, and why (the shape it does not read
# yet). Each page's test asserts every other truth check of the page, and that these still fail: a rule that mends
# one strikes it from here. `python -m tests.support.real_pages --misreads` shows them.
KNOWN_MISREADS: dict[str, dict[str, str]] = {
    "gd_04_cmab_mobile_press_134_sixth_plenary.txt": {
        "first_area_heading": "the first area's heading names the Joint Conference ('New framework and operation "
                              "mechanism of the Joint Conference'): the rules take it for the closing heading"},
    GD_06: {
        "hk_leader": "the leaders are named in a paragraph after a hard-wrapped caption whose first line ('Chief "
                     "Executive') reads as a heading: the layout takes that paragraph for an area",
        "counterpart_leader": "as hk_leader",
        "first_area_heading": "that caption's first line"},
    "nw_04_ceogov_blog20141106_gd_17th_plenary.txt": {
        "hk_leader": "a blog in the first person ('Today, I attended ...'): the Chief Secretary, 'together with' him, "
                     "is taken for the leader"},
    "nw_07_chinadaily_tsdianying_2004_beijing_first_meeting.txt": {
        "is_plenary_report": "'the first official meeting under the mechanism': the conference is named as a "
                             "mechanism, its meeting by no ordinal of the conference"},
    "ot_09_breakinglatest_chongqing_first_meeting.txt": {
        "first_area_heading": "a machine-translated story's subheading is taken for an area's heading"},
    "ot_13_newsrnd_hubei_first_meeting.txt": {
        "is_plenary_report": "a machine translation whose lead is the site's own line ('Now you can see non-English "
                             "news...') and whose headline is a visit ('Lin Zheng visits Wuhan to attend ...')"},
}


@pytest.mark.parametrize("name", sorted(BY_FILE))
def test_the_page_reads_as_its_truth(name):
    """Every truth check of the page, but those `KNOWN_MISREADS` names (which must still fail: strike one mended)."""
    wrong = {f: (got, true) for f, got, true in misreads(BY_FILE[name])}
    known = KNOWN_MISREADS.get(name, {})
    if "is_plenary_report" in known:  # a report the parser misses fails every check of the page
        assert "is_plenary_report" in wrong, f"{name} is now read as a report: strike it from KNOWN_MISREADS"
    else:
        assert set(wrong) == set(known), {"misread": wrong, "known": sorted(known)}


def test_no_page_that_is_no_plenary_report_is_read_as_one():
    false = [t["file"] for t in TRUTH if not t["is_plenary_report"]
             and any(f == "is_plenary_report" for f, _, _ in misreads(t))]
    assert not false


def test_every_page_has_its_truth_and_its_address():
    pages = sorted(p.name for p in (REAL_PAGES / "en").glob("*.txt"))
    assert pages == sorted(BY_FILE)
    for name in pages:
        assert read_page("en", name).source_url == BY_FILE[name]["url"]
    reports = sum(t["is_plenary_report"] for t in TRUTH)
    assert reports >= 60 and len(TRUTH) - reports >= 20 and len(TRUTH) >= 150


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


# More shapes of the format (issue 14), each with the real pages that have it and the checks it decides.
SHAPES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "a repost wrapping a release: its own headline, tags, a video player's controls, a time stamp": (
        ["ot_15_bastillepost_www_zhejiang_p1.txt", "ot_16_bastillepost_nowww_zhejiang_p1.txt"],
        ("is_plenary_report", "plenary_number", "meeting_date", "venue", "hk_leader")),
    "a news ticker run into one line, 'You are here', a line of source and date above the lead": (
        ["ho_01_nourl_xinhua_2015_gd_18th_joint_conference.txt"], ("is_plenary_report", "meeting_date", "hk_leader")),
    "a story that gives the plenary no number (a report of an unnumbered meeting, which the gate quarantines)": (
        ["nw_05_peoplecn_20230322_gd_23rd_joint_conference.txt", "nw_06_scmp_3214249_gd_23rd_joint_talks.txt",
         "h2_02_ecns_20230322_gd_joint_conference_no_number.txt"],
        ("is_plenary_report", "counterpart", "plenary_number", "venue", "hk_leader", "counterpart_leader")),
    "a wire story's dateline city, where its lead says 'here'; a photo's credit marks a caption": (
        ["nw_05_peoplecn_20230322_gd_23rd_joint_conference.txt", "nw_06_scmp_3214249_gd_23rd_joint_talks.txt"],
        ("venue", "hk_leader")),
    "a story that names the plenary only after its lead": (
        ["gd_29_chinadaily_2003_shanghai_first_conference.txt", "ot_10_tdminews_chongqing_p1.txt",
         "gd_11_dimsumtv_2010_13th_plenary.txt", GD_06], ("is_plenary_report", "plenary_number")),
    "a page about a visit or a call on someone that names the plenary in passing": (
        ["ot_21_infogov_P2018051101093_ce_starts_visit_sichuan.txt", "ot_22_govworld_ce_begins_visit_chengdu_2021.txt",
         "ot_29_newsgov_20171118_ce_meets_shenzhen_mayor.txt", "nw_24_neg_newsgov_20181024_ce_beijing_visit_day.txt"],
        ("is_plenary_report",)),
    "a name without honorific, its office before or after it, set off by commas or not": (
        ["ot_01_govworld_fujian_p3.txt", "ot_24_worldtodaynews_chongqing_trip.txt",
         "ot_09_breakinglatest_chongqing_first_meeting.txt", "gd_27_chinaorgcn_2005_eighth_plenary.txt",
         "nw_03_asiaiplaw_2015_gd_18th_conference.txt", "nw_09_newsgov_20150410_shanghai_third_plenary.txt"],
        ("hk_leader", "counterpart_leader")),
    "'met with' one official and co-chaired with another; the highest Hong Kong office of several": (
        ["gd_19_governmentworld_24th_plenary.txt", "gd_24_newsgov_20120105_shanghai_second_plenary.txt"],
        ("hk_leader", "counterpart_leader")),
    "a venue named by a building that bears the city's name, or followed by more words": (
        ["gd_20_cmab_press_491_beijing_second_plenary.txt", "gd_21_cmab_press_2600_beijing_third_plenary.txt",
         "gd_23_infogov_P201504100658_shanghai_third_plenary.txt"], ("venue",)),
    "the year from an old page's closing line, End/ (not Ends/)": (
        ["gd_02_cmab_press_15_2000_third_meeting.txt"], ("meeting_date",)),
    "a day in the story's first paragraphs, not in the one that reports the plenary": (
        ["nw_11_pressreader_scmp_20240427_shanghai_sixth_plenary.txt",
         "gd_24_newsgov_20120105_shanghai_second_plenary.txt"], ("meeting_date",)),
    "a day printed, a weekday, a dated address or a time stamp": (
        ["gd_18_investhk_gba_23rd_plenary.txt", "gd_11_dimsumtv_2010_13th_plenary.txt",
         "gd_29_chinadaily_2003_shanghai_first_conference.txt", "ot_05_webnewswire_20210923_sichuan_p2.txt",
         "ot_12_tellerreport_hubei_first_meeting.txt", "nw_04_ceogov_blog20141106_gd_17th_plenary.txt"],
        ("meeting_date",)),
    "a count of past work beside this plenary's": (
        ["gd_20_cmab_press_491_beijing_second_plenary.txt", "gd_14_cmab_mobile_press_3204_16th_plenary.txt"],
        ("stated_area_count",)),
}


@pytest.mark.parametrize("shape, name", [(shape, name) for shape, (names, _) in SHAPES.items() for name in names])
def test_a_shape_is_read_on_every_page_that_has_it(shape, name):
    wrong = {f for f, _, _ in misreads(BY_FILE[name])}
    assert not wrong & set(SHAPES[shape][1]), (shape, wrong)


def test_a_headline_in_title_case_is_a_headline_whatever_it_ends_with():
    from parsers.layout import has_own_title
    assert has_own_title("Hong Kong and Zhejiang Establish New Cooperation Mechanism to Enhance Bilateral Ties and "
                         "Development Opportunities.")
    assert not has_own_title("Chief Executive Carrie Lam met Shenzhen Mayor Chen Rugui at the Chief Executive's "
                             "Office today.")


def test_the_readme_quotes_the_score_as_it_is():
    from tests.support.paths import ROOT
    from tests.support.real_pages import score
    result = score("en")
    right, made = result["right"], result["made"]
    readme = (ROOT / "README.md").read_text()
    assert f"{right['all']} of {made['all']} truth checks right ({100 * right['all'] / made['all']:.1f} %)" in readme
    for key in [k for k in made if k.startswith(("site ", "decade "))]:
        assert f"| {right[key]} of {made[key]} (" in readme, key


@pytest.mark.parametrize("address, release_id, day", [
    ("https://www.info.gov.hk/gia/general/199809/24/0924174.htm", "19980924174", "1998-09-24"),  # before P-numbers
    ("https://www.info.gov.hk/gia/general/200408/04/0804200.htm", "20040804200", "2004-08-04"),
    ("https://www.info.gov.hk/gia/general/201711/18/P2017111800744p.htm", "P2017111800744", "2017-11-18"),  # print
    ("https://sc.isd.gov.hk/TuniS/www.info.gov.hk/gia/general/200604/11/P200604110145_print.htm", "P200604110145",
     "2006-04-11"),
    ("https://www.news.gov.hk/en/categories/admin/html/2017/11/20171118_191430.shtml", None, "2017-11-18"),
    ("https://www.webnewswire.com/2021/09/23/hong-kong-high-level-meeting-cum-the-second-plenary/", None, "2021-09-23"),
    ("https://www.tellerreport.com/life/2021-12-01-the-first-cooperation-mechanism.ryuq_LEYY.html", None, "2021-12-01"),
    ("https://www.ceo.gov.hk/archive/2017/eng/blog/blog20141106.html", None, "2014-11-06"),
    ("http://en.people.cn/n3/2023/0322/c90000-10225933.html", None, "2023-03-22"),
    ("http://www.xinhuanet.com/english/2018-05/11/c_137170958.htm", None, "2018-05-11"),
])
def test_an_address_gives_the_release_id_and_day_it_holds(address, release_id, day):
    from parsers.sites import date_in, release_id_in
    assert (release_id_in(address), date_in(address).isoformat()) == (release_id, day)
