"""Who led each side: the Hong Kong and the Mainland co-chairs, among the officials the opening paragraphs name."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
        candidates: dict[str, list[tuple[int, int, object]]] = {}  # side -> (met, order, mention)
        boundary = 0
        for order, mention in enumerate(mentions):
            side = side_of(mention.office, counterpart, language)
            window = max(boundary, mention.start - _MET_WITH_WITHIN)
            boundary = mention.end
            if side not in ("hksar", "mainland") or side in by_side:
                continue
            met = words.met_with.search(text, window, mention.start) is not None
            candidates.setdefault(side, []).append((met, order, mention))
        for side, found in candidates.items():
            by_side[side] = _leader(found, text, words.ranks if side == "hksar" else ())
        if "hksar" in by_side and "mainland" in by_side:
            break
    return by_side.get("hksar"), by_side.get("mainland")


_MET_WITH_WITHIN = 100  # characters before a person in which "met with" says the person was met


def _leader(found: list[tuple[int, int, object]], text: str, ranks: tuple[str, ...]) -> Leader:
    """Of a side's people in a paragraph: one not met before one met, then (within the sentence that names the
    first of them) the highest of `ranks`, then the first named."""
    first = found[0][2].start

    def rank(mention) -> int:  # only in the first sentence: "The Chief Executive ... sent a letter." leads nothing
        return _rank(mention.office, ranks) if ranks and ". " not in text[first : mention.start] else len(ranks)

    met, order, mention = min(found, key=lambda c: (c[0], rank(c[2]) if len(found) > 1 else 0, c[1]))
    return Leader(mention.person, mention.office)


def _rank(office: str | None, ranks: tuple[str, ...]) -> int:
    """The office's place in `ranks` (the whole title, not "the Chief Executive's Office"), else last."""
    return next((i for i, title in enumerate(ranks) if office and title in office and _title(title).search(office)),
                len(ranks))


@lru_cache(maxsize=64)
def _title(title: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(title)}\b(?!['’]s)")
