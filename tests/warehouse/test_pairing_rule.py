"""The pairing rule as pure functions (warehouse/pairing.py): a Chinese release and its English twin, by the page's
own link, else by date folder and issue time, else by counterpart, plenary number and date; never on a guess."""
from __future__ import annotations

from datetime import timedelta

from warehouse.pairing import (FOLDER_AND_TIME, MEETING_AND_DATE, PAGE_LINK, UNPAIRED, date_folder, facts_of,
                               normalise_url, pair_chinese_releases, release_id_in_url)
from warehouse.precedence import MeetingSource

from tests.warehouse.bilingual_records import EN_ID, FOLDER, ISSUED, ZH_ID, chinese, english


def facts(parsed):
    source = MeetingSource(parsed.release.release_id, 1, parsed.release.source_url, parsed.release.language,
                           parsed.to_dict())
    return facts_of(parsed.to_dict(), source.rank_key())


def pair(zh, *en):
    return pair_chinese_releases([facts(zh)], [facts(e) for e in en])[zh.release.release_id]


def test_addresses_compare_without_scheme_www_proxy_query_or_print_view():
    tunis = "https://sc.isd.gov.hk/TuniS/www.info.gov.hk/gia/general/202504/24/P2025042400444.htm"
    assert normalise_url(tunis) == normalise_url("http://info.gov.hk/gia/general/202504/24/P2025042400444.htm?x=1#top")
    assert normalise_url("file.txt") is None
    assert release_id_in_url(FOLDER + "P2016091401045p.htm") == "P2016091401045"
    assert release_id_in_url(tunis) == "P2025042400444"
    assert release_id_in_url("https://www.news.gov.hk/eng/2018/10/20181024/20181024_172453_553.html") is None
    assert date_folder(facts(chinese())) == "202504/24"
    assert date_folder(facts(chinese(source_url=None))) == "202504/24"  # from the P-number
    assert date_folder(facts(chinese(release_id="T0123456789abcdef", source_url=None))) is None


def test_the_pages_own_link_pairs_first_whatever_the_times_say():
    zh = chinese(other_language_url="https://www.info.gov.hk/gia/general/202504/24/P2025042400475.htm",
                 issued_at=ISSUED + timedelta(minutes=3))
    found = pair(zh, english(), english(release_id="P2025042400999", source_url=FOLDER + "P2025042400999.htm"))
    assert (found.paired_release_id, found.pairing) == (EN_ID, PAGE_LINK)
    assert found.note == f"its page links to {EN_ID}"


def test_an_english_pages_link_to_the_chinese_one_pairs_them_too():
    en = english(other_language_url=f"https://sc.isd.gov.hk/TuniS/www.info.gov.hk/gia/general/202504/24/{ZH_ID}.htm",
                 issued_at=ISSUED + timedelta(minutes=5))
    found = pair(chinese(), en)
    assert (found.paired_release_id, found.pairing, found.note) == (EN_ID, PAGE_LINK, f"the page of {EN_ID} links to it")


def test_the_same_date_folder_and_issue_time_pair_only_when_one_english_release_matches():
    assert pair(chinese(), english()).pairing == FOLDER_AND_TIME
    other = english(release_id="P2025042400500", source_url=FOLDER + "P2025042400500.htm", counterpart="Fujian")
    two = pair(chinese(plenary_number=None), english(), other)  # two at 21:30, and no number for the third rule
    assert (two.paired_release_id, two.pairing) == (None, UNPAIRED)
    assert two.note == ("no page link between the languages; 2 English releases of 202504/24 issued at 21:30; "
                        "it gives no plenary number")
    by_meeting = pair(chinese(meeting_date=None), english(), other)  # the third rule: the meeting, no date to compare
    assert (by_meeting.paired_release_id, by_meeting.pairing) == (EN_ID, MEETING_AND_DATE)


def test_counterpart_plenary_number_and_date_pair_with_the_best_english_source():
    zh = chinese(source_url="https://news.example.cn/zj1.html", release_id="Tzh", issued_at=None)
    story = english(release_id="Tstory", source_url="https://news.example.com/zj.html", issued_at=None, areas=[])
    found = pair(zh, story, english(issued_at=ISSUED + timedelta(hours=1)))
    assert (found.paired_release_id, found.pairing) == (EN_ID, MEETING_AND_DATE)  # the official release ranks first
    assert found.note == "the best English source of Zhejiang plenary 1, held on 2025-04-24"


def test_the_english_date_may_come_from_a_lower_source_than_the_one_paired():
    zh = chinese(source_url=None, release_id="Tzh", issued_at=None)
    undated = english(meeting_date=None, issued_at=None)
    story = english(release_id="Tstory", source_url="https://news.example.com/zj.html", issued_at=None)
    assert pair(zh, undated, story).paired_release_id == EN_ID


def test_a_date_only_one_language_gives_cannot_contradict_the_meeting():
    zh = chinese(source_url=None, release_id="Tzh", issued_at=None)
    no_date = pair(chinese(source_url=None, release_id="Tzh", issued_at=None, meeting_date=None), english())
    assert (no_date.paired_release_id, no_date.pairing) == (EN_ID, MEETING_AND_DATE)
    assert no_date.note == ("the best English source of Zhejiang plenary 1 (it gives no meeting date: no date to "
                            "compare)")
    undated = pair(zh, english(meeting_date=None))
    assert (undated.paired_release_id, undated.note) == (
        EN_ID, "the best English source of Zhejiang plenary 1 (no English release of it gives its date: no date to "
               "compare)")


def test_never_on_a_guess():
    zh = chinese(source_url=None, release_id="Tzh", issued_at=None)
    no_number = pair(chinese(source_url=None, release_id="Tzh", issued_at=None, plenary_number=None), english())
    assert (no_number.pairing, no_number.note) == (UNPAIRED, "no page link between the languages; no date folder; "
                                                             "it gives no plenary number")
    other_day = pair(zh, english(meeting_date=ISSUED.date() + timedelta(days=1)))
    assert other_day.pairing == UNPAIRED
    assert other_day.note.endswith("the English releases of Zhejiang plenary 1 date it 2025-04-25, not 2025-04-24")
    assert pair(zh, english(plenary_number=2)).note.endswith("no English release of Zhejiang plenary 1")
    assert pair(zh).pairing == UNPAIRED  # nothing in English at all
    link = pair(chinese(other_language_url=FOLDER + "P2025042400999.htm", issued_at=None, plenary_number=None), english())
    assert link.note.startswith(f"its link to {FOLDER}P2025042400999.htm names no English release held")


def test_a_chinese_release_that_is_no_report_and_english_ones_are_not_paired():
    zh = facts(chinese())
    assert pair_chinese_releases([zh.__class__(**{**vars(zh), "meeting_id": None})], [facts(english())]) == {}
    assert pair_chinese_releases([facts(english())], [facts(english())]) == {}
