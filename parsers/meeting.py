"""Meeting facts read from the headline and lead: which conference, which plenary, when, where, who led."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .budget import clip
from .layout import Layout
from .lines import parse_month_day_year
from .people import find_people, find_people_without_honorific, side_of
from .vocabulary import (
    CARDINAL_PATTERN, COUNTERPARTS, MONTHS, ORDINAL_PATTERN, finditer_from, folded, number_from_words,
)

_COUNTERPART = re.compile(
    r"\b(?:Hong Kong|HK)\s*[/\-–]\s*(" + "|".join(COUNTERPARTS) + r")\b(?=\s+(?:co-?operation|joint|conference))",
    re.I,
)
_PLENARY = re.compile(rf"\b({ORDINAL_PATTERN})\s+plenary\b", re.I)
_STATED = re.compile(
    rf"\b(?:following|in|on|of)\s+({CARDINAL_PATTERN})\s+(?:key\s+|major\s+|main\s+)?(?:co-?operation\s+)?areas\b", re.I
)
NOT_A_REPORT = re.compile(
    r"\bto (?:attend|lead|visit|co-chair|chair|hold)\b|\bto be (?:held|convened)\b|\bwill\b|\bworking meeting\b|\bspeech\b|\bremarks\b|"
    r"\btranscript\b|\bsigning ceremony\b|\bexhibition\b|\bpreview\b|\bwelcomes?\b|\bjoint press\b",
    re.I,
)
_FUTURE_LEAD = re.compile(r"\bwill (?:lead|attend|co-chair|chair|hold|depart|visit)\b", re.I)
_WHEN = re.compile(
    r"\b(today|yesterday|this (?:morning|afternoon|evening)|tonight)\b(?:\s*\(([A-Z][a-z]+) (\d{1,2})\))?"
)
_VENUE = re.compile(
    r"\bin ((?:[A-Z][a-zA-Z'-]+)(?: [A-Z][a-zA-Z'-]+){0,2})(?=\s*(?:,|\.|\(|today|this |tonight|on |yesterday|$))"
)
_WHEN_STARTS = re.compile("today|yesterday|this |tonight")  # where every `_WHEN` match begins
_VENUE_STARTS = re.compile("in ")  # where every `_VENUE` match begins
_HELD_IN = re.compile(r"\bheld in ((?:[A-Z][a-zA-Z'-]+)(?: [A-Z][a-zA-Z'-]+){0,2})")
_URL_DATES = (
    re.compile(r"/(\d{4})(\d{2})/(\d{2})/"),  # info.gov.hk /gia/general/YYYYMM/DD/
    re.compile(r"/(\d{4})/(\d{2})/\d{6}(\d{2})/"),  # news.gov.hk /YYYY/MM/YYYYMMDD/
)
_NOT_VENUES = frozenset({*MONTHS, "The", "Chinese", "English"})


@dataclass
class Leader:
    person: str
    office: str | None


@dataclass
class MeetingFacts:
    counterpart: str
    conference: str
    plenary_number: int
    high_level_meeting: bool
    meeting_date: date | None
    venue: str | None
    hk_leader: Leader | None
    counterpart_leader: Leader | None
    stated_area_count: int | None


def why_not_a_plenary_report(layout: Layout) -> str | None:
    """None for a plenary report; otherwise the reason it is set aside."""
    if not layout.headline:
        return "the release has no headline or text"
    headline, lead = clip(layout.headline), clip(layout.lead)
    if NOT_A_REPORT.search(headline):
        return f"the headline announces something other than a plenary held: {headline!r}"
    if "will " in folded(lead) and _FUTURE_LEAD.search(lead):
        return "the lead paragraph describes a plenary still to come"
    head = _head(layout)
    if not _PLENARY.search(head):
        return "neither the headline nor the lead names a numbered plenary"
    if not _COUNTERPART.search(head):
        return "no Hong Kong/<Mainland> co-operation conference is named"
    return None


def read_meeting(layout: Layout, source_url: str | None) -> MeetingFacts:
    """Read the meeting's facts; call only for a plenary report."""
    head = _head(layout)
    counterpart = _canonical(_COUNTERPART.search(head).group(1))
    joint = re.search(rf"{counterpart}\s+Co-?operation\s+Joint\s+Conference", head, re.I) is not None
    opening = [clip(text) for text in [p.text for p in layout.intro if p.kind == "body"][:3]]
    hk_leader, counterpart_leader = _leaders(opening, counterpart)
    return MeetingFacts(
        counterpart=counterpart,
        conference=f"Hong Kong/{counterpart} Co-operation {'Joint ' if joint else ''}Conference",
        plenary_number=number_from_words(_PLENARY.search(head).group(1)),
        high_level_meeting=re.search(r"high-level meeting", head, re.I) is not None,
        meeting_date=_meeting_date(layout, source_url),
        venue=_venue(layout),
        hk_leader=hk_leader,
        counterpart_leader=counterpart_leader,
        stated_area_count=_stated_area_count(layout),
    )


