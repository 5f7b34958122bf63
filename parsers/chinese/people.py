"""People in a Chinese release: office and name run together (浙江省委書記王浩, 行政長官李家超), names as printed.

A name is the two to four characters after an office: two at least, a third unless what follows begins another
word (率領, 與, 共同, 表示 ...: `NAME_ENDS`), a fourth only after a compound surname (歐陽, 林鄭).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..language import zh
from ..language.zh import (
    COMPOUND_SURNAMES, DELEGATION, MAINLAND_BODY, MET_WITH, NOT_HONG_KONG, NOT_NAME_STARTS, SHARED_OFFICES, TOGETHER,
    matching_view,
)
from ..language.zh_words import CENTRAL, HK_OFFICES, HK_RANKS, MAINLAND_RANKS
from .text import Text

_LEADER_PARAGRAPHS = 8  # how far into the release the leaders are looked for (a story's kickers may come first)
_FURTHER_PARAGRAPHS = 20  # and how far for a side the opening does not name


@dataclass(frozen=True)
class Person:
    name: str  # as printed
    office: str  # as printed, with the place it is of ("浙江省委書記")
    rank_office: str  # the office word in Traditional ("省委書記"), for ranking
    side: str  # "hksar" | "mainland" | "central"


def people_in(text: Text) -> list[Person]:
    """The people a text names after their offices, in order. A title without a name followed by 、 is the next
    person's too ("四川省委書記、省人大常委會主任彭清華": one man, ranked by his higher title)."""
    found = []
    view, printed = text.view, text.printed
    matches = list(zh.OFFICE.finditer(view))
    name_end = 0  # where the last name read ends: an office starts after it
    title: tuple[int, str] | None = None  # a title without a name just before, and its office word
    for m, following in zip(matches, matches[1:] + [None]):
        gap = view[m.end():following.start()] if following is not None else ""
        if following is not None and len(gap) <= _LONGER_OFFICE and any(ch in _ORGANISATION for ch in gap):
            continue  # 行政長官辦公室主任: the office goes on
        start = max(name_end, _office_start(view, m.start()))
        if title is not None and view[title[0]:start].rstrip().endswith("、"):
            start = title[0]
        name = _name_at(view, printed, m.end())
        if name is None:
            title = (start, m.group("office")) if view.startswith("、", m.end()) else None
            continue
        offices = [m.group("office")] + ([title[1]] if title is not None and start == title[0] else [])
        office_printed = printed[start:m.end()].lstrip("及和与與")
        side = _side(offices, view[max(0, start - _SIDE_REACH):start], matching_view(office_printed), m.group("place"))
        found.append(Person(name, office_printed, _highest_office(offices, side), side))
        name_end, title = m.end() + len(name), None
    return found


_SIDE_REACH = 12  # characters before an office that tell whose it is (國務院港澳辦副主任, 澳門特別行政區行政長官)


def _side(offices: list[str], before: str, office: str, place: str | None) -> str:
    """Whose office it is: the Central Government's (國務院, 中聯辦 before it), Hong Kong's (its offices, a shared
    one (局長, 主任) naming no Mainland body), else the Mainland's."""
    if any(word in before or word in office for word in CENTRAL):
        return "central"
    hong_kong = [o for o in offices if o in HK_OFFICES and not (o in SHARED_OFFICES and MAINLAND_BODY.search(office))]
    if len(hong_kong) == len(offices) and not NOT_HONG_KONG.search(before + (place or "")):
        return "hksar"
    return "mainland"


def _highest_office(offices: list[str], side: str) -> str:
    ranks = HK_RANKS if side == "hksar" else MAINLAND_RANKS
    return min(offices, key=lambda o: ranks.index(o) if o in ranks else len(ranks))


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
    if (end - start == 3 and end < len(view) and _is_han(view[end]) and not view.startswith(zh.NAME_ENDS, end)
            and (end + 1 == len(view) or view.startswith(_AFTER_A_FULL_NAME, end + 1) or view[end + 1].isdigit())):
        end += 1  # a fourth character a word ends after: a married name (陳方安生女士, 林鄭月娥29日率團, 范徐麗泰及)
    return printed[start:end]


_AFTER_A_FULL_NAME = ("女士", "先生", "及", "和", "與", "、", ",", "(", "。", " ", ":", "今", "昨", "表示", "率", "共同",
                      "出席", "主持", "在", "於", "指", "說", "稱", "致辭", "會見", "會面", "一行", "等", "亦", "也", "則",
                      "分別", "認為", "強調", "透露", "回應", "提到", "坦言", "形容", "發言", "講話", "見證", "向", "對",
                      "的", "在")


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def find_leaders(reporting: Text, paragraphs: list[Text], headline: Text) -> tuple[Person | None, Person | None]:
    """The Hong Kong and the Mainland co-chairs: those a clause says chaired together (共同主持, 分別率領) first,
    else on each side the highest office in the first paragraph naming one (a person met, 與…會面, is no co-chair; the
    members a delegation lists, 包括…, neither). The paragraphs of the plenary come first; a side still unnamed in
    the opening is looked for further on (a story that lists the areas first names the co-chairs after them)."""
    opening = [p for p in paragraphs[:_LEADER_PARAGRAPHS] if p != reporting]
    naming = [p for p in opening if zh.CONFERENCE_NAMED.search(p.view) or any(x.search(p.view) for x in zh.PLENARIES)]
    together: dict[str, Person] = {}
    by_side: dict[str, Person] = {}
    for texts in ([reporting, *naming, *[p for p in opening if p not in naming], headline],
                  paragraphs[_LEADER_PARAGRAPHS:_FURTHER_PARAGRAPHS]):
        for text in texts:
            for sentence in text.sentences():
                _read_sides(sentence, together, by_side)
        if len(together) + len(by_side.keys() - together.keys()) == 2:
            break
    leaders = {side: together.get(side) or by_side.get(side) for side in ("hksar", "mainland")}
    return leaders["hksar"], leaders["mainland"]


def _read_sides(sentence: Text, together: dict[str, Person], by_side: dict[str, Person]) -> None:
    """Note a sentence's co-chairs (`together`) and each side's highest office (`by_side`), where not noted yet."""
    for clause in sentence.clauses() if TOGETHER.search(sentence.view) else [sentence]:
        met = [m.group("before") or m.group("after") for m in MET_WITH.finditer(clause.view)]  # whom one met
        listed = clause.view.find("包括")  # 率領…代表團,包括政務司司長林鄭月娥…: members, not leaders
        people = [p for p in people_in(clause) if p.side != "central" and not any(p.name in m for m in met)
                  and (listed < 0 or clause.printed.find(p.name) < listed)]
        if TOGETHER.search(clause.view):
            for person in people:
                together.setdefault(person.side, person)
        for side in ("hksar", "mainland"):
            if side not in by_side and (of_side := [p for p in people if p.side == side]):
                by_side[side] = _highest(of_side, HK_RANKS if side == "hksar" else MAINLAND_RANKS)


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


