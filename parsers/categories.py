"""The fixed category vocabulary of co-operation areas, and the rules that assign one."""
from __future__ import annotations

import re

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
_PATTERNS = {cat: re.compile(r"\b(?:" + "|".join(words) + ")", re.I) for cat, words in CATEGORY_WORDS.items()}
_OTHER_HEADING = re.compile(r"^(?:\(?[ivx]+\)\s*)?other\b", re.I)


def categorise(heading: str | None, text: str) -> str:
    """A heading's category by its words; an unheaded block's by the words its text uses most."""
    if heading:
        if _OTHER_HEADING.match(heading):
            return "other"
        for category, pattern in _PATTERNS.items():
            if pattern.search(heading):
                return category
    scores = {cat: len(p.findall(text)) for cat, p in _PATTERNS.items()}
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] else "other"