def _head(layout: Layout) -> str:
    """The headline and the lead, as the rules read them (each at most `budget.RULE_TEXT_LIMIT` characters)."""
    return f"{clip(layout.headline)}\n{clip(layout.lead)}"


def release_date(layout: Layout, source_url: str | None) -> date | None:
    """The day the release was issued: its `Ends/` line, a dateline, else the source URL."""
    return layout.footer.ends_date or layout.dateline or url_date(source_url)


def url_date(url: str | None) -> date | None:
    """The date in a release's address (`/gia/general/201810/24/...`), if it has one."""
    for pattern in _URL_DATES:
        if url and (m := pattern.search(url)):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _canonical(name: str) -> str:
    return next(c for c in COUNTERPARTS if c.lower() == name.lower())


def _meeting_date(layout: Layout, source_url: str | None) -> date | None:
    """The day the lead says the meeting was held; its year only from the release or its address."""
    issued = release_date(layout, source_url)
    if issued is None:
        return None
    when = next(finditer_from(_WHEN, _WHEN_STARTS, clip(layout.lead)), None)  # _WHEN.search(lead)
    if when is None:
        return None
    if when.group(2) in MONTHS:
        try:
            return date(issued.year, MONTHS[when.group(2)], int(when.group(3)))
        except ValueError:
            return None
    return issued - timedelta(days=1) if when.group(1) == "yesterday" else issued


def _venue(layout: Layout) -> str | None:
    lead, headline = clip(layout.lead), clip(layout.headline)
    for matches in (finditer_from(_VENUE, _VENUE_STARTS, lead), _HELD_IN.finditer(headline)):
        for m in matches:
            if m.group(1).split()[0] not in _NOT_VENUES:
                return m.group(1)
    return None


def _stated_area_count(layout: Layout) -> int | None:
    for para in layout.intro:
        text = clip(para.text)
        lower = folded(text)
        if "areas" not in lower:
            continue
        end = lower.rfind("areas") + len("areas") + 1  # a match ends at an "areas" (the +1 is for its \b)
        if m := _STATED.search(text, 0, end):
            return number_from_words(m.group(1))
    return None


def _leaders(paragraphs: list[str], counterpart: str) -> tuple[Leader | None, Leader | None]:
    """The first Hong Kong and the first Mainland official the opening paragraphs name."""
    by_side: dict[str, Leader] = {}
    for text in paragraphs:
        for mention in find_people(text) or find_people_without_honorific(text):
            side = side_of(mention.office, counterpart)
            if side and side not in by_side:
                by_side[side] = Leader(mention.person, mention.office)
        if "hksar" in by_side and "mainland" in by_side:
            break
    return by_side.get("hksar"), by_side.get("mainland")


__all__ = ["MeetingFacts", "Leader", "read_meeting", "release_date", "url_date", "why_not_a_plenary_report", "parse_month_day_year"]
