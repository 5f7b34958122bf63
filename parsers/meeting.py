"""Meeting facts read from the headline and lead: which conference, which plenary, when, where, who led.

The words and patterns are the `Language`'s (`MeetingWords`); the records' values (counterpart, conference
name) are the same in every language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .budget import clip
from .language import ENGLISH, Language, Numbers
from .layout import Layout, has_own_title
from .people import find_people, find_people_without_honorific, side_of
from .sites import date_in
from .strings import finditer_from, folded


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


def number_from_words(text: str, numbers: Numbers = ENGLISH.meeting.numbers) -> int | None:
    """Read a cardinal or ordinal in digits or words: '16', 'eight', 'Twenty-first', '4th'."""
    t = text.strip().lower()
    digits = numbers.digits.match(t)
    if digits:
        return int(digits.group(1))
    total = 0
    for part in numbers.parts.split(t):
        value = numbers.cardinals.get(part, numbers.ordinals.get(part))
        if value is None:
            return None
        total += value
    return total


def why_not_a_plenary_report(layout: Layout, language: Language = ENGLISH) -> str | None:
    """None for a plenary report; otherwise the reason it is set aside."""
    if not layout.headline:
        return "the release has no headline or text"
    words = language.meeting
    headline, lead = clip(layout.headline), clip(layout.lead)
    if words.not_a_report.search(headline):
        return f"the headline announces something other than a plenary held: {headline!r}"
    if words.future_word in folded(lead) and words.future_lead.search(lead):
        return "the lead paragraph describes a plenary still to come"
    head = _head(layout)
    if not words.plenary.search(head):
        return "neither the headline nor the lead names a numbered plenary"
    if not words.counterpart.search(head):
        return "no Hong Kong/<Mainland> co-operation conference is named"
    return None


def read_meeting(layout: Layout, source_url: str | None, language: Language = ENGLISH) -> MeetingFacts:
    """Read the meeting's facts; call only for a plenary report."""
    words, head = language.meeting, _head(layout)
    counterpart = _canonical(words.counterpart.search(head).group("counterpart"), language)
    joint = re.search(words.joint.replace("{counterpart}", counterpart), head) is not None
    opening = [clip(text) for text in [p.text for p in layout.intro if p.kind == "body"][:3]]
    if not has_own_title(layout.headline, language):  # a story that starts with its lead sentence
        opening = [clip(layout.headline), *opening[:2]]
    hk_leader, counterpart_leader = _leaders(opening, counterpart, language)
    return MeetingFacts(
        counterpart=counterpart,
        conference=f"Hong Kong/{counterpart} Co-operation {'Joint ' if joint else ''}Conference",
        plenary_number=number_from_words(words.plenary.search(head).group(1), words.numbers),
        high_level_meeting=words.high_level.search(head) is not None,
        meeting_date=_meeting_date(layout, source_url, language),
        venue=_venue(layout, language),
        hk_leader=hk_leader,
        counterpart_leader=counterpart_leader,
        stated_area_count=_stated_area_count(layout, language),
    )


def _lead(layout: Layout, language: Language) -> str:
    """The lead the date and venue are read from, and before it the first line when that is no headline but the
    first sentence of a story that starts with it ("The Fourth Plenary Session ... was convened in Beijing today.")."""
    if has_own_title(layout.headline, language):
        return clip(layout.lead)
    return f"{clip(layout.headline)}\n{clip(layout.lead)}"


def _head(layout: Layout) -> str:
    """The headline and the lead, as the rules read them (each at most `budget.RULE_TEXT_LIMIT` characters)."""
    return f"{clip(layout.headline)}\n{clip(layout.lead)}"


def release_date(layout: Layout, source_url: str | None) -> date | None:
    """The day the release was issued: its `Ends/` line, a dateline, else the source URL (`sites.date_in`)."""
    return layout.footer.ends_date or layout.dateline or date_in(source_url)


def _canonical(name: str, language: Language) -> str:
    return next(c for c in language.counterparts if c.lower() == name.lower())


def _meeting_date(layout: Layout, source_url: str | None, language: Language) -> date | None:
    """The day the lead says the meeting was held; its year only from the release or its address."""
    issued = release_date(layout, source_url)
    if issued is None:
        return None
    words, months = language.meeting, language.dates.months
    when = next(finditer_from(words.when, words.when_starts, _lead(layout, language)), None)  # when.search(lead)
    if when is None:
        return None
    if when.group(2) in months:
        try:
            return date(issued.year, months[when.group(2)], int(when.group(3)))
        except ValueError:
            return None
    return issued - timedelta(days=1) if when.group(1) == words.yesterday else issued


def _venue(layout: Layout, language: Language) -> str | None:
    words, lead, headline = language.meeting, _lead(layout, language), clip(layout.headline)
    for matches in (finditer_from(words.venue, words.venue_starts, lead), words.held_in.finditer(headline)):
        for m in matches:
            if m.group(1).split()[0] not in words.not_venues:
                return m.group(1)
    return None


def _stated_area_count(layout: Layout, language: Language) -> int | None:
    words = language.meeting
    for para in layout.intro:
        text = clip(para.text)
        lower = folded(text)
        # a match ends at one of the words (the +1 is for its \b): no search past the last of them
        end = max((lower.rfind(word) + len(word) + 1 for word in words.stated_words if word in lower), default=0)
        if end and (m := words.stated.search(text, 0, end)):
            return number_from_words(m.group(1), words.numbers)
    return None


def _leaders(paragraphs: list[str], counterpart: str, language: Language) -> tuple[Leader | None, Leader | None]:
    """The first Hong Kong and the first Mainland official the opening paragraphs name."""
    by_side: dict[str, Leader] = {}
    for text in paragraphs:
        for mention in find_people(text, language) or find_people_without_honorific(text, language):
            side = side_of(mention.office, counterpart, language)
            if side and side not in by_side:
                by_side[side] = Leader(mention.person, mention.office)
        if "hksar" in by_side and "mainland" in by_side:
            break
    return by_side.get("hksar"), by_side.get("mainland")
