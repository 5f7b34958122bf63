"""The fixed category vocabulary of co-operation areas, and the rules that assign one."""
from __future__ import annotations

import re
from itertools import compress

from .budget import RULE_CHARACTERS, clip
from .vocabulary import cached_when_short

# Regular-expression fragments, each matched from a word start.
# Ordered: a heading takes the first category whose words it contains, so the specific come first.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "belt_and_road": ("belt and road", "belt & road"),
    "greater_bay_area": ("bay area", "greater bay"),
    "facilitation_hk_people": ("facilitation", "hong kong people", "hong kong residents"),
    "legal_dispute_resolution": ("legal", "dispute", "arbitration", "mediation", "law firm", "lawyer"),
    "finance": ("financ", "bond", "stock connect", "listing", "capital market", "insurance", "renminbi", "rmb", "fintech"),
    "innovation_technology": ("innovation", "technolog", "science", "scientific", "r&d", "smart"),
    "culture_creative": ("cultur", "creative", "arts", "art form", "heritage", "xiqu", r"operas?\b", "film", "design"),
    "tourism": ("touris", "travel", "multi-destination"),
    "education": ("education", "school", "universit", "student", "teacher", "vocational", "curriculum"),
    "youth": ("youth", "young people"),
    "talent_exchange": ("talent", "civil serv", "exchange of professionals", "personnel", "training"),
    "health_medicine": ("health", "medic", "hospital", "food safety", "food and drug", "drug", "food"),
    "transport_logistics": (
        "transport", "logistics", "aviation", "airport", "railway", "rail", "maritime", "port", "infrastructure",
        "bridge", "metro", "cargo", "cross-boundary",
    ),
    "environment": ("environment", "pollut", "ecolog", "green", "marine refuse", "emission", "conservation"),
    "city_management": ("city management", "urban", "public services", "flood", "governance"),
    "professional_services": ("professional service", "professional", "construction", "building", "engineering", "accountan"),
    "trade_investment": (
        "trade", "investment", "economic", "commerce", "free trade zone", "cepa", "domestic market",
        "services industr", "business", "market",
    ),
}
CATEGORIES: tuple[str, ...] = (*CATEGORY_WORDS, "other")
_OTHER_HEADING = re.compile(r"^(?:\(?[ivx]+\)\s*)?other\b", re.I)


def _scan_pattern() -> str:
    """One pattern for a single pass over a text: at each word start where some category's words begin, a named
    lookahead per category says whether its words begin there (so words of different categories may overlap).
    The words are grouped by first letter, which Python's re tries far quicker than one long alternation.
    """
    by_first_letter: dict[str, list[str]] = {}
    for words in CATEGORY_WORDS.values():
        for word in words:
            by_first_letter.setdefault(word[0], []).append(word)
    any_word = "|".join(f"(?:{'|'.join(words)})" for words in by_first_letter.values())
    per_category = "".join(rf"(?=(?P<{cat}>{'|'.join(words)})|)" for cat, words in CATEGORY_WORDS.items())
    return rf"\b(?=[{''.join(by_first_letter)}])(?={any_word}){per_category}"


assert all(word == word.lower() for words in CATEGORY_WORDS.values() for word in words), "written in lower case"
_SCAN_ANY_CASE = re.compile(_scan_pattern(), re.I)
_SCAN_LOWER = re.compile(_scan_pattern())  # for lower-cased ASCII text, where it matches as re.I would, only faster


def categorise(heading: str | None, text: str) -> str:
    """A heading's category by its words; an unheaded block's by the words its text uses most (in its first
    `budget.RULE_CHARACTERS` characters)."""
    if heading and (category := _heading_category(clip(heading))) is not None:
        return category
    scores = word_counts(text[:RULE_CHARACTERS])
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] else "other"


@cached_when_short
def _heading_category(heading: str) -> str | None:
    """The first category whose words the heading uses ("other" for an Other… heading); None if none."""
    if _OTHER_HEADING.match(heading):
        return "other"
    in_heading = word_counts(heading)
    return next((category for category in CATEGORY_WORDS if in_heading[category]), None)


def word_counts(text: str) -> dict[str, int]:
    """Per category, how often its words occur in a text (ignoring case, not overlapping, from word starts)."""
    counts = dict.fromkeys(CATEGORY_WORDS, 0)
    resume_at = dict.fromkeys(CATEGORY_WORDS, 0)  # where a search for that category alone would go on
    scan, text = (_SCAN_LOWER, text.lower()) if text.isascii() else (_SCAN_ANY_CASE, text)
    for m in scan.finditer(text):
        for category in compress(CATEGORY_WORDS, m.groups()):  # the categories whose words begin here
            if m.start() >= resume_at[category]:
                counts[category] += 1
                resume_at[category] = m.end(category)
    return counts
