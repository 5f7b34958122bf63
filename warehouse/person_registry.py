"""The people known and the resolution of attendees rows to them: pure, on rows and people in memory
(`warehouse.people` reads and writes them). The name rules are `warehouse.person_names`'.

Meeting by meeting, in the order given (the load gives date order): full names first, so that a surname alone finds
the full name printed beside it; then the rows named only in Chinese, by their Chinese name. An ambiguous name gets
no person, and its resolution says why.

A Chinese name joins a person only from a co-chair's row, the one name of its side and role in both languages:
other lists are aligned by order, which a release listing its delegation in another order would get wrong.
A person has one Chinese name (in either script): where releases give two, both are kept as aliases, `name_zh` is
null, neither finds the person for a row named only in Chinese, and a warning says so. Someone first known only in Chinese gets a provisional id (p-zh-…); once a co-chair's row gives that Chinese name
to a person named in English, the provisional person is merged into that one.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .person_names import (PrintedName, chinese_key, person_slug, printed_name, same_name, same_sex, surname_fits,
                           variant_of)


@dataclass
class Person:
    person_id: str
    name: str | None
    honorific: str | None
    name_zh: str | None
    aliases: list[str]
    aliases_zh: list[str]
    is_new: bool = False
    changed: bool = False
    merged_into: str | None = None  # a provisional person (known only in Chinese) found to be this one
    printings: list[PrintedName] = field(default_factory=list)


@dataclass(frozen=True)
class AttendeeRow:
    ref: int            # the row's id in the table
    meeting_id: str
    person: str | None  # as printed in English
    person_zh: str | None
    side: str
    role: str


@dataclass(frozen=True)
class Resolution:
    person: Person | None
    how: str  # name | variant | surname_in_meeting | chinese_name | new | ambiguous: ...


class Registry:
    """The people known, indexed by name key, by each word of a name, and by Chinese name."""

    def __init__(self, people: list[Person] = ()):
        self.people: list[Person] = []
        self._by_key: dict[tuple[str, ...], list[Person]] = defaultdict(list)
        self._by_word: dict[str, list[Person]] = defaultdict(list)
        self._by_compact: dict[str, list[Person]] = defaultdict(list)
        self._by_zh: dict[str, list[Person]] = defaultdict(list)
        self.conflicts: list[str] = []  # a person given a second Chinese name (not taken), for the warnings
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        self.people.append(person)
        person.printings = [p for alias in person.aliases if (p := printed_name(alias)) is not None]
        for printing in person.printings:
            self._index(person, printing)
        for alias in person.aliases_zh:
            self._by_zh[chinese_key(alias)].append(person)

    def resolve_meeting(self, rows: list[AttendeeRow]) -> list[tuple[AttendeeRow, Resolution]]:
        """One meeting's rows named in English (full names, then surnames alone)."""
        names = {row.ref: printed_name(row.person) for row in rows if row.person}
        sole = {key for key, n in Counter((row.side, row.role) for row in rows).items() if n == 1}
        full = [row for row in rows if row.ref in names and not (names[row.ref] and names[row.ref].is_surname_only)]
        alone = [row for row in rows if row.ref in names and names[row.ref] and names[row.ref].is_surname_only]
        done = [(row, self._resolve(names[row.ref], _co_chair_zh(row, sole))) for row in full]
        here = [(names[row.ref], r.person, row.side) for row, r in done if r.person is not None]
        return done + [(row, _resolve_surname(names[row.ref], [(n, p) for n, p, side in here if side == row.side]))
                       for row in alone]

    def resolve_chinese(self, name_zh: str | None) -> Resolution:
        """A row named only in Chinese: the one person named in English with that Chinese name, else the one
        known only by it, else a new (provisional) person."""
        if not name_zh:
            return Resolution(None, "ambiguous: no name printed")
        fits = self._distinct(p for p in self._by_zh.get(chinese_key(name_zh), [])
                              if p.merged_into is None and len(self._keys_zh(p)) == 1)  # a disputed name: no one
        english = [p for p in fits if p.name is not None]
        if len(english) > 1:
            return Resolution(None, "ambiguous: " + " or ".join(p.name for p in english))
        if fits:
            return self._seen((english or fits)[0], None, name_zh, "chinese_name")
        return self._new(None, name_zh)

    def _resolve(self, name: PrintedName | None, name_zh: str | None) -> Resolution:
        """A full name: rule 1 (the same name), then rule 2 (a variant of it), else a new person."""
        if name is None:
            return Resolution(None, "ambiguous: no name printed")
        candidates = {"name": self._by_key.get(name.words, []) + self._by_compact.get(name.compact, []),
                      "variant": [p for w in name.words for p in self._by_word.get(w, [])]}
        for rule, how in ((same_name, "name"), (variant_of, "variant")):
            fits = self._distinct(p for p in candidates[how] if same_sex(name.honorific, p.honorific)
                                  and any(rule(name, known) for known in _comparable(name, p)))
            if len(fits) == 1:
                return self._seen(fits[0], name, name_zh, how)
            if len(fits) > 1:
                return Resolution(None, "ambiguous: " + " or ".join(p.name or p.person_id for p in fits))
        return self._new(name, name_zh)

    def _seen(self, person: Person, name: PrintedName | None, name_zh: str | None, how: str) -> Resolution:
        """The person found: the printing joins their aliases; a Chinese name too, and a provisional person known
        only by it is merged into them."""
        if name is not None and name.name not in person.aliases:
            person.aliases.append(name.name)
            self._index(person, name)
            person.changed = True
        if name is not None and name.honorific and not person.honorific:
            person.honorific, person.changed = name.honorific, True
        key = chinese_key(name_zh) if name_zh else None
        if key and person not in self._by_zh.get(key, []):
            person.aliases_zh.append(name_zh)
            self._by_zh[key].append(person)
            person.changed = True
            if len(self._keys_zh(person)) > 1:  # two Chinese names for one person: neither is taken as the name
                self.conflicts.append(f"{person.person_id}: Chinese names disagree ({', '.join(person.aliases_zh)}); "
                                      "name_zh left null")
        person.name_zh = person.aliases_zh[0] if len(self._keys_zh(person)) == 1 else None
        if key and len(self._keys_zh(person)) == 1:
            self._merge_provisional(person, key)
        return Resolution(person, how)

    @staticmethod
    def _keys_zh(person: Person) -> set[str]:
        return {chinese_key(alias) for alias in person.aliases_zh}

    def _merge_provisional(self, person: Person, key: str | None) -> None:
        """People known only by that Chinese name are this person (named in English)."""
        if key and person.name is not None:
            for other in self._by_zh.get(key, []):
                if other.name is None and other.merged_into is None:
                    other.merged_into = person.person_id

    def _new(self, name: PrintedName | None, name_zh: str | None) -> Resolution:
        base = (person_slug(name) if name else "") or "p-zh-" + hashlib.sha256((name_zh or "").encode()).hexdigest()[:12]
        taken = {p.person_id for p in self.people}
        person_id = next(pid for n in range(1, len(taken) + 2) if (pid := base if n == 1 else f"{base}-{n}") not in taken)
        person = Person(person_id, name.name if name else None, name.honorific if name else None, name_zh,
                        [name.name] if name else [], [name_zh] if name_zh else [], is_new=True)
        self.add(person)
        self._merge_provisional(person, chinese_key(name_zh) if name_zh else None)
        return Resolution(person, "new")

    def _index(self, person: Person, printing: PrintedName) -> None:
        for index, key in ((self._by_key, printing.words), (self._by_compact, printing.compact)):
            if person not in index[key]:
                index[key].append(person)
        for word in set(printing.words):
            if person not in self._by_word[word]:
                self._by_word[word].append(person)
        if printing not in person.printings:
            person.printings.append(printing)

    @staticmethod
    def _distinct(people) -> list[Person]:
        return list({id(p): p for p in people}.values())


def _comparable(name: PrintedName, person: Person) -> list[PrintedName]:
    """The printings of a person a name is compared with: a name spelt out, with those spelt out where there are
    any (initials are matched against the given names of the printing they came with, never through an alias)."""
    spelt = [known for known in person.printings if not known.initials]
    return spelt if spelt and not name.initials else person.printings


def _co_chair_zh(row: AttendeeRow, sole: set[tuple[str, str]]) -> str | None:
    """The Chinese name that may join a person: a co-chair's, alone in its side and role."""
    return row.person_zh if row.role == "co_chair" and (row.side, row.role) in sole else None


def _resolve_surname(name: PrintedName, here: list[tuple[PrintedName, Person]]) -> Resolution:
    """Rule 3: a surname alone is the one person of its meeting's list whose full name has it, or no one."""
    fits = list({id(person): person for full, person in here if surname_fits(name, full)}.values())
    if len(fits) == 1:
        return Resolution(fits[0], "surname_in_meeting")
    if fits:
        return Resolution(None, "ambiguous: " + " or ".join(p.name or p.person_id for p in fits))
    return Resolution(None, "ambiguous: a surname alone, no full name beside it")
