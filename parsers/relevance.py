"""The discovery-time relevance filter: from a title alone, is a release worth fetching?

It is deliberately generous (a wrongly kept release costs one fetch and is set aside by the full
parser; a wrongly skipped one is lost), and every release it sets aside is recorded with its reason. It keeps
a title that names a co-operation conference in any of its names (the older "... Economic and Trade Co-operation
Conference", "the Third Hong Kong-Fujian Co-operation Conference"), a plenary with a counterpart, or Hong Kong
with a counterpart (a story's "HK-Fujian conference held", "CE attends HK-Shanghai forum").
The words are the `Language`'s (`RelevanceWords`, and `MeetingWords.not_a_report`), in the title's language:
a Chinese title of the Chinese feed or index pages is judged by the Chinese words (`language/zh_titles.py`).
The reasons are in English whatever the title's language, as every reason a release is set aside.
"""
from __future__ import annotations

import re

from .language import ENGLISH, LANGUAGES, Language, RelevanceWords
from .language import zh_titles


def why_not_relevant(title: str, language: Language | str = ENGLISH) -> str | None:
    """None when the title may be a plenary report; otherwise why it is set aside. `language`: a `Language`, or
    its code ("en", "zh")."""
    words, not_a_report = title_words(language)
    title = " ".join(title.split())
    if not title:
        return "the feed or index gave no title"
    names_conference = words.conference.search(title) is not None
    names_plenary = words.plenary.search(title) is not None
    names_counterpart = words.counterpart.search(title) is not None
    names_the_pair = names_counterpart and words.hong_kong.search(title) is not None  # "HK-Fujian conference held"
    if not (names_conference or names_the_pair or (names_plenary and names_counterpart)):
        if names_plenary:
            return "a plenary, but not of a Hong Kong/Mainland co-operation conference"
        return "not about a co-operation conference plenary, nor about Hong Kong and a Mainland counterpart"
    if m := not_a_report.search(title):
        return f"the title announces something other than a plenary held ({m.group(0).strip()!r})"
    return None


def title_words(language: Language | str) -> tuple[RelevanceWords, re.Pattern[str]]:
    """What a title in a language is judged by: its relevance words and what announces something else. A code
    of a language not (yet) listed in `LANGUAGES` is read with its title words alone ("zh": `zh_titles`)."""
    if isinstance(language, Language):
        return language.relevance, language.meeting.not_a_report
    if language in LANGUAGES:
        return title_words(LANGUAGES[language])
    if language in _TITLE_WORDS:
        return _TITLE_WORDS[language]
    raise ValueError(f"no relevance words for language {language!r}; known: {sorted({*LANGUAGES, *_TITLE_WORDS})}")


# Discovery's words of the languages whose full `Language` is not listed in `LANGUAGES` yet.
_TITLE_WORDS: dict[str, tuple[RelevanceWords, re.Pattern[str]]] = {"zh": (zh_titles.RELEVANCE, zh_titles.NOT_A_REPORT)}
