"""Who is who: a name as printed split into honorific and name, the key two printings of one name share, and the
rule that says whether a printing names a person already known (`warehouse.people` applies it to the attendees).

Pure functions. A name's key is its words in lower case, hyphenated given names split ("Chan Kwok-ki" and
"Chan Kwok Ki" agree), initials set apart ("Nicholas W Yang" is "Nicholas Yang" with the initial W) and the words
sorted, so that the given name before or after the surname ("Zhang Xiaoming", "Xiaoming Zhang") is one key.

Two printings name one person when (in this order):
1. their keys (or their letters) are equal and their initials do not differ;
2. one key holds all the words of the other and both have two words or more ("Matthew Cheung" and
   "Matthew Cheung Kin-chung"), or one is initials and a surname and the other's given names have those
   initials ("C Y Leung", "Leung Chun-ying"); and no other person known fits as well;
3. a surname alone ("Mrs Lam") is someone only within one meeting's list, where exactly one other printing with
   the same honorific has that word ("Mrs Carrie Lam").
A surname shared is never enough across meetings: "Mr Chan" in a list with "Mr Paul Chan" and "Mr Frank Chan"
is ambiguous, a data-quality warning, and no person is guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HONORIFICS = ("The Honourable", "The Hon", "Hon", "Mr", "Mrs", "Ms", "Miss", "Madam", "Dr", "Professor", "Prof",
              "Sir", "Dame", "Lady", "Lord", "Ir")
_HONORIFIC = re.compile(r"(?:^|\s)(" + "|".join(re.escape(h) for h in HONORIFICS) + r")\.?(?=\s)")
_POST_NOMINALS = re.compile(r"(?:,?\s+(?:GBM|GBS|SBS|BBS|MH|JP|SC|PDSM|IDSM|OBE|CBE|MBE|QC|KC))+\s*$")
_SPLIT = re.compile(r"[\s\-‐‑]+")


@dataclass(frozen=True)
class PrintedName:
    """A name as printed, taken apart."""
    printed: str
    honorific: str | None
    name: str               # without honorific, office before it or post-nominals ("Carrie Lam")
    words: tuple[str, ...]  # the key: lower-case words, sorted, initials left out
    initials: tuple[str, ...]
    compact: str            # the words' letters in printed order ("huanghuahua" for Huang Hua Hua and Huang Huahua)

    @property
    def is_surname_only(self) -> bool:
        """"Mrs Lam": one word and no initials ("C Y Leung" is a full name)."""
        return len(self.words) == 1 and not self.initials


def printed_name(printed: str) -> PrintedName | None:
    """The name taken apart; None when nothing of a name is left (an honorific alone, punctuation)."""
    text = " ".join(unicodedata.normalize("NFKC", printed).split())
    text = _POST_NOMINALS.sub("", text)
    honorific = None
    found = list(_HONORIFIC.finditer(" " + text + " "))
    if found:  # "Chief Executive Mrs Carrie Lam": the office before the last honorific is not the name
        last = found[-1]
        honorific = last.group(1)
        text = (" " + text + " ")[last.end():].strip()
    text = text.strip(" ,.;:")
    parts = [p.strip(".,'’") for p in text.split() if p.strip(".,'’")]
    initials = tuple(sorted(c.lower() for p in parts if _is_initials(p) for c in p if c.isalpha()))
    printed_words = [w.lower() for p in parts if not _is_initials(p) for w in _SPLIT.split(p) if w]
    if not printed_words:
        return None
    compact = "".join(re.sub(r"[^a-z]", "", w) for p in parts if not _is_initials(p) for w in [p.lower()])
    return PrintedName(printed, honorific, text, tuple(sorted(printed_words)), initials, compact)


def _is_initials(part: str) -> bool:
    """"W", "C.Y." or "CY" (up to three capitals): initials, not a word of the name."""
    letters = part.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3 and (len(letters) == 1 or part.isupper())


def person_slug(name: PrintedName) -> str:
    """The id a new person gets from the name first resolved for them: "p-carrie-lam"."""
    ascii_name = unicodedata.normalize("NFKD", name.name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return f"p-{slug}" if slug else ""


def same_name(a: PrintedName, b: PrintedName) -> bool:
    """Rule 1: the same key or the same letters ("Huang Hua Hua", "Huang Huahua"), and no two different initials."""
    return (a.words == b.words or a.compact == b.compact) and not (a.initials and b.initials and a.initials != b.initials)


def variant_of(a: PrintedName, b: PrintedName) -> bool:
    """Rule 2's test: both have two words or more and one holds all the other's (initials must not differ); or
    one is initials and a surname whose initials are the other's given names' ("C Y Leung", "Leung Chun-ying")."""
    if a.initials and b.initials and a.initials != b.initials:
        return False
    if len(a.words) >= 2 and len(b.words) >= 2:
        small, large = sorted((a.words, b.words), key=len)
        return _holds(large, small)
    short, full = (a, b) if len(a.words) == 1 else (b, a)
    if len(short.words) != 1 or not short.initials or short.words[0] not in full.words:
        return False
    given = list(full.words)
    given.remove(short.words[0])
    return len(given) == len(short.initials) and sorted(w[0] for w in given) == list(short.initials)


def surname_fits(surname: PrintedName, full: PrintedName) -> bool:
    """Rule 3's test: `full` is a full name (two words, or initials and a word), one word the surname, and no
    other honorific."""
    if full.is_surname_only or surname.words[0] not in full.words:
        return False
    return surname.honorific is None or full.honorific is None or surname.honorific == full.honorific


def chinese_key(name_zh: str) -> str:
    """A Chinese name as one spelling: Simplified characters as Traditional (OpenCC's tables), spaces out."""
    return "".join(_to_traditional().convert(name_zh).split())


@lru_cache(maxsize=1)
def _to_traditional():
    from opencc import OpenCC  # imported when a Chinese name is met

    return OpenCC("s2t")


def _holds(large: tuple[str, ...], small: tuple[str, ...]) -> bool:
    remaining = list(large)
    for word in small:
        if word not in remaining:
            return False
        remaining.remove(word)
    return True
