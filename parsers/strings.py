"""Text helpers every rule shares, whatever the language: the white-space sets (defined here once), spacing,
case folding as `re.I` reads it, quick searches, and the cache for short texts."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, wraps

# Every character that str.split() and re's \s count as white space.
WHITE_SPACE = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
HTML_SPACE = " \t\n\r\f"  # what HTML counts as white space (not NBSP: a page indents with it)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # `normalise` drops them
SPACES = "\u00a0\u3000\u2002\u2003\u2009\u202f\t"  # `normalise` makes each an ordinary space
BLANK = HTML_SPACE + SPACES + INVISIBLE  # what a line made only of is blank
_OTHER_WHITE_SPACE = WHITE_SPACE.replace(" ", "")
_LONG_TEXT = 65_536  # `single_spaced` makes a longer text single-spaced without splitting it into words
# The only non-ASCII letters that re.I matches to ASCII letters: İ ı (i), ſ (s), K (Kelvin sign, k).
_FOLDS_TO_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def normalise(text: str) -> str:
    """Strip invisible characters and make every kind of space an ordinary one (line breaks kept).

    Replaced with str.replace, not str.translate: translate with a dict costs ~1 ms per 12 KB release, this ~20 µs.
    """
    if not text.isascii():
        for chars, by in ((INVISIBLE, ""), (SPACES, " ")):
            for ch in chars:
                if ch in text:
                    text = text.replace(ch, by)
    elif "\t" in text:  # the only one of those characters in ASCII
        text = text.replace("\t", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def single_spaced(text: str, only_plain_spaces: bool = False) -> str:
    r"""Runs of white space made one space, none at the ends: what re.sub(r"\s+", " ", text).strip() gives.

    `only_plain_spaces`: the caller knows that " " is the only white space in `text`.
    """
    plain = only_plain_spaces or text.isprintable()  # every white space but " " is unprintable
    if plain and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text  # already single-spaced: the tests are quicker than splitting
    if len(text) > _LONG_TEXT:  # its words, split, would take up to 25 times its memory
        return spaces_collapsed(text, "" if plain else _OTHER_WHITE_SPACE).strip(" ")
    return " ".join(text.split())


def spaces_collapsed(text: str, spaces: str) -> str:
    """Each of the characters `spaces` made a space, and each run of spaces one space (str.replace: no regex)."""
    for char in spaces:
        if char in text:
            text = text.replace(char, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def folded(text: str) -> str:
    """Text lower-cased as re.I compares it: if an re.I pattern matches ASCII `word`, then `word in folded(text)`.

    Every character keeps its place: İ is the only one whose lower case is longer, and it is replaced first.
    """
    if not text.isascii():
        for char, ascii_letter in _FOLDS_TO_ASCII:
            if char in text:
                text = text.replace(char, ascii_letter)
    return text.lower()


def contains_any(text: str, words: tuple[str, ...] | str) -> bool:
    """Whether any of the words (or characters) occurs in the text; quicker than any() over a generator."""
    for word in words:
        if word in text:
            return True
    return False


def finditer_from(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern whose (non-empty) matches all begin where `starts` matches.

    Python's re tries a pattern that opens with `\\b` at every position; a literal `starts` is searched far
    quicker, so `pattern` is tried only where it finds something.
    """
    pos = 0
    while (start := starts.search(text, pos)) is not None:
        if (m := pattern.match(text, start.start())) is not None:
            yield m
            pos = m.end()
        else:
            pos = start.start() + 1


# A line made only of rule characters (`****`, `\_\_\_\_`, `----`, `====`). The repeat is possessive (giving
# back a character could never let `$` match): a greedy one kept a backtracking point per character, 450 MB
# for a line of 5 MB.
RULE_LINE = re.compile(r"^(?:\\?[_*=\-~]\s*){3,}+$")
_RULE_STARTS = frozenset("\\_*=-~")


def is_rule_line(text: str) -> bool:
    """Whether a trimmed line is only rule characters (`RULE_LINE`); the first-character test is only a shortcut."""
    return text[:1] in _RULE_STARTS and RULE_LINE.match(text) is not None


SHORT_TEXT = 512  # the longest text the rules' caches keep


def cached_when_short(function: Callable[..., object]) -> Callable[..., object]:
    """`lru_cache(4096)` for a function whose first argument is a text (or None), used only for texts of at most
    `SHORT_TEXT` characters: the cache then holds at most 4096 x 512 characters whatever a release holds."""
    cached = lru_cache(maxsize=4096)(function)

    @wraps(function)
    def call(text, *args):
        return cached(text, *args) if text is None or len(text) <= SHORT_TEXT else function(text, *args)

    return call
