"""Only reports of a plenary held become meetings; announcements, remarks and other plenums are set aside."""
from __future__ import annotations

import pytest

from parsers import Source, parse_release

LEAD = ("     The Chief Executive, Mrs Carrie Lam, and the Governor of Guangdong Province, Mr Ma Xingrui, co-chaired "
        "the 21st Plenary of the Hong Kong/Guangdong Co-operation Joint Conference in Guangzhou today (November 14).\n")


@pytest.mark.parametrize(
    "headline, lead, reason",
    [
        ("Hong Kong/Guangdong Co-operation Joint Conference Plenary to be held", LEAD, "headline announces"),
        ("Transcript of remarks by CE after Hong Kong/Shanghai Co-operation Conference plenary", LEAD, "headline announces"),
        ("Communique of the Fourth Plenary Session of the 19th CPC Central Committee",
         "     The Fourth Plenary Session of the 19th Central Committee was held in Beijing.\n", "no Hong Kong/<Mainland>"),
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
