"""Only reports of a plenary held become meetings; announcements, remarks and other plenums are set aside."""
from __future__ import annotations

import pytest

from parsers import Source, parse_release, why_not_relevant

LEAD = ("     The Chief Executive, Mrs Carrie Lam, and the Governor of Guangdong Province, Mr Ma Xingrui, co-chaired "
        "the 21st Plenary of the Hong Kong/Guangdong Co-operation Joint Conference in Guangzhou today (November 14).\n")


@pytest.mark.parametrize(
    "headline, lead, reason",
    [
        ("Hong Kong/Guangdong Co-operation Joint Conference Plenary to be held", LEAD, "headline announces"),
        ("Transcript of remarks by CE after Hong Kong/Shanghai Co-operation Conference plenary", LEAD, "headline announces"),
        ("Communique of the Fourth Plenary Session of the 19th CPC Central Committee",
         "     The Fourth Plenary Session of the 19th Central Committee was held in Beijing.\n", "no Hong Kong/<Mainland>"),
        ("Preparatory meeting for 21st Plenary of HK/Guangdong Co-operation Joint Conference held", LEAD,
         "headline announces"),
        ("Transcript of CE's media session after 21st Plenary of HK/Guangdong Co-operation Joint Conference", LEAD,
         "headline announces"),
        ("Opening address by CE at 21st Plenary of HK/Guangdong Co-operation Joint Conference", LEAD,
         "headline announces"),
        ("CE leaves for Guangzhou", "     The Chief Executive will lead a delegation to attend the 21st Plenary of the "
         "Hong Kong/Guangdong Co-operation Joint Conference.\n", "still to come"),
        ("CE starts visit to Sichuan", "     The Chief Executive, Mrs Carrie Lam, today led a delegation to start their "
         "visit to Sichuan by attending the High-level Meeting cum the First Plenary of the Hong Kong/Sichuan "
         "Co-operation Conference.\n", "about a visit"),
        ("Food safety agreement signed", "     The First Working Meeting on Food Safety for Hong Kong/Guangdong was "
         "held in Guangzhou today.\n\n     The Eighth Plenary of the Hong Kong/Guangdong Co-operation Joint Conference "
         "held on September 28, 2005, included food safety.\n", "neither the headline nor the lead"),
    ],
)
def test_not_a_plenary_report(headline, lead, reason):
    parsed = parse_release(f"{headline}\n\n{lead}".encode(), Source("case.txt"))
    assert parsed.meeting is None and not parsed.release.is_plenary_report
    assert reason in parsed.release.not_plenary_reason


def test_a_story_that_names_the_plenary_after_its_lead_is_read_from_that_paragraph():
    text = ("Twin-city bond to benefit nation\n\n( 2003-10-28 08:51) (China Daily)\n\n"
            "Shanghai and Hong Kong agreed Monday to strengthen partnership in eight major sectors.\n\n"
            "The joint announcement came after they held the first Hong Kong-Shanghai Economic and Trade "
            "Co-operation Conference.\n")
    meeting = parse_release(text.encode(), Source("case.txt")).meeting
    assert (meeting.meeting_id, meeting.meeting_date.isoformat()) == ("shanghai-1", "2003-10-27")


def test_a_report_whose_headline_names_no_number_reads_it_from_the_lead():
    text = f"CE attends Hong Kong/Guangdong Co-operation Joint Conference plenary (with photos)\n\n{LEAD}\nEnds/Wednesday, November 14, 2018\n"
    meeting = parse_release(text.encode(), Source("case.txt")).meeting
    assert (meeting.meeting_id, meeting.meeting_date.isoformat(), meeting.venue) == ("guangdong-21", "2018-11-14", "Guangzhou")
    assert (meeting.hk_leader, meeting.counterpart_leader, meeting.counterpart_leader_office) == (
        "Mrs Carrie Lam", "Mr Ma Xingrui", "Governor of Guangdong Province")


# Titles of real plenary reports (tests/fixtures/real_pages/en/), each a shape discovery must keep (issue 14)
REAL_REPORT_TITLES = [
    "Second meeting of HK/Guangdong Co-operation Joint Conference",  # an ordinal meeting of the conference, 1998
    "Second Plenary Session of HK-Beijing Economic and Trade Co-operation Conference",  # the older, longer name
    "Third Plenary Session of Hong Kong/Shanghai Economic and Trade Co-operation Conference",
    "CS and Vice-Governor of Fujian Province co-chair Hong Kong/Fujian Co-operation Conference (with photos/videos)",
    "23rd Plenary of Hong Kong / Guangdong Co-operation Joint Conference",
    "HK-Fujian conference held",  # news.gov.hk: the two places, no conference name
    "CE attends HK-Shanghai forum",
    "Chongqing, Hong Kong agree to jointly pursue development",
    "Hong Kong and Zhejiang Establish New Cooperation Mechanism to Enhance Bilateral Ties and Development Opportunities.",
]


@pytest.mark.parametrize("title", REAL_REPORT_TITLES)
def test_discovery_keeps_every_shape_of_a_real_report_title(title):
    assert why_not_relevant(title) is None


@pytest.mark.parametrize("title, reason", [
    ("Fire at industrial building in Kwun Tong", "not about a co-operation conference plenary"),
    ("Communique of the Fourth Plenary Session of the 20th CPC Central Committee", "not of a Hong Kong/Mainland"),
    ("CE to attend Hong Kong/Guangdong Co-operation Joint Conference Plenary", "announces something other"),
])
def test_discovery_sets_aside_what_no_plenary_report_is(title, reason):
    assert reason in why_not_relevant(title)
