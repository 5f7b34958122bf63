"""Meeting facts read from the headline and lead: which conference, which plenary, when, where, who led.

The words and patterns are the `Language`'s (`MeetingWords`); the records' values (counterpart, conference
name) are the same in every language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .budget import clip
from .dates import day_in
from .language import ENGLISH, Language, Numbers
from .layout import Layout, has_own_title
from .leaders import Leader, find_leaders
from .sites import date_in
from .strings import finditer_from, folded


@dataclass
class MeetingFacts:
    counterpart: str
    conference: str
    plenary_number: int | None  # None: a story that gives it none (the quality gate quarantines the meeting)
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
    # a photo caption in the headline's place tells what the picture shows; the lead tells what the page is about
    subject = lead if language.layout.caption.search(headline) else headline
    if words.visit.search(subject) and not _names_the_meeting(subject, language):
        return f"the page is about a visit or a call on someone and its headline names no plenary: {subject!r}"
    if words.future_word in folded(lead) and words.future_lead.search(lead):
        return "the lead paragraph describes a plenary still to come"
    if not _in_head(layout, words.plenary, language):
        if _unnumbered_report(layout, language) is not None:
            return None  # a story of the conference held that gives it no number: a report, its number unknown
        return "neither the headline nor the lead names a numbered plenary"
    if not _in_head(layout, words.counterpart, language):
        return "no Hong Kong/<Mainland> co-operation conference is named"
    return None


def _search(layout: Layout, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, once per release: the rules ask the same of the headline and lead more than once."""
    key = (id(pattern), text)  # a Pattern hashes its whole pattern text on each call; its id is enough here
    if key not in layout.memo:
        layout.memo[key] = pattern.search(text)
    return layout.memo[key]


def _in_head(layout: Layout, pattern: re.Pattern[str], language: Language) -> re.Match[str] | None:
    """The first match in the headline, else in the paragraph that reports the plenary: what a search of `_head`
    finds, each part searched once per release."""
    return _search(layout, pattern, clip(layout.headline)) or _search(layout, pattern, _reporting_paragraph(layout, language))


def _unnumbered_report(layout: Layout, language: Language) -> str | None:
    """The sentence of a story that reports the conference held without giving its number ("It was the first
    physical Hong Kong and Guangdong cooperation joint conference held after ...", "... following the city's first
    joint conference with Guangdong in two years"), in its headline or opening paragraphs; None if there is none,
    or the lead reports another event. Such a report's plenary number is null: the quality gate holds it in
    quarantine (a meeting is keyed by its number), with the reason, for someone to look up."""
    key = ("unnumbered report", language)
    if key not in layout.memo:
        layout.memo[key] = _find_unnumbered_report(layout, language)
    return layout.memo[key]


def _find_unnumbered_report(layout: Layout, language: Language) -> str | None:
    words = language.meeting
    if words.other_event.search(clip(layout.lead)):
        return None
    bodies = [p.text for p in layout.intro if p.kind == "body"][:_UNNUMBERED_PARAGRAPHS]
    for text in [clip(layout.headline)] + [clip(t) for t in bodies]:
        if words.conference_word not in folded(text) or not words.conference_named.search(text):
            continue
        for sentence in text.split(". "):
            if (words.conference_named.search(sentence) and words.held.search(sentence)
                    and words.held_today.search(sentence) and not words.told_of.search(sentence)
                    and not words.held_before.search(sentence) and not _will.search(sentence)):
                return sentence
    return None


_UNNUMBERED_PARAGRAPHS = 4  # a story reports its conference in its first paragraphs, or tells only of it
_will = re.compile(r"\bwill\b", re.I)


def _names_the_meeting(text: str, language: Language) -> bool:
    """Whether a text names a plenary or a co-operation conference at all (numbered or not)."""
    return language.relevance.plenary.search(text) is not None or language.relevance.conference.search(text) is not None


