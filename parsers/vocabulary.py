"""Fixed vocabularies of the release format: numbers in words, counterparts, honorifics, chrome."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, wraps

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}

CARDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_UNITS)} | _ORDINAL_TENS

CARDINAL_PATTERN = r"\d{1,3}|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?(?:" + "|".join(
    sorted(CARDINAL_WORDS, key=len, reverse=True)
) + ")"
ORDINAL_PATTERN = r"\d{1,3}(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty)[- ])?(?:" + "|".join(
    sorted(ORDINAL_WORDS, key=len, reverse=True)
) + ")"


def number_from_words(text: str) -> int | None:
    """Read a cardinal or ordinal in digits or words: '16', 'eight', 'Twenty-first', '4th'."""
    t = text.strip().lower()
    digits = re.match(r"^(\d+)(?:st|nd|rd|th)?$", t)
    if digits:
        return int(digits.group(1))
    parts = re.split(r"[- ]", t)
    total = 0
    for part in parts:
        value = CARDINAL_WORDS.get(part, ORDINAL_WORDS.get(part))
        if value is None:
            return None
        total += value
    return total


# Mainland provinces, municipalities, autonomous regions and the other SAR (the counterparts).
COUNTERPARTS: tuple[str, ...] = (
    "Beijing", "Tianjin", "Shanghai", "Chongqing",
    "Hebei", "Shanxi", "Liaoning", "Jilin", "Heilongjiang", "Jiangsu", "Zhejiang", "Anhui", "Fujian",
    "Jiangxi", "Shandong", "Henan", "Hubei", "Hunan", "Guangdong", "Hainan", "Sichuan", "Guizhou",
    "Yunnan", "Shaanxi", "Gansu", "Qinghai", "Taiwan",
    "Inner Mongolia", "Guangxi", "Tibet", "Ningxia", "Xinjiang",
    "Macao", "Macau",
)

HONORIFICS: tuple[str, ...] = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Prof", "Sir", "Dame", "Madam")

MONTHS: dict[str, int] = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), start=1
    )
}

# Lines that are page furniture, never content (compared case-insensitively after trimming).
CHROME_LINES: frozenset[str] = frozenset(
    s.lower()
    for s in (
        "Press Release", "Press Releases", "Print Table", "Go to main content", "Skip to main content",
        "Jump to the beginning of content", "border image", "Back to list",
        "Back to top", "Photo", "Photos", "Audio / Video", "Audio/Video", "Video", "Print", "Email this article",
        "Traditional Chinese Simplified Chinese Email this article", "Traditional Chinese", "Simplified Chinese",
        "Top", "Back",
    )
)
# Every character that str.split() and re's \s count as white space.
WHITE_SPACE = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# The only non-ASCII letters that re.I matches to ASCII letters: İ ı (i), ſ (s), K (Kelvin sign, k).
_FOLDS_TO_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


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
