"""The texts the Chinese rules read from a release's layout: headline, kickers and paragraphs, normalised (full-width
forms as ASCII), each with its Traditional view for matching (`language.zh.matching_view`), and their sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..budget import clip
from ..language.zh import matching_view, normalised
from ..layout import Layout

_SENTENCE_END = re.compile(r"(?<=[。!?])")
_CLAUSE_END = re.compile(r"(?<=[,;])|(?=並|并)")
_PARAGRAPHS = 40  # the paragraphs the rules read, at most (bounded work whatever a page holds)


@dataclass(frozen=True)
class Text:
    """A text as printed (normalised) and its Traditional view, the same length: a match in one is a span of both."""

    printed: str

    @cached_property
    def view(self) -> str:
        return matching_view(self.printed)

    def sentences(self) -> list[Text]:
        return [Text(s) for s in _SENTENCE_END.split(self.printed) if s.strip()]

    def clauses(self) -> list[Text]:
        return [Text(s) for s in _CLAUSE_END.split(self.printed) if s.strip()]


@dataclass
class ReleaseTexts:
    """What the Chinese rules read of one release."""

    headline: Text
    kickers: list[Text]  # short lines above the lead (a story's subheads, a repost's own title)
    paragraphs: list[Text]  # every body paragraph in order: the intro's, the areas', the closing's
    lead: Text  # the first body paragraph

    @classmethod
    def of(cls, layout: Layout) -> ReleaseTexts:
        kickers = [Text(normalised(clip(p.text))) for p in layout.intro if p.kind == "heading"]
        bodies = [p.text for p in layout.intro if p.kind == "body"]
        bodies += [text for area in layout.areas for text in ([area.heading] if area.heading else []) + area.paragraphs]
        bodies += [p.text for p in layout.closing if p.kind in ("body", "bullet")]
        paragraphs = [Text(normalised(clip(text))) for text in bodies[:_PARAGRAPHS]]
        lead = paragraphs[0] if paragraphs else Text("")
        return cls(Text(normalised(clip(layout.headline))), kickers, paragraphs, lead)

    def opening(self, count: int) -> list[Text]:
        """The headline, the kickers and the first `count` paragraphs: where a story reports its plenary."""
        return [self.headline, *self.kickers, *self.paragraphs[:count]]
