"""Who is who: a name as printed split into honorific and name, the key two printings of one name share, and the
rules that say whether a printing names a person already known (`warehouse.person_registry` applies them).

Pure functions. A name's key is its words in lower case, hyphenated given names split ("Chan Kwok-ki" and
"Chan Kwok Ki" agree), initials set apart ("Nicholas W Yang" is "Nicholas Yang" with the initial W) and the words
sorted, so that the given name before or after the surname ("Zhang Xiaoming", "Xiaoming Zhang") is one key;
a given name printed in one word, two words or hyphenated ("Huahua", "Hua Hua", "Hua-hua") has the same letters.

Two printings name one person when (in this order):
1. their keys (or their letters) are equal, their initials do not differ, and their honorifics are of one sex;
2. one is a run of the other's words, in order, both of two words or more, a hyphenated given name one word
   ("Matthew Cheung", "Cheung Kin-chung" and "Matthew Cheung Kin-chung"; not "Tang Wah" in "Edward Yau Tang-wah"),
   or one is initials and a surname and the other has that surname and given names with those initials
   ("C Y Leung", "Leung Chun-ying"); and no other person known fits as well;
3. a surname alone ("Mrs Lam") is someone only within one meeting's list and side, where exactly one full name
   with an honorific of the same sex has it as a surname ("Mrs Carrie Lam"; "Lam" in "Lam Cheng Yuet-ngor").
A surname shared is never enough across meetings: "Mr Chan" in a list with "Mr Paul Chan" and "Mr Frank Chan Fan"
is ambiguous, a data-quality warning, and no person is guessed.

Where the surname is: the words before the first hyphenated given name ("Matthew Cheung Kin-chung", "Lam Cheng
Yuet-ngor"); the last word after initials ("C Y Leung") or after a hyphenated given name printed first; else any
word ("Carrie Lam", "Zhang Xiaoming", "Frank Chan Fan": the printing does not say which).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HONORIFICS = ("The Honourable", "the Honourable", "The Hon", "the Hon", "Honourable", "Hon", "Mr", "Mrs", "Ms", "Miss", "Madam", "Dr", "Professor",
              "Prof", "Sir", "Dame", "Lady", "Lord", "Ir")
_ONE = r"(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\.?"
# the first honorific, and any that follow it at once ("Dr the Honourable"): the name is what comes after the run
_HONORIFICS = re.compile(rf"(?:^|(?<=\s))(?P<first>{_ONE})(?:\s+{_ONE})*(?=\s)")
_POST_NOMINALS = re.compile(r",\s*[A-Z]{2,6}(?:\s*,\s*[A-Z]{2,6})*\s*$|(?:\s+(?:GBM|GBS|SBS|BBS|MH|JP|SC|PDSM|PMSM|IDSM))+\s*$")
_SPLIT = re.compile(r"[\s\-‐‑]+")
_SEX = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f"}


@dataclass(frozen=True)
class PrintedName:
    """A name as printed, taken apart."""
    printed: str
    honorific: str | None
    name: str               # without honorific, office before it or post-nominals ("Carrie Lam")
    words: tuple[str, ...]  # the key: lower-case words, sorted, initials left out
    initials: tuple[str, ...]
    compact: str            # the words' letters in printed order ("huanghuahua" for Huang Hua Hua and Huang Huahua)
    units: tuple[str, ...]  # the words in printed order, a hyphenated given name one word ("kin-chung")
    surnames: frozenset[str]  # the words that may be the surname (module docstring)

    @property
    def is_surname_only(self) -> bool:
        """"Mrs Lam": one word and no initials ("C Y Leung" is a full name)."""
        return len(self.words) == 1 and not self.initials

    @property
    def sex(self) -> str | None:
        return _SEX.get((self.honorific or "").lower().rstrip("."))


def printed_name(printed: str) -> PrintedName | None:
    """The name taken apart; None when nothing of a name is left (an honorific alone, punctuation)."""
    text = " ".join(unicodedata.normalize("NFKC", printed).split())
    text = _POST_NOMINALS.sub("", text)
    honorific = None
    if m := _HONORIFICS.search(text + " "):  # "Chief Executive Mrs Carrie Lam": what comes before is an office
        honorific = m.group("first").rstrip(".")
        text = text[m.end():]
    text = text.strip(" ,.;:")
    parts = [p.strip(".,'’") for p in text.split() if p.strip(".,'’")]
    named = [p for p in parts if not _is_initials(p)]
    initials = tuple(sorted(c.lower() for p in parts if _is_initials(p) for c in p if c.isalpha()))
    printed_words = [w.lower() for p in named for w in _SPLIT.split(p) if w]
    if not printed_words:
        return None
    units = tuple(p.lower() for p in named)
    compact = "".join(re.sub(r"[^a-z]", "", u) for u in units)
    return PrintedName(printed, honorific, text, tuple(sorted(printed_words)), initials, compact, units,
                       _surnames(units, bool(initials)))


def _is_initials(part: str) -> bool:
    """"W", "C.Y." or "CY" (up to three capitals and no vowel, so that "MA" of "MA Xingrui" is a word)."""
    letters = part.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and len(letters) <= 3):
        return False
    return len(letters) == 1 or "." in part or not set(letters) & set("AEIOU")


def _surnames(units: tuple[str, ...], has_initials: bool) -> frozenset[str]:
    hyphenated = next((i for i, u in enumerate(units) if "-" in u), None)
    if hyphenated:
        return frozenset(units[:hyphenated])
    if hyphenated == 0 or has_initials:
        return frozenset(units[-1:])
    return frozenset(units)  # "Carrie Lam", "Zhang Xiaoming", "Frank Chan Fan": any word may be


def person_slug(name: PrintedName) -> str:
    """The id a new person gets from the name first resolved for them: "p-carrie-lam"."""
    ascii_name = unicodedata.normalize("NFKD", name.name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return f"p-{slug}" if slug else ""


def same_sex(a: str | None, b: str | None) -> bool:
    """Whether two honorifics may name one person: "Mr" and "Ms" may not; "Dr" goes with either."""
    sex_a, sex_b = _SEX.get((a or "").lower().rstrip(".")), _SEX.get((b or "").lower().rstrip("."))
    return sex_a is None or sex_b is None or sex_a == sex_b


def same_name(a: PrintedName, b: PrintedName) -> bool:
    """Rule 1: the same key or the same letters ("Huang Hua Hua", "Huang Huahua"), no two different initials,
    honorifics of one sex."""
    return ((a.words == b.words or a.compact == b.compact) and not (a.initials and b.initials and a.initials != b.initials)
            and same_sex(a.honorific, b.honorific))


def variant_of(a: PrintedName, b: PrintedName) -> bool:
    """Rule 2's test: one is a run of the other's words in order, both of two words or more; or one is initials and
    a surname and the other has that surname and given names with those initials ("C Y Leung", "Leung Chun-ying")."""
    if (a.initials and b.initials and a.initials != b.initials) or not same_sex(a.honorific, b.honorific):
        return False
    if len(a.units) >= 2 and len(b.units) >= 2 and len(a.units) != len(b.units):
        small, large = sorted((a.units, b.units), key=len)
        return any(large[i:i + len(small)] == small for i in range(len(large) - len(small) + 1))
    short, full = (a, b) if len(a.units) == 1 else (b, a)
    if len(short.units) != 1 or not short.initials or full.initials or short.units[0] not in full.surnames:
        return False
    given = [w for u in full.units if u != short.units[0] for w in _SPLIT.split(u)]
    return len(given) == len(short.initials) and sorted(w[0] for w in given) == list(short.initials)


def surname_fits(surname: PrintedName, full: PrintedName) -> bool:
    """Rule 3's test: `full` is a full name (two words, or initials and a word) whose surname is the word, and its
    honorific is not of the other sex."""
    if full.is_surname_only or surname.units[0] not in full.surnames:
        return False
    return same_sex(surname.honorific, full.honorific)


def chinese_key(name_zh: str) -> str:
    """A Chinese name as one spelling: Simplified characters as Traditional (OpenCC's tables), spaces out."""
    return "".join(_to_traditional().convert(name_zh).split())


@lru_cache(maxsize=1)
def _to_traditional():
    from opencc import OpenCC  # imported when a Chinese name is met

    return OpenCC("s2t")