def read_meeting(layout: Layout, source_url: str | None, language: Language = ENGLISH) -> MeetingFacts:
    """Read the meeting's facts; call only for a plenary report."""
    words, head = language.meeting, _head(layout, language)
    plenary = _in_head(layout, words.plenary, language)
    if plenary is None:  # a story that gives the conference held no number
        sentence = _unnumbered_report(layout, language)
        head = f"{head}\n{sentence}"
        named = words.conference_named.search(sentence)  # the conference the sentence reports, not one named before
        counterpart = _canonical(named.group("counterpart") or named.group("counterpart_first")
                                 or named.group("counterpart_after"), language)
    else:
        counterpart = _canonical(_in_head(layout, words.counterpart, language).group("counterpart"), language)
    joint = re.search(words.joint.replace("{counterpart}", counterpart), head) is not None
    opening = [clip(text) for text in [p.text for p in layout.intro if p.kind == "body"][:_LEADER_PARAGRAPHS]]
    if not has_own_title(layout.headline, language):  # a story that starts with its lead sentence
        opening = [clip(layout.headline), *opening[:-1]]
    if (reporting := _reporting_paragraph(layout, language)) not in opening:  # a story's paragraph of the plenary
        opening.insert(0, reporting)
    hk_leader, counterpart_leader = find_leaders(opening, counterpart, language)
    return MeetingFacts(
        counterpart=counterpart,
        conference=f"Hong Kong/{counterpart} Co-operation {'Joint ' if joint else ''}Conference",
        plenary_number=_plenary_number(plenary, words.numbers) if plenary else None,
        high_level_meeting=words.high_level.search(head) is not None,
        meeting_date=_meeting_date(layout, source_url, language),
        venue=_venue(layout, language, also=_unnumbered_report(layout, language) if plenary is None else None),
        hk_leader=hk_leader,
        counterpart_leader=counterpart_leader,
        stated_area_count=_stated_area_count(layout, language),
    )


def _plenary_number(plenary: re.Match[str], numbers: Numbers) -> int | None:
    """The number of a `MeetingWords.plenary` match: its ordinal before the plenary, or after the conference."""
    return number_from_words(plenary.group(1) or plenary.group("after"), numbers)


def _lead(layout: Layout, language: Language) -> str:
    """The lead the date and venue are read from, and before it the first line when that is no headline but the
    first sentence of a story that starts with it ("The Fourth Plenary Session ... was convened in Beijing today.")."""
    if has_own_title(layout.headline, language):
        return _reporting_paragraph(layout, language)
    return f"{clip(layout.headline)}\n{_reporting_paragraph(layout, language)}"


def _head(layout: Layout, language: Language) -> str:
    """The headline and the paragraph that reports the plenary, as the rules read them (each at most
    `budget.RULE_TEXT_LIMIT` characters)."""
    return f"{clip(layout.headline)}\n{_reporting_paragraph(layout, language)}"


_OPENING_PARAGRAPHS = 8  # how far into a story the paragraph that reports the plenary is looked for
_LEADER_PARAGRAPHS = 5  # how far into the release the leaders are looked for
_DAY_PARAGRAPHS = 3  # and the day of the meeting, when the paragraph that reports it gives none


def _reporting_paragraph(layout: Layout, language: Language) -> str:
    """The paragraph that reports the plenary: the lead, as a release prints it.

    A news story may open otherwise: with what the two sides agreed ("Shanghai and Hong Kong agreed Monday to
    ...", naming no plenary), or with a reporter's question. When the lead names no counterpart, or names one
    but not its conference while neither it nor the headline names a numbered plenary, the first of the story's
    opening paragraphs that
    names a numbered plenary of a co-operation conference reports it ("... after they held the first Hong
    Kong-Shanghai Economic and Trade Co-operation Conference."). Only in a story about a counterpart (its
    headline or lead names one) whose lead reports no other event ("The First Working Meeting ... held ...
    today" and later "The Eighth Plenary ... held ... on September 28, 2005" is a working meeting's report)."""
    key = ("reporting paragraph", language)
    if key not in layout.memo:
        layout.memo[key] = _find_reporting_paragraph(layout, language)
    return layout.memo[key]


def _find_reporting_paragraph(layout: Layout, language: Language) -> str:
    words, headline, lead = language.meeting, clip(layout.headline), clip(layout.lead)
    names_place = _names_a_place(lead, language)
    if names_place and _search(layout, words.plenary, headline) and _search(layout, words.counterpart, headline):
        return lead  # an official release: its headline names the plenary, its lead the places (no lead scanned)
    if names_place and _search(layout, words.counterpart, lead):
        return lead  # a lead that names the conference reports it, numbered or not: a later plenary is a past one
    if names_place and _search(layout, words.plenary, f"{headline}\n{lead}"):
        return lead
    if not (names_place or _names_a_place(headline, language)) or words.other_event.search(lead):
        return lead  # no story about a counterpart, or one whose lead reports another event ("working meeting")
    bodies = [p.text for p in layout.intro if p.kind == "body"][1:] + [t for a in layout.areas for t in a.paragraphs]
    bodies = [clip(text) for text in bodies[:_OPENING_PARAGRAPHS]]  # a story's "areas" may be its later paragraphs
    return next((text for text in bodies if words.plenary.search(text) and words.counterpart.search(text)
                 and not (words.future_word in folded(text) and words.future_lead.search(text))
                 and not any(words.held_before.search(s) for s in text.split(". ") if words.plenary.search(s))), lead)


