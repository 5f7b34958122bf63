"""The languages releases are read in: every word list and pattern the rules need, one `Language` a language.

The rules (`lines`, `layout`, `meeting`, `people`, `attendees`, `agreements`, `categories`, `relevance`) hold no
word of any language: each takes a `Language` (English, `ENGLISH`, by default) and reads its parts here.
`en.py` is English. A new language is a module beside it (`zh.py` for Chinese: `CHINESE = Language(code="zh",
...)`, every field below filled in its words) listed in `LANGUAGES` at the end of this file; the parse
functions then take it as `language=`. Its words change `PARSER_VERSION` by themselves (`parsers.version`).

Record values are the same in every language: counterparts and categories keep their English names (a language
reads its own words into them), as do the reasons a release is set aside. The closing lines of a release
(`Ends/…`, 完) and a page's furniture that ends it are the site's (`parsers.sites`), in each language it uses.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

Pattern = re.Pattern[str]


@dataclass(frozen=True, eq=False)
class Numbers:
    """Numbers in words (`meeting.number_from_words`): "Fourth" 4, "twenty-first" 21, "16" 16, "4th" 4."""

    cardinals: Mapping[str, int]
    ordinals: Mapping[str, int]
    cardinal: str  # a pattern fragment matching a cardinal in digits or words
    ordinal: str  # the same for an ordinal
    digits: Pattern  # a number in digits, maybe with an ordinal suffix (group 1: the digits)
    parts: Pattern  # what separates the words of a number ("twenty-first", "twenty one")


@dataclass(frozen=True, eq=False)
class Dates:
    """How a release prints a date: month names, and the patterns of a dateline (groups as named)."""

    months: Mapping[str, int]  # month name as printed (capitalised) -> number
    month_day_year: Pattern  # groups: month, day, year ("September 23, 2021")
    day_month_year: Pattern  # groups: day, month, year ("23 September 2021")


@dataclass(frozen=True, eq=False)
class LayoutWords:
    """What `layout` reads the structure with: punctuation, and what opens the closing material."""

    terminal: tuple[str, ...]  # a line ending in one of these is no heading, and its paragraph is complete
    sentence_end: tuple[str, ...]  # a headline ending in one of these (and long) is a sentence of the body
    closers: str  # quotes and brackets that may follow a sentence end
    closing_heading: Pattern  # a heading that opens the closing material
    closing_heading_words: tuple[str, ...]  # one of these is in the folded text of every `closing_heading` match
    closing_paragraph: Pattern  # a body paragraph that opens the closing material
    closing_words: tuple[str, ...]  # the same for `closing_paragraph`, with `closing_start`
    closing_start: str  # a paragraph starting (folded) with this may open the closing material too
    caption: Pattern  # a paragraph before the first heading with this, and without `caption_time`, is a photo caption
    caption_marks: tuple[str, ...]  # every `caption` match holds one of these
    caption_time: Pattern
    cased: bool = True  # False: the script has no capitals (Chinese), so a heading may start with any letter
    chars_per_word: int = 0  # 0: words are separated by spaces; n: a script without spaces, n characters a word

    def word_count(self, text: str, most: int | None = None) -> int:
        """How many words a text has (more than `most` counts as `most` + 1, when given, to stop early)."""
        if self.chars_per_word:
            return len(text.split()) + sum(1 for ch in text if ch >= "\u3400") // self.chars_per_word
        return len(text.split(maxsplit=most)) if most is not None else len(text.split())


@dataclass(frozen=True, eq=False)
class MeetingWords:
    """The meeting's facts in a headline and lead (`meeting`)."""

    numbers: Numbers
    counterpart: Pattern  # group 1: the counterpart named as "Hong Kong/<counterpart> ... conference"
    plenary: Pattern  # group 1: the plenary's number in words
    place: Pattern  # a counterpart named by itself ("Guangdong", "Shanghai")
    conference_named: Pattern  # the conference in any shape; groups counterpart, counterpart_first, counterpart_after
    conference_word: str  # in the folded text of every `conference_named` match
    held: Pattern  # in a sentence with `conference_named`: the conference was held
    held_before: Pattern  # a conference held before the story's day: cited, not reported
    held_today: Pattern  # a sentence of a conference held on the story's day
    told_of: Pattern  # a sentence that tells of the conference, not of its meeting that day
    stated: Pattern  # group 1: how many areas the release says there are
    stated_words: tuple[str, ...]  # every `stated` match ends with one of these words (folded)
    past_work: Pattern  # near a count: the work done before, not the areas agreed
    agreed: Pattern  # near a count, after `past_work`: what this plenary agreed
    not_a_report: Pattern  # a headline (or a title) announcing something other than a plenary held
    other_event: Pattern  # a lead reporting another event held (a working meeting, a signing ceremony)
    visit: Pattern  # a headline about a visit, a day's programme or a call on someone: a report only if it names the plenary
    future_lead: Pattern  # a lead describing a plenary still to come
    future_word: str  # in the folded text of every `future_lead` match
    when: Pattern  # groups: the day word ("today"), month and day printed after it
    when_starts: Pattern  # where every `when` match begins
    yesterday: str  # the day word meaning the day before the release
    on_date: Pattern  # groups: day, month | month, day; year (if printed): "on September 16", "on 21 Mar 2023"
    weekday: Pattern  # group 1: a day of the week, read as the last such day on or before the release
    weekdays: tuple[str, ...]  # Monday first
    venue: Pattern  # group 1: the city in the lead
    venue_starts: Pattern  # where every `venue` match begins
    building: Pattern  # group 1: the city in the name of the building the lead places the meeting in
    wire_dateline: Pattern  # group 1: the city of a wire story's dateline, at the start of its lead
    here: Pattern  # in a lead with `wire_dateline`: the meeting was held in that city
    held_in: Pattern  # group 1: the city in the headline
    not_venues: frozenset[str]  # capitalised words after "in" that are no city
    buildings: frozenset[str]  # the last word of a building's name ("in Yuzhou Hotel" names no city)
    joint: str  # pattern of a joint conference; `{counterpart}` stands for the counterpart's name
    high_level: Pattern  # a "High-Level Meeting cum ... Plenary"


