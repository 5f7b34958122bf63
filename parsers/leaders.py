"""Who led each side: the Hong Kong and the Mainland co-chairs, among the officials the opening paragraphs name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .language import Language
from .layout import is_attendance_list
from .people import find_people, find_people_without_honorific, side_of, without_overlaps


@dataclass
class Leader:
    person: str
    office: str | None


def find_leaders(paragraphs: list[str], counterpart: str, language: Language) -> tuple[Leader | None, Leader | None]:
    """Each side's leader: on each side, the first paragraph that names one of its officials gives it.

    In that paragraph, a person the leader "met with" is no co-chair when another of the side is named, and of
    the Hong Kong side the highest office named leads ("Financial Secretary John Tsang, Chief Executive Donald
    Tsang and ..."). A paragraph listing the officials who attended ("Officials of the HKSAR Government that
    attended ... included ...") names no leader."""
    words = language.people
    by_side: dict[str, Leader] = {}
    for text in paragraphs:
        if is_attendance_list(text, language):
            continue
        text = words.postnominal.sub("", text)  # one text, so that both finders' positions are in it
        honorific = find_people(text, language)
        if {side_of(m.office, counterpart, language) for m in honorific} >= {"hksar", "mainland"}:
            mentions = honorific  # both sides named with honorifics, as a release names them: no bare names to seek
        else:
            mentions = without_overlaps(find_people_without_honorific(text, language), preferred=honorific)
        candidates: dict[str, list[tuple[tuple[int, int, int], Leader]]] = {}
        boundary = 0
        for order, mention in enumerate(mentions):
            side = side_of(mention.office, counterpart, language)
            met = words.met_with.search(text, max(boundary, mention.start - _MET_WITH_WITHIN), mention.start) is not None
            boundary = mention.end
            if side not in ("hksar", "mainland") or side in by_side:
                continue
            first = candidates.get(side, [((0, 0, 0), None, mention.start)])[0][2]
            in_first_sentence = ". " not in text[first : mention.start]  # rank within the sentence that names one
            rank = _rank(mention.office, words.ranks) if side == "hksar" and in_first_sentence else len(words.ranks)
            candidates.setdefault(side, []).append(((met, rank, order), Leader(mention.person, mention.office),
                                                    mention.start))
        for side, found in candidates.items():
            by_side[side] = min(found, key=lambda c: c[0])[1]
        if "hksar" in by_side and "mainland" in by_side:
            break
    return by_side.get("hksar"), by_side.get("mainland")


_MET_WITH_WITHIN = 100  # characters before a person in which "met with" says the person was met


def _rank(office: str | None, ranks: tuple[str, ...]) -> int:
    """The office's place in `ranks` (the whole title, not "the Chief Executive's Office"), else last."""
    return next((i for i, title in enumerate(ranks)
                 if office and re.search(rf"\b{re.escape(title)}\b(?!['’]s)", office)), len(ranks))
