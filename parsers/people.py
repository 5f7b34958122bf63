"""People named in a release: honorific and name, the office printed with them, their side."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import HONORIFICS, cached_when_short, finditer_from

_NAME_TOKEN = r"[A-Z][a-zA-Z'’]*(?:-[a-zA-Z]+)*"
_PERSON = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}")
_HONORIFIC = re.compile("|".join(HONORIFICS))  # where every `_PERSON` match begins; much quicker to search
# Where an office printed before a name can start: a clause or list boundary.
_OFFICE_START = re.compile(
    r"(?:^|[;:]|\.\s|,\s*and\s|,\s*while\s|\s(?:include|includes|included|including|by|with|are|were)\s)", re.I
)
_OFFICE_WORDS = re.compile(
    r"\b(?:Secretary|Director|Governor|Mayor|Chief Executive|Minister|Commissioner|Chairman|Chairperson|"
    r"Chairwoman|President|Head|Deputy|Vice[- ]\w+|Permanent|Controller|Consul|Principal|Representative|"
    r"Member|Officer|Chief|Leader|Party Secretary|Commander|Ambassador|Solicitor|Registrar|Administrator)\b"
)
_ABBREVIATION = re.compile(r"\s*\([A-Z][A-Za-z&]{1,9}\)")
_CENTRAL = re.compile(
    r"State Council|Central People's Government|Central Government|Liaison Office|Hong Kong and Macao Affairs|"
    r"National (?:Development|People's Congress)|Ministry|Central Committee|Vice[- ]Premier|Premier", re.I
)
_MAINLAND = re.compile(
    r"Province|Provincial|Municipal|Municipality|Mayor|Governor|\bCPC\b|Communist Party|People's Government|"
    r"Autonomous Region|Party Secretary|Committee Secretary",
    re.I,
)
_POSTNOMINAL = re.compile(r",\s*(?:SC|JP|GBS|SBS|BBS|MH|GBM|QC|KC)\b")
_LEADING_WORD = re.compile(r"^(?:the|and|of)\s+", re.I)
_LEADING_THE = re.compile(r"^(?:the)\s+", re.I)
# A word of the office is at most 60 characters long: unbounded, every start inside a long word of capitals was
# read to its end, which made a paragraph of one such word quadratic (issue 12).
_NO_HONORIFIC = re.compile(
    r"(?P<office>(?:[A-Z][\w'&-]{0,59}\s+){0,5}?(?:Chief Executive|Secretary|Governor|Vice-Governor|Mayor|Director))"
    r"\s+(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b"
)


@dataclass
class Mention:
    """A person as printed, with the office printed before the name (None if none)."""

    person: str
    office: str | None
    start: int
    end: int


def may_name_people(text: str) -> bool:
    """False when a text surely names no one with an honorific (it holds no honorific at all)."""
    return _HONORIFIC.search(text) is not None


def find_people(text: str, counterpart: str | None = None) -> list[Mention]:
    """Every 'office, Honorific Name' or 'Honorific Name' in a text, in order."""
    text = _POSTNOMINAL.sub("", text)
    mentions: list[Mention] = []
    boundary = 0
    for m in finditer_from(_PERSON, _HONORIFIC, text):
        office = _office_before(text[boundary : m.start()])
        mentions.append(Mention(_clean_name(m.group(0)), office, m.start(), m.end()))
        boundary = m.end()
    return mentions


def find_people_without_honorific(text: str) -> list[Mention]:
    """News-style 'Chief Executive Carrie Lam': an office word then a two- or three-part name."""
    return [
        Mention(m.group("name"), clean_office(m.group("office")), m.start(), m.end())
        for m in _NO_HONORIFIC.finditer(text)
    ]


@cached_when_short
def _office_before(segment: str) -> str | None:
    """The office printed just before a name: from the last clause boundary to the name."""
    if "(" in segment:
        segment = _ABBREVIATION.sub("", segment)
    starts = [m.end() for m in _OFFICE_START.finditer(segment)]
    candidate = segment[starts[-1] if starts else 0 :]
    candidate = candidate.strip(" ,")
    last_clause = candidate.rsplit(", ", 1)[-1]
    if _OFFICE_WORDS.search(last_clause):  # "At the meeting, the Chief Secretary": the office is the last clause
        candidate = last_clause
    office = clean_office(candidate)
    if office and _OFFICE_WORDS.search(office) and office[:1].isupper() and len(office.split()) <= 22:
        return office
    return None


def clean_office(text: str) -> str | None:
    """Office as printed: leading article and parenthetical abbreviations dropped."""
    if "(" in text:
        text = _ABBREVIATION.sub("", text)
    text = _LEADING_WORD.sub("", text.strip(" ,")).strip()
    text = _LEADING_THE.sub("", text).strip()
    return text or None


def _clean_name(name: str) -> str:
    return " ".join(name.split())  # what re.sub(r"\s+", " ", name).strip() gives


@cached_when_short
def side_of(office: str | None, counterpart: str | None = None) -> str | None:
    """hksar, mainland or central, read from the office; None when the office does not say."""
    if not office:
        return None
    if _CENTRAL.search(office):
        return "central"
    if _MAINLAND.search(office) or (counterpart and counterpart.lower() in office.lower()):
        return "mainland"
    return "hksar"


def same_person(short: str, full: str) -> bool:
    """'Mrs Lam' refers to 'Mrs Carrie Lam'; 'Mr Lee' to 'Mr John Lee'."""
    s, f = short.split(), full.split()
    if len(s) < 2 or len(f) < 2:
        return False
    return s[0] == f[0] and all(tok in f[1:] for tok in s[1:])