@dataclass(frozen=True, eq=False)
class PeopleWords:
    """People as printed (`people`): honorifics, offices, and the words that tell their side."""

    honorifics: tuple[str, ...]
    person: Pattern  # an honorific and a name
    honorific: Pattern  # where every `person` match begins
    office_start: Pattern  # where an office printed before a name can start
    office_words: Pattern  # a text holding one of these is an office
    abbreviation: Pattern  # "(SJ)" after an office
    central: Pattern  # an office of the Central People's Government
    mainland: Pattern  # an office of a Mainland province or municipality
    postnominal: Pattern  # ", JP" after a name
    leading_word: Pattern  # a word before an office that is not part of it
    leading_the: Pattern  # the article before an office
    no_honorific: Pattern  # groups office, name: "Chief Executive Carrie Lam"
    office_comma_name: Pattern  # groups office, name: "the Vice-Governor of Fujian Province, Guo Ningning,"
    name_comma_office: Pattern  # groups name, office: "Yuan Jiajun, Secretary of the Chongqing Municipal Party Committee,"
    office_after: Pattern  # group office: ", Chief Executive of the HKSAR," after a name
    met_with: Pattern  # before a person: one met, not a co-chair
    ranks: tuple[str, ...]  # the Hong Kong side's offices, highest first


@dataclass(frozen=True, eq=False)
class AttendeeWords:
    """Who attended in what role (`attendees`)."""

    sentence_end: Pattern  # group 1: the white space where a paragraph is cut into sentences
    guest: Pattern
    guest_word: str  # in the folded text of every `guest` match
    signed: Pattern
    signed_word: str  # in the folded text of every `signed` match
    witness: Pattern


@dataclass(frozen=True, eq=False)
class AgreementWords:
    """The titles of documents signed (`agreements`)."""

    signed: Pattern
    signed_word: str  # in the text of every `signed` match
    quoted: Pattern  # group 1: a title in quotes
    quotes: str  # quote marks stripped from a title's ends
    memorandum: Pattern  # group 1: a title named before "signed by"
    signed_by: Pattern  # where every `memorandum` match ends
    signed_by_word: str  # in the folded text of every `signed_by` match
    trailing: Pattern  # what a title's end may carry that is not the title
    trailing_chars: str  # all that `trailing` matches is made of
    chinese_only: Pattern  # a note after a title
    chinese_only_word: str  # in the text of every `chinese_only` match


@dataclass(frozen=True, eq=False)
class CategoryWords:
    """The words of each category of co-operation areas (`categories`; the categories are `categories.CATEGORIES`).

    Ordered: a heading takes the first category whose words it contains, so the specific come first.
    """

    words: Mapping[str, tuple[str, ...]]  # category -> pattern fragments matched from a word start
    other_heading: Pattern  # a heading of the "other" category
    scan_any_case: Pattern  # `category_scan` of `words`, for any text
    scan_lower: Pattern  # the same for lower-cased ASCII text


