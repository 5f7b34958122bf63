"""The fixed category vocabulary of co-operation areas, and the rules that assign them: an area's category
(`categorise`) and, for the warehouse's `area_categories`, its further ones (`area_categories`).

The categories are the records' values, the same in every language; the words of each are the `Language`'s
(`CategoryWords`), in the order a heading is tried against them.
"""
from __future__ import annotations

import re
from functools import cache
from itertools import compress

from .budget import RULE_CHARACTERS, clip
from .language import ENGLISH, Language
from .language.zh import matching_view
from .strings import cached_when_short

CATEGORIES: tuple[str, ...] = (
    "belt_and_road", "greater_bay_area", "facilitation_hk_people", "legal_dispute_resolution", "finance",
    "innovation_technology", "culture_creative", "tourism", "education", "youth", "talent_exchange",
    "health_medicine", "transport_logistics", "environment", "city_management", "professional_services",
    "trade_investment", "other",
)


def categorise(heading: str | None, text: str, language: Language = ENGLISH) -> str:
    """A heading's category by its words; an unheaded block's by the words its text uses most (in its first
    `budget.RULE_CHARACTERS` characters)."""
    if heading and (category := _heading_category(clip(heading), language)) is not None:
        return category
    scores = word_counts(text[:RULE_CHARACTERS], language)
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] else "other"


@cached_when_short
def _heading_category(heading: str, language: Language) -> str | None:
    """The first category whose words the heading uses ("other" for an Other… heading); None if none."""
    if language.categories.other_heading.match(heading):
        return "other"
    in_heading = word_counts(heading, language)
    return next((category for category in language.categories.words if in_heading[category]), None)


def word_counts(text: str, language: Language = ENGLISH) -> dict[str, int]:
    """Per category, how often its words occur in a text (ignoring case, not overlapping, from word starts)."""
    words = language.categories
    counts = dict.fromkeys(words.words, 0)
    resume_at = dict.fromkeys(words.words, 0)  # where a search for that category alone would go on
    scan, text = (words.scan_lower, text.lower()) if text.isascii() else (words.scan_any_case, text)
    for m in scan.finditer(text):
        for category in compress(words.words, m.groups()):  # the categories whose words begin here
            if m.start() >= resume_at[category]:
                counts[category] += 1
                resume_at[category] = m.end(category)
    return counts


# --- further categories of an area (README, "Topics over time") ------------------------------------------------------
SECONDARY_MIN_WORDS = 3  # a category the text names fewer times than this is a passing word, never a further category
SECONDARY_SHARE = 2  # ... and one named less than 1/SECONDARY_SHARE as often as the text's most named category


def area_categories(heading: str | None, text: str | None, primary: str, language: Language = ENGLISH) -> list[str]:
    """An area's categories, `primary` (its `category`) first; then each other category whose words the heading
    uses (vocabulary order); then each other category whose words the text uses at least `SECONDARY_MIN_WORDS` times
    and at least half as often as the words of the category it uses most (most used first, then vocabulary order).
    A heading starting "Other" names no category. Reads what `categorise` reads: the clipped heading, the text's
    first `RULE_CHARACTERS` characters."""
    found = [primary]
    if heading and not language.categories.other_heading.match(heading):
        in_heading = _counts(clip(heading), language)
        found += [c for c in in_heading if in_heading[c] and c not in found]
    in_text = _counts((text or "")[:RULE_CHARACTERS], language)
    most = max(in_text.values(), default=0)
    ranked = sorted(in_text, key=lambda c: -in_text[c])  # stable: vocabulary order among equals
    found += [c for c in ranked if in_text[c] >= SECONDARY_MIN_WORDS and in_text[c] * SECONDARY_SHARE >= most
              and c not in found]
    return found


def _counts(text: str, language: Language) -> dict[str, int]:
    """`word_counts`, or for a language that marks no word starts (Chinese) each category's words counted in the
    text's matching view (Simplified characters as Traditional), the longest word first, not overlapping."""
    if language.code != "zh":
        return word_counts(text, language)
    view = matching_view(text)
    return {category: len(_any_of(words).findall(view)) for category, words in language.categories.words.items()}


@cache
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
