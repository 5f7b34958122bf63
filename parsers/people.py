"""People named in a release: honorific and name, the office printed with them, their side.

The honorifics, the words of an office and those that tell a side are the `Language`'s (`PeopleWords`).
"""
from __future__ import annotations

from dataclasses import dataclass

from .language import ENGLISH, Language
from .strings import cached_when_short, finditer_from


@dataclass
class Mention:
    """A person as printed, with the office printed before the name (None if none)."""

    person: str
    office: str | None
    start: int
    end: int


def may_name_people(text: str, language: Language = ENGLISH) -> bool:
    """False when a text surely names no one with an honorific (it holds no honorific at all)."""
    return language.people.honorific.search(text) is not None


def find_people(text: str, language: Language = ENGLISH) -> list[Mention]:
    """Every 'office, Honorific Name' or 'Honorific Name' in a text, in order."""
    words = language.people
    text = words.postnominal.sub("", text)
    mentions: list[Mention] = []
    boundary = 0
    for m in finditer_from(words.person, words.honorific, text):
        office = _office_before(text[boundary : m.start()], language) or _office_after(text, m.end(), language)
        mentions.append(Mention(_clean_name(m.group(0)), office, m.start(), m.end()))
        boundary = m.end()
    return mentions


def find_people_without_honorific(text: str, language: Language = ENGLISH) -> list[Mention]:
    """Names printed without honorific, in order: news-style 'Chief Executive Carrie Lam', and an office and a name
    set off by commas ('the Vice-Governor of Fujian Province, Guo Ningning,', 'Yuan Jiajun, Secretary of ...,')."""
    words = language.people
    found = [Mention(m.group("name"), clean_office(m.group("office"), language), m.start(), m.end())
             for pattern in (words.no_honorific, words.office_comma_name, words.name_comma_office)
             for m in pattern.finditer(text)]
    return without_overlaps(found)


def without_overlaps(mentions: list[Mention], preferred: list[Mention] = ()) -> list[Mention]:
    """The preferred mentions and those of `mentions` that overlap none kept before them, in order of where they
    start (the first listed of two that start together)."""
    kept = list(preferred)
    for mention in sorted(mentions, key=lambda m: m.start):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _office_after(text: str, end: int, language: Language) -> str | None:
    """The office printed just after a name ('Mr. Donald Tsang, Chief Executive of the HKSAR, and ...')."""
    m = language.people.office_after.match(text, end)
    return clean_office(m.group("office"), language) if m else None


@cached_when_short
def _office_before(segment: str, language: Language) -> str | None:
    """The office printed just before a name: from the last clause boundary to the name."""
    words = language.people
    if "(" in segment:
        segment = words.abbreviation.sub("", segment)
    starts = [m.end() for m in words.office_start.finditer(segment)]
    candidate = segment[starts[-1] if starts else 0 :]
    candidate = candidate.strip(" ,")
    last_clause = candidate.rsplit(", ", 1)[-1]
    if words.office_words.search(last_clause):  # "At the meeting, the Chief Secretary": the office is the last clause
        candidate = last_clause
    office = clean_office(candidate, language)
    if office and words.office_words.search(office) and office[:1].isupper() and len(office.split()) <= 22:
        return office
    return None


def clean_office(text: str, language: Language = ENGLISH) -> str | None:
    """Office as printed: leading article and parenthetical abbreviations dropped."""
    words = language.people
    if "(" in text:
        text = words.abbreviation.sub("", text)
    text = words.leading_word.sub("", text.strip(" ,")).strip()
    text = words.leading_the.sub("", text).strip()
    return text or None


def _clean_name(name: str) -> str:
    return " ".join(name.split())  # what re.sub(r"\s+", " ", name).strip() gives


@cached_when_short
def side_of(office: str | None, counterpart: str | None = None, language: Language = ENGLISH) -> str | None:
    """hksar, mainland or central, read from the office; None when the office does not say."""
    if not office:
        return None
    if language.people.central.search(office):
        return "central"
    if language.people.mainland.search(office) or (counterpart and counterpart.lower() in office.lower()):
        return "mainland"
    return "hksar"


def same_person(short: str, full: str) -> bool:
    """'Mrs Lam' refers to 'Mrs Carrie Lam'; 'Mr Lee' to 'Mr John Lee'."""
    s, f = short.split(), full.split()
    if len(s) < 2 or len(f) < 2:
        return False
    return s[0] == f[0] and all(tok in f[1:] for tok in s[1:])
