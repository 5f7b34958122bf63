"""A Chinese plenary report's areas of co-operation and the documents signed.

Areas are headed blocks after a paragraph that introduces them as a list (...就以下13個範疇的合作方向達成共識:), as a
Government release prints them; a news story's subheadings are not areas, and a list run into a sentence
(一是…二是…) has no heading: such a story yields no area records. Categories by the Chinese words of each category
(`language.zh_words.CATEGORY_WORDS`): a heading's first, else a block's most frequent.
"""
from __future__ import annotations

import re

from ..language.zh import AGREEMENT, LIST_INTRO_END, SIGNED, matching_view, normalised
from ..language.zh_words import CATEGORY_WORDS
from ..layout import AreaBlock, Layout
from .text import Text


def headed_areas(layout: Layout) -> list[AreaBlock]:
    """The areas, headings and paragraphs normalised; none unless a list intro precedes them."""
    intro = [p.text for p in layout.intro if p.kind == "body"]
    if not intro or not intro[-1].rstrip().endswith(LIST_INTRO_END) or not layout.areas:
        return []
    blocks = [AreaBlock(normalised(a.heading) if a.heading else None,
                        [normalised(t) for t in a.paragraphs if not _RULE.match(t)]) for a in layout.areas]
    return [block for block in blocks if block.paragraphs]


_RULE = re.compile(r"[—―─－\-_=*~\s]{2,}$")  # a row of dashes under a heading ("—————"): no paragraph


def category_of(heading: str | None, text: str) -> str:
    """An area's category: the first whose words its heading holds, else the one its text holds most, else other."""
    if heading:
        view = matching_view(heading)
        if view.lstrip("(一二三四五六七八九十)、. ").startswith("其他"):
            return "other"
        for category, words in CATEGORY_WORDS.items():
            if any(word in view for word in words):
                return category
    view = matching_view(text[:4000])
    counts = {category: sum(view.count(word) for word in words) for category, words in CATEGORY_WORDS.items()}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else "other"


def agreements(paragraphs: list[Text]) -> list[str]:
    """The titles in 《》 of the sentences that tell of documents signed, in order, each once."""
    titles: list[str] = []
    for text in paragraphs:
        for sentence in text.sentences():
            if SIGNED.search(sentence.view):
                titles += [t for t in AGREEMENT.findall(sentence.printed) if t not in titles]
    return titles
