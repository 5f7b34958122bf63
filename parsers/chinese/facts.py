"""A Chinese plenary report's facts: which conference, which plenary, when and where (the people: `people`).

Values are the records' in every language: the counterpart and the venue by their English names ("Zhejiang",
"Hangzhou"); the names as printed go beside them (`conference_as_printed`, `venue_as_printed`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import day_of, read_stamp
from ..language import zh
from ..language.zh import (
    BY_VIDEO, CITY_ABBREVIATIONS, STATED_PAST, VISITED, DAY_ONLY, FULL_DATE, HIGH_LEVEL, MONTH_DAY, PART_OF_DAY, TODAY, TODAY_WITH_DATE, YESTERDAY, number,
)
from ..layout import Layout
from ..leaders import Leader
from ..meeting import release_date
from .report import Reported, release_texts, reported_plenary, reporting_paragraph
from .text import Text

_DAY_PARAGRAPHS = 2  # the day is read from the sentence reporting the plenary, its paragraph and the lead
_COUNT_PARAGRAPHS = 6  # the stated count of areas is read from the headline and the first paragraphs
_PAST_REACH = 10  # characters before a count that tell it counts past work
_VIDEO_TEXTS = 3  # the sentence reporting the plenary, its story's paragraph and the lead: where a video meeting says so


@dataclass
class ChineseFacts:
    counterpart: str
    conference: str
    conference_as_printed: str
    plenary_number: int | None
    high_level_meeting: bool
    meeting_date: date | None
    venue: str | None
    venue_as_printed: str | None
    stated_area_count: int | None
    reported: Reported
    issued: date | None = None  # the day the story was issued, as the day it gives the meeting is read against
    hk_leader: Leader | None = None  # read by `people.find_leaders`
    counterpart_leader: Leader | None = None


def read_chinese_meeting(layout: Layout, source_url: str | None) -> ChineseFacts:
    """The facts of a Chinese plenary report (call only for one: `report.why_not_a_plenary_report` is None), read
    once per release."""
    key = ("zh facts", source_url)
    if key not in layout.memo:
        layout.memo[key] = _read_chinese_meeting(layout, source_url)
    return layout.memo[key]


def _read_chinese_meeting(layout: Layout, source_url: str | None) -> ChineseFacts:
    reported = reported_plenary(layout)
    assert reported is not None, "read_chinese_meeting is called for a plenary report"
    texts = release_texts(layout)
    m, printed = reported.match, reported.sentence.printed
    counterpart = zh.COUNTERPART_ABBREVIATIONS[m.group("abbr")]
    joint = bool(m.group("joint") or (m.groupdict().get("old_joint")))
    conference_as_printed = _conference_as_printed([reported.sentence, texts.headline, *texts.kickers,
                                                    *texts.paragraphs[:_DAY_PARAGRAPHS]], m, printed, joint)
    head = [reported.sentence, texts.headline, *texts.kickers]
    issued = _issued(layout, source_url, texts.lead)
    if issued is None:  # a page's time stamp run into the text before the plenary ("更新时间:2010-9-18 7:41:42 …")
        issued = read_stamp(printed[:m.start()])
    story = [p for p in [reporting_paragraph(layout)] if p is not None and p.printed != reported.sentence.printed]
    venue, venue_printed = _venue([reported.sentence, *story, texts.lead, texts.headline, *texts.kickers], texts.lead,
                                  _paragraph_of(reported.sentence, texts.paragraphs) or reported.sentence)
    return ChineseFacts(
        counterpart=counterpart,
        conference=f"Hong Kong/{counterpart} Co-operation {'Joint ' if joint else ''}Conference",
        conference_as_printed=conference_as_printed,
        plenary_number=reported.number,
        high_level_meeting=any(HIGH_LEVEL.search(t.view) for t in head + story + [texts.lead]),
        meeting_date=_meeting_date(issued, reported, texts.lead, story + texts.paragraphs[:_DAY_PARAGRAPHS]),
        venue=venue,
        venue_as_printed=venue_printed,
        stated_area_count=_stated_count([texts.headline, *texts.kickers, *texts.paragraphs[:_COUNT_PARAGRAPHS]]),
        reported=reported,
        issued=issued,
    )


def _conference_as_printed(texts: list[Text], m: re.Match[str], printed: str, joint: bool) -> str:
    """The conference's name as printed ("浙港合作會議", "粤港合作联席会议"): the first name of the counterpart's
    conference the texts print whole, else the one the plenary's match spells (粵港合作聯席第19次會議)."""
    for text in texts:
        for named in zh.CONFERENCE_NAMED.finditer(text.view):
            if named.group("abbr") == m.group("abbr"):
                return text.printed[named.start("abbr")] + "港" + text.printed[named.start("name"):named.end("name")]
    tail, view = printed[m.start():m.end()], zh.matching_view(printed[m.start():m.end()])
    words = view.rfind("合作")  # 京港舉行第四次合作會議: 合作會議; 粵港合作聯席第19次會議: 合作聯席 … 會議
    number_at = view.find("第", words)
    name = tail[words:] if number_at < 0 else tail[words:number_at].rstrip("」”\"』的") + (
        "" if view[words:number_at].rstrip("」”\"』的").endswith("會議") else tail[view.find("次", number_at) + 1:])
    return printed[m.start("abbr")] + "港" + (name if words >= 0 else "合作" + ("聯席" if joint else "") + "會議")