@dataclass(frozen=True, eq=False)
class RelevanceWords:
    """What a title must name to be worth fetching (`relevance`)."""

    conference: Pattern
    plenary: Pattern
    counterpart: Pattern
    hong_kong: Pattern  # with `counterpart`: a story about the two places ("HK-Fujian conference held")


@dataclass(frozen=True, eq=False)
class Language:
    """One language's words and patterns: what every rule reads a release with. `code` goes to the records."""

    code: str  # ISO 639-1: "en", "zh"
    name: str
    counterparts: tuple[str, ...]  # as printed; an English name is also the record's value
    counterpart_aliases: Mapping[str, str]  # another name printed for a counterpart -> its name in `counterparts`
    chrome: frozenset[str]  # lines of page furniture, lower case (never content)
    furniture: re.Pattern[str]  # a line made only of furniture phrases, run together or not (menus, bars, switchers)
    dates: Dates
    layout: LayoutWords
    meeting: MeetingWords
    people: PeopleWords
    attendees: AttendeeWords
    agreements: AgreementWords
    categories: CategoryWords
    relevance: RelevanceWords
    normalise: Callable[[str], str] | None = None  # what a text in it is read as before its lines (Chinese: full-width forms)


def alternation(words: Iterable[str]) -> str:
    """One pattern that matches any of the words, as a trie of their letters ("G(?:ansu|u(?:ang(?:dong|xi)|...))"):
    Python's re tries each alternative of a flat alternation at each position, a trie only those that share the
    letters read so far (the counterparts' names, searched at every word of every lead, about a third quicker)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return "(?:" + pattern(trie) + ")" if trie else "(?!)"  # no word: a pattern that matches nothing


def category_scan(words: Mapping[str, tuple[str, ...]]) -> str:
    """One pattern for a single pass over a text: at each word start where some category's words begin, a named
    lookahead per category says whether its words begin there (so words of different categories may overlap).
    The words are grouped by first letter, which Python's re tries far quicker than one long alternation.
    """
    assert all(word == word.lower() for group in words.values() for word in group), "written in lower case"
    by_first_letter: dict[str, list[str]] = {}
    for group in words.values():
        for word in group:
            by_first_letter.setdefault(word[0], []).append(word)
    any_word = "|".join(f"(?:{'|'.join(group)})" for group in by_first_letter.values())
    per_category = "".join(rf"(?=(?P<{cat}>{'|'.join(group)})|)" for cat, group in words.items())
    return rf"\b(?=[{''.join(by_first_letter)}])(?={any_word}){per_category}"


# The languages known, by code. A new one is its module beside `en.py`, imported and listed here.
from .en import ENGLISH  # noqa: E402  (it builds on the classes above)
from .zh import CHINESE  # noqa: E402,F401  (also `parsers.language.CHINESE`)
from .zh_words import COUNTERPART_NAMES as CHINESE_PLACE_NAMES  # noqa: E402,F401  (the warehouse's Chinese offices)

LANGUAGES: dict[str, Language] = {ENGLISH.code: ENGLISH, CHINESE.code: CHINESE}
DEFAULT_LANGUAGE = ENGLISH

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SAMPLE = 8_000  # characters of a text its language is judged by
_HAN_PER_WORD = 1.5  # a Chinese text has about this many characters a word an English text has
_HEADLINE_WORDS = 4  # an English headline has at least this many words


def language_of(text: str, headline: str = "") -> Language:
    """The language a release's text is written in: Chinese when its first `_SAMPLE` characters hold more Chinese
    characters than 1.5 times their English words (an English page with a "繁體 简体" switcher is English; a
    Chinese page with an English menu is Chinese), else English. A headline of English words alone makes it English
    whatever its body (an English release "(Chinese only)", an English story followed by its translation)."""
    headline = headline.strip()
    if (headline and _HAN.search(headline) is None and len(_LATIN_WORD.findall(headline)) >= _HEADLINE_WORDS
            and "://" not in headline and headline.lower() not in ENGLISH.chrome
            and not ENGLISH.furniture.fullmatch(headline)):
        return ENGLISH  # (an address or a skip link is no headline: "Press here to Skip to the main content")
    sample = text[:_SAMPLE]
    if _HAN.search(sample) is None:
        return ENGLISH
    han = len(_HAN.findall(sample))
    return CHINESE if han > _HAN_PER_WORD * len(_LATIN_WORD.findall(sample)) else ENGLISH
