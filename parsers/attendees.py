"""Who attended: co-chairs, delegations, guests and signatories, from the lead and closing paragraphs.

The words that tell a role are the `Language`'s (`AttendeeWords`).
"""
from __future__ import annotations

from itertools import combinations

from .budget import check, rule_texts
from .language import ENGLISH, Language
from .leaders import Leader
from .people import Mention, find_people, may_name_people, same_person, side_of
from .strings import folded

Row = tuple[str, "str | None", str, str]  # person, office, side, role


def find_attendees(
    paragraphs: list[str], leaders: list[Leader], counterpart: str, language: Language = ENGLISH
) -> list[Row]:
    """(person, office, side, role) rows, one per person per role, in order of first mention."""
    rows: dict[tuple[str, str], Row] = {}
    for leader in leaders:
        rows[(leader.person, "co_chair")] = (leader.person, leader.office, _side(leader.office, counterpart, language),
                                             "co_chair")
    known = _Known(leader.person for leader in leaders)
    co_chairs = {leader.person for leader in leaders}
    for paragraph in rule_texts(paragraphs):
        check()
        if not may_name_people(paragraph, language):
            continue
        for sentence in _sentences(paragraph, language):
            for mention, role in _roles(sentence, known, co_chairs, counterpart, language):
                key = (mention.person, role)
                if key not in rows:
                    rows[key] = (mention.person, mention.office, _side(mention.office, counterpart, language), role)
                    known.add(mention.person)
    return list(rows.values())


def _roles(sentence: str, known: _Known, co_chairs: set[str], counterpart: str, language: Language):
    """(mention, role) of each person a sentence names in a role, but short second references to people known."""
    mentions = find_people(sentence, language)
    if not mentions:
        return
    lower = folded(sentence)
    signed_at, names_guests = _signed_at(sentence, lower, language), _names_guests(sentence, lower, language)
    for mention in mentions:
        if not mention.office and mention.person in known:
            continue  # a short second reference ("Mrs Lam") to someone already named
        role = _role(mention, signed_at, names_guests, co_chairs, counterpart, language)
        if role is not None:
            yield mention, role


class _Known:
    """The people named so far: whether a name is one of them, or a short reference to one (`same_person`).

    Past `_FEW` people (a release names a few dozen), an index answers in constant time: one comparison per
    person named made a paragraph of 100,000 names quadratic."""

    _FEW = 64
    _MOST_PARTS = 4  # a name has at most four parts after the honorific (people._PERSON)

    def __init__(self, people) -> None:
        self._people: list[str] = []
        self._names: set[str] = set()
        self._references: set[tuple[str, frozenset[str]]] | None = None  # (honorific, parts) of each short reference
        for person in people:
            self.add(person)

    def add(self, person: str) -> None:
        self._people.append(person)
        if self._references is not None:
            self._index(person)
        elif len(self._people) > self._FEW:
            self._references = set()
            for known in self._people:
                self._index(known)

    def _index(self, person: str) -> None:
        self._names.add(person)
        tokens = person.split()
        if len(tokens) >= 2:
            rest = sorted(set(tokens[1:]))
            for size in range(1, min(len(rest), self._MOST_PARTS) + 1):
                self._references.update((tokens[0], frozenset(parts)) for parts in combinations(rest, size))

    def __contains__(self, person: str) -> bool:
        """`any(person == k or same_person(person, k) for k in known)`."""
        if self._references is None:
            return any(person == known or same_person(person, known) for known in self._people)
        if person in self._names:
            return True
        tokens = person.split()
        if len(tokens) < 2:
            return False
        parts = frozenset(tokens[1:])
        if len(parts) <= self._MOST_PARTS:
            return (tokens[0], parts) in self._references
        return any(same_person(person, known) for known in self._people)  # not reached: names are shorter


def _sentences(paragraph: str, language: Language) -> list[str]:
    r"""A paragraph cut at the white space after . ! ? and before a capital or an opening quote.

    What re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", paragraph) gives; a pattern that starts with the stop is
    searched ~2x faster than one that starts with a look-behind.
    """
    sentences, start = [], 0
    for m in language.attendees.sentence_end.finditer(paragraph):
        sentences.append(paragraph[start : m.start(1)])
        start = m.end(1)
    sentences.append(paragraph[start:])
    return sentences


def _signed_at(sentence: str, lower: str, language: Language) -> int | None:
    """Where a sentence says 'signed', unless it first says 'witness': the people named before it signed.

    `lower` is `folded(sentence)`.
    """
    words = language.attendees
    if words.signed_word not in lower:
        return None
    signed = words.signed.search(sentence)
    if signed is None or words.witness.search(sentence[: signed.start()]):
        return None
    return signed.start()


def _names_guests(sentence: str, lower: str, language: Language) -> bool:
    """Whether a sentence speaks of special guests; `lower` is `folded(sentence)`."""
    words = language.attendees
    return words.guest_word in lower and words.guest.search(sentence) is not None


def _role(
    mention: Mention, signed_at: int | None, names_guests: bool, co_chairs: set[str], counterpart: str,
    language: Language,
) -> str | None:
    if signed_at is not None and mention.end <= signed_at:
        return "signatory"
    if mention.person in co_chairs:
        return None  # already a co-chair
    if names_guests or side_of(mention.office, counterpart, language) == "central":
        return "guest"
    return "delegation"


def _side(office: str | None, counterpart: str, language: Language) -> str:
    return side_of(office, counterpart, language) or "hksar"
