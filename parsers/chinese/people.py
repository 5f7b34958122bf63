"""People in a Chinese release: office and name run together (浙江省委書記王浩, 行政長官李家超), names as printed.

A name is the two to four characters after an office: two at least, a third unless what follows begins another
word (率領, 與, 共同, 表示 ...: `NAME_ENDS`), a fourth only after a compound surname (歐陽, 林鄭).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..language import zh
from ..language.zh import COMPOUND_SURNAMES, DELEGATION, MET, NOT_HONG_KONG, NOT_NAME_STARTS, TOGETHER
from ..language.zh_words import CENTRAL, HK_OFFICES, HK_RANKS, MAINLAND_RANKS
from .text import Text

_LEADER_PARAGRAPHS = 8  # how far into the release the leaders are looked for (a story's kickers may come first)


@dataclass(frozen=True)
class Person:
    name: str  # as printed
    office: str  # as printed, with the place it is of ("浙江省委書記")
    rank_office: str  # the office word in Traditional ("省委書記"), for ranking
    side: str  # "hksar" | "mainland" | "central"


def people_in(text: Text) -> list[Person]:
    """The people a text names after their offices, in order."""
    found = []
    view, printed = text.view, text.printed
    matches = list(zh.OFFICE.finditer(view))
    name_end = 0  # where the last name read ends: an office starts after it
    for m, following in zip(matches, matches[1:] + [None]):
        gap = view[m.end():following.start()] if following is not None else ""
        if following is not None and len(gap) <= _LONGER_OFFICE and any(ch in _ORGANISATION for ch in gap):
            continue  # 行政長官辦公室主任: the office goes on
        name = _name_at(view, printed, m.end())
        if name is None:
            continue
        office = m.group("office")
        before = view[max(0, m.start() - 12):m.start()]
        if office in HK_OFFICES and not NOT_HONG_KONG.search(before + (m.group("place") or "")):
            side = "hksar"
        elif any(word in before for word in CENTRAL) or office in ("主任", "副主任") and "港澳" in before:
            side = "central"
        else:
            side = "mainland"
        office_printed = printed[max(name_end, _office_start(view, m.start())):m.end()].lstrip("及和与與")
        found.append(Person(name, office_printed, office, side))
        name_end = m.end() + len(name)
    return found


_LONGER_OFFICE = 6  # an office word this close before another, with an organisation between, is part of it
_ORGANISATION = "辦公室處署局司部委會廳組"
_OFFICE_REACH = 16  # characters before an office word that may be part of its name (政制及內地事務局局長)
_BEFORE_OFFICE = "、,:;。()「」“”《》 括由與同"


def _office_start(view: str, start: int) -> int:
    """Where the office that ends in the office word at `start` begins: after the separator before it."""
    reach = max(0, start - _OFFICE_REACH)
    return max([view.rfind(ch, reach, start) + 1 for ch in _BEFORE_OFFICE] + [reach if start - reach < _OFFICE_REACH else start - _OFFICE_REACH])


def _name_at(view: str, printed: str, start: int) -> str | None:
    """The name printed from `start` (after an office), else None."""
    most = 4 if view[start:start + 2] in COMPOUND_SURNAMES else 3
    end = start
    while end < len(view) and end - start < most and _is_han(view[end]):
        if end - start >= 2 and view.startswith(zh.NAME_ENDS, end):
            break
        end += 1
    if end - start < 2 or view.startswith(zh.NAME_ENDS, start) or view[start] in NOT_NAME_STARTS \
            or "港" in view[start:end]:
        return None
    return printed[start:end]


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def find_leaders(reporting: Text, paragraphs: list[Text], headline: Text) -> tuple[Person | None, Person | None]:
    """The Hong Kong and the Mainland co-chairs: those a clause says chaired together (共同主持, 分別率領) first,
    else on each side the highest office in the first paragraph naming one (a person met, 會面, is no co-chair)."""
    opening = [p for p in paragraphs[:_LEADER_PARAGRAPHS] if p != reporting]
    naming = [p for p in opening if zh.CONFERENCE_NAMED.search(p.view) or any(x.search(p.view) for x in zh.PLENARIES)]
    texts = [reporting, *naming, *[p for p in opening if p not in naming], headline]  # the plenary's paragraphs first
    together: dict[str, Person] = {}
    by_side: dict[str, Person] = {}
    for text in texts:
        for sentence in text.sentences():
            clauses = sentence.clauses() if TOGETHER.search(sentence.view) else [sentence]
            for clause in clauses:
                if MET.search(clause.view):
                    continue
                people = [p for p in people_in(clause) if p.side != "central"]
                if TOGETHER.search(clause.view):
                    for person in people:
                        together.setdefault(person.side, person)
                for side in ("hksar", "mainland"):
                    if side not in by_side and (of_side := [p for p in people if p.side == side]):
                        by_side[side] = _highest(of_side, HK_RANKS if side == "hksar" else MAINLAND_RANKS)
    leaders = {side: together.get(side) or by_side.get(side) for side in ("hksar", "mainland")}
    return leaders["hksar"], leaders["mainland"]


def _highest(people: list[Person], ranks: tuple[str, ...]) -> Person:
    order = {office: rank for rank, office in enumerate(ranks)}
    return min(people, key=lambda p: order.get(p.rank_office, len(ranks)))


def delegation(paragraphs: list[Text]) -> list[Person]:
    """The officials a paragraph lists as attending (參與會議的特區政府官員包括 ...)."""
    found: list[Person] = []
    for text in paragraphs:
        if DELEGATION.search(text.view):
            found += [p for p in people_in(text) if p not in found]
    return found