def _issued(layout: Layout, source_url: str | None, lead: Text) -> date | None:
    """The day the story was issued: a wire story's dateline (新華社香港8月24日電) in the year the page gives, else the
    release's closing date, date line or address; None when the dateline is after the page's date (a date line of
    the day the page was made, not of the story: its year is not shown)."""
    issued = release_date(layout, source_url)
    wire = zh.WIRE_DATELINE.match(lead.view)
    if wire and issued is not None:
        wired = day_of(issued.year, int(wire.group("month")), wire.group("day"))
        if wired is not None and wired > issued + timedelta(days=1):
            return None  # the page's date is before its story's: it dates something else, and no year is shown
        return wired or issued
    return issued


def _meeting_date(issued: date | None, reported: Reported, lead: Text, paragraphs: list[Text]) -> date | None:
    for text in [reported.sentence, lead, *paragraphs]:
        if (day := _day_in(text.view, issued)) is not None:
            return day
    return None


def _day_in(view: str, issued: date | None) -> date | None:
    """The day a sentence gives the meeting: 今日(四月二十四日), 2009年8月19日, 5月16日, 24日, 昨日, 今日, 下午."""
    if (m := FULL_DATE.search(view)) is not None:
        year, month, day = number(m.group("year")), number(m.group("month")), number(m.group("day"))
        if year and month and day:
            return day_of(year, month, str(day))
    if issued is None:
        return None
    if (m := TODAY_WITH_DATE.search(view)) is not None:
        return _day_near(issued, m.group("month"), m.group("day"))
    if (m := MONTH_DAY.search(view)) is not None:
        return _day_near(issued, m.group("month"), m.group("day"))
    if (m := DAY_ONLY.search(view)) is not None:
        return _day_near(issued, None, m.group("day"))
    if YESTERDAY.search(view):
        return issued - timedelta(days=1)
    if TODAY.search(view) or PART_OF_DAY.search(view):
        return issued
    return None


def _day_near(issued: date, month_text: str | None, day_text: str) -> date | None:
    """The day of a month and day (or a day alone) on or just before the day issued."""
    day, month = number(day_text), number(month_text) if month_text else issued.month
    if not day or not month:
        return None
    read = day_of(issued.year, month, str(day))
    if read is not None and read > issued + timedelta(days=1):  # a day after the story: the month or year before
        read = (day_of(issued.year - 1, month, str(day)) if month_text
                else day_of(issued.year - (issued.month == 1), (issued.month - 2) % 12 + 1, str(day)))
    return read


def _paragraph_of(sentence: Text, paragraphs: list[Text]) -> Text | None:
    return next((p for p in paragraphs if sentence.printed in p.printed), None)


def _venue(texts: list[Text], lead: Text, reporting: Text) -> tuple[str | None, str | None]:
    """The city the meeting was held in (its English name and as printed): 在杭州舉行, 在香港特區政府總部召開, 到廣州
    出席, else 在港舉行 (a city's one-character name: "香港" where a text prints both); else the city the leader is
    visiting in the paragraph that reports the plenary (訪問湖北武漢,與…參與…); else a wire story's dateline city;
    neither for a meeting held by video."""
    if any(BY_VIDEO.search(text.view) for text in texts[:_VIDEO_TEXTS]):
        return None, None  # 以視頻方式舉行: the sentence that reports it (its paragraph, the lead) says so
    found = [(text, m) for text in texts for m in zh.VENUE.finditer(text.view)
             if not text.view[m.end():m.end() + 2].startswith(("訪", "考察", "參觀"))]  # 正在武漢訪問: a city visited
    for text, m in sorted(found, key=lambda found: found[1].group("city") is None):  # a city's full name first
        if m.group("city"):
            return zh.CITIES[m.group("city")], text.printed[m.start("city"):m.end("city")]
        return CITY_ABBREVIATIONS[m.group("abbr")], text.printed[m.start("abbr"):m.end("abbr")]
    for pattern in VISITED:  # the city visited, in the paragraph reporting the plenary attended
        if (m := pattern.search(reporting.view)) and not BY_VIDEO.search(reporting.view):
            return zh.CITIES[m.group("city")], reporting.printed[m.start("city"):m.end("city")]
    if (wire := zh.WIRE_DATELINE.match(lead.view)) and wire.group("city") and not any(BY_VIDEO.search(t.view) for t in texts):
        return zh.CITIES[wire.group("city")], lead.printed[wire.start("city"):wire.end("city")]
    return None, None


def _stated_count(texts: list[Text]) -> int | None:
    """The number of areas the release says were agreed: 以下13個範疇, 五個方面的合作, 13項重點合作領域."""
    for text in texts:
        for m in zh.STATED.finditer(text.view):
            clause = max(max(text.view.rfind(mark, 0, m.start()) for mark in ",;:。") + 1, m.start() - _PAST_REACH)
            if STATED_PAST.search(text.view, max(0, clause), m.start()):
                continue  # 過去一年在十個方面取得成果: work done before (in the count's clause)
            if (n := number(m.group("n"))) is not None and 1 < n < 100:  # 一方面 ("on the one hand") is no count
                return n
    return None