def _names_a_place(text: str, language: Language) -> bool:
    """Whether a text names a counterpart (`MeetingWords.place`), its folded text tried for each name first."""
    lower = folded(text)
    return any(name in lower for name in _folded_counterparts(language)) and language.meeting.place.search(text) is not None


@lru_cache(maxsize=8)
def _folded_counterparts(language: Language) -> tuple[str, ...]:
    return tuple(folded(name) for name in language.counterparts)


def release_date(layout: Layout, source_url: str | None) -> date | None:
    """The day the release was issued: its `Ends/` line, a dateline, else the source URL (`sites.date_in`)."""
    return layout.footer.ends_date or layout.dateline or date_in(source_url)


def _canonical(name: str, language: Language) -> str:
    return language.counterpart_aliases.get(name) or next(c for c in language.counterparts if c.lower() == name.lower())


def _meeting_date(layout: Layout, source_url: str | None, language: Language) -> date | None:
    """The day the lead says the meeting was held; its year only from the release or its address.

    The lead's day word first ("today (April 24)", "yesterday"), else a day it prints ("on September 16", "on 21
    Mar 2023"), else a day of the week ("agreed Monday"): in the paragraph that reports the plenary, then in the
    story's first paragraphs ("Chief Executive John Lee Ka-chiu yesterday said ...")."""
    issued = release_date(layout, source_url)  # None: only a day printed with its year is read
    lead = _lead(layout, language)
    for text in (lead, clip(layout.lead)):  # the paragraph that reports the plenary, and the story's own lead
        if (day := day_in(text, issued, language)) is not None:
            return day
    for text in [clip(p.text) for p in layout.intro if p.kind == "body"][:_DAY_PARAGRAPHS]:
        if text not in lead and (day := day_in(text, issued, language, day_words_only=True)) is not None:
            return day
    return None


def _venue(layout: Layout, language: Language, also: str | None = None) -> str | None:
    """The city the lead places the meeting in, else the headline ("held in ..."), a building that bears its
    city's name, a wire story's dateline; `also`: the sentence of a story that reports the conference without a
    number ("at the ... Joint Conference held in Hong Kong on Tuesday"), read after the lead."""
    words, lead, headline = language.meeting, _lead(layout, language), clip(layout.headline)
    if also:
        lead = f"{lead}\n{also}"
    for matches in (finditer_from(words.venue, words.venue_starts, lead), words.held_in.finditer(headline)):
        for m in matches:
            if m.group(1).split()[0] not in words.not_venues and m.group(1).split()[-1] not in words.buildings:
                return m.group(1)
    if building := words.building.search(lead):
        return building.group(1)
    story_lead = clip(layout.lead)
    if (wire := words.wire_dateline.match(story_lead)) and words.here.search(story_lead):
        return " ".join(part.capitalize() for part in wire.group(1).split())  # "HONG KONG" -> "Hong Kong"
    return None


def _stated_area_count(layout: Layout, language: Language) -> int | None:
    words = language.meeting
    for para in layout.intro:
        text = clip(para.text)
        lower = folded(text)
        # a match ends at one of the words (the +1 is for its \b): no search past the last of them
        end = max((lower.rfind(word) + len(word) + 1 for word in words.stated_words if word in lower), default=0)
        for m in words.stated.finditer(text, 0, end) if end else ():
            if not _counts_past_work(text, m.start(), m.end(), language):
                return number_from_words(m.group(1), words.numbers)
    return None


_NEAR = 100  # characters either side of a count that tell whose count it is


def _counts_past_work(text: str, start: int, end: int, language: Language) -> bool:
    """Whether the count at text[start:end] is of work done before ("achieved fruitful results in seven areas",
    "the 84 co-operation items under the 2013 Work Plan ... have made good progress"), not of what this plenary
    agreed ("reviewed the progress ... and agreed to strengthen co-operation in the following eight areas")."""
    words = language.meeting
    before, after = text[max(0, start - _NEAR) : start], text[end : end + _NEAR]
    past = [m.start() for m in words.past_work.finditer(before)]
    agreed = [m.start() for m in words.agreed.finditer(before)]
    if past:
        return not agreed or agreed[-1] < past[-1]
    return not agreed and words.past_work.search(after) is not None
