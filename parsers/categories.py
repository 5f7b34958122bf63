"""The fixed category vocabulary of co-operation areas, and the rules that assign one.

The categories are the records' values, the same in every language; the words of each are the `Language`'s
(`CategoryWords`), in the order a heading is tried against them.
"""
from __future__ import annotations

from itertools import compress

from .budget import RULE_CHARACTERS, clip
from .language import ENGLISH, Language
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
