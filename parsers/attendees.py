"""Who attended: co-chairs, delegations, guests and signatories, from the lead and closing paragraphs."""
from __future__ import annotations

import re

from .meeting import Leader
from .people import Mention, find_people, same_person, side_of

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_GUEST = re.compile(r"special guests?", re.I)
_SIGNED = re.compile(r"\bsigned\b", re.I)


def find_attendees(
    paragraphs: list[str], leaders: list[Leader], counterpart: str
) -> list[tuple[str, str | None, str, str]]:
    """(person, office, side, role) rows, one per person per role, in order of first mention."""
    rows: dict[tuple[str, str], tuple[str, str | None, str, str]] = {}
    for leader in leaders:
        rows[(leader.person, "co_chair")] = (leader.person, leader.office, _side(leader.office, counterpart), "co_chair")
    known = [leader.person for leader in leaders]
    for paragraph in paragraphs:
        for sentence in _SENTENCE.split(paragraph):
            for mention in find_people(sentence):
                if not mention.office and any(mention.person == k or same_person(mention.person, k) for k in known):
                    continue  # a short second reference ("Mrs Lam") to someone already named
                role = _role(mention, sentence, leaders, counterpart)
                if role is None:
                    continue
                key = (mention.person, role)
                if key not in rows:
                    rows[key] = (mention.person, mention.office, _side(mention.office, counterpart), role)
                    known.append(mention.person)
    return list(rows.values())


def _role(mention: Mention, sentence: str, leaders: list[Leader], counterpart: str) -> str | None:
    signed = _SIGNED.search(sentence)
    if signed and mention.end <= signed.start() and not re.search(r"\bwitness", sentence[: signed.start()], re.I):
        return "signatory"
    if any(mention.person == leader.person for leader in leaders):
        return None  # already a co-chair
    if _GUEST.search(sentence) or side_of(mention.office, counterpart) == "central":
        return "guest"
    return "delegation"


def _side(office: str | None, counterpart: str) -> str:
    return side_of(office, counterpart) or "hksar"
